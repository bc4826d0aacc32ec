"""URL placement: where every page and file the blog adds goes.

- ``confined`` / ``generated_file``: the one gate every path the blog writes goes through
  (posts, listings, asset copies, redirects, feeds): inside ``site_dir`` or a clear error;
- ``Outputs``: every output path the build will write (the site's files, the theme's static
  pages, the search index, the feeds), so that nothing the blog adds takes their place;
- ``copy_assets``: files beside the posts are published a second time where Material puts them;
- ``add_listing_files``: each listing page gets its file (a real Markdown file at that place
  supplies its intro, else a generated one) and its MkDocs page;
- ``place_posts``: each post gets its URL; posts never take a listing's or another page's place;
- ``add_redirects``: redirect pages from ``redirect_from`` and from old Jekyll URLs.
"""

from __future__ import annotations

import posixpath
from html import escape as html_escape
from typing import Any, Callable, Iterable

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from . import feed_plan, nav, permalinks, redirects
from .entries import Entry
from .options import Options
from .pages import ListingPage, PostPage, relocate
from .posts import PostError, chronological, format_path
from .safepaths import UnsafePath, confine, place, shorten_segments
from .slugs import slugify
from .urls import SiteUrl
from .views import View, Views

Warn = Callable[[str, str], None]


def confined(path: str, *, what: str) -> str:
    """``path`` (from the site root, after formatting, normalising and percent-decoding) if it
    stays inside ``site_dir``; else the build stops with one line naming ``what``, the option or
    file the path came from. Every file the blog writes goes through here."""
    try:
        return confine(path, what=what)
    except UnsafePath as e:
        raise PluginError(f"blog-plugin: {e}") from None


def generated_file(config: Any, path: str, *, what: str, **kwargs: Any) -> File:
    """``File.generated`` for a path checked by ``confined``."""
    return File.generated(config, confined(path, what=what), **kwargs)


def is_published(file: File) -> bool:
    """Whether MkDocs writes the file: not excluded (``exclude_docs``, dot-files); a
    ``draft_docs`` file counts, since ``mkdocs serve`` writes it."""
    return file.inclusion != InclusionLevel.EXCLUDED


class Outputs:
    """Every output path of the build (from the site root, as MkDocs writes it) and what writes
    it. A path is taken when the same file is written, when a file is written where it would need
    a folder (``x.xml`` for ``x.xml/index.html``), or when it is a folder of a written file."""

    def __init__(self) -> None:
        self._files: dict[str, tuple[str, str]] = {}  # path -> (what is there, kind)
        self._folders: dict[str, tuple[str, str]] = {}

    def add(self, path: str, label: str, kind: str = "page") -> None:
        """``kind``: "post", "page" (a page of the site), "file" (any other file of the site) or
        "reserved" (written by MkDocs, its theme or a plugin after the pages: 404.html, the
        sitemap, the search index, the feeds)."""
        if path in self._files:
            return
        self._files[path] = (label, kind)
        parts = path.split("/")
        for i in range(1, len(parts)):
            self._folders.setdefault("/".join(parts[:i]), (label, kind))

    def occupant(self, path: str) -> tuple[str, str] | None:
        """``(what is there, kind)`` when ``path`` cannot be written, else None."""
        found = self._files.get(path) or self._folders.get(path)
        if found:
            return found
        parts = path.split("/")
        for i in range(1, len(parts)):
            found = self._files.get("/".join(parts[:i]))
            if found:
                return found
        return None

    def __contains__(self, path: str) -> bool:
        return self.occupant(path) is not None


def outputs(files: Files, config: Any, options: Options, views: Views, site: SiteUrl,
            posts: Iterable[str] = ()) -> Outputs:
    """What the build writes besides the posts (``posts``: their ``src_uri``, left out since they
    are being placed), the blog's feeds included."""
    skip = set(posts)
    taken = Outputs()
    for f in files:
        if f.src_uri not in skip and is_published(f):
            label = f"'{f.src_uri}'" if f.generated_by is None else f"the blog's page '{f.url}'"
            taken.add(f.dest_uri, label, "page" if f.is_documentation_page() else "file")
    for name in sorted(config.theme.static_templates):
        label = "the site's 404 page" if name == "404.html" else f"the theme's '{name}'"
        taken.add(name, label, "reserved")
        if name == "sitemap.xml":
            taken.add("sitemap.xml.gz", "the theme's 'sitemap.xml.gz'", "reserved")
    if any(name == "search" or name.endswith("/search") for name in config.plugins):
        taken.add("search/search_index.json", "the search index", "reserved")
    if feed_plan.enabled(options.feeds, site):
        feeds = feed_plan.site_feeds(options.blog_dir, options.feeds)
        for group in (views.tags, views.categories):
            for view in group.values():
                feeds += feed_plan.view_feeds(options.feeds, view)
        for path, _kind, _name in feeds:
            taken.add(path, f"the blog's feed '{path}'", "reserved")
    return taken


