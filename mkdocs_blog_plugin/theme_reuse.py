"""While serving: a blog page as the theme rendered it, kept for the next rebuild.

On every ``mkdocs serve`` rebuild MkDocs renders every page through the theme's templates; on a
big blog that is most of the rebuild once the posts' Markdown is reused (``cache.reuse_render``).
A blog page (post or listing) is rendered from its template context and nothing else the build
can change, so the text the theme made is kept with a fingerprint of everything its templates
can read:

- the page: its HTML, TOC, metadata, file, title, neighbours and parent, and every other value
  of the context other plugins' ``on_page_context`` left (this plugin's handler runs last);
- the nav (every section, page and link, with titles, URLs and metadata), and the list of files
  when a template of the theme's pages reads it (``pages``; Material's do not);
- the config, including every plugin's options and the theme's;
- the template engine: its globals, filters and tests once every plugin's ``on_env`` ran, the
  text of every template the pages kept were rendered with, and the files of ``custom_dir``
  (an edit there is seen: a changed file, a new or removed one).

When a rebuild gives a page the same fingerprint, the kept text is what its template returns;
other plugins' ``on_post_page`` still run on it, so the site is the one a clean build makes.
The template engine renders through ``KeptRender``, a subclass of its template class that gives
the kept text for the context the fingerprint was taken of, and renders anything else.

It is used only when that can be known:

- every plugin that handles ``on_page_context`` is one known to change only the page it is given
  (``KNOWN_CONTEXT_HANDLERS``);
- every template global, filter and test comes from Jinja, MkDocs, the theme or this plugin (a
  function another plugin adds may read anything);
- no template the last build loaded reads ``build_date_utc`` (MkDocs' own themes print it: their
  pages are rendered on every build);
- the nav and the files were the same after the last build's pages as before them;
- a value the fingerprint does not know how to read (an object without attributes it can list)
  makes the page be rendered.

Pages are kept compressed (about a quarter of their size). A plain ``mkdocs build`` keeps
nothing here.
"""

from __future__ import annotations

import hashlib
import os
import re
import zlib
from collections.abc import Mapping
from datetime import date, datetime, time
from types import BuiltinFunctionType, FunctionType, MethodType, ModuleType
from typing import Any

from jinja2 import meta

from mkdocs.config.base import Config
from mkdocs.plugins import PluginCollection
from mkdocs.structure.files import File
from mkdocs.structure.nav import Link, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.theme import Theme

from . import reuse
from .records import digest

#: Where a template global, filter or test may come from.
KNOWN_MODULES = frozenset(
    {"builtins", "operator", "_operator", "jinja2", "markupsafe", "gettext", "babel", "mkdocs", "properdocs",
     "material", "mkdocs_blog_plugin"}
)
#: Plugins whose ``on_page_context`` changes only the page it is given (Material's tags plugin
#: adds the page's tags to the context; mkdocs-section-index only looks at the nav).
KNOWN_CONTEXT_HANDLERS = (
    "mkdocs.contrib.search", "properdocs.contrib.search", "material.plugins.search", "material.plugins.tags",
    "mkdocs_section_index",
    "mkdocs_blog_plugin",
)
#: A context value that changes on every build: a theme that prints it is always rendered.
VOLATILE = "build_date_utc"
#: Attributes this plugin keeps on its pages that no template reads (their effect is in the HTML).
OWN_ATTRIBUTES = frozenset({"cache", "entry", "spec"})
#: Values read for one fingerprint at most: beyond it the page is rendered.
BUDGET = 100_000


class _Unreadable(Exception):
    """A value the fingerprint cannot read: the page is rendered."""


def _slots(kind: type) -> tuple[str, ...]:
    names: list[str] = []
    for klass in kind.__mro__:
        slots = klass.__dict__.get("__slots__", ())
        names.extend((slots,) if isinstance(slots, str) else slots)
    return tuple(n for n in names if n not in ("__dict__", "__weakref__"))


def _origin(value: Any) -> str:
    func = getattr(value, "__func__", value)
    module = getattr(func, "__module__", None) or type(value).__module__ or ""
    return f"{module}.{getattr(func, '__qualname__', type(value).__qualname__)}"


