"""Setting up a build (on_config): options read once, theme and Markdown hooked up."""

from __future__ import annotations

from typing import Any

from . import options as options_module
from .config import UNSUPPORTED, BlogConfig
from .i18n import Labels, site_language
from .pages import HEADER_SLOT
from .render import FEATURES_STYLESHEET, STYLESHEET, TEMPLATES_DIR
from .state import BlogBuild
from .urls import site_url


def configure(config: Any, plugin_config: BlogConfig, *, serving: bool, log: Any) -> BlogBuild:
    for name, inert in UNSUPPORTED.items():
        value = plugin_config.get(name)
        if value is not None and value != inert:
            log.warning(f"option '{name}' is not supported yet and has no effect")
    # Our templates come after custom_dir and the theme's own folders: both can override them.
    if TEMPLATES_DIR not in config.theme.dirs:
        config.theme.dirs.append(TEMPLATES_DIR)
    if HEADER_SLOT not in config.markdown_extensions:
        config.markdown_extensions.append(HEADER_SLOT)
    if STYLESHEET not in config.extra_css:
        config.extra_css.append(STYLESHEET)
    if FEATURES_STYLESHEET not in config.extra_css:
        config.extra_css.append(FEATURES_STYLESHEET)
    labels = Labels(site_language(config.theme))
    return BlogBuild(
        config=config, options=options_module.build(plugin_config, labels), labels=labels,
        site=site_url(config.site_url), serving=serving, log=log,
    )
