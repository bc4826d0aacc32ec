"""Shared helpers: build a real site into tmp_path with MkDocs' own build API and read it back.

``build_site(docs={...}, **config)`` writes the docs files, builds, and returns a ``Site``.
Every warning logged during the build is recorded; a test fails if a warning it did not
declare with ``expect_warnings=[...]`` (substrings) shows up, or a declared one does not.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
import os
import textwrap
from collections import Counter
from urllib.parse import unquote, urlsplit
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

import mkdocs
import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

THEMES = ("mkdocs", "readthedocs", "material")

#: The tool the tests run on: "mkdocs", or "properdocs" when ProperDocs provides the ``mkdocs``
#: module (``pytest -p properdocs.replacement``). Its command line: ``python -m <TOOL> build``.
TOOL = mkdocs.__name__
#: The loggers a build writes to (ProperDocs logs under "properdocs").
LOGGER_NAMES = ("mkdocs", "properdocs")


@contextmanager
def listening(handler: logging.Handler):
    """Attach ``handler`` to every logger a build writes to, for the ``with`` block."""
    loggers = [logging.getLogger(name) for name in LOGGER_NAMES]
    for logger in loggers:
        logger.addHandler(handler)
    try:
        yield handler
    finally:
        for logger in loggers:
            logger.removeHandler(handler)


class _Recorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@dataclass
class Site:
    root: Path  # the project folder (mkdocs.yml, docs/)
    site_dir: Path
    config: Any
    warnings: list[str] = field(default_factory=list)

    def path(self, url: str) -> Path:
        """The output file for a site-relative URL such as ``blog/`` or ``blog/index.html``."""
        url = url.split("#", 1)[0].split("?", 1)[0]
        target = self.site_dir / url
        if url == "" or url.endswith("/"):
            target = target / "index.html"
        return target

    def exists(self, url: str) -> bool:
        return self.path(url).is_file()

    def html(self, url: str) -> str:
        return self.path(url).read_text(encoding="utf-8")

    def soup(self, url: str) -> BeautifulSoup:
        return BeautifulSoup(self.html(url), "html.parser")

    def pages(self) -> list[Path]:
        return sorted(self.site_dir.rglob("*.html"))


def write_tree(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")


def run_build(
    project: Path,
    *,
    expect_warnings: list[str] = (),
    command: str = "build",
    site_dir: Path | None = None,
    **overrides: Any,
) -> Site:
    """Build the project at ``project`` (with mkdocs.yml) and check the warnings."""
    kwargs = dict(overrides)
    if site_dir is not None:
        kwargs["site_dir"] = str(site_dir)
    config = load_config(config_file=str(project / "mkdocs.yml"), **kwargs)
    recorder = _Recorder()
    # ProperDocs logs under "properdocs" (its `mkdocs` module is an alias): listen to both.
    loggers = [logging.getLogger(name) for name in LOGGER_NAMES]
    for logger in loggers:
        logger.addHandler(recorder)
    try:
        config.plugins.on_startup(command=command, dirty=False)
        # `mkdocs serve` passes its address; drafts are then built and marked as drafts.
        build(config, serve_url="http://127.0.0.1:8000/" if command == "serve" else None)
        config.plugins.on_shutdown()
    finally:
        for logger in loggers:
            logger.removeHandler(recorder)
    return check_warnings(Site(project, Path(config.site_dir), config, recorder.messages), expect_warnings)


def check_warnings(site: Site, expect_warnings: Iterable[str]) -> Site:
    """Fail on a warning that is not expected, and on an expected one that did not come."""
    unexpected = [m for m in site.warnings if not any(e in m for e in expect_warnings)]
    assert not unexpected, f"unexpected warnings: {unexpected}"
    for expected in expect_warnings:
        assert any(expected in m for m in site.warnings), f"missing warning {expected!r} in {site.warnings}"
    return site


@pytest.fixture
def build_site(tmp_path: Path) -> Callable[..., Site]:
    """``build_site(docs={"blog/posts/a.md": "..."}, theme="mkdocs", plugin={...}, **config)``."""

    counter = iter(range(1000))

    def _build(
        docs: dict[str, str | bytes],
        *,
        theme: str | dict = "mkdocs",
        plugin: dict | None = None,
        plugins: list | None = None,
        expect_warnings: list[str] = (),
        command: str = "build",
        **config: Any,
    ) -> Site:
        project = tmp_path / f"project{next(counter)}"
        project.mkdir()
        write_tree(project / "docs", docs)
        cfg = {
            "site_name": "Test site",
            "site_url": "https://example.com/",
            "theme": theme if isinstance(theme, dict) else {"name": theme},
            "plugins": plugins if plugins is not None else ["search", {"blog-plugin": plugin or {}}],
        }
        cfg.update(config)
        (project / "mkdocs.yml").write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
        return run_build(project, expect_warnings=expect_warnings, command=command)

    return _build


# -- reading a built site ----------------------------------------------------------------------

_URL_ATTRS = (("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"), ("source", "src"),
              ("img", "srcset"), ("source", "srcset"))
_soups: dict[tuple, BeautifulSoup] = {}


def parse(path: Path) -> BeautifulSoup:
    """The parsed page, cached while the file stays the same (a rebuild writes a new one)."""
    stat = path.stat()
    key = (path, stat.st_mtime_ns, stat.st_size)
    soup = _soups.get(key)
    if soup is None:
        soup = _soups[key] = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return soup


def target_of(site_dir: Path, page: Path, url: str) -> tuple[Path, str] | None:
    """The file an internal URL on ``page`` points to and its fragment; None when external or ``#x``."""
    url = url.strip()
    if not url or url.startswith("#"):
        return None
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    base = site_dir if path.startswith("/") else page.parent
    target = Path(os.path.normpath(base / path.lstrip("/"))) if path else page
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


