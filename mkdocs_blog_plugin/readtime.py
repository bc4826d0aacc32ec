"""Reading time of a post, from its HTML, computed the way Material for MkDocs' blog plugin does.

The rule (Material 9.x), step by step:

1. Take the text of the post, leaving out what is inside ``<script>``, ``<style>``, ``<svg>`` and
   ``<object>`` elements, and join the text pieces with nothing in between.
2. Words: split that text at every run of non-word characters (``re.split(r"\\W+")``) and count
   the pieces. Every piece counts, so the empty piece that text ending (or starting) with a
   full stop or a space leaves counts too: ``"Hello world."`` is 3. Code is text like any other.
3. Seconds: ``ceil(words / words_per_minute * 60)``.
4. Images: every ``<img>`` adds time, 12 seconds for the first, 11 for the second, and so on down
   to 3 seconds, which every image from the tenth on adds.
5. Minutes: ``ceil(seconds / 60)``; never less than 1 (an empty post is one empty "word").

One difference, on purpose: Chinese, Japanese and Korean text. ``\\w`` matches their characters
and the scripts do not put spaces between words (Korean puts them between phrases), so Material
counts a whole sentence, or paragraph, as one word and the estimate comes out far too short. Here
those characters are counted one by one instead, and read at ``characters_per_minute``:

- which characters: Han ideographs (CJK Unified Ideographs with their extensions and the
  compatibility block), Hiragana, Katakana (with the phonetic extensions and half-width forms)
  and Hangul syllables. Punctuation such as ``。`` or ``、`` is not counted, as it is not a word
  in English text. Korean does put spaces between phrases, but a phrase is three or four
  syllables long, so counting phrases at an English word's pace would halve the estimate;
  Hangul syllables are counted like the other characters;
- the rate, 400 characters a minute: reading-speed studies put Chinese readers at roughly 250
  to 300 characters a minute and Japanese readers at roughly 350 to 450 (kana carry less than
  kanji), and Korean readers read Hangul syllables faster still, at around 500. 400 sits in the
  middle of that range, so no one of the three is off by more than about a third, and it keeps
  step with Material's 265 English words a minute (an English word carries about as much as one
  and a half Han characters). It is a keyword argument, ``characters_per_minute``;
- the rest of the text (Latin words, numbers, code) is split as Material splits it, with the
  CJK characters taken out (each becomes a space, so text on either side stays two words), and
  only real words count (not the empty pieces of step 2); the two reading times are added before
  rounding up to seconds.

A post without any CJK character gets exactly Material's number. (Material reads HTML with a
tolerant tag-by-tag parser, this module with an HTML5 parser: for the HTML Markdown produces the
text is the same; they can differ on broken markup, such as an unclosed element inside ``<svg>``,
or on white space before the first tag.)
"""

from __future__ import annotations

import re
from math import ceil

from selectolax.lexbor import LexborHTMLParser

#: Elements whose text is not read (Material's list).
SKIPPED = ("script", "style", "svg", "object")
_SKIPPED_CSS = ", ".join(SKIPPED)
#: Seconds the first image adds; each further image adds one second less, down to ``IMAGE_MIN``.
IMAGE_FIRST = 12
IMAGE_MIN = 3
#: Reading speed for CJK characters (see the module's docstring for the choice).
CHARACTERS_PER_MINUTE = 400

_WORD_SPLIT_RE = re.compile(r"\W+")
_CJK_RE = re.compile(
    "["
    "\u3040-\u309f"  # Hiragana
    "\u30a0-\u30ff"  # Katakana
    "\u31f0-\u31ff"  # Katakana phonetic extensions
    "\u3400-\u4dbf"  # CJK Unified Ideographs extension A
    "\u4e00-\u9fff"  # CJK Unified Ideographs
    "\uac00-\ud7af"  # Hangul syllables
    "\uf900-\ufaff"  # CJK Compatibility Ideographs
    "\uff66-\uff9d"  # Half-width Katakana
    "\U00020000-\U0003134f"  # CJK Unified Ideographs extensions B to G (and H, from 0x31350)
    "\U00031350-\U000323af"
    "]"
)


def text_and_images(html: str | LexborHTMLParser) -> tuple[str, int]:
    """The text a reader reads in ``html`` (joined with nothing in between), and its image count.
    ``html`` may be parsed already; the tree is not changed."""
    tree = html if isinstance(html, LexborHTMLParser) else LexborHTMLParser(html)
    root = tree.root
    if root is None:
        return "", 0
    if tree.css_first(_SKIPPED_CSS) is None:  # the common case: every text node is read
        return root.text(deep=True, separator=""), len(tree.css("img"))
    parts = []
    # Depth first through the tree, not going into skipped elements; no node is changed.
    node = root.child
    while node is not None:
        if node.is_text_node:
            parts.append(node.text_content or "")
        elif node.child is not None and node.is_element_node and node.tag not in SKIPPED:
            node = node.child
            continue
        while node is not None and node.next is None:
            node = node.parent
            if node is not None and node.mem_id == root.mem_id:
                node = None
        if node is not None:
            node = node.next
    return "".join(parts), len(tree.css("img"))


def image_seconds(images: int) -> int:
    """12 + 11 + ... + 4 for the first nine images, then 3 for each further one."""
    return sum(max(IMAGE_FIRST - i, IMAGE_MIN) for i in range(images))


def reading_time(
    html: str | LexborHTMLParser, words_per_minute: int, *, characters_per_minute: int = CHARACTERS_PER_MINUTE
) -> int:
    """Minutes it takes to read the post whose HTML is ``html``; at least 1."""
    text, images = text_and_images(html)
    cjk = len(_CJK_RE.findall(text))
    if cjk:
        words = sum(1 for piece in _WORD_SPLIT_RE.split(_CJK_RE.sub(" ", text)) if piece)
    else:
        words = len(_WORD_SPLIT_RE.split(text))  # empty pieces included, as Material counts
    minutes = words / max(1, words_per_minute)
    if cjk:
        minutes += cjk / max(1, characters_per_minute)
    seconds = ceil(minutes * 60) + image_seconds(images)
    return max(1, ceil(seconds / 60))
