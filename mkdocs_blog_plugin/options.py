"""The plugin's options as small typed objects, built once per build from ``config.BlogConfig``.

Stages read ``options.posts.url_format``, ``options.feeds.limit`` and so on; none of them looks
options up by name. Material's translation keys (``blog.archive``) become labels here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable

from mkdocs.exceptions import PluginError

from . import dates
from .config import BlogConfig
from .i18n import Labels
from .slugs import slugify, term_slugify
from .views import ViewOptions


@dataclass(frozen=True)
class PostOptions:
    dir: str  # the posts folder below docs_dir, e.g. "blog/posts"
    url_format: str
    url_date_format: str
    url_max_categories: int
    date_format: str
    slugify: Callable[[str], str]
    excerpt_required: bool
    excerpt_separator: str
    excerpt_fallback: str
    excerpt_max_words: int
    words_per_minute: int
    in_nav: bool  # post_nav


@dataclass(frozen=True)
class DraftOptions:
    publish: bool  # `draft: true`: drafts are published
    on_serve: bool
    if_future_date: bool


@dataclass(frozen=True)
class AuthorOptions:
    enabled: bool
    file: str  # below docs_dir
    profiles: bool
    profiles_name: str  # the title of the authors' section in the nav


@dataclass(frozen=True)
class FeedOptions:
    enabled: bool
    atom: bool
    rss: bool
    json: bool
    tags: bool
    categories: bool
    rss_per_view: bool
    limit: int
    full_content: bool


@dataclass(frozen=True)
class JekyllOptions:
    liquid: bool
    liquid_pages: bool  # Liquid on the site's other pages too
    includes_dir: str | None
    redirect_from_permalink: str | None


@dataclass(frozen=True)
class Display:
    """What the templates read as ``blog.*``."""

    readtime: bool = True
    max_authors: int = 1
    max_categories: int = 5
    pagination_format: str = "~2~"
    pagination_if_single_page: bool = False
    keep_content: bool = False  # pagination_keep_content: the index's own text on pages 2..N
    toc_kinds: frozenset = frozenset()  # kinds of listing whose table of contents lists their posts
    theme: str = ""  # the theme's name: templates give Material its own blog's structure


@dataclass(frozen=True)
class FeatureOptions:
    related_posts: int = 3  # 0: none
    series_url_format: str = "series/{slug}"
    post_nav_scope: str = "all"  # all | category


@dataclass(frozen=True)
class Options:
    blog_dir: str
    tz: dt.tzinfo
    term_slugify: Callable[[str], str]
    category_separator: str
    custom_category_slugify: bool
    categories_allowed: tuple[str, ...]
    posts: PostOptions
    drafts: DraftOptions
    authors: AuthorOptions
    views: ViewOptions
    feeds: FeedOptions
    jekyll: JekyllOptions
    display: Display
    features: FeatureOptions = FeatureOptions()
    concurrency: int = 0  # processes that may help a full build (prerender, preassemble, parallel)


def _slug_function(custom: Any, default: Callable[[str, str], str], separator: str) -> Callable[[str], str]:
    fn = custom if callable(custom) else default
    return lambda text: fn(text, separator)


def _pagination(enabled: bool | None, per_page: int | None, o: BlogConfig) -> tuple[bool, int]:
    """A kind of view's pagination; unset values fall back to ``pagination`` / ``pagination_per_page``."""
    return (o.pagination if enabled is None else enabled), (per_page or o.pagination_per_page)


