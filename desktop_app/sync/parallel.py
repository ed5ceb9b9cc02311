"""Parsing a snapshot in worker processes, in order, with a bounded number of blocks in flight.

The stream is cut into blocks of whole lines (about BLOCK_BYTES each); a block is parsed in a spawned
process (not forked: the GUI process has threads whose locks fork would copy) while this process
downloads, decompresses and writes. Below PARALLEL_MIN_BYTES of blocks it parses here instead.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from desktop_app.messages import current_language, set_language
from desktop_app.services.interchange import default_workers
from desktop_app.sync.feed_parse import Page, parse_item_lines

BLOCK_BYTES = 2 * 1024 * 1024


def blocks(lines: Iterable[bytes]) -> Iterator[bytes]:
    chunk: list[bytes] = []
    size = 0
    for line in lines:
        chunk.append(line)
        size += len(line) + 1
        if size >= BLOCK_BYTES:
            yield b"\n".join(chunk)
            chunk, size = [], 0
    if chunk:
        yield b"\n".join(chunk)


def _exit_with_parent() -> None:
    parent = multiprocessing.parent_process()
    if parent is not None:
        parent.join()  # returns when the parent process has ended (its sentinel closes)
        os._exit(1)


def _start_worker(language: str) -> None:
    """Each worker follows its parent out. A worker holds both ends of its call queue's pipe, so when the
    parent is killed (SIGKILL, a task manager's "end task") it waits on that queue for ever: the kill
    trials (benchmarks/kill_trials.py) found a worker and the resource tracker left running after every
    kill during a parallel snapshot."""
    set_language(language)
    threading.Thread(target=_exit_with_parent, name="exit-with-parent", daemon=True).start()


def parsed_pages(lines: Iterable[bytes], total_items: int, workers: int | None = None) -> Iterator[Page]:
    workers = default_workers() if workers is None else workers
    if workers <= 0 or total_items < 20_000:
        for block in blocks(lines):
            yield parse_item_lines(block)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                             initargs=(current_language(),)) as pool:
        pending: deque[Future[Page]] = deque()
        try:
            for block in blocks(lines):
                pending.append(pool.submit(parse_item_lines, block))
                if len(pending) > 2 * workers:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()
