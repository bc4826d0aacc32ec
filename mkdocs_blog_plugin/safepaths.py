"""The one gate every generated output path goes through.

``confine`` takes a site-relative path that the plugin is about to write (a post, a listing page,
a feed, a redirect) and either returns it normalised or raises ``UnsafePath``. It is strict: a
path is refused if *any* reading of it could leave the site directory, whether that reading is the
file system's (``..``, an absolute path, a drive letter, a backslash on Windows) or a web server's
(``%2e%2e`` decoded once, ``%252e%252e`` decoded twice).

``shorten_segments`` keeps each path segment within what file systems accept for one name.

Pure functions; no MkDocs imports.
"""

from __future__ import annotations

import hashlib
import functools
import re
import unicodedata
from urllib.parse import unquote

__all__ = ["UnsafePath", "confine", "shorten_segments", "place", "MAX_SEGMENT_BYTES"]

#: Bytes per path segment, by default. File systems allow 255 bytes per name; this leaves room for
#: ``.html`` (or the caller's own suffixes) and for ``-2`` style disambiguation.
MAX_SEGMENT_BYTES = 200

_DRIVE_OR_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_HASH_LENGTH = 10  # hex digits of the segment hash in a shortened segment
_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,8}\Z")
_PARTIAL_ESCAPE = re.compile(r"%[0-9A-Fa-f]?\Z")
# Unicode's control characters (category Cc: C0, DEL and C1), and the lone surrogates that stand
# for bytes that were not UTF-8 (surrogateescape).
_BAD_CHARACTER = re.compile("[\x00-\x1f\x7f-\x9f\udc80-\udcff]")


class UnsafePath(ValueError):
    """A generated path that would not stay inside the site directory. The message names the
    option or file it came from."""


def _decodings(path: str) -> list[str]:
    """``path`` and each successive percent-decoding of it, until decoding changes nothing.

    Every decoding that changes the text makes it shorter, so this always ends.
    """
    levels = [path]
    while "%" in levels[-1]:
        decoded = unquote(levels[-1], errors="surrogateescape")
        if decoded == levels[-1]:
            break
        levels.append(decoded)
    return levels


def _is_dots(segment: str) -> bool:
    """True for a segment a file system or browser could read as ``.`` or ``..``: dots and
    blanks only (Windows drops trailing dots and spaces), also after compatibility folding
    (``\uff0e\uff0e`` is two full-width dots)."""
    for form in (segment, unicodedata.normalize("NFKC", segment)):
        if form and not form.strip(". \t") and "." in form:
            return True
    return False


@functools.lru_cache(maxsize=1 << 16)  # pure; the same names come back in every build
def _problem(text: str) -> str | None:
    """Why one decoding of a path is unsafe, or None."""
    if "\\" in text:
        return "contains a backslash"
    bad = _BAD_CHARACTER.search(text)
    if bad:
        ch = bad.group(0)
        if 0xDC80 <= ord(ch) <= 0xDCFF:  # a byte that was not UTF-8, kept by surrogateescape
            return "contains percent-escapes that are not UTF-8"
        return f"contains the control character {ch!r}"
    if text.startswith("/"):
        return "is absolute"
    if _DRIVE_OR_SCHEME.match(text):
        return "starts with a drive letter or URL scheme"
    for segment in text.split("/"):
        if segment != "." and _is_dots(segment):
            return "contains a '..' segment"
    return None


