"""The blog's look on every theme, read from built HTML: the pager, page titles, listing headers,
sharing metadata (description, Open Graph, Twitter card, canonical, JSON-LD), one rel=next/prev per
page, the blog highlighted in the nav on later pages, no empty table of contents box, and the
contrast of every colour pair the stylesheet sets."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import THEMES
from mkdocs_blog_plugin import social

CSS = Path(__file__).resolve().parent.parent / "mkdocs_blog_plugin/templates/blog-plugin/blog-plugin.css"

AUTHORS = """
authors:
  ada:
    name: Ada Park
    description: Keeps the <seed> tin & the diary
    avatar: blog/ada.svg
    url: https://example.com/ada/
  bo:
    name: Bo Lind
"""

AVATAR = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8"/></svg>'


def post(n: int, **extra: str) -> str:
    lines = [f"date: 2024-03-{n:02d}", "authors: [ada]", "tags: [soil, beans]", "categories: [Notes]"]
    lines += [f"{k}: {v}" for k, v in extra.items()]
    return "---\n" + "\n".join(lines) + f"\n---\n\n# Post {n}\n\nFirst paragraph of post {n}.\n\n<!-- more -->\n\nMore of post {n}.\n"


DOCS = {
    "index.md": "# Home\n\nWelcome.\n",
    "about.md": "# About\n\nUs.\n",
    "blog/.authors.yml": AUTHORS,
    "blog/ada.svg": AVATAR,
    "blog/posts/p1.md": post(1),
    "blog/posts/p2.md": post(2),
    "blog/posts/p3.md": post(3, description="A hand-written <summary> & more", image="cover.png"),
    "blog/posts/cover.png": b"\x89PNG\r\n\x1a\n",
    "blog/posts/p4.md": post(4, updated="2024-04-01"),
    "blog/posts/p5.md": "---\ndate: 2024-03-05\nauthors: [ada, bo]\n---\n\n# Post 5\n\n"
                        "![A plan](cover.png)\n\n" + ("Long words here. " * 40) + "\n",
}
PLUGIN = {"pagination_per_page": 2, "authors_profiles": True}


@pytest.fixture(scope="module", params=THEMES)
def site(request, tmp_path_factory):
    from conftest import run_build, write_tree
    import yaml

    project = tmp_path_factory.mktemp(f"design-{request.param}")
    write_tree(project / "docs", DOCS)
    cfg = {
        "site_name": "Field Notes",
        "site_url": "https://example.com/",
        "theme": {"name": request.param},
        "plugins": ["search", {"blog-plugin": PLUGIN}],
    }
    (project / "mkdocs.yml").write_text(yaml.safe_dump(cfg), encoding="utf-8")
    return request.param, run_build(project)


def post_url(site, n: int) -> str:
    return f"blog/2024/03/{n:02d}/post-{n}/"


# -- pager and titles ---------------------------------------------------------------------------


def test_pager_has_newer_older_numbers_and_marks_the_current_page(site):
    theme, s = site
    first, second, third = s.soup("blog/"), s.soup("blog/page/2/"), s.soup("blog/page/3/")
    for number, soup in enumerate((first, second, third), start=1):
        pager = soup.select_one("nav.blog-pagination")
        assert pager is not None and pager.get("aria-label")
        current = pager.select('[aria-current="page"]')
        assert [c.get_text(strip=True) for c in current] == [str(number)]
        numbers = [a.get_text(strip=True) for a in pager.select("ol.blog-pagination-pages a")]
        assert numbers == [str(n) for n in (1, 2, 3) if n != number]
        # Newer on the left, older on the right: a slot keeps the place when one is missing.
        children = [c for c in pager.children if getattr(c, "name", None)]
        assert children[0]["class"][0].startswith("blog-pagination-newer")
        assert children[-1]["class"][0].startswith("blog-pagination-older")
        assert (pager.select_one("a.blog-pagination-newer") is None) == (number == 1)
        assert (pager.select_one("a.blog-pagination-older") is None) == (number == 3)
    assert first.select_one("a.blog-pagination-older[rel=next]")["href"].rstrip("/").endswith("page/2")
    assert second.select_one("a.blog-pagination-newer[rel=prev]") is not None


def test_touch_targets_in_the_stylesheet():
    css = CSS.read_text(encoding="utf-8")
    rule = re.search(r"\.blog-pagination a, [^{]*\{([^}]*)\}", css).group(1)
    assert "min-width: 44px" in rule and "min-height: 44px" in rule


def test_page_number_in_the_title_of_later_pages_only(site):
    theme, s = site
    first, second = s.soup("blog/"), s.soup("blog/page/2/")
    assert "Page" not in first.title.get_text()
    assert "Page 2 of 3" in second.title.get_text()
    assert "Page 1" not in first.body.get_text(" ")
    assert not first.select(".blog-page-of")
    assert second.select_one(".blog-page-of").get_text(strip=True) == "Page 2 of 3"
    # The heading stays the blog's name.
    assert [h.get_text(strip=True) for h in second.select(".blog-listing-header h1")] == ["Blog"]


def test_exactly_one_rel_next_and_prev(site):
    theme, s = site
    for url, prev, nxt in (("blog/", 0, 1), ("blog/page/2/", 1, 1), ("blog/page/3/", 1, 0)):
        soup = s.soup(url)
        assert len(soup.select('[rel~="next"]')) == nxt, (theme, url)
        assert len(soup.select('[rel~="prev"]')) == prev, (theme, url)


# -- listings -----------------------------------------------------------------------------------


def test_entries_have_byline_with_separator_list_and_avatar(site):
    theme, s = site
    entry = s.soup("blog/").select_one("article.blog-entry")
    assert "md-post" in entry["class"] and "md-post--excerpt" in entry["class"]
    header = entry.select_one("header.md-post__header")
    assert header.select_one(".md-post__authors .md-author img.blog-avatar")["src"].endswith("blog/ada.svg")
    items = header.select("ul.md-meta__list > li.md-meta__item")
    assert len(items) >= 3
    assert entry.select_one(".blog-entry-title a")
    if theme == "material":
        assert entry.select_one(".md-post__content .blog-entry-title a")
    title_first = entry.find(["h2", "header"]).name == "h2"
    assert title_first == (theme != "material"), "Material: byline above the title, as in its blog"


def test_tag_category_and_author_pages_have_heading_and_count(site):
    theme, s = site
    tag = s.soup("blog/tags/soil/")
    assert tag.select_one(".blog-listing-header h1").get_text(strip=True) == "soil"
    assert tag.select_one(".blog-listing-count").get_text(strip=True) == "4 posts"
    author = s.soup("blog/author/ada/")
    header = author.select_one(".blog-listing-header")
    assert header.select_one("h1").get_text(strip=True) == "Ada Park"
    assert header.select_one("img.blog-profile-avatar")["src"].endswith("blog/ada.svg")
    assert header.select_one(".blog-profile-bio").get_text() == "Keeps the <seed> tin & the diary"
    assert header.select_one(".blog-listing-count").get_text(strip=True) == "5 posts"


def test_tags_overview_is_a_cloud_of_chips_with_counts(site):
    theme, s = site
    cloud = s.soup("blog/tags/").select_one("ul.blog-overview.blog-cloud")
    chips = {li.a.get_text(strip=True): li.select_one(".blog-count").get_text(strip=True)
             for li in cloud.select("li.blog-chip")}
    assert chips == {"beans": "4 posts", "soil": "4 posts"}


def test_no_empty_toc_box_on_mkdocs_listings(site):
    theme, s = site
    if theme != "mkdocs":
        pytest.skip("the mkdocs theme's table of contents box")
    sidebar = s.soup("blog/page/2/").select_one(".bs-sidebar")
    assert sidebar is not None and sidebar.select(".nav-item") == []
    # That empty box is hidden by the stylesheet (selector matched by the theme's markup above).
    assert ".bs-sidebar:not(:has(.nav-item)) { display: none; }" in CSS.read_text(encoding="utf-8")


def test_blog_highlighted_in_the_nav_on_later_pages(site):
    theme, s = site
    soup = s.soup("blog/page/2/")
    if theme == "material":
        # The index's own item (a link, not the section's label) is the active one.
        active = soup.select("nav.md-nav--primary li.md-nav__item--active:not(.md-nav__item--nested) > a.md-nav__link")
        assert [a.get_text(strip=True) for a in active] == ["Blog"]
    elif theme == "readthedocs":
        current = soup.select("div.wy-menu-vertical li.current > a.current")
        assert [a.get_text(strip=True) for a in current] == ["Blog"]
    else:
        pytest.skip("the mkdocs theme highlights the blog's dropdown itself (tests/test_nav.py)")
    # And not on other pages afterwards: the highlight is reset after each page.
    about = s.soup("about/")
    assert "Blog" not in [a.get_text(strip=True) for a in about.select(
        "li.md-nav__item--active > a.md-nav__link, div.wy-menu-vertical li.current > a.current")]


# -- sharing and search engines -----------------------------------------------------------------


def meta(soup, key: str) -> list[str]:
    return [m["content"] for m in soup.find_all("meta") if m.get("property") == key or m.get("name") == key]


def test_post_pages_have_open_graph_twitter_and_one_canonical(site):
    theme, s = site
    soup = s.soup(post_url(s, 3))
    assert meta(soup, "og:title") == ["Post 3"]
    assert meta(soup, "og:type") == ["article"]
    assert meta(soup, "og:url") == ["https://example.com/" + post_url(s, 3)]
    assert meta(soup, "og:image") == ["https://example.com/blog/posts/cover.png"]
    assert meta(soup, "twitter:card") == ["summary_large_image"]
    assert meta(soup, "article:published_time") == ["2024-03-03T00:00:00+00:00"]
    assert meta(soup, "article:modified_time") == []
    assert meta(soup, "article:author") == ["Ada Park"]
    assert sorted(meta(soup, "article:tag")) == ["beans", "soil"]
    assert len(soup.find_all("link", rel="canonical")) == 1
    descriptions = meta(soup, "description")
    assert len(descriptions) == 1
    if theme != "material":  # Material writes its own description (the front matter's, here too)
        assert descriptions == ["A hand-written <summary> & more"]
    assert meta(soup, "og:description") == ["A hand-written <summary> & more"]
    updated = s.soup(post_url(s, 4))
    assert meta(updated, "article:modified_time") == ["2024-04-01T00:00:00+00:00"]


def test_description_falls_back_to_the_excerpt_and_image_to_the_first_picture(site):
    theme, s = site
    soup = s.soup(post_url(s, 5))
    (description,) = meta(soup, "og:description")
    assert description.startswith("Long words here.") and len(description) <= 160 and description.endswith("…")
    assert meta(soup, "og:image") == ["https://example.com/blog/posts/cover.png"]
    assert meta(soup, "article:author") == ["Ada Park", "Bo Lind"]
    short = s.soup(post_url(s, 1))
    assert meta(short, "og:description") == ["First paragraph of post 1."]
    assert meta(short, "twitter:card") == ["summary"]


def test_json_ld_blog_posting(site):
    theme, s = site
    soup = s.soup(post_url(s, 4))
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    assert "</" not in scripts[0].string and "<" not in scripts[0].string
    data = json.loads(scripts[0].string)
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == "Post 4"
    assert data["datePublished"] == "2024-03-04T00:00:00+00:00"
    assert data["dateModified"] == "2024-04-01T00:00:00+00:00"
    assert data["author"] == [{"@type": "Person", "name": "Ada Park", "url": "https://example.com/ada/"}]
    assert data["url"] == "https://example.com/" + post_url(s, 4)
    assert data["description"] == "First paragraph of post 4."


# -- social.py on its own ------------------------------------------------------------------------


def test_head_tags_skip_what_the_theme_wrote_and_escape():
    head = ('<html><head><meta name="description" content="x"><link rel="canonical" href="https://a.b/">'
            '<meta property="og:title" content="t"></head><body></body></html>')
    out = social.head_tags(
        title='"Quotes" & </script>', description="d", url="https://a.b/p/", canonical="https://a.b/p/",
        published="2024-01-01T00:00:00+00:00", modified=None, authors=["A"], tags=["t<1>"], image=None,
        site_name="S", existing_head=head,
    )
    assert 'name="description"' not in out and 'rel="canonical"' not in out and 'property="og:title"' not in out
    assert 'content="t&lt;1&gt;"' in out and "&quot;Quotes&quot; &amp; &lt;/script&gt;" in out
    ld = out.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert json.loads(ld)["headline"] == '"Quotes" & </script>'
    again = social.head_tags(
        title="t", description="d", url="https://a.b/p/", canonical=None, published=None, modified=None,
        authors=[], tags=[], image=None, site_name=None, existing_head=head.replace("</head>", out + "</head>"),
    )
    assert again == ""


def test_shorten_cuts_on_a_word_boundary():
    text = "word " * 100
    cut = social.shorten(text, 30)
    assert len(cut) <= 30 and cut.endswith("word…")
    assert social.shorten("short", 30) == "short"


# -- contrast -----------------------------------------------------------------------------------


def _luminance(hex_colour: str) -> float:
    value = hex_colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    channels = [int(value[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(fg: str, bg: str) -> float:
    a, b = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def colour_blocks(css: str) -> dict[str, dict[str, str]]:
    """``{selector: {custom property: value}}`` for every rule that defines ``--blog-*`` colours."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    blocks = {}
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        props = dict(re.findall(r"(--blog-[\w-]+)\s*:\s*([^;]+);", body))
        if props:
            blocks[" ".join(selector.split())] = {k: v.strip() for k, v in props.items()}
    return blocks


