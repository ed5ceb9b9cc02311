"""One lazy, paged `QAbstractTableModel` for every record table (DESIGN §4.7; Anki's browser model,
Vorta's table models).

It holds the keys of its rows (person ids, …) in display order and a row cache by key. The owner
says how to read a page with `load(fetcher)`: `fetcher(offset, limit)` runs on a worker thread
(through `Op`) and returns a `Page`. The first page replaces the rows (the previous ones stay on
display until it arrives: no flicker); `fetchMore` reads on from where the last page ended, never
re-reading loaded rows. Each `load` is a new generation: older answers are discarded, and a request
still waiting in the pool is cancelled before it starts.

Columns are data (`ColumnDef`), custom roles a mapping role → function of the row. `refresh_keys`
re-reads a few rows off the GUI thread; `update_rows` emits `dataChanged` for those rows only
(DESIGN §4.6). `sort` orders the loaded rows (later pages join that order; -1: the source's order);
a model whose source sorts (the worklist) overrides it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from desktop_app.errors import KnownError
from desktop_app.ui.common.operations import Op

K = TypeVar("K", bound=Hashable)
R = TypeVar("R")

AnyIndex = QModelIndex | QPersistentModelIndex
_USER = int(Qt.ItemDataRole.UserRole)
KeyRole = _USER + 1  # the row's key (a person id, …)
RowRole = _USER + 2  # the whole row object
SortKeyRole = _USER + 3  # the value the column sorts by
FIRST_FREE_ROLE = _USER + 8  # owners number their own roles from here


@dataclass(frozen=True)
class Page(Generic[R]):
    """One page of rows as the source answers it."""

    rows: Sequence[R]
    has_more: bool
    note: str = ""  # what the source says about the whole answer (the search's interpretation)


PageFetcher = Callable[[int, int], Page[R]]  # (offset, limit) → a page; runs on a worker thread


@dataclass(frozen=True)
class ColumnDef(Generic[R]):
    """One column: its header and what each role shows for a row."""

    header: str
    display: Callable[[R], str]
    tooltip: Callable[[R], str | None] | None = None  # default: the display text (None when empty)
    foreground: Callable[[R], QColor | None] | None = None
    font: QFont | None = None
    sort_key: Callable[[R], Any] | None = None  # default: the display text
    header_tooltip: str | None = None


class PagedTableModel(QAbstractTableModel, Generic[K, R]):
    """Rows by key, read lazily page by page off the GUI thread."""

    loadStarted = Signal(int)  # generation
    pageLoaded = Signal(int, int)  # generation, rows added (the first page too)
    loadFailed = Signal(int, str)  # generation, message for the user
    busyChanged = Signal(bool)
    rowsRefreshed = Signal(object)  # list[int]: the rows `refresh_keys` / `update_rows` repainted

    def __init__(self, key_of: Callable[[R], K], parent: QObject | None = None, *, page_size: int = 50,
                 columns: Sequence[ColumnDef[R]] = (), roles: Mapping[int, Callable[[R], Any]] | None = None,
                 numbered_rows: bool = False) -> None:
        super().__init__(parent)
        self.key_of = key_of
        self.page_size = page_size
        self.columns: list[ColumnDef[R]] = list(columns)
        self.roles: dict[int, Callable[[R], Any]] = dict(roles or {})
        self.numbered_rows = numbered_rows  # the vertical header counts 1, 2, 3 …
        self.error_prefix = self.tr("读取出错：{0}")  # for errors that are not KnownError
        self._order: list[K] = []  # keys in the source's order
        self._keys: list[K] = []  # keys in display order
        self._rows: dict[K, R] = {}  # the row cache
        self._where: dict[K, int] = {}  # display row of each key
        self._fetched = 0  # rows the source has answered for this generation: the next page's offset
        self._fetcher: PageFetcher[R] | None = None
        self._generation = 0
        self._shown_generation = 0  # the generation whose rows are on display
        self._has_more = False
        self._note = ""
        self._pending: Op | None = None  # the in-flight first page or next page
        self._pending_token = 0  # which request `_pending` is (callbacks hold the token, not the Op)
        self._tokens = 0
        self._in_flight: dict[int, Op] = {}  # every request not yet answered, discarded ones too
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder

    # --- state ------------------------------------------------------------------------------

    @property
    def generation(self) -> int:
        return self._generation

    @property
    def has_more(self) -> bool:
        return self._has_more

    @property
    def note(self) -> str:
        return self._note

    @property
    def busy(self) -> bool:
        return self._pending is not None

    @property
    def current(self) -> bool:
        """True when the rows on display answer the latest `load` (nothing newer in flight)."""
        return self._shown_generation == self._generation

    @property
    def sort_column(self) -> int:
        return self._sort_column

    @property
    def sort_order(self) -> Qt.SortOrder:
        return self._sort_order

    def loaded_count(self) -> int:
        return len(self._keys)

    def keys(self) -> list[K]:
        """The keys on display, in display order."""
        return list(self._keys)

    def key_at(self, row: int) -> K | None:
        return self._keys[row] if 0 <= row < len(self._keys) else None

    def row_at(self, row: int) -> R | None:
        key = self.key_at(row)
        return self._rows[key] if key is not None else None

    def row_of(self, key: K) -> int:
        """The display row of a key; -1 when it is not loaded."""
        return self._where.get(key, -1)

    def row_for(self, key: K) -> R | None:
        return self._rows.get(key)

    # --- loading ----------------------------------------------------------------------------

    def load(self, fetcher: PageFetcher[R]) -> int:
        """Start a new answer from its first page; returns its generation. Older answers are discarded."""
        self._generation += 1
        self._fetcher = fetcher
        self._cancel_pending()
        self.loadStarted.emit(self._generation)
        self._start(0)
        return self._generation

    def clear(self) -> None:
        """No rows, and nothing in flight."""
        self._generation += 1
        self._fetcher = None
        self._cancel_pending()
        self._has_more = False
        self._note = ""
        self._shown_generation = self._generation
        self.beginResetModel()
        self._set_rows([])
        self.endResetModel()

    def shutdown(self) -> None:
        """Discard whatever is still in flight (the window is closing)."""
        self._generation += 1
        self._cancel_pending()

    def _cancel_pending(self) -> None:
        if self._pending is not None:
            self._pending.cancel_event.set()  # still waiting in the pool: it will not read
            self._pending = None
            self.busyChanged.emit(False)

    def _start(self, offset: int) -> None:
        fetcher, generation, limit = self._fetcher, self._generation, self.page_size
        if fetcher is None:
            return

        def work(cancelled: Callable[[], bool]) -> Page[R] | None:
            if cancelled():  # a newer load came while this one waited in the pool
                return None
            return fetcher(offset, limit)

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

    def _arrived(self, token: int, generation: int, offset: int, page: Page[R] | None) -> None:
        if not self._finish(token) or generation != self._generation or page is None:
            return  # an answer to an older question
        self._has_more = page.has_more
        if offset == 0:
            self._note = page.note
            self._fetched = len(page.rows)
            self.beginResetModel()
            self._set_rows(page.rows)
            self.endResetModel()
            added = len(self._keys)
        else:
            self._fetched += len(page.rows)
            added = self._append(page.rows)
        self._shown_generation = generation
        self.pageLoaded.emit(generation, added)

    def _failed(self, token: int, generation: int, exc: BaseException) -> None:
        if not self._finish(token) or generation != self._generation:
            return
        self._has_more = False
        self._shown_generation = generation
        message = str(exc) if isinstance(exc, KnownError) else self.error_prefix.format(exc)
        self.loadFailed.emit(generation, message)

    def _set_rows(self, rows: Sequence[R]) -> None:
        """Replace every row (inside a model reset)."""
        self._rows = {}
        for row in rows:
            self._rows.setdefault(self.key_of(row), row)  # a key once, where it first came
        self._order = list(self._rows)
        self._keys = self._sorted(self._order)
        self._index()

    def _append(self, rows: Sequence[R]) -> int:
        """Add a later page's rows at the end (then into the chosen order); returns how many were new."""
        new: dict[K, R] = {}
        for row in rows:
            key = self.key_of(row)
            if key not in self._rows:
                new.setdefault(key, row)
        if not new:
            return 0
        first = len(self._keys)
        self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
        self._rows.update(new)
        self._order.extend(new)
        self._keys.extend(new)
        self._index()
        self.endInsertRows()
        if self._sort_column >= 0:
            self._resort()
        return len(new)

    def _index(self) -> None:
        self._where = {key: row for row, key in enumerate(self._keys)}

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid():
            return False
        return self._has_more and self._pending is None and self.current

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._start(self._fetched)

    # --- refreshing a few rows --------------------------------------------------------------

    def update_rows(self, rows: Mapping[K, R]) -> list[int]:
        """Replace the loaded rows of these keys; returns their display rows (only those repaint)."""
        changed: list[int] = []
        for key, row in rows.items():
            at = self._where.get(key)
            if at is not None:
                self._rows[key] = row
                changed.append(at)
        changed.sort()
        last = self.columnCount() - 1
        for at in changed:
            self.dataChanged.emit(self.index(at, 0), self.index(at, last))
        if changed:
            self.rowsRefreshed.emit(changed)
        return changed

    def refresh_keys(self, keys: Collection[K], fetch: Callable[[Mapping[K, R]], Mapping[K, R]],
                     on_failure: Callable[[BaseException], None] | None = None) -> bool:
        """Read these rows again off the GUI thread: `fetch(current rows by key)` → the new rows by key.

        Only keys that are loaded are read; the answer is dropped when a new `load` replaced the
        rows meanwhile. Returns False when none of the keys is loaded (nothing is read)."""
        current = {key: self._rows[key] for key in keys if key in self._where}
        if not current:
            return False
        generation = self._generation

        def arrived(rows: Mapping[K, R]) -> None:
            if generation == self._generation:
                self.update_rows(rows)

        Op(self, lambda: fetch(current)).success(arrived).failure(on_failure or (lambda _exc: None)).run()
        return True

    # --- the table --------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._keys)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.columns[section].header
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.columns[section].header_tooltip
            return None
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole and self.numbered_rows:
            return section + 1
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.column() < len(self.columns):
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(row)
        if role == KeyRole:
            return self.key_of(row)
        if role == RowRole:
            return row
        if role == SortKeyRole:
            return self._sort_key(column, row)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column.tooltip is not None:
                return column.tooltip(row)
            return column.display(row) or None
        if role == Qt.ItemDataRole.ForegroundRole:
            return column.foreground(row) if column.foreground is not None else None
        if role == Qt.ItemDataRole.FontRole:
            return column.font
        if role in self.roles:
            return self.roles[role](row)
        return None

    # --- sorting the loaded rows ------------------------------------------------------------

    @staticmethod
    def _sort_key(column: ColumnDef[R], row: R) -> Any:
        return column.sort_key(row) if column.sort_key is not None else column.display(row)

    def _sorted(self, keys: list[K]) -> list[K]:
        if self._sort_column < 0:
            return list(keys)
        column = self.columns[self._sort_column]
        reverse = self._sort_order == Qt.SortOrder.DescendingOrder
        # `keys` is in the source's order and sorted() is stable (with reverse=True too): ties keep it.
        return sorted(keys, key=lambda k: self._sort_key(column, self._rows[k]), reverse=reverse)

    def _resort(self) -> None:
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        keys = [self.key_at(i.row()) for i in persistent]
        self._keys = self._sorted(self._order)
        self._index()
        for old, key in zip(persistent, keys, strict=True):
            row = self._where.get(key, -1) if key is not None else -1
            self.changePersistentIndex(old, self.index(row, old.column()) if row >= 0 else QModelIndex())
        self.layoutChanged.emit()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        column = column if 0 <= column < len(self.columns) else -1
        if column == self._sort_column and (column < 0 or order == self._sort_order):
            return
        self._sort_column = column
        self._sort_order = order
        self._resort()
