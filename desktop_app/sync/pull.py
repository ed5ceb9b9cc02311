"""Pulling: feed items into the cache, one page per transaction with the cursor that follows it.

Each page goes through the importer's own writer (services/interchange/writer.py): the same checks,
the same upserts and search index, and its rule that a person with local changes not yet synced is
not overwritten — the upstream record is kept beside it (sync_upstream) and settled by the push.
On top, in the same transaction: each person's server version, tombstones, the identifiers of
certificates generated elsewhere, and the cursor. A kill at any moment redoes at most one page.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from desktop_app.services.interchange.parsing import ParsedLine
from desktop_app.services.interchange.writer import BatchWriter, ImportReport
from desktop_app.store import outbox
from desktop_app.store.locking import begin_immediate
from desktop_app.store.models import SyncUpstream
from desktop_app.sync import state
from desktop_app.sync.feed_parse import Meta, Page, parse_items, record_json
from desktop_app.sync.protocol import FeedItem


@dataclass
class PullReport:
    pulled: int = 0  # items applied (new or changed persons, tombstones)
    unchanged: int = 0
    kept_local: list[str] = field(default_factory=list)  # ID numbers held for their local changes
    deleted: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (ID number, reason) the cache refused


class PullWriter(BatchWriter):
    """The importer's writer, plus sync's bookkeeping in each page's transaction."""

    def __init__(self, conn: sqlite3.Connection, operator: str) -> None:
        super().__init__(conn, ImportReport(), Path("sync"), operator, total=1)
        self.page = Page([], [], [])
        self.cursor_values: dict[str, object] = {}
        self.pull = PullReport()

    def begin_state_reset(self, epoch: str) -> None:
        """A new dataset (or a first sync): forget the cursor and any snapshot under way; pull from scratch."""
        begin_immediate(self.conn)
        try:
            state.write(self.cur, epoch=epoch, cursor=None, snapshot_seq=None, snapshot_after=None)
            self.cur.execute("COMMIT")
        except BaseException:
            self.conn.rollback()
            raise

    def write_page(self, items: Sequence[FeedItem], **cursor_values: object) -> None:
        self.write_parsed(parse_items(items), **cursor_values)

    def write_parsed(self, page: Page, **cursor_values: object) -> None:
        """One page in one transaction, with the cursor values that follow it."""
        self.page, self.cursor_values = page, cursor_values
        before = len(self.report.rejected)
        self.write(0, len(page.metas), page.lines, list(page.rejects))
        self.pull.rejected += [(page.metas[i].id_number, reason) for i, reason in self.report.rejected[before:]]

    def apply_in_open_transaction(self, items: Sequence[FeedItem]) -> None:
        """Write items inside a transaction the caller holds (conflict resolution settling a person)."""
        page = parse_items(items)
        self.page, self.cursor_values = page, {}
        self._load_enterprises(page.lines)
        accepted = self._hold_local_changes(self._check_owners(page.lines, []))
        self._upsert(accepted)
        self._also(page.lines, accepted)

    def _also(self, lines: list[ParsedLine], accepted: list[ParsedLine]) -> None:
        cur, metas = self.cur, self.page.metas
        taken = {line.id_number for line in accepted}
        cur.executemany("UPDATE persons SET server_version = ? WHERE id_number = ?",
                        [(metas[line.line_no].version, line.id_number) for line in accepted])
        if self._has_upstream():
            cur.executemany("DELETE FROM sync_upstream WHERE id_number = ?", [(i,) for i in taken])
        for line in accepted:
            self._generated(line, metas[line.line_no])
        for line in lines:
            if line.id_number not in taken:
                self._keep_upstream(metas[line.line_no])
        deleted = [meta for meta in metas if meta.deleted and meta.id_number]
        for meta in deleted:
            self._tombstone(meta)
        self.pull.pulled += len(accepted) + len(deleted)
        state.write(cur, **self.cursor_values)

    def _has_upstream(self) -> bool:
        return self.cur.execute("SELECT 1 FROM sync_upstream LIMIT 1").fetchone() is not None

    def _generated(self, line: ParsedLine, meta: Meta) -> None:
        """E-certificate identifiers and QR texts the record carries (the importer's rows do not)."""
        for index, ecert, qr in meta.generated:
            if index < len(line.certs):
                self.cur.execute("UPDATE certificates SET ecert_id = coalesce(?, ecert_id), qr_text = "
                                 "coalesce(?, qr_text) WHERE new_number = ?", (ecert, qr, line.certs[index][1]))

    def _keep_upstream(self, meta: Meta) -> None:
        self.pull.kept_local.append(meta.id_number)
        self.cur.execute("INSERT INTO sync_upstream (person_id, id_number, record, server_version, deleted) "
                         "SELECT id, id_number, ?, ?, ? FROM persons WHERE id_number = ? "
                         "ON CONFLICT(person_id) DO UPDATE SET record = excluded.record, "
                         "server_version = excluded.server_version, deleted = excluded.deleted",
                         (record_json(meta), meta.version, int(meta.deleted), meta.id_number))

    def _tombstone(self, meta: Meta) -> None:
        row = self.cur.execute("SELECT id FROM persons WHERE id_number = ?", (meta.id_number,)).fetchone()
        if row is None:
            return
        busy = self.cur.execute(f"SELECT 1 FROM ({outbox.UNSYNCED_PERSONS_SQL}) WHERE person_id = ?",
                                (row[0],)).fetchone()
        if busy:
            self._keep_upstream(meta)
            return
        self.cur.execute("DELETE FROM persons WHERE id = ?", (row[0],))
        self.pull.deleted += 1

    def _audit(self, done: int) -> int:
        """One audit entry per sync run (entity `sync`), brought up to date with each page."""
        import datetime as dt
        at = dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S.%f")
        counts = json.dumps({"pulled": self.pull.pulled, "kept_local": len(self.pull.kept_local),
                             "deleted": self.pull.deleted, "rejected": len(self.pull.rejected)})
        if self.audit_id is not None:
            self.cur.execute("UPDATE audit_log SET at = ?, new_value = ? WHERE id = ?", (at, counts, self.audit_id))
            return self.audit_id
        self.cur.execute("INSERT INTO audit_log (at, operator, entity, entity_key, field, old_value, new_value, "
                         "reason, source) VALUES (?, ?, 'sync', 'pull', NULL, NULL, ?, '同步：下载省级数据', 'sync')",
                         (at, self.operator, counts))
        assert self.cur.lastrowid is not None
        return self.cur.lastrowid


def settle_upstream(session: Session, person_id: int | None, at_least_version: int = 0) -> None:
    """Nothing unsynced is left for the person: the province's record held beside it (sync_upstream) replaces
    the local one now, inside the caller's transaction — when one is held that is not older than
    `at_least_version` (a pushed change's version: an older copy would not hold the change yet).

    Conflict resolution and discarding a rejected change call it; so does the push, for a change answered
    `duplicate` (applied before, its answer lost), which no later pull brings back (found by the kill trials).
    """
    if person_id is None or outbox.unsynced_count(session, person_id):
        return
    upstream = session.get(SyncUpstream, person_id)
    if upstream is None or upstream.server_version < at_least_version:
        return
    item = FeedItem(seq=0, version=upstream.server_version, id_number=upstream.id_number, deleted=upstream.deleted,
                    record=json.loads(upstream.record) if upstream.record else None)
    session.delete(upstream)
    session.flush()
    raw = session.connection().connection.driver_connection  # the importer's writer, in this transaction
    PullWriter(raw, operator="sync").apply_in_open_transaction([item])  # type: ignore[arg-type]
