"""Liquid in real builds: mkdocs-macros-plugin alongside, errors as warnings, the fast path, and
random file names and front matter that never give a traceback nor write outside site_dir."""

from __future__ import annotations

import os
import string
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import Abort, PluginError

from conftest import run_build, write_tree
from mkdocs_blog_plugin import jekyll_liquid

POST = "blog/posts/2024-01-02-hello.md"
TOUR = """\
---
title: Hello
---
Site {{ site.title }}, `{% raw %}{{ page.title }}{% endraw %}` and

```
{% raw %}{% include x.html %}{% endraw %}
```
"""


@pytest.mark.parametrize("order", ["macros first", "blog first"])
def test_with_macros_liquid_runs_first_and_raw_stays_protected(build_site, order):
    plugins = ["search", "macros", "blog-plugin"]
    if order == "blog first":
        plugins = ["search", "blog-plugin", "macros"]
    site = build_site(
        {POST: TOUR, "index.md": "# Home\n\nMacros: {{ config.site_name }}\n"},
        plugins=plugins,
    )
    post = site.soup("blog/2024/01/02/hello/")
    codes = [c.get_text() for c in post.find_all("code")]
    assert "{{ page.title }}" in codes and "{% include x.html %}\n" in codes
    assert "Site Test site," in post.get_text()
    assert "Macros: Test site" in site.soup("").get_text()


def test_missing_include_and_syntax_error_are_warnings(build_site):
    site = build_site(
        {
            POST: "---\ntitle: Hello\n---\nBefore {% include nowhere.html %} after.\n",
            "blog/posts/2024-01-03-broken.md": "---\ntitle: Broken\n---\nline one\n\n{% if x %}never closed\n",
            "_includes/unused.html": "never published",
        },
        expect_warnings=[
            "blog/posts/2024-01-02-hello.md: {% include nowhere.html %}: no such file",
            "blog/posts/2024-01-03-broken.md: Liquid error at line 6:",
        ],
    )
    assert "Before  after." in site.soup("blog/2024/01/02/hello/").get_text()
    assert "{% if x %}never closed" in site.soup("blog/2024/01/03/broken/").get_text()
    assert not (site.site_dir / "_includes").exists()
    assert len(site.warnings) == 2


def test_liquid_on_pages_is_optional(build_site):
    docs = {POST: "---\ntitle: Hello\n---\nhi\n", "about.md": "# About\n\n{{ site.title }}\n"}
    assert "{{ site.title }}" in build_site(docs).soup("about/").get_text()
    assert "Test site" in build_site(docs, plugin={"jekyll_liquid_pages": True}).soup("about/").get_text()


def test_text_without_liquid_never_reaches_the_engine(build_site, monkeypatch):
    calls = []
    monkeypatch.setattr(jekyll_liquid.JekyllLiquid, "render", lambda *a, **k: calls.append(a))
    build_site({POST: "---\ntitle: Hello\n---\nNo templates { here } %}.\n"})
    assert calls == []


def test_date_with_the_year_twice(build_site):
    site = build_site({"blog/posts/2020-01-01-x.md": '---\ntitle: X\ndate: "2023-01-29 18:30:22 2023 -0800"\n---\nx\n'})
    assert site.exists("blog/2023/01/30/x/")  # the front matter's date (in UTC), not the file's


# -- random input ------------------------------------------------------------------------------------

NAME_CHARS = st.sampled_from(list(string.ascii_letters + string.digits + " #?%&'()+,;=@[]{}~!$-_.") +
                             ["é", "e\u0301", "ß", "日", "ü", "\u00a0"])
names = st.lists(NAME_CHARS, min_size=1, max_size=60).map("".join).filter(lambda n: n.strip(". ") == n and n not in (".", ".."))
scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.text(max_size=30),
                    st.sampled_from(["2023-01-29 18:30:22 2023 -0800", "2020-02-30", "{{ x }}", "{% if %}", "#1"]))
front = st.dictionaries(st.sampled_from(["title", "date", "slug", "categories", "tags", "permalink", "layout",
                                         "published", "excerpt", "draft"]),
                        st.one_of(scalars, st.lists(scalars, max_size=3)), max_size=6)
bodies = st.sampled_from(["plain", "{{ page.title }} {{ page.date | date_to_string }}", "{% post_url x %}",
                          "`{% raw %}{{ a }}{% endraw %}`", "{% for t in page.tags %}{{ t }}{% endfor %}",
                          "{% include ../../etc/passwd %}", "{% if %}"])


def snapshot(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=names, meta=front, body=bodies, dated=st.booleans())
def test_random_posts_never_crash_nor_escape(tmp_path_factory, name, meta, body, dated):
    root = tmp_path_factory.mktemp("random")
    project = root / "project"
    file_name = ("2021-03-04-" if dated else "") + name + ".md"
    try:
        text = "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body + "\n"
    except yaml.YAMLError:
        return
    try:
        write_tree(project / "docs", {
            f"blog/posts/{file_name}": text,
            "index.md": "# Home\n",
            # one warning in every build, so that "any warning is fine" below always holds
            "blog/posts/2000-01-01-anchor.md": "---\ntitle: Anchor\n---\n{% include none.html %}\n",
        })
    except OSError:  # a name this file system cannot hold (too long in bytes)
        return
    (project / "mkdocs.yml").write_text(yaml.safe_dump({
        "site_name": "Random", "site_url": "https://example.com/x/",
        "plugins": [{"blog-plugin": {}}],
    }), encoding="utf-8")
    before = snapshot(root)
    try:
        site = run_build(project, expect_warnings=[""])  # any warning is fine here
    except (PluginError, Abort):
        return
    after = snapshot(root)
    outside = {p for p in after - before if not p.startswith(os.path.join("project", "site"))}
    assert not outside, outside
    assert site.site_dir == project / "site"
