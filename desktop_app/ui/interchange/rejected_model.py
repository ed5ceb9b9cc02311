"""The lines an import did not apply, as a small table model: rejected lines with the parser's
reason, and lines kept local (the person has unsynced changes), in line order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from desktop_app.services.interchange import ImportReport
from desktop_app.ui.common.badges import BAD, WARN

AnyIndex = QModelIndex | QPersistentModelIndex
LineRole = int(Qt.ItemDataRole.UserRole) + 1  # the line number as an int
KeptLocalRole = int(Qt.ItemDataRole.UserRole) + 2  # True for a line kept local (not rejected)


@dataclass(frozen=True)
class ReportLine:
    """One line of the file that was not applied, and why."""

    line: int
    reason: str
    kept_local: bool = False


def kept_local_reason(id_number: str) -> str:
    return QCoreApplication.translate("interchange", "保留本地记录：{0} 有未同步的本地修改，未覆盖").format(id_number)


def report_lines(report: ImportReport) -> list[ReportLine]:
    """The rejected and kept-local lines of an import, by line number."""
    lines = [ReportLine(line, reason) for line, reason in report.rejected]
    lines += [ReportLine(line, kept_local_reason(id_number), kept_local=True) for line, id_number in report.kept_local]
    return sorted(lines, key=lambda item: (item.line, item.kept_local))


class RejectedLinesModel(QAbstractTableModel):
    """Columns 行号 and 原因; a kept-local line is shown in the warning colour, a rejected one in red."""

    COLUMNS = 2

    def __init__(self, lines: Sequence[ReportLine] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines = list(lines)
        self._headers = (self.tr("行号"), self.tr("原因"))

    def lines(self) -> list[ReportLine]:
        return list(self._lines)

    def set_lines(self, lines: Sequence[ReportLine]) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < self.COLUMNS):
            return self._headers[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        item = self._lines[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return str(item.line) if column == 0 else item.reason
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            return QColor((WARN if item.kept_local else BAD).foreground)
        if role == LineRole:
            return item.line
        if role == KeptLocalRole:
            return item.kept_local
        return None
