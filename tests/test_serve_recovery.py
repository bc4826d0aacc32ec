"""Recovery under ``mkdocs serve``: a broken post fails one rebuild, the server carries on, and the
next good rebuild shows exactly the posts on disk.

The test runs MkDocs' own ``mkdocs.commands.serve.serve``: its ``get_config``/``builder`` closures,
the initial build with ``on_startup(command="serve")``, and rebuilds that load a fresh config
(the plugin instance itself is kept across rebuilds, as MkDocs caches plugins that have
``on_startup``). Only the live-reload server is replaced, by one whose ``serve()`` plays a script
of file edits and rebuilds after each, catching errors the way ``LiveReloadServer._build_loop``
does: the exception is caught, ``SystemExit`` (MkDocs' ``Abort``) is printed as one line, anything
else gets a printed traceback, and the loop goes on.
"""

from __future__ import annotations

import json
import logging
import posixpath
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest
import yaml
from mkdocs.commands import serve as serve_module
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from conftest import Site, listening, write_tree

ATOM = "{http://www.w3.org/2005/Atom}"


@dataclass
class Snapshot:
    """What a reader of the served site sees after one (re)build."""

    error: BaseException | None
    errors: list[str]  # ERROR records logged during the rebuild
    tracebacks: list[str]  # records that carried exception info
    index: list[str] = field(default_factory=list)  # post titles on the blog index, all pages
    post_pages: set[str] = field(default_factory=set)  # post page URLs on disk
    tags: dict[str, list[str]] = field(default_factory=dict)  # tag -> titles on its page
    search_titles: set[str] = field(default_factory=set)
    feed_titles: list[str] = field(default_factory=list)


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _resolve(page_url: str, href: str) -> str:
    directory = page_url if page_url.endswith("/") else posixpath.dirname(page_url)
    target = posixpath.normpath(posixpath.join(directory, href))
    return target + "/" if href.endswith("/") else target


