"""The MkDocs hooks. Each one hands its work to one stage; read top to bottom, they are the build:

- on_config: ``configure`` reads the options once and makes the build's state (``state.BlogBuild``);
- on_files: ``collect`` reads every post, plans the listings and gives every page its place;
- on_nav: ``nav`` adds the blog section;
- on_page_markdown / on_page_content: ``post_html`` runs Liquid, cuts the excerpt and counts words;
- on_env / on_page_context / on_post_page: ``assembly`` renders post headers, footers and listings
  and advertises the feeds;
- on_post_build: ``feeds_writer`` writes the feeds.
"""

from __future__ import annotations

from typing import Any

from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from . import assembly, feeds_writer, nav, post_html
from .collect import collect
from .config import BlogConfig
from .configure import configure
from .pages import listing_meta
from .state import BlogBuild

log = get_plugin_logger(__name__)


class BlogPlugin(BasePlugin[BlogConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = False
        self.build: BlogBuild | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: Any) -> Any:
        # A fresh state for every build: nothing stale survives a rebuild.
        self.build = configure(config, self.config, serving=self.serving, log=log) if self.config.enabled else None
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
        return nav_

    def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Any) -> str:
        if self.build is None:
            return markdown
        entry = self.build.entry_of(page)
        if entry is not None:
            return post_html.prepare_markdown(self.build, entry, markdown)
        if self.build.spec_of(page) is not None:
            listing_meta(page)
        return markdown

    # Late, after other plugins changed the HTML (mkdocs-glightbox wraps images, ...): excerpts
    # and listing intros show what the page itself shows. The excerpt marker is a comment, which
    # such plugins keep.
    @event_priority(-50)
    def on_page_content(self, html: str, *, page: Any, config: Any, files: Any) -> str:
        if self.build is None:
            return html
        entry = self.build.entry_of(page)
        if entry is not None:
            return post_html.digest_html(self.build, entry, html)
        if self.build.spec_of(page) is not None:
            page.intro = html
        return html

    def on_env(self, env: Any, *, config: Any, files: Any) -> Any:
        if self.build is not None:
            assembly.set_env(self.build, env)
        return env

    # Late, after the search plugin has indexed the page: listings and post headers stay out of
    # the search index, which keeps it small and free of duplicates.
    @event_priority(-50)
    def on_page_context(self, context: Any, *, page: Any, config: Any, nav: Any) -> Any:
        if self.build is not None:
            assembly.page_context(self.build, page)
        return context

    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        if self.build is None:
            return output
        assembly.release(self.build, page)
        return assembly.head_links(self.build, page, output)

    def on_post_template(self, output_content: str, *, template_name: str, config: Any) -> str:
        # Theme pages such as 404.html (served at any URL) and search.html: absolute feed links.
        if self.build is not None and template_name.endswith(".html"):
            return assembly.head_links(self.build, None, output_content)
        return output_content

    def on_post_build(self, *, config: Any) -> None:
        if self.build is not None:
            feeds_writer.write_feeds(self.build, config.site_dir)
