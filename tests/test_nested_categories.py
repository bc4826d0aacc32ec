"""Nested categories (``categories: [Garden/Vegetables]``): the tree built from posts (pure), and
real builds on the three themes read back as a reader sees them."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import THEMES, blog_pages, entry_titles, follow, link_problems, main_content, parse
from mkdocs_blog_plugin import category_tree
from mkdocs_blog_plugin.posts import Post, read_post
from mkdocs_blog_plugin.views import ViewOptions, build

UTC = dt.timezone.utc


def post(name: str, day: int, categories=()) -> Post:
    return Post(src_uri=f"blog/posts/{name}.md", title=name, date=dt.datetime(2024, 1, day, tzinfo=UTC),
                body="", meta={}, slug=name, categories=list(categories))


def options(**kw) -> ViewOptions:
    kw.setdefault("categories_nesting_separator", "/")
    return ViewOptions(slugify=lambda t: t.lower().replace(" ", "-"), **kw)


def names(posts) -> list[str]:
    return [p.title for p in posts]


# Newest first, as posts.listing_order gives them.
POSTS = [
    post("tomatoes", 9, ["Garden/Vegetables"]),
    post("roses", 8, ["Garden/Flowers", "Garden"]),
    post("beans", 7, ["garden / vegetables / Beans"]),
    post("spade", 6, ["Tools"]),
    post("compost", 5, ["Garden"]),
]


# -- pure: the tree -----------------------------------------------------------------------------

@pytest.mark.parametrize("name, levels, bad", [
    ("Garden/Vegetables", ["Garden", "Vegetables"], False),
    (" Garden / Vegetables ", ["Garden", "Vegetables"], False),
    ("Garden//Veg", ["Garden", "Veg"], True),
    ("/Veg", ["Veg"], True),
    ("Garden/", ["Garden"], True),
    ("/", [], True),
    ("Garden", ["Garden"], False),
    ("C++/Templates", ["C++", "Templates"], False),
    ("日本/東京", ["日本", "東京"], False),
    # Not paths: a '/' in markup or before dots stays part of one flat name, as without nesting.
    ("</b>", ["</b>"], False),
    ("../../x", ["../../x"], False),
    ("<i>a</i>/b", ["<i>a</i>/b"], False),
])
def test_levels_of_a_path(name, levels, bad):
    assert category_tree.levels(name, "/") == levels
    assert category_tree.has_empty_levels(name, "/") is bad


def test_without_a_separator_a_name_is_one_level():
    assert category_tree.levels("Garden/Vegetables", "") == ["Garden/Vegetables"]
    assert category_tree.clean(["Garden//Veg"], "") == (["Garden//Veg"], [], [])


def test_parents_exist_and_list_their_childrens_posts_once_newest_first():
    nodes = category_tree.group(POSTS, lambda p: p.categories, "/")
    assert list(nodes) == ["garden", "garden/vegetables", "garden/flowers", "garden/vegetables/beans", "tools"]
    assert names(nodes["garden"].posts) == ["tomatoes", "roses", "beans", "compost"]  # roses once
    assert names(nodes["garden/vegetables"].posts) == ["tomatoes", "beans"]
    assert nodes["garden/vegetables/beans"].path == ["Garden", "Vegetables", "Beans"]  # first spelling
    assert nodes["garden/vegetables"].children == ["garden/vegetables/beans"]
    assert nodes["garden"].parent is None and nodes["garden/flowers"].parent == "garden"


def test_without_include_children_a_parent_lists_its_own_posts():
    nodes = category_tree.group(POSTS, lambda p: p.categories, "/", include_children=False)
    assert names(nodes["garden"].posts) == ["roses", "compost"]
    assert names(nodes["garden/vegetables"].posts) == ["tomatoes"]


def test_views_nest_urls_and_order_the_tree():
    views = build(POSTS, options())
    assert [(v.full_name, v.path) for v in views.categories.values()] == [
        ("Garden", "blog/category/garden"),
        ("Garden › Flowers", "blog/category/garden/flowers"),
        ("Garden › Vegetables", "blog/category/garden/vegetables"),
        ("Garden › Vegetables › Beans", "blog/category/garden/vegetables/beans"),
        ("Tools", "blog/category/tools"),
    ]
    overview = views.overviews["categories"]
    assert [v.name for v in overview.children] == ["Garden", "Tools"]
    assert [v.name for v in overview.children[0].children] == ["Flowers", "Vegetables"]
    beans = views.category("Garden/Vegetables/Beans")
    assert [v.name for v in beans.trail] == ["Garden", "Vegetables", "Beans"]
    assert views.category("GARDEN / vegetables") is views.categories["garden/vegetables"]
    assert views.warnings == []


def test_sibling_slugs_are_told_apart_and_cousins_may_share_one():
    views = build([post("a", 1, ["Garden/C D", "Garden/c-d", "Tools/C D"])], options())
    paths = sorted(v.path for v in views.categories.values())
    assert paths == ["blog/category/garden", "blog/category/garden/c-d", "blog/category/garden/c-d-2",
                     "blog/category/tools", "blog/category/tools/c-d"]
    assert len(views.warnings) == 1 and "'Garden › c-d' and 'Garden › C D'" in views.warnings[0]


def test_flat_when_nesting_is_off():
    views = build(POSTS, options(categories_nesting_separator=""))
    assert "garden/vegetables" in views.categories
    assert views.categories["garden/vegetables"].parent is None
    assert {"Garden", "Garden/Flowers", "Tools"} <= {v.name for v in views.overviews["categories"].children}


def test_read_post_warns_once_about_empty_levels_and_keeps_jekyll_splitting():
    warnings: list[str] = []
    text = "---\ntitle: x\ndate: 2024-01-01\ncategories: ['Garden//Veg', '/Veg', 'Garden/', 'Garden/Veg']\n---\nx\n"
    found = read_post(text, "blog/posts/x.md", tz=UTC, fallback_date=lambda: None, warn=warnings.append,
                      category_separator="/")
    assert found.categories == ["Garden/Veg", "Veg", "Garden"]
    assert len(warnings) == 1 and "'Garden//Veg', '/Veg', 'Garden/'" in warnings[0]
    jekyll = read_post("---\ntitle: x\ndate: 2024-01-01\ncategories: Garden Tools\n---\n", "blog/posts/y.md",
                       tz=UTC, fallback_date=lambda: None, warn=warnings.append, category_separator="/")
    assert jekyll.categories == ["Garden", "Tools"]


def test_a_very_deep_path_keeps_its_first_levels_with_a_warning():
    warnings: list[str] = []
    deep = "/".join(f"L{i}" for i in range(2000))
    found = read_post(f"---\ntitle: x\ndate: 2024-01-01\ncategories: ['{deep}']\n---\n", "blog/posts/x.md",
                      tz=UTC, fallback_date=lambda: None, warn=warnings.append, category_separator="/")
    assert found.categories == ["/".join(f"L{i}" for i in range(category_tree.MAX_LEVELS))]
    assert len(warnings) == 1 and "levels" in warnings[0]
    views = build([post("x", 1, [deep])], options())
    assert len(views.categories) == category_tree.MAX_LEVELS


def test_tree_of_ten_thousand_posts_is_built_quickly():
    import time

    many = [post(f"p{i}", 1 + i % 28, [f"Top{i % 10}/Mid{i % 7}/Leaf{i % 3}", f"Top{i % 3}"])
            for i in range(10_000)]
    start = time.perf_counter()
    views = build(many, options(tags=False, archive=False))
    elapsed = time.perf_counter() - start
    assert len(views.categories) == 10 + 10 * 7 + 10 * 7 * 3
    assert len(views.categories["top0"].posts) > 1000
    assert elapsed < 5, elapsed


# -- builds on the three themes ----------------------------------------------------------------

def md(title: str, date: str, categories: str) -> str:
    return f"---\ntitle: {title}\ndate: {date}\ncategories: {categories}\n---\n\nWhat {title} says.\n"


DOCS = {
    "index.md": "# Home\n",
    "blog/index.md": "# Blog\n",
    "blog/posts/tomatoes.md": md("Tomatoes", "2024-03-01", "[Garden/Vegetables]"),
    "blog/posts/roses.md": md("Roses", "2024-02-01", "[Garden/Flowers]"),
    "blog/posts/beans.md": md("Beans", "2024-01-15", "['Garden//Vegetables']"),
    "blog/posts/spade.md": md("Spade", "2024-01-01", "Tools Garden"),
    "about.md": '# About\n\n<!-- blog:posts category="Garden" limit=10 -->\n\n'
                '<!-- blog:posts category="garden / vegetables" limit=10 -->\n',
}


@pytest.fixture(scope="module", params=THEMES)
def site(request, tmp_path_factory):
    from conftest import run_build, write_tree
    import yaml

    project = tmp_path_factory.mktemp(f"nested-{request.param}")
    write_tree(project / "docs", DOCS)
    config = {"site_name": "Nested", "site_url": "https://example.com/", "theme": {"name": request.param},
              "plugins": ["search", {"blog-plugin": {}}]}
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    built = run_build(project, expect_warnings=["blog/posts/beans.md: category 'Garden//Vegetables' has empty levels"])
    return built, request.param


def test_a_parent_page_lists_its_childrens_posts(site):
    built, theme = site
    soup = parse(built.path("blog/category/garden/"))
    assert entry_titles(soup) == ["Tomatoes", "Roses", "Beans", "Spade"]
    assert entry_titles(parse(built.path("blog/category/garden/vegetables/"))) == ["Tomatoes", "Beans"]
    assert entry_titles(parse(built.path("blog/category/tools/"))) == ["Spade"]


def test_the_overview_shows_the_tree(site):
    built, theme = site
    page = built.path("blog/category/")
    tree = main_content(parse(page), theme).select_one("ul.blog-overview-categories")
    top = tree.find_all("li", recursive=False)
    assert [li.a.get_text(strip=True) for li in top] == ["Garden", "Tools"]
    garden = top[0]
    assert garden.select_one(":scope > .blog-count").get_text(strip=True) == "4 posts"
    children = garden.select(":scope > ul.blog-overview-children > li")
    assert [(li.a.get_text(strip=True), li.select_one(".blog-count").get_text(strip=True)) for li in children] == [
        ("Flowers", "1 post"), ("Vegetables", "2 posts")]
    assert follow(built, page, children[1].a["href"]) == built.path("blog/category/garden/vegetables/")


def test_a_category_page_shows_its_path_as_breadcrumbs(site):
    built, theme = site
    page = built.path("blog/category/garden/vegetables/")
    content = main_content(parse(page), theme)
    crumbs = content.select("nav.blog-breadcrumbs a")
    assert [a.get_text(strip=True) for a in crumbs] == ["Garden", "Vegetables"]
    assert follow(built, page, crumbs[0]["href"]) == built.path("blog/category/garden/")
    assert follow(built, page, crumbs[1]["href"]) == page
    heading = content.find("h1")
    assert heading.get_text(strip=True).rstrip("¶") == "Vegetables"
    assert content.select_one("nav.blog-breadcrumbs").find_next("h1") is heading  # above the heading
    assert parse(built.path("blog/category/garden/")).select("nav.blog-breadcrumbs") == []  # top level


def test_a_post_shows_the_full_path_linking_to_the_leaf(site):
    built, theme = site
    page = built.path("blog/2024/03/01/tomatoes/")
    link = main_content(parse(page), theme).select_one("a.blog-category")
    assert link.get_text(strip=True) == "Garden › Vegetables"
    assert follow(built, page, link["href"]) == built.path("blog/category/garden/vegetables/")


def test_nested_urls_feeds_and_links_resolve(site):
    built, theme = site
    for url in ("blog/category/garden/", "blog/category/garden/vegetables/", "blog/category/garden/flowers/",
                "blog/category/garden/vegetables/feed.xml", "blog/category/garden/feed.xml"):
        assert built.exists(url), url
    for page in blog_pages(built):
        assert link_problems(built.site_dir, page, fragments=False) == [], page


def test_a_post_list_of_a_parent_has_its_childrens_posts(site):
    built, theme = site
    lists = main_content(parse(built.path("about/")), theme).select(".blog-post-list")
    assert [[a.get_text(strip=True) for a in found.select("a")] for found in lists] == [
        ["Tomatoes", "Roses", "Beans", "Spade"], ["Tomatoes", "Beans"]]


# -- options ------------------------------------------------------------------------------------

def test_separator_off_keeps_a_slash_in_one_flat_category(build_site):
    built = build_site({"blog/posts/a.md": md("A", "2024-01-01", "[Garden/Vegetables]")},
                       plugin={"categories_nesting_separator": ""})
    assert built.exists("blog/category/gardenvegetables/")
    assert not built.exists("blog/category/garden/")


def test_other_separator_and_children_left_out(build_site):
    built = build_site({"blog/posts/a.md": md("A", "2024-01-01", "['Garden > Vegetables']"),
                        "blog/posts/b.md": md("B", "2024-01-02", "[Garden]")},
                       plugin={"categories_nesting_separator": ">", "categories_nesting_include_children": False})
    assert entry_titles(parse(built.path("blog/category/garden/"))) == ["B"]
    assert entry_titles(parse(built.path("blog/category/garden/vegetables/"))) == ["A"]
    # The parent page links to its subcategory even when it does not list its posts.
    sub = parse(built.path("blog/category/garden/")).select("ul.blog-subcategories a")
    assert [a.get_text(strip=True) for a in sub] == ["Vegetables"]


@pytest.mark.parametrize("allowed, ok", [
    (["Garden/Vegetables"], True),  # the full path (and so its parent)
    (["garden", "VEGETABLES"], True),  # each level on its own
    (["Garden"], False),
    (["Vegetables"], False),
])
def test_categories_allowed_takes_the_full_path_or_each_level(build_site, allowed, ok):
    from mkdocs.exceptions import Abort, PluginError

    docs = {"blog/posts/a.md": md("A", "2024-01-01", "[Garden/Vegetables]"),
            "blog/posts/b.md": md("B", "2024-01-02", "[Garden]")}
    if ok:
        built = build_site(docs, plugin={"categories_allowed": allowed})
        assert built.exists("blog/category/garden/vegetables/")
    else:
        with pytest.raises((Abort, PluginError, SystemExit)):
            build_site(docs, plugin={"categories_allowed": allowed})


def test_post_url_categories_nest(build_site):
    built = build_site({"blog/posts/a.md": md("A", "2024-01-01", "[Garden/Vegetables]")},
                       plugin={"post_url_format": "{categories}/{slug}"})
    assert built.exists("blog/garden/vegetables/a/")


def test_a_dirty_build_follows_a_parent_category_spelled_anew(tmp_path, monkeypatch):
    """Another post's meta line says the parent's first spelling: a --dirty build rebuilds it."""
    from test_dirty import _assert_same, _build, _config, _post, _project, _reference, _write

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1717243200")
    docs = {
        "index.md": "# Home\n",
        "blog/index.md": "# Blog\n",
        "blog/posts/a.md": _post("Newest", "2024-03-01", categories=("garden/Vegetables",)),
        "blog/posts/b.md": _post("Older", "2024-01-01", categories=("Garden/Flowers",)),
    }
    project = _project(tmp_path / "project", docs)
    _build(_config(project), dirty=True)
    older = project / "site/blog/2024/01/01/older/index.html"
    assert "garden › Flowers" in parse(older).select_one("a.blog-category").get_text()
    _write(project / "docs", "blog/posts/a.md", _post("Newest", "2024-03-01", categories=("Garden/Vegetables",)))
    _build(_config(project), dirty=True)
    assert "Garden › Flowers" in parse(older).select_one("a.blog-category").get_text()
    _assert_same(project / "site", _reference(tmp_path, project / "docs", serving=False))
