"""Table-driven tests for ``posts``: front matter -> ``Post``."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from mkdocs_blog_plugin import posts
from mkdocs_blog_plugin.posts import PostError, format_path, markdown_title, read_post, split_front_matter, terms

BERLIN = ZoneInfo("Europe/Berlin")
FALLBACK = dt.datetime(2001, 2, 3, 4, 5, 6, tzinfo=dt.timezone.utc)
NO_DATE = "no date in the front matter or the file name"


def read(text: str, src_uri: str = "blog/posts/post.md", tz: dt.tzinfo = BERLIN):
    """Read a post; returns ``(post, warnings, number_of_fallback_calls)``."""
    warnings: list[str] = []
    calls: list[int] = []

    def fallback() -> dt.datetime:
        calls.append(1)
        return FALLBACK

    post = read_post(text, src_uri, tz=tz, fallback_date=fallback, warn=warnings.append)
    return post, warnings, len(calls)


def dated(front: str, body: str = "Body.\n") -> str:
    """A post with a date plus the given front matter lines."""
    return f"---\ndate: 2024-01-31\n{front}---\n{body}"


# -- titles ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, src_uri, title, is_heading",
    [
        ("---\ntitle: From front matter\n---\n# Heading\n", "blog/posts/p.md", "From front matter", False),
        ("---\ntitle: Fish &amp; chips\n---\n", "blog/posts/p.md", "Fish & chips", False),
        ("---\ntitle: 'Non&nbsp;breaking'\n---\n", "blog/posts/p.md", "Non\xa0breaking", False),
        ("---\ntitle: '  spaced  '\n---\n", "blog/posts/p.md", "spaced", False),
        ("---\ntitle: 2024\n---\n", "blog/posts/p.md", "2024", False),
        ("---\ntitle: ''\n---\n# Heading wins\n", "blog/posts/p.md", "Heading wins", True),
        ("Intro\n\n# The heading\n\nText\n", "blog/posts/p.md", "The heading", True),
        ("# Salt &amp; pepper\n", "blog/posts/p.md", "Salt & pepper", True),
        ("# Closed heading ##\n", "blog/posts/p.md", "Closed heading", True),
        ("   # Indented: a paragraph to Python-Markdown\n", "blog/posts/p.md", "P", False),
        ("#Tight heading\n", "blog/posts/p.md", "Tight heading", True),
        ("\nSetext title\n============\n\nBody\n", "blog/posts/p.md", "Setext title", True),
        ("# Custom id {#my-id}\n", "blog/posts/p.md", "Custom id", True),
        ("Intro first.\n\n# Late heading\n\nBody.\n", "blog/posts/p.md", "Late heading", True),
        ("```\n# not a title\n```\n\n# Real title\n", "blog/posts/p.md", "Real title", True),
        ("~~~~\n# not\n~~~\n# still code\n~~~~\n# After\n", "blog/posts/p.md", "After", True),
        ("## Second level only\n####### seven\n", "blog/posts/my-first_post.md", "My first post", False),
        ("```\n# only in code\n```\n", "blog/posts/code-only.md", "Code only", False),
        ("Text\n", "blog/posts/2023-1-7-winter-pruning.md", "Winter pruning", False),
        ("Text\n", "blog/posts/2024-01-31-hello_world.md", "Hello world", False),
        ("Text\n", "blog/posts/sub/nested-name.md", "Nested name", False),
        ("Text\n", "blog/posts/---.md", "Untitled", False),
        ("---\r\ntitle: Windows\r\n---\r\n# No\r\n", "blog/posts/p.md", "Windows", False),
        ("\r\n# CRLF heading\r\n", "blog/posts/p.md", "CRLF heading", True),
    ],
)
def test_title(text, src_uri, title, is_heading):
    post, _, _ = read(text, src_uri)
    assert post.title == title
    assert post.title_is_heading is is_heading


@pytest.mark.parametrize(
    "body, expected",
    [
        ("# One\n# Two\n", "One"),
        ("#  Spaces  \n", "Spaces"),
        ("#\tTab\n", "Tab"),
        ("    # four spaces is code\n", None),
        ("#NoSpace\n", "NoSpace"),  # Python-Markdown needs no space after '#'
        ("   # indented\n", None),
        ("# C#\n", "C"),  # the closing '#'s go, as Python-Markdown renders it
        ("# a \\#\n", "a #"),
        ("#\n# \n# Third\n", "Third"),
        ("####### seven\n", None),
        ("# Title {: .big }\n", "Title"),
        ("# Title {data-x=1}\n", "Title"),
        ("# Use {braces}\n", "Use {braces}"),
        ("Setext\n===\n", "Setext"),
        ("Setext\n---\n", None),  # level 2
        ("Two line\nsetext\n===\n", None),  # Python-Markdown reads a paragraph
        ("    code\n===\n", None),
        ("```\nx\n```\n===\n", None),
        ("text\n\n```\n===\n```\n", None),
        ("```python\n# comment\n```\n", None),
        ("````\n```\n# inside\n````\n# out\n", "out"),
        ("```\n# never closed\n", "never closed"),  # an unclosed fence is text to Python-Markdown
        ("```\n```python\n# code\n```\n# out\n", "out"),  # a fence with an info string closes nothing
        ("# Title{#id}\n", "Title{#id}"),  # attr_list needs a space before '{'
        ("", None),
    ],
)
def test_markdown_title(body, expected):
    assert markdown_title(body) == expected


# Where the two may differ on purpose: '{braces}' at the end of a heading is an attribute list only
# to the attr_list extension, and a title without it is the safer guess.
MARKDOWN_TITLE_CASES = [c for c in test_markdown_title.pytestmark[0].args[1] if "{braces}" not in c[0]]


@pytest.mark.parametrize("body, expected", MARKDOWN_TITLE_CASES)
def test_markdown_title_agrees_with_the_renderer(body, expected):
    """The title is the h1 MkDocs' Markdown renders, so the post page never shows two."""
    import html
    import re

    import markdown

    rendered = markdown.markdown(body, extensions=["attr_list", "fenced_code", "toc"])
    h1s = [html.unescape(re.sub(r"<[^>]+>", "", h)).strip() for h in re.findall(r"<h1[^>]*>(.*?)</h1>", rendered, re.S)]
    assert next((h for h in h1s if h), None) == expected


