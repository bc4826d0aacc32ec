"""Setting up a build (on_config): options read once, theme and Markdown hooked up."""

from __future__ import annotations

from typing import Any

from mkdocs.exceptions import PluginError

from . import companions
from . import options as options_module
from .records import LINKS
from .config import BlogConfig
from .formats import check_options
from .i18n import Labels, site_language
from .pages import HEADER_SLOT
from .posts import readable_name
from .render import FEATURES_STYLESHEET, STYLESHEET, TEMPLATES_DIR
from .state import BlogBuild
from .urls import site_url


def configure(
    config: Any, plugin_config: BlogConfig, *, serving: bool, log: Any, other_blogs: tuple[str, ...] = ()
) -> BlogBuild:
    """``other_blogs``: the ``blog_dir`` of the site's other blog-plugin instances."""
    if problems := check_options(plugin_config):  # bad URL, date and number options stop the build here
        raise PluginError("blog-plugin: " + "\nblog-plugin: ".join(problems))
    # Our templates come after custom_dir and the theme's own folders: both can override them.
    if TEMPLATES_DIR not in config.theme.dirs:
        config.theme.dirs.append(TEMPLATES_DIR)
    if HEADER_SLOT not in config.markdown_extensions:
        config.markdown_extensions.append(HEADER_SLOT)
    if LINKS not in config.markdown_extensions:  # notes each page's links for cache.py
        config.markdown_extensions.append(LINKS)
    if STYLESHEET not in config.extra_css:
        config.extra_css.append(STYLESHEET)
    if FEATURES_STYLESHEET not in config.extra_css:
        config.extra_css.append(FEATURES_STYLESHEET)
    try:
        language = (plugin_config.language or "").replace("-", "_") or site_language(config.theme)
        labels = Labels(language, plugin_config.labels)
    except ValueError as e:
        raise PluginError(f"blog-plugin: option 'labels': {e}") from None
    options = options_module.build(plugin_config, labels, theme=config.theme.name or "")
    title = labels.blog
    if options.blog_dir in other_blogs:
        raise PluginError(f"blog-plugin: two blogs use blog_dir '{options.blog_dir}'; give each its own")
    folder = options.blog_dir.rsplit("/", 1)[-1]
    if other_blogs and folder and folder != "blog":  # several blogs: each is called by its folder's name
        title = readable_name(folder)
    feed_title = config.site_name or title
    if other_blogs:
        feed_title = f"{config.site_name}: {title}" if config.site_name else title
    return BlogBuild(
        config=config, options=options, labels=labels, site=site_url(config.site_url), serving=serving,
        log=log, title=title, feed_title=feed_title, other_blogs=other_blogs,
        companions=companions.find(config),
    )
