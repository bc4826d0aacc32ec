"""Links taken from front matter or ``.authors.yml`` (an author's ``url``, a post's ``links``)
before they go into an ``href``.

Only web and mail links, relative paths, site paths and fragments pass: ``javascript:`` in any
spelling a browser would still run (``JavaScript:``, ``java\\tscript:``, ``&#106;avascript:``,
``javascript&colon;``) is refused, and so are ``vbscript:``, ``data:`` and every other scheme.

Pure functions; no MkDocs imports.
"""

from __future__ import annotations

import html
import re
import unicodedata
from urllib.parse import unquote

__all__ = ["safe_href", "ALLOWED_SCHEMES"]

#: Schemes a link may have. Anything else with a scheme is refused.
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
# What browsers strip from both ends of a URL: C0 controls and the space.
_ENDS = "".join(chr(c) for c in range(0x21))


def _readings(text: str) -> list[str]:
    """``text`` as a browser, an HTML parser or a later decoding step might read it: entities and
    percent-escapes decoded (repeatedly), compatibility forms folded, and every whitespace or
    control character removed (the URL parser drops tabs and newlines anywhere)."""
    seen: list[str] = []
    frontier = [text]
    while frontier and len(seen) < 64:  # breadth first: the readings a browser makes come first
        current = frontier.pop(0)
        if current in seen:
            continue
        seen.append(current)
        frontier.extend((html.unescape(current), unquote(current), unicodedata.normalize("NFKC", current)))
    return ["".join(ch for ch in s if not (ch.isspace() or unicodedata.category(ch)[0] == "C")) for s in seen]


def _refused(reading: str) -> bool:
    head = re.split(r"[/?#]", reading, maxsplit=1)[0]
    if ":" not in head:
        return False  # no scheme: a relative path, a site path or a fragment
    m = _SCHEME.match(head)
    # A colon before the first '/', '?' or '#' without a well-formed scheme in front of it is
    # refused too: it is not a valid relative reference, and other parsers may disagree.
    return not m or m.group(1).lower() not in ALLOWED_SCHEMES


def safe_href(url: object) -> str | None:
    """``url`` with surrounding whitespace removed if it is safe in an ``href``, else None.

    Allowed: ``http:``, ``https:`` and ``mailto:`` links, relative paths (``img/a.png``,
    ``../x/``), site paths (``/about/``), scheme-relative links (``//host/x``), queries and
    fragments (``#top``). Refused: any other scheme in any case or spelling, text containing
    control characters (other than at the ends), non-text values and the empty string.
    """
    if not isinstance(url, str):
        return None
    text = url.strip(_ENDS)
    if not text:
        return None
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        return None
    if any(_refused(reading) for reading in _readings(text)):
        return None
    return text
