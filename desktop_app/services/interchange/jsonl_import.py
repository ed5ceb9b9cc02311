"""Importing a JSONL file of person records into the cache (docs/record-format.md).

Import is a pipeline: the file is cut into blocks of lines, worker processes decode and validate
them (parsing.py, the CPU-heavy part), and this process writes each batch in one transaction with
bulk upserts (upserts.py). A batch is whole lines only, so an interrupted import leaves whole
records. Upserts change a row only when a value differs, so a re-import changes nothing and bumps
no version.
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
import sqlite3
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import closing
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import Engine

from desktop_app.errors import KnownError
from desktop_app.messages import current_language, msg, set_language
from desktop_app.services.changes import OpChanges
from desktop_app.services.interchange.parsing import EmployerRow, ParsedBlock, ParsedLine, Rejects, parse_block
from desktop_app.services.interchange.upserts import (
    BUMP_PERSON,
    INDEX_NEW_PERSONS,
    SEARCH_INSERT_TRIGGER,
    UPSERT_CERT,
    UPSERT_PERSON,
    UPSERT_PHOTO,
)
from desktop_app.store import outbox
from desktop_app.store.engine import Cache, as_engine
from desktop_app.store.locking import begin_immediate

BLOCK_BYTES = 4 * 1024 * 1024  # one unit of work for a parser process (≈5k lines)
BATCH_LINES = 10_000  # lines per write transaction
PARALLEL_MIN_BYTES = 8 * 1024 * 1024  # below this, starting worker processes costs more than it saves
IN_CHUNK = 500  # parameters per "IN (…)" query, well below SQLite's limit

Progress = Callable[[int, int], None]  # (bytes done, bytes total)
Cancel = Callable[[], bool]


@dataclass
class ImportReport:
    lines: int = 0
    persons_inserted: int = 0
    persons_updated: int = 0
    persons_unchanged: int = 0
    certificates_inserted: int = 0
    certificates_updated: int = 0
    certificates_unchanged: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)
    # Lines not applied because the person has local changes waiting to sync: the local record is
    # kept (never silently overwritten); sync settles it.
    kept_local: list[tuple[int, str]] = field(default_factory=list)
    cancelled: bool = False

    @property
    def persons(self) -> int:
        return self.persons_inserted + self.persons_updated + self.persons_unchanged

    @property
    def certificates(self) -> int:
        return self.certificates_inserted + self.certificates_updated + self.certificates_unchanged

    @property
    def op_changes(self) -> OpChanges:
        """An import may change any record: the views refresh everything they show."""
        written = self.persons_inserted + self.persons_updated + self.certificates_inserted + self.certificates_updated
        return OpChanges.bulk() if written else OpChanges()

    def counts(self) -> dict[str, int]:
        data = asdict(self)
        data["rejected"] = len(self.rejected)
        data["kept_local"] = len(self.kept_local)
        data["cancelled"] = int(self.cancelled)
        return data


# --- reading (the parsing runs in worker processes) ------------------------------------------


def _read_blocks(stream: BinaryIO) -> Iterator[tuple[int, bytes]]:
    """(first line number, bytes of whole lines without the final newline)."""
    line_no = 1
    rest = b""
    while True:
        data = stream.read(BLOCK_BYTES)
        if not data:
            break
        data = rest + data
        cut = data.rfind(b"\n")
        if cut < 0:
            rest = data
            continue
        block, rest = data[:cut], data[cut + 1:]
        yield line_no, block
        line_no += block.count(b"\n") + 1
    if rest:
        yield line_no, rest


def _parsed_serial(blocks: Iterator[tuple[int, bytes]]) -> Iterator[ParsedBlock]:
    for first, block in blocks:
        yield parse_block(first, block)


def _parsed_parallel(blocks: Iterator[tuple[int, bytes]], workers: int) -> Iterator[ParsedBlock]:
    """Parse in worker processes, in order, with a bounded number of blocks in flight."""
    # spawn, not fork: the GUI process has threads, and fork would copy their locks
    context = multiprocessing.get_context("spawn")
    # the workers render rejection reasons: in this process's language
    with ProcessPoolExecutor(workers, mp_context=context, initializer=set_language,
                             initargs=(current_language(),)) as pool:
        pending: deque[Future[ParsedBlock]] = deque()
        try:
            for first, block in blocks:
                pending.append(pool.submit(parse_block, first, block))
                if len(pending) > 2 * workers:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()


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


# --- writing (this process) -------------------------------------------------------------------


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), IN_CHUNK):
        yield items[start:start + IN_CHUNK]


def _lookup(cur: sqlite3.Cursor, sql: str, keys: Sequence[str]) -> dict[str, Any]:
    """Run `sql` (with one `IN ({})`) over the keys in chunks; first column → second."""
    found: dict[str, Any] = {}
    for chunk in _chunks(keys):
        found.update(cur.execute(sql.format(", ".join("?" * len(chunk))), chunk).fetchall())
    return found


class _Writer:
    """Writes batches of parsed lines into the cache, one transaction per batch."""

    def __init__(self, conn: sqlite3.Connection, report: ImportReport) -> None:
        self.conn = conn
        self.cur = conn.cursor()
        self.report = report
        self.by_uscc: dict[str, tuple[int, str]] = {}
        self.by_name: dict[str, int] = {}  # enterprises without a USCC
        for ent_id, uscc, name in self.cur.execute("SELECT id, uscc, name FROM enterprises"):
            if uscc:
                self.by_uscc[uscc] = (ent_id, name)
            else:
                self.by_name.setdefault(name, ent_id)

    def write(self, lines: list[ParsedLine], rejects: Rejects) -> None:
        begin_immediate(self.conn)  # waits its turn behind another writer
        try:
            accepted = self._hold_local_changes(self._check_owners(lines, rejects))
            self._upsert(accepted)
            self.cur.execute("COMMIT")
        except BaseException:
            self.conn.rollback()
            raise

    def _check_owners(self, lines: list[ParsedLine], rejects: Rejects) -> list[ParsedLine]:
        """Drop (and report) lines naming a certificate that belongs to someone else."""
        numbers = [c[1] for line in lines for c in line.certs]
        owners: dict[str, str] = _lookup(
            self.cur, "SELECT c.new_number, p.id_number FROM certificates c JOIN persons p ON p.id = c.person_id "
                      "WHERE c.new_number IN ({})", numbers)
        accepted: list[ParsedLine] = []
        for line in lines:
            clash = next(((c[0], owners[c[1]]) for c in line.certs
                          if owners.get(c[1], line.id_number) != line.id_number), None)
            if clash:
                rejects.append((line.line_no, str(msg("interchange.certificate_of_another", number=clash[0],
                                                        id_number=clash[1]))))
                continue
            owners.update((c[1], line.id_number) for c in line.certs)
            accepted.append(line)
        rejects.sort()
        self.report.rejected.extend(rejects)
        return accepted

    def _hold_local_changes(self, lines: list[ParsedLine]) -> list[ParsedLine]:
        """Set aside (and report) lines whose person has local changes not yet synced."""
        pending = set(_lookup(
            self.cur, f"SELECT p.id_number, 1 FROM persons p WHERE p.id IN ({outbox.UNSYNCED_PERSONS_SQL}) "
                      "AND p.id_number IN ({})", [line.id_number for line in lines]))
        if not pending:
            return lines
        held = [line for line in lines if line.id_number in pending]
        self.report.kept_local.extend((line.line_no, line.id_number) for line in held)
        return [line for line in lines if line.id_number not in pending]

    def _enterprise_id(self, employer: EmployerRow | None) -> int | None:
        if employer is None:
            return None
        name, uscc = employer
        if uscc is None:
            if name not in self.by_name:
                self.by_name[name] = self._insert_enterprise(name, None)
            return self.by_name[name]
        known = self.by_uscc.get(uscc)
        if known is None:
            known = self.by_uscc[uscc] = (self._insert_enterprise(name, uscc), name)
        elif known[1] != name:  # renamed: the latest record wins
            self.cur.execute("UPDATE enterprises SET name=? WHERE id=?", (name, known[0]))
            self.by_uscc[uscc] = (known[0], name)
        return known[0]

    def _insert_enterprise(self, name: str, uscc: str | None) -> int:
        self.cur.execute("INSERT INTO enterprises (uscc, name) VALUES (?, ?)", (uscc, name))
        assert self.cur.lastrowid is not None
        return self.cur.lastrowid

    def _suspend_search_trigger(self) -> str | None:
        """Drop the search index's insert trigger (inside the batch transaction); its SQL to restore it."""
        row = self.cur.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                               (SEARCH_INSERT_TRIGGER,)).fetchone()
        if row is None:
            return None
        self.cur.execute(f"DROP TRIGGER {SEARCH_INSERT_TRIGGER}")
        return str(row[0])

    def _max_id(self, table: str) -> int:
        return int(self.cur.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0])

    def _upsert(self, lines: list[ParsedLine]) -> None:
        stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S.%f")  # SQLAlchemy's DateTime text form
        with_photo = [line for line in lines if line.photo]
        old_photos = _lookup(self.cur, "SELECT p.id_number, ph.sha256 FROM photos ph JOIN persons p "
                                       "ON p.id = ph.person_id WHERE p.id_number IN ({})",
                             [line.id_number for line in with_photo])
        new_photos = [line for line in with_photo
                      if line.photo and old_photos.get(line.id_number) != line.photo[2]]

        rows = [(*line.person, self._enterprise_id(line.employer), stamp) for line in lines]
        persons_before = self._max_id("persons")
        trigger = self._suspend_search_trigger()
        self.cur.executemany(UPSERT_PERSON, rows)
        person_changes = self.cur.rowcount
        if trigger:
            self.cur.execute(INDEX_NEW_PERSONS, (persons_before,))
            self.cur.execute(trigger)
        inserted = self._max_id("persons") - persons_before
        photo_only = 0
        for line in new_photos:
            assert line.photo is not None
            self.cur.execute(UPSERT_PHOTO, (line.id_number, *line.photo))
            photo_only += self.cur.execute(BUMP_PERSON, (stamp, line.id_number, stamp)).rowcount
        updated = person_changes - inserted + photo_only
        self.report.persons_inserted += inserted
        self.report.persons_updated += updated
        self.report.persons_unchanged += len(lines) - inserted - updated

        certs = [(line.id_number, *cert) for line in lines for cert in line.certs]
        certs_before = self._max_id("certificates")
        self.cur.executemany(UPSERT_CERT, certs)
        cert_changes = self.cur.rowcount
        inserted = self._max_id("certificates") - certs_before
        self.report.certificates_inserted += inserted
        self.report.certificates_updated += cert_changes - inserted
        self.report.certificates_unchanged += len(certs) - cert_changes

    def audit(self, path: Path, operator: str) -> None:
        """One audit entry for the whole run, with its counts."""
        begin_immediate(self.conn)  # waits its turn behind another writer
        self.cur.execute(
            "INSERT INTO audit_log (at, operator, entity, entity_key, field, old_value, new_value, reason, source) "
            "VALUES (?, ?, 'import', ?, NULL, NULL, ?, ?, 'import')",
            (dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S.%f"), operator, path.name[:100],
             json.dumps(self.report.counts(), ensure_ascii=False), f"导入 {path}"))
        self.cur.execute("COMMIT")


