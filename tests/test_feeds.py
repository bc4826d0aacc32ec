"""Tests for the pure feed serialisers in ``mkdocs_blog_plugin.feeds``."""

from __future__ import annotations

import calendar
import json
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone

import feedparser
import pytest

from mkdocs_blog_plugin.feeds import FeedEntry, FeedInfo, atom, json_feed, rss

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
DC = "{http://purl.org/dc/elements/1.1/}"

CEST = timezone(timedelta(hours=2))
UTC = timezone.utc

TRICKY_TITLE = "A & B <c> \"quoted\" 'single'"


def make_info(**overrides) -> FeedInfo:
    values = dict(
        title="Notes & Sketches",
        home_url="https://example.org/blog/",
        feed_url="https://example.org/blog/feed.xml",
        description="Occasional <writing>",
        language="en",
        author=None,
    )
    values.update(overrides)
    return FeedInfo(**values)


def make_entries() -> list[FeedEntry]:
    """Three posts, newest first, covering the interesting shapes."""
    return [
        FeedEntry(
            id="https://example.org/blog/2024/03/tricky/",
            title=TRICKY_TITLE,
            url="https://example.org/blog/2024/03/tricky/",
            published=datetime(2024, 3, 10, 9, 30, tzinfo=CEST),
            updated=datetime(2024, 3, 12, 18, 0, tzinfo=CEST),
            authors=("Ada", "Grace Hopper"),
            categories=("Python", "web & feeds"),
            summary_html='<p>Intro with <a href="https://example.org/x">a link</a> &amp; more</p>',
            content_html="<p>Full body</p><pre>x &lt; y</pre>",
        ),
        FeedEntry(
            id="urn:post:second",
            title="Café ☕ second",
            url="https://example.org/blog/2024/02/second/",
            published=datetime(2024, 2, 1, 0, 0, tzinfo=UTC),
            updated=datetime(2024, 2, 1, 0, 0, tzinfo=UTC),
            authors=(),
            categories=(),
            summary_html="<p>Only a summary</p>",
            content_html=None,
        ),
        FeedEntry(
            id="https://example.org/blog/2023/12/third/",
            title="Third",
            url="https://example.org/blog/2023/12/third/",
            published=datetime(2023, 12, 24, 20, 15, tzinfo=timezone(timedelta(hours=-5))),
            updated=datetime(2024, 1, 2, 8, 0, tzinfo=timezone(timedelta(hours=-5))),
            authors=("Linus",),
            categories=("Misc",),
            summary_html="<p>Third summary</p>",
            content_html="<p>Third body</p>",
        ),
    ]


def utc_tuple(value: datetime) -> tuple[int, ...]:
    return tuple(value.astimezone(UTC).timetuple()[:6])


def parsed_tuple(struct) -> tuple[int, ...]:
    return tuple(struct[:6])


XML_FORMATS = [pytest.param(atom, id="atom"), pytest.param(rss, id="rss")]
ALL_FORMATS = XML_FORMATS + [pytest.param(json_feed, id="json")]


# --------------------------------------------------------------------------
# Shared XML behaviour (table-driven over Atom and RSS)
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "serialise, version", [(atom, "atom10"), (rss, "rss20")], ids=["atom", "rss"]
)
def test_xml_feed_is_well_formed_and_recognised(serialise, version):
    output = serialise(make_info(), make_entries())
    parsed = feedparser.parse(output)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == version
    assert output.startswith('<?xml version="1.0" encoding="utf-8"?>\n')
    # The stdlib parser must agree that the document is well-formed.
    ET.fromstring(output.encode("utf-8"))


@pytest.mark.parametrize("serialise", XML_FORMATS)
def test_xml_entries_keep_order_titles_and_links(serialise):
    entries = make_entries()
    parsed = feedparser.parse(serialise(make_info(), entries))
    assert [e.title for e in parsed.entries] == [e.title for e in entries]
    assert [e.link for e in parsed.entries] == [e.url for e in entries]
    assert parsed.entries[0].title == TRICKY_TITLE
    assert parsed.feed.title == "Notes & Sketches"


@pytest.mark.parametrize("serialise", XML_FORMATS)
def test_xml_titles_are_escaped_exactly_once(serialise):
    output = serialise(make_info(), make_entries())
    assert "<title>A &amp; B &lt;c&gt; " in output
    assert "A &amp;amp;" not in output
    root = ET.fromstring(output.encode("utf-8"))
    titles = [el.text for el in root.iter() if el.tag in ("title", ATOM + "title")]
    assert TRICKY_TITLE in titles
    assert "Notes & Sketches" in titles


