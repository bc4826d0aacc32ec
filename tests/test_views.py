"""Table-driven tests for ``views``: which listing pages exist and which posts each one lists."""

from __future__ import annotations

import datetime as dt

import pytest

from mkdocs_blog_plugin.posts import Post
from mkdocs_blog_plugin.slugs import term_slugify
from mkdocs_blog_plugin.slugs import safe_path
from mkdocs_blog_plugin.views import ViewOptions, build, overview_path, page_window, paginate, View

UTC = dt.timezone.utc


def post(name: str, date: tuple, tags=(), categories=(), authors=(), pin=False) -> Post:
    return Post(
        src_uri=f"blog/posts/{name}.md", title=name, date=dt.datetime(*date, tzinfo=UTC), body="", meta={},
        tags=list(tags), categories=list(categories), authors=list(authors), pin=pin,
    )


# Given in the order the caller sorts them (pinned first, then newest first).
POSTS = [
    post("pinned", (2022, 6, 1), tags=["Python"], categories=["Dev"], pin=True),
    post("e", (2024, 3, 1), tags=["python", "C++"], categories=["dev", "Ops"], authors=["jo"]),
    post("d", (2024, 2, 1), tags=["C#"], authors=["jo", "sam"]),
    post("c", (2023, 12, 31), tags=["C", "PYTHON"], categories=["Ops"]),
    post("b", (2023, 1, 1), categories=["Zebra"], authors=["nobody"]),
    post("a", (2021, 5, 5)),
]


def names(posts) -> list[str]:
    return [p.title for p in posts]


def options(**kw) -> ViewOptions:
    kw.setdefault("slugify", term_slugify)
    return ViewOptions(**kw)


def test_index_keeps_the_given_order_and_paginates():
    views = build(POSTS, options(per_page=4))
    index = views.index
    assert (index.kind, index.path) == ("index", "blog")
    assert names(index.posts) == ["pinned", "e", "d", "c", "b", "a"]
    assert [(p.number, p.path, names(p.posts)) for p in index.pages] == [
        (1, "blog", ["pinned", "e", "d", "c"]),
        (2, "blog/page/2", ["b", "a"]),
    ]
    assert all(p.total == 2 and p.view is index for p in index.pages)


@pytest.mark.parametrize(
    "count, per_page, pagination, fmt, paths, sizes",
    [
        (0, 10, True, "page/{page}", ["blog"], [0]),
        (1, 10, True, "page/{page}", ["blog"], [1]),
        (10, 10, True, "page/{page}", ["blog"], [10]),
        (11, 10, True, "page/{page}", ["blog", "blog/page/2"], [10, 1]),
        (5, 2, True, "page/{page}", ["blog", "blog/page/2", "blog/page/3"], [2, 2, 1]),
        (5, 2, True, "/p/{page}/", ["blog", "blog/p/2", "blog/p/3"], [2, 2, 1]),
        (5, 2, False, "page/{page}", ["blog"], [5]),
        (5, 0, True, "page/{page}", ["blog"], [5]),
    ],
)
def test_pagination(count, per_page, pagination, fmt, paths, sizes):
    posts = [post(f"p{i}", (2024, 1, 1 + i)) for i in range(count)]
    views = build(posts, options(per_page=per_page, pagination=pagination, pagination_url_format=fmt))
    assert [p.path for p in views.index.pages] == paths
    assert [len(p.posts) for p in views.index.pages] == sizes
    assert [p.number for p in views.index.pages] == list(range(1, len(paths) + 1))


def test_tags_group_case_insensitively_and_keep_the_first_spelling():
    views = build(POSTS, options(per_page=10))
    assert {key: (v.name, v.slug, v.path, names(v.posts)) for key, v in views.tags.items()} == {
        "python": ("Python", "python", "blog/tags/python", ["pinned", "e", "c"]),
        "c++": ("C++", "c-plus-plus", "blog/tags/c-plus-plus", ["e"]),
        "c#": ("C#", "c-sharp", "blog/tags/c-sharp", ["d"]),
        "c": ("C", "c", "blog/tags/c", ["c"]),
    }
    assert views.warnings == []


def test_categories_group_and_sort_by_name():
    views = build(POSTS, options())
    assert [(key, v.name, v.path, names(v.posts)) for key, v in views.categories.items()] == [
        ("dev", "Dev", "blog/category/dev", ["pinned", "e"]),
        ("ops", "Ops", "blog/category/ops", ["e", "c"]),
        ("zebra", "Zebra", "blog/category/zebra", ["b"]),
    ]


def test_categories_custom_sort():
    views = build(POSTS, options(categories_sort_by=lambda v: len(v.posts), categories_sort_reverse=True))
    assert [v.name for v in views.categories.values()][-1] == "Zebra"
    assert {v.name for v in list(views.categories.values())[:2]} == {"Dev", "Ops"}


