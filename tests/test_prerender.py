"""Posts converted by worker processes (``concurrency``, prerender.py): the site is the one a build
without workers writes, byte for byte, warnings included; whatever a worker cannot know (another
plugin changing a post's Markdown) is converted by MkDocs as usual."""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

import pytest

from conftest import THEMES, post, post_file

from mkdocs_blog_plugin import prerender

pytestmark = pytest.mark.skipif(
    sys.platform != "linux", reason="workers are forked processes, used on Linux only"
)

POSTS = 40  # above prerender.MIN_POSTS


def _docs() -> dict[str, str]:
    docs = {
        "index.md": "# Home\n\nRead the [blog](blog/index.md).\n",
        "about.md": "# About\n\n## Contact\n",
        "blog/index.md": "# Blog\n",
        "blog/img/pic.png": "not really a picture",
    }
    for i in range(POSTS):
        body = (
            f"Intro {i} with a [link](../../about.md#contact), an ![image](../img/pic.png)"
            f" and a footnote[^1].\n\n<!-- more -->\n\n## Part {i}\n\n"
            + "Some words to read. " * (20 * (i % 7 + 1))
            + "\n\n```python\nprint('code')\n```\n\n"
            + ("{% if true %}Liquid ran.{% endif %}\n\n" if i % 5 == 0 else "")
            + f"See [the next one]({'post-%d.md' % ((i + 1) % POSTS)}).\n\n[^1]: Note {i}.\n"
        )
        docs[f"blog/posts/post-{i}.md"] = post(
            f"Post {i}: <Ärger> & joy", f"2024-{i % 12 + 1:02d}-{i % 27 + 1:02d}",
            categories=[["Garden", "Kitchen", "Tools"][i % 3]], tags=[f"t{i % 4}", "common"], body=body,
        )
    return docs


