"""Jekyll's Liquid, run on a post's Markdown before it is converted, as Jekyll runs it.

The engine is python-liquid (standard Liquid: ``assign``, ``capture``, ``for``, ``if``, filters...)
with Jekyll's additions registered on it: the tags ``highlight``, ``post_url``, ``link``,
``include`` (Jekyll's syntax), ``include_relative`` and ``raw``, and the filters of
``jekyll_filters``. Undefined variables render as nothing and unknown filters are ignored, as in
Jekyll. Problems never stop the build: each becomes one warning for the caller to log (a syntax
error publishes the text as written).

The output is Markdown: ``highlight`` gives a fenced code block, ``post_url`` and ``link`` a path
to the target's Markdown file relative to the post (MkDocs turns it into the page's URL). This
module is pure: no MkDocs imports; files are read only from the includes folder and beside posts.
"""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass, field
from functools import partial
from io import StringIO
from typing import Any, Callable, Optional
from urllib.parse import quote

from liquid import Environment
from liquid.ast import Node
from liquid.exceptions import LiquidError
from liquid.parser import get_parser
from liquid.tag import Tag
from liquid.token import TOKEN_EXPRESSION, TOKEN_TAG

from . import jekyll_filters

__all__ = ["Site", "Result", "JekyllLiquid", "has_liquid"]

# A raw block, as the lexer finds it: the body is never parsed.
_RAW = re.compile(r"\{%(-?)\s*raw\s*-?%\}(.*?)\{%-?\s*endraw\s*(-?)%\}", re.S)
_RAW_TAG = "jekyll_raw_"
# post_url and link output is wrapped in these, so that a site prefix written before the tag
# (``{{ site.baseurl }}{% link a.md %}``, needed in Jekyll) can be dropped from a relative link.
_LINK_START, _LINK_END = "\ue000", "\ue001"
_INCLUDE_PARAM = re.compile(
    r"""([\w-]+)\s*=\s*(?:"((?:\\.|[^"\\])*)"|'((?:\\.|[^'\\])*)'|([\w.\[\]-]+))""", re.S
)
_VARIABLE = re.compile(r"\{\{\s*([\w.\[\]'\"-]+)\s*\}\}")
_BAD_INCLUDE = re.compile(r"[./]{2,}|\A/|\\|\x00")


def has_liquid(text: str) -> bool:
    return "{%" in text or "{{" in text


@dataclass
class Site:
    """What Liquid knows about the site and how it reaches the rest of it."""

    url: str = ""  # the origin: "https://example.com"
    baseurl: str = ""  # the path below it: "/docs"
    data: dict = field(default_factory=dict)  # the `site` variable
    includes_dir: Optional[str] = None
    docs_dir: Optional[str] = None  # where include_relative looks, beside the post
    markdownify: Callable[[str], str] = lambda text: text
    resolve_post: Callable[[str], Optional[str]] = lambda name: None  # -> src_uri
    resolve_path: Callable[[str], Optional[str]] = lambda path: None  # -> src_uri
    # How `highlight ... linenos` asks for line numbers: "pymdownx" (`linenums="1"`) or "none".
    linenums: str = "none"
    # Raw blocks come out wrapped in these markers when set (for a later Jinja pass, e.g. macros).
    raw_markers: Optional[tuple[str, str]] = None


@dataclass
class Result:
    markdown: str
    warnings: list[str] = field(default_factory=list)


@dataclass
class _State:
    src_uri: str
    raws: list[str]
    warnings: list[str] = field(default_factory=list)

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)


class _Env(Environment):
    jekyll: "JekyllLiquid"
    state: Optional[_State] = None


def _line(err: LiquidError) -> Optional[int]:
    token = err.token
    if token is None or token.start_index < 0:
        return None
    return token.source.count("\n", 0, token.start_index) + 1


def _guess_line(env: Environment, source: str, message: str) -> Optional[int]:
    """The line of an error the engine reports without a position (it met the end of the text or
    of an expression): the unclosed block's opening tag, else the first tag or output statement
    that fails on its own."""
    unclosed = re.search(r"expected tag end(\w+)", message)
    if unclosed:
        openers = list(re.finditer(r"\{%-?\s*" + unclosed.group(1) + r"\b", source))
        if openers:
            return source.count("\n", 0, openers[-1].start()) + 1
    for hit in re.finditer(r"\{\{.*?\}\}|\{%.*?%\}", source, re.S):
        try:
            env.from_string(hit.group())
        except LiquidError as err:
            if not re.search(r"expected tag end|unexpected tag '(end|else|elsif|when)", str(err.message)):
                return source.count("\n", 0, hit.start()) + 1
    return None


def _inline_tag(stream: Any) -> tuple[Any, str]:
    """A tag without a body: its token and the text after its name. The stream is left on the
    tag's last token, as the parser expects."""
    token = stream.current
    if stream.peek.kind == TOKEN_EXPRESSION:
        next(stream)
        return token, stream.current.value.strip()
    return token, ""


