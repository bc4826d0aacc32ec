"""``mkdocs serve`` rebuilds take a blog page as the theme rendered it last time when everything
its templates read is the same (``theme_reuse.py``), and still give the site a clean build gives.

Each test builds a Material site twice on the same plugin objects, as ``mkdocs serve`` does, with
one change in between, and compares every output file with a clean build of the changed
project. A spy on Jinja's ``Template.render`` shows which pages the theme rendered again.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import theme_renders, write_tree
from test_compat import _git_commit
from mkdocs_blog_plugin import theme_reuse

SERVE_URL = "http://127.0.0.1:8000/"


def _post(title: str, date: str, tag: str) -> str:
    return (
        f"---\ntitle: {title}\ndate: {date}\ntags: [{tag}]\n---\n"
        f"Intro of {title}.\n\n<!-- more -->\n\n## Details\n\n{'Words ' * 120}\n"
    )


DOCS = {
    "index.md": "# Home\n\nWelcome.\n",
    "blog/index.md": "# Blog\n",
    **{f"blog/posts/p{i}.md": _post(f"Post {i}", f"2024-0{i}-01", "even" if i % 2 == 0 else "odd") for i in range(1, 7)},
}
PARTIAL = "partials/copyright.html"


def _project(root: Path, *, theme: str = "material", hooks: str | None = None, plugins: tuple = ()) -> Path:
    write_tree(root / "docs", DOCS)
    (root / "overrides" / "partials").mkdir(parents=True)
    (root / "overrides" / "main.html").write_text(
        '{% extends "base.html" %}\n{% block announce %}Spring sale{% endblock %}\n', encoding="utf-8"
    )
    config = {
        "site_name": "Kept pages",
        "site_url": "https://example.com/",
        "copyright": "Kept pages, 2024",
        "theme": {"name": theme, "custom_dir": "overrides"},
        "plugins": ["search", *plugins, {"blog-plugin": {"pagination_per_page": 2}}],
    }
    if hooks is not None:
        (root / "hooks.py").write_text(hooks, encoding="utf-8")
        config["hooks"] = ["hooks.py"]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return root


def _config(project: Path):
    return load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(project / "site"))


def _outputs(site_dir: Path) -> dict[str, bytes]:
    return {p.relative_to(site_dir).as_posix(): p.read_bytes() for p in sorted(site_dir.rglob("*")) if p.is_file()}


@pytest.fixture(autouse=True)
def _fixed_dates(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1717243200")


def _rebuild(project: Path, change) -> tuple[dict, dict, list[str]]:
    """Serve-build, change, rebuild: (outputs before, outputs after, pages rendered again)."""
    config = _config(project)
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url=SERVE_URL)
    before = _outputs(project / "site")
    change(project)
    shutil.rmtree(project / "site")
    again = _config(project)
    assert again.plugins["blog-plugin"] is config.plugins["blog-plugin"]
    with pytest.MonkeyPatch.context() as spying:
        rendered = theme_renders(spying)
        build(again, serve_url=SERVE_URL)
    return before, _outputs(project / "site"), rendered


def _clean(tmp_path: Path, project: Path) -> dict:
    reference = tmp_path / "reference"
    shutil.copytree(project, reference, ignore=shutil.ignore_patterns("site"))
    fresh = _config(reference)
    fresh.plugins.on_startup(command="serve", dirty=False)
    build(fresh, serve_url=SERVE_URL)
    return _outputs(reference / "site")


def _edit_post(project: Path) -> None:
    path = project / "docs" / "blog" / "posts" / "p3.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Words Words", "Words, more words", 1), encoding="utf-8")


def _add_partial(project: Path) -> None:
    (project / "overrides" / PARTIAL).write_text('<div class="md-copyright">Written here</div>\n', encoding="utf-8")


def _edit_main(project: Path) -> None:
    path = project / "overrides" / "main.html"
    path.write_text(path.read_text(encoding="utf-8").replace("Spring sale", "Autumn sale"), encoding="utf-8")


def _edit_config(project: Path) -> None:
    path = project / "mkdocs.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("Kept pages, 2024", "Kept pages, 2025"), encoding="utf-8")


def _retitle_nav_page(project: Path) -> None:
    (project / "docs" / "index.md").write_text("# Front door\n\nWelcome.\n", encoding="utf-8")


def _add_docs_page(project: Path) -> None:
    (project / "docs" / "about.md").write_text("# About\n\nWho writes here.\n", encoding="utf-8")


CHANGES = {
    "partial-added": _add_partial, "main-template-edited": _edit_main, "copyright-changed": _edit_config,
    "nav-page-retitled": _retitle_nav_page, "page-added-to-nav": _add_docs_page,
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_change_every_page_shows_renders_every_page_again(tmp_path, change):
    """A template, the config or the nav changed: every blog page shows it, none is taken."""
    project = _project(tmp_path / "project")
    before, got, rendered = _rebuild(project, CHANGES[change])
    want = _clean(tmp_path, project)
    assert sorted(got) == sorted(want)
    assert [name for name in got if got[name] != want[name]] == []
    post = "blog/2024/03/01/post-3/index.html"
    assert got[post] != before[post]  # the change shows on a post that was not edited
    assert "blog/posts/p3.md" in rendered and "blog/index.md" in rendered


# Material's tags plugin and mkdocs-section-index handle on_page_context too, for their page only.
@pytest.mark.parametrize("plugins", [(), ("tags", "section-index")], ids=["alone", "with-tags-and-section-index"])
def test_an_edited_post_renders_only_the_pages_that_show_it(tmp_path, plugins):
    project = _project(tmp_path / "project", plugins=plugins)
    before, got, rendered = _rebuild(project, _edit_post)
    want = _clean(tmp_path, project)
    assert [name for name in got if got[name] != want[name]] == [] and sorted(got) == sorted(want)
    # The post itself, and the home page (not the blog's, rendered every time). The listings show
    # its excerpt, which did not change; its neighbours show its title, which did not either.
    assert sorted(rendered) == ["blog/posts/p3.md", "index.md"]
    changed = sorted(name for name in got if name.endswith(".html") and got[name] != before.get(name))
    assert changed == ["blog/2024/03/01/post-3/index.html"]


def test_a_template_edited_in_place_is_seen_by_its_text(tmp_path, monkeypatch):
    """The folder listing of ``custom_dir`` is one check; the text of every template the last
    build loaded is another, which alone sees an edit (here the listing is made to look the same)."""
    monkeypatch.setattr(theme_reuse, "_custom_files", lambda config: "the same")
    project = _project(tmp_path / "project")
    before, got, rendered = _rebuild(project, _edit_main)
    post = "blog/2024/03/01/post-3/index.html"
    assert b"Autumn sale" in got[post] and b"Spring sale" in before[post]
    assert "blog/posts/p3.md" in rendered


SPY_HOOK = '''
def on_page_context(context, page, config, nav):
    context["visits"] = 1
    return context
'''
GLOBAL_HOOK = '''
def on_env(env, config, files):
    env.globals["shout"] = lambda text: text.upper()
    return env
'''


@pytest.mark.parametrize(
    "setup", ["mkdocs-theme", "context-hook", "template-global"],
)
def test_pages_are_rendered_again_when_reuse_cannot_be_known_right(tmp_path, setup):
    """MkDocs' theme prints the build time; another plugin's on_page_context or template function
    may read anything: every blog page is rendered on every rebuild."""
    if setup == "mkdocs-theme":
        project = _project(tmp_path / "project", theme="mkdocs")
        (project / "overrides" / "main.html").unlink()
    else:
        project = _project(tmp_path / "project", hooks=SPY_HOOK if setup == "context-hook" else GLOBAL_HOOK)
    _, got, rendered = _rebuild(project, _edit_post)
    blog_pages = [name for name in got if name.startswith("blog/") and name.endswith("index.html")]
    assert len([src for src in rendered if src.startswith("blog/")]) == len(blog_pages)
    want = _clean(tmp_path, project)
    assert [name for name in got if got[name] != want[name]] == [] and sorted(got) == sorted(want)


def test_a_rebuild_that_rendered_nothing_still_checks_the_templates_next_time(tmp_path, monkeypatch):
    """A rebuild that took every page loads none of the theme's templates: the next one still
    checks the text of those the pages it keeps were rendered with."""
    monkeypatch.setattr(theme_reuse, "_custom_files", lambda config: "the same")
    project = _project(tmp_path / "project")
    (project / "docs" / "index.md").unlink()  # every page is the blog's
    config = _config(project)
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url=SERVE_URL)
    with pytest.MonkeyPatch.context() as spying:
        rendered = theme_renders(spying)
        build(_config(project), serve_url=SERVE_URL)  # nothing changed
    assert rendered == []
    _edit_main(project)
    with pytest.MonkeyPatch.context() as spying:
        rendered = theme_renders(spying)
        build(_config(project), serve_url=SERVE_URL)
    assert "blog/posts/p1.md" in rendered
    assert b"Autumn sale" in (project / "site" / "blog" / "2024" / "01" / "01" / "post-1" / "index.html").read_bytes()


# Plugins people serve a blog with: glightbox changes images (on_page_content), minify the written
# page (on_post_page, which runs on a kept page too), macros its own Markdown, awesome-pages the
# nav. None of them handles on_page_context or adds template functions: pages are taken.
@pytest.mark.parametrize(
    "plugins",
    [
        ("glightbox", {"minify": {"minify_html": True}}), ("macros",), ("awesome-pages", "tags"),
        ("git-revision-date-localized",),
    ],
    ids=["glightbox-minify", "macros", "awesome-pages-tags", "git-revision-date"],
)
def test_a_rebuild_with_other_plugins_gives_the_clean_site(tmp_path, plugins):
    project = _project(tmp_path / "project", plugins=plugins)
    if "git-revision-date-localized" in plugins:
        _git_commit(project)
    _, got, rendered = _rebuild(project, _edit_post)
    want = _clean(tmp_path, project)
    assert sorted(got) == sorted(want)
    assert [name for name in got if got[name] != want[name]] == []
    assert sorted(rendered) == ["blog/posts/p3.md", "index.md"]
