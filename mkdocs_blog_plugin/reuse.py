"""What a ``mkdocs serve`` rebuild takes from the build before it, besides a post's rendered HTML
(``cache.reuse_render``): the parts the blog makes of each page.

- a file's text and source key, while the file is untouched (``file_text``, ``source_key``);
- a post as its file says it (``posts``), related posts (``related``);
- what a post's HTML gives (``html_facts``: excerpt, reading time, first picture, summary);
- a post's header and footer (``post_parts``) and its sharing metadata (``head``);
- what a page's ``<head>`` already has (``head_has``);
- a listing page's content (``listing``);
- feed entries and feed files (``feeds``).

Each part is kept in memory (``records.Store.parts``) with the key it was made from and used again
only when the key is the same; what a build does not ask for is not kept for the next. A key
holds the build key (MkDocs config, plugin code, versions), where our templates come from and when they changed, and what the page shows: the facts a
``--dirty`` build trusts to leave a page on disk as it is (``cache.shows``: ``records.header_key``,
``records.listing_key``), the post's source and the page's place. Parts that read other pages
(a post's related ``links:``, an excerpt written in the front matter, whose links are resolved
against the files) are always made again.

A plain ``mkdocs build`` keeps nothing: it builds once. A build that keeps records for a later
``--dirty`` build keeps the related posts with them, in the cache file (``cache.kept_related``).
"""

from __future__ import annotations

import json
import os
import time
from typing import Any, Callable, Collection, Sequence, TypeVar

from . import cache
from .records import digest

T = TypeVar("T")

#: A file written less than this long before it was looked at may be written again with the same
#: size and times (file systems keep times to a resolution: up to 2 s on FAT): its text is read
#: again on the next build rather than trusted by its times.
SETTLED_NS = 3_000_000_000


class Memo:
    """Parts the last build made, by slot, each with the key it was made from. ``take`` gives the
    kept part when the key is the same, else makes it; what this build takes or makes is what
    the next one finds (nothing stale piles up)."""

    def __init__(self, before: dict) -> None:
        self.before: dict = before
        self.now: dict = {}

    def get(self, slot: Any, key: Any) -> Any:
        """The kept part if it was made from ``key`` (and kept for the next build), else None."""
        kept = self.before.get(slot)
        if kept is None or kept[0] != key:
            return None
        self.now[slot] = kept
        return kept[1]

    def keep(self, slot: Any, key: Any, value: Any) -> None:
        self.now[slot] = (key, value)

    def take(self, slot: Any, key: Any, make: Callable[[], T]) -> T:
        kept = self.before.get(slot)
        value = kept[1] if kept is not None and kept[0] == key else make()
        self.now[slot] = (key, value)
        return value


def _session(build: Any) -> Any:
    session = build.cache
    if session is None or not session.serving or not session.key:
        return None
    return session


def _memo(session: Any) -> Memo:
    """This build's ``Memo`` over the parts the last build kept (``records.Store.parts``)."""
    if session.parts is None:
        session.parts = Memo(session.store.parts)
        session.store.parts = session.parts.now
    return session.parts


def _take(session: Any, part: str, page: Any, key: tuple, make: Callable[[], T]) -> T:
    return _memo(session).take((part, page.file.src_uri), key, make)


def signature(build: Any, file: Any) -> tuple | None:
    """The file's inode, size and change and modification times, once a build, while serving;
    None for a file without a path of its own, or one written too recently to be told apart from
    a write to come by these alone (``SETTLED_NS``)."""
    session = build.cache
    path = file.abs_src_path
    if session is None or not session.serving or not path:
        return None
    found = session.signatures.get(path, False)
    if found is False:
        try:
            st = os.stat(path)
        except OSError:
            found = None
        else:
            newest = max(st.st_mtime_ns, st.st_ctime_ns)
            settled = time.time_ns() - newest > SETTLED_NS
            found = (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns) if settled else None
        session.signatures[path] = found
    return found


def file_text(build: Any, file: Any, read: Callable[[], str]) -> str:
    """on_files: a post file's text, as the last build read it when the file was not touched
    since (``signature``), else ``read()``."""
    found = signature(build, file)
    if found is None:
        return read()
    return _memo(build.cache).take(("text", file.src_uri), found, read)


def source_key(build: Any, file: Any, extra: str, make: Callable[[], T]) -> T:
    """on_nav: a page's source key (``cache._source_key``) while its file is untouched."""
    found = signature(build, file)
    if found is None:
        return make()
    return _memo(build.cache).take(("source", file.src_uri), (found, extra), make)


