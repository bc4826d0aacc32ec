"""Neutralise the Liquid template syntax found in posts written for Jekyll.

The conversion runs on the Markdown source, before it is rendered, and only
handles the handful of constructs that have a sensible static meaning:

* ``{% highlight LANG %}...{% endhighlight %}`` becomes a fenced code block;
* ``{% post_url NAME %}`` and ``{% link PATH %}`` become relative ``.md`` paths,
  which MkDocs then rewrites into page URLs like any other Markdown link;
* ``{{ site.url }}`` and ``{{ site.baseurl }}`` are substituted, and a literal
  string piped through ``relative_url`` / ``absolute_url`` is resolved too;
* ``{% raw %}...{% endraw %}`` keeps its body literally and loses its markers;
* ``{% comment %}...{% endcomment %}`` disappears, as it does in Jekyll.

Everything else is left exactly where it is and reported, so the caller can
warn about it.  Fenced code blocks and inline code spans are never touched:
posts frequently *show* template syntax inside code.

This module is pure: no MkDocs imports, no I/O.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import Callable, Optional
from urllib.parse import quote

__all__ = ["LiquidResult", "convert"]


@dataclass
class LiquidResult:
    """Outcome of :func:`convert`."""

    markdown: str
    #: Distinct names of Liquid tags (first word) and variables (the expression
    #: before any filter) that were left in place, in order of first appearance.
    unknown_tags: list[str] = field(default_factory=list)
    #: Distinct ``post_url`` / ``link`` arguments that could not be resolved,
    #: in order of first appearance.  Those tags are left in place.
    unresolved: list[str] = field(default_factory=list)


# Anything the scanner has to stop at: a newline (a fence may open on the next
# line), a run of backticks (a code span may start) or a Liquid opener.
_SCAN = re.compile(r"\n|`+|\{\{|\{%")
# An opening code fence, matched at the start of a line.  Indentation is
# allowed because fences nested in list items are indented.
_FENCE_OPEN = re.compile(r"[ \t]*(?P<fence>`{3,}|~{3,})(?P<info>[^\n]*)")
# A blank line ends a paragraph, and therefore any code span or inline tag.
_BLANK_LINE = re.compile(r"\n[ \t]*\r?\n")
_TAG_BODY = re.compile(r"\s*(?P<name>[A-Za-z_]\w*)(?P<args>.*)\Z", re.S)
_END_RAW = re.compile(r"\{%-?\s*endraw\s*-?%\}")
_END_COMMENT = re.compile(r"\{%-?\s*endcomment\s*-?%\}")
_RAW_OR_END_HIGHLIGHT = re.compile(r"\{%-?\s*(?P<name>raw|endhighlight)\s*-?%\}")
_RAW_BLOCK = re.compile(r"\{%-?\s*raw\s*-?%\}(?P<body>.*?)\{%-?\s*endraw\s*-?%\}", re.S)
_LANG = re.compile(r"[\w+#.-]+\Z")
# ``{{ site.url }}`` / ``{{ site.baseurl }}`` written directly in front of a
# post_url or link tag: Jekyll users write the prefix because those tags emit
# a site-absolute path; once the tag becomes a relative path the prefix must go.
_SITE_PREFIX_CHAIN = re.compile(
    r"(?:\{\{-?\s*site\.(?:url|baseurl)\s*-?\}\})+(?=\{%-?\s*(?:post_url|link)\s)"
)
_SITE_VAR = re.compile(r"\{\{-?\s*site\.(url|baseurl)\s*-?\}\}")
_URL_FILTER = re.compile(
    r"""(?P<q>['"])(?P<path>[^'"]*)(?P=q)\s*\|\s*(?P<filter>relative_url|absolute_url)\Z"""
)
_BACKTICK_RUN = re.compile(r"`+")
_CLOSERS: dict[int, re.Pattern[str]] = {}


def _closing_run(length: int) -> re.Pattern[str]:
    """A run of exactly ``length`` backticks (closes a code span)."""
    pattern = _CLOSERS.get(length)
    if pattern is None:
        pattern = re.compile(r"(?<!`)`{%d}(?!`)" % length)
        _CLOSERS[length] = pattern
    return pattern


def _relative_link(target: str, src_uri: str) -> str:
    """Path of ``target`` relative to the directory of ``src_uri``, URL-quoted."""
    base = posixpath.dirname(src_uri) or "."
    rel = posixpath.relpath(target, base)
    # MkDocs unquotes link paths before looking files up, so quoting keeps
    # names with spaces or parentheses from breaking the Markdown link syntax.
    return quote(rel, safe="/")


def _strip_trim_markers(inner: str) -> str:
    if inner.startswith("-"):
        inner = inner[1:]
    if inner.endswith("-"):
        inner = inner[:-1]
    return inner


class _Converter:
    def __init__(
        self,
        source: str,
        src_uri: str,
        resolve_post: Callable[[str], Optional[str]],
        resolve_path: Callable[[str], Optional[str]],
        site_url: str,
        base_path: str,
    ) -> None:
        self.s = source
        self.src_uri = src_uri
        self.resolve_post = resolve_post
        self.resolve_path = resolve_path
        self.site_url = site_url.rstrip("/")
        self.base_path = base_path.rstrip("/")
        self.newline = "\r\n" if "\r\n" in source else "\n"
        self.out: list[str] = []
        self.unknown: list[str] = []
        self.unresolved: list[str] = []
        self._unknown_seen: set[str] = set()
        self._unresolved_seen: set[str] = set()
        # Last answer of _next() per needle: (searched from, found at or -1).
        self._next_cache: dict[str, tuple[int, int]] = {}

    # -- bookkeeping ---------------------------------------------------------

    def _report_unknown(self, name: str) -> None:
        if name not in self._unknown_seen:
            self._unknown_seen.add(name)
            self.unknown.append(name)

    def _report_unresolved(self, arg: str) -> None:
        if arg not in self._unresolved_seen:
            self._unresolved_seen.add(arg)
            self.unresolved.append(arg)

    def _next(self, needle: str, pos: int) -> int:
        """Index of the first ``needle`` ("%}", "}}", "{%" or "blank") at or after
        ``pos``, or -1.  Cached, so scanning stays linear even when many
        openers are never closed or a long text has no blank line."""
        cached = self._next_cache.get(needle)
        if cached is not None:
            since, found = cached
            if since <= pos and (found == -1 or found >= pos):
                return found
        if needle == "blank":
            m = _BLANK_LINE.search(self.s, pos)
            found = m.start() if m else -1
        else:
            found = self.s.find(needle, pos)
        self._next_cache[needle] = (pos, found)
        return found

    def _next_opener(self, pos: int) -> int:
        found = self._next("{%", pos)
        return len(self.s) if found < 0 else found

    def _has_blank_line(self, start: int, end: int) -> bool:
        blank = self._next("blank", start)
        return blank != -1 and blank < end

    # -- main loop -----------------------------------------------------------

    def run(self) -> LiquidResult:
        s, out = self.s, self.out
        n = len(s)
        i = 0
        line_start = True
        while i < n:
            if line_start:
                line_start = False
                end = self._fenced_block_end(i)
                if end is not None:
                    out.append(s[i:end])
                    i = end
                    continue
            m = _SCAN.search(s, i)
            if m is None:
                out.append(s[i:])
                break
            start, token = m.start(), m.group()
            out.append(s[i:start])
            if token == "\n":
                out.append("\n")
                i = m.end()
                line_start = True
            elif token[0] == "`":
                i = self._code_span(start, m.end())
            elif token == "{%":
                i = self._tag(start)
            else:
                i = self._variable(start)
        return LiquidResult("".join(out), self.unknown, self.unresolved)

    # -- Markdown code -------------------------------------------------------

    def _fenced_block_end(self, pos: int) -> int | None:
        """If a fenced code block opens at ``pos`` return where it ends.

        The returned index is the end of the closing fence line (before its
        newline), or the end of the text for an unclosed fence.
        """
        s = self.s
        m = _FENCE_OPEN.match(s, pos)
        if m is None:
            return None
        fence = m.group("fence")
        if fence[0] == "`" and "`" in m.group("info"):
            return None  # an inline code span at the start of a line
        closer = re.compile(
            r"^[ \t]*%s{%d,}[ \t]*\r?$" % (re.escape(fence[0]), len(fence)), re.M
        )
        # Search from the end of the opening line.
        line_end = s.find("\n", m.end())
        if line_end < 0:
            return len(s)
        c = closer.search(s, line_end + 1)
        return len(s) if c is None else c.end()

    def _code_span(self, start: int, run_end: int) -> int:
        """Copy an inline code span starting with the backtick run at ``start``."""
        s = self.s
        # A backslash-escaped backtick does not open a code span.
        backslashes = 0
        k = start - 1
        while k >= 0 and s[k] == "\\":
            backslashes += 1
            k -= 1
        if backslashes % 2:
            self.out.append("`")
            return start + 1
        length = run_end - start
        blank = self._next("blank", run_end)
        limit = len(s) if blank < 0 else blank
        close = _closing_run(length).search(s, run_end, limit)
        if close is None:
            self.out.append(s[start:run_end])
            return run_end
        self.out.append(s[start : close.end()])
        return close.end()

    # -- Liquid tags ---------------------------------------------------------

    def _parse_tag(self, start: int) -> tuple[str, str, int] | None:
        """Parse the tag whose ``{%`` is at ``start``: (name, args, end) or None."""
        s = self.s
        close = self._next("%}", start + 2)
        if close < 0 or self._has_blank_line(start + 2, close):
            return None
        if self._next_opener(start + 2) < close:
            return None  # another tag opens first: this one is not a tag
        inner = s[start + 2 : close]
        m = _TAG_BODY.match(_strip_trim_markers(inner))
        if m is None:
            return None
        return m.group("name"), m.group("args").strip(), close + 2

    def _tag(self, start: int) -> int:
        """Handle the ``{%`` at ``start``; return the index to continue from."""
        s, out = self.s, self.out
        parsed = self._parse_tag(start)
        if parsed is None:
            out.append("{%")
            return start + 2
        name, args, end = parsed
        if name == "raw":
            return self._raw(start, end)
        if name == "comment":
            close = _END_COMMENT.search(s, end)
            if close is not None:
                return close.end()
        if name == "highlight":
            return self._highlight(start, end, args)
        if name in ("post_url", "link"):
            target = self._resolve(name, args)
            out.append(s[start:end] if target is None else target)
            return end
        self._report_unknown(name)
        out.append(s[start:end])
        return end

    def _resolve(self, name: str, arg: str, report: bool = True) -> str | None:
        """Relative link for a post_url / link argument, or None."""
        resolver = self.resolve_post if name == "post_url" else self.resolve_path
        target = resolver(arg) if arg else None
        if target is None:
            if report:
                self._report_unresolved(arg)
            return None
        return _relative_link(target, self.src_uri)

    def _raw(self, start: int, body_start: int) -> int:
        s = self.s
        m = _END_RAW.search(s, body_start)
        if m is None:
            # Jekyll refuses to build such a page; keep everything that
            # follows verbatim rather than guess where the raw part ends.
            self._report_unknown("raw")
            self.out.append(s[start:])
            return len(s)
        self.out.append(s[body_start : m.start()])
        return m.end()

    def _highlight(self, start: int, body_start: int, args: str) -> int:
        s, out, nl = self.s, self.out, self.newline
        # Find the matching endhighlight, skipping raw sections (which may
        # legitimately contain a literal endhighlight tag).
        pos = body_start
        while True:
            m = _RAW_OR_END_HIGHLIGHT.search(s, pos)
            if m is None:
                # Unterminated: leave it alone and report it.
                self._report_unknown("highlight")
                out.append(s[start:body_start])
                return body_start
            if m.group("name") == "endhighlight":
                break
            endraw = _END_RAW.search(s, m.end())
            if endraw is None:
                self._report_unknown("highlight")
                out.append(s[start:body_start])
                return body_start
            pos = endraw.end()
        body_end, end = m.start(), m.end()

        code = s[body_start:body_end]
        # Jekyll renders the block body as Liquid, so raw markers inside it are
        # not displayed; drop them and keep their content.  Everything else in
        # the code is kept exactly as written.
        code = _RAW_BLOCK.sub(lambda r: r.group("body"), code)
        # Drop the line break after the opening tag and the one (plus the
        # closing tag's indentation) before the closing tag, as well as any
        # blank lines there; the code lines themselves are not altered.
        code = re.sub(r"\A(?:[ \t]*\r?\n)+", "", code)
        code = re.sub(r"(?:\r?\n[ \t]*)+\Z", "", code)

        words = args.split()
        lang = words[0] if words and _LANG.match(words[0]) else ""
        longest = max((len(r) for r in _BACKTICK_RUN.findall(code)), default=0)
        fence = "`" * max(3, longest + 1)

        # Indentation of the opening tag, when it begins its line, is reused
        # for the fences so the block stays inside a list item.
        line_begin = s.rfind("\n", 0, start) + 1
        before = s[line_begin:start]
        if before.strip():
            out.append(nl + nl)  # the tag sat after some text on its line
            indent = ""
        else:
            indent = before
        out.append(fence + lang + nl)
        if code:
            out.append(code + nl)
        out.append(indent + fence)

        line_end = s.find("\n", end)
        rest = s[end:] if line_end < 0 else s[end:line_end]
        if rest.strip():
            out.append(nl + nl)  # text follows the closing tag on its line
        return end

    # -- Liquid variables ----------------------------------------------------

    def _variable(self, start: int) -> int:
        """Handle the ``{{`` at ``start``; return the index to continue from."""
        s, out = self.s, self.out
        chain = _SITE_PREFIX_CHAIN.match(s, start)
        if chain is not None:
            tag_start = chain.end()
            parsed = self._parse_tag(tag_start)
            if parsed is not None:
                name, args, tag_end = parsed
                target = self._resolve(name, args, report=False)
                if target is not None:
                    out.append(target)
                    return tag_end
            # Not resolvable: substitute the prefix variables here and let
            # the main loop deal with the tag (which reports it).
            for var in _SITE_VAR.finditer(s, start, tag_start):
                out.append(self.site_url if var.group(1) == "url" else self.base_path)
            return tag_start

        close = self._next("}}", start + 2)
        if close < 0 or self._has_blank_line(start + 2, close):
            out.append("{{")
            return start + 2
        end = close + 2
        expr = _strip_trim_markers(s[start + 2 : close]).strip()
        if expr == "site.url":
            out.append(self.site_url)
            return end
        if expr == "site.baseurl":
            out.append(self.base_path)
            return end
        f = _URL_FILTER.match(expr)
        if f is not None:
            path = f.group("path")
            url = self.base_path + "/" + path.lstrip("/")
            if f.group("filter") == "absolute_url":
                url = self.site_url + url
            out.append(url)
            return end
        name = expr.split("|", 1)[0].strip()
        self._report_unknown(name or s[start:end])
        out.append(s[start:end])
        return end


def convert(
    markdown: str,
    *,
    src_uri: str,
    resolve_post: Callable[[str], Optional[str]],
    resolve_path: Callable[[str], Optional[str]],
    site_url: str,
    base_path: str,
) -> LiquidResult:
    """Turn the Liquid in a post's Markdown into plain Markdown where possible.

    ``src_uri`` is the post's path relative to the docs directory ('/'
    separated).  ``resolve_post`` maps a ``post_url`` name (``2010-07-21-name``
    or ``subdir/2010-07-21-name``) and ``resolve_path`` a ``link`` path
    (``_posts/2016-07-26-name.md``) to the target's ``src_uri``, or ``None``.
    ``site_url`` and ``base_path`` replace ``site.url`` / ``site.baseurl``
    (trailing slashes are removed).

    Text without any Liquid opener is returned unchanged (the same object).
    """
    if "{%" not in markdown and "{{" not in markdown:
        return LiquidResult(markdown, [], [])
    return _Converter(
        markdown, src_uri, resolve_post, resolve_path, site_url, base_path
    ).run()
