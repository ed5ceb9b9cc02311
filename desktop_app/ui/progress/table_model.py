"""The unit × kind table: one row per issuing unit (the rules' order) and a 合计 row, one column per kind
present (A 证 … 特种·工种) and a 合计 column; each cell shows the figure chosen in the window.

Sorting (by the unit column: the rules' order; by any other: the figure shown) never moves the 合计
row: it stays last. A cell's background shows its conversion (labels.share_colour).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHeaderView, QStyle, QWidget

from desktop_app.domain.rules import Rules
from desktop_app.services.progress.figures import Figures, ProgressTable, summed
from desktop_app.ui.progress.labels import (
    CONVERTED,
    cell_tooltip,
    figure_label,
    figure_text,
    figure_value,
    kind_choice_label,
    kind_header,
    kind_label,
    legend_text,
    share_colour,
    short_unit,
)
from desktop_app.ui.progress.loading import SPECIAL_GROUP, shown_kinds

AnyIndex = QModelIndex | QPersistentModelIndex
UNIT_COLUMN = 0
FiguresRole = Qt.ItemDataRole.UserRole + 1  # the cell's Figures
DrillRole = Qt.ItemDataRole.UserRole + 2  # (unit or None, kind or None, figure): whose holders a cell lists
SORT_ROOM = 16  # px a column keeps for the sort arrow


class CompactHeader(QHeaderView):
    """Columns as wide as their text and the sort arrow: Qt's own reserves the height of a section for the
    arrow, which for a header of four lines is wider than the figures below it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(True)
        self.setHighlightSections(True)

    def sectionSizeFromContents(self, logicalIndex: int) -> QSize:
        size = super().sectionSizeFromContents(logicalIndex)
        if self.isSortIndicatorShown():
            margin = self.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, self)
            size.setWidth(size.width() - size.height() - margin + SORT_ROOM)
        return size


@dataclass(frozen=True)
class KindColumn:
    kinds: tuple[str, ...]  # what the column sums (one kind, or every kind shown for 合计)
    drill_kind: str | None  # the kind the drill-down asks for (None: every kind)
    total: bool = False


