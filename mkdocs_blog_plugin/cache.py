"""Records that outlive a build: what makes ``--dirty`` builds right and ``mkdocs serve`` fast.

MkDocs skips reading, rendering and writing a page under ``--dirty`` when its output is newer
than its source. The blog builds listings, feeds and post headers from what every post rendered,
so a skipped post would vanish from them. Here each page leaves a *record* behind:

- for every page: the key of its source, its URL, the files its links resolved against and
  its title (the nav shows it);
- for a post, what it gives the listings: excerpt, reading time, TOC, full content for
  full-content feeds, and a fingerprint of what its header and footer showed.

A record is only trusted when everything it was made from is unchanged: the page's source, its
URL, what each of its links resolves to, and the *build key* (this module's format, the plugin's
code, the versions of MkDocs and Markdown, the whole MkDocs config: Markdown extensions and their
options, every plugin's options, the theme and its language, ``site_dir``). Anything else means
the page is built again, so a stale record costs time, never correctness.

Under ``--dirty`` (``decide``, ``settle``) pages MkDocs would skip are made to build again when
their record cannot stand in for them, when their header or footer changed (previous/next,
tags, ...), or when the nav changed; a listing page only when a post it lists or what it shows
of them changed (``listing_key``). Outputs a build no longer
makes (a deleted post, a tag nobody uses any more) are removed (``finish``).

Under plain ``mkdocs serve`` (``reuse_render`` / ``keep_render``) a post's rendered HTML is kept
in memory and used again while its Markdown, after every plugin's ``on_page_markdown``, its URL,
its links' targets and the build key are unchanged. ``on_page_content`` hooks still run on it.

The records live in memory across ``mkdocs serve`` rebuilds (the plugin object survives them)
and, for ``mkdocs build``, in one JSON file under ``cache_dir`` (default ``.cache/blog-plugin``
beside mkdocs.yml), written atomically. A file that cannot be read, does not parse or was made
under another build key is ignored and replaced; nothing in it is ever executed.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any, Callable

from mkdocs.structure.toc import get_toc

from .records import (  # noqa: F401 (FILE_NAME is read from here too)
    FILE_NAME, LINKS, READS_OTHER_FILES, Render, Store, build_key, cache_path, digest, link_signature,
    header_key, links_hold, listing_key, load, nav_key, save, toc_pack, toc_tokens, toc_unpack,
)


# -- one build ------------------------------------------------------------------------------------


def _always_modified() -> bool:
    return True


def _never_modified() -> bool:
    return False


def force(file: Any) -> None:
    """Make MkDocs read, render and write this page even under ``--dirty``."""
    file.is_modified = _always_modified


@dataclass(eq=False)
class Session:
    """What one build knows about the records; ``state.BlogBuild.cache`` holds it."""

    store: Store
    path: str | None  # the cache file, None for memory only
    persist: bool  # write the file at the end (not while serving: its site_dir is temporary)
    log: Any
    explicit: bool = False  # cache_dir was set, or the command asked for --dirty: the file is written
    serving: bool = False  # rendered HTML is kept for the next rebuild
    dirty: bool = False  # MkDocs skips pages whose source is older than their output
    key: str = ""
    trusted: bool = False  # the pages on disk are the ones the records describe
    reuse: bool = True  # rendered HTML may be reused
    sources: dict[str, str] = field(default_factory=dict)  # src_uri -> source key, this build
    records: dict[str, dict] = field(default_factory=dict)  # this build's records
    valid: dict[str, dict] = field(default_factory=dict)  # records standing in for skipped pages
    restored: set = field(default_factory=set)  # ids of pages whose title we set
    nav: Any = None
    shown: dict = field(default_factory=dict)  # listing_key's memo, while the posts stay as they are
    page_shows: dict = field(default_factory=dict)  # src_uri -> ``shows``, once every page is read
    templates: tuple | None = None  # reuse.py: the stamp of our templates, this build
    parts: Any = None  # reuse.Memo over store.parts, this build
    reused: dict = field(default_factory=dict)  # src_uri -> the kept render used for the page
    live: set = field(default_factory=set)  # src_uri of every page this build rendered
    signatures: dict = field(default_factory=dict)  # reuse.signature: abs_src_path -> stat facts
    related: Any = None  # kept_related: [key, indices], this build's, for the records

    @property
    def keeps_records(self) -> bool:
        """Whether a build will read this one's records: a later ``--dirty`` build, from the file
        or, while serving with ``--dirty``, from memory. Plain ``mkdocs serve`` needs none."""
        return self.persist or self.dirty


def start(
    store: Store, config: Any, plugin_config: Any, *, serving: bool, dirty: bool, log: Any
) -> Session | None:
    """on_config: where the records live for this build; None when nothing would use them: a
    plain ``mkdocs build`` (not ``--dirty``, no ``cache_dir``) before the cache folder exists
    keeps no records, and costs nothing."""
    path = cache_path(config, plugin_config)
    explicit = bool(plugin_config.get("cache_dir")) or dirty
    if not serving and not explicit and (path is None or not os.path.isdir(os.path.dirname(path))):
        return None
    LINKS.processor.active = True
    return Session(
        store=store, path=path, persist=not serving, log=log, explicit=explicit, serving=serving, dirty=dirty
    )


def _source_key(file: Any, extra: str) -> str | None:
    try:
        data = file.content_bytes
    except (OSError, ValueError):
        return None
    return digest(data + b"\0" + extra.encode("utf-8"))


def open_records(build: Any) -> Session | None:
    """The build key, and the records of the last build made under it (in memory while serving,
    else from the cache file for a ``--dirty`` build), once a build: the first stage that needs
    them asks (on_files for the related posts, on_nav for the pages)."""
    session: Session | None = build.cache
    if session is None or session.key:
        return session
    store = session.store
    session.key = key = build_key(build.config)
    if store.key != key:  # another project, another config: only the file may still be of use
        store.reset(key)
        if session.path and session.dirty:  # only a --dirty build reads the records
            data = load(session.path, key, session.log)
            if data is not None:
                store.records = data["records"]
                store.nav = data.get("nav")
                store.outputs = [o for o in data["outputs"] if isinstance(o, str)]
                store.related = data.get("related")
    return session


def kept_related(build: Any, key: str, count: int, make: Callable[[], list]) -> list:
    """The related posts (each post's list of indices into the ``count`` candidates) the records
    hold under ``key`` (a digest of all they are computed from), else ``make()``; kept for the
    next ``--dirty`` build either way."""
    session = open_records(build)
    if session is None:
        return make()
    kept = session.store.related
    if not _related_hold(kept, key, count):
        kept = [key, make()]
    session.related = kept
    return kept[1]


def _related_hold(kept: Any, key: str, count: int) -> bool:
    """Whether the records' related posts are for ``key`` and well formed (the file is input)."""
    if not (isinstance(kept, list) and len(kept) == 2 and kept[0] == key and isinstance(kept[1], list)):
        return False
    found = kept[1]
    return len(found) == count and all(
        isinstance(near, list) and all(type(i) is int and 0 <= i < count and i != own for i in near)
        for own, near in enumerate(found)
    )


def decide(build: Any, nav: Any) -> None:
    """on_nav: check every page's record; a page whose record cannot stand in for it is made to
    build again (``force``), one that can gives its post's facts to the listings now."""

    from . import reuse

    session: Session | None = build.cache
    if session is None:
        return
    store = session.store
    config, files = build.config, build.files
    session.nav = nav
    open_records(build)
    session.trusted = store.nav is not None
    # A build that creates the cache folder by itself is a --dirty one (MkDocs left site_dir as
    # it was; a clean build emptied it before on_files): a plain `mkdocs build` writes nothing
    # outside site_dir until the folder exists or `cache_dir` is set.
    if session.persist and session.path and not session.explicit and not os.path.isdir(os.path.dirname(session.path)):
        session.persist = _has_output(config.site_dir)
    extensions = [e if isinstance(e, str) else type(e).__module__ for e in config.markdown_extensions]
    session.reuse = not any(e == n or e.startswith(n + ".") for e in extensions for n in READS_OTHER_FILES)

    # Liquid resolves links to other posts: a post that uses it depends on the set of posts too.
    liquid = ""
    if build.options.jekyll.liquid:
        liquid = digest(json.dumps(sorted([e.src_uri, e.url] for e in build.entries.values())))
    full = build.options.feeds.full_content
    listings = []
    for file in _built_pages(files, build.serving):
        page = file.page
        entry = build.entry_of(page)
        if entry is not None:
            page.cache = session  # for PostPage.render: rendered HTML kept while serving
        if build.listing_of(page) is not None:
            listings.append(file)  # decided below, once every post's record is known
            continue
        if entry is None and _lists_posts(file):
            force(file)  # a <!-- blog:posts --> list shows the posts as they are now
            continue
        extra = ""
        if entry is not None and liquid:
            post = entry.post
            if "{%" in post.body or "{{" in post.body:
                extra = liquid
        source = session.sources[file.src_uri] = reuse.source_key(
            build, file, extra, lambda: _source_key(file, extra)) or ""
        if not session.dirty:  # MkDocs builds every page: the records only need their sources
            continue
        record = store.records.get(file.src_uri)
        ok = (
            session.trusted and record is not None and source and record.get("source") == source
            and record.get("url") == file.url and links_hold(record.get("links", ()), files)
        )
        if ok and entry is not None:
            ok = "excerpt" in record and (not full or record.get("content") is not None)
        if not ok:
            force(file)
            continue
        session.valid[file.src_uri] = record
        if entry is not None:
            _restore_post(entry, record)
    session.shown = {}
    for file in listings if session.dirty else ():
        _decide_listing(build, session, file)
    session.shown = {}  # the pages read next change what the posts show
    if not session.trusted:
        for file in files:
            force(file)


def _lists_posts(file: Any) -> bool:
    from .post_lists import OPEN

    try:
        return OPEN.encode("utf-8") in file.content_bytes
    except (OSError, ValueError):
        return True


def _decide_listing(build: Any, session: Session, file: Any) -> None:
    """A listing page is written again unless every post it lists kept its record and what it
    shows is what it showed (``listing_key``); then MkDocs may skip it under ``--dirty``."""
    spec = build.listing_of(file.page)
    record = session.store.records.get(file.src_uri)
    ok = (
        session.trusted and record is not None and record.get("url") == file.url
        and not build.options.display.keep_content  # page 1's text on every page: build them all
        and all(e.src_uri in session.valid for e in spec.posts)
        and record.get("listing") == listing_key(build, spec, session.shown)
    )
    if ok and file.abs_src_path:  # a page of the site's own supplies the intro
        ok = record.get("source") == (_source_key(file, "") or "") and not _lists_posts(file)
    if not ok:
        force(file)
        return
    session.valid[file.src_uri] = record
    if not file.abs_src_path:
        file.is_modified = _never_modified  # generated: MkDocs would always write it


def _built_pages(files: Any, serving: bool) -> list:
    """The Markdown pages this build writes (drafts included while serving)."""
    from mkdocs.structure.files import InclusionLevel

    return files.documentation_pages(inclusion=InclusionLevel.is_in_serve if serving else InclusionLevel.is_included)


def _has_output(site_dir: str) -> bool:
    try:
        return any(not name.startswith(".") for name in os.listdir(site_dir))
    except OSError:
        return False


def _restore_post(entry: Any, record: dict) -> None:
    from .excerpts import Excerpt

    entry.excerpt = Excerpt(record["excerpt"], bool(record.get("truncated")))
    entry.reading_time = int(record.get("reading_time") or 1)
    entry.content_html = record.get("content")


def page_done(build: Any, page: Any) -> None:
    """on_page_content (after ours): the record of a page that was just rendered."""
    session: Session | None = build.cache
    if session is None:
        LINKS.processor.seen = []
        return
    session.live.add(page.file.src_uri)
    if not session.keeps_records:
        LINKS.processor.seen = []
        return
    if build.listing_of(page) is not None:  # its record is made once it is assembled (page_written)
        LINKS.processor.seen = []
        session.records[page.file.src_uri] = {
            "source": _source_key(page.file, "") or "" if page.file.abs_src_path else "", "url": page.file.url,
        }
        return
    src = page.file.src_uri
    kept = session.reused.pop(src, None)
    if kept is not None and list(kept.seen) == LINKS.processor.seen:
        links = kept.links  # checked to hold when the render was reused
    else:
        links = link_signature(LINKS.processor.seen, src, page.file.url, build.files)
    record = {"source": session.sources.get(src, ""), "url": page.file.url, "links": links, "title": page.title}
    LINKS.processor.seen = []
    entry = build.entry_of(page)
    if entry is not None:
        record.update(
            excerpt=entry.excerpt.html if entry.excerpt else "", truncated=bool(entry.excerpt and entry.excerpt.truncated),
            reading_time=entry.reading_time, toc=toc_tokens(page.toc),
            content=entry.content_html if build.options.feeds.full_content else None,
        )
    session.records[src] = record


def page_start() -> None:
    """on_page_markdown: the links noted from here on belong to this page."""
    LINKS.processor.seen = []


def page_written(build: Any, page: Any) -> None:
    """on_page_context (after assembly): the page's title, and the header and footer a post's
    page now shows."""
    session: Session | None = build.cache
    record = session.records.get(page.file.src_uri) if session is not None else None
    if record is None:
        return
    record["title"] = page.title  # as the nav shows it, after every plugin had its say
    if build.entry_of(page) is not None:
        record["header"] = shows(build, page)
    elif build.listing_of(page) is not None:
        record["listing"] = shows(build, page)


def shows(build: Any, page: Any) -> Any:
    """What a post's header and footer (``header_key``) or a listing page (``listing_key``) show,
    worked out once a page after every page is read (on_page_context); None for other pages and
    when no records are kept. A digest when records keep it, else the facts themselves."""
    from . import reuse

    session: Session | None = build.cache
    if session is None:
        return None
    src = page.file.src_uri
    key = session.page_shows.get(src)
    if key is None:
        entry = build.entry_of(page)
        spec = build.listing_of(page) if entry is None else None
        raw = not session.keeps_records  # a key in memory only: compared, never stored
        same = reuse.same_as_before(build) if raw else None
        if entry is not None:
            key = header_key(entry, session.shown, raw=raw, same=same)
        elif spec is not None:
            key = listing_key(build, spec, session.shown, raw=raw, same=same)
        else:
            return None
        session.page_shows[src] = key
    return key


def settle(build: Any) -> None:
    """on_env, after MkDocs read what it was going to read: pages it skipped get their title back
    from their record; those whose nav, header or footer changed are built after all."""

    session: Session | None = build.cache
    if session is None:
        return
    config, files = build.config, build.files
    skipped = [f.page for f in _built_pages(files, build.serving) if f.page is not None and f.page.markdown is None]
    later: dict[int, Any] = {}
    for page in skipped:
        record = session.valid.get(page.file.src_uri)
        if record is None:  # no record to stand in for it (a page made after on_nav)
            later[id(page)] = page
            continue
        if "title" not in page.__dict__:
            page.title = record.get("title")
            session.restored.add(id(page))
        page.toc = get_toc(record.get("toc") or [])
        session.records[page.file.src_uri] = record
    shown_nav = nav_key(session.nav)
    if shown_nav != session.store.nav:
        later = {id(page): page for page in skipped}  # every page shows the nav
    else:
        for page in skipped:
            entry = build.entry_of(page)
            if entry is not None and id(page) not in later:
                record = session.records.get(page.file.src_uri, {})
                # Related links show other pages' titles: such a post is always written again.
                if entry.post.links or record.get("header") != header_key(entry, session.shown):
                    later[id(page)] = page
    session.store.nav = shown_nav
    if not later:
        return
    from mkdocs.commands.build import _populate_page

    for page in later.values():
        if id(page) in session.restored:
            del page.title
        force(page.file)
        _populate_page(page, config, files)


def reuse_render(page: Any, files: Any) -> bool:
    """``PostPage.render`` under ``mkdocs serve``: the previous build's HTML when nothing that
    made it changed. Sets what ``Page.render`` would."""
    session: Session | None = getattr(page, "cache", None)
    if session is None or not session.reuse:
        return False
    kept = session.store.renders.get(page.file.src_uri)
    if kept is None or kept.url != page.url or kept.markdown != digest(page.markdown or ""):
        return False
    if not links_hold(kept.links, files):
        return False
    page.content = kept.content
    page.toc = toc_unpack(kept.toc)
    page._title_from_render = kept.title
    page.present_anchor_ids = set(kept.anchors) if kept.anchors is not None else None
    if kept.links_to_anchors is not None:
        found = {files.get_file_from_path(src): dict(v) for src, v in kept.links_to_anchors}
        page.links_to_anchors = {f: v for f, v in found.items() if f is not None}
    LINKS.processor.seen = list(kept.seen)
    session.reused[page.file.src_uri] = kept
    return True


def keep_render(page: Any, files: Any) -> None:
    """After ``PostPage.render`` converted the Markdown: keep the HTML for the next rebuild
    (only while serving: a ``mkdocs build`` process builds once)."""
    session: Session | None = getattr(page, "cache", None)
    if session is None or not session.serving or not session.reuse:
        return
    seen = tuple(LINKS.processor.seen)
    anchors = page.links_to_anchors
    # Tuples of text only: thousands of kept renders add nothing for the garbage collector to walk.
    session.store.renders[page.file.src_uri] = Render(
        markdown=digest(page.markdown or ""), url=page.url,
        links=tuple(tuple(pair) for pair in link_signature(seen, page.file.src_uri, page.url, files)), seen=seen,
        content=page.content, toc=toc_pack(page.toc), title=page._title_from_render,
        anchors=tuple(page.present_anchor_ids) if page.present_anchor_ids is not None else None,
        links_to_anchors=tuple((f.src_uri, tuple(v.items())) for f, v in anchors.items()) if anchors is not None else None,
    )


def finish(build: Any, site_dir: str) -> None:
    """on_post_build: remove what the previous build wrote and this one no longer makes, then
    keep the records (in memory, and in the cache file)."""
    from . import feed_plan

    session: Session | None = build.cache
    if session is None:
        return
    store = session.store
    serving = build.serving
    outputs = set()
    for file in build.files:
        level = file.inclusion
        if level.is_included() or (serving and level.is_in_serve()):
            outputs.add(file.dest_uri)
    o = build.options.feeds
    if o.enabled and build.views is not None and build.site.known:
        for group in feed_plan.plan(build.options.blog_dir, o, build.posts, build.views):
            outputs.update(path for path, _, _ in group.feeds)
    root = os.path.abspath(site_dir)
    if session.trusted:
        for gone in sorted(set(store.outputs) - outputs):
            _remove(root, gone)
    store.outputs = sorted(outputs)
    store.records = session.records
    store.related = session.related
    if session.path and session.persist:
        save(session.path, store, session.log)
    live = session.live
    for src in [s for s in store.renders if s not in live]:
        del store.renders[src]
    session.parts = None  # the last build's parts, now that this build kept its own (reuse.Memo)


def _remove(root: str, dest_uri: str) -> None:
    """Delete one output file of an earlier build, and the folders it leaves empty."""
    path = os.path.abspath(os.path.join(root, *dest_uri.split("/")))
    if not path.startswith(root + os.sep) or not os.path.isfile(path):
        return
    try:
        os.remove(path)
        folder = os.path.dirname(path)
        while folder != root and folder.startswith(root + os.sep) and not os.listdir(folder):
            os.rmdir(folder)
            folder = os.path.dirname(folder)
    except OSError:
        pass


def failed(build: Any) -> None:
    """on_build_error: what is on disk is unknown now; the next build starts from scratch."""
    session: Session | None = getattr(build, "cache", None) if build is not None else None
    if session is not None:
        session.store.reset(None)
