"""Rendering: our HTML comes from Jinja templates under ``templates/blog-plugin/``.

Templates are looked up through the theme's own Jinja environment, after ``theme.custom_dir`` and
the theme's folders, so a site overrides any of them by putting a file of the same name under
``<custom_dir>/blog-plugin/``. Every template turns autoescaping on for itself (MkDocs' theme
environment leaves it off); HTML we produce ourselves is passed in as ``Markup``.
"""

from __future__ import annotations

import os
from typing import Any, Sequence

import jinja2
from markupsafe import Markup

from .excerpts import ROOT
from .i18n import Labels
from .options import Display
from .views import PageSpec, page_window

TEMPLATES_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")
STYLESHEET = "blog-plugin/blog-plugin.css"
FEATURES_STYLESHEET = "blog-plugin/blog-plugin-features.css"

#: The templates a post's header and footer and a listing page are rendered with.
PAGE_TEMPLATES = (
    "post-header.html", "post-footer.html", "meta.html", "entry.html", "listing.html", "overview.html",
    "pagination.html", "related.html", "series.html", "entry-cover.html", "post-cover.html",
)


class Renderer:
    def __init__(self, env: jinja2.Environment, labels: Labels, display: Display) -> None:
        self.env = env
        self.labels = labels
        self.display = display
        self._cache: dict[str, jinja2.Template] = {}
        self._entries: dict[str, str] = {}
        self._metas: dict[tuple[str, bool], str] = {}

    def stamp(self) -> tuple:
        """Where each of ``PAGE_TEMPLATES`` comes from and its size and time: what they render
        changes with it (a template overridden in ``theme.custom_dir`` and edited, or undone)."""
        found = []
        for name in PAGE_TEMPLATES:
            try:
                path = self.env.get_template(f"blog-plugin/{name}").filename or ""
                st = os.stat(path)
                found.append((path, st.st_size, st.st_mtime_ns))
            except Exception:  # noqa: BLE001 (missing or not a file: rendering says what is wrong)
                found.append((name, None, None))
        return tuple(found)

    def _template(self, name: str) -> jinja2.Template:
        template = self._cache.get(name)
        if template is None:
            template = self._cache[name] = self.env.get_template(f"blog-plugin/{name}")
        return template

    def _render(self, name: str, **context: Any) -> str:
        context.setdefault("labels", self.labels)
        context.setdefault("blog", self.display)
        return self._template(name).render(**context)

    def render_template(self, name: str, **context: Any) -> str:
        """Any of our templates (``post-list.html``, ...) with ``labels`` and ``blog`` set."""
        return self._render(name, **context)

    #: Tags in a post's header; off when the theme shows them itself (Material's tags plugin).
    post_tags = True

    def meta(self, post: Any, *, short: bool, tags: bool = True) -> Markup:
        """A post's line of facts (``meta.html``), with ``ROOT`` placeholders, rendered once.

        The short form (listings: no updated date, at most ``max_authors`` authors and
        ``max_categories`` categories) is the full form whenever those limits change nothing.
        """
        d = self.display
        if short and not (
            post.updated_text
            or d.max_authors and len(post.author_infos) > d.max_authors
            or d.max_categories and len(post.category_views) > d.max_categories
        ):
            short = False
        key = (post.src_uri, short, tags)
        html = self._metas.get(key)
        if html is None:
            html = self._metas[key] = self._render(
                "meta.html", post=post, root=ROOT, show_updated=not short, show_tags=tags,
                max_authors=d.max_authors if short else 0, max_categories=d.max_categories if short else 0,
            )
        return Markup(html)

    def post_header(self, post: Any, root: str, show_title: bool) -> str:
        html = self._render(
            "post-header.html", post=post, root=ROOT, show_title=show_title,
            meta=self.meta(post, short=False, tags=self.post_tags),
        )
        return html.replace(ROOT, root)

    def post_footer(self, post: Any, root: str, links: Sequence[dict]) -> str:
        return self._render("post-footer.html", post=post, root=root, links=links)

    def entry(self, post: Any) -> str:
        """A post's listing entry, rendered once and reused on every listing that shows it.

        It is rendered with the ``ROOT`` placeholder for the way back to the site root, which
        each listing page replaces with its own.
        """
        html = self._entries.get(post.src_uri)
        if html is None:
            html = self._entries[post.src_uri] = self._render(
                # No excerpt: a draft listed while serving whose page MkDocs did not build.
                "entry.html", post=post, excerpt=Markup(post.excerpt.html if post.excerpt else ""), root=ROOT,
                meta=self.meta(post, short=True),
            )
        return html

    def listing(
        self, spec: PageSpec, *, page: Any, title: str, show_title: bool, intro: str, root: str
    ) -> str:
        view = spec.view
        compact = bool(view.extra.get("compact"))
        html = self._render(
            "listing.html",
            page=page,
            spec=spec,
            view=view,
            title=title,
            show_title=show_title,
            intro=Markup(intro),
            compact=compact,
            entries=[] if compact else [Markup(self.entry(post)) for post in spec.posts],
            pages=view.pages,
            pager=page_window(spec.number, spec.total, self.display.pagination_format),
            root=ROOT,
        )
        return html.replace(ROOT, root)

    def overview(self, spec: PageSpec, *, page: Any, title: str, show_title: bool, intro: str, root: str) -> str:
        return self._render(
            "overview.html",
            page=page,
            spec=spec,
            view=spec.view,
            title=title,
            show_title=show_title,
            intro=Markup(intro),
            root=root,
        )
