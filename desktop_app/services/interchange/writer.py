"""The import's writer: each batch of parsed lines in one transaction, with the run's audit entry.

Runs in the importing process (jsonl_import.py feeds it). It writes with the bulk upserts of
upserts.py and never fails on a value the parser passed: the parser refuses everything SQLite cannot
store. The audit entry is inserted by the first batch's transaction and brought up to date in every
later one, so it always counts exactly the data committed with it. Each batch holds the write lock
from its BEGIN and re-reads its enterprises inside it, so a concurrent import's are seen, not
duplicated.

A load into a cache without persons builds its secondary indexes and search terms once, after the
data (store/bulk_load.py): the first batch sets them aside, and `finish_deferred` builds them when
the load ends, however it ends.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.messages import msg
from desktop_app.services.changes import OpChanges
from desktop_app.services.interchange.parsing import EmployerRow, ParsedLine, Rejects
from desktop_app.services.interchange.upserts import (
    BUMP_PERSON,
    INDEX_NEW_PERSONS,
    SEARCH_INSERT_TRIGGER,
    UPSERT_CERT,
    UPSERT_PERSON,
    UPSERT_PHOTO,
)
from desktop_app.store import bulk_load, outbox
from desktop_app.store.locking import begin_immediate

IN_CHUNK = 500  # parameters per "IN (…)" query, well below SQLite's limit


@dataclass
class ImportReport:
    """What an import did, line by line where a line was not applied; its counts go to the audit entry."""

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


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), IN_CHUNK):
        yield items[start:start + IN_CHUNK]


def _lookup(cur: sqlite3.Cursor, sql: str, keys: Sequence[str]) -> dict[str, Any]:
    """Run `sql` (with one `IN ({})`) over the keys in chunks; first column → second."""
    found: dict[str, Any] = {}
    for chunk in _chunks(keys):
        found.update(cur.execute(sql.format(", ".join("?" * len(chunk))), chunk).fetchall())
    return found


def _printable(text: str) -> str:
    """A path as text SQLite can store (an undecodable file name carries surrogate escapes)."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


