"""Parsing in worker processes, in order, with a bounded number of blocks in flight: the import and the
sync's first pull both use it.

Spawned, not forked: the GUI process has threads, and fork would copy their locks. Each worker renders
reasons in this process's language, and follows its parent out (desktop_app/processes.py).
"""

from __future__ import annotations

import gc
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

from desktop_app.messages import current_language, set_language
from desktop_app.processes import exit_with_parent

Result = TypeVar("Result")


# A bulk load allocates millions of short-lived, acyclic objects (decoded lines, row tuples). With the default
# threshold (700) the collector runs every few lines and its older generations rescan the ≈ 270,000 objects of
# the imported modules each time: a sixth of a parser's time (issue 16). Frozen, those are never scanned again.
BULK_GC_THRESHOLD = (50_000, 20, 20)


def _start_worker(language: str) -> None:
    set_language(language)
    gc.freeze()
    gc.set_threshold(*BULK_GC_THRESHOLD)
    exit_with_parent()


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
