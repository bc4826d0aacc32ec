"""What a cache record is and where records live: the key of a build, the links a page's
Markdown made, and the store (in memory, and as one JSON file written atomically). ``cache``
decides, build by build, which records can stand in for pages.
"""


from __future__ import annotations

import hashlib
import json
import os
import posixpath
import tempfile
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, NamedTuple
from urllib.parse import unquote, urlsplit

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from mkdocs.exceptions import PluginError

#: Bump when the record layout or its meaning changes: older files are then ignored.
FORMAT = 1
FILE_NAME = "records.json"
DEFAULT_DIR = os.path.join(".cache", "blog-plugin")

#: Extensions that read other files while converting: a page's Markdown no longer says
#: everything about its HTML, so nothing rendered is reused while one of them is on.
READS_OTHER_FILES = ("pymdownx.snippets", "markdown_include", "mdx_include", "include")


# -- the links a page's Markdown made -------------------------------------------------------------


class _LinkRecorder(Treeprocessor):
    """Notes every ``a[href]`` and ``img[src]`` before MkDocs resolves them (it runs at priority
    0; this at 2), so a record knows which files its page's HTML depends on."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []
        self.active = False  # only while some build keeps records (see ``start``)

    def run(self, root: etree.Element) -> None:
        if not self.active:
            return
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
    by_src = _by_src(files)
    for link in links:
        for target in _targets(src_uri, url, link):
            if target not in seen:
                file = by_src(target)
                seen[target] = file.url if file is not None else None
    return [[t, u] for t, u in sorted(seen.items(), key=lambda item: item[0])]


def links_hold(signature: Any, files: Any) -> bool:
    by_src = _by_src(files)
    for target, url in signature:
        file = by_src(target) if isinstance(target, str) else None
        if (file.url if file is not None else None) != url:
            return False
    return True


def _by_src(files: Any) -> Any:
    """``files.get_file_from_path`` for targets that are normalised POSIX paths already (as
    ``_targets`` makes them): a plain lookup in MkDocs' own index of the files."""
    index = getattr(files, "src_uris", None)
    return index.get if isinstance(index, dict) else files.get_file_from_path


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
    return digest(json.dumps(parts, sort_keys=True, default=str))


def digest(text: str | bytes) -> str:
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    return hashlib.sha256(data).hexdigest()


def toc_tokens(toc: Any) -> list[dict]:
    return [{"level": i.level, "id": i.id, "name": i.title, "children": toc_tokens(i.children)} for i in toc]


def toc_pack(toc: Any) -> tuple:
    """A table of contents as nested tuples ``(level, id, title, children)``."""
    return tuple((i.level, i.id, i.title, toc_pack(i.children)) for i in toc)


def toc_unpack(packed: tuple) -> Any:
    """``toc_pack`` undone: a new ``TableOfContents``, its first item active as MkDocs' ``get_toc``
    makes it."""
    from mkdocs.structure.toc import AnchorLink, TableOfContents

    def links(items: tuple) -> list:
        out = []
        for level, id_, title, children in items:
            link = AnchorLink(title, id_, level)
            link.children = links(children)
            out.append(link)
        return out

    top = links(packed)
    if top:
        top[0].active = True
    return TableOfContents(top)


# -- what a page shows ------------------------------------------------------------------------


Same = Callable[[Any, tuple], tuple]  # (slot, facts) -> equal facts, maybe an older object


def listing_key(build: Any, spec: Any, memo: dict | None = None, *, raw: bool = False, same: Same | None = None) -> Any:
    """Everything a listing page shows: its view and place, and what each listed post shows in it
    (an overview: the views it lists and their counts), as a digest (for the records), or ``raw``
    as nested tuples (a key in memory: comparing is cheaper than encoding). ``memo`` keeps each
    post's part between calls while the posts do not change (a post is on many listings);
    ``same`` may give a ``raw`` part as the equal object an earlier build made, so that keys
    holding it compare at once."""
    view = spec.view
    memo = {} if memo is None else memo
    posts = tuple(_post_part(e, memo, raw, same) for e in spec.posts)
    trail = tuple((getattr(v, "name", ""), getattr(v, "url", "")) for v in getattr(view, "trail", ()) or ())
    facts = (
        view.kind, view.name, getattr(view, "full_name", ""), view.url, len(view.posts), spec.number, spec.total,
        # The pager's links: its pages' URLs follow from the first, the last and their number.
        view.pages[0].url, view.pages[-1].url, trail, posts, _children(view),
    )
    return facts if raw else digest(json.dumps(facts, ensure_ascii=False, default=str))


