from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from mkdocs_blog_plugin.permalinks import clean_path, expand, is_jekyll_style, to_dest

# A Sunday whose ISO week belongs to the previous year (2015-W53-7).
DATE = datetime(2016, 1, 3, 7, 8, 9)


def exp(fmt: str, *, date: datetime = DATE, categories: tuple[str, ...] = (), **kw: str) -> str:
    args = {"slug": "my-slug", "title_slug": "the-title", "file_slug": "hello-world"}
    args.update(kw)
    return expand(fmt, date=date, categories=categories, **args)


@pytest.mark.parametrize(
    "fmt, expected",
    [
        ("date", True),
        ("pretty", True),
        ("ordinal", True),
        ("weekdate", True),
        ("none", True),
        (" pretty ", True),
        ("/:year/:month/:title/", True),
        ("/blog/:slug", True),
        ("W:week", True),
        ("/:categories/:title:output_ext", True),
        ("", False),
        ("Pretty", False),
        ("/blog/my-post/", False),
        ("{date}/{slug}", False),
        ("{date:%Y}/{slug}/", False),
        ("/at/12:30/", False),
        ("/:unknownthing/", False),
    ],
)
def test_is_jekyll_style(fmt: str, expected: bool) -> None:
    assert is_jekyll_style(fmt) is expected


@pytest.mark.parametrize(
    "fmt, categories, expected",
    [
        # built-in styles
        ("date", (), "2016/01/03/hello-world.html"),
        ("pretty", (), "2016/01/03/hello-world/"),
        ("ordinal", (), "2016/003/hello-world.html"),
        ("weekdate", (), "2016/W53/Sun/hello-world.html"),
        ("none", (), "hello-world.html"),
        # Jekyll lower-cases categories but does not slugify them ("dev ops" is served as dev%20ops)
        ("date", ("Web", "Dev Ops"), "web/dev ops/2016/01/03/hello-world.html"),
        ("pretty", ("News",), "news/2016/01/03/hello-world/"),
        ("none", ("a", "b"), "a/b/hello-world.html"),
        # placeholders
        (":year-:short_year-:month-:i_month-:day-:i_day", (), "2016-16-01-1-03-3"),
        (":y_day/:hour:minute:second", (), "003/070809"),
        (":short_month/:long_month/:long_day/:w_day/:w_year/:week", (), "Jan/January/Sunday/7/2015/53"),
        ("/:title/:slug/", (), "hello-world/my-slug/"),
        ("/:categories/:title/", (), "hello-world/"),
        ("/blog/:categories/:slug:output_ext", ("C++", "  Ünïcode Stuff "), "blog/c++/ünïcode stuff/my-slug.html"),
        ("/blog/:slugified_categories/:slug/", ("C++", "  Ünïcode Stuff "), "blog/c/ünïcode-stuff/my-slug/"),
        # "%", "?" and "#" in a value are escaped, so they stay part of the path
        ("/:categories/:title/", ("C#", "50%", "Why?"), "c%23/50%25/why%3F/hello-world/"),
        ("/:slugified_categories/:title/", ("Big News",), "big-news/hello-world/"),
        ("/:collection/:title", (), "posts/hello-world"),
        # categories: lower-cased, de-duplicated, empty ones dropped
        ("/:categories/x/", ("A", "a", "", "!!", "b"), "a/!!/b/x/"),
        ("/:slugified_categories/x/", ("A", "a", "", "!!", "b"), "a/b/x/"),
        # unknown placeholders are left alone
        ("/:foo/:title/", (), ":foo/hello-world/"),
        # literal front-matter permalinks
        ("/blog/my-post/", (), "blog/my-post/"),
        ("/about.html", (), "about.html"),
        ("blog//x///y", (), "blog/x/y"),
        ("/", (), ""),
    ],
)
def test_expand(fmt: str, categories: tuple[str, ...], expected: str) -> None:
    assert exp(fmt, categories=categories) == expected


