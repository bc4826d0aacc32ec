"""Properties over generated input: whatever the file names, authors and URL options, a build
either succeeds or stops with the plugin's clean error, and never creates or changes a file
outside the site directory."""

from __future__ import annotations

import logging
import tempfile
import unicodedata
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from conftest import write_tree

_PIECES = ["..", ".", "#", "?", "%", "%2f", "%2e%2e", "%00", " ", "/", "\\", "a", "Z", "é", "字", "-", "_",
           "e\u0301", "\uff0e\uff0e", "feed.xml", "index", "404.html", "sitemap.xml", ":", "~"]

piece = st.sampled_from(_PIECES)
word = st.lists(piece, min_size=1, max_size=6).map("".join)
long_word = st.sampled_from(["字" * 96, "a" * 300, "é" * 130])
text = st.one_of(word, long_word)


def _normal(form: str):
    return text.map(lambda t: unicodedata.normalize(form, t))


name_text = st.one_of(text, _normal("NFC"), _normal("NFD"))


@st.composite
def file_names(draw) -> str:
    stem = draw(name_text).replace("/", "-").replace("\\", "-").strip() or "x"
    if stem in (".", ".."):
        stem = "x" + stem
    dated = draw(st.booleans())
    name = (f"2024-01-0{draw(st.integers(1, 9))}-" if dated else "") + stem
    while len(name.encode("utf-8")) > 200:  # a name the file system can hold
        name = name[:-1]
    return name + ".md"


@st.composite
def front_matters(draw) -> dict:
    meta: dict = {}
    if draw(st.booleans()):
        meta["date"] = "2024-02-03"
    for key in ("title", "slug", "permalink"):
        if draw(st.booleans()):
            meta[key] = draw(name_text)
    if draw(st.booleans()):
        meta["redirect_from"] = draw(st.lists(st.one_of(name_text, st.none(), st.integers()), max_size=2))
    for key in ("tags", "categories"):
        if draw(st.booleans()):
            meta[key] = draw(st.lists(name_text, max_size=3))
    if draw(st.booleans()):
        meta["authors"] = draw(st.lists(st.sampled_from(["x", "y"]), max_size=2, unique=True))
    if draw(st.booleans()):
        meta["links"] = [{"L": draw(st.one_of(name_text, st.sampled_from(["javascript:x", "https://e.org/"])))}]
    return meta


url_value = st.one_of(name_text, st.sampled_from(["javascript:alert(1)", "data:image/png;base64,AA", "https://e.org/a",
                                                  "mailto:a@b.c", "/img/a.png", ""]))
authors = st.dictionaries(
    st.sampled_from(["x", "y"]),
    st.fixed_dictionaries({}, optional={"name": st.one_of(name_text, st.lists(word, max_size=2), st.none()),
                                        "slug": name_text, "url": url_value, "avatar": url_value}),
    max_size=2,
)

_FORMAT_PIECES = {
    "tags_url_format": ["tags/{slug}", "{slug}", "t/{slug}/"],
    "categories_url_format": ["category/{slug}", "{slug}", "page/{slug}", "tags/{slug}"],
    "archive_url_format": ["archive/{date}", "{date}", "a/{date}"],
    "authors_profiles_url_format": ["author/{slug}", "author/{name}", "{name}", "tags/{slug}"],
    "pagination_url_format": ["page/{page}", "p{page}", "{page}"],
    "post_url_format": ["{date}/{slug}", "{slug}", "{categories}/{slug}", ":year/:title/", "{file}", "pretty"],
    "archive_url_date_format": ["yyyy", "yyyy/MM", "'x'yyyy"],
    "post_url_date_format": ["yyyy/MM/dd", "yyyy"],
    "blog_dir": ["blog", "", "news/blog"],
}
_HOSTILE_FORMATS = ["../{slug}", "../../../x{page}", "{slug.upper}", "{nope}", "%2e%2e/{date}", "/abs/{slug}",
                    "'../../pwn'yyyy", "{slug}/../..", "..", "a\\b/{slug}", "{", "", "x/{name}/{slug}"]


@st.composite
def option_sets(draw) -> dict:
    chosen = draw(st.lists(st.sampled_from(sorted(_FORMAT_PIECES)), max_size=4, unique=True))
    out = {}
    for option in chosen:
        out[option] = draw(st.one_of(st.sampled_from(_FORMAT_PIECES[option]), st.sampled_from(_HOSTILE_FORMATS)))
    out["authors_profiles"] = draw(st.booleans())
    out["pagination_per_page"] = draw(st.sampled_from([1, 2, 10]))
    return out


def _snapshot(root: Path, site_dir: Path) -> dict[str, tuple[int, int]]:
    out = {}
    for path in root.rglob("*"):
        if path.is_relative_to(site_dir) or not path.is_file():
            continue
        stat = path.stat()
        out[str(path)] = (stat.st_size, stat.st_mtime_ns)
    return out


def _build(files: dict[str, str], options: dict, directory_urls: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        project = base / "a" / "b" / "c" / "project"
        (project / "overrides").mkdir(parents=True)
        (project / "overrides" / "main.html").write_text("MINE")
        try:
            write_tree(project / "docs", files)
        except OSError:
            return  # a name this file system cannot hold: nothing to build
        cfg = {"site_name": "Props", "site_url": "https://example.com/", "theme": {"name": "mkdocs"},
               "use_directory_urls": directory_urls, "plugins": ["search", {"blog-plugin": options}]}
        (project / "mkdocs.yml").write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
        site_dir = project / "site"
        before = _snapshot(base, site_dir)
        logging.disable(logging.CRITICAL)
        try:
            config = load_config(config_file=str(project / "mkdocs.yml"))
            config.plugins.on_startup(command="build", dirty=False)
            build(config)
        except Abort:
            pass  # the plugin's clean stop (MkDocs turns PluginError into Abort)
        finally:
            logging.disable(logging.NOTSET)
        after = _snapshot(base, site_dir)
        assert after == before, sorted(set(after) ^ set(before)) or "a file outside the site changed"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(names=st.lists(file_names(), min_size=1, max_size=4, unique_by=str.casefold),
       metas=st.lists(front_matters(), min_size=4, max_size=4),
       people=authors, options=option_sets(), directory_urls=st.booleans())
def test_any_input_builds_or_stops_cleanly_and_stays_inside(names, metas, people, options, directory_urls):
    files: dict[str, str] = {}
    for name, meta in zip(names, metas):
        files[f"blog/posts/{name}"] = "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\nWords.\n"
    if people:
        files["blog/.authors.yml"] = yaml.safe_dump({"authors": people}, allow_unicode=True)
    _build(files, options, directory_urls)
