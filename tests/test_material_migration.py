"""Moving from Material for MkDocs' blog plugin: same options, same front matter, same URLs.

The fixture ``fixtures/material_blog`` is a blog written for Material's plugin (posts in
subfolders, ``.authors.yml``, an image beside a post, ``date`` mappings, a pinned post, related
links, several categories, a draft). It is built with Material's own ``blog`` plugin and with
``blog-plugin`` in its place; every page Material publishes must exist in our build too.
"""

from __future__ import annotations

import logging
import os
import shutil
import textwrap
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from conftest import LOGGER_NAMES, Site, run_build, write_tree

FIXTURE = Path(__file__).parent / "fixtures" / "material_blog"

material_config = pytest.importorskip("material.plugins.blog.config")


# -- helpers -----------------------------------------------------------------------------------


def project_from_fixture(tmp_path: Path, name: str, plugin: str, options: dict, **config) -> Path:
    """A copy of the fixture whose mkdocs.yml uses ``plugin`` with ``options``."""
    project = tmp_path / name
    shutil.copytree(FIXTURE, project)
    cfg = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    cfg["plugins"] = ["search", {plugin: options}]
    cfg.update(config)
    (project / "mkdocs.yml").write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    return project


def published(site: Site, under: str = "blog/") -> set[str]:
    """Every file the build wrote below ``under``, as site-relative paths."""
    return {
        p.relative_to(site.site_dir).as_posix()
        for p in site.site_dir.rglob("*")
        if p.is_file() and p.relative_to(site.site_dir).as_posix().startswith(under)
    }


def soup(site: Site, url: str) -> BeautifulSoup:
    return BeautifulSoup(site.html(url), "html.parser")


def target(site: Site, page_url: str, href: str) -> Path:
    """The file a relative link on the page at ``page_url`` leads to (it must exist)."""
    parts = urlsplit(href)
    assert not parts.scheme and not parts.netloc, href
    base = site.path(page_url).parent
    path = Path(os.path.normpath(base / unquote(parts.path)))
    if href.split("#")[0].endswith("/") or path.is_dir():
        path = path / "index.html"
    assert path.is_file(), f"{href!r} on {page_url} leads to a missing file"
    return path


def entry_titles(page: BeautifulSoup) -> list[str]:
    return [a.get_text(strip=True) for a in page.select("article.blog-entry .blog-entry-title a")]


# -- options -----------------------------------------------------------------------------------


def test_every_material_option_exists_with_the_same_default():
    from mkdocs_blog_plugin.config import BlogConfig

    theirs = dict(material_config.BlogConfig._schema)
    ours = dict(BlogConfig._schema)
    assert sorted(set(theirs) - set(ours)) == []
    differing = {}
    for name, option in theirs.items():
        default = getattr(option, "default", None)
        if callable(default):  # slugify functions and sort keys: compared by behaviour below
            continue
        if type(option).__name__ == "Deprecated":
            assert type(ours[name]).__name__ == "Deprecated"
            continue
        if getattr(ours[name], "default", None) != default:
            differing[name] = (default, ours[name].default)
    assert differing == {}


