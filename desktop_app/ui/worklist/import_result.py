"""The result of a supplement import: applied, unchanged, unfilled, and every rejected row with its
column and reason (copyable, so the enterprise can be told what to correct)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.supplement_import import Rejection, SupplementReport
from desktop_app.ui.common.badges import BAD, GOOD
from desktop_app.ui.common.labels import data_field

AnyIndex = QModelIndex | QPersistentModelIndex


class RejectionsModel(QAbstractTableModel):
    """The rejected rows of an import: row, column, header, reason."""

    def __init__(self, rejected: Sequence[Rejection], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows = list(rejected)
        self._headers = (self.tr("行"), self.tr("列"), self.tr("栏目"), self.tr("原因"))

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 4:
            return self._headers[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (str(item.row), item.column, item.header, item.reason)[index.column()]
        return None

    def as_text(self) -> str:
        line = self.tr("第 {row} 行，{column} 列（{header}）：{reason}")
        return "\n".join(line.format(row=r.row, column=r.column, header=r.header, reason=r.reason) for r in self._rows)


class SupplementResultDialog(QDialog):
    """What an import did: applied, unchanged, unfilled, and every rejected row with its column and reason."""

    def __init__(self, report: SupplementReport, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importResultDialog")
        self.setWindowTitle(self.tr("导入结果 — {0}").format(file_name))
        self.report = report
        tone = BAD if report.rejected else GOOD
        summary = QLabel(self.tr(
            "共读取 {rows} 行：已更新 {applied} 人，与现有信息相同 {unchanged} 人，未填写 {unfilled} 人，"
            "被拒绝 {rejected} 行。").format(rows=report.rows, applied=report.applied, unchanged=report.unchanged,
                                          unfilled=report.unfilled, rejected=report.rejected_rows))
        summary.setObjectName("importSummary")
        summary.setWordWrap(True)
        summary.setStyleSheet(f"color: {tone.foreground}; background: {tone.background};"
                              f" border: 1px solid {tone.border}; border-radius: 4px; padding: 8px; font-size: 11pt;")
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        if report.file_unit:
            unit_row = QHBoxLayout()
            unit_row.addWidget(QLabel(self.tr("模板导出单位：")))
            unit = data_field(QLabel(report.file_unit))  # the unit's name as the template has it
            unit.setObjectName("importFileUnit")
            unit_row.addWidget(unit)
            unit_row.addStretch(1)
            layout.addLayout(unit_row)
        self.rejections = RejectionsModel(report.rejected, self)
        self.table = QTableView()
        self.table.setObjectName("rejectionsTable")
        self.table.setModel(self.rejections)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        for column in (0, 1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        if report.rejected:
            note = QLabel(self.tr("以下行未导入（其余有效行已全部写入）。"
                                  "请在表格中更正后重新导入，已导入的行不会重复修改："))
            note.setWordWrap(True)
            layout.addWidget(note)
            layout.addWidget(self.table, 1)
        else:
            self.table.setVisible(False)
        buttons = QHBoxLayout()
        copy = QPushButton(self.tr("复制拒绝原因"))
        copy.setEnabled(bool(report.rejected))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.rejections.as_text()))
        close = QPushButton(self.tr("关闭"))
        close.setDefault(True)
        close.clicked.connect(self.accept)
        buttons.addWidget(copy)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.resize(760, 460 if report.rejected else 160)
