"""Which feeds the blog has, what goes in them, and where pages advertise them.

Site feeds: Atom at ``blog/feed.xml``, RSS at ``blog/rss.xml``, JSON Feed at ``blog/feed.json``;
every tag and category page gets an Atom feed beside it (``blog/tags/<slug>/feed.xml``), and RSS
there too with ``feed_rss_per_view``. ``feed_atom`` / ``feed_rss`` / ``feed_json`` switch a format
off everywhere; ``feed_tags`` / ``feed_categories`` switch the per-view feeds off. The serialising
is in ``feeds``.

Feeds need absolute URLs, so they need ``site_url``: without it there is one warning, no feed
files and no ``<link rel="alternate">`` in any page. Everything that goes into a feed is a
function of the posts and the configuration only, and files are written in a fixed order, so two
builds of the same sources give byte-identical feeds.
"""

from __future__ import annotations

import os
import posixpath
from html import escape
from typing import TYPE_CHECKING, Any, Iterable
from urllib.parse import urljoin

from mkdocs.utils import write_file
from selectolax.lexbor import LexborHTMLParser

from . import excerpts, feeds
from .pages import ViewPage
from .render import root_of

if TYPE_CHECKING:
    from .blog import Blog
    from .posts import Post
    from .views import View

ATOM = "application/atom+xml"
RSS = "application/rss+xml"
JSON = "application/feed+json"

_FORMAT_NAMES = {ATOM: "Atom", RSS: "RSS", JSON: "JSON Feed"}


def _site_url(blog: "Blog") -> str | None:
    url = (blog.config.site_url or "").strip()
    return url.rstrip("/") + "/" if url else None


def enabled(blog: "Blog") -> bool:
    return bool(blog.options.feeds and _site_url(blog))


def site_feeds(blog: "Blog") -> list[tuple[str, str]]:
    """``[(path from site root, media type)]`` of the blog-wide feeds."""
    o = blog.options
    out = []
    if o.feed_atom:
        out.append((posixpath.join(blog.blog_dir, "feed.xml"), ATOM))
    if o.feed_rss:
        out.append((posixpath.join(blog.blog_dir, "rss.xml"), RSS))
    if o.feed_json:
        out.append((posixpath.join(blog.blog_dir, "feed.json"), JSON))
    return out


def view_feeds(blog: "Blog", view: "View") -> list[tuple[str, str]]:
    """Feeds of one tag or category view, in the folder of its first page."""
    o = blog.options
    if view.kind == "tag":
        wanted = o.feed_tags
    elif view.kind == "category":
        wanted = o.feed_categories
    else:
        wanted = False
    if not wanted:
        return []
    out = []
    if o.feed_atom:
        out.append((posixpath.join(view.path, "feed.xml"), ATOM))
    if o.feed_rss_per_view and o.feed_rss:
        out.append((posixpath.join(view.path, "rss.xml"), RSS))
    return out


def _site_title(blog: "Blog") -> str:
    return blog.config.site_name or blog.labels.blog


def _view_title(blog: "Blog", view: "View") -> str:
    return f"{_site_title(blog)}: {view.name}"


def head_links(blog: "Blog", page: Any, output: str) -> str:
    """Advertise the feeds in the ``<head>`` of a page: the site's, and a tag's or category's own.

    ``page`` None stands for a page that may be served at any URL (``404.html``): its links are
    absolute. Everywhere else they are relative to the page, like every other link MkDocs writes.
    """
    if not enabled(blog) or "</head>" not in output:
        return output
    root = _site_url(blog) if page is None else root_of(page.url)
    view = page.spec.view if isinstance(page, ViewPage) else None
    # The links depend only on the way back to the site root and the view: most pages share them.
    key = (root, id(view) if view is not None else None)
    tags = blog.head_links_cache.get(key)
    if tags is None:
        found = [(path, kind, _site_title(blog)) for path, kind in site_feeds(blog)]
        if view is not None:
            found += [(path, kind, _view_title(blog, view)) for path, kind in view_feeds(blog, view)]
        tags = blog.head_links_cache[key] = "".join(
            f'<link rel="alternate" type="{kind}" title="{escape(f"{title} ({_FORMAT_NAMES[kind]})")}"'
            f' href="{escape(root + path)}">'
            for path, kind, title in found
        )
    if not tags:
        return output
    return output.replace("</head>", tags + "</head>", 1)


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


