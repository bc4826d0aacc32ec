"""Feeds stay small with thousands of tags on a post, and serialise dates at the ends of the
calendar."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from mkdocs_blog_plugin import dates
from mkdocs_blog_plugin.feeds import MAX_CATEGORIES, FeedEntry, FeedInfo, atom, json_feed, rss

INFO = FeedInfo(title="Blog", home_url="https://example.com/blog/", feed_url="https://example.com/blog/feed.xml")
WHEN = datetime(2024, 1, 5, 10, 0, tzinfo=timezone.utc)


def _entry(categories=(), published=WHEN, updated=None) -> FeedEntry:
    return FeedEntry(
        id="https://example.com/blog/p/", title="P", url="https://example.com/blog/p/",
        published=published, updated=updated or published, authors=("A",),
        categories=tuple(categories), summary_html="<p>Hi</p>", content_html=None,
    )


SERIALISERS = pytest.mark.parametrize("serialise", [atom, rss, json_feed])


@SERIALISERS
def test_categories_are_capped(serialise):
    many = [f"tag-{i:05d}" for i in range(10_000)]
    out = serialise(INFO, [_entry(many)])
    assert len(out) < 4_000
    assert "tag-00000" in out and f"tag-{MAX_CATEGORIES - 1:05d}" in out
    assert f"tag-{MAX_CATEGORIES:05d}" not in out


def test_cap_counts_distinct_names_in_order():
    names = ["a", " a ", "", "b"] + [f"t{i}" for i in range(100)]
    out = json.loads(json_feed(INFO, [_entry(names)]))
    tags = out["items"][0]["tags"]
    assert tags[:3] == ["a", "b", "t0"] and len(tags) == MAX_CATEGORIES


def test_many_feeds_of_one_post_stay_linear():
    # One post with 2,000 tags in 2,000 tag feeds: every feed is small.
    entry = _entry(f"tag{i}" for i in range(2_000))
    total = sum(len(rss(INFO, [entry])) for _ in range(2_000))
    assert total < 2_000 * 3_000


@SERIALISERS
@pytest.mark.parametrize("day, zone", [("0001-01-01", "Europe/Berlin"), ("0001-01-01", "Asia/Kolkata"),
                                       ("9999-12-31 23:59", "America/New_York"), ("0001-01-01", "UTC")])
def test_dates_at_the_ends_of_the_calendar(serialise, day, zone):
    when = dates.parse_date(day, dates.get_timezone(zone))
    out = serialise(INFO, [_entry(published=when)])
    assert out
    if serialise is not json_feed:
        ET.fromstring(out.encode("utf-8"))


def test_year_one_keeps_the_local_date():
    when = dates.parse_date("0001-01-01", ZoneInfo("Europe/Berlin"))
    item = json.loads(json_feed(INFO, [_entry(published=when)]))["items"][0]
    assert item["date_published"] == "0001-01-01T00:00:00+00:53"
    parsed = datetime.fromisoformat(item["date_published"])
    assert abs(parsed - when) < timedelta(minutes=1)


def test_offsets_with_seconds_still_go_to_utc_when_they_can():
    when = datetime(1890, 6, 1, 12, 0, tzinfo=ZoneInfo("Europe/Berlin"))  # local mean time
    item = json.loads(json_feed(INFO, [_entry(published=when)]))["items"][0]
    assert item["date_published"].endswith("+00:00")
