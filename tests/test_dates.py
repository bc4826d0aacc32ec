"""Table-driven tests for ``dates``."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from mkdocs_blog_plugin import dates

UTC = dt.timezone.utc
BERLIN = ZoneInfo("Europe/Berlin")


def fixed(hours: int, minutes: int = 0) -> dt.timezone:
    return dt.timezone(dt.timedelta(hours=hours, minutes=minutes if hours >= 0 else -minutes))


@pytest.mark.parametrize(
    "value, tz, expected",
    [
        ("2024-01-31", UTC, dt.datetime(2024, 1, 31, tzinfo=UTC)),
        ("2024-1-7", UTC, dt.datetime(2024, 1, 7, tzinfo=UTC)),
        ("  2024-01-31  ", UTC, dt.datetime(2024, 1, 31, tzinfo=UTC)),
        ("2024-01-31 10:00", UTC, dt.datetime(2024, 1, 31, 10, tzinfo=UTC)),
        ("2024-01-31 9:05", UTC, dt.datetime(2024, 1, 31, 9, 5, tzinfo=UTC)),
        ("2024-01-31T10:00:30", UTC, dt.datetime(2024, 1, 31, 10, 0, 30, tzinfo=UTC)),
        ("2024-01-31 10:00:00.5", UTC, dt.datetime(2024, 1, 31, 10, 0, 0, 500000, tzinfo=UTC)),
        ("2024-01-31 10:00:00.123456789", UTC, dt.datetime(2024, 1, 31, 10, 0, 0, 123456, tzinfo=UTC)),
        ("2024-01-31 10:00", BERLIN, dt.datetime(2024, 1, 31, 10, tzinfo=BERLIN)),
        ("2024-07-31 10:00", BERLIN, dt.datetime(2024, 7, 31, 10, tzinfo=BERLIN)),
        ("2024-01-31T10:00:00+02:00", UTC, dt.datetime(2024, 1, 31, 8, tzinfo=UTC)),
        ("2024-01-31T10:00:00+02:00", BERLIN, dt.datetime(2024, 1, 31, 9, tzinfo=BERLIN)),
        ("2024-01-31 10:00:00 +0100", UTC, dt.datetime(2024, 1, 31, 9, tzinfo=UTC)),
        ("2024-01-31 10:00:00 -0530", UTC, dt.datetime(2024, 1, 31, 15, 30, tzinfo=UTC)),
        ("2024-01-31T10:00:00+2", UTC, dt.datetime(2024, 1, 31, 8, tzinfo=UTC)),
        ("2024-01-31T10:00:00Z", BERLIN, dt.datetime(2024, 1, 31, 11, tzinfo=BERLIN)),
        ("2024-01-31 10:00:00 utc", UTC, dt.datetime(2024, 1, 31, 10, tzinfo=UTC)),
        ("2024-01-31 10:00 GMT", BERLIN, dt.datetime(2024, 1, 31, 11, tzinfo=BERLIN)),
        (dt.date(2024, 1, 31), BERLIN, dt.datetime(2024, 1, 31, tzinfo=BERLIN)),
        (dt.datetime(2024, 1, 31, 10), BERLIN, dt.datetime(2024, 1, 31, 10, tzinfo=BERLIN)),
        (dt.datetime(2024, 1, 31, 10, tzinfo=UTC), BERLIN, dt.datetime(2024, 1, 31, 11, tzinfo=BERLIN)),
        (dt.datetime(2024, 1, 31, 10, tzinfo=fixed(5, 30)), UTC, dt.datetime(2024, 1, 31, 4, 30, tzinfo=UTC)),
    ],
)
def test_parse_date(value, tz, expected):
    result = dates.parse_date(value, tz)
    assert result == expected
    assert result.utcoffset() == expected.utcoffset()  # shown in the site's zone, not just equal


@pytest.mark.parametrize(
    "value, message",
    [
        ("2024-13-45", "impossible date '2024-13-45'"),
        ("2024-02-30", "impossible date"),
        ("2023-02-29 10:00", "impossible date"),
        ("2024-01-31 24:00", "impossible date"),
        ("2024-01-31 10:61", "impossible date"),
        ("2024-01-31T10:00+02:60", "impossible date"),
        ("2024-01-31T10:00+25:00", "impossible date"),
        ("yesterday", "unrecognised date"),
        ("31.01.2024", "unrecognised date"),
        ("2024/01/31", "unrecognised date"),
        ("20240131", "unrecognised date"),
        ("", "unrecognised date"),
        ("2024-01-31 10:00 Europe/Berlin", "unrecognised date"),
        (20240131, "not int"),
        (None, "not NoneType"),
        (True, "not bool"),
        ([2024, 1, 31], "not list"),
    ],
)
def test_parse_date_rejects(value, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        dates.parse_date(value, UTC)


@pytest.mark.parametrize(
    "name, expected",
    [
        ("UTC", UTC),
        ("utc", UTC),
        ("Z", UTC),
        ("GMT", UTC),
        ("", UTC),
        ("+02:00", fixed(2)),
        ("+0200", fixed(2)),
        ("+5", fixed(5)),
        ("-05:30", fixed(-5, 30)),
        ("-00:30", dt.timezone(dt.timedelta(minutes=-30))),
        ("Europe/Berlin", ZoneInfo("Europe/Berlin")),
        ("America/New_York", ZoneInfo("America/New_York")),
    ],
)
def test_get_timezone(name, expected):
    zone = dates.get_timezone(name)
    assert zone == expected
    moment = dt.datetime(2024, 7, 1, 12)
    assert zone.utcoffset(moment) == expected.utcoffset(moment)


@pytest.mark.parametrize("name", ["Mars/Base", "+25:00", "+24:00", "+02:60", "Europe/", "../etc/passwd"])
def test_get_timezone_rejects(name):
    with pytest.raises(ValueError) as info:
        dates.get_timezone(name)
    assert repr(name) in str(info.value)


@pytest.mark.parametrize(
    "stem, expected",
    [
        ("2023-1-7-winter-pruning", (dt.date(2023, 1, 7), "winter-pruning")),
        ("2023-01-07-x", (dt.date(2023, 1, 7), "x")),
        ("2024-02-29-leap", (dt.date(2024, 2, 29), "leap")),
        ("2023-12-31-2024-01-01-x", (dt.date(2023, 12, 31), "2024-01-01-x")),
        ("2023-02-30-impossible", None),
        ("2023-13-01-impossible", None),
        ("2023-01-07", None),
        ("2023-01-07-", None),
        ("20230107-x", None),
        ("x-2023-01-07-y", None),
        ("23-01-07-x", None),
        ("plain", None),
    ],
)
def test_date_from_filename(stem, expected):
    assert dates.date_from_filename(stem) == expected


NIGHT = dt.datetime(2024, 1, 31, 23, 30, tzinfo=BERLIN)


@pytest.mark.parametrize(
    "value, pattern, locale, expected",
    [
        (NIGHT, "yyyy/MM/dd", "en", "2024/01/31"),  # the date in the post's own zone, not UTC's
        (NIGHT, "yyyy", "de", "2024"),
        (NIGHT, "long", "en", "January 31, 2024"),
        (NIGHT, "long", "de", "31. Januar 2024"),
        (NIGHT, "long", "de_CH", "31. Januar 2024"),
        (NIGHT, "long", "fr", "31 janvier 2024"),
        (NIGHT, "long", "es", "31 de enero de 2024"),
        (NIGHT, "MMMM yyyy", "es", "enero 2024"),
        (NIGHT, "medium", "en", "Jan 31, 2024"),
        (NIGHT, "EEEE", "de", "Mittwoch"),
        (dt.date(2024, 3, 5), "d.M.yy", "en", "5.3.24"),
        # Languages Babel does not know fall back to English instead of stopping the build.
        (NIGHT, "long", "sh", "January 31, 2024"),
        (NIGHT, "long", "xx_YY", "January 31, 2024"),
        (NIGHT, "long", "not a locale!", "January 31, 2024"),
    ],
)
def test_format_date(value, pattern, locale, expected):
    assert dates.format_date(value, pattern, locale) == expected


@pytest.mark.parametrize("pattern", ["qqqqqq", "xyz"])
def test_format_date_bad_pattern_is_a_clear_value_error(pattern):
    with pytest.raises(ValueError, match=f"invalid date format '{pattern}'"):
        dates.format_date(NIGHT, pattern, "de")


@pytest.mark.parametrize(
    "value, expected",
    [
        (dt.datetime(2024, 1, 31, 10, tzinfo=BERLIN), "2024-01-31T10:00:00+01:00"),
        (dt.datetime(2024, 7, 31, 10, tzinfo=BERLIN), "2024-07-31T10:00:00+02:00"),
        (dt.datetime(2024, 1, 31, 10, 0, 5, 999999, tzinfo=UTC), "2024-01-31T10:00:05+00:00"),
        (dt.datetime(2024, 1, 31, tzinfo=fixed(-5, 30)), "2024-01-31T00:00:00-05:30"),
    ],
)
def test_isoformat(value, expected):
    assert dates.isoformat(value) == expected
