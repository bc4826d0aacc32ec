"""Hostile input, second round: every path the blog writes stays inside the site and off every
other output, private files stay private, links never run scripts, and every bad input ends in a
one-line error naming the file or option, or in a warning naming the file and a sensible fallback.
"""

from __future__ import annotations

import gzip
import json
import logging
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from mkdocs.exceptions import Abort

from conftest import parse, run_build, write_tree

CJK = "字" * 96
ASCII = "a" * 300


def post(title: str = "A post", date: str = "2024-01-05", body: str = "Some text.", **front) -> str:
    meta = {"title": title, "date": date, **front}
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body + "\n"


def errors(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


def assert_stops(caplog, *words: str) -> None:
    found = errors(caplog)
    assert any(all(w in m for w in words) for m in found), f"no error naming {words} in {found}"


def snapshot(root: Path, skip: Path | None = None) -> dict[str, tuple[int, int]]:
    """Every file below ``root`` (but not below ``skip``): path -> (size, mtime)."""
    out = {}
    for path in root.rglob("*"):
        if skip is not None and path.is_relative_to(skip):
            continue
        if path.is_file():
            stat = path.stat()
            out[str(path.relative_to(root))] = (stat.st_size, stat.st_mtime_ns)
    return out


def nested_build(tmp_path: Path, docs: dict, plugin: dict | None = None, *, extra: dict | None = None,
                 expect_warnings=(), **config):
    """Build a project three folders below ``tmp_path`` (room for '../' to climb) and return the
    site and what changed outside the site directory."""
    project = tmp_path / "a" / "b" / "project"
    project.mkdir(parents=True)
    write_tree(project / "docs", docs)
    write_tree(project, extra or {})
    cfg = {"site_name": "Test site", "site_url": "https://example.com/", "theme": {"name": "mkdocs"},
           "plugins": ["search", {"blog-plugin": plugin or {}}], **config}
    (project / "mkdocs.yml").write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    site_dir = project / "site"
    before = snapshot(tmp_path, skip=site_dir)
    error = None
    site = None
    try:
        site = run_build(project, expect_warnings=expect_warnings)
    except Abort as e:
        error = e
    after = snapshot(tmp_path, skip=site_dir)
    changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
    return site, error, changed


def site_files(site) -> list[Path]:
    return [p for p in site.site_dir.rglob("*") if p.is_file()]


# ---------------------------------------------------------------------------------------------
# Data loss and confinement
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("directory_urls", [True, False])
@pytest.mark.parametrize("name", ["../../../../pwned", "../../../overrides/main", "..", "a/../../b"])
def test_author_name_in_a_url_format_never_leaves_the_site(tmp_path, caplog, name, directory_urls):
    site, error, changed = nested_build(
        tmp_path,
        {"blog/posts/a.md": post(authors=["x"]), "blog/.authors.yml": yaml.safe_dump({"authors": {"x": {"name": name}}})},
        {"authors_profiles": True, "authors_profiles_url_format": "author/{name}"},
        extra={"overrides/main.html": "MINE"},
        use_directory_urls=directory_urls,
    )
    assert error is not None
    assert_stops(caplog, "blog/.authors.yml", "author 'x'", "authors_profiles_url_format", "inside the site")
    assert changed == []


@pytest.mark.parametrize("option, value", [
    ("blog_dir", "../outside"),
    ("tags_url_format", "../../../tagout/{slug}"),
    ("categories_url_format", "../{slug}"),
    ("archive_url_format", "../../../{date}"),
    ("archive_url_date_format", "'../../../pwn'yyyy"),
    ("pagination_url_format", "../../../p{page}"),
    ("pagination_url_format", "%2e%2e/%2e%2e/p{page}"),
    ("authors_profiles_url_format", "../../{slug}"),
    ("post_url_format", "../../../{slug}"),
    ("post_url_format", "/:year/../../../:title/"),
])
def test_url_options_that_leave_the_site_stop_the_build(tmp_path, caplog, option, value):
    posts = {f"blog/posts/p{i}.md": post(f"P{i}", f"2024-01-{i + 1:02d}", tags=["t"], categories=["c"], authors=["x"])
             for i in range(12)}
    posts["blog/.authors.yml"] = "authors:\n  x: {name: X}\n"
    site, error, changed = nested_build(tmp_path, posts, {"authors_profiles": True, option: value})
    assert error is not None
    assert_stops(caplog, f"option '{option}'")
    assert changed == []


def test_every_written_path_goes_through_the_gate(tmp_path):
    """A site with posts, views on several pages, feeds, redirects and asset copies: every output
    file is inside the site directory and nothing else changed."""
    docs = {f"blog/posts/p{i}/post.md": post(f"P{i}", f"2024-01-{i + 1:02d}", tags=["t"], categories=["c"],
                                             authors=["x"], redirect_from=[f"/old/{i}/"])
            for i in range(12)}
    docs.update({f"blog/posts/p{i}/map.png": b"PNG" for i in range(12)})
    docs["blog/.authors.yml"] = "authors:\n  x: {name: X}\n"
    site, error, changed = nested_build(tmp_path, docs, {"authors_profiles": True, "pagination_per_page": 2})
    assert error is None and changed == []
    assert site.exists("blog/p0/map.png") and site.exists("old/3/") and site.exists("blog/author/x/page/2/")


# ---------------------------------------------------------------------------------------------
# Private content
# ---------------------------------------------------------------------------------------------

PRIVATE = {
    "blog/posts/public.md": post("Public post", "2024-01-03", body="Public words.", tags=["shared"]),
    "blog/posts/public-two.md": post("Second public post", "2024-01-06", tags=["shared"]),
    "blog/posts/.secret.md": post("Dot secret zzsecretdot", "2024-01-04", body="zzsecretdot body", tags=["zzsecrettag"]),
    "blog/posts/.#public.md": post("Lock secret zzsecretlock", "2024-01-05", body="zzsecretlock body"),
    "blog/posts/private.md": post("Excluded zzsecretexcluded", "2024-01-04", body="zzsecretexcluded body",
                                  categories=["zzsecretcat"]),
    "blog/posts/wip.md": post("Work in progress zzsecretdraft", "2024-01-05", body="zzsecretdraft body"),
    "blog/posts/.hidden.png": b"zzsecretasset",
    "blog/posts/private.png": b"zzsecretprivateasset",
}


def _text_of(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return data.decode("utf-8", "replace")


def test_files_mkdocs_excludes_are_never_published(build_site):
    site = build_site(PRIVATE, exclude_docs="private.md\nprivate.png\n", draft_docs="wip.md\n")
    leaks = [str(p.relative_to(site.site_dir)) for p in site_files(site) if "zzsecret" in _text_of(p)]
    assert leaks == []
    assert site.exists("search/search_index.json") and site.exists("sitemap.xml")
    # The public posts are there, and each other's previous/next.
    public = site.html("blog/2024/01/03/public-post/")
    assert "Second public post" in public


def test_draft_docs_are_drafts_under_serve(build_site):
    site = build_site(PRIVATE, command="serve", exclude_docs="private.md\nprivate.png\n", draft_docs="wip.md\n")
    assert site.exists("blog/2024/01/05/work-in-progress-zzsecretdraft/")
    leaks = [str(p.relative_to(site.site_dir)) for p in site_files(site)
             if any(w in _text_of(p) for w in ("zzsecretdot", "zzsecretlock", "zzsecretexcluded", "zzsecretasset"))]
    assert leaks == []


# ---------------------------------------------------------------------------------------------
# Scripts in links
# ---------------------------------------------------------------------------------------------

SCRIPTS = ["javascript:alert(1)", "JavaScript:alert(1)", " java\tscript:alert(1)", "vbscript:msgbox(1)",
           "data:text/html,<script>alert(1)</script>", "&#106;avascript:alert(1)"]


def _hrefs(site) -> list[str]:
    out = []
    for page in site.pages():
        for tag in parse(page).find_all(["a", "img", "link"]):
            out += [tag.get("href") or "", tag.get("src") or ""]
    return [h for h in out if h]


@pytest.mark.parametrize("url", SCRIPTS)
def test_script_links_in_front_matter_are_dropped(build_site, url):
    site = build_site({"blog/posts/a.md": post(links=[{"Click": url}, {"Fine": "https://example.org/"}])},
                      expect_warnings=["blog/posts/a.md: related link"])
    assert any("is not a web, mail or site link" in w for w in site.warnings)
    hrefs = _hrefs(site)
    assert "https://example.org/" in hrefs
    assert not [h for h in hrefs if "script" in h.lower() or h.lower().startswith("data:")]


@pytest.mark.parametrize("url", SCRIPTS)
def test_script_links_in_authors_are_dropped(build_site, url):
    authors = {"authors": {"x": {"name": "X", "url": url, "avatar": url}}}
    site = build_site({"blog/posts/a.md": post(authors=["x"]), "blog/.authors.yml": yaml.safe_dump(authors)},
                      expect_warnings=["blog/.authors.yml: author 'x': 'url'", "blog/.authors.yml: author 'x': 'avatar'"])
    assert not [h for h in _hrefs(site) if "script" in h.lower() or h.lower().startswith("data:text")]


def test_inline_image_avatars_are_kept(build_site):
    avatar = "data:image/png;base64,iVBORw0KGgo="
    authors = {"authors": {"x": {"name": "X", "url": "mailto:x@example.com", "avatar": avatar}}}
    site = build_site({"blog/posts/a.md": post(authors=["x"]), "blog/.authors.yml": yaml.safe_dump(authors)})
    assert avatar in _hrefs(site)


# ---------------------------------------------------------------------------------------------
# Tracebacks: names too long, outputs that collide
# ---------------------------------------------------------------------------------------------


def _names_fit(site) -> None:
    for path in site.site_dir.rglob("*"):
        assert len(path.name.encode()) <= 255


@pytest.mark.parametrize("long", [CJK, ASCII], ids=["cjk", "ascii"])
@pytest.mark.parametrize("case", ["permalink", "redirect", "author_slug", "author_name", "archive", "title", "tag"])
def test_long_names_are_shortened_with_a_warning(build_site, long, case):
    docs = {"blog/posts/a.md": post(authors=["x"])}
    authors = {"x": {"name": "X"}}
    plugin = {"authors_profiles": True}
    warning = "longer than"
    if case == "permalink":
        docs["blog/posts/a.md"] = post(permalink=f"/blog/{long}/")
    elif case == "redirect":
        docs["blog/posts/a.md"] = post(redirect_from=[f"/old/{long}/"])
    elif case == "author_slug":
        authors["x"]["slug"] = long
    elif case == "author_name":
        authors["x"]["name"] = long
        plugin["authors_profiles_url_format"] = "author/{name}"
    elif case == "archive":
        plugin["archive_url_date_format"] = f"'{long}'yyyy"
    elif case == "title":
        docs["blog/posts/a.md"] = post(title=long)
    elif case == "tag":
        docs["blog/posts/a.md"] = post(tags=[long], categories=[long])
    docs["blog/.authors.yml"] = yaml.safe_dump({"authors": authors}, allow_unicode=True)
    site = build_site(docs, plugin=plugin, expect_warnings=[warning])
    _names_fit(site)
    assert len([p for p in site.pages() if "2024/01/05" in str(p) or "blog" in str(p)]) > 1


@pytest.mark.parametrize("docs, plugin, feed", [
    ({"blog/posts/a.md": post(slug="feed.xml")}, {"post_url_format": "{slug}"}, "blog/feed.xml"),
    ({"blog/posts/2023-1-7-rss.xml.md": "---\ntitle: X\n---\nhi\n"}, {"post_url_format": "{slug}"}, "blog/rss.xml"),
    ({"blog/posts/a.md": post(permalink="/blog/feed.xml")}, {}, "blog/feed.xml"),
    ({"blog/posts/a.md": post(permalink="/blog/feed.json")}, {}, "blog/feed.json"),
], ids=["slug", "file-name", "permalink-atom", "permalink-json"])
def test_a_post_never_takes_a_feeds_place(build_site, docs, plugin, feed):
    site = build_site(docs, plugin=plugin, expect_warnings=["blog/posts/"])
    assert any(feed in w for w in site.warnings)
    assert (site.site_dir / feed).is_file()
    text = (site.site_dir / feed).read_text(encoding="utf-8")
    json.loads(text) if feed.endswith(".json") else ET.fromstring(text)
    assert len([p for p in site.pages() if "blog/" in p.as_posix() and "archive" not in p.as_posix()]) >= 2


NOT_PAGES = ["/sitemap.xml", "/img/logo.png", "/css/base.css", "/search/search_index.json", "/blog/rss.xml",
             "/404.html", "/sitemap.xml.gz"]


def _intact(site, target: str) -> None:
    rel = target.lstrip("/")
    path = site.site_dir / rel
    assert path.is_file(), f"{rel} is not a file"
    if rel == "img/logo.png":
        assert path.read_bytes() == b"LOGO"
    elif rel.endswith((".xml",)):
        ET.fromstring(path.read_text(encoding="utf-8"))
    elif rel.endswith(".json"):
        json.loads(path.read_text(encoding="utf-8"))
    elif rel == "404.html":
        assert "A post" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("target", NOT_PAGES)
def test_a_permalink_onto_a_file_that_is_not_a_page_is_not_used(build_site, target):
    site = build_site({"blog/posts/a.md": post(permalink=target), "img/logo.png": b"LOGO"},
                      expect_warnings=[f"blog/posts/a.md: its permalink '{target}' is where"])
    _intact(site, target)
    assert site.exists("blog/2024/01/05/a-post/")


@pytest.mark.parametrize("target", NOT_PAGES + ["/index.html", "/blog/"])
def test_a_redirect_onto_another_output_is_skipped(build_site, target):
    site = build_site({"index.md": "# Home\n", "blog/posts/a.md": post(redirect_from=[target]), "img/logo.png": b"LOGO"},
                      expect_warnings=[f"blog/posts/a.md: redirect from '{target}' skipped"])
    if target.endswith("/"):
        assert "A post" in site.html(target.lstrip("/"))  # the blog index, not a redirect
    elif target != "/index.html":
        _intact(site, target)
    else:
        assert "Home" in site.html("")


@pytest.mark.parametrize("name, warns", [("2024-01-01-what?.md", False), ("2024-01-01-x%00.md", True),
                                         ("2024-01-01-%.md", False), ("2024-01-01-a%2f..%2fb.md", False)])
def test_a_file_name_that_is_no_url_falls_back_to_a_safe_slug(build_site, name, warns):
    site = build_site({f"blog/posts/{name}": "Some words.\n"},
                      expect_warnings=[f"blog/posts/{name}: cannot use its URL"] if warns else ())
    posts = [p for p in (site.site_dir / "blog/2024/01/01").rglob("index.html")]
    assert len(posts) == 1
    assert posts[0].parent.parent == site.site_dir / "blog/2024/01/01"


def test_an_escaped_slash_in_a_file_name_is_not_a_folder(build_site):
    site = build_site({"blog/posts/2024-01-01-a%2fb.md": "Words.\n", "blog/posts/2024-01-02-c%252Fd.md": "More.\n"})
    assert not (site.site_dir / "blog/2024/01/01/a").exists()
    assert [p.parent.name for p in (site.site_dir / "blog/2024/01/01").rglob("index.html")] == ["a-b"]
    assert [p.parent.parent.name for p in (site.site_dir / "blog/2024/01/02").rglob("index.html")] == ["02"]


# ---------------------------------------------------------------------------------------------
# Silent wrong output
# ---------------------------------------------------------------------------------------------

TWELVE = {f"blog/posts/p{i}.md": post(f"P{i}", f"2024-01-{i + 1:02d}", categories=["News"]) for i in range(12)}


@pytest.mark.parametrize("real", ["blog/page/2.md", "blog/page/2/index.md", "blog/category/news/page/2.md",
                                  "blog/category/news/page/2/index.md", "blog/page/2/index.html"])
def test_a_page_of_the_site_where_a_listing_page_goes_stops_the_build(build_site, caplog, real):
    with pytest.raises(Abort):
        build_site({**TWELVE, real: "# Mine\n\nMy own page.\n"})
    assert_stops(caplog, f"'{real}' is where the blog writes page 2 of")


@pytest.mark.parametrize("feed, kind", [("blog/feed.xml", "Atom"), ("blog/rss.xml", "RSS"),
                                        ("blog/feed.json", "JSON Feed")])
def test_the_sites_own_feed_file_wins(build_site, feed, kind):
    site = build_site({"blog/posts/a.md": post(), feed: "MY OWN FEED"},
                      expect_warnings=[f"{feed}: the site's own file is where the blog's {kind} feed goes"])
    assert (site.site_dir / feed).read_text() == "MY OWN FEED"
    others = {"blog/feed.xml", "blog/rss.xml", "blog/feed.json"} - {feed}
    assert all((site.site_dir / o).is_file() for o in others)


def test_an_asset_copy_never_replaces_a_listing_page(build_site):
    site = build_site({"blog/posts/a.md": post(), "blog/posts/index.html": "MY ASSET"},
                      expect_warnings=["blog/posts/index.html: its copy at 'blog/index.html'"])
    assert "A post" in site.html("blog/")
    assert site.html("blog/posts/index.html") == "MY ASSET"


@pytest.mark.parametrize("plugin, category, moved", [
    ({"categories_url_format": "{slug}"}, "tags", "blog/tags-2/"),
    ({"categories_url_format": "{slug}"}, "archive", "blog/archive-2/"),
    ({"categories_url_format": "page/{slug}"}, "2", "blog/page/2-2/"),
])
def test_two_views_on_one_url_get_distinct_pages(build_site, plugin, category, moved):
    docs = {f"blog/posts/p{i}.md": post(f"P{i}", f"2024-01-{i + 1:02d}", tags=["t"], categories=[category])
            for i in range(12)}
    site = build_site(docs, plugin=plugin, expect_warnings=["would share the page"])
    assert site.exists(moved)
    assert any(category in w for w in site.warnings)
    titles = {parse(site.path(u)).title.get_text() for u in (moved, moved.replace("-2/", "/"))}
    assert len(titles) == 2  # both pages are there, each its own


def test_a_category_named_like_a_year_lives_beside_the_posts(build_site):
    site = build_site({"blog/posts/a.md": post(categories=["2024"])}, plugin={"categories_url_format": "{slug}"})
    assert site.exists("blog/2024/") and site.exists("blog/2024/01/05/a-post/") and site.exists("blog/archive/2024/")


def test_two_authors_with_one_slug_get_two_pages(build_site):
    authors = "authors:\n  x: {name: Xena, slug: s}\n  y: {name: Yuri, slug: s}\n"
    site = build_site({"blog/posts/a.md": post(authors=["x", "y"]), "blog/.authors.yml": authors},
                      plugin={"authors_profiles": True},
                      expect_warnings=["the author 'Yuri' and the author 'Xena' would share the page 'blog/author/s'"])
    assert "Xena" in site.html("blog/author/s/") and "Yuri" in site.html("blog/author/s-2/")


@pytest.mark.parametrize("plugin, options", [
    ({"tags_url_format": "t/{slug}", "categories_url_format": "t/{slug}"}, ["categories_url_format", "tags_url_format"]),
    ({"authors_profiles": True, "authors_profiles_url_format": "tags/{slug}"},
     ["tags_url_format", "authors_profiles_url_format"]),
])
def test_two_kinds_of_view_with_one_url_format_stop_the_build(build_site, caplog, plugin, options):
    with pytest.raises(Abort):
        build_site({"blog/posts/a.md": post(tags=["News", "x"], categories=["News"], authors=["x"]),
                    "blog/.authors.yml": "authors:\n  x: {name: X}\n"}, plugin=plugin)
    assert_stops(caplog, *options)


@pytest.mark.parametrize("draft_file, live_file", [("a.md", "b.md"), ("b.md", "a.md")])
def test_a_published_post_keeps_its_url_over_a_draft(build_site, draft_file, live_file):
    site = build_site({f"blog/posts/{draft_file}": post("Same", body="Draft words.", draft=True),
                       f"blog/posts/{live_file}": post("Same", body="Live words.")},
                      expect_warnings=[f"blog/posts/{draft_file}: has the same URL as 'blog/posts/{live_file}'"])
    assert "Live words." in site.html("blog/2024/01/05/same/")
    assert not site.exists("blog/2024/01/05/same-2/")


def test_an_unknown_singular_author_stops_the_build(build_site, caplog):
    with pytest.raises(Abort):
        build_site({"blog/posts/a.md": post(author="unknown"), "blog/.authors.yml": "authors:\n  x: {name: X}\n"})
    assert_stops(caplog, "blog/posts/a.md", "unknown author 'unknown'")


def test_a_jekyll_author_is_a_plain_name(build_site):
    site = build_site({"blog/posts/a.md": post(author="Jo Bloggs", layout="post"),
                       "blog/.authors.yml": "authors:\n  x: {name: X}\n"})
    assert "Jo Bloggs" in site.html("blog/2024/01/05/a-post/")


def test_required_excerpt_needs_a_separator(build_site, caplog):
    two = "First paragraph.\n\nSecond paragraph.\n"
    with pytest.raises(Abort):
        build_site({"blog/posts/a.md": post(body=two)}, plugin={"post_excerpt": "required"})
    assert_stops(caplog, "blog/posts/a.md", "required")
    site = build_site({"blog/posts/a.md": post(body="First.\n\n<!-- more -->\n\nSecond.\n"),
                       "blog/posts/b.md": post("B", excerpt="Given excerpt.", body=two)},
                      plugin={"post_excerpt": "required"})
    assert "First." in site.html("blog/") and "Given excerpt." in site.html("blog/")


@pytest.mark.parametrize("plugin, option", [
    ({"pagination_per_page": 0}, "pagination_per_page"),
    ({"pagination_per_page": -1}, "pagination_per_page"),
    ({"pagination_per_page": True}, "pagination_per_page"),
    ({"tags_url_format": "{slug.upper}"}, "tags_url_format"),
    ({"post_slugify": "not a function"}, "post_slugify"),
    ({"categories_sort_by": 3}, "categories_sort_by"),
])
def test_bad_option_values_stop_the_build_naming_the_option(build_site, caplog, plugin, option):
    with pytest.raises(Abort):
        build_site({"blog/posts/a.md": post(tags=["t"])}, plugin=plugin)
    assert_stops(caplog, f"option '{option}'")


def test_odd_front_matter_and_author_values_warn_and_build(build_site):
    site = build_site(
        {"blog/posts/a.md": post(readtime=-5, authors=["x"], redirect_from=[{"a": "b"}, None, "/old/"]),
         "blog/.authors.yml": "authors:\n  x: {name: [a, b]}\n"},
        expect_warnings=["blog/posts/a.md: 'readtime' should be at least 1",
                         "blog/.authors.yml: author 'x': 'name' should be text",
                         "blog/posts/a.md: 'redirect_from' entry {'a': 'b'}",
                         "blog/posts/a.md: 'redirect_from' entry None"],
    )
    assert site.exists("old/") and site.exists("blog/2024/01/05/a-post/")


# ---------------------------------------------------------------------------------------------
# Blowups
# ---------------------------------------------------------------------------------------------


def test_two_thousand_tags_keep_the_feeds_small(build_site):
    site = build_site({"blog/posts/a.md": post(tags=[f"tag{i}" for i in range(2000)])})
    feeds = [p for p in site_files(site) if p.name in ("feed.xml", "rss.xml", "feed.json")]
    assert sum(p.stat().st_size for p in feeds) < 5_000_000
    site_feed = (site.site_dir / "blog/feed.xml").stat().st_size
    assert site_feed < 100_000


def test_a_yaml_alias_bomb_stops_the_build_naming_the_file(build_site, caplog):
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefg", "bcdefgh"):
        levels.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    text = "---\ntitle: Bomb\ndate: 2024-01-01\n" + "\n".join(levels) + "\ntags: [*h]\n---\nx\n"
    with pytest.raises(Abort):
        build_site({"blog/posts/bomb.md": text})
    assert_stops(caplog, "blog/posts/bomb.md")
