"""Checking the URL, date and number options when the configuration is read.

A bad value is reported once, naming the option, before anything is built, instead of surfacing
per post or, worse, as pages written to the wrong place: ``tags_url_format: ""`` would put the tag
pages over the blog index, ``pagination_url_format: more`` would put every page at one URL, a date
format ``"'../../pwn'yyyy"`` would climb out of the site.

``check_options(options)`` returns every problem found as a list of messages (empty when all is
well); ``require_valid(options)`` raises ``OptionError`` with all of them. Only options present in
``options`` are checked, so a partial mapping is fine.

Pure functions; no MkDocs imports.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from typing import Any, Iterable, Mapping

from babel.dates import format_date as babel_format_date

from . import permalinks
from .safepaths import UnsafePath, confine

__all__ = ["OptionError", "check_options", "require_valid", "URL_FORMATS", "DATE_FORMATS"]


class OptionError(ValueError):
    """One or more options cannot work; the message names each of them."""


#: URL format options: (placeholders allowed, placeholders of which at least one is required,
#: the option that switches the pages off, or None).
URL_FORMATS: dict[str, tuple[frozenset[str], frozenset[str], str | None]] = {
    "post_url_format": (frozenset({"date", "slug", "categories", "file"}), frozenset(), None),
    "archive_url_format": (frozenset({"date"}), frozenset({"date"}), "archive"),
    "categories_url_format": (frozenset({"slug"}), frozenset({"slug"}), "categories"),
    "tags_url_format": (frozenset({"slug"}), frozenset({"slug"}), "tags"),
    "authors_profiles_url_format": (frozenset({"slug", "name"}), frozenset({"slug", "name"}), "authors_profiles"),
    "pagination_url_format": (frozenset({"page"}), frozenset({"page"}), None),
}

#: Paths below the docs directory that may use ``{blog}``.
SOURCE_PATHS: dict[str, frozenset[str]] = {
    "post_dir": frozenset({"blog"}),
    "authors_file": frozenset({"blog"}),
}

#: Date format options: True for those that become part of a URL.
DATE_FORMATS: dict[str, bool] = {
    "post_url_date_format": True,
    "archive_url_date_format": True,
    "archive_date_format": False,
    "post_date_format": False,
}

_STYLES = ("short", "medium", "long", "full")

#: Whole-number options: the smallest value allowed, and whether None (unset) is allowed.
NUMBERS: dict[str, tuple[int | None, bool]] = {
    "pagination_per_page": (1, False),
    "tags_pagination_per_page": (1, True),
    "archive_pagination_per_page": (1, True),
    "categories_pagination_per_page": (1, True),
    "authors_profiles_pagination_per_page": (1, True),
    "post_readtime_words_per_minute": (1, False),
    "post_url_max_categories": (0, False),
    "post_excerpt_max_authors": (0, False),
    "post_excerpt_max_categories": (0, False),
    "post_excerpt_max_words": (0, False),
    "feed_limit": (None, False),  # below 1 means every post
    "concurrency": (0, False),
}

CALLABLES = ("post_slugify", "categories_slugify", "categories_sort_by")

# Values used to try a format out. Dates differ in year, month and day so that a date format
# giving the same text for all of them shows.
_SAMPLE_DATES = (dt.date(2024, 1, 5), dt.date(1999, 12, 31), dt.date(2011, 7, 19))
_SAMPLES = {
    "date": "2024/01/05",
    "slug": "sample-slug",
    "categories": "sample-category",
    "file": "2024-01-05-sample",
    "page": "2",
    "name": "Sample Name",
    "blog": "blog",
}
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def _quoted(names: Iterable[str]) -> str:
    return ", ".join("{%s}" % n for n in sorted(names)) or "no placeholders"


def check_format(
    name: str, fmt: Any, allowed: frozenset[str], required: frozenset[str], *, empty: str = ""
) -> list[str]:
    """Problems with one ``{placeholder}`` format option (``name`` is the option); ``empty`` says
    what an empty value would do."""
    if not isinstance(fmt, str):
        return [f"option '{name}' must be text, not {type(fmt).__name__}"]
    if not fmt.strip("/ "):
        return [f"option '{name}' must not be empty" + (f": {empty}" if empty else "")]
    try:
        fields = list(string.Formatter().parse(fmt))
    except ValueError as e:  # '{slug', 'a}b'
        return [f"option '{name}' {fmt!r} is not a valid format ({e}); write a literal brace as '{{{{' or '}}}}'"]
    errors: list[str] = []
    used: set[str] = set()
    for _literal, field, spec, conversion in fields:
        if field is None:
            continue
        if field == "" or field.isdigit():
            errors.append(f"option '{name}' {fmt!r}: '{{{field}}}' is not a named placeholder; use {_quoted(allowed)}")
            continue
        base = re.match(r"[^.\[]*", field).group(0)  # type: ignore[union-attr]
        if base != field:
            errors.append(f"option '{name}' {fmt!r}: '{{{field}}}' uses attribute or index access, which is not "
                          f"supported; use {_quoted(allowed)}")
            continue
        if not _NAME.match(base) or base not in allowed:
            errors.append(f"option '{name}' {fmt!r}: unknown placeholder '{{{field}}}'; use {_quoted(allowed)}")
            continue
        if conversion is not None or spec:
            extra = f"!{conversion}" if conversion is not None else ""
            extra += f":{spec}" if spec else ""
            errors.append(f"option '{name}' {fmt!r}: '{{{field}{extra}}}' has a conversion or format "
                          f"specification, which is not supported; write '{{{field}}}'")
            continue
        used.add(base)
    if errors:
        return errors
    if required and not used & required:
        which = "one of " + _quoted(required) if len(required) > 1 else _quoted(required)
        return [f"option '{name}' {fmt!r} must contain {which}: without it every page gets the same URL"]
    return _check_sample(name, fmt.format(**_SAMPLES))


def _check_sample(name: str, path: str) -> list[str]:
    """A format filled in with sample values must give a path inside the site."""
    try:
        confine(path.strip("/"), what=f"option '{name}'")
    except UnsafePath as e:
        return [str(e)]
    return []


def check_post_url_format(fmt: Any) -> list[str]:
    """``post_url_format``: ``{placeholders}``, or a Jekyll style or ``:placeholder`` template."""
    name = "post_url_format"
    if isinstance(fmt, str) and permalinks.is_jekyll_style(fmt):
        path = permalinks.expand(
            fmt, date=dt.datetime(2024, 1, 5, 10, 30), slug="sample-slug", title_slug="sample-title",
            categories=["sample-category"], file_slug="sample",
        )
        if not path.strip("/"):
            return [f"option '{name}' {fmt!r} must not be empty: posts would take the blog index's place"]
        return _check_sample(name, path)
    allowed, required, _ = URL_FORMATS[name]
    return check_format(name, fmt, allowed, required, empty="posts would take the blog index's place")


def check_date_format(name: str, fmt: Any, *, url: bool) -> list[str]:
    """A Babel date pattern (``"yyyy/MM/dd"``) or style name (``"long"``). One used in URLs must
    give a path inside the site, and the archive's must tell different dates apart."""
    if not isinstance(fmt, str):
        return [f"option '{name}' must be text, not {type(fmt).__name__}"]
    if not fmt.strip():
        return [f"option '{name}' must not be empty; use a date pattern such as 'yyyy' or one of {', '.join(_STYLES)}"]
    texts = []
    for day in _SAMPLE_DATES:
        try:
            texts.append(str(babel_format_date(day, format=fmt, locale="en")))
        except Exception as e:  # Babel raises several kinds for a malformed pattern
            return [f"option '{name}' {fmt!r} is not a date pattern Babel understands ({type(e).__name__}: {e})"]
    if not url:
        return []
    for text in texts:
        if not text.strip("/ "):
            return [f"option '{name}' {fmt!r} gives an empty URL segment"]
        problems = _check_sample(name, text)
        if problems:
            return problems
    if name == "archive_url_date_format" and len(set(texts)) == 1:
        return [f"option '{name}' {fmt!r} gives {texts[0]!r} for every date: every archive page would have "
                "the same URL"]
    return []