def _interpolate(text: str, context: Any) -> str:
    """``{{ var }}`` inside a tag argument (Jekyll allows it in include and link paths)."""
    if "{{" not in text:
        return text
    return _VARIABLE.sub(lambda m: jekyll_filters._text(_lookup(m.group(1), context)), text)


def _lookup(path: str, context: Any) -> Any:
    if path[:1] in "'\"":
        return path.strip("'\"")
    parts: list[Any] = [int(p) if p.isdigit() else p.strip("'\"") for p in re.findall(r"[^.\[\]]+", path)]
    return context.get(parts, token=None, default=None) if parts else None


class _TextNode(Node):
    """A node whose output is computed by ``fn(context)``."""

    def __init__(self, token: Any, fn: Callable[[Any], str]):
        super().__init__(token)
        self.fn = fn
        self.blank = False

    def render_to_output(self, context: Any, buffer: Any) -> int:
        return buffer.write(self.fn(context))

    async def render_to_output_async(self, context: Any, buffer: Any) -> int:  # pragma: no cover
        return self.render_to_output(context, buffer)


class _RawTag(Tag):
    """A raw block, taken out of the text before parsing and put back here, as written."""

    name = _RAW_TAG
    block = False

    def parse(self, stream: Any) -> Node:
        token, arg = _inline_tag(stream)
        index = int(arg or 0)
        env = self.env

        def body(_context: Any) -> str:
            text = env.state.raws[index]
            markers = env.jekyll.site.raw_markers
            return markers[0] + text + markers[1] if markers else text

        return _TextNode(token, body)


class _HighlightTag(Tag):
    """``{% highlight lang linenos %}...{% endhighlight %}`` -> a fenced code block."""

    name = "highlight"
    end = "endhighlight"

    def parse(self, stream: Any) -> Node:
        token = stream.eat(TOKEN_TAG)
        words = next(stream).value.split() if stream.current.kind == TOKEN_EXPRESSION else []
        block = get_parser(self.env).parse_block(stream, (self.end,))
        end = stream.expect(TOKEN_TAG, value=self.end)
        lang = words[0] if words and "=" not in words[0] else ""
        linenos = any(w == "linenos" or w.startswith("linenos=") for w in words)
        src = token.source
        opener = src.rfind("{%", 0, token.start_index)
        before = src[src.rfind("\n", 0, opener) + 1: opener]
        closer = src.find("%}", end.start_index)
        line_end = src.find("\n", closer)
        after = src[closer + 2: len(src) if line_end < 0 else line_end]
        site = self.env.jekyll.site

        def fence(context: Any) -> str:
            buf = StringIO()
            block.render(context, buf)
            # As Jekyll: line breaks at both ends go; so does the indentation of the closing tag.
            code = re.sub(r"\A[\r\n]+|[\r\n]+[ \t]*\Z", "", buf.getvalue())
            longest = max((len(m) for m in re.findall(r"`+", code)), default=0)
            ticks = "`" * max(3, longest + 1)
            info = lang
            if linenos and site.linenums == "pymdownx":
                info = f'{lang} linenums="1"'.strip()
            indent = before if not before.strip() else ""
            text = "\n".join([ticks + info, *(code.split("\n") if code else []), indent + ticks])
            head = "\n\n" if before.strip() else ""
            tail = "\n\n" if after.strip() else ""
            return head + text + tail

        return _TextNode(token, fence)


class _LinkTag(Tag):
    """``post_url`` (a post by file name) and ``link`` (a file by path): a relative .md link."""

    block = False

    def parse(self, stream: Any) -> Node:
        token, arg = _inline_tag(stream)
        jekyll = self.env.jekyll
        env = self.env
        tag = self.name

        def link(context: Any) -> str:
            target = _interpolate(arg, context).strip()
            site = jekyll.site
            found = (site.resolve_post if tag == "post_url" else site.resolve_path)(target)
            if found is None:
                what = "post" if tag == "post_url" else "file"
                env.state.warn(f"{{% {tag} %}}: cannot find the {what} '{target}'; the tag renders as nothing")
                return ""
            base = posixpath.dirname(env.state.src_uri) or "."
            return _LINK_START + quote(posixpath.relpath(found, base), safe="/") + _LINK_END

        return _TextNode(token, link)


class _PostUrlTag(_LinkTag):
    name = "post_url"


class _LinkPathTag(_LinkTag):
    name = "link"


class _IncludeTag(Tag):
    """Jekyll's include: ``{% include note.html title="Hi" level=2 %}``, read as ``include.title``."""

    name = "include"
    block = False
    relative = False

    def parse(self, stream: Any) -> Node:
        token, arg = _inline_tag(stream)
        m = re.match(r"(\S*\{\{.*?\}\}\S*|\S+)\s*(.*)\Z", arg, re.S)
        name, rest = (m.group(1), m.group(2)) if m else ("", "")
        params = _INCLUDE_PARAM.findall(rest)
        jekyll = self.env.jekyll
        relative = self.relative

        def include(context: Any) -> str:
            values = {}
            for key, dq, sq, var in params:
                if var:
                    values[key] = _lookup(var, context)
                else:
                    values[key] = _interpolate(re.sub(r"\\(.)", r"\1", dq or sq), context)
            return jekyll._include(_interpolate(name, context), values, context, relative=relative)

        return _TextNode(token, include)


