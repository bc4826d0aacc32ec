"""The output-path gate: nothing generated may leave the site directory, and no segment may be too
long for a file system."""

from __future__ import annotations

import posixpath
import unicodedata
from urllib.parse import quote, unquote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_blog_plugin.safepaths import MAX_SEGMENT_BYTES, UnsafePath, confine, shorten_segments


@pytest.mark.parametrize(
    "path",
    [
        "../../../../pwned",
        "..",
        "a/..",
        "a/../../b",
        "a/../b",  # stays inside, but no generated path needs '..'
        "%2e%2e/x",
        "%2E%2E/x",
        "%252e%252e/x",
        "%25252e%25252e/x",
        "a/%2e%2e%2f%2e%2e/x",
        "a%2f..%2fb",
        "/abs",
        "//server/share",
        "%2fetc/passwd",
        "C:\\x",
        "C:/x",
        "c:x",
        "\\\\server\\share",
        "a\\..\\b",
        "a%5c..%5cb",
        "a/\x00/b",
        "a%00b",
        "a\nb",
        "a\x7fb",
        "",
        "/",
        ".",
        "./",
        "//",
        "... /x",
        "a/.. /b",
        "\uff0e\uff0e/x",  # full-width dots
        "javascript:alert(1)",
        "./A:",  # a drive once its './' is dropped
        "././b:c",
        "a/%ff/b",  # not UTF-8
    ],
)
def test_refused(path):
    with pytest.raises(UnsafePath) as info:
        confine(path, what="tags_url_format")
    assert "tags_url_format" in str(info.value)


def test_not_text():
    with pytest.raises(UnsafePath, match="post 'x.md'"):
        confine(None, what="post 'x.md'")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "path, expected",
    [
        ("blog/2024/01/hello", "blog/2024/01/hello"),
        ("blog//tags/./python/", "blog/tags/python/"),
        ("blog/tags/python/.", "blog/tags/python/"),
        ("./blog/index.html", "blog/index.html"),
        ("blog/c%2B%2B/", "blog/c%2B%2B/"),  # escapes are kept as written
        ("blog/100%25/", "blog/100%25/"),
        ("blog/.well-known/x", "blog/.well-known/x"),
        ("blog/a.b/c..d/e.", "blog/a.b/c..d/e."),
        ("blog/日本語/", "blog/日本語/"),
        ("blog/with space/", "blog/with space/"),
    ],
)
def test_accepted(path, expected):
    assert confine(path, what="x") == expected


def test_confine_is_idempotent():
    once = confine("a//b/./c/", what="x")
    assert confine(once, what="x") == once


def _escapes(site: str, path: str) -> bool:
    """Does any decoding of ``path`` resolve outside ``site``, for POSIX or Windows rules?"""
    text = path
    for _ in range(len(path) + 1):
        for candidate in (text, text.replace("\\", "/")):
            joined = posixpath.normpath(posixpath.join(site, candidate))
            if joined != site and not joined.startswith(site + "/"):
                return True
        decoded = unquote(text)
        if decoded == text:
            return False
        text = decoded
    return False


_PIECES = st.sampled_from(["..", ".", "/", "\\", "%2e", "%2f", "%25", "%5c", "C:", "a", "é", "\x00", " ", "%"])


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(), st.lists(_PIECES, max_size=12).map("".join)))
def test_random_paths_never_escape(path):
    try:
        result = confine(path, what="fuzz")
    except UnsafePath:
        return
    assert result
    assert not _escapes("/site", result)
    assert not _escapes("/site", path)
    assert confine(result, what="fuzz") == result


# -- shorten_segments ----------------------------------------------------------------------------


def _fits(path: str, limit: int = MAX_SEGMENT_BYTES) -> bool:
    return all(len(s.encode("utf-8")) <= limit for s in path.split("/"))


def test_short_paths_untouched():
    assert shorten_segments("blog/tags/python/") == ("blog/tags/python/", False)


def test_long_ascii_segment():
    long = "a" * 300
    result, changed = shorten_segments(f"blog/tags/{long}/")
    assert changed
    assert _fits(result)
    head, segment, tail = result.rsplit("/", 2)[0], result.split("/")[2], result.split("/")[3]
    assert head == "blog/tags" and tail == ""
    assert segment.startswith("a" * 100)
    assert len(segment.encode()) <= MAX_SEGMENT_BYTES