def _is_feed_post(post: "Post") -> bool:
    """Published posts whose page was built. Drafts (``mkdocs serve`` lists them) never are."""
    return post.published and not post.draft and post.excerpt is not None


def _newest(posts: Iterable["Post"], limit: int) -> list["Post"]:
    """The ``limit`` newest feed posts, newest first (pinning is for listings, not for feeds);
    ``limit`` below 1 means all of them."""
    chosen = sorted((p for p in posts if _is_feed_post(p)), key=lambda p: (-p.date.timestamp(), p.src_uri))
    return chosen[:limit] if limit > 0 else chosen


class _Entries:
    """Feed entries, made once per post however many feeds list it."""

    def __init__(self, blog: "Blog", base: str) -> None:
        self.blog = blog
        self.base = base
        self.full = blog.options.feed_content == "full"
        self._cache: dict[str, feeds.FeedEntry] = {}

    def __call__(self, posts: Iterable["Post"]) -> list[feeds.FeedEntry]:
        return [self._entry(post) for post in _newest(posts, self.blog.options.feed_limit)]

    def _entry(self, post: "Post") -> feeds.FeedEntry:
        entry = self._cache.get(post.src_uri)
        if entry is None:
            entry = self._cache[post.src_uri] = self._make(post)
        return entry

    def _make(self, post: "Post") -> feeds.FeedEntry:
        url = self.base + post.url
        content = None
        html = getattr(post, "content_html", None)
        if self.full and html:
            # The whole post: its HTML from Markdown, without the excerpt marker (which would
            # otherwise end it), its URLs re-based like an excerpt's, its leading h1 dropped.
            html = html.replace(excerpts.MARKER, "")
            whole, _ = excerpts.cut(html, post_url=post.url, separators=(), fallback="full")
            content = absolute_urls(whole.for_page(self.base), url)
        return feeds.FeedEntry(
            id=url,
            title=post.title,
            url=url,
            published=post.date,
            updated=max(post.updated or post.date, post.date),
            authors=tuple(a.name for a in post.author_infos),
            categories=tuple(post.categories) + tuple(post.tags),
            summary_html=absolute_urls(post.excerpt.for_page(self.base), url),
            content_html=content,
        )


def _planned(blog: "Blog") -> list[tuple[list[tuple[str, str]], str, str, Iterable["Post"]]]:
    """Every feed group to write, in a fixed order: ``(paths, title, home URL, posts)``."""
    views = blog.views
    out = []
    paths = site_feeds(blog)
    if paths:
        out.append((paths, _site_title(blog), views.index.url, blog.posts))
    for group in (views.tags, views.categories):
        for key in sorted(group):
            view = group[key]
            paths = view_feeds(blog, view)
            if paths:
                out.append((paths, _view_title(blog, view), view.url, view.posts))
    return out


def write_all(blog: "Blog", site_dir: str) -> None:
    if not blog.options.feeds or blog.views is None:
        return
    planned = _planned(blog)
    if not planned:
        return
    base = _site_url(blog)
    if base is None:
        blog.log.warning("site_url is not set, so no feeds are written (feeds need absolute URLs)")
        return
    cfg = blog.config
    language = blog.labels.language.replace("_", "-")
    writers = {ATOM: feeds.atom, RSS: feeds.rss, JSON: feeds.json_feed}
    entries_of = _Entries(blog, base)
    for paths, title, home, posts in planned:
        entries = entries_of(posts)
        for path, kind in paths:
            info = feeds.FeedInfo(
                title=title, home_url=base + home, feed_url=base + path,
                description=cfg.site_description or "", language=language, author=cfg.site_author,
            )
            write_file(writers[kind](info, entries).encode("utf-8"), os.path.join(site_dir, *path.split("/")))
