"""Table-driven tests for ``slugs``."""

from __future__ import annotations

import pytest

from mkdocs_blog_plugin.slugs import safe_segment, slugify, term_slugify, unique_slugs

SLUGIFY_CASES = [
    ("Hello, World!", "-", "hello-world"),
    ("Hello World", "_", "hello_world"),
    ("  Trimmed  ", "-", "trimmed"),
    ("Ünïcödé Straße", "-", "ünïcödé-straße"),
    ("日本語のタイトル", "-", "日本語のタイトル"),
    ("naïve café", "-", "naïve-café"),
    ("Cafe\u0301", "-", "caf\u00e9"),  # NFC
    ("<em>Tagged</em> title", "-", "tagged-title"),
    ("C++ & C#: a comparison", "-", "c--c-a-comparison"),
    ("snake_case and kebab-case", "-", "snake_case-and-kebab-case"),
    ("Version 2.0 (beta)", "-", "version-20-beta"),
    ("What's new?", "-", "whats-new"),
    ("a  b", "-", "a--b"),
    ("Quotes “curly” and 'straight'", "-", "quotes-curly-and-straight"),
    ("", "-", ""),
    ("!!!", "-", ""),
]


@pytest.mark.parametrize("text, separator, expected", SLUGIFY_CASES)
def test_slugify(text, separator, expected):
    assert slugify(text, separator) == expected


@pytest.mark.parametrize("text, separator, expected", SLUGIFY_CASES)
def test_slugify_matches_material_default(text, separator, expected):
    """Material's blog plugin slugifies post titles with pymdownx' ``slugify(case="lower")``:
    a migrated blog keeps its post URLs."""
    slugs = pytest.importorskip("pymdownx.slugs")
    assert slugify(text, separator) == slugs.slugify(case="lower")(text, separator)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("C++", "c-plus-plus"),
        ("C#", "c-sharp"),
        ("C", "c"),
        ("F#", "f-sharp"),
        ("R&D", "r-and-d"),
        ("@home", "at-home"),
        ("Machine Learning", "machine-learning"),
        ("  Lots   of    space ", "lots-of-space"),
        ("a / b", "a-b"),
        ("CI/CD", "ci-cd"),
        ("naïve", "naïve"),
        ("日本語", "日本語"),
        ("Straße", "straße"),
        ("Node.js", "nodejs"),
        ("-leading-", "leading"),
        ("a - b", "a-b"),
        ("...", ""),
    ],
)
def test_term_slugify(text, expected):
    assert term_slugify(text) == expected


def test_term_slugify_tells_c_languages_apart():
    names = ["C++", "C#", "C"]
    slugs = [term_slugify(n) for n in names]
    assert len(set(slugs)) == 3
    assert all(slugs)


@pytest.mark.parametrize("separator, expected", [("_", "c_plus_plus"), ("", "cplusplus"), (".", "c.plus.plus")])
def test_term_slugify_separator(separator, expected):
    assert term_slugify("C ++", separator) == expected


@pytest.mark.parametrize(
    "slug, expected",
    [
        ("hello", "hello"),
        ("..", ""),
        (".", ""),
        ("...", ""),
        (" .. ", ""),
        ("../x", "x"),
        ("a/b", "ab"),
        ("a\\b", "ab"),
        (".hidden", "hidden"),
        ("trailing.", "trailing"),
        ("v1.2", "v1.2"),
        ("a\x00b\tc\x7f", "abc"),
        ("%2e%2e", ""),
        ("%2E.", ""),
        ("100%", "100%"),
        ("日本語", "日本語"),
        ("", ""),
    ],
)
def test_safe_segment(slug, expected):
    assert safe_segment(slug) == expected


def test_unique_slugs_without_clashes():
    slugs, clashes = unique_slugs(["Python", "Web", "C++", "C#"], term_slugify)
    assert slugs == {"Python": "python", "Web": "web", "C++": "c-plus-plus", "C#": "c-sharp"}
    assert clashes == []


@pytest.mark.parametrize(
    "names, expected, clashes",
    [
        (["a b", "a-b"], {"a b": "a-b", "a-b": "a-b-2"}, [("a-b", "a b", "a-b-2")]),
        (["a-b", "a b"], {"a b": "a-b", "a-b": "a-b-2"}, [("a-b", "a b", "a-b-2")]),
        (
            ["x!", "x?", "x"],
            {"x": "x", "x!": "x-2", "x?": "x-3"},
            [("x!", "x", "x-2"), ("x?", "x", "x-3")],
        ),
        # A name whose own slug looks numbered keeps it; the clashing name gets the next number.
        (["x", "X!", "x-2"], {"x": "x", "X!": "x-3", "x-2": "x-2"}, [("X!", "x", "x-3")]),
        # Names that slugify to nothing get the fallback, without taking a real name's slug.
        (["..", "/", "tag"], {"tag": "tag", "..": "tag-2", "/": "tag-3"}, [("..", "tag", "tag-2"), ("/", "tag", "tag-3")]),
        (["...", "!!"], {"!!": "tag", "...": "tag-2"}, [("...", "!!", "tag-2")]),
    ],
)
def test_unique_slugs_clashes(names, expected, clashes):
    result = unique_slugs(names, term_slugify, fallback="tag")
    assert result == (expected, clashes)


def test_unique_slugs_is_deterministic():
    names = ["b b", "B-B", "b_b", "bb", "b.b", "b  b"]
    first = unique_slugs(names, term_slugify)
    for order in (list(reversed(names)), sorted(names), names[2:] + names[:2]):
        assert unique_slugs(order, term_slugify) == first
    slugs, _ = first
    assert len(set(slugs.values())) == len(names)


def test_unique_slugs_makes_custom_slugs_safe():
    slugs, clashes = unique_slugs(["evil", "fine"], lambda name: "../.." if name == "evil" else name, fallback="item")
    assert slugs == {"evil": "item", "fine": "fine"}
    assert clashes == []
