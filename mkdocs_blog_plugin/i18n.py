"""Labels the blog shows, in the site's language (``theme.language`` or ``theme.locale``).

The texts are in ``labels/``, one table per language. ``Labels`` picks the table for a language
tag, most specific first (``zh_Hant_TW``, then ``zh_Hant``, then ``zh``), then English, and fills
any key a table lacks from English. Numbers in a label are formatted for the locale, and a label
that shows a number has one text per plural category, chosen with Babel's plural rules.
"""

from __future__ import annotations

from functools import lru_cache
from string import Formatter
from typing import Any

from babel.core import Locale, UnknownLocaleError
from babel.numbers import format_decimal

from . import labels as _tables

#: ``{"en": {...}, "de": {...}, "zh_Hant": {...}, ...}``: every language's table.
LANGUAGES: dict[str, dict[str, Any]] = _tables.load()

#: Language tags (lower case, ``_`` between parts) that use another tag's table.
ALIASES = {
    "zh_tw": "zh_Hant",
    "zh_hk": "zh_Hant",
    "zh_mo": "zh_Hant",
    "zh_hans": "zh",
    "zh_cn": "zh",
    "zh_sg": "zh",
    "pt_pt": "pt",
    "no": "nb",
    "nn": "nb",
    "iw": "he",  # former codes, still seen
    "in": "id",
}

#: Languages written right to left.
RTL = frozenset({"ar", "he", "iw", "fa", "ur", "ps", "sd", "ug", "yi", "dv", "ckb"})

#: Plural categories, as CLDR names them.
CATEGORIES = ("zero", "one", "two", "few", "many", "other")

#: Keys whose text depends on a number, and the placeholder that holds the number.
PLURAL_KEYS = {"read_time": "minutes", "post_count": "count"}


def site_language(theme: Any) -> str:
    """``theme.language`` (Material) or ``theme.locale`` (mkdocs, readthedocs), as ``"de"``."""
    for key in ("language", "locale"):
        try:
            value = theme[key]
        except (KeyError, TypeError):
            value = None
        if value:
            return str(value).replace("-", "_")
    return "en"


def _tags(language: str) -> list[str]:
    """``"zh-Hant-TW"`` -> ``["zh", "zh_hant", "zh_hant_tw"]``: least specific first, lower case."""
    parts = [p for p in str(language or "").replace("-", "_").split("_") if p]
    return ["_".join(parts[: i + 1]).lower() for i in range(len(parts))]


def table_codes(language: str) -> list[str]:
    """The tables for ``language``, least specific first (English is not listed)."""
    known = {code.lower(): code for code in LANGUAGES}
    codes = []
    for tag in _tags(language):
        code = known.get(ALIASES.get(tag, tag).lower())
        if code and code != "en" and code not in codes:
            codes.append(code)
    return codes


@lru_cache(maxsize=None)
def _locale(language: str, fallback: str) -> Locale:
    for candidate in (language, fallback, "en"):
        try:
            return Locale.parse(candidate.replace("-", "_"))
        except (ValueError, TypeError, UnknownLocaleError):
            continue
    return Locale("en")


def placeholders(text: str) -> set[str]:
    """``"Page {page} of {pages}"`` -> ``{"page", "pages"}``. Raises ValueError on a bad brace."""
    return {name for _, name, _, _ in Formatter().parse(text) if name is not None}


def _forms(entry: Any) -> dict[str, str]:
    return entry if isinstance(entry, dict) else {"other": entry}


