"""Parsing in worker processes, in order, with a bounded number of blocks in flight: the import and the
sync's first pull both use it.

Spawned, not forked: the GUI process has threads, and fork would copy their locks. Each worker renders
reasons in this process's language, and follows its parent out: a worker holds both ends of its call
queue's pipe, so when the parent is killed (SIGKILL, a task manager's "end task") it would wait on that
queue for ever (the sync's kill trials, benchmarks/kill_trials.py, found them left running).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

from desktop_app.messages import current_language, set_language

Result = TypeVar("Result")


def _exit_with_parent() -> None:
    parent = multiprocessing.parent_process()
    if parent is not None:
        parent.join()  # returns when the parent process has ended (its sentinel closes)
        os._exit(1)


# A bulk load allocates millions of short-lived, acyclic objects (decoded lines, row tuples). With the default
# threshold (700) the collector runs every few lines and its older generations rescan the ≈ 270,000 objects of
# the imported modules each time: a sixth of a parser's time (issue 16). Frozen, those are never scanned again.
BULK_GC_THRESHOLD = (50_000, 20, 20)


def _start_worker(language: str) -> None:
    set_language(language)
    gc.freeze()
    gc.set_threshold(*BULK_GC_THRESHOLD)
    threading.Thread(target=_exit_with_parent, name="exit-with-parent", daemon=True).start()


@contextmanager
def fewer_collections() -> Iterator[None]:
    """The collector tuned for a bulk load in this process (the writer's side), as it was afterwards."""
    before = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*BULK_GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


def ordered_map(fn: Callable[..., Result], argument_tuples: Iterable[tuple[Any, ...]],
                workers: int) -> Iterator[Result]:
    """`fn(*arguments)` for each tuple, in worker processes, yielded in input order."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                             initargs=(current_language(),)) as pool:
        pending: deque[Future[Result]] = deque()
        try:
            for arguments in argument_tuples:
                pending.append(pool.submit(fn, *arguments))
                if len(pending) > 2 * workers:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()
