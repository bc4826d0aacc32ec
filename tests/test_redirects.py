from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from mkdocs_blog_plugin.redirects import redirect_dest, redirect_page


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.title = ""
        self.link_text = ""
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in = tag

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title += data
        elif self._in == "a":
            self.link_text += data

    def find(self, tag: str, **want: str) -> dict[str, str | None]:
        for name, attrs in self.tags:
            if name == tag and all(attrs.get(k.replace("_", "-")) == v for k, v in want.items()):
                return attrs
        raise AssertionError(f"no <{tag}> with {want}")


def parse(page: str) -> _Collector:
    collector = _Collector()
    collector.feed(page)
    collector.close()
    return collector


@pytest.mark.parametrize(
    "target, canonical, title, want_href, want_canonical, want_title",
    [
        ("../2020/01/hello/", None, "Hello", "../2020/01/hello/", "../2020/01/hello/", "Hello"),
        ("../../x/", "https://example.com/x/", "X", "../../x/", "https://example.com/x/", "X"),
        ("x.html", None, "", "x.html", "x.html", "x.html"),
        ("./a/?q=1&r=2#f", None, 'T <b>&"', "./a/?q=1&r=2#f", "./a/?q=1&r=2#f", 'T <b>&"'),
        ("a b/c\"d'/", None, "Q", "a%20b/c%22d%27/", "a%20b/c%22d%27/", "Q"),
        ("caf\u00e9/", None, "\u00e9t\u00e9", "caf%C3%A9/", "caf%C3%A9/", "\u00e9t\u00e9"),
        ("../x/", 'https://e.com/"><script>', "t", "../x/", 'https://e.com/"><script>', "t"),
        ("/abs/path/", None, "t", "/abs/path/", "/abs/path/", "t"),
    ],
)
def test_redirect_page(
    target: str,
    canonical: str | None,
    title: str,
    want_href: str,
    want_canonical: str,
    want_title: str,
) -> None:
    page = redirect_page(target, canonical, title)
    assert page.startswith("<!DOCTYPE html>")
    # every ampersand in the markup starts an entity (values are escaped)
    assert re.search(r"&(?!amp;|lt;|gt;|quot;|#x27;)", page) is None
    doc = parse(page)
    assert doc.find("meta", charset="utf-8")
    assert doc.find("meta", name="robots")["content"] == "noindex"
    assert doc.find("meta", http_equiv="refresh")["content"] == f"0; url={want_href}"
    assert doc.find("link", rel="canonical")["href"] == want_canonical
    assert doc.find("a")["href"] == want_href
    assert doc.title == want_title
    assert doc.link_text == want_title
    # nothing injected: exactly the expected elements
    assert [t for t, _ in doc.tags] == ["html", "head", "meta", "title", "link", "meta", "meta", "body", "p", "a"]


@pytest.mark.parametrize(
    "target",
    [
        "",
        "https://evil.example/",
        "http:evil",
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,hi",
        "mailto:a@b.c",
        "//evil.example/x",
        "/\\evil.example/x",
        "\\\\evil.example",
        " //evil.example",
        "\t/x",
        "/x\n",
        "java\tscript:alert(1)",
        "a\x00b",
    ],
)
def test_redirect_page_rejects(target: str) -> None:
    with pytest.raises(ValueError):
        redirect_page(target, None, "t")


@pytest.mark.parametrize(
    "old, udu, expected",
    [
        ("old/path/", True, "old/path/index.html"),
        ("old/path/", False, "old/path/index.html"),
        ("/old/path/", True, "old/path/index.html"),
        ("x.html", True, "x.html"),
        ("/2010/07/21/name.html", False, "2010/07/21/name.html"),
        ("x.htm", True, "x.htm"),
        ("x", True, "x/index.html"),
        ("x", False, "x/index.html"),
        ("/blog/v1.2", True, "blog/v1.2/index.html"),
        ("/a//b/./c", True, "a/b/c/index.html"),
        ("/caf%C3%A9/", True, "café/index.html"),
    ],
)
def test_redirect_dest(old: str, udu: bool, expected: str) -> None:
    assert redirect_dest(old, udu) == expected


@pytest.mark.parametrize(
    "old",
    ["", "/", "../x", "a/../../x", "a/%2e%2e/x", "a\\b", "a\x00", "https://x/y", "//host/x", "a?b", "a#b"],
)
def test_redirect_dest_rejects(old: str) -> None:
    with pytest.raises(ValueError):
        redirect_dest(old, True)
