"""The "换发进度" window (工作清单 → 换发进度…): how far each issuing unit is with the new-format certificates.

Above, the unit × kind table (table_model.py) of one figure (换发率 by default), for one as-of day;
below, the trend of the daily snapshots (trend_chart.py) and the pace towards the supervisor's target
(pace_panel.py). Double-click or Enter on a cell asks the main window to list the people behind it
(`drillRequested`, the workspace filters of `ProgressService.drill_filters`). Everything is read off
the GUI thread (loading.py through `Op`); a write anywhere that touches records reads it again, a
hidden window only marks itself stale.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.changes import OpChanges
from desktop_app.services.progress.figures import Pace, ProgressTable, TrendPoint, summed
from desktop_app.ui.common.badges import BAD, MUTED, WARN, Badge
from desktop_app.ui.common.changes import change_bus
from desktop_app.ui.common.errors import inline_text
from desktop_app.ui.common.operations import Op
from desktop_app.ui.progress.export import ProgressExport
from desktop_app.ui.progress.labels import drill_figure, legend_text
from desktop_app.ui.progress.loading import Loaded, read_all, read_trend, shown_kinds, trend_kinds
from desktop_app.ui.progress.pace_panel import PacePanel
from desktop_app.ui.progress.pickers import PickerRow
from desktop_app.ui.progress.table_model import UNIT_COLUMN, CompactHeader, ProgressTableModel
from desktop_app.ui.progress.trend_box import TrendBox

if TYPE_CHECKING:
    from desktop_app.services.context import WorkspaceContext

SETTINGS_GROUP = "progress"
RELOAD_DELAY_MS = 250  # changes (a typed date, a burst of writes) within this are read once


class ProgressWindow(QWidget):
    drillRequested = Signal(object)  # SearchFilters: list these people in the workspace

    def __init__(self, ctx: WorkspaceContext, parent: QWidget | None = None, *, settings: QSettings | None = None,
                 ensure_operator: Callable[[], bool] | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("progressWindow")
        self.ctx = ctx
        self.progress = ctx.progress
        self.settings = settings
        self.table: ProgressTable | None = None
        self.points: tuple[TrendPoint, ...] = ()
        self.pace: Pace | None = None
        self.stale = True
        self._target_shown = False  # the saved target is put in the pace panel with the first table
        self._table_generation = 0
        self._trend_generation = 0
        self._reading: set[str] = set()  # "table", "trend": what is being read now
        self.model = ProgressTableModel(ctx.rules, self)
        self.exporter = ProgressExport(self.progress, self, settings,
                                       ensure_operator or (lambda: not ctx.actor.anonymous))
        self.reload_timer = QTimer(self)
        self.reload_timer.setSingleShot(True)
        self.reload_timer.setInterval(RELOAD_DELAY_MS)
        self.reload_timer.timeout.connect(self.refresh)
        title = self.tr("换发进度")
        self.setWindowTitle(title + (self.tr("（样本数据）") if ctx.settings.demo else ""))
        self._build()
        self._connect()
        self.resize(1500, 920)
        self.restore_layout()
        self.table_view.setFocus()  # arrows move through the cells, Enter lists a cell's people

    # --- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.heading = QLabel()
        self.heading.setObjectName("progressHeading")
        self.heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.sync_label = QLabel()
        self.sync_label.setObjectName("progressSync")
        self.sync_label.setStyleSheet(f"color: {MUTED.foreground};")
        self.demo_badge = Badge(self.tr("样本数据"), WARN, tooltip=self.tr("演示工作区：所有数字都来自合成的样本记录"))
        self.demo_badge.setVisible(self.ctx.settings.demo)
        heading = QHBoxLayout()
        for widget in (self.heading, self.sync_label, self.demo_badge):
            heading.addWidget(widget)
            heading.addSpacing(12)
        heading.addStretch(1)
        self.pickers = PickerRow(self.ctx.rules, self.ctx.today)

        self.table_view = QTableView()
        self.table_view.setObjectName("progressTable")
        self.table_view.setHorizontalHeader(CompactHeader(self.table_view))
        self.table_view.setModel(self.model)
        self.table_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table_view.verticalHeader().setVisible(False)
        self.table_view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table_view.setWordWrap(False)
        header = self.table_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setSortIndicator(UNIT_COLUMN, Qt.SortOrder.AscendingOrder)
        self.table_view.setSortingEnabled(True)
        self.table_view.setToolTip(self.tr("双击或按回车：在工作台列出这些人员"))
        self.legend = QLabel(self._legend_html())
        self.legend.setObjectName("progressLegend")
        self.legend.setToolTip(legend_text())
        self.message_label = QLabel()
        self.message_label.setObjectName("progressMessage")
        self.message_label.setStyleSheet(f"color: {BAD.foreground};")
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.table_view, 1)
        notes = QHBoxLayout()
        notes.addWidget(self.legend)
        notes.addStretch(1)
        notes.addWidget(self.message_label)
        top_layout.addLayout(notes)

        self.trend = TrendBox()
        self.chart = self.trend.chart
        self.pace_panel = PacePanel(self.ctx.today)
        pace_box = QGroupBox(self.tr("进度测算"))
        pace_layout = QVBoxLayout(pace_box)
        pace_layout.addWidget(self.pace_panel)
        pace_layout.addStretch(1)
        bottom = QWidget()
        bottom_layout = QHBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.trend, 3)
        bottom_layout.addWidget(pace_box, 1)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("progressSplitter")
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([540, 300])  # every unit and the 合计 row without scrolling
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(self.pickers)
        layout.addWidget(self.splitter, 1)

        order = [*self.pickers.focus_chain(), self.table_view, *self.trend.focus_chain(),
                 self.pace_panel.target_check, self.pace_panel.target_edit]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        for keys, slot in ((QKeySequence(Qt.Key.Key_F5), self.refresh), (QKeySequence(Qt.Key.Key_Escape), self.close),
                           (QKeySequence(QKeySequence.StandardKey.Close), self.close)):
            QShortcut(keys, self).activated.connect(slot)

    def _legend_html(self) -> str:
        swatch = '<span style="background:{0};">&nbsp;&nbsp;&nbsp;&nbsp;</span>'
        return self.tr("底色表示换发率：{low} 低于 50%　{fair} 低于 80%　“—”：没有有效证书").format(
            low=swatch.format(BAD.background), fair=swatch.format(WARN.background))

    def _connect(self) -> None:
        self.pickers.selectionChanged.connect(self._selection_changed)
        self.pickers.figureChanged.connect(lambda: self.model.set_figure(self.figure()))
        self.pickers.dayChanged.connect(self.reload_timer.start)
        self.pickers.refresh_button.clicked.connect(self.refresh)
        self.pickers.export_button.clicked.connect(self.choose_export)
        self.exporter.finished.connect(lambda _p: self.pickers.export_button.setEnabled(True))
        self.table_view.activated.connect(self._activated)
        self.trend.daysChanged.connect(self._load_trend)
        self.pace_panel.targetChanged.connect(self._target_changed)
        change_bus().changed.connect(self._changed)

    # --- what is picked ---------------------------------------------------------------------

    def unit(self) -> str | None:
        return self.pickers.unit()

    def kind_choice(self) -> str | None:
        return self.pickers.kind_choice()

    def figure(self) -> str:
        return self.pickers.figure()

    def as_of(self) -> dt.date:
        return self.pickers.as_of()

    def days(self) -> int:
        return self.trend.days()

    # --- reading ----------------------------------------------------------------------------

    def _changed(self, changes: OpChanges) -> None:
        if not changes.touches_records():
            return
        if self.isVisible():
            self.reload_timer.start()
        else:
            self.stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale:
            self.reload_timer.start()

    def busy(self) -> bool:
        """Something is being read (the table or the trend)."""
        return bool(self._reading) or self.reload_timer.isActive()

    def refresh(self) -> None:
        """Read the table, the last sync and the trend again, off the GUI thread."""
        self.reload_timer.stop()
        self.stale = False
        self._table_generation += 1
        self._trend_generation += 1
        generations = self._table_generation, self._trend_generation
        progress, as_of, days, unit, choice = self.progress, self.as_of(), self.days(), self.unit(), self.kind_choice()
        self._reading |= {"table", "trend"}
        self.message_label.setText(self.tr("正在读取…"))
        op = Op(self, lambda: read_all(progress, as_of, days, unit, choice))
        op.success(lambda loaded: self._loaded(*generations, loaded))
        op.failure(lambda exc: self._failed("table", generations[0], exc)).run()

    def _loaded(self, table_generation: int, trend_generation: int, loaded: Loaded) -> None:
        if table_generation != self._table_generation:
            return  # a newer read is on its way
        self._reading.discard("table")
        self.message_label.clear()
        self.table = loaded.table
        self.pickers.fill_kinds(loaded.table)
        self._show_table()
        self._show_heading(loaded)
        if not self._target_shown:
            self._target_shown = True
            self.pace_panel.set_target(self.progress.target(), self.as_of())
        if trend_generation != self._trend_generation:
            return  # the picks changed meanwhile: their own trend is on its way
        if loaded.trend_key == self._trend_key():
            self._trend_arrived(trend_generation, loaded.points)
        else:
            self._load_trend()  # the picks changed while it was read

    def _failed(self, what: str, generation: int, exc: BaseException) -> None:
        current = self._table_generation if what == "table" else self._trend_generation
        if generation == current:
            self._reading.discard(what)
            if what == "table":
                self._reading.discard("trend")
            self.message_label.setText(inline_text(exc))

    def _show_heading(self, loaded: Loaded) -> None:
        self.heading.setText(self.tr("截至 {0}").format(loaded.table.as_of.isoformat()))
        at = loaded.last_sync_at
        self.sync_label.setText(self.tr("最近同步：{0}").format(
            at.strftime("%Y-%m-%d %H:%M") if at is not None else self.tr("从未同步")))

    def _selection_changed(self) -> None:
        self._show_table()
        self._load_trend()

    def _show_table(self) -> None:
        """The model shows the table for what is picked; the sort and the current cell stay where they can."""
        current = self.table_view.currentIndex()
        row, column = (current.row(), current.column()) if current.isValid() else (0, 1)
        self.model.set_table(self.table, self.unit(), self.kind_choice())
        header = self.table_view.horizontalHeader()
        if header.sortIndicatorSection() >= self.model.columnCount():
            header.setSortIndicator(UNIT_COLUMN, Qt.SortOrder.AscendingOrder)
        if self.model.rowCount():
            self.table_view.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1),
                                                             min(column, self.model.columnCount() - 1)))

    # --- the trend and the pace --------------------------------------------------------------

    def _trend_key(self) -> tuple[object, ...]:
        kinds = trend_kinds(self.table, self.kind_choice()) if self.table is not None else None
        return self.days(), self.unit(), kinds, self.as_of()

    def _load_trend(self) -> None:
        if self.table is None:
            return
        key = self._trend_key()
        days, unit, kinds, as_of = key
        progress = self.progress
        self._trend_generation += 1
        generation = self._trend_generation
        self._reading.add("trend")
        op = Op(self, lambda: read_trend(progress, days, unit, kinds, as_of))  # type: ignore[arg-type]
        op.success(lambda points: self._trend_arrived(generation, points))
        op.failure(lambda exc: self._failed("trend", generation, exc)).run()

    def _trend_arrived(self, generation: int, points: tuple[TrendPoint, ...]) -> None:
        if generation != self._trend_generation:
            return
        self._reading.discard("trend")
        self.points = points
        self._show_trend()

    def _show_trend(self) -> None:
        self.chart.set_points(self.points, self.trend.series())
        self._show_pace()

    def pending(self) -> int:
        """The pending certificates of what is picked (the unit or every unit, the kinds shown)."""
        if self.table is None:
            return 0
        table = self.table
        return summed(table.cell(self.unit(), k) for k in shown_kinds(table, self.kind_choice())).pending

    def _show_pace(self) -> None:
        if self.table is None:
            self.pace_panel.show_pace(None, self.days())
            return
        self.pace = self.progress.pace(self.pending(), self.points, self.as_of(), self.pace_panel.target())
        self.pace_panel.show_pace(self.pace, self.days())

    def _target_changed(self, target: dt.date | None) -> None:
        try:
            self.progress.set_target(target)
        except OSError as exc:  # the pace still uses the day; only remembering it failed
            self.message_label.setText(inline_text(exc))
        self._show_pace()

    # --- the drill-down and the export --------------------------------------------------------

    def _activated(self, index: QModelIndex) -> None:
        found = self.model.drill_at(index)
        if found is None:
            return
        unit, kind = found
        self.drillRequested.emit(self.progress.drill_filters(unit, kind, drill_figure(self.figure()), self.as_of()))

    def choose_export(self) -> None:
        button = self.pickers.export_button
        button.setEnabled(False)
        self.exporter.choose(self.as_of(), self.unit(), self.days(), self.pace_panel.target())
        button.setEnabled(not self.exporter.busy())

    # --- layout memory ----------------------------------------------------------------------

    def save_layout(self) -> None:
        if self.settings is None:
            return
        self.settings.beginGroup(SETTINGS_GROUP)
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("splitter", self.splitter.saveState())
        self.settings.setValue("days", self.days())
        self.settings.setValue("series", self.trend.series().value)
        self.settings.endGroup()

    def restore_layout(self) -> None:
        if self.settings is None:
            return
        self.settings.beginGroup(SETTINGS_GROUP)
        geometry, splitter, days, series = (self.settings.value(k) for k in ("geometry", "splitter", "days", "series"))
        self.settings.endGroup()
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        if str(days).isdigit():
            self.trend.set_days(int(str(days)))
        self.trend.set_series(series)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        super().closeEvent(event)

    def shutdown(self) -> None:
        self.reload_timer.stop()
        self._table_generation += 1
        self._trend_generation += 1
