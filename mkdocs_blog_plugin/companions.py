"""Other plugins the blog adapts to, found once per build (on_config).

The blog reads the plugins' own settings, never their code: ``Companions`` says which of them
are on and what the blog does differently because of them (see README, "Works with").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


def enabled_plugin(config: Any, *names: str) -> Any:
    """The first of ``names`` (as written under ``plugins:``) that is on, or None."""
    plugins = getattr(config, "plugins", None) or {}
    for name in names:
        plugin = plugins.get(name) if hasattr(plugins, "get") else None
        if plugin is None:
            continue
        settings = getattr(plugin, "config", None)
        if settings is not None and settings.get("enabled", True) is False:
            continue
        return plugin
    return None


@dataclass(frozen=True)
class Companions:
    #: Material's tags plugin: it renders tag chips on every page and a tags index of its own.
    material_tags: bool = False
    #: Material's meta plugin: ``.meta.yml`` defaults (this file name) apply to posts too.
    meta_file: str | None = None
    #: mkdocs-redirects: the old pages of its ``redirect_maps`` (``old.md``), which it writes last.
    redirect_maps: tuple[str, ...] = ()


def find(config: Any) -> Companions:
    tags = enabled_plugin(config, "material/tags", "tags")
    meta = enabled_plugin(config, "material/meta", "meta")
    redirects = enabled_plugin(config, "redirects")
    is_material = getattr(getattr(config, "theme", None), "name", None) == "material"
    return Companions(
        # Only Material's own tags plugin (its config has tags_file) with Material's theme
        # shows the chips.
        material_tags=bool(tags is not None and is_material and "tags_file" in getattr(tags, "config", {})),
        meta_file=(meta.config.get("meta_file") or ".meta.yml") if meta is not None and is_material else None,
        redirect_maps=tuple(str(k) for k in (redirects.config.get("redirect_maps") or {})) if redirects else (),
    )
