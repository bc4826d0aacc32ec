"""What one build makes of each post: its ``Entry``.

A ``posts.Post`` holds what the file says and never changes after it was read. Everything a build
derives about a post lives here, each field written by exactly one stage:

- ``catalog``: ``slug`` (and Jekyll's ``:title`` / ``:slug``), ``draft``, ``published``;
- ``placement``: ``url``, ``dest_uri``, ``page``;
- ``derive`` below: ``anchor``, ``previous`` / ``next`` and what templates show (dates as text, the views
  of its categories and tags, its authors);
- ``post_html``: ``excerpt``, ``reading_time`` and, for full-content feeds, ``content_html``;
- ``collect`` through ``related``, ``series`` and ``covers``: ``related``, ``series``, ``cover``
  and ``hero``.

Templates receive entries as ``post``; the read-only properties give them the file's facts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import dates
from .posts import Post, chronological, term_key

if TYPE_CHECKING:
    from .authors import Author
    from .views import View, Views


@dataclass(eq=False)
class Entry:
    post: Post
    slug: str = ""
    jekyll_title: str = ""  # Jekyll's :title and :slug placeholders for this post
    jekyll_slug: str = ""
    draft: bool = False
    published: bool = True  # False for a draft that `mkdocs serve` shows

    url: str = ""
    dest_uri: str = ""
    page: Any = None  # pages.PostPage

    anchor: str = ""  # the id of its entry on listing pages (unique in the build)
    previous: Entry | None = None
    next: Entry | None = None
    date_text: str = ""
    updated_text: str = ""
    category_views: list[View] = field(default_factory=list)
    tag_views: list[View] = field(default_factory=list)
    author_infos: list[Author] = field(default_factory=list)

    excerpt: Any = None  # excerpts.Excerpt, once the post's page was built
    summary: str = ""  # the excerpt's plain text (page descriptions)
    first_image: str | None = None  # the first picture in the post's HTML, as written there
    reading_time: int = 1
    content_html: str | None = None

    related: list[Entry] = field(default_factory=list)  # related.compute
    series: Any = None  # series.Part
    cover: Any = None  # covers.Cover: listings and feeds
    hero: Any = None  # covers.Cover: above the post

    # -- the file's facts -----------------------------------------------------------------

    @property
    def src_uri(self) -> str:
        return self.post.src_uri

    @property
    def title(self) -> str:
        return self.post.title

    @property
    def date(self) -> dt.datetime:
        return self.post.date

    @property
    def updated(self) -> dt.datetime | None:
        return self.post.updated

    @property
    def pin(self) -> bool:
        return self.post.pin

    @property
    def categories(self) -> list[str]:
        return self.post.categories

    @property
    def tags(self) -> list[str]:
        return self.post.tags

    @property
    def authors(self) -> list[str]:
        return self.post.authors

    @property
    def description(self) -> str | None:
        return self.post.description

    @property
    def meta(self) -> dict[str, Any]:
        return self.post.meta

    @property
    def date_iso(self) -> str:
        return self.post.date_iso

    @property
    def updated_iso(self) -> str:
        return self.post.updated_iso


def derive(
    entries: list[Entry], views: Views, authors: dict[str, Author], *, date_format: str, locale: str,
    show_authors: bool, nav_scope: str = "all",
) -> None:
    """Previous/next in date order (with ``nav_scope`` "category": among the posts of the same
    first category), and what each post shows about itself, computed once."""
    from .authors import Author

    taken: set[str] = set()
    for entry in entries:
        anchor, n = entry.slug, 2
        while anchor in taken:
            anchor, n = f"{entry.slug}-{n}", n + 1
        taken.add(anchor)
        entry.anchor = anchor
    groups: dict[str, list[Entry]] = {}
    for entry in sorted(entries, key=chronological):
        scope = term_key(entry.categories[0]) if nav_scope == "category" and entry.categories else ""
        groups.setdefault(scope, []).append(entry)
    for by_date in groups.values():
        for i, entry in enumerate(by_date):
            entry.previous = by_date[i - 1] if i > 0 else None
            entry.next = by_date[i + 1] if i + 1 < len(by_date) else None
    for entry in entries:
        post = entry.post
        entry.date_text = dates.format_date(post.date, date_format, locale)
        # An update on the day of publication is no news: only a later day is shown.
        if post.updated and post.updated.date() != post.date.date():
            entry.updated_text = dates.format_date(post.updated, date_format, locale)
        entry.category_views = [v for v in map(views.category, post.categories) if v is not None]
        entry.tag_views = [views.tags[k] for k in map(term_key, post.tags) if k in views.tags]
        entry.author_infos = [
            authors.get(name) or Author(id=name, name=name) for name in (post.authors if show_authors else ())
        ]
