"""The new-post command: where it writes, what it writes, and that it never fails with a traceback."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import frontmatter
import pytest

from conftest import run_build
from test_build import entry, entry_titles, parse, write_project

from mkdocs_blog_plugin.__main__ import main
from mkdocs_blog_plugin.newpost import slugify, split_list

REPO = Path(__file__).resolve().parent.parent


def write_config(root: Path, text: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    config = root / "mkdocs.yml"
    config.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return config


def new(config: Path, *args: str) -> int:
    return main(["new", *args, "-f", str(config)])


def written(capsys) -> Path:
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1, out
    path = Path(out[0])
    return path if path.is_absolute() else Path.cwd() / path


MINIMAL = """
    site_name: Test
    plugins:
      - search
      - blog-plugin
"""


# --- Where the post goes ------------------------------------------------------------------------


def test_default_layout(tmp_path, capsys):
    config = write_config(tmp_path, MINIMAL)
    assert new(config, "My first post", "--date", "2025-03-07") == 0
    path = written(capsys)
    assert path.resolve() == (tmp_path / "docs/blog/posts/2025/03/07-my-first-post.md").resolve()
    post = frontmatter.load(path)
    assert post["title"] == "My first post"
    assert post["date"] == dt.date(2025, 3, 7)
    assert "draft" not in post.metadata


def test_layout_from_docs_dir_blog_dir_and_post_dir(tmp_path, capsys):
    config = write_config(tmp_path, """
        site_name: Test
        docs_dir: content
        plugins:
          - search
          - blog-plugin:
              blog_dir: news/
              post_dir: "{blog}/articles"
    """)
    assert new(config, "Release notes", "--date", "2024-12-31") == 0
    assert written(capsys).resolve() == (tmp_path / "content/news/articles/2024/12/31-release-notes.md").resolve()


def test_post_dir_without_placeholder_and_mapping_form_of_plugins(tmp_path, capsys):
    config = write_config(tmp_path, """
        site_name: Test
        plugins:
          search: {}
          blog-plugin:
            post_dir: writing
    """)
    assert new(config, "A note", "--date", "2024-01-02") == 0
    assert written(capsys).resolve() == (tmp_path / "docs/writing/2024/01/02-a-note.md").resolve()


def test_mkdocs_tags_do_not_get_in_the_way(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("BLOG_DIR_FOR_TEST", "journal")
    config = write_config(tmp_path, """
        site_name: Test
        site_url: !ENV [NO_SUCH_VARIABLE_HERE, "https://example.com/"]
        markdown_extensions:
          - pymdownx.emoji:
              emoji_index: !!python/name:material.extensions.emoji.twemoji
              emoji_generator: !!python/name:material.extensions.emoji.to_svg
        plugins:
          - search
          - blog-plugin:
              blog_dir: !ENV BLOG_DIR_FOR_TEST
    """)
    assert new(config, "Tagged", "--date", "2024-05-06") == 0
    assert written(capsys).resolve() == (tmp_path / "docs/journal/posts/2024/05/06-tagged.md").resolve()


def test_several_blogs_first_by_default_blog_chooses(tmp_path, capsys):
    config = write_config(tmp_path, """
        site_name: Test
        plugins:
          - blog-plugin:
              blog_dir: news
          - blog-plugin:
              blog_dir: diary
    """)
    assert new(config, "One", "--date", "2024-01-01") == 0
    assert "news/posts/2024/01/01-one.md" in written(capsys).as_posix()
    assert new(config, "Two", "--date", "2024-01-01", "--blog", "diary") == 0
    assert "diary/posts/2024/01/01-two.md" in written(capsys).as_posix()
    assert new(config, "Three", "--blog", "nowhere") == 1
    err = capsys.readouterr().err
    assert "nowhere" in err and "'news'" in err and "'diary'" in err


def test_mkdocs_yml_in_the_current_folder(tmp_path, capsys, monkeypatch):
    write_config(tmp_path, MINIMAL)
    monkeypatch.chdir(tmp_path)
    assert main(["new", "Here", "--date", "2023-02-03"]) == 0
    out = capsys.readouterr().out.strip()
    assert Path(out) == Path("docs/blog/posts/2023/02/03-here.md")
    assert (tmp_path / out).is_file()


def test_date_defaults_to_today(tmp_path, capsys):
    config = write_config(tmp_path, MINIMAL)
    before = dt.date.today()
    assert new(config, "Today") == 0
    path = written(capsys)
    day = frontmatter.load(path)["date"]
    assert before <= day <= dt.date.today()
    assert path.name == f"{day:%d}-today.md" and path.parent.name == f"{day:%m}"


# --- Slugs and front matter ---------------------------------------------------------------------


@pytest.mark.parametrize("title, slug", [
    ("Ünïcode Straße 日本", "ünïcode-straße-日本"),
    ("My first post", "my-first-post"),
    ("  Hello,   World!  ", "hello-world"),
    ("C++ & Rust: 2 languages", "c-rust-2-languages"),
    ("Ça va? Дa, ça va.", "ça-va-дa-ça-va"),
    ("e\u0301te\u0301", "été"),  # decomposed accents are composed
    ("!!!", ""),
])
def test_slugify(title, slug):
    assert slugify(title) == slug


def test_long_title_gives_a_short_file_name(tmp_path, capsys):
    assert slugify("word " * 100) == "-".join(["word"] * 16)
    assert len(slugify("日" * 300)) == 80
    config = write_config(tmp_path, MINIMAL)
    title = "日本語のとても長いタイトル" * 40
    assert new(config, title, "--date", "2025-01-05") == 0
    path = written(capsys)
    assert len(path.name.encode("utf-8")) < 255
    assert frontmatter.load(path)["title"] == title


def test_unicode_title_file_name_and_front_matter(tmp_path, capsys):
    config = write_config(tmp_path, MINIMAL)
    assert new(config, "Ünïcode Straße 日本", "--date", "2025-01-05") == 0
    path = written(capsys)
    assert path.name == "05-ünïcode-straße-日本.md"
    assert frontmatter.load(path)["title"] == "Ünïcode Straße 日本"


@pytest.mark.parametrize("title", [
    'Soil: what I got "wrong"',
    "#hashtag",
    "- not a list",
    "yes",
    "2024-01-01",
    "It's {curly} & [square] | pipe > gt % percent @ at `tick`",
    "tab\there",
])
def test_title_survives_yaml(tmp_path, capsys, title):
    config = write_config(tmp_path, MINIMAL)
    assert new(config, title, "--date", "2025-01-05") == 0
    expected = " ".join(title.split())
    assert frontmatter.load(written(capsys))["title"] == expected


def test_tags_categories_authors(tmp_path, capsys):
    config = write_config(tmp_path, MINIMAL)
    assert new(
        config, "Tools of the trade", "--date", "2025-01-05",
        "--tags", "a, b,,c", "--tag", "B", "--tag", "d e",
        "--category", "Garden Tools", "--category", "Notes,Tips",
        "--author", "ada", "--author", "bram",
    ) == 0
    post = frontmatter.load(written(capsys))
    assert post["tags"] == ["a", "b", "c", "d e"]
    assert post["categories"] == ["Garden Tools", "Notes", "Tips"]  # a list: one category with a space
    assert post["authors"] == ["ada", "bram"]


def test_split_list():
    assert split_list(None) == []
    assert split_list(["a,b", " c ", "A", ""]) == ["a", "b", "c"]
    assert split_list(["two  words"]) == ["two words"]


def test_draft_flag(tmp_path, capsys):
    config = write_config(tmp_path, MINIMAL)
    assert new(config, "Not yet", "--draft", "--date", "2025-01-05") == 0
    assert frontmatter.load(written(capsys))["draft"] is True


def test_body_has_an_excerpt_and_the_separator(tmp_path, capsys):
    config = write_config(tmp_path, MINIMAL)
    assert new(config, "Body", "--date", "2025-01-05") == 0
    content = frontmatter.load(written(capsys)).content
    before, separator, after = content.partition("<!-- more -->")
    assert separator and before.strip() and after.strip()


# --- Refusals and bad input ---------------------------------------------------------------------


def test_refuses_to_overwrite(tmp_path, capsys):
    config = write_config(tmp_path, MINIMAL)
    assert new(config, "Twice", "--date", "2025-01-05") == 0
    path = written(capsys)
    path.write_text("my own words\n", encoding="utf-8")
    assert new(config, "Twice", "--date", "2025-01-05", "--draft") == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "05-twice.md" in captured.err and "already exists" in captured.err
    assert "Traceback" not in captured.err
    assert path.read_text(encoding="utf-8") == "my own words\n"


@pytest.mark.parametrize("setup, title, message", [
    (None, "Post", "no mkdocs.yml"),
    ("site_name: [unclosed\n", "Post", "not valid YAML"),
    ("- just\n- a list\n", "Post", "should be a YAML mapping"),
    ("site_name: x\nplugins:\n  - search\n", "Post", "no `blog-plugin`"),
    ("site_name: x\nplugins:\n  - blog-plugin:\n      blog_dir: [a]\n", "Post", "blog_dir"),
    ("site_name: x\nplugins:\n  - blog-plugin:\n      post_dir: '{nope}/x'\n", "Post", "{blog}"),
    (MINIMAL, "", "title is empty"),
    (MINIMAL, "   ", "title is empty"),
    (MINIMAL, "?!", "no letter or digit"),
])
def test_bad_input_one_message_no_traceback(tmp_path, capsys, setup, title, message):
    config = tmp_path / "mkdocs.yml"
    if setup is not None:
        config.write_text(textwrap.dedent(setup), encoding="utf-8")
    assert new(config, title) == 1
    captured = capsys.readouterr()
    assert message in captured.err
    assert captured.err.startswith("error: ")
    assert "Traceback" not in captured.err
    assert not (tmp_path / "docs").exists()


def test_bad_date_is_a_usage_error(tmp_path, capsys):
    config = write_config(tmp_path, MINIMAL)
    with pytest.raises(SystemExit) as exit_info:
        new(config, "Post", "--date", "2025-13-01")
    assert exit_info.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_help_lists_the_options(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["new", "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for option in ("--tags", "--category", "--draft", "--date", "--author", "-f", "--blog"):
        assert option in out


def test_no_command_shows_help(capsys):
    assert main([]) == 2
    assert "new" in capsys.readouterr().err


# --- Through the command line, and into a built site ---------------------------------------------


def run_module(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.run(
        [sys.executable, "-m", "mkdocs_blog_plugin", *args],
        cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=60,
    )


def test_python_dash_m(tmp_path):
    write_config(tmp_path, MINIMAL)
    result = run_module("new", "From the shell", "--tags", "x,y", "--date", "2025-02-03", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == os.path.join("docs", "blog", "posts", "2025", "02", "03-from-the-shell.md")
    assert frontmatter.load(tmp_path / result.stdout.strip())["tags"] == ["x", "y"]

    again = run_module("new", "From the shell", "--date", "2025-02-03", cwd=tmp_path)
    assert again.returncode == 1 and "already exists" in again.stderr and "Traceback" not in again.stderr

    missing = run_module("new", "Anything", cwd=tmp_path / "docs")
    assert missing.returncode == 1 and "no mkdocs.yml" in missing.stderr and "Traceback" not in missing.stderr

    usage = run_module("new", "--help", cwd=tmp_path)
    assert usage.returncode == 0 and "--category" in usage.stdout and "python -m mkdocs_blog_plugin" in usage.stdout


def test_new_post_shows_on_the_blog_index(tmp_path, capsys, monkeypatch):
    project = write_project(tmp_path / "project", {
        "index.md": "# Home\n",
        "blog/posts/old.md": "---\ndate: 2020-01-01\n---\n\n# An old post\n\nOld news.\n",
    })
    monkeypatch.chdir(project)
    assert main([
        "new", "Ünïcode Straße 日本", "--tags", "a,b", "--category", "Garden Tools", "--date", "2025-01-05",
    ]) == 0
    assert main(["new", "Work in progress", "--draft"]) == 0
    capsys.readouterr()
    site = run_build(project)
    index = parse(site.path("blog/index.html"))
    assert entry_titles(index) == ["Ünïcode Straße 日本", "An old post"]  # newest first; the draft left out
    article = entry(index, "Ünïcode Straße 日本")
    assert "One or two sentences" in article.get_text()
    assert [a.get_text(strip=True) for a in article.select("a.blog-category")] == ["Garden Tools"]
    assert site.exists("blog/tags/a/") and site.exists("blog/category/garden-tools/")
