"""Serialisation of blog feeds: Atom 1.0, RSS 2.0 and JSON Feed 1.1.

Everything here is pure: the functions take plain data objects and return a
string. Nothing reads the clock, the file system or the MkDocs configuration,
so the same input always yields byte-identical output.

XML is produced with :mod:`xml.etree.ElementTree`; user-supplied text is only
ever handed to the serialiser as element text or attribute values, which
escapes it exactly once. Namespace prefixes (``atom:``, ``content:``,
``dc:``) are written as literal qualified names together with explicit
``xmlns:*`` declarations on the root element, so the output is stable and
does not depend on (or modify) the process-wide prefix registry of
ElementTree.

Datetime handling: every datetime must be timezone-aware (a naive one raises
:class:`ValueError`). Fractions of a second are dropped. The original UTC
offset is kept; only an offset that is not a whole number of minutes is
converted to UTC, because neither RFC 3339 nor RFC 822 can express it (where UTC would be out
of range, at the first or last day of the calendar, the offset's seconds are dropped instead).
Each entry lists at most ``MAX_CATEGORIES`` categories.
RFC 3339 values use a numeric offset (``+00:00`` rather than ``Z``) so that
:meth:`datetime.fromisoformat` can read them on every supported Python.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from typing import Any, Iterable, Sequence

from .htmltext import plain_text as _plain_text

__all__ = ["FeedEntry", "FeedImage", "FeedInfo", "atom", "rss", "json_feed"]


@dataclass(frozen=True)
class FeedImage:
    """A post's cover image: an Atom enclosure link, an RSS enclosure, JSON Feed's ``image``."""

    url: str  # absolute
    mime: str = "image/*"
    length: int = 0  # bytes; 0 when not known


@dataclass(frozen=True)
class FeedEntry:
    """One post as it appears in a feed."""

    id: str
    title: str
    url: str
    published: datetime
    updated: datetime
    authors: tuple[str, ...]
    categories: tuple[str, ...]
    summary_html: str
    content_html: str | None
    image: FeedImage | None = None


@dataclass(frozen=True)
class FeedInfo:
    """Feed-level metadata."""

    title: str
    home_url: str
    feed_url: str
    description: str = ""
    language: str | None = None
    author: str | None = None


# --------------------------------------------------------------------------
# Namespaces
# --------------------------------------------------------------------------

ATOM_NS = "http://www.w3.org/2005/Atom"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"

_XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'

#: Categories (tags included) written per entry, the first ones in the entry's order. A post with
#: thousands of tags appears in thousands of tag feeds; writing all of them in each would make the
#: feeds grow with the square of the number of tags. Readers show a handful at most.
MAX_CATEGORIES = 20

# Used for Atom's mandatory feed <updated> when there is nothing to date.
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)

# Code points that may not appear in an XML 1.0 document at all, not even
# escaped. They are removed from every piece of text before serialisation.
_XML_ILLEGAL = re.compile(
    "[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------


def _clean(text: str) -> str:
    """Remove characters that cannot be represented in XML 1.0."""
    return _XML_ILLEGAL.sub("", text)


def _names(values: Iterable[str], limit: int | None = None) -> list[str]:
    """Strip names, drop blanks and exact duplicates, keep the order; stop after ``limit``."""
    seen: set[str] = set()
    result: list[str] = []
    for value in values:
        if limit is not None and len(result) >= limit:
            break
        name = value.strip()
        if name and name not in seen:
            seen.add(name)
            result.append(name)
    return result


def _categories(entry: FeedEntry) -> list[str]:
    """The entry's first ``MAX_CATEGORIES`` categories (see there)."""
    return _names(entry.categories, MAX_CATEGORIES)


def _normalise(value: datetime) -> datetime:
    """Check that ``value`` is aware and make it representable in feeds."""
    offset = value.utcoffset()
    if offset is None:
        raise ValueError(f"feed datetimes must be timezone-aware, got naive {value!r}")
    value = value.replace(microsecond=0)
    extra = offset % timedelta(minutes=1)
    if extra:
        try:
            value = value.astimezone(timezone.utc)
        except OverflowError:
            # At the ends of the calendar (0001-01-01 in a zone whose offset was then local mean
            # time, +00:53:28 for Berlin) the UTC value is out of range: keep the local time and
            # drop the offset's seconds instead, which moves the instant by under a minute.
            value = value.replace(tzinfo=timezone(offset - extra))
    return value


def _rfc3339(value: datetime) -> str:
    return _normalise(value).isoformat(timespec="seconds")


def _rfc822(value: datetime) -> str:
    return format_datetime(_normalise(value))


def _dates(entry: FeedEntry) -> tuple[datetime, datetime]:
    """Return (published, updated), never letting updated precede published."""
    published = _normalise(entry.published)
    updated = _normalise(entry.updated)
    if updated < published:
        updated = published
    return published, updated


def _latest(entries: Sequence[FeedEntry]) -> datetime | None:
    """The newest ``updated`` among the entries, or None without entries."""
    if not entries:
        return None
    # Comparing aware datetimes is by instant; max() keeps the first of equal
    # instants, so the chosen value (and its offset) is deterministic.
    return max(_dates(entry)[1] for entry in entries)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    """Append a child element with cleaned text and attributes."""
    element = ET.SubElement(parent, tag, {k: _clean(v) for k, v in attrs.items()})
    if text is not None:
        element.text = _clean(text)
    return element


def _serialise(root: ET.Element) -> str:
    ET.indent(root, space="  ")
    # The declaration is written by hand: asking ElementTree for one while
    # producing a str would label it with the locale's encoding.
    return _XML_DECLARATION + ET.tostring(root, encoding="unicode") + "\n"