class _IncludeRelativeTag(_IncludeTag):
    name = "include_relative"
    relative = True


class JekyllLiquid:
    """One engine per build: parsed includes are cached, filters bound to the site."""

    def __init__(self, site: Site) -> None:
        self.site = site
        env = self.env = _Env(strict_filters=False)
        env.jekyll = self
        for tag in (_RawTag, _HighlightTag, _PostUrlTag, _LinkPathTag, _IncludeTag, _IncludeRelativeTag):
            env.add_tag(tag)
        for name, fn in jekyll_filters.FILTERS.items():
            env.add_filter(name, fn)
        env.add_filter("relative_url", partial(jekyll_filters.relative_url, baseurl=site.baseurl))
        env.add_filter("absolute_url", partial(jekyll_filters.absolute_url, url=site.url, baseurl=site.baseurl))
        env.add_filter("markdownify", lambda value: site.markdownify(jekyll_filters._text(value)))
        env.add_filter("where_exp", self._where_exp)
        self._includes: dict[str, Any] = {}
        self._conditions: dict[str, Any] = {}
        self._globals: dict[str, Any] = {}
        prefix = "(?:" + re.escape(site.url) + ")?" if site.url else ""
        prefix += "(?:" + re.escape(site.baseurl) + ")?" if site.baseurl else ""
        self._link = re.compile(prefix + _LINK_START + "(.*?)" + _LINK_END, re.S)

    def render(self, text: str, *, src_uri: str, page: dict,
               line_offset: Callable[[], int] = lambda: 0) -> Result:
        """``text`` rendered; on a syntax or render error, ``text`` as it is and a warning.

        ``line_offset()`` is the number of lines before ``text`` in its file (front matter), asked
        for only to report an error.
        """
        if not has_liquid(text):
            return Result(text)
        state = _State(src_uri, [])

        def stash(m: re.Match) -> str:
            state.raws.append(m.group(2))
            newlines = "\n" * m.group(2).count("\n")  # lines keep their numbers for messages
            return f"{{%{m.group(1)} {_RAW_TAG} {len(state.raws) - 1}{newlines} {m.group(3)}%}}"

        source = _RAW.sub(stash, text)
        previous, self.env.state = self.env.state, state
        self._globals = {"site": self.site.data, "page": page}
        try:
            out = self.env.from_string(source).render(**self._globals)
        except LiquidError as err:
            line = _line(err) or _guess_line(self.env, source, str(err.message))
            where = f" at line {line + line_offset()}" if line else ""
            state.warn(f"Liquid error{where}: {err.message}; the text is published as written")
            return Result(text, state.warnings)
        except RecursionError:
            state.warn("Liquid error: includes nested too deeply; the text is published as written")
            return Result(text, state.warnings)
        finally:
            self.env.state = previous
        if _LINK_START in out:
            out = self._link.sub(lambda m: m.group(1), out)
        return Result(out, state.warnings)

    # -- includes -------------------------------------------------------------------------------

    def _include(self, name: str, params: dict, context: Any, *, relative: bool) -> str:
        state = self.env.state
        tag = "include_relative" if relative else "include"
        if not name or _BAD_INCLUDE.search(name):
            state.warn(f"{{% {tag} {name} %}}: not a usable file name; the tag renders as nothing")
            return ""
        if relative:
            folder = os.path.join(self.site.docs_dir or "", posixpath.dirname(state.src_uri))
        else:
            folder = self.site.includes_dir or ""
        path = os.path.join(folder, *name.split("/"))
        template = self._includes.get(path)
        if template is None:
            try:
                with open(path, encoding="utf-8-sig") as f:
                    source = f.read()
            except (OSError, UnicodeDecodeError):
                where = "beside the post" if relative else f"in {self.site.includes_dir or 'no includes folder'}"
                state.warn(f"{{% {tag} {name} %}}: no such file {where}; the tag renders as nothing")
                return ""
            try:
                template = self.env.from_string(_RAW.sub(lambda m: m.group(2), source), name=name)
            except LiquidError as err:
                line = _line(err) or _guess_line(self.env, source, str(err.message))
                state.warn(f"{{% {tag} {name} %}}: Liquid error in {name}"
                           f"{f' at line {line}' if line else ''}: {err.message}; the tag renders as nothing")
                template = False
            self._includes[path] = template
        if template is False:
            return ""
        buf = StringIO()
        with context.extend({"include": params}, template=template):
            template.render_with_context(context, buf, partial=True)
        return buf.getvalue()

    # -- filters that need the engine ------------------------------------------------------------

    def _where_exp(self, items: Any, variable: Any, expression: Any) -> list:
        """Items for which the Liquid condition ``expression`` holds, the item named ``variable``."""
        condition = self._conditions.get(str(expression))
        if condition is None:
            condition = self.env.from_string("{% if " + str(expression) + " %}1{% endif %}")
            self._conditions[str(expression)] = condition
        name = jekyll_filters._text(variable)
        return [item for item in jekyll_filters._items(items)
                if condition.render(**self._globals, **{name: item}) == "1"]
