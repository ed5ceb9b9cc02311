"""The workspace as a whole: its summary, the demo fill on first start, JSONL import and export."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app import demo
from desktop_app.services import interchange
from desktop_app.services.context import Actor
from desktop_app.services.interchange import ImportReport
from desktop_app.store.models import Certificate, Person

if TYPE_CHECKING:
    from desktop_app.services.context import WorkspaceContext

DEMO_SIZE = 3000
DEMO_SEED = 2026
DEMO_PHOTO_FRACTION = 0.3
DEMO_OPERATOR = "演示操作员"

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class Summary:
    persons: int
    certificates: int
    old_format: int
    new_format: int


@dataclass(frozen=True)
class ExportReport:
    """What an export wrote: `persons` records; a cancelled export leaves no file (and the old one as it was)."""

    path: Path
    persons: int
    cancelled: bool = False


class WorkspaceService:
    def __init__(self, ctx: WorkspaceContext) -> None:
        self.ctx = ctx

    def is_empty(self) -> bool:
        with Session(self.ctx.engine) as session:
            return session.scalar(select(Person.id).limit(1)) is None

    def summary(self) -> Summary:
        with Session(self.ctx.engine) as session:
            persons = session.scalar(select(func.count()).select_from(Person)) or 0
            rows = session.execute(select(Certificate.format, func.count()).group_by(Certificate.format)).all()
        by_format = {fmt: count for fmt, count in rows}
        return Summary(persons, sum(by_format.values()), by_format.get("old", 0), by_format.get("new", 0))

    def schema_revision(self) -> str:
        """The cache schema's Alembic revision this program migrates to (the About box shows it)."""
        from desktop_app.store.engine import head_revision

        return head_revision()

    def fill_demo(self, size: int = DEMO_SIZE, progress: Progress | None = None,
                  cancelled: Cancelled | None = None) -> ImportReport:
        """Fill an empty workspace with synthetic records and mark it as a demo (样本) workspace."""
        ctx = self.ctx
        with tempfile.TemporaryDirectory(dir=ctx.data_dir) as tmp:
            path = Path(tmp) / "demo.jsonl"
            demo.write_jsonl(path, size, seed=DEMO_SEED, photo_fraction=DEMO_PHOTO_FRACTION)
            report = interchange.import_jsonl(ctx.cache, path, progress=progress, cancel=cancelled,
                                              operator=ctx.actor.name or DEMO_OPERATOR)
            if not report.cancelled:
                self._prepare_demo_province(path)
                self._demo_trend()
                ctx.accounts.create_demo_accounts()  # one per role; the sign-in screen shows their passwords
        ctx.settings.demo = True
        if not ctx.settings.operator and not ctx.has_accounts:  # (a cancelled fill made no accounts)
            ctx.settings.operator = DEMO_OPERATOR
            if ctx.actor.anonymous:
                ctx.actor = Actor(DEMO_OPERATOR)
        ctx.save_settings()
        return report

    def _demo_trend(self) -> None:
        """Today's progress snapshot and a synthetic month before it (services/progress/demo_history.py)."""
        from desktop_app.services.progress import demo_history, trend

        today = self.ctx.progress.take_snapshot()
        for table in demo_history.history(today):
            trend.write_snapshot(self.ctx.cache, table)

    def _prepare_demo_province(self, records: Path) -> None:
        """The demo's provincial server (demo/province.py), and the local halves of its prepared changes."""
        from desktop_app.demo import province
        from desktop_app.services import edits

        plan = province.prepare(records, self.ctx.data_dir, self.ctx.rules)
        operator = self.ctx.actor.name or DEMO_OPERATOR
        for id_number, phone in ((plan.local, province.LOCAL_PHONE), (plan.conflict, province.CONFLICT_LOCAL_PHONE)):
            person_id = edits.person_id_for(self.ctx.cache, id_number)
            if person_id is not None:
                edits.save_person(self.ctx.cache, person_id, edits.load_person_form(self.ctx.cache, person_id).version,
                                  {"phone": phone}, operator, "演示：本地修改")

    def import_jsonl(self, path: Path, progress: Progress | None = None, cancelled: Cancelled | None = None,
                     workers: int | None = None) -> ImportReport:
        self.ctx.permit("records.import")
        return interchange.import_jsonl(self.ctx.cache, path, progress=progress, cancel=cancelled, workers=workers,
                                        operator=self.ctx.actor.name)

    def export_jsonl(self, path: Path) -> int:
        self.ctx.permit("records.export")
        return interchange.export_jsonl(self.ctx.cache, path)

    def export_records(self, path: Path, progress: Progress | None = None,
                       cancelled: Cancelled | None = None) -> ExportReport:
        """`export_jsonl` (the same lines) with progress (persons written, persons in the cache) and cancel.

        Written to `<name>.part` and renamed over `path` when complete, so a cancelled or failed
        export leaves the target untouched."""
        self.ctx.permit("records.export")
        total = self.summary().persons
        report = None if progress is None else (lambda done: progress(done, max(total, done)))
        count, stopped = interchange.write_jsonl(self.ctx.cache, path, report, cancelled)
        if progress is not None and not stopped:
            progress(count, max(total, count))
        return ExportReport(Path(path), count, cancelled=stopped)
