"""Posts: reading a post file's front matter into a normalised ``Post``.

Jekyll and Material meanings of the keys are both accepted. Everything here is pure: the caller
passes the file's text and gets back a ``Post`` plus warnings, or a ``PostError`` for input that
cannot be read at all (the build must stop and name the file).
"""

from __future__ import annotations

import copy
import datetime as dt
import html
import posixpath
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Sequence

import frontmatter
import yaml

from . import dates, fields, yamlsize
from .fences import fenced_lines
from .slugs import safe_path, safe_segment, term_key  # term_key: read from here too

_YAML = frontmatter.YAMLHandler()


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML, except that an impossible date (``2024-13-45``) stays text, so the post gets a
    warning about its date instead of the build stopping with a traceback."""


def _timestamp(loader: Any, node: Any) -> Any:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError, AttributeError):  # AttributeError: '!!timestamp nonsense'
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
# Level-1 headings as Python-Markdown reads them: '#' in the first column, the space after it is
# optional, closing '#'s are dropped; a setext '====' underline below the first line of a block.
_H1_RE = re.compile(r"^#(?!#)(.*?)(?<!\\)#*[ \t]*$")
_SETEXT_RE = re.compile(r"^=+[ ]*$")
_ATTR_LIST_RE = re.compile(r"[ \t]+\{:?[ \t]*(?:[#.]|[\w-]+=)[^}\n]*\}[ \t]*$")  # '# Title {#id}'
_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!])")


class PostError(Exception):
    """Input that cannot be read; the message already names the file."""


@dataclass
class Post:
    """What one post's file says, normalised. What a build makes of it is an ``entries.Entry``."""

    src_uri: str
    title: str
    date: dt.datetime
    body: str
    meta: dict[str, Any]
    updated: dt.datetime | None = None
    slug: str = ""
    slug_from_file: bool = False
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    draft: bool = False
    pin: bool = False
    excerpt_markdown: str | None = None
    excerpt_separator: str | None = None
    description: str | None = None
    readtime: int | None = None
    permalink: str | None = None
    redirect_from: list[str] = field(default_factory=list)
    links: Any = None
    title_is_heading: bool = False
    date_missing: bool = False

    def copy(self) -> "Post":
        """A copy that shares nothing that could be changed in place."""
        other = copy.copy(self)
        other.meta = _fresh(self.meta)
        other.links = _fresh(self.links)
        for name in ("categories", "tags", "authors", "redirect_from"):
            setattr(other, name, list(getattr(self, name)))
        return other

    @property
    def date_iso(self) -> str:
        return dates.isoformat(self.date)

    @property
    def updated_iso(self) -> str:
        return dates.isoformat(self.updated) if self.updated else ""

    @property
    def sort_key(self) -> tuple:
        return listing_order(self)


# The three orders posts are shown in; ties are broken by source path, so output is stable. Each
# takes anything with ``pin``, ``date`` and ``src_uri`` (a ``Post`` or a build's ``Entry``).


def listing_order(post: Any) -> tuple:
    """Listings: pinned first, then newest first."""
    return (not post.pin, -post.date.timestamp(), post.src_uri)


def newest_first(post: Any) -> tuple:
    """Feeds and archives: newest first, pinning ignored."""
    return (-post.date.timestamp(), post.src_uri)


def chronological(post: Any) -> tuple:
    """Previous and next post, URL placement: oldest first."""
    return (post.date, post.src_uri)


