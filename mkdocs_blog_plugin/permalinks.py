"""Jekyll-compatible permalinks: built-in styles, placeholder templates, and
the mapping from a permalink path to an output file and page URL.

Pure functions; no MkDocs imports.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Sequence
from urllib.parse import quote, unquote

__all__ = ["BUILTIN_STYLES", "PLACEHOLDERS", "is_jekyll_style", "expand", "to_dest", "clean_path"]

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
_NON_ALNUM = re.compile(r"[\W_]+")
_SCHEME_LIKE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\\]")


def is_jekyll_style(fmt: str) -> bool:
    """True if ``fmt`` is a Jekyll built-in style name or uses ``:placeholders``."""
    return fmt.strip() in BUILTIN_STYLES or _PLACEHOLDER_RE.search(fmt) is not None


def _slugify(text: str) -> str:
    """Lower-case, runs of anything but letters/digits become one hyphen."""
    return _NON_ALNUM.sub("-", text.lower()).strip("-")


def _category_path(categories: Sequence[str]) -> str:
    parts: list[str] = []
    for category in categories:
        slug = _slugify(str(category))
        if slug and slug not in parts:
            parts.append(slug)
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

    Returns a site-relative URL path without a leading slash; a trailing
    slash is kept.  ``:title`` is ``file_slug`` and ``:slug`` is ``slug``;
    when either is empty the other (then ``title_slug``) is used instead.
    Categories are lower-cased and slugified, de-duplicated, and joined with
    '/'; with none the segment disappears.  Runs of slashes are collapsed.
    Placeholders this function does not know are left untouched.
    """
    template = BUILTIN_STYLES.get(fmt.strip(), fmt)
    iso_year, iso_week, iso_weekday = date.isocalendar()[:3]
    title = file_slug or slug or title_slug
    slug_value = slug or file_slug or title_slug
    category_path = _category_path(categories)
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
        "categories": category_path,
        "slugified_categories": category_path,
        "collection": "posts",
        "output_ext": ".html",
    }
    path = _PLACEHOLDER_RE.sub(lambda m: values[m.group(1)], template)
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
