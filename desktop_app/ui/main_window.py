"""The main window: the counter / phone-inquiry workspace, the cache summary in the status bar,
the demo fill on first start, and layout memory in the workspace's `ui.ini`."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox

from desktop_app import __version__
from desktop_app.errors import KnownError
from desktop_app.services import workspace as ws
from desktop_app.services.search import SearchService
from desktop_app.ui.operations import Op
from desktop_app.ui.workspace_view import WorkspaceView

UI_SETTINGS_FILE = "ui.ini"
SHUTDOWN_WAIT_MS = 3000  # how long closing waits for searches still running on worker threads


class MainWindow(QMainWindow):
    def __init__(self, workspace: ws.Workspace, *, today: dt.date | None = None) -> None:
        """`today` fixes the day statuses are computed for (tests, demos); None: the real date."""
        super().__init__()
        self.workspace = workspace
        self.ui_settings = QSettings(str(workspace.data_dir / UI_SETTINGS_FILE), QSettings.Format.IniFormat)
        self.setObjectName("MainWindow")
        self._set_title()
        self.search_service = SearchService(workspace.cache)
        self.workspace_view = WorkspaceView(self.search_service, self, today=today)
        self.setCentralWidget(self.workspace_view)
        self.summary_label = QLabel(self.tr("正在打开工作区…"))
        self.summary_label.setObjectName("summaryLabel")
        self.statusBar().addPermanentWidget(self.summary_label)
        self.workspace_view.statusMessage.connect(lambda text: self.statusBar().showMessage(text, 8000))
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

    def closeEvent(self, event: QCloseEvent) -> None:
        self.workspace_view.save_layout(self.ui_settings)
        self.ui_settings.setValue("main/geometry", self.saveGeometry())
        self.ui_settings.sync()
        self.workspace_view.shutdown()
        # Searches read the cache on worker threads: let them end before the workspace is closed.
        QThreadPool.globalInstance().waitForDone(SHUTDOWN_WAIT_MS)
        super().closeEvent(event)
