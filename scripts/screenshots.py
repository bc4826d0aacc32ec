"""Build the example site on each theme and take screenshots of it with headless Chromium.

Install the browser first (Debian/Ubuntu): ``apt-get install chromium``.

    python scripts/screenshots.py                      # every theme, into screenshots/
    python scripts/screenshots.py --out /tmp/shots --themes mkdocs material
    python scripts/screenshots.py --pages blog/ blog/page/2/ blog/tags/ --dark
    python scripts/screenshots.py --readme             # also docs/screenshots/<theme>.png

Each theme gets its own build of ``example_site`` (a temporary mkdocs.yml that INHERITs the
example's and only swaps the theme), served from 127.0.0.1 for the browser. Pictures are taken at
1280 px (desktop) and 390 px (phone) wide: ``<out>/<theme>-<page>-<width>.png``. ``--dark`` adds
Material pictures in its dark palette. ``--readme`` writes a small desktop picture of the blog
index per theme for the README (needs ImageMagick's ``convert`` to shrink it).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import os
import shutil
import socketserver
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "example_site"
THEMES = ("mkdocs", "readthedocs", "material")
WIDTHS = (1280, 390)
DEFAULT_PAGES = ("blog/", "blog/page/2/", "blog/tags/", "blog/category/harvest/", "blog/2024/05/10/tomato-rows/")


def browser() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    sys.exit("no Chromium found: apt-get install chromium")


def build(theme: str, dest: Path, *, dark: bool = False) -> None:
    """Build the example site with ``theme`` into ``dest``."""
    work = Path(tempfile.mkdtemp(prefix=f"blog-shots-{theme}-"))
    try:
        shutil.copytree(EXAMPLE / "docs", work / "docs")
        theme_cfg = f"  name: {theme}\n"
        if dark and theme == "material":
            theme_cfg += "  palette:\n    scheme: slate\n"
        config = work / "mkdocs.yml"
        config.write_text(
            f"INHERIT: {EXAMPLE / 'mkdocs.yml'}\ndocs_dir: {work / 'docs'}\nsite_dir: {dest}\n"
            f"theme:\n{theme_cfg}",
            encoding="utf-8",
        )
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], check=True,
                       env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    finally:
        shutil.rmtree(work, ignore_errors=True)


@contextlib.contextmanager
def serve(folder: Path):
    handler = functools.partial(_QuietHandler, directory=str(folder))
    with socketserver.TCPServer(("127.0.0.1", 0), handler) as httpd:
        thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{httpd.server_address[1]}/"
        finally:
            httpd.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # noqa: D401
        pass


def shoot(chrome: str, url: str, out: Path, width: int, height: int) -> None:
    with tempfile.TemporaryDirectory(prefix="blog-shots-profile-") as profile:
        subprocess.run(
            [chrome, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--hide-scrollbars", f"--user-data-dir={profile}", f"--screenshot={out}",
             f"--window-size={width},{height}", url],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120,
        )


def page_name(page: str) -> str:
    return page.strip("/").replace("/", "-") or "home"


def shrink(src: Path, dest: Path) -> None:
    """A README-sized copy: 800 px wide, the top 1100 px, 64 colours."""
    # ImageMagick 7's `magick`, else its `convert` (Debian's, in /usr/bin, before any stand-in).
    convert = shutil.which("magick") or shutil.which("convert", path="/usr/bin:/bin") or shutil.which("convert")
    dest.parent.mkdir(parents=True, exist_ok=True)
    if not convert:
        shutil.copyfile(src, dest)
        return
    subprocess.run([convert, str(src), "-crop", "1280x1760+0+0", "+repage", "-resize", "800x",
                    "-colors", "64", "-strip", f"PNG8:{dest}"], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "screenshots")
    parser.add_argument("--themes", nargs="+", default=list(THEMES), choices=THEMES)
    parser.add_argument("--pages", nargs="+", default=list(DEFAULT_PAGES))
    parser.add_argument("--height", type=int, default=2000)
    parser.add_argument("--dark", action="store_true", help="also Material's dark palette")
    parser.add_argument("--readme", action="store_true", help="write docs/screenshots/<theme>.png")
    args = parser.parse_args()
    chrome = browser()
    args.out.mkdir(parents=True, exist_ok=True)
    runs = [(theme, False) for theme in args.themes]
    if args.dark and "material" in args.themes:
        runs.append(("material", True))
    for theme, dark in runs:
        label = theme + ("-dark" if dark else "")
        with tempfile.TemporaryDirectory(prefix="blog-shots-site-") as tmp:
            site = Path(tmp) / "site"
            build(theme, site, dark=dark)
            with serve(site) as base:
                for page in args.pages:
                    for width in WIDTHS:
                        out = args.out / f"{label}-{page_name(page)}-{width}.png"
                        shoot(chrome, base + page, out, width, args.height)
                        print(out)
                if args.readme and not dark:
                    full = args.out / f"{label}-readme-full.png"
                    shoot(chrome, base + "blog/", full, 1280, 1760)
                    shrink(full, REPO / "docs" / "screenshots" / f"{theme}.png")
                    print(REPO / "docs" / "screenshots" / f"{theme}.png")


if __name__ == "__main__":
    main()
