"""Moving from Jekyll: a ``_posts`` folder copied to ``docs/blog/posts`` builds unchanged.

``fixtures/jekyll_blog`` is a small Jekyll blog (dated file names, a subfolder, Liquid, string
categories, ``published: false``, ``permalink``, ``redirect_from``, ``excerpt``...). Its
``mkdocs.yml`` asks for Jekyll's ``pretty`` URLs (what the old site used) and for redirects from
the ``date`` style (what it used before that).
"""

from __future__ import annotations

import os
import re
import shutil
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import Site, run_build
from mkdocs_blog_plugin.permalinks import expand, jekyll_slug, material_title, post_slugs

FIXTURE = Path(__file__).parent / "fixtures" / "jekyll_blog"
SITE_URL = "https://rowing.example.net/club/"

HELLO = "news/updates/2016/01/03/hello-world/"  # Jekyll "pretty": /:categories/:year/:month/:day/:title/
RIGGING = "news/2016/02/10/rigging-night/"
REGATTA = "racing/2017/05/01/spring-regatta/"
HISTORY = "history/"  # permalink: /history/
CAMP = "field trips/2019/07/21/Summer-Camp/"  # Jekyll does not slugify categories; :title keeps case


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Site:
    project = tmp_path_factory.mktemp("jekyll") / "site"
    shutil.copytree(FIXTURE, project)
    return run_build(
        project,
        expect_warnings=["blog/posts/2016-02-10-rigging-night.md: {% include signup-form.html %}: no such file"],
    )


def soup(site: Site, url: str) -> BeautifulSoup:
    return BeautifulSoup(site.html(url), "html.parser")


def target(site: Site, page_url: str, href: str) -> Path:
    """The file a relative link on the page at ``page_url`` leads to (it must exist)."""
    parts = urlsplit(href)
    assert not parts.scheme and not parts.netloc and not parts.path.startswith("/"), href
    path = Path(os.path.normpath(site.path(page_url).parent / unquote(parts.path)))
    if parts.path.endswith("/") or path.is_dir():
        path = path / "index.html"
    assert path.is_file(), f"{href!r} on {page_url} leads to a missing file"
    return path


def content(site: Site, url: str):
    return soup(site, url).select_one("div[role=main]")


# -- URLs ------------------------------------------------------------------------------------------


def test_old_pretty_urls_are_kept(site):
    for url in (HELLO, RIGGING, REGATTA, HISTORY, CAMP):
        assert site.exists(url), url
        assert content(site, url).select_one("header.blog-post-header") is not None, url
    # Nothing of the unpublished post, and the generated blog index lists the published ones.
    assert not any("winter" in p.as_posix().lower() for p in site.pages())
    titles = [a.get_text() for a in soup(site, "blog/").select(".blog-entry-title a")]
    assert titles == [
        "Summer camp on the estuary",
        "Seventy years on the water",
        "Spring regatta: <b>three</b> wins",
        "Rigging night",
        "Oars & Outriggers: hello\u00a0world",
    ]


def test_listing_links_reach_the_posts(site):
    page = soup(site, "blog/")
    hrefs = [a["href"] for a in page.select(".blog-entry-title a")]
    reached = [target(site, "blog/", href) for href in hrefs]
    assert reached == [site.path(u) for u in (CAMP, HISTORY, REGATTA, RIGGING, HELLO)]


def test_titles_show_entities_as_characters_and_markup_as_text(site):
    hello = content(site, HELLO).find("h1")
    assert hello.get_text() == "Oars & Outriggers: hello\u00a0world"
    regatta = content(site, REGATTA).find("h1")
    assert regatta.get_text() == "Spring regatta: <b>three</b> wins"
    assert regatta.find("b") is None
    assert "&lt;b&gt;three&lt;/b&gt;" in site.html(REGATTA)


