"""Several blogs in one site, listing tables of contents, and the authors' nav section: real
builds on the three themes, read back as a reader would."""

from __future__ import annotations

import feedparser
import pytest

from conftest import THEMES, post


def entry(title: str, date: str, **front) -> str:
    """A post whose excerpt ends at a separator, so its entry has "Continue reading"."""
    return post(title, date, body=f"What {title} says.\n\n<!-- more -->\n\nMore.\n", **front)


TWO_BLOGS = {
    "index.md": "# Home\n",
    "blog/posts/a.md": entry("Garden diary", "2024-03-01", tags=["Shared"], categories=["Notes"]),
    "blog/posts/b.md": entry("Seed list", "2024-02-01", tags=["Shared", "Seeds"]),
    "news/posts/x.md": entry("Release one", "2024-03-05", tags=["Shared"], categories=["Notes"]),
    "news/posts/y.md": entry("Release two", "2024-04-05", tags=["Shared"], categories=["Notes"]),
}
BLOG_TITLES = {"Garden diary", "Seed list"}
NEWS_TITLES = {"Release one", "Release two"}


def titles(soup) -> set[str]:
    return {a.get_text(strip=True) for a in soup.select(".blog-entry-title a, .blog-compact a")}


@pytest.fixture(scope="module", params=[(t, True) for t in THEMES] + [("mkdocs", False)],
                ids=[*THEMES, "mkdocs-flat"])
def two_blogs(request, tmp_path_factory):
    from conftest import run_build, write_tree
    import yaml

    theme, directory_urls = request.param
    project = tmp_path_factory.mktemp("two-blogs")
    write_tree(project / "docs", TWO_BLOGS)
    config = {
        "site_name": "Two blogs", "site_url": "https://example.com/", "theme": {"name": theme},
        "use_directory_urls": directory_urls,
        "plugins": ["search", {"blog-plugin": {}},
                    {"blog-plugin": {"blog_dir": "news", "pagination_per_page": 1, "tags_pagination": True}}],
    }
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return run_build(project, strict=True), directory_urls


def url(path: str, directory_urls: bool) -> str:
    return path if directory_urls else path + "index.html"


def test_each_blog_lists_only_its_own_posts(two_blogs):
    site, d = two_blogs
    assert titles(site.soup(url("blog/", d))) == BLOG_TITLES
    # news: one post a page, newest first, on two pages
    assert titles(site.soup(url("news/", d))) == {"Release two"}
    assert titles(site.soup(url("news/page/2/", d))) == {"Release one"}


def test_a_shared_tag_or_category_never_crosses_blogs(two_blogs):
    site, d = two_blogs
    blog_tag = site.path("blog/tags/shared/" if d else "blog/tags/shared.html")
    news_tag = site.path("news/tags/shared/" if d else "news/tags/shared.html")
    assert titles(site.soup(blog_tag.relative_to(site.site_dir).as_posix())) == BLOG_TITLES
    # The news blog paginates its tag pages (tags_pagination: true, one a page).
    assert titles(site.soup(news_tag.relative_to(site.site_dir).as_posix())) == {"Release two"}
    blog_category = "blog/category/notes/" if d else "blog/category/notes.html"
    news_category = "news/category/notes/" if d else "news/category/notes.html"
    assert titles(site.soup(blog_category)) == {"Garden diary"}
    assert titles(site.soup(news_category)) == {"Release two"}


def test_each_blog_has_its_own_feeds(two_blogs):
    site, _ = two_blogs
    blog = feedparser.parse(site.html("blog/feed.xml"))
    news = feedparser.parse(site.html("news/feed.xml"))
    assert {e.title for e in blog.entries} == BLOG_TITLES
    assert {e.title for e in news.entries} == NEWS_TITLES
    assert blog.feed.title != news.feed.title
    assert {e.title for e in feedparser.parse(site.html("news/tags/shared/feed.xml")).entries} == NEWS_TITLES


def test_each_blog_has_its_own_nav_section(two_blogs):
    site, d = two_blogs
    home = site.soup(url("", d)) if d else site.soup("index.html")
    text = home.get_text(" ", strip=True)
    assert "Blog" in text and "News" in text
    hrefs = {a.get("href", "") for a in home.find_all("a")}
    assert any(h.rstrip("/").endswith("news") or h.endswith("news/index.html") for h in hrefs)


def test_a_blog_page_advertises_only_its_own_feeds(two_blogs):
    site, d = two_blogs
    page = site.soup(url("news/", d))
    feeds = [link["href"] for link in page.find_all("link", rel="alternate")]
    assert feeds and all("news/" in href or href.startswith(("feed", "rss")) for href in feeds)
    assert not any("blog/" in href for href in feeds)


