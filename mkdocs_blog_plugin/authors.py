"""Authors: Material's ``.authors.yml`` read into ``Author`` records, and posts checked against it."""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass
from typing import Any, Callable, Iterable

import yaml
from mkdocs.exceptions import PluginError

from . import fields
from .excerpts import ROOT
from .links import safe_href
from .slugs import safe_segment, slugify


@dataclass(eq=False)
class Author:
    id: str
    name: str
    description: str = ""
    avatar: str = ""
    avatar_absolute: bool = False
    url: str = ""
    slug: str = ""
    view: Any = None  # the author's page (views.View), when author pages are on; set by ``link_views``


def read(docs_dir: str, rel_path: str, warn: Callable[[str, str], None]) -> dict[str, Author]:
    """The authors in ``docs_dir/rel_path`` by id; no file, no authors. Unreadable: ``PluginError``."""
    path = os.path.join(docs_dir, rel_path)
    if not os.path.isfile(path):
        return {}
    rel = os.path.relpath(path, docs_dir).replace(os.sep, "/")
    try:
        with open(path, encoding="utf-8") as f:
            data = yaml.safe_load(f) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        raise PluginError(f"{rel}: cannot be read: {str(e).splitlines()[0]}") from None
    table = data.get("authors", data) if isinstance(data, dict) else None
    if not isinstance(table, dict):
        raise PluginError(f"{rel}: expected a mapping 'authors:' of author ids to details")
    authors = {}
    for key, info in table.items():
        if not isinstance(info, dict):
            warn(rel, f"author '{key}' should be a mapping with a 'name'; it is ignored")
            continue
        avatar = _avatar(info.get("avatar"), lambda m: warn(rel, f"author '{key}': {m}"))
        url = _url(info.get("url"), lambda m: warn(rel, f"author '{key}': {m}"))
        authors[str(key)] = Author(
            id=str(key),
            name=fields.author_name(info.get("name"), str(key), lambda m: warn(rel, m)),
            description=str(info.get("description") or ""),
            avatar=avatar,
            avatar_absolute=avatar.startswith(("http:", "https:", "//", "/", "data:")),
            url=url,
            # Material: the id itself, not slugified; one URL segment, never '..' or 'a/b'.
            slug=safe_segment(str(info.get("slug") or key)) or slugify(str(key)) or "author",
        )
    return authors


def _url(value: Any, warn: Callable[[str], None]) -> str:
    """An author's ``url``: a web, mail or site link (``links.safe_href``); anything else is
    dropped with a warning."""
    if value is None or value == "":
        return ""
    href = safe_href(str(value))
    if href is None:
        warn(f"'url' {str(value)!r} is not a web, mail or site link; it is left out")
        return ""
    return href


def _avatar(value: Any, warn: Callable[[str], None]) -> str:
    """An author's ``avatar``: an image link, or an inline ``data:image/`` image; never a script."""
    if value is None or value == "":
        return ""
    text = str(value).strip()
    head = text[:11].lower()
    if head.startswith("data:image/") and not any(ch.isspace() or ch in "\"'<>" for ch in text):
        return text
    href = safe_href(text)
    if href is None:
        warn(f"'avatar' {text[:80]!r} is not an image link; it is left out")
        return ""
    return href


def check(posts: Iterable[Any], authors: dict[str, Author], authors_file: str) -> None:
    """With an authors file, every author a post names must be in it (Material's rule), under
    ``authors:`` or ``author:``. A Jekyll post (one with a ``layout``) names its ``author:`` in
    plain words, as Jekyll does: that one is not checked."""
    if not authors:
        return
    for post in posts:
        keys = ("authors",) if "layout" in post.meta else ("authors", "author")
        for key in keys:
            names = post.meta.get(key)
            for name in names if isinstance(names, list) else [] if names is None else [names]:
                name = str(name)
                if name not in authors:
                    known = ", ".join(sorted(authors)) or "none"
                    raise PluginError(
                        f"{post.src_uri}: unknown author '{name}' (authors defined in {authors_file}: {known})"
                    )


def link_views(authors: dict[str, Author], author_views: dict[str, Any], files: Any) -> None:
    """Each author's page, once the views exist; a ``url`` that names a page of the site
    (``about.md``, ``/about/``) becomes a link to that page from wherever it is shown."""
    for author in authors.values():
        author.view = author_views.get(author.id)
        page = _site_file(author.url, files)
        if page is not None:
            author.url = ROOT + page.url  # ROOT: the way back to the site root, per page


def _site_file(url: str, files: Any) -> Any:
    if not url or "://" in url or url.startswith(("//", "#", "mailto:")):
        return None
    path = url.split("#", 1)[0].split("?", 1)[0].strip("/")
    for candidate in (path, path + ".md", posixpath.join(path, "index.md"), posixpath.join(path, "README.md")):
        file = files.get_file_from_path(candidate) if candidate else None
        if file is not None and file.is_documentation_page():
            return file
    return None
