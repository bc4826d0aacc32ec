"""Tiny HTML pages that send visitors from an old URL to a post's new one.

Pure functions; no MkDocs imports.
"""

from __future__ import annotations

import re
from html import escape
from urllib.parse import quote, urlsplit

from .permalinks import clean_path

__all__ = ["redirect_page", "redirect_dest"]

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# Characters allowed to stay as they are in the emitted URL; everything else
# (quotes, spaces, angle brackets, non-ASCII) is percent-encoded.  Quotes
# matter because the refresh parser treats a leading quote specially.
_URL_SAFE = "/:@!$&()*+,;=-._~%?#[]"


def _check_relative(target_url: str) -> str:
    if not target_url:
        raise ValueError("redirect target is empty (the page would reload itself)")
    if "\\" in target_url or _CONTROL.search(target_url) or target_url != target_url.strip():
        # Browsers ignore such characters or read a backslash as a slash,
        # which could turn "/\\host" into a link to another site.
        raise ValueError(
            f"redirect target {target_url!r} has a backslash, control character"
            " or surrounding whitespace"
        )
    if target_url.startswith("//") or urlsplit(target_url).scheme:
        raise ValueError(f"redirect target {target_url!r} is not a relative URL")
    return quote(target_url, safe=_URL_SAFE)


def redirect_page(target_url: str, canonical_url: str | None, title: str) -> str:
    """A minimal HTML5 page redirecting to ``target_url``.

    ``target_url`` must be relative (no scheme, not starting with ``//``,
    no backslash, control character or surrounding whitespace), else
    ValueError: a redirect page never
    sends visitors to another site.  ``canonical_url`` defaults to the
    target.  All values are HTML-escaped.
    """
    target = escape(_check_relative(target_url), quote=True)
    canonical = escape(canonical_url or _check_relative(target_url), quote=True)
    text = escape(title or target_url, quote=True)
    return (
        "<!DOCTYPE html>\n"
        "<html>\n"
        "<head>\n"
        '<meta charset="utf-8">\n'
        f"<title>{text}</title>\n"
        f'<link rel="canonical" href="{canonical}">\n'
        f'<meta http-equiv="refresh" content="0; url={target}">\n'
        '<meta name="robots" content="noindex">\n'
        "</head>\n"
        "<body>\n"
        f'<p><a href="{target}">{text}</a></p>\n'
        "</body>\n"
        "</html>\n"
    )


def redirect_dest(old_path: str, use_directory_urls: bool) -> str:
    """Output file for a redirect page standing at the old URL ``old_path``.

    ``old/path/`` -> ``old/path/index.html``; ``x.html``/``x.htm`` stay
    as they are; an extensionless ``x`` -> ``x/index.html`` (servers answer
    ``/x`` with that file, possibly after adding the slash), whatever
    ``use_directory_urls`` says, since the old URL belongs to the old site.
    Leading slashes are stripped and percent-escapes decoded; ValueError for
    '..', backslashes, control characters, query/fragment or an empty path.
    """
    del use_directory_urls  # accepted for symmetry with permalinks.to_dest
    clean = clean_path(old_path)
    if clean.endswith("/"):
        return clean + "index.html"
    if clean.lower().endswith((".html", ".htm")):
        return clean
    return clean + "/index.html"
