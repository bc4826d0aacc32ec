"""The README's "Add a blog to your site" steps, followed literally on a minimal MkDocs site.

The commands and the YAML come from the README's code blocks under that heading, so the test fails
when the README drifts from what works.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path

import logging

import yaml

from conftest import TOOL, write_tree
from test_build import entry_titles, parse

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")
BIN = "Scripts" if os.name == "nt" else "bin"


def section(heading: str) -> str:
    start = README.index(f"\n## {heading}\n")
    end = README.find("\n## ", start + 1)
    return README[start:end if end != -1 else None]


def steps() -> dict[int, str]:
    """The text of each numbered step, ``**1. ...`` up to the next."""
    text = section("Add a blog to your site")
    parts = re.split(r"^\*\*(\d)\. ", text, flags=re.M)
    found = {int(number): body for number, body in zip(parts[1::2], parts[2::2])}
    assert sorted(found) == [1, 2, 3, 4, 5], f"the README should have steps 1-5, has {sorted(found)}"
    return found


def blocks(text: str, language: str) -> list[str]:
    return [textwrap.dedent(b) for b in re.findall(rf"^[ \t]*```{language}\n(.*?)^[ \t]*```", text, flags=re.M | re.S)]


def commands(text: str) -> list[list[str]]:
    return [shlex.split(line) for block in blocks(text, "sh") for line in block.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def run(args: list[str], cwd: Path, env: dict) -> subprocess.CompletedProcess:
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert result.returncode == 0, f"{args} failed:\n{result.stdout}\n{result.stderr}"
    return result


def test_readme_steps_give_a_reachable_blog(tmp_path):
    step = steps()
    site = tmp_path / "site-project"
    write_tree(site, {"docs/index.md": "# My site\n\nHello.\n", "docs/about.md": "# About\n"})
    config = {
        "site_name": "My site",
        "site_url": "https://example.com/",
        "theme": {"name": "mkdocs"},
        "nav": [{"Home": "index.md"}, {"About": "about.md"}],  # an explicit nav, no blog yet
    }
    (site / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    env.update(NO_MKDOCS_2_WARNING="1", PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1")

    # 1. A virtual environment, made as the README says.
    make, activate = commands(step[1])
    assert make[1:] == ["-m", "venv", ".venv"] and make[0].startswith("python") and activate[0] == "."
    # This interpreter instead of `python3`: the venv must match the Python the dependencies below
    # were installed for.
    run([sys.executable, *make[1:]], site, env)
    venv = site / ".venv"
    python = venv / BIN / ("python.exe" if os.name == "nt" else "python")
    # `. .venv/bin/activate` only puts the venv first on PATH; do that here.
    env["VIRTUAL_ENV"] = str(venv)
    env["PATH"] = str(venv / BIN) + os.pathsep + env.get("PATH", "")

    # The README's install pulls MkDocs and the other dependencies from PyPI. To keep this test fast
    # and working offline, the fresh venv borrows the dependencies already installed for the test
    # run through a .pth file, and pip installs only the checkout itself (--no-deps). A
    # `--system-site-packages` venv would not do: it sees the base interpreter's packages, not those
    # of the virtual environment the tests usually run in. The checkout is still installed for real
    # (not in editable mode), so its console script and its package data are what pip produced.
    purelib = run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], site, env)
    borrowed = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    Path(purelib.stdout.strip(), "_borrowed_test_dependencies.pth").write_text(
        "\n".join(sorted(borrowed)) + "\n", encoding="utf-8")

    # 2. Install from a checkout.
    (install,) = commands(step[2])
    assert install[:2] == ["pip", "install"] and install[-1] == "/path/to/checkout", install
    run([str(python), "-m", "pip", "install", "-q", "--no-deps", *install[2:-1], str(REPO)], site, env)
    where = run([str(python), "-c", "import mkdocs_blog_plugin; print(mkdocs_blog_plugin.__file__)"], site, env)
    assert Path(where.stdout.strip()).resolve().is_relative_to(venv.resolve()), where.stdout

    # 3. The plugins entry, merged into mkdocs.yml.
    (plugins,) = blocks(step[3], "yaml")
    config.update(yaml.safe_load(plugins))
    assert "search" in config["plugins"]
    # 4. The nav entry: the README's nav has the blog; add the entries this site lacks.
    (nav,) = blocks(step[4], "yaml")
    for item in yaml.safe_load(nav)["nav"]:
        if item not in config["nav"]:
            config["nav"].append(item)
    (site / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")

    # 5. The first post, with the command (the console script pip put into the venv) ...
    (new,) = commands(step[5])
    assert new[0] == "blog-plugin"
    script = venv / BIN / new[0]
    written = run([str(script), *new[1:]], site, env).stdout.strip()
    assert re.fullmatch(r"docs/blog/posts/\d{4}/\d\d/\d\d-my-first-post\.md", Path(written).as_posix()), written
    assert new[1] == "new"
    title = new[2]
    # ... and by hand, at the path the README gives.
    (by_hand,) = blocks(step[5], "markdown")
    hand_path = re.search(r"`(docs/blog/posts/[\w./-]+\.md)`", step[5]).group(1)
    write_tree(site, {hand_path: by_hand})
    hand_title = yaml.safe_load(by_hand.split("---")[1])["title"]

    # mkdocs build --strict, in the venv.
    run([str(python), "-m", TOOL, "build", "--strict"], site, env)
    out = site / "site"
    home = parse(out / "index.html")
    assert any(a.get("href") in ("blog/", "blog/index.html") for a in home.find_all("a")), "no link to the blog"
    listed = entry_titles(parse(out / "blog/index.html"))
    assert title in listed and hand_title in listed, listed
    assert listed.index(title) < listed.index(hand_title)  # newest first: today's post on top
    assert (out / "blog/feed.xml").is_file()


def test_readme_common_settings_block_builds(tmp_path):
    """The "Common settings" YAML is a working configuration."""
    from conftest import run_build

    text = section("Common settings")
    settings, authors = blocks(text, "yaml")[:2]
    config = {"site_name": "Settings", "theme": {"name": "mkdocs"}, **yaml.safe_load(settings)}
    options = config["plugins"][1]["blog-plugin"]
    options["authors_profiles"] = True
    blog = options["blog_dir"]
    write_tree(tmp_path, {
        "docs/index.md": "# Home\n",
        f"docs/{blog}/.authors.yml": authors,
        "docs/images/ada.png": b"\x89PNG\r\n\x1a\n",
        f"docs/{blog}/posts/a.md": "---\ndate: 2024-01-31\nauthors: [ada]\n---\n\n# A post\n\nHi.\n",
    })
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    site = run_build(tmp_path, strict=True)
    assert site.exists(f"{blog}/a-post/") and site.exists(f"{blog}/author/ada/")
    assert "Jan 31, 2024" in site.html(f"{blog}/")


def test_readme_keeps_the_contributor_commands():
    text = section("Set up (two commands)")
    assert 'pip install -e ".[example]" && mkdocs serve -f example_site/mkdocs.yml' in text
    assert 'pip install -e ".[test]" && pytest' in text


class _Info(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.INFO)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def test_first_strict_build_without_site_url_and_blog_outside_nav(build_site):
    from conftest import LOGGER_NAMES, listening

    loggers = [logging.getLogger(name) for name in LOGGER_NAMES]
    levels = [logger.level for logger in loggers]
    for logger in loggers:  # INFO lines reach handlers only when the loggers let them through
        logger.setLevel(logging.INFO)
    try:
        with listening(_Info()) as info:
            site = build_site(
                {"index.md": "# Home\n", "blog/posts/a.md": "---\ndate: 2024-01-31\n---\n\n# A\n\nHi.\n"},
                site_url=None, nav=[{"Home": "index.md"}], strict=True,
            )
    finally:
        for logger, level in zip(loggers, levels):
            logger.setLevel(level)
    assert site.warnings == []
    assert any("site_url" in m for m in info.messages), info.messages
    assert any("blog/index.md" in m for m in info.messages), info.messages
