"""Reading the catalog: the post files become ``Entry`` records, each fact decided once.

Every Markdown file under the posts folder is a post. Its file is read and its front matter parsed
once (``posts.read_post``); here the build decides what the file leaves open: the slug, whether it
is a draft (front matter, ``draft_if_future_date``, ``draft``), whether a draft is shown (only
under ``mkdocs serve``), and it stops the build on input Material's rules forbid
(``categories_allowed``). A post without any date takes its file's first git commit date, or its
modification time.
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import posixpath
import subprocess
from typing import Any, Callable

import yaml

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from . import category_tree, dates, parallel, permalinks, prerender
from .entries import Entry
from .options import Options
from .posts import Post, PostError, listing_order, merge_meta, read_post, term_key
from .slugs import safe_segment

Warn = Callable[[str, str], None]  # (file, message)


def read(
    files: Files, options: Options, *, serving: bool, warn: Warn, meta_file: str | None = None,
    memo: Any = None, text_of: Callable[[File, Callable[[], str]], str] | None = None,
) -> list[Entry]:
    """Every post under the posts folder, in listing order, drafts that are not shown included
    (their files are excluded from the build). Sets each post file's inclusion.

    ``meta_file``: the name of Material's meta plugin files (``.meta.yml``) when it is on; their
    defaults apply to the posts below them, so tags and categories they give are listed too.

    MkDocs has the last word on which files are part of the site: a file it excludes
    (``exclude_docs``, dot-files such as editor lock files) is never a post, and a ``draft_docs``
    file is a draft.

    ``memo`` (``reuse.Memo``): posts an earlier build read, by the text they were read from;
    ``text_of(file, read)``: a file's text, ``read()`` or what an earlier build read of it."""
    prefix = options.posts.dir + "/"
    metas = _meta_files(files, meta_file, warn) if meta_file else {}
    mkdocs_drafts = set()
    found = []
    for file in files:
        if file.src_uri.startswith(prefix) and file.is_documentation_page():
            if file.inclusion == InclusionLevel.EXCLUDED:
                continue
            if file.inclusion == InclusionLevel.DRAFT:
                mkdocs_drafts.add(file.src_uri)
            found.append(file)
    # Each file on its own: another process may read half of them (parallel.py).
    posts = parallel.map_ordered(found, lambda file: _read(file, options, warn, metas, memo, text_of),
                                 allowed=prerender.may_fork(options.concurrency, serving=serving))
    entries = [_entry(post, options) for post in posts]
    entries.sort(key=listing_order)
    now = dt.datetime.now(options.tz)
    show_drafts = serving and options.drafts.on_serve
    for entry in entries:
        entry.draft = _is_draft(entry.post, options, now) or entry.src_uri in mkdocs_drafts
        file = files.get_file_from_path(entry.src_uri)
        if entry.draft:
            entry.published = False
            file.inclusion = InclusionLevel.DRAFT if show_drafts else InclusionLevel.EXCLUDED
        else:
            file.inclusion = InclusionLevel.NOT_IN_NAV
    _check_categories(entries, options.categories_allowed, options.views.categories_nesting_separator)
    return entries


def shown(entries: list[Entry], options: Options, *, serving: bool) -> list[Entry]:
    """The posts this build lists: published ones, and drafts while serving (``draft_on_serve``)."""
    show_drafts = serving and options.drafts.on_serve
    return [e for e in entries if not e.draft or show_drafts]


def _meta_files(files: Files, name: str, warn: Warn) -> dict[str, tuple[str, dict]]:
    """Material's meta files by folder (``src_uri``'s folder): their ``src_path`` and defaults."""
    found: dict[str, tuple[str, dict]] = {}
    for file in files:
        if posixpath.basename(file.src_uri) != name or not file.abs_src_path:
            continue
        try:
            with open(file.abs_src_path, encoding="utf-8-sig") as f:
                data = yaml.safe_load(f)
        except (OSError, yaml.YAMLError) as e:
            warn(file.src_uri, f"cannot be read ({e}); its defaults are not applied to posts")
            continue
        if isinstance(data, dict):
            found[posixpath.dirname(file.src_uri)] = (file.src_path, data)
    return found


def _defaults(src_uri: str, metas: dict[str, tuple[str, dict]]) -> tuple[dict, list[str]]:
    """The meta files' defaults for a post, outermost folder first, and those files' paths."""
    merged: dict = {}
    applied: list[str] = []
    for folder in sorted(metas, key=lambda d: d.count("/") + (d != "")):
        if folder == "" or src_uri.startswith(folder + "/"):
            path, data = metas[folder]
            merged = merge_meta(merged, data)
            applied.append(path)
    return merged, applied


