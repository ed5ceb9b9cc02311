"""The "A 证待补充信息" window: who still has to supplement A-certificate information, per unit and enterprise.

Filters (issuing unit, enterprise, what is missing), counts per unit and per enterprise, a lazy
sortable table (`WorklistModel`, pages read off the GUI thread through `Op`), and the campaign's
two file actions: export the list as the `.xlsx` template enterprises fill in, and import a filled
template (validated row by row; a result dialog lists each rejected row with its column and reason).
The list is live: it is read again after any change to records (`refresh`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from enum import IntEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QColor, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.rules import Rules, default_rules
from desktop_app.errors import KnownError
from desktop_app.reports import supplement_template
from desktop_app.services import supplement_import, worklists
from desktop_app.services import workspace as ws
from desktop_app.services.supplement_import import Rejection, SupplementReport
from desktop_app.services.worklists import GroupCount, WorklistRow, WorklistSummary
from desktop_app.ui.badges import BAD, GOOD, WARN
from desktop_app.ui.operations import Op
from desktop_app.ui.tables import setup_record_table

PAGE_SIZE = 100
FILTER_DELAY_MS = 300
SETTINGS_GROUP = "worklist"
IMPORT_STAGES = {"read": 0, "validate": 100, "write": 200, "done": 1000}  # on a 0..1000 bar
WRITE_SPAN = 750  # the "written" stage moves the bar from "write" towards "done" as rows are written

AnyIndex = QModelIndex | QPersistentModelIndex
_USER = int(Qt.ItemDataRole.UserRole)
PersonIdRole = _USER + 1
RowRole = _USER + 2


class ImportCancelled(KnownError):
    """The user cancelled an import before anything was written."""


class WorklistColumn(IntEnum):
    NAME = 0
    ID_NUMBER = 1
    ENTERPRISE = 2
    CERTIFICATES = 3
    UNIT = 4
    MISSING = 5
    PHONE = 6


# Columns the service can sort by (its SORTS keys); the list is always ascending (A→Z, 0→9).
SORT_KEYS = {WorklistColumn.NAME: "name", WorklistColumn.ID_NUMBER: "id_number",
             WorklistColumn.ENTERPRISE: "enterprise", WorklistColumn.UNIT: "unit"}


class WorklistModel(QAbstractTableModel):
    """The worklist, read page by page off the GUI thread; sorting asks the service for another order."""

    loaded = Signal(int)  # generation, after each page
    failed = Signal(str)

    def __init__(self, fetch: Callable[..., list[WorklistRow]], parent: QObject | None = None, *,
                 page_size: int = PAGE_SIZE) -> None:
        """`fetch(unit=, enterprise=, missing=, sort=, offset=, limit=)` is `supplement_worklist` on a cache."""
        super().__init__(parent)
        self.fetch = fetch
        self.page_size = page_size
        self._rows: list[WorklistRow] = []
        self._has_more = False
        self._generation = 0
        self._pending: Op | None = None
        self.unit: str | None = None
        self.enterprise: str | None = None
        self.missing: str | None = None
        self.sort_key = "enterprise"
        self._headers = {
            WorklistColumn.NAME: self.tr("姓名"),
            WorklistColumn.ID_NUMBER: self.tr("身份证号"),
            WorklistColumn.ENTERPRISE: self.tr("工作单位"),
            WorklistColumn.CERTIFICATES: self.tr("A 证编号"),
            WorklistColumn.UNIT: self.tr("发证单位"),
            WorklistColumn.MISSING: self.tr("缺少"),
            WorklistColumn.PHONE: self.tr("手机号码"),
        }

    # --- queries ----------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._pending is not None

    @property
    def has_more(self) -> bool:
        return self._has_more

    @property
    def generation(self) -> int:
        return self._generation

    def set_filters(self, unit: str | None, enterprise: str | None, missing: str | None) -> None:
        self.unit, self.enterprise, self.missing = unit, enterprise, missing
        self.reload()

    def reload(self) -> int:
        """Read the list again from the first page (filters, sort or the records changed)."""
        self._generation += 1
        if self._pending is not None:
            self._pending.cancel_event.set()
            self._pending = None
        self._start(0)
        return self._generation

    def _start(self, offset: int) -> None:
        generation, fetch, limit = self._generation, self.fetch, self.page_size
        args = {"unit": self.unit, "enterprise": self.enterprise, "missing": self.missing, "sort": self.sort_key}

        def work(cancelled: Callable[[], bool]) -> list[WorklistRow] | None:
            if cancelled():
                return None
            return fetch(**args, offset=offset, limit=limit + 1)  # one more: is there another page?

        op = Op(self, work)
        op.success(lambda rows: self._arrived(generation, offset, rows))
        op.failure(lambda exc: self._failed(generation, exc))
        self._pending = op
        op.run()

    def _arrived(self, generation: int, offset: int, rows: list[WorklistRow] | None) -> None:
        if generation != self._generation or rows is None:
            return
        self._pending = None
        self._has_more = len(rows) > self.page_size
        rows = rows[:self.page_size]
        if offset == 0:
            self.beginResetModel()
            self._rows = list(rows)
            self.endResetModel()
        elif rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self.loaded.emit(generation)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._pending = None
        self._has_more = False
        self.failed.emit(str(exc) if isinstance(exc, KnownError) else self.tr("读取清单出错：{0}").format(exc))

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._has_more and self._pending is None

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._start(len(self._rows))

    def shutdown(self) -> None:
        self._generation += 1
        if self._pending is not None:
            self._pending.cancel_event.set()
            self._pending = None

    # --- the table --------------------------------------------------------------------------

    def row_at(self, row: int) -> WorklistRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def loaded_count(self) -> int:
        return len(self._rows)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(WorklistColumn)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(WorklistColumn):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[WorklistColumn(section)]
        if role == Qt.ItemDataRole.ToolTipRole:
            if section in SORT_KEYS:
                return self.tr("点击按此列排序")
            return self.tr("此列不能排序")
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None or not 0 <= index.column() < len(WorklistColumn):
            return None
        column = WorklistColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == WorklistColumn.MISSING:
                return self.tr("需补充：{0}").format(row.missing_text)
            return self._display(row, column) or None
        if role == Qt.ItemDataRole.ForegroundRole and column == WorklistColumn.MISSING:
            return QColor(BAD.foreground)
        if role == PersonIdRole:
            return row.person_id
        if role == RowRole:
            return row
        return None

    def _display(self, row: WorklistRow, column: WorklistColumn) -> str:
        if column == WorklistColumn.NAME:
            return row.name
        if column == WorklistColumn.ID_NUMBER:
            return row.id_number
        if column == WorklistColumn.ENTERPRISE:
            return row.enterprise or self.tr("（无工作单位）")
        if column == WorklistColumn.CERTIFICATES:
            return "、".join(row.certificates)
        if column == WorklistColumn.UNIT:
            return row.issuer_unit
        if column == WorklistColumn.MISSING:
            return row.missing_text
        return row.phone or ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(WorklistColumn(column)) if 0 <= column < len(WorklistColumn) else None
        if key is None or key == self.sort_key:
            return
        self.sort_key = key
        self.reload()


class CountsModel(QAbstractTableModel):
    """Counts per issuing unit or per enterprise (worklist_summary)."""

    def __init__(self, first_header: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._groups: list[GroupCount] = []
        self._headers = (first_header, self.tr("人数"))

    def set_groups(self, groups: Sequence[GroupCount]) -> None:
        self.beginResetModel()
        self._groups = list(groups)
        self.endResetModel()

    def group(self, row: int) -> GroupCount | None:
        return self._groups[row] if 0 <= row < len(self._groups) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._groups)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and section in (0, 1):
            return self._headers[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        group = self.group(index.row()) if index.isValid() else None
        if group is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return group.name if index.column() == 0 else f"{group.persons:,}"
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{group.name}（{group.uscc}）" if group.uscc else group.name
        if role == RowRole:
            return group
        return None


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
        return "\n".join(f"第 {r.row} 行，{r.column} 列（{r.header}）：{r.reason}" for r in self._rows)


class ImportResultDialog(QDialog):
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
            layout.addWidget(QLabel(self.tr("模板导出单位：{0}").format(report.file_unit)))
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


class WorklistWindow(QWidget):
    """The "A 证待补充信息" window (Ctrl+L in the main window)."""

    openPerson = Signal(str)  # the ID number of the person to open in the workspace
    recordsChanged = Signal(object)  # set[int]: persons an import changed
    exported = Signal(str)  # the path of a written template

    def __init__(self, workspace: ws.Workspace, parent: QWidget | None = None, *, today: dt.date | None = None,
                 settings: QSettings | None = None, rules: Rules | None = None,
                 operator: Callable[[], str | None] | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("worklistWindow")
        self.setWindowTitle(self.tr("A 证待补充信息"))
        self.workspace = workspace
        self.cache = workspace.cache
        self.today = today
        self.rules = rules or default_rules()
        self.settings = settings
        self.operator = operator or (lambda: workspace.settings.operator or None)
        self.result_dialog: ImportResultDialog | None = None
        self.summary: WorklistSummary | None = None
        self._summary_generation = 0
        self._file_op: Op | None = None
        cache, rules_, today_ = self.cache, self.rules, today

        def fetch(**kwargs: Any) -> list[WorklistRow]:
            return worklists.supplement_worklist(cache, today=today_, rules=rules_, **kwargs)

        self.model = WorklistModel(fetch, self)
        self.unit_counts = CountsModel(self.tr("发证单位"), self)
        self.enterprise_counts = CountsModel(self.tr("工作单位"), self)
        self._build()
        self._connect()
        self.resize(1200, 720)
        self.restore_layout()

    # --- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.unit_combo = QComboBox()
        self.unit_combo.setObjectName("worklistUnit")
        self.unit_combo.addItem(self.tr("全部发证单位"), None)
        for unit in self.rules.units:
            self.unit_combo.addItem(unit.name, unit.name)
        own = self.workspace.settings.issuing_unit
        if own and self.unit_combo.findData(own) >= 0:
            self.unit_combo.setCurrentIndex(self.unit_combo.findData(own))  # this bureau's own list first
        self.enterprise_edit = QLineEdit()
        self.enterprise_edit.setObjectName("worklistEnterprise")
        self.enterprise_edit.setPlaceholderText(self.tr("企业名称（部分）或统一社会信用代码"))
        self.enterprise_edit.setClearButtonEnabled(True)
        self.enterprise_edit.setMinimumWidth(240)
        self.missing_combo = QComboBox()
        self.missing_combo.setObjectName("worklistMissing")
        self.missing_combo.addItem(self.tr("全部缺少项"), None)
        for field, label in worklists.required_fields(self.rules).items():
            self.missing_combo.addItem(self.tr("缺{0}").format(label), field)
        self.missing_combo.addItem(self.tr("缺照片"), worklists.PHOTO)
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.refresh_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.export_button = QPushButton(self.tr("导出补充模板…"))
        self.export_button.setObjectName("exportButton")
        self.export_button.setToolTip(self.tr("把当前清单导出为企业填写用的 Excel 模板（.xlsx）"))
        self.import_button = QPushButton(self.tr("导入补充表…"))
        self.import_button.setObjectName("importButton")
        self.import_button.setToolTip(self.tr("导入企业填好的补充模板：逐行校验，有效行一次写入"))

        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("发证单位：")))
        filters.addWidget(self.unit_combo)
        filters.addWidget(QLabel(self.tr("企业：")))
        filters.addWidget(self.enterprise_edit, 1)
        filters.addWidget(QLabel(self.tr("缺少：")))
        filters.addWidget(self.missing_combo)
        filters.addWidget(self.refresh_button)
        filters.addSpacing(16)
        filters.addWidget(self.export_button)
        filters.addWidget(self.import_button)

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
        setup_record_table(self.table, self.model, "worklistTable")
        self.table.setToolTip(self.tr("双击或按回车在工作台中打开此人"))
        header = self.table.horizontalHeader()
        header.setSortIndicator(WorklistColumn.ENTERPRISE, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        for column, width in {WorklistColumn.NAME: 70, WorklistColumn.ID_NUMBER: 160, WorklistColumn.ENTERPRISE: 220,
                              WorklistColumn.CERTIFICATES: 170, WorklistColumn.UNIT: 170,
                              WorklistColumn.MISSING: 130}.items():
            header.resizeSection(column, width)

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
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)

        self.filter_timer = QTimer(self)
        self.filter_timer.setSingleShot(True)
        self.filter_timer.setInterval(FILTER_DELAY_MS)
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
        self.unit_combo.currentIndexChanged.connect(self._filters_changed)
        self.missing_combo.currentIndexChanged.connect(self._filters_changed)
        self.enterprise_edit.textChanged.connect(lambda _t: self.filter_timer.start())
        self.enterprise_edit.returnPressed.connect(self._filters_changed)
        self.filter_timer.timeout.connect(self._filters_changed)
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button.clicked.connect(self.choose_export)
        self.import_button.clicked.connect(self.choose_import)
        self.table.activated.connect(self._activated)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._sort_indicator)
        self.unit_table.clicked.connect(self._unit_clicked)
        self.enterprise_table.clicked.connect(self._enterprise_clicked)
        self.model.loaded.connect(self._loaded)
        self.model.failed.connect(self._failed)

    # --- filters and refresh ----------------------------------------------------------------

    def filters(self) -> tuple[str | None, str | None, str | None]:
        enterprise = self.enterprise_edit.text().strip() or None
        return self.unit_combo.currentData(), enterprise, self.missing_combo.currentData()

    def _filters_changed(self, *_args: object) -> None:
        self.filter_timer.stop()
        unit, enterprise, missing = self.filters()
        if unit != self.model.unit:
            self._load_summary()
        self.model.set_filters(unit, enterprise, missing)

    def refresh(self) -> None:
        """Read the list and the counts again (records changed, or the user asked)."""
        self.filter_timer.stop()
        unit, enterprise, missing = self.filters()
        self.model.unit, self.model.enterprise, self.model.missing = unit, enterprise, missing
        self.model.reload()
        self._load_summary()

    def _load_summary(self) -> None:
        self._summary_generation += 1
        generation = self._summary_generation
        cache, today, rules, unit = self.cache, self.today, self.rules, self.unit_combo.currentData()
        op = Op(self, lambda: worklists.worklist_summary(cache, unit=unit, today=today, rules=rules))
        op.success(lambda summary: self._summary_arrived(generation, summary))
        op.failure(lambda exc: self._failed(str(exc)))
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
            self.unit_combo.setCurrentIndex(max(self.unit_combo.findData(group.name), 0))

    def _enterprise_clicked(self, index: QModelIndex) -> None:
        group = self.enterprise_counts.group(index.row())
        if group is None:
            return
        self.enterprise_edit.setText(group.uscc or (group.name if group.name != "（无工作单位）" else ""))
        self._filters_changed()

    def _activated(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row is not None:
            self.openPerson.emit(row.id_number)

    # --- export -----------------------------------------------------------------------------

    def _unit_name(self) -> str:
        unit = self.unit_combo.currentData()
        return unit or self.workspace.settings.issuing_unit or self.tr("全部发证单位")

    def choose_export(self) -> None:
        name = self.tr("A证待补充信息_{0}_{1}.xlsx").format(self._unit_name(), dt.date.today().strftime("%Y%m%d"))
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
        cache, today, rules = self.cache, self.today, self.rules
        unit, enterprise, missing = self.filters()
        sort, unit_name = self.model.sort_key, self._unit_name()

        def work(progress: Callable[[int, int], None]) -> int:
            progress(0, 2)
            rows = worklists.supplement_worklist(cache, unit=unit, enterprise=enterprise, missing=missing,
                                                 sort=sort, today=today, rules=rules)
            if not rows:
                raise KnownError("没有需要补充信息的人员，未导出模板")
            progress(1, 2)
            count = supplement_template.export_template(rows, path, unit_name, rules=rules)
            progress(2, 2)
            return count

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
        operator = self.operator()
        if not operator:
            self._failed(self.tr("未设置操作员姓名，不能导入"))
            return
        cache, rules = self.cache, self.rules

        def work(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> SupplementReport:
            to_write = [0]

            def stage(name: str, count: int) -> None:
                if name in ("validate", "write") and cancelled():
                    raise ImportCancelled("已取消导入，没有写入任何修改")  # before the one write transaction
                if name == "write":
                    to_write[0] = count
                if name == "written" and to_write[0]:
                    progress(IMPORT_STAGES["write"] + WRITE_SPAN * count // to_write[0], 1000)
                elif name in IMPORT_STAGES:
                    progress(IMPORT_STAGES[name], 1000)

            return supplement_import.import_supplement(cache, path, operator, stage=stage, rules=rules)

        self._set_busy(True)
        op = Op(self, work, writes=True).with_progress(self.tr("正在导入 {0}…").format(path.name))
        op.success(lambda report: self._imported(path, report)).failure(self._file_failed)
        self._file_op = op
        op.run()

    def _imported(self, path: Path, report: SupplementReport) -> None:
        self._set_busy(False)
        self.message_label.clear()
        if report.changed_person_ids:
            self.recordsChanged.emit(set(report.changed_person_ids))
        self.refresh()
        if self.result_dialog is not None:
            self.result_dialog.deleteLater()
        self.result_dialog = ImportResultDialog(report, path.name, self)
        self.result_dialog.open()

    def _file_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        message = str(exc) if isinstance(exc, KnownError) else self.tr("内部错误：{0}").format(exc)
        self.message_label.setText(message)
        if isinstance(exc, ImportCancelled):
            return
        QMessageBox.warning(self, self.tr("A 证待补充信息"), message)

    def _set_busy(self, busy: bool) -> None:
        if not busy:
            self._file_op = None
        self.export_button.setEnabled(not busy)
        self.import_button.setEnabled(not busy)

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
        self.model.shutdown()
        self._summary_generation += 1
