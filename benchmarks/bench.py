#!/usr/bin/env python
"""Build-time benchmark for the blog plugin.

For each requested post count N this script

1. generates a deterministic synthetic blog corpus (same N -> byte-identical
   files) under ``<out>/corpus-N/docs/``;
2. builds that corpus with the Material theme in three configurations, each
   in a fresh ``python -m mkdocs build`` subprocess:

   * ``plain``    - search only, no blog plugin (the baseline);
   * ``ours``     - search + ``blog-plugin`` at its defaults;
   * ``material`` - search + Material's own ``blog`` and ``tags`` plugins;

3. reports wall time, CPU time and peak RSS of each build, the number of HTML
   pages written, and ratios against the baseline.

Only the standard library is used here; mkdocs and mkdocs-material must be
installed in the interpreter that runs the script (it is reused for the
builds).

    python benchmarks/bench.py --posts 250 1000 4000
    python benchmarks/bench.py --posts 10000 --modes plain,ours
    python benchmarks/bench.py --reload --posts 1000 4000 --repeat 3

``--reload`` times what a writer waits for after saving one post instead: a clean build with
the plugin, then the same one-post edit rebuilt (a) by plain MkDocs without the plugin, a full
rebuild in a warm process as ``mkdocs serve`` does it; (b) by ``mkdocs build --dirty``; (c) by a
second build in one process on the same plugin objects, as ``mkdocs serve`` rebuilds.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "out"
ALL_MODES = ("plain", "ours", "material")
OUR_ENTRY_POINT = "blog-plugin"

# --------------------------------------------------------------------------
# Vocabulary.  Fixed for every N so that corpora only differ in size.
# --------------------------------------------------------------------------

WORDS = """
able access account action adapter agent algorithm allocation analysis api
archive array async audit backend backup balance batch benchmark binary
blob boundary branch browser buffer bug build bundle cache callback canary
capacity channel checksum client cluster commit compiler component config
container context contract cursor daemon dashboard data database deadline
debug default delta dependency deploy design device diff directory disk
document domain driver edge encoding endpoint engine error event export
feature feedback field file filter flag format frame function gateway graph
handler hash header heap hook host image index input instance interface
iterator job journal kernel key label latency layer layout lease library
limit link listener load lock log loop map memory merge message metric
migration mirror model module monitor mutex namespace network node object
offset operator option output package page parser partition patch path
payload pipeline platform plugin pointer policy pool port process profile
protocol proxy query queue quota range reader record redirect region
registry release replica report request resolver resource response retry
route router runtime sample scheduler schema scope script secret segment
selector server service session shard signal snapshot socket source span
stack state storage stream string struct switch syntax table target task
template tenant test thread timeout token topic trace tracker transaction
tree trigger tuple type update upload user value variable vector version
view volume webhook widget window worker workflow zone
""".split()

ADJECTIVES = """
quick small large stable fast slow simple robust lazy eager modern legacy
hidden public private shared local remote static dynamic parallel serial
""".split()

CATEGORIES = [
    "Python", "DevOps", "Data Science", "Web", "Security", "Databases",
    "Cloud", "Testing", "Tooling", "Release Notes", "Tutorials",
    "Performance", "Frontend", "Backend", "Mobile", "Open Source",
    "Community", "Design", "Machine Learning", "Infrastructure",
]

# Tags that tend to break naive slug/URL/YAML handling.
SPECIAL_TAGS = [
    "c++", "c#", "f#", "#100daysofcode", "ci/cd", "tcp/ip", "i/o",
    "client/server", "a+b testing", "node.js", "asp.net", "vue 3",
    "café", "naïve bayes", "résumé", "über", "façade", "jalapeño",
    "crème brûlée", "Zürich", "São Paulo", "Ångström", "smörgåsbord",
    "日本語", "中文", "東京", "한국어", "データベース", "Python 3.12",
    "100%", "q&a", "C'est la vie",
]


def _tag_vocabulary(size: int = 200) -> list[str]:
    rng = random.Random(20240601)
    tags = list(SPECIAL_TAGS)
    seen = set(tags)
    while len(tags) < size:
        tag = f"{rng.choice(ADJECTIVES)}-{rng.choice(WORDS)}"
        if tag not in seen:
            seen.add(tag)
            tags.append(tag)
    rng.shuffle(tags)  # spread the awkward ones over the popularity curve
    return tags


TAGS = _tag_vocabulary()
# Zipf-like popularity: a few tags are on many posts, most on few.
TAG_WEIGHTS = [1.0 / (i + 1) ** 0.8 for i in range(len(TAGS))]

CODE_SNIPPETS = {
    "python": [
        "def {a}_{b}(items, limit=10):",
        "    result = []",
        "    for item in items[:limit]:",
        "        if item.{a}:",
        "            result.append(item.{b})",
        "    return sorted(result)",
    ],
    "yaml": [
        "{a}:",
        "  enabled: true",
        "  {b}: 42",
        "  targets:",
        "    - {a}-primary",
        "    - {b}-fallback",
    ],
    "bash": [
        "set -euo pipefail",
        "export {A}_DIR=/var/lib/{a}",
        "for f in \"${A}_DIR\"/*.{b}; do",
        "  echo \"processing $f\"",
        "done",
    ],
}

START_DATE = date(2019, 1, 1)
SPAN_DAYS = 6 * 365


# --------------------------------------------------------------------------
# Corpus generation
# --------------------------------------------------------------------------

def _yaml_str(value: str) -> str:
    """Quote a front matter scalar only when plain YAML would misread it."""
    risky = any(c in value for c in ":#'\"%&*!|>{}[],@`") or value[:1] in "-?"
    return json.dumps(value, ensure_ascii=False) if risky else value


def _sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS + ADJECTIVES, k=rng.randint(8, 18))
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, links: tuple | list = ()) -> str:
    sentences = [_sentence(rng) for _ in range(rng.randint(3, 6))]
    for link in links:
        i = rng.randrange(len(sentences))
        sentences[i] = sentences[i][:-1] + f", see {link}."
    return " ".join(sentences)


def _code_block(rng: random.Random) -> str:
    lang = rng.choice(sorted(CODE_SNIPPETS))
    a, b = rng.sample(WORDS, 2)
    body = "\n".join(CODE_SNIPPETS[lang]).format(a=a, b=b, A=a.upper())
    return f"```{lang}\n{body}\n```"


def _bullets(rng: random.Random) -> str:
    return "\n".join(
        f"- **{rng.choice(WORDS)}**: {_sentence(rng)}"
        for _ in range(rng.randint(4, 7))
    )


def _post_meta(rng: random.Random, n: int) -> list[dict]:
    """Titles, dates, taxonomy and file paths of all posts."""
    posts, seen_titles = [], set()
    for _ in range(n):
        words = rng.sample(WORDS, rng.randint(3, 6))
        title = " ".join(words).capitalize()
        if rng.random() < 0.2:
            title += ": " + " ".join(rng.sample(WORDS, 2))
        while title in seen_titles:
            title += f" {rng.choice(WORDS)}"
        seen_titles.add(title)
        day = START_DATE + timedelta(days=rng.randrange(SPAN_DAYS))
        cats = rng.sample(CATEGORIES, rng.randint(1, 2))
        tags: list[str] = []
        want = rng.randint(2, 5)
        while len(tags) < want:
            tag = rng.choices(TAGS, weights=TAG_WEIGHTS)[0]
            if tag not in tags:
                tags.append(tag)
        slug = "-".join(title.lower().replace(":", "").split())
        posts.append({
            "title": title, "date": day, "categories": cats, "tags": tags,
            "rel": f"blog/posts/{day.year}/{slug}.md", "year": day.year,
            "slug": slug,
        })
    return posts


def _post_link(post: dict, target: dict) -> str:
    if post["year"] == target["year"]:
        href = f"{target['slug']}.md"
    else:
        href = f"../{target['year']}/{target['slug']}.md"
    text = " ".join(target["title"].split()[:3]).rstrip(":")
    return f"[{text}]({href})"


def _post_body(rng: random.Random, post: dict, posts: list[dict]) -> str:
    target_words = rng.randint(560, 680)
    internal = [_post_link(post, rng.choice(posts))
                for _ in range(rng.randint(1, 3))]
    external = f"[the reference](https://example.org/{rng.choice(WORDS)}/)"
    blocks = [_paragraph(rng)]
    if rng.random() < 0.85:
        blocks.append("<!-- more -->")
    has_list = has_code = False
    while True:
        words = sum(len(b.split()) for b in blocks)
        if words >= target_words and has_list and has_code:
            break
        blocks.append("## " + " ".join(rng.sample(WORDS, 3)).capitalize())
        for _ in range(rng.randint(1, 3)):
            links = []
            if internal:
                links.append(internal.pop())
            elif rng.random() < 0.3:
                links.append(external)
            blocks.append(_paragraph(rng, links))
        if not has_list or rng.random() < 0.2:
            blocks.append(_bullets(rng))
            has_list = True
        elif not has_code or rng.random() < 0.2:
            blocks.append(_code_block(rng))
            has_code = True
    blocks.append(f"Further reading: {external}.")
    return "\n\n".join(blocks) + "\n"


def _post_file(post: dict, body: str) -> str:
    lines = ["---", f"title: {_yaml_str(post['title'])}",
             f"date: {post['date'].isoformat()}", "categories:"]
    lines += [f"  - {_yaml_str(c)}" for c in post["categories"]]
    lines.append("tags:")
    lines += [f"  - {_yaml_str(t)}" for t in post["tags"]]
    lines += ["---", "", f"# {post['title']}", "", body]
    return "\n".join(lines)


def generate(n: int, corpus_dir: Path) -> str:
    """Write the corpus for N posts into corpus_dir/docs; return its digest."""
    rng = random.Random(1_000_003 * n + 17)
    docs = corpus_dir / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    files = {
        "index.md": "# Home\n\nA synthetic site. Read the [blog](blog/index.md).\n",
        "blog/index.md": "# Blog\n",
        # Where Material's tags plugin renders its tag index; an HTML comment
        # (i.e. an ordinary page) for the other configurations.
        "tags.md": "# Tags\n\n<!-- material/tags -->\n",
    }
    digest = hashlib.sha256()

    def write(rel: str, text: str) -> None:
        path = docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        digest.update(rel.encode() + b"\0" + data + b"\0")

    for rel, text in files.items():
        write(rel, text)
    posts = _post_meta(rng, n)
    for post in posts:
        write(post["rel"], _post_file(post, _post_body(rng, post, posts)))
    return digest.hexdigest()[:16]


# --------------------------------------------------------------------------
# Configuration and builds
# --------------------------------------------------------------------------

PLUGINS = {
    "plain": ["search"],
    "ours": ["search", OUR_ENTRY_POINT],
    "material": ["search", "blog", "tags"],
}


def write_config(corpus_dir: Path, mode: str, n: int) -> Path:
    """Write mkdocs-<mode>.yml next to docs/; all modes share everything
    except the plugin list (posts are kept out of the auto nav in all)."""
    plugins = "\n".join(f"  - {p}" for p in PLUGINS[mode])
    text = (
        f"site_name: Benchmark blog ({n} posts)\n"
        "site_url: https://example.com/\n"
        "docs_dir: docs\n"
        f"site_dir: site-{mode}\n"
        "theme:\n"
        "  name: material\n"
        "not_in_nav: |\n"
        "  /blog/posts/**\n"
        f"plugins:\n{plugins}\n"
    )
    path = corpus_dir / f"mkdocs-{mode}.yml"
    path.write_text(text, encoding="utf-8")
    return path


# Silences the theme's end-of-life banner, which is not build output.
CHILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def run_build(config: Path, site_dir: Path) -> dict:
    """Build once in a fresh interpreter; measure wall time and child RSS."""
    if site_dir.exists():
        shutil.rmtree(site_dir)
    log_path = config.with_suffix(".log")
    cmd = [sys.executable, "-m", "mkdocs", "build", "-f", str(config)]
    with open(log_path, "wb") as log:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT,
                                cwd=config.parent, env=CHILD_ENV)
        # wait4 gives the rusage of this one child, not the max over all
        # children ever waited for (which RUSAGE_CHILDREN would report).
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    log_lines = log_path.read_text(encoding="utf-8", errors="replace").splitlines()
    pages = sum(1 for _ in site_dir.rglob("*.html")) if site_dir.exists() else 0
    rss_kib = usage.ru_maxrss  # KiB on Linux (bytes on macOS)
    if sys.platform == "darwin":
        rss_kib //= 1024
    return {
        "seconds": seconds,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "rss_mib": rss_kib / 1024,
        "pages": pages,
        "warnings": sum(line.startswith("WARNING") for line in log_lines),
        "returncode": proc.returncode,
        "log_tail": log_lines[-15:],
        "log": str(log_path),
    }


def mode_status(mode: str) -> str | None:
    """None if the mode can run, else the reason it is skipped."""
    if importlib.util.find_spec("material") is None:
        return "mkdocs-material is not installed"
    if mode == "ours":
        names = {ep.name for ep in
                 importlib.metadata.entry_points(group="mkdocs.plugins")}
        if OUR_ENTRY_POINT not in names:
            return (f"entry point {OUR_ENTRY_POINT!r} not installed "
                    "(pip install -e .)")
    return None


# --------------------------------------------------------------------------
# Reload mode: one post edited, rebuilt three ways
# --------------------------------------------------------------------------

#: Builds twice in one process on the same plugin objects, the way `mkdocs serve` does (config
#: loaded again, plugins kept), with the edit in between; prints the second build's seconds.
SERVE_DRIVER = r"""
import json, sys, time
from mkdocs.commands.build import build
from mkdocs.config import load_config
config_file, post, text = sys.argv[1], sys.argv[2], sys.argv[3]
url = "http://127.0.0.1:8000/"
config = load_config(config_file=config_file)
config.plugins.on_startup(command="serve", dirty=False)
build(config, serve_url=url)
with open(post, "a", encoding="utf-8") as f:
    f.write(text)
