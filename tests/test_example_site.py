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


def test_example_site_authors_have_pages_and_avatars(material_site):
    site = material_site
    for author in ("ada", "bram"):
        assert site.exists(f"blog/author/{author}/")
        assert (EXAMPLE / f"docs/blog/authors/{author}.svg").is_file()
    avatars = parse(site.path("blog/index.html")).select("img.blog-avatar")
    assert avatars and all(a["src"].endswith((".svg", ".png")) for a in avatars)
    authors_file = (EXAMPLE / "docs/blog/.authors.yml").read_text(encoding="utf-8")
    assert "https://example.com" not in authors_file  # author links stay on this site


def test_example_site_surprising_posts_explain_themselves(material_site):
    posts = EXAMPLE / "docs/blog/posts"
    letter = (posts / "letter-to-2031.md").read_text(encoding="utf-8")
    assert "draft_if_future_date" in letter and "pin: true" in letter
    assert "pin: true" in (posts / "2025/start-here.md").read_text(encoding="utf-8").split("---", 2)[2]
    pruning = (posts / "2023/2023-1-7-winter-pruning.md").read_text(encoding="utf-8")
    assert "categories: Garden Tools" in pruning and "categories: [Garden Tools]" in pruning
    entry = parse(material_site.path("blog/index.html")).select("article.blog-entry")[1]
    assert "2031" in entry.get_text() and "draft_if_future_date" in entry.get_text()
