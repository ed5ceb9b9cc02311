"""The main window. Issue 2 gives the frame: workspace summary, demo fill on first start, layout memory."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QVBoxLayout, QWidget

from desktop_app import __version__
from desktop_app.errors import KnownError
from desktop_app.services import workspace as ws
from desktop_app.ui.operations import Op

UI_SETTINGS_FILE = "ui.ini"


class MainWindow(QMainWindow):
    def __init__(self, workspace: ws.Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.ui_settings = QSettings(str(workspace.data_dir / UI_SETTINGS_FILE), QSettings.Format.IniFormat)
        self.setObjectName("MainWindow")
        self._set_title()
        self.summary_label = QLabel(self.tr("正在打开工作区…"))
        self.summary_label.setObjectName("summaryLabel")
        self.summary_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body = QWidget()
        layout = QVBoxLayout(body)
        heading = QLabel(self.tr("建设从业人员证书工作台"))
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        heading.setStyleSheet("font-size: 22pt; font-weight: bold;")
        layout.addStretch(1)
        layout.addWidget(heading)
        layout.addWidget(self.summary_label)
        layout.addStretch(2)
        self.setCentralWidget(body)
        self._build_menu()
        self.resize(1100, 720)
        geometry = self.ui_settings.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

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
        help_menu = self.menuBar().addMenu(self.tr("帮助(&H)"))
        about = QAction(self.tr("关于 CertDesk(&A)"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def start(self) -> None:
        """After show(): fill a demo workspace on first start, then show the summary."""
        Op(self, lambda: ws.is_empty(self.workspace)).success(self._maybe_fill_demo).failure(self._error).run()

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

    def refresh_summary(self) -> None:
        Op(self, lambda: ws.summary(self.workspace)).success(self._show_summary).failure(self._error).run()

    def _show_summary(self, summary: ws.Summary) -> None:
        self.summary_label.setText(self.tr("本地缓存：{persons} 人，{certs} 本证书（旧版 {old}，新版 {new}）").format(
            persons=f"{summary.persons:,}", certs=f"{summary.certificates:,}", old=f"{summary.old_format:,}",
            new=f"{summary.new_format:,}"))
        self.statusBar().showMessage(str(self.workspace.cache.path))

    def _error(self, exc: BaseException) -> None:
        message = str(exc) if isinstance(exc, KnownError) else self.tr("内部错误：{0}").format(exc)
        self.summary_label.setText(message)
        QMessageBox.warning(self, self.tr("CertDesk"), message)

    def _about(self) -> None:
        QMessageBox.about(self, self.tr("关于 CertDesk"),
                          self.tr("CertDesk {0}\n建设从业人员证书工作台").format(__version__))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self.ui_settings.setValue("main/geometry", self.saveGeometry())
        self.ui_settings.sync()
        super().closeEvent(event)
