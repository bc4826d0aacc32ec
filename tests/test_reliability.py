"""Hostile input: the build never crashes with a traceback, never loses a post silently and never
writes outside the site directory.

Fatal input stops the build with one line naming the file; recoverable input is a warning naming
the file, and the post is still published.
"""

from __future__ import annotations

import json
import logging
import os
import posixpath
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort

from conftest import TOOL, listening, run_build, write_tree

# --------------------------------------------------------------------------------------------
# Fatal input
# --------------------------------------------------------------------------------------------


class _AllRecords(logging.Handler):
    """Every record MkDocs logs, with what a formatter would print for it."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.records: list[logging.LogRecord] = []
        self.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
        self.texts: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
        self.texts.append(self.format(record))


GOOD_POST = """\
---
title: A good post
date: 2024-01-10
---
Fine.
"""

FATAL = {
    "malformed-yaml": (
        # Line 4 of the file is the bad one: a second ':' where a plain value cannot have one.
        b"---\ntitle: Broken\ndate: 2024-01-01\nsummary: x: y\ntags: [a]\n---\nBody.\n",
        ["invalid YAML front matter", "line 4", "mapping values are not allowed"],
    ),
    "list-front-matter": (b"---\n- one\n- two\n---\nBody.\n", ["must be a mapping", "list"]),
    "scalar-front-matter": (b"---\njust some words\n---\nBody.\n", ["must be a mapping", "str"]),
    "not-utf8": (
        b"---\ntitle: Caf\xe9\ndate: 2024-01-01\n---\nLatin-1, not UTF-8: \xe9t\xe9.\n",
        ["not valid UTF-8", "0xe9"],
    ),
}


def _project(root: Path, docs: dict, plugin: dict | None = None, theme: str = "mkdocs", **extra) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    write_tree(root / "docs", docs)
    cfg = {
        "site_name": "Hostile",
        "site_url": "https://example.com/",
        "theme": {"name": theme},
        "plugins": ["search", {"blog-plugin": plugin or {}}],
    }
    cfg.update(extra)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    return root


@pytest.mark.parametrize("case", sorted(FATAL))
def test_fatal_input_stops_the_build_with_one_line_naming_the_file(tmp_path, case):
    content, fragments = FATAL[case]
    project = _project(tmp_path / "p", {
        "index.md": "# Home\n",
        "blog/index.md": "# Blog\n",
        "blog/posts/good.md": GOOD_POST,
        "blog/posts/bad.md": content,
    })
    handler = _AllRecords()
    with listening(handler), pytest.raises(Abort):
        run_build(project)

    errors = [r for r in handler.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1, handler.texts
    message = errors[0].getMessage()
    assert message.startswith("blog/posts/bad.md"), message
    assert "\n" not in message
    for fragment in fragments:
        assert fragment in message, message
    for record in handler.records:
        assert record.exc_info is None and record.exc_text is None, record.getMessage()
    assert not any("Traceback" in text for text in handler.texts)
    # The good post is not blamed.
    assert "good.md" not in message


def test_malformed_yaml_names_the_line_of_the_file(tmp_path):
    project = _project(tmp_path / "p", {
        "blog/index.md": "# Blog\n",
        "blog/posts/bad.md": b"---\ntitle: Broken\ndate: 2024-01-01\ntags: [a, b\n---\nBody.\n",
    })
    handler = _AllRecords()
    with listening(handler), pytest.raises(Abort):
        run_build(project)
    (error,) = [r.getMessage() for r in handler.records if r.levelno >= logging.ERROR]
    # An unclosed '[' on line 4: the parser gives up where the front matter ends, line 5.
    assert error.startswith("blog/posts/bad.md, line 5: invalid YAML front matter"), error


def test_fatal_input_through_the_command_line_has_no_traceback(tmp_path):
    project = _project(tmp_path / "p", {
        "index.md": "# Home\n",
        "blog/posts/good.md": GOOD_POST,
        "blog/posts/2024-01-02-list.md": FATAL["list-front-matter"][0],
    })
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", TOOL, "build", "-f", str(project / "mkdocs.yml"),
         "-d", str(tmp_path / "out")],
        capture_output=True, text=True, env=env, cwd=project, timeout=300,
    )
    assert result.returncode != 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "Traceback" not in result.stdout
    lines = [line for line in result.stderr.splitlines() if "blog/posts/2024-01-02-list.md" in line]
    assert len(lines) == 1, result.stderr
    assert "ERROR" in lines[0] and "must be a mapping" in lines[0]


# --------------------------------------------------------------------------------------------
# Recoverable input: one site with every kind of trouble, built once per module.
# --------------------------------------------------------------------------------------------

TITLE_PAYLOAD = '<script>alert("xss-title")</script> & <b>bold</b>'
TAG_PAYLOAD = "<script>alert('xss-tag')</script>"
CATEGORY_PAYLOAD = "<script>alert('xss-category')</script>"
IMG_PAYLOAD = "<img src=x onerror=alert('xss-img')>"
MARKERS = ("xss-title", "xss-tag", "xss-category", "xss-img")

HUGE_PARAGRAPH = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod. " * 10
HUGE_BODY = "First paragraph of a very long post.\n\n" + "\n\n".join(
    f"Paragraph {i}. {HUGE_PARAGRAPH}" for i in range(1, 1400)
) + "\n\nThe very last paragraph.\n"

CRLF_POST = (
    "---\r\n"
    "title: Windows line endings\r\n"
    "date: 2024-02-06\r\n"
    "excerpt_separator: |\r\n"
    "  <!--cut here-->\r\n"
    "---\r\n"
    "Before the cut.\r\n"
    "\r\n"
    "<!--cut here-->\r\n"
    "\r\n"
    "After the cut.\r\n"
).encode("utf-8")

HOSTILE_DOCS: dict[str, str | bytes] = {
    "index.md": "# Home\n",
    "blog/index.md": "# Blog\n",
    "blog/posts/2024-03-01-bad-date.md": """\
        ---
        title: Impossible date
        date: 2024-13-45
        ---
        Month thirteen.
        """,
    "blog/posts/2024-02-01-tags-number.md": """\
        ---
        title: Tags as a number
        tags: 5
        ---
        Numeric tag.
        """,
    "blog/posts/2024-02-02-nested.md": """\
        ---
        title: Nested tags
        tags: [outer, [inner, [deepest]]]
        ---
        Nested.
        """,
    "blog/posts/2024-02-03-string-categories.md": """\
        ---
        title: String categories
        categories: Gardening Tools
        category: Big Ideas
        ---
        Categories as strings.
        """,
    "blog/posts/2024-02-04-empty.md": "",
    "blog/posts/2024-02-05-huge.md": "---\ntitle: Huge\n---\n" + HUGE_BODY,
    "blog/posts/crlf.md": CRLF_POST,
    "blog/posts/2024-02-07-xss.md": (
        "---\n" + yaml.safe_dump({
            "title": TITLE_PAYLOAD,
            "tags": [TAG_PAYLOAD, IMG_PAYLOAD],
            "categories": [CATEGORY_PAYLOAD],
            "description": TITLE_PAYLOAD,
        }, allow_unicode=True) + "---\nHarmless body.\n"
    ),
    "blog/posts/2024-02-08-escape.md": """\
        ---
        title: Escape attempt
        slug: ../../../../tmp/x
        ---
        Trying to get out.
        """,
    "blog/posts/twin-a.md": """\
        ---
        title: Twin A
        date: 2024-02-09
        slug: twins
        ---
        First twin.
        """,
    "blog/posts/twin-b.md": """\
        ---
        title: Twin B
        date: 2024-02-09
        slug: twins
        ---
        Second twin.
        """,
    "blog/posts/2024-02-10-languages.md": """\
        ---
        title: Languages
        tags: [C++, C#, C]
        ---
        Three languages.
        """,
}

HOSTILE_WARNINGS = [
    "blog/posts/2024-03-01-bad-date.md: cannot read 'date'",
    "blog/posts/2024-02-01-tags-number.md: 'tags' should be a list or a string",
    "blog/posts/2024-02-04-empty.md: the file is empty",
    "blog/posts/twin-b.md: has the same URL as 'blog/posts/twin-a.md'",
    "blog/posts/2024-02-08-escape.md: 'slug' '../../../../tmp/x' is not usable as one URL segment; using 'tmp-x'",
]


def _listing(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*")}


@pytest.fixture(scope="module", params=["material", "mkdocs"])
def hostile(request, tmp_path_factory):
    """The hostile blog, built once per theme, with a listing of its folder before and after."""
    base = tmp_path_factory.mktemp(f"hostile-{request.param}")
    project = _project(base / "project", HOSTILE_DOCS, theme=request.param)
    before = _listing(base)
    site = run_build(project, expect_warnings=HOSTILE_WARNINGS)
    after = _listing(base)
    return site, base, before, after


def _resolve(page_url: str, href: str) -> str:
    """The site-relative URL that ``href`` on the page at ``page_url`` points to."""
    directory = page_url if page_url.endswith("/") else posixpath.dirname(page_url)
    target = posixpath.normpath(posixpath.join(directory, href))
    return target + "/" if href.endswith("/") else target


def _index(site) -> dict[str, str]:
    """Title -> URL of every post on the blog index, following its pagination to the end."""
    found: dict[str, str] = {}
    url: str | None = "blog/"
    seen = set()
    while url is not None and url not in seen:
        seen.add(url)
        soup = site.soup(url)
        for a in soup.select("article.blog-entry .blog-entry-title a"):
            found[a.get_text()] = _resolve(url, a["href"])
        older = soup.select_one("a.blog-pagination-older")
        url = _resolve(url, older["href"]) if older is not None else None
    return found


#: The post links of a listing: entries with excerpts, or one-line items (tag pages).
LISTED = "article.blog-entry .blog-entry-title a, ul.blog-compact > li > a"


def _entry(site, url: str, title: str):
    """The listing entry with ``title`` on the page ``url``."""
    for article in site.soup(url).select("article.blog-entry"):
        if article.select_one(".blog-entry-title a").get_text() == title:
            return article
    raise AssertionError(f"no entry {title!r} on {url}")


EVERY_TITLE = {
    "Impossible date", "Tags as a number", "Nested tags", "String categories", "Empty", "Huge",
    "Windows line endings", TITLE_PAYLOAD, "Escape attempt", "Twin A", "Twin B", "Languages",
}


def test_every_hostile_post_is_published(hostile):
    site, *_ = hostile
    index = _index(site)
    assert set(index) == EVERY_TITLE
    for title, url in index.items():
        assert site.exists(url), (title, url)
        assert url.startswith("blog/"), (title, url)


def test_impossible_date_warns_and_falls_back_to_the_file_name(hostile):
    site, *_ = hostile
    url = _index(site)["Impossible date"]
    assert url.startswith("blog/2024/03/01/"), url  # the date from the file name
    page = site.soup(url)
    assert "Month thirteen." in page.get_text()
    assert page.select_one("time.blog-date")["datetime"].startswith("2024-03-01")


def test_odd_terms_are_normalised(hostile):
    site, *_ = hostile
    tags = {a.get_text(): _resolve("blog/tags/", a["href"])
            for a in site.soup("blog/tags/").select("ul.blog-overview li a")}
    # tags: 5 -> the tag "5"; nested lists are flattened; C++, C# and C are three tags.
    for name in ("5", "outer", "inner", "deepest", "C++", "C#", "C"):
        assert name in tags, (name, sorted(tags))
    assert len({tags["C++"], tags["C#"], tags["C"]}) == 3
    for name in ("C++", "C#", "C"):
        page = site.soup(tags[name])
        assert [a.get_text() for a in page.select(LISTED)] == ["Languages"], name
        assert page.find("h1").get_text() == name
    for name in ("outer", "inner", "deepest"):
        page = site.soup(tags[name])
        assert [a.get_text() for a in page.select(LISTED)] == ["Nested tags"], name
    assert [a.get_text() for a in site.soup(tags["5"]).select(LISTED)] == ["Tags as a number"]
    categories = {a.get_text() for a in site.soup("blog/category/").select("ul.blog-overview li a")}
    # Jekyll: a 'categories' string is split on spaces, a 'category' string is one name.
    assert {"Gardening", "Tools", "Big Ideas"} <= categories
    post = site.soup(_index(site)["String categories"])
    assert {a.get_text() for a in post.select("a.blog-category")} == {"Gardening", "Tools", "Big Ideas"}


def test_empty_post_is_published_under_its_file_name(hostile):
    site, *_ = hostile
    url = _index(site)["Empty"]
    assert url == "blog/2024/02/04/empty/"
    assert site.soup(url).select_one("header.blog-post-header h1").get_text() == "Empty"


def test_one_megabyte_post(hostile):
    site, *_ = hostile
    assert len(HUGE_BODY.encode()) > 1_000_000
    url = _index(site)["Huge"]
    html = site.html(url)
    assert "The very last paragraph." in html and "Paragraph 1399." in html
    readtime = site.soup(url).select_one(".blog-readtime").get_text()
    # About 150,000 words at 265 words a minute.
    assert 400 < int(re.search(r"\d+", readtime).group(0)) < 800, readtime
    # The listing shows the first paragraph, not the whole megabyte.
    entry = _entry(site, "blog/", "Huge")
    assert entry.select_one(".blog-excerpt").get_text(" ", strip=True) == "First paragraph of a very long post."
    assert len(str(entry)) < 2000


def test_crlf_post_with_block_scalar_separator(hostile):
    site, *_ = hostile
    entry = _entry(site, "blog/", "Windows line endings")
    assert entry.select_one(".blog-excerpt").get_text(" ", strip=True) == "Before the cut."
    assert entry.select_one(".blog-continue a") is not None
    text = site.soup(_index(site)["Windows line endings"]).get_text(" ", strip=True)
    assert "Before the cut." in text and "After the cut." in text


def test_slug_with_dot_segments_stays_inside_the_blog(hostile):
    site, base, before, after = hostile
    site_dir = site.site_dir.resolve()
    assert site_dir == (base / "project" / "site").resolve()
    # The build added the site folder and nothing else.
    added = after - before
    assert "project/site" in added
    assert all(p.startswith("project/site/") for p in added - {"project/site"}), sorted(added)[:20]
    for path in site.site_dir.rglob("*"):
        assert path.resolve().is_relative_to(site_dir), path
        assert ".." not in path.relative_to(site.site_dir).parts
        assert path.name != "x" or "blog" in path.relative_to(site.site_dir).parts
    assert not (site.site_dir / "tmp").exists()
    url = _index(site)["Escape attempt"]
    assert url == "blog/2024/02/08/tmp-x/"
    assert "Trying to get out." in site.soup(url).get_text()


def test_two_posts_with_one_slug_and_date_are_both_published(hostile):
    site, *_ = hostile
    index = _index(site)
    assert index["Twin A"] != index["Twin B"]
    twins = [m for m in site.warnings if "twin-a.md" in m or "twin-b.md" in m]
    assert len(twins) == 1 and "twin-a.md" in twins[0] and "twin-b.md" in twins[0], twins
    assert "First twin." in site.soup(index["Twin A"]).get_text()
    assert "Second twin." in site.soup(index["Twin B"]).get_text()


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def test_html_in_titles_tags_and_categories_is_never_markup(hostile):
    site, *_ = hostile
    checked = 0
    for path in sorted(site.site_dir.rglob("*")):
        rel = path.relative_to(site.site_dir).as_posix()
        if path.suffix == ".html":
            soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            scripts = [s.get_text() for s in soup.find_all("script") if any(m in s.get_text() for m in MARKERS)]
            assert not scripts, (rel, scripts)
            images = [i for i in soup.find_all("img") if "xss-img" in (i.get("onerror") or "")]
            assert not images, rel
            checked += 1
        elif path.suffix == ".xml":
            text = path.read_text(encoding="utf-8")
            assert "<script>alert" not in text and "<img src=x" not in text, rel
        elif rel == "search/search_index.json":
            # Themes show search titles and tags as HTML, so they must be escaped text.
            for value in _strings(json.loads(path.read_text(encoding="utf-8"))):
                assert "<script>alert" not in value and "<img src=x" not in value, value
    assert checked > 20


def test_html_in_titles_tags_and_categories_reads_as_written(hostile):
    site, *_ = hostile
    url = _index(site)[TITLE_PAYLOAD]
    post = site.soup(url)
    assert post.select_one("header.blog-post-header h1").get_text() == TITLE_PAYLOAD
    assert post.title.get_text() == f"{TITLE_PAYLOAD} - Hostile"
    assert {a.get_text() for a in post.select("a.blog-tag")} == {TAG_PAYLOAD, IMG_PAYLOAD}
    assert {a.get_text() for a in post.select("a.blog-category")} == {CATEGORY_PAYLOAD}

    tags = {a.get_text() for a in site.soup("blog/tags/").select("ul.blog-overview li a")}
    assert {TAG_PAYLOAD, IMG_PAYLOAD} <= tags
    categories = {a.get_text() for a in site.soup("blog/category/").select("ul.blog-overview li a")}
    assert CATEGORY_PAYLOAD in categories
    for link, name in ((next(a for a in post.select("a.blog-tag") if a.get_text() == TAG_PAYLOAD), TAG_PAYLOAD),
                       (post.select_one("a.blog-category"), CATEGORY_PAYLOAD)):
        page = site.soup(_resolve(url, link["href"]))
        assert page.find("h1").get_text() == name
        assert page.title.get_text() == f"{name} - Hostile"
        assert [a.get_text() for a in page.select(LISTED)] == [TITLE_PAYLOAD]

    # Feeds carry the title as text: Atom's default text type, RSS and JSON Feed plain text.
    ns = {"a": "http://www.w3.org/2005/Atom"}
    atom = ET.fromstring(site.path("blog/feed.xml").read_bytes())
    (title,) = [t for t in atom.findall("a:entry/a:title", ns) if "xss-title" in (t.text or "")]
    assert title.text == TITLE_PAYLOAD and title.get("type", "text") == "text"
    rss = ET.fromstring(site.path("blog/rss.xml").read_bytes())
    assert TITLE_PAYLOAD in [t.text for t in rss.iter("title")]
    feed = json.loads(site.path("blog/feed.json").read_text(encoding="utf-8"))
    item = next(i for i in feed["items"] if "xss-title" in i["title"])
    assert item["title"] == TITLE_PAYLOAD
    assert "<script" not in item.get("content_html", "") + item.get("summary", "")


ESCAPE_DOCS = {
    "index.md": "# Home\n",
    "blog/.authors.yml": """\
        authors:
          evil:
            name: Evil
            slug: ../../../../outside-author
          dots:
            name: Dots
            slug: ..
        """,
    "blog/posts/a.md": """\
        ---
        title: A
        date: 2024-01-01
        permalink: /../../../../outside-permalink/
        redirect_from: ['../../../../outside-redirect.html', '/..%2f..%2foutside-encoded/', '..\\..\\x']
        authors: [evil]
        tags: ['../..', '..', '/']
        categories: ['../../../outside-category']
        ---
        A.
        """,
    "blog/posts/b.md": """\
        ---
        title: B
        date: 2024-01-02
        permalink: ':categories/../../../../../outside-b/'
        authors: [dots]
        categories: ['..']
        ---
        B.
        """,
    "blog/posts/c.md": "---\ntitle: '...'\ndate: 2024-01-03\n---\nC.\n",
    "blog/posts/d.md": "---\ntitle: '../../..'\ndate: 2024-01-04\nslug: '..'\n---\nD.\n",
}


def test_no_path_in_the_input_writes_outside_the_site_dir(tmp_path):
    """Permalinks, redirects, tag, category and author slugs, titles: all stay in the blog."""
    project = _project(tmp_path / "project", ESCAPE_DOCS, plugin={"authors_profiles": True})
    before = _listing(tmp_path)
    site = run_build(project, expect_warnings=[
        "blog/posts/a.md: cannot use its URL",
        "blog/posts/b.md: cannot use its URL",
        "blog/posts/a.md: redirect_from '../../../../outside-redirect.html' is not a usable path",
        "blog/posts/a.md: redirect_from '/..%2f..%2foutside-encoded/' is not a usable path",
        "blog/posts/a.md: redirect_from '..\\..\\x' is not a usable path",
        "blog/posts/d.md: 'slug' '..' is not usable in a URL",
        "the tag names",
    ])
    added = _listing(tmp_path) - before
    assert all(p == "project/site" or p.startswith("project/site/") for p in added), sorted(added)
    site_dir = site.site_dir.resolve()
    for path in site.site_dir.rglob("*"):
        assert path.resolve().is_relative_to(site_dir), path
        assert not any(part.startswith("..") for part in path.relative_to(site.site_dir).parts), path
    index = _index(site)
    assert index == {
        "A": "blog/2024/01/01/a/", "B": "blog/2024/01/02/b/",
        # Titles without a letter: the slug comes from the file name.
        "...": "blog/2024/01/03/c/", "../../..": "blog/2024/01/04/d/",
    }
    assert site.exists("blog/author/outside-author/") and site.exists("blog/author/dots/")
    assert site.exists("blog/category/outside-category/")
    tags = {a.get_text() for a in site.soup("blog/tags/").select("ul.blog-overview li a")}
    assert tags == {"../..", "..", "/"}
