"""The blog's labels, one module per language, each with a ``LABELS`` table.

A table maps every key of the English table (``en.py``) to its text. Keys that show a number
(``read_time``, ``post_count``) map to one text per plural category that the language uses, as
Babel (CLDR) names them: ``zero``, ``one``, ``two``, ``few``, ``many`` and ``other``. Every text
keeps the English text's ``{placeholders}``, no more and no fewer.

Module names are language tags with ``_`` (``zh_Hant``, ``pt_BR``); ``i18n`` finds a table for a
site's language and carries the aliases (``zh_TW`` -> ``zh_Hant``, ``no`` -> ``nb``).
"""

from __future__ import annotations

from importlib import import_module

#: Every language with a table.
CODES = (
    "en", "ar", "cs", "da", "de", "el", "es", "fa", "fi", "fr", "he", "hi", "hu", "id", "it", "ja",
    "ko", "nb", "nl", "pl", "pt", "pt_BR", "ro", "ru", "sv", "th", "tr", "uk", "vi", "zh", "zh_Hant",
)


def load() -> dict[str, dict]:
    """``{"en": {...}, "de": {...}, ...}``."""
    return {code: import_module(f"{__name__}.{code}").LABELS for code in CODES}
