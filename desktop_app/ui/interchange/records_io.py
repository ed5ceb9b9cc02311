"""Import and export of records from the main window's 文件 menu (`ctx.workspace` does the work).

Both run through `Op` with a progress dialog whose 取消 stops them: an import after the batch it is
writing (what was committed stays; the result says 已取消 and what was done), an export at once
(no file is written). What an import changed reaches every view on the change bus (`Op` publishes
its `op_changes`); the result dialog lists the lines not applied.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop_app.services.api.workspace import Cancelled, ExportReport, Progress
from desktop_app.services.context import WorkspaceContext
from desktop_app.services.interchange import ImportReport
from desktop_app.ui.common.errors import inline_text, show_error
from desktop_app.ui.common.operations import Op
from desktop_app.ui.interchange.folders import LastFolder
from desktop_app.ui.interchange.result_dialog import ImportResultDialog, import_summary

PROGRESS_SCALE = 1000  # the import reports bytes (a file may be over 2 GB): the bar shows permille


def scaled(progress: Progress) -> Progress:
    """`progress` on a 0..PROGRESS_SCALE bar (Qt's progress values are 32-bit)."""
    def report(done: int, total: int) -> None:
        progress(done * PROGRESS_SCALE // total if total > 0 else 0, PROGRESS_SCALE)
    return report


class RecordsInterchange(QObject):
    """文件 → 导入记录… / 导出记录…: the file dialogs, the background work, the result."""

    statusMessage = Signal(str)

    def __init__(self, ctx: WorkspaceContext, window: QWidget, settings: QSettings | None,
                 ensure_operator: Callable[[], bool]) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.folder = LastFolder(settings)
        self.ensure_operator = ensure_operator
        self.op: Op | None = None  # the import or export running now
        self.result_dialog: ImportResultDialog | None = None

    def busy(self) -> bool:
        return self.op is not None

    def stop(self) -> None:
        """Cancel what runs (the window is closing): an import stops after its batch, an export at once."""
        if self.op is not None:
            self.op.cancel_event.set()

    def _refuse_when_busy(self) -> bool:
        if self.op is not None:
            self.statusMessage.emit(self.tr("正在导入或导出记录，请等它完成"))
            return True
        return False

    # --- import -----------------------------------------------------------------------------

    def choose_import(self) -> None:
        if self._refuse_when_busy():
            return
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("导入记录"), self.folder.get(),
                                              self.tr("JSONL 记录文件 (*.jsonl);;所有文件 (*)"))
        if path:
            self.folder.remember(Path(path))
            self.import_from(Path(path))

    def import_from(self, path: Path) -> None:
        """Import `path` on the write thread, then show what it did."""
        if self._refuse_when_busy():
            return
        if not self.ensure_operator():
            self.statusMessage.emit(self.tr("未设置操作员姓名，不能导入"))
            return
        workspace = self.ctx.workspace

        def work(progress: Progress, cancelled: Cancelled) -> ImportReport:
            return workspace.import_jsonl(path, progress=scaled(progress), cancelled=cancelled)

        op = Op(self.window, work, writes=True).with_progress(self.tr("正在导入 {0}…").format(path.name))
        op.success(lambda report: self._imported(path, report)).failure(self._import_failed)
        self.op = op
        op.run()
        if op.dialog is not None:
            op.dialog.canceled.connect(lambda: self.statusMessage.emit(
                self.tr("正在停止导入：当前一批写完后停止，已写入的记录保留")))

    def _imported(self, path: Path, report: ImportReport) -> None:
        self.op = None  # (the views refreshed from the change bus)
        self.statusMessage.emit(import_summary(report))
        if self.result_dialog is not None and self.result_dialog.save_op is None:
            self.result_dialog.deleteLater()  # (one still saving is left to its parent)
        dialog = ImportResultDialog(report, path.name, self.window, self.folder)
        dialog.statusMessage.connect(self.statusMessage)
        self.result_dialog = dialog
        dialog.show()

    def _import_failed(self, exc: BaseException) -> None:
        self.op = None
        self.statusMessage.emit(inline_text(exc))
        show_error(self.window, exc, self.tr("导入记录"))

    # --- export -----------------------------------------------------------------------------

    def choose_export(self) -> None:
        if self._refuse_when_busy():
            return
        name = self.tr("人员记录_{0}.jsonl").format(self.ctx.today.strftime("%Y%m%d"))
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("导出记录"), self.folder.start(name),
                                              self.tr("JSONL 记录文件 (*.jsonl)"))
        if not path:
            return
        target = Path(path)
        if not target.suffix:
            target = target.with_name(target.name + ".jsonl")
        self.folder.remember(target)
        self.export_to(target)

    def export_to(self, path: Path) -> None:
        """Write every record to `path` (a read: it runs beside other work), then say how many."""
        if self._refuse_when_busy():
            return
        workspace = self.ctx.workspace

        def work(progress: Progress, cancelled: Cancelled) -> ExportReport:
            return workspace.export_records(path, progress=progress, cancelled=cancelled)

        op = Op(self.window, work).with_progress(self.tr("正在导出记录到 {0}…").format(path.name))
        op.success(self._exported).failure(self._export_failed)
        self.op = op
        op.run()

    def _exported(self, report: ExportReport) -> None:
        self.op = None
        if report.cancelled:
            self.statusMessage.emit(self.tr("已取消导出，未写入文件"))
            return
        text = self.tr("已将 {0} 人导出到：\n{1}").format(f"{report.persons:,}", report.path)
        self.statusMessage.emit(" ".join(text.split("\n")))
        QMessageBox.information(self.window, self.tr("已导出"), text)

    def _export_failed(self, exc: BaseException) -> None:
        self.op = None
        self.statusMessage.emit(inline_text(exc))
        show_error(self.window, exc, self.tr("导出记录"))
