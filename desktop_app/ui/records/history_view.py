"""A record's history in the detail pane: every audited change (edits.history), newest first.

A collapsible section: its header says how many changes there are; the table shows time, operator,
what was changed, old → new and the reason. The model is a plain `QAbstractTableModel` over the
`HistoryEntry` list the service returns (read off the GUI thread by the workspace).
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.history import HistoryEntry, source_label, value_label

UNDO_REASON = "撤销上一次修改"  # the reason edits.undo_last writes
MAX_VISIBLE_ROWS = 8

AnyIndex = QModelIndex | QPersistentModelIndex
EntryRole = int(Qt.ItemDataRole.UserRole) + 1


class HistoryColumn(IntEnum):
    AT = 0
    OPERATOR = 1
    FIELD = 2
    CHANGE = 3
    REASON = 4


def _value(text: str | None) -> str:
    return text if text else "（空）"


def short_value(entry: HistoryEntry, text: str | None) -> str:
    """Photo changes are audited as digests: show them as such, not as 64 hex characters; coded
    values (版式 old/new) as words."""
    if entry.field == "photo":
        return "照片" if text else "（无照片）"
    return _value(value_label(entry.field, text))


def change_text(entry: HistoryEntry) -> str:
    if entry.field == "photo":
        if entry.old_value and entry.new_value:
            return "更换了照片"
        return "添加了照片" if entry.new_value else "删除了照片"
    return f"{short_value(entry, entry.old_value)} → {short_value(entry, entry.new_value)}"


def last_change_group(entries: Sequence[HistoryEntry]) -> list[HistoryEntry]:
    """The entries of the newest change that has not been undone (what "undo" would revert).

    A save audits each field with the same time, operator and reason; an undo audits its fields
    with the reason "撤销上一次修改" and cancels the newest earlier save. Walk newest first.
    """
    groups: list[list[HistoryEntry]] = []
    for entry in entries:  # newest first
        key = (entry.at, entry.operator, entry.reason, entry.entity, entry.source)
        if groups and (groups[-1][0].at, groups[-1][0].operator, groups[-1][0].reason, groups[-1][0].entity,
                       groups[-1][0].source) == key:
            groups[-1].append(entry)
        else:
            groups.append([entry])
    undone = 0
    for group in groups:
        if group[0].reason == UNDO_REASON:
            undone += 1
        elif undone:
            undone -= 1
        elif group[0].source == "local":
            return group
        else:
            return []
    return []


class HistoryModel(QAbstractTableModel):
    """The audited changes of one record, newest first."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[HistoryEntry] = []
        self._headers = {
            HistoryColumn.AT: self.tr("时间"),
            HistoryColumn.OPERATOR: self.tr("操作员"),
            HistoryColumn.FIELD: self.tr("项目"),
            HistoryColumn.CHANGE: self.tr("原值 → 新值"),
            HistoryColumn.REASON: self.tr("原因"),
        }

    def set_entries(self, entries: Sequence[HistoryEntry]) -> None:
        self.beginResetModel()
        self._entries = sorted(entries, key=lambda e: e.at, reverse=True)  # newest first (stable for ties)
        self.endResetModel()

    def entry(self, row: int) -> HistoryEntry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HistoryColumn)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(HistoryColumn):
            return self._headers[HistoryColumn(section)]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.entry(index.row()) if index.isValid() else None
        if entry is None or not 0 <= index.column() < len(HistoryColumn):
            return None
        column = HistoryColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(entry)
        if role == Qt.ItemDataRole.ForegroundRole and entry.reason == UNDO_REASON:
            return QColor("#8a4b00")
        if role == EntryRole:
            return entry
        return None

    def _display(self, entry: HistoryEntry, column: HistoryColumn) -> str:
        if column == HistoryColumn.AT:
            return entry.at.strftime("%Y-%m-%d %H:%M")
        if column == HistoryColumn.OPERATOR:
            return entry.operator
        if column == HistoryColumn.FIELD:
            label = entry.field_label or self.tr("（整条记录）")
            if entry.entity == "certificate":
                return self.tr("{0}（证书）").format(label)
            return label
        if column == HistoryColumn.CHANGE:
            return change_text(entry)
        return entry.reason or ""

    def _tooltip(self, entry: HistoryEntry) -> str:
        lines = [
            self.tr("时间：{0}").format(entry.at.isoformat(sep=" ")),
            self.tr("操作员：{0}").format(entry.operator),
            self.tr("对象：{0}").format(entry.entity_key),
            self.tr("项目：{0}").format(entry.field_label or "—"),
            self.tr("原值：{0}").format(short_value(entry, entry.old_value)),
            self.tr("新值：{0}").format(short_value(entry, entry.new_value)),
            self.tr("原因：{0}").format(entry.reason or "—"),
            self.tr("来源：{0}").format(source_label(entry.source)),
        ]
        return "\n".join(lines)


class HistorySection(QWidget):
    """A collapsible "修改记录" section for the detail pane."""

    toggled = Signal(bool)  # expanded

    def __init__(self, parent: QWidget | None = None, *, expanded: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("historySection")
        self.model = HistoryModel(self)
        self.header = QToolButton()
        self.header.setObjectName("historyToggle")
        self.header.setCheckable(True)
        self.header.setChecked(expanded)
        self.header.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.header.setAutoRaise(True)
        self.header.setStyleSheet("QToolButton#historyToggle { font-weight: bold; font-size: 11pt; color: #333;"
                                  " border: none; border-bottom: 1px solid #ccc; padding: 4px 0 2px 0; }")
        self.table = QTableView()
        self.table.setObjectName("historyTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(HistoryColumn.AT, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(HistoryColumn.OPERATOR, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(HistoryColumn.FIELD, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(HistoryColumn.CHANGE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(HistoryColumn.CHANGE, 170)
        header.setStretchLastSection(True)
        self.empty_label = QLabel(self.tr("暂无修改记录"))
        self.empty_label.setObjectName("historyEmpty")
        self.empty_label.setStyleSheet("color: #999;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.header)
        layout.addWidget(self.table)
        layout.addWidget(self.empty_label)
        self.header.toggled.connect(self._toggled)
        self.set_entries([])

    def set_entries(self, entries: Sequence[HistoryEntry] | None) -> None:
        """None: the history could not be read (shown as such)."""
        self.model.set_entries(entries or [])
        count = self.model.rowCount()
        if entries is None:
            self.empty_label.setText(self.tr("无法读取修改记录"))
        else:
            self.empty_label.setText(self.tr("暂无修改记录"))
        self.header.setText(self.tr("修改记录（{0}）").format(count))
        self._fit_height()
        self._update_visibility()

    def expanded(self) -> bool:
        return self.header.isChecked()

    def _toggled(self, on: bool) -> None:
        self._update_visibility()
        self.toggled.emit(on)

    def _update_visibility(self) -> None:
        on = self.header.isChecked()
        self.header.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        has_rows = self.model.rowCount() > 0
        self.table.setVisible(on and has_rows)
        self.empty_label.setVisible(on and not has_rows)

    def _fit_height(self) -> None:
        rows = min(max(self.model.rowCount(), 1), MAX_VISIBLE_ROWS)
        height = (self.table.horizontalHeader().sizeHint().height()
                  + rows * self.table.verticalHeader().defaultSectionSize() + 2 * self.table.frameWidth() + 2)
        self.table.setFixedHeight(height)