def test_cjk_segment_cut_on_character_boundary():
    name = "漢字かな交じり文" * 12  # 96 characters, 288 bytes
    assert len(name) == 96 and len(name.encode()) == 288
    result, changed = shorten_segments(f"blog/{name}")
    assert changed
    segment = result.split("/")[1]
    assert len(segment.encode()) <= MAX_SEGMENT_BYTES
    prefix = segment.rsplit("-", 1)[0]
    assert name.startswith(prefix) and len(prefix) > 50
    segment.encode("utf-8")  # valid text: no half characters


def test_nfc_and_nfd_names():
    nfc = unicodedata.normalize("NFC", "é" * 150)  # 300 bytes
    nfd = unicodedata.normalize("NFD", nfc)  # 450 bytes
    a, _ = shorten_segments(nfc)
    b, _ = shorten_segments(nfd)
    assert _fits(a) and _fits(b)
    assert a != b  # different names stay different
    # The NFD prefix never ends with a letter whose accent was cut off.
    prefix = b.rsplit("-", 1)[0]
    assert prefix.endswith("\u0301")


def test_stable_and_idempotent():
    path = "blog/" + "x" * 500 + "/page/2/"
    first, _ = shorten_segments(path)
    assert shorten_segments(path)[0] == first
    assert shorten_segments(first) == (first, False)


def test_unique_for_a_shared_prefix():
    shared = "p" * 200
    a, _ = shorten_segments(shared + "-one")
    b, _ = shorten_segments(shared + "-two")
    assert a != b
    assert _fits(a) and _fits(b)


def test_extension_kept():
    result, changed = shorten_segments("blog/" + "y" * 300 + ".html")
    assert changed and result.endswith(".html") and _fits(result)


def test_custom_limit():
    result, changed = shorten_segments("abcdefghijklmnopqrstuvwxyz", max_bytes=16)
    assert changed and len(result) <= 16
    with pytest.raises(ValueError):
        shorten_segments("abc", max_bytes=5)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=300).map(lambda s: s.replace("/", "")), max_size=4))
def test_random_segments_fit(segments):
    path = "/".join(segments)
    result, changed = shorten_segments(path)
    assert _fits(result)
    assert changed == (result != path)
    assert shorten_segments(result) == (result, False)
    assert result.count("/") == path.count("/")


# -- place ---------------------------------------------------------------------------------------

from mkdocs_blog_plugin.safepaths import place  # noqa: E402


def test_place_short_path():
    assert place("blog//tags/a", what="the tag 'a'") == ("blog/tags/a", None)


def test_place_long_path_warns():
    path, note = place("blog/tags/" + "z" * 400, what="the tag 'zzz'")
    assert _fits(path) and note and note.startswith("the tag 'zzz': ") and path in note


def test_place_refuses_escape():
    with pytest.raises(UnsafePath, match="the tag"):
        place("blog/../../x", what="the tag 'x'")


def test_shortening_never_leaves_half_an_escape():
    for shift in range(4):
        segment = "a" * shift + "%2F" * 100
        result, changed = shorten_segments(segment, max_bytes=60)
        assert changed
        prefix = result.rsplit("-", 1)[0]
        assert not prefix.endswith("%") and not prefix[-2:-1] == "%"


CONTROL = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cc"]


@pytest.mark.parametrize("ch", CONTROL, ids=lambda ch: f"U+{ord(ch):04X}")
def test_every_control_character_is_refused(ch):
    with pytest.raises(UnsafePath, match="control character"):
        confine(f"blog/a{ch}b/", what="post_url_format")
    with pytest.raises(UnsafePath, match="control character"):  # percent-encoded as UTF-8
        confine(f"blog/{quote(f'a{ch}b')}/", what="post_url_format")


@pytest.mark.parametrize("ch", [" ", "~", "\xa0", "\u2028", "\u200b", "\ufeff", "\U0001f600", "中"])
def test_neighbours_of_control_characters_are_kept(ch):
    assert confine(f"blog/a{ch}b/", what="post_url_format") == f"blog/a{ch}b/"
