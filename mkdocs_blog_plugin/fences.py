"""Fenced code blocks in Markdown source: which lines belong to one.

The one place that knows what a fence is (three or more backticks or tildes, at most three spaces
in, closed by the same character at least as many times), shared by the title reader and the
excerpt separator.
"""

from __future__ import annotations

import bisect
import re
from typing import Sequence

_FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_NESTED_FENCE_RE = re.compile(r"^\s*(`{3,}|~{3,})")


def fenced_lines(lines: Sequence[str], *, nested: bool = False) -> set[int]:
    """Indexes of the lines of fenced code blocks, fences included. A fence that is never closed
    opens no code block (Python-Markdown renders it as text). ``nested``: fences indented any
    amount count too (fenced code inside list items and admonitions)."""
    fence_re = _NESTED_FENCE_RE if nested else _FENCE_RE
    fences = [(i, m.group(1)) for i, m in ((i, fence_re.match(line)) for i, line in enumerate(lines)) if m]
    # Lines that can close a fence: the fence characters alone, by character, in order.
    closers: dict[str, list[tuple[int, int]]] = {"`": [], "~": []}
    for i, marker in fences:
        if not lines[i].strip().strip(marker[0]):
            closers[marker[0]].append((i, len(marker)))
    code: set[int] = set()
    end = -1
    for i, opener in fences:
        if i <= end:
            continue
        candidates = closers[opener[0]]
        k = bisect.bisect_right(candidates, (i, float("inf")))
        while k < len(candidates) and candidates[k][1] < len(opener):
            k += 1
        if k < len(candidates):
            end = candidates[k][0]
            code.update(range(i, end + 1))
    return code
