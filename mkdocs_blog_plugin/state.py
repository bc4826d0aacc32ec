"""``BlogBuild``: everything one build of one blog knows, in one explicit object.

The plugin makes a new one in ``on_config`` for every build (``mkdocs serve`` rebuilds included)
and hands it to each stage, so nothing stale survives a rebuild and two blogs never share state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .companions import Companions
from .entries import Entry
from .i18n import Labels
from .options import Options
from .urls import SiteUrl


@dataclass(eq=False)
class BlogBuild:
    config: Any  # MkDocs' config
    options: Options
    labels: Labels
    site: SiteUrl
    serving: bool
    log: Any
    title: str  # the blog's name: "Blog" in the site's language, or the folder's name beside other blogs
    feed_title: str  # what feed readers call its feeds
    other_blogs: tuple[str, ...] = ()  # the blog_dir of every other blog in the site
    companions: Companions = field(default_factory=Companions)  # the other plugins the blog adapts to

    # on_files (collect): every post read, the posts shown, the listings.
    files: Any = None
    entries: dict[str, Entry] = field(default_factory=dict)  # by src_uri, hidden drafts included
    posts: list[Entry] = field(default_factory=list)  # shown, in listing order
    authors: dict[str, Any] = field(default_factory=dict)  # authors.Author by id
    views: Any = None  # views.Views
    index_page: Any = None  # the blog index's first page (pages.ListingPage)
    # Every listing page's views.PageSpec by its file's src_uri. Pages are known by their file,
    # never by their Python class alone: other plugins change a page's class (mkdocs-section-index
    # makes the page a section's index) or replace it.
    listings: dict[str, Any] = field(default_factory=dict)

    # Made on first use and kept for the build.
    renderer: Any = None  # render.Renderer, once the theme's Jinja environment exists
    liquid: Any = None  # jekyll_liquid.JekyllLiquid, on the first page with Liquid
    excerpt_markdown: Any = None  # a Markdown converter for front matter excerpts
    head_links: dict[tuple, str] = field(default_factory=dict)  # feed <link> tags by (root, view)

    cache: Any = None  # cache.Session: records that outlive the build
    renders: Any = None  # theme_reuse.Renders: while serving, pages the theme rendered last time

    def entry_of(self, page: Any) -> Entry | None:
        """The post ``page`` shows, known by its file (another plugin may have replaced the page
        object since); None for any other page."""
        file = getattr(page, "file", None)
        entry = self.entries.get(file.src_uri) if file is not None else None
        return entry if entry is not None and entry.page is not None else None

    def listing_of(self, page: Any) -> Any:
        """The listing page (``views.PageSpec``) ``page`` shows, known by its file; else None."""
        file = getattr(page, "file", None)
        return self.listings.get(file.src_uri) if file is not None else None

    def in_other_blog(self, page: Any) -> bool:
        src = page.file.src_uri if getattr(page, "file", None) is not None else ""
        return any(src.startswith(d + "/") for d in self.other_blogs)

    def warn(self, src_uri: str, message: str) -> None:
        self.log.warning(f"{src_uri}: {message}")