@pytest.mark.parametrize("serialise", XML_FORMATS)
def test_xml_published_dates(serialise):
    entries = make_entries()
    parsed = feedparser.parse(serialise(make_info(), entries))
    assert [parsed_tuple(e.published_parsed) for e in parsed.entries] == [
        utc_tuple(e.published) for e in entries
    ]


@pytest.mark.parametrize("serialise", XML_FORMATS)
def test_xml_feed_updated_is_newest_entry_update(serialise):
    entries = make_entries()
    parsed = feedparser.parse(serialise(make_info(), entries))
    newest = max(e.updated for e in entries)
    assert parsed_tuple(parsed.feed.updated_parsed) == utc_tuple(newest)


@pytest.mark.parametrize("serialise", XML_FORMATS)
def test_xml_authors_per_entry(serialise):
    entries = make_entries()
    parsed = feedparser.parse(serialise(make_info(), entries))
    names = [[a.get("name") for a in e.get("authors", [])] for e in parsed.entries]
    assert names[0] == ["Ada", "Grace Hopper"]
    assert names[2] == ["Linus"]


@pytest.mark.parametrize("serialise", XML_FORMATS)
def test_xml_categories(serialise):
    parsed = feedparser.parse(serialise(make_info(), make_entries()))
    terms = [[t.term for t in e.get("tags", [])] for e in parsed.entries]
    assert terms == [["Python", "web & feeds"], [], ["Misc"]]


@pytest.mark.parametrize("serialise", XML_FORMATS)
def test_xml_summary_and_optional_content(serialise):
    entries = make_entries()
    parsed = feedparser.parse(serialise(make_info(), entries))
    assert len(parsed.entries) == len(entries) == 3
    for got, want in zip(parsed.entries, entries):
        assert got.summary == want.summary_html
        if want.content_html is None:
            assert "content" not in got
        else:
            assert [c.value for c in got.content] == [want.content_html]


@pytest.mark.parametrize("serialise", XML_FORMATS)
def test_xml_self_and_alternate_links(serialise):
    parsed = feedparser.parse(serialise(make_info(), make_entries()))
    links = {link.rel: link.href for link in parsed.feed.links}
    assert links["self"] == "https://example.org/blog/feed.xml"
    assert links["alternate"] == "https://example.org/blog/"


@pytest.mark.parametrize("serialise", XML_FORMATS)
def test_xml_language(serialise):
    parsed = feedparser.parse(serialise(make_info(language="de"), make_entries()))
    assert parsed.feed.language == "de"


@pytest.mark.parametrize("serialise", XML_FORMATS)
def test_xml_drops_characters_not_allowed_in_xml(serialise):
    entry = make_entries()[1]
    broken = FeedEntry(**{**entry.__dict__, "title": "bell\x07 and nul\x00 here"})
    output = serialise(make_info(), [broken])
    parsed = feedparser.parse(output)
    assert parsed.bozo == 0
    assert parsed.entries[0].title == "bell and nul here"


# --------------------------------------------------------------------------
# Atom specifics
# --------------------------------------------------------------------------


def test_atom_ids_and_feed_metadata():
    entries = make_entries()
    output = atom(make_info(), entries)
    root = ET.fromstring(output.encode("utf-8"))
    assert root.tag == ATOM + "feed"
    assert root.findtext(ATOM + "id") == "https://example.org/blog/feed.xml"
    assert root.findtext(ATOM + "subtitle") == "Occasional <writing>"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert [e.findtext(ATOM + "id") for e in root.findall(ATOM + "entry")] == [
        e.id for e in entries
    ]
    summary = root.find(ATOM + "entry/" + ATOM + "summary")
    assert summary.get("type") == "html"
    content = root.find(ATOM + "entry/" + ATOM + "content")
    assert content.get("type") == "html"


def test_atom_entry_dates_are_rfc3339_with_offset():
    entries = make_entries()
    root = ET.fromstring(atom(make_info(), entries).encode("utf-8"))
    first = root.find(ATOM + "entry")
    assert first.findtext(ATOM + "published") == "2024-03-10T09:30:00+02:00"
    assert first.findtext(ATOM + "updated") == "2024-03-12T18:00:00+02:00"
    assert root.findtext(ATOM + "updated") == "2024-03-12T18:00:00+02:00"


def _feed_author(output: str) -> str | None:
    root = ET.fromstring(output.encode("utf-8"))
    node = root.find(ATOM + "author")
    return None if node is None else node.findtext(ATOM + "name")


