"""One sync: handshake, pull (the snapshot first time, the feed after), push the outbox, pull what the
push caused, verify. No Qt; called through the sync service (services/api/sync.py).

Every step commits as it goes, so cancel (checked between pages and batches) or a kill leaves a
consistent cache: pulled pages with their cursor, pushed entries with their answers.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from desktop_app.errors import KnownError
from desktop_app.messages import msg
from desktop_app.services.interchange.workers import fewer_collections
from desktop_app.store.engine import Cache, raw_connection
from desktop_app.store.locking import begin_immediate, write_session
from desktop_app.store.models import OutboxEntry
from desktop_app.sync import send, state, verify
from desktop_app.sync.client import PullAgain, Refused, SyncClient, SyncError, clock_skew
from desktop_app.sync.feed_parse import Page, joined
from desktop_app.sync.parallel import parsed_pages
from desktop_app.sync.protocol import MAX_CLOCK_SKEW_S, PROTOCOL_MAX, PROTOCOL_MIN, FeedItem, Handshake
from desktop_app.sync.pull import PullWriter

FEED_PAGE = 1000
SNAPSHOT_PAGE = 5000  # persons per write transaction of a first pull
PUSH_BATCH = 200
Progress = Callable[[str, int, int], None]  # (phase, done, total)


class Cancelled(KnownError):
    pass


@dataclass
class SyncReport:
    pulled: int = 0
    pushed: int = 0
    applied: int = 0
    duplicates: int = 0
    conflicts: int = 0
    rejected: int = 0
    waiting: int = 0
    held: int = 0
    kept_local: int = 0
    pull_rejected: list[tuple[str, str]] = field(default_factory=list)
    verified: bool = False
    mismatched: list[tuple[str, str]] = field(default_factory=list)
    message: str | None = None  # the server's notice
    full_pull: bool = False

    def as_json(self) -> dict[str, object]:
        return {"pulled": self.pulled, "pushed": self.pushed, "applied": self.applied,
                "duplicates": self.duplicates, "conflicts": self.conflicts, "rejected": self.rejected,
                "verified": self.verified}


class SyncEngine:
    def __init__(self, cache: Cache, client: SyncClient, operator: str, progress: Progress | None = None,
                 cancel: Callable[[], bool] | None = None) -> None:
        self.cache, self.client, self.operator = cache, client, operator
        self.progress = progress or (lambda _phase, _done, _total: None)
        self.cancel = cancel or (lambda: False)
        self.report = SyncReport()

    # --- the steps ----------------------------------------------------------------------------

    def run(self) -> SyncReport:
        hello = self.handshake()
        self.report.message = hello.message
        with fewer_collections():  # a pull and a verify go through every person of the province
            self.pull(hello)
            self.push()
            self.pull(self.client.handshake())
            self.verify()
        self._remember()
        return self.report

    def handshake(self) -> Handshake:
        hello = self.client.handshake()
        if not hello.protocol_min <= PROTOCOL_MAX and hello.protocol_max >= PROTOCOL_MIN:
            raise KnownError(msg("sync.protocol_range", low=hello.protocol_min, high=hello.protocol_max,
                                 ours=PROTOCOL_MAX))
        now = dt.datetime.now(dt.UTC)
        skew = clock_skew(hello.server_time, now)
        if abs(skew) > MAX_CLOCK_SKEW_S:
            raise KnownError(msg("sync.clock_skew", ours=now.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
                                 theirs=hello.server_time.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
                                 seconds=int(abs(skew))))
        return hello

    def pull(self, hello: Handshake) -> None:
        with raw_connection(self.cache) as conn:
            writer = PullWriter(conn, self.operator)
            current = state.status(conn)
            if current.epoch != hello.epoch:
                self.report.full_pull = current.epoch is not None
                writer.begin_state_reset(hello.epoch)
                current = state.status(conn)
            try:
                if current.cursor is None:
                    self._snapshot(writer)
                self._feed(writer, state.status(conn).cursor or 0, hello)
            except PullAgain:
                writer.begin_state_reset(hello.epoch)
                self.report.full_pull = True
                self._snapshot(writer)
                self._feed(writer, state.status(conn).cursor or 0, hello)
            finally:
                writer.finish_deferred()  # a first sync builds the indexes once, after the data
                self.report.pulled += writer.pull.pulled
                self.report.kept_local += len(writer.pull.kept_local)
                self.report.pull_rejected += writer.pull.rejected

    def _check_cancel(self) -> None:
        if self.cancel():
            raise Cancelled(msg("sync.cancelled"))

    def _snapshot(self, writer: PullWriter) -> None:
        """The whole province, committed in batches (each with how far it got), then the cursor."""
        with raw_connection(self.cache) as conn:
            resume = state.status(conn)
        upto, after = (resume.snapshot_seq, resume.snapshot_after or "") if resume.snapshot_seq else (None, "")
        with self.client.snapshot(upto, after, resume.epoch) as (header, lines):
            batch: list[Page] = []
            done = pending = 0
            for page in parsed_pages(lines, header.count):
                batch.append(page)
                pending += len(page.metas)
                if pending >= SNAPSHOT_PAGE:
                    writer.write_parsed(joined(batch), snapshot_seq=header.seq,
                                        snapshot_after=batch[-1].metas[-1].id_number)
                    done, batch, pending = done + pending, [], 0
                    self.progress("snapshot", done, header.count)
                    self._check_cancel()
            writer.write_parsed(joined(batch), cursor=header.seq, snapshot_seq=None, snapshot_after=None)
            self.progress("snapshot", done + pending, header.count)

    def _feed(self, writer: PullWriter, since: int, hello: Handshake) -> None:
        total = max(0, hello.high_water - since)
        start = since
        while True:
            page = self.client.changes(since, FEED_PAGE, hello.epoch)
            if page.items:
                writer.write_page(page.items, cursor=page.next_since)
            since = page.next_since
            self.progress("feed", min(total, since - start), total)
            if not page.has_more:
                return
            self._check_cancel()

    def push(self) -> None:
        report = send.PushReport()
        while True:
            self._check_cancel()
            now = dt.datetime.now().replace(microsecond=0)
            with write_session(self.cache) as session, session.begin():
                due, report.held = send.due_entries(session, now)
                batch, changes = self._prepare(session, due, now)
            if not batch:
                break
            try:
                answer = self.client.push(changes)
            except Refused as exc:
                self._settle(batch, functools.partial(send.back_to_pending, reason=str(exc)))
                raise
            except SyncError as exc:
                self._settle(batch, functools.partial(send.retry_later, reason=str(exc), report=report, now=now))
                break
            self._record(batch, changes, answer.results, report)
            self.progress("push", report.pushed, report.pushed + len(due) - len(batch))
        for name in ("pushed", "applied", "duplicates", "conflicts", "rejected", "waiting", "held"):
            setattr(self.report, name, getattr(self.report, name) + getattr(report, name))

    def _prepare(self, session: Session, due: list[OutboxEntry], now: dt.datetime) -> tuple[list[int], list]:
        batch, changes = [], []
        for entry in due:
            change = send.to_change(session, entry)
            if change is None:
                send.settle_locally(entry, now)
                continue
            batch.append(entry.id)
            changes.append(change)
            if len(batch) >= PUSH_BATCH:
                break
        send.mark_sending(session, [e for e in due if e.id in set(batch)])
        return batch, changes

    def _settle(self, ids: list[int], how: Callable[[list[OutboxEntry]], None]) -> None:
        with write_session(self.cache) as session, session.begin():
            how([entry for i in ids if (entry := session.get(OutboxEntry, i)) is not None])

    def _record(self, ids: list[int], changes: list, results: list, report: send.PushReport) -> None:
        if len(results) != len(ids):
            raise KnownError(msg("sync.bad_reply_shape", what="PushResponse"))
        now = dt.datetime.now().replace(microsecond=0)
        with write_session(self.cache) as session, session.begin():
            for entry_id, change, result in zip(ids, changes, results, strict=True):
                entry = session.get(OutboxEntry, entry_id)
                assert entry is not None
                send.apply_result(session, entry, change, result, report, now)

    @staticmethod
    def _local_mark(conn: sqlite3.Connection) -> list[int]:
        """What the cache is now: its cursor and its newest audit and outbox entries (any local write moves one)."""
        row = conn.execute("SELECT (SELECT coalesce(max(id), 0) FROM audit_log), "
                           "(SELECT coalesce(max(id), 0) FROM outbox), (SELECT count(*) FROM sync_upstream)").fetchone()
        return [state.status(conn).cursor or 0, *map(int, row)]

    def _verified_already(self) -> bool:
        """Nothing moved on either side since the last verify that passed: it holds (a no-op sync stays quick)."""
        with raw_connection(self.cache) as conn:
            last = state.read_all(conn).get(state.VERIFIED_AT)
            mark = self._local_mark(conn)
        return last is not None and json.loads(last) == mark and self.client.handshake().high_water == mark[0]

    def _remember_verified(self, conn: sqlite3.Connection) -> None:
        mark = self._local_mark(conn)
        begin_immediate(conn)
        state.write(conn.cursor(), verified_at=mark)
        conn.execute("COMMIT")

    def verify(self) -> None:
        if self._verified_already():
            self.report.verified = True
            return
        for _attempt in range(3):
            report = self.client.verify()
            with raw_connection(self.cache) as conn:
                behind = report.seq > (state.status(conn).cursor or 0)
            if behind:  # the server moved on meanwhile: catch up first
                self.pull(self.client.handshake())
                continue
            with raw_connection(self.cache) as conn:
                server = {(g.unit, g.kind): (g.count, g.checksum) for g in report.groups}
                differing = verify.differences(server, verify.local_groups(conn))
                if differing:
                    self._repull(conn, differing)
                    again = verify.local_groups(conn, differing)
                    differing = {key for key in differing if server.get(key, (0, 0)) != again.get(key, (0, 0))}
                self.report.mismatched = sorted(differing)
                self.report.verified = not differing
                if self.report.verified:
                    self._remember_verified(conn)
            return

    def _repull(self, conn: sqlite3.Connection, groups: set[tuple[str, str]]) -> None:
        writer = PullWriter(conn, self.operator)
        try:
            self._repull_groups(conn, writer, groups)
        finally:
            writer.finish_deferred()  # a cache that was empty until now: its first load

    def _repull_groups(self, conn: sqlite3.Connection, writer: PullWriter, groups: set[tuple[str, str]]) -> None:
        for unit, kind in sorted(groups):
            server_ids: set[str] = set()
            after = ""
            while True:
                page = self.client.group(unit, kind, after)
                server_ids.update(item.id_number for item in page.items)
                if page.items:
                    writer.write_page(page.items)
                if not page.has_more or page.next_after is None:
                    break
                after = page.next_after
            extra = verify.persons_of_group(conn, unit, kind) - server_ids
            if extra:
                writer.write_page([FeedItem(seq=0, version=0, id_number=i, deleted=True) for i in sorted(extra)])

    def _remember(self) -> None:
        summary = {"at": dt.datetime.now().isoformat(timespec="seconds"), **self.report.as_json(),
                   "server": self.client.base_url}
        with raw_connection(self.cache) as conn:
            begin_immediate(conn)
            state.write(conn.cursor(), last_sync=summary)
            conn.execute("COMMIT")
