"""URL placement: where every page and file the blog adds goes.

- ``copy_assets``: files beside the posts are published a second time where Material puts them;
- ``add_listing_files``: each listing page gets its file (a real Markdown file at that place
  supplies its intro, else a generated one) and its MkDocs page;
- ``place_posts``: each post gets its URL; posts never take a listing's or another page's place;
- ``add_redirects``: redirect pages from ``redirect_from`` and from old Jekyll URLs.
"""

from __future__ import annotations

import posixpath
from html import escape as html_escape
from typing import Any, Callable

from mkdocs.structure.files import File, Files, InclusionLevel

from . import nav, permalinks, redirects
from .entries import Entry
from .options import Options
from .pages import ListingPage, PostPage, relocate
from .posts import PostError, chronological, format_path
from .urls import SiteUrl
from .views import View, Views

Warn = Callable[[str, str], None]


def copy_assets(files: Files, config: Any, options: Options) -> None:
    """Files beside the posts are also published without the posts folder in their URL, where
    Material puts them: ``blog/posts/2024/x/map.png`` is at ``blog/2024/x/map.png`` too, so
    old links to them keep working. Pages link to the original."""
    prefix = options.posts.dir + "/"
    taken = {f.dest_uri for f in files}
    for file in list(files):
        if not file.dest_uri.startswith(prefix) or file.is_documentation_page() or not file.abs_src_path:
            continue
        dest = posixpath.normpath(posixpath.join(options.blog_dir or ".", file.dest_uri[len(prefix):]))
        if dest in taken or files.get_file_from_path(dest) is not None:
            continue
        taken.add(dest)
        copy = File.generated(config, dest, abs_src_path=file.abs_src_path)
        copy.inclusion = InclusionLevel.NOT_IN_NAV
        files.append(copy)


def add_listing_files(files: Files, config: Any, options: Options, views: Views, blog_title: str) -> None:
    """A file and a page for every listing page. The blog index stays in the nav where MkDocs (or
    an explicit ``nav:``) puts it; every other listing is reached through the blog section."""
    explicit_nav = config.nav is not None
    index_src = posixpath.join(options.blog_dir, "index.md")
    for view in views.all():
        for spec in view.pages:
            real = _real_file(files, view, spec) if spec.number == 1 else None
            if real is None:
                # As Material names them: "blog/category/x.md" and "blog/category/x/page/2.md"
                # ("x.html" and "x/page/2.html" without directory URLs); the index and the
                # overviews are folders ("blog/page/2/index.md").
                folder = view.kind in ("index", "tags", "categories", "archives", "series-overview")
                src = posixpath.join(spec.path, "index.md") if folder else spec.path + ".md"
                existing = files.get_file_from_path(src)
                if existing is not None:
                    files.remove(existing)
                file = File.generated(config, src, content="")
                files.append(file)
                # The page title is HTML to MkDocs and themes: a tag such as ``<b>`` is escaped.
                title = html_escape(blog_title if view.kind == "index" else view.name)
            else:
                file, title = real, None
            if file.src_uri == index_src:
                in_nav = not explicit_nav or nav.mentions(config.nav, index_src)
                file.inclusion = InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV
            else:
                file.inclusion = InclusionLevel.NOT_IN_NAV
            page = ListingPage(spec, file, config, title)
            spec.page = page
            spec.url = page.url


def _real_file(files: Files, view: View, spec: Any) -> File | None:
    """A Markdown file of the site's own at a view's first page (``blog/category/x.md`` or
    ``blog/category/x/index.md``): it supplies that page's heading and intro."""
    candidates = [posixpath.join(spec.path, "index.md")]
    if view.kind != "index":
        candidates.insert(0, spec.path + ".md")
    for candidate in candidates:
        real = files.get_file_from_path(candidate)
        if real is not None and real.is_documentation_page():
            return real
    return None


