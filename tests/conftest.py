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