def copy_assets(files: Files, config: Any, options: Options, taken: Outputs, warn: Warn) -> None:
    """Files beside the posts are also published without the posts folder in their URL, where
    Material puts them: ``blog/posts/2024/x/map.png`` is at ``blog/2024/x/map.png`` too, so
    old links to them keep working. Pages link to the original. Runs once every page has its
    place: a copy never takes one (a warning says so), and excluded files are never copied."""
    prefix = options.posts.dir + "/"
    for file in list(files):
        if not file.dest_uri.startswith(prefix) or file.is_documentation_page() or not file.abs_src_path:
            continue
        if not is_published(file) or file.generated_by is not None:
            continue
        dest = posixpath.normpath(posixpath.join(options.blog_dir or ".", file.dest_uri[len(prefix):]))
        if files.get_file_from_path(dest) is not None:
            continue  # the site's own file at that place: it stays
        there = taken.occupant(dest)
        if there is not None:
            if there[1] not in ("page", "file") or not there[0].startswith("'"):
                warn(file.src_uri, f"its copy at '{dest}' (where Material publishes it) is not made: "
                                   f"{there[0]} is there")
            continue
        taken.add(dest, f"'{file.src_uri}'")
        copy = generated_file(config, dest, what=file.src_uri, abs_src_path=file.abs_src_path)
        copy.inclusion = InclusionLevel.NOT_IN_NAV
        files.append(copy)


def add_listing_files(
    files: Files, config: Any, options: Options, views: Views, blog_title: str, *, pages_kept: tuple[str, ...] = ()
) -> dict[str, Any]:
    """A file and a page for every listing page. The blog index stays in the nav where MkDocs (or
    an explicit ``nav:``) puts it; every other listing is reached through the blog section.

    Returns the listing pages (``PageSpec``) by their files' ``src_uri``. An overview whose kind
    is in ``pages_kept`` and that has a real file keeps that file's page as it is (Material's
    tags plugin renders its tags index there): the blog links to it and renders nothing there.
    """
    posts_prefix = options.posts.dir + "/"
    # The site's own files (posts are placed later and never take a listing's place).
    by_dest = {f.dest_uri: f for f in files
               if not (f.src_uri.startswith(posts_prefix) and f.is_documentation_page())}
    explicit_nav = config.nav is not None
    index_src = posixpath.join(options.blog_dir, "index.md")
    listings: dict[str, Any] = {}
    for view in views.all():
        for spec in view.pages:
            real = _real_file(files, view, spec) if spec.number == 1 else None
            if real is not None and view.kind in pages_kept:
                real.inclusion = InclusionLevel.NOT_IN_NAV  # the blog section lists it
                spec.page = real.page or Page(None, real, config)
                spec.url = spec.page.url
                continue
            if real is None:
                # As Material names them: "blog/category/x.md" and "blog/category/x/page/2.md"
                # ("x.html" and "x/page/2.html" without directory URLs); the index and the
                # overviews are folders ("blog/page/2/index.md").
                folder = view.kind in ("index", "tags", "categories", "archives", "series-overview")
                src = posixpath.join(spec.path, "index.md") if folder else spec.path + ".md"
                file = generated_file(config, src, what=_listing_what(view), content="")
                _refuse_clash(files, by_dest, file, spec)
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
            listings[file.src_uri] = spec
    return listings


def _listing_what(view: View) -> str:
    return "the blog index" if view.kind == "index" else f"the {view.kind} page '{view.name}'"


def _refuse_clash(files: Files, by_dest: dict[str, File], file: File, spec: Any) -> None:
    """A page of the site's own where a generated listing page goes stops the build: the listing
    would replace it (and a listing page 2 or later has no place for the page's text)."""
    other = files.get_file_from_path(file.src_uri) or by_dest.get(file.dest_uri)
    if other is not None and is_published(other):
        which = f"page {spec.number} of {_listing_what(spec.view)}"
        raise PluginError(
            f"blog-plugin: '{other.src_uri}' is where the blog writes {which} ('{file.dest_uri}'); "
            f"move or rename '{other.src_uri}', or change the blog's URL options"
        )


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
    warn: Warn, taken: Outputs,
) -> None:
    """Give every post its URL and page; posts that would share one get distinct URLs and a
    warning. Runs after the listing files exist, so a post never takes a listing's place, nor any
    other output's (``taken``); a permalink onto a file that is not a page (``/404.html``,
    ``/sitemap.xml``, a feed) is not used: the post goes to its default URL. Published posts
    claim their URLs before drafts."""
    opts = options.posts
    jekyll = permalinks.is_jekyll_style(opts.url_format)
    for entry in sorted(entries, key=lambda e: (bool(e.draft), chronological(e))):
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
            confine(dest, what=entry.src_uri)  # UnsafePath is a ValueError
        except (ValueError, PostError) as e:
            warn(entry.src_uri, f"cannot use its URL ({e}); using the default URL instead")
            path, dest, url = _default_place(entry, options, config)
        path, dest, url = _short_enough(entry, path, dest, url, config, warn)
        there = taken.occupant(dest)
        if there is not None and permalink and there[1] in ("reserved", "file"):  # not a page
            path, dest, url = _default_place(entry, options, config)
            warn(entry.src_uri, f"its permalink '{permalink}' is where {there[0]} is written; it is published "
                                f"at its default URL '{url}' instead")
            path, dest, url = _short_enough(entry, path, dest, url, config, warn)
            there = taken.occupant(dest)
        if there is not None:
            base = path.rstrip("/")
            n = 2
            while dest in taken:
                dest, url = permalinks.to_dest(f"{base}-{n}", config.use_directory_urls)
                n += 1
            warn(entry.src_uri, f"has the same URL as {there[0]}; it is published at '{url}' instead")
        dest = confined(dest, what=entry.src_uri)
        taken.add(dest, f"'{entry.src_uri}'", "post")
        entry.dest_uri, entry.url = dest, url
        relocate(file, dest)
        entry.page = PostPage(entry, file, config)