def split_front_matter(text: str, src_uri: str) -> tuple[dict[str, Any], str]:
    """Split YAML front matter from the body. Raises ``PostError`` naming the file and line."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if not _YAML.detect(text):
        return {}, text
    try:
        fm, body = _YAML.split(text)
    except ValueError:  # an opening '---' with no closing one: a thematic break, not front matter
        return {}, text
    try:
        data = _YAML.load(fm, Loader=_Loader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        # ``fm`` starts with the rest of the opening '---' line, so its line 0 is the file's line 1.
        where = f", line {mark.line + 1}" if mark is not None else ""
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise PostError(f"{src_uri}{where}: invalid YAML front matter: {problem}") from None
    except (ValueError, TypeError, OverflowError, RecursionError) as e:  # e.g. '!!int abc'
        problem = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise PostError(f"{src_uri}: invalid YAML front matter: {problem}") from None
    if data is None:
        data = {}
    if yamlsize.too_big(data):  # an alias bomb: walking it as a tree would never end
        raise PostError(f"{src_uri}: front matter expands to more than {yamlsize.LIMIT} values (YAML aliases?)")
    if not isinstance(data, dict):
        raise PostError(
            f"{src_uri}: front matter must be a mapping of keys to values, "
            f"not a {type(data).__name__}"
        )
    return {str(k): v for k, v in data.items()}, body.lstrip("\r\n")


def _fresh(value: Any) -> Any:
    """A copy of YAML data whose mappings and lists are new (the scalars YAML makes are not
    changed in place)."""
    if isinstance(value, dict):
        return {k: _fresh(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_fresh(v) for v in value]
    return value


def markdown_title(body: str) -> str | None:
    """The text of the body's first level-1 heading outside code fences (``# Title``, ``#Title``
    or a ``Title`` line underlined with ``===``), without an attribute list such as ``{#id}``."""
    lines = body.splitlines()
    code = fenced_lines(lines)
    before: list[str | None] = [None, None]  # the two lines above, None for a blank or code
    for i, line in enumerate(lines):
        if i in code:
            before = [None, None]
            continue
        text = None
        h = _H1_RE.match(line)
        if h:
            text = h.group(1)
        elif _SETEXT_RE.match(line) and before[1] is not None and before[0] is None:
            if not before[1].startswith(("    ", "\t")):
                text = before[1]
        if text is not None:
            text = _ESCAPE_RE.sub(r"\1", _ATTR_LIST_RE.sub("", text)).strip()
            if text:
                return text
        before = [before[1], line if line.strip() else None]
    return None


def terms(value: Any, *, split: bool, key: str, warn: Callable[[str], None]) -> list[str]:
    """Normalise categories or tags: list or string, nested lists flattened, duplicates dropped."""
    found: list[str] = []

    def visit(item: Any, top: bool) -> None:
        if item is None:
            return
        if isinstance(item, (list, tuple, set)):
            for sub in item:
                visit(sub, False)
        elif isinstance(item, str):
            # Jekyll splits a plain string on whitespace; list items are names as written.
            parts = item.split() if split and top else [item.strip()]
            found.extend(p for p in parts if p)
        elif isinstance(item, (bool, int, float, dt.date)):
            found.append(str(item))
        else:
            warn(f"'{key}' has a value of type {type(item).__name__}; it is ignored")

    if isinstance(value, dict):
        warn(f"'{key}' should be a list or a string, not a mapping; it is ignored")
        return []
    if value is not None and not isinstance(value, (list, tuple, str)):
        warn(f"'{key}' should be a list or a string, not {type(value).__name__}: {value!r}")
    visit(value, True)
    return _dedupe(found)


def _text(value: Any, key: str, warn: Callable[[str], None]) -> str | None:
    if value is None:
        return None
    if isinstance(value, (str, int, float, dt.date)) and not isinstance(value, bool):
        return str(value)
    warn(f"'{key}' should be text, not {type(value).__name__}; it is ignored")
    return None


def _flag(value: Any, key: str, warn: Callable[[str], None]) -> bool | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "yes", "on", "false", "no", "off"):
        return value.strip().lower() in ("true", "yes", "on")
    warn(f"'{key}' should be true or false, not {value!r}; it is ignored")
    return None


