"""Importing a JSONL file of person records into the cache (docs/record-format.md).

Import is a pipeline: the file is cut into blocks of lines, worker processes decode and validate
them (parsing.py, the CPU-heavy part), and this process writes each batch in one transaction with
bulk upserts (upserts.py). A batch is whole lines only, so an interrupted import leaves whole
records. Upserts change a row only when a value differs, so a re-import changes nothing and bumps
no version.

Every value that could make the writer fail is rejected by the parser, per line, before the writer
sees it, so one bad line never costs the good ones. The run's one audit entry is written in the
first batch's transaction and brought up to date in each later one, so it always counts exactly
the data committed with it (`complete` says whether the whole file was read); see writer.py, which
also keeps a concurrent import (a second window, the command line) from being duplicated.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import BinaryIO, NamedTuple

from sqlalchemy import Engine

from desktop_app.errors import KnownError
from desktop_app.messages import msg
from desktop_app.services.interchange.parsing import (
    MAX_LINE_BYTES,
    ParsedBlock,
    parse_block,
    parse_block_packed,
    unpack_block,
)
from desktop_app.services.interchange.upserts import INDEX_NEW_PERSONS, SEARCH_INSERT_TRIGGER
from desktop_app.services.interchange.workers import fewer_collections, ordered_map
from desktop_app.services.interchange.writer import BatchWriter, ImportReport
from desktop_app.store.engine import Cache, as_engine

__all__ = ["BATCH_LINES", "BLOCK_BYTES", "INDEX_NEW_PERSONS", "PARALLEL_MIN_BYTES", "SEARCH_INSERT_TRIGGER", "Block",
           "Cancel", "ImportReport", "Progress", "default_workers", "import_jsonl"]

BLOCK_BYTES = 4 * 1024 * 1024  # one unit of work for a parser process (≈5k lines)
BATCH_LINES = 10_000  # lines per write transaction
PARALLEL_MIN_BYTES = 8 * 1024 * 1024  # below this, starting worker processes costs more than it saves
INDEX_SHARE = 0.15  # of a first load's progress bar: its index build at the end (about that share of its time)

Progress = Callable[[int, int], None]  # (bytes done, bytes total)
Cancel = Callable[[], bool]


# --- reading (the parsing runs in worker processes) ------------------------------------------


class Block(NamedTuple):
    """Whole lines for a parser: the arguments of parsing.parse_block."""

    first_line: int
    data: bytes  # the lines without the final newline
    too_long: tuple[int, ...] = ()  # lines cut off unread (an empty line in `data` stands for each)
    skipped: int = 0  # bytes of those lines


def _read_blocks(stream: BinaryIO) -> Iterator[Block]:
    """The file in blocks of whole lines; a line over MAX_LINE_BYTES is skipped, never held in memory."""
    line_no = 1
    rest = b""
    skipping = 0  # > 0 while inside an overlong line: the bytes dropped so far
    while True:
        data = stream.read(BLOCK_BYTES)
        if not data:
            break
        too_long: tuple[int, ...] = ()
        if skipping:
            end = data.find(b"\n")
            if end < 0:
                skipping += len(data)
                continue
            too_long, skipped, skipping = (line_no,), skipping + end, 0
            data = data[end:]  # the overlong line is now an empty line
        else:
            skipped = 0
        data = rest + data
        cut = data.rfind(b"\n")
        if cut < 0:
            rest = data
            if len(rest) > MAX_LINE_BYTES:
                skipping, rest = len(rest), b""
            continue
        block, rest = data[:cut], data[cut + 1:]
        yield Block(line_no, block, too_long, skipped)
        line_no += block.count(b"\n") + 1
    if skipping:
        yield Block(line_no, b"", (line_no,), skipping - 1)  # parse_block counts one byte for a newline
    elif rest:
        yield Block(line_no, rest)


def _parsed_serial(blocks: Iterator[Block]) -> Iterator[ParsedBlock]:
    for block in blocks:
        yield parse_block(*block)


def _parsed_parallel(blocks: Iterator[Block], workers: int) -> Iterator[ParsedBlock]:
    """Parse in worker processes (workers.py), in order, with a bounded number of blocks in flight."""
    packed = ordered_map(parse_block_packed, blocks, workers)
    with closing(packed):  # closing this closes the pool's generator at once (a cancel, an error)
        for data in packed:
            yield unpack_block(data)


def _batches(parsed: Iterator[ParsedBlock]) -> Iterator[ParsedBlock]:
    """Join parsed blocks into write batches of about BATCH_LINES lines."""
    size, count, lines, rejects = 0, 0, [], []
    for block_size, block_count, block_lines, block_rejects in parsed:
        size += block_size
        count += block_count
        lines.extend(block_lines)
        rejects.extend(block_rejects)
        if len(lines) + len(rejects) >= BATCH_LINES:
            yield size, count, lines, rejects
            size, count, lines, rejects = 0, 0, [], []
    if size:
        yield size, count, lines, rejects


def _open_input(path: Path) -> tuple[BinaryIO, int]:
    try:
        stream = path.open("rb")
        return stream, os.fstat(stream.fileno()).st_size
    except IsADirectoryError:
        raise KnownError(msg("interchange.input_is_a_folder", path=path)) from None
    except OSError as exc:
        raise KnownError(msg("interchange.cannot_read", path=path, detail=exc.strerror or str(exc))) from exc


def default_workers() -> int:
    """Parser processes: one per core, at most 3. Parsing is the slower stage of a first load (its writer
    builds the indexes at the end, bulk_load.py), and the writer waits for it: on 2 cores, 2 parsers and
    the writer share them (200,000 persons: 24.0 s with one parser, 19.6 s with two). Later loads, whose
    writer is the slower stage, keep at most two blocks per parser in flight, so parsers wait instead."""
    return max(1, min(3, os.cpu_count() or 1))


def _bar_total(writer: BatchWriter) -> int:
    """The progress bar's end: a first load's index build at the end takes a share of it."""
    return writer.total + int(writer.total * INDEX_SHARE) if writer.deferred else writer.total


def _run(batches: Iterator[ParsedBlock], writer: BatchWriter, progress: Progress | None, cancel: Cancel | None) -> None:
    for batch in batches:
        writer.write(*batch)
        if progress:
            progress(writer.done, _bar_total(writer))
        if cancel and cancel():
            writer.report.cancelled = True
            return


def import_jsonl(target: Cache | Engine, path: Path, progress: Progress | None = None,
                 cancel: Cancel | None = None, workers: int | None = None, operator: str = "") -> ImportReport:
    """Validate and upsert every line of a JSONL file; bad lines are reported, good ones kept.

    `operator` is who imports, for the run's audit entry (the workspace context's actor).
    """
    path = Path(path)
    stream, total = _open_input(path)
    report = ImportReport()
    raw = as_engine(target).raw_connection()
    try:
        conn: sqlite3.Connection = raw.driver_connection  # type: ignore[assignment]
        conn.execute("PRAGMA cache_size=-262144")  # 256 MB: index pages of a province stay in memory
        conn.execute("PRAGMA temp_store=MEMORY")  # the sorts of each batch
        writer = BatchWriter(conn, report, path, operator, total)
        workers = default_workers() if workers is None else workers
        blocks = _read_blocks(stream)
        parallel = workers > 0 and total >= PARALLEL_MIN_BYTES
        parsed = _parsed_parallel(blocks, workers) if parallel else _parsed_serial(blocks)
        try:
            with closing(parsed), closing(_batches(parsed)) as batches, fewer_collections():
                _run(batches, writer, progress, cancel)
            writer.finish()
        finally:
            conn.execute("PRAGMA temp_store=DEFAULT")  # the index builds' sorts may spill to disk
            bar = _bar_total(writer)
            if writer.finish_deferred() and progress and not report.cancelled:
                progress(bar, bar)
    finally:
        raw.driver_connection.execute("PRAGMA cache_size=-2000")  # type: ignore[union-attr]
        raw.close()
        stream.close()
    report.rejected.sort()
    return report
