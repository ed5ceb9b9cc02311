"""The main window: the counter / phone-inquiry workspace, the cache summary in the status bar,
the demo fill on first start, and layout memory in the workspace's `ui.ini`.

Changes to records (a save in the edit dialog, an undo, a supplement import) all end in one signal,
`recordsChanged(set[int])` with the affected person ids; the results, the detail pane and the
worklist window listen to it and refresh only those records (DESIGN §4.6).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence

from PySide6.QtCore import QSettings, Qt, QThreadPool, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QInputDialog, QLabel, QLineEdit, QMainWindow, QMessageBox

from desktop_app import __version__
from desktop_app.errors import KnownError
from desktop_app.services import edits, verification
from desktop_app.services import workspace as ws
from desktop_app.services.edits import PersonForm, SaveResult
from desktop_app.services.search import SearchService
from desktop_app.services.search_types import CertificateSummary, PersonDetail
from desktop_app.settings import save_settings
from desktop_app.ui.batch_dialog import BatchDialog
from desktop_app.ui.calibration_dialog import CalibrationDialog
from desktop_app.ui.cert_preview import CertificatePreview
from desktop_app.ui.edit_dialog import CertificateDates, CertificateLoader, EditDialog
from desktop_app.ui.history_view import change_text, last_change_group
from desktop_app.ui.operations import Op, write_pool
from desktop_app.ui.printing_dialog import CertContext
from desktop_app.ui.verify_dialog import VerifyDialog
from desktop_app.ui.worklist_view import WorklistWindow
from desktop_app.ui.workspace_view import WorkspaceView

UI_SETTINGS_FILE = "ui.ini"
SHUTDOWN_WAIT_MS = 3000  # how long closing waits for searches still running on worker threads
BATCH_STOP_WAIT_MS = 60000  # how long closing waits for a cancelled batch to finish its chunk
IN_FORCE = ("valid", "expiring")  # statuses whose certificate can be printed
CERTIFICATE_LOADER: CertificateLoader = edits.load_certificate_dates


class MainWindow(QMainWindow):
    recordsChanged = Signal(object)  # set[int]: the person ids whose records changed

    def __init__(self, workspace: ws.Workspace, *, today: dt.date | None = None) -> None:
        """`today` fixes the day statuses are computed for (tests, demos); None: the real date."""
        super().__init__()
        self.workspace = workspace
        self.today = today
        self.ui_settings = QSettings(str(workspace.data_dir / UI_SETTINGS_FILE), QSettings.Format.IniFormat)
        self.setObjectName("MainWindow")
        self._set_title()
        verification.install_search_extractor()  # a scanned CertDesk code finds its certificate
        self.search_service = SearchService(workspace.cache)
        cache = workspace.cache
        self.workspace_view = WorkspaceView(self.search_service, self, today=today,
                                            history=lambda person_id: edits.history(cache, person_id))
        self.setCentralWidget(self.workspace_view)
        self.edit_dialog: EditDialog | None = None
        self.worklist_window: WorklistWindow | None = None
        self.preview_dialog: CertificatePreview | None = None
        self.batch_dialog: BatchDialog | None = None
        self.verify_dialog: VerifyDialog | None = None
        self.calibration_dialog: CalibrationDialog | None = None
        self.certificate_loader = CERTIFICATE_LOADER
        self._shown: PersonDetail | None = None
        self._busy_person: int | None = None  # an editor is being opened / an undo runs for this person
        self.summary_label = QLabel(self.tr("正在打开工作区…"))
        self.summary_label.setObjectName("summaryLabel")
        self.statusBar().addPermanentWidget(self.summary_label)
        self.workspace_view.statusMessage.connect(self.show_status)
        self.workspace_view.detailShown.connect(self._detail_shown)
        self.workspace_view.editRequested.connect(self.edit_person)
        self.workspace_view.undoRequested.connect(self.undo_last)
        self.workspace_view.certificateRequested.connect(self.open_certificate)
        self.recordsChanged.connect(self._records_changed)
        self._build_actions()
        self._build_menu()
        self.resize(1280, 800)
        geometry = self.ui_settings.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.workspace_view.restore_layout(self.ui_settings)
        self.workspace_view.search_box.setFocus()

    def _set_title(self) -> None:
        title = self.tr("CertDesk 建设从业人员证书工作台")
        if self.workspace.settings.demo:
            title += self.tr("（演示工作区 · 样本数据）")
        self.setWindowTitle(title)

    def _build_actions(self) -> None:
        self.edit_action = QAction(self.tr("编辑人员信息…"), self)
        self.edit_action.setObjectName("editAction")
        self.edit_action.setShortcut(QKeySequence("Ctrl+E"))
        self.edit_action.setEnabled(False)
        self.edit_action.triggered.connect(lambda: self.edit_person(self.workspace_view.current_person()))
        self.undo_action = QAction(self.tr("撤销上一次修改"), self)
        self.undo_action.setObjectName("undoAction")
        # Ctrl+Z in the search box (or any text field) undoes typing there: the field takes the key first.
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.undo_action.setEnabled(False)
        self.undo_action.triggered.connect(lambda: self.undo_last(self.workspace_view.current_person()))
        self.worklist_action = QAction(self.tr("A 证待补充信息…"), self)
        self.worklist_action.setObjectName("worklistAction")
        self.worklist_action.setShortcut(QKeySequence("Ctrl+L"))
        self.worklist_action.triggered.connect(self.show_worklist)
        self.operator_action = QAction(self.tr("设置操作员姓名…"), self)
        self.operator_action.triggered.connect(lambda: self.ask_operator(force=True))
        self.preview_action = QAction(self.tr("预览/打印新版证书…"), self)
        self.preview_action.setObjectName("previewAction")
        self.preview_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.preview_action.setEnabled(False)
        self.preview_action.triggered.connect(self.preview_current)
        self.batch_action = QAction(self.tr("批量生成…"), self)
        self.batch_action.setObjectName("batchAction")
        self.batch_action.setShortcut(QKeySequence("Ctrl+B"))
        self.batch_action.triggered.connect(self.show_batch)
        self.verify_action = QAction(self.tr("验证二维码…"), self)
        self.verify_action.setObjectName("verifyAction")
        self.verify_action.setShortcut(QKeySequence("Ctrl+Shift+V"))
        self.verify_action.triggered.connect(self.show_verify)
        self.calibrate_action = QAction(self.tr("打印机校准…"), self)
        self.calibrate_action.setObjectName("calibrateAction")
        self.calibrate_action.triggered.connect(self.show_calibration)
        for action in (self.edit_action, self.undo_action, self.worklist_action, self.preview_action,
                       self.batch_action, self.verify_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(action)

    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        quit_action = QAction(self.tr("退出(&X)"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        edit_menu = self.menuBar().addMenu(self.tr("编辑(&E)"))
        edit_menu.addAction(self.workspace_view.find_action)  # the view's own action: one Ctrl+F
        edit_menu.addAction(self.workspace_view.clear_action)
        reset_filters = QAction(self.tr("清除筛选"), self)
        reset_filters.triggered.connect(self.workspace_view.reset_filters)
        edit_menu.addAction(reset_filters)
        edit_menu.addSeparator()
        edit_menu.addAction(self.edit_action)
        edit_menu.addAction(self.undo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.operator_action)
        work_menu = self.menuBar().addMenu(self.tr("工作清单(&W)"))
        work_menu.addAction(self.worklist_action)
        cert_menu = self.menuBar().addMenu(self.tr("证书(&C)"))
        cert_menu.addAction(self.preview_action)
        cert_menu.addAction(self.batch_action)
        cert_menu.addSeparator()
        cert_menu.addAction(self.verify_action)
        cert_menu.addSeparator()
        cert_menu.addAction(self.calibrate_action)
        view_menu = self.menuBar().addMenu(self.tr("视图(&V)"))
        reset_columns = QAction(self.tr("恢复默认列"), self)
        reset_columns.triggered.connect(self.workspace_view.reset_columns)
        view_menu.addAction(reset_columns)
        help_menu = self.menuBar().addMenu(self.tr("帮助(&H)"))
        about = QAction(self.tr("关于 CertDesk(&A)"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def start(self) -> None:
        """After show(): load the filter bar, fill a demo workspace on first start, show the summary."""
        self.workspace_view.start()
        op = Op(self, lambda: ws.is_empty(self.workspace))
        op.success(self._maybe_fill_demo).failure(self._error).run()

    def _maybe_fill_demo(self, empty: bool) -> None:
        if not empty:
            self.refresh_summary()
            return
        self.summary_label.setText(self.tr("首次启动：正在生成演示工作区（样本数据）…"))
        op = Op(self, lambda progress, cancelled: ws.fill_demo(self.workspace, progress=progress,
                                                               cancelled=cancelled), writes=True)
        op.with_progress(self.tr("正在生成演示工作区…")).success(self._demo_filled).failure(self._error).run()

    def _demo_filled(self, _report: object) -> None:
        self._set_title()
        self.refresh_summary()
        self.workspace_view.refresh()

    def refresh_summary(self) -> None:
        Op(self, lambda: ws.summary(self.workspace)).success(self._show_summary).failure(self._error).run()

    def _show_summary(self, summary: ws.Summary) -> None:
        text = self.tr("本地缓存：{persons} 人，{certs} 本证书（旧版 {old}，新版 {new}）")
        self.summary_label.setText(text.format(
            persons=f"{summary.persons:,}", certs=f"{summary.certificates:,}", old=f"{summary.old_format:,}",
            new=f"{summary.new_format:,}"))
        self.summary_label.setToolTip(str(self.workspace.cache.path))

    def _error(self, exc: BaseException) -> None:
        message = str(exc) if isinstance(exc, KnownError) else self.tr("内部错误：{0}").format(exc)
        self.summary_label.setText(message)
        QMessageBox.warning(self, self.tr("CertDesk"), message)

    def _about(self) -> None:
        QMessageBox.about(self, self.tr("关于 CertDesk"),
                          self.tr("CertDesk {0}\n建设从业人员证书工作台").format(__version__))

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    # --- the operator -----------------------------------------------------------------------

    def ask_operator(self, *, force: bool = False) -> str | None:
        """The configured operator name (the audit log's "who"); asked once and saved if empty."""
        current = self.workspace.settings.operator.strip()
        if current and not force:
            return current
        name, ok = QInputDialog.getText(
            self, self.tr("操作员"),
            self.tr("请输入您的姓名。每一次修改都会以此姓名记入修改记录（以后可在“编辑”菜单中更改）："),
            QLineEdit.EchoMode.Normal, current)
        name = name.strip()
        if not ok or not name:
            return current or None
        self.workspace.settings.operator = name[:100]
        try:
            save_settings(self.workspace.data_dir, self.workspace.settings)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("CertDesk"), self.tr("无法保存操作员设置：{0}").format(exc))
        return self.workspace.settings.operator

    # --- editing ----------------------------------------------------------------------------

    def _detail_shown(self, detail: PersonDetail | None) -> None:
        self._shown = detail
        self.edit_action.setEnabled(detail is not None)
        self.preview_action.setEnabled(detail is not None and bool(detail.certificates))
        pending = detail.unsynced_changes if detail is not None else 0
        self.undo_action.setEnabled(pending > 0)
        self.undo_action.setText(self.tr("撤销上一次修改（{0} 项未同步）").format(pending) if pending
                                 else self.tr("撤销上一次修改"))

    def edit_person(self, person_id: int | None) -> None:
        """Open the edit dialog for this person (read off the GUI thread first)."""
        if person_id is None or self._busy_person is not None:
            return
        if self.edit_dialog is not None and self.edit_dialog.isVisible():
            self.edit_dialog.raise_()
            self.edit_dialog.activateWindow()
            return
        operator = self.ask_operator()
        if not operator:
            self.show_status(self.tr("未设置操作员姓名，不能修改记录"))
            return
        cache, loader = self.workspace.cache, self.certificate_loader

        def work() -> tuple[PersonForm, Sequence[CertificateDates]]:
            form = edits.load_person_form(cache, person_id)
            return form, (loader(cache, person_id) if loader is not None else ())

        self._busy_person = person_id
        op = Op(self, work)
        op.success(lambda loaded: self._open_editor(loaded, operator)).failure(self._edit_failed).run()

    def _open_editor(self, loaded: tuple[PersonForm, Sequence[CertificateDates]], operator: str) -> None:
        self._busy_person = None
        form, certificates = loaded
        old = self.edit_dialog
        if old is not None and not old.saving and not old.photo.busy():
            old.deleteLater()  # (one still answering a worker is left to its parent: its callbacks need it)
        dialog = EditDialog(self.workspace.cache, form, certificates, operator, self,
                            certificate_loader=self.certificate_loader)
        dialog.saved.connect(self._saved)
        dialog.accepted.connect(lambda: self.show_status(self.tr("已保存，修改已记入修改记录并等待同步")))
        dialog.finished.connect(lambda _code: self.workspace_view.detail.setFocus())
        self.edit_dialog = dialog
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()
        dialog.activateWindow()

    def _edit_failed(self, exc: BaseException) -> None:
        self._busy_person = None
        self._error(exc)

    def _saved(self, person_ids: set[int]) -> None:
        self.recordsChanged.emit(set(person_ids))

    def undo_last(self, person_id: int | None) -> None:
        """Undo this person's newest unsynced change, after showing what it was."""
        if person_id is None or self._busy_person is not None:
            return
        detail = self._shown if self._shown is not None and self._shown.person_id == person_id else None
        if detail is None or detail.unsynced_changes <= 0:
            self.show_status(self.tr("没有可撤销的未同步修改"))
            return
        operator = self.ask_operator()
        if not operator:
            return
        cache = self.workspace.cache
        self._busy_person = person_id
        op = Op(self, lambda: edits.history(cache, person_id))
        op.success(lambda entries: self._confirm_undo(detail, operator, entries)).failure(self._edit_failed).run()

    def _confirm_undo(self, detail: PersonDetail, operator: str, entries: list[edits.HistoryEntry]) -> None:
        self._busy_person = None
        group = last_change_group(entries)
        if group:
            first = group[0]
            lines = [f"· {e.field_label}：{change_text(e)}" for e in group]
            what = self.tr("{at}，{operator}，原因：{reason}\n{lines}").format(
                at=first.at.strftime("%Y-%m-%d %H:%M"), operator=first.operator, reason=first.reason or "—",
                lines="\n".join(lines))
        else:
            what = self.tr("（最近一次未同步的修改）")
        text = self.tr("撤销 {name} 的上一次修改？\n\n{what}\n\n本地共有 {count} 项未同步修改；撤销只影响最近的一项，"
                       "并记入修改记录。").format(name=detail.name, what=what, count=detail.unsynced_changes)
        answer = QMessageBox.question(self, self.tr("撤销上一次修改"), text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        cache, person_id = self.workspace.cache, detail.person_id
        self._busy_person = person_id
        op = Op(self, lambda: edits.undo_last(cache, person_id, operator), writes=True)
        op.success(self._undone).failure(self._edit_failed).run()

    def _undone(self, result: SaveResult) -> None:
        self._busy_person = None
        fields = "、".join(edits.field_label(c.field) for c in result.changes)
        self.show_status(self.tr("已撤销：{0}").format(fields or self.tr("上一次修改")))
        self.recordsChanged.emit({result.person_id})

    # --- worklist ---------------------------------------------------------------------------

    def show_worklist(self) -> None:
        if self.worklist_window is None:
            window = WorklistWindow(self.workspace, self, today=self.today, settings=self.ui_settings,
                                    operator=self.ask_operator)
            window.openPerson.connect(self._open_from_worklist)
            window.recordsChanged.connect(self.recordsChanged)
            self.worklist_window = window
        self.worklist_window.show()
        self.worklist_window.raise_()
        self.worklist_window.activateWindow()
        self.worklist_window.refresh()

    def _open_from_worklist(self, id_number: str) -> None:
        self.raise_()
        self.activateWindow()
        self.workspace_view.open_person(id_number)

    # --- certificates -----------------------------------------------------------------------

    def cert_context(self) -> CertContext:
        return CertContext(self.workspace, self.search_service, self.ask_operator, self.ui_settings, self.today)

    def preview_current(self) -> None:
        """Ctrl+Shift+P: the shown person's first certificate that can be printed (or generated)."""
        detail = self._shown
        if detail is None or not detail.certificates:
            self.show_status(self.tr("请先打开一位持证人员"))
            return
        cert = first_eligible(detail.certificates)
        self.open_certificate(detail.person_id, cert.new_number)

    def open_certificate(self, person_id: int, number: str) -> None:
        """The preview of one certificate: generate, print, save as PDF."""
        old = self.preview_dialog
        if old is not None:
            if old.isVisible() and old.person_id == person_id and old.number == number:
                old.raise_()
                old.activateWindow()
                return
            old.close()
            if not old.is_busy():
                old.deleteLater()  # (one still waiting for a worker is left to its parent)
        dialog = CertificatePreview(self.cert_context(), person_id, number, self)
        dialog.generated.connect(self._certificate_generated)
        dialog.printed.connect(lambda record: self.show_status(
            self.tr("已打印 {0}，已记入打印记录").format(record.new_number)))
        self.preview_dialog = dialog
        dialog.show()
        dialog.activateWindow()

    def _certificate_generated(self, person_id: int) -> None:
        self.show_status(self.tr("新版证书已生成，已记入修改记录并等待同步"))
        self.recordsChanged.emit({person_id})
        self.refresh_summary()

    def show_batch(self) -> None:
        if self.batch_dialog is None:
            self.batch_dialog = BatchDialog(self.cert_context(), self)
            self.batch_dialog.finishedBatch.connect(self._batch_finished)
        if self.batch_dialog.isVisible():
            self.batch_dialog.raise_()
        self.batch_dialog.show()
        self.batch_dialog.activateWindow()

    def _batch_finished(self, _result: object) -> None:
        # Many records may have changed: refresh the summary and the shown rows and detail.
        self.refresh_summary()
        self.recordsChanged.emit(set(self.workspace_view.model.person_ids()))

    def show_verify(self) -> None:
        if self.verify_dialog is None:
            self.verify_dialog = VerifyDialog(self.cert_context(), self)
            self.verify_dialog.openCertificate.connect(self._open_number)
        if self.verify_dialog.isVisible():
            self.verify_dialog.raise_()
        self.verify_dialog.show()
        self.verify_dialog.activateWindow()
        self.verify_dialog.input.setFocus()

    def _open_number(self, number: str) -> None:
        self.activateWindow()  # (the verify dialog stays open above it for the next scan)
        self.workspace_view.open_person(number)

    def show_calibration(self) -> None:
        if self.calibration_dialog is None:
            self.calibration_dialog = CalibrationDialog(self.cert_context(), self)
        if self.calibration_dialog.isVisible():
            self.calibration_dialog.raise_()
        self.calibration_dialog.show()
        self.calibration_dialog.activateWindow()

    def _records_changed(self, person_ids: Collection[int]) -> None:
        self.workspace_view.records_changed(person_ids)
        if self.worklist_window is not None and self.worklist_window.isVisible():
            self.worklist_window.refresh()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.worklist_window is not None:
            self.worklist_window.save_layout()
            self.worklist_window.close()
        self.workspace_view.save_layout(self.ui_settings)
        self.ui_settings.setValue("main/geometry", self.saveGeometry())
        self.ui_settings.sync()
        self.workspace_view.shutdown()
        if self.batch_dialog is not None and self.batch_dialog.op is not None:
            self.batch_dialog.op.cancel_event.set()  # what it generated is kept; a re-run resumes
        write_pool().waitForDone(BATCH_STOP_WAIT_MS)  # writes (a save, a generation, a batch) end first
        for dialog in (self.preview_dialog, self.verify_dialog, self.calibration_dialog, self.batch_dialog):
            if dialog is not None:
                dialog.hide()
        # Searches read the cache on worker threads: let them end before the workspace is closed.
        QThreadPool.globalInstance().waitForDone(SHUTDOWN_WAIT_MS)
        super().closeEvent(event)


def first_eligible(certificates: Sequence[CertificateSummary]) -> CertificateSummary:
    """The first certificate in force without blockers; else the first one (its preview says why not)."""
    return next((c for c in certificates if not c.blockers and c.status in IN_FORCE), certificates[0])
