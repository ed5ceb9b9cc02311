"""同步 → 冲突处理: each field changed both here and at the province, side by side — the value it was
based on, ours (who, when), theirs (which bureau, when) — with 保留本地 / 采用省级 / 填写其他值 for the
selected field or 整条记录 (every open conflict of that person). The choice is an audited change that syncs."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
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

from desktop_app.services.changes import OpChanges, merged
from desktop_app.services.context import WorkspaceContext
from desktop_app.services.sync_inbox import ConflictRow
from desktop_app.ui.common.changes import change_bus
from desktop_app.ui.common.errors import show_error
from desktop_app.ui.common.operations import Op
from desktop_app.ui.common.rows_model import RowsModel
from desktop_app.ui.sync.fields import sync_field_name, value_text


def _when(row_at: Any) -> str:
    return row_at.strftime("%m-%d %H:%M") if row_at else ""


class ConflictModel(RowsModel[ConflictRow]):
    # RowsModel.headerData translates them with self.tr: under this class's name
    HEADERS = (QT_TRANSLATE_NOOP("ConflictModel", "身份证号"), QT_TRANSLATE_NOOP("ConflictModel", "姓名"),
               QT_TRANSLATE_NOOP("ConflictModel", "字段"), QT_TRANSLATE_NOOP("ConflictModel", "原值"),
               QT_TRANSLATE_NOOP("ConflictModel", "本地的值"), QT_TRANSLATE_NOOP("ConflictModel", "本地修改人"),
               QT_TRANSLATE_NOOP("ConflictModel", "省级的值"), QT_TRANSLATE_NOOP("ConflictModel", "省级修改单位"))

    def cell(self, c: ConflictRow, column: int) -> str:
        return (c.id_number or c.entity_key, c.person_name or "", sync_field_name(c.field),
                value_text(c.field, c.base), value_text(c.field, c.yours),
                f"{c.yours_by or ''} {_when(c.yours_at)}".strip(), value_text(c.field, c.theirs),
                " ".join(x for x in (c.theirs_by, c.theirs_operator, _when(c.theirs_at)) if x))[column]


class ConflictWindow(QDialog):
    def __init__(self, ctx: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("conflictWindow")
        self.setWindowTitle(self.tr("同步冲突处理"))
        self.resize(1000, 380)
        self.model = ConflictModel(self)
        self.table = QTableView()
        self.table.setObjectName("conflictTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.empty_label = QLabel(self.tr("没有同步冲突"))
        self.whole_record = QCheckBox(self.tr("整条记录（此人所有冲突字段）"))
        self.whole_record.setObjectName("conflictWholeRecord")
        self.mine_button = QPushButton(self.tr("保留本地"))
        self.mine_button.setObjectName("conflictKeepMine")
        self.theirs_button = QPushButton(self.tr("采用省级"))
        self.theirs_button.setObjectName("conflictKeepTheirs")
        self.other_button = QPushButton(self.tr("填写其他值…"))
        self.other_button.setObjectName("conflictOther")
        self.mine_button.clicked.connect(lambda: self.resolve("mine"))
        self.theirs_button.clicked.connect(lambda: self.resolve("theirs"))
        self.other_button.clicked.connect(self.other_value)
        row = QHBoxLayout()
        row.addWidget(self.whole_record)
        for button in (self.mine_button, self.theirs_button, self.other_button):
            row.addWidget(button)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        close.rejected.connect(self.reject)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("本地修改与省级修改不一致的字段。处理结果会记入修改记录，并在下次同步时上传。")))
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.table.selectionModel().selectionChanged.connect(self._enable)
        change_bus().changed.connect(self._changed)
        self.reload()

    def _changed(self, _changes: object) -> None:
        self.reload()

    def reload(self) -> None:
        Op(self, self.ctx.sync.conflicts).success(self._show).failure(lambda exc: show_error(self, exc)).run()

    def _show(self, rows: list[ConflictRow]) -> None:
        self.model.set_rows(rows)
        self.empty_label.setVisible(not rows)
        if rows and not self.table.selectionModel().selectedRows():
            self.table.selectRow(0)
        self._enable()

    def selected(self) -> ConflictRow | None:
        indexes = self.table.selectionModel().selectedRows()
        return self.model.rows[indexes[0].row()] if indexes else None

    def _enable(self) -> None:
        chosen = self.selected() is not None
        for button in (self.mine_button, self.theirs_button, self.other_button):
            button.setEnabled(chosen)

    def _targets(self) -> list[ConflictRow]:
        row = self.selected()
        if row is None:
            return []
        if self.whole_record.isChecked():
            return [c for c in self.model.rows if c.person_id == row.person_id]
        return [row]

    def resolve(self, keep: str, value: str | None = None) -> None:
        targets = [c.id for c in self._targets()]
        if not targets:
            return

        def work() -> OpChanges:
            return merged(self.ctx.sync.resolve(conflict_id, keep, value) for conflict_id in targets)

        Op(self, work, writes=True).failure(lambda exc: show_error(self, exc)).run()

    def other_value(self) -> None:
        row = self.selected()
        if row is None:
            return
        prompt = self.tr("“{0}”的新值：").format(sync_field_name(row.field))
        text, ok = QInputDialog.getText(self, self.tr("填写其他值"), prompt, text=row.yours or "")
        if ok:
            self.resolve("value", text.strip() or None)