def ids_of(path: Path) -> set[str]:
    soup = parse(path)
    found = {tag["id"] for tag in soup.find_all(id=True)}
    found |= {tag["name"] for tag in soup.find_all("a", attrs={"name": True})}
    return found


def link_problems(site_dir: Path, page: Path, *, fragments: bool = True) -> list[str]:
    """Internal href/src on ``page`` that point to no file (or, for ``page#id``, to no such id)."""
    problems = []
    soup = parse(page)
    for tag_name, attr in _URL_ATTRS:
        for tag in soup.find_all(tag_name, attrs={attr: True}):
            values = [tag[attr]]
            if attr == "srcset":
                values = [item.strip().split()[0] for item in tag[attr].split(",") if item.strip()]
            for value in values:
                found = target_of(site_dir, page, value)
                if found is None:
                    continue
                target, fragment = found
                where = f"{page.relative_to(site_dir)}: {tag_name}[{attr}]={value!r}"
                if not target.is_file():
                    problems.append(f"{where} -> missing {target.relative_to(site_dir) if target.is_relative_to(site_dir) else target}")
                elif fragments and fragment and target.suffix == ".html" and unquote(fragment) not in ids_of(target):
                    problems.append(f"{where} -> no id {fragment!r} there")
    return problems


def repeated_ids(page: Path) -> list[str]:
    counts = Counter(tag["id"] for tag in parse(page).find_all(id=True))
    return sorted(i for i, n in counts.items() if n > 1)


def follow(site: Site, page: Path, href: str) -> Path:
    """The file a link on ``page`` leads to; fails the test when it leads nowhere."""
    found = target_of(site.site_dir, page, href)
    assert found is not None, f"{href!r} on {page} is not an internal link"
    target = found[0]
    assert target.is_file(), f"{href!r} on {page.relative_to(site.site_dir)} points to a missing file"
    return target


def main_content(soup: BeautifulSoup, theme: str):
    """The element each theme wraps the page's content in."""
    selector = {
        "mkdocs": "div[role=main]",
        "readthedocs": "div.rst-content div[role=main]",
        "material": "article.md-content__inner",
    }[theme]
    found = soup.select_one(selector)
    assert found is not None, f"no {selector} in the page: the theme's main template was not used"
    return found


def h1_texts(element) -> list[str]:
    return [h.get_text(" ", strip=True).rstrip("¶").strip() for h in element.find_all("h1")]


def entry_titles(soup: BeautifulSoup) -> list[str]:
    """The posts a listing shows, in order: entries with excerpts, or one-line items (tag pages)."""
    return [a.get_text(strip=True) for a in soup.select(
        "article.blog-entry .blog-entry-title a, ul.blog-compact > li > a")]


def entry(soup: BeautifulSoup, title: str):
    for article in soup.select("article.blog-entry"):
        if article.select_one(".blog-entry-title a").get_text(strip=True) == title:
            return article
    raise AssertionError(f"no entry {title!r} on the page; entries: {entry_titles(soup)}")


def blog_pages(site: Site) -> list[Path]:
    return sorted((site.site_dir / "blog").rglob("*.html"))


def page_url(site: Site, url: str) -> Path:
    """``blog/page/2/`` in either URL style: the directory's index.html, or ``blog/page/2.html``."""
    directory = site.site_dir / url / "index.html"
    if directory.is_file():
        return directory
    flat = site.site_dir / (url.rstrip("/") + ".html")
    assert flat.is_file(), f"neither {directory} nor {flat} exists"
    return flat


def listing_pages(site: Site) -> list[Path]:
    """Page 1 of the blog index, then every page reached through 'Older posts'."""
    page = site.path("blog/")
    pages = [page]
    while True:
        older = parse(page).select_one("nav.blog-pagination a.blog-pagination-older")
        if older is None:
            return pages
        page = follow(site, page, older["href"])
        assert page not in pages, "pagination loops"
        pages.append(page)


def post_file(site: Site, title: str) -> Path:
    for page in listing_pages(site):
        for link in parse(page).select(".blog-entry-title a"):
            if link.get_text(strip=True) == title:
                return follow(site, page, link["href"])
    raise AssertionError(f"post {title!r} is not listed")


def post(title: str, date: str, *, categories=(), tags=(), authors=(), extra: str = "", body: str = "") -> str:
    """A post file: front matter with these values (``extra``: more front matter lines), then
    ``body`` (by default one line naming the post)."""
    import json

    lines = ["---", f"title: {json.dumps(title)}", f"date: {date}"]
    for key, values in (("categories", categories), ("tags", tags), ("authors", authors)):
        if values:
            lines.append(f"{key}: {json.dumps(list(values))}")
    if extra:
        lines.append(extra.strip("\n"))
    lines += ["---", "", body or f"About {title}.", ""]
    return "\n".join(lines)


def theme_renders(monkeypatch) -> list[str]:
    """The pages the theme's templates render from here on (``src_uri``; MkDocs' page context:
    nav, config, page), not those a serve rebuild takes from the last one."""
    import jinja2

    rendered: list[str] = []
    real = jinja2.Template.render

    def spy(self, *args, **kwargs):
        context = args[0] if args else kwargs
        if isinstance(context, dict) and "nav" in context and context.get("page") is not None:
            rendered.append(context["page"].file.src_uri)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Template, "render", spy)
    return rendered
