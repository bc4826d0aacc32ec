"""The filters Jekyll adds to Liquid, written against Jekyll's documented behaviour.

Each filter is a plain function of its input and arguments; the few that need the site (its URL,
its Markdown) or the render context take them as keyword arguments and are wired up by
``jekyll_liquid``. This module is pure: no MkDocs imports, no I/O.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from typing import Any, Callable, Optional
from urllib.parse import quote, quote_plus, urlsplit

from liquid import is_undefined

__all__ = ["FILTERS", "relative_url", "absolute_url"]

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
# Characters a normalised URL keeps as they are (RFC 3986 reserved and unreserved, and '%').
_URL_SAFE = "!#$%&'()*+,/:;=?@[]~-._"


def _text(value: Any) -> str:
    if value is None or is_undefined(value):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _is_absolute(url: str) -> bool:
    return bool(_SCHEME.match(url))


def _normalise(url: str) -> str:
    """Percent-encode what a URL cannot hold as it is; an empty path after a host becomes '/'."""
    url = quote(url, safe=_URL_SAFE)
    parts = urlsplit(url)
    if parts.scheme and parts.netloc and not parts.path:
        url = url.replace(parts.netloc, parts.netloc + "/", 1) if url.endswith(parts.netloc) else url
    return url


def _leading_slash(text: str) -> str:
    return text if not text or text.startswith("/") else "/" + text


def relative_url(value: Any, *, baseurl: str = "") -> Any:
    """``/images/a.png`` -> ``/blog/images/a.png`` for baseurl ``/blog``; absolute URLs unchanged."""
    if value is None or is_undefined(value):
        return None
    text = _text(value)
    if _is_absolute(text):
        return text
    return _normalise(_leading_slash(baseurl.rstrip("/")) + _leading_slash(text))


def absolute_url(value: Any, *, url: str = "", baseurl: str = "") -> Any:
    """The site's URL, then its baseurl, then the path; without a site URL, as relative_url."""
    if value is None or is_undefined(value):
        return None
    text = _text(value)
    if _is_absolute(text):
        return text
    relative = relative_url(text, baseurl=baseurl)
    if not url:
        return relative
    return _normalise(url.rstrip("/") + relative) if relative else _normalise(url)


def _as_datetime(value: Any) -> Optional[dt.datetime]:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        text = value.strip()
        for candidate in (text, text.replace(" ", "T", 1)):
            try:
                return dt.datetime.fromisoformat(candidate)
            except ValueError:
                pass
        m = re.match(r"(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)\s*([+-]\d{2}):?(\d{2})$", text)
        if m:
            return dt.datetime.fromisoformat(f"{m[1]}T{m[2]}{m[3]}:{m[4]}")
    return None


def date_to_xmlschema(value: Any) -> Any:
    """``2008-11-07T13:07:54-08:00``: ISO 8601 with seconds and the offset (none when naive)."""
    when = _as_datetime(value)
    return value if when is None else when.replace(microsecond=0).isoformat()


def _ordinal(day: int) -> str:
    if 10 <= day % 100 <= 20:
        return f"{day}th"
    return f"{day}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th') }"


def _date_string(value: Any, month_length: Optional[int], style: Any, order: Any) -> Any:
    when = _as_datetime(value)
    if when is None:
        return value
    month = _MONTHS[when.month - 1][:month_length] if month_length else _MONTHS[when.month - 1]
    if _text(style) == "ordinal":
        day = _ordinal(when.day)
        if _text(order) == "US":
            return f"{month} {day}, {when.year}"
        return f"{day} {month} {when.year}"
    return f"{when.day:02d} {month} {when.year}"


def date_to_string(value: Any, style: Any = None, order: Any = None) -> Any:
    """``07 Nov 2008``; ``"ordinal"`` gives ``7th Nov 2008``, and with ``"US"`` ``Nov 7th, 2008``."""
    return _date_string(value, 3, style, order)


def date_to_long_string(value: Any, style: Any = None, order: Any = None) -> Any:
    """``07 November 2008``; ``"ordinal"`` and ``"US"`` as for date_to_string."""
    return _date_string(value, None, style, order)


def date_to_rfc822(value: Any) -> Any:
    """``Fri, 07 Nov 2008 13:07:54 -0800``."""
    when = _as_datetime(value)
    return value if when is None else when.strftime("%a, %d %b %Y %H:%M:%S %z").rstrip()


def xml_escape(value: Any) -> str:
    text = _text(value)
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#39;"))


def cgi_escape(value: Any) -> str:
    """As for a form field: ``foo, bar;baz?`` -> ``foo%2C+bar%3Bbaz%3F``."""
    return quote_plus(_text(value), safe="*")


def uri_escape(value: Any) -> str:
    """Keeps reserved characters: ``foo, bar \\baz?`` -> ``foo,%20bar%20%5Cbaz?``."""
    return quote(_text(value), safe=_URL_SAFE.replace("%", ""))


def _plain(value: Any) -> Any:
    """A value as JSON can hold it: dates as ISO text, undefined as null."""
    if value is None or is_undefined(value):
        return None
    if isinstance(value, (dt.datetime, dt.date)):
        if isinstance(value, dt.datetime):  # as Ruby prints a Time: "2008-11-07 13:07:54 -0800"
            return value.strftime("%Y-%m-%d %H:%M:%S %z").rstrip()
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def jsonify(value: Any) -> str:
    return json.dumps(_plain(value), ensure_ascii=False, separators=(",", ":"))


