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
tags, ...), or when the nav changed; listing pages are always built. Outputs a build no longer
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

import hashlib
import json
import os
import posixpath
import tempfile
from dataclasses import dataclass, field
from typing import Any, Iterable
from urllib.parse import unquote, urlsplit

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from mkdocs.exceptions import PluginError
from mkdocs.structure.toc import get_toc

#: Bump when the record layout or its meaning changes: older files are then ignored.
FORMAT = 1
FILE_NAME = "records.json"
DEFAULT_DIR = os.path.join(".cache", "blog-plugin")

#: Extensions that read other files while converting: a page's Markdown no longer says
#: everything about its HTML, so nothing rendered is reused while one of them is on.
_READS_OTHER_FILES = ("pymdownx.snippets", "markdown_include", "mdx_include", "include")


# -- the links a page's Markdown made -------------------------------------------------------------


class _LinkRecorder(Treeprocessor):
    """Notes every ``a[href]`` and ``img[src]`` before MkDocs resolves them (it runs at priority
    0; this at 2), so a record knows which files its page's HTML depends on."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            key = "href" if element.tag == "a" else "src" if element.tag == "img" else None
            value = element.get(key) if key else None
            if value:
                self.seen.append(value)


class LinkRecorderExtension(Extension):
    """Registered once in ``markdown_extensions`` (``configure``), like the header slot."""

    def __init__(self) -> None:
        super().__init__()
        self.processor = _LinkRecorder()

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(self.processor, "blog_plugin_link_recorder", 2)


LINKS = LinkRecorderExtension()


def _targets(src_uri: str, url: str, link: str) -> list[str]:
    """The files MkDocs may resolve ``link`` on page ``src_uri`` (served at ``url``) against: a
    superset of what ``mkdocs.structure.pages`` looks at, so a record never misses one."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or not parts.path:
        return []
    path = unquote(parts.path)
    found = []
    for base in (src_uri, url):
        target = posixpath.normpath(posixpath.join(posixpath.dirname(base), path).lstrip("/"))
        found += [target, posixpath.join(target, "index.md"), posixpath.join(target, "README.md")]
    return found


def link_signature(links: Iterable[str], src_uri: str, url: str, files: Any) -> list[list]:
    """``[[target, url or None], ...]``: what each possible link target is in ``files`` now."""
    seen: dict[str, str | None] = {}
    for link in links:
        for target in _targets(src_uri, url, link):
            if target not in seen:
                file = files.get_file_from_path(target)
                seen[target] = file.url if file is not None else None
    return [[t, u] for t, u in sorted(seen.items(), key=lambda item: item[0])]


def _links_hold(signature: Any, files: Any) -> bool:
    for target, url in signature:
        file = files.get_file_from_path(target)
        if (file.url if file is not None else None) != url:
            return False
    return True


# -- keys -----------------------------------------------------------------------------------------


