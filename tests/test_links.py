"""Only safe links go into an href."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_blog_plugin.links import safe_href


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://example.com/a?b=1&amp;c=2#x", "https://example.com/a?b=1&amp;c=2#x"),
        ("http://example.com", "http://example.com"),
        ("HTTPS://EXAMPLE.COM/", "HTTPS://EXAMPLE.COM/"),
        ("mailto:me@example.com", "mailto:me@example.com"),
        ("  https://example.com/  ", "https://example.com/"),
        ("//cdn.example.com/x.png", "//cdn.example.com/x.png"),
        ("/about/", "/about/"),
        ("img/avatar.png", "img/avatar.png"),
        ("../other/", "../other/"),
        ("./a:b", "./a:b"),
        ("#top", "#top"),
        ("?page=2", "?page=2"),
        ("my file.pdf", "my file.pdf"),
        ("/p/a:b", "/p/a:b"),
        ("https://example.com/javascript:x", "https://example.com/javascript:x"),
        ("日本語/ページ", "日本語/ページ"),
    ],
)
def test_allowed(url, expected):
    assert safe_href(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "JAVASCRIPT:alert(1)",
        " JavaScript:alert(1)",
        "\x01javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "java\rscript:alert(1)",
        "java script:alert(1)",
        "java\x00script:alert(1)",
        "&#106;avascript:alert(1)",
        "&#x6A;avascript:alert(1)",
        "javascript&colon;alert(1)",
        "javascript&#58;alert(1)",
        "&amp;#106;avascript:alert(1)",
        "javascript%3Aalert(1)",
        "ｊａｖａｓｃｒｉｐｔ：alert(1)",
        "java\u200bscript:alert(1)",
        "vbscript:msgbox(1)",
        "VBScript:msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "Data:image/svg+xml,<svg onload=alert(1)>",
        "file:///etc/passwd",
        "ftp://example.com/",
        "tel:+123",
        "blob:https://example.com/x",
        "a:b",
        "1abc:x",
        ":x",
        "",
        "   ",
        "https://example.com/\x00x",
        "&amp;amp;amp;amp;#106;avascript:alert(1)",
        None,
        42,
        ["https://example.com/"],
    ],
)
def test_refused(url):
    assert safe_href(url) is None


@settings(max_examples=300, deadline=None)
@given(st.text(), st.sampled_from(["javascript", "vbscript", "data", "JaVaScRiPt"]))
def test_no_dangerous_scheme_survives(prefix_noise, scheme):
    # Whatever control characters or blanks are put around and inside the scheme, it is refused.
    noisy = "".join(ch + (prefix_noise[:1] if prefix_noise[:1].isspace() else "") for ch in scheme)
    assert safe_href(noisy + ":alert(1)") is None


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_random_text_result_has_a_safe_scheme(text):
    result = safe_href(text)
    if result is None:
        return
    squeezed = "".join(ch for ch in result if not ch.isspace()).lower()
    head = squeezed.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    if ":" in head:
        assert head.split(":", 1)[0] in ("http", "https", "mailto")
    assert safe_href(result) == result
