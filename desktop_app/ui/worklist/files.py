"""The worklist's two file jobs, run on worker threads through `Op`: export the filtered list as the
template enterprises fill in, and import a filled template (validated row by row, the valid rows
written in one transaction). Both report their progress; an import can be cancelled until it writes.
Both go through the workspace's worklist service (`WorklistService`), which takes the operator from
the workspace context.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from desktop_app.errors import KnownError
from desktop_app.services.supplement_import import SupplementReport

if TYPE_CHECKING:  # for annotations only
    from desktop_app.services.api.worklist import WorklistService

IMPORT_STAGES = {"read": 0, "validate": 100, "write": 200, "done": 1000}  # on a 0..1000 bar
WRITE_SPAN = 750  # the "written" stage moves the bar from "write" towards "done" as rows are written

Progress = Callable[[int, int], None]


class ImportCancelled(KnownError):
    """The user cancelled an import before anything was written."""


class ExportCancelled(KnownError):
    """The user cancelled an export before the file was written."""


def export_list(worklist: WorklistService, path: Path, question: Mapping[str, str | None], unit_name: str,
                progress: Progress, cancelled: Callable[[], bool]) -> int:
    """Write the list as `question` (unit, enterprise, missing, sort) filters it — every row, not only
    the loaded ones — as the supplement template; returns how many persons it holds. A cancel before
    the file is written leaves no file (the template is written atomically, at once)."""
    progress(0, 2)
    rows = worklist.rows(unit=question["unit"], enterprise=question["enterprise"], missing=question["missing"],
                         sort=question["sort"] or "enterprise")
    if not rows:
        raise KnownError(QCoreApplication.translate("worklist", "没有需要补充信息的人员，未导出模板"))
    if cancelled():
        raise ExportCancelled(QCoreApplication.translate("worklist", "已取消导出，未写入文件"))
    progress(1, 2)
    count = worklist.export_template(rows, path, unit_name)
    progress(2, 2)
    return count


def import_filled(worklist: WorklistService, path: Path, progress: Progress,
                  cancelled: Callable[[], bool]) -> SupplementReport:
    """Validate and apply a filled template (on the write thread)."""
    to_write = [0]

    def stage(name: str, count: int) -> None:
        if name in ("validate", "write") and cancelled():
            # before the one write transaction
            raise ImportCancelled(QCoreApplication.translate("worklist", "已取消导入，没有写入任何修改"))
        if name == "write":
            to_write[0] = count
        if name == "written" and to_write[0]:
            progress(IMPORT_STAGES["write"] + WRITE_SPAN * count // to_write[0], 1000)
        elif name in IMPORT_STAGES:
            progress(IMPORT_STAGES[name], 1000)

    return worklist.import_supplement(path, stage=stage)
