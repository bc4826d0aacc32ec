"""Posts' Markdown converted by other processes while MkDocs reads the rest of the site.

MkDocs converts pages one after another in one process. On a machine with more than one CPU,
``start`` (on_nav, once every page has its place) forks worker processes that take posts from the
end of the build order while MkDocs works from the front; each post is claimed by exactly one side.
When MkDocs reaches a post a worker converted, ``take`` (``PostPage.take_converted``) hands the page
the worker's HTML, table of contents and link facts, but only if the Markdown the page holds at
that point, after every plugin's ``on_page_markdown``, is exactly the text the worker converted:
a plugin that changes a post makes MkDocs convert it as usual. The log messages the conversion
produced in the worker (a link to a missing page, ...) are replayed at that moment, in the order a
build without workers prints them, and count for ``--strict``. Tests compare every output file
with a build without workers.

Workers run only where nothing can tell the difference: a full ``mkdocs build`` (not ``serve``,
whose rebuilds reuse HTML, and not ``--dirty``), a platform with ``fork``, no other thread running,
enough posts to pay for the fork, and Markdown extensions given by name (an extension object
another plugin added, such as mkdocstrings', may collect state while it converts, which a worker
would keep to itself). ``concurrency: 0`` switches them off.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import threading
from dataclasses import dataclass, field
from typing import Any

from mkdocs.structure.files import InclusionLevel
from mkdocs.structure.toc import get_toc

from .records import LINKS, digest, toc_tokens

#: Below this many posts a fork costs more than it saves.
MIN_POSTS = 24
#: Room in each result pipe (Linux F_SETPIPE_SZ), so a worker rarely waits for MkDocs to read.
PIPE_BYTES = 1 << 20
_F_SETPIPE_SZ = getattr(__import__("fcntl"), "F_SETPIPE_SZ", 1031) if os.name == "posix" else None


def cpu_count() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


@dataclass
class Pool:
    """The workers of one blog in one build, and what MkDocs has taken from them."""

    order: dict[str, int]  # post src_uri -> place in MkDocs' reading order
    claims: Any  # shared [front, back]: MkDocs converts below front, workers from back up
    workers: list = field(default_factory=list)  # (process, connection)
    results: dict[int, dict | None] = field(default_factory=dict)
    in_worker: bool = False


_pools: dict[int, Pool] = {}  # id(BlogBuild) -> its pool, while one runs


def may_fork(concurrency: int, *, serving: bool) -> bool:
    """Whether this process may fork helpers at all: not while serving (the server's threads
    run), only where ``fork`` is safe and with ``concurrency`` above 0."""
    if concurrency <= 0 or serving or sys.platform.startswith("win") or sys.platform == "darwin":
        return False
    return threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


def can_fork(build: Any, *, concurrency: int, serving: bool, dirty: bool) -> bool:
    """Whether helper processes may work on this build's pages (this module's and ``preassemble``'s):
    a full build whose Markdown extensions keep no state of their own."""
    if dirty or not may_fork(concurrency, serving=serving):
        return False
    from .pages import HEADER_SLOT

    ours = (HEADER_SLOT, LINKS)
    return all(isinstance(ext, str) or ext in ours for ext in build.config.markdown_extensions)


def fork(target: Any, *args: Any) -> tuple[Any, Any]:
    """A forked process running ``target(*args, sender)``; returns it and the receiving end of
    its pipe."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    _widen(sender)
    process = context.Process(target=target, args=(*args, sender), daemon=True)
    process.start()
    sender.close()
    return process, receiver


