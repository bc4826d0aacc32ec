"""Nested categories: ``"Garden/Vegetables"`` names the category ``Vegetables`` below ``Garden``.

Pure: reads category names and posts, returns the tree. ``separator`` is the option
``categories_nesting_separator``; an empty separator means every name is one flat category,
exactly as without this module. Each post is visited once and each level of its categories once,
so the cost grows with the number of posts times the depth of their categories.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Generic, Iterable, Sequence, TypeVar

from .slugs import term_key

P = TypeVar("P")

#: Levels kept of a category path; deeper ones are left out (with a warning when the post is read).
MAX_LEVELS = 12


def levels(name: str, separator: str) -> list[str]:
    """The non-empty levels of a category path: ``"Garden / Vegetables"`` -> ``["Garden", "Vegetables"]``.

    Without a separator, and for a name that is not a path, the name is one level (when it is not
    blank). A name is a path when each of its named levels starts with a letter or a digit:
    ``Garden/Vegetables`` and ``C++/Templates`` are, while ``</b>``, ``../x`` or ``½/¼`` keep
    their ``/`` as part of one flat name, as they would without nesting."""
    return _split(name, separator)[0]


def _split(name: str, separator: str) -> tuple[list[str], bool, bool]:
    """The levels; whether the path had an empty level; whether it had more than ``MAX_LEVELS``."""
    if separator and separator in name:
        parts = [part.strip() for part in name.split(separator)]
        named = [part for part in parts if part]
        if not named:  # "/": nothing but separators
            return [], True, False
        if all(part[0].isalnum() for part in named):
            return named[:MAX_LEVELS], len(named) < len(parts), len(named) > MAX_LEVELS
    stripped = name.strip()
    return ([stripped] if stripped else []), False, False


def canonical(name: str, separator: str) -> str:
    """The path as it is kept: its non-empty levels joined by ``separator`` (``""`` if none)."""
    return separator.join(levels(name, separator)) if separator else name.strip()


def has_empty_levels(name: str, separator: str) -> bool:
    """``Garden//Veg``, ``/Veg``, ``Garden/``, ``/``: a path with a level that has no name."""
    return _split(name, separator)[1]


def clean(names: Iterable[str], separator: str) -> tuple[list[str], list[str], list[str]]:
    """Category names in their kept form, the written names that had empty levels, and those
    with more than ``MAX_LEVELS`` levels (for one warning each). A name with no level is dropped."""
    kept: list[str] = []
    bad: list[str] = []
    deep: list[str] = []
    for name in names:
        found, empty, too_deep = _split(name, separator)
        if empty:
            bad.append(name)
        if too_deep:
            deep.append(name)
        if found:
            kept.append(separator.join(found) if separator else found[0])
    return kept, bad, deep


def key_of(name: str, separator: str) -> str:
    """The key of a category path: case and Unicode form ignored, blanks around levels too."""
    if not separator:
        return term_key(name.strip())
    return separator.join(term_key(part) for part in levels(name, separator))


def keys_with_parents(name: str, separator: str) -> list[str]:
    """The keys of a category and of every category above it: ``"Garden/Veg"`` -> ``["garden", "garden/veg"]``."""
    keys = [term_key(level) for level in levels(name, separator)]
    return [separator.join(keys[: depth + 1]) for depth in range(len(keys))]


@dataclass
class Node(Generic[P]):
    """One category: ``name`` is its own level as first spelled (``Vegetables``), ``path`` the
    levels from the top (``["Garden", "Vegetables"]``)."""

    key: str
    name: str
    path: list[str]
    parent: str | None  # the parent's key
    posts: list[P] = field(default_factory=list)
    children: list[str] = field(default_factory=list)  # keys, in the order first seen


def group(
    posts: Sequence[P], names_of: Callable[[P], Iterable[str]], separator: str, include_children: bool = True,
) -> dict[str, Node[P]]:
    """Every category and the posts it lists, parents before their children.

    A post is listed by each category it names; with ``include_children`` also by every category
    above those. A post is listed once per category however many of its names lead there, and
    posts keep the order of ``posts``. A parent exists whenever a child does, even when no post
    names the parent alone."""
    nodes: dict[str, Node[P]] = {}
    for post in posts:
        listed: set[str] = set()
        for name in names_of(post):
            parts = levels(name, separator)
            parent: str | None = None
            key = ""
            last = len(parts) - 1
            for depth, part in enumerate(parts):
                key = term_key(part) if depth == 0 else key + separator + term_key(part)
                node = nodes.get(key)
                if node is None:
                    above = nodes[parent].path if parent is not None else []
                    node = nodes[key] = Node(key=key, name=part, path=[*above, part], parent=parent)
                    if parent is not None:
                        nodes[parent].children.append(key)
                if (depth == last or include_children) and key not in listed:
                    listed.add(key)
                    node.posts.append(post)
                parent = key
    return nodes
