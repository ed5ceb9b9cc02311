"""The results table: a lazy `QAbstractTableModel` over the pages of the search service (DESIGN §4.7).

The model holds `PersonHit`s page by page. `set_query` starts the first page on a worker thread
(through `Op`); `canFetchMore`/`fetchMore` load the next page the same way when the view scrolls
to the end. Every query gets a new generation number: a page that arrives for an older generation
is discarded, and an older query still waiting in the thread pool is cancelled before it starts.
The rows of the previous query stay visible until the new first page arrives, so the table never
flickers empty while the user types.

Sorting a column sorts the rows loaded so far (and keeps later pages in that order); sorting by no
column (`sort(-1)`) restores the service's ranking, best match first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import IntEnum
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QCollator,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from desktop_app.errors import KnownError
from desktop_app.services.search_types import CertificateSummary, PersonHit, SearchFilters, SearchPage
from desktop_app.ui.badges import STATUS_SEVERITY, status_color
from desktop_app.ui.operations import Op

PAGE_SIZE = 50

_USER = int(Qt.ItemDataRole.UserRole)
PersonIdRole = _USER + 1  # int: the person's id in the cache
HitRole = _USER + 2  # PersonHit: the whole row
StatusRole = _USER + 3  # str: the worst certificate status of the row (a Status value)
MatchRole = _USER + 4  # int: the MatchKind ranking tier
SortKeyRole = _USER + 5  # the value the column sorts by

AnyIndex = QModelIndex | QPersistentModelIndex


class SearchBackend(Protocol):
    """What the model needs of `desktop_app.services.search.SearchService`."""

    def search(self, query: str, filters: SearchFilters = ..., offset: int = 0, limit: int = 50,
               today: dt.date | None = None) -> SearchPage: ...


class Column(IntEnum):
    """The columns, in their default order (the user may move, hide and resize them)."""

    NAME = 0
    GENDER = 1
    ID_NUMBER = 2
    EMPLOYER = 3
    CERTIFICATES = 4
    STATUS = 5
    NEW_CERT = 6
    VALID_UNTIL = 7
    CATEGORY = 8
    ISSUER = 9
    UNSYNCED = 10


def has_new_format(cert: CertificateSummary) -> bool:
    """Issued in the new format, or its new-format certificate has been generated."""
    return cert.format == "new" or cert.new_generated


def worst_status(hit: PersonHit) -> str:
    """The status that matters most over a person's certificates ("" when none)."""
    if not hit.certificates:
        return ""
    return max((c.status for c in hit.certificates), key=lambda s: STATUS_SEVERITY.get(s, 0))


def next_valid_until(hit: PersonHit) -> dt.date | None:
    """The earliest end of validity among the certificates (the one a caller asks about first)."""
    dates = [c.valid_until for c in hit.certificates if c.valid_until is not None]
    return min(dates) if dates else None


