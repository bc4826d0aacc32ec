"""Labels the blog shows, in the site's language (``theme.language`` or ``theme.locale``)."""

from __future__ import annotations

from typing import Any

_EN = {
    "blog": "Blog",
    "archive": "Archive",
    "categories": "Categories",
    "tags": "Tags",
    "authors": "Authors",
    "posts": "Posts",
    "continue_reading": "Continue reading",
    "read_time": "{minutes} min read",
    "page_of": "Page {page} of {pages}",
    "previous_page": "Newer posts",
    "next_page": "Older posts",
    "previous_post": "Previous post",
    "next_post": "Next post",
    "pagination": "Pagination",
    "post_count_one": "1 post",
    "post_count_other": "{count} posts",
    "published": "Published",
    "updated": "Updated",
    "draft": "Draft",
    "pinned": "Pinned",
    "in": "in",
    "by": "By",
    "tagged": "Tagged",
    "related_links": "Related links",
    "no_posts": "No posts yet.",
    "feed": "Feed",
}

#: English labels of the blog features (related posts, series) that have no translations yet:
#: every language shows these in English until its table has them. Kept apart from ``_EN``,
#: whose keys every translated table must have; a translation moves them into ``_EN``.
_EN_UNTRANSLATED = {
    "related_posts": "Related posts",
    "series": "Series",
    "series_part": "Part {n} of {total}",
}

_DE = {
    "blog": "Blog",
    "archive": "Archiv",
    "categories": "Kategorien",
    "tags": "Schlagwörter",
    "authors": "Autoren",
    "posts": "Beiträge",
    "continue_reading": "Weiterlesen",
    "read_time": "{minutes} Min. Lesezeit",
    "page_of": "Seite {page} von {pages}",
    "previous_page": "Neuere Beiträge",
    "next_page": "Ältere Beiträge",
    "previous_post": "Vorheriger Beitrag",
    "next_post": "Nächster Beitrag",
    "pagination": "Seitennavigation",
    "post_count_one": "1 Beitrag",
    "post_count_other": "{count} Beiträge",
    "published": "Veröffentlicht",
    "updated": "Aktualisiert",
    "draft": "Entwurf",
    "pinned": "Angeheftet",
    "in": "in",
    "by": "Von",
    "tagged": "Verschlagwortet",
    "related_links": "Weiterführende Links",
    "no_posts": "Noch keine Beiträge.",
    "feed": "Feed",
}

_FR = {
    "blog": "Blog",
    "archive": "Archives",
    "categories": "Catégories",
    "tags": "Étiquettes",
    "authors": "Auteurs",
    "posts": "Articles",
    "continue_reading": "Lire la suite",
    "read_time": "{minutes} min de lecture",
    "page_of": "Page {page} sur {pages}",
    "previous_page": "Articles plus récents",
    "next_page": "Articles plus anciens",
    "previous_post": "Article précédent",
    "next_post": "Article suivant",
    "pagination": "Pagination",
    "post_count_one": "1 article",
    "post_count_other": "{count} articles",
    "published": "Publié",
    "updated": "Mis à jour",
    "draft": "Brouillon",
    "pinned": "Épinglé",
    "in": "dans",
    "by": "Par",
    "tagged": "Étiqueté",
    "related_links": "Liens connexes",
    "no_posts": "Aucun article pour l’instant.",
    "feed": "Flux",
}

_ES = {
    "blog": "Blog",
    "archive": "Archivo",
    "categories": "Categorías",
    "tags": "Etiquetas",
    "authors": "Autores",
    "posts": "Artículos",
    "continue_reading": "Seguir leyendo",
    "read_time": "{minutes} min de lectura",
    "page_of": "Página {page} de {pages}",
    "previous_page": "Artículos más recientes",
    "next_page": "Artículos anteriores",
    "previous_post": "Artículo anterior",
    "next_post": "Artículo siguiente",
    "pagination": "Paginación",
    "post_count_one": "1 artículo",
    "post_count_other": "{count} artículos",
    "published": "Publicado",
    "updated": "Actualizado",
    "draft": "Borrador",
    "pinned": "Fijado",
    "in": "en",
    "by": "Por",
    "tagged": "Etiquetado",
    "related_links": "Enlaces relacionados",
    "no_posts": "Aún no hay artículos.",
    "feed": "Fuente",
}

LANGUAGES = {"en": _EN, "de": _DE, "fr": _FR, "es": _ES}


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


class Labels:
    """``labels.continue_reading`` or ``labels("page_of", page=2, pages=5)`` in templates."""

    def __init__(self, language: str) -> None:
        self.language = language
        base = language.replace("-", "_").split("_")[0].lower()
        self._table = {**_EN, **_EN_UNTRANSLATED, **LANGUAGES.get(base, {})}

    def __getattr__(self, key: str) -> str:
        if key.startswith("_"):  # copy/pickle probe attributes before __init__ has run
            raise AttributeError(key)
        try:
            return self._table[key]
        except KeyError:
            raise AttributeError(key) from None

    def __call__(self, key: str, **values: Any) -> str:
        return self._table[key].format(**values)

    def count(self, n: int) -> str:
        return self("post_count_one" if n == 1 else "post_count_other", count=n)