def _read(
    file: File, options: Options, warn: Warn, metas: dict[str, tuple[str, dict]] | None = None,
    memo: Any = None, text_of: Callable[[File, Callable[[], str]], str] | None = None,
) -> Post:
    src = file.src_uri
    text = text_of(file, lambda: _text(file)) if text_of is not None else _text(file)
    defaults, applied = _defaults(src, metas) if metas else ({}, [])
    # What read_post reads (the file's date aside: a post that needs it is read every time).
    key = (text, defaults, str(options.tz), options.views.categories_nesting_separator)
    kept = memo.get(src, key) if memo is not None else None
    if kept is not None:
        packed, messages = kept
        for message in messages:  # said again: a build says what is wrong with its posts
            warn(src, message)
        post = pickle.loads(packed)  # a post of its own: the build changes it
    else:
        messages: list[str] = []
        dated = []

        def said(message: str) -> None:
            messages.append(message)
            warn(src, message)

        def file_date() -> dt.datetime:
            dated.append(True)
            return _file_date(file, options.tz, warn)

        try:
            post = read_post(
                text, src, tz=options.tz, fallback_date=file_date, warn=said, defaults=defaults,
                category_separator=options.views.categories_nesting_separator,
            )
        except PostError as e:
            raise PluginError(str(e)) from None
        if memo is not None and not dated:
            try:
                # Kept packed: one string, not hundreds of objects the garbage collector would
                # look through on every collection while the server runs.
                memo.keep(src, key, (pickle.dumps(post, pickle.HIGHEST_PROTOCOL), tuple(messages)))
            except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
                pass  # front matter Python cannot pack (unusual YAML tags): read every time
    if applied:
        # Material's meta plugin skips the files named here: their lists are not added twice.
        post.meta["__extends"] = applied
    return post


def _text(file: File) -> str:
    try:
        return file.content_string
    except UnicodeDecodeError as e:
        raise PluginError(
            f"{file.src_uri}: not valid UTF-8 text (byte 0x{e.object[e.start]:02x} at position {e.start})"
        ) from None
    except OSError as e:
        raise PluginError(f"{file.src_uri}: cannot be read: {e.strerror or e}") from None


def _entry(post: Post, options: Options) -> Entry:
    """The post's slugs, decided here and nowhere else.

    Material's rule: the front matter's slug, else the slugified title as Material reads it. A
    dated file name gives the slug to Jekyll posts: those without 'date' (Material cannot build
    them, so they have no Material URL to keep) and those with a Jekyll 'layout'. Jekyll's own
    ``:title`` and ``:slug`` (for permalink templates) come from the front matter slug or the
    file name.
    """
    slugify = options.posts.slugify
    slug = post.slug
    jekyll = "date" not in post.meta or "layout" in post.meta
    if not slug or (post.slug_from_file and not jekyll):
        slug = slugify(permalinks.material_title(post.meta, post.body, post.src_uri))
    if not safe_segment(slug):  # a title of punctuation only, such as '...'
        slug = slugify(posixpath.splitext(posixpath.basename(post.src_uri))[0]) or "post"
    front_slug = post.meta.get("slug")
    title, jekyll_slug = permalinks.post_slugs(front_slug if isinstance(front_slug, str) else None, post.src_uri)
    return Entry(post=post, slug=slug, jekyll_title=title, jekyll_slug=jekyll_slug)


def _is_draft(post: Post, options: Options, now: dt.datetime) -> bool:
    """The front matter's word; Material's ``draft_if_future_date`` for posts that do not say;
    ``draft: true`` publishes every draft."""
    explicit = isinstance(post.meta.get("draft"), bool) or "published" in post.meta
    draft = post.draft or (options.drafts.if_future_date and post.date > now and not explicit)
    return draft and not options.drafts.publish


def _check_categories(entries: list[Entry], allowed: tuple[str, ...], separator: str = "") -> None:
    """Material's ``categories_allowed``: a category outside the list stops the build.

    A nested category (``Garden/Vegetables``) is allowed when its full path is listed, or a path
    below it (``Garden`` is allowed by ``Garden/Vegetables``), or when each of its levels is
    listed on its own (``Garden`` and ``Vegetables``)."""
    if not allowed:
        return
    paths: set[str] = set()
    for name in allowed:
        parts = category_tree.levels(name, separator)
        for depth in range(1, len(parts) + 1):
            paths.add(category_tree.key_of(separator.join(parts[:depth]), separator))
    for entry in entries:
        for name in entry.categories:
            if category_tree.key_of(name, separator) in paths:
                continue
            if separator and all(term_key(level) in paths for level in category_tree.levels(name, separator)):
                continue
            raise PluginError(
                f"{entry.src_uri}: category '{name}' is not in categories_allowed ({', '.join(allowed)})"
            )


def _file_date(file: File, tz: dt.tzinfo, warn: Warn | None = None) -> dt.datetime:
    """The date of the file's first commit when the docs are in git, else its mtime.

    In a shallow clone (CI checkouts often are) the first commit may be missing, so the date
    and any URL made from it change from one clone to the next: that gets a warning.
    """
    path = file.abs_src_path
    if not path:
        return dt.datetime(1970, 1, 1, tzinfo=tz)
    folder = os.path.dirname(path)
    try:
        out = subprocess.run(
            ["git", "log", "--follow", "--format=%aI", "--", os.path.basename(path)],
            cwd=folder, capture_output=True, text=True, timeout=20, check=False,
        ).stdout.split()
        if out:
            if warn is not None and _is_shallow(folder):
                warn(file.src_uri, "has no date, and the git history it is taken from is a shallow clone: "
                                   "the date (and a URL made from it) may change; give the post a 'date' "
                                   "or fetch the whole history (git fetch --unshallow)")
            return dates.parse_date(out[-1], tz)
    except (OSError, subprocess.SubprocessError, ValueError):
        pass
    return dt.datetime.fromtimestamp(os.path.getmtime(path), tz)


def _is_shallow(folder: str) -> bool:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--is-shallow-repository"],
            cwd=folder, capture_output=True, text=True, timeout=20, check=False,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return False
    return out == "true"
