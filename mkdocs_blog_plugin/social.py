"""Sharing and search-engine metadata for a post's ``<head>``: description, Open Graph, Twitter
card, canonical link and a JSON-LD ``BlogPosting``.

Pure: plain values in, an HTML string out (no MkDocs). What the theme already wrote is left alone:
the page's head is parsed (selectolax) and a tag is only added when the page has none of its kind,
so a post never carries two descriptions or two canonical links (``head_of``, ``existing``,
``missing``). ``post_candidates`` is the glue that takes these values from a post; it reads
attributes only.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import posixpath
from dataclasses import dataclass
from html import escape
from typing import Any, Iterable, Sequence
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

from .excerpts import ROOT
from .htmltext import plain_text

#: About the length search engines show of a description.
DESCRIPTION_LENGTH = 160


@dataclass(frozen=True)
class Person:
    name: str
    url: str = ""


def shorten(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """``text`` cut to at most ``limit`` characters on a word boundary, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–—") + "…"


def existing(head_html: str) -> set[str]:
    """What a page's head already has, as keys: ``"description"``, ``"canonical"``,
    ``"og:title"``, ``"twitter:card"``, ``"ld+json:BlogPosting"``, ..."""
    found: set[str] = set()
    if not head_html:
        return found
    tree = LexborHTMLParser(head_html)
    head = tree.head
    if head is None:
        return found
    for node in head.css("meta"):
        attrs = node.attributes
        for key in ("name", "property"):
            value = (attrs.get(key) or "").strip().lower()
            if value:
                found.add(value)
    for node in head.css("link[rel]"):
        for rel in (node.attributes.get("rel") or "").lower().split():
            found.add(rel)
    for node in head.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(node.text() or "")
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and item.get("@type"):
                found.add(f"ld+json:{item['@type']}")
    return found


#: Characters a JSON-LD string keeps as they are; every other one is written ``\\uXXXX``.
_SAFE = frozenset(" .,:/_@#?=+%")


def _escape_char(c: str) -> str:
    if c.isalnum() or c in _SAFE:
        return c
    code = ord(c)
    if code > 0xFFFF:  # outside the BMP: a UTF-16 surrogate pair, as JSON writes it
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


#: What ``_escape_char`` changes (a letter, a digit or a ``_SAFE`` character stays), found in one
#: pass: most of a title is letters.
_UNSAFE = re.compile(r"[^\w .,:/@#?=+%]")


def _json_string(text: str) -> str:
    return '"' + _UNSAFE.sub(lambda m: _escape_char(m.group()), text) + '"'


def _encode(value: Any) -> str:
    if isinstance(value, str):
        return _json_string(value)
    if isinstance(value, dict):
        return "{" + ",".join(f"{_json_string(str(k))}:{_encode(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_encode(v) for v in value) + "]"
    return json.dumps(value)


def json_ld(data: dict[str, Any]) -> str:
    """JSON for a ``<script>`` element. Inside strings only letters, digits and a few harmless
    characters stay as they are; ``<``, ``>``, ``&``, quotes and the rest are ``\\uXXXX`` escapes,
    so no text of a post (``</script>`` in a title) can end the element or read as markup."""
    return _encode(data)


def _iso(value: dt.datetime | str | None) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return value
    return value.isoformat()


def head_tags(*values: Any, existing_head: str = "", **named: Any) -> str:
    """The tags to add to a post's ``<head>``, HTML-escaped, without those it already has:
    ``candidates(*values, **named)`` less what ``existing_head`` (the page's HTML, or just its
    head, as the theme wrote it) has already."""
    return missing(candidates(*values, **named), existing(existing_head))


def missing(found: Sequence[tuple[str, str]], have: set[str]) -> str:
    """The tags of ``candidates`` whose kind the head does not have yet (``existing``)."""
    return "".join(html for kind, html in found if kind not in have)


