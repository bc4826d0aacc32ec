"""``--dirty`` builds and ``mkdocs serve`` rebuilds give the site a clean build gives.

Each test builds a blog, edits its docs, rebuilds the way MkDocs would (``build(config,
dirty=True)``, or twice on the same plugin objects as ``mkdocs serve`` does) and compares every
output file, byte for byte, with a clean build of the edited docs in a fresh folder.
``SOURCE_DATE_EPOCH`` fixes the dates MkDocs stamps on a build (see test_reproducible.py).
The search plugin is left out: it indexes only the pages MkDocs renders, which ``--dirty`` limits
by design.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import listening, theme_renders, write_tree
from mkdocs_blog_plugin import cache, related

SERVE_URL = "http://127.0.0.1:8000/"


def _post(title: str, date: str, *, tags=("garden",), categories=("Notes",), body="", extra="") -> str:
    return (
        f"---\ntitle: {title}\ndate: {date}\ntags: [{', '.join(tags)}]\n"
        f"categories: [{', '.join(categories)}]\n{extra}---\n"
        f"Intro of {title}, see [the about page](../../about.md).\n\n<!-- more -->\n\n"
        f"## More\n\n{body or 'Words ' * 300}\n"
    )


DOCS = {
    "index.md": "# Home\n\nWelcome.\n",
    "about.md": "# About us\n\nA [post](blog/posts/p2.md).\n",
    "blog/index.md": "# Blog\n\nNotes.\n",
    "blog/posts/p1.md": _post("First", "2024-01-01", tags=("garden", "seeds")),
    "blog/posts/p2.md": _post("Second", "2024-02-01", categories=("Kitchen",)),
    "blog/posts/p3.md": _post("Third", "2024-03-01", tags=("tools",), body="See [first](p1.md). " * 40),
    "blog/posts/p4.md": _post("Fourth", "2023-04-01"),
    "blog/posts/p5.md": _post("Fifth", "2023-05-01", tags=("seeds",), categories=("Kitchen", "Notes")),
    "blog/posts/p6.md": _post("Sixth", "2022-06-01"),
    "blog/posts/draft.md": _post("Draft", "2024-04-01", extra="draft: true\n"),
}

CONFIG = {
    "site_name": "Dirty",
    "site_url": "https://example.com/",
    "theme": {"name": "mkdocs"},
    "nav": ["index.md", "about.md", "blog/index.md"],
    "plugins": [{"blog-plugin": {"pagination_per_page": 2, "authors": False}}],
}


def _edit_text(docs: Path) -> None:
    _write(docs, "blog/posts/p3.md", _post("Third, edited", "2024-03-01", tags=("tools",), body="Short. " * 700))


def _move_date(docs: Path) -> None:
    _write(docs, "blog/posts/p2.md", _post("Second", "2021-02-01", categories=("Kitchen",)))


def _change_tag(docs: Path) -> None:
    _write(docs, "blog/posts/p4.md", _post("Fourth", "2023-04-01", tags=("brand-new",)))


def _change_category(docs: Path) -> None:
    _write(docs, "blog/posts/p6.md", _post("Sixth", "2022-06-01", categories=("Travel",)))


def _new_post(docs: Path) -> None:
    _write(docs, "blog/posts/p7.md", _post("Seventh", "2024-02-15", tags=("seeds", "new")))


def _delete_post(docs: Path) -> None:
    (docs / "blog/posts/p5.md").unlink()


def _publish_draft(docs: Path) -> None:
    _write(docs, "blog/posts/draft.md", _post("Draft", "2024-04-01", extra="draft: false\n"))


EDITS = {
    "edit-text": _edit_text, "move-date": _move_date, "change-tag": _change_tag,
    "change-category": _change_category, "new-post": _new_post, "delete-post": _delete_post,
    "publish-draft": _publish_draft,
}


def _write(docs: Path, rel: str, text: str) -> None:
    path = docs / rel
    path.write_text(text, encoding="utf-8")
    later = time.time() + 10  # newer than every output, whatever the file system's resolution
    os.utime(path, (later, later))


def _project(root: Path, docs: dict | Path, plugin: dict | None = None, theme: str = "mkdocs") -> Path:
    root.mkdir(parents=True)
    if isinstance(docs, Path):
        shutil.copytree(docs, root / "docs")
    else:
        write_tree(root / "docs", docs)
    config = json.loads(json.dumps(CONFIG))
    config["plugins"][0]["blog-plugin"].update(plugin or {})
    config["theme"]["name"] = theme
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return root


def _config(project: Path):
    return load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(project / "site"))


def _plugin(config):
    return config.plugins["blog-plugin"]


def _build(config, *, serving: bool = False, dirty: bool = False, startup: bool = True) -> None:
    if startup:
        config.plugins.on_startup(command="serve" if serving else "build", dirty=dirty)
    build(config, serve_url=SERVE_URL if serving else None, dirty=dirty)


def _outputs(site_dir: Path) -> dict[str, bytes]:
    return {p.relative_to(site_dir).as_posix(): p.read_bytes() for p in sorted(site_dir.rglob("*")) if p.is_file()}


def _assert_same(got: Path, want: Path) -> None:
    a, b = _outputs(got), _outputs(want)
    assert sorted(a) == sorted(b), (sorted(set(a) - set(b)), sorted(set(b) - set(a)))
    different = [name for name in a if a[name] != b[name]]
    assert not different, different


@pytest.fixture(autouse=True)
def _fixed_dates(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1717243200")


def _reference(tmp_path: Path, docs: Path, *, serving: bool, plugin: dict | None = None, theme: str = "mkdocs") -> Path:
    project = _project(tmp_path / "reference", docs, plugin, theme)
    _build(_config(project), serving=serving)
    return project / "site"


@pytest.mark.parametrize("memory", [True, False], ids=["same-process", "new-process"])
@pytest.mark.parametrize("edit", sorted(EDITS))
def test_dirty_build_matches_a_clean_build(tmp_path, edit, memory):
    project = _project(tmp_path / "project", DOCS)
    _build(_config(project), dirty=True)  # into an empty site: a full build that starts the cache
    EDITS[edit](project / "docs")
    config = _config(project)
    if not memory:  # a new `mkdocs build --dirty` process knows only the cache file
        _plugin(config).store = cache.Store()
    _build(config, dirty=True)
    _assert_same(project / "site", _reference(tmp_path, project / "docs", serving=False))


# Material's pages are taken from the last rebuild when nothing they show changed
# (theme_reuse.py); MkDocs' own theme prints the build time, so its pages are rendered again.
@pytest.mark.parametrize("theme", ["mkdocs", "material"])
@pytest.mark.parametrize("dirty", [False, True], ids=["serve", "serve-dirty"])
@pytest.mark.parametrize("edit", sorted(EDITS))
def test_serve_rebuild_matches_a_clean_build(tmp_path, edit, dirty, theme):
    project = _project(tmp_path / "project", DOCS, theme=theme)
    config = _config(project)
    config.plugins.on_startup(command="serve", dirty=dirty)  # once, as `mkdocs serve` does
    _build(config, serving=True, dirty=dirty, startup=False)
    EDITS[edit](project / "docs")
    # `mkdocs serve` loads the config again for every rebuild; the plugin objects stay.
    again = _config(project)
    assert _plugin(again) is _plugin(config)
    if not dirty:  # a clean rebuild empties the site first, as MkDocs does
        shutil.rmtree(project / "site")
    with pytest.MonkeyPatch.context() as spying:
        rendered = theme_renders(spying)
        _build(again, serving=True, dirty=dirty, startup=False)
    _assert_same(project / "site", _reference(tmp_path, project / "docs", serving=True, theme=theme))
    # Material's rebuild took most pages from the first build: kept pages were compared, not
    # fresh ones. MkDocs' theme renders every page it builds.
    pages = [p for p in (project / "site").rglob("index.html")]
    if theme == "material":
        assert 0 < len(rendered) < len(pages)
    elif not dirty:
        assert len(rendered) == len(pages)


def test_serve_reuses_rendered_posts(tmp_path, monkeypatch):
    """Only the edited post is converted from Markdown again."""
    project = _project(tmp_path / "project", DOCS)
    config = _config(project)
    config.plugins.on_startup(command="serve", dirty=False)
    _build(config, serving=True, startup=False)
    _edit_text(project / "docs")
    converted = []
    real = cache.keep_render
    monkeypatch.setattr(cache, "keep_render", lambda page, files: (converted.append(page.file.src_uri), real(page, files)))
    shutil.rmtree(project / "site")
    _build(_config(project), serving=True, startup=False)
    assert converted == ["blog/posts/p3.md"]


def test_corrupt_cache_is_rebuilt(tmp_path):
    project = _project(tmp_path / "project", DOCS)
    _build(_config(project), dirty=True)
    path = project / ".cache" / "blog-plugin" / cache.FILE_NAME
    assert path.is_file()
    for garbage in (b"{not json", b"\xff\xfe\x00", b'{"format": 1, "records": {"x": 5}, "outputs": []}', b"[]"):
        path.write_bytes(garbage)
        # An edit that keeps the URL: without records no build can know what earlier ones wrote.
        _write(project / "docs", "blog/posts/p3.md", _post("Third", "2024-03-01", tags=("tools",), body=garbage.hex()))
        config = _config(project)
        _plugin(config).store = cache.Store()
        _build(config, dirty=True)
        json.loads(path.read_text(encoding="utf-8"))  # written again, whole
    _assert_same(project / "site", _reference(tmp_path, project / "docs", serving=False))


def test_default_cache_is_beside_mkdocs_yml(tmp_path):
    project = _project(tmp_path / "project", DOCS)
    _build(_config(project), dirty=True)
    folder = project / ".cache" / "blog-plugin"
    assert (folder / cache.FILE_NAME).is_file()
    for inside in (project / "docs", project / "site"):
        assert not folder.resolve().is_relative_to(inside.resolve())
    assert not list((project / "docs").rglob("*.json"))
    # Nothing but the records and the site: no temporary file left behind.
    assert sorted(p.name for p in folder.iterdir()) == [cache.FILE_NAME]


def test_plain_build_writes_no_cache_until_asked(tmp_path):
    project = _project(tmp_path / "project", DOCS)
    _build(_config(project))
    assert not (project / ".cache").exists()


def test_cache_dir_option(tmp_path):
    project = _project(tmp_path / "project", DOCS, {"cache_dir": "../elsewhere"})
    _build(_config(project))
    assert (tmp_path / "elsewhere" / cache.FILE_NAME).is_file()
    assert not (project / ".cache").exists()


def test_cache_false_writes_none(tmp_path):
    project = _project(tmp_path / "project", DOCS, {"cache": False})
    _build(_config(project), dirty=True)
    _edit_text(project / "docs")
    _build(_config(project), dirty=True)
    assert not (project / ".cache").exists()
    assert sorted(p.name for p in project.iterdir()) == ["docs", "mkdocs.yml", "site"]
    _assert_same(project / "site", _reference(tmp_path, project / "docs", serving=False, plugin={"cache": False}))


def test_cache_dir_inside_docs_is_refused(tmp_path):
    """A clear message, no traceback: MkDocs aborts the build with it."""
    import logging

    from mkdocs.exceptions import Abort

    class Messages(logging.Handler):
        seen: list = []

        def emit(self, record):
            self.seen.append(record.getMessage())

    project = _project(tmp_path / "project", DOCS, {"cache_dir": "docs/.cache"})
    with listening(Messages()) as handler:
        with pytest.raises(Abort):
            _build(_config(project))
    assert any("is inside docs_dir" in m and "choose a folder outside it" in m for m in handler.seen), handler.seen
    assert not (project / "docs" / ".cache").exists()


def test_dirty_build_writes_only_the_listings_an_edit_changes(tmp_path):
    """A listing whose posts all kept their records and show what they showed is not written
    again; one that lists the edited post is, and so is a page with a list of posts."""
    docs = dict(DOCS)
    docs["index.md"] = "# Home\n\nLatest: <!-- blog:posts limit=2 -->\n"
    project = _project(tmp_path / "project", docs)
    _build(_config(project), dirty=True)
    site = project / "site"
    unrelated = site / "blog/category/kitchen/index.html"  # Second and Fifth, not Third
    listing_third = site / "blog/tags/tools/index.html"
    home = site / "index.html"
    before = {path: path.stat().st_mtime_ns for path in (unrelated, listing_third, home)}
    time.sleep(0.05)
    _edit_text(project / "docs")
    _build(_config(project), dirty=True)
    assert unrelated.stat().st_mtime_ns == before[unrelated]
    assert listing_third.stat().st_mtime_ns > before[listing_third]
    assert home.stat().st_mtime_ns > before[home]
    _assert_same(site, _reference(tmp_path, project / "docs", serving=False))


def test_dirty_build_takes_related_posts_from_the_records(tmp_path, monkeypatch):
    """A ``--dirty`` build in a new process computes the related posts again only when what they
    are computed from changed (a post's date or terms), or when the records' copy is damaged."""
    project = _project(tmp_path / "project", DOCS)
    _build(_config(project), dirty=True)
    computed: list[int] = []
    real = related.compute

    def spy(posts, limit, **kwargs):
        computed.append(len(posts))
        return real(posts, limit, **kwargs)

    monkeypatch.setattr(related, "compute", spy)

    def rebuild() -> None:
        config = _config(project)
        _plugin(config).store = cache.Store()  # a new process: only the file is known
        _build(config, dirty=True)

    _edit_text(project / "docs")  # the body alone
    rebuild()
    assert computed == []
    _assert_same(project / "site", _reference(tmp_path / "text", project / "docs", serving=False))
    computed.clear()  # the reference build computed them

    _change_tag(project / "docs")
    rebuild()
    assert computed == [6]  # the six published posts
    _assert_same(project / "site", _reference(tmp_path / "tag", project / "docs", serving=False))
    computed.clear()

    path = project / ".cache" / "blog-plugin" / cache.FILE_NAME
    data = json.loads(path.read_text(encoding="utf-8"))
    data["related"][1] = [[99]] * 6  # indices that point nowhere
    path.write_text(json.dumps(data), encoding="utf-8")
    _write(project / "docs", "blog/posts/p1.md", _post("First", "2024-01-01", tags=("garden", "seeds"), body="New. " * 50))
    rebuild()
    assert computed == [6]
    _assert_same(project / "site", _reference(tmp_path / "damaged", project / "docs", serving=False))