# --------------------------------------------------------------------------
# Atom 1.0
# --------------------------------------------------------------------------


def atom(info: FeedInfo, entries: Sequence[FeedEntry]) -> str:
    """Serialise an Atom 1.0 feed (RFC 4287)."""
    root = ET.Element("feed", {"xmlns": ATOM_NS})
    if info.language:
        root.set("xml:lang", _clean(info.language))

    _sub(root, "id", info.feed_url)
    _sub(root, "title", info.title)
    if info.description:
        _sub(root, "subtitle", info.description)
    _sub(root, "link", rel="self", type="application/atom+xml", href=info.feed_url)
    _sub(root, "link", rel="alternate", type="text/html", href=info.home_url)
    _sub(root, "updated", _rfc3339(_latest(entries) or _EPOCH))

    # RFC 4287 wants an author on the feed unless every entry names one. An
    # empty feed gets one too, which is what validators expect.
    feed_author = (info.author or "").strip()
    if not feed_author and not (entries and all(_names(e.authors) for e in entries)):
        feed_author = info.title
    if feed_author:
        _sub(_sub(root, "author"), "name", feed_author)

    for entry in entries:
        published, updated = _dates(entry)
        node = _sub(root, "entry")
        _sub(node, "id", entry.id)
        _sub(node, "title", entry.title)
        _sub(node, "link", rel="alternate", type="text/html", href=entry.url)
        if entry.image is not None:
            _sub(node, "link", rel="enclosure", type=entry.image.mime, href=entry.image.url,
                 **({"length": str(entry.image.length)} if entry.image.length else {}))
        _sub(node, "published", _rfc3339(published))
        _sub(node, "updated", _rfc3339(updated))
        for name in _names(entry.authors):
            _sub(_sub(node, "author"), "name", name)
        for term in _categories(entry):
            _sub(node, "category", term=term)
        if entry.summary_html:
            _sub(node, "summary", entry.summary_html, type="html")
        if entry.content_html is not None:
            _sub(node, "content", entry.content_html, type="html")

    return _serialise(root)


# --------------------------------------------------------------------------
# RSS 2.0
# --------------------------------------------------------------------------


def rss(info: FeedInfo, entries: Sequence[FeedEntry]) -> str:
    """Serialise an RSS 2.0 feed with the content, Dublin Core and Atom modules."""
    root = ET.Element(
        "rss",
        {
            "version": "2.0",
            "xmlns:atom": ATOM_NS,
            "xmlns:content": CONTENT_NS,
            "xmlns:dc": DC_NS,
        },
    )
    channel = _sub(root, "channel")
    _sub(channel, "title", info.title)
    _sub(channel, "link", info.home_url)
    _sub(channel, "description", info.description or info.title)
    if info.language:
        _sub(channel, "language", info.language)
    latest = _latest(entries)
    if latest is not None:
        _sub(channel, "lastBuildDate", _rfc822(latest))
    _sub(
        channel,
        "atom:link",
        href=info.feed_url,
        rel="self",
        type="application/rss+xml",
    )

    fallback_author = (info.author or "").strip()
    for entry in entries:
        published, _ = _dates(entry)
        item = _sub(channel, "item")
        _sub(item, "title", entry.title)
        _sub(item, "link", entry.url)
        permalink = "true" if entry.id == entry.url else "false"
        _sub(item, "guid", entry.id, isPermaLink=permalink)
        _sub(item, "pubDate", _rfc822(published))
        # RSS's own <author> must be an e-mail address, so names go in dc:creator.
        authors = _names(entry.authors) or ([fallback_author] if fallback_author else [])
        for name in authors:
            _sub(item, "dc:creator", name)
        for name in _categories(entry):
            _sub(item, "category", name)
        _sub(item, "description", entry.summary_html)
        if entry.content_html is not None:
            _sub(item, "content:encoded", entry.content_html)
        if entry.image is not None:
            _sub(item, "enclosure", url=entry.image.url, length=str(entry.image.length), type=entry.image.mime)

    return _serialise(root)


# --------------------------------------------------------------------------
# JSON Feed 1.1
# --------------------------------------------------------------------------


def json_feed(info: FeedInfo, entries: Sequence[FeedEntry]) -> str:
    """Serialise a JSON Feed 1.1 document."""
    feed: dict[str, Any] = {
        "version": JSON_FEED_VERSION,
        "title": info.title,
        "home_page_url": info.home_url,
        "feed_url": info.feed_url,
    }
    if info.description:
        feed["description"] = info.description
    if info.language:
        feed["language"] = info.language
    feed_author = (info.author or "").strip()
    if feed_author:
        # Items without their own authors inherit these (JSON Feed 1.1).
        feed["authors"] = [{"name": feed_author}]

    items: list[dict[str, Any]] = []
    for entry in entries:
        published, updated = _dates(entry)
        item: dict[str, Any] = {
            "id": entry.id,
            "url": entry.url,
            "title": entry.title,
            "content_html": (
                entry.content_html if entry.content_html is not None else entry.summary_html
            ),
        }
        summary = _plain_text(entry.summary_html)
        if summary:
            item["summary"] = summary
        if entry.image is not None:
            item["image"] = entry.image.url
        item["date_published"] = _rfc3339(published)
        item["date_modified"] = _rfc3339(updated)
        authors = _names(entry.authors)
        if authors:
            item["authors"] = [{"name": name} for name in authors]
        tags = _categories(entry)
        if tags:
            item["tags"] = tags
        items.append(item)
    feed["items"] = items

    return json.dumps(feed, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
