"""Page assembly (on_env, on_page_context, on_post_page): what the blog adds to each page.

- a post page: the header (title, line of facts) above its content, related links and
  previous/next below it;
- a listing page: its whole content, one render of ``listing.html`` or ``overview.html``;
- every page: ``<link rel="alternate">`` tags for the feeds it should advertise.
"""

from __future__ import annotations

from html import escape
from typing import Any

from markupsafe import Markup
from mkdocs.structure.toc import AnchorLink, TableOfContents

from . import feed_plan, post_lists, preassemble, reuse, social
from .entries import Entry
from .links import safe_href
from .pages import HEADER_MARKER, has_heading, has_source
from .render import Renderer
from .state import BlogBuild
from .urls import root_of


def set_env(build: BlogBuild, env: Any) -> None:
    build.renderer = Renderer(env, build.labels, build.options.display)
    # Material's tags plugin puts the tags of every page above its content: not twice on posts.
    build.renderer.post_tags = not build.companions.material_tags


def page_context(build: BlogBuild, page: Any) -> None:
    post_lists.fill_page(build, page)
    # Known by their files (``BlogBuild.entry_of``, ``listing_of``), whatever class they have now.
    entry = build.entry_of(page)
    if entry is not None:
        _post(build, page, entry)
        return
    spec = build.listing_of(page)
    if spec is not None:
        _listing(build, page, spec)


def _post(build: BlogBuild, page: Any, entry: Entry) -> None:
    content = page.content or ""
    key = post_key(entry, page)
    parts = preassemble.ready(build, page, key)
    if parts is None:
        parts = reuse.post_parts(build, page, entry, key, lambda: post_parts(build, entry, key))
    header, footer = parts
    if HEADER_MARKER in content:
        content = content.replace(HEADER_MARKER, header, 1)
    else:
        content = header + content
    page.content = content + footer


def post_key(entry: Entry, page: Any) -> tuple:
    """What a post's header and footer are rendered from, besides the post: the way back to the
    site root, and whether the header shows the title."""
    header_in_body = HEADER_MARKER in (page.content or "")
    # A title taken from a heading further down is shown there, not a second time on top.
    title_in_body = header_in_body or (entry.post.title_is_heading and has_heading(page))
    return ("post", root_of(page.url), not title_in_body)


def post_parts(build: BlogBuild, entry: Entry, key: tuple) -> tuple[str, str]:
    """A post's header and footer."""
    _, root, show_title = key
    header = build.renderer.post_header(entry, root, show_title=show_title)
    footer = build.renderer.post_footer(entry, root, _links(build, entry, root))
    return header, footer


def _listing(build: BlogBuild, page: Any, spec: Any) -> None:
    view = spec.view
    first = view.pages[0].page
    if page is not first:
        page_of = escape(build.labels("page_of", page=spec.number, pages=spec.total))
        page.title = f"{first.title} · {page_of}"
        if "title" in page.meta:  # themes print page.meta.title first (see pages.ListingPage)
            page.meta["title"] = page.title
        if build.options.display.theme in ("material", "readthedocs"):  # undone in ``finish_page``
            first.active = True  # sidebar themes keep the listing's first page highlighted
    page.previous_page = page.next_page = None  # the blog's pager links the listing's pages
    key = listing_key(build, page, spec)
    content = preassemble.ready(build, page, key)
    if content is None:
        content = reuse.listing(build, page, key, lambda: listing_content(build, page, spec, key))
    page.content = content
    intro = key[3]
    if view.kind in build.options.display.toc_kinds:
        # As Material's blog does: the table of contents lists the posts on the page, after the
        # headings of the page's own intro.
        items = [AnchorLink(escape(e.title), e.anchor, 2) for e in spec.posts]
        own = list(first.toc) if intro else []
        if own and own[0].level == 1:  # themes list what is under the page's h1
            head = AnchorLink(own[0].title, own[0].id, 1)
            head.children = own[0].children + items
            page.toc = TableOfContents([head] + own[1:])
        else:
            page.toc = TableOfContents(own + items)


def listing_key(build: BlogBuild, page: Any, spec: Any) -> tuple:
    """What a listing page's content is rendered from, besides its view: its title, whether it
    shows it, the intro above the posts, the way back to the site root."""
    first = spec.view.pages[0].page
    if page is first:
        # Its final content: other plugins may have changed it after on_page_content (Material's
        # tags plugin fills its listings in on_env).
        page.intro = page.content
    keep_intro = spec.number == 1 or build.options.display.keep_content
    intro = (getattr(first, "intro", None) or "") if keep_intro else ""
    show_title = not (keep_intro and has_source(first) and has_heading(first))
    title = Markup(first.title or "")  # already HTML, as MkDocs page titles are
    return ("listing", title, show_title, intro, root_of(page.url))


def listing_content(build: BlogBuild, page: Any, spec: Any, key: tuple) -> str:
    _, title, show_title, intro, root = key
    renderer = build.renderer
    kind = spec.view.kind
    render = renderer.overview if kind in ("tags", "categories", "archives", "series-overview") else renderer.listing
    return render(spec, page=page, title=title, show_title=show_title, intro=intro, root=root)


