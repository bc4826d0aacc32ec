"""Reading single front-matter and ``.authors.yml`` values that need more than a type check.

Each function takes the value as YAML loaded it and a ``warn`` callback, returns what the build
uses, and warns (naming the key and the value) about anything it drops, so that nothing vanishes
without a word.

Pure functions; no MkDocs imports.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable

__all__ = ["readtime", "redirect_from", "author_name"]

Warn = Callable[[str], None]


def readtime(value: Any, warn: Warn) -> int | None:
    """``readtime``: a whole number of minutes, at least 1; None (computed from the text) else."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        warn(f"'readtime' should be a whole number of minutes, not {value!r}; it is ignored")
        return None
    if value < 1:
        warn(f"'readtime' should be at least 1 minute, not {value}; it is ignored")
        return None
    return value


def redirect_from(value: Any, warn: Warn) -> list[str]:
    """``redirect_from``: one path or a list of paths. Numbers are read as paths (``2019``); any
    other entry (a mapping, a list, ``null``, ``true``) is dropped with a warning naming it."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list):
        warn(f"'redirect_from' should be a path or a list of paths, not {value!r}; it is ignored")
        return []
    paths = []
    for entry in value:
        if isinstance(entry, str) or (isinstance(entry, int) and not isinstance(entry, bool)):
            paths.append(str(entry))
        else:
            warn(f"'redirect_from' entry {entry!r} is not a path; it is ignored")
    return paths


def author_name(value: Any, author_id: str, warn: Warn) -> str:
    """An author's ``name`` in ``.authors.yml``: text (numbers and dates are written as text);
    anything else, or nothing, gives the author's id, with a warning unless the name is missing."""
    if isinstance(value, str):
        return value if value.strip() else author_id
    if isinstance(value, (int, float, dt.date)) and not isinstance(value, bool):
        return str(value)
    if value is not None and value != "":
        warn(f"author '{author_id}': 'name' should be text, not {value!r}; using the id '{author_id}'")
    return author_id