# -- dates ----------------------------------------------------------------------------------------


def berlin(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=BERLIN)


@pytest.mark.parametrize(
    "front, expected",
    [
        ("date: 2024-01-31", berlin(2024, 1, 31)),
        ("date: 2024-01-31 10:00:00", berlin(2024, 1, 31, 10)),  # YAML datetime, naive
        ("date: 2024-01-31T10:00:00+02:00", berlin(2024, 1, 31, 9)),  # YAML datetime, aware
        ("date: '2024-01-31'", berlin(2024, 1, 31)),
        ("date: '2024-01-31 10:00'", berlin(2024, 1, 31, 10)),
        ("date: 2024-01-31 10:00", berlin(2024, 1, 31, 10)),  # not a YAML timestamp: a string
        ("date: '2024-01-31T10:00:00+02:00'", berlin(2024, 1, 31, 9)),
        ("date: 2024-01-31 10:00:00 +0100", berlin(2024, 1, 31, 10)),
        ("date: '2024-07-01 12:00:00 Z'", berlin(2024, 7, 1, 14)),
        ("date:\n  created: 2024-03-04\n  updated: 2024-05-06", berlin(2024, 3, 4)),
    ],
)
def test_front_matter_date(front, expected):
    post, warnings, calls = read(f"---\n{front}\n---\nText\n")
    assert post.date == expected
    assert post.date.utcoffset() == expected.utcoffset()
    assert (warnings, calls, post.date_missing) == ([], 0, False)


@pytest.mark.parametrize(
    "tz, text, expected_utc",
    [
        (dt.timezone.utc, "---\ndate: 2024-01-31 10:00:00\n---\n", dt.datetime(2024, 1, 31, 10)),
        (BERLIN, "---\ndate: 2024-01-31 10:00:00\n---\n", dt.datetime(2024, 1, 31, 9)),
        (BERLIN, "---\ndate: 2024-07-31 10:00:00\n---\n", dt.datetime(2024, 7, 31, 8)),
        (ZoneInfo("America/New_York"), "---\ndate: '2024-01-31 10:00'\n---\n", dt.datetime(2024, 1, 31, 15)),
        (ZoneInfo("America/New_York"), "---\ndate: 2024-01-31T10:00:00Z\n---\n", dt.datetime(2024, 1, 31, 10)),
    ],
)
def test_naive_times_are_read_in_the_site_time_zone(tz, text, expected_utc):
    post, _, _ = read(text, tz=tz)
    assert post.date.astimezone(dt.timezone.utc).replace(tzinfo=None) == expected_utc
    assert post.date.tzinfo is not None


