"""Start a new post: ``python -m mkdocs_blog_plugin new "Title"`` (or ``blog-plugin new "Title"``).

The command reads mkdocs.yml only as far as it needs to: ``docs_dir`` and the ``blog_dir`` and
``post_dir`` options of the ``blog-plugin`` entry. It does not load MkDocs' configuration (that
would import every plugin and theme); a tolerant YAML loader reads the file instead, so the
``!ENV`` and ``!!python/name:`` tags MkDocs sites use do not get in the way.

The post goes to ``<docs_dir>/<post_dir>/YYYY/MM/DD-<slug>.md`` with its front matter filled in,
an excerpt placeholder and the excerpt separator. An existing file is never overwritten.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import yaml

PLUGIN = "blog-plugin"
DEFAULT_BLOG_DIR = "blog"
DEFAULT_POST_DIR = "{blog}/posts"
DEFAULT_DOCS_DIR = "docs"
SEPARATOR = "<!-- more -->"


class NewPostError(Exception):
    """A problem with the user's input: reported as one line, never as a traceback."""


# --- Reading mkdocs.yml ----------------------------------------------------------------------


class _TolerantLoader(yaml.SafeLoader):
    """A safe loader that reads any tag: ``!ENV`` is resolved, every other tag is ignored."""


def _env(loader: _TolerantLoader, node: yaml.Node) -> Any:
    # MkDocs' forms: `!ENV NAME` and `!ENV [NAME, OTHER_NAME, default]`.
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(loader.construct_scalar(node))
    if isinstance(node, yaml.SequenceNode):
        items = loader.construct_sequence(node, deep=True)
        for name in items[:-1]:
            if isinstance(name, str) and name in os.environ:
                return os.environ[name]
        if items and isinstance(items[-1], str) and items[-1] in os.environ:
            return os.environ[items[-1]]
        return items[-1] if len(items) > 1 else None
    return None


def _any_tag(loader: _TolerantLoader, suffix: str, node: yaml.Node) -> Any:
    # `!!python/name:material.extensions.emoji.twemoji` and friends: keep the plain value.
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_mapping(node, deep=True)


_TolerantLoader.add_constructor("!ENV", _env)
_TolerantLoader.add_multi_constructor("", _any_tag)


@dataclass
class BlogLayout:
    """Where a site keeps its posts."""

    config_file: Path
    docs_dir: Path
    blog_dir: str
    post_dir: str

    @property
    def posts_root(self) -> Path:
        return self.docs_dir / self.post_dir if self.post_dir else self.docs_dir


def _plugin_entries(plugins: Any) -> list[dict]:
    """The option mappings of every ``blog-plugin`` entry (``{}`` for a bare ``- blog-plugin``)."""
    if isinstance(plugins, dict):  # MkDocs also accepts `plugins:` as a mapping
        plugins = [{name: options} for name, options in plugins.items()]
    if not isinstance(plugins, list):
        return []
    entries = []
    for item in plugins:
        if isinstance(item, str) and item.strip() == PLUGIN:
            entries.append({})
        elif isinstance(item, dict):
            for name, options in item.items():
                if isinstance(name, str) and name.strip() == PLUGIN:
                    entries.append(options if isinstance(options, dict) else {})
    return entries


def _norm_dir(value: Any, option: str, config_file: Path) -> str:
    if not isinstance(value, str):
        raise NewPostError(f"{config_file}: `{option}` of {PLUGIN} should be a folder name, not {value!r}")
    return value.strip().strip("/")


