"""The example site builds cleanly on every theme, and the Material build has no broken link."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import THEMES, Site, run_build
from conftest import link_problems, parse, repeated_ids

EXAMPLE = Path(__file__).resolve().parent.parent / "example_site"


def build_example(tmp_path: Path, theme: str) -> Site:
    project = tmp_path / "example_site"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("site", ".cache"))
    # strict=True makes MkDocs itself abort on a warning; run_build also fails on any warning.
    return run_build(project, theme={"name": theme}, strict=True, site_dir=tmp_path / "site")


@pytest.fixture(scope="module")
def material_site(tmp_path_factory) -> Site:
    return build_example(tmp_path_factory.mktemp("example-material"), "material")


@pytest.mark.parametrize("theme", [t for t in THEMES if t != "material"])
def test_example_site_builds_without_warnings(tmp_path, theme):
    site = build_example(tmp_path, theme)
    assert site.config.theme.name == theme
    assert site.warnings == []
    posts = list((EXAMPLE / "docs/blog/posts").rglob("*.md"))
    assert len(posts) >= 10
    listed = parse(site.path("blog/index.html")).select("article.blog-entry")
    assert listed, "the blog index lists no posts"
    assert site.exists("blog/tags/index.html") and site.exists("blog/archive/index.html")


def test_example_site_material_builds_without_warnings(material_site):
    assert material_site.config.theme.name == "material"
    assert material_site.warnings == []
    assert parse(material_site.path("blog/index.html")).select("article.blog-entry")


def test_example_site_material_links_and_ids(material_site):
    site = material_site
    pages = site.pages()
    blog = [p for p in pages if p.relative_to(site.site_dir).parts[0] == "blog"]
    assert len(blog) > 20
    problems = []
    for page in pages:
        problems += [f"{page.relative_to(site.site_dir)}: id {i!r} repeated" for i in repeated_ids(page)]
        problems += link_problems(site.site_dir, page)
    assert problems == []


def test_example_site_is_not_written_into(material_site):
    assert not (EXAMPLE / "site").exists()
    assert material_site.root != EXAMPLE
