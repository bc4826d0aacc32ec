"""Tests for ``i18n`` labels and ``render.root_of``."""

from __future__ import annotations

import copy
import pickle

import pytest

from mkdocs_blog_plugin import i18n
from mkdocs_blog_plugin.i18n import LANGUAGES, Labels, site_language
from mkdocs_blog_plugin.urls import root_of


@pytest.mark.parametrize(
    "language, continue_reading, archive",
    [
        ("en", "Continue reading", "Archive"),
        ("de", "Weiterlesen", "Archiv"),
        ("de_CH", "Weiterlesen", "Archiv"),
        ("de-AT", "Weiterlesen", "Archiv"),
        ("DE", "Weiterlesen", "Archiv"),
        ("fr", "Lire la suite", "Archives"),
        ("fr_CA", "Lire la suite", "Archives"),
        ("es", "Seguir leyendo", "Archivo"),
        ("pt_BR", "Continuar lendo", "Arquivo"),  # Portuguese has labels now
        ("sw_KE", "Continue reading", "Archive"),  # a language without labels: English
        ("xx", "Continue reading", "Archive"),
        ("", "Continue reading", "Archive"),
    ],
)
def test_labels_by_language(language, continue_reading, archive):
    labels = Labels(language)
    assert labels.continue_reading == continue_reading
    assert labels.archive == archive
    assert labels.language == language


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_every_language_has_every_english_label(language):
    assert set(LANGUAGES[language]) == set(LANGUAGES["en"])
    labels = Labels(language)
    for key in LANGUAGES["en"]:
        assert getattr(labels, key)
    # Placeholders survive translation.
    assert labels("read_time", minutes=7).count("7") == 1
    page_of = labels("page_of", page=2, pages=5)
    assert "2" in page_of and "5" in page_of


def test_missing_key_in_a_language_falls_back_to_english(monkeypatch):
    monkeypatch.setitem(i18n.LANGUAGES, "xx", {"blog": "Weblog"})
    labels = Labels("xx")
    assert labels.blog == "Weblog"
    assert labels.tags == "Tags"
    assert labels("page_of", page=1, pages=2) == "Page 1 of 2"


def test_unknown_key():
    labels = Labels("de")
    with pytest.raises(AttributeError):
        labels.no_such_label
    assert getattr(labels, "no_such_label", "default") == "default"


@pytest.mark.parametrize(
    "language, n, expected",
    [
        ("en", 0, "0 posts"),
        ("en", 1, "1 post"),
        ("en", 2, "2 posts"),
        ("de", 1, "1 Beitrag"),
        ("de", 12, "12 Beiträge"),
        ("fr", 3, "3 articles"),
        ("es", 1, "1 artículo"),
    ],
)
def test_count(language, n, expected):
    assert Labels(language).count(n) == expected


@pytest.mark.parametrize(
    "language, key, values, expected",
    [
        ("en", "read_time", {"minutes": 3}, "3 min read"),
        ("de", "read_time", {"minutes": 3}, "3 Min. Lesezeit"),
        ("fr", "page_of", {"page": 2, "pages": 4}, "Page 2 sur 4"),
        ("es", "page_of", {"page": 2, "pages": 4}, "Página 2 de 4"),
    ],
)
def test_call_formats(language, key, values, expected):
    assert Labels(language)(key, **values) == expected


def test_labels_can_be_copied_and_pickled():
    labels = Labels("fr")
    assert copy.deepcopy(labels).tags == "Étiquettes"
    assert copy.copy(labels).tags == "Étiquettes"
    assert pickle.loads(pickle.dumps(labels)).tags == "Étiquettes"


class _Theme(dict):
    """Like MkDocs' Theme: ``theme[key]`` raises KeyError for unset options."""


@pytest.mark.parametrize(
    "theme, expected",
    [
        (_Theme(language="de"), "de"),
        (_Theme(locale="fr"), "fr"),
        (_Theme(locale="pt-BR"), "pt_BR"),
        (_Theme(language="es", locale="fr"), "es"),
        (_Theme(language="", locale="fr"), "fr"),
        (_Theme(language=None, locale="fr"), "fr"),
        (_Theme(), "en"),
        (None, "en"),
    ],
)
def test_site_language(theme, expected):
    assert site_language(theme) == expected


@pytest.mark.parametrize(
    "name, options, expected",
    [
        ("mkdocs", {"locale": "de"}, "de"),
        ("readthedocs", {"locale": "fr"}, "fr"),
        ("mkdocs", {}, "en"),
        ("material", {"language": "es"}, "es"),
    ],
)
def test_site_language_from_mkdocs_themes(name, options, expected):
    from mkdocs.theme import Theme

    assert site_language(Theme(name=name, **options)) == expected
    assert Labels(site_language(Theme(name=name, **options))).blog == "Blog"


@pytest.mark.parametrize(
    "url, expected",
    [
        ("", ""),
        ("index.html", ""),
        ("blog/", "../"),
        ("blog/index.html", "../"),
        ("blog/page/2/", "../../../"),
        ("blog/page/2.html", "../../"),
        ("blog/2024/01/02/p/", "../../../../../"),
        ("blog/2024/01/02/p.html", "../../../../"),
        ("blog/tags/c-plus-plus/", "../../../"),
    ],
)
def test_root_of(url, expected):
    assert root_of(url) == expected