def place_posts(
    files: Files, config: Any, options: Options, entries: list[Entry], category_slug: Callable[[str], str],
    warn: Warn,
) -> None:
    """Give every post its URL and page; posts that would share one get distinct URLs and a
    warning. Runs after the listing files exist, so a post never takes a listing's place."""
    opts = options.posts
    jekyll = permalinks.is_jekyll_style(opts.url_format)
    by_src = {e.src_uri for e in entries}
    # Where each output file goes -> what is there, as the warning names it.
    taken: dict[str, str] = {
        f.dest_uri: f"'{f.src_uri}'" if f.generated_by is None else f"the blog's page '{f.url}'"
        for f in files if f.src_uri not in by_src
    }
    for entry in sorted(entries, key=chronological):
        file = files.get_file_from_path(entry.src_uri)
        categories = [category_slug(c) for c in entry.categories[: opts.url_max_categories]]
        permalink = entry.post.permalink
        try:
            if permalink or jekyll:
                path = jekyll_path(permalink or opts.url_format, entry, opts.slugify)
            else:
                path = posixpath.join(options.blog_dir, format_path(
                    entry, opts.url_format, date_format=opts.url_date_format, categories=categories))
            dest, url = permalinks.to_dest(path, config.use_directory_urls)
        except (ValueError, PostError) as e:
            warn(entry.src_uri, f"cannot use its URL ({e}); using the default URL instead")
            path = posixpath.join(options.blog_dir, format_path(
                entry, "{date}/{slug}", date_format="yyyy/MM/dd", categories=[]))
            dest, url = permalinks.to_dest(path, config.use_directory_urls)
        if dest in taken:
            other = taken[dest]
            base = path.rstrip("/")
            n = 2
            while dest in taken:
                dest, url = permalinks.to_dest(f"{base}-{n}", config.use_directory_urls)
                n += 1
            warn(entry.src_uri, f"has the same URL as {other}; it is published at '{url}' instead")
        taken[dest] = f"'{entry.src_uri}'"
        entry.dest_uri, entry.url = dest, url
        relocate(file, dest)
        entry.page = PostPage(entry, file, config)


def jekyll_path(fmt: str, entry: Entry, slugify: Callable[[str], str]) -> str:
    """A Jekyll permalink style or template filled in for a post, as Jekyll would."""
    return permalinks.expand(
        fmt, date=entry.date, slug=entry.jekyll_slug, title_slug=slugify(entry.title),
        categories=entry.categories, file_slug=entry.jekyll_title,
    )


def add_redirects(
    files: Files, config: Any, options: Options, entries: list[Entry], site: SiteUrl, warn: Warn
) -> None:
    """Redirect pages from ``redirect_from`` and from each post's old Jekyll URL."""
    style = options.jekyll.redirect_from_permalink
    taken = {f.dest_uri: f for f in files}
    for entry in entries:
        olds = list(entry.post.redirect_from)
        if style and not entry.post.permalink:  # a post with its own permalink always had it
            try:
                olds.append(jekyll_path(style, entry, options.posts.slugify))
            except ValueError as e:
                warn(entry.src_uri, f"cannot compute its old URL: {e}")
        for old in olds:
            try:
                dest = redirects.redirect_dest(old, config.use_directory_urls)
            except ValueError as e:
                warn(entry.src_uri, f"redirect_from '{old}' is not a usable path ({e}); skipped")
                continue
            if dest == entry.dest_uri:
                continue
            if dest in taken:  # never hide a page (or another post's redirect) behind a redirect
                warn(entry.src_uri, f"redirect from '{old}' skipped: '{taken[dest].dest_uri}' is already "
                                    f"published there")
                continue
            target = posixpath.relpath(entry.dest_uri, posixpath.dirname(dest) or ".")
            if config.use_directory_urls and target.endswith("index.html"):
                target = target[: -len("index.html")] or "./"
            canonical = site.base + entry.url if site.known else None
            content = redirects.redirect_page(target, canonical, entry.title)
            redirect = File.generated(config, dest, content=content)
            redirect.inclusion = InclusionLevel.NOT_IN_NAV
            files.append(redirect)
            taken[dest] = redirect
