"""The example blog built beside the plugins people already run (README, "Works with").

Each scenario copies example_site/, adds one plugin (in both orders in ``plugins:`` where the
order could matter) and builds once with ``strict``; the checks share that build. Every build
must keep the blog whole (index, page 2, a tag, a category, a post, every internal link) and show
the other plugin's own effect.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import feedparser
import pytest
import yaml

from conftest import Site, entry_titles, link_problems, listing_pages, page_url, parse, post_file, run_build, write_tree

EXAMPLE = Path(__file__).resolve().parent.parent / "example_site"

NAV = [{"Home": "index.md"}, {"Blog": ["blog/index.md"]}, {"About": "about.md"}]
# Generated listing pages are not in git: mkdocs-git-authors-plugin would warn for each one.
GIT_AUTHORS_EXCLUDE = ["blog/page/*", "blog/tags/*", "blog/category/*", "blog/archive/*", "blog/author/*",
                       "blog/series/*"]


@dataclass
class Scenario:
    plugin: Any  # the other plugin's entry under ``plugins:``
    first: bool = False  # listed before blog-plugin
    config: dict = field(default_factory=dict)
    docs: dict = field(default_factory=dict)
    git: bool = False
    strict: bool = True
    expect_warnings: list = field(default_factory=list)
    extra_plugins: list = field(default_factory=list)  # after the others


def _both(name: str, plugin: Any, **kw: Any) -> dict[str, Scenario]:
    return {f"{name}-after": Scenario(plugin, **kw), f"{name}-before": Scenario(plugin, first=True, **kw)}


TAGS_INDEX = "# Tags\n\nEvery tag on the site.\n\n<!-- material/tags -->\n"
META_TAGS = {"blog/posts/2025/.meta.yml": "tags:\n  - from-meta\n"}

SCENARIOS: dict[str, Scenario] = {
    **_both("section-index", "section-index", config={"nav": NAV}),
    **_both("awesome-pages", "awesome-pages", docs={".pages": "nav:\n  - index.md\n  - blog\n  - ...\n"}),
    "awesome-nav": Scenario("awesome-nav", docs={".nav.yml": "nav:\n  - index.md\n  - blog\n  - about.md\n"}),
    "literate-nav": Scenario(
        {"literate-nav": {"nav_file": "SUMMARY.md"}},
        docs={"SUMMARY.md": "* [Home](index.md)\n* [Blog](blog/index.md)\n* [About](about.md)\n"},
    ),
    **_both("tags", "tags", docs={"blog/tags.md": TAGS_INDEX, **META_TAGS}, extra_plugins=["meta"]),
    "tags-file": Scenario(
        {"tags": {"tags_file": "blog/tags.md"}}, docs={"blog/tags.md": "# Tags\n\nEvery tag on the site.\n"},
        strict=False,  # Material's deprecation of tags_file is a config warning: strict stops on it
    ),
    **_both("macros", "macros"),
    **_both("glightbox", "glightbox"),
    **_both("rss", {"rss": {"match_path": "blog/posts/.*",
                            "date_from_meta": {"as_creation": "date", "as_update": "updated"}}}, git=True),
    **_both("git-revision-date", "git-revision-date-localized", git=True),
    "git-authors": Scenario({"git-authors": {"exclude": GIT_AUTHORS_EXCLUDE}}, git=True),
    **_both("redirects", {"redirects": {"redirect_maps": {
        "old-compost.md": "blog/tags/compost.md", "old-page-2.md": "blog/page/2/index.md"}}}),
    **_both("minify", {"minify": {"minify_html": True}}),
    "meta-offline": Scenario("offline", docs=META_TAGS, extra_plugins=["meta"]),
}


def _git_commit(root: Path) -> None:
    env = {"GIT_AUTHOR_NAME": "Tester", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "Tester", "GIT_COMMITTER_EMAIL": "t@example.com",
           "PATH": os.environ.get("PATH", "")}
    for cmd in (["git", "init", "-q", "."], ["git", "add", "-A"],
                ["git", "-c", "commit.gpgsign=false", "commit", "-q", "-m", "site"]):
        subprocess.run(cmd, cwd=root, check=True, env=env, capture_output=True)


def _build(base: Path, name: str) -> Site:
    scenario = SCENARIOS[name]
    project = base / name
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("site", ".cache"))
    write_tree(project / "docs", scenario.docs)
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    others = [scenario.plugin]
    plugins = ["search", *others, "blog-plugin"] if scenario.first else ["search", "blog-plugin", *others]
    config["plugins"] = plugins + scenario.extra_plugins
    config.update(scenario.config)
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    if scenario.git:
        _git_commit(project)
    # As `mkdocs build` runs, from the project's folder (mkdocs-git-authors-plugin asks git there).
    here = os.getcwd()
    os.chdir(project)
    try:
        return run_build(project, strict=scenario.strict, site_dir=base / f"{name}-site",
                         expect_warnings=scenario.expect_warnings)
    finally:
        os.chdir(here)


_sites: dict[str, Site] = {}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Callable[[str], Site]:
    """One build per scenario, made when a test first asks for it."""
    base = tmp_path_factory.mktemp("compat")

    def get(name: str) -> Site:
        if name not in _sites:
            _sites[name] = _build(base, name)
        return _sites[name]

    yield get
    _sites.clear()


def _page(site: Site, url: str):
    """A page by its directory URL, whatever ``use_directory_urls`` says (the offline plugin)."""
    return parse(page_url(site, url))


def _main(site: Site, url: str):
    found = _page(site, url).select_one("article.md-content__inner")
    assert found is not None, url
    return found


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_blog_stays_whole(built, name):
    site = built(name)
    pages = listing_pages(site)
    assert len(pages) >= 2, "the blog index has no page 2"
    for page in pages[:2]:
        assert entry_titles(parse(page)), f"{page} lists no posts"
    assert entry_titles(_page(site, "blog/tags/compost/")), "the tag page lists no posts"
    assert entry_titles(_page(site, "blog/category/tools/")), "the category page lists no posts"
    post = parse(post_file(site, "Taking on plot 17")).select_one("article.md-content__inner")
    assert post is not None and len(post.get_text(" ", strip=True)) > 200
    problems = [p for page in site.pages() for p in link_problems(site.site_dir, page)]
    assert problems == []


@pytest.mark.parametrize("name", ["section-index-after", "section-index-before"])
def test_section_index_makes_the_blog_index_the_section_link(built, name):
    site = built(name)
    soup = parse(site.path("blog/"))
    # The section's own title is a link to the blog index (section-index's effect), and the
    # blog's overviews are its children.
    links = {a.get_text(" ", strip=True): a["href"] for a in soup.select("nav.md-nav--primary a[href]")}
    assert links.get("Blog") in ("./", ".", "index.html")
    assert {"Archive", "Categories", "Tags"} <= set(links)


@pytest.mark.parametrize("name", ["awesome-pages-after", "awesome-pages-before", "awesome-nav", "literate-nav"])
def test_nav_plugins_keep_the_blog_section(built, name):
    soup = parse(built(name).path("about/"))
    titles = [a.get_text(" ", strip=True) for a in soup.select("nav.md-nav--primary a[href]")]
    assert "About" in titles and "Tags" in titles and "Archive" in titles


@pytest.mark.parametrize("name", ["tags-after", "tags-before", "tags-file"])
def test_material_tags_index_keeps_its_content(built, name):
    site = built(name)
    main = _main(site, "blog/tags/")
    text = main.get_text(" ", strip=True)
    assert "Every tag on the site." in text
    assert "blog/tags.md:" not in text, "the tags plugin's placeholder leaked"
    assert main.select("h2[id^='tag:']"), "Material's tags listing is missing"
    # A post shows Material's chips, pointing to that listing, and not a second tag list.
    post = parse(post_file(site, "Taking on plot 17"))
    assert post.select("a.md-tag")
    assert not post.select("article.md-content__inner .blog-tags")


@pytest.mark.parametrize("name", ["tags-after", "meta-offline"])
def test_meta_file_tags_reach_the_blog(built, name):
    site = built(name)
    assert "A winter of rain readings" in entry_titles(_page(site, "blog/tags/from-meta/"))
    chips = [a.get_text(strip=True) for a in parse(post_file(site, "A winter of rain readings")).select("a.md-tag")]
    if name == "tags-after":
        assert chips.count("from-meta") == 1


@pytest.mark.parametrize("name", ["glightbox-after", "glightbox-before"])
def test_glightbox_wraps_images_in_excerpts_too(built, name):
    site = built(name)
    wrapped = [p for p in listing_pages(site) if parse(p).select("article.blog-entry a.glightbox > img")]
    assert wrapped, "no excerpt image is wrapped for the lightbox"
    assert parse(post_file(site, "Tomato rows")).select("a.glightbox > img")


@pytest.mark.parametrize("name", ["rss-after", "rss-before"])
def test_rss_uses_the_blog_dates(built, name):
    feed = feedparser.parse(str(built(name).site_dir / "feed_rss_created.xml"))
    published = {e.title: e.published_parsed[:3] for e in feed.entries}
    assert published["Taking on plot 17"] == (2021, 6, 15)  # from the Jekyll file name, not the commit
    assert published["Seed swap catalogue, spring edition"] == (2024, 3, 2)


@pytest.mark.parametrize("name", ["git-revision-date-after", "git-revision-date-before"])
def test_generated_listings_show_no_build_time_as_update(built, name):
    site = built(name)
    assert parse(site.path("about/")).select(".md-source-file")  # the plugin's effect
    for url in ("blog/page/2/", "blog/tags/compost/", "blog/category/tools/"):
        assert not parse(site.path(url)).select(".md-source-file"), url


def test_git_authors_builds_with_the_documented_exclude(built):
    site = built("git-authors")
    assert parse(site.path("about/")).select(".md-source-file, .git-page-authors") is not None


@pytest.mark.parametrize("name", ["redirects-after", "redirects-before"])
def test_redirects_reach_listing_pages(built, name):
    site = built(name)
    for old, target in (("old-compost/", "blog/tags/compost/"), ("old-page-2/", "blog/page/2/")):
        refresh = parse(site.path(old)).select_one("meta[http-equiv=refresh]")
        assert refresh is not None and target.rstrip("/") in refresh["content"], old


def test_redirect_from_clashing_with_redirect_maps_warns(build_site):
    build_site(
        {"blog/index.md": "# Blog\n", "blog/posts/a.md": "---\ndate: 2024-01-01\nredirect_from: [old/]\n---\n# A\n"},
        plugins=["search", "blog-plugin", {"redirects": {"redirect_maps": {"old.md": "blog/index.md"}}}],
        expect_warnings=["redirect_maps has 'old.md'"],
    )


@pytest.mark.parametrize("name", ["minify-after", "minify-before"])
def test_minify_minifies_blog_pages(built, name):
    html = built(name).html("blog/")
    assert "\n    " not in html  # indentation is gone


@pytest.mark.parametrize("name", ["macros-after", "macros-before"])
def test_macros_builds_strict(built, name):
    assert built(name).warnings == []


def test_shallow_clone_date_fallback_warns(tmp_path):
    origin = tmp_path / "origin"
    write_tree(origin, {
        "mkdocs.yml": "site_name: S\nsite_url: https://example.com/\nplugins: [blog-plugin]\n",
        "docs/blog/index.md": "# Blog\n",
        "docs/blog/posts/undated.md": "# Undated\n\nText.\n",
    })
    _git_commit(origin)
    (origin / "docs/blog/index.md").write_text("# Blog\n\nMore.\n", encoding="utf-8")
    subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@e", "-c", "commit.gpgsign=false",
                    "commit", "-qam", "two"], cwd=origin, check=True, capture_output=True)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", origin.as_uri(), str(clone)], check=True, capture_output=True)
    run_build(clone, site_dir=tmp_path / "site", expect_warnings=["shallow clone", "no date in the front matter"])
