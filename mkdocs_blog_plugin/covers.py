"""Cover images: a post's picture in listings, above the post, and in feeds.

Front matter: ``image:`` or ``cover:`` (a path, or a mapping with ``path``/``src``/``url`` and
``alt``), or Jekyll's (Minimal Mistakes') ``header: {teaser: ..., image: ...}``; ``image_alt`` is
the alternative text, else the post's title. A ``teaser`` is the picture of listings and feeds,
``header.image`` the one above the post; ``image`` and ``cover`` serve both.

A path is relative to the post's file, or from the docs folder when it starts with ``/``; a URL
(``https://...``) is used as it is. The size is read from the image file's first bytes
(``imagesize``), so ``<img>`` carries ``width`` and ``height`` and the page does not jump when the
picture arrives. An image file that does not exist gets a warning naming the post, and no image.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass
from typing import Any, Callable

from . import imagesize

Warn = Callable[[str, str], None]


@dataclass(frozen=True)
class Cover:
    url: str  # from the site root, or absolute when ``external``
    alt: str
    width: int | None = None
    height: int | None = None
    mime: str = "image/*"
    length: int = 0  # bytes, 0 when not known
    external: bool = False

    def src(self, root: str) -> str:
        """The image's URL from a page whose way back to the site root is ``root``."""
        return self.url if self.external else root + self.url


def _value(value: Any) -> tuple[str | None, str | None]:
    """``(path, alt)`` from a front matter value: a string or a mapping."""
    if isinstance(value, str):
        return value.strip() or None, None
    if isinstance(value, dict):
        for key in ("path", "src", "url", "image"):
            if isinstance(value.get(key), str) and value[key].strip():
                alt = value.get("alt")
                return value[key].strip(), alt if isinstance(alt, str) else None
    return None, None


def wanted(meta: dict[str, Any]) -> tuple[tuple[str, str | None] | None, tuple[str, str | None] | None]:
    """The (path, alt) of the listing picture and of the hero image the front matter asks for."""
    main = None
    for key in ("image", "cover"):
        path, alt = _value(meta.get(key))
        if path:
            main = (path, alt)
            break
    header = meta.get("header") if isinstance(meta.get("header"), dict) else {}
    teaser, hero = _value(header.get("teaser")), _value(header.get("image"))
    teaser_t = (teaser[0], teaser[1]) if teaser[0] else None
    hero_t = (hero[0], hero[1]) if hero[0] else None
    listing = main or teaser_t or hero_t
    top = main or hero_t or teaser_t
    return listing, top


def _is_url(path: str) -> bool:
    return "://" in path or path.startswith(("//", "data:"))


def resolve(
    entry: Any, path: str, alt: str | None, files: Any, warn: Warn, cache: dict[str, Cover | None]
) -> Cover | None:
    """The cover for ``path`` as ``entry``'s front matter wrote it; None (and a warning) when the
    file is not among the site's files."""
    text = (alt if alt is not None else entry.meta.get("image_alt"))
    text = text if isinstance(text, str) else entry.title
    if _is_url(path):
        return Cover(url=path, alt=text, mime=imagesize.mime_type(path.split("?", 1)[0]), external=True)
    clean = path.split("#", 1)[0].split("?", 1)[0]
    if clean.startswith("/"):
        src = posixpath.normpath(clean.lstrip("/"))
    else:
        src = posixpath.normpath(posixpath.join(posixpath.dirname(entry.src_uri), clean))
    found = cache.get(src, False)
    if found is False:
        file = files.get_file_from_path(src) if not src.startswith("..") else None
        found = cache[src] = _measure(file) if file is not None else None
    if found is None:
        warn(entry.src_uri, f"cover image '{path}' does not exist; no image is shown")
        return None
    return Cover(url=found.url, alt=text, width=found.width, height=found.height, mime=found.mime,
                 length=found.length)


def _measure(file: Any) -> Cover:
    width = height = None
    length = 0
    path = file.abs_src_path
    if path and os.path.isfile(path):
        length = os.path.getsize(path)
        try:
            with open(path, "rb") as f:
                data = f.read(imagesize.HEAD)
                size = imagesize.dimensions(data)
                if size is None and imagesize.is_jpeg(data) and length > len(data):
                    size = imagesize.dimensions(data + f.read())
        except OSError:
            size = None
        if size:
            width, height = size
    return Cover(url=file.url, alt="", width=width, height=height, mime=imagesize.mime_type(file.src_uri),
                 length=length)


def attach(entries: Any, files: Any, warn: Warn) -> None:
    """Set ``entry.cover`` (listings, feeds) and ``entry.hero`` (the post page) on every post
    whose front matter names an image."""
    cache: dict[str, Cover | None] = {}
    for entry in entries:
        listing, top = wanted(entry.meta)
        if listing is None:
            continue
        covers: dict[tuple, Cover | None] = {}
        for want in {listing, top}:
            covers[want] = resolve(entry, want[0], want[1], files, warn, cache)
        entry.cover, entry.hero = covers[listing], covers[top]