class _Fingerprint:
    """Feeds values into one hash, the way a template would see them."""

    def __init__(self, tokens: dict[int, str] | None = None) -> None:
        self.parts: list[str] = []  # each value with its kind and length: no two readings alike
        self.tokens = tokens or {}  # id -> token, for values read once per build (config, nav)
        self.count = 0
        self.seen: set[int] = set()

    def put(self, tag: str, text: str) -> None:
        self.parts.append(f"{tag}{len(text)}:{text}")

    def digest(self) -> str:
        data = "".join(self.parts).encode("utf-8", "surrogatepass")
        return hashlib.blake2b(data, digest_size=16).hexdigest()  # once per page: the faster hash

    def feed(self, value: Any) -> None:
        self.count += 1
        if self.count > BUDGET:
            raise _Unreadable("too large")
        kind = type(value)
        if kind is str:
            self.put("s", value)
        elif value is None or kind is bool or kind is int or kind is float:
            self.put("c", repr(value))
        elif id(value) in self.tokens:
            self.put("t", self.tokens[id(value)])
        elif isinstance(value, str):
            self.put("S" + kind.__qualname__, str(value))
        elif isinstance(value, (int, float)):
            self.put("N" + kind.__qualname__, repr(value))
        elif isinstance(value, (datetime, date, time)):
            self.put("d" + kind.__qualname__, value.isoformat())
        elif isinstance(value, Page):
            self.page_ref(value)
        elif isinstance(value, Section):
            self.put("Sec", value.title or "")
            self.feed(value.children)
        elif isinstance(value, Link):
            self.put("L", f"{value.title}\0{value.url}")
        elif isinstance(value, File):
            self.file(value)
        elif isinstance(value, AnchorLink):
            self.feed_vars(value)
        elif isinstance(value, PluginCollection):
            for name, plugin in value.items():
                self.put("plugin", f"{name}\0{_origin(type(plugin))}")
                self.feed(getattr(plugin, "config", None))  # a hooks file is a module
        elif isinstance(value, Theme):
            self.put("theme", str(value.name))
            self.feed(list(value.dirs))
            self.feed(list(value.static_templates))
            self.feed(dict(value.items()))
            self.put("locale", str(getattr(value, "locale", "")))
        elif isinstance(value, (Mapping, Config)):
            self.put("{", kind.__qualname__)
            for key, item in value.items():
                self.feed(key)
                self.feed(item)
            self.put("}", "")
        elif isinstance(value, (list, tuple, TableOfContents)):
            self.put("[", str(len(value)))
            for item in value:
                self.feed(item)
        elif isinstance(value, (set, frozenset)):
            self.put("set", "\0".join(sorted(repr(item) for item in value)))
        elif isinstance(value, bytes):
            self.put("b", value.hex())
        elif isinstance(value, (FunctionType, BuiltinFunctionType, MethodType, type, ModuleType)):
            self.put("f", getattr(value, "__name__", "") if isinstance(value, ModuleType) else _origin(value))
        elif isinstance(value, re.Pattern):
            self.put("re", f"{value.pattern!r}\0{value.flags}")
        elif hasattr(value, "__dict__") or _slots(kind):
            self.put("o", _origin(kind))
            if id(value) in self.seen:  # read already: its place in the hash says which
                return
            self.seen.add(id(value))
            if hasattr(value, "__dict__"):
                self.feed_vars(value)
            for name in _slots(kind):  # such as pathspec's patterns (``not_in_nav``)
                self.put("a", name)
                self.feed(getattr(value, name, None))
        else:
            raise _Unreadable(kind.__qualname__)

    def feed_vars(self, value: Any, skip: frozenset = frozenset()) -> None:
        for key, item in vars(value).items():
            if key not in skip:
                self.put("a", key)
                self.feed(item)

    def file(self, file: File) -> None:
        self.put("F", "\0".join((
            file.src_uri, file.dest_uri, file.url, str(file.abs_dest_path),
            str(file.generated_by or ""), str(file.inclusion),
        )))

    def page_ref(self, page: Page) -> None:
        """Another page, as a nav or a neighbour link shows it."""
        self.put("P", "\0".join((_origin(type(page)), page.file.src_uri, page.url, str(page.title))))
        self.feed(page.meta)

    def page(self, page: Page) -> None:
        """The page being rendered: everything on it."""
        self.put("page", _origin(type(page)))
        self.feed((page.title, page.url, page.is_homepage, page.is_index))
        self.feed_vars(page, OWN_ATTRIBUTES)


def _nav_token(nav: Any, places: dict[int, str] | None = None) -> str:
    """The nav as templates see it: sections, pages (title, URL, metadata) and links. ``places``
    gets each section's and page's place in it: a page's parent is then read as its place."""
    fp = _Fingerprint()
    fp.feed(nav.items)
    if nav.homepage is not None:
        fp.page_ref(nav.homepage)
    fp.feed(nav.pages)
    if places is not None:
        stack = list(reversed(nav.items))
        while stack:
            item = stack.pop()
            places[id(item)] = f"nav-{len(places)}"
            stack.extend(reversed(getattr(item, "children", None) or ()))
    return fp.digest()


