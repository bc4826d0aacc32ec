"""Excerpts: cut from the post's one rendering, re-based cheaply for every listing page.

A post is converted from Markdown once, by MkDocs. ``cut`` parses that HTML with an HTML5 parser,
keeps what comes before the separator comment (or the first paragraph, per the fallback), and
prepares it for listing pages:

- relative ``href``/``src``/``srcset``/``poster`` URLs are resolved against the post's URL and
  written as ``ROOT + path-from-site-root``; ``ROOT`` is a placeholder that each listing page
  replaces with its own way back to the site root (``Excerpt.for_page``), a plain string replace;
- in-post anchors (``#section``, footnote references) point to the post's URL plus the anchor;
- ``id`` attributes are dropped, so excerpts of different posts never repeat an id on one page;
- ``<h1>`` headings are dropped: the listing entry shows the title itself;
- heading permalinks (``<a class="headerlink">``) are dropped.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from .fences import fenced_lines

#: Placeholder for "the relative path from the page showing the excerpt to the site root".
ROOT = "\ue000"
#: The comment that stands in for a separator that is not itself an HTML comment.
MARKER = "<!-- blog-plugin:more -->"
_MARKER_TEXT = "blog-plugin:more"
_URL_ATTRS = ("href", "src", "poster")
_SCHEME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_SPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class Excerpt:
    html: str  # contains ROOT placeholders
    truncated: bool  # the post has more than the excerpt shows
    separated: bool = False  # the post marks where its excerpt ends (a separator was found)

    def for_page(self, root: str) -> str:
        """The excerpt for a page whose way back to the site root is ``root`` (``"../../"``)."""
        return self.html.replace(ROOT, root)


def comment_text(separator: str) -> str | None:
    """``"<!-- more -->\\n"`` -> ``"more"``; None when the separator is not an HTML comment."""
    sep = separator.strip()
    if sep.startswith("<!--") and sep.endswith("-->") and len(sep) >= 7:
        return _SPACE_RE.sub(" ", sep[4:-3].strip())
    return None


def prepare_markdown(markdown: str, separator: str | None) -> str:
    """Swap a separator that is plain text (not a comment) for an invisible marker comment."""
    if not separator or comment_text(separator) is not None:
        return markdown
    sep = separator.strip()
    if not sep or sep not in markdown:
        return markdown
    if "\n" in sep:
        return markdown.replace(sep, "\n\n" + MARKER + "\n\n", 1)
    # The first occurrence outside fenced code: inside a fence the text is the post's content.
    lines = markdown.splitlines(keepends=True)
    code = fenced_lines(lines, nested=True)
    offset = 0
    for i, line in enumerate(lines):
        if i not in code and sep in line:
            at = offset + line.index(sep)
            return markdown[:at] + "\n\n" + MARKER + "\n\n" + markdown[at + len(sep):]
        offset += len(line)
    return markdown


def _resolve(url: str, base_dir: str, post_url: str) -> str | None:
    """Site-root-relative form of a URL found in a post, or None to leave it as it is."""
    if not url or url.startswith(("/", "\\")) or _SCHEME_RE.match(url):
        return None
    if url.startswith("#"):
        return ROOT + post_url + url
    parts = urlsplit(url)
    path = parts.path
    if path:
        joined = posixpath.normpath(posixpath.join(base_dir, path))
        if joined.startswith("../") or joined == "..":
            return None  # points above the site root: leave alone
        if joined == ".":
            joined = ""
        if (path.endswith("/") or posixpath.basename(path) in (".", "..")) and joined and not joined.endswith("/"):
            joined += "/"
    else:
        joined = post_url
    out = ROOT + joined
    if parts.query:
        out += "?" + parts.query
    if parts.fragment:
        out += "#" + parts.fragment
    return out


def map_urls(node, change) -> bool:
    """Apply ``change(url) -> new url or None`` to the URLs in one element's ``href``, ``src``,
    ``poster`` and ``srcset`` attributes. Returns whether anything changed."""
    attrs = node.attrs
    changed = False
    for name in _URL_ATTRS:
        value = attrs.get(name)
        if value and value.strip():
            new = change(value.strip())
            if new is not None and new != value:
                attrs[name] = new
                changed = True
    srcset = attrs.get("srcset")
    if srcset:
        items = []
        for item in srcset.split(","):
            bits = item.strip().split(None, 1)
            if bits:
                new = change(bits[0])
                bits[0] = new if new is not None else bits[0]
                items.append(" ".join(bits))
        new = ", ".join(items)
        if new != srcset:
            attrs["srcset"] = new
            changed = True
    return changed


def _rewrite(node, base_dir: str, post_url: str) -> None:
    attrs = node.attrs
    if "id" in attrs:
        del attrs["id"]
    if node.tag == "a" and "name" in attrs:
        del attrs["name"]
    map_urls(node, lambda url: _resolve(url, base_dir, post_url))


def _drop_following(node, body) -> None:
    """Remove everything after ``node`` in document order, keeping its ancestors."""
    current = node
    while current is not None and current.mem_id != body.mem_id:
        sibling = current.next
        while sibling is not None:
            following = sibling.next
            sibling.decompose()
            sibling = following
        current = current.parent


def _has_content_after(node, body) -> bool:
    current = node
    while current is not None and current.mem_id != body.mem_id:
        sibling = current.next
        while sibling is not None:
            if sibling.is_element_node or (sibling.text_content or "").strip():
                return True
            sibling = sibling.next
        current = current.parent
    return False


def _cap_words(body, max_words: int) -> bool:
    """Keep at most ``max_words`` words of text; True if anything was cut."""
    count = 0
    last = None  # the last text node with words in it, where the ellipsis goes at a boundary
    for node in body.traverse(include_text=True):
        if not node.is_text_node:
            continue
        words = (node.text_content or "").split()
        if count + len(words) <= max_words:
            count += len(words)
            last = node if words else last
            continue
        keep = max_words - count
        if keep == 0 and last is not None:  # the cap falls between two text nodes
            node = last
            keep = len((node.text_content or "").split())
        text = node.text_content or ""
        # Keep the leading whitespace and the first `keep` words of this text node.
        kept = re.match(r"\s*" + r"\S+\s+" * keep, text + " ")
        replacement = (kept.group(0).rstrip() if keep else "") + " …"
        _drop_following(node, body)
        node.replace_with(replacement)
        return True
    return False


def cut(
    content_html: str | LexborHTMLParser,
    *,
    post_url: str,
    separators: tuple[str, ...],
    fallback: str = "paragraph",
    max_words: int = 0,
) -> tuple[Excerpt, int]:
    """Cut the excerpt from a post's HTML. Returns ``(excerpt, number_of_words_in_post)``.

    ``post_url`` is the post's URL from the site root (``"blog/2024/01/31/hello/"``);
    ``separators`` are tried in order (HTML comments, compared without surrounding whitespace).
    """
    # A tree parsed by the caller is cut in place (it is changed).
    tree = content_html if isinstance(content_html, LexborHTMLParser) else LexborHTMLParser(content_html)
    body = tree.body
    if body is None:
        return Excerpt("", False), 0
    words = len((body.text(deep=True, separator=" ") or "").split())
    wanted = {t for t in (comment_text(s) for s in separators) if t is not None}
    wanted.add(_MARKER_TEXT)

    marker = None
    for node in body.traverse(include_text=True):
        if node.is_comment_node and _SPACE_RE.sub(" ", (node.comment_content or "").strip()) in wanted:
            marker = node
            break

    if marker is not None:
        truncated = _has_content_after(marker, body)
        _drop_following(marker, body)
        marker.decompose()
    elif fallback == "full":
        truncated = False
    elif fallback == "title":
        return Excerpt("", words > 0), words
    else:  # first paragraph
        first = None
        child = body.child
        while child is not None:
            if child.tag == "p" and (child.text(deep=True) or "").strip():
                first = child
                break
            child = child.next
        if first is None:
            truncated = False
        else:
            truncated = _has_content_after(first, body)
            _drop_following(first, body)
            while first.prev is not None:  # keep only the paragraph itself
                before = first.prev
                if before.tag != "h1" and (before.is_element_node or (before.text_content or "").strip()):
                    truncated = True  # the reader has not seen what came before the paragraph
                before.decompose()

    # No heading 1: the listing shows the title itself (taken from the post's first h1 when the
    # front matter has none, wherever it stands), and a listing page has one h1 of its own.
    for heading in body.css("h1"):
        heading.decompose()
    # Heading permalinks (the toc extension's `permalink: true`) point into the post; an excerpt
    # shows its headings without them, as Material's excerpts do.
    for anchor in body.css("a.headerlink"):
        anchor.decompose()

    if max_words > 0 and _cap_words(body, max_words):
        truncated = True

    base_dir = post_url if post_url.endswith("/") or not post_url else posixpath.dirname(post_url)
    base_dir = base_dir.rstrip("/")
    comments = []
    for node in body.traverse(include_text=True):
        if node.is_comment_node:
            comments.append(node)
        elif node.is_element_node and node.mem_id != body.mem_id:
            _rewrite(node, base_dir, post_url)
    for node in comments:
        node.decompose()
    html = body.inner_html or ""
    return Excerpt(html.strip(), truncated, marker is not None), words
