"""The main window: the counter / phone-inquiry workspace, the cache summary in the status bar,
the demo fill on first start, sign-in and the idle lock (accounts/controller.py), and layout memory
in the workspace's `ui.ini`.

The window holds the workspace context (services/context.py) and hands it down; it never reads
the database itself. What a write changed travels on the one change signal (common/changes.py):
the results, the detail pane, the worklist window and the summary each refresh only what concerns
them (DESIGN §4.6).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSettings, Qt, QThreadPool
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QInputDialog, QLabel, QLineEdit, QMainWindow, QMessageBox

from desktop_app.services.api.workspace import Summary
from desktop_app.services.changes import ChangeKind, OpChanges
from desktop_app.services.context import WorkspaceContext
from desktop_app.services.edits import PersonForm, SaveResult
from desktop_app.services.history import HistoryEntry
from desktop_app.services.search_types import PersonDetail, SearchFilters
from desktop_app.ui.accounts.controller import AccountsController
from desktop_app.ui.accounts.who import signed_in_text
from desktop_app.ui.certificates.context import CertContext, CertificateRef
from desktop_app.ui.certificates.windows import CertificateWindows, first_eligible
from desktop_app.ui.common.changes import change_bus
from desktop_app.ui.common.errors import inline_text, show_error
from desktop_app.ui.common.operations import Op, write_pool
from desktop_app.ui.interchange.records_io import RecordsInterchange
from desktop_app.ui.main_actions import MainActions, build_menus
from desktop_app.ui.progress.window import ProgressWindow
from desktop_app.ui.records.cert_dates import CertificateDates, CertificateLoader
from desktop_app.ui.records.edit_dialog import EditDialog
from desktop_app.ui.records.field_names import field_name
from desktop_app.ui.records.history_view import change_line, last_change_group, reason_text
from desktop_app.ui.settings.dialog import SETTINGS_CHANGED, SettingsDialog
from desktop_app.ui.settings.workstation_label import WorkstationLabel
from desktop_app.ui.sync.controller import SyncController
from desktop_app.ui.worklist.window import WorklistWindow
from desktop_app.ui.workspace.view import WorkspaceView

UI_SETTINGS_FILE = "ui.ini"
SHUTDOWN_WAIT_MS = 3000  # how long closing waits for searches still running on worker threads
BATCH_STOP_WAIT_MS = 60000  # how long closing waits for a cancelled batch to finish its chunk
# What changes the cache summary in the status bar (persons, certificates, old and new format).
SUMMARY_KINDS = frozenset({ChangeKind.GENERATED, ChangeKind.BULK})


class MainWindow(QMainWindow):
    def __init__(self, ctx: WorkspaceContext) -> None:
        """`ctx` is the open workspace; its `fixed_today` (tests, demos) fixes the day statuses use."""
        super().__init__()
        self.ctx = ctx
        self.today = ctx.fixed_today
        self.ui_settings = QSettings(str(ctx.data_dir / UI_SETTINGS_FILE), QSettings.Format.IniFormat)
        self.setObjectName("MainWindow")
        self.set_title()
        self.workspace_view = WorkspaceView(ctx.search, self, today=self.today, rules=ctx.rules,
                                            history=ctx.edits.history)
        self.setCentralWidget(self.workspace_view)
        self.edit_dialog: EditDialog | None = None
        self.worklist_window: WorklistWindow | None = None
        self.progress_window: ProgressWindow | None = None
        self.certificates = CertificateWindows(self.cert_context, self)
        self.certificate_loader: CertificateLoader | None = ctx.edits.load_certificate_dates
        self._shown: PersonDetail | None = None
        self._busy_person: int | None = None  # an editor is being opened / an undo runs for this person
        self.summary_label = QLabel(self.tr("正在打开工作区…"))
        self.summary_label.setObjectName("summaryLabel")
        self.statusBar().addPermanentWidget(WorkstationLabel(ctx))
        self.statusBar().addPermanentWidget(self.summary_label)
        self.records_io = RecordsInterchange(ctx, self, self.ui_settings, self.ensure_operator)
        self.records_io.statusMessage.connect(self.show_status)
        self.workspace_view.statusMessage.connect(self.show_status)
        self.workspace_view.detailShown.connect(self._detail_shown)
        self.workspace_view.editRequested.connect(self.edit_person)
        self.workspace_view.undoRequested.connect(self.undo_last)
        self.workspace_view.certificateRequested.connect(self.open_certificate)
        self.certificates.statusMessage.connect(self.show_status)
        self.certificates.openNumber.connect(self._open_number)
        change_bus().changed.connect(self._changed)
        self.main_actions = MainActions(self)
        self.sync = SyncController(ctx, self, self.edit_person, self.show_status)
        self.accounts = AccountsController(ctx, self)
        self.workspace_view.search_box.pass_shortcuts([*self.main_actions.window_shortcuts(),
                                                       *self.sync.shortcuts()])
        self._connect_actions()
        build_menus(self, self.main_actions, self.workspace_view, self._about)
        self.sync.add_menu()
        self.resize(1280, 800)
        geometry = self.ui_settings.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.workspace_view.restore_layout(self.ui_settings)
        self.workspace_view.search_box.setFocus()

    def set_title(self) -> None:
        title = self.tr("CertDesk 建设从业人员证书工作台")
        if self.ctx.settings.demo:
            title += self.tr("（演示工作区 · 样本数据）")
        if self.ctx.actor.role:  # signed in: who, and as what
            title += " — " + signed_in_text(self.ctx)
        self.setWindowTitle(title)

    def _connect_actions(self) -> None:
        actions, view = self.main_actions, self.workspace_view
        actions.edit.triggered.connect(lambda: self.edit_person(view.current_person()))
        actions.undo.triggered.connect(lambda: self.undo_last(view.current_person()))
        actions.worklist.triggered.connect(self.show_worklist)
        actions.progress.triggered.connect(self.show_progress)
        actions.operator.triggered.connect(lambda: self.ask_operator(force=True))
        actions.preview.triggered.connect(self.preview_current)
        actions.batch.triggered.connect(self.certificates.show_batch)
        actions.verify.triggered.connect(self.certificates.show_verify)
        actions.calibrate.triggered.connect(self.certificates.show_calibration)
        actions.import_records.triggered.connect(self.records_io.choose_import)
        actions.export_records.triggered.connect(self.records_io.choose_export)
        actions.settings.triggered.connect(self.show_settings)

    def start(self, *, offer_accounts: bool = False) -> None:
        """After show(): load the filter bar, fill a demo workspace on first start, show the summary; then
        sign in (a workspace with accounts) or, with `offer_accounts` (the launcher's start), offer a real
        workspace without accounts its first admin account."""
        self.accounts.offer_first_admin = offer_accounts
        self.workspace_view.start()
        op = Op(self, self.ctx.workspace.is_empty)
        op.success(self._maybe_fill_demo).failure(self._start_failed).run()
        self.sync.start_demo_server()
        self.take_daily_snapshot()

    def take_daily_snapshot(self) -> None:
        """The day's progress snapshot (the trend's point), once a day; a failure only goes to the status bar."""
        op = Op(self, self.ctx.progress.ensure_daily_snapshot, writes=True)
        op.failure(lambda exc: self.show_status(self.tr("未能记录今天的换发进度：{0}").format(inline_text(exc)))).run()

    def _maybe_fill_demo(self, empty: bool) -> None:
        if not empty or self.ctx.settings.sync_server:  # a workspace set up to sync fills from the province
            self.refresh_summary()
            self.accounts.at_start()
            return
        self.summary_label.setText(self.tr("首次启动：正在生成演示工作区（样本数据）…"))
        fill = self.ctx.workspace.fill_demo
        op = Op(self, lambda progress, cancelled: fill(progress=progress, cancelled=cancelled), writes=True)
        op.with_progress(self.tr("正在生成演示工作区…")).success(self._demo_filled).failure(self._start_failed).run()

    def _demo_filled(self, _report: object) -> None:
        self.set_title()
        self.sync.start_demo_server()  # (the views and the summary refreshed from the change signal)
        self.take_daily_snapshot()  # (the one at start found an empty cache)
        self.accounts.at_start()  # the demo's accounts: the sign-in lists them

    def _start_failed(self, exc: BaseException) -> None:
        self._error(exc)
        self.accounts.at_start()

    def refresh_summary(self) -> None:
        Op(self, self.ctx.workspace.summary).success(self._show_summary).failure(self._error).run()

    def _changed(self, changes: OpChanges) -> None:
        if changes.kinds & SUMMARY_KINDS:
            self.refresh_summary()

    def _show_summary(self, summary: Summary) -> None:
        text = self.tr("本地缓存：{persons} 人，{certs} 本证书（旧版 {old}，新版 {new}）")
        self.summary_label.setText(text.format(
            persons=f"{summary.persons:,}", certs=f"{summary.certificates:,}", old=f"{summary.old_format:,}",
            new=f"{summary.new_format:,}"))
        self.summary_label.setToolTip(str(self.ctx.cache.path))

    def _error(self, exc: BaseException) -> None:
        self.summary_label.setText(inline_text(exc))
        show_error(self, exc)

    def _about(self) -> None:
        from desktop_app.ui.about import AboutDialog

        AboutDialog(self.ctx.workspace.schema_revision(), self).exec()

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    # --- the operator -----------------------------------------------------------------------

    def ask_operator(self, *, force: bool = False) -> str | None:
        """The acting operator's name (the audit log's "who"); asked once and saved when none is set.
        With accounts: the signed-in account's (None while nobody is)."""
        if self.accounts.has_accounts:
            return self.ctx.actor.name if self.accounts.signed_in else None
        current = self.ctx.actor.name.strip()
        if current and not force:
            return current
        name, ok = QInputDialog.getText(
            self, self.tr("操作员"),
            self.tr("请输入您的姓名。每一次修改都会以此姓名记入修改记录（以后可在“编辑”菜单中更改）："),
            QLineEdit.EchoMode.Normal, current)
        if not ok or not name.strip():
            return current or None
        try:
            self.ctx.set_operator(name)
        except OSError as exc:  # the name still acts for this session; only remembering it failed
            show_error(self, exc)
        change_bus().publish(SETTINGS_CHANGED)
        return self.ctx.actor.name

    def show_settings(self) -> None:
        """文件 → 设置…: the workstation's issuing unit and the operator (the change bus tells the views)."""
        dialog = SettingsDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.show_status(dialog.saved_message()))
        dialog.open()

    def ensure_operator(self) -> bool:
        """Before a write: an operator is named (asked for when none is set)."""
        return bool(self.ask_operator())

    # --- editing ----------------------------------------------------------------------------

    def _detail_shown(self, detail: PersonDetail | None) -> None:
        self._shown = detail
        self.main_actions.show_detail(detail)

    def edit_person(self, person_id: int | None) -> None:
        """Open the edit dialog for this person (read off the GUI thread first)."""
        if person_id is None or self._busy_person is not None:
            return
        if self.edit_dialog is not None and self.edit_dialog.isVisible():
            self.edit_dialog.raise_()
            self.edit_dialog.activateWindow()
            return
        if not self.accounts.allowed("records.edit"):
            return
        if not self.ensure_operator():
            self.show_status(self.tr("未设置操作员姓名，不能修改记录"))
            return
        records, loader = self.ctx.edits, self.certificate_loader

        def work() -> tuple[PersonForm, Sequence[CertificateDates]]:
            return records.load_form(person_id), (loader(person_id) if loader is not None else ())

        self._busy_person = person_id
        Op(self, work).success(self._open_editor).failure(self._edit_failed).run()

    def _open_editor(self, loaded: tuple[PersonForm, Sequence[CertificateDates]]) -> None:
        self._busy_person = None
        form, certificates = loaded
        old = self.edit_dialog
        if old is not None and not old.saving and not old.photo.busy():
            old.deleteLater()  # (one still answering a worker is left to its parent: its callbacks need it)
        dialog = EditDialog(self.ctx, form, certificates, self, certificate_loader=self.certificate_loader)
        dialog.accepted.connect(lambda: self.show_status(self.tr("已保存，修改已记入修改记录并等待同步")))
        dialog.finished.connect(lambda _code: self.workspace_view.detail.setFocus())
        self.edit_dialog = dialog
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()
        dialog.activateWindow()

    def _edit_failed(self, exc: BaseException) -> None:
        self._busy_person = None
        self._error(exc)

    def undo_last(self, person_id: int | None) -> None:
        """Undo this person's newest unsynced change, after showing what it was."""
        if person_id is None or self._busy_person is not None:
            return
        detail = self._shown if self._shown is not None and self._shown.person_id == person_id else None
        if detail is None or detail.unsynced_changes <= 0:
            self.show_status(self.tr("没有可撤销的未同步修改"))
            return
        if not self.accounts.allowed("records.undo") or not self.ensure_operator():
            return
        records = self.ctx.edits
        self._busy_person = person_id
        op = Op(self, lambda: records.history(person_id))
        op.success(lambda entries: self._confirm_undo(detail, entries)).failure(self._edit_failed).run()

    def _confirm_undo(self, detail: PersonDetail, entries: list[HistoryEntry]) -> None:
        self._busy_person = None
        group = last_change_group(entries)
        if group:
            first = group[0]
            lines = [f"· {change_line(e)}" for e in group]
            what = self.tr("{at}，{operator}，原因：{reason}\n{lines}").format(
                at=first.at.strftime("%Y-%m-%d %H:%M"), operator=first.operator,
                reason=reason_text(first.reason) or "—", lines="\n".join(lines))
        else:
            what = self.tr("（最近一次未同步的修改）")
        text = self.tr("撤销 {name} 的上一次修改？\n\n{what}\n\n本地共有 {count} 项未同步修改；撤销只影响最近的一项，"
                       "并记入修改记录。").format(name=detail.name, what=what, count=detail.unsynced_changes)
        answer = QMessageBox.question(self, self.tr("撤销上一次修改"), text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        records, person_id = self.ctx.edits, detail.person_id
        self._busy_person = person_id
        op = Op(self, lambda: records.undo_last(person_id), writes=True)
        op.success(self._undone).failure(self._edit_failed).run()

    def _undone(self, result: SaveResult) -> None:
        self._busy_person = None
        fields = self.tr("、").join(field_name(c.field) for c in result.changes)
        self.show_status(self.tr("已撤销：{0}").format(fields or self.tr("上一次修改")))

    # --- worklist ---------------------------------------------------------------------------

    def show_worklist(self) -> None:
        if not self.accounts.allowed("worklist.view"):
            return
        if self.worklist_window is None:
            window = WorklistWindow(self.ctx, self, settings=self.ui_settings, ensure_operator=self.ensure_operator)
            window.openPerson.connect(self._open_from_worklist)
            self.worklist_window = window
        self.worklist_window.show()
        self.worklist_window.raise_()
        self.worklist_window.activateWindow()
        self.worklist_window.refresh()

    def _open_from_worklist(self, id_number: str) -> None:
        self.raise_()
        self.activateWindow()
        self.workspace_view.open_person(id_number)

    # --- progress ---------------------------------------------------------------------------

    def show_progress(self) -> None:
        if not self.accounts.allowed("progress.view"):
            return
        if self.progress_window is None:
            window = ProgressWindow(self.ctx, self, settings=self.ui_settings, ensure_operator=self.ensure_operator)
            window.drillRequested.connect(self.show_filtered)
            self.progress_window = window
        self.progress_window.show()
        self.progress_window.raise_()
        self.progress_window.activateWindow()

    def show_filtered(self, filters: SearchFilters) -> None:
        """The persons behind a progress cell: the workspace lists them, its filter bar shows the figure."""
        self.raise_()
        self.activateWindow()
        view = self.workspace_view
        view.debounce.stop()
        view.search_box.clear()
        view.filter_bar.set_filters(filters)  # one `changed`: the view searches
        view.table.setFocus()

    # --- certificates -----------------------------------------------------------------------

    def cert_context(self) -> CertContext:
        return CertContext(self.ctx, self.ensure_operator, self.ui_settings)

    def preview_current(self) -> None:
        """Ctrl+Shift+P: the shown person's first certificate that can be printed (or generated)."""
        detail = self._shown
        if detail is None or not detail.certificates:
            self.show_status(self.tr("请先打开一位持证人员"))
            return
        self.open_certificate(CertificateRef.of(detail.person_id, first_eligible(detail.certificates)))

    def open_certificate(self, cert: CertificateRef) -> None:
        """The preview of one certificate (the detail pane's button, Ctrl+Shift+P)."""
        if self.accounts.allowed("certs.print"):
            self.certificates.open_certificate(cert)

    def _open_number(self, number: str) -> None:
        self.activateWindow()  # (the verify dialog stays open above it for the next scan)
        self.workspace_view.open_person(number)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.accounts.stop()
        if self.worklist_window is not None:
            self.worklist_window.save_layout()
            self.worklist_window.close()
        if self.progress_window is not None:
            self.progress_window.close()  # (saves its layout)
            self.progress_window.shutdown()
        self.workspace_view.save_layout(self.ui_settings)
        self.ui_settings.setValue("main/geometry", self.saveGeometry())
        self.ui_settings.sync()
        self.workspace_view.shutdown()
        self.certificates.stop_batch()  # what it generated is kept; a re-run resumes
        self.records_io.stop()  # an import keeps what it committed
        self.sync.stop()  # a sync keeps every page and answer it committed
        write_pool().waitForDone(BATCH_STOP_WAIT_MS)  # writes (a save, a generation, a batch) end first
        self.certificates.hide_all()
        # Searches read the cache on worker threads: let them end before the workspace is closed.
        QThreadPool.globalInstance().waitForDone(SHUTDOWN_WAIT_MS)
        super().closeEvent(event)

