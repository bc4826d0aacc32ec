"""Related posts: for every post, the posts that share the most of its tags and categories.

Pure. A shared term counts by its rarity (inverse document frequency, ``log(posts / posts with
the term)``): two posts that share a rare tag are closer than two that share a category half the
blog is in, and a term every post has counts nothing. Ties go to the newer post.

Cost: one inverted index (term -> its posts, oldest first). For each post only the postings of its
own terms are walked, and of a term with more than ``cap`` posts only the ``cap`` nearest in time
to the post, so the whole computation is bounded by ``posts x terms per post x cap`` however the
terms are spread: near-linear in the number of posts, never all pairs.
"""

from __future__ import annotations

import heapq
import math
from typing import Any, Sequence

from .posts import chronological, term_key

#: Postings walked per term and post, at most.
CAP = 64


def terms(post: Any) -> list[tuple[str, str]]:
    """A post's terms: its categories and its tags, each once."""
    found = dict.fromkeys([("c", term_key(c)) for c in post.categories] + [("t", term_key(t)) for t in post.tags])
    return list(found)


def compute(posts: Sequence[Any], limit: int, *, cap: int = CAP) -> list[list[Any]]:
    """The ``limit`` related posts of each of ``posts`` (anything with ``categories``, ``tags``,
    ``date`` and ``src_uri``), in the same order as ``posts``; a post never relates to itself."""
    n = len(posts)
    if limit <= 0 or n < 2:
        return [[] for _ in posts]
    order = sorted(range(n), key=lambda i: chronological(posts[i]))
    rank = [0] * n  # higher is newer
    for r, i in enumerate(order):
        rank[i] = r
    own: list[list[tuple[tuple[str, str], int]]] = [[] for _ in range(n)]  # (term, place in its postings)
    postings: dict[tuple[str, str], list[int]] = {}
    for i in order:
        for term in terms(posts[i]):
            listed = postings.setdefault(term, [])
            own[i].append((term, len(listed)))
            listed.append(i)
    # Weights in millionths, as whole numbers: sums are exact, so equal scores are equal and
    # recency alone decides between them.
    weight = {term: round(math.log(n / len(listed)) * 1_000_000) for term, listed in postings.items()}
    half = max(1, cap // 2)
    out: list[list[Any]] = []
    for i in range(n):
        scores: dict[int, int] = {}
        get = scores.get
        for term, at in own[i]:
            listed = postings[term]
            w = weight[term]
            if w <= 0 or len(listed) < 2:
                continue
            if len(listed) > cap:  # the posts nearest in time to this one
                lo = max(0, min(at - half, len(listed) - cap))
                listed = listed[lo:lo + cap]
            for j in listed:
                scores[j] = get(j, 0) + w
        scores.pop(i, None)
        if not scores:
            out.append([])
            continue
        # Highest score first, then the newest: one whole number per candidate says both.
        best = heapq.nlargest(limit, [score * n + rank[j] for j, score in scores.items()])
        out.append([posts[order[key % n]] for key in best])
    return out
