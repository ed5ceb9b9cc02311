"""The counter / phone-inquiry workspace: one search box, a filter bar, the results and a detail pane.

Keyboard first:
- the search box has the focus at start; Ctrl+F returns to it from anywhere in the window;
- typing searches at once, with at most one search in flight: a key pressed while one runs is
  answered as soon as it returns (newest text wins). Keys that come faster than a person types
  (a handheld scanner) and QR-like text wait for a short pause (debounce) or for Enter;
  Enter searches at once and opens the best match;
- Up/Down/PageUp/PageDown in the box move through the results, the detail follows the current row;
- Enter on a row opens the person (detail pane gets the focus); Esc in the detail pane goes back to
  the results, Esc in the box or the results clears the search for the next walk-in.
Everything that reads the cache runs through `Op` on a worker thread; callbacks touch the widgets.
The view refreshes itself from the one change signal (`apply_changes`).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Collection

from PySide6.QtCore import QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QImage, QKeySequence
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from desktop_app.domain.qrtext import looks_like_qr
from desktop_app.domain.rules import Rules, default_rules
from desktop_app.services.changes import OpChanges
from desktop_app.services.history import HistoryEntry
from desktop_app.services.search_types import PersonDetail, SearchFilters
from desktop_app.ui.common.changes import change_bus
from desktop_app.ui.common.errors import inline_text
from desktop_app.ui.common.operations import Op
from desktop_app.ui.workspace.detail_loader import DetailLoader
from desktop_app.ui.workspace.detail_pane import DetailPane
from desktop_app.ui.workspace.filter_bar import FilterBar
from desktop_app.ui.workspace.results_model import (
    PersonIdRole,
    SearchResultsModel,
    WorkspaceService,
    refreshed_hits,
)
from desktop_app.ui.workspace.results_status import ResultsStatus
from desktop_app.ui.workspace.results_table import ResultsTable
from desktop_app.ui.workspace.search_box import SearchBox

DEBOUNCE_MS = 150  # pause after machine-speed keys (a scanner) before searching without Enter
BURST_MS = 25  # keys closer than this come from a scanner, not from a person
DETAIL_FOLLOW_MS = 60  # the detail follows the current row after this pause (arrow keys held down)
SETTINGS_GROUP = "workspace"


class WorkspaceView(QWidget):
    """The central widget of the main window."""

    personOpened = Signal(int)  # person id, when the user opens a person (Enter)
    statusMessage = Signal(str)
    detailShown = Signal(object)  # the PersonDetail on display, or None
    editRequested = Signal(int)  # person id
    undoRequested = Signal(int)  # person id
    certificateRequested = Signal(object)  # CertificateRef

    def __init__(self, service: WorkspaceService, parent: QWidget | None = None, *,
                 today: dt.date | None = None, rules: Rules | None = None,
                 history: Callable[[int], list[HistoryEntry]] | None = None) -> None:
        """`history(person_id)` reads a record's audited changes (edits.history); None: no history section."""
        super().__init__(parent)
        self.setObjectName("workspaceView")
        self.service = service
        self.rules = rules or default_rules()
        self.today = today
        self._open_on_arrival = False
        self._search_pending = False
        self._last_key_at = 0.0
        self._last_generation = 0
        self.model = SearchResultsModel(service, self, today=today, rules=self.rules)
        self.details = DetailLoader(service.person_detail, history, self, today=today)
        self._build()
        self._connect()
        self.search_box.setFocus()

    # --- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.search_box = SearchBox()
        self.status_row = ResultsStatus()
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(DEBOUNCE_MS)
        self.follow_timer = QTimer(self)
        self.follow_timer.setSingleShot(True)
        self.follow_timer.setInterval(DETAIL_FOLLOW_MS)
        self.filter_bar = FilterBar(self.rules)
        self.table = ResultsTable(self.model)
        self.detail = DetailPane(self.rules)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.status_row)
        left_layout.addWidget(self.table, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("workspaceSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([860, 400])  # at 1280 px the results fit without scrolling

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addWidget(self.search_box)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.splitter, 1)
        self.setTabOrder(self.search_box, self.table)
        self.setTabOrder(self.table, self.detail)

        # One action for Ctrl+F: the main window also puts it in its menu (no second shortcut).
        self.find_action = QAction(self.tr("查找(&F)"), self)
        self.find_action.setObjectName("findAction")
        self.find_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        self.find_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.addAction(self.find_action)
        self.clear_action = QAction(self.tr("清空搜索"), self)
        self.clear_action.setObjectName("clearAction")

    def _connect(self) -> None:
        self.search_box.textEdited.connect(self._text_edited)
        self.search_box.returnPressed.connect(self._enter_in_box)
        self.search_box.navigate.connect(self.table.navigate)
        self.search_box.escapePressed.connect(self.clear_search)
        self.table.escapePressed.connect(self.clear_search)
        self.table.typed.connect(self._typed_in_results)
        self.table.activated.connect(self._activated)
        self.detail.escapePressed.connect(self.table.setFocus)
        self.detail.editRequested.connect(self.editRequested)
        self.detail.undoRequested.connect(self.undoRequested)
        self.detail.certificateRequested.connect(self.certificateRequested)
        self.details.arrived.connect(self._detail_arrived)
        self.details.failed.connect(self._detail_failed)
        self.debounce.timeout.connect(self.run_search)
        self.follow_timer.timeout.connect(self._follow_current)
        self.find_action.triggered.connect(self.focus_search)
        self.clear_action.triggered.connect(self.clear_search)
        self.model.pageLoaded.connect(self._page_loaded)
        self.model.searchFailed.connect(self._search_failed)
        self.model.busyChanged.connect(self._busy_changed)
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.filter_bar.changed.connect(self._filters_changed)
        change_bus().changed.connect(self.apply_changes)

    # --- start ------------------------------------------------------------------------------

    def start(self) -> None:
        """Load what the filter bar needs (issuing units) off the GUI thread."""
        Op(self, self.service.units).success(self.filter_bar.set_units).failure(self._units_failed).run()

    def _units_failed(self, exc: BaseException) -> None:
        self.statusMessage.emit(self.tr("无法读取发证单位：{0}").format(inline_text(exc)))

    def refresh(self) -> None:
        """The cache changed (import, demo fill, sync): reload the units and run the search again."""
        self.start()
        if self.model.query or not self.current_filters().is_empty():
            self.run_search()

    # --- searching --------------------------------------------------------------------------

    def current_filters(self) -> SearchFilters:
        return self.filter_bar.filters()

    def _text_edited(self, text: str) -> None:
        self._open_on_arrival = False
        now = time.monotonic()
        burst = (now - self._last_key_at) * 1000 < BURST_MS
        self._last_key_at = now
        if burst or looks_like_qr(text):
            self._search_pending = False
            self.debounce.start()  # a scanner: wait for its Enter or a pause
        elif self.model.busy:
            self.debounce.stop()
            self._search_pending = True  # answered when the search in flight returns
        else:
            self.run_search()

    def _typed_in_results(self, text: str) -> None:
        """Typing while the results have the focus refines the search."""
        self.search_box.setFocus(Qt.FocusReason.OtherFocusReason)
        self.search_box.end(False)  # moving without marking also drops any selection
        self.search_box.insert(text)  # emits textEdited, as typing in the box does

    def _filters_changed(self) -> None:
        self.debounce.stop()
        self.run_search()

    def reset_filters(self) -> None:
        self.filter_bar.reset()

    def run_search(self) -> None:
        """Search now for the box's text and the filters (the debounce calls this too)."""
        self.debounce.stop()
        self._search_pending = False
        query = self.search_box.text().strip()
        filters = self.current_filters()
        if not query and filters.is_empty():
            self.model.clear()
            self._open_on_arrival = False
            self.status_row.clear()
            self._show_placeholder()
            return
        self.model.set_query(query, filters)

    def _is_current(self) -> bool:
        """The rows on display answer what the box and the filters say now."""
        return (not self.debounce.isActive() and not self._search_pending and self.model.current
                and not self.model.busy
                and self.model.query == self.search_box.text().strip()
                and self.model.filters == self.current_filters())

    def _enter_in_box(self) -> None:
        if not self.search_box.text().strip() and self.current_filters().is_empty():
            return
        if self._is_current():
            row = self.table.currentIndex().row()
            self.open_row(row if row >= 0 else 0, focus_detail=False)
            self.search_box.selectAll()  # the next scan or name replaces this one
            return
        self._open_on_arrival = True  # a scanner's Enter: no debounce wait
        self.run_search()

    def _run_pending(self) -> None:
        if self._search_pending:
            self._search_pending = False
            if (self.model.query != self.search_box.text().strip()
                    or self.model.filters != self.current_filters()):
                self.run_search()

    def _page_loaded(self, generation: int, _added: int) -> None:
        QTimer.singleShot(0, self._run_pending)  # after this page is on screen
        first_page = generation != self._last_generation
        self._last_generation = generation
        self.status_row.show_counts(self.model.loaded_count(), self.model.has_more)
        if not first_page:
            return
        self.status_row.show_interpretation(self.model.interpretation)
        if self.model.rowCount() == 0:
            if self._open_on_arrival:
                self._open_on_arrival = False
                self.search_box.selectAll()  # the next scan replaces this one
            text = self.status_row.nothing_found()  # with what to try, when the box has a hint
            if not self.model.filters.is_empty():
                text += "\n" + self.tr("（已启用筛选条件，按“清除筛选”可查看全部）")
            self._show_placeholder(text)
            return
        self.table.scrollToTop()
        self.table.setCurrentIndex(self.model.index(0, self.table.first_visible_column()))
        if self._open_on_arrival:
            self._open_on_arrival = False
            self.open_row(0, focus_detail=False)
            self.search_box.selectAll()

    def _search_failed(self, _generation: int, message: str) -> None:
        QTimer.singleShot(0, self._run_pending)
        self._open_on_arrival = False
        self.status_row.show_failure(message)
        self.statusMessage.emit(message)

    def _busy_changed(self, busy: bool) -> None:
        if busy and self.model.loaded_count() == 0:
            self.status_row.show_searching()

    # --- navigation -------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def clear_search(self) -> None:
        self.debounce.stop()
        self.search_box.clear()
        self.run_search()
        self.search_box.setFocus(Qt.FocusReason.OtherFocusReason)

    def _activated(self, index: QModelIndex) -> None:
        self.open_row(index.row(), focus_detail=True)

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.follow_timer.start()

    def _follow_current(self) -> None:
        row = self.table.currentIndex().row()
        if row >= 0:
            self._load_detail(self.model.data(self.model.index(row, 0), PersonIdRole))

    def open_row(self, row: int, *, focus_detail: bool) -> None:
        """Open the person on `row`: select it, show the detail now, optionally focus the pane."""
        person_id = self.model.data(self.model.index(row, 0), PersonIdRole)
        if person_id is None:
            return
        index = self.model.index(row, max(self.table.currentIndex().column(), self.table.first_visible_column()))
        if self.table.currentIndex().row() != row:
            self.table.setCurrentIndex(index)
        self.follow_timer.stop()
        self._load_detail(int(person_id), force=True)
        if focus_detail:
            self.detail.setFocus(Qt.FocusReason.OtherFocusReason)
        self.personOpened.emit(int(person_id))

    # --- the detail -------------------------------------------------------------------------

    def _load_detail(self, person_id: int | None, *, force: bool = False) -> None:
        if person_id is not None:
            self.details.load(person_id, self.devicePixelRatioF(), force=force)

    def _detail_arrived(self, detail: PersonDetail | None, image: QImage | None,
                        history: list[HistoryEntry] | None) -> None:
        if detail is None:
            self.detail.show_placeholder(self.tr("该人员已不在本地缓存中"))
            self.detailShown.emit(None)
            return
        self.detail.show_detail(detail, image, self.today or dt.date.today(), history)
        self.detailShown.emit(detail)

    def _detail_failed(self, message: str) -> None:
        self.detail.show_placeholder(message)
        self.statusMessage.emit(message)
        self.detailShown.emit(None)

    def _show_placeholder(self, text: str | None = None) -> None:
        self.details.forget()
        if text is None:
            self.detail.show_placeholder(self.tr("输入姓名、拼音、身份证号、证书编号或企业名称，或直接扫描证书二维码"))
        else:
            self.detail.show_placeholder(text)
        self.detailShown.emit(None)

    # --- after a change ---------------------------------------------------------------------

    def current_person(self) -> int | None:
        """The person on display in the detail pane."""
        return self.detail.detail.person_id if self.detail.detail is not None else None

    def records_changed(self, person_ids: Collection[int]) -> None:
        """These records changed (a save, an undo, an import): refresh their rows and, if shown, the detail.

        Only the affected rows are read again and repainted; the query is not run again, so the list
        does not jump (a row that no longer matches a filter stays until the next search)."""
        ids = set(person_ids)
        shown = self.current_person()
        if shown is not None and shown in ids:
            self._load_detail(shown, force=True)
        fetch = refreshed_hits(self.service, self.today)
        self.model.refresh_keys(ids, fetch, lambda exc: self.statusMessage.emit(inline_text(exc)))

    def apply_changes(self, changes: OpChanges) -> None:
        """What a write changed (the change signal): an import or a batch reloads what is shown, a save
        or an undo refreshes only its persons' rows and the detail; a print or a setting changes nothing here."""
        if changes.is_bulk:
            self.refresh()
            shown = self.current_person()
            if shown is not None:
                self._load_detail(shown, force=True)
        elif changes.person_ids and changes.touches_records():
            self.records_changed(changes.person_ids)

    def open_person(self, id_number: str) -> None:
        """Find this person (by ID number) and open them, as a scan at the counter would."""
        self.debounce.stop()
        self.search_box.setText(id_number)
        self._open_on_arrival = True
        self.run_search()

    # --- columns and layout memory ----------------------------------------------------------

    def reset_columns(self) -> None:
        self.table.reset_columns()

    def save_layout(self, settings: QSettings) -> None:
        settings.beginGroup(SETTINGS_GROUP)
        self.table.save_columns(settings)
        settings.setValue("splitter_state", self.splitter.saveState())
        settings.endGroup()

    def restore_layout(self, settings: QSettings) -> None:
        settings.beginGroup(SETTINGS_GROUP)
        splitter_state = settings.value("splitter_state")
        if splitter_state is not None:
            self.splitter.restoreState(splitter_state)  # type: ignore[arg-type]
        self.table.restore_columns(settings)
        settings.endGroup()

    def shutdown(self) -> None:
        self.debounce.stop()
        self._search_pending = False
        self.follow_timer.stop()
        self.model.shutdown()
        self.details.shutdown()