def _files(site_dir: Path) -> dict[str, bytes]:
    out = {}
    for path in sorted(site_dir.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.name.endswith(".gz"):
                data = gzip.decompress(data)  # the gzip header holds the time it was written
            # The mkdocs theme notes the build time in a comment.
            data = b"\n".join(line for line in data.split(b"\n") if not line.startswith(b"Build Date UTC"))
            out[path.relative_to(site_dir).as_posix()] = data
    return out


@pytest.fixture
def takes(monkeypatch):
    """What ``take`` answered for each post MkDocs converted: True when a worker's HTML was used."""
    answers: list[bool] = []
    original = prerender.take

    def spy(page, files):
        answer = original(page, files)
        answers.append(answer)
        return answer

    monkeypatch.setattr(prerender, "take", spy)
    return answers


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("directory_urls", [True, False])
def test_workers_write_the_site_a_single_process_writes(build_site, takes, theme, directory_urls):
    alone = build_site(_docs(), theme=theme, plugin={"concurrency": 0}, use_directory_urls=directory_urls)
    assert not any(takes)  # nothing came from a worker
    takes.clear()
    shared = build_site(_docs(), theme=theme, plugin={"concurrency": 1}, use_directory_urls=directory_urls)
    assert len(takes) == POSTS
    assert any(takes), "no post was converted by a worker"  # how many depends on the machine's load
    a, b = _files(alone.site_dir), _files(shared.site_dir)
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == []
    # What a reader sees came through: Liquid ran, the footnote and the header are there.
    html = post_file(shared, "Post 0: <Ärger> & joy").read_text(encoding="utf-8")
    assert "Liquid ran." in html and "Note 0." in html and "blog-meta" in html


def test_warnings_from_workers_come_once_and_in_order(build_site, takes):
    docs = _docs()
    for i in (3, 21, 38):
        docs[f"blog/posts/post-{i}.md"] += f"\nA [broken link](missing-{i}.md).\n"
    expected = [f"missing-{i}.md" for i in (3, 21, 38)]
    alone = build_site(docs, plugin={"concurrency": 0}, expect_warnings=expected)
    takes.clear()
    shared = build_site(docs, plugin={"concurrency": 1}, expect_warnings=expected)
    assert any(takes)
    assert shared.warnings == alone.warnings
    assert sum("missing-" in m for m in shared.warnings) == 3


def test_strict_fails_on_a_warning_a_worker_found(build_site):
    from mkdocs.exceptions import Abort

    docs = _docs()
    docs["blog/posts/post-30.md"] += "\nA [broken link](nowhere.md).\n"
    with pytest.raises(Abort, match="warning"):
        build_site(docs, plugin={"concurrency": 1}, strict=True, expect_warnings=["nowhere.md"])


def test_a_post_another_plugin_changes_is_converted_by_mkdocs(build_site, takes, tmp_path):
    hooks = tmp_path / "hooks.py"
    hooks.write_text(
        "def on_page_markdown(markdown, page, config, files):\n"
        "    if page.file.src_uri.endswith(('post-7.md', 'post-33.md')):\n"
        "        return markdown + '\\n\\nAdded by a hook.\\n'\n"
        "    return markdown\n",
        encoding="utf-8",
    )
    alone = build_site(_docs(), plugin={"concurrency": 0}, hooks=[str(hooks)])
    takes.clear()
    shared = build_site(_docs(), plugin={"concurrency": 1}, hooks=[str(hooks)])
    assert any(takes)
    a, b = _files(alone.site_dir), _files(shared.site_dir)
    assert [name for name in a if a[name] != b.get(name)] == []
    for i in (7, 33):
        assert "Added by a hook." in post_file(shared, f"Post {i}: <Ärger> & joy").read_text(encoding="utf-8")


@pytest.mark.parametrize("case", ["serve", "few posts", "off", "extension object"])
def test_no_workers_where_they_could_differ_or_not_pay(build_site, takes, tmp_path, case):
    docs, config, command, expected = _docs(), {}, "build", []
    if case == "serve":
        command = "serve"
    elif case == "few posts":
        docs = {k: v for k, v in docs.items() if not k.startswith("blog/posts/post-") or int(k[16:-3]) < 10}
        expected = ["post-10.md"]  # the last one links to a post left out
    elif case == "off":
        config["plugin"] = {"concurrency": 0}
    else:  # an extension object another plugin added may keep what it sees while converting
        hooks = tmp_path / "ext_hooks.py"
        hooks.write_text(
            "from markdown.extensions.abbr import AbbrExtension\n"
            "def on_config(config):\n"
            "    config.markdown_extensions.append(AbbrExtension())\n",
            encoding="utf-8",
        )
        config["hooks"] = [str(hooks)]
    config.setdefault("plugin", {"concurrency": 1})
    build_site(docs, command=command, expect_warnings=expected, **config)
    assert not any(takes)  # nothing came from a worker


def test_a_negative_concurrency_is_refused(build_site, caplog):
    from mkdocs.exceptions import Abort

    with pytest.raises(Abort):
        build_site(_docs(), plugin={"concurrency": -1})
    assert any("option 'concurrency' must be at least 0" in r.getMessage() for r in caplog.records)


@pytest.fixture
def helped(monkeypatch):
    """Which parts (post header/footer, sharing metadata, listing) came from the helper process."""
    from collections import Counter

    from mkdocs_blog_plugin import preassemble

    used: Counter = Counter()
    original = preassemble.ready

    def spy(build, page, key):
        made = original(build, page, key)
        used[(key[0], made is not None)] += 1
        return made

    monkeypatch.setattr(preassemble, "ready", spy)
    return used


@pytest.mark.parametrize("theme", THEMES)
def test_the_helper_renders_headers_and_listings_ahead(build_site, helped, theme):
    alone = build_site(_docs(), theme=theme, plugin={"concurrency": 0})
    assert helped and not any(made for _, made in helped)
    helped.clear()
    shared = build_site(_docs(), theme=theme, plugin={"concurrency": 1})
    # MkDocs may start before the helper's first results (how many depends on the machine's
    # load), so only some need come from it; the site is the same either way.
    for kind in ("post", "head", "listing"):
        assert helped[(kind, True)] > 0, (kind, helped)
    a, b = _files(alone.site_dir), _files(shared.site_dir)
    assert [name for name in a if a[name] != b.get(name)] == []


def test_no_helper_when_the_site_overrides_a_template(build_site, helped, tmp_path):
    docs = _docs()
    overrides = {"overrides/blog-plugin/post-footer.html": "<p class='own-footer'>{{ post.title }}</p>"}
    for rel, text in overrides.items():
        (tmp_path / "theme" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "theme" / rel).write_text(text, encoding="utf-8")
    site = build_site(docs, theme={"name": "mkdocs", "custom_dir": str(tmp_path / "theme" / "overrides")},
                      plugin={"concurrency": 1})
    assert helped and not any(made for _, made in helped)
    assert "own-footer" in post_file(site, "Post 3: <Ärger> & joy").read_text(encoding="utf-8")


# -- parallel.map_ordered: the posts' files read by two processes ------------------------------


def _job(item: int) -> int:
    import logging

    if item % 50 == 7:
        logging.getLogger("mkdocs.test_parallel").warning("item %d is odd", item)
    if item == 333:
        raise ValueError("item 333 cannot be done")
    return item * item


def test_shared_jobs_give_results_and_messages_in_order(caplog):
    from mkdocs_blog_plugin import parallel

    items = list(range(300))
    caplog.set_level("WARNING")
    assert parallel.map_ordered(items, _job, allowed=True) == [i * i for i in items]
    shared = [r.getMessage() for r in caplog.records]
    caplog.clear()
    assert parallel.map_ordered(items, _job, allowed=False) == [i * i for i in items]
    assert shared == [r.getMessage() for r in caplog.records] == [f"item {i} is odd" for i in items if i % 50 == 7]


def test_a_job_failing_in_the_other_process_fails_here(caplog):
    from mkdocs_blog_plugin import parallel

    caplog.set_level("WARNING")
    with pytest.raises(ValueError, match="item 333"):
        parallel.map_ordered(list(range(400)), _job, allowed=True)
    # The messages of the jobs before it, each once, in order.
    assert [r.getMessage() for r in caplog.records] == [f"item {i} is odd" for i in range(333) if i % 50 == 7]


def test_a_bad_post_among_many_stops_the_build_naming_it(build_site, caplog):
    from mkdocs.exceptions import Abort

    docs = {f"blog/posts/p{i:03d}.md": post(f"P{i}", f"2024-01-{i % 28 + 1:02d}") for i in range(260)}
    docs["blog/posts/p250.md"] = "---\ntitle: [unclosed\n---\nBody.\n"  # in the second half
    with pytest.raises(Abort):
        build_site(docs, plugin={"concurrency": 1}, expect_warnings=[])
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert len(errors) == 1 and "blog/posts/p250.md" in errors[0], errors