@pytest.mark.parametrize(
    "info_author, entry_authors, expected",
    [
        ("Site Owner", [("Ada",), ("Linus",)], "Site Owner"),
        ("Site Owner", [("Ada",), ()], "Site Owner"),
        (None, [("Ada",), ("Linus",)], None),
        (None, [("Ada",), ()], "Notes & Sketches"),
        (None, [("Ada",), ("  ",)], "Notes & Sketches"),
        (None, [], "Notes & Sketches"),
    ],
)
def test_atom_feed_author_rule(info_author, entry_authors, expected):
    base = make_entries()[0]
    entries = [FeedEntry(**{**base.__dict__, "authors": a}) for a in entry_authors]
    output = atom(make_info(author=info_author), entries)
    assert _feed_author(output) == expected
    assert feedparser.parse(output).bozo == 0


def test_atom_empty_feed_uses_epoch_for_updated():
    output = atom(make_info(), [])
    parsed = feedparser.parse(output)
    assert parsed.bozo == 0
    assert parsed.entries == []
    assert calendar.timegm(parsed.feed.updated_parsed) == 0


def test_atom_updated_never_before_published():
    base = make_entries()[0]
    odd = FeedEntry(
        **{**base.__dict__, "updated": base.published - timedelta(days=3)}
    )
    root = ET.fromstring(atom(make_info(), [odd]).encode("utf-8"))
    entry = root.find(ATOM + "entry")
    assert entry.findtext(ATOM + "updated") == entry.findtext(ATOM + "published")


# --------------------------------------------------------------------------
# RSS specifics
# --------------------------------------------------------------------------


def test_rss_namespace_prefixes_are_stable():
    output = rss(make_info(), make_entries())
    assert 'xmlns:content="http://purl.org/rss/1.0/modules/content/"' in output
    assert 'xmlns:dc="http://purl.org/dc/elements/1.1/"' in output
    assert 'xmlns:atom="http://www.w3.org/2005/Atom"' in output
    assert "<dc:creator>Ada</dc:creator>" in output
    assert "<content:encoded>" in output
    assert "<atom:link " in output


def test_rss_channel_and_items():
    entries = make_entries()
    root = ET.fromstring(rss(make_info(), entries).encode("utf-8"))
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("title") == "Notes & Sketches"
    assert channel.findtext("link") == "https://example.org/blog/"
    assert channel.findtext("description") == "Occasional <writing>"
    assert channel.findtext("language") == "en"
    assert channel.findtext("lastBuildDate") == "Tue, 12 Mar 2024 18:00:00 +0200"
    self_link = channel.find(ATOM + "link")
    assert self_link.get("href") == "https://example.org/blog/feed.xml"
    assert self_link.get("rel") == "self"

    items = channel.findall("item")
    assert [i.findtext("title") for i in items] == [e.title for e in entries]
    assert [i.findtext("pubDate") for i in items] == [
        "Sun, 10 Mar 2024 09:30:00 +0200",
        "Thu, 01 Feb 2024 00:00:00 +0000",
        "Sun, 24 Dec 2023 20:15:00 -0500",
    ]
    assert [i.findtext(CONTENT + "encoded") for i in items] == [
        e.content_html for e in entries
    ]
    assert items[0].find("author") is None


@pytest.mark.parametrize(
    "index, permalink",
    [(0, "true"), (1, "false"), (2, "true")],
)
def test_rss_guid_permalink_flag(index, permalink):
    entries = make_entries()
    root = ET.fromstring(rss(make_info(), entries).encode("utf-8"))
    guid = root.findall("channel/item")[index].find("guid")
    assert guid.text == entries[index].id
    assert guid.get("isPermaLink") == permalink


@pytest.mark.parametrize(
    "info_author, expected",
    [("Site Owner", ["Site Owner"]), (None, [])],
)
def test_rss_fallback_author_for_items_without_authors(info_author, expected):
    entries = make_entries()
    root = ET.fromstring(rss(make_info(author=info_author), entries).encode("utf-8"))
    items = root.findall("channel/item")
    assert [c.text for c in items[1].findall(DC + "creator")] == expected
    assert [c.text for c in items[0].findall(DC + "creator")] == ["Ada", "Grace Hopper"]


def test_rss_description_falls_back_to_title():
    root = ET.fromstring(rss(make_info(description=""), []).encode("utf-8"))
    assert root.findtext("channel/description") == "Notes & Sketches"


def test_rss_empty_feed():
    output = rss(make_info(language=None), [])
    parsed = feedparser.parse(output)
    assert parsed.bozo == 0
    assert parsed.entries == []
    root = ET.fromstring(output.encode("utf-8"))
    channel = root.find("channel")
    assert channel.find("lastBuildDate") is None
    assert channel.find("language") is None
    assert channel.findall("item") == []


# --------------------------------------------------------------------------
# JSON Feed
# --------------------------------------------------------------------------


