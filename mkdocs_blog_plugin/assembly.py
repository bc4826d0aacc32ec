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

from . import feed_plan, post_lists
from .entries import Entry
from .pages import HEADER_MARKER, ListingPage, PostPage
from .render import Renderer
from .state import BlogBuild
from .urls import root_of


def set_env(build: BlogBuild, env: Any) -> None:
    build.renderer = Renderer(env, build.labels, build.options.display)


def page_context(build: BlogBuild, page: Any) -> None:
    post_lists.fill_page(build, page)
    if isinstance(page, PostPage):
        _post(build, page)
    elif isinstance(page, ListingPage):
        _listing(build, page)


def _post(build: BlogBuild, page: PostPage) -> None:
    entry = page.entry
    root = root_of(page.url)
    content = page.content or ""
    header_in_body = HEADER_MARKER in content
    # A title taken from a heading further down is shown there, not a second time on top.
    title_in_body = header_in_body or (entry.post.title_is_heading and page.has_heading)
    header = build.renderer.post_header(entry, root, show_title=not title_in_body)
    footer = build.renderer.post_footer(entry, root, _links(build, entry, root))
    if header_in_body:
        content = content.replace(HEADER_MARKER, header, 1)
    else:
        content = header + content
    page.content = content + footer


def _listing(build: BlogBuild, page: ListingPage) -> None:
    spec = page.spec
    view = spec.view
    first = view.pages[0].page
    if page is not first:
        page.title = first.title
        if "title" in page.meta:  # themes print page.meta.title first (see pages.ListingPage)
            page.meta["title"] = first.title
    keep_intro = spec.number == 1 or build.options.display.keep_content
    intro = (first.intro or "") if keep_intro else ""
    show_title = not (keep_intro and first.has_source and first.has_heading)
    renderer = build.renderer
    render = renderer.overview if view.kind in ("tags", "categories", "archives", "series-overview") else renderer.listing
    title = Markup(page.title or "")  # already HTML, as MkDocs page titles are
    page.content = render(spec, page=page, title=title, show_title=show_title, intro=intro, root=root_of(page.url))


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
            target = item.strip()
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


def head_links(build: BlogBuild, page: Any, output: str) -> str:
    """Advertise the feeds in the ``<head>`` of a page: the site's, and a tag's or category's own.

    ``page`` None stands for a page that may be served at any URL (``404.html``): its links are
    absolute. Everywhere else they are relative to the page, like every other link MkDocs writes.
    """
    if not feed_plan.enabled(build.options.feeds, build.site) or "</head>" not in output:
        return output
    root = build.site.base if page is None else root_of(page.url)
    view = page.spec.view if isinstance(page, ListingPage) else None
    # The links depend only on the way back to the site root and the view: most pages share them.
    key = (root, id(view) if view is not None else None)
    tags = build.head_links.get(key)
    if tags is None:
        feeds = feed_plan.site_feeds(build.options.blog_dir, build.options.feeds)
        if view is not None:
            feeds += feed_plan.view_feeds(build.options.feeds, view)
        title = feed_plan.site_title(build.config.site_name, build.labels.blog)
        tags = build.head_links[key] = "".join(
            f'<link rel="alternate" type="{kind}" '
            f'title="{escape(f"{feed_plan.feed_title(title, view_name)} ({feed_plan.FORMAT_NAMES[kind]})")}"'
            f' href="{escape(root + path)}">'
            for path, kind, view_name in feeds
        )
    if not tags:
        return output
    return output.replace("</head>", tags + "</head>", 1)


def release(page: Any) -> None:
    """A listing is written once on_post_page returns and nothing reads its content after that:
    let it go, so thousands of listing pages do not stay in memory together."""
    if isinstance(page, ListingPage):
        page.content = None
