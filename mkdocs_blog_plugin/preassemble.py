"""Post headers and footers, their sharing metadata, and listing pages made by a helper process
while MkDocs writes the site.

Once every page is read (on_env), what a post's header and footer or a listing page shows is
known. ``start`` forks a helper that renders them, page after page in the order MkDocs writes
pages, and passes each result through a pipe. ``assembly`` asks ``ready`` for a page's result with
the inputs it would render from (``assembly.post_key`` / ``listing_key``: the way back to the
site root, whether the title shows, the listing's title and intro); a result rendered from other
inputs, or not there yet (the helper is behind), is ignored and ``assembly`` renders the page
itself. Results are read in order and only up to the page being written, so the helper is never
more than a pipe's worth ahead of MkDocs and no result waits in memory.

The helper runs under the same conditions as ``prerender``'s workers, and only when every
template of ours comes from this package: an override in ``theme.custom_dir`` may read anything,
such as a page another plugin changes later. A render that logs anything is left to MkDocs'
process, which logs it there. Tests compare every output file with a one-process build.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Callable

from mkdocs.structure.files import InclusionLevel

from . import prerender
from .render import PAGE_TEMPLATES, TEMPLATES_DIR


@dataclass
class Helper:
    process: Any
    receiver: Any
    order: dict[str, int]  # src_uri -> place in MkDocs' writing order
    seen: int = -1  # the place of the last result read
    held: dict[int, dict] = field(default_factory=dict)  # the parts of the last page read


_helpers: dict[int, Helper] = {}  # id(BlogBuild) -> its helper, while one runs


def start(
    build: Any, files: Any, make: Callable[[Any, Any], dict], *, concurrency: int, serving: bool, dirty: bool
) -> None:
    """on_env, after the renderer is set up: fork the helper, if it can help and nothing can tell.
    ``make(build, page)`` gives a page's parts (``assembly.page_parts``); the helper writes the
    feeds when it has made every page's parts."""
    stop(build)
    if dirty:
        # A --dirty build writes few pages: the helper only writes the feeds meanwhile.
        if prerender.may_fork(concurrency, serving=serving) and build.options.feeds.enabled:
            process, receiver = prerender.fork(_work, build, [], make)
            _helpers[id(build)] = Helper(process, receiver, {})
        return
    if not prerender.can_fork(build, concurrency=concurrency, serving=serving, dirty=dirty):
        return
    if not _templates_are_ours(build):
        return
    pages = [
        file.page for file in files.documentation_pages(inclusion=InclusionLevel.is_included)
        if file.page is not None and (build.entry_of(file.page) is not None or build.listing_of(file.page) is not None)
    ]
    if len(pages) < prerender.MIN_POSTS:
        return
    process, receiver = prerender.fork(_work, build, pages, make)
    _helpers[id(build)] = Helper(process, receiver, {p.file.src_uri: i for i, p in enumerate(pages)})


def ready(build: Any, page: Any, key: tuple) -> Any:
    """The helper's ``key[0]`` part for ``page`` (``"post"``: header and footer, ``"head"``: sharing
    metadata, ``"listing"``: content) if it was made from ``key`` and has come; else None."""
    helper = _helpers.get(id(build))
    if helper is None:
        return None
    place = helper.order.get(page.file.src_uri)
    if place is None:
        return None
    while helper.seen < place and not helper.receiver.closed and helper.receiver.poll():
        try:
            helper.seen, parts = helper.receiver.recv()
        except (EOFError, OSError):
            helper.receiver.close()
            break
        helper.held = {helper.seen: parts}
    made = helper.held.get(place, {}).pop(key[0], None)
    if made is None or made[0] != key:
        return None
    return made[1]


def wrote_feeds(build: Any) -> bool:
    """on_post_build: whether the helper wrote the feeds, and said nothing while it did (else
    MkDocs' process writes them, and says what there is to say)."""
    helper = _helpers.get(id(build))
    if helper is None:
        return False
    last = len(helper.order)
    while helper.seen < last and not helper.receiver.closed:
        if not helper.receiver.poll(1.0) and not helper.process.is_alive():
            return False
        try:
            helper.seen, parts = helper.receiver.recv()
        except (EOFError, OSError):
            return False
        helper.held = {helper.seen: parts}
    return bool(helper.held.get(last, {}).get("feeds"))


def stop(build: Any) -> None:
    """on_post_build (once the feeds are written), or a failed build."""
    helper = _helpers.pop(id(build), None)
    if helper is None:
        return
    helper.receiver.close()  # a helper still writing gets a broken pipe and ends
    helper.process.join(timeout=5)
    if helper.process.is_alive():
        helper.process.terminate()
        helper.process.join()


def _templates_are_ours(build: Any) -> bool:
    env = build.renderer.env
    ours = os.path.join(TEMPLATES_DIR, "")
    for name in PAGE_TEMPLATES:
        try:
            filename = env.get_template(f"blog-plugin/{name}").filename or ""
        except Exception:  # a template missing here fails the same way in MkDocs' process
            return False
        if not os.path.abspath(filename).startswith(ours):
            return False
    return True


# -- the helper ---------------------------------------------------------------------------------


def _work(build: Any, pages: list, make: Callable[[Any, Any], dict], sender: Any) -> None:
    from . import feeds_writer

    capture = prerender.Capture.install()
    try:
        for place, page in enumerate(pages):
            capture.records = []
            try:
                parts = make(build, page)
            except Exception:  # MkDocs' process makes it, and reports whatever went wrong
                parts = {}
            if capture.records:  # said something: MkDocs' process makes it and says it there
                parts = {}
            capture.records = None
            sender.send((place, parts))
        # Last, the feeds: from the posts alone, written where MkDocs writes nothing else.
        capture.records = []
        try:
            feeds_writer.write_feeds(build, build.config.site_dir)
            written = not capture.records
        except Exception:
            written = False
        sender.send((len(pages), {"feeds": written}))
    except (BrokenPipeError, EOFError, OSError):
        pass
    finally:
        sender.close()
        os._exit(0)
