"""URLs of the site as a whole: ``site_url`` read once, and the way back to the site root.

Pure functions; no MkDocs imports.
"""

from __future__ import annotations

import posixpath
from typing import NamedTuple
from urllib.parse import urlsplit


class SiteUrl(NamedTuple):
    """``site_url`` in the forms the blog needs, or empty strings when it is not set."""

    base: str  # "https://example.com/docs/": absolute URLs are base + path from the site root
    origin: str  # "https://example.com" (Jekyll's site.url)
    path: str  # "/docs" (Jekyll's site.baseurl)

    @property
    def known(self) -> bool:
        return bool(self.base)


def site_url(value: str | None) -> SiteUrl:
    text = (value or "").strip()
    if not text:
        return SiteUrl("", "", "")
    parts = urlsplit(text)
    origin = f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""
    return SiteUrl(text.rstrip("/") + "/", origin, parts.path.rstrip("/"))


def root_of(url: str) -> str:
    """The relative way from a page at ``url`` back to the site root: ``"blog/page/2/"`` -> ``"../../../"``."""
    directory = url if url.endswith("/") else posixpath.dirname(url)
    depth = len([part for part in directory.split("/") if part])
    return "../" * depth
