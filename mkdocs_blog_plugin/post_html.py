"""A post's Markdown and HTML (on_page_markdown, on_page_content).

Before Markdown: Jekyll's Liquid, and a plain-text excerpt separator swapped for a marker comment.
After Markdown: the excerpt cut from the post's one rendering, and its reading time.
"""

from __future__ import annotations

from typing import Any

from mkdocs.exceptions import PluginError
from selectolax.lexbor import LexborHTMLParser

from . import excerpts, htmltext, jekyll, readtime, reuse
from .entries import Entry
from .pages import has_source, listing_meta
from .state import BlogBuild


def prepare_markdown(build: BlogBuild, page: Any, markdown: str) -> str:
    """Liquid on posts (and on other pages with ``jekyll_liquid_pages``); a post's separator."""
    o = build.options
    if build.listing_of(page) is not None:
        listing_meta(page)  # a generated listing's metadata, whatever class the page has now
        return markdown
    entry = build.entry_of(page)
    if entry is None:
        return jekyll.render(build, page, None, markdown) if o.jekyll.liquid_pages else markdown
    if o.jekyll.liquid:
        markdown = jekyll.render(build, page, entry, markdown)
    return excerpts.prepare_markdown(markdown, entry.post.excerpt_separator or o.posts.excerpt_separator)


def digest_html(build: BlogBuild, page: Any, html: str) -> str:
    """A post's excerpt and reading time; a listing page's own content (its intro)."""
    entry = build.entry_of(page)
    if entry is not None:
        return _digest_post(build, entry, html)
    if build.listing_of(page) is not None:
        page.intro = html
        if not has_source(page):
            _forget_page_dates(page)
    return html


#: Page dates that mkdocs-git-revision-date-localized-plugin puts in the metadata (in its
#: on_page_markdown): for a page with no file in git it gives the time of the build, shown as a
#: "last update" that is not one. Dropped before any page is rendered: the nav shows the same
#: metadata to every page.
_GIT_DATE_KEYS = ("git_revision_date_localized", "git_creation_date_localized")


def _forget_page_dates(page: Any) -> None:
    for key in list(page.meta):
        if key.startswith(_GIT_DATE_KEYS):
            del page.meta[key]


def _digest_post(build: BlogBuild, entry: Entry, html: str) -> str:
    """Cut the excerpt and time the reading of the post's HTML; the HTML itself stays as it is.
    (While serving, the facts of HTML that is what it was in the last build are taken from it.)"""
    first_image, reading_time, excerpt, summary = reuse.html_facts(
        build, entry, html, lambda: _html_facts(build, entry, html)
    )
    entry.first_image, entry.excerpt, entry.summary = first_image, excerpt, summary
    if reading_time is not None:
        entry.reading_time = reading_time
    if build.options.feeds.full_content:  # kept only when the feeds need it
        entry.content_html = html
    return html


def _html_facts(build: BlogBuild, entry: Entry, html: str) -> tuple:
    """A post's first picture, reading time (None when not shown), excerpt and summary, from
    one parse of its HTML."""
    post = entry.post
    o = build.options.posts
    tree = LexborHTMLParser(html)
    image = tree.css_first("img[src]:not([src^='data:'])")
    first_image = (image.attributes.get("src") or "").strip() or None if image is not None else None
    reading_time = None
    if build.options.display.readtime:
        reading_time = post.readtime or readtime.reading_time(tree, o.words_per_minute)
    separators = tuple(s for s in (post.excerpt_separator, o.excerpt_separator, "<!--more-->") if s)
    if post.excerpt_markdown is not None:
        rendered = _render_markdown(build, post.excerpt_markdown, entry.page)
        excerpt, _ = excerpts.cut(rendered, post_url=entry.url, separators=(), fallback="full")
        excerpt = excerpts.Excerpt(excerpt.html, True)
        summary = htmltext.plain_text(excerpt.html)
    else:
        excerpt, _ = excerpts.cut(
            tree, post_url=entry.url, separators=separators,
            fallback=o.excerpt_fallback, max_words=o.excerpt_max_words,
        )
        if o.excerpt_required and not excerpt.separated:
            raise PluginError(f"{post.src_uri}: no excerpt separator, and post_excerpt is 'required'")
        summary = htmltext.node_text(tree.body)  # the tree is the excerpt now
    return first_image, reading_time, excerpt, summary


def _render_markdown(build: BlogBuild, text: str, page: Any) -> str:
    """A front matter ``excerpt`` as the site's Markdown makes it, links resolved from ``page``.

    One converter serves the whole build (setting up the extensions costs more than converting
    a short excerpt); only the link resolver, which belongs to the page, is replaced each time.
    """
    from mkdocs.structure.pages import _RelativePathTreeprocessor

    md = build.excerpt_markdown
    if md is None:
        import markdown as md_lib

        config = build.config
        md = build.excerpt_markdown = md_lib.Markdown(
            extensions=config.markdown_extensions, extension_configs=config.mdx_configs or {}
        )
    _RelativePathTreeprocessor(page.file, build.files, build.config)._register(md)  # replaces the last
    return md.reset().convert(text)
