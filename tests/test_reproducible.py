"""Reproducible builds: the same input gives the same site, byte for byte, feeds and search index
included, whatever folder it is built into and whatever hash seed the Python process got.

Each build runs through the real command line in its own process with its own ``PYTHONHASHSEED``,
so output that depends on the iteration order of a set or dict of strings shows up as a difference.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import TOOL, write_tree

POSTS = {
    "index.md": "# Home\n\nWelcome.\n",
    "about.md": "# About\n",
    "blog/index.md": "# Blog\n\nNotes from the garden.\n",
    "blog/.authors.yml": """\
        authors:
          ana:
            name: Ana Núñez
            description: Gardener
            avatar: https://example.com/ana.png
          bo:
            name: Bo
            description: Writer
            avatar: img/bo.png
        """,
    "blog/img/bo.png": b"\x89PNG\r\n\x1a\n",
}
for i in range(1, 13):
    POSTS[f"blog/posts/2024-{(i % 12) + 1:02d}-{(i % 27) + 1:02d}-post-{i}.md"] = f"""\
        ---
        title: "Post {i}: Ärger & <Freude>"
        authors: [{"ana" if i % 2 else "bo"}]
        categories: [{["Garden", "Kitchen", "Café", "Zebra"][i % 4]}, {["Tools", "Seeds"][i % 2]}]
        tags: [{", ".join(sorted({"C++", "C#", "C", "日本語", "alpha", "beta", "gamma", "δέλτα"} - {["alpha", "beta", "C"][i % 3]}))}]
        {"pin: true" if i == 5 else ""}
        ---
        Intro of post {i} with a [link](../../about.md) and ![image](../img/bo.png).

        <!-- more -->

        ## Details {i}

        Body text {i}. Footnote[^1].

        [^1]: A footnote.
        """
POSTS["blog/posts/undated.md"] = "# Undated post\n\nNo date anywhere: the file's own date is used.\n"
POSTS["blog/posts/draft.md"] = "---\ntitle: Draft\ndate: 2024-06-01\ndraft: true\n---\nNot yet.\n"
POSTS["blog/posts/same-day-b.md"] = "---\ntitle: Same day B\ndate: 2024-03-03\n---\nB.\n"
POSTS["blog/posts/same-day-a.md"] = "---\ntitle: Same day A\ndate: 2024-03-03\n---\nA.\n"

#: MkDocs itself stamps every build with the time it ran: the <lastmod> of every page in
#: sitemap.xml and the gzip header of sitemap.xml.gz (the build day), and, with the mkdocs theme,
#: a "Build Date UTC" comment to the second in the home page. Building the same input with two
#: different SOURCE_DATE_EPOCH values changes exactly those files and nothing the plugin writes.
#: MkDocs reads this variable so that builds can be reproduced, so the test sets it.
SOURCE_DATE_EPOCH = "1717243200"  # 2024-06-01T12:00:00Z


def _project(root: Path, theme: str) -> Path:
    write_tree(root / "docs", POSTS)
    # The undated post gets its date from the file: fix it, so it is part of the input.
    os.utime(root / "docs/blog/posts/undated.md", (1700000000, 1700000000))
    config = {
        "site_name": "Reproducible",
        "site_url": "https://example.com/garden/",
        "site_description": "Same input, same output",
        "theme": {"name": theme},
        "plugins": ["search", {"blog-plugin": {
            "pagination_per_page": 4,
            "authors_profiles": True,
            "feed_rss_per_view": True,
            "feed_content": "full",
        }}],
        "markdown_extensions": ["footnotes", "toc"],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return root


def _build(project: Path, site_dir: Path, hash_seed: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH,
               PYTHONHASHSEED=hash_seed)
    result = subprocess.run(
        [sys.executable, "-m", TOOL, "build", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)],
        capture_output=True, text=True, env=env, cwd=project, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result


def _files(site_dir: Path) -> dict[str, bytes]:
    return {p.relative_to(site_dir).as_posix(): p.read_bytes() for p in site_dir.rglob("*") if p.is_file()}


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_same_input_gives_the_same_site(tmp_path, theme):
    project = _project(tmp_path / "project", theme)
    first_dir, second_dir = tmp_path / "out-one" / "site", tmp_path / "another" / "place" / "site"
    first_log = _build(project, first_dir, "1")
    second_log = _build(project, second_dir, "4242")
    warnings = [line for line in first_log.stderr.splitlines() if "WARNING" in line]
    assert len(warnings) == 1 and "blog/posts/undated.md: no date" in warnings[0], first_log.stderr
    assert [line for line in second_log.stderr.splitlines() if "WARNING" in line] == warnings

    first, second = _files(first_dir), _files(second_dir)
    assert sorted(first) == sorted(second)
    different = sorted(name for name in first if first[name] != second[name])
    assert not different, different

    # What is compared is a real blog: posts, listings, views, feeds and the search index.
    for name in (
        "blog/index.html", "blog/page/2/index.html", "blog/page/3/index.html",
        "blog/tags/index.html", "blog/tags/c-plus-plus/index.html", "blog/tags/c-sharp/index.html",
        "blog/category/café/index.html", "blog/archive/2024/index.html", "blog/author/ana/index.html",
        "blog/feed.xml", "blog/rss.xml", "blog/feed.json", "blog/tags/c-plus-plus/feed.xml",
        "blog/tags/c-plus-plus/rss.xml", "blog/category/garden/feed.xml",
        "search/search_index.json", "sitemap.xml", "sitemap.xml.gz",
    ):
        assert name in first, (name, sorted(first))
    listings = b"".join(content for name, content in first.items()
                        if name.startswith("blog/") and name.endswith("index.html") and "/20" not in name[4:])
    for title in (b"Same day A", b"Same day B", b"Undated post", b"Post 12: \xc3\x84rger &amp; &lt;Freude&gt;"):
        assert title in listings, title
    assert b"Undated post" in first["search/search_index.json"]
    assert b"2024-06-01" in first["sitemap.xml"]  # the SOURCE_DATE_EPOCH day
    assert str(first_dir).encode() not in first["search/search_index.json"]
    for content in first.values():
        assert str(tmp_path).encode() not in content
