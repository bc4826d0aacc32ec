"""MkDocs page types for posts and views.

``PostPage`` hands MkDocs the Markdown body and metadata already read by ``posts.read_post``, so
a post's file is read and its YAML parsed once. ``ListingPage`` skips Markdown conversion entirely
when the view has no source file of its own: its content is one template render, done when the
page is built.
"""

from __future__ import annotations

import functools
import html
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from .posts import meta_with_dates

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files

    from .entries import Entry
    from .views import PageSpec


#: Where a post's header goes: right after the post's leading level-1 heading, if it has one.
HEADER_MARKER = "<!-- blog-plugin:header -->"


class _HeaderSlot(Treeprocessor):
    """Marks the place for the post header in the Markdown element tree: after a leading ``h1``
    (ATX, setext, with attributes: whatever Markdown made a heading). Only while a post renders."""

    active = False

    def run(self, root: etree.Element) -> None:
        if not self.active:
            return
        first = next(iter(root), None)
        if first is not None and first.tag == "h1":
            root.insert(1, etree.Comment(HEADER_MARKER[4:-3]))


class HeaderSlotExtension(Extension):
    """Registered once in ``markdown_extensions``; ``PostPage.render`` switches it on."""

    def __init__(self) -> None:
        super().__init__()
        self.processor = _HeaderSlot()

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(self.processor, "blog_plugin_header_slot", 1)


HEADER_SLOT = HeaderSlotExtension()


class _BlogPage(Page):
    """What the blog's pages share: MkDocs' page, with its canonical URL worked out faster."""

    def _set_canonical_url(self, base: str | None) -> None:
        # MkDocs joins the site URL and the page's URL with ``urljoin`` for every page; for the
        # plain paths the blog's pages have, that join is the two put together.
        url = self.url
        root = _site_root(base) if base and _plain_path(url) else None
        if root is None:
            super()._set_canonical_url(base)
            return
        prefix, path = root
        self.canonical_url = prefix + url
        self.abs_url = path + url


def _plain_path(url: str) -> bool:
    """A URL MkDocs made (quoted: only letters, digits, ``-_.~%/``) without ``.``, ``..`` or
    empty segments, not starting at the root."""
    return not url.startswith("/") and "//" not in url and not any(
        part in (".", "..") for part in url.split("/"))


@functools.lru_cache(maxsize=8)
def _site_root(base: str) -> tuple[str, str] | None:
    """``(site URL with its '/', its path)`` when ``urljoin`` adds a plain path to it as it is."""
    if not base.endswith("/"):
        base += "/"
    probe = "a/b-c/d.html"
    if urljoin(base, probe) != base + probe:
        return None
    return base, urlsplit(base).path


class PostPage(_BlogPage):
    #: Set by ``prerender.start`` in a full build: ``(page, files) -> bool`` hands the page a
    #: worker's conversion of its Markdown, when there is one of exactly this Markdown.
    take_converted: Any = None

    def __init__(self, entry: "Entry", file: "File", config: "MkDocsConfig") -> None:
        super().__init__(None, file, config)
        self.entry = entry
        self.cache = None  # cache.Session, set on_nav

    def render(self, config: "MkDocsConfig", files: "Files") -> None:
        from . import cache

        # While serving: the previous build's HTML, when nothing that made it changed.
        if cache.reuse_render(self, files):
            return
        # In a full build: the HTML a worker process made of exactly this Markdown (prerender.py).
        if self.take_converted is not None and self.take_converted(self, files):
            cache.keep_render(self, files)
            return
        HEADER_SLOT.processor.active = True
        try:
            super().render(config, files)
        finally:
            HEADER_SLOT.processor.active = False
        cache.keep_render(self, files)

    def read_source(self, config: "MkDocsConfig") -> None:
        # The file was read and its front matter parsed when the blog was collected.
        post = self.entry.post
        self.markdown, post.body = post.body, ""  # the page holds it from now on
        # The dates as the blog resolved them (file name, Material's mapping, git), for plugins
        # that read them from the page's metadata (mkdocs-rss-plugin).
        self.meta = meta_with_dates(post.meta, post.date, post.updated)
        # MkDocs and themes treat a page title as HTML (they print it unescaped); a post's title
        # is plain text, so it is escaped here, as are a plain-text description and the tags
        # (the search index shows them as HTML).
        self.meta["title"] = html.escape(post.title)
        if isinstance(self.meta.get("description"), str):
            self.meta["description"] = html.escape(self.meta["description"])
        if "tags" in self.meta:
            self.meta["tags"] = [html.escape(tag) for tag in post.tags]


class ListingPage(_BlogPage):
    """A listing page: the blog index, a tag, category, archive or author page, an overview.

    Nothing the blog needs depends on this class: another plugin may change a page's class
    (mkdocs-section-index does), so the plugin finds listing pages through ``BlogBuild.listing_of``
    and does in its hooks what matters (``listing_meta``, ``intro``). The methods here only skip
    the Markdown conversion of an empty generated page.
    """

    def __init__(
        self, spec: "PageSpec", file: "File", config: "MkDocsConfig", title: str | None
    ) -> None:
        super().__init__(title, file, config)
        self.spec = spec

    def read_source(self, config: "MkDocsConfig") -> None:
        if has_source(self):
            super().read_source(config)
        else:
            self.markdown, self.meta = "", {}

    def render(self, config: "MkDocsConfig", files: "Files") -> None:
        if has_source(self):
            super().render(config, files)
        else:
            self.content = ""
            self.toc = get_toc([])

    #: The page's own content, shown above the listing: set once other plugins changed it.
    intro: str = ""


def has_source(page: Page) -> bool:
    """Whether a listing page has a Markdown file of the site's own (else the blog generated it)."""
    return page.file.generated_by is None


def has_heading(page: Page) -> bool:
    """Whether the page's Markdown has a level-1 heading anywhere."""
    return any(item.level == 1 for item in page.toc)


def listing_meta(page: Page) -> None:
    """The metadata of a generated listing page, whatever its class became (on_page_markdown)."""
    if has_source(page):
        return
    # The title (already escaped HTML) goes in the metadata too: themes print
    # ``page.meta.title`` as it is, while ``page.title | striptags`` would unescape it.
    title = page.__dict__.get("title")  # the one placement gave it, not one MkDocs would guess
    if title and "title" not in page.meta:
        page.meta["title"] = title
    # A generated listing only repeats the posts' excerpts: keep it out of the search
    # index (themes whose search reads ``search.exclude``, such as Material's).
    page.meta["search"] = {"exclude": True}


def relocate(file: "File", dest_uri: str) -> None:
    """Move a file's output to ``dest_uri`` and forget the URL MkDocs derived from the old one."""
    file.dest_uri = dest_uri
    for cached in ("url", "abs_dest_path"):
        file.__dict__.pop(cached, None)
