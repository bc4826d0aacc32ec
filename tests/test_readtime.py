"""Reading time: Material's rule (text outside svg/script/style/object, ``\\W+`` split, 12 s for
the first image down to 3 s, rounded up) and CJK characters counted one by one. Each expected
value is worked out by hand in the comments."""

from __future__ import annotations

import markdown
import pytest

from mkdocs_blog_plugin.readtime import CHARACTERS_PER_MINUTE, image_seconds, reading_time, text_and_images

WPM = 265


def words(n: int) -> str:
    """``n`` words separated by single spaces: ``re.split(r"\\W+")`` gives exactly ``n`` pieces."""
    return " ".join(["word"] * n)


def test_plain_text():
    # 530 words: ceil(530 / 265 * 60) = 120 s; ceil(120 / 60) = 2 min.
    assert reading_time(f"<p>{words(530)}</p>", WPM) == 2
    # 531 words: ceil(531 / 265 * 60) = ceil(120.23) = 121 s -> ceil(2.02) = 3 min.
    assert reading_time(f"<p>{words(531)}</p>", WPM) == 3


def test_trailing_punctuation_leaves_an_empty_piece_that_counts_as_material_counts_it():
    # "word ... word." splits into 530 words and one empty piece after the full stop: 531 -> 3.
    assert reading_time(f"<p>{words(530)}.</p>", WPM) == 3


def test_empty_post_is_one_minute():
    # re.split on "" gives [""]: 1 word -> ceil(0.23) = 1 s -> 1 min.
    assert reading_time("", WPM) == 1
    assert reading_time("<p></p>", WPM) == 1


def test_punctuation_splits_words():
    # "don't stop-me now" -> don, t, stop, me, now: 5 words; "a.b" two.
    text, _ = text_and_images("<p>don't stop-me now</p>")
    assert text == "don't stop-me now"
    # 106 copies of 5 words, each copy closed by a space: "don't stop-me now " * 106 splits into
    # 5 * 106 = 530 words and one empty piece at the end = 531 -> 121 s -> 3 min; 105 copies:
    # 525 + 1 = 526 words -> ceil(119.09) = 120 s -> 2 min.
    assert reading_time("<p>" + "don't stop-me now " * 106 + "</p>", WPM) == 3
    assert reading_time("<p>" + "don't stop-me now " * 105 + "</p>", WPM) == 2


@pytest.mark.parametrize("tag", ["svg", "script", "style", "object"])
def test_skipped_elements_are_not_read(tag):
    hidden = {
        "svg": f'<svg viewBox="0 0 10 10"><text x="0" y="5">{words(300)}</text><g><title>{words(50)}</title></g></svg>',
        "script": f"<script>var text = '{words(300)}';</script>",
        "style": f"<style>/* {words(300)} */ p {{ color: red }}</style>",
        "object": f'<object data="x.pdf"><p>{words(300)}</p></object>',
    }[tag]
    # 530 visible words = 120 s = 2 min; the hidden 300 words would make it 830 -> 188 s -> 4 min.
    # (The text pieces are joined with nothing in between, as Material joins them: the newlines
    # keep the last word before the element and the first after it apart.)
    assert reading_time(f"<p>{words(265)}</p>\n{hidden}\n<p>{words(265)}</p>", WPM) == 2
    # Text right after the element is read again: 531 words -> 121 s -> 3 min.
    assert reading_time(f"<p>{words(265)}</p>\n{hidden}\n<p>{words(266)}</p>", WPM) == 3


def test_text_pieces_are_joined_with_nothing_in_between():
    # "<p>a</p><p>b</p>" reads "ab": one word, as in Material.
    assert text_and_images("<p>a</p><p>b</p>")[0] == "ab"


def test_nested_svg_and_svg_in_object():
    html = f"<p>{words(530)}</p><object><svg><svg><text>{words(100)}</text></svg></svg></object>"
    assert text_and_images(html)[0] == words(530)
    assert reading_time(html, WPM) == 2


def test_image_seconds():
    # 12, 11, 10, 9, 8, 7, 6, 5, 4 for the first nine images, 3 for each one after.
    assert [image_seconds(n) for n in range(4)] == [0, 12, 23, 33]
    assert image_seconds(9) == 12 + 11 + 10 + 9 + 8 + 7 + 6 + 5 + 4  # 72
    assert image_seconds(10) == 72 + 3
    assert image_seconds(20) == 72 + 11 * 3  # 105


