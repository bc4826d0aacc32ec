"""A bound on how big loaded YAML is once its aliases are followed.

YAML anchors and aliases let a few lines stand for an enormous tree (``b: [*a, *a, ...]`` nine
levels deep is a billion values) or for one that never ends (``a: &a [*a]``). The loader shares
the repeated parts, so loading is quick; it is the code walking the result as a tree (collecting
tags, say) that hangs. ``check_size`` walks it the same way, counting every value it meets, and
stops as soon as the count passes the limit, so it never costs more than ``limit`` steps.

Pure functions; no MkDocs imports.
"""

from __future__ import annotations

from typing import Any

__all__ = ["LIMIT", "tree_size", "check_size", "too_big"]

#: Values allowed in one document's front matter, counted as a tree: far above any real post.
LIMIT = 100_000


def tree_size(data: Any, limit: int = LIMIT) -> int:
    """The number of values in ``data`` counted as a tree (a list reached twice counts twice,
    keys of mappings included), or ``limit + 1`` as soon as it is known to exceed ``limit``."""
    count = 0
    stack = [data]
    while stack:
        item = stack.pop()
        count += 1
        if count > limit:
            return count
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set, frozenset)):
            stack.extend(item)
        # The stack grows by a container's length before the count catches up: bound that too.
        if len(stack) > limit:
            return limit + 1
    return count


def too_big(data: Any, limit: int = LIMIT) -> bool:
    """True if ``data`` holds more than ``limit`` values counted as a tree."""
    return tree_size(data, limit) > limit


def check_size(data: Any, limit: int = LIMIT) -> int:
    """The tree size of ``data``; ``ValueError`` if it is more than ``limit``."""
    size = tree_size(data, limit)
    if size > limit:
        raise ValueError(f"more than {limit} values once YAML aliases are followed")
    return size
