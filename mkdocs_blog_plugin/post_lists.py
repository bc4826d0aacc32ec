"""Lists of posts on any page: the ``<!-- blog:posts ... -->`` marker.

A Markdown page (inside the blog folder or not) asks for a list of recent posts with an HTML
comment, which every Markdown extension leaves alone and which shows nothing where the plugin is
off::

    <!-- blog:posts limit=5 category="Releases" tag="python" author="ada" style="cards" -->

``parse`` reads the marker's words (pure); ``choose`` picks the posts (pure); ``fill`` (the
assembly stage, on_page_context) replaces each marker in a page's HTML with a render of
``post-list.html``. It runs when every post's page has been converted, so excerpts are known.
A filter or value it does not know gets one warning naming the page; the marker still lists what
the other filters allow.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from typing import Any, Callable, Sequence

from .category_tree import key_of, keys_with_parents
from .posts import newest_first, term_key

OPEN = "<!-- blog:posts"
CLOSE = "-->"
STYLES = ("list", "cards")
FILTERS = ("category", "tag", "author")


@dataclass(frozen=True)
class Query:
    limit: int = 5
    style: str = "list"
    category: str | None = None
    tag: str | None = None
    author: str | None = None


def parse(text: str, warn: Callable[[str], None]) -> Query:
    """The words inside a marker (``limit=5 tag="x"``) as a ``Query``; problems go to ``warn``."""
    try:
        words = shlex.split(text)
    except ValueError as e:
        warn(f"cannot read the marker '{OPEN}{text}{CLOSE}' ({e}); it lists the newest posts")
        return Query()
    values: dict[str, Any] = {}
    for word in words:
        key, sep, value = word.partition("=")
        key = key.strip()
        if not sep:
            warn(f"'{word}' in a blog:posts marker is not of the form name=value; it is ignored")
        elif key == "limit":
            try:
                values["limit"] = int(value)
                if values["limit"] < 1:
                    raise ValueError
            except ValueError:
                values.pop("limit", None)
                warn(f"limit={value!r} in a blog:posts marker is not a positive whole number; 5 posts are listed")
        elif key == "style":
            if value in STYLES:
                values["style"] = value
            else:
                warn(f"style={value!r} in a blog:posts marker is not one of {', '.join(STYLES)}; 'list' is used")
        elif key in FILTERS:
            values[key] = value
        else:
            warn(f"'{key}' in a blog:posts marker is not a known filter "
                 f"(limit, style, {', '.join(FILTERS)}); it is ignored")
    return Query(**values)


def choose(
    posts: Sequence[Any], query: Query, known: dict[str, set[str]], warn: Callable[[str], None],
    category_keys: Callable[[Any], set[str]] | None = None, category_key: Callable[[str], str] = term_key,
) -> list[Any]:
    """The newest ``query.limit`` posts that pass its filters. ``known`` holds, per filter, the
    keys that exist (a filter naming something no post has gets a warning). ``category_keys``:
    the keys a post's categories match (nested categories: those above them too), and
    ``category_key`` the key of the filter's value."""
    category_keys = category_keys or (lambda post: {term_key(c) for c in post.categories})
    wanted = {}
    for name in FILTERS:
        value = getattr(query, name)
        if value is None:
            continue
        key = value if name == "author" else category_key(value) if name == "category" else term_key(value)
        if key not in known.get(name, set()):
            warn(f"{name}={value!r} in a blog:posts marker matches no post")
        wanted[name] = key

    def passes(post: Any) -> bool:
        if "category" in wanted and wanted["category"] not in category_keys(post):
            return False
        if "tag" in wanted and wanted["tag"] not in {term_key(t) for t in post.tags}:
            return False
        if "author" in wanted and wanted["author"] not in author_keys(post):
            return False
        return True

    return [p for p in sorted(posts, key=newest_first) if passes(p)][: query.limit]


def author_keys(post: Any) -> set[str]:
    """An author filter matches an author's id or name."""
    keys = set(post.authors)
    keys.update(a.name for a in getattr(post, "author_infos", ()))
    return keys


def markers(html: str) -> list[tuple[int, int, str]]:
    """``(start, end, words)`` of each marker in ``html``, in order (plain string search: a marker
    in a code block was escaped by Markdown and is not found)."""
    found = []
    at = html.find(OPEN)
    while at >= 0:
        end = html.find(CLOSE, at + len(OPEN))
        if end < 0:
            break
        words = html[at + len(OPEN):end]
        if not words or words[0].isspace():  # not '<!-- blog:postsfoo'
            found.append((at, end + len(CLOSE), words))
        at = html.find(OPEN, end)
    return found


def fill(build: Any, page: Any, html: str, root: str) -> str:
    """``html`` with each marker replaced by its list of posts."""
    if OPEN not in html:
        return html
    from .excerpts import ROOT
    from markupsafe import Markup

    src = page.file.src_uri

    def warn(message: str) -> None:
        build.warn(src, message)

    posts = [p for p in build.posts if p.page is not None]
    nesting = build.options.views.categories_nesting_separator
    with_parents = nesting and build.options.views.categories_nesting_include_children

    def category_keys(post: Any) -> set[str]:
        """As the category pages list posts: a parent (with its children's posts) matches too."""
        if with_parents:
            return {k for c in post.categories for k in keys_with_parents(c, nesting)}
        return {key_of(c, nesting) for c in post.categories}

    known = {
        "category": {k for p in posts for k in category_keys(p)},
        "tag": {term_key(t) for p in posts for t in p.tags},
        "author": {k for p in posts for k in author_keys(p)},
    }
    out = []
    last = 0
    for start, end, words in markers(html):
        query = parse(words, warn)
        chosen = choose(posts, query, known, warn, category_keys, lambda name: key_of(name, nesting))
        rendered = build.renderer.render_template(
            "post-list.html", posts=chosen, style=query.style, root=ROOT,
            excerpts={p.src_uri: Markup(p.excerpt.html if p.excerpt else "") for p in chosen},
        ).replace(ROOT, root)
        out.append(html[last:start])
        out.append(rendered)
        last = end
    out.append(html[last:])
    return "".join(out)


def fill_page(build: Any, page: Any) -> None:
    """The assembly stage's call, before the page is assembled: markers in a page's own content
    (for a listing page, its intro, which the listing takes from there)."""
    from .urls import root_of

    if page.content and OPEN in page.content:
        page.content = fill(build, page, page.content, root_of(page.url))