@pytest.mark.parametrize(
    "src_uri, front, date, slug",
    [
        ("blog/posts/2023-1-7-winter-pruning.md", "", berlin(2023, 1, 7), "winter-pruning"),
        ("blog/posts/2023-01-07-x.md", "", berlin(2023, 1, 7), "x"),
        ("blog/posts/2023-12-31-a-2024-01-01.md", "", berlin(2023, 12, 31), "a-2024-01-01"),
        # The front matter wins over the file name, for the date and for the slug.
        ("blog/posts/2023-01-07-x.md", "date: 2024-02-02\nslug: mine\n", berlin(2024, 2, 2), "mine"),
    ],
)
def test_jekyll_file_name(src_uri, front, date, slug):
    post, warnings, calls = read(f"---\n{front}---\nText\n" if front else "Text\n", src_uri)
    assert (post.date, post.slug) == (date, slug)
    assert post.slug_from_file is (not front)
    assert (warnings, calls) == ([], 0)


@pytest.mark.parametrize(
    "text, src_uri, warning",
    [
        ("Text\n", "blog/posts/plain.md", NO_DATE),
        ("Text\n", "blog/posts/2023-02-30-impossible.md", NO_DATE),
        ("---\ndate: 2024-13-45\n---\n", "blog/posts/p.md", "cannot read 'date'"),
        ("---\ndate: '2024-13-45'\n---\n", "blog/posts/p.md", "cannot read 'date'"),
        ("---\ndate: 2024-02-30 10:00:00\n---\n", "blog/posts/p.md", "cannot read 'date'"),
        ("---\ndate: yesterday\n---\n", "blog/posts/p.md", "cannot read 'date'"),
        ("---\ndate: 20240131\n---\n", "blog/posts/p.md", "cannot read 'date'"),
        ("---\ndate:\n  updated: 2024-01-01\n---\n", "blog/posts/p.md", NO_DATE),
    ],
)
def test_missing_or_bad_date_uses_the_fallback(text, src_uri, warning):
    post, warnings, calls = read(text, src_uri)
    assert post.date == FALLBACK
    assert post.date_missing is True
    assert calls == 1
    assert len(warnings) == 1 and warning in warnings[0]


def test_bad_front_matter_date_falls_back_to_the_file_name_date():
    post, warnings, calls = read("---\ndate: 2024-13-45\n---\n", "blog/posts/2022-03-04-x.md")
    assert post.date == berlin(2022, 3, 4)
    assert calls == 0 and post.date_missing is False
    assert len(warnings) == 1 and "2024-13-45" in warnings[0]


@pytest.mark.parametrize(
    "front, updated",
    [
        ("updated: 2024-02-01", berlin(2024, 2, 1)),
        ("last_modified_at: 2024-02-02 08:00:00", berlin(2024, 2, 2, 8)),
        ("updated: 2024-02-01\nlast_modified_at: 2024-03-03", berlin(2024, 2, 1)),
        ("last_modified_at: '2024-02-03T10:00:00+02:00'", berlin(2024, 2, 3, 9)),
        ("", None),
    ],
)
def test_updated(front, updated):
    post, warnings, _ = read(dated(front + "\n" if front else ""))
    assert post.updated == updated
    assert post.updated_iso == (updated.isoformat() if updated else "")
    assert warnings == []


def test_material_date_mapping():
    post, warnings, _ = read("---\ndate:\n  created: 2024-03-04\n  updated: 2024-05-06 07:08:09\n---\n")
    assert (post.date, post.updated) == (berlin(2024, 3, 4), berlin(2024, 5, 6, 7, 8, 9))
    assert post.date_iso == "2024-03-04T00:00:00+01:00"
    assert warnings == []


def test_bad_updated_date_warns_and_is_dropped():
    post, warnings, _ = read(dated("updated: 2024-99-01\n"))
    assert post.updated is None
    assert len(warnings) == 1 and "updated" in warnings[0]


