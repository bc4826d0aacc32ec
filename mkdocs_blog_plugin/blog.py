"""One build of the blog: follows a post from its file to its HTML.

``Blog`` holds the state of one build and is made anew for every build (``mkdocs serve`` included),
so nothing stale survives a rebuild. The plugin's hooks call, in order:

1. ``collect(files)`` (on_files): read every post once, give it its URL, build the views and add
   their pages to ``files``;
2. ``attach_nav(nav)`` (on_nav): the blog section;
3. ``post_markdown`` / ``post_content`` (on_page_markdown / on_page_content): Jekyll Liquid, the
   separator, and the excerpt cut from the post's one rendering;
4. ``page_context`` (on_page_context): post header and footer, listing pages (one template render
   each);
5. ``write_feeds`` (on_post_build).
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import subprocess
from dataclasses import dataclass
from typing import Any, Callable

from html import escape as html_escape

import yaml
from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from . import dates, excerpts, liquid, nav, permalinks, redirects
from .config import BlogConfig
from .i18n import Labels
from .pages import HEADER_MARKER, PostPage, ViewPage, relocate
from .posts import Post, PostError, format_path, read_post
from .render import Display, Renderer, root_of
from .slugs import safe_segment, slugify, term_slugify
from .views import ViewOptions, Views, build as build_views

#: A level-1 heading at the very start of a post's HTML (also setext and ``#Title`` headings).


@dataclass
class Author:
    id: str
    name: str
    description: str = ""
    avatar: str = ""
    avatar_absolute: bool = False
    url: str = ""
    slug: str = ""
    view: Any = None


class Blog:
    def __init__(
        self,
        config: Any,
        options: BlogConfig,
        *,
        serving: bool,
        log: Any,
        labels: Labels,
    ) -> None:
        self.config = config
        self.options = options
        self.serving = serving
        self.log = log
        self.labels = labels
        self.locale = labels.language
        self.blog_dir = options.blog_dir.strip("/")
        self.post_dir = options.post_dir.format(blog=self.blog_dir).strip("/")
        try:
            self.tz = dates.get_timezone(options.timezone)
        except ValueError as e:
            raise PluginError(f"blog-plugin: option 'timezone': {e}") from None
        self.posts: list[Post] = []  # published (and, when serving, drafts shown as drafts)
        self.by_src: dict[str, Post] = {}
        self.views: Views | None = None
        self.authors: dict[str, Author] = {}
        self.renderer: Renderer | None = None
        self.head_links_cache: dict[tuple, str] = {}  # feed <link> tags by (root, view)
        self.index_page: Page | None = None
        self.section = None
        self.post_slugify: Callable[[str], str] = self._callable(options.post_slugify, slugify, options.post_slugify_separator)
        self.term_slugify: Callable[[str], str] = self._callable(
            options.categories_slugify, term_slugify, options.categories_slugify_separator
        )
        self.category_slug: Callable[[str], str] = self.term_slugify  # set per build in collect

    @staticmethod
    def _callable(custom: Any, default: Callable, separator: str) -> Callable[[str], str]:
        fn = custom if callable(custom) else default
        return lambda text: fn(text, separator)

    def warn(self, src_uri: str, message: str) -> None:
        self.log.warning(f"{src_uri}: {message}")

    # -- 1. files ----------------------------------------------------------------------------

    def collect(self, files: Files) -> Files:
        self._files = files
        self.authors = self._read_authors()
        prefix = self.post_dir + "/"
        self._copy_assets(files, prefix)
        post_files = [f for f in files if f.src_uri.startswith(prefix) and f.is_documentation_page()]
        everything: list[Post] = []
        for file in post_files:
            post = self._read(file)
            everything.append(post)
            self.by_src[post.src_uri] = post
        everything.sort(key=lambda p: p.sort_key)

        now = dt.datetime.now(self.tz)
        shown = []
        for post, file in ((p, files.get_file_from_path(p.src_uri)) for p in everything):
            explicit = isinstance(post.meta.get("draft"), bool) or "published" in post.meta
            if self.options.draft_if_future_date and post.date > now and not explicit:
                post.draft = True  # Material: only posts that do not say whether they are drafts
            if post.draft and self.options.draft:  # Material: `draft: true` publishes drafts
                post.draft = False
            if post.draft:
                on_show = self.serving and self.options.draft_on_serve
                file.inclusion = InclusionLevel.DRAFT if on_show else InclusionLevel.EXCLUDED
                post.published = False
                if not on_show:
                    continue
            else:
                file.inclusion = InclusionLevel.NOT_IN_NAV
            shown.append(post)
        self.posts = shown
        self.category_slug = self._category_slugs(everything)
        self._check_categories(everything)
        self._check_authors()

        self.views = build_views(shown, self._view_options(), {a.id: a.slug for a in self.authors.values()},
                                 {a.id: a.name for a in self.authors.values()})
        for message in self.views.warnings:
            self.log.warning(message)
        self._link_posts()
        self._add_view_files(files)
        # After the view pages exist: a post never takes the URL of a listing or another page.
        self._place_posts(files)
        self._redirects(files)
        return files

    def _copy_assets(self, files: Files, prefix: str) -> None:
        """Files beside the posts are also published without the posts folder in their URL, where
        Material puts them: ``blog/posts/2024/x/map.png`` is at ``blog/2024/x/map.png`` too, so
        old links to them keep working. Pages link to the original."""
        taken = {f.dest_uri for f in files}
        for file in list(files):
            if not file.dest_uri.startswith(prefix) or file.is_documentation_page() or not file.abs_src_path:
                continue
            dest = posixpath.normpath(posixpath.join(self.blog_dir or ".", file.dest_uri[len(prefix):]))
            if dest in taken or files.get_file_from_path(dest) is not None:
                continue
            taken.add(dest)
            copy = File.generated(self.config, dest, abs_src_path=file.abs_src_path)
            copy.inclusion = InclusionLevel.NOT_IN_NAV
            files.append(copy)

    def _read(self, file: File) -> Post:
        src = file.src_uri
        try:
            text = file.content_string
        except UnicodeDecodeError as e:
            raise PluginError(
                f"{src}: not valid UTF-8 text (byte 0x{e.object[e.start]:02x} at position {e.start})"
            ) from None
        except OSError as e:
            raise PluginError(f"{src}: cannot be read: {e.strerror or e}") from None
        try:
            post = read_post(
                text,
                src,
                tz=self.tz,
                fallback_date=lambda: self._file_date(file),
                warn=lambda message: self.warn(src, message),
            )
        except PostError as e:
            raise PluginError(str(e)) from None
        # Material's rule: the front matter's slug, else the slugified title as Material reads it.
        # A dated file name gives the slug to Jekyll posts: those without 'date' (Material cannot
        # build them, so they have no Material URL to keep) and those with a Jekyll 'layout'.
        jekyll = "date" not in post.meta or "layout" in post.meta
        if not post.slug or (post.slug_from_file and not jekyll):
            post.slug = self.post_slugify(permalinks.material_title(post.meta, post.body, src))
        if not safe_segment(post.slug):  # a title of punctuation only, such as '...'
            post.slug = self.post_slugify(posixpath.splitext(posixpath.basename(src))[0]) or "post"
        return post

    def _file_date(self, file: File) -> dt.datetime:
        """The date of the file's first commit when the docs are in git, else its mtime."""
        path = file.abs_src_path
        if not path:
            return dt.datetime(1970, 1, 1, tzinfo=self.tz)
        try:
            out = subprocess.run(
                ["git", "log", "--follow", "--format=%aI", "--", os.path.basename(path)],
                cwd=os.path.dirname(path), capture_output=True, text=True, timeout=20, check=False,
            ).stdout.split()
            if out:
                return dates.parse_date(out[-1], self.tz)
        except (OSError, subprocess.SubprocessError, ValueError):
            pass
        return dt.datetime.fromtimestamp(os.path.getmtime(path), self.tz)

    def _place_posts(self, files: Files) -> None:
        """Give every post its URL; posts that would share one get distinct URLs and a warning."""
        cfg = self.config
        opts = self.options
        jekyll = permalinks.is_jekyll_style(opts.post_url_format)
        # Where each output file goes -> what is there, as the warning names it.
        taken: dict[str, str] = {
            f.dest_uri: f"'{f.src_uri}'" if f.generated_by is None else f"the blog's page '{f.url}'"
            for f in files if f.src_uri not in self.by_src
        }
        ordered = sorted(self.by_src.values(), key=lambda p: (p.date, p.src_uri))
        for post in ordered:
            file = files.get_file_from_path(post.src_uri)
            categories = [self.category_slug(c) for c in post.categories[: opts.post_url_max_categories]]
            try:
                if post.permalink or jekyll:
                    path = self._jekyll_path(post.permalink or opts.post_url_format, post)
                    dest, url = permalinks.to_dest(path, cfg.use_directory_urls)
                else:
                    path = posixpath.join(
                        self.blog_dir,
                        format_path(post, opts.post_url_format, date_format=opts.post_url_date_format,
                                    categories=categories),
                    )
                    dest, url = permalinks.to_dest(path, cfg.use_directory_urls)
            except (ValueError, PostError) as e:
                self.warn(post.src_uri, f"cannot use its URL ({e}); using the default URL instead")
                path = posixpath.join(self.blog_dir, format_path(
                    post, "{date}/{slug}", date_format="yyyy/MM/dd", categories=[]))
                dest, url = permalinks.to_dest(path, cfg.use_directory_urls)
            if dest in taken:
                other = taken[dest]
                base = path.rstrip("/")
                n = 2
                while dest in taken:
                    dest, url = permalinks.to_dest(f"{base}-{n}", cfg.use_directory_urls)
                    n += 1
                self.warn(
                    post.src_uri,
                    f"has the same URL as {other}; it is published at '{url}' instead",
                )
            taken[dest] = f"'{post.src_uri}'"
            post.dest_uri, post.url = dest, url
            relocate(file, dest)
            post.page = PostPage(post, file, cfg)

    def _jekyll_path(self, fmt: str, post: Post) -> str:
        """A Jekyll permalink style or template filled in for ``post``, as Jekyll would."""
        front_slug = post.meta.get("slug")
        title, slug = permalinks.post_slugs(front_slug if isinstance(front_slug, str) else None, post.src_uri)
        return permalinks.expand(
            fmt, date=post.date, slug=slug, title_slug=self.post_slugify(post.title),
            categories=post.categories, file_slug=title,
        )

    def _category_slugs(self, posts: list[Post]) -> Callable[[str], str]:
        """Category slugs: Material's (``"Tips & Tricks"`` -> ``tips--tricks``), so its URLs stay.

        Names whose Material slug is empty or shared with another category (``C``, ``C++``) get
        the spelled-out slug instead (``c``, ``c-plus-plus``). A custom ``categories_slugify``
        is used as it is.
        """
        if callable(self.options.categories_slugify):
            return self.term_slugify
        from .posts import term_key

        separator = self.options.categories_slugify_separator
        owners: dict[str, set[str]] = {}
        for post in posts:
            for name in post.categories:
                owners.setdefault(slugify(name, separator), set()).add(term_key(name))

        def category_slug(name: str) -> str:
            slug = slugify(name, separator)
            if slug.strip(separator) and len(owners.get(slug, ())) <= 1:
                return slug
            return term_slugify(name, separator)

        return category_slug

    def _read_authors(self) -> dict[str, Author]:
        path = os.path.join(self.config.docs_dir, self.options.authors_file.format(blog=self.blog_dir))
        if not self.options.authors or not os.path.isfile(path):
            return {}
        rel = os.path.relpath(path, self.config.docs_dir).replace(os.sep, "/")
        try:
            with open(path, encoding="utf-8") as f:
                data = yaml.safe_load(f) or {}
        except (yaml.YAMLError, UnicodeDecodeError) as e:
            raise PluginError(f"{rel}: cannot be read: {str(e).splitlines()[0]}") from None
        table = data.get("authors", data) if isinstance(data, dict) else None
        if not isinstance(table, dict):
            raise PluginError(f"{rel}: expected a mapping 'authors:' of author ids to details")
        authors = {}
        for key, info in table.items():
            if not isinstance(info, dict):
                self.warn(rel, f"author '{key}' should be a mapping with a 'name'; it is ignored")
                continue
            avatar = str(info.get("avatar") or "")
            authors[str(key)] = Author(
                id=str(key),
                name=str(info.get("name") or key),
                description=str(info.get("description") or ""),
                avatar=avatar,
                avatar_absolute=avatar.startswith(("http:", "https:", "//", "/", "data:")),
                url=str(info.get("url") or ""),
                # Material: the id itself, not slugified; one URL segment, never '..' or 'a/b'.
                slug=safe_segment(str(info.get("slug") or key)) or slugify(str(key)) or "author",
            )
        return authors

    def _check_categories(self, posts: list[Post]) -> None:
        """Material's ``categories_allowed``: a category outside the list stops the build."""
        allowed = self.options.categories_allowed
        if not allowed:
            return
        from .posts import term_key

        known = {term_key(str(name)) for name in allowed}
        for post in posts:
            for name in post.categories:
                if term_key(name) not in known:
                    raise PluginError(
                        f"{post.src_uri}: category '{name}' is not in categories_allowed "
                        f"({', '.join(str(n) for n in allowed)})"
                    )

    def _check_authors(self) -> None:
        if not self.authors:
            return
        for post in self.by_src.values():
            for author in _as_list(post.meta.get("authors")):
                if author not in self.authors:
                    known = ", ".join(sorted(self.authors)) or "none"
                    raise PluginError(
                        f"{post.src_uri}: unknown author '{author}' (authors defined in "
                        f"{self.options.authors_file.format(blog=self.blog_dir)}: {known})"
                    )

    def _view_options(self) -> ViewOptions:
        o = self.options
        sort_by = o.categories_sort_by if callable(o.categories_sort_by) else None
        return ViewOptions(
            blog_dir=self.blog_dir,
            per_page=o.pagination_per_page,
            pagination=o.pagination,
            pagination_url_format=o.pagination_url_format,
            kind_pagination={
                kind: (
                    o.pagination if o[f"{prefix}_pagination"] is None else o[f"{prefix}_pagination"],
                    o[f"{prefix}_pagination_per_page"] or o.pagination_per_page,
                )
                for kind, prefix in (("archive", "archive"), ("category", "categories"),
                                     ("author", "authors_profiles"))
            } | {"tag": (o.tags_pagination, o.tags_pagination_per_page or o.pagination_per_page)},
            archive=o.archive,
            archive_url_format=o.archive_url_format,
            archive_url_date_format=o.archive_url_date_format,
            archive_date_format=o.archive_date_format,
            categories=o.categories,
            categories_url_format=o.categories_url_format,
            categories_sort_by=sort_by,
            categories_sort_reverse=o.categories_sort_reverse,
            tags=o.tags,
            tags_url_format=o.tags_url_format,
            authors_profiles=o.authors_profiles,
            authors_profiles_url_format=o.authors_profiles_url_format,
            locale=self.locale,
            slugify=self.term_slugify,
            category_slugify=self.category_slug,
            names={
                "tags": self._name(o.tags_name, "tags"),
                "categories": self._name(o.categories_name, "categories"),
                "archives": self._name(o.archive_name, "archive"),
            },
        )

    def _name(self, value: str, label: str) -> str:
        """Material writes names as translation keys (``blog.archive``); those become our labels."""
        return getattr(self.labels, label) if value.startswith("blog.") else value

    def _link_posts(self) -> None:
        """Previous/next in date order; what each post shows about itself, computed once."""
        views = self.views
        by_date = sorted(self.posts, key=lambda p: (p.date, p.src_uri))
        for i, post in enumerate(by_date):
            post.previous = by_date[i - 1] if i > 0 else None
            post.next = by_date[i + 1] if i + 1 < len(by_date) else None
        from .posts import term_key

        for post in self.posts:
            post.date_text = dates.format_date(post.date, self.options.post_date_format, self.locale)
            if post.updated:
                post.updated_text = dates.format_date(post.updated, self.options.post_date_format, self.locale)
            post.category_views = [views.categories[term_key(c)] for c in post.categories if term_key(c) in views.categories]
            post.tag_views = [views.tags[term_key(t)] for t in post.tags if term_key(t) in views.tags]
            infos = []
            for name in post.authors if self.options.authors else []:
                author = self.authors.get(name) or Author(id=name, name=name)
                author.view = views.authors.get(name)
                infos.append(author)
            post.author_infos = infos
        for author in self.authors.values():
            author.view = views.authors.get(author.id)
        for view in views.authors.values():
            view.name = self.authors[view.name].name

    def _add_view_files(self, files: Files) -> None:
        cfg = self.config
        views = self.views
        explicit_nav = cfg.nav is not None
        index_src = posixpath.join(self.blog_dir, "index.md")
        for view in views.all():
            for spec in view.pages:
                real = None
                if spec.number == 1:
                    candidates = [posixpath.join(spec.path, "index.md")]
                    if view.kind != "index":
                        candidates.insert(0, spec.path + ".md")
                    for candidate in candidates:
                        real = files.get_file_from_path(candidate)
                        if real is not None and real.is_documentation_page():
                            break
                        real = None
                if real is None:
                    # As Material names them: "blog/category/x.md" and "blog/category/x/page/2.md"
                    # ("x.html" and "x/page/2.html" without directory URLs); the index and the
                    # overviews are folders ("blog/page/2/index.md").
                    folder = view.kind in ("index", "tags", "categories", "archives")
                    src = posixpath.join(spec.path, "index.md") if folder else spec.path + ".md"
                    existing = files.get_file_from_path(src)
                    if existing is not None:
                        files.remove(existing)
                    file = File.generated(cfg, src, content="")
                    files.append(file)
                    title = self._view_title(view)
                else:
                    file, title = real, None
                if file.src_uri == index_src:
                    in_nav = not explicit_nav or nav.mentions(cfg.nav, index_src)
                    file.inclusion = InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV
                else:
                    file.inclusion = InclusionLevel.NOT_IN_NAV
                page = ViewPage(spec, file, cfg, title)
                spec.page = page
                spec.url = page.url
        self.index_page = views.index.pages[0].page

    def _view_title(self, view) -> str:
        """The page title: HTML for MkDocs and themes, so a tag name such as ``<b>`` is escaped."""
        if view.kind == "index":
            return html_escape(self.labels.blog)
        return html_escape(view.name)

    def _redirects(self, files: Files) -> None:
        """Redirect pages from ``redirect_from`` and from each post's old Jekyll URL."""
        style = self.options.redirect_from_permalink
        taken = {f.dest_uri: f for f in files}
        for post in self.posts:
            olds = list(post.redirect_from)
            if style and not post.permalink:  # a post with its own permalink always had it
                try:
                    olds.append(self._jekyll_path(style, post))
                except ValueError as e:
                    self.warn(post.src_uri, f"cannot compute its old URL: {e}")
            for old in olds:
                try:
                    dest = redirects.redirect_dest(old, self.config.use_directory_urls)
                except ValueError as e:
                    self.warn(post.src_uri, f"redirect_from '{old}' is not a usable path ({e}); skipped")
                    continue
                if dest == post.dest_uri:
                    continue
                if dest in taken:  # never hide a page (or another post's redirect) behind a redirect
                    self.warn(post.src_uri, f"redirect from '{old}' skipped: '{taken[dest].dest_uri}' is already "
                                            f"published there")
                    continue
                target = posixpath.relpath(post.dest_uri, posixpath.dirname(dest) or ".")
                if self.config.use_directory_urls and target.endswith("index.html"):
                    target = target[: -len("index.html")] or "./"
                canonical = None
                if self.config.site_url:
                    canonical = self.config.site_url.rstrip("/") + "/" + post.url
                content = redirects.redirect_page(target, canonical, post.title)
                redirect = File.generated(self.config, dest, content=content)
                redirect.inclusion = InclusionLevel.NOT_IN_NAV
                files.append(redirect)
                taken[dest] = redirect

    # -- 2. nav ------------------------------------------------------------------------------

    def attach_nav(self, navigation: Navigation) -> None:
        views = self.views
        if self.config.nav is not None and self._files is not None:
            for src, title in nav.titles(self.config.nav).items():
                file = self._files.get_file_from_path(src)
                if file is not None and isinstance(file.page, (PostPage, ViewPage)):
                    file.page.title = title
        entries: list[Any] = [
            views.overviews[k].pages[0].page for k in ("archives", "categories", "tags") if k in views.overviews
        ]
        listed = {id(page) for page in entries} | {id(self.index_page)}
        others = []
        if self.options.post_nav:  # posts one by one, in listing order, in a section of their own
            entries.append(Section(title=self.labels.posts, children=[p.page for p in self.posts]))
        else:
            others = [p.page for p in self.posts]
        for view in views.all():
            others.extend(spec.page for spec in view.pages if id(spec.page) not in listed)
        self.section = nav.attach(navigation, self.index_page, entries, others, title=self.labels.blog)

    # -- 3. posts: Markdown and HTML ---------------------------------------------------------

    def post_markdown(self, markdown: str, page: PostPage) -> str:
        post = page.post
        if self.options.jekyll_liquid and ("{%" in markdown or "{{" in markdown):
            markdown = self._liquid(markdown, post)
        return excerpts.prepare_markdown(markdown, post.excerpt_separator or self.options.post_excerpt_separator)

    def _liquid(self, markdown: str, post: Post) -> str:
        # As in Jekyll, site.url is the origin and site.baseurl the path below it:
        # "https://example.com/docs/" -> "https://example.com" and "/docs".
        from urllib.parse import urlsplit

        parts = urlsplit((self.config.site_url or "").strip())
        site_url = f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""
        base_path = parts.path.rstrip("/")
        result = liquid.convert(
            markdown,
            src_uri=post.src_uri,
            resolve_post=self._resolve_post_name,
            resolve_path=self._resolve_jekyll_path,
            site_url=site_url,
            base_path=base_path,
        )
        if result.unknown_tags:
            self.warn(post.src_uri, "Liquid left as it is: " + ", ".join(result.unknown_tags))
        for name in result.unresolved:
            self.warn(post.src_uri, f"cannot find the post or page '{name}' it links to")
        return result.markdown

    def _resolve_post_name(self, name: str) -> str | None:
        """``{% post_url name %}``: the post whose path below the posts folder, without extension,
        is ``name`` or ends with ``/name``. Looked up by file name in an index built once."""
        if self._post_names is None:
            self._post_names = {}
            for src in sorted(self.by_src):
                stem = posixpath.splitext(src[len(self.post_dir) + 1:])[0]
                self._post_names.setdefault(posixpath.basename(stem), []).append((stem, src))
        name = name.strip().strip("/")
        for stem, src in self._post_names.get(posixpath.basename(name), ()):
            if stem == name or stem.endswith("/" + name):
                return src
        return None

    _post_names: dict[str, list[tuple[str, str]]] | None = None

    def _resolve_jekyll_path(self, path: str) -> str | None:
        path = path.strip().lstrip("/")
        if path.startswith("_posts/"):
            candidate = posixpath.join(self.post_dir, path[len("_posts/"):])
            if candidate in self.by_src:
                return candidate
            return self._resolve_post_name(posixpath.splitext(path[len("_posts/"):])[0])
        for candidate in (path, posixpath.splitext(path)[0] + ".md"):
            if os.path.isfile(os.path.join(self.config.docs_dir, candidate)):
                return candidate
        return None

    def post_content(self, html: str, page: PostPage) -> str:
        post = page.post
        separators = tuple(s for s in (post.excerpt_separator, self.options.post_excerpt_separator, "<!--more-->") if s)
        if post.excerpt_markdown is not None:
            rendered = self._render_markdown(post.excerpt_markdown, page)
            excerpt, _ = excerpts.cut(rendered, post_url=post.url, separators=(), fallback="full")
            _, words = excerpts.cut(html, post_url=post.url, separators=separators, fallback="title")
            excerpt = excerpts.Excerpt(excerpt.html, True)
        else:
            excerpt, words = excerpts.cut(
                html, post_url=post.url, separators=separators,
                fallback=self.options.post_excerpt_fallback, max_words=self.options.post_excerpt_max_words,
            )
            if self.options.post_excerpt == "required" and not excerpt.truncated and not excerpt.html:
                raise PluginError(f"{post.src_uri}: no excerpt separator, and post_excerpt is 'required'")
        post.excerpt = excerpt
        if self.options.feed_content == "full":  # kept only when the feeds need it
            post.content_html = html
        post.reading_time = post.readtime or max(1, round(words / max(1, self.options.post_readtime_words_per_minute)))
        return html

    def _render_markdown(self, text: str, page: Page) -> str:
        """A front matter ``excerpt`` as the site's Markdown makes it, links resolved from ``page``.

        One converter serves the whole build (setting up the extensions costs more than converting
        a short excerpt); only the link resolver, which belongs to the page, is replaced each time.
        """
        from mkdocs.structure.pages import _RelativePathTreeprocessor

        md = self._excerpt_md
        if md is None:
            import markdown as md_lib

            md = self._excerpt_md = md_lib.Markdown(
                extensions=self.config.markdown_extensions, extension_configs=self.config.mdx_configs or {}
            )
        _RelativePathTreeprocessor(page.file, self._files, self.config)._register(md)  # replaces the last
        return md.reset().convert(text)

    _excerpt_md: Any = None

    # -- 4. templates ------------------------------------------------------------------------

    def set_env(self, env: Any) -> None:
        o = self.options
        self.renderer = Renderer(env, self.labels, Display(
            readtime=o.post_readtime, max_authors=o.post_excerpt_max_authors,
            max_categories=o.post_excerpt_max_categories, pagination_format=o.pagination_format,
            pagination_if_single_page=o.pagination_if_single_page, theme=self.config.theme.name or "",
        ))

    def page_context(self, page: Page) -> None:
        root = root_of(page.url)
        if isinstance(page, PostPage):
            post = page.post
            content = page.content or ""
            header_in_body = HEADER_MARKER in content
            # A title taken from a heading further down is shown there, not a second time on top.
            title_in_body = header_in_body or (post.title_is_heading and page.has_heading)
            header = self.renderer.post_header(post, root, show_title=not title_in_body)
            footer = self.renderer.post_footer(post, root, self._links(post, root))
            if header_in_body:
                content = content.replace(HEADER_MARKER, header, 1)
            else:
                content = header + content
            page.content = content + footer
        elif isinstance(page, ViewPage):
            spec = page.spec
            view = spec.view
            first = view.pages[0].page
            if page is not first:
                page.title = f"{first.title} · {html_escape(self.labels('page_of', page=spec.number, pages=spec.total))}"
                if "title" in page.meta:  # themes print page.meta.title first (see pages.ViewPage)
                    page.meta["title"] = page.title
                if self.config.theme.name in ("material", "readthedocs"):  # sidebar themes: reset in on_post_page
                    first.active = True  # the blog index stays highlighted in the nav on pages 2..N
            page.previous_page = page.next_page = None  # the blog's pager links the listing's pages
            keep_intro = spec.number == 1 or self.options.pagination_keep_content
            intro = (first.intro or "") if keep_intro else ""
            show_title = not (keep_intro and first.has_source and first.has_heading)
            render = self.renderer.overview if view.kind in ("tags", "categories", "archives") else self.renderer.listing
            title = Markup(first.title or "")  # already HTML, as MkDocs page titles are
            page.content = render(spec, page=page, title=title, show_title=show_title, intro=intro, root=root)

    def _links(self, post: Post, root: str) -> list[dict]:
        """Material's ``links:`` front matter: related links in nav syntax."""
        found: list[dict] = []

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
                file = self._files.get_file_from_path(path) if self._files else None
                if file is None:
                    self.warn(post.src_uri, f"related link '{target}' does not point to a page; it is shown as written")
                    found.append({"title": title or target, "url": target})
                    return
                anchor = "#" + target.split("#", 1)[1] if "#" in target else ""
                # A page's title is HTML to MkDocs (themes print it unescaped): keep it as markup.
                page_title = title or (Markup(file.page.title) if file.page is not None and file.page.title else path)
                found.append({"title": page_title, "url": root + file.url + anchor})

        if post.links:
            visit(post.links)
        return found

    _files: Files | None = None

    # -- 5. feeds ----------------------------------------------------------------------------

    def write_feeds(self, site_dir: str) -> None:
        from .feeds_writer import write_all

        write_all(self, site_dir)


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]
