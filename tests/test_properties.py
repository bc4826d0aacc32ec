"""Property tests: whatever a post's front matter holds, reading it gives a normalised ``Post`` or a
``PostError`` that names the file, never any other exception; and no URL path the blog computes
can climb out of its folder.
"""

from __future__ import annotations

import datetime as dt

import pytest
from urllib.parse import unquote
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from mkdocs_blog_plugin import posts
from mkdocs_blog_plugin.posts import Post, PostError, format_path, read_post
from mkdocs_blog_plugin.slugs import safe_segment, slugify, term_slugify

SRC = "blog/posts/2024-05-06-some-post.md"
TZ = dt.timezone(dt.timedelta(hours=2))
FALLBACK = dt.datetime(2020, 1, 2, 3, 4, 5, tzinfo=TZ)

KEYS = (
    "title", "date", "updated", "last_modified_at", "categories", "category", "tags", "tag",
    "authors", "author", "slug", "draft", "published", "pin", "excerpt", "excerpt_separator",
    "description", "readtime", "permalink", "redirect_from", "links",
)

PROPERTY = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

def joined(pieces: list[str], max_size: int) -> st.SearchStrategy[str]:
    """Strings made of the given pieces (characters or longer snippets)."""
    return st.lists(st.sampled_from(pieces), max_size=max_size).map("".join)


# Text as it turns up in front matter: any Unicode, control characters included, plus strings that
# look like dates, flags and numbers, which YAML would otherwise read as such when unquoted.
tricky_text = st.one_of(
    st.text(max_size=30),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=15),
    st.sampled_from([
        "", " ", "\t", "..", "../../x", "/", "a/b", "\\..\\x", "\x00", "\x1b[31m", "\u202e", "\ufeff",
        "2024-13-45", "2024-02-30 25:61", "2024-01-31T10:00:00+02:00", "2024-01-31 10:00:00 +0100",
        "yes", "No", "on", "true", "null", "~", "1e400", "<script>x</script>", "C++", "&amp;",
        "0001-01-01", "9999-12-31 23:59:59 -12:00",
    ]),
)
offsets = st.builds(
    dt.timezone, st.timedeltas(min_value=dt.timedelta(hours=-23, minutes=-59),
                               max_value=dt.timedelta(hours=23, minutes=59)))
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),  # nan and infinities included
    tricky_text,
    st.dates(),
    st.datetimes(),
    st.datetimes(timezones=offsets),
)
yaml_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(tricky_text, st.integers(), st.booleans()), children, max_size=4),
    ),
    max_leaves=12,
)
front_matters = st.fixed_dictionaries({}, optional={key: yaml_values for key in KEYS})
bodies = st.one_of(
    st.just(""),
    st.text(max_size=40),
    st.sampled_from(["# A heading\n\nText.", "```\n# not a title\n```\n", "---\n", "<!-- more -->"]),
)


def _document(front_matter: object, body: str) -> str:
    return "---\n" + yaml.safe_dump(front_matter, allow_unicode=True) + "---\n" + body


def _read(text: str) -> tuple[Post | PostError, list[str]]:
    warnings: list[str] = []
    try:
        post = read_post(text, SRC, tz=TZ, fallback_date=lambda: FALLBACK, warn=warnings.append)
    except PostError as e:
        return e, warnings
    return post, warnings


def _aware(value: object) -> bool:
    return isinstance(value, dt.datetime) and value.tzinfo is not None and value.utcoffset() is not None


