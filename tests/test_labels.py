"""The label tables: every language complete and consistent, lookup by language tag, plural
forms, numbers, text direction and the ``labels`` overrides."""

from __future__ import annotations

import copy
import pickle

import pytest
from babel.core import Locale

from mkdocs_blog_plugin.i18n import CATEGORIES, LANGUAGES, PLURAL_KEYS, Labels, placeholders

ENGLISH = LANGUAGES["en"]

#: The languages the blog has labels for.
REQUIRED = {
    "en", "de", "fr", "es", "zh", "zh_Hant", "ja", "ko", "pt", "pt_BR", "ru", "it", "nl", "pl",
    "tr", "uk", "cs", "sv", "da", "nb", "fi", "hu", "ro", "el", "he", "ar", "fa", "id", "vi",
    "hi", "th",
}


def forms(entry):
    return entry if isinstance(entry, dict) else {"other": entry}


def babel_categories(code: str) -> set[str]:
    return set(Locale.parse(code).plural_form.tags) | {"other"}


def test_every_required_language_has_a_table():
    assert REQUIRED <= set(LANGUAGES)


@pytest.mark.parametrize("code", sorted(LANGUAGES))
def test_table_has_every_key_and_only_those(code):
    assert set(LANGUAGES[code]) == set(ENGLISH)
    for key, entry in LANGUAGES[code].items():
        for category, text in forms(entry).items():
            assert isinstance(text, str) and text.strip(), (code, key, category)


@pytest.mark.parametrize("code", sorted(LANGUAGES))
def test_placeholders_match_english(code):
    for key, entry in LANGUAGES[code].items():
        wanted = set().union(*(placeholders(t) for t in forms(ENGLISH[key]).values()))
        for category, text in forms(entry).items():
            assert placeholders(text) == wanted, (code, key, category, text)


@pytest.mark.parametrize("code", sorted(LANGUAGES))
def test_number_labels_have_every_plural_category_the_language_uses(code):
    needed = babel_categories(code)
    for key in PLURAL_KEYS:
        entry = LANGUAGES[code][key]
        assert isinstance(entry, dict), (code, key)
        assert needed <= set(entry), (code, key, sorted(needed - set(entry)))
        assert set(entry) <= set(CATEGORIES), (code, key)


@pytest.mark.parametrize("code", sorted(LANGUAGES))
def test_every_label_formats(code):
    labels = Labels(code)
    for key in ENGLISH:
        assert getattr(labels, key)
    assert "7" in labels("read_time", minutes=7)
    assert "2" in labels("page_of", page=2, pages=5) and "5" in labels("page_of", page=2, pages=5)
    for n in (0, 1, 2, 3, 5, 11, 21, 100):
        assert str(n) in labels.count(n)
        assert str(n) in labels.plural("read_time", n)


@pytest.mark.parametrize(
    "language, code, continue_reading",
    [
        ("zh", "zh", "继续阅读"),
        ("zh_CN", "zh", "继续阅读"),
        ("zh-Hans", "zh", "继续阅读"),
        ("zh-Hans-SG", "zh", "继续阅读"),
        ("zh-Hant", "zh_Hant", "繼續閱讀"),
        ("zh_Hant", "zh_Hant", "繼續閱讀"),
        ("zh_TW", "zh_Hant", "繼續閱讀"),
        ("zh-HK", "zh_Hant", "繼續閱讀"),
        ("zh-Hant-TW", "zh_Hant", "繼續閱讀"),
        ("ZH_tw", "zh_Hant", "繼續閱讀"),
        ("pt", "pt", "Continuar a ler"),
        ("pt_PT", "pt", "Continuar a ler"),
        ("pt-BR", "pt_BR", "Continuar lendo"),
        ("pt_BR", "pt_BR", "Continuar lendo"),
        ("ko", "ko", "계속 읽기"),
        ("ko_KR", "ko", "계속 읽기"),
        ("ja", "ja", "続きを読む"),
        ("en_US", "en", "Continue reading"),
        ("nb", "nb", "Les mer"),
        ("no", "nb", "Les mer"),
        ("nb_NO", "nb", "Les mer"),
        ("iw", "he", "המשך קריאה"),
        ("ru-RU", "ru", "Читать далее"),
        ("sw", "en", "Continue reading"),
        ("", "en", "Continue reading"),
    ],
)
def test_most_specific_table_first_then_base_language_then_english(language, code, continue_reading):
    labels = Labels(language)
    assert labels.code == code
    assert labels.continue_reading == continue_reading
    assert labels.language == language


@pytest.mark.parametrize(
    "language, direction",
    [("ar", "rtl"), ("ar_EG", "rtl"), ("he", "rtl"), ("iw", "rtl"), ("fa", "rtl"), ("fa-IR", "rtl"),
     ("ur", "rtl"), ("en", "ltr"), ("zh_Hant", "ltr"), ("", "ltr"), ("arn", "ltr")],
)
def test_direction(language, direction):
    assert Labels(language).direction == direction


def test_urdu_is_right_to_left_with_english_labels():
    labels = Labels("ur")
    assert labels.direction == "rtl" and labels.continue_reading == "Continue reading"