# -- categories and tags --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "front, categories, tags",
    [
        ("tags: [Python, Web]\n", [], ["Python", "Web"]),
        ("tags: python web  dev\n", [], ["python", "web", "dev"]),
        ("tag: Machine Learning\n", [], ["Machine Learning"]),
        ("tags: [a b]\n", [], ["a b"]),  # a list item is one name as written
        ("tags: [a, [b, [c, d]]]\n", [], ["a", "b", "c", "d"]),
        ("tags: [3, 2.5, true]\n", [], ["3", "2.5", "True"]),
        ("tags: [Python, python, PYTHON, Web]\n", [], ["Python", "Web"]),
        ("tags: [x, '', null, ' y ']\n", [], ["x", "y"]),
        ("tags: Go go\ntag: GO\n", [], ["Go"]),
        ("tags: a\ntag: b c\n", [], ["a", "b c"]),
        ("categories: [Dev, Ops]\n", ["Dev", "Ops"], []),
        ("categories: Dev Ops\n", ["Dev", "Ops"], []),
        ("category: Big Data\n", ["Big Data"], []),
        ("categories: [Dev]\ncategory: dev\n", ["Dev"], []),
        ("categories: [Straße]\ntags: [STRASSE]\n", ["Straße"], ["STRASSE"]),
        ("categories: ['Cafe\u0301', 'Caf\u00e9']\n", ["Cafe\u0301"], []),  # same name in NFC
        ("", [], []),
    ],
)
def test_terms_in_posts(front, categories, tags):
    post, warnings, _ = read(dated(front))
    assert post.categories == categories
    assert post.tags == tags
    assert warnings == []


@pytest.mark.parametrize(
    "value, split, result, warning",
    [
        (5, True, ["5"], "not int"),
        (True, True, ["True"], "not bool"),
        ({"a": 1}, True, [], "not a mapping"),
        (["ok", {"a": 1}], True, ["ok"], "type dict"),
        (["ok", object()], False, ["ok"], "type object"),
        ("a b", False, ["a b"], None),
        ("a b", True, ["a", "b"], None),
        (("x", "X"), True, ["x"], None),
        (None, True, [], None),
        ([dt.date(2024, 1, 2)], True, ["2024-01-02"], None),
    ],
)
def test_terms(value, split, result, warning):
    warnings: list[str] = []
    assert terms(value, split=split, key="tags", warn=warnings.append) == result
    if warning is None:
        assert warnings == []
    else:
        assert len(warnings) == 1 and warning in warnings[0] and "'tags'" in warnings[0]


def test_tags_number_in_a_post_warns_and_keeps_the_number():
    post, warnings, _ = read(dated("tags: 5\n"))
    assert post.tags == ["5"]
    assert len(warnings) == 1 and "'tags'" in warnings[0]


def test_tags_mapping_in_a_post_warns_and_is_ignored():
    post, warnings, _ = read(dated("tags:\n  a: 1\n"))
    assert post.tags == []
    assert len(warnings) == 1 and "mapping" in warnings[0]


def test_authors():
    post, warnings, _ = read(dated("authors: [jo, sam]\nauthor: jo\n"))
    assert post.authors == ["jo", "sam"]
    assert warnings == []


# -- flags, separator, other keys -----------------------------------------------------------------


@pytest.mark.parametrize(
    "front, draft, pin, warned",
    [
        ("", False, False, False),
        ("draft: true\n", True, False, False),
        ("draft: false\n", False, False, False),
        ("draft: 'yes'\n", True, False, False),
        ("published: false\n", True, False, False),
        ("published: true\n", False, False, False),
        ("draft: false\npublished: false\n", True, False, False),
        ("pin: true\n", False, True, False),
        ("pin: false\n", False, False, False),
        ("draft: maybe\n", False, False, True),
        ("pin: 1\n", False, False, True),
    ],
)
def test_draft_published_pin(front, draft, pin, warned):
    post, warnings, _ = read(dated(front))
    assert (post.draft, post.pin) == (draft, pin)
    assert bool(warnings) is warned


@pytest.mark.parametrize(
    "text",
    [
        "---\ndate: 2024-01-31\nexcerpt_separator: |\n  <!--more-->\n---\nA\n\n<!--more-->\n\nB\n",
        "---\r\ndate: 2024-01-31\r\nexcerpt_separator: |\r\n  <!--more-->\r\n---\r\nA\r\n\r\n<!--more-->\r\n\r\nB\r\n",
    ],
    ids=["LF", "CRLF"],
)
def test_excerpt_separator_block_scalar(text):
    post, warnings, _ = read(text)
    assert post.excerpt_separator == "<!--more-->\n"
    assert post.body.replace("\r\n", "\n") == "A\n\n<!--more-->\n\nB\n"
    assert post.date == berlin(2024, 1, 31)
    assert warnings == []


