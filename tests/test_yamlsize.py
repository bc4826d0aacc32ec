"""Front matter that explodes when its YAML aliases are followed is refused quickly."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from mkdocs_blog_plugin import yamlsize
from mkdocs_blog_plugin.posts import PostError, read_post, split_front_matter

_LEVELS = "abcdefghi"


def _bomb(levels: int = 9, width: int = 9) -> str:
    lines = [f"a: &a [{', '.join(['x'] * width)}]"]
    for prev, name in zip(_LEVELS, _LEVELS[1:levels]):
        lines.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * width)}]")
    lines.append(f"tags: *{_LEVELS[levels - 1]}")
    return "---\n" + "\n".join(lines) + "\ntitle: Boom\n---\nBody.\n"


def test_tree_size_counts_keys_and_values():
    assert yamlsize.tree_size({"a": [1, 2], "b": {"c": None}}) == 9
    assert yamlsize.tree_size("x") == 1
    assert yamlsize.tree_size([]) == 1


def test_shared_parts_count_every_time():
    shared = [1, 2, 3]
    assert yamlsize.tree_size([shared, shared]) == 1 + 2 * 4


def test_limit_stops_the_walk():
    data = [list(range(10))] * 10
    assert yamlsize.tree_size(data) == 111
    assert yamlsize.too_big(data, limit=50)
    assert not yamlsize.too_big(data, limit=111)
    with pytest.raises(ValueError, match="more than 50"):
        yamlsize.check_size(data, limit=50)
    assert yamlsize.check_size(data) == 111


def test_cycle_is_bounded():
    loop: list = []
    loop.append(loop)
    assert yamlsize.too_big(loop, limit=1000)


def test_huge_flat_list_is_bounded():
    assert yamlsize.too_big(list(range(200_000)))


def test_alias_bomb_in_front_matter_is_refused_quickly():
    text = _bomb()
    start = time.perf_counter()
    with pytest.raises(PostError) as info:
        split_front_matter(text, "blog/posts/boom.md")
    assert time.perf_counter() - start < 0.5
    message = str(info.value)
    assert message.startswith("blog/posts/boom.md: ")
    assert "YAML aliases" in message and str(yamlsize.LIMIT) in message


def test_alias_bomb_stops_read_post_too():
    start = time.perf_counter()
    with pytest.raises(PostError):
        read_post(_bomb(), "blog/posts/boom.md", tz=dt.timezone.utc,
                  fallback_date=lambda: dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc), warn=lambda m: None)
    assert time.perf_counter() - start < 0.5


def test_recursive_alias_is_refused():
    with pytest.raises(PostError, match="YAML aliases"):
        split_front_matter("---\ntags: &t [x, *t]\n---\nBody.\n", "p.md")


def test_small_aliases_are_fine():
    meta, body = split_front_matter(_bomb(levels=3, width=3), "p.md")
    assert len(meta["tags"]) == 3 and body == "Body.\n"
