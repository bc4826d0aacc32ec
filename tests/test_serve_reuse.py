"""``mkdocs serve`` rebuilds take what did not change from the build before (``reuse.py``), and
still give the site a clean build gives.

Besides a post's edits (test_dirty.py), what a post shows can change with no post edited: an
overridden template, an author's entry in ``.authors.yml``, the site's config. Each is edited
between two builds on the same plugin objects, and every output file is compared with a clean
build of the edited project. A spy test shows the parts are taken, not made again.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import _Recorder, listening, write_tree
from mkdocs_blog_plugin import catalog, posts, post_html, render, reuse, social

SERVE_URL = "http://127.0.0.1:8000/"
FOOTER = Path(render.TEMPLATES_DIR) / "blog-plugin" / "post-footer.html"


def _post(title: str, date: str, tags: str, author: str) -> str:
    return (
        f"---\ntitle: {title}\ndate: {date}\ntags: [{tags}]\nauthors: [{author}]\n---\n"
        f"Intro of {title}.\n\n<!-- more -->\n\n## More\n\n{'Words ' * 200}\n"
    )


DOCS = {
    "index.md": "# Home\n",
    "blog/index.md": "# Blog\n",
    "blog/.authors.yml": "authors:\n  ann:\n    name: Ann Reed\n    description: Writes\n  bo:\n    name: Bo Lind\n",
    **{
        f"blog/posts/p{i}.md": _post(f"Post {i}", f"2024-0{i}-01", "far" if i < 3 else "near", "ann" if i % 2 else "bo")
        for i in range(1, 8)
    },
}


def _project(root: Path, *, override: str | None = None, language: str = "en") -> Path:
    write_tree(root / "docs", DOCS)
    (root / "overrides" / "blog-plugin").mkdir(parents=True)
    if override is not None:
        (root / "overrides" / "blog-plugin" / "post-footer.html").write_text(override, encoding="utf-8")
    config = {
        "site_name": "Reuse",
        "site_url": "https://example.com/",
        "theme": {"name": "mkdocs", "custom_dir": "overrides", "language": language},
        "plugins": [{"blog-plugin": {"pagination_per_page": 2}}],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return root


def _config(project: Path):
    return load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(project / "site"))


def _serve_build(config) -> None:
    build(config, serve_url=SERVE_URL)


def _outputs(site_dir: Path) -> dict[str, bytes]:
    return {p.relative_to(site_dir).as_posix(): p.read_bytes() for p in sorted(site_dir.rglob("*")) if p.is_file()}


@pytest.fixture(autouse=True)
def _fixed_dates(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1717243200")


def _footer(marker: str) -> str:
    return FOOTER.read_text(encoding="utf-8").replace("{% autoescape true -%}", "{% autoescape true -%}" + marker, 1)


def _edit_override(project: Path) -> None:
    (project / "overrides" / "blog-plugin" / "post-footer.html").write_text(_footer("<p>second footer</p>"), "utf-8")


def _drop_override(project: Path) -> None:
    (project / "overrides" / "blog-plugin" / "post-footer.html").unlink()


def _rename_author(project: Path) -> None:
    path = project / "docs" / "blog" / ".authors.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("Ann Reed", "Ann Reed-Lowe"), encoding="utf-8")


def _change_language(project: Path) -> None:
    path = project / "mkdocs.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("language: en", "language: de"), encoding="utf-8")


EDITS = {
    "template-edited": _edit_override, "template-override-removed": _drop_override,
    "author-renamed": _rename_author, "language-changed": _change_language,
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_serve_rebuild_sees_changes_outside_the_posts(tmp_path, edit):
    project = _project(tmp_path / "project", override=_footer("<p>first footer</p>"))
    config = _config(project)
    config.plugins.on_startup(command="serve", dirty=False)
    _serve_build(config)
    before = _outputs(project / "site")
    EDITS[edit](project)
    shutil.rmtree(project / "site")
    again = _config(project)
    assert again.plugins["blog-plugin"] is config.plugins["blog-plugin"]
    _serve_build(again)
    got = _outputs(project / "site")

    reference = tmp_path / "reference"
    shutil.copytree(project, reference, ignore=shutil.ignore_patterns("site"))
    fresh = _config(reference)
    fresh.plugins.on_startup(command="serve", dirty=False)
    _serve_build(fresh)
    want = _outputs(reference / "site")
    assert sorted(got) == sorted(want)
    assert [name for name in got if got[name] != want[name]] == []
    # The edit shows: the test would pass with nothing reused only if it changed nothing.
    first = next(name for name in got if name.endswith("/post-1/index.html"))
    assert got[first] != before[first]


def test_serve_rebuild_takes_unchanged_parts(tmp_path, monkeypatch):
    """After one post's text changed, its parts are made again, and the others' are taken."""
    project = _project(tmp_path / "project")
    config = _config(project)
    config.plugins.on_startup(command="serve", dirty=False)
    _serve_build(config)
    made: dict[str, list] = {"yaml": [], "html": [], "header": [], "listing": [], "has": []}

    def spy(kind, real, name=lambda *a, **k: None):
        def call(*args, **kwargs):
            made[kind].append(name(*args, **kwargs))
            return real(*args, **kwargs)

        return call

    monkeypatch.setattr(posts._YAML, "load", spy("yaml", posts._YAML.load, lambda fm, **k: fm))
    monkeypatch.setattr(post_html, "_html_facts", spy("html", post_html._html_facts, lambda b, e, h: e.src_uri))
    monkeypatch.setattr(
        render.Renderer, "post_header", spy("header", render.Renderer.post_header, lambda s, e, *a, **k: e.src_uri)
    )
    monkeypatch.setattr(render.Renderer, "listing", spy("listing", render.Renderer.listing, lambda s, spec, **k: spec.path))
    monkeypatch.setattr(social, "existing", spy("has", social.existing))

    path = project / "docs" / "blog" / "posts" / "p2.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Intro of Post 2.", "A new intro."), encoding="utf-8")
    shutil.rmtree(project / "site")
    _serve_build(_config(project))

    assert len(made["yaml"]) == 1 and "Post 2" in made["yaml"][0]  # the edited post alone is read again
    assert made["html"] == ["blog/posts/p2.md"]
    # Its neighbours' previous/next links show its title, which did not change: only its own.
    assert made["header"] == ["blog/posts/p2.md"]
    # The listings that show its excerpt, and no other: its page of the index, of its year, its tag.
    assert sorted(made["listing"]) == ["blog/archive/2024/page/3", "blog/page/3", "blog/tags/far"]
    assert len(made["has"]) <= 1  # one post's page changed; the others' heads are what they were


def test_serve_rebuild_says_again_what_is_wrong_with_a_kept_post(tmp_path):
    """A post taken from the last build is not read again, but its warnings are given again:
    every rebuild says the same about the same files (and ``--strict`` stops on them)."""
    project = _project(tmp_path / "project")
    odd = project / "docs" / "blog" / "posts" / "odd.md"
    odd.write_text("---\ntitle: Odd\ndate: 2024-09-01\ntags: {a: 1}\n---\nText.\n", encoding="utf-8")
    config = _config(project)
    config.plugins.on_startup(command="serve", dirty=False)
    heard = []
    for round_ in range(2):
        recorder = _Recorder()
        with listening(recorder):
            _serve_build(config if round_ == 0 else _config(project))
        heard.append([m for m in recorder.messages if "odd.md" in m])
        path = project / "docs" / "blog" / "posts" / "p3.md"
        path.write_text(path.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    assert len(heard[0]) == 1 and "'tags'" in heard[0][0]
    assert heard[1] == heard[0]


def _read_spy(monkeypatch) -> list[str]:
    read: list[str] = []
    real = catalog._text

    def spy(file):
        read.append(file.src_uri)
        return real(file)

    monkeypatch.setattr(catalog, "_text", spy)
    return read


def test_serve_rebuild_reads_only_the_post_files_written_since(tmp_path, monkeypatch):
    """A post file untouched since the last build (same inode, size and times) is not read
    again; an edit that keeps the file's size is still seen (its times changed)."""
    monkeypatch.setattr(reuse, "SETTLED_NS", 0)  # the files were all written a moment ago
    project = _project(tmp_path / "project")
    config = _config(project)
    config.plugins.on_startup(command="serve", dirty=False)
    _serve_build(config)
    read = _read_spy(monkeypatch)
    path = project / "docs" / "blog" / "posts" / "p2.md"
    before = path.stat().st_size
    path.write_text(path.read_text(encoding="utf-8").replace("Intro of Post 2.", "Intro of Post Z."), encoding="utf-8")
    assert path.stat().st_size == before
    _serve_build(_config(project))
    assert read == ["blog/posts/p2.md"]
    page = (project / "site" / "blog" / "2024" / "02" / "01" / "post-2" / "index.html").read_text(encoding="utf-8")
    index = (project / "site" / "blog" / "page" / "3" / "index.html").read_text(encoding="utf-8")
    assert "Intro of Post Z." in page and "Intro of Post Z." in index


def test_serve_rebuild_reads_a_file_written_just_before_the_last_build_again(tmp_path, monkeypatch):
    """Times are kept to a resolution: a file written shortly before it was read could be
    written again with the same size and times, so it is read on every build until it settles."""
    project = _project(tmp_path / "project")
    config = _config(project)
    config.plugins.on_startup(command="serve", dirty=False)
    _serve_build(config)
    read = _read_spy(monkeypatch)
    _serve_build(_config(project))
    assert sorted(read) == sorted(name for name in DOCS if name.startswith("blog/posts/"))