config = load_config(config_file=config_file)
start = time.perf_counter()
build(config, serve_url=url)
print(json.dumps({"seconds": time.perf_counter() - start}))
"""

EDIT_TEXT = "\nOne more paragraph, written while the site was being served.\n"


def _edited_post(corpus_dir: Path) -> Path:
    posts = sorted((corpus_dir / "docs" / "blog" / "posts").rglob("*.md"))
    return posts[len(posts) // 2]


def _run(cmd: list[str], cwd: Path) -> tuple[float, str]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=CHILD_ENV, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return seconds, proc.stdout


def reload_round(corpus_dir: Path, n: int) -> dict:
    post = _edited_post(corpus_dir)
    original = post.read_bytes()
    plain = write_config(corpus_dir, "plain", n)
    ours = write_config(corpus_dir, "ours", n)
    # cache_dir set: every build keeps the record file, the clean one included.
    ours.write_text(ours.read_text(encoding="utf-8").replace(
        f"  - {OUR_ENTRY_POINT}\n", f"  - {OUR_ENTRY_POINT}:\n      cache_dir: .cache/blog-plugin\n"), encoding="utf-8")
    shutil.rmtree(corpus_dir / ".cache", ignore_errors=True)
    result = {}
    try:
        shutil.rmtree(corpus_dir / "site-ours", ignore_errors=True)
        result["clean"], _ = _run([sys.executable, "-m", "mkdocs", "build", "-f", str(ours)], corpus_dir)
        with open(post, "a", encoding="utf-8") as f:
            f.write(EDIT_TEXT)
        result["dirty"], _ = _run([sys.executable, "-m", "mkdocs", "build", "--dirty", "-f", str(ours)], corpus_dir)
        for mode, config in (("plain_rebuild", plain), ("serve_rebuild", ours)):
            post.write_bytes(original)
            _, out = _run([sys.executable, "-c", SERVE_DRIVER, str(config), str(post), EDIT_TEXT], corpus_dir)
            result[mode] = json.loads(out.strip().splitlines()[-1])["seconds"]
    finally:
        post.write_bytes(original)
    return result


def reload_main(args) -> int:
    info = machine_info()
    print("machine: " + ", ".join(f"{k}={v}" for k, v in info.items()))
    rows = [["N", "clean build", "(a) plain rebuild", "(b) --dirty", "(b)/clean", "(c) serve rebuild", "(c)/(a)"]]
    results = []
    for n in args.posts:
        corpus_dir = args.out.resolve() / f"corpus-{n}"
        generate(n, corpus_dir)
        rounds = []
        for round_no in range(1, args.repeat + 1):
            r = reload_round(corpus_dir, n)
            rounds.append(r)
            print(f"   N={n} round {round_no}/{args.repeat}: " + ", ".join(f"{k} {v:.2f}s" for k, v in r.items()), flush=True)
        best = {k: min(r[k] for r in rounds) for k in rounds[0]}
        results.append({"n": n, **best, "rounds": rounds})
        rows.append([str(n), f"{best['clean']:.2f}", f"{best['plain_rebuild']:.2f}", f"{best['dirty']:.2f}",
                     f"{best['dirty'] / best['clean']:.0%}", f"{best['serve_rebuild']:.2f}",
                     f"{best['serve_rebuild'] / best['plain_rebuild']:.2f}x"])
    print()
    print(_table(rows))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"machine": info, "reload": results}, indent=2), encoding="utf-8")
    return 0


# --------------------------------------------------------------------------
# Reporting
# --------------------------------------------------------------------------

def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def machine_info() -> dict:
    return {
        "cpu_count": os.cpu_count(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "python": platform.python_version(),
        "mkdocs": _version("mkdocs"),
        "mkdocs-material": _version("mkdocs-material"),
        "mkdocs-blog-plugin": _version("mkdocs-blog-plugin"),
    }


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "-"


def _table(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.rjust(w) if i else c.ljust(w)
                       for i, (c, w) in enumerate(zip(r, widths)))
             for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


HEADER = ["mode", "seconds", "cpu s", "RSS MiB", "pages", "warn",
          "time/plain", "RSS/plain", "ms/post", "+ms/post"]


def _row(r: dict, base: dict | None, label: str) -> list[str]:
    if r.get("skipped"):
        return [label, "skipped"] + [""] * (len(HEADER) - 2)
    if r["returncode"] != 0:
        return [label, f"FAILED (exit {r['returncode']})"] + [""] * (len(HEADER) - 2)
    ok_base = base and not base.get("skipped") and base["returncode"] == 0
    n = r["n"]
    return [
        label, f"{r['seconds']:.2f}", f"{r['cpu_seconds']:.2f}",
        f"{r['rss_mib']:.0f}", str(r["pages"]), str(r["warnings"]),
        _ratio(r["seconds"], base["seconds"]) if ok_base else "-",
        _ratio(r["rss_mib"], base["rss_mib"]) if ok_base else "-",
        f"{1000 * r['seconds'] / n:.2f}",
        f"{1000 * (r['seconds'] - base['seconds']) / n:+.2f}" if ok_base else "-",
    ]


def report(results: list[dict], n: int | None = None) -> str:
    """One table for a single N, or (n=None) the summary over all N."""
    rows = [HEADER]
    chosen = [r for r in results if n is None or r["n"] == n]
    for r in chosen:
        base = next((b for b in results
                     if b["n"] == r["n"] and b["mode"] == "plain"), None)
        label = r["mode"] if n is not None else f"N={r['n']} {r['mode']}"
        rows.append(_row(r, base, label))
    out = [_table(rows)]
    for r in chosen:
        if not r.get("skipped") and r["returncode"] != 0:
            out.append(f"\n{r['mode']} (N={r['n']}) exited with "
                       f"{r['returncode']}; last log lines ({r['log']}):")
            out += ["    " + line for line in r["log_tail"]]
        elif r.get("skipped"):
            out.append(f"  {r['mode']} (N={r['n']}) skipped: {r['skipped']}")
    return "\n".join(out)


def speedups(results: list[dict]) -> str:
    lines = []
    for n in sorted({r["n"] for r in results}):
        by = {r["mode"]: r for r in results if r["n"] == n
              and not r.get("skipped") and r["returncode"] == 0}
        if "ours" in by and "material" in by:
            o, m = by["ours"], by["material"]
            lines.append(
                f"N={n}: ours is {m['seconds'] / o['seconds']:.2f}x as fast "
                f"as material ({o['seconds']:.2f}s vs {m['seconds']:.2f}s), "
                f"peak RSS {o['rss_mib']:.0f} vs {m['rss_mib']:.0f} MiB")
    return "\n".join(lines) or "(ours vs material: needs both modes to succeed)"


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--posts", type=int, nargs="+", default=[250, 1000, 4000],
                    help="post counts to benchmark (default: 250 1000 4000)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT,
                    help=f"work directory (default: {DEFAULT_OUT})")
    ap.add_argument("--modes", default=",".join(ALL_MODES),
                    help="comma-separated subset of plain,ours,material")
    ap.add_argument("--repeat", type=int, default=1,
                    help="rounds of builds, modes interleaved; the fastest build of each "
                         "mode is reported")
    ap.add_argument("--json", type=Path, help="also write results to FILE")
    ap.add_argument("--reload", action="store_true",
                    help="time one edited post rebuilt: plain MkDocs, --dirty, serve-style")
    args = ap.parse_args(argv)
    if args.reload:
        return reload_main(args)

    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    unknown = set(modes) - set(ALL_MODES)
    if unknown:
        ap.error(f"unknown mode(s): {', '.join(sorted(unknown))}")
    if args.repeat < 1:
        ap.error("--repeat must be >= 1")

    info = machine_info()
    print("machine: " + ", ".join(f"{k}={v}" for k, v in info.items()))
    results, corpora = [], {}
    for n in args.posts:
        corpus_dir = args.out.resolve() / f"corpus-{n}"
        t0 = time.perf_counter()
        corpora[n] = generate(n, corpus_dir)
        print(f"\n== N={n} posts: corpus {corpus_dir / 'docs'} "
              f"(sha256 {corpora[n]}, generated in "
              f"{time.perf_counter() - t0:.1f}s)")
        # Rounds are interleaved (plain, ours, material, plain, ours, ...) so that a slow
        # spell of a shared machine falls on every mode alike rather than on one of them.
        runnable = {}
        for mode in modes:
            reason = mode_status(mode)
            runnable[mode] = (None if reason else write_config(corpus_dir, mode, n), reason)
        runs: dict[str, list[dict]] = {mode: [] for mode in modes}
        for round_no in range(1, args.repeat + 1):
            for mode in modes:
                config, reason = runnable[mode]
                if reason:
                    continue
                run = run_build(config, corpus_dir / f"site-{mode}")
                runs[mode].append(run)
                label = f" (round {round_no}/{args.repeat})" if args.repeat > 1 else ""
                print(f"   {mode}{label}: {run['seconds']:.2f}s, exit {run['returncode']}",
                      flush=True)
        for mode in modes:
            result = {"n": n, "mode": mode}
            config, reason = runnable[mode]
            if reason:
                result["skipped"] = reason
                print(f"   {mode}: skipped ({reason})")
            else:
                best = min(runs[mode], key=lambda r: (r["returncode"] != 0, r["seconds"]))
                result.update(best)
                result["rss_mib"] = max(r["rss_mib"] for r in runs[mode])
                result["all_seconds"] = [round(r["seconds"], 2) for r in runs[mode]]
                if any(r["returncode"] != 0 for r in runs[mode]):
                    result.update(next(r for r in runs[mode] if r["returncode"]))
            results.append(result)
        print(report(results, n))

    print("\n== Summary")
    print(report(results))
    print()
    print(speedups(results))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(
            {"machine": info, "corpus_sha256": corpora, "results": results},
            indent=2, ensure_ascii=False), encoding="utf-8")
        print(f"\nresults written to {args.json}")
    failed = any(not r.get("skipped") and r["returncode"] != 0
                 for r in results)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
