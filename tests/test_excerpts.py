"""Table-driven tests for ``excerpts``: cutting a post's HTML and re-basing it for listing pages."""

from __future__ import annotations

import pytest

from mkdocs_blog_plugin.excerpts import (
    MARKER,
    ROOT,
    Excerpt,
    comment_text,
    cut,
    prepare_markdown,
)

DIR_URL = "blog/2024/01/02/p/"
HTML_URL = "blog/2024/01/02/p.html"
MORE = ("<!-- more -->", "<!--more-->")


def excerpt_of(html: str, post_url: str = DIR_URL, separators=MORE, **options) -> tuple[str, bool, int]:
    """The excerpt as a listing page at ``blog/`` would show it, with ``R/`` as its root."""
    excerpt, words = cut(html, post_url=post_url, separators=separators, **options)
    return excerpt.for_page("R/"), excerpt.truncated, words


@pytest.mark.parametrize(
    "separator, expected",
    [
        ("<!-- more -->", "more"),
        ("<!--more-->", "more"),
        ("<!--more-->\n", "more"),
        ("  <!--   read   more -->  ", "read more"),
        ("<!---->", ""),
        ("<!--->", None),
        ("---", None),
        ("[[more]]", None),
        ("", None),
    ],
)
def test_comment_text(separator, expected):
    assert comment_text(separator) == expected


@pytest.mark.parametrize(
    "markdown, separator, expected",
    [
        ("A\n\n<!--more-->\n\nB", "<!--more-->", "A\n\n<!--more-->\n\nB"),  # comments stay as they are
        ("A\n\n<!--more-->\n\nB", "<!--more-->\n", "A\n\n<!--more-->\n\nB"),
        ("A\n\nB", None, "A\n\nB"),
        ("A\n\nB", "", "A\n\nB"),
        ("A\n\nB", "[[cut]]", "A\n\nB"),
        ("A\n[[cut]]\nB", "[[cut]]", f"A\n\n\n{MARKER}\n\n\nB"),
        ("A [[cut]] B [[cut]] C", "[[cut]]\n", f"A \n\n{MARKER}\n\n B [[cut]] C"),
        # Inside fenced code the separator is content, not a separator.
        ("```\n[[cut]]\n```\nA [[cut]] B", "[[cut]]", f"```\n[[cut]]\n```\nA \n\n{MARKER}\n\n B"),
        ("~~~\n[[cut]]\n~~~", "[[cut]]", "~~~\n[[cut]]\n~~~"),
        ("- item\n\n    ```\n    [[cut]]\n    ```\n", "[[cut]]", "- item\n\n    ```\n    [[cut]]\n    ```\n"),
        ("````\n```\n[[cut]]\n````\n[[cut]]", "[[cut]]", f"````\n```\n[[cut]]\n````\n\n\n{MARKER}\n\n"),
    ],
)
def test_prepare_markdown(markdown, separator, expected):
    assert prepare_markdown(markdown, separator) == expected