def candidates(
    title: str,
    description: str,
    url: str | None,
    canonical: str | None,
    published: dt.datetime | str | None,
    modified: dt.datetime | str | None,
    authors: Iterable[Person | str],
    tags: Iterable[str],
    image: str | None,
    site_name: str | None,
) -> list[tuple[str, str]]:
    """Every tag ``head_tags`` may add, in order, each with the kind (an ``existing`` key) that
    keeps it out of a head that already has one.

    ``title``, ``description``, author names and tags are plain text. ``url``, ``canonical`` and
    ``image`` should be absolute (they are left out when they are not).
    """
    people = [a if isinstance(a, Person) else Person(str(a)) for a in authors]
    tags = [t for t in tags if t]
    description = shorten(description) if description else ""
    url = url if _absolute(url) else None
    canonical = canonical if _absolute(canonical) else None
    image = image if _absolute(image) else None
    published_iso, modified_iso = _iso(published), _iso(modified)
    out: list[tuple[str, str]] = []

    def meta(kind: str, key: str, value: str, *, group: str | None = None) -> None:
        if value:
            out.append((group or key.lower(), f'<meta {kind}="{escape(key)}" content="{escape(value)}">'))

    meta("name", "description", description)
    if canonical:
        out.append(("canonical", f'<link rel="canonical" href="{escape(canonical)}">'))
    meta("property", "og:type", "article")
    meta("property", "og:title", title)
    meta("property", "og:description", description)
    meta("property", "og:url", url or "")
    meta("property", "og:site_name", site_name or "")
    meta("property", "og:image", image or "")
    meta("property", "article:published_time", published_iso)
    if modified_iso and modified_iso != published_iso:
        meta("property", "article:modified_time", modified_iso)
    # Repeated tags: all of them, unless the head has one of the kind already.
    for person in people:
        meta("property", "article:author", person.name, group="article:author")
    for tag in tags:
        meta("property", "article:tag", tag, group="article:tag")
    meta("name", "twitter:card", "summary_large_image" if image else "summary")
    meta("name", "twitter:title", title)
    meta("name", "twitter:description", description)
    meta("name", "twitter:image", image or "")

    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": title,
    }
    if published_iso:
        data["datePublished"] = published_iso
        data["dateModified"] = modified_iso or published_iso
    if people:
        data["author"] = [
            {"@type": "Person", "name": p.name, **({"url": p.url} if _absolute(p.url) else {})} for p in people
        ]
    if url or canonical:
        data["url"] = canonical or url
        data["mainEntityOfPage"] = {"@type": "WebPage", "@id": canonical or url}
    if image:
        data["image"] = image
    if description:
        data["description"] = description
    if tags:
        data["keywords"] = tags
    if site_name:
        data["publisher"] = {"@type": "Organization", "name": site_name}
    out.append(("ld+json:BlogPosting", f'<script type="application/ld+json">{json_ld(data)}</script>'))
    return out


def _absolute(url: str | None) -> bool:
    if not url:
        return False
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def insert_head(output: str, tags: str) -> str:
    """``tags`` placed at the end of the page's ``<head>``."""
    if not tags or "</head>" not in output:
        return output
    return output.replace("</head>", tags + "</head>", 1)


def _site_link(url: str, base: str) -> str:
    if ROOT not in url:
        return url
    return url.replace(ROOT, base) if base else ""


def head_of(output: str) -> str:
    """A built page up to the end of its ``<head>`` (what ``existing`` reads); empty without one."""
    head_end = output.find("</head>")
    return output[: head_end + len("</head>")] if head_end >= 0 else ""


def post_candidates(post: Any, *, base: str, site_name: str | None) -> list[tuple[str, str]]:
    """The sharing metadata of a post (``candidates``).

    ``post`` is an ``entries.Entry`` (read for its title, description, dates, authors, tags,
    excerpt, front matter ``image``, first picture and URL); ``base`` is ``site_url`` ending in
    ``/``, or empty when it is not set.
    """
    page_url = base + post.url if base else None
    description = post.description or ""
    if not description and post.excerpt is not None:
        description = post.summary or plain_text(post.excerpt.for_page(""))
    image = post.meta.get("image") if isinstance(post.meta.get("image"), str) else None
    if image and base and not _absolute(image):
        # The front matter names a file as a Markdown link would: from the post's own folder, or
        # from the docs root with a leading slash.
        path = image.strip()
        path = path.lstrip("/") if path.startswith("/") else posixpath.join(posixpath.dirname(post.src_uri), path)
        image = base + posixpath.normpath(path)
    elif not image:
        image = post.first_image  # found when the post's HTML was parsed (post_html)
        if image and page_url:
            image = urljoin(page_url, image)  # as a browser reads the link on the post's page
    # An author's link to a page of the site starts with ROOT (see authors.link_views).
    people = [Person(a.name, _site_link(a.url or "", base)) for a in post.author_infos]
    return candidates(
        title=post.title,
        description=description,
        url=page_url,
        canonical=page_url,
        published=post.date_iso,
        modified=post.updated_iso or None,
        authors=people,
        tags=list(post.tags),
        image=image,
        site_name=site_name,
    )
