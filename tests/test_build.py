"""Whole-site builds of the blog: real MkDocs builds into tmp_path, read back as a reader would.

One shared blog of twelve posts is built for every theme x ``use_directory_urls``; the other tests
build one small site per scenario. Pages are reached by following the links the site itself
shows (pagination, titles, tags, previous/next), so a broken link fails the test that follows it.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import (
    THEMES, Site, check_warnings, run_build, write_tree, parse, ids_of, link_problems, repeated_ids, follow, main_content, h1_texts, entry_titles, entry, blog_pages, page_url, listing_pages, post_file,
)

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)

def serve_build(project: Path, *, expect_warnings=(), config=None, startup: bool = True) -> Site:
    """Build like ``mkdocs serve`` does: command 'serve', drafts included in the preview."""
    from conftest import _Recorder, listening

    if config is None:
        config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(project / "site"))
    with listening(_Recorder()) as recorder:
        if startup:
            config.plugins.on_startup(command="serve", dirty=False)
        build(config, serve_url="http://127.0.0.1:8000/")
    return check_warnings(Site(project, Path(config.site_dir), config, recorder.messages), expect_warnings)


def write_project(root: Path, docs: dict, **cfg) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    write_tree(root / "docs", docs)
    config = {
        "site_name": "Test site",
        "site_url": "https://example.com/",
        "theme": {"name": "mkdocs"},
        "plugins": ["search", {"blog-plugin": {}}],
    }
    config.update(cfg)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return root


# -- the shared blog ---------------------------------------------------------------------------

SHARED_DOCS = {
    "index.md": "# Home\n\nWelcome. Read the [blog](blog/index.md).\n",
    "about.md": "# About\n\nAbout this site.\n",
    "blog/index.md": "# Our blog\n\nIntro paragraph of the blog.\n",
    "blog/posts/pinned.md": """
        ---
        title: House rules
        date: 2023-01-05
        pin: true
        categories: [News]
        tags: [C]
        ---

        Please read these rules first.

        <!-- more -->

        The rules themselves.
    """,
    "blog/posts/cpp.md": """
        ---
        date: 2024-06-01
        categories: [Releases]
        tags: [C++]
        ---

        # Modern C++ notes

        Templates are fun. See [setup](#setup)[^1].

        ## Setup

        Install a compiler.

        <!-- more -->

        More details after the cut.

        [^1]: A footnote in the C++ post.
    """,
    "blog/posts/csharp.md": """
        ---
        title: C# for beginners
        date: 2024-05-20 09:30:00
        categories: [Releases, Tutorials]
        tags: [C#]
        ---

        Properties and events. See [setup](#setup)[^1].

        ## Setup

        Install the SDK.

        <!-- more -->

        The rest of the tutorial.

        [^1]: A footnote in the C# post.
    """,
    "blog/posts/plain-c.md": """
        ---
        title: Plain C
        date: 2024-05-10
        tags: [C]
        categories: [Tutorials]
        ---

        Pointers, arrays and you.

        Second paragraph about pointers.

        Third paragraph about memory.
    """,
    "blog/posts/short.md": """
        ---
        title: A short note
        date: 2024-04-02
        tags: [C, C++]
        ---

        Only one paragraph here.
    """,
    "blog/posts/picture.md": """
        ---
        title: A picture post
        date: 2024-03-15
        categories: [News]
        ---

        Look at this: ![a pixel](pixel.png) and the [about page](../../about.md).

        <!-- more -->

        After the picture.
    """,
    "blog/posts/pixel.png": PNG,
    "blog/posts/frontmatter-excerpt.md": """
        ---
        title: Excerpt from front matter
        date: 2024-02-28
        excerpt: "A **hand-written** summary."
        ---

        The body starts differently and is quite long.

        It goes on.
    """,
    "blog/posts/heading-title.md": """
        ---
        date: 2024-02-10
        ---

        # Heading as title

        The body has its own heading.

        <!-- more -->

        And more text.
    """,
    "blog/posts/both-titles.md": """
        ---
        title: Both titles
        date: 2024-01-20
        ---

        # Both titles

        Front matter title and a heading.
    """,
    "blog/posts/older-2023a.md": """
        ---
        title: Autumn notes
        date: 2023-10-01
        categories: [News]
        ---

        Autumn text.
    """,
    "blog/posts/older-2023b.md": """
        ---
        title: Summer notes
        date: 2023-07-01
        ---

        Summer text.
    """,
    "blog/posts/older-2023c.md": """
        ---
        title: Spring notes
        date: 2023-04-01
        ---

        Spring text.
    """,
}

#: Listing order: pinned first, then newest first.
LISTED = [
    "House rules", "Modern C++ notes", "C# for beginners", "Plain C", "A short note",
    "A picture post", "Excerpt from front matter", "Heading as title", "Both titles",
    "Autumn notes", "Summer notes", "Spring notes",
]
#: Date order, oldest first: what previous/next walk through.
BY_DATE = [
    "House rules", "Spring notes", "Summer notes", "Autumn notes", "Both titles", "Heading as title",
    "Excerpt from front matter", "A picture post", "A short note", "Plain C", "C# for beginners",
    "Modern C++ notes",
]
DATES = {
    "House rules": "2023-01-05T00:00:00+00:00",
    "Modern C++ notes": "2024-06-01T00:00:00+00:00",
    "C# for beginners": "2024-05-20T09:30:00+00:00",
}
CONTINUED = {"House rules", "Modern C++ notes", "C# for beginners", "Plain C", "A picture post",
             "Excerpt from front matter", "Heading as title"}
TAGS = {"C": ["House rules", "Plain C", "A short note"], "C#": ["C# for beginners"],
        "C++": ["Modern C++ notes", "A short note"]}
CATEGORIES = {"News": ["House rules", "A picture post", "Autumn notes"],
              "Releases": ["Modern C++ notes", "C# for beginners"],
              "Tutorials": ["C# for beginners", "Plain C"]}


@pytest.fixture(scope="module", params=[(t, u) for t in THEMES for u in (True, False)],
                ids=lambda p: f"{p[0]}-{'dirs' if p[1] else 'files'}")
def shared(request, tmp_path_factory) -> tuple[Site, str]:
    theme, directory_urls = request.param
    root = write_project(
        tmp_path_factory.mktemp(f"shared-{theme}"), SHARED_DOCS,
        theme={"name": theme}, use_directory_urls=directory_urls,
        markdown_extensions=["footnotes", "toc"],
        plugins=["search", {"blog-plugin": {"pagination_per_page": 5}}],
    )
    return run_build(root), theme




def test_index_lists_pinned_then_newest_across_pages(shared):
    site, _ = shared
    pages = listing_pages(site)
    assert len(pages) == 3
    per_page = [entry_titles(parse(p)) for p in pages]
    assert [len(t) for t in per_page] == [5, 5, 2]
    assert sum(per_page, []) == LISTED
    assert parse(pages[0]).select_one(".blog-pinned") is not None
    assert entry(parse(pages[0]), "House rules").select_one(".blog-pinned") is not None
    assert entry(parse(pages[0]), "Modern C++ notes").select_one(".blog-pinned") is None


def test_pagination_links_resolve(shared):
    site, _ = shared
    first, second, third = listing_pages(site)
    soup = parse(second)
    nav = soup.select_one("nav.blog-pagination")
    assert follow(site, second, nav.select_one("a.blog-pagination-newer")["href"]) == first
    assert follow(site, second, nav.select_one("a.blog-pagination-older")["href"]) == third
    assert nav.select_one(".blog-pagination-current").get_text(strip=True) == "2"
    numbered = {a.get_text(strip=True): follow(site, second, a["href"])
                for a in nav.select(".blog-pagination-pages a")}
    assert numbered == {"1": first, "3": third}
    assert soup.select_one(".blog-page-of").get_text(strip=True) == "Page 2 of 3"
    assert parse(first).select_one("a.blog-pagination-newer") is None
    assert parse(third).select_one("a.blog-pagination-older") is None
    # Page 1 is the blog's index page itself.
    assert first == page_url(site, "blog/")


def test_intro_on_first_page_only_and_one_h1(shared):
    site, theme = shared
    first, second, _ = listing_pages(site)
    main1 = main_content(parse(first), theme)
    main2 = main_content(parse(second), theme)
    assert "Intro paragraph of the blog." in main1.get_text()
    assert "Intro paragraph of the blog." not in main2.get_text()
    assert h1_texts(main1) == ["Our blog"]
    assert h1_texts(main2) == ["Our blog"]


def test_listing_entries(shared):
    site, theme = shared
    pages = listing_pages(site)
    seen = set()
    for page in pages:
        soup = parse(page)
        for article in soup.select("article.blog-entry"):
            title_link = article.select_one(".blog-entry-title a")
            title = title_link.get_text(strip=True)
            seen.add(title)
            post = follow(site, page, title_link["href"])
            assert h1_texts(main_content(parse(post), theme)) == [title]
            time = article.select_one(".blog-meta time.blog-date[datetime]")
            parsed = dt.datetime.fromisoformat(time["datetime"])
            assert parsed.tzinfo is not None
            if title in DATES:
                assert time["datetime"] == DATES[title]
            assert re.fullmatch(r"\d+ min read", article.select_one(".blog-readtime").get_text(strip=True))
            for link in article.select("a.blog-category"):
                target = parse(follow(site, page, link["href"]))
                assert h1_texts(main_content(target, theme)) == [link.get_text(strip=True)]
                assert title in entry_titles(target)
            for link in article.select("a.blog-tag"):
                target = parse(follow(site, page, link["href"]))
                assert h1_texts(main_content(target, theme)) == [link.get_text(strip=True)]
                assert title in entry_titles(target)
            cont = article.select_one(".blog-continue a")
            if title in CONTINUED:
                assert cont is not None, f"{title}: no 'Continue reading'"
                assert cont.get_text(" ", strip=True).startswith("Continue reading")
                assert follow(site, page, cont["href"]) == post
            else:
                assert cont is None, f"{title}: 'Continue reading' although the excerpt is the whole post"
    assert seen == set(LISTED)
    first = parse(pages[0])
    assert [a.get_text(strip=True) for a in entry(first, "A short note").select("a.blog-tag")] == ["C", "C++"]
    assert [a.get_text(strip=True) for a in entry(first, "C# for beginners").select("a.blog-category")] == [
        "Releases", "Tutorials"]
    assert entry(first, "Plain C").select_one(".blog-excerpt").get_text(" ", strip=True) == "Pointers, arrays and you."


def test_tags_overview_and_pages(shared):
    site, theme = shared
    overview = page_url(site, "blog/tags/")
    soup = parse(overview)
    assert h1_texts(main_content(soup, theme)) == ["Tags"]
    items = soup.select("ul.blog-overview li")
    rows = {li.a.get_text(strip=True): li.select_one(".blog-count").get_text(strip=True) for li in items}
    assert rows == {"C": "3 posts", "C#": "1 post", "C++": "2 posts"}
    targets = {li.a.get_text(strip=True): follow(site, overview, li.a["href"]) for li in items}
    assert len(set(targets.values())) == 3, "C, C# and C++ must get three different pages"
    for name, target in targets.items():
        page = parse(target)
        assert h1_texts(main_content(page, theme)) == [name]
        assert sorted(entry_titles(page)) == sorted(TAGS[name])


def test_categories_overview_and_pages(shared):
    site, theme = shared
    overview = page_url(site, "blog/category/")
    soup = parse(overview)
    assert h1_texts(main_content(soup, theme)) == ["Categories"]
    items = soup.select("ul.blog-overview li")
    assert [li.a.get_text(strip=True) for li in items] == ["News", "Releases", "Tutorials"]
    for li in items:
        name = li.a.get_text(strip=True)
        assert li.select_one(".blog-count").get_text(strip=True) == f"{len(CATEGORIES[name])} posts"
        page = parse(follow(site, overview, li.a["href"]))
        assert h1_texts(main_content(page, theme)) == [name]
        assert sorted(entry_titles(page)) == sorted(CATEGORIES[name])


def test_archive_overview_and_years(shared):
    site, theme = shared
    overview = page_url(site, "blog/archive/")
    soup = parse(overview)
    assert h1_texts(main_content(soup, theme)) == ["Archive"]
    items = soup.select("ul.blog-overview li")
    assert [(li.a.get_text(strip=True), li.select_one(".blog-count").get_text(strip=True)) for li in items] == [
        ("2024", "8 posts"), ("2023", "4 posts")]
    year_2023 = follow(site, overview, items[1].a["href"])
    assert entry_titles(parse(year_2023)) == ["Autumn notes", "Summer notes", "Spring notes", "House rules"]
    year_2024 = follow(site, overview, items[0].a["href"])
    titles = entry_titles(parse(year_2024))
    older = parse(year_2024).select_one("a.blog-pagination-older")
    assert older is not None, "8 posts at 5 per page: the 2024 archive has two pages"
    titles += entry_titles(parse(follow(site, year_2024, older["href"])))
    assert titles == [t for t in LISTED if t not in ("House rules", "Autumn notes", "Summer notes", "Spring notes")]




@pytest.mark.parametrize("title", ["Modern C++ notes", "Heading as title", "Both titles", "Plain C"])
def test_post_page_has_one_h1_and_a_header(shared, title):
    site, theme = shared
    path = post_file(site, title)
    main = main_content(parse(path), theme)
    assert h1_texts(main) == [title]
    header = main.select_one("header.blog-post-header")
    assert header is not None
    assert header.select_one("time.blog-date[datetime]") is not None
    # The header comes right after the title, before the body's first paragraph.
    h1 = main.find("h1")
    assert h1.parent is header or h1.find_next("header") is header
    first_paragraph = main.find("p", class_=lambda c: not c)
    assert first_paragraph is not None
    assert header.find_next("p", class_=lambda c: not c) is first_paragraph


def test_post_page_meta_links(shared):
    site, theme = shared
    path = post_file(site, "C# for beginners")
    header = main_content(parse(path), theme).select_one("header.blog-post-header")
    assert header.select_one("time.blog-date")["datetime"] == "2024-05-20T09:30:00+00:00"
    assert header.select_one("time.blog-date").get_text(strip=True) == "May 20, 2024"
    tags = {a.get_text(strip=True): follow(site, path, a["href"]) for a in header.select("a.blog-tag")}
    cats = {a.get_text(strip=True): follow(site, path, a["href"]) for a in header.select("a.blog-category")}
    assert list(tags) == ["C#"] and list(cats) == ["Releases", "Tutorials"]
    assert h1_texts(main_content(parse(cats["Tutorials"]), theme)) == ["Tutorials"]


def test_previous_next_walk_in_date_order(shared):
    site, theme = shared
    page = post_file(site, BY_DATE[0])
    walked = []
    while True:
        soup = parse(page)
        walked.append(h1_texts(main_content(soup, theme))[0])
        nxt = soup.select_one("nav.blog-post-nav a.blog-post-nav-next")
        if nxt is None:
            break
        assert nxt.get_text(" ", strip=True).endswith(BY_DATE[len(walked)])
        page = follow(site, page, nxt["href"])
    assert walked == BY_DATE
    back = []
    while page is not None:
        soup = parse(page)
        back.append(h1_texts(main_content(soup, theme))[0])
        prev = soup.select_one("nav.blog-post-nav a.blog-post-nav-previous")
        page = follow(site, page, prev["href"]) if prev is not None else None
    assert back == BY_DATE[::-1]


def test_theme_markup_on_generated_pages(shared):
    site, theme = shared
    marker = {"mkdocs": "div.navbar", "readthedocs": "nav.wy-nav-side", "material": "header.md-header"}[theme]
    for url in ("blog/", "blog/tags/", "blog/category/", "blog/archive/"):
        soup = parse(page_url(site, url))
        assert soup.select_one(marker) is not None, f"{url}: not rendered with the {theme} theme"
        main_content(soup, theme)
    soup = parse(listing_pages(site)[1])
    assert soup.select_one(marker) is not None
    assert soup.title is not None and "Our blog" in soup.title.get_text()


def test_blog_pages_have_unique_ids_and_working_links(shared):
    site, _ = shared
    pages = blog_pages(site)
    assert len(pages) >= 12 + 3 + 4 + 4 + 2
    problems = []
    for page in pages:
        problems += [f"{page.relative_to(site.site_dir)}: id {i!r} repeated" for i in repeated_ids(page)]
        problems += link_problems(site.site_dir, page)
    assert problems == []


def test_canonical_urls_and_sitemap(shared):
    site, _ = shared
    root_page = site.site_dir / "index.html"
    for page in blog_pages(site):
        canonical = parse(page).find("link", rel="canonical")
        assert canonical is not None, page
        href = canonical["href"]
        assert href.startswith("https://example.com/")
        assert follow(site, root_page, "/" + href[len("https://example.com/"):]) == page, (
            f"{page.relative_to(site.site_dir)}: canonical {href} is another page")
    sitemap = (site.site_dir / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>https://example\.com/(.*?)</loc>", sitemap)
    targets = [follow(site, root_page, "/" + loc) for loc in locs]
    assert len(set(targets)) == len(targets)
    for title in LISTED:
        assert post_file(site, title) in targets, f"{title} missing from the sitemap"
    for url in ("blog/", "blog/tags/", "blog/archive/"):
        assert page_url(site, url) in targets


def test_stylesheet_linked_and_copied(shared):
    site, _ = shared
    for page in (page_url(site, "blog/"), post_file(site, "Plain C"), site.path("index.html")):
        links = [link["href"] for link in parse(page).find_all("link", rel="stylesheet")
                 if link["href"].split("?")[0].endswith("blog-plugin/blog-plugin.css")]
        assert len(links) == 1, f"{page}: our stylesheet is not linked once"
        target = follow(site, page, links[0].split("?")[0])
        assert ".blog-entry" in target.read_text(encoding="utf-8")


# -- excerpts on listing pages -------------------------------------------------------------------

def test_excerpt_links_images_and_anchors(shared):
    site, theme = shared
    first, second, _ = listing_pages(site)
    soup = parse(first)
    cpp_post = post_file(site, "Modern C++ notes")
    cpp = entry(soup, "Modern C++ notes").select_one(".blog-excerpt")
    anchors = {a.get_text(strip=True): a["href"] for a in cpp.find_all("a")}
    assert follow(site, first, anchors["setup"]) == cpp_post
    assert urlsplit(anchors["setup"]).fragment == "setup"
    assert urlsplit(anchors["1"]).fragment == "fn:1"
    assert follow(site, first, anchors["1"]) == cpp_post
    assert "fn:1" in ids_of(cpp_post) and "setup" in ids_of(cpp_post)
    cs = entry(soup, "C# for beginners").select_one(".blog-excerpt")
    assert urlsplit(cs.find("a", string="setup")["href"]).fragment == "setup"
    assert follow(site, first, cs.find("a", string="setup")["href"]) == post_file(site, "C# for beginners")
    # Both excerpts have a "Setup" heading and a footnote; the page still has no repeated id.
    assert cpp.find("h2") is not None and cs.find("h2") is not None
    assert repeated_ids(first) == []
    # The excerpt never repeats the post's title as a heading.
    for page in (first, second):
        for article in parse(page).select("article.blog-entry"):
            assert article.select(".blog-excerpt h1") == []
    assert "Modern C++ notes" not in cpp.get_text()
    heading_post = entry(parse(second), "Heading as title").select_one(".blog-excerpt")
    assert heading_post.get_text(" ", strip=True) == "The body has its own heading."
    both = entry(parse(second), "Both titles").select_one(".blog-excerpt")
    assert both.get_text(" ", strip=True) == "Front matter title and a heading."


def test_excerpt_image_and_relative_link_resolve_from_every_listing(shared):
    site, theme = shared
    second = listing_pages(site)[1]
    news = follow(site, page_url(site, "blog/category/"),
                  parse(page_url(site, "blog/category/")).find("a", string="News")["href"])
    archive_2024 = page_url(site, "blog/archive/2024/")
    pages = [second, news, follow(site, archive_2024, parse(archive_2024).select_one("a.blog-pagination-older")["href"])
             if "A picture post" not in entry_titles(parse(archive_2024)) else archive_2024]
    # The image beside the post is copied (wherever the blog publishes it) and shown everywhere.
    post = post_file(site, "A picture post")
    pixel = follow(site, post, main_content(parse(post), theme).img["src"])
    assert pixel.read_bytes() == PNG
    about = page_url(site, "about/")
    for page in pages:
        excerpt = entry(parse(page), "A picture post").select_one(".blog-excerpt")
        assert follow(site, page, excerpt.img["src"]) == pixel
        assert follow(site, page, excerpt.find("a", string="about page")["href"]) == about


def test_front_matter_excerpt_wins(shared):
    site, _ = shared
    second = parse(listing_pages(site)[1])
    article = entry(second, "Excerpt from front matter")
    excerpt = article.select_one(".blog-excerpt")
    assert excerpt.get_text(" ", strip=True) == "A hand-written summary."
    assert excerpt.find("strong").get_text() == "hand-written"
    assert "The body starts differently" not in article.get_text()


HEADING_DOCS = {
    "blog/posts/setext.md": "---\ndate: 2024-01-01\n---\n\nSetext title\n============\n\nBody one.\n",
    "blog/posts/late.md": (
        "---\ndate: 2024-01-02\n---\n\nIntro first.\n\n# Late heading\n\nBody two.\n\n<!-- more -->\n\nRest.\n"
    ),
    "blog/posts/nospace.md": "---\ndate: 2024-01-03\n---\n\n#Tight heading\n\nBody three.\n",
    "blog/posts/attr.md": "---\ndate: 2024-01-04\n---\n\n# Custom id {#my-id}\n\nBody four.\n",
}
HEADING_CONFIG = {"markdown_extensions": ["attr_list", "toc"]}


@pytest.fixture(scope="module")
def headings(tmp_path_factory) -> Site:
    root = write_project(tmp_path_factory.mktemp("headings"), HEADING_DOCS, **HEADING_CONFIG)
    return run_build(root)


def test_post_pages_have_one_h1_whatever_the_heading_style(headings):
    site = headings
    for post in sorted((site.site_dir / "blog/2024").rglob("*.html")):
        main = main_content(parse(post), "mkdocs")
        assert len(h1_texts(main)) == 1, f"{post.relative_to(site.site_dir)}: h1s {h1_texts(main)}"
        assert main.select_one("header.blog-post-header") is not None
    assert sorted(h1_texts(main_content(parse(p), "mkdocs"))[0]
                  for p in (site.site_dir / "blog/2024").rglob("*.html")) == [
        "Custom id", "Late heading", "Setext title", "Tight heading"]


def test_listing_has_one_h1_when_a_post_has_a_later_heading(headings):
    # The title comes from a heading below the first paragraph; the excerpt must not repeat it.
    soup = headings.soup("blog/")
    assert h1_texts(main_content(soup, "mkdocs")) == ["Blog"]
    assert "Late heading" not in entry(soup, "Late heading").select_one(".blog-excerpt").get_text()


@pytest.mark.parametrize("heading, title", [("setext", "Setext title"), ("attr", "Custom id")])
def test_title_taken_from_the_rendered_heading(headings, heading, title):
    # The listing, the <title> and the post's heading all name the post the same way.
    post = next(p for p in (headings.site_dir / "blog/2024").rglob("*.html")
                if h1_texts(main_content(parse(p), "mkdocs")) == [title])
    assert parse(post).title.get_text().startswith(title + " - ")
    assert title in entry_titles(headings.soup("blog/"))


EXCERPT_DOCS = {
    "blog/posts/multi.md": """
        ---
        title: Many paragraphs
        date: 2024-03-01
        ---

        First paragraph.

        Second paragraph.
    """,
    "blog/posts/block-comment.md": """
        ---
        title: Block comment separator
        date: 2024-02-01
        excerpt_separator: |
          <!--cut here-->
        ---

        Before the cut.

        <!--cut here-->

        After the cut.
    """,
    "blog/posts/block-text.md": """
        ---
        title: Block text separator
        date: 2024-01-01
        excerpt_separator: >-
          [[more]]
        ---

        Shown in the listing.

        [[more]]

        Only on the post page.
    """,
}


def test_excerpt_fallback_full_and_block_scalar_separators(build_site):
    site = build_site(EXCERPT_DOCS, plugin={"post_excerpt_fallback": "full"})
    soup = site.soup("blog/")
    multi = entry(soup, "Many paragraphs")
    assert [p.get_text() for p in multi.select(".blog-excerpt p")] == ["First paragraph.", "Second paragraph."]
    assert multi.select_one(".blog-continue") is None
    block = entry(soup, "Block comment separator")
    assert block.select_one(".blog-excerpt").get_text(" ", strip=True) == "Before the cut."
    assert block.select_one(".blog-continue a") is not None
    text = entry(soup, "Block text separator")
    assert text.select_one(".blog-excerpt").get_text(" ", strip=True) == "Shown in the listing."
    assert text.select_one(".blog-continue a") is not None
    assert "[[more]]" not in soup.get_text()
    post = post_file(site, "Block text separator")
    body = parse(post).select_one("div[role=main]").get_text(" ", strip=True)
    assert "Shown in the listing." in body and "Only on the post page." in body
    assert "[[more]]" not in body
    post = parse(post_file(site, "Block comment separator")).select_one("div[role=main]").get_text(" ", strip=True)
    assert "Before the cut." in post and "After the cut." in post


def test_excerpt_fallback_title(build_site):
    site = build_site(EXCERPT_DOCS, plugin={"post_excerpt_fallback": "title"})
    soup = site.soup("blog/")
    multi = entry(soup, "Many paragraphs")
    assert multi.select_one(".blog-excerpt") is None
    assert "First paragraph." not in multi.get_text()
    assert follow(site, site.path("blog/"), multi.select_one(".blog-continue a")["href"]) == post_file(
        site, "Many paragraphs")
    # Posts with a separator still show what comes before it.
    assert entry(soup, "Block comment separator").select_one(".blog-excerpt").get_text(" ", strip=True) == (
        "Before the cut.")


# -- views ---------------------------------------------------------------------------------------

VIEW_DOCS = {
    "index.md": "# Home\n\nHello.\n",
    "blog/index.md": "# News from us\n\nThe intro of the blog.\n",
    "blog/category/releases.md": "# Release notes\n\nEvery release, newest first.\n",
    "blog/posts/one.md": "---\ntitle: First release\ndate: 2024-01-01\ncategories: [Releases]\ntags: [alpha]\n---\n\nOne.\n",
    "blog/posts/two.md": "---\ntitle: Second release\ndate: 2024-02-01\ncategories: [Releases]\n---\n\nTwo.\n",
    "blog/posts/three.md": "---\ntitle: Unrelated\ndate: 2023-03-01\ncategories: [Other]\ntags: [beta]\n---\n\nThree.\n",
}


def test_views_intro_and_real_category_file(build_site):
    site = build_site(VIEW_DOCS, plugin={"pagination_per_page": 2})
    first = site.path("blog/")
    soup = parse(first)
    main = main_content(soup, "mkdocs")
    assert h1_texts(main) == ["News from us"]
    intro = main.find("p", string="The intro of the blog.")
    assert intro is not None
    assert intro.find_next("article", class_="blog-entry") is not None, "the intro comes before the posts"
    second = follow(site, first, soup.select_one("a.blog-pagination-older")["href"])
    main2 = main_content(parse(second), "mkdocs")
    assert "The intro of the blog." not in main2.get_text()
    assert h1_texts(main2) == ["News from us"]
    assert entry_titles(parse(second)) == ["Unrelated"]

    releases = site.path("blog/category/releases/")
    assert releases.is_file()
    main = main_content(parse(releases), "mkdocs")
    assert h1_texts(main) == ["Release notes"]
    assert "Every release, newest first." in main.get_text()
    assert entry_titles(parse(releases)) == ["Second release", "First release"]
    # The overview links to it, and to the generated category page.
    overview = site.path("blog/category/")
    links = {a.get_text(strip=True): follow(site, overview, a["href"]) for a in parse(overview).select("ul.blog-overview a")}
    assert links["Releases"] == releases
    assert h1_texts(main_content(parse(links["Other"]), "mkdocs")) == ["Other"]
    assert not site.exists("blog/category/releases.html")
    assert not site.exists("blog/category/releases/releases/")


def test_views_pagination_keep_content(build_site):
    site = build_site(VIEW_DOCS, plugin={"pagination_per_page": 2, "pagination_keep_content": True})
    second = site.path("blog/page/2/")
    main = main_content(parse(second), "mkdocs")
    assert "The intro of the blog." in main.get_text()
    assert main.get_text().count("The intro of the blog.") == 1
    assert h1_texts(main) == ["News from us"]
    assert len(main.select("article.blog-entry")) == 1  # page 2 lists its own post, not page 1's too
    assert repeated_ids(second) == []


TAG_DOCS = {
    "index.md": "# Home\n\nHello.\n",
    "blog/index.md": "# Blog\n",
    **{
        f"blog/posts/p{i}.md": f"---\ntitle: Post {i}\ndate: 2024-01-{i:02d}\ntags: [shared]\n---\n\n"
                                f"Body {i}.\n\n<!-- more -->\n\nMore.\n"
        for i in range(1, 6)
    },
}


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_tag_page_lists_every_post_one_line_each(build_site, theme, use_directory_urls):
    site = build_site(TAG_DOCS, theme=theme, use_directory_urls=use_directory_urls,
                      plugin={"pagination_per_page": 2})
    overview = site.path("blog/tags/")
    link = parse(overview).select_one("ul.blog-overview a")
    page = follow(site, overview, link["href"])
    soup = parse(page)
    main = main_content(soup, theme)
    assert h1_texts(main) == ["shared"]
    assert main.select("article.blog-entry") == [], "a tag page has no excerpts"
    items = main.select("ul.blog-compact > li")
    assert [li.a.get_text(strip=True) for li in items] == [f"Post {i}" for i in range(5, 0, -1)]
    for i, li in zip(range(5, 0, -1), items):
        assert li.time["datetime"].startswith(f"2024-01-{i:02d}T")
        assert li.time.get_text(strip=True) == f"January {i}, 2024"
        assert h1_texts(main_content(parse(follow(site, page, li.a["href"])), theme)) == [f"Post {i}"]
    # Five posts at two per page: one page all the same, with no pagination.
    assert main.select("nav.blog-pagination") == []
    assert not site.exists("blog/tags/shared/page/2/")
    # The blog index is still paginated at two per page, with excerpts.
    assert len(parse(site.path("blog/")).select("article.blog-entry")) == 2


def test_tag_pages_paginated_with_excerpts_on_request(build_site):
    site = build_site(TAG_DOCS, plugin={"pagination_per_page": 2, "tags_pagination": True,
                                        "tags_pagination_per_page": 3})
    first = site.path("blog/tags/shared/")
    soup = parse(first)
    assert soup.select("ul.blog-compact") == []
    assert entry_titles(soup) == ["Post 5", "Post 4", "Post 3"]
    assert entry(soup, "Post 5").select_one(".blog-excerpt").get_text(strip=True) == "Body 5."
    second = follow(site, first, soup.select_one("a.blog-pagination-older")["href"])
    assert entry_titles(parse(second)) == ["Post 2", "Post 1"]
    assert parse(second).select_one("a.blog-pagination-older") is None


def test_front_matter_excerpts_resolve_links_from_their_own_post(build_site):
    """Each hand-written excerpt is converted with its own post's links, whichever came before."""
    docs = {"index.md": "# Home\n", "blog/index.md": "# Blog\n"}
    # Each link climbs to the docs root from its own post's depth: resolved from the wrong post, it misses.
    for i, (folder, up) in enumerate((("one", "../../.."), ("two/deeper", "../../../..")), start=1):
        docs[f"blog/posts/{folder}/post.md"] = (
            f"---\ntitle: Post {i}\ndate: 2024-01-0{i}\nexcerpt: \"See [the notes]({up}/notes{i}.md), "
            f"with a footnote[^n].\\n\\n[^n]: Note {i}.\"\n---\n\nBody {i}.\n"
        )
        docs[f"notes{i}.md"] = f"# Notes {i}\n"
    site = build_site(docs)
    index = site.path("blog/")
    soup = parse(index)
    for i in (1, 2):
        excerpt = entry(soup, f"Post {i}").select_one(".blog-excerpt")
        link = excerpt.find("a", string="the notes")
        assert h1_texts(main_content(parse(follow(site, index, link["href"])), "mkdocs")) == [f"Notes {i}"]
        assert f"Note {i}." in excerpt.get_text()
        assert f"Note {3 - i}." not in excerpt.get_text()


def test_views_switched_off(build_site):
    site = build_site(VIEW_DOCS, plugin={"tags": False, "categories": False, "archive": False})
    for gone in ("blog/tags", "blog/category/other", "blog/archive"):
        assert not (site.site_dir / gone).exists(), f"{gone} was built although switched off"
    soup = site.soup("blog/")
    assert soup.select("a.blog-tag") == [] and soup.select("a.blog-category") == []
    assert entry_titles(soup) == ["Second release", "First release", "Unrelated"]
    nav_text = soup.select_one("#navbar-collapse").get_text(" ", strip=True)
    for label in ("Archive", "Categories", "Tags"):
        assert label not in nav_text
    for page in blog_pages(site):
        assert link_problems(site.site_dir, page) == []


def test_views_switched_off_one_at_a_time(build_site):
    site = build_site(VIEW_DOCS, plugin={"tags": False})
    assert not (site.site_dir / "blog/tags").exists()
    assert site.exists("blog/category/") and site.exists("blog/archive/2024/")
    assert parse(site.path("blog/")).select("a.blog-category")
    site = build_site(VIEW_DOCS, plugin={"archive": False, "categories": False})
    assert not (site.site_dir / "blog/archive").exists()
    assert site.exists("blog/tags/alpha/")
    assert parse(site.path("blog/")).select("a.blog-tag")


def test_views_url_formats(build_site):
    docs = dict(VIEW_DOCS)
    del docs["blog/category/releases.md"]
    site = build_site(docs, plugin={
        "pagination_per_page": 2,
        "tags_url_format": "topics/{slug}",
        "categories_url_format": "sections/{slug}",
        "archive_url_format": "years/{date}",
        "pagination_url_format": "seite/{page}",
        "post_url_format": "{categories}/{file}",
    })
    for url in ("blog/topics/", "blog/topics/alpha/", "blog/sections/", "blog/sections/releases/",
                "blog/years/", "blog/years/2024/", "blog/seite/2/",
                "blog/releases/one/", "blog/releases/two/", "blog/other/three/"):
        assert site.exists(url), f"{url} missing"
    for gone in ("blog/tags", "blog/category", "blog/archive", "blog/page", "blog/2024"):
        assert not (site.site_dir / gone).exists(), f"{gone} exists although its URL format changed"
    index = site.path("blog/")
    older = parse(index).select_one("a.blog-pagination-older")["href"]
    assert follow(site, index, older) == site.path("blog/seite/2/")
    first = entry(parse(index), "Second release")
    assert follow(site, index, first.select_one(".blog-entry-title a")["href"]) == site.path("blog/releases/two/")
    assert follow(site, index, first.select_one("a.blog-category")["href"]) == site.path("blog/sections/releases/")
    for page in blog_pages(site):
        assert link_problems(site.site_dir, page) == []


def test_url_format_without_a_folder_has_no_overview(build_site):
    # "tag-{slug}" puts tag pages beside each other in blog/; there is no folder for an overview.
    site = build_site({
        "index.md": "# Home\n",
        "blog/posts/a.md": "---\ntitle: A\ndate: 2024-01-01\ntags: [x]\ncategories: [Rel]\n---\n\nText.\n",
    }, plugin={"tags_url_format": "tag-{slug}", "categories_url_format": "{slug}"})
    assert site.exists("blog/tag-x/") and site.exists("blog/rel/")
    assert not (site.site_dir / "blog/tag-").exists(), "a tags overview was published at blog/tag-/"
    nav = site.soup("blog/").select_one("#navbar-collapse").get_text(" ", strip=True)
    assert "Tags" not in nav and "Categories" not in nav


def test_post_url_format_without_categories(build_site):
    site = build_site({
        "blog/posts/2024-05-01-dated-file.md": "---\ntitle: Dated\n---\n\nText.\n",
        "blog/posts/nocat.md": "---\ntitle: No category\ndate: 2024-01-01\n---\n\nText.\n",
    }, plugin={"post_url_format": "{categories}/{file}"})
    assert site.exists("blog/nocat/")
    assert site.exists("blog/2024-05-01-dated-file/")
    assert entry_titles(site.soup("blog/")) == ["Dated", "No category"]


# -- drafts --------------------------------------------------------------------------------------

DRAFT_DOCS = {
    "blog/posts/live.md": "---\ntitle: Live post\ndate: 2024-01-01\ntags: [shared]\n---\n\nLive.\n",
    "blog/posts/draft.md": (
        "---\ntitle: Draft post\ndate: 2024-02-01\ndraft: true\ntags: [draftonly, shared]\n"
        "categories: [Secret]\n---\n\nDraft.\n"
    ),
    "blog/posts/unpublished.md": (
        "---\ntitle: Unpublished post\ndate: 2022-03-01\npublished: false\n---\n\nUnpublished.\n"
    ),
    "blog/posts/future.md": "---\ntitle: Future post\ndate: 2999-01-01\n---\n\nFrom the future.\n",
}


def all_text(site: Site) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in site.site_dir.rglob("*") if p.is_file()
                     and p.suffix in (".html", ".xml", ".json"))


def test_drafts_left_out_of_build(build_site):
    site = build_site(DRAFT_DOCS, plugin={"draft_if_future_date": True})
    assert entry_titles(site.soup("blog/")) == ["Live post"]
    text = all_text(site)
    for title in ("Draft post", "Unpublished post", "Future post", "From the future"):
        assert title not in text, f"{title!r} leaked into the build"
    assert not site.exists("blog/2024/02/01/draft-post/")
    assert not site.exists("blog/2022/03/01/unpublished-post/")
    assert not site.exists("blog/2999/01/01/future-post/")
    assert not (site.site_dir / "blog/tags/draftonly").exists()
    assert not (site.site_dir / "blog/category/secret").exists()
    assert not (site.site_dir / "blog/archive/2022").exists()
    assert not (site.site_dir / "blog/archive/2999").exists()
    shared_tag = site.soup("blog/tags/")
    assert shared_tag.find("a", string="shared").find_next(class_="blog-count").get_text() == "1 post"
    assert parse(post_file(site, "Live post")).select_one("nav.blog-post-nav") is None


def test_drafts_shown_when_serving(tmp_path):
    root = write_project(tmp_path / "p", DRAFT_DOCS)
    site = serve_build(root)
    soup = site.soup("blog/")
    assert entry_titles(soup) == ["Future post", "Draft post", "Live post", "Unpublished post"]
    for title in ("Draft post", "Unpublished post"):
        assert entry(soup, title).select_one(".blog-draft") is not None, f"{title} not marked as a draft"
        post = post_file(site, title)
        assert parse(post).select_one("header.blog-post-header .blog-draft") is not None
    assert entry(soup, "Live post").select_one(".blog-draft") is None
    assert entry(soup, "Future post").select_one(".blog-draft") is None
    assert site.exists("blog/tags/draftonly/")
    assert site.exists("blog/category/secret/")


def test_drafts_hidden_when_serving_with_draft_on_serve_false(tmp_path):
    root = write_project(tmp_path / "p", DRAFT_DOCS,
                         plugins=["search", {"blog-plugin": {"draft_on_serve": False}}])
    site = serve_build(root)
    soup = site.soup("blog/")
    # Without draft_if_future_date a post dated in the future is published.
    assert entry_titles(soup) == ["Future post", "Live post"]
    assert not site.exists("blog/2024/02/01/draft-post/")
    assert not (site.site_dir / "blog/tags/draftonly").exists()


def test_two_posts_with_one_url(build_site):
    post = "---\ntitle: Hello\ndate: 2024-01-01\n---\n\nHello from {}.\n"
    site = build_site(
        {"blog/posts/a/hello.md": post.format("a"), "blog/posts/b/hello.md": post.format("b")},
        expect_warnings=["has the same URL as"],
    )
    [message] = [m for m in site.warnings if "has the same URL" in m]
    assert "blog/posts/a/hello.md" in message and "blog/posts/b/hello.md" in message
    index = site.path("blog/")
    links = [a["href"] for a in parse(index).select(".blog-entry-title a")]
    assert len(links) == 2
    targets = {follow(site, index, href) for href in links}
    assert len(targets) == 2
    bodies = sorted(main_content(parse(t), "mkdocs").get_text(" ", strip=True) for t in targets)
    assert "Hello from a." in bodies[0] and "Hello from b." in bodies[1]


def test_post_never_takes_the_url_of_a_view_page(build_site):
    site = build_site({
        "index.md": "# Home\n",
        "blog/posts/a.md": "---\ndate: 2024-01-01\ntags: [x]\n---\n\n# Archive\n\nBody one.\n",
        "blog/posts/b.md": "---\ndate: 2024-01-03\n---\n\n# Tags\n\nBody three.\n",
    }, plugin={"post_url_format": "{slug}"}, expect_warnings=["blog/posts/a.md: has the same URL as",
                                                              "blog/posts/b.md: has the same URL as"])
    assert h1_texts(main_content(site.soup("blog/archive/"), "mkdocs")) == ["Archive"]
    assert site.soup("blog/archive/").select_one("ul.blog-overview") is not None
    assert site.soup("blog/tags/").select_one("ul.blog-overview") is not None
    index = site.path("blog/")
    for title, body in (("Archive", "Body one."), ("Tags", "Body three.")):
        post = follow(site, index, entry(parse(index), title).select_one(".blog-entry-title a")["href"])
        assert post not in (site.path("blog/archive/"), site.path("blog/tags/"))
        assert body in main_content(parse(post), "mkdocs").get_text()


# -- labels --------------------------------------------------------------------------------------

def test_german_labels_and_dates(build_site):
    site = build_site({
        "blog/posts/a.md": "---\ntitle: Erster Beitrag\ndate: 2024-03-05\n---\n\nKurz.\n\n<!-- more -->\n\nMehr.\n",
        "blog/posts/b.md": "---\ntitle: Zweiter\ndate: 2024-01-15\n---\n\nNur das.\n",
    }, theme={"name": "mkdocs", "locale": "de"})
    soup = site.soup("blog/")
    article = entry(soup, "Erster Beitrag")
    assert article.select_one(".blog-continue a").get_text(" ", strip=True).startswith("Weiterlesen")
    assert article.select_one("time.blog-date").get_text(strip=True) == "5. März 2024"
    assert article.select_one(".blog-readtime").get_text(strip=True) == "1 Min. Lesezeit"
    post = parse(post_file(site, "Zweiter"))
    assert post.select_one("header.blog-post-header time").get_text(strip=True) == "15. Januar 2024"
    assert "Nächster Beitrag" in post.select_one("nav.blog-post-nav").get_text()
    assert h1_texts(main_content(site.soup("blog/archive/"), "mkdocs")) == ["Archiv"]
    assert site.soup("blog/archive/").select_one(".blog-count").get_text() == "2 Beiträge"


# -- mkdocs serve: rebuilds reuse the plugin -----------------------------------------------------

def test_serve_rebuild_after_adding_editing_and_deleting_posts(tmp_path):
    docs = {
        "blog/posts/keep.md": "---\ntitle: Kept\ndate: 2024-01-01\ntags: [t1]\n---\n\nKept.\n",
        "blog/posts/edit.md": "---\ntitle: Before edit\ndate: 2023-06-01\ntags: [t1]\n---\n\nOld text.\n",
        "blog/posts/gone.md": "---\ntitle: To be deleted\ndate: 2022-05-01\ntags: [gone]\ncategories: [Old]\n---\n\nBye.\n",
    }
    root = write_project(tmp_path / "p", docs)
    first_config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    site = serve_build(root, config=first_config)
    assert entry_titles(site.soup("blog/")) == ["Kept", "Before edit", "To be deleted"]
    assert site.exists("blog/archive/2022/")

    (root / "docs/blog/posts/gone.md").unlink()
    (root / "docs/blog/posts/edit.md").write_text(
        "---\ntitle: After edit\ndate: 2023-06-01\ntags: [t2]\n---\n\nNew text.\n", encoding="utf-8")
    (root / "docs/blog/posts/new.md").write_text(
        "---\ntitle: Brand new\ndate: 2025-02-02\ntags: [t1]\n---\n\nFresh.\n", encoding="utf-8")
    # `mkdocs serve` loads the config again for each rebuild; the plugin instance is reused.
    second_config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    assert second_config.plugins["blog-plugin"] is first_config.plugins["blog-plugin"]
    site = serve_build(root, config=second_config, startup=False)

    index = site.soup("blog/")
    assert entry_titles(index) == ["Brand new", "Kept", "After edit"]
    assert "Before edit" not in all_text(site) and "To be deleted" not in all_text(site)
    years = [a.get_text() for a in site.soup("blog/archive/").select("ul.blog-overview a")]
    assert years == ["2025", "2024", "2023"]
    assert not site.exists("blog/archive/2022/") and not (site.site_dir / "blog/tags/gone").exists()
    assert not (site.site_dir / "blog/category/old").exists()
    tags = {a.get_text(): a.find_next(class_="blog-count").get_text() for a in site.soup("blog/tags/").select("ul.blog-overview a")}
    assert tags == {"t1": "2 posts", "t2": "1 post"}
    assert entry_titles(site.soup("blog/tags/t1/")) == ["Brand new", "Kept"]
    edited = parse(post_file(site, "After edit"))
    assert "New text." in edited.get_text() and edited.select_one("a.blog-post-nav-previous") is None
    assert edited.select_one("a.blog-post-nav-next").get_text(" ", strip=True).endswith("Kept")

    # Third build: the options changed in mkdocs.yml, and a post became a draft.
    write_project(root, {}, plugins=["search", {"blog-plugin": {"pagination_per_page": 1}}])
    (root / "docs/blog/posts/new.md").write_text(
        "---\ntitle: Brand new\ndate: 2025-02-02\ndraft: true\ntags: [t1]\n---\n\nFresh.\n", encoding="utf-8")
    third_config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    site = serve_build(root, config=third_config, startup=False)
    pages = listing_pages(site)
    assert [entry_titles(parse(p)) for p in pages] == [["Brand new"], ["Kept"], ["After edit"]]
    assert entry(parse(pages[0]), "Brand new").select_one(".blog-draft") is not None
    assert entry(parse(pages[1]), "Kept").select_one(".blog-draft") is None
