"""Blog features: related posts, series, category-scoped previous/next, cover images, and lists of
posts on any page. Pure parts are tested on their own; the rest through real builds on every theme."""

from __future__ import annotations

import datetime as dt
import json
import struct
import time
import xml.etree.ElementTree as ET
import zlib
from dataclasses import dataclass, field

import pytest

from conftest import post, THEMES, follow, main_content, page_url, parse, post_file
from mkdocs_blog_plugin import imagesize, post_lists, related, series


# -- helpers ------------------------------------------------------------------------------------


def png(width: int, height: int) -> bytes:
    """A valid PNG of one grey colour."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


@dataclass
class P:
    title: str
    day: int
    categories: list = field(default_factory=list)
    tags: list = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    series: object = None

    @property
    def date(self):
        return dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc) + dt.timedelta(days=self.day)

    @property
    def src_uri(self):
        return f"blog/posts/{self.title}.md"


def titles(items) -> list[str]:
    return [p.title for p in items]


# -- related posts: the ranking ---------------------------------------------------------------


def test_related_prefers_rare_shared_terms_and_newer_posts_never_itself():
    posts = [
        P("a", 1, ["Notes"], ["rare", "x"]),
        P("b", 2, ["Notes"], ["rare"]),       # shares the rare tag and the category
        P("c", 3, ["Notes"], ["x"]),          # shares a tag and the category
        P("d", 4, ["Notes"], []),             # the category only
        P("e", 5, ["Notes"], []),             # the category only, newer than d
        P("f", 6, ["Other"], []),
        P("g", 7, ["Other"], ["x"]),          # x only: x is rarer than Notes
        P("h", 8, ["Else"], []),
    ]
    found = dict(zip(titles(posts), related.compute(posts, 4)))
    # The rare tag beats the common one; e and d tie, and e is newer.
    assert titles(found["a"]) == ["b", "c", "g", "e"]
    assert all(p.title != name for name, items in found.items() for p in items)
    assert found["h"] == []  # nothing in common with anything
    assert related.compute(posts, 0) == [[] for _ in posts]


def test_related_ignores_terms_every_post_has():
    posts = [P("a", 1, ["All"]), P("b", 2, ["All"]), P("c", 3, ["All"])]
    assert related.compute(posts, 3) == [[], [], []]


def test_related_cost_is_bounded_by_the_cap():
    # 3000 posts in one huge category with a handful of rare tags: the cap keeps each post's walk short.
    posts = [P(f"p{i}", i, ["Big"] if i % 10 else ["Small"], [f"t{i % 50}"]) for i in range(3000)]
    started = time.perf_counter()
    found = related.compute(posts, 3, cap=16)
    assert time.perf_counter() - started < 5
    # p7 shares tag t7 with p57, p107, ...; the nearest (and, on a tie, newest) come first.
    assert {p.title for p in found[7]} <= {f"p{i}" for i in range(7, 3000, 50)}


# -- series: grouping and order ----------------------------------------------------------------


def test_series_order_then_date_and_repeated_order_warns():
    a = P("a", 1, meta={"series": "Tomatoes", "series_order": 2})
    b = P("b", 2, meta={"series": "tomatoes", "series_order": 1})
    c = P("c", 3, meta={"series": "Tomatoes", "series_order": 1})
    d = P("d", 4, meta={"series": "Tomatoes"})
    e = P("e", 5, meta={"series": "Tomatoes", "series_order": "first"})
    warnings = []
    found = series.group([a, b, c, d, e], lambda src, msg: warnings.append((src, msg)))
    assert list(found) == ["tomatoes"]
    assert titles(found["tomatoes"].parts) == ["b", "c", "a", "d", "e"]
    assert (c.series.number, c.series.total) == (2, 5)
    assert [src for src, _ in warnings] == ["blog/posts/e.md", "blog/posts/c.md"]
    assert "'series_order' 1 is also the order of 'blog/posts/b.md'" in warnings[1][1]


# -- image sizes -------------------------------------------------------------------------------


def test_image_sizes_from_headers():
    assert imagesize.dimensions(png(7, 3)) == (7, 3)
    assert imagesize.dimensions(b"GIF89a" + struct.pack("<HH", 10, 20) + b"\0" * 10) == (10, 20)
    jpeg = (b"\xff\xd8" + b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\0" + b"\0" * 9
            + b"\xff\xc0" + struct.pack(">HBHH", 17, 8, 480, 640) + b"\0" * 12)
    assert imagesize.dimensions(jpeg) == (640, 480)
    vp8 = b"RIFF\0\0\0\0WEBPVP8 " + b"\0" * 4 + b"\0\0\0" + b"\x9d\x01\x2a" + struct.pack("<HH", 300, 200)
    assert imagesize.dimensions(vp8) == (300, 200)
    bits = (300 - 1) | ((200 - 1) << 14)
    assert imagesize.dimensions(b"RIFF\0\0\0\0WEBPVP8L" + b"\0" * 4 + b"\x2f" + struct.pack("<I", bits)) == (300, 200)
    vp8x = b"RIFF\0\0\0\0WEBPVP8X" + b"\0" * 8 + (299).to_bytes(3, "little") + (199).to_bytes(3, "little")
    assert imagesize.dimensions(vp8x) == (300, 200)
    assert imagesize.dimensions(b'<svg xmlns="http://www.w3.org/2000/svg" width="120px" height="60"/>') == (120, 60)
    assert imagesize.dimensions(b'<?xml version="1.0"?>\n<svg viewBox="0 0 40 30" width="80"></svg>') == (80, 60)
    assert imagesize.dimensions(b'<svg width="100%" height="100%" viewBox="0,0,40,30"></svg>') == (40, 30)
    assert imagesize.dimensions(b'<svg width="100%"></svg>') is None
    assert imagesize.dimensions(b"\x89PNG not really") is None
    assert imagesize.dimensions(b"\xff\xd8\xff") is None
    assert imagesize.dimensions(b"") is None


# -- post list markers: reading them -----------------------------------------------------------


def test_marker_words():
    warnings = []
    query = post_lists.parse(' limit=2 category="Garden notes" style=cards ', warnings.append)
    assert query == post_lists.Query(limit=2, category="Garden notes", style="cards")
    assert warnings == []
    query = post_lists.parse(" limt=3 style=grid limit=x tag=a", warnings.append)
    assert query == post_lists.Query(tag="a")
    assert len(warnings) == 3 and "'limt'" in warnings[0] and "grid" in warnings[1] and "limit='x'" in warnings[2]
    assert post_lists.parse(' tag="open', warnings.append) == post_lists.Query()
    assert post_lists.markers("<p>x</p><!-- blog:posts --><!-- blog:postsx -->") == [(8, 27, " ")]


# -- builds ------------------------------------------------------------------------------------

RELATED_DOCS = {
    "index.md": "# Home\n",
    "blog/posts/a.md": post("Alpha", "2024-01-01", categories=["Garden"], tags=["tomatoes", "blight"]),
    "blog/posts/b.md": post("Bravo", "2024-01-02", categories=["Garden"], tags=["tomatoes", "blight"]),
    "blog/posts/c.md": post("Charlie", "2024-01-03", categories=["Garden"], tags=["tomatoes"]),
    "blog/posts/d.md": post("Delta", "2024-01-04", categories=["Tools"], tags=["blight"]),
    "blog/posts/e.md": post("Echo", "2024-01-05", categories=["Tools"], tags=["spades"]),
    "blog/posts/f.md": post("Foxtrot draft", "2024-01-06", categories=["Garden"], tags=["tomatoes", "blight"],
                            extra="draft: true"),
    "blog/posts/g.md": post("Golf", "2024-01-07", categories=["Kitchen"], tags=["soup"]),
}


@pytest.mark.parametrize("theme", THEMES)
def test_related_posts_under_each_post(build_site, theme):
    site = build_site(RELATED_DOCS, theme=theme)
    page = post_file(site, "Alpha")
    box = main_content(parse(page), theme).select_one("aside.blog-related-posts")
    assert box.h2.get_text(strip=True) == "Related posts"
    links = box.select("li > a")
    # Bravo shares both tags and the category; Charlie a tag and the category; Delta one tag.
    assert [a.get_text(strip=True) for a in links] == ["Bravo", "Charlie", "Delta"]
    assert parse(follow(site, page, links[0]["href"])).title.get_text().startswith("Bravo")
    # Nothing in common: no box at all.
    assert parse(post_file(site, "Golf")).select_one("aside.blog-related-posts") is None


@pytest.mark.parametrize("theme", THEMES)
def test_related_posts_switched_off(build_site, theme):
    site = build_site(RELATED_DOCS, theme=theme, plugin={"related_posts": 0})
    assert parse(post_file(site, "Alpha")).select_one("aside.blog-related-posts") is None


def test_related_posts_never_list_drafts_even_when_serving(build_site):
    site = build_site(RELATED_DOCS, command="serve", plugin={"related_posts": 5})
    box = parse(post_file(site, "Alpha")).select_one("aside.blog-related-posts")
    assert "Foxtrot draft" not in box.get_text()
    assert len(box.select("li")) == 3


SERIES_DOCS = {
    "index.md": "# Home\n",
    "blog/posts/one.md": post("Sowing", "2024-03-01", extra='series: "Growing tomatoes"\nseries_order: 1'),
    "blog/posts/two.md": post("Pricking out", "2024-03-20", extra='series: "Growing tomatoes"\nseries_order: 2'),
    "blog/posts/three.md": post("Planting", "2024-02-01", extra='series: "Growing tomatoes"\nseries_order: 3'),
    "blog/posts/x.md": post("Shed <door>", "2024-04-01", extra="series: Shed\n"),
    "blog/posts/y.md": post("Shed roof", "2024-04-02", extra="series: Shed\n"),
    "blog/posts/z.md": post("Alone", "2024-05-01"),
}


@pytest.mark.parametrize("theme", THEMES)
def test_series_box_series_page_and_overview(build_site, theme):
    site = build_site(SERIES_DOCS, theme=theme)
    page = post_file(site, "Pricking out")
    box = main_content(parse(page), theme).select_one("nav.blog-series")
    assert box["aria-label"] == "Series"
    assert box.select_one(".blog-series-position").get_text(strip=True) == "Part 2 of 3"
    items = box.select("ol.blog-series-parts > li")
    assert [li.get_text(strip=True) for li in items] == ["Sowing", "Pricking out", "Planting"]
    assert items[1].select_one("[aria-current=page]") is not None and items[1].a is None
    for a in box.select("ol a"):
        follow(site, page, a["href"])
    # The series page lists the parts in order, not by date.
    series_page = follow(site, page, box.select_one(".blog-series-title a")["href"])
    assert series_page == site.path("blog/series/growing-tomatoes/")
    soup = parse(series_page)
    assert [a.get_text(strip=True) for a in soup.select(".blog-entry-title a")] == ["Sowing", "Pricking out", "Planting"]
    assert "Growing tomatoes" in main_content(soup, theme).h1.get_text()
    # The overview lists every series with its number of parts.
    overview = main_content(parse(site.path("blog/series/")), theme)
    rows = [(li.a.get_text(strip=True), li.select_one(".blog-count").get_text(strip=True))
            for li in overview.select("ul.blog-overview > li")]
    assert rows == [("Growing tomatoes", "3 posts"), ("Shed", "2 posts")]
    assert "Shed <door>" in parse(post_file(site, "Shed roof")).select_one("nav.blog-series").get_text()
    assert parse(post_file(site, "Alone")).select_one("nav.blog-series") is None


def test_series_without_directory_urls_and_own_url_format(build_site):
    site = build_site(SERIES_DOCS, use_directory_urls=False, plugin={"series_url_format": "reading/{slug}"})
    page = post_file(site, "Sowing")
    target = follow(site, page, parse(page).select_one(".blog-series-title a")["href"])
    assert target == site.site_dir / "blog/reading/growing-tomatoes.html"
    assert (site.site_dir / "blog/reading/index.html").is_file()


def test_series_bad_input_warns_once_per_file(build_site):
    docs = dict(SERIES_DOCS)
    docs["blog/posts/four.md"] = post("Again", "2024-03-25", extra='series: "Growing tomatoes"\nseries_order: 2')
    docs["blog/posts/five.md"] = post("Odd", "2024-03-06", extra="series: [a, b]")
    site = build_site(docs, expect_warnings=[
        "blog/posts/four.md: 'series_order' 2 is also the order of 'blog/posts/two.md'",
        "blog/posts/five.md: 'series' should be a name",
    ])
    assert len(site.warnings) == 2
    items = parse(post_file(site, "Again")).select("nav.blog-series ol > li")
    assert [li.get_text(strip=True) for li in items] == ["Sowing", "Pricking out", "Again", "Planting"]


NAV_DOCS = {
    "index.md": "# Home\n",
    "blog/posts/1.md": post("G1", "2024-01-01", categories=["Garden"]),
    "blog/posts/2.md": post("T1", "2024-01-02", categories=["Tools", "Garden"]),
    "blog/posts/3.md": post("G2", "2024-01-03", categories=["Garden"]),
    "blog/posts/4.md": post("T2", "2024-01-04", categories=["Tools"]),
    "blog/posts/5.md": post("G3", "2024-01-05", categories=["garden"]),
}


def _neighbours(site, title):
    nav = parse(post_file(site, title)).select_one("nav.blog-post-nav")
    if nav is None:
        return None, None
    prev, nxt = nav.select_one("a[rel=prev]"), nav.select_one("a[rel=next]")
    return (prev.contents[-1].strip() if prev else None, nxt.contents[-1].strip() if nxt else None)


@pytest.mark.parametrize("theme", THEMES)
def test_previous_next_within_first_category(build_site, theme):
    site = build_site(NAV_DOCS, theme=theme, plugin={"post_nav_scope": "category"})
    assert _neighbours(site, "G1") == (None, "G2")
    assert _neighbours(site, "G2") == ("G1", "G3")
    assert _neighbours(site, "T1") == (None, "T2")
    assert _neighbours(site, "T2") == ("T1", None)
    default = build_site(NAV_DOCS, theme=theme)
    assert _neighbours(default, "G2") == ("T1", "T2")


COVER_DOCS = {
    "index.md": "# Home\n",
    "images/wide.png": png(64, 36),
    "blog/posts/2024/pic.md": post("With picture", "2024-02-01", extra="image: beside.png\nimage_alt: A grey box"),
    "blog/posts/2024/beside.png": png(32, 18),
    "blog/posts/cover.md": post("Cover key", "2024-02-02", extra="cover: /images/wide.png"),
    "blog/posts/2016-01-03-jekyll.md": post("Jekyll teaser", "2024-02-03",
                                            extra="header:\n  teaser: /images/wide.png\n  image: /images/hero.svg"),
    "images/hero.svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 100"></svg>\n',
    "blog/posts/remote.md": post("Remote", "2024-02-04", extra="image: https://cdn.example.org/a.jpg"),
    "blog/posts/plain.md": post("No picture", "2024-02-05"),
}


@pytest.mark.parametrize("theme", THEMES)
def test_cover_images_in_listings_posts_and_feeds(build_site, theme):
    site = build_site(COVER_DOCS, theme=theme)
    index = site.path("blog/")
    soup = parse(index)
    from conftest import entry

    img = entry(soup, "With picture").select_one("a.blog-cover img")
    assert (img["width"], img["height"], img["loading"], img["alt"]) == ("32", "18", "lazy", "A grey box")
    assert follow(site, index, img["src"]).read_bytes() == COVER_DOCS["blog/posts/2024/beside.png"]
    img = entry(soup, "Cover key").select_one("a.blog-cover img")
    assert (img["width"], img["height"], img["alt"]) == ("64", "36", "Cover key")
    img = entry(soup, "Jekyll teaser").select_one("a.blog-cover img")
    assert follow(site, index, img["src"]).name == "wide.png"
    img = entry(soup, "Remote").select_one("a.blog-cover img")
    assert img["src"] == "https://cdn.example.org/a.jpg" and not img.has_attr("width")
    assert entry(soup, "No picture").select_one("a.blog-cover") is None
    # The post's hero image: header.image for the Jekyll post, the one image elsewhere.
    page = post_file(site, "Jekyll teaser")
    hero = main_content(parse(page), theme).select_one("figure.blog-hero img")
    assert (follow(site, page, hero["src"]).name, hero["width"], hero["height"]) == ("hero.svg", "300", "100")
    page = post_file(site, "With picture")
    hero = main_content(parse(page), theme).select_one("figure.blog-hero img")
    assert follow(site, page, hero["src"]).name == "beside.png"
    # Feeds.
    atom = ET.parse(site.path("blog/feed.xml")).getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    by_title = {e.findtext("a:title", namespaces=ns): e for e in atom.findall("a:entry", ns)}
    link = by_title["With picture"].find("a:link[@rel='enclosure']", ns)
    assert link.get("href") == "https://example.com/blog/posts/2024/beside.png" and link.get("type") == "image/png"
    assert by_title["No picture"].find("a:link[@rel='enclosure']", ns) is None
    rss = ET.parse(site.path("blog/rss.xml")).getroot()
    items = {i.findtext("title"): i for i in rss.iter("item")}
    enclosure = items["Cover key"].find("enclosure")
    assert enclosure.get("url") == "https://example.com/images/wide.png"
    assert enclosure.get("length") == str(len(COVER_DOCS["images/wide.png"]))
    feed = json.loads(site.path("blog/feed.json").read_text(encoding="utf-8"))
    images = {i["title"]: i.get("image") for i in feed["items"]}
    assert images["Remote"] == "https://cdn.example.org/a.jpg" and images["No picture"] is None


def test_missing_cover_image_warns_and_shows_nothing(build_site):
    docs = {"index.md": "# Home\n", "blog/posts/a.md": post("Lost", "2024-01-01", extra="image: gone.png")}
    site = build_site(docs, expect_warnings=["blog/posts/a.md: cover image 'gone.png' does not exist"])
    assert len(site.warnings) == 1
    assert parse(site.path("blog/")).select_one("img") is None
    assert parse(post_file(site, "Lost")).select_one("figure.blog-hero") is None


LIST_DOCS = {
    "index.md": "# Home\n",
    "about/team.md": '# Team\n\nRecent:\n\n<!-- blog:posts limit=2 -->\n\nReleases:\n\n'
                     '<!-- blog:posts category="Releases" style="cards" -->\n\n'
                     "By Ada: <!-- blog:posts author=ada tag=\"soil\" -->\n\n"
                     "```html\n<!-- blog:posts limit=1 -->\n```\n",
    "blog/posts/a.md": post("Release one", "2024-01-01", categories=["Releases"], extra="authors: [ada]",
                            body="First *release* notes.\n\n<!-- more -->\n\nMore."),
    "blog/posts/b.md": post("Soil notes", "2024-02-01", categories=["Notes"], tags=["soil"], extra="authors: [ada]"),
    "blog/posts/c.md": post("Release two", "2024-03-01", categories=["Releases"], extra="image: /pic.png"),
    "pic.png": png(20, 10),
}


@pytest.mark.parametrize("theme", THEMES)
def test_post_lists_on_a_page_outside_the_blog(build_site, theme):
    site = build_site(LIST_DOCS, theme=theme)
    page = page_url(site, "about/team/")
    content = main_content(parse(page), theme)
    lists = content.select(".blog-post-list")
    assert len(lists) == 3
    recent, releases, ada = lists
    assert [a.get_text(strip=True) for a in recent.select("li > a")] == ["Release two", "Soil notes"]
    for a in recent.select("a"):
        follow(site, page, a["href"])
    cards = releases.select("article.blog-card")
    assert [c.select_one(".blog-card-title a").get_text(strip=True) for c in cards] == ["Release two", "Release one"]
    assert cards[1].select_one(".blog-excerpt em").get_text() == "release"
    img = cards[0].select_one("a.blog-cover img")
    assert img["width"] == "20" and follow(site, page, img["src"]).name == "pic.png"
    assert [a.get_text(strip=True) for a in ada.select("li > a")] == ["Soil notes"]
    # A marker inside a code block is shown as code, not replaced.
    assert "<!-- blog:posts limit=1 -->" in content.select_one("code").get_text()


def test_post_list_in_the_blog_index_intro(build_site):
    docs = dict(LIST_DOCS)
    docs["blog/index.md"] = "# Blog\n\nFresh: <!-- blog:posts limit=1 -->\n"
    site = build_site(docs)
    intro = parse(site.path("blog/")).select_one(".blog-post-list")
    assert [a.get_text(strip=True) for a in intro.select("a")] == ["Release two"]


def test_post_list_marker_with_typos_warns_naming_the_page(build_site):
    docs = {
        "index.md": '# Home\n\n<!-- blog:posts limt=3 category="Nope" style="grid" -->\n',
        "blog/posts/a.md": post("Only", "2024-01-01", categories=["Notes"]),
    }
    site = build_site(docs, expect_warnings=[
        "index.md: 'limt' in a blog:posts marker is not a known filter",
        "index.md: style='grid' in a blog:posts marker",
        "index.md: category='Nope' in a blog:posts marker matches no post",
    ])
    assert len(site.warnings) == 3
    soup = parse(site.path(""))
    assert soup.select_one(".blog-post-list .blog-empty") is not None