def same_as_before(build: Any) -> Callable[[Any, tuple], tuple] | None:
    """While serving, ``same(slot, facts)``: ``facts``, or the equal facts the last build kept in
    that slot (then the keys that hold them compare by identity, not item by item)."""
    session = _session(build)
    if session is None:
        return None
    memo = _memo(session)

    def same(slot: Any, facts: tuple) -> tuple:
        kept = memo.get(slot, facts)
        if kept is None:
            memo.keep(slot, facts, facts)
            return facts
        return kept

    return same


def feeds(build: Any) -> Memo | None:
    """on_post_build: feed entries and feed texts (``feed_plan.FeedEntries``, ``feeds_writer``).
    Their keys are all they are made from (``feeds.FeedEntry``, ``feeds.FeedInfo`` are values)."""
    session = _session(build)
    return _memo(session) if session is not None else None


def _templates(build: Any, session: Any) -> tuple:
    if session.templates is None:
        session.templates = build.renderer.stamp()
    return session.templates


def posts(build: Any) -> Memo | None:
    """on_files: the posts the last build read (``catalog.read``), each by the text it was read from."""
    session = build.cache
    return _memo(session) if session is not None and session.serving else None


def related(build: Any, posts: list, limit: int, compute: Callable[[list, int], list]) -> list:
    """on_files: ``related.compute(posts, limit)``, taken from the last build when every post has
    the date, place and terms it had (all it is computed from): from memory while serving, from
    the records for a ``--dirty`` build."""
    session = build.cache
    if session is None or not (session.serving or session.keeps_records):
        return compute(posts, limit)
    key = (limit, tuple((p.src_uri, p.post.date, tuple(p.categories), tuple(p.tags)) for p in posts))
    place = {id(p): i for i, p in enumerate(posts)}

    def indices() -> list:
        return [[place[id(q)] for q in near] for near in compute(posts, limit)]

    if session.serving:
        found = _memo(session).take(("related",), key, lambda: tuple(tuple(near) for near in indices()))
    else:
        found = cache.kept_related(build, digest(json.dumps(key, default=str)), len(posts), indices)
    return [[posts[i] for i in near] for near in found]


def html_facts(build: Any, entry: Any, html: str, make: Callable[[], T]) -> T:
    """on_page_content: what a post's HTML gives, when the HTML is what it was."""
    session = _session(build)
    post = entry.post
    if session is None or post.excerpt_markdown is not None:
        return make()
    key = (session.key, digest(html), entry.url, post.readtime, post.excerpt_separator)
    return _unpack_facts(_take(session, "html", entry.page, key, lambda: _pack_facts(make())))


# Parts are kept as tuples of strings and numbers where they can be: the garbage collector
# stops looking at such a tuple, and the server keeps thousands of parts between rebuilds.


def _pack_facts(facts: tuple) -> tuple:
    first_image, reading_time, excerpt, summary = facts
    if excerpt is not None:
        excerpt = (excerpt.html, excerpt.truncated, excerpt.separated)
    return first_image, reading_time, excerpt, summary


def _unpack_facts(facts: tuple) -> tuple:
    from .excerpts import Excerpt

    first_image, reading_time, excerpt, summary = facts
    return first_image, reading_time, Excerpt(*excerpt) if excerpt is not None else None, summary


def post_parts(build: Any, page: Any, entry: Any, place: tuple, make: Callable[[], T]) -> T:
    """on_page_context: a post's header and footer; ``place`` is ``assembly.post_key``."""
    session = _session(build)
    source = session.sources.get(page.file.src_uri) if session is not None else None
    if session is None or not source or entry.post.links:
        return make()
    key = (session.key, _templates(build, session), source, cache.shows(build, page), place)
    return _take(session, "post", page, key, make)


def head(build: Any, page: Any, entry: Any, place: tuple, make: Callable[[], Sequence[T]]) -> Sequence[T]:
    """on_post_page: a post's sharing metadata; ``place`` is ``assembly.head_key``."""
    session = _session(build)
    source = session.sources.get(page.file.src_uri) if session is not None else None
    if session is None or not source:
        return make()
    excerpt = entry.excerpt.html if entry.excerpt is not None else None
    key = (session.key, source, cache.shows(build, page), entry.summary, entry.first_image, excerpt, place)
    return _take(session, "head", page, key, lambda: tuple(make()))


def head_has(build: Any, page: Any, head_html: str, make: Callable[[], Collection[str]]) -> Collection[str]:
    """on_post_page: what a page's ``<head>`` has (``social.existing``), when it is what it was."""
    session = _session(build)
    if session is None:
        return make()
    return _take(session, "has", page, (digest(head_html),), lambda: tuple(make()))


def listing(build: Any, page: Any, place: tuple, make: Callable[[], T]) -> T:
    """on_page_context: a listing page's content; ``place`` is ``assembly.listing_key`` (title,
    intro, way back to the root)."""
    session = _session(build)
    if session is None:
        return make()
    key = (session.key, _templates(build, session), cache.shows(build, page), place)
    return _take(session, "listing", page, key, make)