def meta_with_dates(meta: dict[str, Any], created: dt.datetime, updated: dt.datetime | None) -> dict[str, Any]:
    """``meta`` with the post's resolved dates where other plugins read them (mkdocs-rss-plugin's
    ``date_from_meta``: ``date``, or ``date.created`` and ``date.updated``), in the form the front
    matter used: Material's ``date: {created, updated}`` mapping stays a mapping; otherwise
    ``date`` (also for a date from a Jekyll file name or from git) and ``updated``."""
    meta = dict(meta)
    if isinstance(meta.get("date"), dict):
        meta["date"] = {**meta["date"], "created": created}
        if updated is not None:
            meta["date"]["updated"] = updated
    else:
        meta["date"] = created
        if updated is not None:
            meta["updated"] = updated
    return meta


def merge_meta(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """``over`` merged onto ``base`` as Material's meta plugin merges: mappings key by key, lists
    one after the other, anything else replaced when both have it and their types agree."""
    merged = dict(base)
    for key, value in over.items():
        old = merged.get(key)
        if isinstance(old, dict) and isinstance(value, dict):
            merged[key] = merge_meta(old, value)
        elif isinstance(old, list) and isinstance(value, list):
            merged[key] = old + value
        else:
            merged[key] = value
    return merged


def readable_name(stem: str) -> str:
    """``"my-first_post"`` -> ``"My first post"``."""
    title = stem.replace("-", " ").replace("_", " ").strip()
    return title[:1].upper() + title[1:] if title else "Untitled"


def read_post(
    text: str,
    src_uri: str,
    *,
    tz: dt.tzinfo,
    fallback_date: Callable[[], dt.datetime],
    warn: Callable[[str], None],
    defaults: dict[str, Any] | None = None,
    category_separator: str = "",
) -> Post:
    """Read one post. ``warn`` receives messages without the file name; the caller adds it.
    ``defaults`` (Material's ``.meta.yml`` files) lie under the front matter (``merge_meta``).
    ``category_separator`` (``categories_nesting_separator``): category paths are kept as their
    non-empty levels joined by it; a path with empty levels gets one warning."""
    meta, body = split_front_matter(text, src_uri)
    if defaults:
        meta = merge_meta(defaults, meta)
    stem = posixpath.splitext(posixpath.basename(src_uri))[0]
    if not text.lstrip("\ufeff").strip():
        warn("the file is empty")

    # Title: front matter, else the first '# ' heading, else the file name made readable.
    title = _text(meta.get("title"), "title", warn)
    title_is_heading = False
    if title is not None:
        title = html.unescape(title).strip()
    if not title:
        heading = markdown_title(body)
        if heading:
            title, title_is_heading = html.unescape(heading), True
        else:
            named = dates.date_from_filename(stem)
            title = readable_name(named[1] if named else stem)

    # Dates.
    created_value = meta.get("date")
    updated_value = meta.get("updated", meta.get("last_modified_at"))
    if isinstance(created_value, dict):  # Material: date: {created: ..., updated: ...}
        updated_value = created_value.get("updated", updated_value)
        created_value = created_value.get("created")
    def read_date(value: Any, what: str) -> dt.datetime | None:
        if value is None:
            return None
        try:
            return dates.parse_date(value, tz)
        except (ValueError, OverflowError) as e:
            warn(f"cannot read {what}: {e}")
            return None

    date = read_date(created_value, "'date'")
    date_missing = False
    named = dates.date_from_filename(stem)
    if date is None and named:
        day = named[0]
        date = dt.datetime(day.year, day.month, day.day, tzinfo=tz)
    if date is None:
        date_missing = True
        date = fallback_date()
        if created_value is None:
            warn("no date in the front matter or the file name; using the file's own date")
    updated = read_date(updated_value, "the updated date")

    # Slug: front matter, else the file name after its date prefix, else the title.
    slug = _text(meta.get("slug"), "slug", warn)
    if slug is not None:
        # One URL segment: 'a/b' -> 'a-b', '../../x' -> 'x'; nothing to climb out of the blog with.
        parts = [p for p in re.split(r"[/\\]+", slug) if p.strip() not in ("", ".", "..")]
        cleaned = safe_segment("-".join(p.strip() for p in parts))
        if cleaned != slug.strip():
            warn(f"'slug' {slug!r} is not usable as one URL segment; using {cleaned!r}"
                 if cleaned else f"'slug' {slug!r} is not usable in a URL; it is ignored")
            slug = cleaned or None
    slug_from_file = False
    if slug is None and named:
        slug, slug_from_file = named[1], True

    categories = terms(meta.get("categories"), split=True, key="categories", warn=warn)
    categories += terms(meta.get("category"), split=False, key="category", warn=warn)
    tags = terms(meta.get("tags"), split=True, key="tags", warn=warn)
    tags += terms(meta.get("tag"), split=False, key="tag", warn=warn)
    if category_separator:
        from .category_tree import MAX_LEVELS, clean

        categories, bad, deep = clean(categories, category_separator)
        if deep:
            warn(f"category {', '.join(repr(name) for name in deep)}: more than {MAX_LEVELS} levels; "
                 f"the deeper ones are left out")
        if bad:
            shown = ", ".join(repr(name) for name in bad)
            warn(f"category {shown} has empty levels; only the named levels are used"
                 if len(bad) == 1 else f"categories {shown} have empty levels; only the named levels are used")
    categories = _dedupe(categories)
    tags = _dedupe(tags)
    authors = terms(meta.get("authors"), split=False, key="authors", warn=warn)
    authors += terms(meta.get("author"), split=False, key="author", warn=warn)
    authors = _dedupe(authors)

    draft = _flag(meta.get("draft"), "draft", warn) is True
    if _flag(meta.get("published"), "published", warn) is False:
        draft = True
    pin = _flag(meta.get("pin"), "pin", warn) is True

    readtime = fields.readtime(meta.get("readtime"), warn)
    redirect_from = fields.redirect_from(meta.get("redirect_from"), warn)

    separator = meta.get("excerpt_separator")
    if separator is not None and not isinstance(separator, str):
        warn("'excerpt_separator' should be text; it is ignored")
        separator = None

    return Post(
        src_uri=src_uri,
        title=title,
        date=date,
        updated=updated,
        body=body,
        meta=meta,
        slug=slug or "",
        slug_from_file=slug_from_file,
        categories=categories,
        tags=tags,
        authors=authors,
        draft=draft,
        pin=pin,
        excerpt_markdown=_text(meta.get("excerpt"), "excerpt", warn),
        excerpt_separator=separator,
        description=_text(meta.get("description"), "description", warn),
        readtime=readtime,
        permalink=_text(meta.get("permalink"), "permalink", warn),
        redirect_from=redirect_from,
        links=meta.get("links"),
        title_is_heading=title_is_heading,
        date_missing=date_missing,
    )


def _dedupe(names: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for n in names:
        k = term_key(n)
        if k not in seen:
            seen.add(k)
            out.append(n)
    return out


def format_path(
    post: Post,
    url_format: str,
    *,
    date_format: str,
    categories: Sequence[str],
) -> str:
    """The post's path below the blog directory, e.g. ``"2024/01/31/hello"``.

    ``url_format`` may use ``{date}``, ``{slug}``, ``{categories}`` and ``{file}``. Each path
    segment is made safe (no ``..``, no separators), so nothing is written outside the site.
    """
    values = {
        "date": dates.format_date(post.date, date_format, "en"),
        "slug": post.slug,
        "categories": "/".join(categories),
        "file": posixpath.splitext(posixpath.basename(post.src_uri))[0],
    }
    # '%', '?' and '#' (a file name such as "hash-#1.md") are part of the name, not an escape, a
    # query or a fragment: percent-encoded here, they are decoded back into the output file name.
    values = {k: v.replace("%", "%25").replace("?", "%3F").replace("#", "%23") for k, v in values.items()}
    try:
        path = url_format.format(**values)
    except (KeyError, IndexError, ValueError, AttributeError, TypeError) as e:  # '{date.year}', '{slug[a]}'
        raise PostError(f"post_url_format {url_format!r} cannot be filled in: {e}") from None
    result = safe_path(path)
    if not result:  # the post would take the blog index's place
        raise PostError(f"post_url_format {url_format!r} gives an empty path for this post")
    return result