@pytest.mark.parametrize(
    "n, read_time, count",
    [
        (1, "1 минута чтения", "1 запись"),
        (2, "2 минуты чтения", "2 записи"),
        (4, "4 минуты чтения", "4 записи"),
        (5, "5 минут чтения", "5 записей"),
        (11, "11 минут чтения", "11 записей"),
        (12, "12 минут чтения", "12 записей"),
        (21, "21 минута чтения", "21 запись"),
        (22, "22 минуты чтения", "22 записи"),
        (25, "25 минут чтения", "25 записей"),
        (0, "0 минут чтения", "0 записей"),
    ],
)
def test_russian_plural_forms(n, read_time, count):
    labels = Labels("ru")
    assert labels.plural("read_time", n) == read_time
    assert labels("read_time", minutes=n) == read_time  # the templates' way
    assert labels.count(n) == count


@pytest.mark.parametrize(
    "language, n, expected",
    [
        ("pl", 1, "1 wpis"), ("pl", 3, "3 wpisy"), ("pl", 5, "5 wpisów"), ("pl", 22, "22 wpisy"),
        ("pl", 12, "12 wpisów"),
        ("uk", 1, "1 допис"), ("uk", 3, "3 дописи"), ("uk", 5, "5 дописів"), ("uk", 21, "21 допис"),
        ("cs", 1, "1 příspěvek"), ("cs", 3, "3 příspěvky"), ("cs", 5, "5 příspěvků"),
        ("ro", 1, "1 articol"), ("ro", 19, "19 articole"), ("ro", 20, "20 de articole"),
        ("ar", 2, "2 مقالتان"), ("ar", 3, "3 مقالات"), ("ar", 11, "11 مقالة"),
        ("he", 1, "1 פוסט"), ("he", 2, "2 פוסטים"),
        ("ja", 1, "1 件の記事"), ("ja", 5, "5 件の記事"),
        ("zh", 1, "1 篇文章"), ("ko", 3, "글 3개"),
        ("en", 1, "1 post"), ("en", 0, "0 posts"), ("fr", 0, "0 article"), ("fr", 2, "2 articles"),
    ],
)
def test_post_count_forms(language, n, expected):
    assert Labels(language).count(n) == expected


def test_english_read_time_is_the_same_for_one_and_many():
    labels = Labels("en")
    assert labels.plural("read_time", 1) == "1 min read"
    assert labels.plural("read_time", 5) == "5 min read"
    assert labels.count(1) == "1 post" and labels.count(5) == "5 posts"


@pytest.mark.parametrize(
    "language, n, expected",
    [
        ("en", 1234, "1,234 posts"),
        ("de", 1234, "1.234 Beiträge"),
        ("ru", 1001, "1\xa0001 запись"),
        ("en", 999, "999 posts"),
    ],
)
def test_numbers_are_formatted_for_the_locale(language, n, expected):
    assert Labels(language).count(n) == expected


def test_page_of_numbers_formatted():
    assert Labels("en")("page_of", page=2, pages=1500) == "Page 2 of 1,500"


def test_former_count_keys_still_answer():
    labels = Labels("de")
    assert labels.post_count_one == "{count} Beitrag"
    assert labels("post_count_other", count=3) == "3 Beiträge"
    assert labels.read_time == "{minutes} Min. Lesezeit"


# -- overrides ----------------------------------------------------------------------------------

def test_override_text():
    labels = Labels("de", {"continue_reading": "Mehr davon", "page_of": "{page}/{pages}"})
    assert labels.continue_reading == "Mehr davon"
    assert labels("page_of", page=2, pages=3) == "2/3"
    assert labels.archive == "Archiv"  # the others unchanged


def test_override_plural_forms():
    labels = Labels("en", {"read_time": {"one": "{minutes} minute", "other": "{minutes} minutes"}})
    assert labels("read_time", minutes=1) == "1 minute"
    assert labels("read_time", minutes=4) == "4 minutes"


def test_override_one_plural_form_keeps_the_others():
    labels = Labels("ru", {"post_count": {"one": "{count} пост"}})
    assert labels.count(21) == "21 пост"
    assert labels.count(2) == "2 записи"
    assert labels.count(5) == "5 записей"


def test_override_plain_text_for_a_number_label():
    labels = Labels("ru", {"read_time": "{minutes} мин"})
    assert labels("read_time", minutes=1) == "1 мин"
    assert labels("read_time", minutes=5) == "5 мин"


def test_override_text_may_leave_the_number_out():
    assert Labels("en", {"post_count": {"one": "One post", "other": "{count} posts"}}).count(1) == "One post"


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"continue_readin": "More"}, "unknown label 'continue_readin'"),
        ({"read_time": {"single": "x"}}, "label 'read_time': unknown plural form 'single'"),
        ({"read_time": "{minute} min"}, "label 'read_time' uses {minute}"),
        ({"archive": "Archive {year}"}, "label 'archive' uses {year}"),
        ({"archive": 3}, "label 'archive' should be text"),
        ({"archive": {}}, "label 'archive' should be text"),
        ({"read_time": {"one": 1}}, "label 'read_time' (one) should be text"),
        ({"page_of": "Page {page"}, "label 'page_of'"),
    ],
)
def test_override_errors_name_the_key(overrides, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)").replace("{", r"\{").replace("}", r"\}")):
        Labels("en", overrides)


def test_labels_with_overrides_can_be_copied_and_pickled():
    labels = Labels("ru", {"archive": "Архив записей"})
    for clone in (copy.deepcopy(labels), copy.copy(labels), pickle.loads(pickle.dumps(labels))):
        assert clone.archive == "Архив записей"
        assert clone.count(5) == "5 записей"
        assert clone.direction == "ltr"
