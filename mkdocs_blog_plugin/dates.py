"""Reading dates from front matter and file names, and formatting them for readers and URLs."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from babel.core import UnknownLocaleError
from babel.dates import format_date as _babel_format_date

try:  # Python >= 3.9
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError
except ImportError:  # pragma: no cover
    ZoneInfo = None  # type: ignore[assignment,misc]
    ZoneInfoNotFoundError = Exception  # type: ignore[assignment,misc]

_DATE_RE = re.compile(
    r"""^\s*(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})
    (?:[T\s]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,](?P<f>\d+))?)?)?
    (?:\s+(?P<y2>\d{4}))?  # "2023-01-29 18:30:22 2023 -0800": the year again, as Jekyll accepts
    \s*(?P<tz>Z|UTC|GMT|[+-]\d{2}:?\d{2}|[+-]\d{1,2})?\s*$""",
    re.VERBOSE | re.IGNORECASE,
)
_FILE_DATE_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})-(.+)\Z", re.S)


def get_timezone(name: str) -> dt.tzinfo:
    """``"UTC"``, ``"Europe/Berlin"`` or a fixed offset such as ``"+02:00"``."""
    if name.upper() in ("UTC", "Z", "GMT", ""):
        return dt.timezone.utc
    offset = _parse_offset(name)
    if offset is not None:
        return offset
    if ZoneInfo is None:  # pragma: no cover
        raise ValueError(f"unknown time zone {name!r}")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as e:
        raise ValueError(f"unknown time zone {name!r}") from e


def _parse_offset(text: str) -> dt.timezone | None:
    m = re.fullmatch(r"([+-])(\d{1,2}):?(\d{2})?", text.strip())
    if not m:
        return None
    sign = -1 if m.group(1) == "-" else 1
    if int(m.group(3) or 0) >= 60:
        raise ValueError(f"time zone offset out of range: {text!r}")
    delta = dt.timedelta(hours=int(m.group(2)), minutes=int(m.group(3) or 0))
    if delta >= dt.timedelta(hours=24):
        raise ValueError(f"time zone offset out of range: {text!r}")
    return dt.timezone(sign * delta)


def parse_date(value: Any, tz: dt.tzinfo) -> dt.datetime:
    """Turn a front-matter date into an aware datetime in ``tz``.

    Accepts YAML dates and datetimes and strings such as ``2024-01-31``, ``2024-01-31 10:00``,
    ``2024-01-31T10:00:00+02:00`` and ``2024-01-31 10:00:00 +0100``. Naive values are read in
    ``tz``. Raises ``ValueError`` for anything else, including impossible dates.
    """
    if isinstance(value, dt.datetime):
        result = value
    elif isinstance(value, dt.date):
        result = dt.datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        m = _DATE_RE.match(value)
        if not m or (m.group("y2") and m.group("y2") != m.group("y")):
            raise ValueError(f"unrecognised date {value!r}")
        frac = (m.group("f") or "0")[:6].ljust(6, "0")
        try:
            result = dt.datetime(
                int(m.group("y")), int(m.group("m")), int(m.group("d")),
                int(m.group("H") or 0), int(m.group("M") or 0), int(m.group("S") or 0), int(frac),
            )
            zone = m.group("tz")
            if zone:
                if zone.upper() in ("Z", "UTC", "GMT"):
                    result = result.replace(tzinfo=dt.timezone.utc)
                else:
                    result = result.replace(tzinfo=_parse_offset(zone))
        except ValueError as e:
            raise ValueError(f"impossible date {value.strip()!r} ({e})") from None
    else:
        raise ValueError(f"a date must be a date or a string, not {type(value).__name__}")
    if result.tzinfo is None:
        return result.replace(tzinfo=tz)
    return result.astimezone(tz)


def split_dated_name(stem: str) -> tuple[tuple[int, int, int], str] | None:
    """A Jekyll file name: ``"2023-1-7-winter-pruning"`` -> ``((2023, 1, 7), "winter-pruning")``.
    The numbers are as written (not checked to be a real day); None without a date prefix."""
    m = _FILE_DATE_RE.match(stem)
    if not m:
        return None
    return (int(m.group(1)), int(m.group(2)), int(m.group(3))), m.group(4)


def date_from_filename(stem: str) -> tuple[dt.date, str] | None:
    """``"2023-1-7-winter-pruning"`` -> ``(date(2023, 1, 7), "winter-pruning")``; None otherwise."""
    named = split_dated_name(stem)
    if named is None:
        return None
    try:
        return dt.date(*named[0]), named[1]
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _format(day: dt.date, pattern: str, locale: str) -> str:
    return _babel_format_date(day, format=pattern, locale=locale)


def format_date(value: dt.datetime | dt.date, pattern: str, locale: str) -> str:
    """Format with a Babel pattern or style name (``"long"``, ``"yyyy/MM/dd"``)."""
    day = value.date() if isinstance(value, dt.datetime) else value
    try:
        return _format(day, pattern, locale)
    except (ValueError, LookupError, UnknownLocaleError, AttributeError):  # e.g. unknown language
        pass
    try:
        return _format(day, pattern, "en")
    except (ValueError, LookupError, AttributeError) as e:  # Babel rejects the pattern itself
        raise ValueError(f"invalid date format {pattern!r}: {e}") from None


def isoformat(value: dt.datetime) -> str:
    """RFC 3339 / ISO 8601 with seconds precision, e.g. ``2024-01-31T10:00:00+02:00``."""
    return value.replace(microsecond=0).isoformat()
