from __future__ import annotations

import pytest

from mkdocs_blog_plugin.liquid import LiquidResult, convert

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
}


def run(text: str, *, site_url: str = "https://example.com/", base_path: str = "/sub") -> LiquidResult:
    return convert(
        text,
        src_uri=SRC,
        resolve_post=POSTS.get,
        resolve_path=PATHS.get,
        site_url=site_url,
        base_path=base_path,
    )


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
        # site variables
        ("{{ site.url }}/x", "https://example.com/x"),
        ("{{site.baseurl}}/x", "/sub/x"),
        ("{{- site.baseurl -}}/x", "/sub/x"),
        ("![i]({{ site.url }}{{ site.baseurl }}/img.png)", "![i](https://example.com/sub/img.png)"),
        # a site prefix in front of post_url/link is dropped once resolved
        ("[a]({{ site.baseurl }}{% post_url 2010-07-21-name %})", "[a](../2010/2010-07-21-name.md)"),
        (
            "[a]({{ site.url }}{{ site.baseurl }}{% link about.md %})",
            "[a](../../../about.md)",
        ),
        # literal strings through the URL filters
        ("{{ '/img/a.png' | relative_url }}", "/sub/img/a.png"),
        ('{{ "img/a.png" | absolute_url }}', "https://example.com/sub/img/a.png"),
        # raw: inside kept literally, markers removed
        ("{% raw %}{{ page.title }} {% post_url 2010-07-21-name %}{% endraw %}",
         "{{ page.title }} {% post_url 2010-07-21-name %}"),
        ("a {%- raw -%}{% if %}{%- endraw -%} b", "a {% if %} b"),
        # unknown Liquid stays in place
        ("{% include note.html %} {{ site.title }}", "{% include note.html %} {{ site.title }}"),
        # lone braces that are not Liquid
        ("a {% b\n\nc %} d", "a {% b\n\nc %} d"),
        ("set {{ and never closed", "set {{ and never closed"),
    ],
)
def test_conversions(text: str, expected: str) -> None:
    assert run(text).markdown == expected


@pytest.mark.parametrize(
    "site_url, base_path, text, expected",
    [
        ("", "", "{{ site.url }}{{ site.baseurl }}/a", "/a"),
        ("https://example.com", "", "{{ site.url }}/a", "https://example.com/a"),
        ("https://example.com/", "/", "{{ site.baseurl }}/a", "/a"),
        ("http://h", "/deep/sub/", "{{ site.baseurl }}/a", "/deep/sub/a"),
        ("", "", "{{ '/a.png' | relative_url }}", "/a.png"),
    ],
)
def test_site_values(site_url: str, base_path: str, text: str, expected: str) -> None:
    assert run(text, site_url=site_url, base_path=base_path).markdown == expected


@pytest.mark.parametrize(
    "text, unknown, unresolved",
    [
        ("{% include a.html %} {{ site.title }} {% include b.html %}", ["include", "site.title"], []),
        ("{{ page.date | date: '%Y' }} {{ page.date }}", ["page.date"], []),
        ("{% if x %}y{% endif %}", ["if", "endif"], []),
        ("{% post_url 1999-01-01-missing %} {% post_url 1999-01-01-missing %}", [], ["1999-01-01-missing"]),
        ("{% link missing.md %} {% post_url 2010-07-21-name %}", [], ["missing.md"]),
        ("{{ site.baseurl }}{% post_url nope %}", [], ["nope"]),
        ("{% link {{ page.target }} %}", [], ["{{ page.target }}"]),
        ("{% raw %}{% include x %}{% endraw %}", [], []),
        ("`{{ site.title }}` and ``{% include a %}``", [], []),
        ("```\n{% include a %}\n```\n", [], []),
        ("{% raw %} never closed {{ x }}", ["raw"], []),
        # a "{%" that another tag follows before any "%}" is plain text
        ("50 {% off {% include promo.html %}", ["include"], []),
        # a tag or variable cannot span a blank line
        ("{{ a\n\nb }} {% c\n \n%}", [], []),
    ],
)
def test_reports(text: str, unknown: list[str], unresolved: list[str]) -> None:
    result = run(text)
    assert result.unknown_tags == unknown
    assert result.unresolved == unresolved


