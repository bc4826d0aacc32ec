"""What Jekyll's Liquid sees of an MkDocs build: ``site``, ``page``, the includes folder.

``engine(...)`` makes the one ``JekyllLiquid`` of a build from the MkDocs config and the posts;
``page_vars(post)`` is a post's ``page`` variable; ``exclude_includes(files, ...)`` keeps the
includes folder out of the published site.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import TYPE_CHECKING, Any, Callable, Iterable, Optional

from mkdocs.structure.files import InclusionLevel

from .urls import site_url

if TYPE_CHECKING:
    from .jekyll_liquid import JekyllLiquid

__all__ = ["engine", "page_vars", "post_vars", "includes_dir", "exclude_includes"]


def includes_dir(config: Any, option: Optional[str]) -> Optional[str]:
    """The ``jekyll_includes_dir`` option (relative to mkdocs.yml), else ``_includes`` in the docs
    folder, else ``_includes`` beside mkdocs.yml."""
    project = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
    if option:
        return os.path.normpath(os.path.join(project, option))
    for folder in (os.path.join(config.docs_dir, "_includes"), os.path.join(project, "_includes")):
        if os.path.isdir(folder):
            return folder
    return None


def exclude_includes(files: Iterable[Any], config: Any, option: Optional[str]) -> None:
    """Files in an includes folder inside the docs are pieces of posts, never published."""
    folder = includes_dir(config, option)
    if not folder:
        return
    docs = os.path.abspath(config.docs_dir)
    rel = os.path.relpath(folder, docs)
    if rel == os.curdir or rel.startswith(os.pardir):
        return
    prefix = rel.replace(os.sep, "/") + "/"
    for file in files:
        if file.src_uri.startswith(prefix):
            file.inclusion = InclusionLevel.EXCLUDED


def post_vars(post: Any) -> dict:
    """A post as ``site.posts`` lists it and ``page`` shows it (front matter first)."""
    values = dict(post.meta)
    values.update(
        title=post.title,
        date=post.date,
        url="/" + post.url,
        categories=list(post.categories),
        tags=list(post.tags),
        path=post.src_uri,
        id="/" + post.url.rstrip("/"),
    )
    if post.updated:
        values.setdefault("last_modified_at", post.updated)
    return values


def page_vars(page: Any) -> dict:
    """A page that is not a post: its front matter, title and URL."""
    values = dict(page.meta or {})
    values.setdefault("title", page.title)
    values["url"] = "/" + (page.url or "")
    values["path"] = page.file.src_uri
    return values


def _markdown(config: Any, skip: Iterable[Any]) -> Callable[[str], str]:
    """``markdownify``: the site's Markdown, one converter for the build, made on first use."""
    converter = None
    skipped = list(skip)

    def convert(text: str) -> str:
        nonlocal converter
        if converter is None:
            import markdown

            extensions = [e for e in config.markdown_extensions if not any(e is s for s in skipped)]
            converter = markdown.Markdown(extensions=extensions, extension_configs=config.mdx_configs or {})
        return converter.reset().convert(text)

    return convert


def _raw_markers(config: Any) -> Optional[tuple[str, str]]:
    """With mkdocs-macros-plugin, raw blocks stay wrapped so that macros leaves them as written."""
    macros = config.plugins.get("macros") if config.plugins else None
    if macros is None:
        return None
    settings = getattr(macros, "config", {}) or {}
    start = settings.get("j2_block_start_string") or "{%"
    end = settings.get("j2_block_end_string") or "%}"
    return f"{start} raw {end}", f"{start} endraw {end}"


def engine(
    config: Any,
    option_includes: Optional[str],
    posts: list,
    *,
    resolve_post: Callable[[str], Optional[str]],
    resolve_path: Callable[[str], Optional[str]],
    skip_extensions: Iterable[Any] = (),
) -> "JekyllLiquid":
    # The engine (python-liquid) is loaded only by a build that has Liquid to run.
    from .jekyll_liquid import JekyllLiquid, Site

    site = site_url(config.site_url)  # as in Jekyll: site.url "https://example.com", site.baseurl "/docs"
    url, baseurl = site.origin, site.path
    listed = sorted((p for p in posts if getattr(p, "published", True)), key=lambda p: p.date, reverse=True)
    entries = [post_vars(p) for p in listed]
    categories: dict[str, list] = {}
    tags: dict[str, list] = {}
    for entry in entries:
        for name in entry["categories"]:
            categories.setdefault(name, []).append(entry)
        for name in entry["tags"]:
            tags.setdefault(name, []).append(entry)
    data = dict(config.extra or {})  # custom keys of Jekyll's _config.yml go under `extra:`
    data.update(
        title=config.site_name,
        description=config.site_description or "",
        url=url,
        baseurl=baseurl,
        posts=entries,
        categories=categories,
        tags=tags,
        time=dt.datetime.now(dt.timezone.utc),
    )
    names = {str(e) for e in config.markdown_extensions}
    pymdownx = bool(names & {"pymdownx.highlight", "pymdownx.superfences"})
    return JekyllLiquid(Site(
        url=url,
        baseurl=baseurl,
        data=data,
        includes_dir=includes_dir(config, option_includes),
        docs_dir=config.docs_dir,
        markdownify=_markdown(config, skip_extensions),
        resolve_post=resolve_post,
        resolve_path=resolve_path,
        linenums="pymdownx" if pymdownx else "none",
        raw_markers=_raw_markers(config),
    ))
