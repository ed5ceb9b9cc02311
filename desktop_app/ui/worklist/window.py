"""The "A 证待补充信息" window: who still has to supplement A-certificate information, per unit and enterprise.

Filters (issuing unit, enterprise, what is missing), counts per unit and per enterprise, a lazy
sortable table (`WorklistModel`, pages read off the GUI thread through `Op`), and the campaign's
two file actions: export the list as the `.xlsx` template enterprises fill in, and import a filled
template (validated row by row; a result dialog lists each rejected row with its column and reason).

The list is live: it listens to the one change signal (`change_bus().changed`) and reads the list and
the counts again when a change can put a person on it or take one off (`CONCERNS`: person fields, a
photo, certificate dates, a generation, or a bulk change); a print or a setting does not. A hidden
window only marks itself stale and reads again when it is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.changes import ChangeKind, OpChanges
from desktop_app.services.supplement_import import SupplementReport
from desktop_app.services.worklists import WorklistSummary
from desktop_app.ui.common.badges import BAD, WARN
from desktop_app.ui.common.changes import change_bus
from desktop_app.ui.common.errors import inline_text, show_error
from desktop_app.ui.common.operations import Op
from desktop_app.ui.common.tables import setup_record_table
from desktop_app.ui.worklist.files import ExportCancelled, ImportCancelled, export_list, import_filled
from desktop_app.ui.worklist.filters import FilterRow
from desktop_app.ui.worklist.import_result import SupplementResultDialog
from desktop_app.ui.worklist.model import SORT_KEYS, CountsModel, ReadOnce, WorklistColumn, WorklistModel, worklist_fits

if TYPE_CHECKING:  # for annotations only
    from desktop_app.services.context import WorkspaceContext

SETTINGS_GROUP = "worklist"
TEMPLATE_ALL_UNITS = "全部发证单位"  # what the template says when it lists every unit (reports stay in Chinese)
# What can put a person on the list or take one off: person fields, a photo, certificate dates (only
# certificates in force count), a generation (only old-format certificates count), a bulk change.
CONCERNS = frozenset({ChangeKind.RECORD, ChangeKind.PHOTO, ChangeKind.CERTIFICATE, ChangeKind.GENERATED,
                      ChangeKind.BULK})


def concerns_worklist(changes: OpChanges) -> bool:
    return changes.is_bulk or bool(changes.kinds & CONCERNS)


class WorklistWindow(QWidget):
    """The "A 证待补充信息" window (Ctrl+L in the main window)."""

    openPerson = Signal(str)  # the ID number of the person to open in the workspace
    exported = Signal(str)  # the path of a written template

    def __init__(self, ctx: WorkspaceContext, parent: QWidget | None = None, *, settings: QSettings | None = None,
                 ensure_operator: Callable[[], bool] | None = None) -> None:
        """`ensure_operator` asks for the operator's name when none is set (False: the user declined)."""
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("worklistWindow")
        self.setWindowTitle(self.tr("A 证待补充信息"))
        self.ctx = ctx
        self.rules = ctx.rules
        self.settings = settings
        self.ensure_operator = ensure_operator or (lambda: not ctx.actor.anonymous)
        self.result_dialog: SupplementResultDialog | None = None
        self.summary: WorklistSummary | None = None
        self._summary_generation = 0
        self._file_op: Op | None = None
        self.stale = True  # the list has not been read since it last changed (or ever): read it when shown
        self.model = WorklistModel(ReadOnce(ctx.worklist.rows), self)  # the whole filtered list, paged once read
        self.unit_counts = CountsModel(self.tr("发证单位"), self)
        self.enterprise_counts = CountsModel(self.tr("工作单位"), self)
        self.refresh_timer = QTimer(self)  # coalesces the changes of one turn of the event loop into one read
        self.refresh_timer.setSingleShot(True)
        self.refresh_timer.setInterval(0)
        self.refresh_timer.timeout.connect(self.refresh)
        self._build()
        self._connect()
        self.resize(1200, 720)
        self.restore_layout()

    # --- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.filter_row = FilterRow(self.rules, self.ctx.worklist.required_fields(), self.ctx.settings.issuing_unit)
        self.total_label = QLabel()
        self.total_label.setObjectName("worklistTotal")
        self.total_label.setStyleSheet(f"color: {WARN.foreground}; font-weight: bold; font-size: 11pt;")
        self.count_label = QLabel()
        self.count_label.setObjectName("worklistCount")
        self.count_label.setStyleSheet("color: #555;")
        self.message_label = QLabel()
        self.message_label.setObjectName("worklistMessage")
        self.message_label.setStyleSheet(f"color: {BAD.foreground};")
        self.message_label.setWordWrap(True)

        self.table = QTableView()
        fits = worklist_fits(self.ctx.worklist.required_fields().values())  # columns that fit the window's width
        setup_record_table(self.table, self.model, "worklistTable", fits)
        self.table.setToolTip(self.tr("双击或按回车在工作台中打开此人"))
        header = self.table.horizontalHeader()
        header.setSortIndicator(WorklistColumn.ENTERPRISE, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("worklistCounts")
        self.unit_table = self._counts_table(self.unit_counts, "unitCounts")
        self.enterprise_table = self._counts_table(self.enterprise_counts, "enterpriseCounts")
        self.tabs.addTab(self.unit_table, self.tr("按发证单位"))
        self.tabs.addTab(self.enterprise_table, self.tr("按企业"))
        self.tabs.setToolTip(self.tr("单击一行，只看该单位 / 企业的人员"))

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        status = QHBoxLayout()
        status.addWidget(self.total_label)
        status.addStretch(1)
        status.addWidget(self.count_label)
        right_layout.addLayout(status)
        right_layout.addWidget(self.table, 1)
        right_layout.addWidget(self.message_label)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("worklistSplitter")
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([300, 900])
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_row)
        layout.addWidget(self.splitter, 1)

        close = QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self)
        close.activated.connect(self.close)

    def _counts_table(self, model: CountsModel, name: str) -> QTableView:
        table = QTableView()
        table.setObjectName(name)
        table.setModel(model)
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setWordWrap(False)
        table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        return table

    def _connect(self) -> None:
        self.filter_row.changed.connect(self._filters_changed)
        self.filter_row.refresh_button.clicked.connect(self.refresh)
        self.filter_row.export_button.clicked.connect(self.choose_export)
        self.filter_row.import_button.clicked.connect(self.choose_import)
        self.table.activated.connect(self._activated)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._sort_indicator)
        self.unit_table.clicked.connect(self._unit_clicked)
        self.enterprise_table.clicked.connect(self._enterprise_clicked)
        self.model.loaded.connect(self._loaded)
        self.model.failed.connect(self._failed)
        change_bus().changed.connect(self._changed)

    # --- filters and refresh ----------------------------------------------------------------

    def filters(self) -> tuple[str | None, str | None, str | None]:
        return self.filter_row.filters()

    def _filters_changed(self) -> None:
        self.filter_row.timer.stop()
        unit, enterprise, missing = self.filters()
        if unit != self.model.unit:
            self._load_summary()
        self.model.set_filters(unit, enterprise, missing)

    def _changed(self, changes: OpChanges) -> None:
        """A write somewhere changed something: read again when it can change who is on the list."""
        if not concerns_worklist(changes):
            return
        if self.isVisible():
            self.refresh_timer.start()
        else:
            self.stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale:
            self.refresh_timer.start()  # (a refresh() called right after show() takes its place)

    def refresh(self) -> None:
        """Read the list and the counts again (records changed, or the user asked)."""
        self.refresh_timer.stop()
        self.stale = False
        self.filter_row.timer.stop()
        unit, enterprise, missing = self.filters()
        self.model.unit, self.model.enterprise, self.model.missing = unit, enterprise, missing
        self.model.reload()
        self._load_summary()

    def _load_summary(self) -> None:
        self._summary_generation += 1
        generation = self._summary_generation
        worklist, unit = self.ctx.worklist, self.filter_row.unit()
        op = Op(self, lambda: worklist.summary(unit))
        op.success(lambda summary: self._summary_arrived(generation, summary))
        op.failure(lambda exc: self._failed(inline_text(exc)))
        op.run()

    def _summary_arrived(self, generation: int, summary: WorklistSummary) -> None:
        if generation != self._summary_generation:
            return
        self.summary = summary
        self.unit_counts.set_groups(summary.by_unit)
        self.enterprise_counts.set_groups(summary.by_enterprise)
        self.total_label.setText(self.tr("待补充 {0} 人（其中缺照片 {1} 人）").format(
            f"{summary.total:,}", f"{summary.missing_photo:,}"))

    def _loaded(self, _generation: int) -> None:
        self.message_label.clear()
        count = self.model.loaded_count()
        if count == 0:
            self.count_label.setText(self.tr("没有符合条件的人员"))
        elif self.model.has_more:
            self.count_label.setText(self.tr("已显示 {0} 人，向下滚动加载更多").format(count))
        else:
            self.count_label.setText(self.tr("显示 {0} 人").format(count))

    def _failed(self, message: str) -> None:
        self.message_label.setText(message)

    def _sort_indicator(self, column: int, order: Qt.SortOrder) -> None:
        header = self.table.horizontalHeader()
        allowed = column in SORT_KEYS
        target = column if allowed else next(c for c, k in SORT_KEYS.items() if k == self.model.sort_key)
        if not allowed or order != Qt.SortOrder.AscendingOrder:
            header.blockSignals(True)  # the list is always ascending; unsortable columns keep the old order
            header.setSortIndicator(target, Qt.SortOrder.AscendingOrder)
            header.blockSignals(False)

    def _unit_clicked(self, index: QModelIndex) -> None:
        group = self.unit_counts.group(index.row())
        if group is not None:
            self.filter_row.show_unit(group.name)

    def _enterprise_clicked(self, index: QModelIndex) -> None:
        text = self.enterprise_counts.filter_text(index.row())
        if text is None:
            return
        self.filter_row.enterprise_edit.setText(text)
        self._filters_changed()

    def _activated(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row is not None:
            self.openPerson.emit(row.id_number)

    # --- export -----------------------------------------------------------------------------

    def _unit_name(self, *, shown: bool = True) -> str:
        """The list's unit: in the file's name (`shown`) or in the template (Chinese: the province's format)."""
        unit = self.filter_row.unit() or self.ctx.settings.issuing_unit
        if unit:
            return unit
        return self.tr("全部发证单位") if shown else TEMPLATE_ALL_UNITS

    def choose_export(self) -> None:
        name = self.tr("A 证待补充信息_{0}_{1}.xlsx").format(self._unit_name(), self.ctx.today.strftime("%Y%m%d"))
        start = str(Path(self.last_folder()) / name)
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出补充模板"), start,
                                              self.tr("Excel 工作簿 (*.xlsx)"))
        if path:
            if not path.lower().endswith(".xlsx"):
                path += ".xlsx"
            self.remember_folder(Path(path).parent)
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """Export the list as it is filtered now (every page, not only the loaded ones), off the GUI thread."""
        unit, enterprise, missing = self.filters()
        question = {"unit": unit, "enterprise": enterprise, "missing": missing, "sort": self.model.sort_key}
        work = partial(export_list, self.ctx.worklist, path, question, self._unit_name(shown=False))
        self._set_busy(True)
        op = Op(self, work).with_progress(self.tr("正在导出补充模板…"))
        op.success(lambda count: self._exported(path, count)).failure(self._file_failed)
        self._file_op = op
        op.run()

    def _exported(self, path: Path, count: int) -> None:
        self._set_busy(False)
        self.message_label.clear()
        self.exported.emit(str(path))
        QMessageBox.information(self, self.tr("已导出"), self.tr("已将 {0} 人导出到：\n{1}").format(count, path))

    # --- import -----------------------------------------------------------------------------

    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("导入补充表"), self.last_folder(),
                                              self.tr("Excel 工作簿 (*.xlsx);;所有文件 (*)"))
        if path:
            self.remember_folder(Path(path).parent)
            self.import_from(Path(path))

    def import_from(self, path: Path) -> None:
        """Validate and apply a filled template off the GUI thread (on the write thread); then report."""
        if not self.ensure_operator():
            self._failed(self.tr("未设置操作员姓名，不能导入"))
            return
        work = partial(import_filled, self.ctx.worklist, path)
        self._set_busy(True)
        op = Op(self, work, writes=True).with_progress(self.tr("正在导入 {0}…").format(path.name))
        op.success(lambda report: self._imported(path, report)).failure(self._file_failed)
        self._file_op = op
        op.run()

    def _imported(self, path: Path, report: SupplementReport) -> None:
        self._set_busy(False)
        self.message_label.clear()  # (the list reads itself again: the import's changes came on the change bus)
        if self.result_dialog is not None:
            self.result_dialog.deleteLater()
        self.result_dialog = SupplementResultDialog(report, path.name, self)
        self.result_dialog.open()

    def _file_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.message_label.setText(inline_text(exc))
        if isinstance(exc, ImportCancelled | ExportCancelled):
            return
        show_error(self, exc, self.tr("A 证待补充信息"))

    def _set_busy(self, busy: bool) -> None:
        if not busy:
            self._file_op = None
        self.filter_row.set_file_actions_enabled(not busy)

    def busy(self) -> bool:
        return self._file_op is not None

    # --- layout memory ----------------------------------------------------------------------

    def last_folder(self) -> str:
        value = self.settings.value(f"{SETTINGS_GROUP}/folder") if self.settings is not None else None
        return str(value) if value else str(Path.home())

    def remember_folder(self, folder: Path) -> None:
        if self.settings is not None:
            self.settings.setValue(f"{SETTINGS_GROUP}/folder", str(folder))

    def save_layout(self) -> None:
        if self.settings is None:
            return
        self.settings.beginGroup(SETTINGS_GROUP)
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("splitter", self.splitter.saveState())
        self.settings.setValue("header", self.table.horizontalHeader().saveState())
        self.settings.endGroup()

    def restore_layout(self) -> None:
        if self.settings is None:
            return
        self.settings.beginGroup(SETTINGS_GROUP)
        geometry, splitter, header = (self.settings.value(k) for k in ("geometry", "splitter", "header"))
        self.settings.endGroup()
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        if isinstance(header, QByteArray):
            self.table.horizontalHeader().restoreState(header)
            self.table.horizontalHeader().setSortIndicator(
                next(c for c, k in SORT_KEYS.items() if k == self.model.sort_key), Qt.SortOrder.AscendingOrder)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        super().closeEvent(event)

    def shutdown(self) -> None:
        self.refresh_timer.stop()
        self.model.shutdown()
        self._summary_generation += 1