def _post_part(entry: Any, memo: dict, raw: bool, same: Same | None = None) -> Any:
    """What a post shows in listings and in its line of facts (``shown``) and its excerpt, worked
    out once for each ``memo``: a digest (the keys that hold it stay short to encode) or ``raw``."""
    part = memo.get(entry.src_uri)
    if part is None:
        excerpt = entry.excerpt
        facts = (shown(entry), excerpt.html if excerpt else None, bool(excerpt and excerpt.truncated))
        if not raw:
            part = digest(json.dumps(facts, ensure_ascii=False, default=str))
        else:
            part = same(("shown", entry.src_uri), facts) if same is not None else facts
        memo[entry.src_uri] = part
    return part


def _children(view: Any) -> tuple:
    """The views an overview or a category lists, and theirs (nested categories), with counts."""
    return tuple((c.name, c.url, len(c.posts), _children(c)) for c in getattr(view, "children", ()) or ())


def header_key(entry: Any, memo: dict | None = None, *, raw: bool = False, same: Same | None = None) -> Any:
    """What a post's header and footer show (``post-header.html``, ``meta.html``,
    ``post-footer.html``), other than what its own source decides. ``memo`` and ``raw`` as for
    ``listing_key``."""

    def near(other: Any) -> tuple | None:
        return (other.title, other.url) if other is not None else None

    series = getattr(entry, "series", None)
    facts = (
        _post_part(entry, {} if memo is None else memo, raw, same), near(entry.previous), near(entry.next),
        # The blog features' boxes: related posts, the series' parts, the hero image.
        tuple(near(other) for other in getattr(entry, "related", ())),
        (series.number, series.series.name, series.series.url,
         tuple(near(p) for p in series.series.parts)) if series else None,
        repr(getattr(entry, "hero", None)),
    )
    return facts if raw else digest(json.dumps(facts, ensure_ascii=False, default=str))


def shown(entry: Any) -> tuple:
    """What a post's line of facts and its listing entry show of it."""

    def views(items: Iterable[Any]) -> tuple:
        return tuple((v.full_name, v.url) for v in items)

    authors = tuple(
        (a.id, a.name, a.description, a.avatar, a.avatar_absolute, a.url, a.view.url if a.view else None)
        for a in entry.author_infos
    )
    return (
        entry.url, entry.title, entry.draft, entry.pin, entry.date_iso, entry.date_text, entry.updated_iso,
        entry.updated_text, entry.reading_time, authors, views(entry.category_views), views(entry.tag_views),
        entry.anchor, repr(getattr(entry, "cover", None)),
    )


def nav_key(nav: Any) -> str:
    def item(node: Any) -> list:
        children = getattr(node, "children", None) or []
        return [type(node).__name__, node.title, getattr(node, "url", None), [item(c) for c in children]]

    return digest(json.dumps([item(n) for n in nav.items] if nav is not None else [], default=str))


# -- the store ------------------------------------------------------------------------------------


class Render(NamedTuple):
    """A post's HTML as ``Page.render`` made it (memory only, for ``mkdocs serve``), in tuples."""

    markdown: str  # digest of the Markdown after every on_page_markdown hook
    url: str
    links: tuple  # link_signature at render time
    seen: tuple  # the raw links, fed back to the recorder when reused
    content: str
    toc: tuple  # toc_pack
    title: str | None
    anchors: tuple | None
    links_to_anchors: tuple | None  # ((src_uri, ((anchor, original link), ...)), ...) or None


@dataclass
class Store:
    """Kept by the plugin object for its whole life: ``mkdocs serve`` rebuilds share it."""

    key: str | None = None  # the build key the records were made under
    records: dict[str, dict] = field(default_factory=dict)  # by src_uri
    nav: str | None = None  # fingerprint of the nav the pages on disk show
    outputs: list[str] = field(default_factory=list)  # dest_uri of every file written
    renders: dict[str, Render] = field(default_factory=dict)  # by src_uri, memory only
    # reuse.py: slot -> (key, part), memory only; kept whatever the build key (the keys hold it)
    parts: dict = field(default_factory=dict)
    related: Any = None  # [digest of what they were computed from, indices] (cache.kept_related)
    # theme_reuse.py, memory only: src_uri -> (fingerprint, files token, template, compressed
    # text), and the templates those were rendered with
    page_renders: dict = field(default_factory=dict)
    theme: Any = None

    def reset(self, key: str | None) -> None:
        self.key, self.records, self.nav, self.outputs, self.renders = key, {}, None, [], {}
        self.related, self.page_renders, self.theme = None, {}, None


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
    return os.path.join(folder, "records-" + digest(blog_dir.encode("utf-8"))[:12] + ".json")


def load(path: str, key: str, log: Any) -> dict | None:
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


def save(path: str, store: Store, log: Any) -> None:
    data = {
        "format": FORMAT, "key": store.key, "nav": store.nav, "outputs": store.outputs, "records": store.records,
        "related": store.related,
    }
    folder = os.path.dirname(path)
    try:
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".records-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                # dumps, not dump: only the one-shot encoder is the C one.
                f.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
    except OSError as e:
        log.warning(f"cannot write the cache file {path}: {e.strerror or e}")