@pytest.mark.parametrize(
    "date, expected",
    [
        (datetime(2009, 3, 27), "2009/03/27/086/09/3/27"),
        (datetime(2020, 12, 31, 23, 59, 58), "2020/12/31/366/20/12/31"),
        (datetime(2021, 1, 1, tzinfo=timezone(timedelta(hours=-5))), "2021/01/01/001/21/1/1"),
        (datetime(2005, 10, 9), "2005/10/09/282/05/10/9"),
    ],
)
def test_expand_dates(date: datetime, expected: str) -> None:
    assert exp(":year/:month/:day/:y_day/:short_year/:i_month/:i_day", date=date) == expected


@pytest.mark.parametrize(
    "kw, expected",
    [
        ({}, "hello-world|my-slug"),
        ({"file_slug": ""}, "my-slug|my-slug"),
        ({"slug": ""}, "hello-world|hello-world"),
        ({"slug": "", "file_slug": ""}, "the-title|the-title"),
    ],
)
def test_expand_title_and_slug_fallbacks(kw: dict[str, str], expected: str) -> None:
    assert exp(":title|:slug", **kw) == expected


@pytest.mark.parametrize(
    "path, udu, expected",
    [
        ("blog/x/", True, ("blog/x/index.html", "blog/x/")),
        ("blog/x/", False, ("blog/x/index.html", "blog/x/")),
        ("/blog/x/", True, ("blog/x/index.html", "blog/x/")),
        ("2016/01/03/a.html", True, ("2016/01/03/a.html", "2016/01/03/a.html")),
        ("2016/01/03/a.html", False, ("2016/01/03/a.html", "2016/01/03/a.html")),
        ("old/page.htm", True, ("old/page.htm", "old/page.htm")),
        ("blog/x", True, ("blog/x/index.html", "blog/x/")),
        ("blog/x", False, ("blog/x.html", "blog/x.html")),
        ("x", True, ("x/index.html", "x/")),
        ("/a//b/./c/", True, ("a/b/c/index.html", "a/b/c/")),
        ("a/.", True, ("a/index.html", "a/")),
        # escapes are decoded for the file and re-encoded for the URL
        ("caf%C3%A9/", True, ("café/index.html", "caf%C3%A9/")),
        ("café/", True, ("café/index.html", "caf%C3%A9/")),
        ("a b/c", True, ("a b/c/index.html", "a%20b/c/")),
    ],
)
def test_to_dest(path: str, udu: bool, expected: tuple[str, str]) -> None:
    assert to_dest(path, udu) == expected


@pytest.mark.parametrize(
    "path",
    [
        "",
        "/",
        "///",
        "./",
        "../x/",
        "a/../../x",
        "a/../b",
        "a/%2E%2E/b",
        "a\\b",
        "a%5Cb",
        "a\x00b",
        "a%00b",
        "a\nb",
        "http://evil.example/x",
        "/https:/evil/x",
        "C:/windows/x",
        "//evil.example/x",
        "a?b=1",
        "a#frag",
    ],
)
def test_to_dest_rejects(path: str) -> None:
    with pytest.raises(ValueError):
        to_dest(path, True)
    with pytest.raises(ValueError):
        clean_path(path)


@pytest.mark.parametrize(
    "fmt, udu, expected",
    [
        ("pretty", True, ("news/2016/01/03/hello-world/index.html", "news/2016/01/03/hello-world/")),
        ("date", True, ("news/2016/01/03/hello-world.html", "news/2016/01/03/hello-world.html")),
        ("/blog/:title", True, ("blog/hello-world/index.html", "blog/hello-world/")),
        ("/blog/:title", False, ("blog/hello-world.html", "blog/hello-world.html")),
    ],
)
def test_expand_then_to_dest(fmt: str, udu: bool, expected: tuple[str, str]) -> None:
    assert to_dest(exp(fmt, categories=("News",)), udu) == expected


def test_expand_rejects_nothing_but_to_dest_catches_traversal() -> None:
    path = exp("/:title/", file_slug="..")
    assert path == "../"
    with pytest.raises(ValueError):
        to_dest(path, True)
