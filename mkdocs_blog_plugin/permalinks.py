"""Jekyll-compatible permalinks: built-in styles, placeholder templates, and
the mapping from a permalink path to an output file and page URL.

Pure functions; no MkDocs imports.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Sequence
from urllib.parse import quote, unquote

from .dates import split_dated_name

__all__ = [
    "BUILTIN_STYLES", "PLACEHOLDERS", "is_jekyll_style", "expand", "to_dest", "clean_path",
    "jekyll_slug", "post_slugs", "material_title",
]

#: Jekyll's named permalink styles and the templates they stand for.
BUILTIN_STYLES: dict[str, str] = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}

# English names, independent of the process locale (as Jekyll's are).
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

#: Placeholder names understood by :func:`expand` (without the colon).
PLACEHOLDERS: tuple[str, ...] = (
    "year", "short_year", "month", "i_month", "short_month", "long_month",
    "day", "i_day", "y_day", "w_year", "week", "w_day", "short_day", "long_day",
    "hour", "minute", "second", "title", "slug", "categories",
    "slugified_categories", "collection", "output_ext",
)

# Longest names first so that e.g. ":slugified_categories" wins over shorter
# alternatives; unknown ":words" are left as they are, like Jekyll does.
_PLACEHOLDER_RE = re.compile(
    ":(%s)" % "|".join(sorted(PLACEHOLDERS, key=len, reverse=True))
)
_SCHEME_LIKE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\\]")


def is_jekyll_style(fmt: str) -> bool:
    """True if ``fmt`` is a Jekyll built-in style name or uses ``:placeholders``."""
    return fmt.strip() in BUILTIN_STYLES or _PLACEHOLDER_RE.search(fmt) is not None


# Jekyll's two slug modes: "default" keeps letters, marks and digits; "pretty" keeps a few
# punctuation characters as well. Anything else becomes one hyphen.
_SLUG_DEFAULT = re.compile(r"(?:[^\w]|_)+")
_SLUG_PRETTY = re.compile(r"[^\w.~!$&'()+,;=@]+")


def jekyll_slug(text: str, *, pretty: bool = False, cased: bool = False) -> str:
    """A slug the way Jekyll makes it: ``"Hello, World!"`` -> ``"hello-world"``.

    ``pretty`` keeps ``._~!$&'()+,;=@``, ``cased`` keeps upper case (``:title`` uses both).
    """
    slug = (_SLUG_PRETTY if pretty else _SLUG_DEFAULT).sub("-", str(text)).strip("-")
    return slug if cased else slug.lower()


def post_slugs(front_matter_slug: str | None, file_name: str) -> tuple[str, str]:
    """``(:title, :slug)`` of a post, as Jekyll computes them.

    Both come from the front matter's ``slug`` when there is one, else from the file name without
    its ``YYYY-MM-DD-`` prefix and extension (trailing dots dropped): ``:title`` keeps case and
    some punctuation, ``:slug`` is lower case letters and digits joined by hyphens.
    """
    source = str(front_matter_slug or "").strip()
    if not source:
        stem = file_name.rsplit("/", 1)[-1]
        stem = stem.rsplit(".", 1)[0] if "." in stem else stem
        named = split_dated_name(stem)
        source = (named[1] if named else stem).rstrip(".")
    return jekyll_slug(source, pretty=True, cased=True), jekyll_slug(source)


def _escape_value(value: str) -> str:
    """Keep '%', '?' and '#' in a placeholder's value from reading as escapes, query or fragment."""
    return value.replace("%", "%25").replace("?", "%3F").replace("#", "%23")


def _category_path(categories: Sequence[str], *, slugified: bool) -> str:
    """Jekyll's ``:categories``: lower-cased as written, de-duplicated, joined with '/'.

    Jekyll does not slugify them (a category "Dev Ops" gives ``/dev ops/``, served as
    ``/dev%20ops/``); ``:slugified_categories`` does.
    """
    parts: list[str] = []
    for category in categories:
        text = str(category).strip()
        value = jekyll_slug(text) if slugified else text.lower()
        if value and value not in parts:
            parts.append(value)
    return "/".join(parts)


