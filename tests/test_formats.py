"""Config-time checks of the URL, date, number and function options."""

from __future__ import annotations

import pytest

from mkdocs_blog_plugin.config import BlogConfig
from mkdocs_blog_plugin.formats import OptionError, check_options, require_valid
from mkdocs_blog_plugin.slugs import slugify


def _defaults() -> dict:
    config = BlogConfig()
    config.load_dict({})
    errors, warnings = config.validate()
    assert not errors
    return dict(config)


def _errors(**options) -> list[str]:
    return check_options(options)


def _one_error(**options) -> str:
    errors = _errors(**options)
    assert len(errors) == 1, errors
    (name,) = options
    assert f"'{name}'" in errors[0]
    return errors[0]


def test_defaults_are_valid():
    assert check_options(_defaults()) == []


@pytest.mark.parametrize(
    "options",
    [
        {"post_url_format": "{date}/{slug}"},
        {"post_url_format": "{categories}/{file}"},
        {"post_url_format": "{slug}"},
        {"post_url_format": "/blog/{slug}/"},
        {"post_url_format": "{{literal}}/{slug}"},
        {"post_url_format": "pretty"},
        {"post_url_format": "/:year/:title/"},
        {"post_url_format": "/:categories/:year/:month/:day/:title:output_ext"},
        {"archive_url_format": "years/{date}"},
        {"categories_url_format": "{slug}", "tags_url_format": "tag-{slug}"},
        {"tags_url_format": "topics/{slug}"},
        {"authors_profiles_url_format": "people/{name}"},
        {"authors_profiles_url_format": "people/{slug}"},
        {"pagination_url_format": "p/{page}"},
        {"pagination_url_format": "seite-{page}"},
        {"post_url_date_format": "yyyy/MM"},
        {"archive_url_date_format": "yyyy"},
        {"archive_date_format": "MMMM yyyy"},
        {"post_date_format": "medium"},
        {"post_date_format": "full"},
        {"post_date_format": "d MMMM yyyy"},
        {"pagination_per_page": 1},
        {"tags_pagination_per_page": None},
        {"archive_pagination_per_page": 3},
        {"feed_limit": 0},
        {"post_slugify": slugify, "categories_slugify": None, "categories_sort_by": len},
        {"blog_dir": ""},
        {"blog_dir": "/"},
        {"blog_dir": "news/blog"},
        {"post_dir": "{blog}/posts", "authors_file": "{blog}/.authors.yml"},
        {"tags": False, "tags_url_format": ""},  # pages switched off: never used
    ],
)
def test_accepted(options):
    assert check_options(options) == []


# -- URL formats -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["tags_url_format", "categories_url_format", "archive_url_format",
                                  "authors_profiles_url_format", "pagination_url_format", "post_url_format"])
@pytest.mark.parametrize("value", ["", "/", "  "])
def test_empty_format(name, value):
    assert "must not be empty" in _one_error(**{name: value})


def test_empty_tags_format_names_the_blog_index():
    assert "blog index" in _one_error(tags_url_format="")


def test_pagination_needs_page():
    message = _one_error(pagination_url_format="more")
    assert "{page}" in message and "same URL" in message


@pytest.mark.parametrize(
    "name, value, needed",
    [
        ("archive_url_format", "archive", "{date}"),
        ("categories_url_format", "category/all", "{slug}"),
        ("tags_url_format", "tags", "{slug}"),
        ("authors_profiles_url_format", "authors", "{name}"),
    ],
)
def test_placeholder_required(name, value, needed):
    assert needed in _one_error(**{name: value})


@pytest.mark.parametrize(
    "name, value",
    [
        ("post_url_format", "{slug.upper}"),
        ("post_url_format", "{slug[0]}"),
        ("post_url_format", "{date.year}/{slug}"),
        ("post_url_format", "{slug[a]}"),
        ("tags_url_format", "tags/{slug.__class__}"),
    ],
)
def test_attribute_and_index_access(name, value):
    assert "attribute or index" in _one_error(**{name: value})


@pytest.mark.parametrize(
    "name, value",
    [
        ("post_url_format", "{nope}/{slug}"),
        ("tags_url_format", "tags/{name}"),  # {name} is for authors only
        ("archive_url_format", "archive/{slug}"),
        ("pagination_url_format", "page/{page}/{date}"),
        ("post_url_format", "{page}"),
    ],
)
def test_unknown_placeholder(name, value):
    assert "unknown placeholder" in _one_error(**{name: value})


