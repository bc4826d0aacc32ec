"""The visible text of an HTML fragment, for feeds' plain-text fields and page descriptions.

Pure; parses with selectolax (an HTML5 parser), never with a regular expression.
"""

from __future__ import annotations

from typing import Any

from selectolax.lexbor import LexborHTMLParser

# Not read as text: code that runs, and the marks Markdown adds (footnote numbers, heading "¶").
_SKIP = ("script", "style", "template", "sup.footnote-ref", ".footnote-ref", ".headerlink")
# Elements that separate words: their text never runs into the text around them.
_BREAK = (
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
    "section", "table", "td", "th", "tr", "ul",
)


def plain_text(fragment: str) -> str:
    """The text a reader sees in ``fragment``, whitespace collapsed to single spaces."""
    if not fragment:
        return ""
    return node_text(LexborHTMLParser(fragment).body)


def node_text(body: Any) -> str:
    """``plain_text`` of a parsed element (changed in place: leave the tree to its end)."""
    if body is None:
        return ""
    for node in body.css(",".join(_SKIP)):
        node.decompose()
    for node in body.css(",".join(_BREAK)):
        node.insert_before(" ")
        node.insert_after(" ")
    return " ".join((body.text(deep=True, separator="") or "").split())
