"""The results table of the workspace: keys, the columns the user may move, hide and resize, and
their memory in the workspace's `ui.ini`.

The columns fit the table's width (`FitHeader`): each as wide as a typical value, the enterprise
takes the rest; a width the user drags is kept and remembered; 恢复默认列 returns to the fit."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import cast

from PySide6.QtCore import QCoreApplication, QModelIndex, QPoint, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QMenu, QTableView, QWidget

from desktop_app.domain.status import Status
from desktop_app.ui.common.tables import (
    SAMPLE_A_NUMBER,
    SAMPLE_ENTERPRISE,
    SAMPLE_ID,
    SAMPLE_NAME,
    SAMPLE_UNIT,
    ColumnFit,
    FitHeader,
    setup_record_table,
)
from desktop_app.ui.workspace.names import gender_name
from desktop_app.ui.workspace.results_model import Column, SearchBackend, SearchResultsModel

LAYOUT_VERSION = 2  # raise when the columns change: a saved header state of other columns is ignored
# 2: widths fit the window; the state names the columns the user sized
DEFAULT_HIDDEN = (Column.GENDER, Column.ISSUER, Column.UNSYNCED)  # (the detail pane shows them)


def column_fits() -> dict[Column, ColumnFit]:
    """Each column's typical value, in the UI's language (the texts the results model shows)."""

    def shown(text: str) -> str:
        return QCoreApplication.translate("SearchResultsModel", text)

    blocked = shown("未生成") + shown("（受阻）")
    special = QCoreApplication.translate("WorkspaceNames", "特种作业")
    return {
        Column.NAME: ColumnFit((SAMPLE_NAME,), bold=True),
        Column.GENDER: ColumnFit((gender_name("男"),)),
        Column.ID_NUMBER: ColumnFit((SAMPLE_ID,)),
        Column.EMPLOYER: ColumnFit((SAMPLE_ENTERPRISE,), shrink_to="山东建工公司", stretch=True),
        Column.CERTIFICATES: ColumnFit((shown("{0} 等 {1} 本").format(SAMPLE_A_NUMBER, 2),),
                                       shrink_to=SAMPLE_A_NUMBER + " …"),
        Column.STATUS: ColumnFit((Status.EXPIRING.label,), shrink_to="", shrink_round=2),
        Column.NEW_CERT: ColumnFit((blocked,), shrink_to="", shrink_round=2),
        Column.VALID_UNTIL: ColumnFit(("2026-12-31",)),
        Column.CATEGORY: ColumnFit((special,), shrink_to="", shrink_round=2),
        Column.ISSUER: ColumnFit((SAMPLE_UNIT,), shrink_to="济南市住房和"),
        Column.UNSYNCED: ColumnFit((shown("未同步"),)),
    }


class AutomaticWidths(Mapping[Column, int]):
    """Each column's automatic width in the application's font and style (the enterprise's before it
    takes the rest), measured on a table made for the purpose."""

    def __getitem__(self, column: Column) -> int:
        model = SearchResultsModel(cast(SearchBackend, None))
        table = ResultsTable(model)
        model.setParent(table)
        try:
            return table.fit_header.automatic_widths()[0][Column(column)]
        finally:
            table.deleteLater()

    def __iter__(self) -> Iterator[Column]:
        return iter(Column)

    def __len__(self) -> int:
        return len(Column)


DEFAULT_WIDTHS = AutomaticWidths()


class ResultsTable(QTableView):
    """The results: Esc asks for a clear, printable keys go to the search box (Enter: `activated`)."""

    escapePressed = Signal()
    typed = Signal(str)  # text typed while the results had the focus

    def __init__(self, model: SearchResultsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.results = model
        setup_record_table(self, model, "resultsTable", column_fits())
        self.setTabKeyNavigation(False)
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        self.setSortingEnabled(True)
        self.apply_default_columns()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.escapePressed.emit()
            event.accept()
            return
        text = event.text()
        plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier)
        if plain and text and text.isprintable() and not text.isspace():
            self.typed.emit(text)
            event.accept()
            return
        super().keyPressEvent(event)

    def first_visible_column(self) -> int:
        header = self.horizontalHeader()
        return header.logicalIndex(next((v for v in range(header.count())
                                         if not header.isSectionHidden(header.logicalIndex(v))), 0))

    def navigate(self, key: int) -> None:
        """Up/Down/PageUp/PageDown typed in the search box: move the current row (and load more at the end)."""
        rows = self.results.rowCount()
        if rows == 0:
            return
        current = self.currentIndex().row()
        row_height = max(self.verticalHeader().defaultSectionSize(), 1)
        page = max(1, self.viewport().height() // row_height - 1)
        step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_PageUp: -page, Qt.Key.Key_PageDown: page}[
            Qt.Key(key)]
        target = 0 if current < 0 else min(max(current + step, 0), rows - 1)
        column = max(self.currentIndex().column(), self.first_visible_column())
        index = self.results.index(target, column)
        self.setCurrentIndex(index)
        self.scrollTo(index)
        if target == rows - 1 and self.results.canFetchMore(QModelIndex()):
            self.results.fetchMore(QModelIndex())

    # --- columns ----------------------------------------------------------------------------

    @property
    def fit_header(self) -> FitHeader:
        return cast(FitHeader, self.horizontalHeader())

    def apply_default_columns(self) -> None:
        """The default columns shown, every width automatic (the user's widths forgotten)."""
        header = self.fit_header
        for column in Column:
            header.setSectionHidden(column, column in DEFAULT_HIDDEN)
        header.reset_widths()

    def _header_menu(self, pos: QPoint) -> None:
        header = self.horizontalHeader()
        menu = QMenu(self)
        for column in Column:
            action = QAction(str(self.results.headerData(column, Qt.Orientation.Horizontal)), menu)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.setEnabled(column != Column.NAME)
            action.toggled.connect(lambda on, c=column: header.setSectionHidden(c, not on))
            menu.addAction(action)
        menu.addSeparator()
        relevance = menu.addAction(self.tr("按匹配程度排序"))
        relevance.triggered.connect(lambda: self.sortByColumn(-1, Qt.SortOrder.AscendingOrder))
        defaults = menu.addAction(self.tr("恢复默认列"))
        defaults.triggered.connect(self.reset_columns)
        menu.popup(header.mapToGlobal(pos))

    def reset_columns(self) -> None:
        header = self.horizontalHeader()
        for visual, logical in enumerate(Column):
            header.moveSection(header.visualIndex(logical), visual)
        self.apply_default_columns()
        self.sortByColumn(-1, Qt.SortOrder.AscendingOrder)

    # --- memory (inside the caller's settings group) ----------------------------------------

    def save_columns(self, settings: QSettings) -> None:
        settings.setValue("layout_version", LAYOUT_VERSION)
        settings.setValue("header_state", self.horizontalHeader().saveState())
        settings.setValue("sort_column", self.results.sort_column)
        settings.setValue("sort_order", 1 if self.results.sort_order == Qt.SortOrder.DescendingOrder else 0)

    def restore_columns(self, settings: QSettings) -> None:
        """Apply what `save_columns` saved, unless it was saved for other columns."""
        same_columns = to_int(settings.value("layout_version"), 0) == LAYOUT_VERSION
        header_state = settings.value("header_state") if same_columns else None
        sort_column = to_int(settings.value("sort_column"), -1) if same_columns else -1
        sort_order = to_int(settings.value("sort_order"), 0)
        if header_state is not None and not self.horizontalHeader().restoreState(header_state):
            self.apply_default_columns()
        order = Qt.SortOrder.DescendingOrder if sort_order == 1 else Qt.SortOrder.AscendingOrder
        self.sortByColumn(sort_column if 0 <= sort_column < len(Column) else -1, order)


def to_int(value: object, default: int) -> int:
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return default