def _open_input(path: Path) -> tuple[BinaryIO, int]:
    try:
        stream = path.open("rb")
        return stream, os.fstat(stream.fileno()).st_size
    except IsADirectoryError:
        raise KnownError(msg("interchange.input_is_a_folder", path=path)) from None
    except OSError as exc:
        raise KnownError(msg("interchange.cannot_read", path=path, detail=exc.strerror or str(exc))) from exc


def default_workers() -> int:
    """Parser processes: the writer (this process) needs a core of its own; it is the slower stage."""
    return max(1, min(3, (os.cpu_count() or 1) - 1))


def _run(batches: Iterator[ParsedBlock], writer: _Writer, total: int, progress: Progress | None,
         cancel: Cancel | None) -> None:
    done = 0
    for size, count, lines, rejects in batches:
        writer.write(lines, rejects)
        writer.report.lines += count
        done = min(total, done + size)
        if progress:
            progress(done, total)
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
        writer = _Writer(conn, report)
        workers = default_workers() if workers is None else workers
        blocks = _read_blocks(stream)
        parallel = workers > 0 and total >= PARALLEL_MIN_BYTES
        parsed = _parsed_parallel(blocks, workers) if parallel else _parsed_serial(blocks)
        with closing(parsed), closing(_batches(parsed)) as batches:
            _run(batches, writer, total, progress, cancel)
        writer.audit(path, operator)
    finally:
        raw.driver_connection.execute("PRAGMA cache_size=-2000")  # type: ignore[union-attr]
        raw.close()
        stream.close()
    report.rejected.sort()
    return report