def test_two_blogs_in_one_folder_stop_the_build(build_site):
    from mkdocs.exceptions import Abort

    with pytest.raises(Abort):
        build_site(TWO_BLOGS, plugins=[{"blog-plugin": {}}, {"blog-plugin": {}}])


TOC_DOCS = {
    "index.md": "# Home\n",
    "blog/index.md": "# Blog\n\n## About this blog\n\nHello.\n",
    **{f"blog/posts/p{i}.md": entry(f"Post {i}", f"2024-01-{i + 1:02d}", categories=["Notes"], tags=["t"])
       for i in range(3)},
}


@pytest.mark.parametrize("theme", THEMES)
def test_listing_tables_of_contents_list_the_posts(build_site, theme):
    site = build_site(TOC_DOCS, theme=theme, strict=True, plugin={
        "blog_toc": True, "archive_toc": True, "categories_toc": True, "tags_toc": True,
    })
    pages = ("blog/", "blog/archive/2024/", "blog/category/notes/", "blog/tags/t/")
    if theme == "readthedocs":  # it shows a page's contents inside the nav: for pages in the nav
        pages = ("blog/",)
    for page in pages:
        soup = site.soup(page)
        anchors = [node["id"] for node in soup.select("article.blog-entry[id], .blog-compact li[id]")]
        assert len(anchors) == 3, page
        # Each post on the page has a link to its entry outside the listing: the table of contents.
        links = {a["href"] for a in soup.find_all("a", href=True) if not a.find_parent("article")}
        assert {f"#{a}" for a in anchors} <= links, page
    assert "#about-this-blog" in {a["href"] for a in site.soup("blog/").find_all("a", href=True)}


@pytest.mark.parametrize("theme", THEMES)
def test_without_toc_options_listings_have_no_post_toc(build_site, theme):
    site = build_site(TOC_DOCS, theme=theme, strict=True)
    soup = site.soup("blog/category/notes/")
    anchors = {f"#{node['id']}" for node in soup.select("article.blog-entry[id]")}
    assert anchors and not anchors & {a["href"] for a in soup.find_all("a", href=True)}


AUTHORS = {
    "index.md": "# Home\n",
    "blog/.authors.yml": "authors:\n  ana: {name: Ana Gomez}\n  bo: {name: Bo Lind}\n",
    "blog/posts/a.md": entry("First", "2024-01-01", authors=["ana"]),
    "blog/posts/b.md": entry("Second", "2024-01-02", authors=["bo"]),
}


@pytest.mark.parametrize("theme", THEMES)
def test_author_pages_get_a_nav_section_named_by_the_option(build_site, theme):
    site = build_site(AUTHORS, theme=theme, strict=True,
                      plugin={"authors_profiles": True, "authors_profiles_name": "People"})
    soup = site.soup("blog/")
    nav = " ".join(n.get_text(" ", strip=True) for n in soup.select("nav, .wy-menu, .navbar, .md-nav"))
    assert "People" in nav
    hrefs = {a.get("href", "").split("#")[0] for a in soup.find_all("a")}
    assert any(h.endswith("author/ana/") for h in hrefs) and any(h.endswith("author/bo/") for h in hrefs)


LANGUAGES = {
    "index.md": "# Home\n",
    "fr/index.md": "# Accueil\n",
    "blog/posts/a.md": entry("Spring planting", "2024-03-01", tags=["Garden"]),
    "fr/blog/posts/a.md": entry("Semis de printemps", "2024-03-01", tags=["Jardin"]),
}


@pytest.mark.parametrize("theme", THEMES)
def test_one_blog_per_language(build_site, theme):
    """The built-in way to a multilingual blog: one instance per language folder."""
    site = build_site(LANGUAGES, theme=theme, strict=True, plugins=[
        "search", {"blog-plugin": {}}, {"blog-plugin": {"blog_dir": "fr/blog", "language": "fr"}},
    ])
    english, french = site.soup("blog/"), site.soup("fr/blog/")
    assert titles(english) == {"Spring planting"} and titles(french) == {"Semis de printemps"}
    assert "Continue reading" in english.get_text() and "Lire la suite" in french.get_text()
    assert french.select_one("time.blog-date").get_text(strip=True) == "1 mars 2024"
    assert english.select_one("time.blog-date").get_text(strip=True) == "March 1, 2024"
    assert titles(site.soup("fr/blog/tags/jardin/")) == {"Semis de printemps"}
    assert not site.exists("blog/tags/jardin/") and not site.exists("fr/blog/tags/garden/")
    feed = feedparser.parse(site.html("fr/blog/feed.xml"))
    assert [e.title for e in feed.entries] == ["Semis de printemps"]
    assert feed.feed.language == "fr"
