"""Sync with the provincial server, as the window and the command line use it (services/sync_inbox.py,
desktop_app/sync/). The server's address is a setting; the bureau token lives in secrets.py."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app import secrets
from desktop_app.errors import KnownError
from desktop_app.messages import msg
from desktop_app.services import sync_inbox
from desktop_app.services.changes import OpChanges
from desktop_app.services.sync_inbox import ConflictRow, OutboxRow
from desktop_app.store.engine import raw_connection
from desktop_app.sync import state
from desktop_app.sync.client import SyncClient
from desktop_app.sync.engine import Progress, SyncEngine, SyncReport

log = logging.getLogger(__name__)
if TYPE_CHECKING:
    from desktop_app.demo.province import DemoServer
    from desktop_app.services.context import WorkspaceContext


@dataclass(frozen=True)
class SyncOverview:
    """The status bar's line: where, when last, what waits."""
    server: str
    configured: bool
    last_sync: dict[str, Any] | None
    pending: int  # changes not sent yet (or waiting for a retry)
    attention: int  # conflicts, rejected changes, retries given up


@dataclass(frozen=True)
class SyncOutcome:
    report: SyncReport
    op_changes: OpChanges


class SyncService:
    def __init__(self, ctx: WorkspaceContext) -> None:
        self.ctx = ctx

    def configure(self, server: str | None = None, token: str | None = None, ca_bundle: str | None = None) -> None:
        """Remember the server's address (settings) and the token (keyring or owner-only file)."""
        self.ctx.authorize("sync.configure")
        if server is not None:
            self.ctx.settings.sync_server = server.strip().rstrip("/")
        if ca_bundle is not None:
            self.ctx.settings.sync_ca_bundle = ca_bundle.strip()
        if server is not None or ca_bundle is not None:
            self.ctx.save_settings()
        if token:
            secrets.save_token(self.ctx.data_dir, token)

    def start_demo_server(self) -> DemoServer | None:
        """A demo workspace's own provincial server (demo/province.py), on a free port for this session."""
        from desktop_app.demo import province

        if not self.ctx.settings.demo or not province.has_province(self.ctx.data_dir):
            return None
        server = province.DemoServer(self.ctx.data_dir)
        self.ctx.settings.sync_server = server.url  # this session's port: not saved
        return server

    def token_masked(self) -> str:
        return secrets.masked(secrets.load_token(self.ctx.data_dir))

    def client(self) -> SyncClient:
        server = self.ctx.settings.sync_server
        token = secrets.load_token(self.ctx.data_dir)
        if not server or not token:
            raise KnownError(msg("sync.not_configured"))
        bundle = self.ctx.settings.sync_ca_bundle
        return SyncClient(server, token, Path(bundle) if bundle else None)

    def run(self, progress: Progress | None = None, cancel: Callable[[], bool] | None = None) -> SyncOutcome:
        actor = self.ctx.authorize("sync.run")
        with self.client() as client:
            report = SyncEngine(self.ctx.cache, client, actor.name, progress, cancel).run()
        self._snapshot_progress()
        return SyncOutcome(report, OpChanges.bulk())

    def _snapshot_progress(self) -> None:
        """The day's progress figures as the sync left them, for the supervisors' trend. A sync that
        worked is not undone by a snapshot that could not be written: that is logged, and the next
        start or sync takes it."""
        try:
            self.ctx.progress.take_snapshot()
        except Exception:
            log.exception("progress snapshot after sync failed")

    def overview(self) -> SyncOverview:
        rows = sync_inbox.outbox_rows(self.ctx.cache)
        with raw_connection(self.ctx.cache) as conn:
            last = state.status(conn).last_sync
        attention = sum(1 for r in rows if r.needs_attention)
        return SyncOverview(self.ctx.settings.sync_server, bool(self.ctx.settings.sync_server), last,
                            len(rows) - attention, attention)

    def outbox(self, include_settled: bool = False) -> list[OutboxRow]:
        self.ctx.permit("view")
        return sync_inbox.outbox_rows(self.ctx.cache, include_settled)

    def conflicts(self, person_id: int | None = None) -> list[ConflictRow]:
        self.ctx.permit("view")
        return sync_inbox.conflict_rows(self.ctx.cache, person_id)

    def persons_in_conflict(self) -> set[int]:
        return sync_inbox.persons_in_conflict(self.ctx.cache)

    def resolve(self, conflict_id: int, keep: str, value: str | None = None) -> OpChanges:
        actor = self.ctx.authorize("sync.resolve")
        return sync_inbox.resolve(self.ctx.cache, conflict_id, keep, actor.name, value)

    def retry_now(self, entry_id: int) -> OpChanges:
        self.ctx.authorize("sync.retry")
        return sync_inbox.retry_now(self.ctx.cache, entry_id)

    def discard(self, entry_id: int, reason: str) -> OpChanges:
        actor = self.ctx.authorize("sync.discard")
        return sync_inbox.discard(self.ctx.cache, entry_id, actor.name, reason)


def last_sync_text(last: dict[str, Any] | None) -> str:
    if not last:
        return "尚未同步"
    at = dt.datetime.fromisoformat(last["at"])
    return f"{at:%m-%d %H:%M} 下载 {last.get('pulled', 0)}，上传 {last.get('pushed', 0)}"
