"""The blog in the site navigation, as the themes render it."""

from __future__ import annotations

import pytest

from conftest import follow, page_url, parse, post_file

DOCS = {
    "index.md": "# Home\n\nWelcome.\n",
    "about.md": "# About\n\nAbout us.\n",
    "blog/index.md": "# Our blog\n\nIntro.\n",
    **{
        f"blog/posts/post-{n}.md": f"---\ntitle: Post number {n}\ndate: 2024-01-{n:02d}\ntags: [t]\ncategories: [c]\n---\n\nText {n}.\n"
        for n in range(1, 6)
    },
}
POST_TITLES = [f"Post number {n}" for n in range(1, 6)]
PLUGIN = {"pagination_per_page": 2}


def mkdocs_nav(soup):
    """The mkdocs theme's top nav as [(title, href, active, [(child title, href, active)])]."""
    items = []
    for li in soup.select_one("#navbar-collapse ul.navbar-nav").find_all("li", recursive=False):
        link = li.find("a", recursive=False)
        children = [
            (a.get_text(strip=True), a["href"], "active" in a.get("class", []))
            for a in li.select("ul.dropdown-menu a.dropdown-item")
        ]
        items.append((link.get_text(strip=True), link["href"], "active" in link.get("class", []), children))
    return items


def blog_entry(items):
    [found] = [item for item in items if item[3]]
    return found


def test_without_nav_the_blog_is_a_section(build_site):
    site = build_site(DOCS, plugin=PLUGIN)
    index = site.path("blog/")
    items = mkdocs_nav(parse(index))
    assert [item[0] for item in items] == ["Home", "About", "Blog"]
    title, _, active, children = blog_entry(items)
    assert title == "Blog" and active
    assert [c[0] for c in children] == ["Our blog", "Archive", "Categories", "Tags"]
    targets = [follow(site, index, c[1]) for c in children]
    assert targets == [page_url(site, u) for u in ("blog/", "blog/archive/", "blog/category/", "blog/tags/")]
    assert [c[2] for c in children] == [True, False, False, False]
    nav_text = parse(index).select_one("#navbar-collapse").get_text(" ", strip=True)
    for post in POST_TITLES:
        assert post not in nav_text, "posts are not listed one by one in the nav"

    # Page 2, a post and a tag page keep the blog section highlighted.
    second = follow(site, index, parse(index).select_one("a.blog-pagination-older")["href"])
    for page in (second, post_file(site, "Post number 3"), site.path("blog/tags/t/"), site.path("blog/archive/2024/")):
        title, _, active, children = blog_entry(mkdocs_nav(parse(page)))
        assert active, f"{page.relative_to(site.site_dir)}: the blog section is not highlighted"
        assert [c[0] for c in children] == ["Our blog", "Archive", "Categories", "Tags"]
        assert not any(c[2] for c in children)
        assert [follow(site, page, c[1]) for c in children] == targets
    tags = mkdocs_nav(parse(site.path("blog/tags/")))
    assert [c[2] for c in blog_entry(tags)[3]] == [False, False, False, True]
    about = mkdocs_nav(parse(site.path("about/")))
    assert not blog_entry(about)[2]
    assert [item[2] for item in about] == [False, True, False]


@pytest.mark.parametrize("theme", ["material", "readthedocs"])
def test_other_themes_keep_the_blog_active(build_site, theme):
    site = build_site(DOCS, plugin=PLUGIN, theme=theme)
    second = page_url(site, "blog/page/2/")
    for page in (second, post_file(site, "Post number 2")):
        soup = parse(page)
        if theme == "material":
            active = [li.find(["label", "a"]).get_text(" ", strip=True)
                      for li in soup.select("nav.md-nav--primary > ul > li.md-nav__item--active")]
            assert active == ["Blog"]
        else:
            # readthedocs shows a top-level section as a caption over a list marked current.
            current = soup.select("div.wy-menu-vertical > ul.current")
            assert len(current) == 1, f"{page}: the blog section is not current"
            assert current[0].find_previous_sibling("p", class_="caption").get_text(strip=True) == "Blog"
            assert [a.get_text(strip=True) for a in current[0].select("a")] == [
                "Our blog", "Archive", "Categories", "Tags"]
        text = (soup.select_one("nav.md-nav--primary") or soup.select_one("div.wy-menu-vertical")).get_text(" ")
        for post in POST_TITLES:
            assert post not in text


def test_explicit_nav_listing_the_blog_index(build_site):
    site = build_site(DOCS, plugin=PLUGIN, nav=[{"Home": "index.md"}, {"News": "blog/index.md"}, {"About": "about.md"}])
    index = site.path("blog/")
    items = mkdocs_nav(parse(index))
    assert [item[0] for item in items] == ["Home", "Blog", "About"]
    children = blog_entry(items)[3]
    assert [c[0] for c in children] == ["News", "Archive", "Categories", "Tags"]
    assert [follow(site, index, c[1]) for c in children] == [
        page_url(site, u) for u in ("blog/", "blog/archive/", "blog/category/", "blog/tags/")]
    post = post_file(site, "Post number 1")
    assert blog_entry(mkdocs_nav(parse(post)))[2]


def test_explicit_nav_with_a_blog_section(build_site):
    site = build_site(DOCS, plugin=PLUGIN, nav=["index.md", {"Journal": ["blog/index.md"]}, "about.md"])
    items = mkdocs_nav(parse(site.path("blog/page/2/")))
    assert [item[0] for item in items] == ["Home", "Journal", "About"]
    title, _, active, children = blog_entry(items)
    assert active
    assert [c[0] for c in children] == ["Our blog", "Archive", "Categories", "Tags"]


def test_explicit_nav_without_the_blog(build_site):
    # Any warning (a page missing from the nav, a broken link) fails the build here.
    site = build_site(DOCS, plugin=PLUGIN, nav=["index.md", "about.md"])
    for url in ("blog/", "blog/page/2/", "blog/page/3/", "blog/tags/", "blog/tags/t/", "blog/category/c/",
                "blog/archive/", "blog/archive/2024/"):
        assert site.exists(url), url
    for title in POST_TITLES:
        post = post_file(site, title)
        items = mkdocs_nav(parse(post))
        assert [(i[0], i[2]) for i in items] == [("Home", False), ("About", False)]
        assert parse(post).select_one("h1").get_text(strip=True) == title
    assert [i[0] for i in mkdocs_nav(parse(site.path("blog/")))] == ["Home", "About"]


def test_generated_blog_index_in_the_nav(build_site):
    docs = {k: v for k, v in DOCS.items() if k != "blog/index.md"}
    site = build_site(docs, plugin=PLUGIN, theme={"name": "mkdocs", "locale": "de"})
    index = site.path("blog/")
    items = mkdocs_nav(parse(index))
    assert [item[0] for item in items] == ["Home", "About", "Blog"]
    children = blog_entry(items)[3]
    assert [c[0] for c in children] == ["Blog", "Archiv", "Kategorien", "Schlagwörter"]
    assert [follow(site, index, c[1]) for c in children] == [
        page_url(site, u) for u in ("blog/", "blog/archive/", "blog/category/", "blog/tags/")]
    assert parse(index).title.get_text().startswith("Blog - ")
    assert blog_entry(mkdocs_nav(parse(post_file(site, "Post number 4"))))[2]
