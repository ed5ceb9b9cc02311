"""The window's sync: the 同步 action (F9), progress with cancel, the status-bar indicator, automatic sync
every N minutes (a setting) while the window is open, and the outbox and conflict windows.

The sync itself runs on the write thread through `Op`; every page it writes is committed, so 取消
leaves a consistent cache. Its result publishes a bulk change, so every view refreshes by itself.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

from desktop_app.demo.province import DemoServer
from desktop_app.services.api.sync import SyncOutcome, SyncOverview
from desktop_app.services.changes import ChangeKind, OpChanges
from desktop_app.services.context import WorkspaceContext
from desktop_app.sync.engine import Cancelled
from desktop_app.ui.common.changes import change_bus
from desktop_app.ui.common.errors import show_error
from desktop_app.ui.common.operations import Op
from desktop_app.ui.progress.labels import kind_label
from desktop_app.ui.sync.conflict_window import ConflictWindow
from desktop_app.ui.sync.outbox_window import OutboxWindow
from desktop_app.ui.sync.status_label import SyncStatusLabel

_REFRESH_ON = {ChangeKind.RECORD, ChangeKind.OUTBOX, ChangeKind.BULK, ChangeKind.GENERATED, ChangeKind.PHOTO,
               ChangeKind.CERTIFICATE, ChangeKind.SETTINGS}


class _Pace:
    """The progress dialog's words: what is moving, how many of how many, how fast, how long still."""

    WORDS: ClassVar[dict[str, str]] = {"snapshot": QT_TRANSLATE_NOOP("SyncController", "下载省级数据"),
                                       "feed": QT_TRANSLATE_NOOP("SyncController", "下载省级更新"),
                                       "push": QT_TRANSLATE_NOOP("SyncController", "上传本地修改")}

    def __init__(self) -> None:
        self.phase = ""
        self.started: tuple[str, float, int] | None = None

    def describe(self, done: int, total: int) -> str:
        now = time.monotonic()
        if self.started is None or self.started[0] != self.phase:
            self.started = (self.phase, now, done)
        _phase, since, first = self.started
        rate = (done - first) / (now - since) if now - since > 1 else 0
        phase = self.WORDS.get(self.phase) or QT_TRANSLATE_NOOP("SyncController", "同步")
        text = QCoreApplication.translate("SyncController", "正在{0}：{1:,} / {2:,}").format(
            QCoreApplication.translate("SyncController", phase), done, total)
        if rate > 0 and total > done:
            left = (total - done) / rate
            remaining = (QCoreApplication.translate("SyncController", "{0} 分 {1} 秒").format(
                int(left // 60), int(left % 60)) if left >= 60
                else QCoreApplication.translate("SyncController", "{0} 秒").format(int(left)))
            text += QCoreApplication.translate("SyncController", "（每秒 {0:,.0f}，约剩 {1}）").format(rate, remaining)
        return text


class SyncController(QObject):
    def __init__(self, ctx: WorkspaceContext, window: QMainWindow, edit_person: Callable[[int], None],
                 show_status: Callable[[str], None]) -> None:
        super().__init__(window)
        self.ctx, self.window, self.edit_person, self.show_status = ctx, window, edit_person, show_status
        self.sync_action = QAction(self.tr("同步(&S)"), window)
        self.sync_action.setObjectName("syncAction")
        self.sync_action.setShortcut(QKeySequence("F9"))
        self.sync_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.sync_action.setToolTip(self.tr("与省级服务器同步：下载省级数据，上传本地修改（F9）"))
        self.sync_action.triggered.connect(self.sync_now)
        window.addAction(self.sync_action)
        self.outbox_action = QAction(self.tr("待同步修改…"), window)
        self.outbox_action.setObjectName("outboxAction")
        self.outbox_action.triggered.connect(self.show_outbox)
        self.conflicts_action = QAction(self.tr("冲突处理…"), window)
        self.conflicts_action.setObjectName("conflictsAction")
        self.conflicts_action.triggered.connect(self.show_conflicts)
        self.label = SyncStatusLabel()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._auto_sync)
        self.running: Op | None = None
        self.outbox_window: OutboxWindow | None = None
        self.conflict_window: ConflictWindow | None = None
        self.demo_server: DemoServer | None = None
        self.notice: str | None = None  # the server's notice last shown
        change_bus().changed.connect(self._changed)
        self._arm_timer()

    def add_menu(self) -> None:
        """同步(&Y), before 帮助."""
        bar = self.window.menuBar()
        menu = QMenu(self.tr("同步(&Y)"), self.window)
        menu.addAction(self.sync_action)
        menu.addSeparator()
        menu.addAction(self.outbox_action)
        menu.addAction(self.conflicts_action)
        actions = bar.actions()
        bar.insertMenu(actions[-1], menu) if actions else bar.addMenu(menu)
        self.window.statusBar().addPermanentWidget(self.label)

    def shortcuts(self) -> list[QKeySequence]:
        return [self.sync_action.shortcut()]

    def _arm_timer(self) -> None:
        minutes = self.ctx.settings.auto_sync_minutes
        if minutes > 0:
            self.timer.start(minutes * 60_000)
        else:
            self.timer.stop()

    def _changed(self, changes: OpChanges) -> None:
        if ChangeKind.SETTINGS in changes.kinds:
            self._arm_timer()
        if changes.kinds & _REFRESH_ON:
            self.refresh()

    def refresh(self) -> None:
        Op(self.window, self.ctx.sync.overview).success(self._show).failure(lambda _exc: None).run()

    def _show(self, overview: SyncOverview) -> None:
        self.label.show_overview(overview)
        self.conflicts_action.setText(self.tr("冲突处理（{0}）…").format(overview.attention) if overview.attention
                                      else self.tr("冲突处理…"))

    def _auto_sync(self) -> None:
        if self.running is None:
            self.sync_now(quiet=True)

    def sync_now(self, quiet: bool = False) -> None:
        if self.running is not None or (quiet and not self.ctx.can("sync.run")):
            return  # (auto-sync for a role that may not sync: nothing; asked for, the service says why)
        if not self.ctx.settings.sync_server:
            if not quiet:
                QMessageBox.information(self.window, self.tr("同步"),
                                        self.tr("还没有设置省级服务器。请在“文件 → 设置…”中填写服务器地址和单位令牌。"))
            return
        self.sync_action.setEnabled(False)

        pace = _Pace()

        def work(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> SyncOutcome:
            def step(phase: str, done: int, total: int) -> None:
                pace.phase = phase  # read by the GUI thread's describe: a word, no lock needed
                progress(done, total)
            return self.ctx.sync.run(progress=step, cancel=cancelled)

        op = Op(self.window, work, writes=True)
        if not quiet:
            op.with_progress(self.tr("正在与省级服务器同步…"), pace.describe)
        self.running = op.success(self._done).failure(lambda exc: self._failed(exc, quiet)).run()

    def _done(self, outcome: SyncOutcome) -> None:
        self.running = None
        self.sync_action.setEnabled(self.ctx.can("sync.run"))
        self.label.set_online(True)
        report = outcome.report
        text = self.tr("同步完成：下载 {0} 人，上传 {1} 项").format(report.pulled, report.pushed)
        if report.conflicts or report.rejected:
            text += self.tr("；{0} 项冲突、{1} 项被拒绝，请处理").format(report.conflicts, report.rejected)
        if not report.verified:
            differing = (f"{unit} {kind_label(kind, self.ctx.rules)}" for unit, kind in report.mismatched)
            text += self.tr("；核对不一致：{0}").format(self.tr("、").join(differing))
        self.show_status(text)
        if report.message and report.message != self.notice:  # a notice is shown once, not at every sync
            self.notice = report.message
            QMessageBox.information(self.window, self.tr("省级通知"), report.message)

    def _failed(self, exc: BaseException, quiet: bool) -> None:
        self.running = None
        self.sync_action.setEnabled(self.ctx.can("sync.run"))
        self.label.set_online(not getattr(exc, "transient", False))
        self.refresh()
        if isinstance(exc, Cancelled):
            self.show_status(str(exc))
        elif quiet:
            self.show_status(self.tr("自动同步未完成：{0}").format(exc))
        else:
            show_error(self.window, exc, self.tr("同步"))

    def show_outbox(self) -> None:
        if self.outbox_window is None:
            self.outbox_window = OutboxWindow(self.ctx, self.edit_person, self.window)
        self.outbox_window.show()
        self.outbox_window.activateWindow()

    def show_conflicts(self) -> None:
        if self.conflict_window is None:
            self.conflict_window = ConflictWindow(self.ctx, self.window)
        self.conflict_window.show()
        self.conflict_window.activateWindow()

    def start_demo_server(self) -> None:
        """A demo workspace syncs with its own provincial server, started here and stopped with the window."""
        if self.demo_server is not None:
            return
        try:
            self.demo_server = self.ctx.sync.start_demo_server()
        except Exception as exc:  # the demo works without it: say why sync is not available
            self.show_status(self.tr("演示省级服务器未能启动：{0}").format(exc))
        self.refresh()

    def stop(self) -> None:
        self.timer.stop()
        if self.running is not None:
            self.running.cancel_event.set()
        if self.demo_server is not None:
            self.demo_server.stop()
            self.demo_server = None