def _check_post(post: Post, warnings: list[str]) -> None:
    assert isinstance(post, Post)
    assert post.src_uri == SRC
    assert isinstance(post.title, str) and post.title.strip()
    assert _aware(post.date)
    post.date.timestamp()  # listings sort by it
    assert post.updated is None or _aware(post.updated)
    for name in ("categories", "tags", "authors"):
        terms = getattr(post, name)
        assert isinstance(terms, list), name
        assert all(isinstance(t, str) and t for t in terms), (name, terms)
        keys = [posts.term_key(t) for t in terms]
        assert len(keys) == len(set(keys)), (name, terms)  # no duplicates
    assert isinstance(post.slug, str)
    assert "/" not in post.slug and "\\" not in post.slug and post.slug not in (".", "..")
    for flag in ("draft", "pin", "slug_from_file", "title_is_heading", "date_missing"):
        assert isinstance(getattr(post, flag), bool), flag
    assert post.readtime is None or (type(post.readtime) is int)
    for name in ("excerpt_markdown", "excerpt_separator", "description", "permalink"):
        value = getattr(post, name)
        assert value is None or isinstance(value, str), name
    assert isinstance(post.redirect_from, list) and all(isinstance(r, str) for r in post.redirect_from)
    assert isinstance(post.body, str)
    for message in warnings:
        assert isinstance(message, str) and message and "\n" not in message, message

    # What the blog then does with the slug: an empty one comes from the title, and the post's
    # path is made of safe segments only.
    slug = post.slug or slugify(post.title)
    post.slug = slug
    path = format_path(post, "{date}/{slug}", date_format="yyyy/MM/dd", categories=[])
    _check_path(path)
    assert path.count("/") >= 2  # yyyy/MM/dd, then the slug when anything is left of it
    if safe_segment(slug):
        # The path is a URL path: '%', '?' and '#' of a name come percent-encoded (see format_path).
        assert unquote(path).endswith("/" + safe_segment(slug))
        assert "/" not in safe_segment(slug)


def _check_path(path: str) -> None:
    assert isinstance(path, str) and path
    assert not path.startswith("/") and "\\" not in path
    for segment in path.split("/"):
        assert segment not in ("", ".", ".."), path
        assert not segment.startswith(".") and not segment.endswith("."), path
        assert not any(ord(ch) < 32 or ord(ch) == 127 for ch in segment), path


@PROPERTY
@given(front_matters, bodies)
@example({"date": "2024-13-45"}, "")
@example({"tags": 5, "categories": "One Two", "category": [["x", ["y"]], None, {"a": 1}]}, "")
@example({"title": None, "slug": "../../../../tmp/x"}, "# Heading title\n")
@example({"date": {"created": {"nested": True}, "updated": [1]}}, "")
@example({"date": dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=5)))}, "")
@example({"title": "   ", "slug": " .. "}, "")
@example({"readtime": True, "pin": "maybe", "draft": 1, "published": "no"}, "")
def test_any_front_matter_gives_a_normalised_post(front_matter, body):
    result, warnings = _read(_document(front_matter, body))
    assert isinstance(result, Post), result  # a mapping of known keys is never fatal
    _check_post(result, warnings)
    if front_matter.get("published") is False or front_matter.get("draft") is True:
        assert result.draft is True


@PROPERTY
@given(yaml_values, bodies)
@example(["one", "two"], "")
@example("just words", "")
@example(5, "")
def test_any_yaml_document_gives_a_post_or_an_error_naming_the_file(value, body):
    result, warnings = _read(_document(value, body))
    if isinstance(result, PostError):
        assert str(result).startswith(SRC + ":")
        assert "\n" not in str(result)
        assert not isinstance(value, dict)
    else:
        assert isinstance(value, dict) or value is None
        _check_post(result, warnings)


raw_yaml = joined(
    list("ab: -[]{}&*!|>'\"#%@`,?\n\t\r\\0129.") + ["\x00", "é", "\ufeff", "---\n", "title: ", "date: ",
                                                    "tags:", "\n- ", "2024-13-45", "!!binary", "<<: "],
    60,
)


@PROPERTY
@given(raw_yaml, bodies)
@example("date: 2024-13-45\n", "")
@example("a: !!binary x\n", "")
@example("a: !!python/object:os.system x\n", "")
@example("&a [*a]\n", "")
@example("a: 2024-01-01 10:00:00 +99:00\n", "")
def test_any_text_between_fences_gives_a_post_or_an_error_naming_the_file(front_matter, body):
    result, warnings = _read("---\n" + front_matter + "\n---\n" + body)
    if isinstance(result, PostError):
        assert str(result).startswith(SRC)
        assert "\n" not in str(result)
    else:
        _check_post(result, warnings)


