"""A-certificate worklists, the supplement template and its import."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.reports import supplement_template
from desktop_app.services import supplement_import, worklists
from desktop_app.services.supplement_import import Stage, SupplementReport
from desktop_app.services.worklists import WorklistRow, WorklistSummary

if TYPE_CHECKING:
    from desktop_app.services.context import WorkspaceContext


class WorklistService:
    def __init__(self, ctx: WorkspaceContext) -> None:
        self.ctx = ctx

    def rows(self, unit: str | None = None, enterprise: str | None = None, missing: str | None = None,
             sort: str = "enterprise", offset: int = 0, limit: int | None = None) -> list[WorklistRow]:
        self.ctx.permit("worklist.view")
        return worklists.supplement_worklist(self.ctx.cache, unit, enterprise, missing, sort, offset, limit,
                                             self.ctx.today, self.ctx.rules)

    def summary(self, unit: str | None = None) -> WorklistSummary:
        self.ctx.permit("worklist.view")
        return worklists.worklist_summary(self.ctx.cache, unit, self.ctx.today, self.ctx.rules)

    def required_fields(self) -> dict[str, str]:
        return worklists.required_fields(self.ctx.rules)

    def export_template(self, rows: Sequence[WorklistRow], path: Path, unit_name: str) -> int:
        """Write the Excel template enterprises fill in; returns the number of person rows."""
        self.ctx.permit("worklist.export")
        return supplement_template.export_template(rows, path, unit_name, rules=self.ctx.rules)

    def import_supplement(self, path: Path, stage: Stage | None = None) -> SupplementReport:
        actor = self.ctx.authorize("supplement.import")
        return supplement_import.import_supplement(self.ctx.cache, path, actor.name, stage, self.ctx.rules)
