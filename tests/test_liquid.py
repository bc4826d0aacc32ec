"""Jekyll's Liquid on the engine (``jekyll_liquid``), without a build.

Where Jekyll behaves differently from the converter this engine replaced, the expectation follows
Jekyll: Liquid runs over code spans and fenced blocks too, Liquid inside ``highlight`` is rendered,
an unknown target or include renders as nothing (Jekyll stops the build), and a syntax error leaves
the text as written with a warning (Jekyll stops the build).
"""

from __future__ import annotations

import datetime as dt

import pytest

from mkdocs_blog_plugin.jekyll_liquid import JekyllLiquid, Result, Site

SRC = "blog/posts/2020/2020-01-02-hello.md"

POSTS = {
    "2010-07-21-name": "blog/posts/2010/2010-07-21-name.md",
    "2020-01-05-sibling": "blog/posts/2020/2020-01-05-sibling.md",
    "2020-01-02-hello": SRC,
    "sub/2019-03-04-deep": "blog/posts/sub/2019-03-04-deep.md",
    "2018-01-01-odd name": "blog/posts/2018/2018-01-01-odd name.md",
}
PATHS = {
    "_posts/2016-07-26-name.md": "blog/posts/2016/2016-07-26-name.md",
    "about.md": "about.md",
    "a b.md": "a b.md",
}
PAGE = {"title": "Hello", "date": dt.datetime(2008, 11, 7, 13, 7, 54), "tags": ["a", "b"]}


def engine(url: str = "https://example.com", baseurl: str = "/sub", **kw) -> JekyllLiquid:
    data = {"title": "Site", "url": url, "baseurl": baseurl, "repository": "club/site",
            "posts": [{"title": "One", "url": "/one/"}, {"title": "Two", "url": "/two/"}]}
    return JekyllLiquid(Site(url=url, baseurl=baseurl, data=data, resolve_post=POSTS.get,
                             resolve_path=PATHS.get, **kw))


def run(text: str, **kw) -> Result:
    return engine(**kw).render(text, src_uri=SRC, page=PAGE)


@pytest.mark.parametrize(
    "text, expected",
    [
        # post_url: relative to the current post's directory
        ("[a]({% post_url 2010-07-21-name %})", "[a](../2010/2010-07-21-name.md)"),
        ("[a]({% post_url 2020-01-05-sibling %})", "[a](2020-01-05-sibling.md)"),
        ("[a]({% post_url 2020-01-02-hello %})", "[a](2020-01-02-hello.md)"),
        ("[a]({% post_url sub/2019-03-04-deep %})", "[a](../sub/2019-03-04-deep.md)"),
        ("[a]({%post_url 2010-07-21-name%})", "[a](../2010/2010-07-21-name.md)"),
        ("[a]({%- post_url 2010-07-21-name -%})", "[a](../2010/2010-07-21-name.md)"),
        ("[a]({% post_url 2010-07-21-name %}#part)", "[a](../2010/2010-07-21-name.md#part)"),
        ("[id]: {% post_url 2010-07-21-name %}\n", "[id]: ../2010/2010-07-21-name.md\n"),
        # names that would break Markdown link syntax are percent-encoded
        ("[a]({% post_url 2018-01-01-odd name %})", "[a](../2018/2018-01-01-odd%20name.md)"),
        # link
        ("[b]({% link _posts/2016-07-26-name.md %})", "[b](../2016/2016-07-26-name.md)"),
        ("[b]({% link about.md %})", "[b](../../../about.md)"),
        ("[b]({% link a b.md %})", "[b](../../../a%20b.md)"),
        # site variables
        ("{{ site.url }}/x", "https://example.com/x"),
        ("{{site.baseurl}}/x", "/sub/x"),
        ("{{- site.baseurl -}}/x", "/sub/x"),
        ("![i]({{ site.url }}{{ site.baseurl }}/img.png)", "![i](https://example.com/sub/img.png)"),
        ("{{ site.title }} {{ site.repository }}", "Site club/site"),
        # a site prefix in front of post_url/link is dropped: the link is relative
        ("[a]({{ site.baseurl }}{% post_url 2010-07-21-name %})", "[a](../2010/2010-07-21-name.md)"),
        ("[a]({{ site.url }}{{ site.baseurl }}{% link about.md %})", "[a](../../../about.md)"),
        # URL filters
        ("{{ '/img/a.png' | relative_url }}", "/sub/img/a.png"),
        ('{{ "img/a.png" | absolute_url }}', "https://example.com/sub/img/a.png"),
        ("{{ 'https://x.org/a' | relative_url }}", "https://x.org/a"),
        # raw: inside kept literally, markers removed; also in code spans, as in Jekyll
        ("{% raw %}{{ page.title }} {% post_url 2010-07-21-name %}{% endraw %}",
         "{{ page.title }} {% post_url 2010-07-21-name %}"),
        ("`{% raw %}{{ layout }}{% endraw %}`", "`{{ layout }}`"),
        ("```liquid\n{% raw %}{% if x %}{% endraw %}\n```\n", "```liquid\n{% if x %}\n```\n"),
        # undefined variables are empty; Liquid in code is rendered, as in Jekyll
        ("a{{ nothing.here }}b", "ab"),
        ("Use `{{ site.url }}` here.", "Use `https://example.com` here."),
        # page variables and standard Liquid
        ("{{ page.title | upcase }} {{ page.tags | join: ', ' }}", "HELLO a, b"),
        ("{% assign n = 2 %}{% if n > 1 %}many{% else %}one{% endif %}", "many"),
        ("{% for p in site.posts %}[{{ forloop.index }}]: {{ p.url | relative_url }}\n{% endfor %}",
         "[1]: /sub/one/\n[2]: /sub/two/\n"),
        ("{% capture x %}**{{ page.title }}**{% endcapture %}{{ x }}", "**Hello**"),
        ("{{ page.date | date: '%Y-%m' }}", "2008-11"),
        # unknown filters are ignored, as in Jekyll
        ("{{ 'x' | no_such_filter }}", "x"),
        # text without Liquid
        ("plain { text } %}", "plain { text } %}"),
    ],
)
def test_render(text: str, expected: str) -> None:
    result = run(text)
    assert result.markdown == expected
    assert result.warnings == []