# --------------------------------------------------------------------------------------------
# URL paths
# --------------------------------------------------------------------------------------------

segment_text = st.one_of(
    st.text(max_size=20),
    joined(list("./\\ -_aZ\x00\t%") + ["..", "../", "\u2024", "\uff0e"], 20),
)
url_formats = st.one_of(
    st.sampled_from([
        "{date}/{slug}", "{slug}", "{categories}/{slug}", "{file}", "{date}/{categories}/{slug}/",
        "../{slug}", "{slug}/..", "/{date}//{slug}/", "./{file}/.", "{slug}.html",
    ]),
    st.lists(st.sampled_from(["{date}", "{slug}", "{categories}", "{file}", "/", "..", ".", "x", "-"]),
             max_size=8).map("".join),
    joined(list("{}[]!:.0/ab") + ["{slug}", "{date"], 12),
)


@settings(max_examples=150, deadline=None)
@given(slug=segment_text, file_stem=segment_text, categories=st.lists(segment_text, max_size=3),
       url_format=url_formats)
@example(slug="../../../../tmp/x", file_stem="..", categories=["..", "../etc"], url_format="{categories}/{slug}")
@example(slug="x", file_stem="y", categories=[], url_format="{date.year}/{slug}")
@example(slug="x", file_stem="y", categories=[], url_format="{slug[a]}")
def test_format_path_never_leaves_the_blog_folder(slug, file_stem, categories, url_format):
    post = Post(src_uri=f"blog/posts/{file_stem.replace('/', '_')}.md", title="T",
                date=FALLBACK, body="", meta={}, slug=slug)
    try:
        path = format_path(post, url_format, date_format="yyyy/MM/dd", categories=categories)
    except PostError as e:
        assert "post_url_format" in str(e)
        return
    _check_path(path)


@settings(max_examples=200, deadline=None)
@given(segment_text)
@example("..")
@example(". .")
@example("a/../b")
def test_safe_segment_is_one_harmless_segment(text):
    for value in (text, slugify(text), term_slugify(text)):
        segment = safe_segment(value)
        assert "/" not in segment and "\\" not in segment
        if segment:
            _check_path(segment)


@pytest.mark.parametrize("text, expected", [
    ("..", ""), ("../../tmp/x", "tmpx"), ("a/b", "ab"), (" .x. ", "x"), ("\x00ok\x1f", "ok"),
])
def test_safe_segment_examples(text, expected):
    assert safe_segment(text) == expected


# A blog page's canonical URL is the site URL and the page's path put together, exactly what
# MkDocs' own join (``urljoin``) makes of them, whatever the site URL looks like.
_site_urls = st.builds(
    lambda scheme, host, path, slash: f"{scheme}://{host}{path}{'/' if slash else ''}",
    st.sampled_from(["https", "http"]),
    st.sampled_from(["example.com", "example.com:8080", "user@host", "[::1]"]),
    st.lists(st.sampled_from(["sub", "a b", ".", "..", "", "x;y", "%20", "docs"]), max_size=3).map(
        lambda parts: "".join("/" + p for p in parts)),
    st.booleans(),
) | st.sampled_from(["https://example.com/?q=1", "https://example.com/#top", "file:///tmp/site/", "/local/"])
_page_urls = st.lists(
    st.sampled_from(["blog", "2024", "page", "2", ".", "..", "", "%E4%B8%AD", "a.html", "x~y", "-_"]), max_size=5
).map("/".join)


@settings(max_examples=300, deadline=None)
@given(_site_urls, _page_urls)
@example("https://example.com/", "blog/2024/05/01/post/")
@example("https://example.com/docs", "blog/../x/")
def test_blog_pages_canonical_url_is_mkdocs_own(base, url):
    from urllib.parse import urljoin, urlsplit

    from mkdocs_blog_plugin.pages import _plain_path, _site_root

    root = _site_root(base) if _plain_path(url) else None
    if root is None:
        return  # MkDocs' own join is used
    joined = base if base.endswith("/") else base + "/"
    assert (root[0] + url, root[1] + url) == (urljoin(joined, url), urlsplit(urljoin(joined, url)).path)