def test_every_material_option_is_accepted_and_does_what_materials_does(tmp_path):
    """All of Material's options at once, non-default values, Python tags included."""
    project = tmp_path / "all"
    shutil.copytree(FIXTURE, project)
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    options = textwrap.indent(textwrap.dedent("""\
        enabled: true
        blog_dir: blog
        blog_toc: true
        post_dir: "{blog}/posts"
        post_date_format: medium
        post_url_date_format: yyyy/MM
        post_url_format: "{date}/{slug}"
        post_url_max_categories: 2
        post_slugify: !!python/object/apply:pymdownx.slugs.slugify
          kwds:
            case: lower
        post_slugify_separator: "_"
        post_excerpt: required
        post_excerpt_max_authors: 2
        post_excerpt_max_categories: 1
        post_excerpt_separator: "<!-- more -->"
        post_readtime: false
        post_readtime_words_per_minute: 200
        archive: true
        archive_name: Past nights
        archive_date_format: MMMM yyyy
        archive_url_date_format: yyyy/MM
        archive_url_format: "log/{date}"
        archive_pagination: false
        archive_pagination_per_page: 5
        archive_toc: true
        categories: true
        categories_name: Topics
        categories_url_format: "topic/{slug}"
        categories_slugify: !!python/object/apply:pymdownx.slugs.slugify
          kwds:
            case: lower
        categories_slugify_separator: "_"
        categories_sort_by: !!python/name:material.plugins.blog.view_post_count
        categories_sort_reverse: true
        categories_allowed: [Equipment, Moon, Sketching, Constellations, Club News, Tips & Tricks,
                             Meteors, Trips, Comets, Sun]
        categories_pagination: true
        categories_pagination_per_page: 1
        categories_toc: true
        authors: true
        authors_file: "{blog}/.authors.yml"
        authors_profiles: true
        authors_profiles_name: People
        authors_profiles_url_format: "people/{slug}"
        authors_profiles_pagination: false
        authors_profiles_pagination_per_page: 3
        authors_profiles_toc: true
        pagination: true
        pagination_per_page: 3
        pagination_url_format: "p/{page}"
        pagination_if_single_page: true
        pagination_keep_content: true
        draft: false
        draft_on_serve: true
        draft_if_future_date: true
        pagination_template: "~3~"  # renamed to pagination_format; still read
    """), "      ")
    start, end = text.index("plugins:"), text.index("markdown_extensions:")
    text = text[:start] + "plugins:\n  - search\n  - blog-plugin:\n" + options + text[end:]
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    site = run_build(project)
    assert site.config.plugins["blog-plugin"].config.pagination_format == "~3~"
    # Each supported option did what Material's does.
    assert site.exists("blog/2025/06/watching_the_solstice_sunset/")  # separator "_", yyyy/MM
    assert site.exists("blog/log/2024/05/")  # archive URL format and date format
    assert not site.exists("blog/log/2024/05/page/2/")
    assert site.exists("blog/topic/tips__tricks/")  # categories slugify with "_"
    assert site.exists("blog/topic/equipment/p/3/")  # categories_pagination_per_page: 1
    assert site.exists("blog/people/mara/") and not site.exists("blog/people/mara/p/2/")
    assert site.exists("blog/p/4/") and not site.exists("blog/p/5/")  # 10 posts, 3 a page
    index = soup(site, "blog/")
    assert index.select_one(".blog-readtime") is None
    assert index.select_one("nav.blog-pagination") is not None
    # pagination_if_single_page: a paginated view of one page shows its pager; an archive page,
    # whose pagination is off, does not.
    assert soup(site, "blog/topic/club_news/").select_one("nav.blog-pagination") is not None
    assert soup(site, "blog/log/2023/11/").select_one("nav.blog-pagination") is None
    # blog_toc, archive_toc, categories_toc, authors_profiles_toc: the table of contents of a
    # listing lists the posts on that page, each linking to its entry.
    for url in ("blog/", "blog/p/2/", "blog/log/2024/05/", "blog/topic/equipment/", "blog/people/mara/"):
        page = soup(site, url)
        toc = [a["href"] for a in page.select("nav.md-nav--secondary a.md-nav__link")]
        entries = ["#" + e["id"] for e in page.select("article.blog-entry")]
        assert entries and toc[-len(entries):] == entries, url
    # authors_profiles_name: the authors' section in the nav.
    assert "People" in [s.get_text(strip=True) for s in soup(site, "blog/").select("label.md-nav__link")]


@pytest.mark.parametrize(
    "fmt, expected",
    [
        ("~2~", [1, None, 3, 4, 5, 6, 7, None, 9]),
        ("$link_first $link_previous ~1~ $link_next $link_last", [1, None, 4, 5, 6, None, 9]),
        ("$link_previous ~3~ $link_next", [1, 2, 3, 4, 5, 6, 7, 8, 9]),
    ],
)
def test_pagination_format_as_material_writes_it(fmt, expected):
    from mkdocs_blog_plugin.views import page_window

    assert page_window(5, 9, fmt) == expected


# -- the key test: Material's URLs survive the switch ---------------------------------------------

VARIANTS = {
    "defaults": ({"pagination_per_page": 2, "authors_profiles": True}, {}),
    "custom-formats-no-directory-urls": (
        {
            "pagination_per_page": 2,
            "authors_profiles": True,
            "post_url_format": "{categories}/{slug}",
            "post_url_max_categories": 2,
            "post_url_date_format": "yyyy/MM",
            "post_slugify_separator": "_",
            "archive_url_date_format": "yyyy/MM",
            "archive_date_format": "MMMM yyyy",
            "categories_url_format": "topics/{slug}",
            "categories_pagination_per_page": 1,
            "archive_pagination": False,
            "pagination_url_format": "p/{page}",
            "authors_profiles_url_format": "people/{name}",
        },
        {"use_directory_urls": False},
    ),
}