def test_images_add_time():
    # No text: 1 empty word = 1 s. 6 images: 12+11+10+9+8+7 = 57; 58 s -> 1 min.
    assert reading_time('<p><img src="a.png"></p>' * 6, WPM) == 1
    # 7 images: 57 + 6 = 63; 64 s -> 2 min.
    assert reading_time('<p><img src="a.png"></p>' * 7, WPM) == 2
    # 530 words (120 s) and one image (12 s): 132 s -> 3 min.
    assert reading_time(f'<p>{words(530)}</p><p><img src="a.png" alt="a b c"></p>', WPM) == 3
    # Alt text is not text: still 530 words -> 2 min without the image.
    assert text_and_images('<p><img src="a.png" alt="a b c"></p>') == ("", 1)


def test_images_inside_figures_and_links_count():
    html = '<figure><a href="x"><img src="a.png"></a><figcaption>A cat</figcaption></figure>'
    assert text_and_images(html) == ("A cat", 1)


def test_code_is_read_like_text():
    html = "<pre><code>x = foo_bar(1, 2)\n</code></pre>"
    # Text "x = foo_bar(1, 2)\n" -> x, foo_bar, 1, 2 and the empty piece after ")\n": 5 words.
    assert text_and_images(html)[0] == "x = foo_bar(1, 2)\n"
    # 106 copies: 4 * 106 = 424 words plus 1 empty piece at the end (the "\n" between copies
    # joins ")" and "x" into one separator) = 425 words -> ceil(96.2) = 97 s -> 2 min; at 100
    # words a minute: ceil(425 / 100 * 60) = 255 s -> 5 min.
    html = "<pre><code>" + "x = foo_bar(1, 2)\n" * 106 + "</code></pre>"
    assert reading_time(html, WPM) == 2
    assert reading_time(html, 100) == 5


def test_entities_are_text():
    # "&amp;" is "&", a separator: "a & b" is 2 words.
    assert text_and_images("<p>a &amp; b</p>")[0] == "a & b"


def test_words_per_minute():
    # 100 words at 50 a minute: 120 s -> 2 min; at 1000: 6 s -> 1 min.
    assert reading_time(f"<p>{words(100)}</p>", 50) == 2
    assert reading_time(f"<p>{words(100)}</p>", 1000) == 1


# -- CJK ------------------------------------------------------------------------------------------

def test_chinese_characters_are_counted_one_by_one():
    assert CHARACTERS_PER_MINUTE == 400
    # 400 Han characters at 400 a minute: 60 s -> 1 min (no other words: the pieces are empty).
    assert reading_time("<p>" + "字" * 400 + "</p>", WPM) == 1
    # 401: 401 / 400 * 60 = 60.15 -> 61 s -> 2 min.
    assert reading_time("<p>" + "字" * 401 + "</p>", WPM) == 2
    # 2000 characters in 10 paragraphs: 2000 / 400 = 5 min (Material: 10 "words", 1 min).
    assert reading_time(("<p>" + "中文的句子" * 40 + "</p>\n") * 10, WPM) == 5


def test_punctuation_between_cjk_characters_is_not_counted():
    sentence = "日本語のテキストです。"  # 10 characters (日本語 の テキスト です) and "。"
    # 6 sentences: 60 characters at 60 a minute: 60 s -> 1 min; 7: 70 s -> 2 min. Were "。"
    # counted, 6 sentences would be 66 characters -> 2 min.
    assert reading_time("<p>" + sentence * 6 + "</p>", WPM, characters_per_minute=60) == 1
    assert reading_time("<p>" + sentence * 7 + "</p>", WPM, characters_per_minute=60) == 2


def test_hangul_syllables_and_katakana_count():
    # "안녕하세요 세계" is 5 + 2 = 7 syllables; 9 copies = 63 at 63 a minute = 60 s -> 1 min,
    # 10 copies = 70 -> 67 s -> 2 min.
    assert reading_time("<p>" + "안녕하세요 세계 " * 9 + "</p>", WPM, characters_per_minute=63) == 1
    assert reading_time("<p>" + "안녕하세요 세계 " * 10 + "</p>", WPM, characters_per_minute=63) == 2
    # "コーヒー" is 4 Katakana characters (the long-vowel mark included): 15 copies = 60 -> 1 min.
    assert reading_time("<p>" + "コーヒー" * 15 + "</p>", WPM, characters_per_minute=60) == 1
    assert reading_time("<p>" + "コーヒー" * 16 + "</p>", WPM, characters_per_minute=60) == 2


