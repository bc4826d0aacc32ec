"""Series: posts that belong together, read in order (``series:`` and ``series_order:``).

Pure. Each series gets a listing of its parts in order, and the series overview lists every
series. A post knows its place through its ``Part`` (``entry.series``): "Part 2 of 4", and links
to every part.

Order: ``series_order`` first (parts without one come after, by date), then the date. A repeated
``series_order`` in one series, or one that is not a whole number, gets a warning naming the file.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from .posts import chronological, term_key
from .slugs import unique_slugs
from .views import PageSpec, View, overview_path

OVERVIEW_KIND = "series-overview"

Warn = Callable[[str, str], None]


@dataclass(eq=False)
class Series:
    name: str
    parts: list[Any] = field(default_factory=list)  # entries, in reading order
    view: View | None = None

    @property
    def url(self) -> str:
        return self.view.url if self.view is not None else ""


@dataclass(eq=False)
class Part:
    """A post's place in its series (``entry.series``)."""

    series: Series
    number: int  # from 1

    @property
    def total(self) -> int:
        return len(self.series.parts)

    @property
    def parts(self) -> list[Any]:
        return self.series.parts


def _name(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (str, int, float)):
        return str(value).strip() or None
    return None


def group(entries: Sequence[Any], warn: Warn) -> dict[str, Series]:
    """Every series the posts name, by ``term_key`` of its name, in order of first appearance;
    sets ``entry.series`` on each part."""
    found: dict[str, Series] = {}
    orders: dict[int, int | None] = {}
    for entry in entries:
        meta = entry.meta
        if "series" not in meta:
            continue
        name = _name(meta.get("series"))
        if name is None:
            warn(entry.src_uri, f"'series' should be a name, not {meta.get('series')!r}; it is ignored")
            continue
        order = meta.get("series_order")
        if order is not None and (isinstance(order, bool) or not isinstance(order, int)):
            warn(entry.src_uri, f"'series_order' should be a whole number, not {order!r}; it is ignored")
            order = None
        orders[id(entry)] = order
        found.setdefault(term_key(name), Series(name=name)).parts.append(entry)
    for series in found.values():
        seen: dict[int, Any] = {}
        for entry in sorted(series.parts, key=chronological):
            order = orders[id(entry)]
            if order is None:
                continue
            if order in seen:
                warn(entry.src_uri, f"'series_order' {order} is also the order of '{seen[order].src_uri}' in "
                                    f"the series '{series.name}'; the older post comes first")
            else:
                seen[order] = entry

        def key(entry: Any) -> tuple:
            order = orders[id(entry)]
            return (order is None, order or 0, chronological(entry))

        series.parts.sort(key=key)
        for number, entry in enumerate(series.parts, start=1):
            entry.series = Part(series=series, number=number)
    return found


def views(
    found: dict[str, Series], blog_dir: str, url_format: str, slugify: Callable[[str], str], title: str,
    warnings: list[str],
) -> tuple[dict[str, View], View | None]:
    """A listing page per series (its parts in order, on one page) and, when the URL format puts
    them in one folder, the overview of all series."""
    names = [s.name for s in found.values()]
    slug_of, clashes = unique_slugs(names, slugify, fallback="series")
    for name, other, slug in clashes:
        warnings.append(f"the series names '{name}' and '{other}' give the same URL; '{name}' is published "
                        f"under '{slug}' instead")
    out: dict[str, View] = {}
    for key, series in found.items():
        slug = slug_of[series.name]
        path = posixpath.join(blog_dir, url_format.format(slug=slug).strip("/"))
        view = View(kind="series", name=series.name, path=path, posts=list(series.parts), slug=slug)
        view.extra["paginated"] = False
        view.extra["compact"] = False
        view.pages = [PageSpec(view=view, number=1, path=path, posts=view.posts)]
        series.view = out[key] = view
    overview = None
    where = overview_path(blog_dir, url_format, "{slug}")
    if where is not None and out:
        children = sorted(out.values(), key=lambda v: (v.name.casefold(), v.name))
        overview = View(kind=OVERVIEW_KIND, name=title, path=where, posts=[], children=children)
        overview.pages = [PageSpec(view=overview, number=1, path=where, posts=[])]
    return out, overview