def _snapshot(site_dir: Path, error: BaseException | None, records: list[logging.LogRecord]) -> Snapshot:
    snap = Snapshot(
        error=error,
        errors=[r.getMessage() for r in records if r.levelno >= logging.ERROR],
        tracebacks=[r.getMessage() for r in records if r.exc_info or r.exc_text],
    )
    site = Site(site_dir, site_dir, None)
    if error is not None or not site.exists("blog/"):
        return snap
    snap.index = _titles(site, "blog/")
    snap.post_pages = {
        p.parent.relative_to(site_dir).as_posix() + "/"
        for p in (site_dir / "blog").glob("20*/*/*/*/index.html")
    }
    if site.exists("blog/tags/"):
        for a in site.soup("blog/tags/").select("ul.blog-overview li a"):
            snap.tags[a.get_text()] = _titles(site, _resolve("blog/tags/", a["href"]))
    index = json.loads(site.html("search/search_index.json"))
    snap.search_titles = {doc["title"] for doc in index["docs"] if doc["location"].startswith("blog/20")}
    feed = ET.fromstring(site.path("blog/feed.xml").read_bytes())
    snap.feed_titles = [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")]
    return snap


def _titles(site: Site, url: str | None) -> list[str]:
    """Post titles listed on ``url`` and the pages after it."""
    titles: list[str] = []
    while url is not None:
        soup = site.soup(url)
        titles += [a.get_text() for a in soup.select("article.blog-entry .blog-entry-title a, ul.blog-compact > li > a")]
        older = soup.select_one("a.blog-pagination-older")
        url = _resolve(url, older["href"]) if older is not None else None
    return titles


class ScriptedServer:
    """Stands in for ``LiveReloadServer``: no sockets, no file watching, a script of edits."""

    script: list[Callable[[], None]] = []
    snapshots: list[Snapshot] = []
    records: _Records

    def __init__(self, builder, host, port, root, mount_path="/", **kwargs) -> None:
        self.builder = builder
        self.root = Path(root)
        self.watched: list[str] = []
        self.error_handler = None

    def watch(self, path, func=None, recursive=True) -> None:
        self.watched.append(path)

    def serve(self, *, open_in_browser: bool = False) -> None:
        # The initial build happened before serve() was called.
        self.snapshots.append(_snapshot(self.root, None, self._take_records()))
        for edit in self.script:
            edit()
            error = None
            try:
                self.builder()  # what the watcher loop calls: a fresh config, the same plugin
            except Exception as e:  # noqa: BLE001 - exactly what LiveReloadServer catches
                error = e
                logging.getLogger("mkdocs.livereload").error("An error happened during the rebuild.")
            self.snapshots.append(_snapshot(self.root, error, self._take_records()))

    def _take_records(self) -> list[logging.LogRecord]:
        taken, self.records.records = self.records.records, []
        return taken

    def shutdown(self, wait: bool = False) -> None:
        pass


@pytest.fixture
def serve_script(tmp_path, monkeypatch):
    """``run(project_dir, edits) -> [Snapshot]``: serve the project and apply ``edits`` one by one."""

    def run(project: Path, edits: list[Callable[[], None]]) -> list[Snapshot]:
        handler = _Records()
        ScriptedServer.script = edits
        ScriptedServer.snapshots = []
        ScriptedServer.records = handler
        served = tmp_path / "served"
        real_build = serve_module.build
        builds.clear()

        def recording_build(config, **kwargs):
            plugin = config.plugins["blog-plugin"]
            builds.append((config, plugin, plugin.serving, kwargs.get("serve_url")))
            return real_build(config, **kwargs)

        monkeypatch.setattr(serve_module, "build", recording_build)
        monkeypatch.setattr(serve_module, "LiveReloadServer", ScriptedServer)
        monkeypatch.setattr(serve_module.tempfile, "mkdtemp", lambda prefix="": str(served))
        try:
            with listening(handler):
                serve_module.serve(config_file=str(project / "mkdocs.yml"), livereload=True)
        finally:
            # MkDocs keeps plugin instances with on_startup across configs in this process: leave
            # them as a plain build would find them, not in serve mode.
            load_config(config_file=str(project / "mkdocs.yml")).plugins.on_startup(command="build", dirty=False)
        assert not served.exists()  # serve() cleaned up after itself
        return ScriptedServer.snapshots

    builds: list[tuple] = []
    run.builds = builds
    return run


def _post(title: str, date: str, tags: list[str]) -> str:
    return "---\n" + yaml.safe_dump({"title": title, "date": date, "tags": tags}) + "---\n" + f"{title} body.\n"


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
def test_broken_post_fails_one_rebuild_and_the_next_one_recovers(tmp_path, serve_script, theme):
    project = tmp_path / "project"
    posts = project / "docs" / "blog" / "posts"
    write_tree(project / "docs", {
        "index.md": "# Home\n",
        "blog/index.md": "# Blog\n",
        "blog/posts/alpha.md": _post("Alpha", "2024-01-01", ["shared", "old"]),
        "blog/posts/beta.md": _post("Beta", "2024-01-02", ["shared"]),
    })
    (project / "mkdocs.yml").write_text(yaml.safe_dump({
        "site_name": "Served",
        "theme": {"name": theme},
        "plugins": ["search", {"blog-plugin": {"pagination_per_page": 2}}],
    }), encoding="utf-8")

    def break_beta():
        (posts / "beta.md").write_text("---\ntitle: Beta\ndate: 2024-01-02\ntags: [shared\n---\nOops.\n")

    def fix_beta():
        (posts / "beta.md").write_text(_post("Beta fixed", "2024-01-02", ["shared", "fixed"]))

    def add_gamma():
        (posts / "gamma.md").write_text(_post("Gamma", "2024-01-03", ["shared"]))

    def delete_alpha():
        (posts / "alpha.md").unlink()

    def save_not_utf8():
        (posts / "gamma.md").write_bytes(b"---\ntitle: Gamma\ndate: 2024-01-03\n---\n\xff\xfe\n")

    def restore_gamma():
        (posts / "gamma.md").write_text(_post("Gamma", "2024-01-03", ["shared"]))

    first, broken, fixed, added, deleted, not_utf8, restored = serve_script(
        project, [break_beta, fix_beta, add_gamma, delete_alpha, save_not_utf8, restore_gamma])

    # Every rebuild loaded a fresh config; the blog plugin object was the same one throughout,
    # in serve mode, and each build was a serve build.
    builds = serve_script.builds
    assert len(builds) == 7
    assert len({id(config) for config, *_ in builds}) == 7
    assert len({id(plugin) for _, plugin, *_ in builds}) == 1
    assert all(serving is True for _, _, serving, _ in builds)
    assert all(url and url.startswith("http://127.0.0.1:8000/") for *_, url in builds)

    # The initial build.
    assert first.error is None and not first.errors
    assert first.index == ["Beta", "Alpha"]
    assert first.tags == {"old": ["Alpha"], "shared": ["Beta", "Alpha"]}

    # Broken YAML: the rebuild stops with one error naming the file and its line, no traceback,
    # and the server goes on.
    assert isinstance(broken.error, Abort)  # SystemExit: printed as one line, no traceback
    builder_errors = [m for m in broken.errors if "blog/posts/beta.md" in m]
    assert len(builder_errors) == 1, broken.errors
    assert builder_errors[0].startswith("blog/posts/beta.md, line 5: invalid YAML front matter")
    assert not broken.tracebacks

    # Fixed: everything is back, with the new title and tags.
    assert fixed.error is None and not fixed.errors
    assert fixed.index == ["Beta fixed", "Alpha"]
    assert fixed.tags == {"fixed": ["Beta fixed"], "old": ["Alpha"], "shared": ["Beta fixed", "Alpha"]}
    assert fixed.search_titles == {"Beta fixed", "Alpha"}
    assert fixed.feed_titles == ["Beta fixed", "Alpha"]

    # A new post appears everywhere, on a second index page too.
    assert added.error is None
    assert added.index == ["Gamma", "Beta fixed", "Alpha"]
    assert added.tags["shared"] == ["Gamma", "Beta fixed", "Alpha"]
    assert added.post_pages == {"blog/2024/01/01/alpha/", "blog/2024/01/02/beta-fixed/", "blog/2024/01/03/gamma/"}
    assert added.feed_titles == ["Gamma", "Beta fixed", "Alpha"]

    # A deleted post leaves nothing behind: no entry, no page, no tag, no search or feed entry.
    assert deleted.error is None
    assert deleted.index == ["Gamma", "Beta fixed"]
    assert deleted.post_pages == {"blog/2024/01/02/beta-fixed/", "blog/2024/01/03/gamma/"}
    assert deleted.tags == {"fixed": ["Beta fixed"], "shared": ["Gamma", "Beta fixed"]}
    assert deleted.search_titles == {"Gamma", "Beta fixed"}
    assert deleted.feed_titles == ["Gamma", "Beta fixed"]

    # Bytes that are not UTF-8: another failed rebuild naming the file, then recovery.
    assert isinstance(not_utf8.error, Abort)
    assert [m for m in not_utf8.errors if "blog/posts/gamma.md" in m] == [
        "blog/posts/gamma.md: not valid UTF-8 text (byte 0xff at position 38)"]
    assert not not_utf8.tracebacks
    assert restored.error is None and not restored.errors
    assert restored.index == deleted.index
    assert restored.tags == deleted.tags
