"""Which feeds the blog has, what goes in them, and where pages advertise them.

Site feeds: Atom at ``blog/feed.xml``, RSS at ``blog/rss.xml``, JSON Feed at ``blog/feed.json``;
every tag and category page gets an Atom feed beside it (``blog/tags/<slug>/feed.xml``), and RSS
there too with ``feed_rss_per_view``. The serialising is in ``feeds``.
"""

from __future__ import annotations

import os
import posixpath
from typing import TYPE_CHECKING, Any, Iterable

from mkdocs.utils import write_file

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


def _site_url(blog: "Blog") -> str | None:
    url = blog.config.site_url
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
    """Feeds of one tag or category view, beside its first page."""
    o = blog.options
    if view.kind == "tag" and not o.feed_tags or view.kind == "category" and not o.feed_categories:
        return []
    if view.kind not in ("tag", "category"):
        return []
    out = [(posixpath.join(view.path, "feed.xml"), ATOM)]
    if o.feed_rss_per_view and o.feed_rss:
        out.append((posixpath.join(view.path, "rss.xml"), RSS))
    return out


def head_links(blog: "Blog", page: Any, output: str) -> str:
    """Advertise the feeds in the page's ``<head>``: the site's, and a tag's or category's own."""
    if not enabled(blog) or "</head>" not in output:
        return output
    from html import escape

    root = root_of(page.url)
    found = [(path, kind, blog.labels.blog) for path, kind in site_feeds(blog)]
    if isinstance(page, ViewPage):
        view = page.spec.view
        found += [(path, kind, f"{blog.labels.blog}: {view.name}") for path, kind in view_feeds(blog, view)]
    tags = "".join(
        f'<link rel="alternate" type="{kind}" title="{escape(title)}" href="{escape(root + path)}">'
        for path, kind, title in found
    )
    return output.replace("</head>", tags + "</head>", 1)


def _entries(blog: "Blog", posts: Iterable["Post"], base: str) -> list[feeds.FeedEntry]:
    full = blog.options.feed_content == "full"
    chosen = sorted((p for p in posts if p.published and p.excerpt is not None),
                    key=lambda p: (-p.date.timestamp(), p.src_uri))[: blog.options.feed_limit]
    entries = []
    for post in chosen:
        url = base + post.url
        content = None
        if full and getattr(post, "content_html", None):
            whole, _ = excerpts.cut(post.content_html, post_url=post.url, separators=(), fallback="full")
            content = whole.for_page(base)
        entries.append(feeds.FeedEntry(
            id=url,
            title=post.title,
            url=url,
            published=post.date,
            updated=max(post.updated or post.date, post.date),
            authors=tuple(a.name for a in post.author_infos),
            categories=tuple(post.categories) + tuple(post.tags),
            summary_html=post.excerpt.for_page(base),
            content_html=content,
        ))
    return entries


def write_all(blog: "Blog", site_dir: str) -> None:
    if not blog.options.feeds or blog.views is None:
        return
    base = _site_url(blog)
    if base is None:
        blog.log.warning("site_url is not set, so no feeds are written (feeds need absolute URLs)")
        return
    cfg = blog.config
    language = blog.labels.language.split("_")[0]
    writers = {ATOM: feeds.atom, RSS: feeds.rss, JSON: feeds.json_feed}

    def emit(paths: list[tuple[str, str]], title: str, home: str, posts: Iterable["Post"]) -> None:
        entries = _entries(blog, posts, base)
        for path, kind in paths:
            info = feeds.FeedInfo(
                title=title, home_url=base + home, feed_url=base + path,
                description=cfg.site_description or "", language=language, author=cfg.site_author,
            )
            write_file(writers[kind](info, entries).encode("utf-8"), os.path.join(site_dir, *path.split("/")))

    views = blog.views
    emit(site_feeds(blog), cfg.site_name, views.index.url, blog.posts)
    for group in (views.tags, views.categories):
        for key in sorted(group):
            view = group[key]
            paths = view_feeds(blog, view)
            if paths:
                emit(paths, f"{cfg.site_name}: {view.name}", view.url, view.posts)
