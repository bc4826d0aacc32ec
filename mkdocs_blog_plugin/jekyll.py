"""Jekyll's Liquid in this build: the engine made once (``jekyll_site.engine``), what
``{% post_url %}`` and ``{% link %}`` name (``PostIndex``), and the render of one page.
"""

from __future__ import annotations

import os
import posixpath
from typing import TYPE_CHECKING, Any

from . import jekyll_site
from .pages import HEADER_SLOT

if TYPE_CHECKING:
    from .entries import Entry
    from .state import BlogBuild


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


def render(build: "BlogBuild", page: Any, entry: "Entry | None", markdown: str) -> str:
    """A page's Markdown with its Liquid rendered (a post's, or another page's with
    ``jekyll_liquid_pages``). Text without ``{%`` or ``{{`` never reaches the engine."""
    if "{%" not in markdown and "{{" not in markdown:
        return markdown
    if build.liquid is None:
        o = build.options
        index = PostIndex(o.posts.dir, list(build.entries), build.config.docs_dir)
        build.liquid = jekyll_site.engine(
            build.config, o.jekyll.includes_dir, list(build.entries.values()),
            resolve_post=index.post, resolve_path=index.path, skip_extensions=[HEADER_SLOT],
        )
    src_uri = page.file.src_uri
    result = build.liquid.render(
        markdown, src_uri=src_uri,
        page=jekyll_site.post_vars(entry) if entry is not None else jekyll_site.page_vars(page),
        # The front matter's lines, so that a line number names the line in the file.
        line_offset=lambda: max(0, page.file.content_string.count("\n") - markdown.count("\n")),
    )
    for message in result.warnings:
        build.warn(src_uri, message)
    return result.markdown
