"""The MkDocs hooks. Each one hands its work to one stage; read top to bottom, they are the build:

- on_config: ``configure`` reads the options once and makes the build's state (``state.BlogBuild``);
- on_files: ``collect`` reads every post, plans the listings and gives every page its place;
- on_nav: ``nav`` adds the blog section;
- on_page_markdown / on_page_content: ``post_html`` runs Liquid, cuts the excerpt and counts words;
- on_env / on_page_context / on_post_page: ``assembly`` renders post headers, footers and listings
  and advertises the feeds;
- on_post_build: ``feeds_writer`` writes the feeds.

Beside the stages, in a full ``mkdocs build`` other processes may help (``concurrency``):
``prerender`` converts posts from the end of MkDocs' reading order (forked on_nav), and
``preassemble`` renders headers, footers, sharing metadata and listings ahead of MkDocs and writes
the feeds (forked on_env); MkDocs' process uses their results only when they were made from what
it would use itself, so the site is the same.

Beside the stages, ``cache`` keeps its books (what each page made, for ``--dirty`` builds and fast
``mkdocs serve`` rebuilds) at the points MkDocs offers: those calls change no page by themselves
except under ``--dirty``, where they decide which skipped pages must be built after all. While
serving, the stages ask ``reuse`` for what the last build made from the same inputs, and
``theme_reuse`` gives a page as the theme rendered it last time when everything its templates read
is the same.
"""

from __future__ import annotations

from typing import Any

from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from . import assembly, cache, feeds_writer, nav, post_html, preassemble, prerender, theme_reuse
from .collect import collect
from .config import BlogConfig
from .configure import configure
from .state import BlogBuild

log = get_plugin_logger(__name__)


class BlogPlugin(BasePlugin[BlogConfig]):
    supports_multiple_instances = True  # several blogs in one site, each with its own blog_dir

    def __init__(self) -> None:
        self.serving = False
        self.dirty = False
        self.build: BlogBuild | None = None
        self.store = cache.Store()  # records kept across `mkdocs serve` rebuilds (cache.py)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = dirty

    def on_config(self, config: Any) -> Any:
        # A fresh state for every build: nothing stale survives a rebuild.
        others = tuple(
            p.config.blog_dir.strip("/") for p in config.plugins.values()
            if isinstance(p, BlogPlugin) and p is not self and p.config.enabled
        )
        self.build = None
        if self.config.enabled:
            self.build = configure(config, self.config, serving=self.serving, log=log, other_blogs=others)
            self.build.cache = cache.start(
                self.store, config, self.config, serving=self.serving, dirty=self.dirty, log=log
            )
        return config

    # Before other plugins' on_files, so they see the posts at their final URLs.
    @event_priority(50)
    def on_files(self, files: Any, *, config: Any) -> Any:
        return files if self.build is None else collect(self.build, files)

    # Late, after the plugins that rewrite the nav from the files (mkdocs-awesome-pages,
    # mkdocs-section-index, ...): they see the blog's folder as the files define it, and the blog
    # section is added to the nav they made.
    @event_priority(-50)
    def on_nav(self, nav_: Any, *, config: Any, files: Any) -> Any:
        if self.build is not None:
            nav.add_blog_section(self.build, nav_)
            cache.decide(self.build, nav_)  # --dirty: which skipped pages records stand in for
            # Every page has its place: other processes may convert posts from here on.
            prerender.start(
                self.build, files, concurrency=self.config.concurrency, serving=self.serving, dirty=self.dirty
            )
        return nav_

    # Before mkdocs-macros-plugin (priority 0), which also reads {{ }} and {% %}: Liquid runs first.
    @event_priority(80)
    def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Any) -> str:
        if self.build is None:
            return markdown
        cache.page_start()
        return post_html.prepare_markdown(self.build, page, markdown)

    # Late, after other plugins changed the HTML (mkdocs-glightbox wraps images, ...): excerpts
    # and listing intros show what the page itself shows. The excerpt marker is a comment, which
    # such plugins keep.
    @event_priority(-50)
    def on_page_content(self, html: str, *, page: Any, config: Any, files: Any) -> str:
        if self.build is None:
            return html
        html = post_html.digest_html(self.build, page, html)
        cache.page_done(self.build, page)  # the page's record for the next build
        return html

    def on_env(self, env: Any, *, config: Any, files: Any) -> Any:
        if self.build is not None:
            prerender.stop(self.build)  # every post is converted by now
            assembly.set_env(self.build, env)
            cache.settle(self.build)  # --dirty: skipped pages whose nav or header changed are built
            # Every page is read: another process may render post headers and listings ahead.
            preassemble.start(
                self.build, files, assembly.page_parts,
                concurrency=self.config.concurrency, serving=self.serving, dirty=self.dirty,
            )
            theme_reuse.install(self.build, self, env, config)  # serving: pages rendered last time
        return env

    # Late, after the search plugin has indexed the page: listings and post headers stay out of
    # the search index, which keeps it small and free of duplicates.
    @event_priority(-50)
    def on_page_context(self, context: Any, *, page: Any, config: Any, nav: Any) -> Any:
        if self.build is not None:
            assembly.page_context(self.build, page)
            cache.page_written(self.build, page)
            theme_reuse.page(self.build, context, page, nav)  # last: what the theme will read
        return context

    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        if self.build is None:
            return output
        return assembly.finish_page(self.build, page, output)

    def on_post_template(self, output_content: str, *, template_name: str, config: Any) -> str:
        # Theme pages such as 404.html (served at any URL) and search.html: absolute feed links.
        if self.build is not None and template_name.endswith(".html"):
            return assembly.head_links(self.build, None, output_content)
        return output_content

    def on_post_build(self, *, config: Any) -> None:
        if self.build is not None:
            if not preassemble.wrote_feeds(self.build):  # the helper process may have
                feeds_writer.write_feeds(self.build, config.site_dir)
            preassemble.stop(self.build)
            theme_reuse.finish(self.build)
            cache.finish(self.build, config.site_dir)  # stale outputs removed, records kept

    def on_build_error(self, *, error: Exception) -> None:
        if self.build is not None:
            prerender.stop(self.build)
            preassemble.stop(self.build)
            cache.failed(self.build)