def test_archive_groups_by_year_newest_first_ignoring_pins():
    views = build(POSTS, options())
    assert [(key, v.name, v.path, names(v.posts)) for key, v in views.archive.items()] == [
        ("2024", "2024", "blog/archive/2024", ["e", "d"]),
        ("2023", "2023", "blog/archive/2023", ["c", "b"]),
        ("2022", "2022", "blog/archive/2022", ["pinned"]),
        ("2021", "2021", "blog/archive/2021", ["a"]),
    ]


def test_archive_by_month_with_localised_names():
    views = build(
        POSTS[1:4],
        options(archive_url_format="archive/{date}", archive_url_date_format="yyyy/MM",
                archive_date_format="MMMM yyyy", locale="de"),
    )
    assert [(v.path, v.name, names(v.posts)) for v in views.archive.values()] == [
        ("blog/archive/2024/03", "März 2024", ["e"]),
        ("blog/archive/2024/02", "Februar 2024", ["d"]),
        ("blog/archive/2023/12", "Dezember 2023", ["c"]),
    ]


def test_author_views_only_for_known_authors():
    views = build(POSTS, options(authors_profiles=True), author_slugs={"jo": "jo-doe", "sam": "sam"})
    assert {k: (v.name, v.slug, v.path, names(v.posts)) for k, v in views.authors.items()} == {
        "jo": ("jo", "jo-doe", "blog/author/jo-doe", ["e", "d"]),
        "sam": ("sam", "sam", "blog/author/sam", ["d"]),
    }


@pytest.mark.parametrize("profiles, slugs", [(False, {"jo": "jo"}), (True, None), (True, {})])
def test_no_author_views(profiles, slugs):
    assert build(POSTS, options(authors_profiles=profiles), author_slugs=slugs).authors == {}


def test_overviews():
    views = build(POSTS, options(names={"tags": "Schlagwörter"}))
    overviews = views.overviews
    assert set(overviews) == {"tags", "categories", "archives"}
    assert [(o.kind, o.name, o.path) for o in overviews.values()] == [
        ("tags", "Schlagwörter", "blog/tags"),
        ("categories", "Categories", "blog/category"),
        ("archives", "Archives", "blog/archive"),
    ]
    assert [c.name for c in overviews["tags"].children] == ["C", "C#", "C++", "Python"]
    assert [c.name for c in overviews["categories"].children] == ["Dev", "Ops", "Zebra"]
    assert [c.name for c in overviews["archives"].children] == ["2024", "2023", "2022", "2021"]
    for overview in overviews.values():
        assert [(p.number, p.path, p.posts) for p in overview.pages] == [(1, overview.path, [])]


def test_every_view_has_pages():
    views = build(POSTS, options(per_page=1, authors_profiles=True), author_slugs={"jo": "jo"})
    kinds = [v.kind for v in views.all()]
    assert kinds.count("index") == 1 and kinds.count("tag") == 4 and kinds.count("author") == 1
    paths = [p.path for v in views.all() for p in v.pages]
    assert len(paths) == len(set(paths)), "two pages share a path"
    assert "blog/tags/python/page/3" in paths
    assert all(v.pages for v in views.all())


@pytest.mark.parametrize(
    "disabled, absent",
    [
        ({"tags": False}, "tags"),
        ({"categories": False}, "categories"),
        ({"archive": False}, "archives"),
    ],
)
def test_disabled_kinds(disabled, absent):
    views = build(POSTS, options(**disabled))
    group = {"tags": views.tags, "categories": views.categories, "archives": views.archive}
    assert group[absent] == {}
    assert absent not in views.overviews
    assert set(views.overviews) == {"tags", "categories", "archives"} - {absent}
    assert all(v.kind not in (absent, absent.rstrip("s")) for v in views.all())


def test_everything_disabled_leaves_the_index():
    views = build(POSTS, options(tags=False, categories=False, archive=False))
    assert [v.kind for v in views.all()] == ["index"]


@pytest.mark.parametrize(
    "tags, warnings",
    [
        (["a b", "a-b"], ["the tag names 'a-b' and 'a b' give the same URL; 'a-b' is published under 'a-b-2'"]),
        (["a.b", "ab", "AB"], ["the tag names 'ab' and 'a.b' give the same URL; 'ab' is published under 'ab-2'"]),
        (["ok", "also ok"], []),
    ],
)
def test_slug_clashes_warn(tags, warnings):
    views = build([post("x", (2024, 1, 1), tags=tags)], options())
    assert [w.split(" instead")[0] for w in views.warnings] == warnings
    slugs = [v.slug for v in views.tags.values()]
    assert len(slugs) == len(set(slugs))


