"""Supervisors' progress, bound to the workspace: the table, the call list, the trend, the workbook."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.errors import KnownError
from desktop_app.messages import joined, msg
from desktop_app.services.progress import calls, tables, trend
from desktop_app.services.progress.figures import (
    FIGURES,
    EnterpriseRow,
    Pace,
    ProgressReport,
    ProgressTable,
    TrendPoint,
)
from desktop_app.services.search_types import SearchFilters
from desktop_app.store.engine import raw_connection
from desktop_app.sync import state

if TYPE_CHECKING:
    from desktop_app.services.context import WorkspaceContext

TREND_DAYS = (30, 90)
Progress = Callable[[str], None]


class ProgressService:
    def __init__(self, ctx: WorkspaceContext) -> None:
        self.ctx = ctx

    def _as_of(self, as_of: dt.date | None) -> dt.date:
        return as_of or self.ctx.today

    def table(self, as_of: dt.date | None = None, unit: str | None = None) -> ProgressTable:
        self.ctx.permit("progress.view")
        return tables.progress_table(self.ctx.cache, self.ctx.rules, self._as_of(as_of), unit)

    def enterprises(self, as_of: dt.date | None = None, unit: str | None = None) -> list[EnterpriseRow]:
        self.ctx.permit("progress.view")
        return calls.enterprise_rows(self.ctx.cache, self.ctx.rules, self._as_of(as_of), unit)

    def trend(self, days: int = 30, unit: str | None = None, kind: str | None = None,
              until: dt.date | None = None) -> tuple[TrendPoint, ...]:
        self.ctx.permit("progress.view")
        return trend.trend(self.ctx.cache, self._as_of(until), days, tables.resolve_unit(self.ctx.rules, unit), kind)

    def pace(self, pending: int, points: tuple[TrendPoint, ...], as_of: dt.date | None = None,
             target: dt.date | None = None) -> Pace:
        return trend.pace(self._as_of(as_of), pending, points, target or self.target())

    # --- the supervisor's target day (settings) ----------------------------------------------

    def target(self) -> dt.date | None:
        try:
            return dt.date.fromisoformat(self.ctx.settings.progress_target) if self.ctx.settings.progress_target \
                else None
        except ValueError:
            return None

    def set_target(self, day: dt.date | None) -> None:
        self.ctx.settings.progress_target = day.isoformat() if day else ""
        self.ctx.save_settings()

    # --- snapshots ---------------------------------------------------------------------------

    def take_snapshot(self, day: dt.date | None = None) -> ProgressTable:
        """Today's figures kept for the trend (after a sync: replaces the day's earlier snapshot). Taken
        for whoever starts the app or syncs: the figures are counted, not shown."""
        return trend.take_snapshot(self.ctx.cache, self.ctx.rules, self._as_of(day))

    def ensure_daily_snapshot(self) -> bool:
        """The first start of a day takes its snapshot; later starts leave it. True when one was taken."""
        if trend.has_snapshot(self.ctx.cache, self.ctx.today):
            return False
        self.take_snapshot()
        return True

    def last_sync_at(self) -> dt.datetime | None:
        with raw_connection(self.ctx.cache) as conn:
            last = state.status(conn).last_sync
        try:
            return dt.datetime.fromisoformat(str(last["at"])) if last and last.get("at") else None
        except ValueError:
            return None

    # --- the report and the workbook ---------------------------------------------------------

    def report(self, as_of: dt.date | None = None, unit: str | None = None, days: int = 90,
               target: dt.date | None = None, kind: str | None = None) -> ProgressReport:
        day = self._as_of(as_of)
        table = self.table(day, unit)
        unit_name = tables.resolve_unit(self.ctx.rules, unit)
        points = self.trend(days, unit_name, kind, day)
        pending = table.cell(None, kind).pending if kind else table.overall.pending
        return ProgressReport(table, tuple(self.enterprises(day, unit)), points,
                              self.pace(pending, points, day, target), self.last_sync_at(), self.ctx.actor.name,
                              dt.datetime.now().replace(microsecond=0), unit_name, self.ctx.settings.demo)

    def export_workbook(self, path: Path, as_of: dt.date | None = None, unit: str | None = None,
                        days: int = 90, target: dt.date | None = None) -> ProgressReport:
        from desktop_app.reports import progress_workbook

        self.ctx.authorize("progress.export")
        if path.suffix.lower() != ".xlsx":
            raise KnownError(msg("progress.not_xlsx", path=str(path)))
        report = self.report(as_of, unit, days, target)
        progress_workbook.write_workbook(report, path, self.ctx.rules)
        return report

    # --- the drill-down --------------------------------------------------------------------

    def drill_filters(self, unit: str | None, kind: str | None, figure: str,
                      as_of: dt.date | None = None) -> SearchFilters:
        """The workspace filters that list the people behind one cell of the table."""
        self.ctx.permit("progress.view")
        if figure not in FIGURES:
            raise KnownError(msg("progress.unknown_figure", figure=figure, choices=joined(FIGURES)))
        category, work_type = None, None
        if kind is not None:
            category, _, code = kind.partition(":")
            work_type = code or None
            if category == "C3":
                category = "C"  # the filter's C means C and C3, as the table's C3 does
        return SearchFilters(unit=unit, category=category, work_type=work_type, figure=figure,
                             as_of=self._as_of(as_of))