def _short_enough(entry: Entry, path: str, dest: str, url: str, config: Any, warn: Warn) -> tuple[str, str, str]:
    """``(path, dest, url)`` with every part within what file systems allow (a long slug)."""
    short, changed = shorten_segments(path)
    if not changed:
        return path, dest, url
    dest, url = permalinks.to_dest(short, config.use_directory_urls)
    warn(entry.src_uri, f"a part of its URL is longer than file systems allow; it is published at '{url}' instead")
    return short, dest, url


def _default_place(entry: Entry, options: Options, config: Any) -> tuple[str, str, str]:
    """``(path, dest, url)`` of the post at the default URL format. Never fails: a slug that
    cannot be a URL segment (``what?``, ``x%00``) is replaced by a slug made from it."""
    try:
        path = posixpath.join(options.blog_dir, format_path(
            entry, "{date}/{slug}", date_format="yyyy/MM/dd", categories=[]))
        dest, url = permalinks.to_dest(path, config.use_directory_urls)
        confine(dest, what=entry.src_uri)
        return path, dest, url
    except (ValueError, PostError):
        date = entry.date.strftime("%Y/%m/%d")
        slug = slugify(entry.slug).replace("%", "") or "post"
        path = posixpath.join(options.blog_dir, date, slug)
        return (path, *permalinks.to_dest(path, config.use_directory_urls))


def jekyll_path(fmt: str, entry: Entry, slugify: Callable[[str], str]) -> str:
    """A Jekyll permalink style or template filled in for a post, as Jekyll would."""
    return permalinks.expand(
        fmt, date=entry.date, slug=entry.jekyll_slug, title_slug=slugify(entry.title),
        categories=entry.categories, file_slug=entry.jekyll_title,
    )


def add_redirects(
    files: Files, config: Any, options: Options, entries: list[Entry], site: SiteUrl, warn: Warn,
    taken: Outputs,
    redirect_maps: tuple[str, ...] = (),
) -> None:
    """Redirect pages from ``redirect_from`` and from each post's old Jekyll URL. A redirect never
    takes the place of anything else the build writes (``taken``): it is skipped with a warning.

    ``redirect_maps``: mkdocs-redirects' old pages; it writes them after the build, over
    anything there, so a redirect of the blog's to the same place is skipped with a warning.
    """
    style = options.jekyll.redirect_from_permalink
    mapped = {}
    for old_page in redirect_maps:
        try:
            mapped[File(old_page, "", "", config.use_directory_urls).dest_uri] = old_page
        except (ValueError, TypeError):
            continue
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
                dest, note = place(dest, what=f"redirect_from '{old}'")
            except (ValueError, UnsafePath) as e:
                warn(entry.src_uri, f"redirect_from '{old}' is not a usable path ({e}); skipped")
                continue
            if note:
                warn(entry.src_uri, note)
            if dest == entry.dest_uri:
                continue
            if dest in mapped:
                warn(entry.src_uri, f"redirect from '{old}' skipped: mkdocs-redirects' redirect_maps "
                                    f"has '{mapped[dest]}', which goes to the same place")
                continue
            there = taken.occupant(dest)
            if there is not None:  # never hide a page (or another post's redirect) behind a redirect
                warn(entry.src_uri, f"redirect from '{old}' skipped: {there[0]} is already published there")
                continue
            target = posixpath.relpath(entry.dest_uri, posixpath.dirname(dest) or ".")
            if config.use_directory_urls and target.endswith("index.html"):
                target = target[: -len("index.html")] or "./"
            canonical = site.base + entry.url if site.known else None
            content = redirects.redirect_page(target, canonical, entry.title)
            redirect = generated_file(config, dest, what=entry.src_uri, content=content)
            redirect.inclusion = InclusionLevel.NOT_IN_NAV
            files.append(redirect)
            taken.add(dest, f"the redirect from '{old}' to '{entry.url}'")