def test_excerpt_separator_that_is_not_text_is_ignored():
    post, warnings, _ = read(dated("excerpt_separator: [a]\n"))
    assert post.excerpt_separator is None
    assert len(warnings) == 1 and "excerpt_separator" in warnings[0]


def test_unknown_keys_are_kept_in_meta():
    post, warnings, _ = read(dated("hero: img.png\nseries: {name: Trees, part: 2}\n"))
    assert post.meta["hero"] == "img.png"
    assert post.meta["series"] == {"name": "Trees", "part": 2}
    assert post.meta["date"] == dt.date(2024, 1, 31)
    assert warnings == []


@pytest.mark.parametrize(
    "front, field, value, warned",
    [
        ("readtime: 7\n", "readtime", 7, False),
        ("readtime: 'seven'\n", "readtime", None, True),
        ("readtime: true\n", "readtime", None, True),
        ("description: Short\n", "description", "Short", False),
        ("description: [a]\n", "description", None, True),
        ("excerpt: Hand written\n", "excerpt_markdown", "Hand written", False),
        ("permalink: /x/:title/\n", "permalink", "/x/:title/", False),
        ("redirect_from: /old/\n", "redirect_from", ["/old/"], False),
        ("redirect_from: [/a/, /b/]\n", "redirect_from", ["/a/", "/b/"], False),
        ("redirect_from: {a: 1}\n", "redirect_from", [], True),
        ("slug: 42\n", "slug", "42", False),
    ],
)
def test_other_keys(front, field, value, warned):
    post, warnings, _ = read(dated(front))
    assert getattr(post, field) == value
    assert bool(warnings) is warned


# -- slugs ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "src_uri, front, slug, from_file",
    [
        ("blog/posts/p.md", "slug: custom-slug\n", "custom-slug", False),
        ("blog/posts/2024-01-31-from-name.md", "", "from-name", True),
        ("blog/posts/plain-name.md", "", "", False),  # the caller slugifies the title
        ("blog/posts/2024-01-31-from-name.md", "slug: given\n", "given", False),
    ],
)
def test_slug(src_uri, front, slug, from_file):
    post, _, _ = read(dated(front), src_uri)
    assert (post.slug, post.slug_from_file) == (slug, from_file)


# -- malformed input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("---\ntitle: [unclosed\n---\n", "blog/posts/bad.md, line "),
        ("---\ntitle: ok\ntags: [a, b\ndate: 2024-01-01\n---\n", "blog/posts/bad.md, line "),
        ("---\ntitle: a: b\n---\n", "blog/posts/bad.md, line 2"),
        ("---\n\ttitle: tab\n---\n", "blog/posts/bad.md, line 2"),
        ("---\n- a\n- b\n---\n", "not a list"),
        ("---\njust text\n---\n", "not a str"),
        ("---\n42\n---\n", "not a int"),
    ],
)
def test_malformed_front_matter_raises_post_error(text, expected):
    with pytest.raises(PostError) as info:
        read(text, "blog/posts/bad.md")
    message = str(info.value)
    assert message.startswith("blog/posts/bad.md")
    assert expected in message
    assert "\n" not in message


def test_yaml_error_names_the_line_in_the_file():
    text = "---\ntitle: ok\ndescription: fine\ntags: [a, b\n---\n"
    with pytest.raises(PostError) as info:
        split_front_matter(text, "blog/posts/bad.md")
    # The bad flow sequence starts on line 4 of the file; the error is reported at or after it.
    line = int(str(info.value).split("line ")[1].split(":")[0])
    assert 4 <= line <= 5


@pytest.mark.parametrize(
    "text, meta, body",
    [
        ("No front matter\n", {}, "No front matter\n"),
        ("---\n---\nBody\n", {}, "Body\n"),
        ("---\ntitle: T\n---\n\n\nBody\n", {"title": "T"}, "Body\n"),
        ("\ufeff---\ntitle: T\n---\nBody\n", {"title": "T"}, "Body\n"),
        ("Text\n\n---\n\nMore\n", {}, "Text\n\n---\n\nMore\n"),  # a thematic break
        ("---\nnot closed\n", {}, "---\nnot closed\n"),
        ("---\n1: one\n---\n", {"1": "one"}, ""),
    ],
)
def test_split_front_matter(text, meta, body):
    assert split_front_matter(text, "blog/posts/p.md") == (meta, body)


@pytest.mark.parametrize("text", ["", "   \n\n", "\ufeff", "\ufeff\n"])
def test_empty_file_warns(text):
    post, warnings, calls = read(text, "blog/posts/empty-post.md")
    assert post.title == "Empty post"
    assert "the file is empty" in warnings
    assert calls == 1