def test_categories_and_tags_from_strings(site):
    hello = content(site, HELLO)
    categories = [a.get_text(strip=True) for a in hello.select("header a.blog-category")]
    assert [c.lower() for c in categories] == ["news", "updates"]  # "news updates" is two
    assert [a.get_text(strip=True) for a in hello.select("header a.blog-tag")] == ["welcome"]
    # "news" and "News" are one category, holding three posts.
    news = target(site, HELLO, hello.select("header a.blog-category")[0]["href"])
    listed = BeautifulSoup(news.read_text(encoding="utf-8"), "html.parser")
    assert len(listed.select("article.blog-entry")) == 3


def test_excerpts_dates_and_last_modified(site):
    entries = {
        e.select_one(".blog-entry-title a").get_text(): e
        for e in soup(site, "blog/").select("article.blog-entry")
    }
    hello = entries["Oars & Outriggers: hello\u00a0world"]
    # The post's own excerpt_separator: two paragraphs, not the first one only.
    paragraphs = [p.get_text(strip=True) for p in hello.select(".blog-excerpt p")]
    assert paragraphs == [
        "The club finally has a website, and this is its first post.",
        "It will carry race results, rigging nights and the odd photograph.",
    ]
    assert hello.select_one(".blog-continue a") is not None
    regatta = entries["Spring regatta: <b>three</b> wins"]
    assert regatta.select_one(".blog-excerpt").get_text(strip=True) == (
        "Three wins and one capsize: the regatta in a sentence."
    )
    # Dates from the file name, and from 'date' where the front matter has one.
    assert hello.select_one("time.blog-date")["datetime"].startswith("2016-01-03")
    assert entries["Rigging night"].select_one("time.blog-date")["datetime"] == "2016-02-10T19:30:00+00:00"
    updated = content(site, REGATTA).select_one(".blog-updated time")
    assert updated["datetime"].startswith("2017-05-03")


# -- Liquid ------------------------------------------------------------------------------------------


def test_highlight_becomes_a_code_block(site):
    code = content(site, HELLO).select_one("pre code")
    assert "language-python" in code.get("class", [])
    assert code.get_text() == "def stroke_rate(strokes, seconds):\n    return strokes * 60 / seconds\n"
    assert "{%" not in site.html(HELLO)


def test_site_variables_resolve(site):
    main = content(site, HELLO)
    assert main.find("img", alt="The club crest")["src"] == "/club/images/crest.svg"
    assert site.exists("images/crest.svg")  # the site is served at /club/
    assert "Find us at https://rowing.example.net/club/ on the web." in main.get_text()


def test_post_url_and_link_lead_to_the_posts(site):
    main = content(site, RIGGING)
    assert target(site, RIGGING, main.find("a", string="welcome post")["href"]) == site.path(HELLO)
    assert target(site, RIGGING, main.find("a", string="regatta report")["href"]) == site.path(REGATTA)
    assert target(site, RIGGING, main.find("a", string="about the club")["href"]) == site.path("about/")


def test_raw_is_shown_as_written_and_a_missing_include_is_nothing(site):
    text = content(site, RIGGING).get_text()
    assert "Crew sheets use placeholders such as {{ crew.name }} and {% seat %}." in text
    assert "raw %}" not in text
    assert "Book the hall" not in text and "comment" not in text  # {% comment %} disappears
    assert "include" not in text  # no _includes folder: the tag renders as nothing, as Liquid
    # One warning for the file, however often the tag appears.
    assert len([w for w in site.warnings if "include" in w]) == 1


# -- redirects -------------------------------------------------------------------------------------


def redirect_target(site: Site, url: str) -> tuple[str, str, str]:
    """(meta refresh target, canonical href, plain link href) of the redirect page at ``url``."""
    page = soup(site, url)
    refresh = page.find("meta", attrs={"http-equiv": "refresh"})["content"]
    m = re.fullmatch(r"0; url=(.+)", refresh)
    assert m, refresh
    return m.group(1), page.find("link", rel="canonical")["href"], page.find("a")["href"]


