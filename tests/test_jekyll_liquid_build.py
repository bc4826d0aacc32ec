"""A Jekyll blog that uses Liquid everywhere builds with --strict and shows what Jekyll shows.

``fixtures/jekyll_liquid_blog``: ``_includes`` and ``_posts`` copied into ``docs/``, the custom
``_config.yml`` keys under ``extra:``. The expected text is written from Jekyll's documented
behaviour, and checked on the HTML a reader gets, with each theme.
"""

from __future__ import annotations

import os
import re
import shutil
import unicodedata
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from conftest import THEMES, Site, run_build

FIXTURE = Path(__file__).parent / "fixtures" / "jekyll_liquid_blog"
TOUR = "blog/2023/01/29/liquid-tour/"


@pytest.fixture(scope="module", params=THEMES)
def site(request, tmp_path_factory) -> Site:
    project = tmp_path_factory.mktemp("liquid") / "site"
    shutil.copytree(FIXTURE, project)
    return run_build(project, theme={"name": request.param}, strict=True)


def main(site: Site, url: str):
    """The post's own content (whatever the theme puts around it)."""
    soup = BeautifulSoup(site.html(url), "html.parser")
    # The first time the text is shown (the page's JSON-LD description repeats it as data).
    first = next(t for t in soup.find_all(string=re.compile("This walk is")) if t.parent.name != "script")
    return first.find_parent("p").parent


def text(node) -> str:
    return re.sub(r"\s+", " ", node.get_text()).strip()


def test_variables_filters_and_control_flow(site):
    body = text(main(site, TOUR))
    for expected in [
        "This walk is 14 km, rated HARD, posted 29 Jan 2023 (January 29th, 2023) by Robin Vale.",
        "Sources: Ordnance map, Weather log.",
        "Tags: ridge and maps. Slug: a-tour-of-the-ridge.",
        "Bring water.",
        "Posts so far: 7; newest with a hash: Hash #1.",
        "Feed: https://trails.example.org/notes/feed.xml. Escaped: Fish & <Chips>. Query: a+b%26c.",
        'Words: 3. JSON: ["ridge","maps"]. When: 2023-01-29T18:30:22-08:00.',
        "Groups: post/. Sorted: A tour of the ridge. Walks: 1.",
    ]:
        assert expected in body
    assert "Easy going" not in body and "bus times" not in body
    assert "{%" not in body.replace("{% for post in site.posts %}{{ post.title }}{% endfor %}", "")


def test_links(site):
    content = main(site, TOUR)
    links = {a.get_text(" ", strip=True): a["href"] for a in content.find_all("a")}
    assert links["the repository"] == "https://github.com/trailfolk/notes/blob/main/ridge.gpx"
    # reference links built by a for loop
    assert links["Ordnance map"] == "https://maps.example.com/ridge"
    assert links["Weather log"] == "https://weather.example.com/log"
    # post_url (with a site prefix, as Jekyll needs) and link lead to the pages
    page = site.path(TOUR).parent
    assert os.path.normpath(page / unquote(links["the first post"])) == str(
        site.site_dir / "blog/2009/03/12/hash-#1")
    assert (page / links["about us"] / "index.html").resolve() == site.path("about/").resolve()


def test_capture_markdownify_include_and_figure(site):
    content = main(site, TOUR)
    figure = content.select_one("div.figure")
    assert figure.find("img", alt="Ridge map")["src"] == "/notes/images/ridge.png"
    assert figure.find("em").get_text() == "The ridge from the north."
    notice = content.select_one("div.notice.notice-warning")
    assert text(notice) == "Heads up: A tour of the ridge"
    cairn = content.select_one("figure.post-figure")
    assert cairn.find("img", alt="Cairn")["src"] == "/notes/images/cairn.png"
    assert text(cairn.figcaption) == "The summit cairn"


def test_raw_and_highlight(site):
    content = main(site, TOUR)
    codes = [c.get_text() for c in content.find_all("code")]
    assert "{{ page.title }}" in codes  # raw inside a code span: markers gone, as in Jekyll
    assert "{% for post in site.posts %}{{ post.title }}{% endfor %}\n" in codes
    assert any(c.startswith("def pace(km, hours):\n    return km / hours") for c in codes)
    assert "raw %}" not in site.html(TOUR)
    # linenos: pymdownx.highlight's line numbers
    assert content.find(class_=re.compile("linenos|linenodiv")) is not None


@pytest.mark.parametrize(
    "url, title",
    [
        ("blog/2009/03/12/hash-#1/", "Hash #1"),
        ("blog/2010/05/01/what?/", "What?"),
        ("blog/2011/06/01/100%/", "One hundred percent"),
        ("blog/2012/07/01/two words/", "Two words"),
    ],
)
def test_odd_file_names_are_published(site, url, title):
    # Site.path would read '#' and '?' as a fragment or query: the file name, as written
    assert title in (site.site_dir / url / "index.html").read_text(encoding="utf-8")


def test_accented_file_names_are_published(site):
    found = [unicodedata.normalize("NFC", p.parent.name) for p in (site.site_dir / "blog" / "2013").rglob("index.html")]
    assert found.count("café") == 2


def test_includes_are_not_published(site):
    assert not (site.site_dir / "_includes").exists()
    assert "The first post, number #1." in text(BeautifulSoup(
        (site.site_dir / "blog/2009/03/12/hash-#1/index.html").read_text(encoding="utf-8"), "html.parser"))