def _links(build: BlogBuild, entry: Entry, root: str) -> list[dict]:
    """Material's ``links:`` front matter: related links in nav syntax."""
    found: list[dict] = []
    files = build.files

    def visit(item: Any, title: str | None = None) -> None:
        if isinstance(item, list):
            for sub in item:
                visit(sub)
        elif isinstance(item, dict):
            for key, value in item.items():
                visit(value, str(key))
        elif isinstance(item, str):
            target = safe_href(item)
            if target is None:
                build.warn(entry.src_uri, f"related link {item!r} is not a web, mail or site link; it is left out")
                return
            if "://" in target or target.startswith(("/", "#", "mailto:")):
                found.append({"title": title or target, "url": target})
                return
            path = target.split("#", 1)[0]
            file = files.get_file_from_path(path) if files else None
            if file is None:
                build.warn(entry.src_uri, f"related link '{target}' does not point to a page; it is shown as written")
                found.append({"title": title or target, "url": target})
                return
            anchor = "#" + target.split("#", 1)[1] if "#" in target else ""
            # A page's title is HTML to MkDocs (themes print it unescaped): keep it as markup.
            page_title = title or (Markup(file.page.title) if file.page is not None and file.page.title else path)
            found.append({"title": page_title, "url": root + file.url + anchor})

    if entry.post.links:
        visit(entry.post.links)
    return found


def finish_page(build: BlogBuild, page: Any, output: str) -> str:
    """A built page (on_post_page): a post gets its sharing metadata; a listing's content is let
    go (it is written once this returns, and thousands of listings would add up in memory)."""
    entry = build.entry_of(page)
    if entry is not None:
        key = head_key(build)
        found = preassemble.ready(build, page, key)
        if found is None:
            found = reuse.head(
                build, page, entry, key, lambda: social.post_candidates(entry, base=key[1], site_name=key[2])
            )
        head = social.head_of(output)
        extra = social.missing(found, reuse.head_has(build, page, head, lambda: social.existing(head)))
    else:
        extra = ""
    spec = build.listing_of(page)
    if spec is not None:
        page.content = None
        first = spec.view.pages[0].page
        if page is not first:
            first.active = False  # set by ``_listing`` for the page just written
    # One insertion: the sharing metadata, then the feed links.
    return social.insert_head(output, extra + feed_links(build, page))


def head_key(build: BlogBuild) -> tuple:
    """What a post's sharing metadata is made from, besides the post."""
    return ("head", build.site.base, build.config.site_name)


def page_parts(build: BlogBuild, page: Any) -> dict[str, tuple]:
    """What ``preassemble``'s helper makes ahead of MkDocs for a page, each part with the key it
    was made from: a post's header and footer and its sharing metadata, a listing's content.
    Pages with a list of posts, and posts with related links (checked, with warnings, here), are
    left to MkDocs' process."""
    parts: dict[str, tuple] = {}
    if post_lists.OPEN in (page.content or ""):
        return parts
    entry = build.entry_of(page)
    if entry is not None:
        if not entry.post.links:
            key = post_key(entry, page)
            parts["post"] = (key, post_parts(build, entry, key))
        key = head_key(build)
        parts["head"] = (key, social.post_candidates(entry, base=key[1], site_name=key[2]))
        return parts
    spec = build.listing_of(page)
    if spec is not None:
        key = listing_key(build, page, spec)
        parts["listing"] = (key, listing_content(build, page, spec, key))
    return parts


def head_links(build: BlogBuild, page: Any, output: str) -> str:
    """Advertise the feeds in the ``<head>`` of a page: the site's, and a tag's or category's own.

    ``page`` None stands for a page that may be served at any URL (``404.html``): its links are
    absolute. Everywhere else they are relative to the page, like every other link MkDocs writes.
    """
    return social.insert_head(output, feed_links(build, page))


def feed_links(build: BlogBuild, page: Any) -> str:
    """The ``<link rel="alternate">`` tags of ``head_links``."""
    if not feed_plan.enabled(build.options.feeds, build.site):
        return ""
    if page is not None and build.in_other_blog(page):  # another blog's page shows its own feeds
        return ""
    root = build.site.base if page is None else root_of(page.url)
    spec = build.listing_of(page) if page is not None else None
    view = spec.view if spec is not None else None
    # The links depend only on the way back to the site root and the view: most pages share them.
    key = (root, id(view) if view is not None else None)
    tags = build.head_links.get(key)
    if tags is None:
        feeds = feed_plan.site_feeds(build.options.blog_dir, build.options.feeds)
        if view is not None:
            feeds += feed_plan.view_feeds(build.options.feeds, view)
        title = build.feed_title
        tags = build.head_links[key] = "".join(
            f'<link rel="alternate" type="{kind}" '
            f'title="{escape(f"{feed_plan.feed_title(title, view_name)} ({feed_plan.FORMAT_NAMES[kind]})")}"'
            f' href="{escape(root + path)}">'
            for path, kind, view_name in feeds
        )
    return tags