# Pages Material publishes for the fixture, checked so the comparison is never vacuous.
EXPECTED_FROM_MATERIAL = {
    "defaults": [
        "blog/index.html",
        "blog/page/5/index.html",  # 10 published posts, 2 a page
        "blog/2025/02/10/dark-sky-weekend/index.html",  # front matter slug
        "blog/2025/06/14/watching-the-solstice-sunset/index.html",  # dated file name, title slug
        "blog/2025/04/01/ørsteds-comet-revisited/index.html",  # title from the front matter
        "blog/2024/05/11/collimating-a-newtonian-in-ten-minutes/index.html",  # post in a subfolder
        "blog/2024/collimation/mirror-spots.svg",  # the image beside it
        "blog/archive/2024/page/2/index.html",
        "blog/category/tips--tricks/index.html",
        "blog/category/equipment/page/2/index.html",
        "blog/author/mara/page/3/index.html",
        "blog/author/ines-v/index.html",  # slug from .authors.yml
    ],
    "custom-formats-no-directory-urls": [
        "blog/p/5/index.html",
        "blog/equipment/tips--tricks/collimating_a_newtonian_in_ten_minutes.html",
        "blog/trips/equipment/dark-sky-weekend.html",
        "blog/archive/2024/05.html",
        "blog/topics/equipment.html",
        "blog/topics/equipment/p/3.html",
        "blog/people/Mara Quillfeather.html",
        "blog/people/Mara Quillfeather/p/3.html",
    ],
}


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_material_urls_exist_in_our_build(tmp_path, request, variant):
    options, config = VARIANTS[variant]
    theirs = run_build(project_from_fixture(tmp_path, "material", "blog", dict(options), **config))
    if variant == "defaults":  # the same options as the module's build (plus inert ones)
        ours = request.getfixturevalue("ours")
    else:
        ours = run_build(project_from_fixture(tmp_path, "ours", "blog-plugin", dict(options), **config))
    material_files = published(theirs)
    for path in EXPECTED_FROM_MATERIAL[variant]:
        assert path in material_files, f"the fixture no longer makes Material publish {path}"
    assert not any("next-eclipse" in p or "planning" in p for p in material_files)  # the draft
    missing = sorted(material_files - published(ours))
    assert missing == []
    if not options.get("archive_pagination", True):
        assert not any("/archive/" in p and "/p/" in p for p in published(ours))


# -- what readers see ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ours(tmp_path_factory) -> Site:
    tmp_path = tmp_path_factory.mktemp("material-ours")
    options = dict(VARIANTS["defaults"][0])
    # Unsupported options set to the values that ask for nothing: no warning.
    options.update(blog_toc=False, archive_toc=False, authors_profiles_name="blog.authors")
    return run_build(project_from_fixture(tmp_path, "ours", "blog-plugin", options))


def test_material_blog_builds_without_a_warning(ours):
    assert ours.warnings == []


def test_post_page_shows_every_author_with_name_and_avatar(ours):
    url = "blog/2025/02/10/dark-sky-weekend/"
    header = soup(ours, url).select_one("header.blog-post-header")
    authors = header.select(".blog-authors .blog-author")
    assert [a.get_text(strip=True) for a in authors] == ["Inès Varga", "Tomas Ekwueme"]
    avatars = [img["src"] for img in header.select(".blog-authors img.blog-avatar")]
    assert avatars[0] == "https://avatars.example.org/ines.png"
    assert target(ours, url, avatars[1]) == ours.path("blog/images/tomas.png")
    # With author pages, names link to them.
    assert target(ours, url, authors[0]["href"]) == ours.path("blog/author/ines-v/")


def test_listing_shows_first_author_with_avatar(ours):
    page = soup(ours, "blog/page/3/")
    entry = next(e for e in page.select("article.blog-entry")
                 if "A weekend at the dark-sky park" in e.get_text())
    names = [a.get_text(strip=True) for a in entry.select(".blog-author")]
    assert names == ["Inès Varga"]  # post_excerpt_max_authors: 1, as in Material
    assert entry.select_one("img.blog-avatar")["src"] == "https://avatars.example.org/ines.png"


def test_author_profile_pages_list_their_posts_paginated(ours):
    titles = []
    url = "blog/author/mara/"
    seen = []
    while url:
        page = soup(ours, url)
        seen.append(url)
        titles += entry_titles(page)
        older = page.select_one("a.blog-pagination-older")
        url = target(ours, url, older["href"]).relative_to(ours.site_dir).as_posix() if older else None
        if url and url.endswith("index.html"):
            url = url[: -len("index.html")]
    assert seen == ["blog/author/mara/", "blog/author/mara/page/2/", "blog/author/mara/page/3/"]
    assert titles == [
        "Club nights move to Fridays",  # pinned first, as on every Material listing
        "Ørsted's Comet, Revisited",
        "Collimating a Newtonian in ten minutes",
        "Sketching the terminator",
        "First light for the club refractor",
    ]
    assert soup(ours, "blog/author/mara/").find("h1").get_text(strip=True) == "Mara Quillfeather"