def test_bom_is_ignored():
    post, warnings, _ = read("\ufeff---\ntitle: Bom\ndate: 2024-01-31\n---\nBody\n")
    assert (post.title, post.date, post.body, warnings) == ("Bom", berlin(2024, 1, 31), "Body\n", [])


def test_sort_key_pinned_first_then_newest():
    a, _, _ = read("---\ndate: 2024-01-01\n---\n", "blog/posts/a.md")
    b, _, _ = read("---\ndate: 2024-02-01\n---\n", "blog/posts/b.md")
    c, _, _ = read("---\ndate: 2023-01-01\npin: true\n---\n", "blog/posts/c.md")
    d, _, _ = read("---\ndate: 2024-02-01\n---\n", "blog/posts/a2.md")
    assert [p.src_uri for p in sorted([a, b, c, d], key=lambda p: p.sort_key)] == [
        "blog/posts/c.md", "blog/posts/a2.md", "blog/posts/b.md", "blog/posts/a.md",
    ]


# -- format_path ----------------------------------------------------------------------------------


def post_with(slug: str, src_uri: str = "blog/posts/2024-01-31-file-name.md") -> posts.Post:
    post, _, _ = read("---\ndate: 2024-01-31 23:30:00\n---\n", src_uri)
    post.slug = slug
    return post


@pytest.mark.parametrize(
    "fmt, date_format, categories, expected",
    [
        ("{date}/{slug}", "yyyy/MM/dd", [], "2024/01/31/hello"),
        ("{date}/{slug}", "yyyy", [], "2024/hello"),
        ("{slug}", "yyyy", [], "hello"),
        ("{categories}/{slug}", "yyyy", ["dev", "ops"], "dev/ops/hello"),
        ("{categories}/{slug}", "yyyy", [], "hello"),
        ("{file}", "yyyy", [], "2024-01-31-file-name"),
        ("/{date}//{slug}/", "yyyy/MM", [], "2024/01/hello"),
        ("posts/{date}-{slug}", "yyyy-MM-dd", [], "posts/2024-01-31-hello"),
    ],
)
def test_format_path(fmt, date_format, categories, expected):
    assert format_path(post_with("hello"), fmt, date_format=date_format, categories=categories) == expected


HOSTILE = [
    "../../../../tmp/x",
    "/etc/passwd",
    "..",
    ".",
    "a/../../b",
    "..\\..\\windows",
    " .. ",
    "...",
    "x/./y",
    "%2e%2e",
    "a\x00b\x1f",
]


@pytest.mark.parametrize("slug", HOSTILE)
@pytest.mark.parametrize("fmt", ["{date}/{slug}", "{categories}/{slug}", "{slug}/{file}"])
def test_format_path_never_leaves_the_blog(slug, fmt):
    path = format_path(post_with(slug), fmt, date_format="yyyy/MM/dd", categories=["..", "a/b"])
    segments = path.split("/")
    assert path and not path.startswith("/")
    assert all(seg and seg.strip(".") for seg in segments), path
    assert ".." not in segments and "%2e%2e" not in segments
    assert "\\" not in path and "\x00" not in path


@pytest.mark.parametrize("slug", ["..", ".", "", "/"])
def test_format_path_that_would_be_empty_is_an_error(slug):
    with pytest.raises(PostError, match="empty path"):
        format_path(post_with(slug), "{slug}", date_format="yyyy", categories=[])


@pytest.mark.parametrize(
    "slug, path",
    [
        # '%' is part of the name (Jekyll publishes "%2e%2e" as it is), never an escape for '..'
        ("%2e%2e", "%252e%252e"),
        ("hash-#1", "hash-%231"),
        ("what?", "what%3F"),
    ],
)
def test_format_path_keeps_percent_hash_and_question_mark_as_names(slug, path):
    assert format_path(post_with(slug), "{slug}", date_format="yyyy", categories=[]) == path


@pytest.mark.parametrize("fmt", ["{nope}", "{0}", "{date", "{slug!x}"])
def test_format_path_bad_format(fmt):
    with pytest.raises(PostError, match="post_url_format"):
        format_path(post_with("s"), fmt, date_format="yyyy", categories=[])


def test_format_path_file_name_from_a_hostile_source_path():
    assert format_path(post_with("s", "blog/posts/../../evil.md"), "{file}", date_format="yyyy", categories=[]) == "evil"
