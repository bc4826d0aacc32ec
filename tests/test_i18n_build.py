"""Built sites in other languages: right-to-left, Korean and Chinese labels and reading times, the
``labels`` option, and heading permalinks left out of excerpts."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import Abort

NO_THEME_TRANSLATION = "No translations could be found for the locale"


def theme(name: str, language: str) -> dict:
    """Material takes ``language``, the MkDocs themes ``locale``."""
    return {"name": name, "language" if name == "material" else "locale": language}


def entries(soup):
    return soup.select("article.blog-entry")


def posts(*texts: str) -> dict[str, str]:
    return {
        f"blog/posts/p{i}.md": f"---\ntitle: Post {i}\ndate: 2024-03-0{i + 1}\n---\n\n{text}\n"
        for i, text in enumerate(texts)
    }


@pytest.mark.parametrize("name", ["material", "mkdocs"])
def test_arabic_blog_index(build_site, name):
    expect = [NO_THEME_TRANSLATION] if name == "mkdocs" else []
    site = build_site(posts(
        "فقرة واحدة فقط.",
        "مقدمة قصيرة.\n\n<!-- more -->\n\nبقية المقالة.",  # the newer post: page 1
    ), theme=theme(name, "ar"), plugin={"pagination_per_page": 1}, expect_warnings=expect)
    soup = site.soup("blog/")
    (article,) = entries(soup)
    assert article.select_one(".blog-continue a").get_text(" ", strip=True).startswith("متابعة القراءة")
    # One minute: Arabic "one" form.
    assert article.select_one(".blog-readtime").get_text(strip=True) == "1 دقيقة للقراءة"
    assert not soup.select(".blog-page-of")  # "page N of M" is for pages 2..N only
    page_2 = site.soup("blog/page/2/")
    assert page_2.select_one(".blog-page-of").get_text(strip=True) == "الصفحة 2 من 2"
    assert soup.select_one("nav.blog-pagination")["aria-label"] == "التنقل بين الصفحات"
    assert "مقالات أقدم" in soup.select_one("nav.blog-pagination").get_text()
    if name == "material":
        assert soup.find("body")["dir"] == "rtl"  # the theme sets the direction


def test_hebrew_blog_index_with_the_mkdocs_theme(build_site):
    site = build_site(posts("פתיחה.\n\n<!-- more -->\n\nהמשך."), theme=theme("mkdocs", "he"),
                      expect_warnings=[NO_THEME_TRANSLATION])
    (article,) = entries(site.soup("blog/"))
    assert article.select_one(".blog-continue a").get_text(" ", strip=True).startswith("המשך קריאה")
    assert article.select_one(".blog-readtime").get_text(strip=True) == "1 דקת קריאה"


@pytest.mark.parametrize("name", ["material", "mkdocs"])
def test_korean_blog(build_site, name):
    # 1200 Hangul syllables: 1200 / 400 = 3 minutes (Material's count would see 600 "words" of
    # two syllables: ceil(600 / 265 * 60) = 136 s -> 3 min; the paragraph below is written so
    # that the two differ: 1200 syllables in 100 phrases of 12 -> 100 words -> 1 min).
    body = "짧은 소개입니다.\n\n<!-- more -->\n\n" + " ".join(["가나다라마바사아자차카타"] * 100)
    expect = [NO_THEME_TRANSLATION] if name == "mkdocs" else []
    site = build_site(posts(body), theme=theme(name, "ko"), expect_warnings=expect)
    (article,) = entries(site.soup("blog/"))
    assert article.select_one(".blog-continue a").get_text(" ", strip=True).startswith("계속 읽기")
    # "짧은 소개입니다." adds 7 syllables: 1207 / 400 * 60 = 181.05 -> 182 s -> 4 min.
    assert article.select_one(".blog-readtime").get_text(strip=True) == "4분 읽기"


@pytest.mark.parametrize(
    "name, language, continue_reading, read_time",
    [
        ("material", "zh", "继续阅读", "阅读需 4 分钟"),
        ("mkdocs", "zh_CN", "继续阅读", "阅读需 4 分钟"),
        ("material", "zh-Hant", "繼續閱讀", "閱讀時間 4 分鐘"),
        ("mkdocs", "zh_TW", "繼續閱讀", "閱讀時間 4 分鐘"),
    ],
)
def test_chinese_blog(build_site, name, language, continue_reading, read_time):
    body = "这是简短的介绍。\n\n<!-- more -->\n\n" + ("中文的句子" * 50 + "。\n\n") * 5
    # Characters: 这是简短的介绍 = 7, and 5 paragraphs of 5 * 50 = 250: 1257 characters, no other
    # words. 1257 / 400 * 60 = 188.55 -> 189 s -> 4 min. (Material: 6 "words" -> 1 min.)
    site = build_site(posts(body), theme=theme(name, language))
    (article,) = entries(site.soup("blog/"))
    assert article.select_one(".blog-continue a").get_text(" ", strip=True).startswith(continue_reading)
    assert article.select_one(".blog-readtime").get_text(strip=True) == read_time


def test_labels_option(build_site):
    site = build_site(posts("Only this.", "Intro.\n\n<!-- more -->\n\nMore."), plugin={
        "labels": {
            "continue_reading": "Read the rest",
            "read_time": {"one": "{minutes} minute", "other": "{minutes} minutes"},
            "previous_page": "Later",
        },
        "pagination_per_page": 1,
    })
    soup = site.soup("blog/")
    (article,) = entries(soup)
    assert article.select_one(".blog-continue a").get_text(" ", strip=True).startswith("Read the rest")
    assert article.select_one(".blog-readtime").get_text(strip=True) == "1 minute"
    assert site.soup("blog/page/2/").select_one(".blog-pagination-newer").get_text(strip=True).strip("←") == "Later"


def test_labels_option_with_a_language(build_site):
    site = build_site(posts("Einleitung.\n\n<!-- more -->\n\nMehr."), theme=theme("mkdocs", "de"),
                      plugin={"labels": {"continue_reading": "Ganzen Beitrag lesen"}})
    (article,) = entries(site.soup("blog/"))
    assert article.select_one(".blog-continue a").get_text(" ", strip=True).startswith("Ganzen Beitrag lesen")
    assert article.select_one(".blog-readtime").get_text(strip=True) == "1 Min. Lesezeit"


def test_unknown_label_is_a_clear_error(build_site, caplog):
    with pytest.raises(Abort):
        build_site(posts("Text."), plugin={"labels": {"read_more": "More"}})
    assert "blog-plugin: option 'labels': unknown label 'read_more'" in caplog.text


def test_heading_permalinks_are_left_out_of_excerpts(build_site):
    site = build_site(posts(
        "## A section\n\nFirst paragraph.\n\n### Deeper\n\nSecond.\n\n<!-- more -->\n\n## Later\n\nRest."
    ), markdown_extensions=[{"toc": {"permalink": True}}])
    (article,) = entries(site.soup("blog/"))
    excerpt = article.select_one(".blog-excerpt")
    assert [h.get_text() for h in excerpt.select("h2, h3")] == ["A section", "Deeper"]
    assert excerpt.select("a.headerlink") == [] and "¶" not in excerpt.get_text()
    # The post keeps them.
    post = site.soup("blog/2024/03/01/post-0/")
    assert len(post.select("a.headerlink")) >= 3
