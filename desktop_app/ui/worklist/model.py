"""The worklist's tables: the list itself on the one lazy paged model (sorting asks the service for
another order), and the counts per issuing unit or per enterprise.

The service (`WorklistService.rows`) answers a page by reading the whole filtered list and
slicing it, so `ReadOnce` reads the list once per question and serves the later pages from that
read: scrolling down never reads the cache again.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
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

from desktop_app.messages import msg
from desktop_app.services.worklists import PHOTO_LABEL, GroupCount, WorklistRow
from desktop_app.ui.common.badges import BAD
from desktop_app.ui.common.paged_model import ColumnDef, KeyRole, Page, PagedTableModel, RowRole
from desktop_app.ui.common.tables import (
    SAMPLE_A_NUMBER,
    SAMPLE_ENTERPRISE,
    SAMPLE_ID,
    SAMPLE_NAME,
    SAMPLE_UNIT,
    ColumnFit,
)

PAGE_SIZE = 100
# The labels of resources/rules/a_required_fields.csv and the photo, for lupdate: shown through
# QCoreApplication.translate("worklist", label) (a label not listed here is shown as the rules have it).
FIELD_LABELS = (QT_TRANSLATE_NOOP("worklist", "职务"), QT_TRANSLATE_NOOP("worklist", "技术职称"),
                QT_TRANSLATE_NOOP("worklist", "照片"))

AnyIndex = QModelIndex | QPersistentModelIndex
PersonIdRole = KeyRole


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



def no_employer() -> str:
    """What the enterprise column and the counts say for a person without one: （无工作单位）."""
    return str(msg("worklist.no_employer"))


def listing(items: Iterable[str]) -> str:
    """Items one after the other: "甲、乙"."""
    return QCoreApplication.translate("worklist", "、").join(items)


def field_label(label: str) -> str:
    """A required field's label (职务, 技术职称, 照片) in the UI's language."""
    return QCoreApplication.translate("worklist", label)


def missing_text(labels: Iterable[str]) -> str:
    """What a person must still fill: "职务、技术职称、照片"."""
    return listing(field_label(label) for label in labels)


def row_missing_text(row: WorklistRow) -> str:
    return missing_text((*row.missing, *((PHOTO_LABEL,) if row.missing_photo else ())))


def worklist_fits(required: Iterable[str]) -> dict[int, ColumnFit]:
    """How wide the list's columns want to be (`FitHeader`): what is missing always in full, however
    many of the `required` labels (and the photo) it names; the enterprise takes the rest."""
    return {
        WorklistColumn.NAME: ColumnFit((SAMPLE_NAME,)),
        WorklistColumn.ID_NUMBER: ColumnFit((SAMPLE_ID,)),
        WorklistColumn.ENTERPRISE: ColumnFit((SAMPLE_ENTERPRISE,), shrink_to="山东建工公司", stretch=True),
        WorklistColumn.CERTIFICATES: ColumnFit((SAMPLE_A_NUMBER,)),
        WorklistColumn.UNIT: ColumnFit((SAMPLE_UNIT,), shrink_to="济南市住房和"),
        WorklistColumn.MISSING: ColumnFit((missing_text((*required, PHOTO_LABEL)),)),
        WorklistColumn.PHONE: ColumnFit(("13800000000",)),
    }


Fetch = Callable[..., list[WorklistRow]]  # fetch(unit=, enterprise=, missing=, sort=, offset=, limit=)


class ReadOnce:
    """A `Fetch` that reads the whole list once per question (its filters and sort) and slices pages
    from that read; offset 0 always reads again (a reload: filters, sort or the records changed)."""

    def __init__(self, read: Callable[..., list[WorklistRow]]) -> None:
        """`read(unit=, enterprise=, missing=, sort=)` returns the whole list."""
        self.read = read
        self._lock = threading.Lock()
        self._tickets = 0
        # (ticket, question, rows), shared by the pages' worker threads
        self._stored: tuple[int, tuple[tuple[str, Any], ...], list[WorklistRow]] = (0, (), [])

    def __call__(self, *, offset: int, limit: int, **question: Any) -> list[WorklistRow]:
        key = tuple(sorted(question.items()))
        with self._lock:
            _ticket, stored_key, rows = self._stored
            fresh = offset == 0 or stored_key != key
            self._tickets += 1
            mine = self._tickets
        if fresh:
            rows = self.read(**question)
            with self._lock:
                if mine > self._stored[0]:  # an older read finishing late never replaces a newer one
                    self._stored = (mine, key, rows)
        return rows[max(0, offset):max(0, offset) + max(0, limit)]


class WorklistModel(PagedTableModel[int, WorklistRow]):
    """The worklist, read page by page off the GUI thread; sorting asks the service for another order."""

    loaded = Signal(int)  # generation, after each page
    failed = Signal(str)

    def __init__(self, fetch: Fetch, parent: QObject | None = None, *, page_size: int = PAGE_SIZE) -> None:
        """`fetch(unit=, enterprise=, missing=, sort=, offset=, limit=)`: `WorklistService.rows` (or ReadOnce)."""
        super().__init__(lambda row: row.person_id, parent, page_size=page_size)
        self.fetch = fetch
        self.error_prefix = self.tr("读取清单出错：{0}")
        self.unit: str | None = None
        self.enterprise: str | None = None
        self.missing: str | None = None
        self.sort_key = "enterprise"
        self.columns = self._column_defs()
        self.pageLoaded.connect(lambda generation, _added: self.loaded.emit(generation))
        self.loadFailed.connect(lambda _generation, message: self.failed.emit(message))

    def _column_defs(self) -> list[ColumnDef[WorklistRow]]:
        sortable, fixed = self.tr("点击按此列排序"), self.tr("此列不能排序")

        def column(which: WorklistColumn, header: str, display: Callable[[WorklistRow], str],
                   **roles: Any) -> ColumnDef[WorklistRow]:
            return ColumnDef(header, display, header_tooltip=sortable if which in SORT_KEYS else fixed, **roles)

        return [
            column(WorklistColumn.NAME, self.tr("姓名"), lambda r: r.name),
            column(WorklistColumn.ID_NUMBER, self.tr("身份证号"), lambda r: r.id_number),
            column(WorklistColumn.ENTERPRISE, self.tr("工作单位"), lambda r: r.enterprise or no_employer()),
            column(WorklistColumn.CERTIFICATES, self.tr("A 证编号"), lambda r: listing(r.certificates)),
            column(WorklistColumn.UNIT, self.tr("发证单位"), lambda r: r.issuer_unit),
            column(WorklistColumn.MISSING, self.tr("缺少"), row_missing_text,
                   tooltip=lambda r: self.tr("需补充：{0}").format(row_missing_text(r)),
                   foreground=lambda _r: QColor(BAD.foreground)),
            column(WorklistColumn.PHONE, self.tr("手机号码"), lambda r: r.phone or ""),
        ]

    def set_filters(self, unit: str | None, enterprise: str | None, missing: str | None) -> None:
        self.unit, self.enterprise, self.missing = unit, enterprise, missing
        self.reload()

    def reload(self) -> int:
        """Read the list again from the first page (filters, sort or the records changed)."""
        fetch = self.fetch
        question = {"unit": self.unit, "enterprise": self.enterprise, "missing": self.missing, "sort": self.sort_key}

        def page(offset: int, limit: int) -> Page[WorklistRow]:
            rows = fetch(**question, offset=offset, limit=limit + 1)  # one more: is there another page?
            return Page(rows[:limit], len(rows) > limit)

        return self.load(page)

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

    def filter_text(self, row: int) -> str | None:
        """What the enterprise filter takes for a row: its USCC, else its name ("" for 无工作单位; None: no row)."""
        group = self.group(row)
        if group is None:
            return None
        return group.uscc or (group.name if group.name != no_employer() else "")

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
            return self.tr("{0}（{1}）").format(group.name, group.uscc) if group.uscc else group.name
        if role == RowRole:
            return group
        return None