def _files_token(build: Any, files: Any) -> str:
    """The list of files (``pages`` in the context, which few themes read): each file, and its
    page's title, URL and metadata. A listing page of the blog takes its title when it is
    rendered ("Blog · Page 2 of 5"): of those, the file only."""
    fp = _Fingerprint()
    for file in files:
        fp.file(file)
        page = file.page
        if page is not None and build.listing_of(page) is None:
            fp.page_ref(page)
            fp.put("u", f"{page.canonical_url}\0{page.update_date}")
    return fp.digest()


class Renders:
    """This build's side of the kept renders (``records.Store.page_renders``)."""

    def __init__(self, token: str, config: Any) -> None:
        self.before: dict = {}  # the last build's pages, once taken (``_take_kept``)
        self.now: dict = {}
        self.token = token
        self.env: Any = None
        self.kept: tuple | None = None  # the last build's (theme record, pages), until the first page
        self.tokens: dict[int, str] = {id(config): token}
        self.nav: tuple | None = None  # (nav, files, their tokens at the first page)
        self.templates: tuple = ()  # the last build's: (name, file, digest of its text, reads pages)
        self.reads_files = True  # whether a template the last build loaded reads ``pages``
        self.pending: tuple | None = None  # (context, slot, fingerprint, files token)
        self.reused = 0
        self.page_templates: set[str] = set()  # loaded while a page was rendered
        self._loaded: set = set()

    def traced(self, render: Any, context: dict) -> str:
        """A page rendered by the theme, noting the templates it loaded first (whether the
        theme's pages read ``pages`` is asked of those)."""
        cache = self.env.cache
        if len(cache) != len(self._loaded):
            self._loaded = set(cache.keys())
        output = render(context)
        if len(cache) != len(self._loaded):
            keys = set(cache.keys())
            self.page_templates.update(key[1] for key in keys - self._loaded)
            self._loaded = keys
        return output


def _env_token(env: Any) -> str | None:
    """The template engine's globals, filters and tests; None when one is not from a known
    module (another plugin's function may read anything)."""
    fp = _Fingerprint()
    for table in (env.globals, env.filters, env.tests):
        for name, value in table.items():
            fp.put("n", name)
            if callable(value):
                origin = _origin(value)
                if origin.split(".", 1)[0] not in KNOWN_MODULES:
                    return None
                fp.put("f", origin)
            else:
                try:
                    fp.feed(value)
                except _Unreadable:
                    return None
    fp.put("e", repr((env.autoescape if not callable(env.autoescape) else _origin(env.autoescape),
                      sorted(env.extensions), env.trim_blocks, env.lstrip_blocks)))
    return fp.digest()


def _custom_files(config: Any) -> str:
    """The files of ``theme.custom_dir`` with their sizes and times: one added, removed or edited
    there changes what the templates load."""
    fp = _Fingerprint()
    folder = config.theme.custom_dir
    if folder and os.path.isdir(folder):
        for root, dirs, names in os.walk(folder):
            dirs.sort()
            for name in sorted(names):
                path = os.path.join(root, name)
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                fp.put("c", f"{os.path.relpath(path, folder)}\0{st.st_size}\0{st.st_mtime_ns}")
    return fp.digest()


def _handlers_known(plugin: Any, config: Any) -> bool:
    handlers = config.plugins.events.get("page_context", [])
    if not handlers or getattr(handlers[-1], "__self__", None) is not plugin:
        return False
    return all(
        any(module == known or module.startswith(known + ".") for known in KNOWN_CONTEXT_HANDLERS)
        for module in (str(getattr(h, "__module__", "")) for h in handlers)
    )


def _templates_hold(env: Any, kept: tuple) -> bool:
    """Every template the last build loaded still resolves to the same file with the same text."""
    for name, filename, text_digest, _ in kept:
        try:
            source, found, _ = env.loader.get_source(env, name)
        except Exception:  # noqa: BLE001 - any loader failure means "not the same"
            return False
        if found != filename or digest(source) != text_digest:
            return False
    return True


