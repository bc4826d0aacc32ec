"""readtime, redirect_from and author names: bad values are dropped with a warning naming them."""

from __future__ import annotations

import datetime as dt

import pytest

from mkdocs_blog_plugin import fields
from mkdocs_blog_plugin.posts import read_post


def _collect():
    messages: list[str] = []
    return messages, messages.append


@pytest.mark.parametrize("value, expected", [(None, None), (1, 1), (12, 12)])
def test_readtime_accepted(value, expected):
    messages, warn = _collect()
    assert fields.readtime(value, warn) == expected
    assert messages == []


@pytest.mark.parametrize("value, says", [(-5, "at least 1"), (0, "at least 1"), (True, "whole number"),
                                         ("5", "whole number"), (2.5, "whole number"), ([3], "whole number")])
def test_readtime_refused(value, says):
    messages, warn = _collect()
    assert fields.readtime(value, warn) is None
    assert len(messages) == 1 and says in messages[0] and "'readtime'" in messages[0]


def test_redirect_from_accepted():
    messages, warn = _collect()
    assert fields.redirect_from(None, warn) == []
    assert fields.redirect_from("/old/", warn) == ["/old/"]
    assert fields.redirect_from(["/a/", 2019], warn) == ["/a/", "2019"]
    assert messages == []


def test_redirect_from_entries_named():
    messages, warn = _collect()
    assert fields.redirect_from(["/a/", {"a": "b"}, None, True, ["x"], "/b/"], warn) == ["/a/", "/b/"]
    assert len(messages) == 4
    assert "{'a': 'b'}" in messages[0] and "None" in messages[1] and "True" in messages[2]
    assert all("'redirect_from' entry" in m for m in messages)


@pytest.mark.parametrize("value", [{"a": "b"}, 3, True])
def test_redirect_from_wrong_type(value):
    messages, warn = _collect()
    assert fields.redirect_from(value, warn) == []
    assert len(messages) == 1 and repr(value) in messages[0]


@pytest.mark.parametrize("value, expected", [("Ada Lovelace", "Ada Lovelace"), (1984, "1984"),
                                             (None, "ada"), ("", "ada"), ("  ", "ada")])
def test_author_name_accepted(value, expected):
    messages, warn = _collect()
    assert fields.author_name(value, "ada", warn) == expected
    assert messages == []


@pytest.mark.parametrize("value", [["a", "b"], {"first": "Ada"}, True])
def test_author_name_refused(value):
    messages, warn = _collect()
    assert fields.author_name(value, "ada", warn) == "ada"
    assert len(messages) == 1 and "author 'ada'" in messages[0] and repr(value) in messages[0]


def _read(front_matter: str) -> tuple:
    messages, warn = _collect()
    post = read_post(f"---\n{front_matter}\n---\nText.\n", "blog/posts/p.md", tz=dt.timezone.utc,
                     fallback_date=lambda: dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc), warn=warn)
    return post, messages


def test_read_post_negative_readtime():
    post, messages = _read("date: 2024-01-05\nreadtime: -5")
    assert post.readtime is None
    assert any("'readtime'" in m and "-5" in m for m in messages)


def test_read_post_redirect_from_entries():
    post, messages = _read("date: 2024-01-05\nredirect_from: [/old/, {a: b}, null]")
    assert post.redirect_from == ["/old/"]
    assert len(messages) == 2


def test_author_list_name_in_a_build(build_site):
    site = build_site({
        "index.md": "# Home\n",
        "blog/.authors.yml": "authors:\n  ada:\n    name: [a, b]\n",
        "blog/posts/p.md": "---\ndate: 2024-01-05\nauthors: [ada]\n---\n# P\n\nText.\n",
    }, expect_warnings=["author 'ada': 'name' should be text"])
    html = (site.site_dir / "blog" / "index.html").read_text(encoding="utf-8")
    assert "[&#39;a&#39;" not in html and "['a'" not in html