class Labels:
    """``labels.continue_reading``, ``labels("page_of", page=2, pages=5)``, ``labels.count(3)``
    and ``labels.plural("read_time", 5)`` in templates; ``labels.direction`` is ``"ltr"`` or
    ``"rtl"``.

    ``overrides`` (the ``labels`` option) replaces texts: ``{"continue_reading": "More"}`` or,
    for a number, ``{"read_time": {"one": "{minutes} minute", "other": "{minutes} minutes"}}``.
    An unknown key, plural category or placeholder raises ValueError naming it.
    """

    def __init__(self, language: str, overrides: dict[str, Any] | None = None) -> None:
        self.language = language
        codes = table_codes(language)
        self.code = codes[-1] if codes else "en"  # the table the labels come from
        self._table = dict(LANGUAGES["en"])
        for code in codes:
            self._table.update(LANGUAGES[code])
        tags = _tags(language)
        base = ALIASES.get(tags[0], tags[0]) if tags else "en"
        self.direction = "rtl" if base.lower() in RTL else "ltr"
        self._locale_id = str(_locale(str(language or "en"), self.code))
        for key, value in (overrides or {}).items():
            self._table[key] = self._checked(key, value)

    def _checked(self, key: Any, value: Any) -> Any:
        english = LANGUAGES["en"]
        if key not in english:
            raise ValueError(f"unknown label '{key}'; the labels are: {', '.join(sorted(english))}")
        allowed = set().union(*(placeholders(t) for t in _forms(english[key]).values()))
        if isinstance(value, str):
            texts = {"other": value}
            entry: Any = value
        elif isinstance(value, dict) and value:
            unknown = [c for c in value if c not in CATEGORIES]
            if unknown:
                raise ValueError(
                    f"label '{key}': unknown plural form '{unknown[0]}'; use {', '.join(CATEGORIES)}"
                )
            texts = value
            entry = {**_forms(self._table[key]), **value}
        else:
            raise ValueError(f"label '{key}' should be text or a mapping of plural forms to text, not {value!r}")
        for category, text in texts.items():
            if not isinstance(text, str):
                raise ValueError(f"label '{key}' ({category}) should be text, not {text!r}")
            try:
                names = placeholders(text)
            except ValueError as error:
                raise ValueError(f"label '{key}': {error} in {text!r}") from None
            extra = sorted(names - allowed)
            if extra:
                known = ", ".join("{" + n + "}" for n in sorted(allowed)) or "none"
                raise ValueError(f"label '{key}' uses {{{extra[0]}}}, which it does not have (it has: {known})")
        return entry

    def _entry(self, key: str) -> tuple[Any, str | None]:
        """The table entry for ``key``, or for ``post_count_one``: (``post_count``, ``"one"``)."""
        try:
            return self._table[key], None
        except KeyError:
            base, _, category = key.rpartition("_")
            if category in CATEGORIES and isinstance(self._table.get(base), dict):
                return self._table[base], category
            raise

    def __getattr__(self, key: str) -> str:
        if key.startswith("_"):  # copy/pickle probe attributes before __init__ has run
            raise AttributeError(key)
        try:
            entry, category = self._entry(key)
        except KeyError:
            raise AttributeError(key) from None
        forms = _forms(entry)
        return forms.get(category or "other") or forms["other"]

    def __call__(self, key: str, **values: Any) -> str:
        entry, category = self._entry(key)
        if isinstance(entry, dict) and category is None:
            name = PLURAL_KEYS.get(key)
            n = values.get(name) if name else next((v for v in values.values() if _is_number(v)), None)
            category = self.category(n) if _is_number(n) else "other"
        return self._format(_forms(entry), category or "other", values)

    def plural(self, key: str, n: float, **values: Any) -> str:
        """``labels.plural("read_time", 5)`` -> ``"5 min read"``: the form for ``n``; the key's
        number placeholder is ``n`` unless given."""
        name = PLURAL_KEYS.get(key)
        if name:
            values.setdefault(name, n)
        entry, _ = self._entry(key)
        return self._format(_forms(entry), self.category(n), values)

    def count(self, n: int) -> str:
        """``"1 post"``, ``"5 posts"``."""
        return self.plural("post_count", n, count=n)

    def category(self, n: float) -> str:
        """The plural category of ``n`` in the site's language: ``"one"``, ``"few"``, ..."""
        return _locale(self._locale_id, "en").plural_form(abs(n))

    def number(self, value: Any) -> str:
        """``1234`` -> ``"1,234"`` in English, ``"1.234"`` in German; other values as ``str``."""
        if not _is_number(value):
            return str(value)
        if isinstance(value, int) and -1000 < value < 1000:
            return str(value)  # Babel writes Latin digits: nothing to do below a thousand
        return format_decimal(value, locale=_locale(self._locale_id, "en"))

    def _format(self, forms: dict[str, str], category: str, values: dict[str, Any]) -> str:
        text = forms.get(category) or forms["other"]
        return text.format(**{k: self.number(v) for k, v in values.items()})


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