def start(build: Any, files: Any, *, concurrency: int, serving: bool, dirty: bool) -> None:
    """on_nav: fork the workers, if they can help and nothing can tell."""
    stop(build)
    if not can_fork(build, concurrency=concurrency, serving=serving, dirty=dirty):
        return
    from .pages import PostPage

    pages = [
        file.page for file in files.documentation_pages(inclusion=InclusionLevel.is_included)
        if isinstance(file.page, PostPage) and build.entry_of(file.page) is not None
    ]
    if len(pages) < MIN_POSTS:
        return
    workers = max(1, min(concurrency, cpu_count() - 1, len(pages) // MIN_POSTS))
    context = multiprocessing.get_context("fork")
    pool = Pool(order={p.file.src_uri: i for i, p in enumerate(pages)}, claims=context.Array("i", [0, len(pages)]))
    _pools[id(build)] = pool
    for page in pages:
        page.take_converted = take
    for _ in range(workers):
        pool.workers.append(fork(_work, build, pool, pages, files))


def take(page: Any, files: Any) -> bool:
    """``PostPage.render``: set what ``Page.render`` sets from a worker's result, if a worker
    converted exactly this Markdown; False when MkDocs should convert the page itself."""
    pool = _pool_of(page)
    if pool is None or pool.in_worker:
        return False
    index = pool.order.get(page.file.src_uri)
    if index is None:
        return False
    with pool.claims.get_lock():
        if index < pool.claims[1]:  # no worker has it: MkDocs converts it, and workers never will
            pool.claims[0] = max(pool.claims[0], index + 1)
            claimed = False
        else:
            claimed = True
    _collect(pool, wait_for=index if claimed else None)
    result = pool.results.pop(index, None)
    if result is None or result["markdown"] != digest(page.markdown or ""):
        return False
    for name, level, message in result["logs"]:
        logging.getLogger(name).handle(logging.makeLogRecord(
            {"name": name, "levelno": level, "levelname": logging.getLevelName(level), "msg": message}
        ))
    page.content = result["content"]
    page.toc = get_toc(result["toc"])
    page._title_from_render = result["title"]
    page.present_anchor_ids = result["anchors"]
    if result["links_to_anchors"] is not None:
        found = {files.get_file_from_path(src): v for src, v in result["links_to_anchors"].items()}
        page.links_to_anchors = {f: v for f, v in found.items() if f is not None}
    LINKS.processor.seen = result["seen"]
    return True


def stop(build: Any) -> None:
    """on_env, or a failed build: the workers have nothing left to do; let them go."""
    pool = _pools.pop(id(build), None)
    if pool is None:
        return
    with pool.claims.get_lock():
        pool.claims[1] = pool.claims[0]  # nothing more to claim
    for process, receiver in pool.workers:
        receiver.close()
        process.join(timeout=5)
        if process.is_alive():
            process.terminate()
            process.join()


# -- the main process ---------------------------------------------------------------------------


def _pool_of(page: Any) -> Pool | None:
    for pool in _pools.values():
        if page.file.src_uri in pool.order:
            return pool
    return None


def _collect(pool: Pool, *, wait_for: int | None) -> None:
    """Read what the workers sent; with ``wait_for``, until that post's result is in (or its
    worker is gone, and MkDocs converts the post)."""
    from multiprocessing.connection import wait

    while True:
        open_ = [r for _, r in pool.workers if not r.closed]
        ready = wait(open_, timeout=0) if open_ else []
        if wait_for is not None and wait_for not in pool.results and not ready and open_:
            ready = wait(open_, timeout=1.0)
        for receiver in ready:
            try:
                index, result = receiver.recv()
            except (EOFError, OSError):
                receiver.close()
                continue
            pool.results[index] = result
        if wait_for is None or wait_for in pool.results or not any(not r.closed for _, r in pool.workers):
            return
        if not ready and not any(p.is_alive() for p, r in pool.workers if not r.closed):
            return


def _widen(connection: Any) -> None:
    if _F_SETPIPE_SZ is None:
        return
    try:
        import fcntl

        fcntl.fcntl(connection.fileno(), _F_SETPIPE_SZ, PIPE_BYTES)
    except OSError:
        pass  # a smaller pipe only means the worker waits for MkDocs to read more often


# -- a worker -----------------------------------------------------------------------------------


class Capture(logging.Handler):
    """In a helper process: keeps the log records of the work under way, drops the others (the
    main process prints those itself)."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self.records is not None:
            self.records.append((record.name, record.levelno, record.getMessage()))

    @classmethod
    def install(cls) -> "Capture":
        """Every log record of this (forked) process goes to one new ``Capture``."""
        capture = cls()
        for logger in [logging.getLogger(n) for n in list(logging.root.manager.loggerDict)]:
            if isinstance(logger, logging.Logger):
                logger.handlers, logger.filters, logger.propagate = [], [], True
        logging.root.handlers, logging.root.filters = [capture], []
        return capture


def _work(build: Any, pool: Pool, pages: list, files: Any, sender: Any) -> None:
    from . import post_html

    pool.in_worker = True
    capture = Capture.install()
    config = build.config
    try:
        while True:
            with pool.claims.get_lock():
                if pool.claims[1] - 1 < pool.claims[0]:
                    return
                pool.claims[1] -= 1
                index = pool.claims[1]
            page = pages[index]
            result = None
            try:
                config._current_page = page
                page.read_source(config)
                markdown = page.markdown = post_html.prepare_markdown(build, page, page.markdown)
                LINKS.processor.seen = []
                capture.records = []
                page.render(config, files)
                anchors = page.links_to_anchors
                result = {
                    "markdown": digest(markdown), "content": page.content, "toc": toc_tokens(page.toc),
                    "title": page._title_from_render, "anchors": page.present_anchor_ids,
                    "links_to_anchors": {f.src_uri: v for f, v in anchors.items()} if anchors is not None else None,
                    "seen": list(LINKS.processor.seen), "logs": capture.records,
                }
            except Exception:  # MkDocs converts it, and reports whatever went wrong
                result = None
            finally:
                capture.records = None
            sender.send((index, result))
    except (BrokenPipeError, EOFError, OSError):
        pass
    finally:
        sender.close()
        os._exit(0)  # no atexit handlers, no flushing of the parent's buffers
