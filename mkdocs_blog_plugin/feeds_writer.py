"""Writing the feeds (on_post_build): the plan from ``feed_plan``, serialised by ``feeds``.

Without ``site_url`` there is one INFO line, no feed files (and no ``<link rel="alternate">`` in
any page, see ``assembly.head_links``). A file of the site's own at a feed's path (``blog/feed.xml``
in the docs) wins: that feed is not written, with a warning.
"""

from __future__ import annotations

import os

from mkdocs.utils import write_file

from . import feed_plan, feeds, reuse
from .placement import confined, is_published
from .state import BlogBuild

_WRITERS = {feed_plan.ATOM: feeds.atom, feed_plan.RSS: feeds.rss, feed_plan.JSON: feeds.json_feed}


def write_feeds(build: BlogBuild, site_dir: str) -> None:
    o = build.options.feeds
    if not o.enabled or build.views is None:
        return
    groups = feed_plan.plan(build.options.blog_dir, o, build.posts, build.views)
    if not groups:
        return
    site = build.site
    if not site.known:
        # Not a warning: a first `mkdocs build --strict` should not fail over feeds nobody asked for.
        build.log.info("site_url is not set, so no feeds are written (feeds need absolute URLs): "
                       "add 'site_url: https://example.com/' with your site's address to mkdocs.yml")
        return
    config = build.config
    language = build.labels.language.replace("_", "-")
    title = build.feed_title
    memo = reuse.feeds(build)  # while serving: what did not change is not made again
    entries_of = feed_plan.FeedEntries(o, site.base, memo)
    own = {f.dest_uri: f.src_uri for f in build.files or () if f.generated_by is None and is_published(f)}
    for group in groups:
        entries = entries_of(group.posts)
        for path, kind, view_name in group.feeds:
            if path in own:
                build.warn(own[path], f"the site's own file is where the blog's {feed_plan.FORMAT_NAMES[kind]} "
                                      f"feed goes; it is kept and that feed is not written")
                continue
            path = confined(path, what=f"the feed '{path}'")
            info = feeds.FeedInfo(
                title=feed_plan.feed_title(title, view_name), home_url=site.base + group.home,
                feed_url=site.base + path, description=config.site_description or "", language=language,
                author=config.site_author,
            )
            if memo is None:
                text = _WRITERS[kind](info, entries)
            else:
                text = memo.take(("feed", path), (kind, info, tuple(entries)), lambda: _WRITERS[kind](info, entries))
            write_file(text.encode("utf-8"), os.path.join(site_dir, *path.split("/")))