def read_layout(config_file: Path, blog: str | None = None) -> BlogLayout:
    """Read docs_dir, blog_dir and post_dir from ``config_file``."""
    try:
        text = config_file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise NewPostError(
            f"no {config_file.name} in {config_file.resolve().parent}: run this in the folder of your "
            f"mkdocs.yml, or give it with -f path/to/mkdocs.yml"
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise NewPostError(f"cannot read {config_file}: {error}") from None
    try:
        config = yaml.load(text, Loader=_TolerantLoader)
    except yaml.YAMLError as error:
        where = getattr(error, "problem_mark", None)
        line = f" (line {where.line + 1}, column {where.column + 1})" if where else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise NewPostError(f"{config_file} is not valid YAML{line}: {problem}") from None
    if not isinstance(config, dict):
        raise NewPostError(f"{config_file} should be a YAML mapping (site_name: ..., plugins: ...)")

    entries = _plugin_entries(config.get("plugins"))
    if not entries:
        raise NewPostError(
            f"{config_file} has no `{PLUGIN}` under `plugins:`; add it first:\n"
            f"plugins:\n  - search\n  - {PLUGIN}"
        )
    layouts = []
    for options in entries:
        blog_dir = _norm_dir(options.get("blog_dir", DEFAULT_BLOG_DIR), "blog_dir", config_file)
        post_dir = options.get("post_dir", DEFAULT_POST_DIR)
        if not isinstance(post_dir, str):
            raise NewPostError(f"{config_file}: `post_dir` of {PLUGIN} should be a folder name, not {post_dir!r}")
        try:
            post_dir = post_dir.format(blog=blog_dir)
        except (KeyError, IndexError, ValueError):
            raise NewPostError(
                f"{config_file}: `post_dir: {post_dir}` of {PLUGIN}: only the placeholder {{blog}} is known"
            ) from None
        layouts.append((blog_dir, post_dir.strip().strip("/")))

    if blog is not None:
        wanted = blog.strip().strip("/")
        chosen = [layout for layout in layouts if layout[0] == wanted]
        if not chosen:
            known = ", ".join(repr(b or "/") for b, _ in layouts)
            raise NewPostError(f"{config_file}: no {PLUGIN} entry has blog_dir {blog!r} (there is {known})")
        blog_dir, post_dir = chosen[0]
    else:
        blog_dir, post_dir = layouts[0]

    docs_dir = config.get("docs_dir", DEFAULT_DOCS_DIR)
    if not isinstance(docs_dir, str) or not docs_dir.strip():
        raise NewPostError(f"{config_file}: `docs_dir` should be a folder name, not {docs_dir!r}")
    docs = Path(docs_dir)
    if not docs.is_absolute():
        docs = config_file.parent / docs
    return BlogLayout(config_file, docs, blog_dir, post_dir)


# --- Writing the post -------------------------------------------------------------------------


MAX_SLUG = 80  # characters; a file name stays well under the usual 255-byte limit even in CJK


def slugify(title: str, separator: str = "-", max_length: int = MAX_SLUG) -> str:
    """Lower case, letters and digits of any script kept, everything else one separator.

    ``"Ünïcode Straße 日本"`` -> ``"ünïcode-straße-日本"``. A long title is cut at a separator.
    """
    text = unicodedata.normalize("NFC", title).lower()
    out: list[str] = []
    pending = False
    for char in text:
        kind = unicodedata.category(char)
        if kind[0] in "LN" or (kind[0] == "M" and out):  # letters, digits, accents on a letter
            if pending and out:
                out.append(separator)
            pending = False
            out.append(char)
        else:
            pending = True
    slug = "".join(out)
    if len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut.rsplit(separator, 1)[0] if separator in cut[1:] else slug[:max_length]
    return slug


def split_list(values: Sequence[str] | None) -> list[str]:
    """``["a,b", " c "]`` -> ``["a", "b", "c"]``: commas separate, blanks and repeats drop."""
    items: list[str] = []
    for value in values or ():
        for item in value.split(","):
            item = " ".join(item.split())
            if item and item.lower() not in (i.lower() for i in items):
                items.append(item)
    return items


def _scalar(value: str) -> str:
    """One YAML double-quoted scalar: safe whatever the text (colons, quotes, #, leading -)."""
    return yaml.safe_dump(value, default_style='"', allow_unicode=True, width=1 << 30).strip()


def _flow_list(values: list[str]) -> str:
    return "[" + ", ".join(_scalar(v) for v in values) + "]"


def render_post(
    title: str,
    date: dt.date,
    *,
    categories: list[str] = (),
    tags: list[str] = (),
    authors: list[str] = (),
    draft: bool = False,
) -> str:
    lines = ["---", f"title: {_scalar(title)}", f"date: {date.isoformat()}"]
    if authors:
        lines.append(f"authors: {_flow_list(list(authors))}")
    if categories:
        lines.append(f"categories: {_flow_list(list(categories))}")
    if tags:
        lines.append(f"tags: {_flow_list(list(tags))}")
    if draft:
        lines.append("draft: true")
    lines += [
        "---",
        "",
        "One or two sentences that sum up the post. This paragraph is the excerpt: the blog",
        "index, the category and archive pages and the feeds show it, with a link to the rest.",
        "",
        SEPARATOR,
        "",
        "The rest of the post, shown on the post's own page only.",
        "",
    ]
    return "\n".join(lines)


def post_path(layout: BlogLayout, date: dt.date, slug: str) -> Path:
    return layout.posts_root / f"{date:%Y}" / f"{date:%m}" / f"{date:%d}-{slug}.md"


def new_post(
    title: str,
    *,
    config_file: Path,
    date: dt.date | None = None,
    categories: list[str] = (),
    tags: list[str] = (),
    authors: list[str] = (),
    draft: bool = False,
    blog: str | None = None,
) -> Path:
    """Write the new post and return its path; :class:`NewPostError` on bad input."""
    title = " ".join(title.split())
    if not title:
        raise NewPostError('the title is empty: give one, e.g. new "My first post"')
    slug = slugify(title)
    if not slug:
        raise NewPostError(f"the title {title!r} has no letter or digit to make a file name from")
    layout = read_layout(config_file, blog)
    date = date or dt.date.today()
    path = post_path(layout, date, slug)
    text = render_post(title, date, categories=categories, tags=tags, authors=authors, draft=draft)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite
            handle.write(text)
    except FileExistsError:
        raise NewPostError(f"{path} already exists; not overwriting it (choose another title or --date)") from None
    except OSError as error:
        raise NewPostError(f"cannot write {path}: {error.strerror or error}") from None
    return path


# --- Command line ------------------------------------------------------------------------------


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date of the form YYYY-MM-DD") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("title", help='the post\'s title, e.g. "My first post"')
    parser.add_argument(
        "--tags", "--tag", action="append", metavar="A,B", help="tags, separated by commas (repeatable)"
    )
    parser.add_argument(
        "--category", "--categories", action="append", metavar="NAME",
        help="a category; several separated by commas (repeatable). A name may contain spaces.",
    )
    parser.add_argument(
        "--author", "--authors", action="append", metavar="ID",
        help="an author id from .authors.yml, or a name; several separated by commas (repeatable)",
    )
    parser.add_argument("--draft", action="store_true", help="mark the post `draft: true` (left out of `mkdocs build`)")
    parser.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="the post's date (default: today)")
    parser.add_argument(
        "-f", "--config-file", type=Path, metavar="FILE", default=None,
        help="the site's mkdocs.yml (default: mkdocs.yml in the current folder)",
    )
    parser.add_argument(
        "--blog", metavar="DIR",
        help="with several blog-plugin entries: the blog_dir of the one to use (default: the first)",
    )


def run(args: argparse.Namespace) -> int:
    config_file = args.config_file or Path("mkdocs.yml")
    try:
        path = new_post(
            args.title,
            config_file=config_file,
            date=args.date,
            categories=split_list(args.category),
            tags=split_list(args.tags),
            authors=split_list(args.author),
            draft=args.draft,
            blog=args.blog,
        )
    except NewPostError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    try:
        shown = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        shown = str(path)
    try:
        print(shown)
    except UnicodeEncodeError:  # a console that cannot show the title's script
        print(shown.encode("ascii", "backslashreplace").decode("ascii"))
    return 0