class BatchWriter:
    """Writes batches of parsed lines into the cache, one transaction per batch, the audit entry in each."""

    def __init__(self, conn: sqlite3.Connection, report: ImportReport, path: Path, operator: str,
                 total: int) -> None:
        self.conn = conn
        self.cur = conn.cursor()
        self.report = report
        self.path, self.operator, self.total = path, operator, total
        self.done = 0  # bytes of the file in committed batches
        self.audit_id: int | None = None  # the run's audit entry, once committed
        self.by_uscc: dict[str, tuple[int, str]] = {}  # the batch's enterprises: uscc → (id, name)
        self.by_name: dict[str, int] = {}  # the batch's enterprises without a USCC
        self.deferred = False  # this load builds the indexes at its end (bulk_load.py)
        self._first = True
        self._cache_before: int | None = None  # the page cache before a first load shrank it

    def write(self, size: int, count: int, lines: list[ParsedLine], rejects: Rejects) -> None:
        """One batch (`size` bytes, `count` lines of the file) in one transaction, with the audit entry."""
        begin_immediate(self.conn)  # waits its turn behind another writer
        try:
            self._defer_indexes(lines)
            self._load_enterprises(lines)
            accepted = self._hold_local_changes(self._check_owners(lines, rejects))
            self._upsert(accepted)
            self._also(lines, accepted)
            self.report.lines += count
            done = min(self.total, self.done + size)
            audit_id = self._audit(done)
            self.cur.execute("COMMIT")
        except BaseException:
            self.conn.rollback()
            raise
        self.done, self.audit_id = done, audit_id

    def _defer_indexes(self, lines: list[ParsedLine]) -> None:
        """In the first batch of a first load, set the indexes aside; in every batch of such a load, beat."""
        if self._first and lines:  # an empty batch (an empty snapshot) leaves the decision to the next
            self._first = False
            if bulk_load.should_defer(self.cur):
                bulk_load.defer(self.cur)
                self.deferred = True
                self._cache_before = bulk_load.set_cache(self.conn, bulk_load.CACHE_KIB)  # no big index to keep
            else:  # a killed load's indexes are still to be built: this load builds them at its end
                self.deferred = bulk_load.pending(self.cur)
        if self.deferred:
            bulk_load.beat(self.cur)

    def finish_deferred(self) -> bool:
        """Build the indexes a first load set aside (its own transaction); whether there was anything to build."""
        if not self.deferred:
            return False
        bulk_load.finish_now(self.conn)
        self.deferred = False
        if self._cache_before is not None:
            self.conn.execute(f"PRAGMA cache_size={self._cache_before}")
        return True

    def _also(self, lines: list[ParsedLine], accepted: list[ParsedLine]) -> None:
        """More writes in the batch's transaction (sync's pull: versions, tombstones, its cursor)."""

    def _load_enterprises(self, lines: list[ParsedLine]) -> None:
        """The batch's enterprises as committed now: another writer may have added some since the last batch.

        Read inside the transaction, which holds the write lock, so nobody adds one until it commits.
        """
        employers = [line.employer for line in lines if line.employer]
        usccs = sorted({uscc for _name, uscc in employers if uscc})
        names = sorted({name for name, uscc in employers if not uscc})
        self.by_uscc = {}
        for chunk in _chunks(usccs):
            self.by_uscc.update((uscc, (ent_id, name)) for ent_id, uscc, name in self.cur.execute(
                f"SELECT id, uscc, name FROM enterprises WHERE uscc IN ({', '.join('?' * len(chunk))})", chunk))
        self.by_name = _lookup(self.cur, "SELECT name, min(id) FROM enterprises WHERE (uscc IS NULL OR uscc = '') "
                                         "AND name IN ({}) GROUP BY name", names)

    def _check_owners(self, lines: list[ParsedLine], rejects: Rejects) -> list[ParsedLine]:
        """Drop (and report) lines naming a certificate that belongs to someone else."""
        numbers = [c[1] for line in lines for c in line.certs]
        owners: dict[str, str] = _lookup(
            self.cur, "SELECT c.new_number, p.id_number FROM certificates c JOIN persons p ON p.id = c.person_id "
                      "WHERE c.new_number IN ({})", numbers)
        accepted: list[ParsedLine] = []
        for line in lines:  # plain loops: this runs for every line of a province's load
            own = line.id_number
            for cert in line.certs:
                owner = owners.get(cert[1], own)
                if owner != own:
                    rejects.append((line.line_no, str(msg("interchange.certificate_of_another", number=cert[0],
                                                            id_number=owner))))
                    break
            else:
                for cert in line.certs:
                    owners[cert[1]] = own
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

    def _audit(self, done: int) -> int:
        """Insert or bring up to date the run's audit entry (inside the open transaction); its id."""
        at = dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S.%f")
        counts = json.dumps({**self.report.counts(), "complete": int(done >= self.total)}, ensure_ascii=False)
        if self.audit_id is not None:
            self.cur.execute("UPDATE audit_log SET at = ?, new_value = ? WHERE id = ?", (at, counts, self.audit_id))
            return self.audit_id
        self.cur.execute(
            "INSERT INTO audit_log (at, operator, entity, entity_key, field, old_value, new_value, reason, source) "
            "VALUES (?, ?, 'import', ?, NULL, NULL, ?, ?, 'import')",
            (at, _printable(self.operator), _printable(self.path.name)[:100], counts,
             _printable(f"导入 {self.path}")))
        assert self.cur.lastrowid is not None
        return self.cur.lastrowid

    def finish(self) -> None:
        """The entry of a run that wrote no batch (an empty file), or the cancel mark; no data changes here."""
        if self.audit_id is not None and not self.report.cancelled:
            return
        begin_immediate(self.conn)
        try:
            self.audit_id = self._audit(self.done)
            self.cur.execute("COMMIT")
        except BaseException:
            self.conn.rollback()
            raise