def _stable(value: Any, depth: int = 0) -> Any:
    """A JSON-able picture of a config value that is the same in every process (no ids, no
    memory addresses): functions by name, unknown objects by type and their settings."""
    if depth > 12:
        return "..."
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, dict) or (hasattr(value, "items") and hasattr(value, "keys")):
        try:
            items = list(value.items())
        except Exception:  # noqa: BLE001 (a mapping-like object that cannot list itself)
            return type(value).__qualname__
        return sorted(([str(k), _stable(v, depth + 1)] for k, v in items), key=lambda kv: kv[0])
    if isinstance(value, (list, tuple)):
        return [_stable(v, depth + 1) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((_stable(v, depth + 1) for v in value), key=repr)
    kind = f"{type(value).__module__}.{type(value).__qualname__}"
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{getattr(value, '__module__', '')}.{value.__qualname__}"
    settings = None
    if hasattr(value, "getConfigs"):  # a Markdown extension given as an object
        settings = value.getConfigs()
    elif hasattr(value, "config") and hasattr(value.config, "items"):  # a plugin
        settings = value.config
    elif type(value).__name__ == "Theme":
        settings = {"name": value.name, "dirs": value.dirs, "vars": getattr(value, "_vars", {})}
    elif hasattr(value, "isoformat"):
        return value.isoformat()
    return [kind, _stable(settings, depth + 1)] if settings is not None else kind


def _code_stamp() -> list:
    """The plugin's own files (code and templates): a new version of them is a new build key."""
    root = os.path.dirname(os.path.abspath(__file__))
    stamp = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            path = os.path.join(folder, name)
            st = os.stat(path)
            stamp.append([os.path.relpath(path, root), st.st_size, st.st_mtime_ns])
    return stamp


def build_key(config: Any) -> str:
    import markdown
    import mkdocs

    try:
        from importlib.metadata import version

        ours = version("mkdocs-blog-plugin")
    except Exception:  # noqa: BLE001 (not installed as a distribution: the code stamp decides)
        ours = "?"
    parts = {
        "format": FORMAT, "plugin": ours, "code": _code_stamp(), "mkdocs": mkdocs.__version__,
        "markdown": markdown.__version__,
        "config": _stable({k: v for k, v in config.items() if not k.startswith("_")}),
    }
    return _digest(json.dumps(parts, sort_keys=True, default=str))


def _digest(text: str | bytes) -> str:
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    return hashlib.sha256(data).hexdigest()


def _toc_tokens(toc: Any) -> list[dict]:
    return [{"level": i.level, "id": i.id, "name": i.title, "children": _toc_tokens(i.children)} for i in toc]


# -- the store ------------------------------------------------------------------------------------


@dataclass
class Render:
    """A post's HTML as ``Page.render`` made it (memory only, for ``mkdocs serve``)."""

    markdown: str  # digest of the Markdown after every on_page_markdown hook
    url: str
    links: list  # link_signature at render time
    seen: list  # the raw links, fed back to the recorder when reused
    content: str
    toc: list
    title: str | None
    anchors: Any
    links_to_anchors: Any  # {src_uri: {anchor: original link}} or None


@dataclass
class Store:
    """Kept by the plugin object for its whole life: ``mkdocs serve`` rebuilds share it."""

    key: str | None = None  # the build key the records were made under
    records: dict[str, dict] = field(default_factory=dict)  # by src_uri
    nav: str | None = None  # fingerprint of the nav the pages on disk show
    outputs: list[str] = field(default_factory=list)  # dest_uri of every file written
    renders: dict[str, Render] = field(default_factory=dict)  # by src_uri, memory only

    def reset(self, key: str | None) -> None:
        self.key, self.records, self.nav, self.outputs, self.renders = key, {}, None, [], {}


def cache_path(config: Any, plugin_config: Any) -> str | None:
    """The cache file, or None when ``cache: false``. Refuses a folder that the build reads or
    cleans (docs_dir, site_dir) with a clear message."""
    if not plugin_config.get("cache", True):
        return None
    base = os.path.dirname(os.path.abspath(config.config_file_path)) if config.config_file_path else os.getcwd()
    folder = os.path.abspath(os.path.join(base, plugin_config.get("cache_dir") or DEFAULT_DIR))
    for name in ("docs_dir", "site_dir"):
        inside = os.path.abspath(config[name])
        if folder == inside or folder.startswith(inside + os.sep):
            raise PluginError(f"cache_dir '{folder}' is inside {name} '{inside}': choose a folder outside it")
    blog_dir = str(plugin_config.get("blog_dir") or "blog").strip("/")
    if blog_dir == "blog":
        return os.path.join(folder, FILE_NAME)
    # Each blog of a site keeps its own records.
    return os.path.join(folder, "records-" + _digest(blog_dir.encode("utf-8"))[:12] + ".json")


def _load(path: str, key: str, log: Any) -> dict | None:
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as e:
        log.info(f"cache file {path} cannot be read ({e}); it is rebuilt")
        return None
    ok = (
        isinstance(data, dict) and data.get("format") == FORMAT and isinstance(data.get("records"), dict)
        and isinstance(data.get("outputs"), list) and all(isinstance(r, dict) for r in data["records"].values())
    )
    if not ok:
        log.info(f"cache file {path} is not one this version wrote; it is rebuilt")
        return None
    return data if data.get("key") == key else None


def _save(path: str, store: Store, log: Any) -> None:
    data = {"format": FORMAT, "key": store.key, "nav": store.nav, "outputs": store.outputs, "records": store.records}
    folder = os.path.dirname(path)
    try:
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".records-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(data, f, ensure_ascii=False, separators=(",", ":"))
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
    except OSError as e:
        log.warning(f"cannot write the cache file {path}: {e.strerror or e}")


# -- one build ------------------------------------------------------------------------------------


def _always_modified() -> bool:
    return True


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
    key: str = ""
    trusted: bool = False  # the pages on disk are the ones the records describe
    reuse: bool = True  # rendered HTML may be reused
    sources: dict[str, str] = field(default_factory=dict)  # src_uri -> source key, this build
    records: dict[str, dict] = field(default_factory=dict)  # this build's records
    valid: dict[str, dict] = field(default_factory=dict)  # records standing in for skipped pages
    restored: set = field(default_factory=set)  # ids of pages whose title we set
    nav: Any = None


def start(store: Store, config: Any, plugin_config: Any, *, serving: bool, dirty: bool, log: Any) -> Session:
    """on_config: where the records live for this build."""
    return Session(
        store=store, path=cache_path(config, plugin_config), persist=not serving, log=log,
        explicit=bool(plugin_config.get("cache_dir")) or dirty, serving=serving,
    )


def _source_key(file: Any, extra: str) -> str | None:
    try:
        data = file.content_bytes
    except (OSError, ValueError):
        return None
    return _digest(data + b"\0" + extra.encode("utf-8"))


def decide(build: Any, nav: Any) -> None:
    """on_nav: check every page's record; a page whose record cannot stand in for it is made to
    build again (``force``), one that can gives its post's facts to the listings now."""

    session: Session = build.cache
    store = session.store
    config, files = build.config, build.files
    session.nav = nav
    session.key = key = build_key(config)
    if store.key != key:  # another project, another config: only the file may still be of use
        store.reset(key)
        if session.path:
            data = _load(session.path, key, session.log)
            if data is not None:
                store.records = data["records"]
                store.nav = data.get("nav")
                store.outputs = [o for o in data["outputs"] if isinstance(o, str)]
    session.trusted = store.nav is not None
    # A build that creates the cache folder by itself is a --dirty one (MkDocs left site_dir as
    # it was; a clean build emptied it before on_files): a plain `mkdocs build` writes nothing
    # outside site_dir until the folder exists or `cache_dir` is set.
    if session.persist and session.path and not session.explicit and not os.path.isdir(os.path.dirname(session.path)):
        session.persist = _has_output(config.site_dir)
    extensions = [e if isinstance(e, str) else type(e).__module__ for e in config.markdown_extensions]
    session.reuse = not any(e == n or e.startswith(n + ".") for e in extensions for n in _READS_OTHER_FILES)

    # Liquid resolves links to other posts: a post that uses it depends on the set of posts too.
    liquid = ""
    if build.options.jekyll.liquid:
        liquid = _digest(json.dumps(sorted([e.src_uri, e.url] for e in build.entries.values())))
    full = build.options.feeds.full_content
    for file in _built_pages(files, build.serving):
        page = file.page
        entry = build.entry_of(page)
        if entry is not None:
            page.cache = session  # for PostPage.render: rendered HTML kept while serving
        if build.listing_of(page) is not None:
            force(file)  # listings are always written again: they show every post
            continue
        extra = ""
        if entry is not None and liquid:
            post = entry.post
            if "{%" in post.body or "{{" in post.body:
                extra = liquid
        source = session.sources[file.src_uri] = _source_key(file, extra) or ""
        record = store.records.get(file.src_uri)
        ok = (
            session.trusted and record is not None and source and record.get("source") == source
            and record.get("url") == file.url and _links_hold(record.get("links", ()), files)
        )
        if ok and entry is not None:
            ok = "excerpt" in record and (not full or record.get("content") is not None)
        if not ok:
            force(file)
            continue
        session.valid[file.src_uri] = record
        if entry is not None:
            _restore_post(entry, record)
    if not session.trusted:
        for file in files:
            force(file)


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
    if session is None or build.listing_of(page) is not None:
        LINKS.processor.seen = []
        return
    src = page.file.src_uri
    record = {
        "source": session.sources.get(src, ""), "url": page.file.url,
        "links": link_signature(LINKS.processor.seen, src, page.file.url, build.files),
        "title": page.title,
    }
    LINKS.processor.seen = []
    entry = build.entry_of(page)
    if entry is not None:
        record.update(
            excerpt=entry.excerpt.html if entry.excerpt else "", truncated=bool(entry.excerpt and entry.excerpt.truncated),
            reading_time=entry.reading_time, toc=_toc_tokens(page.toc),
            content=entry.content_html if build.options.feeds.full_content else None,
        )
    session.records[src] = record


def page_start() -> None:
    """on_page_markdown: the links noted from here on belong to this page."""
    LINKS.processor.seen = []


def _header_key(entry: Any) -> str:
    """What a post's header and footer show (``post-header.html``, ``meta.html``,
    ``post-footer.html``), other than what its own source decides."""

    def views(items: Iterable[Any]) -> list:
        return [[v.full_name, v.url] for v in items]

    def near(other: Any) -> list | None:
        return [other.title, other.url] if other is not None else None

    authors = [
        [a.id, a.name, a.description, a.avatar, a.avatar_absolute, a.url, a.view.url if a.view else None]
        for a in entry.author_infos
    ]
    facts = [
        entry.url, entry.title, entry.draft, entry.pin, entry.date_iso, entry.date_text, entry.updated_iso,
        entry.updated_text, entry.reading_time, authors, views(entry.category_views), views(entry.tag_views),
        near(entry.previous), near(entry.next),
        # The blog features' boxes: related posts, the series' parts, cover images.
        [near(other) for other in getattr(entry, "related", ())],
        [entry.series.number, entry.series.series.name, entry.series.series.url,
         [near(p) for p in entry.series.series.parts]] if getattr(entry, "series", None) else None,
        repr(getattr(entry, "cover", None)), repr(getattr(entry, "hero", None)),
    ]
    return _digest(json.dumps(facts, ensure_ascii=False, default=str))


def page_written(build: Any, page: Any) -> None:
    """on_page_context (after assembly): the page's title, and the header and footer a post's
    page now shows."""
    session: Session | None = build.cache
    record = session.records.get(page.file.src_uri) if session is not None else None
    if record is None:
        return
    record["title"] = page.title  # as the nav shows it, after every plugin had its say
    entry = build.entry_of(page)
    if entry is not None:
        record["header"] = _header_key(entry)


def _nav_key(nav: Any) -> str:
    def item(node: Any) -> list:
        children = getattr(node, "children", None) or []
        return [type(node).__name__, node.title, getattr(node, "url", None), [item(c) for c in children]]

    return _digest(json.dumps([item(n) for n in nav.items] if nav is not None else [], default=str))


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
    nav_key = _nav_key(session.nav)
    if nav_key != session.store.nav:
        later = {id(page): page for page in skipped}  # every page shows the nav
    else:
        for page in skipped:
            entry = build.entry_of(page)
            if entry is not None and id(page) not in later:
                record = session.records.get(page.file.src_uri, {})
                # Related links show other pages' titles: such a post is always written again.
                if entry.post.links or record.get("header") != _header_key(entry):
                    later[id(page)] = page
    session.store.nav = nav_key
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
    if kept is None or kept.url != page.url or kept.markdown != _digest(page.markdown or ""):
        return False
    if not _links_hold(kept.links, files):
        return False
    page.content = kept.content
    page.toc = get_toc(kept.toc)
    page._title_from_render = kept.title
    page.present_anchor_ids = set(kept.anchors) if kept.anchors is not None else None
    if kept.links_to_anchors is not None:
        found = {files.get_file_from_path(src): dict(v) for src, v in kept.links_to_anchors.items()}
        page.links_to_anchors = {f: v for f, v in found.items() if f is not None}
    LINKS.processor.seen = list(kept.seen)
    return True


def keep_render(page: Any, files: Any) -> None:
    """After ``PostPage.render`` converted the Markdown: keep the HTML for the next rebuild
    (only while serving: a ``mkdocs build`` process builds once)."""
    session: Session | None = getattr(page, "cache", None)
    if session is None or not session.serving or not session.reuse:
        return
    seen = list(LINKS.processor.seen)
    anchors = page.links_to_anchors
    session.store.renders[page.file.src_uri] = Render(
        markdown=_digest(page.markdown or ""), url=page.url,
        links=link_signature(seen, page.file.src_uri, page.url, files), seen=seen,
        content=page.content, toc=_toc_tokens(page.toc), title=page._title_from_render,
        anchors=set(page.present_anchor_ids) if page.present_anchor_ids is not None else None,
        links_to_anchors={f.src_uri: dict(v) for f, v in anchors.items()} if anchors is not None else None,
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
    if session.path and session.persist:
        _save(session.path, store, session.log)
    live = set(session.records)
    for src in [s for s in store.renders if s not in live]:
        del store.renders[src]


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
