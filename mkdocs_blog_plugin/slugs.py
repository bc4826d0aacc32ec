"""Slugs for posts, tags, categories and authors.

Post slugs follow the rule Material's blog plugin uses (Unicode kept, lower case, characters that
are neither word characters, spaces nor hyphens dropped, spaces become the separator), so that a
migrated blog keeps its URLs. Tag and category slugs spell out ``+``, ``#`` and ``&`` first, so that
``C++``, ``C#`` and ``C`` get three different pages; names that still clash are told apart by
``unique_slugs``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Callable, Iterable
from urllib.parse import unquote

_TAGS = re.compile(r"</?[^>]*>")
_INVALID = re.compile(r"[^\w\- ]")
_SYMBOLS = {"+": " plus ", "#": " sharp ", "&": " and ", "@": " at "}
_SYMBOL_RE = re.compile("[" + re.escape("".join(_SYMBOLS)) + "]")
_SPACES = re.compile(r"\s+")
_SEPARATORS = re.compile(r"-{2,}")
# '%2f' (and '%252f', decoded twice) is '/' once decoded; '%5c' is a backslash.
_ESCAPED_SEPARATOR = re.compile(r"%(?:25)*(?:2f|5c)", re.IGNORECASE)


@functools.lru_cache(maxsize=1 << 16)  # pure, and asked for every term of every post
def term_key(name: str) -> str:
    """Two spellings that differ only in case or Unicode form are the same tag or category."""
    return unicodedata.normalize("NFC", name).casefold()


def slugify(text: str, separator: str = "-") -> str:
    """Material-compatible slug: ``"Hello, World!"`` -> ``"hello-world"``."""
    slug = _TAGS.sub("", unicodedata.normalize("NFC", str(text))).strip().lower()
    return _INVALID.sub("", slug).replace(" ", separator)


def term_slugify(text: str, separator: str = "-") -> str:
    """Slug for a tag or category name: ``"C++"`` -> ``"c-plus-plus"``, ``"日本語"`` kept."""
    text = unicodedata.normalize("NFC", str(text)).strip()
    text = _SYMBOL_RE.sub(lambda m: _SYMBOLS[m.group(0)], text)
    text = text.replace("/", " ")
    slug = _INVALID.sub("", _SPACES.sub(" ", text.lower())).strip()
    slug = _SPACES.sub(separator, slug)
    if separator:
        slug = re.sub(re.escape(separator) + "{2,}", separator, slug).strip(separator)
    return slug


@functools.lru_cache(maxsize=1 << 16)  # pure; the same names come back in every build
def safe_segment(slug: str) -> str:
    """Make a slug safe to use as one URL path segment: no ``/``, ``\\``, ``..`` or control chars,
    and no percent-escape that decodes to a separator (``a%2fb`` becomes ``a-b``)."""
    cleaned = "".join(ch for ch in slug if ch not in "/\\" and unicodedata.category(ch)[0] != "C")
    cleaned = _ESCAPED_SEPARATOR.sub("-", cleaned)
    cleaned = cleaned.strip().strip(".")
    if not unquote(cleaned).strip("."):  # "%2e%2e" is ".." to a browser
        return ""
    return cleaned


def category_slugifier(names: Iterable[str], separator: str) -> Callable[[str], str]:
    """Category slugs: Material's (``"Tips & Tricks"`` -> ``tips--tricks``), so its URLs stay.

    Names whose Material slug is empty or shared with another of ``names`` (``C``, ``C++``) get
    the spelled-out slug instead (``c``, ``c-plus-plus``).
    """
    owners: dict[str, set[str]] = {}
    for name in names:
        owners.setdefault(slugify(name, separator), set()).add(unicodedata.normalize("NFC", name).casefold())

    def category_slug(name: str) -> str:
        slug = slugify(name, separator)
        if slug.strip(separator) and len(owners.get(slug, ())) <= 1:
            return slug
        return term_slugify(name, separator)

    return category_slug


def safe_path(path: str) -> str:
    """A path of safe segments (see ``safe_segment``); empty and unsafe segments are dropped."""
    return "/".join(p for p in (safe_segment(part) for part in path.split("/")) if p)


def unique_slugs(
    names: Iterable[str], slugify_fn: Callable[[str], str], fallback: str = "item"
) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """Give every name a distinct, non-empty slug.

    Returns ``({name: slug}, clashes)`` where each clash is ``(name, other_name, slug_given)``.
    Names are handled in sorted order so the result does not depend on the order posts were read.
    A name keeps its own slug whenever it can: numbered slugs (``"c-2"``) and the fallback go only
    to names that clash or slugify to nothing.
    """
    ordered = sorted(set(names), key=lambda n: (n.casefold(), n))
    natural = {name: safe_segment(slugify_fn(name)) for name in ordered}
    base_of = {name: natural[name] or fallback for name in ordered}
    owner: dict[str, str] = {}
    for name in sorted(ordered, key=lambda n: not natural[n]):  # stable: real slugs claim first
        owner.setdefault(base_of[name], name)
    taken = set(owner)
    result: dict[str, str] = {}
    clashes: list[tuple[str, str, str]] = []
    for name in ordered:
        base = base_of[name]
        if owner[base] == name:
            result[name] = base
            continue
        n = 2
        while f"{base}-{n}" in taken:
            n += 1
        slug = f"{base}-{n}"
        taken.add(slug)
        clashes.append((name, owner[base], slug))
        result[name] = slug
    return result, clashes