def test_json_feed_top_level():
    data = json.loads(json_feed(make_info(author="Site Owner"), make_entries()))
    assert list(data) == [
        "version",
        "title",
        "home_page_url",
        "feed_url",
        "description",
        "language",
        "authors",
        "items",
    ]
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["title"] == "Notes & Sketches"
    assert data["home_page_url"] == "https://example.org/blog/"
    assert data["feed_url"] == "https://example.org/blog/feed.xml"
    assert data["description"] == "Occasional <writing>"
    assert data["language"] == "en"
    assert data["authors"] == [{"name": "Site Owner"}]


def test_json_feed_optional_top_level_fields_are_omitted():
    data = json.loads(json_feed(make_info(description="", language=None), []))
    assert set(data) == {"version", "title", "home_page_url", "feed_url", "items"}
    assert data["items"] == []


def test_json_feed_items():
    entries = make_entries()
    data = json.loads(json_feed(make_info(), entries))
    items = data["items"]
    assert [i["id"] for i in items] == [e.id for e in entries]
    assert [i["url"] for i in items] == [e.url for e in entries]
    assert [i["title"] for i in items] == [e.title for e in entries]
    assert items[0]["title"] == TRICKY_TITLE
    # Full content when given, otherwise the summary HTML.
    assert [i["content_html"] for i in items] == [
        "<p>Full body</p><pre>x &lt; y</pre>",
        "<p>Only a summary</p>",
        "<p>Third body</p>",
    ]
    assert items[0]["summary"] == "Intro with a link & more"
    assert items[0]["authors"] == [{"name": "Ada"}, {"name": "Grace Hopper"}]
    assert "authors" not in items[1]
    assert items[0]["tags"] == ["Python", "web & feeds"]
    assert "tags" not in items[1]
    for item in items:
        assert "id" in item and ("content_html" in item or "content_text" in item)


def test_json_feed_dates_round_trip():
    entries = make_entries()
    items = json.loads(json_feed(make_info(), entries))["items"]
    assert len(items) == len(entries) == 3
    for item, entry in zip(items, entries):
        published = datetime.fromisoformat(item["date_published"])
        modified = datetime.fromisoformat(item["date_modified"])
        assert published == entry.published
        assert modified == entry.updated
        assert published.utcoffset() == entry.published.utcoffset()


def test_json_feed_keeps_non_ascii_literal():
    output = json_feed(make_info(), make_entries())
    assert "Café ☕ second" in output
    assert "\\u2615" not in output


# --------------------------------------------------------------------------
# Cross-format properties
# --------------------------------------------------------------------------


@pytest.mark.parametrize("serialise", ALL_FORMATS)
def test_output_is_deterministic(serialise):
    first = serialise(make_info(author="Someone"), make_entries())
    second = serialise(make_info(author="Someone"), tuple(make_entries()))
    assert first == second
    assert "Ada" in first


@pytest.mark.parametrize("serialise", ALL_FORMATS)
def test_empty_entry_list(serialise):
    output = serialise(make_info(), [])
    assert "Notes" in output
    if serialise is json_feed:
        assert json.loads(output)["items"] == []
    else:
        parsed = feedparser.parse(output)
        assert parsed.bozo == 0
        assert len(parsed.entries) == 0
        assert parsed.feed.title == "Notes & Sketches"


@pytest.mark.parametrize("serialise", ALL_FORMATS)
def test_naive_datetimes_are_rejected(serialise):
    base = make_entries()[0]
    naive = FeedEntry(**{**base.__dict__, "published": datetime(2024, 1, 1, 12, 0)})
    with pytest.raises(ValueError, match="timezone-aware"):
        serialise(make_info(), [naive])


@pytest.mark.parametrize("serialise", ALL_FORMATS)
def test_microseconds_are_dropped(serialise):
    base = make_entries()[1]
    precise = FeedEntry(
        **{
            **base.__dict__,
            "published": datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=UTC),
            "updated": datetime(2024, 5, 6, 7, 8, 9, 654321, tzinfo=UTC),
        }
    )
    output = serialise(make_info(), [precise])
    assert "123456" not in output and "654321" not in output
    assert ("2024-05-06T07:08:09+00:00" in output) or ("06 May 2024 07:08:09 +0000" in output)


@pytest.mark.parametrize("serialise", ALL_FORMATS)
def test_duplicate_and_blank_names_are_dropped(serialise):
    base = make_entries()[0]
    messy = FeedEntry(
        **{
            **base.__dict__,
            "authors": ("Ada", " ", "Ada"),
            "categories": ("Python", "", "Python", "Web"),
        }
    )
    output = serialise(make_info(), [messy])
    if serialise is json_feed:
        item = json.loads(output)["items"][0]
        assert item["authors"] == [{"name": "Ada"}]
        assert item["tags"] == ["Python", "Web"]
    else:
        entry = feedparser.parse(output).entries[0]
        assert [a.name for a in entry.authors] == ["Ada"]
        assert [t.term for t in entry.tags] == ["Python", "Web"]