# -- where the excerpt ends -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "html, separators, fallback, excerpt, truncated",
    [
        ("<p>One</p><!-- more --><p>Two</p>", MORE, "paragraph", "<p>One</p>", True),
        ("<p>One</p><!--more--><p>Two</p>", MORE, "paragraph", "<p>One</p>", True),
        ("<p>One</p><!--  more\n--><p>Two</p>", ("<!-- more -->",), "paragraph", "<p>One</p>", True),
        ("<p>One</p><p>1b</p>\n<!-- more -->\n<p>Two</p>", MORE, "full", "<p>One</p><p>1b</p>", True),
        # Nested inside a paragraph (Markdown keeps an inline comment in the paragraph).
        ("<p>One <!-- more --> rest</p><p>Two</p>", MORE, "paragraph", "<p>One </p>", True),
        ("<div><p>Deep <em>x<!--more-->y</em></p></div><p>Two</p>", MORE, "full", "<div><p>Deep <em>x</em></p></div>", True),
        # Nothing follows the separator: nothing is hidden.
        ("<p>One</p><!-- more -->", MORE, "paragraph", "<p>One</p>", False),
        ("<p>One</p><!-- more -->\n  \n", MORE, "paragraph", "<p>One</p>", False),
        ("<p>One</p><!-- more --><!-- trailing comment -->", MORE, "paragraph", "<p>One</p>", False),
        ("<p>One</p><!-- more --><hr>", MORE, "paragraph", "<p>One</p>", True),
        # Nested in a block: what follows it inside the block and after it goes.
        ('<div class="admonition"><p>A</p><!-- more --><p>B</p></div><p>C</p>', MORE, "full",
         '<div class="admonition"><p>A</p></div>', True),
        ("<ul><li>a <!-- more --> b</li><li>c</li></ul>", MORE, "paragraph", "<ul><li>a </li></ul>", True),
        ("<div><p>A</p><!-- more --><p>B</p></div>", MORE, "full", "<div><p>A</p></div>", True),
        ("<div><p>A</p><!-- more --> </div>\n", MORE, "full", "<div><p>A</p></div>", False),
        ("<p>A</p><!-- x --><p>B</p><!-- more -->\n<!-- y -->\n", MORE, "full", "<p>A</p><p>B</p>", False),
        # The first separator wins; a separator that is not configured is just a comment.
        ("<p>A</p><!-- more --><p>B</p><!-- more --><p>C</p>", MORE, "full", "<p>A</p>", True),
        ("<p>A</p><!-- cut --><p>B</p>", ("<!-- cut -->",), "full", "<p>A</p>", True),
        ("<p>A</p><!-- cut --><p>B</p>", MORE, "full", "<p>A</p><p>B</p>", False),
        # The marker that stands in for a plain-text separator is always a separator.
        (f"<p>A</p>{MARKER}<p>B</p>", (), "full", "<p>A</p>", True),
        # Separator text in a code block is escaped text, not a separator.
        ("<pre><code>&lt;!-- more --&gt;\n</code></pre><p>After</p>", MORE, "full",
         "<pre><code>&lt;!-- more --&gt;\n</code></pre><p>After</p>", False),
        ("<p><code>&lt;!--more--&gt;</code></p><p>After</p>", MORE, "paragraph",
         "<p><code>&lt;!--more--&gt;</code></p>", True),
        ("<p>A</p><script>// <!-- more --></script><p>B</p>", MORE, "full",
         "<p>A</p><script>// <!-- more --></script><p>B</p>", False),
        # The parser makes the comment's text: NUL becomes U+FFFD.
        ("<p>A</p><!-- mo\x00re --><p>B</p>", ("<!-- mo\ufffdre -->",), "full", "<p>A</p>", True),
        ("<p>A</p><!----><p>B</p>", ("<!---->",), "full", "<p>A</p>", True),
        ("<p>A</p><!-- more --><p>B</p>", ("<!---->",), "full", "<p>A</p><p>B</p>", False),
        # Fallbacks when there is no separator.
        ("<p>One</p><p>Two</p>", MORE, "paragraph", "<p>One</p>", True),
        ("<p>One</p>", MORE, "paragraph", "<p>One</p>", False),
        ("<p>One</p>\n", MORE, "paragraph", "<p>One</p>", False),
        ("<h1>Title</h1><p>One</p>", MORE, "paragraph", "<p>One</p>", False),
        ("<h2>Intro</h2><p>One</p>", MORE, "paragraph", "<p>One</p>", True),
        ("<div><p>Boxed</p></div><p>One</p>", MORE, "paragraph", "<p>One</p>", True),
        ("<p> </p><p>One</p>", MORE, "paragraph", "<p>One</p>", True),
        ("<ul><li>only a list</li></ul>", MORE, "paragraph", "<ul><li>only a list</li></ul>", False),
        ("<p>One</p><p>Two</p>", MORE, "full", "<p>One</p><p>Two</p>", False),
        ("<p>One</p><p>Two</p>", MORE, "title", "", True),
        ("", MORE, "title", "", False),
        ("", MORE, "paragraph", "", False),
    ],
)
def test_cut(html, separators, fallback, excerpt, truncated):
    result, was_truncated, _ = excerpt_of(html, separators=separators, fallback=fallback)
    assert result == excerpt
    assert was_truncated is truncated