def build(o: BlogConfig, labels: Labels, theme: str = "") -> Options:
    blog_dir = o.blog_dir.strip("/")
    try:
        tz = dates.get_timezone(o.timezone)
    except ValueError as e:
        raise PluginError(f"blog-plugin: option 'timezone': {e}") from None
    term_slug = _slug_function(o.categories_slugify, term_slugify, o.categories_slugify_separator)

    def name(value: str, label: str) -> str:
        """Material writes names as translation keys (``blog.archive``); those become our labels."""
        return getattr(labels, label) if value.startswith("blog.") else value

    views = ViewOptions(
        blog_dir=blog_dir,
        per_page=o.pagination_per_page,
        pagination=o.pagination,
        pagination_url_format=o.pagination_url_format,
        kind_pagination={
            "archive": _pagination(o.archive_pagination, o.archive_pagination_per_page, o),
            "category": _pagination(o.categories_pagination, o.categories_pagination_per_page, o),
            "author": _pagination(o.authors_profiles_pagination, o.authors_profiles_pagination_per_page, o),
            "tag": (o.tags_pagination, o.tags_pagination_per_page or o.pagination_per_page),
        },
        archive=o.archive,
        archive_url_format=o.archive_url_format,
        archive_url_date_format=o.archive_url_date_format,
        archive_date_format=o.archive_date_format,
        categories=o.categories,
        categories_url_format=o.categories_url_format,
        categories_sort_by=o.categories_sort_by if callable(o.categories_sort_by) else None,
        categories_sort_reverse=o.categories_sort_reverse,
        categories_nesting_separator=o.categories_nesting_separator.strip() or o.categories_nesting_separator,
        categories_nesting_include_children=o.categories_nesting_include_children,
        tags=o.tags,
        tags_url_format=o.tags_url_format,
        authors_profiles=o.authors_profiles,
        authors_profiles_url_format=o.authors_profiles_url_format,
        locale=labels.language,
        slugify=term_slug,
        names={
            "tags": name(o.tags_name, "tags"),
            "categories": name(o.categories_name, "categories"),
            "archives": name(o.archive_name, "archive"),
        },
    )
    return Options(
        blog_dir=blog_dir,
        tz=tz,
        term_slugify=term_slug,
        category_separator=o.categories_slugify_separator,
        custom_category_slugify=callable(o.categories_slugify),
        categories_allowed=tuple(str(n) for n in o.categories_allowed),
        posts=PostOptions(
            dir=o.post_dir.format(blog=blog_dir).strip("/"),
            url_format=o.post_url_format,
            url_date_format=o.post_url_date_format,
            url_max_categories=o.post_url_max_categories,
            date_format=o.post_date_format,
            slugify=_slug_function(o.post_slugify, slugify, o.post_slugify_separator),
            excerpt_required=o.post_excerpt == "required",
            excerpt_separator=o.post_excerpt_separator,
            excerpt_fallback=o.post_excerpt_fallback,
            excerpt_max_words=o.post_excerpt_max_words,
            words_per_minute=o.post_readtime_words_per_minute,
            in_nav=o.post_nav,
        ),
        drafts=DraftOptions(publish=o.draft, on_serve=o.draft_on_serve, if_future_date=o.draft_if_future_date),
        authors=AuthorOptions(
            enabled=o.authors, file=o.authors_file.format(blog=blog_dir), profiles=o.authors_profiles,
            profiles_name=name(o.authors_profiles_name, "authors"),
        ),
        views=views,
        feeds=FeedOptions(
            enabled=o.feeds, atom=o.feed_atom, rss=o.feed_rss, json=o.feed_json, tags=o.feed_tags,
            categories=o.feed_categories, rss_per_view=o.feed_rss_per_view, limit=o.feed_limit,
            full_content=o.feed_content == "full",
        ),
        jekyll=JekyllOptions(
            liquid=o.jekyll_liquid, liquid_pages=o.jekyll_liquid and o.jekyll_liquid_pages,
            includes_dir=o.jekyll_includes_dir, redirect_from_permalink=o.redirect_from_permalink,
        ),
        display=Display(
            readtime=o.post_readtime, max_authors=o.post_excerpt_max_authors,
            max_categories=o.post_excerpt_max_categories, pagination_format=o.pagination_format,
            pagination_if_single_page=o.pagination_if_single_page, keep_content=o.pagination_keep_content,
            theme=theme,
            toc_kinds=frozenset(kind for kind, on in (
                ("index", o.blog_toc),
                ("archive", o.blog_toc if o.archive_toc is None else o.archive_toc),
                ("category", o.blog_toc if o.categories_toc is None else o.categories_toc),
                ("tag", o.blog_toc if o.tags_toc is None else o.tags_toc),
                ("author", o.blog_toc if o.authors_profiles_toc is None else o.authors_profiles_toc),
            ) if on),
        ),
        features=FeatureOptions(
            related_posts=max(0, o.related_posts), series_url_format=o.series_url_format,
            post_nav_scope=o.post_nav_scope,
        ),
        concurrency=max(0, o.concurrency),
    )