def test_date_mapping_pin_readtime_and_categories(ours):
    hexagon = soup(ours, "blog/2024/01/20/tracing-the-winter-hexagon/")
    meta = hexagon.select_one("header.blog-post-header .blog-meta")
    assert meta.select_one("time.blog-date")["datetime"].startswith("2024-01-20")
    assert meta.select_one(".blog-updated time")["datetime"].startswith("2024-02-01")
    # A custom key in the date mapping is accepted (no warning: the module build checks that).
    counting = soup(ours, "blog/2024/08/13/counting-the-perseids/")
    assert counting.select_one(".blog-updated time")["datetime"].startswith("2024-08-20")

    first = soup(ours, "blog/")
    assert entry_titles(first)[0] == "Club nights move to Fridays"
    assert first.select("article.blog-entry")[0].select_one(".blog-pinned") is not None

    url = "blog/2024/05/11/collimating-a-newtonian-in-ten-minutes/"
    post = soup(ours, url)
    assert post.select_one("header.blog-post-header .blog-readtime").get_text(strip=True) == "4 min read"
    links = post.select("header.blog-post-header a.blog-category")
    assert [a.get_text(strip=True) for a in links] == ["Equipment", "Tips & Tricks"]
    assert target(ours, url, links[1]["href"]) == ours.path("blog/category/tips--tricks/")
    image = post.select_one("article img[alt^='Where the secondary']")
    assert target(ours, url, image["src"]).read_text().startswith("<svg")
    # The draft is not published anywhere.
    assert not any("eclipse" in p for p in published(ours, ""))


def test_related_links_under_the_post(ours):
    url = "blog/2024/08/13/counting-the-perseids/"
    aside = soup(ours, url).select_one("aside.blog-related")
    assert aside is not None
    links = aside.select("a")
    assert [a.get_text(strip=True) for a in links] == [
        "Tracing the Winter Hexagon", "Where we meet", "Meteor data centre",
    ]
    assert target(ours, url, links[0]["href"]) == ours.path("blog/2024/01/20/tracing-the-winter-hexagon/")
    assert links[1]["href"].endswith("#parking")
    assert target(ours, url, links[1]["href"]) == ours.path("meeting-place/")
    assert links[2]["href"] == "https://meteors.example.org/"


# -- errors --------------------------------------------------------------------------------------


def build_expecting_abort(project: Path) -> list[str]:
    """Build, expect MkDocs to abort, and return the error messages it logged."""
    config = load_config(config_file=str(project / "mkdocs.yml"))
    records: list[logging.LogRecord] = []

    class Catch(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Catch(level=logging.ERROR)
    loggers = [logging.getLogger(name) for name in LOGGER_NAMES]
    for logger in loggers:
        logger.addHandler(handler)
    try:
        config.plugins.on_startup(command="build", dirty=False)
        with pytest.raises(Abort):
            build(config)
    finally:
        for logger in loggers:
            logger.removeHandler(handler)
    return [r.getMessage() for r in records]


@pytest.mark.parametrize(
    "front_matter, options, expected",
    [
        ("authors: [mara, nobody]", {}, "unknown author 'nobody'"),
        ("categories: [Gossip]", {"categories_allowed": ["Equipment"]},
         "category 'Gossip' is not in categories_allowed"),
    ],
)
def test_bad_post_aborts_the_build_with_one_line_naming_it(tmp_path, front_matter, options, expected):
    project = project_from_fixture(tmp_path, "bad", "blog-plugin", options)
    write_tree(project / "docs", {
        "blog/posts/2025/rumour.md": f"""
            ---
            date: 2025-07-01
            {front_matter}
            ---

            # A rumour
        """,
    })
    if options.get("categories_allowed"):  # the fixture's own categories are not allowed either
        for post in (project / "docs/blog/posts").rglob("*.md"):
            if post.name != "rumour.md":
                post.unlink()
    errors = build_expecting_abort(project)
    assert len(errors) == 1, errors
    assert "blog/posts/2025/rumour.md" in errors[0] and expected in errors[0]
    assert "\n" not in errors[0] and "Traceback" not in errors[0]
