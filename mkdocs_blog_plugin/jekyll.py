"""Jekyll's Liquid in posts, wired to this build: which post ``{% post_url %}`` names, which file
``{% link %}`` names, and what ``site.url`` / ``site.baseurl`` are. The conversion is ``liquid``'s.
"""

from __future__ import annotations

import os
import posixpath
from typing import Callable

from . import liquid
from .urls import SiteUrl


class PostIndex:
    """Posts and site files by the names Jekyll's tags use for them; built on first use."""

    def __init__(self, post_dir: str, post_srcs: list[str], docs_dir: str) -> None:
        self.post_dir = post_dir
        self.srcs = set(post_srcs)
        self.docs_dir = docs_dir
        self._by_name: dict[str, list[tuple[str, str]]] | None = None

    def post(self, name: str) -> str | None:
        """``{% post_url name %}``: the post whose path below the posts folder, without extension,
        is ``name`` or ends with ``/name``."""
        if self._by_name is None:
            self._by_name = {}
            for src in sorted(self.srcs):
                stem = posixpath.splitext(src[len(self.post_dir) + 1:])[0]
                self._by_name.setdefault(posixpath.basename(stem), []).append((stem, src))
        name = name.strip().strip("/")
        for stem, src in self._by_name.get(posixpath.basename(name), ()):
            if stem == name or stem.endswith("/" + name):
                return src
        return None

    def path(self, path: str) -> str | None:
        """``{% link path %}``: a post by its Jekyll path (``_posts/...``) or a file of the site."""
        path = path.strip().lstrip("/")
        if path.startswith("_posts/"):
            candidate = posixpath.join(self.post_dir, path[len("_posts/"):])
            if candidate in self.srcs:
                return candidate
            return self.post(posixpath.splitext(path[len("_posts/"):])[0])
        for candidate in (path, posixpath.splitext(path)[0] + ".md"):
            if os.path.isfile(os.path.join(self.docs_dir, candidate)):
                return candidate
        return None


def render(markdown: str, src_uri: str, index: PostIndex, site: SiteUrl, warn: Callable[[str, str], None]) -> str:
    """A post's Markdown with its Liquid turned into Markdown; text without Liquid is returned as it is."""
    if "{%" not in markdown and "{{" not in markdown:
        return markdown
    result = liquid.convert(
        markdown, src_uri=src_uri, resolve_post=index.post, resolve_path=index.path,
        site_url=site.origin, base_path=site.path,
    )
    if result.unknown_tags:
        warn(src_uri, "Liquid left as it is: " + ", ".join(result.unknown_tags))
    for name in result.unresolved:
        warn(src_uri, f"cannot find the post or page '{name}' it links to")
    return result.markdown
