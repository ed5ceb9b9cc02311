"""导出 Excel…: the progress workbook of what the window shows, written off the GUI thread.

A save dialog proposes 换发进度_<unit or 全省>_<as-of>.xlsx in the folder used last; the workbook is
written by the progress service behind a busy dialog; then the user may open its folder. A failure
(a KnownError: the disk, the file open in Excel, …) is shown as a message with its hint.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop_app.services.progress.figures import ProgressReport
from desktop_app.ui.common.errors import show_error
from desktop_app.ui.common.operations import Op
from desktop_app.ui.interchange.folders import LastFolder
from desktop_app.ui.progress.labels import short_unit

if TYPE_CHECKING:
    from desktop_app.services.api.progress import ProgressService

FOLDER_KEY = "progress/folder"


class ProgressExport(QObject):
    """`finished(path or "")` after a workbook was written (or the export failed)."""

    finished = Signal(str)

    def __init__(self, progress: ProgressService, parent: QWidget, settings: QSettings | None,
                 ensure_operator: Callable[[], bool]) -> None:
        super().__init__(parent)
        self.progress = progress
        self.window = parent
        self.folder = LastFolder(settings, FOLDER_KEY)
        self.ensure_operator = ensure_operator
        self.op: Op | None = None
        self.last_path: Path | None = None

    def busy(self) -> bool:
        return self.op is not None

    def default_name(self, unit: str | None, as_of: dt.date) -> str:
        return self.tr("换发进度_{0}_{1}.xlsx").format(short_unit(unit) if unit else self.tr("全省"), as_of.isoformat())

    def choose(self, as_of: dt.date, unit: str | None, days: int, target: dt.date | None) -> None:
        if self.busy():
            return
        if not self.ensure_operator():
            QMessageBox.information(self.window, self.tr("导出 Excel"), self.tr("未设置操作员姓名，不能导出"))
            return
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("导出换发进度"),
                                              self.folder.start(self.default_name(unit, as_of)),
                                              self.tr("Excel 工作簿 (*.xlsx)"))
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        self.folder.remember(Path(path))
        self.export_to(Path(path), as_of, unit, days, target)

    def export_to(self, path: Path, as_of: dt.date, unit: str | None, days: int, target: dt.date | None) -> None:
        progress = self.progress
        op = Op(self.window, lambda: progress.export_workbook(path, as_of, unit, days, target))
        op.with_progress(self.tr("正在导出换发进度…"))
        op.success(lambda report: self._done(path, report)).failure(self._failed)
        self.op = op
        op.run()

    def _done(self, path: Path, report: ProgressReport) -> None:
        self.op = None
        self.last_path = path
        self.finished.emit(str(path))
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("已导出"),
                          self.tr("已导出换发进度（截至 {0}）到：\n{1}").format(report.table.as_of.isoformat(), path),
                          QMessageBox.StandardButton.Ok, self.window)
        box.setObjectName("progressExported")
        folder = box.addButton(self.tr("打开所在文件夹"), QMessageBox.ButtonRole.ActionRole)
        box.setDefaultButton(QMessageBox.StandardButton.Ok)
        box.exec()
        if box.clickedButton() is folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))

    def _failed(self, exc: BaseException) -> None:
        self.op = None
        self.finished.emit("")
        show_error(self.window, exc, self.tr("导出换发进度"))