@pytest.mark.parametrize(
    "html, max_words, excerpt, truncated",
    [
        ("<p>a b c d e f</p><p>g</p>", 3, "<p>a b c …</p>", True),
        ("<p>a b c</p>", 3, "<p>a b c</p>", False),
        ("<p>a b c</p>", 0, "<p>a b c</p>", False),
        ("<p>a <em>b c</em> d</p><p>e</p>", 2, "<p>a <em>b …</em></p>", True),
        ("<p>a b</p><p>c d</p>", 2, "<p>a b …</p>", True),  # the cap falls between paragraphs
        ("<p>a <em>b</em></p><p>c</p>", 2, "<p>a <em>b …</em></p>", True),
        ("<p>a &lt;b&gt; c d</p>", 2, "<p>a &lt;b&gt; …</p>", True),
        ("<p>one two</p><!-- more --><p>three</p>", 10, "<p>one two</p>", True),
        ("<h1>Not counted</h1><p>a b c</p>", 3, "<p>a b c</p>", False),
        ("<div><p>a b c</p><!-- more --><p>d</p></div><p>e</p>", 2, "<div><p>a b …</p></div>", True),
        ("<div><p>a b</p><!-- more --></div>", 5, "<div><p>a b</p></div>", False),
    ],
)
def test_cut_max_words(html, max_words, excerpt, truncated):
    result, was_truncated, _ = excerpt_of(html, fallback="full", max_words=max_words)
    assert result == excerpt
    assert was_truncated is truncated


@pytest.mark.parametrize(
    "html, words",
    [
        ("<p>one two</p><!-- more --><p>three four five</p>", 5),
        ("<h1>Title here</h1><p>a</p>", 3),
        ("<p>a<br>b</p><pre><code>x = 1\n</code></pre>", 5),
        ("", 0),
    ],
)
def test_cut_counts_words_of_the_whole_post(html, words):
    assert excerpt_of(html, fallback="full")[2] == words


@pytest.mark.parametrize("separator", ["<!-- more -->", "<!-- x -->", ""])
@pytest.mark.parametrize("fallback", ["paragraph", "full"])
def test_cut_long_posts(separator, fallback):
    """A separator far into the post, or none: every comment goes, every URL is re-based."""
    head = "".join(f'<p id="p{i}"><a href="{i}/">w{i}</a><!-- c{i} --></p>' for i in range(30))
    html = head + separator + '<p id="last"><a href="end/">end</a></p>'
    result, truncated, words = excerpt_of(html, fallback=fallback)
    kept = "".join(f'<p><a href="R/{DIR_URL}{i}/">w{i}</a></p>' for i in range(30))
    if separator == "<!-- more -->":
        assert (result, truncated) == (kept, True)
    elif fallback == "full":
        assert (result, truncated) == (kept + f'<p><a href="R/{DIR_URL}end/">end</a></p>', False)
    else:
        assert (result, truncated) == (f'<p><a href="R/{DIR_URL}0/">w0</a></p>', True)
    assert words == 31


# -- what is kept and what is dropped ------------------------------------------------------------


@pytest.mark.parametrize(
    "html, excerpt",
    [
        ("<h1 id='t'>Title</h1><p>Body</p>", "<p>Body</p>"),
        ("\n<h1>Title</h1>\n<p>Body</p>", "<p>Body</p>"),
        # Any h1: it may be the title (taken from a later heading), and a listing has its own h1.
        ("<p>Body</p><h1>Later</h1><p>More</p>", "<p>Body</p><p>More</p>"),
        ("<h2 id='s'>Section</h2><p>Body</p>", "<h2>Section</h2><p>Body</p>"),
        ('<p id="x" class="c">a<sup id="fnref:1"><a href="#fn:1" class="footnote-ref">1</a></sup></p>',
         f'<p class="c">a<sup><a href="R/{DIR_URL}#fn:1" class="footnote-ref">1</a></sup></p>'),
        ('<p><a name="old" href="https://x.org/">x</a></p>', '<p><a href="https://x.org/">x</a></p>'),
        ("<!-- a --><p>x<!-- b --></p><!-- c -->", "<p>x</p>"),
        ('<p ID="x"><A HREF="y/" NAME="n">t</A></p>', f'<p><a href="R/{DIR_URL}y/">t</a></p>'),
    ],
)
def test_ids_headings_and_comments(html, excerpt):
    assert excerpt_of(html, fallback="full")[0] == excerpt


