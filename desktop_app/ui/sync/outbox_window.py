"""同步 → 待同步修改: every queued change with its record, fields, state, attempts, next retry and the
server's reason in words. 立即重试 a waiting change; for a rejected one 修改后重发 (opens the editor, the
rejected change is given up with that reason) or 放弃 (with a reason, audited)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.context import WorkspaceContext
from desktop_app.services.sync_inbox import OutboxRow
from desktop_app.ui.common.changes import change_bus
from desktop_app.ui.common.errors import show_error
from desktop_app.ui.common.operations import Op
from desktop_app.ui.common.rows_model import RowsModel
from desktop_app.ui.sync.fields import changes_text

STATES = {"pending": QT_TRANSLATE_NOOP("OutboxModel", "待发送"),
          "sending": QT_TRANSLATE_NOOP("OutboxModel", "发送中"),
          "applied": QT_TRANSLATE_NOOP("OutboxModel", "已同步"),
          "duplicate": QT_TRANSLATE_NOOP("OutboxModel", "已同步"),
          "conflict": QT_TRANSLATE_NOOP("OutboxModel", "冲突"),
          "rejected": QT_TRANSLATE_NOOP("OutboxModel", "被拒绝"),
          "retry_wait": QT_TRANSLATE_NOOP("OutboxModel", "等待重试")}


class OutboxModel(RowsModel[OutboxRow]):
    # RowsModel.headerData translates them with self.tr: under this class's name
    HEADERS = (QT_TRANSLATE_NOOP("OutboxModel", "编号"), QT_TRANSLATE_NOOP("OutboxModel", "时间"),
               QT_TRANSLATE_NOOP("OutboxModel", "记录"), QT_TRANSLATE_NOOP("OutboxModel", "姓名"),
               QT_TRANSLATE_NOOP("OutboxModel", "修改内容"), QT_TRANSLATE_NOOP("OutboxModel", "状态"),
               QT_TRANSLATE_NOOP("OutboxModel", "次数"), QT_TRANSLATE_NOOP("OutboxModel", "下次重试"),
               QT_TRANSLATE_NOOP("OutboxModel", "原因"))

    def cell(self, row: OutboxRow, column: int) -> str:
        fields = changes_text(row.fields)
        return (str(row.id), row.created_at.strftime("%m-%d %H:%M"), row.record_key, row.person_name or "", fields,
                self.tr(STATES.get(row.state, row.state)) + (self.tr("（需处理）") if row.needs_attention else ""),
                str(row.attempts), row.next_retry_at.strftime("%H:%M") if row.next_retry_at else "",
                row.reason or "")[column]

    def foreground(self, row: OutboxRow) -> QColor | None:
        return QColor("#a11b1b") if row.needs_attention else None


class OutboxWindow(QDialog):
    def __init__(self, ctx: WorkspaceContext, edit_person: Callable[[int], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.edit_person = ctx, edit_person
        self.setObjectName("outboxWindow")
        self.setWindowTitle(self.tr("待同步的修改"))
        self.resize(1000, 420)
        self.model = OutboxModel(self)
        self.table = QTableView()
        self.table.setObjectName("outboxTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()  # whole values: an elided ID number or reason helps nobody
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.empty_label = QLabel(self.tr("没有待同步的修改"))
        self.retry_button = QPushButton(self.tr("立即重试"))
        self.retry_button.setObjectName("outboxRetry")
        self.resend_button = QPushButton(self.tr("修改后重发…"))
        self.resend_button.setObjectName("outboxResend")
        self.discard_button = QPushButton(self.tr("放弃…"))
        self.discard_button.setObjectName("outboxDiscard")
        self.retry_button.clicked.connect(self.retry)
        self.resend_button.clicked.connect(self.resend)
        self.discard_button.clicked.connect(self.discard)
        buttons = QHBoxLayout()
        for button in (self.retry_button, self.resend_button, self.discard_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        close.rejected.connect(self.reject)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(self._enable)
        change_bus().changed.connect(self._changed)  # a bound slot: disconnected when the window goes
        self.reload()

    def _changed(self, _changes: object) -> None:
        self.reload()

    def reload(self) -> None:
        Op(self, self.ctx.sync.outbox).success(self._show).failure(lambda exc: show_error(self, exc)).run()

    def _show(self, rows: list[OutboxRow]) -> None:
        self.model.set_rows(rows)
        self.empty_label.setVisible(not rows)
        self._enable()

    def selected(self) -> OutboxRow | None:
        indexes = self.table.selectionModel().selectedRows()
        return self.model.rows[indexes[0].row()] if indexes else None

    def _enable(self) -> None:
        row = self.selected()
        self.retry_button.setEnabled(row is not None and row.state in ("retry_wait", "sending"))
        rejected = row is not None and row.state == "rejected"
        self.resend_button.setEnabled(rejected and row is not None and row.person_id is not None)
        self.discard_button.setEnabled(rejected)

    def retry(self) -> None:
        row = self.selected()
        if row is not None:
            Op(self, lambda: self.ctx.sync.retry_now(row.id), writes=True).failure(
                lambda exc: show_error(self, exc)).run()

    def _ask_reason(self, title: str, default: str = "") -> str | None:
        text, ok = QInputDialog.getText(self, title, self.tr("原因（记入修改记录）："), text=default)
        return text.strip() if ok and text.strip() else None

    def discard(self) -> None:
        row = self.selected()
        reason = self._ask_reason(self.tr("放弃被拒绝的修改")) if row is not None else None
        if row is not None and reason:
            Op(self, lambda: self.ctx.sync.discard(row.id, reason), writes=True).failure(
                lambda exc: show_error(self, exc)).run()

    def resend(self) -> None:
        """Give the rejected change up (its reason: to be corrected) and open the editor for a new one."""
        row = self.selected()
        if row is None or row.person_id is None:
            return
        person_id = row.person_id
        Op(self, lambda: self.ctx.sync.discard(row.id, self.tr("修改后重发：{0}").format(row.reason or "")),
           writes=True).success(lambda _r: self.edit_person(person_id)).failure(
            lambda exc: show_error(self, exc)).run()