@pytest.mark.parametrize(
    "old, new",
    [
        # redirect_from, a list in the front matter
        ("old/rigging/", RIGGING),
        ("2016/rigging.html", RIGGING),
        # redirect_from_permalink: date, the URLs before the switch to pretty
        ("news/updates/2016/01/03/hello-world.html", HELLO),
        ("news/2016/02/10/rigging-night.html", RIGGING),
        ("racing/2017/05/01/spring-regatta.html", REGATTA),
        ("field trips/2019/07/21/Summer-Camp.html", CAMP),
    ],
)
def test_redirect_pages_point_to_the_new_url(site, old, new):
    refresh, canonical, link = redirect_target(site, old)
    assert refresh == link
    assert target(site, old, refresh) == site.path(new)
    assert canonical == SITE_URL + new.replace(" ", "%20")


def test_no_redirect_for_a_post_with_its_own_permalink(site):
    # Its URL never depended on the permalink style, so there is no old date-style URL to keep.
    assert not site.exists("news/2018/03/04/club-history.html")


def test_redirect_from_string_and_unsafe_values(build_site):
    site = build_site(
        {
            "blog/posts/2020-05-06-moved.md": """
                ---
                title: Moved
                redirect_from: /2020/moved-here/
                ---
                Body.
            """,
            "blog/posts/2020-05-07-hostile.md": """
                ---
                title: Hostile
                redirect_from:
                  - https://evil.example/x
                  - //evil.example/y
                  - ../../outside/
                  - /about/
                ---
                Body.
            """,
            "about.md": "# About\n",
        },
        plugin={"post_url_format": "/:year/:title/"},
        expect_warnings=[
            "redirect_from 'https://evil.example/x' is not a usable path",
            "redirect_from '//evil.example/y' is not a usable path",
            "redirect_from '../../outside/' is not a usable path",
            "redirect from '/about/' skipped",
        ],
    )
    refresh, _, _ = redirect_target(site, "2020/moved-here/")
    assert target(site, "2020/moved-here/", refresh) == site.path("2020/moved/")
    assert site.soup("about/").find("h1").get_text(strip=True) == "About"  # not replaced
    outside = site.site_dir.parent / "outside"
    assert not outside.exists()
    for page in site.pages():
        assert "evil.example" not in page.read_text(encoding="utf-8"), page


# -- post_url_format with Jekyll styles ----------------------------------------------------------

STYLE_POSTS = {
    "blog/posts/2016-01-03-Hello-World.md": """
        ---
        title: Hello, World
        categories: Web Dev
        ---
        Body.
    """,
    "blog/posts/2016-02-29-leap-day.md": """
        ---
        title: Leap day
        slug: Extra Day
        ---
        Body.
    """,
}


@pytest.mark.parametrize(
    "style, hello, leap",
    [
        ("date", "web/dev/2016/01/03/Hello-World.html", "2016/02/29/Extra-Day.html"),
        ("pretty", "web/dev/2016/01/03/Hello-World/", "2016/02/29/Extra-Day/"),
        ("ordinal", "web/dev/2016/003/Hello-World.html", "2016/060/Extra-Day.html"),
        ("none", "web/dev/Hello-World.html", "Extra-Day.html"),
        ("/:categories/:year/:month/:day/:title/", "web/dev/2016/01/03/Hello-World/", "2016/02/29/Extra-Day/"),
        ("/blog/:year/:slug", "blog/2016/hello-world/", "blog/2016/extra-day/"),
    ],
)
def test_post_url_format_accepts_jekyll_styles(build_site, style, hello, leap):
    site = build_site(STYLE_POSTS, plugin={"post_url_format": style})
    for url, title in ((hello, "Hello, World"), (leap, "Leap day")):
        assert site.exists(url), f"{url} not in {[p.relative_to(site.site_dir).as_posix() for p in site.pages()]}"
        assert site.soup(url).select_one("header.blog-post-header h1").get_text() == title