# -- URLs ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "post_url, url, expected",
    [
        # Directory URLs: the post's directory is the post itself.
        (DIR_URL, "img.png", "R/blog/2024/01/02/p/img.png"),
        (DIR_URL, "./img.png", "R/blog/2024/01/02/p/img.png"),
        (DIR_URL, "../other/", "R/blog/2024/01/02/other/"),
        (DIR_URL, "../../../../../about/", "R/about/"),
        (DIR_URL, "../../../../../", "R/"),
        (DIR_URL, ".", "R/blog/2024/01/02/p/"),
        (DIR_URL, "./", "R/blog/2024/01/02/p/"),
        (DIR_URL, "..", "R/blog/2024/01/02/"),
        (DIR_URL, "#section", "R/blog/2024/01/02/p/#section"),
        (DIR_URL, "?q=1", "R/blog/2024/01/02/p/?q=1"),
        (DIR_URL, "sub/page/?q=1#f", "R/blog/2024/01/02/p/sub/page/?q=1#f"),
        # .html URLs: the post lives in its parent directory.
        (HTML_URL, "img.png", "R/blog/2024/01/02/img.png"),
        (HTML_URL, "../x.html", "R/blog/2024/01/x.html"),
        (HTML_URL, "other.html#f", "R/blog/2024/01/02/other.html#f"),
        (HTML_URL, "#section", "R/blog/2024/01/02/p.html#section"),
        (HTML_URL, ".", "R/blog/2024/01/02/"),
        # Left as they are.
        (DIR_URL, "https://example.org/a.png", "https://example.org/a.png"),
        (DIR_URL, "http://example.org/", "http://example.org/"),
        (DIR_URL, "mailto:someone@example.org", "mailto:someone@example.org"),
        (DIR_URL, "tel:+123", "tel:+123"),
        (DIR_URL, "data:image/png;base64,AAAA", "data:image/png;base64,AAAA"),
        (DIR_URL, "/root/page/", "/root/page/"),
        (DIR_URL, "//cdn.example.org/x.js", "//cdn.example.org/x.js"),
        (DIR_URL, "../../../../../../above-the-site", "../../../../../../above-the-site"),
        (DIR_URL, "", ""),
    ],
)
def test_relative_urls_are_resolved_against_the_post(post_url, url, expected):
    html = f'<p><a href="{url}">link</a><img src="{url}" alt=""></p>'
    result = excerpt_of(html, post_url=post_url, fallback="full")[0]
    assert result == f'<p><a href="{expected}">link</a><img src="{expected}" alt=""></p>'


@pytest.mark.parametrize(
    "post_url, expected",
    [
        (DIR_URL, "R/blog/2024/01/02/p/a.png 1x, R/blog/2024/01/02/p/b.png 2x, https://x.org/c.png 3x"),
        (HTML_URL, "R/blog/2024/01/02/a.png 1x, R/blog/2024/01/02/b.png 2x, https://x.org/c.png 3x"),
    ],
)
def test_srcset(post_url, expected):
    html = '<p><img srcset="a.png 1x,  b.png 2x, https://x.org/c.png 3x" src="a.png"></p>'
    result = excerpt_of(html, post_url=post_url, fallback="full")[0]
    assert f'srcset="{expected}"' in result


def test_video_poster_and_source():
    html = '<video poster="p.jpg"><source src="v.mp4" srcset="v.webm"></video><p>x</p>'
    result = excerpt_of(html, fallback="full")[0]
    assert f'poster="R/{DIR_URL}p.jpg"' in result
    assert f'src="R/{DIR_URL}v.mp4"' in result
    assert f'srcset="R/{DIR_URL}v.webm"' in result


# -- placing the excerpt on a listing page ---------------------------------------------------------


@pytest.mark.parametrize(
    "root, expected",
    [
        ("", '<p><a href="blog/2024/01/02/p/x/">x</a></p>'),
        ("../", '<p><a href="../blog/2024/01/02/p/x/">x</a></p>'),
        ("../../../", '<p><a href="../../../blog/2024/01/02/p/x/">x</a></p>'),
    ],
)
def test_for_page(root, expected):
    excerpt, _ = cut('<p><a href="x/">x</a></p>', post_url=DIR_URL, separators=MORE, fallback="full")
    assert ROOT in excerpt.html
    assert excerpt.for_page(root) == expected


def test_excerpt_for_page_replaces_every_placeholder():
    excerpt = Excerpt(f'<a href="{ROOT}a/">a</a><img src="{ROOT}b.png">', True)
    assert excerpt.for_page("../") == '<a href="../a/">a</a><img src="../b.png">'
    assert excerpt.truncated is True
