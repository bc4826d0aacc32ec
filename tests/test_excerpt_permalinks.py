"""Heading permalinks (the toc extension's ``permalink: true``) are left out of excerpts."""

from __future__ import annotations

from mkdocs_blog_plugin.excerpts import cut

POST = (
    '<h2 id="intro">Intro<a class="headerlink" href="#intro" title="Permanent link">¶</a></h2>\n'
    "<p>One two three.</p>\n"
    '<h3 id="more">More <code>x</code><a class="headerlink" href="#more" title="Permanent link">&para;</a></h3>\n'
    '<p>Four <a href="#intro">five</a>.</p>\n'
    "<!-- more -->\n"
    '<h2 id="rest">Rest<a class="headerlink" href="#rest" title="Permanent link">¶</a></h2>\n'
)


def test_headerlinks_are_removed_and_other_links_kept():
    excerpt, _ = cut(POST, post_url="blog/p/", separators=("<!-- more -->",))
    html = excerpt.for_page("../")
    assert "headerlink" not in html and "¶" not in html
    assert '<h2>Intro</h2>' in html
    assert "<h3>More <code>x</code></h3>" in html
    assert '<a href="../blog/p/#intro">five</a>' in html  # an ordinary in-post link stays
    assert excerpt.truncated


def test_headerlinks_do_not_count_as_words_for_the_cap():
    # Visible words: Intro, One, two, three. -> the cap of 4 keeps them all.
    excerpt, _ = cut(POST, post_url="blog/p/", separators=("<!-- more -->",), max_words=4)
    html = excerpt.for_page("")
    assert "three." in html and "¶" not in html


def test_a_link_with_another_class_stays():
    html = '<p>See <a class="external" href="https://example.com/">this</a>.</p>'
    excerpt, _ = cut(html, post_url="blog/p/", separators=())
    assert 'class="external"' in excerpt.html