def test_contrast_helper():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#777777", "#ffffff"), 2) == 4.48


def test_every_text_colour_pair_has_contrast_4_5():
    blocks = colour_blocks(CSS.read_text(encoding="utf-8"))
    assert ":root" in blocks and len(blocks) >= 2, "a light and a dark palette"
    base = blocks[":root"]
    checked = []
    for selector, props in blocks.items():
        palette = {**base, **props}
        for name, value in props.items():
            if not name.endswith("-fg"):
                continue
            pair = name[: -len("-fg")] + "-bg"
            assert pair in props, f"{selector}: {name} has no {pair} beside it"
            fg, bg = palette[name], palette[pair]
            assert re.fullmatch(r"#[0-9a-fA-F]{6}", fg) and re.fullmatch(r"#[0-9a-fA-F]{6}", bg), (name, fg, bg)
            ratio = contrast(fg, bg)
            assert ratio >= 4.5, f"{selector}: {name} {fg} on {bg} is {ratio:.2f}:1"
            checked.append(name)
    assert len(checked) >= 10


def test_colours_set_outside_the_palette_are_custom_properties():
    """Every text colour or background in a rule reads a --blog-* property (or is a rule colour)."""
    css = re.sub(r"/\*.*?\*/", "", CSS.read_text(encoding="utf-8"), flags=re.S)
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        if "--blog-" in body and ":root" in selector or "data-" in selector:
            continue
        for prop, value in re.findall(r"(?:^|;)\s*(color|background|background-color)\s*:\s*([^;]+)", body):
            assert value.strip().startswith("var(--blog-"), f"{selector.strip()}: {prop}: {value}"