def number_of_words(value: Any, mode: Any = None) -> int:
    """Words separated by white space; with ``"cjk"`` or ``"auto"`` each CJK character counts too."""
    text = _text(value)
    cjk = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
    if _text(mode) == "cjk" or (_text(mode) == "auto" and cjk.search(text)):
        return len(cjk.findall(text)) + len(cjk.sub(" ", text).split())
    return len(text.split())


_PRETTY_KEEP = set("._~!$&'()+,;=@")


def _slug_char(char: str, mode: str) -> bool:
    """Whether ``char`` stays in a slug of ``mode``: letters, marks and decimal digits of any script
    (``default``), those and ``._~!$&'()+,;=@`` (``pretty``), or ASCII letters and digits."""
    if mode in ("ascii", "latin"):
        return char.isascii() and char.isalnum()
    if mode == "pretty" and char in _PRETTY_KEEP:
        return True
    return unicodedata.category(char)[0] in "LM" or unicodedata.category(char) == "Nd"


def slugify(value: Any, mode: Any = "default") -> str:
    """Jekyll's slugify: runs of other characters become '-', trimmed, lower-cased.

    Modes: ``none`` (only lower-cased), ``raw`` (white space only), ``default`` (letters, marks
    and digits of any script kept), ``pretty`` (also keeps ``._~!$&'()+,;=@``), ``ascii`` (ASCII
    letters and digits), ``latin`` (accents dropped first, then as ``ascii``).
    """
    text = _text(value)
    mode = _text(mode) or "default"
    if mode not in ("raw", "default", "pretty", "ascii", "latin"):
        return text.lower()
    if mode == "raw":
        slug = re.sub(r"\s+", "-", text)
    else:
        if mode == "latin":
            text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
        slug = re.sub(r"-+", "-", "".join(c if _slug_char(c, mode) else "-" for c in text))
    return slug.strip("-").lower()


def _property(item: Any, name: Any) -> Any:
    if isinstance(item, dict):
        return item.get(name)
    if name is None:
        return item
    return getattr(item, str(name), None)


def where(items: Any, prop: Any, value: Any) -> list:
    """Items whose ``prop`` equals ``value`` as text (or, for a list property, contains it)."""
    wanted = _text(value)
    found = []
    for item in _items(items):
        got = _property(item, prop)
        if isinstance(got, (list, tuple)):
            if any(_text(g) == wanted for g in got):
                found.append(item)
        elif _text(got) == wanted:
            found.append(item)
    return found


def _items(value: Any) -> list:
    if value is None or is_undefined(value):
        return []
    if isinstance(value, dict):
        return list(value.values())
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


def group_by(items: Any, prop: Any) -> list:
    """``[{"name": value, "items": [...], "size": n}]`` in order of first appearance."""
    groups: dict[str, dict] = {}
    for item in _items(items):
        key = _text(_property(item, prop))
        group = groups.setdefault(key, {"name": key, "items": [], "size": 0})
        group["items"].append(item)
        group["size"] += 1
    return list(groups.values())


def sort(items: Any, prop: Any = None, nils: Any = "first") -> list:
    """Ascending, by ``prop`` when given; items without it first (``"last"``: at the end)."""
    values = _items(items)
    if prop is None or is_undefined(prop):
        return sorted(values, key=_order_key)
    present = [v for v in values if _property(v, prop) is not None]
    missing = [v for v in values if _property(v, prop) is None]
    present.sort(key=lambda v: _order_key(_property(v, prop)))
    return missing + present if _text(nils) != "last" else present + missing


def _order_key(value: Any) -> tuple:
    if isinstance(value, bool):
        return (1, int(value), "")
    if isinstance(value, (int, float)):
        return (1, value, "")
    if isinstance(value, dt.datetime):
        return (2, value.timestamp() if value.tzinfo else value.replace(tzinfo=dt.timezone.utc).timestamp(), "")
    if isinstance(value, dt.date):
        return (2, dt.datetime(value.year, value.month, value.day, tzinfo=dt.timezone.utc).timestamp(), "")
    return (3, 0, _text(value))


def array_to_sentence_string(items: Any, connector: Any = "and") -> str:
    """``a``, ``a and b``, ``a, b, and c``."""
    words = [_text(v) for v in _items(items)]
    connector = _text(connector) if connector is not None else "and"
    if len(words) <= 1:
        return "".join(words)
    if len(words) == 2:
        return f"{words[0]} {connector} {words[1]}"
    return f"{', '.join(words[:-1])}, {connector} {words[-1]}"


FILTERS: dict[str, Callable[..., Any]] = {
    "date_to_xmlschema": date_to_xmlschema,
    "date_to_rfc822": date_to_rfc822,
    "date_to_string": date_to_string,
    "date_to_long_string": date_to_long_string,
    "xml_escape": xml_escape,
    "cgi_escape": cgi_escape,
    "uri_escape": uri_escape,
    "jsonify": jsonify,
    "number_of_words": number_of_words,
    "slugify": slugify,
    "where": where,
    "group_by": group_by,
    "sort": sort,
    "array_to_sentence_string": array_to_sentence_string,
}
