"""Views: the generated listing pages (blog index, tags, categories, archive, authors) and their
pagination. Pure: takes sorted posts and options, returns what pages exist and which posts each
one lists. Every lookup goes through dicts, so the cost grows with the number of posts, not with
posts x views.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Sequence

from . import category_tree, dates
from .posts import Post, newest_first, term_key
from .safepaths import place
from .slugs import unique_slugs


@dataclass
class PageSpec:
    """One page of a view: page ``number`` of ``total``, listing ``posts``."""

    view: "View"
    number: int
    path: str  # from the docs root, without extension, e.g. "blog/tags/python/page/2"
    posts: list[Post]
    # Set by ``placement`` when it gives the page its file: the URL from the site root and the
    # MkDocs page (``pages.ListingPage``).
    url: str = ""
    page: Any = None

    @property
    def total(self) -> int:
        return len(self.view.pages)


@dataclass
class View:
    kind: str  # index | tag | category | archive | author | tags | categories | archives
    name: str  # what the reader sees: the tag, the category, the year, ...
    path: str  # page 1's path from the docs root, without extension
    posts: list[Post]
    slug: str = ""
    pages: list[PageSpec] = field(default_factory=list)
    children: list["View"] = field(default_factory=list)  # overview: the views it lists; category: its subcategories
    extra: dict[str, Any] = field(default_factory=dict)
    parent: "View | None" = None  # a nested category's parent category

    @property
    def url(self) -> str:
        return self.pages[0].url if self.pages else ""

    @property
    def trail(self) -> list["View"]:
        """The view and the categories above it, the top one first (breadcrumbs)."""
        out, view = [], self
        while view is not None:
            out.append(view)
            view = view.parent
        return out[::-1]

    @property
    def full_name(self) -> str:
        """``Garden › Vegetables`` for a nested category; else the name."""
        return self.name if self.parent is None else " › ".join(v.name for v in self.trail)


@dataclass
class Views:
    index: View
    tags: dict[str, View] = field(default_factory=dict)  # by term_key
    categories: dict[str, View] = field(default_factory=dict)
    archive: dict[str, View] = field(default_factory=dict)  # by URL date
    authors: dict[str, View] = field(default_factory=dict)  # by author id
    overviews: dict[str, View] = field(default_factory=dict)  # tags | categories | archives | series
    warnings: list[str] = field(default_factory=list)
    series: dict[str, View] = field(default_factory=dict)  # by term_key of the name (series.py)
    category_separator: str = ""  # categories_nesting_separator ("": flat categories)

    def category(self, name: str) -> View | None:
        """The view of a category as a post names it (``"Garden/Vegetables"``), if there is one."""
        return self.categories.get(category_tree.key_of(name, self.category_separator))

    def all(self) -> Iterable[View]:
        yield self.index
        for group in (self.archive, self.categories, self.tags, self.authors, self.series):
            yield from group.values()
        yield from self.overviews.values()


@dataclass
class ViewOptions:
    blog_dir: str = "blog"
    per_page: int = 10
    pagination: bool = True
    pagination_url_format: str = "page/{page}"
    # Per kind of view ("archive", "category", "author", "tag"): (paginate?, posts per page).
    kind_pagination: dict[str, tuple[bool, int]] = field(default_factory=dict)
    archive: bool = True
    archive_url_format: str = "archive/{date}"
    archive_url_date_format: str = "yyyy"
    archive_date_format: str = "yyyy"
    categories: bool = True
    categories_url_format: str = "category/{slug}"
    categories_sort_by: Callable[[View], Any] | None = None
    categories_sort_reverse: bool = False
    categories_nesting_separator: str = ""  # "/": "Garden/Vegetables" is a category below "Garden"
    categories_nesting_include_children: bool = True  # a parent lists its children's posts too
    tags: bool = True
    tags_url_format: str = "tags/{slug}"
    authors_profiles: bool = False
    authors_profiles_url_format: str = "author/{slug}"
    locale: str = "en"
    slugify: Callable[[str], str] = str
    names: dict[str, str] = field(default_factory=dict)  # kind -> title of overview pages


def overview_path(blog_dir: str, url_format: str, placeholder: str) -> str | None:
    """``"tags/{slug}"`` -> ``"blog/tags"``: where the overview of that kind of view lives."""
    head = url_format.split(placeholder, 1)[0]
    prefix = head.strip("/")
    if not prefix or "{" in prefix or not head.endswith("/"):  # only a whole folder has an overview
        return None
    return posixpath.join(blog_dir, prefix)


def paginate(view: View, opts: ViewOptions, warnings: list[str] | None = None) -> None:
    """Split a view's posts into pages; page 1 lives at the view's path. Every page's path stays
    inside the site (``safepaths.place``: ``UnsafePath`` otherwise) and within file name limits."""
    posts = view.posts
    enabled, per_page = opts.kind_pagination.get(view.kind, (opts.pagination, opts.per_page))
    size = per_page if enabled and per_page > 0 else max(len(posts), 1)
    view.extra["paginated"] = bool(enabled)
    # A tag page on one page lists its posts one line each: a tag can have hundreds of posts.
    view.extra["compact"] = view.kind == "tag" and not enabled
    chunks = [posts[i:i + size] for i in range(0, len(posts), size)] or [[]]
    view.pages = []
    for number, chunk in enumerate(chunks, start=1):
        if number == 1:
            path = view.path
        else:
            suffix = opts.pagination_url_format.format(page=number).strip("/")
            path, note = place(posixpath.join(view.path, suffix), what="option 'pagination_url_format'")
            if note and warnings is not None and number == 2:
                warnings.append(note)
        view.pages.append(PageSpec(view=view, number=number, path=path, posts=chunk))


def _term_views(
    kind: str,
    posts: Sequence[Post],
    names_of: Callable[[Post], list[str]],
    url_format: str,
    opts: ViewOptions,
    warnings: list[str],
    slugify_fn: Callable[[str], str],
) -> dict[str, View]:
    grouped: dict[str, list[Post]] = {}
    spelling: dict[str, str] = {}
    for post in posts:
        for name in names_of(post):
            key = term_key(name)
            grouped.setdefault(key, []).append(post)
            spelling.setdefault(key, name)
    slug_of, clashes = unique_slugs(spelling.values(), slugify_fn, fallback=kind)
    for name, other, slug in clashes:
        warnings.append(
            f"the {kind} names '{name}' and '{other}' give the same URL; '{name}' is published "
            f"under '{slug}' instead"
        )
    views = {}
    for key, members in grouped.items():
        name = spelling[key]
        slug = slug_of[name]
        path = posixpath.join(opts.blog_dir, url_format.format(slug=slug).strip("/"))
        path, note = place(path, what=f"the {kind} '{name}'")  # inside the site, names not too long
        warnings.extend([note] if note else [])
        views[key] = View(kind=kind, name=name, path=path, posts=members, slug=slug)
    return views


def _category_views(
    posts: Sequence[Post], opts: ViewOptions, warnings: list[str], slugify_fn: Callable[[str], str],
) -> dict[str, View]:
    """Category views as a tree, by key in reading order (each parent before its children,
    siblings sorted by ``categories_sort_by``). A top-level category gets the slug it would get as
    a flat one; a nested one the slugs of its levels joined with '/' (``garden/vegetables``).
    Slugs are told apart among siblings: ``Garden/C`` and ``Tools/C`` both end in ``c``."""
    nodes = category_tree.group(posts, lambda p: p.categories, opts.categories_nesting_separator,
                                opts.categories_nesting_include_children)
    sort_key = opts.categories_sort_by or (lambda v: v.name.casefold())
    ordered: dict[str, View] = {}

    def visit(keys: list[str], parent: View | None) -> list[View]:
        by_name = {nodes[k].name: k for k in keys}
        slug_of, clashes = unique_slugs(by_name, slugify_fn, fallback="category")
        for name, other, slug in clashes:
            name, other = (" › ".join(nodes[by_name[n]].path) for n in (name, other))
            warnings.append(
                f"the category names '{name}' and '{other}' give the same URL; '{name}' is published "
                f"under '{slug}' instead"
            )
        level = []
        for key in keys:
            node = nodes[key]
            slug = slug_of[node.name] if parent is None else f"{parent.slug}/{slug_of[node.name]}"
            path = posixpath.join(opts.blog_dir, opts.categories_url_format.format(slug=slug).strip("/"))
            path, note = place(path, what=f"the category '{' › '.join(node.path)}'")  # inside the site
            warnings.extend([note] if note else [])
            view = View(kind="category", name=node.name, path=path, posts=node.posts, slug=slug, parent=parent)
            view.extra["key"] = key
            level.append(view)
        level.sort(key=sort_key, reverse=opts.categories_sort_reverse)
        for view in level:
            ordered[view.extra["key"]] = view
            view.children = visit(nodes[view.extra["key"]].children, view)
        return level

    visit([k for k, n in nodes.items() if n.parent is None], None)
    return ordered


def build(
    posts: Sequence[Post],
    opts: ViewOptions,
    author_slugs: dict[str, str] | None = None,
    author_names: dict[str, str] | None = None,
    category_slugify: Callable[[str], str] | None = None,
    *,
    authors_file: str = ".authors.yml",
) -> Views:
    """All views for ``posts`` (already in ``posts.listing_order``). Author views are named by
    ``author_names`` (else the id); categories are slugified by ``category_slugify`` (else as tags).

    Every page path stays inside the site (else ``UnsafePath``, naming the option or the author
    in ``authors_file``), within file name limits (shortened, with a warning), and no two pages
    share a path: a later view that would take an earlier one's page gets a path of its own
    (``-2``), with a warning naming both."""
    views = Views(index=View(kind="index", name="", path=opts.blog_dir, posts=list(posts)))
    warnings = views.warnings
    if opts.tags:
        views.tags = _term_views("tag", posts, lambda p: p.tags, opts.tags_url_format, opts, warnings, opts.slugify)
    if opts.categories:
        views.category_separator = opts.categories_nesting_separator
        views.categories = _category_views(posts, opts, warnings, category_slugify or opts.slugify)
    if opts.archive:
        by_period: dict[str, View] = {}
        for post in sorted(posts, key=newest_first):
            period = dates.format_date(post.date, opts.archive_url_date_format, "en")
            view = by_period.get(period)
            if view is None:
                path = posixpath.join(opts.blog_dir, opts.archive_url_format.format(date=period).strip("/"))
                path, note = place(path, what=f"the archive page '{period}' (option 'archive_url_format')")
                warnings.extend([note] if note else [])
                name = dates.format_date(post.date, opts.archive_date_format, opts.locale)
                view = by_period[period] = View(kind="archive", name=name, path=path, posts=[], slug=period)
            view.posts.append(post)
        views.archive = by_period
    if opts.authors_profiles and author_slugs:
        for post in posts:
            for author in post.authors:
                if author in author_slugs:
                    view = views.authors.get(author)
                    if view is None:
                        path = posixpath.join(
                            opts.blog_dir,
                            opts.authors_profiles_url_format.format(
                                slug=author_slugs[author], name=(author_names or {}).get(author, author)
                            ).strip("/"),
                        )
                        path, note = place(path, what=f"{authors_file}: author '{author}' "
                                                      f"(option 'authors_profiles_url_format')")
                        warnings.extend([note] if note else [])
                        view = views.authors[author] = View(
                            kind="author", name=(author_names or {}).get(author, author), path=path, posts=[], slug=author_slugs[author]
                        )
                    view.posts.append(post)

    overview_specs = (
        ("tags", views.tags, opts.tags_url_format, "{slug}"),
        ("categories", views.categories, opts.categories_url_format, "{slug}"),
        ("archives", views.archive, opts.archive_url_format, "{date}"),
    )
    for kind, group, fmt, placeholder in overview_specs:
        enabled = {"tags": opts.tags, "categories": opts.categories, "archives": opts.archive}[kind]
        path = overview_path(opts.blog_dir, fmt, placeholder) if enabled else None
        if path is None:
            continue
        children = list(group.values())
        if kind == "categories":  # the tree: its top level here, each category's own below it
            children = [v for v in children if v.parent is None]
        if kind == "tags":
            children.sort(key=lambda v: (v.name.casefold(), v.name))
        views.overviews[kind] = View(
            kind=kind, name=opts.names.get(kind, kind.title()), path=path, posts=[], children=children
        )

    claimed: dict[str, View] = {}  # page path -> the view that has it
    for view in views.all():
        _paginate(view, opts, warnings)
        clash = _clash(view, claimed)
        if clash is not None:
            path, other = clash
            base, n = view.path, 2
            while clash is not None:
                view.path = f"{base}-{n}"
                _paginate(view, opts, warnings)
                clash = _clash(view, claimed)
                n += 1
            warnings.append(
                f"{_describe(view)} and {_describe(other)} would share the page '{path}'; "
                f"{_describe(view)} is published at '{view.path}' instead"
            )
        for spec in view.pages:
            claimed[spec.path] = view
    return views


def _paginate(view: View, opts: ViewOptions, warnings: list[str]) -> None:
    if view.kind in ("tags", "categories", "archives"):
        view.pages = [PageSpec(view=view, number=1, path=view.path, posts=[])]
    else:
        paginate(view, opts, warnings)


def _clash(view: View, claimed: dict[str, View]) -> tuple[str, View] | None:
    """The first of ``view``'s page paths that another view already has, and that view."""
    for spec in view.pages:
        if spec.path in claimed:
            return spec.path, claimed[spec.path]
    return None


def _describe(view: View) -> str:
    if view.kind == "index":
        return "the blog index"
    if view.kind in ("tags", "categories", "archives"):
        return f"the {view.kind} overview"
    return f"the {view.kind} '{view.name}'"


def page_window(current: int, total: int, fmt: str = "~2~") -> list[int | None]:
    """Page numbers to link, ``None`` for a gap: ``(5, 9)`` -> ``[1, None, 3, 4, 5, 6, 7, None, 9]``."""
    # Material's format: "~2~", or with its link placeholders around it ("$link_previous ~2~ ...").
    found = re.search(r"~\s*(\d+)\s*~", fmt or "")
    radius = int(found.group(1)) if found else 2
    shown = {1, total} | set(range(max(1, current - radius), min(total, current + radius) + 1))
    out: list[int | None] = []
    previous = 0
    for n in sorted(shown):
        if n - previous > 1:
            out.append(None)
        out.append(n)
        previous = n
    return out