@pytest.mark.parametrize(
    "url, baseurl, text, expected",
    [
        ("", "", "{{ site.url }}{{ site.baseurl }}/a", "/a"),
        ("https://example.com", "", "{{ site.url }}/a", "https://example.com/a"),
        ("https://example.com", "", "{{ '' | absolute_url }}", "https://example.com/"),
        ("http://h", "/deep/sub", "{{ site.baseurl }}/a", "/deep/sub/a"),
        ("", "", "{{ '/a.png' | relative_url }}", "/a.png"),
        ("", "", "{{ 'a b.png' | absolute_url }}", "/a%20b.png"),
    ],
)
def test_site_values(url: str, baseurl: str, text: str, expected: str) -> None:
    assert run(text, url=url, baseurl=baseurl).markdown == expected


@pytest.mark.parametrize(
    "text, warning",
    [
        ("{% post_url 1999-01-01-missing %} {% post_url 1999-01-01-missing %}",
         "cannot find the post '1999-01-01-missing'"),
        ("{% link missing.md %} {% post_url 2010-07-21-name %}", "cannot find the file 'missing.md'"),
        ("[x]({{ site.baseurl }}{% post_url nope %})", "cannot find the post 'nope'"),
        ("{% include a.html %}", "{% include a.html %}: no such file"),
    ],
)
def test_unresolved_targets_render_as_nothing(text: str, warning: str) -> None:
    result = run(text)
    assert len(result.warnings) == 1 and warning in result.warnings[0]
    assert "{%" not in result.markdown


def test_unresolved_prefix_still_substituted() -> None:
    assert run("[x]({{ site.url }}{{ site.baseurl }}{% post_url nope %})").markdown == "[x](https://example.com/sub)"


@pytest.mark.parametrize(
    "text, line",
    [
        ("{% if x %}y", 1),
        ("a\n\n{% include_nothing %}", 3),
        ("{% raw %} never closed {{ x }}", 1),
        ("one\n{% raw %}\n\n{% endraw %}\n{{ 'x' | }}", 5),  # raw blocks keep line numbers
        ("set {{ and never closed", 1),
        ("{% highlight py %}\nx = {{ y }}\n", 1),
    ],
)
def test_syntax_error_keeps_text_and_names_the_line(text: str, line: int) -> None:
    result = engine().render(text, src_uri=SRC, page=PAGE, line_offset=lambda: 4)
    assert result.markdown == text
    assert len(result.warnings) == 1 and f"at line {line + 4}" in result.warnings[0]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Intro\n\n{% highlight ruby %}\ndef foo\n  puts 'foo'\nend\n{% endhighlight %}\n\nOutro\n",
         "Intro\n\n```ruby\ndef foo\n  puts 'foo'\nend\n```\n\nOutro\n"),
        # fence longer than any backtick run inside the code
        ("{% highlight md %}\n```js\nx\n```\n{% endhighlight %}\n", "````md\n```js\nx\n```\n````\n"),
        # Liquid inside is rendered, as Jekyll does; raw keeps it
        ("{% highlight html %}\n<p>{{ site.url }}</p>\n{% endhighlight %}\n", "```html\n<p>https://example.com</p>\n```\n"),
        ("{% highlight liquid %}\n{% raw %}{{ page.title }}{% endraw %}\n{% endhighlight %}\n",
         "```liquid\n{{ page.title }}\n```\n"),
        ("{% highlight liquid %}\n{% raw %}{% endhighlight %}{% endraw %}\n{% endhighlight %}\n",
         "```liquid\n{% endhighlight %}\n```\n"),
        # whitespace inside the code preserved
        ("{% highlight c %}\n\tint x;\n\n  /* y */  \n{% endhighlight %}\n", "```c\n\tint x;\n\n  /* y */  \n```\n"),
        # indented (inside a list item): fences keep the indentation
        ("1. Step\n\n   {% highlight sh %}\n   ls -la\n   {% endhighlight %}\n",
         "1. Step\n\n   ```sh\n   ls -la\n   ```\n"),
        # trim markers and no language
        ("{%- highlight -%}\nplain\n{%- endhighlight -%}\n", "```\nplain\n```"),
        # on one line with text around it: moved onto lines of its own
        ("see {% highlight sh %}ls{% endhighlight %} done", "see \n\n```sh\nls\n```\n\n done"),
        ("{% highlight py %}\n{% endhighlight %}\n", "```py\n```\n"),
    ],
)
def test_highlight(text: str, expected: str) -> None:
    result = run(text)
    assert result.markdown == expected
    assert result.warnings == []