def confine(rel_path: str, *, what: str) -> str:
    """Check that ``rel_path`` stays inside the site and return it normalised.

    Normalised: runs of ``/`` collapsed, ``.`` segments dropped, a trailing ``/`` kept; percent
    escapes are *not* decoded in the result (the caller decides whether the path is a URL or a file
    name). Raises ``UnsafePath``, naming ``what`` (the option or file the path came from), when
    the path is not a string, is empty, or when it or any percent-decoding of it is absolute,
    starts with a drive letter or scheme (``C:``, ``http:``), contains a backslash, a control
    character or a ``..`` segment. A ``..`` is refused even where it would stay inside
    (``a/../b``): no generated path needs one.
    """
    if not isinstance(rel_path, str):
        raise UnsafePath(f"{what}: a path must be text, not {type(rel_path).__name__}")
    segments = [s for s in rel_path.split("/") if s not in ("", ".")]
    trailing = rel_path.endswith("/") or rel_path.endswith("/.")
    normalised = "/".join(segments) + ("/" if trailing else "")
    # The path as given and as it is written: './C:' loses its './' and becomes a drive.
    for level in _decodings(rel_path) + _decodings(normalised):
        problem = _problem(level)
        if problem:
            raise UnsafePath(f"{what}: the path {rel_path!r} {problem}; it would not stay inside the site")
    if not segments:
        raise UnsafePath(f"{what}: the path {rel_path!r} is empty")
    return normalised


def _cut(text: str, max_bytes: int) -> str:
    """The longest prefix of ``text`` within ``max_bytes`` UTF-8 bytes that ends on a character
    boundary and does not separate a letter from the combining marks that follow it."""
    raw = text.encode("utf-8", "surrogateescape")
    if len(raw) <= max_bytes:
        return text
    prefix = raw[:max_bytes].decode("utf-8", "ignore")
    while prefix and len(prefix) < len(text) and unicodedata.combining(text[len(prefix)]):
        prefix = prefix[:-1]
    return _PARTIAL_ESCAPE.sub("", prefix)  # never half of a '%2F'


def _shorten(segment: str, max_bytes: int, keep_extension: bool) -> str:
    digest = hashlib.sha256(segment.encode("utf-8", "surrogateescape")).hexdigest()[:_HASH_LENGTH]
    suffix = ""
    if keep_extension:
        m = _EXTENSION.search(segment)
        if m and m.start() > 0:
            suffix = m.group(0)
    budget = max_bytes - len(digest) - 1 - len(suffix)
    stem = segment[: len(segment) - len(suffix)] if suffix else segment
    prefix = _cut(stem, max(budget, 0)).rstrip(" .")
    return (f"{prefix}-{digest}" if prefix else digest) + suffix


def shorten_segments(path: str, max_bytes: int = MAX_SEGMENT_BYTES) -> tuple[str, bool]:
    """Limit each ``/``-separated segment of ``path`` to ``max_bytes`` UTF-8 bytes.

    A segment that is too long becomes a prefix of itself (cut on a character boundary) + ``-`` +
    the first hex digits of the SHA-256 of the whole segment, so the result is stable from build to
    build and two long names that share their first ``max_bytes`` bytes still differ. A short file
    extension on the last segment (``.html``) is kept. Segments within the limit are untouched, so
    the function is idempotent. Returns ``(path, changed)``; the caller warns when ``changed``.
    """
    if max_bytes < _HASH_LENGTH + 1:
        raise ValueError(f"max_bytes must be at least {_HASH_LENGTH + 1}, not {max_bytes}")
    segments = path.split("/")
    changed = False
    for i, segment in enumerate(segments):
        if len(segment.encode("utf-8", "surrogateescape")) > max_bytes:
            segments[i] = _shorten(segment, max_bytes, keep_extension=i == len(segments) - 1)
            changed = True
    return "/".join(segments), changed


def place(rel_path: str, *, what: str, max_bytes: int = MAX_SEGMENT_BYTES) -> tuple[str, str | None]:
    """``confine`` then ``shorten_segments``: the path to write and, when a segment had to be
    shortened, a warning naming ``what`` (else None). Raises ``UnsafePath``."""
    path = confine(rel_path, what=what)
    short, changed = shorten_segments(path, max_bytes)
    if not changed:
        return path, None
    short = confine(short, what=what)
    return short, (f"{what}: a part of its path is longer than {max_bytes} bytes, more than file systems "
                   f"allow; it is published at '{short}' instead")