def test_slug_clash_warnings_do_not_depend_on_post_order():
    one = [post("x", (2024, 1, 2), tags=["Dev Ops"], categories=["A/B"]),
           post("y", (2024, 1, 1), tags=["dev-ops"], categories=["A B"])]
    first = build(one, options())
    second = build(list(reversed(one)), options())
    assert first.warnings == second.warnings and len(first.warnings) == 2
    assert {v.name: v.slug for v in first.tags.values()} == {"Dev Ops": "dev-ops", "dev-ops": "dev-ops-2"}


def test_hostile_names_stay_inside_the_blog():
    views = build([post("x", (2024, 1, 1), tags=["..", "../../etc", "/"], categories=["."])], options())
    for view in views.all():
        for page in view.pages:
            assert page.path.startswith("blog/") or page.path == "blog"
            assert ".." not in page.path.split("/")
    assert {v.slug for v in views.tags.values()} == {"tag", "etc", "tag-2"}


@pytest.mark.parametrize(
    "current, total, fmt, expected",
    [
        (1, 1, "~2~", [1]),
        (1, 2, "~2~", [1, 2]),
        (2, 3, "~2~", [1, 2, 3]),
        (3, 5, "~2~", [1, 2, 3, 4, 5]),
        (5, 9, "~2~", [1, None, 3, 4, 5, 6, 7, None, 9]),
        (1, 9, "~2~", [1, 2, 3, None, 9]),
        (9, 9, "~2~", [1, None, 7, 8, 9]),
        (4, 9, "~2~", [1, 2, 3, 4, 5, 6, None, 9]),
        (5, 9, "~1~", [1, None, 4, 5, 6, None, 9]),
        (5, 9, " ~ 3 ~ ", [1, 2, 3, 4, 5, 6, 7, 8, 9]),
        (10, 20, "~0~", [1, None, 10, None, 20]),
        (5, 9, "$link_previous ~2~ $link_next", [1, None, 3, 4, 5, 6, 7, None, 9]),
        (5, 9, "", [1, None, 3, 4, 5, 6, 7, None, 9]),
    ],
)
def test_page_window(current, total, fmt, expected):
    assert page_window(current, total, fmt) == expected


def test_paginate_a_view_directly():
    view = View(kind="tag", name="t", path="blog/tags/t", posts=[post(f"p{i}", (2024, 1, i + 1)) for i in range(3)])
    paginate(view, options(per_page=2, pagination_url_format="page/{page}"))
    assert [(p.path, names(p.posts)) for p in view.pages] == [("blog/tags/t", ["p0", "p1"]), ("blog/tags/t/page/2", ["p2"])]
    assert view.url == ""  # set only once the page's file exists


@pytest.mark.parametrize(
    "kind, kind_pagination, pages, compact",
    [
        ("tag", {}, 2, False),  # no per-kind setting: the blog's pagination
        ("tag", {"tag": (False, 2)}, 1, True),  # a tag on one page is listed one line each
        ("tag", {"tag": (True, 2)}, 2, False),
        ("tag", {"tag": (True, 0)}, 1, False),  # 0 per page: one page, still full entries
        ("category", {"category": (False, 2)}, 1, False),  # only tags turn compact
        ("category", {"tag": (False, 2)}, 2, False),
    ],
)
def test_per_kind_pagination_and_compact_tag_pages(kind, kind_pagination, pages, compact):
    view = View(kind=kind, name="t", path="blog/x", posts=[post(f"p{i}", (2024, 1, i + 1)) for i in range(3)])
    paginate(view, options(per_page=2, kind_pagination=kind_pagination))
    assert len(view.pages) == pages
    assert [p for page in view.pages for p in names(page.posts)] == ["p0", "p1", "p2"]
    assert view.extra["compact"] is compact


@pytest.mark.parametrize(
    "fmt, placeholder, expected",
    [
        ("tags/{slug}", "{slug}", "blog/tags"),
        ("/tags/{slug}/", "{slug}", "blog/tags"),
        ("a/b/{slug}", "{slug}", "blog/a/b"),
        ("{slug}", "{slug}", None),
        ("x/{date}/{slug}", "{slug}", None),
        ("archive/{date}", "{date}", "blog/archive"),
    ],
)
def test_overview_path(fmt, placeholder, expected):
    assert overview_path("blog", fmt, placeholder) == expected


@pytest.mark.parametrize(
    "path, expected",
    [
        ("blog/tags/x", "blog/tags/x"),
        ("/blog//tags/", "blog/tags"),
        ("blog/../../x", "blog/x"),
        ("./a/./b", "a/b"),
    ],
)
def test_safe_path(path, expected):
    assert safe_path(path) == expected