class SearchResultsModel(QAbstractTableModel):
    """Search hits, loaded lazily page by page off the GUI thread."""

    searchStarted = Signal(int)  # generation
    pageLoaded = Signal(int, int)  # generation, rows added (the first page too)
    searchFailed = Signal(int, str)  # generation, message for the user
    busyChanged = Signal(bool)

    def __init__(self, service: SearchBackend, parent: QObject | None = None, *, page_size: int = PAGE_SIZE,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.page_size = page_size
        self.today = today
        self._hits: list[PersonHit] = []  # in the service's order (best match first)
        self._rows: list[PersonHit] = []  # in display order
        self._generation = 0
        self._query = ""
        self._filters = SearchFilters()
        self._interpretation = ""
        self._has_more = False
        self._shown_generation = 0  # the generation whose rows are on display
        self._pending: Op | None = None  # the in-flight first page or next page
        self._pending_token = 0  # which request `_pending` is (callbacks hold the token, not the Op)
        self._tokens = 0
        self._in_flight: dict[int, Op] = {}  # every request not yet answered, discarded ones too
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._collator = QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        self._collator.setNumericMode(True)
        self._bold = QFont()
        self._bold.setBold(True)
        self._headers = {
            Column.NAME: self.tr("姓名"),
            Column.GENDER: self.tr("性别"),
            Column.ID_NUMBER: self.tr("身份证号"),
            Column.EMPLOYER: self.tr("工作单位"),
            Column.CERTIFICATES: self.tr("证书"),
            Column.CATEGORY: self.tr("类别"),
            Column.STATUS: self.tr("状态"),
            Column.VALID_UNTIL: self.tr("有效期至"),
            Column.NEW_CERT: self.tr("新版证书"),
            Column.ISSUER: self.tr("发证单位"),
            Column.UNSYNCED: self.tr("本地修改"),
        }

    # --- state ------------------------------------------------------------------------------

    @property
    def generation(self) -> int:
        return self._generation

    @property
    def query(self) -> str:
        return self._query

    @property
    def filters(self) -> SearchFilters:
        return self._filters

    @property
    def interpretation(self) -> str:
        return self._interpretation

    @property
    def has_more(self) -> bool:
        return self._has_more

    @property
    def busy(self) -> bool:
        return self._pending is not None

    @property
    def current(self) -> bool:
        """True when the rows on display answer the latest query (nothing newer in flight)."""
        return self._shown_generation == self._generation

    def loaded_count(self) -> int:
        return len(self._rows)

    def hit(self, row: int) -> PersonHit | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, person_id: int) -> int:
        return next((i for i, h in enumerate(self._rows) if h.person_id == person_id), -1)

    # --- queries ----------------------------------------------------------------------------

    def set_query(self, query: str, filters: SearchFilters | None = None) -> int:
        """Start a new search; returns its generation. An older query in flight is discarded."""
        self._generation += 1
        self._query = query
        self._filters = filters or SearchFilters()
        self._cancel_pending()
        self.searchStarted.emit(self._generation)
        self._start(0)
        return self._generation

    def refresh(self) -> int:
        """Run the current query again (after the cache changed)."""
        return self.set_query(self._query, self._filters)

    def clear(self) -> None:
        """No query: drop every row and anything in flight."""
        self._generation += 1
        self._cancel_pending()
        self._query = ""
        self._filters = SearchFilters()
        self._interpretation = ""
        self._has_more = False
        self._shown_generation = self._generation
        self.beginResetModel()
        self._hits = []
        self._rows = []
        self.endResetModel()

    def shutdown(self) -> None:
        """Discard whatever is still in flight (the window is closing)."""
        self._generation += 1
        self._cancel_pending()

    def _cancel_pending(self) -> None:
        if self._pending is not None:
            self._pending.cancel_event.set()  # still waiting in the pool: it will not run the search
            self._pending = None
            self.busyChanged.emit(False)

    def _start(self, offset: int) -> None:
        generation, query, filters = self._generation, self._query, self._filters
        service, limit, today = self.service, self.page_size, self.today

        def work(cancelled: Callable[[], bool]) -> SearchPage | None:
            if cancelled():  # a newer query came while this one waited in the pool
                return None
            return service.search(query, filters, offset=offset, limit=limit, today=today)

        self._tokens += 1
        token = self._tokens
        op = Op(self, work)
        op.success(lambda page: self._arrived(token, generation, offset, page))
        op.failure(lambda exc: self._failed(token, generation, exc))
        self._pending = op
        self._pending_token = token
        self._in_flight[token] = op
        self.busyChanged.emit(True)
        op.run()

    def _finish(self, token: int) -> bool:
        """Clear the pending slot if it is this request; True when its answer is still wanted."""
        self._in_flight.pop(token, None)  # Op frees its own signal carrier once answered
        if self._pending is not None and self._pending_token == token:
            self._pending = None
            self.busyChanged.emit(False)
            return True
        return False

    def _arrived(self, token: int, generation: int, offset: int, page: SearchPage | None) -> None:
        if not self._finish(token) or generation != self._generation or page is None:
            return  # an answer to an older question
        new_hits = list(page.hits)
        self._has_more = page.has_more
        if offset == 0:
            self._interpretation = page.interpretation
            self.beginResetModel()
            self._hits = new_hits
            self._rows = self._sorted(new_hits)
            self.endResetModel()
        elif new_hits:
            self._hits.extend(new_hits)
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(new_hits) - 1)
            self._rows.extend(new_hits)
            self.endInsertRows()
            if self._sort_column >= 0:  # later pages join the chosen order
                self._resort()
        self._shown_generation = generation
        self.pageLoaded.emit(generation, len(new_hits))

    def _failed(self, token: int, generation: int, exc: BaseException) -> None:
        if not self._finish(token) or generation != self._generation:
            return
        self._has_more = False
        self._shown_generation = generation
        message = str(exc) if isinstance(exc, KnownError) else self.tr("搜索出错：{0}").format(exc)
        self.searchFailed.emit(generation, message)

    # --- lazy paging ------------------------------------------------------------------------

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid():
            return False
        return self._has_more and self._pending is None and self.current

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._start(len(self._hits))

    # --- the table --------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(Column):
            if role == Qt.ItemDataRole.DisplayRole:
                return self._headers[Column(section)]
            if role == Qt.ItemDataRole.ToolTipRole and section == Column.VALID_UNTIL:
                return self.tr("各证书中最早的有效期截止日")
            return None
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        inside = 0 <= index.row() < len(self._rows) and 0 <= index.column() < len(Column)
        if not index.isValid() or not inside:
            return None
        hit = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(hit, column)
        if role == PersonIdRole:
            return hit.person_id
        if role == HitRole:
            return hit
        if role == StatusRole:
            return worst_status(hit)
        if role == MatchRole:
            return int(hit.match)
        if role == SortKeyRole:
            return self._sort_key(hit, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(hit, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == Column.STATUS:
                return status_color(worst_status(hit))
            if column == Column.NEW_CERT and hit.blocked:
                return status_color("expired")
            if column == Column.UNSYNCED and hit.unsynced:
                return status_color("expiring")
            return None
        if role == Qt.ItemDataRole.FontRole and column == Column.NAME:
            return self._bold
        return None

    def _display(self, hit: PersonHit, column: Column) -> str:
        certs = hit.certificates
        if column == Column.NAME:
            return hit.name
        if column == Column.GENDER:
            return hit.gender
        if column == Column.ID_NUMBER:
            return hit.id_number
        if column == Column.EMPLOYER:
            return hit.employer or ""
        if column == Column.CERTIFICATES:
            if not certs:
                return ""
            if len(certs) == 1:
                return certs[0].number
            return self.tr("{0} 等 {1} 本").format(certs[0].number, len(certs))
        if column == Column.CATEGORY:
            return "、".join(dict.fromkeys(self._category_label(c.category, c.work_type_name) for c in certs))
        if column == Column.STATUS:  # every status once, the one that matters most first
            labels = {c.status: c.status_label for c in certs}
            order = sorted(labels, key=lambda s: STATUS_SEVERITY.get(s, 0), reverse=True)
            return "、".join(labels[s] for s in order)
        if column == Column.VALID_UNTIL:
            until = next_valid_until(hit)
            return until.isoformat() if until else ""
        if column == Column.NEW_CERT:
            return self._new_cert_text(hit)
        if column == Column.ISSUER:
            return "、".join(dict.fromkeys(c.issuer_unit for c in certs))
        if column == Column.UNSYNCED:
            return self.tr("未同步") if hit.unsynced else ""
        return ""

    def _category_label(self, category: str, work_type_name: str | None) -> str:
        if category == "SPECIAL":
            return work_type_name or self.tr("特种作业")
        return self.tr("{0} 类").format(category)

    def _new_cert_text(self, hit: PersonHit) -> str:
        certs = hit.certificates
        if not certs:
            return ""
        done = sum(1 for c in certs if has_new_format(c))
        if len(certs) == 1:
            text = self.tr("已生成") if done else self.tr("未生成")
        else:
            text = self.tr("已生成 {0}/{1}").format(done, len(certs))
        if hit.blocked:
            text += self.tr("（受阻）")
        return text

    def _tooltip(self, hit: PersonHit, column: Column) -> str | None:
        if column in (Column.CERTIFICATES, Column.STATUS, Column.VALID_UNTIL, Column.CATEGORY):
            lines = []
            for c in hit.certificates:
                until = c.valid_until.isoformat() if c.valid_until else self.tr("无")
                lines.append(self.tr("{number}  {status}  有效期至 {until}").format(
                    number=c.number, status=c.status_label, until=until))
            return "\n".join(lines) or None
        if column == Column.NEW_CERT and hit.blocked:
            return "\n".join(hit.blocked)
        if column == Column.UNSYNCED and hit.unsynced:
            return self.tr("本地有修改尚未同步到省系统")
        text = self._display(hit, column)
        return text or None

    # --- sorting ----------------------------------------------------------------------------

    def _sort_key(self, hit: PersonHit, column: Column) -> Any:
        if column == Column.STATUS:
            return STATUS_SEVERITY.get(worst_status(hit), -1)
        if column == Column.VALID_UNTIL:
            return next_valid_until(hit) or dt.date.max
        if column == Column.UNSYNCED:
            return int(hit.unsynced)
        if column == Column.NEW_CERT:
            certs = hit.certificates
            return (bool(hit.blocked), sum(1 for c in certs if has_new_format(c)) / max(len(certs), 1))
        text = self._display(hit, column)
        if column in (Column.NAME, Column.EMPLOYER, Column.ISSUER, Column.CATEGORY):
            return self._collator.sortKey(text)
        return text

    def _sorted(self, hits: list[PersonHit]) -> list[PersonHit]:
        if self._sort_column < 0:
            return list(hits)
        column = Column(self._sort_column)
        rank = {id(h): i for i, h in enumerate(hits)}
        reverse = self._sort_order == Qt.SortOrder.DescendingOrder
        # Ties keep the service's ranking, whatever the direction.
        ordered = sorted(hits, key=lambda h: rank[id(h)])
        return sorted(ordered, key=lambda h: self._sort_key(h, column), reverse=reverse)

    def _resort(self) -> None:
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self._rows[i.row()].person_id if 0 <= i.row() < len(self._rows) else None for i in persistent]
        self._rows = self._sorted(self._hits)
        where = {h.person_id: row for row, h in enumerate(self._rows)}
        for old, person_id in zip(persistent, ids, strict=True):
            row = where.get(person_id, -1) if person_id is not None else -1
            self.changePersistentIndex(old, self.index(row, old.column()) if row >= 0 else QModelIndex())
        self.layoutChanged.emit()

    @property
    def sort_column(self) -> int:
        return self._sort_column

    @property
    def sort_order(self) -> Qt.SortOrder:
        return self._sort_order

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        column = column if 0 <= column < len(Column) else -1
        if column == self._sort_column and (column < 0 or order == self._sort_order):
            return
        self._sort_column = column
        self._sort_order = order
        self._resort()