class ProgressTableModel(QAbstractTableModel):
    def __init__(self, rules: Rules, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rules = rules
        self.table: ProgressTable | None = None
        self.unit: str | None = None  # only this unit's row (None: every unit and the 合计 row)
        self.kind_choice: str | None = None
        self.figure = CONVERTED
        self.units: list[str | None] = []  # the rows in display order; None is the 合计 row
        self.columns: list[KindColumn] = []
        self.sort_column = UNIT_COLUMN
        self.sort_order = Qt.SortOrder.AscendingOrder

    # --- what is shown ------------------------------------------------------------------------

    def set_table(self, table: ProgressTable | None, unit: str | None = None, kind_choice: str | None = None) -> None:
        self.beginResetModel()
        self.table, self.unit, self.kind_choice = table, unit, kind_choice
        self.columns = self._columns()
        self.units = self._units()
        self._sort_rows()
        self.endResetModel()

    def set_figure(self, figure: str) -> None:
        self.figure = figure
        if self.sort_column != UNIT_COLUMN:
            self._resort()
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)  # (the tooltips)

    def _columns(self) -> list[KindColumn]:
        if self.table is None:
            return []
        kinds = shown_kinds(self.table, self.kind_choice)
        columns = [KindColumn((k,), k) for k in kinds]
        if len(kinds) != 1 or self.kind_choice not in kinds:
            drill = SPECIAL_GROUP if self.kind_choice == SPECIAL_GROUP else None
            columns.append(KindColumn(kinds, drill, total=True))
        return columns

    def _units(self) -> list[str | None]:
        if self.table is None:
            return []
        if self.unit is not None:
            return [self.unit]
        units: list[str | None] = list(self.table.units)
        return [*units, None] if units else []

    def figures(self, unit: str | None, column: KindColumn) -> Figures:
        assert self.table is not None
        if column.total and self.kind_choice is None:
            return self.table.cell(unit, None)
        return summed(self.table.cell(unit, k) for k in column.kinds)

    def _at(self, index: AnyIndex) -> tuple[str | None, KindColumn] | None:
        if not index.isValid() or index.column() == UNIT_COLUMN or self.table is None:
            return None
        row, column = index.row(), index.column() - 1
        if not (0 <= row < len(self.units) and 0 <= column < len(self.columns)):
            return None
        return self.units[row], self.columns[column]

    def is_total_row(self, row: int) -> bool:
        return 0 <= row < len(self.units) and self.units[row] is None

    def drill_at(self, index: AnyIndex) -> tuple[str | None, str | None] | None:
        """(unit, kind) behind a cell (None: every unit / every kind); the unit column: that unit's 合计."""
        if index.isValid() and index.column() == UNIT_COLUMN and 0 <= index.row() < len(self.units) and self.columns:
            return self.units[index.row()], self.columns[-1].drill_kind
        found = self._at(index)
        return (found[0], found[1].drill_kind) if found else None

    # --- the model ----------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.units)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or not self.columns else 1 + len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section <= len(self.columns):
            return None
        column = self.columns[section - 1] if section else None
        if role == Qt.ItemDataRole.DisplayRole:
            if column is None:
                return self.tr("发证单位")
            return self.tr("合计") if column.total else kind_header(column.kinds[0], self.rules)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column is None:
                return self.tr("点击按发证单位顺序排序")
            what = (kind_choice_label(self.kind_choice, self.rules) if column.total
                    else kind_label(column.kinds[0], self.rules))
            return self.tr("{0}：点击按“{1}”排序（合计行始终在最后）\n{2}").format(
                what, figure_label(self.figure), legend_text())
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.units):
            return None
        unit = self.units[index.row()]
        if index.column() == UNIT_COLUMN:
            return self._unit_data(unit, role)
        found = self._at(index)
        if found is None:
            return None
        figures = self.figures(*found)
        if role == Qt.ItemDataRole.DisplayRole:
            return figure_text(figures, self.figure)
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell_tooltip(self._place(unit, found[1]), figures)
        if role == Qt.ItemDataRole.BackgroundRole:
            return share_colour(figures.converted)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole:
            return self._bold() if unit is None or found[1].total else None
        if role == FiguresRole:
            return figures
        if role == DrillRole:
            return unit, found[1].drill_kind, self.figure
        return None

    def _unit_data(self, unit: str | None, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr("合计") if unit is None else short_unit(unit)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("全部发证单位") if unit is None else unit
        if role == Qt.ItemDataRole.FontRole and unit is None:
            return self._bold()
        return None

    def _place(self, unit: str | None, column: KindColumn) -> str:
        where = unit or self.tr("全部发证单位")
        what = (kind_choice_label(self.kind_choice, self.rules) if column.total
                else kind_label(column.kinds[0], self.rules))
        return f"{where} · {what}"

    @staticmethod
    def _bold() -> QFont:
        font = QFont()
        font.setBold(True)
        return font

    # --- sorting ------------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sort_column, self.sort_order = column, order
        self._resort()

    def _resort(self) -> None:
        """Sort again, the selection and the current cell staying on their units."""
        self.layoutAboutToBeChanged.emit()
        kept = [(i, self.units[i.row()], i.column()) for i in self.persistentIndexList() if i.row() < len(self.units)]
        self._sort_rows()
        rows = {u: r for r, u in enumerate(self.units)}
        self.changePersistentIndexList([i for i, _u, _c in kept],
                                       [self.index(rows[u], c) for _i, u, c in kept])
        self.layoutChanged.emit()

    def _sort_rows(self) -> None:
        """The rules' order (ascending) or the figure shown in the sort column; 合计 stays last."""
        position = {u: i for i, u in enumerate(self.table.units)} if self.table is not None else {}
        units = sorted((u for u in self.units if u is not None), key=lambda u: position.get(u, len(position)))
        reverse = self.sort_order == Qt.SortOrder.DescendingOrder
        if self.sort_column == UNIT_COLUMN or not 0 < self.sort_column <= len(self.columns):
            units.sort(key=lambda u: position.get(u, len(position)), reverse=reverse)
        else:
            column = self.columns[self.sort_column - 1]
            units.sort(key=lambda u: figure_value(self.figures(u, column), self.figure), reverse=reverse)
        self.units = [*units, None] if None in self.units else units
