"""A record's history in the detail pane: every audited change (edits.history), newest first.

A collapsible section: its header says how many changes there are; the table shows time, operator,
what was changed, the value before (旧版) and after (新版), and the reason; the tooltip adds where the
change came from (本地 / 导入 / 同步). The model is a plain `QAbstractTableModel` over the
`HistoryEntry` list the service returns (read off the GUI thread by the workspace).

The services give codes (a field's name, 版式 old/new, the source local/import/sync) and the reasons
they write themselves in Chinese; they are put in the UI's language here (`field_text`, `value_text`,
`source_text`, `reason_text`), and so is the description of a change the undo prompt shows
(`change_text`, `change_line`).
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
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

from desktop_app.services.history import HistoryEntry, source_label
from desktop_app.ui.records.change_reason import REASON_PRESETS
from desktop_app.ui.records.change_reason import reason_text as preset_text
from desktop_app.ui.records.field_names import field_name

UNDO_REASON = "撤销上一次修改"  # the reason edits.undo_last writes
MAX_VISIBLE_ROWS = 8
MAX_FIELD_WIDTH = 150  # px: a longer field name is elided (the tooltip has it whole), so that 旧版 / 新版 show
CONTEXT = "HistoryView"

AnyIndex = QModelIndex | QPersistentModelIndex
EntryRole = int(Qt.ItemDataRole.UserRole) + 1

# Where a change came from (the audit log's `source`).
SOURCES = {
    "local": QT_TRANSLATE_NOOP("HistoryView", "本地"),
    "import": QT_TRANSLATE_NOOP("HistoryView", "导入"),
    "sync": QT_TRANSLATE_NOOP("HistoryView", "同步"),
}
# The certificate format as the audit log holds it (the record format's words).
FORMATS = {
    "old": QT_TRANSLATE_NOOP("HistoryView", "旧版证书"),
    "new": QT_TRANSLATE_NOOP("HistoryView", "新版证书"),
}
# The reasons the services write themselves (undo, generation, sync); the stored text stays Chinese.
SYSTEM_REASONS = {
    UNDO_REASON: QT_TRANSLATE_NOOP("HistoryView", "撤销上一次修改"),
    "生成新版证书": QT_TRANSLATE_NOOP("HistoryView", "生成新版证书"),
    "解决同步冲突": QT_TRANSLATE_NOOP("HistoryView", "解决同步冲突"),
    "解决同步冲突：采用省级": QT_TRANSLATE_NOOP("HistoryView", "解决同步冲突：采用省级"),
}
DROPPED_PREFIX = "放弃被拒绝的修改："  # services.sync_inbox: "放弃被拒绝的修改：<the server's reason>"


class HistoryColumn(IntEnum):
    AT = 0
    OPERATOR = 1
    FIELD = 2
    OLD = 3
    NEW = 4
    REASON = 5


def value_text(entry: HistoryEntry, text: str | None, *, after: bool = False) -> str:
    """A stored value as the user reads it: a photo (audited as its digest) as 照片 (新照片 when it
    replaced one: `after`), 版式 old/new as 旧版证书 / 新版证书, an empty value as （空）; other values
    (data) as they are."""
    if entry.field == "photo":
        if not text:
            return QCoreApplication.translate("HistoryView", "（无照片）")
        if after and entry.old_value:
            return QCoreApplication.translate("HistoryView", "新照片")
        return QCoreApplication.translate("HistoryView", "照片")
    if not text:
        return QCoreApplication.translate("HistoryView", "（空）")
    if entry.field == "format" and text in FORMATS:
        return QCoreApplication.translate(CONTEXT, FORMATS[text])
    return text


def field_text(entry: HistoryEntry) -> str:
    """What was changed: the field's name, marked （证书） for a certificate's field."""
    label = field_name(entry.field, entry.field_label) if entry.field else \
        QCoreApplication.translate("HistoryView", "（整条记录）")
    if entry.entity == "certificate":
        return QCoreApplication.translate("HistoryView", "{0}（证书）").format(label)
    return label


def source_text(source: str) -> str:
    """Where a change came from: 本地 / 导入 / 同步."""
    if source in SOURCES:
        return QCoreApplication.translate(CONTEXT, SOURCES[source])
    return source_label(source)


def reason_text(reason: str | None) -> str:
    """A stored reason in the UI's language when the system wrote it (or it is one of the edit dialog's
    usual reasons); a reason typed by someone stays as it was typed."""
    if not reason:
        return ""
    if reason in SYSTEM_REASONS:
        return QCoreApplication.translate(CONTEXT, SYSTEM_REASONS[reason])
    if reason.startswith(DROPPED_PREFIX):
        return QCoreApplication.translate("HistoryView", "放弃被拒绝的修改：{0}").format(reason[len(DROPPED_PREFIX):])
    if reason in REASON_PRESETS:
        return preset_text(reason)
    return reason


def change_text(entry: HistoryEntry) -> str:
    """The change in words: 旧版：… 新版：… (a photo: added, replaced or removed)."""
    if entry.field == "photo":
        if entry.old_value and entry.new_value:
            return QCoreApplication.translate("HistoryView", "更换了照片")
        if entry.new_value:
            return QCoreApplication.translate("HistoryView", "添加了照片")
        return QCoreApplication.translate("HistoryView", "删除了照片")
    return QCoreApplication.translate("HistoryView", "旧版：{old}；新版：{new}").format(
        old=value_text(entry, entry.old_value), new=value_text(entry, entry.new_value))


def change_line(entry: HistoryEntry) -> str:
    """One line of the undo prompt: what was changed, and how."""
    return QCoreApplication.translate("HistoryView", "{field}：{change}").format(
        field=field_text(entry), change=change_text(entry))


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
            HistoryColumn.OLD: self.tr("旧版"),
            HistoryColumn.NEW: self.tr("新版"),
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
            return field_text(entry)
        if column == HistoryColumn.OLD:
            return value_text(entry, entry.old_value)
        if column == HistoryColumn.NEW:
            return value_text(entry, entry.new_value, after=True)
        return reason_text(entry.reason)

    def _tooltip(self, entry: HistoryEntry) -> str:
        lines = [
            self.tr("时间：{0}").format(entry.at.isoformat(sep=" ")),
            self.tr("操作员：{0}").format(entry.operator),
            self.tr("对象：{0}").format(entry.entity_key),
            self.tr("项目：{0}").format(field_text(entry) if entry.field else "—"),
            self.tr("旧版：{0}").format(value_text(entry, entry.old_value)),
            self.tr("新版：{0}").format(value_text(entry, entry.new_value, after=True)),
            self.tr("原因：{0}").format(reason_text(entry.reason) or "—"),
            self.tr("来源：{0}").format(source_text(entry.source)),
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
        header.setSectionResizeMode(HistoryColumn.FIELD, QHeaderView.ResizeMode.Interactive)
        for column in (HistoryColumn.OLD, HistoryColumn.NEW):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, 110)
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
        self._fit_field_column()
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

    def _fit_field_column(self) -> None:
        self.table.resizeColumnToContents(HistoryColumn.FIELD)
        header = self.table.horizontalHeader()
        header.resizeSection(HistoryColumn.FIELD, min(header.sectionSize(HistoryColumn.FIELD), MAX_FIELD_WIDTH))

    def _fit_height(self) -> None:
        rows = min(max(self.model.rowCount(), 1), MAX_VISIBLE_ROWS)
        height = (self.table.horizontalHeader().sizeHint().height()
                  + rows * self.table.verticalHeader().defaultSectionSize() + 2 * self.table.frameWidth() + 2)
        self.table.setFixedHeight(height)
