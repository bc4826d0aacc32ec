"""The plugin's options.

Names and defaults follow Material for MkDocs' blog plugin wherever the concept is the same, so a
Material user switches by renaming the plugin. Several instances can run in one site, each with
its own ``blog_dir``.
"""

from __future__ import annotations

import os

from mkdocs.config import base
from mkdocs.config import config_options as c


class BlogConfig(base.Config):
    enabled = c.Type(bool, default=True)

    # Where the blog lives.
    blog_dir = c.Type(str, default="blog")
    # Tables of contents of listing pages list the posts on the page; each kind's option defaults
    # to `blog_toc` (the blog index's).
    blog_toc = c.Type(bool, default=False)
    timezone = c.Type(str, default="UTC")

    # Posts.
    post_dir = c.Type(str, default="{blog}/posts")
    post_date_format = c.Type(str, default="long")
    post_url_date_format = c.Type(str, default="yyyy/MM/dd")
    post_url_format = c.Type(str, default="{date}/{slug}")
    post_url_max_categories = c.Type(int, default=1)
    post_slugify = c.Optional(c.Type(object))
    post_slugify_separator = c.Type(str, default="-")
    post_excerpt = c.Choice(["optional", "required"], default="optional")
    post_excerpt_max_authors = c.Type(int, default=1)
    post_excerpt_max_categories = c.Type(int, default=5)
    post_excerpt_separator = c.Type(str, default="<!-- more -->")
    post_excerpt_fallback = c.Choice(["paragraph", "full", "title"], default="paragraph")
    post_excerpt_max_words = c.Type(int, default=0)
    post_readtime = c.Type(bool, default=True)
    post_readtime_words_per_minute = c.Type(int, default=265)
    post_nav = c.Type(bool, default=False)

    # Archive (one page per year).
    archive = c.Type(bool, default=True)
    archive_name = c.Type(str, default="blog.archive")
    archive_date_format = c.Type(str, default="yyyy")
    archive_url_date_format = c.Type(str, default="yyyy")
    archive_url_format = c.Type(str, default="archive/{date}")
    archive_toc = c.Optional(c.Type(bool))

    # Categories.
    categories = c.Type(bool, default=True)
    categories_name = c.Type(str, default="blog.categories")
    categories_url_format = c.Type(str, default="category/{slug}")
    categories_slugify = c.Optional(c.Type(object))
    categories_slugify_separator = c.Type(str, default="-")
    categories_sort_by = c.Optional(c.Type(object))
    categories_sort_reverse = c.Type(bool, default=False)
    categories_allowed = c.Type(list, default=[])
    categories_toc = c.Optional(c.Type(bool))
    # Nested categories: "Garden/Vegetables" is "Vegetables" below "Garden"; "" keeps names flat.
    categories_nesting_separator = c.Type(str, default="/")
    categories_nesting_include_children = c.Type(bool, default=True)

    # Tags (Material keeps these in a separate plugin; here they are part of the blog).
    tags = c.Type(bool, default=True)
    tags_name = c.Type(str, default="blog.tags")
    tags_url_format = c.Type(str, default="tags/{slug}")
    tags_toc = c.Optional(c.Type(bool))

    # Authors.
    authors = c.Type(bool, default=True)
    authors_file = c.Type(str, default="{blog}/.authors.yml")
    authors_profiles = c.Type(bool, default=False)
    authors_profiles_name = c.Type(str, default="blog.authors")
    authors_profiles_url_format = c.Type(str, default="author/{slug}")
    authors_profiles_toc = c.Optional(c.Type(bool))

    # Pagination.
    pagination = c.Type(bool, default=True)
    pagination_per_page = c.Type(int, default=10)
    pagination_url_format = c.Type(str, default="page/{page}")
    pagination_format = c.Type(str, default="~2~")
    pagination_if_single_page = c.Type(bool, default=False)
    pagination_keep_content = c.Type(bool, default=False)

    # Drafts.
    draft = c.Type(bool, default=False)
    draft_on_serve = c.Type(bool, default=True)
    draft_if_future_date = c.Type(bool, default=False)

    # Feeds.
    feeds = c.Type(bool, default=True)
    feed_atom = c.Type(bool, default=True)
    feed_rss = c.Type(bool, default=True)
    feed_json = c.Type(bool, default=True)
    feed_tags = c.Type(bool, default=True)
    feed_categories = c.Type(bool, default=True)
    feed_rss_per_view = c.Type(bool, default=False)
    feed_limit = c.Type(int, default=20)
    feed_content = c.Choice(["excerpt", "full"], default="excerpt")

    # Jekyll compatibility.
    jekyll_liquid = c.Type(bool, default=True)
    jekyll_liquid_pages = c.Type(bool, default=False)  # Liquid on the other pages too
    jekyll_includes_dir = c.Optional(c.Type(str))  # default: _includes in docs_dir, else beside mkdocs.yml
    redirect_from_permalink = c.Optional(c.Type(str))

    # Tag pages list every post with the tag, one line each (title and date), on one page; with
    # `tags_pagination: true` they are paginated listings with excerpts, like category pages.
    tags_pagination = c.Type(bool, default=False)
    tags_pagination_per_page = c.Optional(c.Type(int))

    # Pagination of archive, category and author pages; unset means as `pagination`.
    archive_pagination = c.Optional(c.Type(bool))
    archive_pagination_per_page = c.Optional(c.Type(int))
    categories_pagination = c.Optional(c.Type(bool))
    categories_pagination_per_page = c.Optional(c.Type(int))
    authors_profiles_pagination = c.Optional(c.Type(bool))
    authors_profiles_pagination_per_page = c.Optional(c.Type(int))

    # Label texts in place of the site language's: `{continue_reading: More}`, or for a number
    # `{read_time: {one: '{minutes} minute', other: '{minutes} minutes'}}`.
    labels = c.Type(dict, default={})
    # The language of this blog's labels and dates, in place of the theme's: one blog per language
    # is one instance per language folder (`blog_dir: fr/blog`, `language: fr`).
    language = c.Optional(c.Type(str))

    # Records kept between builds for `--dirty` builds and fast `mkdocs serve` rebuilds (see
    # cache.py): `cache_dir` is relative to mkdocs.yml, default `.cache/blog-plugin`.
    cache = c.Type(bool, default=True)
    cache_dir = c.Optional(c.Type(str))
    # Worker processes that convert posts' Markdown while MkDocs reads the other pages, in a
    # full `mkdocs build` (see prerender.py); 0 converts everything in MkDocs' own process.
    concurrency = c.Type(int, default=max(1, (os.cpu_count() or 1) - 1))

    # Blog features: related posts, series, previous/next scope.
    related_posts = c.Type(int, default=3)
    series_url_format = c.Type(str, default="series/{slug}")
    post_nav_scope = c.Choice(["all", "category"], default="all")

    # Renamed in Material's blog plugin; still read.
    pagination_template = c.Deprecated(moved_to="pagination_format")