@pytest.mark.parametrize("value", ["{}", "{0}/{slug}", "x/{}"])
def test_positional(value):
    assert "named placeholder" in _one_error(post_url_format=value)


@pytest.mark.parametrize("value", ["{slug!r}", "{slug:>10}", "{slug:>999999999}", "{slug!s:x}"])
def test_conversion_and_spec(value):
    assert "format specification" in _one_error(post_url_format=value)


@pytest.mark.parametrize("value", ["{slug", "slug}", "{sl{ug}"])
def test_unbalanced_braces(value):
    assert "not a valid format" in _one_error(post_url_format=value)


@pytest.mark.parametrize(
    "name, value",
    [
        ("post_url_format", "../../{slug}"),
        ("post_url_format", "{date}/../../../{slug}"),
        ("post_url_format", "/:year/../../:title/"),
        ("tags_url_format", "..\\{slug}"),
        ("categories_url_format", "%2e%2e/{slug}"),
        ("archive_url_format", "C:/{date}"),
        ("pagination_url_format", "../{page}"),
        ("post_dir", "{blog}/../../etc"),
        ("authors_file", "../../../etc/passwd"),
        ("blog_dir", "../outside"),
    ],
)
def test_formats_outside_the_site(name, value):
    assert "inside the site" in _one_error(**{name: value})


def test_not_text():
    assert "must be text" in _one_error(tags_url_format=3)
    assert "must be text" in _one_error(post_date_format=None)


def test_same_urls_for_two_kinds():
    errors = check_options({"tags_url_format": "t/{slug}", "categories_url_format": "t/{slug}"})
    assert len(errors) == 1
    assert "'categories_url_format'" in errors[0] and "'tags_url_format'" in errors[0]


def test_every_problem_reported():
    errors = check_options({"tags_url_format": "", "pagination_url_format": "more", "pagination_per_page": 0})
    assert len(errors) == 3


# -- date formats ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["post_url_date_format", "archive_url_date_format", "archive_date_format",
                                  "post_date_format"])
@pytest.mark.parametrize("value", ["QQQQQQQ", "bogus", "yyyy HH:mm", "", "   "])
def test_bad_date_pattern(name, value):
    _one_error(**{name: value})


@pytest.mark.parametrize("name", ["post_url_date_format", "archive_url_date_format"])
@pytest.mark.parametrize("value", ["'../../../pwn'yyyy", "yyyy/'..'/MM", "'/../'yyyy", "'\\\\'yyyy", "'/'"])
def test_url_date_format_outside_the_site(name, value):
    _one_error(**{name: value})


def test_display_date_format_may_contain_dots():
    assert check_options({"post_date_format": "'..'yyyy", "archive_date_format": "yyyy/'..'"}) == []


def test_archive_date_format_must_tell_dates_apart():
    assert "every archive page" in _one_error(archive_url_date_format="'all'")
    assert check_options({"post_url_date_format": "'posts'"}) == []


# -- numbers and functions -----------------------------------------------------------------------


@pytest.mark.parametrize("value", [0, -1, True, False, "10", 2.5, None])
def test_pagination_per_page(value):
    _one_error(pagination_per_page=value)


@pytest.mark.parametrize("name", ["tags_pagination_per_page", "archive_pagination_per_page",
                                  "categories_pagination_per_page", "authors_profiles_pagination_per_page"])
@pytest.mark.parametrize("value", [0, -3, True])
def test_per_kind_per_page(name, value):
    _one_error(**{name: value})


@pytest.mark.parametrize("name, value", [("post_readtime_words_per_minute", 0), ("post_excerpt_max_words", -1),
                                         ("post_url_max_categories", True), ("feed_limit", "20")])
def test_other_numbers(name, value):
    _one_error(**{name: value})


@pytest.mark.parametrize("name", ["post_slugify", "categories_slugify", "categories_sort_by"])
@pytest.mark.parametrize("value", ["pymdownx.slugs.slugify", 3, ["x"]])
def test_callables(name, value):
    assert "Python function" in _one_error(**{name: value})


def test_require_valid_raises_with_every_message():
    with pytest.raises(OptionError) as info:
        require_valid({"tags_url_format": "", "pagination_per_page": True}, prefix="blog-plugin: ")
    lines = str(info.value).splitlines()
    assert len(lines) == 2 and all(line.startswith("blog-plugin: option '") for line in lines)
    assert isinstance(info.value, ValueError)
    require_valid(_defaults())