def test_default_url_format_slug_from_file_name_or_title(build_site):
    """With Material's default post_url_format, a dated file name gives the slug to Jekyll posts
    (no 'date', or a 'layout'); a Material post is slugged from its title, as Material does."""
    site = build_site({
        "blog/posts/2020-03-04-kept-from-file.md": "---\nlayout: post\ndate: 2020-03-04 10:00:00\n"
                                                  "title: Quite Different\n---\nBody.\n",
        "blog/posts/2020-03-06-no-date.md": "---\ntitle: Whatever\n---\nBody.\n",
        "blog/posts/2020-03-05-material-style.md": "---\ndate: 2020-03-05\n---\n# Material Title\n\nBody.\n",
    })
    for url in ("blog/2020/03/04/kept-from-file/", "blog/2020/03/06/no-date/", "blog/2020/03/05/material-title/"):
        assert site.exists(url), url


# -- the pure rules behind those URLs ------------------------------------------------------------


@pytest.mark.parametrize(
    "text, pretty, cased, expected",
    [
        ("Hello, World!", False, False, "hello-world"),
        ("Hello, World!", True, True, "Hello,-World!"),
        ("The _config.yml file?", False, True, "The-config-yml-file"),
        ("The _config.yml file?", True, True, "The-_config.yml-file"),
        ("So what is Jekyll, exactly?", False, True, "So-what-is-Jekyll-exactly"),
        ("  Ünïcode   Títle ", False, False, "ünïcode-títle"),
        ("--a--b--", False, False, "a-b"),
        ("💎", False, False, ""),
    ],
)
def test_jekyll_slug(text, pretty, cased, expected):
    assert jekyll_slug(text, pretty=pretty, cased=cased) == expected


@pytest.mark.parametrize(
    "front, path, expected",
    [
        (None, "blog/posts/2016-01-03-Hello-World.md", ("Hello-World", "hello-world")),
        (None, "blog/posts/2016/1-3-x/2016-1-3-Mr. Robot..md", ("Mr.-Robot", "mr-robot")),
        ("Own Slug", "blog/posts/2016-01-03-hello.md", ("Own-Slug", "own-slug")),
        ("", "blog/posts/undated name.md", ("undated-name", "undated-name")),
    ],
)
def test_post_slugs(front, path, expected):
    assert post_slugs(front, path) == expected


@pytest.mark.parametrize(
    "meta, body, src, expected",
    [
        ({"title": "Fish &amp; Chips"}, "# Other", "x.md", "Fish &amp; Chips"),  # as written
        ({}, "\n# First line heading\n\ntext", "x.md", "First line heading"),
        ({}, "Intro first.\n\n# Later heading", "my-post_name.md", "My post name"),
        ({}, "", "blog/posts/Mixed-Case.md", "Mixed Case"),
    ],
)
def test_material_title(meta, body, src, expected):
    assert material_title(meta, body, src) == expected


@pytest.mark.parametrize(
    "text, expected, warned",
    [
        ("a {% comment %}hidden {{ x }}{% endcomment %} b", "a  b", False),
        ("a {%- comment -%}\nline\n\nline{%- endcomment -%} b", "ab", False),
        # Jekyll stops on an unclosed comment; here: a warning, and the text as written
        ("{% comment %} never closed", "{% comment %} never closed", True),
        # Jekyll runs Liquid over code spans too
        ("`{% comment %}x{% endcomment %}` in code", "`` in code", False),
    ],
)
def test_liquid_comment_blocks_disappear(text, expected, warned):
    from mkdocs_blog_plugin.jekyll_liquid import JekyllLiquid, Site as LiquidSite

    result = JekyllLiquid(LiquidSite()).render(text, src_uri="blog/posts/a.md", page={})
    assert (result.markdown, bool(result.warnings)) == (expected, warned)


def test_categories_placeholder_matches_jekyll():
    path = expand(
        "pretty", date=datetime(2019, 7, 21), slug="", title_slug="x", file_slug="Summer-Camp",
        categories=["Field Trips", "field trips", "C#"],
    )
    assert path == "field trips/c%23/2019/07/21/Summer-Camp/"
