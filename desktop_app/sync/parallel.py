"""Parsing a snapshot in worker processes, in order, with a bounded number of blocks in flight.

The stream is cut into blocks of whole lines (about BLOCK_BYTES each); a block is parsed in a worker
process (services/interchange/workers.py, the import's own pool) while this process downloads,
decompresses and writes. A small snapshot is parsed here instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import closing

from desktop_app.services.interchange import default_workers
from desktop_app.services.interchange.workers import ordered_map
from desktop_app.sync.feed_parse import Page, parse_item_lines, parse_item_lines_packed, unpack_page

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


def parsed_pages(lines: Iterable[bytes], total_items: int, workers: int | None = None) -> Iterator[Page]:
    workers = default_workers() if workers is None else workers
    if workers <= 0 or total_items < 20_000:
        for block in blocks(lines):
            yield parse_item_lines(block)
        return
    packed = ordered_map(parse_item_lines_packed, ((block,) for block in blocks(lines)), workers)
    with closing(packed):  # closing this closes the pool's generator at once (a cancel, an error)
        for data in packed:
            yield unpack_page(data)
