"""Independent jobs shared with a forked process, for reading the posts' files.

``map_ordered(items, work)`` is ``[work(item) for item in items]``: a forked process does the
second half of the list while this one does the first, then sends its results back at once, with
the log messages each job wrote; those are replayed here in the list's order, so a build prints
what a one-process build prints, in the same order. A job that fails in the other process, or a
process that ends early, makes this one do that job and the rest itself, so an error is raised
here, exactly as it would be without the other process.
"""

from __future__ import annotations

import logging
import os
from typing import Any, Callable, Sequence

from . import prerender

#: Below this many jobs the fork costs more than it saves.
MIN_ITEMS = 200


def map_ordered(items: Sequence[Any], work: Callable[[Any], Any], *, allowed: bool) -> list:
    if not allowed or len(items) < MIN_ITEMS:
        return [work(item) for item in items]
    half = len(items) // 2
    process, receiver = prerender.fork(_child, items[half:], work)
    try:
        results = [work(item) for item in items[:half]]
        try:
            done = receiver.recv()
        except (EOFError, OSError):
            done = []
        for value, logs in done:
            for name, level, message in logs:
                logging.getLogger(name).handle(logging.makeLogRecord(
                    {"name": name, "levelno": level, "levelname": logging.getLevelName(level), "msg": message}
                ))
            results.append(value)
        results += [work(item) for item in items[len(results):]]
        return results
    finally:
        receiver.close()
        process.join(timeout=5)
        if process.is_alive():
            process.terminate()
            process.join()


def _child(items: Sequence[Any], work: Callable[[Any], Any], sender: Any) -> None:
    capture = prerender.Capture.install()
    done = []
    try:
        for item in items:
            capture.records = []
            try:
                value = work(item)
            except Exception:  # this one and the rest are done in the main process
                break
            done.append((value, capture.records))
        capture.records = None
        sender.send(done)
    except Exception:  # noqa: BLE001 (a result that cannot be sent: the main process does it all)
        pass
    finally:
        sender.close()
        os._exit(0)