def expand(
    fmt: str,
    *,
    date: datetime,
    slug: str,
    title_slug: str,
    categories: Sequence[str],
    file_slug: str,
) -> str:
    """Expand a Jekyll permalink style, template or literal path.

    Returns a site-relative URL path without a leading slash; a trailing slash is kept.
    ``:title`` is ``file_slug`` and ``:slug`` is ``slug`` (see :func:`post_slugs` for Jekyll's
    values); when either is empty the other, then ``title_slug``, stands in. ``:categories``
    and ``:slugified_categories`` follow Jekyll (see ``_category_path``); with no categories the
    segment disappears. Runs of slashes are collapsed. Placeholders this function does not know
    are left untouched. '%', '?' and '#' in values are percent-encoded, so that
    :func:`to_dest` turns them back into those characters in the file name.
    """
    template = BUILTIN_STYLES.get(fmt.strip(), fmt)
    iso_year, iso_week, iso_weekday = date.isocalendar()[:3]
    title = file_slug or slug or title_slug
    slug_value = slug or file_slug or title_slug
    values = {
        "year": "%04d" % date.year,
        "short_year": "%02d" % (date.year % 100),
        "month": "%02d" % date.month,
        "i_month": str(date.month),
        "short_month": _MONTHS[date.month - 1][:3],
        "long_month": _MONTHS[date.month - 1],
        "day": "%02d" % date.day,
        "i_day": str(date.day),
        "y_day": "%03d" % date.timetuple().tm_yday,
        "w_year": "%04d" % iso_year,
        "week": "%02d" % iso_week,
        "w_day": str(iso_weekday),
        "short_day": _DAYS[iso_weekday - 1][:3],
        "long_day": _DAYS[iso_weekday - 1],
        "hour": "%02d" % date.hour,
        "minute": "%02d" % date.minute,
        "second": "%02d" % date.second,
        "title": title,
        "slug": slug_value,
        "categories": _category_path(categories, slugified=False),
        "slugified_categories": _category_path(categories, slugified=True),
        "collection": "posts",
        "output_ext": ".html",
    }
    path = _PLACEHOLDER_RE.sub(lambda m: _escape_value(values[m.group(1)]), template)
    path = re.sub(r"/{2,}", "/", path)
    return path.lstrip("/")


def clean_path(path: str) -> str:
    """Normalise a site-relative URL path and check that it stays in the site.

    Percent-escapes are decoded, leading slashes, empty and '.' segments are
    dropped, and a trailing slash is kept.  Raises ValueError for '..'
    segments, backslashes, NUL or other control characters, '?' or '#',
    a scheme or drive prefix ('http:', 'C:'), or an empty result.
    """
    if not isinstance(path, str):
        raise ValueError(f"permalink must be a string, not {type(path).__name__}")
    if "?" in path or "#" in path:
        raise ValueError(f"permalink {path!r} contains a query or fragment")
    decoded = unquote(path)
    if _CONTROL.search(decoded):
        raise ValueError(f"permalink {path!r} contains a backslash or control character")
    stripped = decoded.lstrip("/")
    if _SCHEME_LIKE.match(stripped) or decoded.startswith("//"):
        raise ValueError(f"permalink {path!r} points outside the site")
    segments = stripped.split("/")
    trailing = segments[-1] in ("", ".") and len(stripped) > 0
    kept: list[str] = []
    for segment in segments:
        if segment == "..":
            raise ValueError(f"permalink {path!r} contains a '..' segment")
        if segment not in ("", "."):
            kept.append(segment)
    if not kept:
        raise ValueError(f"permalink {path!r} is empty")
    return "/".join(kept) + ("/" if trailing else "")


def to_dest(path: str, use_directory_urls: bool) -> tuple[str, str]:
    """Map a permalink path to ``(dest_uri, url)``.

    * ``a/b/`` -> ``("a/b/index.html", "a/b/")``
    * ``a/b.html`` (or ``.htm``) -> ``("a/b.html", "a/b.html")``
    * ``a/b`` -> ``("a/b/index.html", "a/b/")`` with directory URLs,
      else ``("a/b.html", "a/b.html")``

    The path is normalised with :func:`clean_path` (ValueError if unsafe).
    ``dest_uri`` is a plain file path (percent-escapes decoded); ``url`` is
    URL-quoted the way MkDocs quotes page URLs.
    """
    clean = clean_path(path)
    if clean.endswith("/"):
        dest, url = clean + "index.html", clean
    elif clean.lower().endswith((".html", ".htm")):
        dest, url = clean, clean
    elif use_directory_urls:
        dest, url = clean + "/index.html", clean + "/"
    else:
        dest, url = clean + ".html", clean + ".html"
    return dest, quote(url)


def material_title(meta: dict, body: str, src_uri: str) -> str:
    """The title Material's blog plugin slugifies for a post's URL.

    The front matter's ``title`` as written (entities and markup included), else the body's
    first line when it is a ``# `` heading, else the file name with '-' and '_' as spaces
    (capitalised when it is all lower case).
    """
    title = meta.get("title")
    if title is not None and str(title).strip():
        return str(title)
    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = line.strip()
        if not line:
            continue
        if line.startswith("# "):
            return line.lstrip("# ")
        break
    stem = src_uri.rsplit("/", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    name = stem.replace("-", " ").replace("_", " ")
    return name.capitalize() if name.lower() == name else name
