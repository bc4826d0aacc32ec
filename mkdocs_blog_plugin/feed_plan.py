"""Which feeds the blog has, and what goes in each. Pure: the posts and options in, a plan out.

Site feeds: Atom at ``blog/feed.xml``, RSS at ``blog/rss.xml``, JSON Feed at ``blog/feed.json``;
every tag and category page gets an Atom feed beside it (``blog/tags/<slug>/feed.xml``), and RSS
there too with ``feed_rss_per_view``. ``feed_atom`` / ``feed_rss`` / ``feed_json`` switch a format
off everywhere; ``feed_tags`` / ``feed_categories`` switch the per-view feeds off.

Everything in a feed is a function of the posts and the options only, and the plan lists feeds
in a fixed order, so two builds of the same sources give byte-identical feeds.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Sequence
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser

from . import excerpts
from .feeds import FeedEntry, FeedImage
from .posts import newest_first

if TYPE_CHECKING:
    from .options import FeedOptions
    from .urls import SiteUrl
    from .views import View, Views

ATOM = "application/atom+xml"
RSS = "application/rss+xml"
JSON = "application/feed+json"
FORMAT_NAMES = {ATOM: "Atom", RSS: "RSS", JSON: "JSON Feed"}




@dataclass
class FeedGroup:
    """Feeds that list the same posts: the site's, or one tag's or category's."""

    feeds: list[tuple[str, str, str | None]]
    view_name: str | None
    home: str  # URL of the listing, from the site root
    posts: Sequence[Any]


def enabled(options: "FeedOptions", site: "SiteUrl") -> bool:
    """Feeds need absolute URLs, so they need ``site_url``."""
    return bool(options.enabled and site.known)


def feed_title(site_title: str, view_name: str | None) -> str:
    return site_title if view_name is None else f"{site_title}: {view_name}"


def site_feeds(blog_dir: str, o: "FeedOptions") -> list[tuple[str, str, str | None]]:
    """The blog-wide feeds."""
    out: list[tuple[str, str, str | None]] = []
    if o.atom:
        out.append((posixpath.join(blog_dir, "feed.xml"), ATOM, None))
    if o.rss:
        out.append((posixpath.join(blog_dir, "rss.xml"), RSS, None))
    if o.json:
        out.append((posixpath.join(blog_dir, "feed.json"), JSON, None))
    return out


def view_feeds(o: "FeedOptions", view: "View") -> list[tuple[str, str, str | None]]:
    """Feeds of one tag or category view, in the folder of its first page."""
    wanted = o.tags if view.kind == "tag" else o.categories if view.kind == "category" else False
    if not wanted:
        return []
    out: list[tuple[str, str, str | None]] = []
    if o.atom:
        out.append((posixpath.join(view.path, "feed.xml"), ATOM, view.full_name))
    if o.rss_per_view and o.rss:
        out.append((posixpath.join(view.path, "rss.xml"), RSS, view.full_name))
    return out


def plan(blog_dir: str, o: "FeedOptions", posts: Sequence[Any], views: "Views") -> list[FeedGroup]:
    """Every feed group to write, in a fixed order."""
    out = []
    feeds = site_feeds(blog_dir, o)
    if feeds:
        out.append(FeedGroup(feeds, None, views.index.url, posts))
    for group in (views.tags, views.categories):
        for key in sorted(group):
            view = group[key]
            feeds = view_feeds(o, view)
            if feeds:
                out.append(FeedGroup(feeds, view.full_name, view.url, view.posts))
    return out


def absolute_urls(html: str, page_url: str) -> str:
    """``html`` with every URL in ``href``/``src``/``poster``/``srcset`` made absolute against
    ``page_url``. Excerpts already carry absolute URLs for what they point to inside the site; this
    also covers site-root-relative (``/img.png``) and protocol-relative URLs that a post wrote."""
    if not html:
        return html
    tree = LexborHTMLParser(html)
    body = tree.body
    if body is None:
        return html
    changed = False
    for node in body.traverse():
        if node.mem_id != body.mem_id:
            changed = excerpts.map_urls(node, lambda url: urljoin(page_url, url)) or changed
    return (body.inner_html or "").strip() if changed else html


class FeedEntries:
    """Feed entries of the newest posts, each made once however many feeds list it."""

    def __init__(self, o: "FeedOptions", base: str, memo: Any = None) -> None:
        self.limit = o.limit
        self.full = o.full_content
        self.base = base
        self._cache: dict[str, FeedEntry] = {}
        self.memo = memo  # ``reuse.Memo``: entries of the last build, made from the same facts

    def __call__(self, posts: Iterable[Any]) -> list[FeedEntry]:
        """The ``limit`` newest published posts (pinning is for listings, not for feeds); a limit
        below 1 means all. Drafts (``mkdocs serve`` lists them) never are in a feed."""
        chosen = sorted((p for p in posts if p.published and not p.draft and p.excerpt is not None),
                        key=newest_first)
        if self.limit > 0:
            chosen = chosen[: self.limit]
        return [self._entry(post) for post in chosen]

    def _entry(self, post: Any) -> FeedEntry:
        entry = self._cache.get(post.src_uri)
        if entry is None:
            if self.memo is None:
                entry = self._make(post)
            else:
                entry = self.memo.take(("entry", post.src_uri), self._facts(post), lambda: self._make(post))
            self._cache[post.src_uri] = entry
        return entry

    def _facts(self, post: Any) -> tuple:
        """Everything ``_make`` reads of a post."""
        return (
            self.base, self.full, post.url, post.title, post.date, post.updated,
            tuple(a.name for a in post.author_infos), tuple(post.categories), tuple(post.tags),
            post.excerpt.html, post.content_html if self.full else None, repr(post.cover),
        )

    def _make(self, post: Any) -> FeedEntry:
        url = self.base + post.url
        content = None
        html = post.content_html
        if self.full and html:
            # The whole post: its HTML from Markdown, without the excerpt marker (which would
            # otherwise end it), its URLs re-based like an excerpt's, its leading h1 dropped.
            html = html.replace(excerpts.MARKER, "")
            whole, _ = excerpts.cut(html, post_url=post.url, separators=(), fallback="full")
            content = absolute_urls(whole.for_page(self.base), url)
        return FeedEntry(
            id=url,
            title=post.title,
            url=url,
            published=post.date,
            updated=max(post.updated or post.date, post.date),
            authors=tuple(a.name for a in post.author_infos),
            categories=tuple(post.categories) + tuple(post.tags),
            summary_html=absolute_urls(post.excerpt.for_page(self.base), url),
            content_html=content,
            image=_image(post.cover, self.base),
        )


def _image(cover: Any, base: str) -> FeedImage | None:
    """A post's cover (``covers.Cover``) for feeds, with an absolute URL."""
    if cover is None:
        return None
    return FeedImage(url=cover.url if cover.external else base + cover.url, mime=cover.mime, length=cover.length)