def check_number(name: str, value: Any, minimum: int | None, optional: bool) -> list[str]:
    if value is None and optional:
        return []
    if isinstance(value, bool) or not isinstance(value, int):
        return [f"option '{name}' must be a whole number, not {value!r}"]
    if minimum is not None and value < minimum:
        return [f"option '{name}' must be at least {minimum}, not {value}"]
    return []


def check_callable(name: str, value: Any) -> list[str]:
    if value is None or callable(value):
        return []
    return [f"option '{name}' must be a Python function (in YAML: !!python/name:module.function), "
            f"not {value!r}"]


def _same_urls(options: Mapping[str, Any]) -> list[str]:
    """Two kinds of listing whose URL formats are the same would overwrite each other's pages."""
    seen: dict[str, str] = {}
    errors = []
    for name in ("archive_url_format", "categories_url_format", "tags_url_format", "authors_profiles_url_format"):
        fmt = options.get(name)
        flag = URL_FORMATS[name][2]
        if not isinstance(fmt, str) or (flag and options.get(flag) is False):
            continue
        shape = re.sub(r"\{(?:date|slug|name)\}", "\0", fmt).strip("/")
        if shape in seen:
            errors.append(f"options '{seen[shape]}' and '{name}' have the same form ({fmt!r}): "
                          "their pages would overwrite each other")
        else:
            seen[shape] = name
    return errors


def check_options(options: Mapping[str, Any]) -> list[str]:
    """Every problem with the URL, path, date, number and function options in ``options``."""
    errors: list[str] = []
    if "post_url_format" in options:
        errors += check_post_url_format(options["post_url_format"])
    for name, (allowed, required, flag) in URL_FORMATS.items():
        if name == "post_url_format" or name not in options:
            continue
        if flag and options.get(flag) is False:
            continue  # the pages are off; the format is never used
        errors += check_format(name, options[name], allowed, required,
                               empty="the pages would take the blog index's place")
    for name, allowed in SOURCE_PATHS.items():
        if name in options:
            errors += check_format(name, options[name], allowed, frozenset())
    for name, url in DATE_FORMATS.items():
        if name in options:
            errors += check_date_format(name, options[name], url=url)
    for name, (minimum, optional) in NUMBERS.items():
        if name in options:
            errors += check_number(name, options[name], minimum, optional)
    for name in CALLABLES:
        if name in options:
            errors += check_callable(name, options[name])
    if "blog_dir" in options:
        blog_dir = options["blog_dir"]
        if not isinstance(blog_dir, str):
            errors.append(f"option 'blog_dir' must be text, not {type(blog_dir).__name__}")
        elif blog_dir.strip("/") not in ("", "."):
            errors += _check_sample("blog_dir", blog_dir)
    errors += _same_urls(options)
    return errors


def require_valid(options: Mapping[str, Any], *, prefix: str = "") -> None:
    """Raise ``OptionError`` listing every problem ``check_options`` finds."""
    errors = check_options(options)
    if errors:
        raise OptionError("\n".join(prefix + e for e in errors))