@pytest.mark.parametrize(
    "text",
    [
        "{% post_url 1999-01-01-missing %}",
        "[x]({{ site.url }}{{ site.baseurl }}{% post_url nope %})",
        "{% link nowhere.md %}",
    ],
)
def test_unresolved_tags_stay(text: str) -> None:
    result = run(text)
    assert "{% post_url" in result.markdown or "{% link" in result.markdown
    assert result.unresolved


def test_unresolved_prefix_still_substituted() -> None:
    result = run("[x]({{ site.url }}{{ site.baseurl }}{% post_url nope %})")
    assert result.markdown == "[x](https://example.com/sub{% post_url nope %})"


@pytest.mark.parametrize(
    "text",
    [
        # fenced code blocks, both fence characters, with and without info
        "```\n{{ site.url }} {% post_url 2010-07-21-name %}\n```\n",
        "~~~ liquid\n{% raw %}{{ x }}{% endraw %}\n~~~\n",
        "````md\n```\n{{ site.url }}\n```\n````\n",
        "- item\n\n    ```jinja\n    {{ site.url }}\n    ```\n",
        # unclosed fence runs to the end of the text
        "```\n{{ site.url }}\n",
        # inline code spans, including multi-backtick spans
        "Use `{{ site.url }}` here.",
        "Use ``{% raw %}`{{ x }}`{% endraw %}`` here.",
        "Spans may wrap `{{ site.url\n}}` lines.",
    ],
)
def test_code_untouched(text: str) -> None:
    result = run(text)
    assert result.markdown == text
    assert result.unknown_tags == [] and result.unresolved == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # text after a closed fence is converted again
        ("```\n{{ site.url }}\n```\n{{ site.url }}", "```\n{{ site.url }}\n```\nhttps://example.com"),
        # a backtick fence whose info string has a backtick is an inline span
        ("```a`b``` {{ site.baseurl }}", "```a`b``` /sub"),
        # an escaped backtick does not open a code span
        ("\\` {{ site.baseurl }} `", "\\` /sub `"),
        # an unmatched backtick is plain text
        ("a ` b {{ site.baseurl }}", "a ` b /sub"),
        # code spans end at a blank line
        ("a `b\n\n{{ site.baseurl }} `c`", "a `b\n\n/sub `c`"),
    ],
)
def test_code_boundaries(text: str, expected: str) -> None:
    assert run(text).markdown == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Intro\n\n{% highlight ruby %}\ndef foo\n  puts 'foo'\nend\n{% endhighlight %}\n\nOutro\n",
            "Intro\n\n```ruby\ndef foo\n  puts 'foo'\nend\n```\n\nOutro\n",
        ),
        # linenos and other options are dropped, the language stays
        (
            "{% highlight python linenos %}\nx = 1\n{% endhighlight %}\n",
            "```python\nx = 1\n```\n",
        ),
        # fence longer than any backtick run inside the code
        (
            "{% highlight md %}\n```js\nx\n```\n{% endhighlight %}\n",
            "````md\n```js\nx\n```\n````\n",
        ),
        (
            "{% highlight md %}\n``````\n{% endhighlight %}\n",
            "```````md\n``````\n```````\n",
        ),
        # Liquid inside the code is kept byte for byte and not reported
        (
            "{% highlight html %}\n<p>{{ site.url }} {% include x %}</p>\n{% endhighlight %}\n",
            "```html\n<p>{{ site.url }} {% include x %}</p>\n```\n",
        ),
        # ... except raw markers, which Jekyll would not display either
        (
            "{% highlight liquid %}\n{% raw %}{{ page.title }}{% endraw %}\n{% endhighlight %}\n",
            "```liquid\n{{ page.title }}\n```\n",
        ),
        # a raw section may contain a literal endhighlight
        (
            "{% highlight liquid %}\n{% raw %}{% endhighlight %}{% endraw %}\n{% endhighlight %}\n",
            "```liquid\n{% endhighlight %}\n```\n",
        ),
        # whitespace and indentation inside the code preserved
        (
            "{% highlight c %}\n\tint x;\n\n  /* y */  \n{% endhighlight %}\n",
            "```c\n\tint x;\n\n  /* y */  \n```\n",
        ),
        # indented (inside a list item): fences keep the indentation
        (
            "1. Step\n\n   {% highlight sh %}\n   ls -la\n   {% endhighlight %}\n",
            "1. Step\n\n   ```sh\n   ls -la\n   ```\n",
        ),
        # trim markers and no language
        (
            "{%- highlight -%}\nplain\n{%- endhighlight -%}\n",
            "```\nplain\n```\n",
        ),
        # on one line with text around it: moved onto lines of its own
        (
            "see {% highlight sh %}ls{% endhighlight %} done",
            "see \n\n```sh\nls\n```\n\n done",
        ),
        # CRLF line endings are kept
        (
            "{% highlight py %}\r\nx = 1\r\n{% endhighlight %}\r\n",
            "```py\r\nx = 1\r\n```\r\n",
        ),
        # empty block
        ("{% highlight py %}\n{% endhighlight %}\n", "```py\n```\n"),
    ],
)
def test_highlight(text: str, expected: str) -> None:
    result = run(text)
    assert result.markdown == expected
    assert result.unknown_tags == []