def install(build: Any, plugin: Any, env: Any, config: Any) -> None:
    """on_env: render pages through a template class that can give the kept text. What the last
    build kept is taken at the first page (``_take_kept``)."""
    session = reuse._session(build)
    build.renders = None
    if session is None or not session.reuse:
        return
    store = session.store
    kept, before = store.theme, store.page_renders
    store.page_renders, store.theme = {}, None
    if not _handlers_known(plugin, config) or env.cache is None:
        return
    try:
        fp = _Fingerprint()
        fp.put("custom", _custom_files(config))
        fp.put("key", session.key)
        fp.feed(dict(config.items()))
        token = fp.digest()
    except _Unreadable:
        return
    renders = Renders(token, config)
    renders.env = env
    renders.kept = (kept, before)  # taken at the first page, once every plugin's on_env ran
    build.renders = renders
    base = env.template_class

    class KeptRender(base):  # type: ignore[misc, valid-type]
        def render(self, *args: Any, **kwargs: Any) -> str:
            context = args[0] if len(args) == 1 and not kwargs else None
            if not isinstance(context, dict) or "nav" not in context or context.get("page") is None:
                return super().render(*args, **kwargs)  # not a page of MkDocs' (a listing's part, a sitemap)
            pending = renders.pending
            if pending is not None and context is pending[0]:
                renders.pending = None
                _, slot, key, files = pending
                old = renders.before.get(slot)
                if (
                    old is not None and old[0] == key and old[2] == self.name
                    and (old[1] == files or not renders.reads_files)
                ):
                    renders.now[slot] = old
                    renders.reused += 1
                    return zlib.decompress(old[3]).decode("utf-8", "surrogatepass")
                output = renders.traced(super().render, context)
                # Compressed: a page's text is mostly the theme's; a big blog's pages fit in a
                # quarter of the memory, for a fraction of a millisecond each.
                renders.now[slot] = (key, files, self.name, zlib.compress(output.encode("utf-8", "surrogatepass"), 1))
                return output
            return renders.traced(super().render, context)

    env.template_class = KeptRender
    env.cache.clear()  # templates loaded before this point are made again with the class


def _take_kept(build: Any, renders: Renders) -> bool:
    """At the first page, when other plugins' on_env have changed the template engine as they
    will: whether pages can be taken, and the last build's pages if they were made the same way."""
    (kept, before), renders.kept = renders.kept, None
    env_token = _env_token(renders.env)
    if env_token is None:
        build.renders = None
        return False
    renders.token = digest(f"{renders.token}\0{env_token}")
    if kept is not None and kept[0] == renders.token and _templates_hold(renders.env, kept[1]):
        renders.before = before
        renders.templates = kept[1]
        renders.reads_files = any(reads for *_, reads in kept[1])
    return True


def page(build: Any, context: Any, page: Any, nav: Any) -> None:
    """on_page_context, last: the fingerprint of what the template will read, for a blog page."""
    renders = getattr(build, "renders", None)
    if renders is None:
        return
    renders.pending = None
    if renders.kept is not None and not _take_kept(build, renders):
        return
    if build.entry_of(page) is None and build.listing_of(page) is None:
        return
    files = context.get("pages")
    try:
        if renders.nav is None:
            places: dict[int, str] = {}
            # The list of files only when a template of the theme's pages reads it.
            listed = _files_token(build, files or ()) if renders.reads_files else ""
            renders.nav = (nav, files, _nav_token(nav, places), listed)
            renders.tokens.update(places)  # the nav's token is in every page's fingerprint
            renders.tokens[id(nav)] = renders.nav[2]
        elif renders.nav[0] is not nav or renders.nav[1] is not files:
            return
        fp = _Fingerprint(renders.tokens)
        for key, value in context.items():
            fp.put("k", key)
            if key == "page" and value is page:
                fp.page(page)
            elif key not in (VOLATILE, "pages"):
                fp.feed(value)
    except _Unreadable:
        return
    renders.pending = (context, page.file.src_uri, fp.digest(), renders.nav[3])


def finish(build: Any) -> None:
    """on_post_build: keep this build's renders when the nav and files stayed as they were while
    pages were rendered, and the templates it loaded can be checked next time."""
    renders = getattr(build, "renders", None)
    if renders is None:
        return
    build.renders = None
    session = build.cache
    env = renders.env
    cache = env.cache
    if renders.nav is not None:
        nav, files, nav_token, files_token = renders.nav
        try:
            if _nav_token(nav) != nav_token or (files_token and _files_token(build, files or ()) != files_token):
                return
        except _Unreadable:
            return
    if cache is None or len(cache) >= cache.capacity:  # some template may have been dropped
        return
    known = {(name, digest): reads for name, _, digest, reads in renders.templates}
    kept = []
    loaded = set()
    for template in list(cache.values()):
        if template.name is None or not template.is_up_to_date:
            return
        try:
            source, filename, _ = env.loader.get_source(env, template.name)
        except Exception:  # noqa: BLE001
            return
        if VOLATILE in source:
            return
        text_digest = digest(source)
        reads = known.get((template.name, text_digest))
        if template.name in renders.page_templates and not reads:
            try:
                reads = "pages" in meta.find_undeclared_variables(env.parse(source))
            except Exception:  # noqa: BLE001 - a template Jinja cannot parse was not rendered
                reads = True
        kept.append((template.name, filename, text_digest, bool(reads)))
        loaded.add(template.name)
    # Templates this build took no page from, checked when it started: still what kept pages read.
    kept.extend(record for record in renders.templates if record[0] not in loaded)
    session.store.page_renders = renders.now
    session.store.theme = (renders.token, tuple(kept))
