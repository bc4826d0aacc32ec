"""Command line: ``python -m mkdocs_blog_plugin new "Title" [options]``, also installed as ``blog-plugin``."""

from __future__ import annotations

import argparse
import sys
from typing import Sequence

from . import newpost


def build_parser(prog: str | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Tools for a blog made with the blog-plugin MkDocs plugin.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    new = commands.add_parser(
        "new",
        help="start a new post",
        description=(
            "Write <docs_dir>/<post_dir>/YYYY/MM/DD-<slug>.md with its front matter filled in, "
            "reading docs_dir and the blog-plugin's blog_dir and post_dir from mkdocs.yml. "
            "An existing file is never overwritten."
        ),
        epilog='example: %(prog)s "My first post" --tags mkdocs,notes --category Notes --draft',
    )
    newpost.add_arguments(new)
    new.set_defaults(run=newpost.run)
    return parser


def main(argv: Sequence[str] | None = None, prog: str | None = None) -> int:
    parser = build_parser(prog)
    args = parser.parse_args(argv)
    if getattr(args, "run", None) is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main(prog="python -m mkdocs_blog_plugin"))
