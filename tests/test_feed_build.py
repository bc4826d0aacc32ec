"""Feeds through real builds: Atom, RSS and JSON Feed for the blog, every tag and every category,
and the ``<link rel="alternate">`` autodiscovery in every page.

Feed files are read back with feedparser (relative URI resolution and sanitising off, so what is
checked is what the file says) and, for JSON Feed, checked against the spec's field rules.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import THEMES, Site, run_build, write_tree
import yaml

import mkdocs_blog_plugin.feeds_writer as feeds_writer
import mkdocs_blog_plugin.prerender as prerender

BASE = "https://example.com/sub/"
ATOM = "application/atom+xml"
RSS = "application/rss+xml"
JSON = "application/feed+json"
FEED_NAMES = ("feed.xml", "rss.xml", "feed.json")

TRICKY_TITLE = 'Fish & Chips <3 "quoted" <b>bold?</b>'
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16


def filler(n: int) -> str:
    return f"""
        ---
        date: 2023-01-{n:02d}
        title: Filler {n:02d}
        ---
        Filler body {n:02d}.
        """


MAIN_DOCS: dict[str, str | bytes] = {
    "index.md": "# Home\n\nWelcome.\n",
    "about.md": "# About\n\nAbout us.\n",
    "blog/.authors.yml": """
        authors:
          ada:
            name: Ada Lovelace
          bob:
            name: Bob Builder
        """,
    "blog/posts/images/diagram.png": PNG,
    "blog/posts/tricky.md": f"""
        ---
        date: 2024-05-10 09:30:00
        updated: 2024-05-12
        title: '{TRICKY_TITLE}'
        authors: [ada]
        categories: [News]
        tags: [Python, Web]
        ---
        Intro with ![Diagram](images/diagram.png), [About us](../../about.md),
        [from the root](/sub/about/) and [the details](#details).

        <!-- more -->

        ## Details

        Secret full text ![Second](images/diagram.png) and [an older post](older.md).
        """,
    "blog/posts/pinned.md": """
        ---
        date: 2024-02-01
        pin: true
        title: Pinned notice
        categories: [News]
        tags: [Python]
        ---
        Pinned intro.

        <!-- more -->

        Pinned rest.
        """,
    "blog/posts/newest.md": """
        ---
        date: 2024-06-01
        title: Newest post
        excerpt_separator: "==="
        categories: [Releases]
        tags: [Python]
        ---
        Newest intro.

        ===

        Newest after separator.
        """,
    "blog/posts/older.md": """
        ---
        date: 2024-01-15
        title: Older post
        authors: [ada, bob]
        categories: [Releases]
        ---
        Older body.
        """,
    "blog/posts/draft.md": """
        ---
        date: 2024-07-01
        draft: true
        title: Draft secret
        categories: [News]
        tags: [Python]
        ---
        Draft body.
        """,
    "blog/posts/future.md": """
        ---
        date: 2999-01-01
        title: Future secret
        tags: [Python]
        ---
        Future body.
        """,
    **{f"blog/posts/filler-{n:02d}.md": filler(n) for n in range(1, 18)},
}

MAIN_CONFIG = {
    "site_name": "Test site",
    "site_url": BASE,
    "site_description": "Notes about <things> & stuff",
    "site_author": "Site Owner",
    "theme": {"name": "mkdocs"},
    "plugins": [
        "search",
        {
            "blog-plugin": {
                "feed_content": "full",
                "feed_rss_per_view": True,
                "draft_if_future_date": True,
                "pagination_per_page": 2,
                "tags_pagination": True,
            }
        },
    ],
}

# Published posts newest first; the limit of 20 drops Filler 01.
NEWEST_FIRST = ["Newest post", TRICKY_TITLE, "Pinned notice", "Older post"] + [
    f"Filler {n:02d}" for n in range(17, 1, -1)
]


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def make_project(root: Path, docs: dict, config: dict) -> Path:
    root.mkdir(parents=True)
    write_tree(root / "docs", docs)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return root


def parse(site: Site, path: str) -> feedparser.FeedParserDict:
    data = site.path(path).read_bytes()
    parsed = feedparser.parse(data, resolve_relative_uris=False, sanitize_html=False)
    assert not parsed.bozo, f"{path}: {parsed.get('bozo_exception')}"
    return parsed


def load_json(site: Site, path: str) -> dict:
    return json.loads(site.path(path).read_text(encoding="utf-8"))


def feed_files(site: Site) -> list[str]:
    return sorted(
        p.relative_to(site.site_dir).as_posix() for p in site.site_dir.rglob("*") if p.name in FEED_NAMES
    )


def local(site: Site, url: str, base: str = BASE) -> Path:
    """The built file an absolute URL of the site points to (it must be inside the site)."""
    assert url.startswith(base), url
    return site.path(url[len(base):])


def page_url(site: Site, html_file: Path, base: str = BASE) -> str:
    return base + html_file.relative_to(site.site_dir).as_posix()


def alternates(site: Site, html_file: Path, base: str = BASE) -> list[tuple[str, str]]:
    """``[(type, absolute href)]`` of the feed links in the page's ``<head>``."""
    soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
    assert soup.head is not None, html_file
    assert not soup.body.select('link[rel="alternate"]'), f"{html_file}: feed link outside <head>"
    found = []
    for link in soup.head.find_all("link", rel="alternate"):
        if link.get("type") in (ATOM, RSS, JSON):
            found.append((link["type"], urljoin(page_url(site, html_file, base), link["href"])))
    return found


def entry_titles(parsed) -> list[str]:
    return [e.title for e in parsed.entries]


def urls_in(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [tag[attr] for attr in ("href", "src") for tag in soup.find_all(attrs={attr: True})]


JSON_FEED_TOP = {
    "version": str, "title": str, "home_page_url": str, "feed_url": str, "description": str,
    "user_comment": str, "next_url": str, "icon": str, "favicon": str, "authors": list,
    "language": str, "expired": bool, "hubs": list, "items": list,
}
JSON_FEED_ITEM = {
    "id": str, "url": str, "external_url": str, "title": str, "content_html": str,
    "content_text": str, "summary": str, "image": str, "banner_image": str, "date_published": str,
    "date_modified": str, "authors": list, "tags": list, "language": str, "attachments": list,
}


def check_authors(authors: list, where: str) -> None:
    assert authors, f"{where}: authors, when present, must not be empty"
    for author in authors:
        assert isinstance(author, dict), where
        assert set(author) & {"name", "url", "avatar"}, f"{where}: an author needs name, url or avatar"
        for key in ("name", "url", "avatar"):
            assert key not in author or isinstance(author[key], str), where


def check_json_feed(doc: dict) -> None:
    """JSON Feed 1.1: required fields, and the type of every optional one that is present."""
    assert doc["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(doc["title"], str) and doc["title"]
    assert isinstance(doc["items"], list)
    for key, value in doc.items():
        if key.startswith("_"):
            continue  # extensions
        assert key in JSON_FEED_TOP, f"unknown top-level key {key!r}"
        assert isinstance(value, JSON_FEED_TOP[key]), key
    if "authors" in doc:
        check_authors(doc["authors"], "feed")
    ids = [item.get("id") for item in doc["items"]]
    assert len(set(ids)) == len(ids), "item ids must be unique"
    for item in doc["items"]:
        assert isinstance(item["id"], str) and item["id"]
        assert "content_html" in item or "content_text" in item, item["id"]
        for key, value in item.items():
            if key.startswith("_"):
                continue
            assert key in JSON_FEED_ITEM, f"unknown item key {key!r}"
            assert isinstance(value, JSON_FEED_ITEM[key]), f"{item['id']}: {key}"
        for key in ("date_published", "date_modified"):
            if key in item:
                assert dt.datetime.fromisoformat(item[key]).utcoffset() is not None, item[key]
        if "authors" in item:
            check_authors(item["authors"], item["id"])
        assert all(isinstance(tag, str) for tag in item.get("tags", []))


# --------------------------------------------------------------------------------------------
# The main site: one build (and one more for the determinism check) shared by many tests
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("feeds") / "project", MAIN_DOCS, MAIN_CONFIG)


@pytest.fixture(scope="module")
def write_order() -> list[list[str]]:
    """The order feed files are written in, one list per build."""
    return []


@pytest.fixture(scope="module")
def site(project: Path, write_order) -> Site:
    return _recorded_build(project, project / "site-one", write_order)


def _recorded_build(project: Path, site_dir: Path, write_order: list[list[str]]) -> Site:
    original = feeds_writer.write_file
    order: list[str] = []

    def recording(content: bytes, path: str) -> None:
        order.append(Path(path).relative_to(site_dir).as_posix())
        original(content, path)

    feeds_writer.write_file = recording
    forking = prerender.can_fork
    prerender.can_fork = lambda *a, **k: False  # one process: the writes are recorded here
    try:
        built = run_build(project, site_dir=site_dir)
    finally:
        feeds_writer.write_file = original
        prerender.can_fork = forking
    write_order.append(order)
    return built


def test_feed_files_exist_where_documented(site: Site) -> None:
    assert feed_files(site) == [
        "blog/category/news/feed.xml",
        "blog/category/news/rss.xml",
        "blog/category/releases/feed.xml",
        "blog/category/releases/rss.xml",
        "blog/feed.json",
        "blog/feed.xml",
        "blog/rss.xml",
        "blog/tags/python/feed.xml",
        "blog/tags/python/rss.xml",
        "blog/tags/web/feed.xml",
        "blog/tags/web/rss.xml",
    ]
    assert parse(site, "blog/feed.xml").version == "atom10"
    assert parse(site, "blog/rss.xml").version == "rss20"
    assert parse(site, "blog/tags/python/rss.xml").version == "rss20"
    check_json_feed(load_json(site, "blog/feed.json"))


def test_feed_metadata_from_site_config(site: Site) -> None:
    atom = parse(site, "blog/feed.xml").feed
    assert atom.title == "Test site"
    assert atom.subtitle == "Notes about <things> & stuff"
    assert atom.id == BASE + "blog/feed.xml"
    links = {link.rel: link.href for link in atom.links}
    assert links == {"self": BASE + "blog/feed.xml", "alternate": BASE + "blog/"}
    assert atom.author == "Site Owner"
    assert atom.updated == "2024-06-01T00:00:00+00:00"  # the newest entry's update
    assert atom.language == "en"

    channel = parse(site, "blog/rss.xml").feed
    assert channel.title == "Test site"
    assert channel.description == "Notes about <things> & stuff"
    assert channel.link == BASE + "blog/"
    assert channel.language == "en"

    doc = load_json(site, "blog/feed.json")
    assert doc["title"] == "Test site"
    assert doc["description"] == "Notes about <things> & stuff"
    assert doc["home_page_url"] == BASE + "blog/"
    assert doc["feed_url"] == BASE + "blog/feed.json"
    assert doc["authors"] == [{"name": "Site Owner"}]

    python = parse(site, "blog/tags/python/feed.xml").feed
    assert python.title == "Test site: Python"
    assert {link.rel: link.href for link in python.links} == {
        "self": BASE + "blog/tags/python/feed.xml",
        "alternate": BASE + "blog/tags/python/",
    }
    news = parse(site, "blog/category/news/rss.xml").feed
    assert news.title == "Test site: News"
    assert news.link == BASE + "blog/category/news/"


def test_site_feeds_list_newest_posts_first_up_to_the_default_limit(site: Site) -> None:
    # 21 published posts, the default limit is 20; the pinned post keeps its date order.
    assert entry_titles(parse(site, "blog/feed.xml")) == NEWEST_FIRST
    assert entry_titles(parse(site, "blog/rss.xml")) == NEWEST_FIRST
    assert [item["title"] for item in load_json(site, "blog/feed.json")["items"]] == NEWEST_FIRST
    # The listing itself does show the pinned post first: the feed order is its own.
    first = site.soup("blog/").select(".blog-entry-title a")[0]
    assert first.get_text(strip=True) == "Pinned notice"


def test_tag_and_category_feeds_list_their_own_posts(site: Site) -> None:
    assert entry_titles(parse(site, "blog/tags/python/feed.xml")) == ["Newest post", TRICKY_TITLE, "Pinned notice"]
    assert entry_titles(parse(site, "blog/tags/python/rss.xml")) == ["Newest post", TRICKY_TITLE, "Pinned notice"]
    assert entry_titles(parse(site, "blog/tags/web/feed.xml")) == [TRICKY_TITLE]
    assert entry_titles(parse(site, "blog/category/news/feed.xml")) == [TRICKY_TITLE, "Pinned notice"]
    assert entry_titles(parse(site, "blog/category/releases/feed.xml")) == ["Newest post", "Older post"]


def test_drafts_and_future_posts_are_in_no_feed(site: Site) -> None:
    paths = feed_files(site)
    assert {"blog/feed.xml", "blog/rss.xml", "blog/feed.json"} <= set(paths)  # never vacuous
    for path in paths:
        text = site.path(path).read_text(encoding="utf-8")
        assert "Draft secret" not in text and "Future secret" not in text, path
        assert "Draft body" not in text and "Future body" not in text, path


def test_titles_are_escaped_exactly_once(site: Site) -> None:
    for path in ("blog/feed.xml", "blog/rss.xml", "blog/tags/web/feed.xml", "blog/category/news/rss.xml"):
        titles = entry_titles(parse(site, path))
        assert TRICKY_TITLE in titles, path
        raw = site.path(path).read_text(encoding="utf-8")
        assert "&amp;amp;" not in raw and "&amp;lt;" not in raw, path
    assert load_json(site, "blog/feed.json")["items"][1]["title"] == TRICKY_TITLE


def test_entry_links_ids_and_dates(site: Site) -> None:
    atom = {e.title: e for e in parse(site, "blog/feed.xml").entries}
    rss = {e.title: e for e in parse(site, "blog/rss.xml").entries}
    items = {item["title"]: item for item in load_json(site, "blog/feed.json")["items"]}
    for title in NEWEST_FIRST:
        link = atom[title].link
        # An absolute link to the post's built page, the same in every format, and the post's id.
        page = local(site, link)
        assert page.is_file(), link
        heading = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("h1")
        assert heading.get_text(strip=True) == title
        assert atom[title].id == link
        assert rss[title].link == link and rss[title].id == link
        assert items[title]["url"] == link and items[title]["id"] == link
    # The tag feed uses the same ids as the site feeds.
    tag = {e.title: e.id for e in parse(site, "blog/tags/python/feed.xml").entries}
    assert tag[TRICKY_TITLE] == atom[TRICKY_TITLE].id

    # Each format's own date syntax: RFC 3339 (Atom, JSON Feed), RFC 822 (RSS).
    tricky = atom[TRICKY_TITLE]
    assert tricky.published == "2024-05-10T09:30:00+00:00"
    assert tricky.updated == "2024-05-12T00:00:00+00:00"
    assert rss[TRICKY_TITLE].published == "Fri, 10 May 2024 09:30:00 +0000"
    assert email.utils.parsedate_to_datetime(rss[TRICKY_TITLE].published) == dt.datetime(
        2024, 5, 10, 9, 30, tzinfo=dt.timezone.utc
    )
    assert items[TRICKY_TITLE]["date_published"] == "2024-05-10T09:30:00+00:00"
    assert items[TRICKY_TITLE]["date_modified"] == "2024-05-12T00:00:00+00:00"
    # Without an update date, updated is the publication date.
    assert atom["Older post"].updated == atom["Older post"].published == "2024-01-15T00:00:00+00:00"
    assert items["Older post"]["date_modified"] == "2024-01-15T00:00:00+00:00"


def test_entry_authors_and_categories(site: Site) -> None:
    atom = {e.title: e for e in parse(site, "blog/feed.xml").entries}
    rss = {e.title: e for e in parse(site, "blog/rss.xml").entries}
    items = {item["title"]: item for item in load_json(site, "blog/feed.json")["items"]}

    assert [a.name for a in atom["Older post"].authors] == ["Ada Lovelace", "Bob Builder"]
    assert [a.name for a in rss["Older post"].authors] == ["Ada Lovelace", "Bob Builder"]
    assert items["Older post"]["authors"] == [{"name": "Ada Lovelace"}, {"name": "Bob Builder"}]
    assert [a.name for a in atom[TRICKY_TITLE].authors] == ["Ada Lovelace"]
    # A post without authors: the feed's author stands for it (RSS names the site author).
    assert "authors" not in atom["Newest post"]
    assert rss["Newest post"].author == "Site Owner"
    assert "authors" not in items["Newest post"]

    assert [t.term for t in atom[TRICKY_TITLE].tags] == ["News", "Python", "Web"]
    assert [t.term for t in rss[TRICKY_TITLE].tags] == ["News", "Python", "Web"]
    assert items[TRICKY_TITLE]["tags"] == ["News", "Python", "Web"]
    assert [t.term for t in atom["Newest post"].tags] == ["Releases", "Python"]
    assert "tags" not in atom["Filler 05"]


def _check_absolute(site: Site, html: str) -> list[str]:
    urls = urls_in(html)
    for url in urls:
        assert url.startswith(BASE), url
        assert local(site, url).is_file(), url
    return urls


def test_summary_is_the_excerpt_with_absolute_urls(site: Site) -> None:
    post_url = {e.title: e.link for e in parse(site, "blog/feed.xml").entries}[TRICKY_TITLE]
    for path in ("blog/feed.xml", "blog/rss.xml", "blog/tags/web/feed.xml"):
        entry = {e.title: e for e in parse(site, path).entries}[TRICKY_TITLE]
        summary = entry.summary
        assert "Intro with" in summary and "Secret full text" not in summary, path
        urls = _check_absolute(site, summary)
        assert sorted(urls) == sorted([
            BASE + "blog/posts/images/diagram.png",
            BASE + "about/",
            BASE + "about/",  # written as a site-root-relative link
            post_url + "#details",
        ]), path
    # The anchor exists on the post's page.
    assert site.soup(post_url[len(BASE):]).find(id="details") is not None
    assert site.path("blog/posts/images/diagram.png").read_bytes() == PNG

    item = {i["title"]: i for i in load_json(site, "blog/feed.json")["items"]}[TRICKY_TITLE]
    assert item["summary"] == "Intro with , About us, from the root and the details."
    newest = {e.title: e for e in parse(site, "blog/feed.xml").entries}["Newest post"]
    assert "Newest intro." in newest.summary and "after separator" not in newest.summary


def test_full_content_with_absolute_urls(site: Site) -> None:
    older_url = {e.title: e.link for e in parse(site, "blog/feed.xml").entries}["Older post"]
    for path in ("blog/feed.xml", "blog/rss.xml"):
        entries = {e.title: e for e in parse(site, path).entries}
        content = entries[TRICKY_TITLE].content[0].value
        assert "Intro with" in content and "Secret full text" in content, path
        assert "<h1" not in content  # the title is the entry's own
        urls = _check_absolute(site, content)
        assert BASE + "blog/posts/images/diagram.png" in urls
        assert older_url in urls
        # A plain-text excerpt separator does not cut the full content short.
        newest = entries["Newest post"].content[0].value
        assert "Newest intro." in newest and "Newest after separator." in newest, path
        assert "===" not in newest
    items = {i["title"]: i for i in load_json(site, "blog/feed.json")["items"]}
    assert "Secret full text" in items[TRICKY_TITLE]["content_html"]
    _check_absolute(site, items[TRICKY_TITLE]["content_html"])


def test_every_page_advertises_the_site_feeds_and_views_their_own(site: Site) -> None:
    site_links = [(ATOM, BASE + "blog/feed.xml"), (RSS, BASE + "blog/rss.xml"), (JSON, BASE + "blog/feed.json")]
    pages = site.pages()
    assert len(pages) > 30
    view_pages = 0
    for page in pages:
        found = alternates(site, page)
        rel = page.relative_to(site.site_dir).as_posix()
        for kind in ("tags", "category"):
            prefix = f"blog/{kind}/"
            if rel.startswith(prefix) and rel != prefix + "index.html":
                slug = rel[len(prefix):].split("/")[0]
                own = [(ATOM, f"{BASE}{prefix}{slug}/feed.xml"), (RSS, f"{BASE}{prefix}{slug}/rss.xml")]
                assert found == site_links + own, rel
                view_pages += 1
                break
        else:
            assert found == site_links, rel
        for _, href in found:
            assert local(site, href).is_file(), (rel, href)
    # python has 3 posts, 2 per page: both of its pages carry its feeds.
    assert site.exists("blog/tags/python/page/2/")
    assert view_pages == 5


def test_404_page_advertises_the_feeds_with_absolute_links(site: Site) -> None:
    soup = site.soup("404.html")
    hrefs = [link["href"] for link in soup.head.find_all("link", rel="alternate")]
    assert hrefs == [BASE + "blog/feed.xml", BASE + "blog/rss.xml", BASE + "blog/feed.json"]


def test_two_builds_give_identical_feeds(project: Path, site: Site, write_order) -> None:
    again = _recorded_build(project, project / "site-two", write_order)
    assert feed_files(again) == feed_files(site)
    for path in feed_files(site):
        assert site.path(path).read_bytes() == again.path(path).read_bytes(), path
    first, second = write_order
    assert first == second
    assert first[:3] == ["blog/feed.xml", "blog/rss.xml", "blog/feed.json"]
    assert sorted(first) == feed_files(site)


# --------------------------------------------------------------------------------------------
# Smaller scenarios
# --------------------------------------------------------------------------------------------

SMALL_DOCS = {
    "index.md": "# Home\n",
    "blog/posts/one.md": """
        ---
        date: 2024-01-01
        title: First
        tags: [Alpha]
        categories: [Notes]
        ---
        First body.
        """,
    "blog/posts/two.md": """
        ---
        date: 2024-01-02
        title: Second
        tags: [Alpha]
        categories: [Notes]
        ---
        Second body.

        <!-- more -->

        Second rest.
        """,
    "blog/posts/three.md": """
        ---
        date: 2024-01-03
        title: Third
        tags: [Alpha]
        ---
        Third body.
        """,
    "blog/posts/draft.md": """
        ---
        date: 2024-02-01
        title: Drafted
        draft: true
        tags: [Alpha]
        categories: [Notes]
        ---
        Drafted body.
        """,
}


@pytest.mark.parametrize(
    "theme, use_directory_urls",
    [("mkdocs", False), ("readthedocs", False), ("material", True)],
)
def test_autodiscovery_on_every_theme(build_site, theme: str, use_directory_urls: bool) -> None:
    assert theme in THEMES
    site = build_site(
        SMALL_DOCS, theme=theme, use_directory_urls=use_directory_urls,
        plugin={"pagination_per_page": 1, "tags_pagination": True}, site_url="https://example.com/",
    )
    base = "https://example.com/"
    site_links = [(ATOM, base + "blog/feed.xml"), (RSS, base + "blog/rss.xml"), (JSON, base + "blog/feed.json")]
    alpha = site_links + [(ATOM, base + "blog/tags/alpha/feed.xml")]
    notes = site_links + [(ATOM, base + "blog/category/notes/feed.xml")]
    pages = site.pages()
    built = {page.relative_to(site.site_dir).as_posix() for page in pages}
    post_ext = "/index.html" if use_directory_urls else ".html"

    def built_page(path: str) -> str:
        """The file of a view page (``blog/tags/alpha``): a folder's index page or an .html file."""
        found = {path + "/index.html", path + ".html"} & built
        assert len(found) == 1, (path, found)
        return found.pop()

    tag_pages = [built_page(p) for p in ("blog/tags/alpha", "blog/tags/alpha/page/2", "blog/tags/alpha/page/3")]
    category_pages = [built_page(p) for p in ("blog/category/notes", "blog/category/notes/page/2")]
    assert {"index.html", "blog/tags/index.html"} <= built
    assert site.path(f"blog/2024/01/03/third{post_ext}") in pages
    for page in pages:
        rel = page.relative_to(site.site_dir).as_posix()
        found = alternates(site, page, base)
        if rel == "404.html":
            expected = site_links
        elif rel in tag_pages:
            expected = alpha
        elif rel in category_pages:
            expected = notes
        else:
            expected = site_links
        assert found == expected, (theme, rel)
        for _, href in found:
            assert local(site, href, base).is_file(), (theme, rel, href)
    assert entry_titles(parse(site, "blog/tags/alpha/feed.xml")) == ["Third", "Second", "First"]


def test_without_site_url_no_feeds_and_no_warning(build_site) -> None:
    site = build_site(SMALL_DOCS, site_url=None)
    assert site.warnings == []  # an INFO line names the setting instead (tests/test_readme_steps.py)
    assert feed_files(site) == []
    for page in site.pages():
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        types = [link.get("type") for link in soup.find_all("link", rel="alternate")]
        assert not set(types) & {ATOM, RSS, JSON}, page
    # The blog itself is still built.
    assert site.soup("blog/").select(".blog-entry-title a")


def test_feeds_switched_off_entirely(build_site) -> None:
    site = build_site(SMALL_DOCS, plugin={"feeds": False}, site_url=None)
    assert site.warnings == []  # no feeds wanted, so no complaint about site_url either
    assert feed_files(site) == []
    site = build_site(SMALL_DOCS, plugin={"feeds": False})
    assert feed_files(site) == []
    for page in site.pages():
        assert alternates(site, page, "https://example.com/") == [], page


def test_each_feed_switch(build_site) -> None:
    base = "https://example.com/"
    site = build_site(SMALL_DOCS, plugin={
        "feed_atom": False, "feed_json": False, "feed_tags": False, "feed_rss_per_view": True,
    })
    assert feed_files(site) == ["blog/category/notes/rss.xml", "blog/rss.xml"]
    assert alternates(site, site.path("blog/category/notes/"), base) == [
        (RSS, base + "blog/rss.xml"), (RSS, base + "blog/category/notes/rss.xml"),
    ]
    assert alternates(site, site.path("blog/tags/alpha/"), base) == [(RSS, base + "blog/rss.xml")]

    site = build_site(SMALL_DOCS, plugin={"feed_rss": False, "feed_categories": False, "feed_rss_per_view": True})
    assert feed_files(site) == ["blog/feed.json", "blog/feed.xml", "blog/tags/alpha/feed.xml"]
    assert alternates(site, site.path("blog/tags/alpha/"), base) == [
        (ATOM, base + "blog/feed.xml"), (JSON, base + "blog/feed.json"), (ATOM, base + "blog/tags/alpha/feed.xml"),
    ]
    assert alternates(site, site.path("blog/category/notes/"), base) == [
        (ATOM, base + "blog/feed.xml"), (JSON, base + "blog/feed.json"),
    ]


def test_feed_limit_and_excerpt_only_content(build_site) -> None:
    site = build_site(SMALL_DOCS, plugin={"feed_limit": 2})
    atom = parse(site, "blog/feed.xml")
    assert entry_titles(atom) == ["Third", "Second"]
    assert entry_titles(parse(site, "blog/rss.xml")) == ["Third", "Second"]
    doc = load_json(site, "blog/feed.json")
    check_json_feed(doc)
    assert [i["title"] for i in doc["items"]] == ["Third", "Second"]
    assert entry_titles(parse(site, "blog/tags/alpha/feed.xml")) == ["Third", "Second"]
    assert entry_titles(parse(site, "blog/category/notes/feed.xml")) == ["Second", "First"]
    # feed_content: excerpt (the default): a summary, no full content.
    second = atom.entries[1]
    assert "content" not in second
    assert "Second body." in second.summary and "Second rest" not in second.summary
    assert doc["items"][1]["content_html"] == second.summary
    assert "Second rest" not in site.path("blog/rss.xml").read_text(encoding="utf-8")


def _serve_build(project: Path) -> Site:
    """What ``mkdocs serve`` does: build with a serve URL, so draft pages are built too."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url="http://127.0.0.1:8000/")
    config.plugins.on_shutdown()
    return Site(project, Path(config.site_dir), config)


@pytest.mark.parametrize("with_serve_url", [False, True], ids=["serve-clean", "serve"])
def test_drafts_listed_when_serving_are_not_in_feeds(build_site, tmp_path: Path, with_serve_url: bool) -> None:
    if with_serve_url:
        project = make_project(tmp_path / "served", SMALL_DOCS, {
            "site_name": "Test site", "site_url": "https://example.com/",
            "plugins": ["search", {"blog-plugin": {"feed_content": "full", "feed_rss_per_view": True}}],
        })
        site = _serve_build(project)
        assert site.exists("blog/2024/02/01/drafted/")  # the draft's page is built, with its excerpt
    else:
        site = build_site(SMALL_DOCS, command="serve", plugin={"feed_content": "full", "feed_rss_per_view": True})
    listed = [a.get_text(strip=True) for a in site.soup("blog/").select(".blog-entry-title a")]
    assert listed == ["Drafted", "Third", "Second", "First"]
    assert site.soup("blog/").select(".blog-draft")
    assert len(feed_files(site)) == 7
    for path in feed_files(site):
        assert "Drafted" not in site.path(path).read_text(encoding="utf-8"), path
    assert entry_titles(parse(site, "blog/feed.xml")) == ["Third", "Second", "First"]
    assert entry_titles(parse(site, "blog/tags/alpha/rss.xml")) == ["Third", "Second", "First"]
    assert entry_titles(parse(site, "blog/category/notes/feed.xml")) == ["Second", "First"]