@pytest.mark.parametrize(
    "linenums, expected",
    [("pymdownx", '```python linenums="1"\nx = 1\n```'), ("none", "```python\nx = 1\n```")],
)
def test_highlight_line_numbers(linenums: str, expected: str) -> None:
    text = "{% highlight python linenos %}\nx = 1\n{% endhighlight %}"
    assert run(text, linenums=linenums).markdown == expected


def test_raw_rewrapped_for_a_later_jinja_pass() -> None:
    result = run("`{% raw %}{{ layout }}{% endraw %}` {{ page.title }}", raw_markers=("{% raw %}", "{% endraw %}"))
    assert result.markdown == "`{% raw %}{{ layout }}{% endraw %}` Hello"


def test_include_with_parameters(tmp_path) -> None:
    (tmp_path / "note.html").write_text(
        '<div class="{{ include.kind | default: "info" }}">{{ include.text }} {{ include.n }}</div>', encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "deep.md").write_text("deep {{ page.title }}", encoding="utf-8")
    (tmp_path / "bad.html").write_text("{% if %}", encoding="utf-8")
    liquid = engine(includes_dir=str(tmp_path))
    text = ('{% include note.html text="Hi \\"you\\"" n=page.title kind=\'warn\' %}|{% include sub/deep.md %}|'
            '{% include note.html %}|{% include ../x.html %}|{% include bad.html %}')
    result = liquid.render(text, src_uri=SRC, page=PAGE)
    assert result.markdown == ('<div class="warn">Hi "you" Hello</div>|deep Hello|<div class="info"> </div>||')
    assert len(result.warnings) == 2
    assert "not a usable file name" in result.warnings[0] and "bad.html at line 1" in result.warnings[1]


def test_include_relative(tmp_path) -> None:
    folder = tmp_path / "blog" / "posts" / "2020"
    folder.mkdir(parents=True)
    (folder / "snippet.md").write_text("from {{ include.who }}", encoding="utf-8")
    result = engine(docs_dir=str(tmp_path)).render('{% include_relative snippet.md who="beside" %}', src_uri=SRC, page={})
    assert result.markdown == "from beside"


def test_no_liquid_returns_same_object() -> None:
    text = "Nothing to see [here](other.md). { braces } %}"
    assert run(text).markdown is text


def test_where_exp_and_friends() -> None:
    text = ("{{ site.posts | where_exp: 'p', \"p.title == 'Two'\" | map: 'url' | join }} "
            "{{ site.posts | where: 'title', 'One' | size }} "
            "{% assign g = site.posts | group_by: 'title' %}{{ g[1].name }}:{{ g[1].size }} "
            "{{ site.posts | sort: 'title' | last | map: 'title' }} "
            "{{ page.tags | array_to_sentence_string }} {{ 'Hello, World!' | slugify }} "
            "{{ page.date | date_to_string }} / {{ page.date | date_to_long_string: 'ordinal', 'US' }} "
            "{{ '<a&b>' | xml_escape }} {{ 'a b?' | cgi_escape }} {{ 'a b?' | uri_escape }} "
            "{{ page.tags | jsonify }} {{ 'one two  three' | number_of_words }} "
            "{{ page.date | date_to_xmlschema }}")
    assert run(text).markdown == (
        "/two/ 1 Two:1 Two a and b hello-world 07 Nov 2008 / November 7th, 2008 "
        "&lt;a&amp;b&gt; a+b%3F a%20b? [\"a\",\"b\"] 3 2008-11-07T13:07:54"
    )


def test_markdownify_uses_the_site_markdown() -> None:
    result = run("{% capture f %}*{{ page.title }}*{% endcapture %}{{ f | markdownify }}",
                 markdownify=lambda text: f"<p>{text.strip('*')}</p>")
    assert result.markdown == "<p>Hello</p>"
