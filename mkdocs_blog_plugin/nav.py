"""Navigation: the blog becomes a section (index, Archive, Categories, Tags) where its index is.

Without ``nav:`` in mkdocs.yml MkDocs puts the blog index in the nav itself; with an explicit
``nav:`` the section attaches wherever ``blog/index.md`` is listed, and a nav that leaves the
blog out is left alone. Posts and pages 2..N stay out of the nav, with the blog section as their
parent, so themes keep the blog highlighted while they are shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Sequence

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page


if TYPE_CHECKING:
    from .state import BlogBuild


def add_blog_section(build: "BlogBuild", navigation: Navigation) -> None:
    """The on_nav stage: the blog's pages take the titles an explicit ``nav:`` gives them, and the
    blog index becomes a section with the overviews (and, with ``post_nav``, the posts)."""
    config = build.config
    views = build.views
    if config.nav is not None and build.files is not None:
        for src, title in titles(config.nav).items():
            file = build.files.get_file_from_path(src)
            if file is not None and (build.entry_of(file.page) or build.listing_of(file.page)):
                file.page.title = title
    entries: list[Any] = [
        views.overviews[k].pages[0].page for k in ("archives", "categories", "tags", "series") if k in views.overviews
    ]
    if build.options.authors.profiles and views.authors:
        entries.append(Section(title=build.options.authors.profiles_name,
                               children=[view.pages[0].page for view in views.authors.values()]))
    listed = {id(page) for page in _pages(entries)} | {id(build.index_page)}
    others = []
    posts = [entry.page for entry in build.posts]
    if build.options.posts.in_nav:  # posts one by one, in listing order, in a section of their own
        entries.append(Section(title=build.labels.posts, children=posts))
    else:
        others = posts
    for view in views.all():
        others.extend(spec.page for spec in view.pages if id(spec.page) not in listed)
    if attach(navigation, build.index_page, entries, others, title=build.title) is None and config.nav is not None:
        index = build.index_page.file.src_uri
        build.log.info(f"the blog is built but no page links to it: the nav in mkdocs.yml does not list it; "
                       f"add '- {build.title}: {index}' to nav (the file need not exist)")


def mentions(nav_config: Any, src_uri: str) -> bool:
    """Whether an explicit ``nav:`` config lists ``src_uri`` anywhere."""
    if isinstance(nav_config, str):
        return nav_config.strip().lstrip("/") == src_uri
    if isinstance(nav_config, dict):
        return any(mentions(v, src_uri) for v in nav_config.values())
    if isinstance(nav_config, (list, tuple)):
        return any(mentions(v, src_uri) for v in nav_config)
    return False


def titles(nav_config: Any) -> dict[str, str]:
    """``{src_uri: title}`` for every ``Title: path.md`` entry of an explicit ``nav:`` config.

    MkDocs keeps a page a plugin made before the nav was built and drops the title the nav gives
    it; the blog applies these titles to its own pages itself.
    """
    found: dict[str, str] = {}
    if isinstance(nav_config, dict):
        for key, value in nav_config.items():
            if isinstance(value, str):
                found.setdefault(value.strip().lstrip("/"), str(key))
            else:
                for src, title in titles(value).items():
                    found.setdefault(src, title)
    elif isinstance(nav_config, (list, tuple)):
        for item in nav_config:
            for src, title in titles(item).items():
                found.setdefault(src, title)
    return found


def _pages(items: Iterable[Any]) -> list[Page]:
    found: list[Page] = []
    for item in items:
        if isinstance(item, Page):
            found.append(item)
        if getattr(item, "children", None):
            found.extend(_pages(item.children))
    return found


def _relink(nav: Navigation) -> None:
    """Recompute ``nav.pages`` and previous/next links after the items changed."""
    pages = _pages(nav.items)
    for i, page in enumerate(pages):
        page.previous_page = pages[i - 1] if i > 0 else None
        page.next_page = pages[i + 1] if i + 1 < len(pages) else None
    nav.pages = pages


def attach(
    nav: Navigation,
    index: Page,
    entries: Sequence[Page],
    others: Iterable[Page],
    *,
    title: str,
) -> Any:
    """Put ``entries`` (overview pages, or sections of pages) after the blog ``index`` in the nav.

    Returns the section that now holds the blog, or None when the index is not in the nav.
    ``others`` (posts, further pages) get that section as parent without appearing in it.
    """
    if not any(page is index for page in nav.pages):
        return None
    parent = index.parent
    if getattr(index, "is_section", False) and isinstance(getattr(index, "children", None), list):
        # The index is a section of its own (mkdocs-section-index made it one): the blog's
        # entries go first among its children.
        for entry in entries:
            entry.parent = index
            for child in getattr(entry, "children", None) or ():
                child.parent = entry
        index.children[0:0] = list(entries)
        for page in others:
            page.parent = index
        _relink(nav)
        return index
    if parent is None or not isinstance(parent, Section) or parent.children[0] is not index:
        # The index stands alone: wrap it in a section of its own.
        container = parent.children if parent is not None else nav.items
        position = next(i for i, item in enumerate(container) if item is index)
        section = Section(title=title, children=[index])
        section.parent = parent
        container[position] = section
        index.parent = section
    else:
        section = parent
    position = section.children.index(index) + 1
    for entry in entries:
        entry.parent = section
        for child in getattr(entry, "children", None) or ():
            child.parent = entry
    section.children[position:position] = list(entries)
    for page in others:
        page.parent = section
    _relink(nav)
    return section
