"""The MkDocs hooks. Each one hands its work to ``blog.Blog``, which delegates to one module per
concept: ``posts`` (front matter), ``excerpts``, ``views`` (pagination), ``nav``, ``render``,
``feeds`` and ``feeds_writer``.
"""

from __future__ import annotations

from typing import Any

from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from . import render, social
from .blog import Blog
from .config import UNSUPPORTED, BlogConfig
from .feeds_writer import head_links
from .i18n import Labels, site_language
from .pages import HEADER_SLOT, PostPage, ViewPage

log = get_plugin_logger(__name__)


class BlogPlugin(BasePlugin[BlogConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = False
        self.blog: Blog | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: Any) -> Any:
        self.blog = None  # a fresh Blog for every build: nothing stale survives a rebuild
        if not self.config.enabled:
            return config
        for name, inert in UNSUPPORTED.items():
            value = self.config.get(name)
            if value is not None and value != inert:
                log.warning(f"option '{name}' is not supported yet and has no effect")
        # Our templates come after custom_dir and the theme's own folders: both can override them.
        if render.TEMPLATES_DIR not in config.theme.dirs:
            config.theme.dirs.append(render.TEMPLATES_DIR)
        if HEADER_SLOT not in config.markdown_extensions:
            config.markdown_extensions.append(HEADER_SLOT)
        if render.STYLESHEET not in config.extra_css:
            config.extra_css.append(render.STYLESHEET)
        labels = Labels(site_language(config.theme))
        self.blog = Blog(config, self.config, serving=self.serving, log=log, labels=labels)
        return config

    # Before other plugins' on_files, so they see the posts at their final URLs.
    @event_priority(50)
    def on_files(self, files: Any, *, config: Any) -> Any:
        if self.blog is None:
            return files
        return self.blog.collect(files)

    def on_nav(self, nav: Any, *, config: Any, files: Any) -> Any:
        if self.blog is not None:
            self.blog.attach_nav(nav)
        return nav

    def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Any) -> str:
        if self.blog is not None and isinstance(page, PostPage):
            return self.blog.post_markdown(markdown, page)
        return markdown

    # Early, so the excerpt is cut from the HTML as Markdown produced it.
    @event_priority(50)
    def on_page_content(self, html: str, *, page: Any, config: Any, files: Any) -> str:
        if self.blog is not None and isinstance(page, PostPage):
            return self.blog.post_content(html, page)
        return html

    def on_env(self, env: Any, *, config: Any, files: Any) -> Any:
        if self.blog is not None:
            self.blog.set_env(env)
        return env

    # Late, after the search plugin has indexed the page: listings and post headers stay out of
    # the search index, which keeps it small and free of duplicates.
    @event_priority(-50)
    def on_page_context(self, context: Any, *, page: Any, config: Any, nav: Any) -> Any:
        if self.blog is not None:
            self.blog.page_context(page)
        return context

    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        if self.blog is None:
            return output
        if isinstance(page, ViewPage):
            # The page is written once this returns and nothing reads a listing's content after
            # that: let it go, so thousands of listing pages do not stay in memory together.
            page.content = None
            if page is not page.spec.view.pages[0].page:  # set in blog.page_context for pages 2..N
                page.spec.view.pages[0].page.active = False
        elif isinstance(page, PostPage):
            output = social.post_head(output, page.post, content=page.content or "", site_url=config.site_url,
                                      site_name=config.site_name)
        return head_links(self.blog, page, output)

    def on_post_template(self, output_content: str, *, template_name: str, config: Any) -> str:
        # Theme pages such as 404.html (served at any URL) and search.html: absolute feed links.
        if self.blog is not None and template_name.endswith(".html"):
            return head_links(self.blog, None, output_content)
        return output_content

    def on_post_build(self, *, config: Any) -> None:
        if self.blog is not None:
            self.blog.write_feeds(config.site_dir)