def test_mixed_cjk_and_latin_text():
    # 200 Han characters (200 / 400 = 0.5 min) and 265 English words (1 min): 90 s -> 2 min.
    html = "<p>" + "字" * 200 + " " + words(265) + "</p>"
    assert reading_time(html, WPM) == 2
    # Latin words glued to Han characters stay words of their own: "MkDocs是工具" is 1 word and
    # 3 characters. 30 copies: 30 words (30 / 265 min) + 90 characters (90 / 400 min)
    # = (0.1132 + 0.225) * 60 = 20.3 -> 21 s -> 1 min; with 20 characters a minute: 90 / 20 = 4.5
    # min + 6.8 s = 276.8 -> 277 s -> 5 min.
    assert reading_time("<p>" + "MkDocs是工具 " * 30 + "</p>", WPM) == 1
    assert reading_time("<p>" + "MkDocs是工具 " * 30 + "</p>", WPM, characters_per_minute=20) == 5


def test_cjk_inside_skipped_elements_is_not_read():
    assert reading_time("<p>字</p><svg><text>" + "字" * 1000 + "</text></svg>", WPM) == 1


# -- the same numbers as Material --------------------------------------------------------------

SAMPLES = [
    "# Title\n\nHello world.",
    "# A post\n\nSome *emphasis*, a [link](x.md) and `code_here()`.\n\n## Section\n\n" + "Lorem ipsum dolor sit amet. " * 120,
    "Intro.\n\n<!-- more -->\n\n```python\ndef f(x):\n    return x * 2  # doubled\n```\n\n" + "More text, with commas; and semicolons! " * 80,
    "![A cat](cat.png)\n\n![A dog](dog.png)\n\n" + "Picture words. " * 40 + "\n\n" + "![x](x.png)\n\n" * 12,
    "| a | b |\n|---|---|\n| 1 | 2 |\n| don't | e.g. |\n\n" + "Table talk 3.14 and 2,000 items. " * 70,
    '<svg width="10"><text>hidden words here</text></svg>\n\n' + "Visible text. " * 265
    + '\n\n<script>var hidden = "a b c d e f";</script>\n\n<style>.x { color: red }</style>\n',
    "!!! note \"An admonition\"\n\n    Inside the note. " + "Word " * 500 + "\n\nFootnote[^1].\n\n[^1]: The note text.",
    "- one\n- two\n    - nested item\n\n1. first\n2. second\n\n> A quote &amp; an entity &mdash; here.\n",
]


@pytest.mark.parametrize("source", SAMPLES)
@pytest.mark.parametrize("wpm", [60, 200, 265, 1000])
def test_same_as_material_for_markdown_output(source, wpm):
    material_readtime = pytest.importorskip("material.plugins.blog.readtime").readtime
    html = markdown.markdown(
        source, extensions=["admonition", "footnotes", "tables", "fenced_code", "toc", "attr_list"],
        extension_configs={"toc": {"permalink": True}},
    )
    assert reading_time(html, wpm) == material_readtime(html, wpm)


def test_material_counts_a_chinese_paragraph_as_one_word_and_this_does_not():
    material_readtime = pytest.importorskip("material.plugins.blog.readtime").readtime
    html = ("<p>" + "中文的句子" * 40 + "</p>\n") * 10  # 2000 characters
    assert material_readtime(html, WPM) == 1
    assert reading_time(html, WPM) == 5


@pytest.mark.parametrize("html", [
    "<p>Hello <b>bold</b> world.</p><!-- a comment --><ul><li>one</li><li>two &amp; three</li></ul>",
    "<h1>Title</h1>\n<pre><code>x = 1\nprint(x)</code></pre><p>Caf\u00e9 \u65e5\u672c\u8a9e</p>",
    "<div><p>a<br>b</p><table><tr><td>c</td><td>d</td></tr></table></div>text after",
    "",
])
def test_the_text_is_the_same_with_or_without_elements_to_skip(html):
    # Without script, style, svg or object, the whole text is taken at once; with one, the tree
    # is walked. An empty script adds no text, so both ways must give the same text.
    fast, images = text_and_images(html)
    walked, same_images = text_and_images(html + "<script></script>")
    assert (fast, images) == (walked, same_images)