def test_unterminated_highlight_left_in_place() -> None:
    text = "{% highlight py %}\nx = {{ y }}\n"
    result = run(text)
    assert result.markdown == text
    assert result.unknown_tags == ["highlight", "y"]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Plain text with { braces } and } %} only-close",
        "A % sign and {single} braces { %",
        "x" * 10_000,
    ],
)
def test_no_liquid_returns_same_object(text: str) -> None:
    result = run(text)
    assert result.markdown is text
    assert result.unknown_tags == [] and result.unresolved == []


@pytest.mark.parametrize(
    "text",
    [
        "only an opener {% here",
        "only an opener {{ here",
        "{%%} {{}} {% 1 %}",
    ],
)
def test_openers_without_liquid_are_kept(text: str) -> None:
    result = run(text)
    assert result.markdown == text
    assert result.unresolved == []


def test_no_liquid_fast_path_skips_resolvers() -> None:
    def boom(_: str) -> str | None:
        raise AssertionError("resolver called")

    text = "Nothing to see [here](other.md)."
    result = convert(text, src_uri=SRC, resolve_post=boom, resolve_path=boom, site_url="", base_path="")
    assert result.markdown is text
    assert result.unknown_tags == [] and result.unresolved == []


def test_resolver_receives_stripped_argument() -> None:
    seen: list[str] = []

    def resolve(name: str) -> str | None:
        seen.append(name)
        return None

    convert(
        "{% post_url   sub/2019-03-04-deep   %} {% link  a b.md %}",
        src_uri=SRC,
        resolve_post=resolve,
        resolve_path=resolve,
        site_url="",
        base_path="",
    )
    assert seen == ["sub/2019-03-04-deep", "a b.md"]


def test_mixed_document() -> None:
    text = (
        "Intro {{ site.title }}.\n"
        "\n"
        "See [old]({% post_url 2010-07-21-name %}) and `{% post_url x %}`.\n"
        "\n"
        "```liquid\n"
        "{% include demo.html %}\n"
        "```\n"
        "\n"
        "{% highlight js %}\n"
        "let a = `b`;\n"
        "{% endhighlight %}\n"
        "\n"
        "{% include footer.html %}\n"
    )
    result = run(text)
    assert result.markdown == (
        "Intro {{ site.title }}.\n"
        "\n"
        "See [old](../2010/2010-07-21-name.md) and `{% post_url x %}`.\n"
        "\n"
        "```liquid\n"
        "{% include demo.html %}\n"
        "```\n"
        "\n"
        "```js\n"
        "let a = `b`;\n"
        "```\n"
        "\n"
        "{% include footer.html %}\n"
    )
    assert result.unknown_tags == ["site.title", "include"]
    assert result.unresolved == []
