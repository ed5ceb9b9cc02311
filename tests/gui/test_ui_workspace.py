"""pytest-qt drives the real main window and workspace view on a real cache (DESIGN §4.9).

Type a query, see rows, move with the keyboard, open the detail, scan a QR text, clear with Esc,
narrow with the filters, and find the layout again after a close and reopen.
"""

from __future__ import annotations

import threading
import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt, QThreadPool
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from desktop_app.services import search as search_module
from desktop_app.services.api.workspace import WorkspaceService
from desktop_app.services.search import SearchService
from desktop_app.services.search_types import PersonHit
from desktop_app.ui.common.operations import write_pool
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.workspace.results_model import Column, HitRole, PersonIdRole
from desktop_app.ui.workspace.results_table import DEFAULT_HIDDEN, DEFAULT_WIDTHS
from desktop_app.ui.workspace.view import DEBOUNCE_MS, WorkspaceView
from tests.gui.test_ui_search_model import (
    A_NUMBER,
    LI_ID,
    SPECIAL_NEW,
    SPECIAL_OLD,
    TODAY,
    WANG_ID,
    copy_of_template,
)
from tests.helpers.ui_windows import dispose_on_gui_thread, open_context, sign_in, window_opener

WAIT = 10000

# The offscreen platform cannot pass a window's minimum size on to a window system; on a real one it can.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

OpenWindow = Callable[[], MainWindow]


@pytest.fixture
def cache_dir(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Path:
    """A fresh copy of the filled workspace (demo persons plus the handcrafted ones) for one test."""
    return copy_of_template(tmp_path_factory, tmp_path)


@pytest.fixture
def open_window(qtbot: Any, cache_dir: Path) -> Iterator[OpenWindow]:
    with window_opener(qtbot, cache_dir, TODAY) as opener:
        yield opener


def view_of(window: MainWindow) -> WorkspaceView:
    return window.workspace_view


def type_query(qtbot: Any, view: WorkspaceView, text: str) -> None:
    """Type like a user: ASCII as key presses; Chinese as an input method commits it (QTest's key
    clicks accept Latin-1 only)."""
    box = view.search_box
    box.setFocus()
    if text.isascii():
        qtbot.keyClicks(box, text)
        return
    for char in text:
        if char.isascii():
            qtbot.keyClicks(box, char)
        else:
            event = QInputMethodEvent()
            event.setCommitString(char)
            QApplication.sendEvent(box, event)


def wait_rows(qtbot: Any, view: WorkspaceView, query: str | None = None) -> None:
    """Until the rows on display answer the box (and, if given, this query)."""
    def ready() -> bool:
        model = view.model
        return (model.current and not model.busy and model.rowCount() > 0 and not view.debounce.isActive()
                and (query is None or model.query == query))
    qtbot.waitUntil(ready, timeout=WAIT)


def hit_at(view: WorkspaceView, row: int) -> PersonHit:
    return view.model.data(view.model.index(row, 0), HitRole)


def wait_detail(qtbot: Any, view: WorkspaceView, id_number: str) -> None:
    qtbot.waitUntil(lambda: view.detail.detail is not None and view.detail.detail.id_number == id_number,
                    timeout=WAIT)


def test_search_box_has_the_focus_at_start(qtbot: Any, open_window: OpenWindow) -> None:
    window = open_window()
    view = view_of(window)
    qtbot.waitUntil(view.search_box.hasFocus, timeout=WAIT)
    assert window.centralWidget() is view
    qtbot.waitUntil(lambda: "本地缓存" in window.summary_label.text(), timeout=WAIT)
    assert window.summary_label.parent() is not None  # in the status bar, not the central area
    qtbot.waitUntil(lambda: view.filter_bar.unit_combo.count() > 1, timeout=WAIT)  # units loaded off the GUI thread
    assert view.filter_bar.unit_combo.findData("济南市住房和城乡建设局") >= 0


def test_typing_shows_rows_and_the_best_match_first(qtbot: Any, open_window: OpenWindow) -> None:
    view = view_of(open_window())
    type_query(qtbot, view, WANG_ID[-6:])  # the last digits of the ID number
    wait_rows(qtbot, view, WANG_ID[-6:])
    assert WANG_ID in [hit_at(view, r).id_number for r in range(view.model.rowCount())]
    view.search_box.clear()
    type_query(qtbot, view, "王建国")
    wait_rows(qtbot, view, "王建国")
    assert hit_at(view, 0).name == "王建国"
    assert view.status_row.interpretation_label.text()
    assert view.status_row.count_label.text()
    qtbot.waitUntil(lambda: view.detail.detail is not None, timeout=WAIT)  # the best match is shown


class _Recording:
    """Records every search call of the real service: thread, query, how many ran at once."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.threads: list[threading.Thread] = []
        self.queries: list[str] = []
        self.running = 0
        self.most_at_once = 0

    def service_class(self) -> type[SearchService]:
        recorder = self

        class Recording(SearchService):
            def search(self, query: str, *args: Any, **kwargs: Any) -> Any:
                with recorder.lock:
                    recorder.threads.append(threading.current_thread())
                    recorder.queries.append(query)
                    recorder.running += 1
                    recorder.most_at_once = max(recorder.most_at_once, recorder.running)
                try:
                    return super().search(query, *args, **kwargs)
                finally:
                    with recorder.lock:
                        recorder.running -= 1

        return Recording


def test_searches_run_off_the_gui_thread_one_at_a_time(qtbot: Any, open_window: OpenWindow,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    recorder = _Recording()
    monkeypatch.setattr(search_module, "SearchService", recorder.service_class())
    view = view_of(open_window())
    # A person typing (a key every 40 ms): each key is answered, never more than one search at a time.
    view.search_box.setFocus()
    for char in "wangjianguo":
        qtbot.keyClick(view.search_box, char)
        qtbot.wait(40)
    wait_rows(qtbot, view, "wangjianguo")
    assert recorder.queries[-1] == "wangjianguo"
    assert 1 < len(recorder.queries) <= len("wangjianguo")
    assert recorder.most_at_once == 1
    assert all(t is not threading.main_thread() for t in recorder.threads)
    assert "王建国" in [hit_at(view, r).name for r in range(view.model.rowCount())]


def test_machine_speed_keys_wait_for_a_pause(qtbot: Any, open_window: OpenWindow,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    recorder = _Recording()
    monkeypatch.setattr(search_module, "SearchService", recorder.service_class())
    view = view_of(open_window())
    type_query(qtbot, view, "wangjianguo")  # all keys at once, as a handheld scanner types
    assert view.debounce.isActive()
    wait_rows(qtbot, view, "wangjianguo")
    assert recorder.queries[-1] == "wangjianguo"
    assert len(recorder.queries) <= 2  # the first key, then the whole word after the pause


def test_arrows_move_through_results_and_the_detail_follows(qtbot: Any, open_window: OpenWindow) -> None:
    view = view_of(open_window())
    type_query(qtbot, view, "王")
    wait_rows(qtbot, view, "王")
    assert view.model.rowCount() >= 3
    qtbot.waitUntil(lambda: view.table.currentIndex().row() == 0, timeout=WAIT)
    qtbot.keyClick(view.search_box, Qt.Key.Key_Down)  # from the box: the box keeps the focus
    assert view.table.currentIndex().row() == 1
    assert view.search_box.hasFocus()
    wait_detail(qtbot, view, hit_at(view, 1).id_number)
    qtbot.keyClick(view.search_box, Qt.Key.Key_Down)
    qtbot.keyClick(view.search_box, Qt.Key.Key_Up)
    assert view.table.currentIndex().row() == 1
    qtbot.keyClick(view.search_box, Qt.Key.Key_PageDown)
    paged = view.table.currentIndex().row()
    assert paged > 2
    qtbot.keyClick(view.search_box, Qt.Key.Key_PageUp)
    assert view.table.currentIndex().row() < paged
    view.table.setCurrentIndex(view.model.index(1, 0))
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Down)  # in the table itself
    assert view.table.currentIndex().row() == 2
    wait_detail(qtbot, view, hit_at(view, 2).id_number)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)  # Enter opens the person: the detail pane takes the focus
    qtbot.waitUntil(view.detail.hasFocus, timeout=WAIT)
    qtbot.keyClick(view.detail, Qt.Key.Key_Escape)  # Esc in the detail goes back to the results
    assert view.table.hasFocus()


def test_enter_opens_the_person_with_the_phone_answer(qtbot: Any, open_window: OpenWindow) -> None:
    view = view_of(open_window())
    type_query(qtbot, view, WANG_ID)
    qtbot.keyClick(view.search_box, Qt.Key.Key_Return)
    wait_detail(qtbot, view, WANG_ID)
    pane = view.detail
    assert pane.answer_label is not None and pane.contacts_label is not None
    answer = pane.answer_label.text()
    assert answer.startswith("新版证书未生成") and "原因" in answer
    assert "职务" in answer  # the A certificate lacks 职务 and 技术职称
    contacts = pane.contacts_label.text()
    assert "济南市住房和城乡建设局" in contacts and "0531-61378779" in contacts
    body = pane.widget()
    texts = " ".join(label.text() for label in body.findChildren(type(pane.answer_label)))
    assert A_NUMBER in texts and SPECIAL_NEW in texts  # the old number and its new-format number
    assert "旧版" in texts and "受阻" in texts and "有效" in texts and "新版未生成" in texts
    assert "即将到期" in texts and "还有 75 天到期" in texts  # 2027-01-15, seen from 2026-11-01
    photo = body.findChild(type(pane.answer_label), "photoLabel")
    assert photo is not None and photo.property("hasPhoto") is True and photo.pixmap() is not None
    assert view.search_box.hasFocus() and view.search_box.selectedText() == WANG_ID  # ready for the next

    # The next person: typing replaces the selected text; no photo gives a placeholder.
    qtbot.keyClicks(view.search_box, LI_ID)
    qtbot.keyClick(view.search_box, Qt.Key.Key_Enter)
    wait_detail(qtbot, view, LI_ID)
    assert view.detail.answer_label is not None
    assert view.detail.answer_label.text().startswith("新版证书已生成")
    assert view.detail.contacts_label is not None and "0532-66209611" in view.detail.contacts_label.text()
    photo = view.detail.widget().findChild(type(view.detail.answer_label), "photoLabel")
    assert photo is not None and photo.property("hasPhoto") is False and photo.text() == "无照片"


def test_scanner_qr_text_and_enter_search_at_once(qtbot: Any, open_window: OpenWindow) -> None:
    view = view_of(open_window())
    qr = "https://zjt.shandong.gov.cn/zzcx/verify?certNum=" + urllib.parse.quote(SPECIAL_OLD) + "&t=1"
    view.search_box.setFocus()
    qtbot.keyClicks(view.search_box, qr)
    qtbot.keyClick(view.search_box, Qt.Key.Key_Return)
    # Enter searches now: no debounce wait, the query is already on its way.
    assert not view.debounce.isActive()
    assert view.model.query == qr and view.model.busy
    wait_detail(qtbot, view, WANG_ID)
    assert hit_at(view, 0).id_number == WANG_ID
    assert view.search_box.selectedText() == qr  # the next scan replaces it


def test_escape_clears_for_the_next_walk_in(qtbot: Any, open_window: OpenWindow) -> None:
    view = view_of(open_window())
    type_query(qtbot, view, LI_ID)
    qtbot.keyClick(view.search_box, Qt.Key.Key_Return)
    wait_detail(qtbot, view, LI_ID)
    qtbot.keyClick(view.search_box, Qt.Key.Key_Escape)
    assert view.search_box.text() == ""
    assert view.model.rowCount() == 0
    assert view.detail.detail is None
    # From the results too.
    type_query(qtbot, view, "王")
    wait_rows(qtbot, view, "王")
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Escape)
    assert view.search_box.text() == "" and view.model.rowCount() == 0
    assert view.search_box.hasFocus()


def test_ctrl_f_returns_to_the_search_box(qtbot: Any, open_window: OpenWindow) -> None:
    window = open_window()
    view = view_of(window)
    type_query(qtbot, view, "王")
    wait_rows(qtbot, view, "王")
    view.table.setFocus()
    qtbot.waitUntil(view.table.hasFocus, timeout=WAIT)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT)
    qtbot.keyClick(view.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(view.search_box.hasFocus, timeout=WAIT)
    assert view.search_box.selectedText() == "王"
    assert view.find_action.shortcut().toString() == "Ctrl+F"
    assert view.find_action in window.menuBar().actions()[1].menu().actions()


def test_filters_narrow_the_results(qtbot: Any, open_window: OpenWindow) -> None:
    view = view_of(open_window())
    type_query(qtbot, view, "王")
    wait_rows(qtbot, view, "王")
    all_ids = {hit_at(view, r).person_id for r in range(view.model.rowCount())}

    # a filter searches at once
    view.filter_bar.format_combo.setCurrentIndex(view.filter_bar.format_combo.findData("new"))
    wait_rows(qtbot, view, "王")
    assert view.model.filters.format == "new"
    rows = [hit_at(view, r) for r in range(view.model.rowCount())]
    assert all(any(c.format == "new" for c in h.certificates) for h in rows)
    assert view.filter_bar.reset_button.isEnabled()

    view.filter_bar.format_combo.setCurrentIndex(0)
    view.filter_bar.blocked_check.setChecked(True)
    wait_rows(qtbot, view, "王")
    rows = [hit_at(view, r) for r in range(view.model.rowCount())]
    assert all(h.blocked for h in rows)
    assert WANG_ID in [h.id_number for h in rows]
    assert {h.person_id for h in rows} <= all_ids or view.model.has_more

    unit = "济南市住房和城乡建设局"
    view.filter_bar.blocked_check.setChecked(False)
    qtbot.waitUntil(lambda: view.filter_bar.unit_combo.findData(unit) >= 0, timeout=WAIT)
    view.filter_bar.unit_combo.setCurrentIndex(view.filter_bar.unit_combo.findData(unit))
    wait_rows(qtbot, view, "王")
    rows = [hit_at(view, r) for r in range(view.model.rowCount())]
    assert all(any(c.issuer_unit == unit for c in h.certificates) for h in rows)

    view.filter_bar.category_combo.setCurrentIndex(view.filter_bar.category_combo.findData("SPECIAL:05"))
    wait_rows(qtbot, view, "王")
    assert view.model.filters.category == "SPECIAL" and view.model.filters.work_type == "05"
    rows = [hit_at(view, r) for r in range(view.model.rowCount())]
    assert WANG_ID in [h.id_number for h in rows]  # old code 4T is new code 05

    view.reset_filters()
    wait_rows(qtbot, view, "王")
    assert view.model.filters.is_empty() and not view.filter_bar.reset_button.isEnabled()


def test_filters_alone_list_people_and_scrolling_loads_more(qtbot: Any, open_window: OpenWindow) -> None:
    view = view_of(open_window())
    view.filter_bar.format_combo.setCurrentIndex(view.filter_bar.format_combo.findData("old"))
    wait_rows(qtbot, view)
    first = view.model.rowCount()
    assert view.model.has_more
    view.table.scrollToBottom()  # the view asks the model for more (canFetchMore/fetchMore)
    qtbot.waitUntil(lambda: view.model.rowCount() > first, timeout=WAIT)


def test_layout_and_sort_are_remembered(qtbot: Any, open_window: OpenWindow, cache_dir: Path) -> None:
    window = open_window()
    view = view_of(window)
    header = view.table.horizontalHeader()
    header.resizeSection(Column.EMPLOYER, 260)
    header.moveSection(header.visualIndex(Column.STATUS), 1)
    header.setSectionHidden(Column.ISSUER, False)
    view.table.sortByColumn(Column.NAME, Qt.SortOrder.DescendingOrder)
    window.resize(790, 640)  # the offscreen screen is 800 × 800
    size = window.size()
    view.splitter.setSizes([500, 700])
    sizes = view.splitter.sizes()
    window.close()
    assert (cache_dir / "ui.ini").is_file()

    again = open_window()
    view = view_of(again)
    header = view.table.horizontalHeader()
    assert header.sectionSize(Column.EMPLOYER) == 260
    assert header.visualIndex(Column.STATUS) == 1
    assert not header.isSectionHidden(Column.ISSUER)
    assert header.sortIndicatorSection() == Column.NAME
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert view.model.sort_column == Column.NAME
    assert view.model.sort_order == Qt.SortOrder.DescendingOrder
    assert again.size() == size
    assert view.splitter.sizes() == sizes

    type_query(qtbot, view, "王")
    wait_rows(qtbot, view, "王")
    keys = [view.model.data(view.model.index(r, Column.NAME)) for r in range(view.model.rowCount())]
    assert len(keys) > 1
    ids = [view.model.data(view.model.index(r, 0), PersonIdRole) for r in range(view.model.rowCount())]
    assert len(set(ids)) == len(ids)


def test_empty_workspace_fills_the_demo_and_then_searches(qtbot: Any, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    real_fill = WorkspaceService.fill_demo
    monkeypatch.setattr(WorkspaceService, "fill_demo", lambda self, **kwargs: real_fill(self, size=200, **kwargs))
    workspace = open_context(tmp_path / "fresh")
    try:
        window = MainWindow(workspace)
        window.show()
        window.start()
        qtbot.waitUntil(lambda: "演示" in window.windowTitle(), timeout=60000)
        sign_in(qtbot, window, "chuangkou", "demo-counter")  # the demo's accounts came with the fill
        assert "窗口演示员（chuangkou，窗口人员）" in window.windowTitle()
        view = window.workspace_view
        view.filter_bar.format_combo.setCurrentIndex(view.filter_bar.format_combo.findData("new"))
        wait_rows(qtbot, view)
        qtbot.waitUntil(lambda: "200 人" in window.summary_label.text(), timeout=WAIT)
        window.close()
    finally:
        QThreadPool.globalInstance().waitForDone(WAIT)
        write_pool().waitForDone(WAIT)
        workspace.close()
        window.deleteLater()
        dispose_on_gui_thread([window])


def test_debounce_is_short() -> None:
    assert 50 <= DEBOUNCE_MS <= 200


def test_a_layout_saved_for_other_columns_is_ignored(qtbot: Any, open_window: OpenWindow, cache_dir: Path) -> None:
    window = open_window()
    header = view_of(window).table.horizontalHeader()
    header.moveSection(header.visualIndex(Column.STATUS), 0)
    window.close()
    settings = QSettings(str(cache_dir / "ui.ini"), QSettings.Format.IniFormat)
    settings.setValue("workspace/layout_version", 0)  # as written by a version with other columns
    settings.sync()
    del settings
    header = view_of(open_window()).table.horizontalHeader()
    assert [header.logicalIndex(v) for v in range(header.count())] == list(Column)
    assert header.sectionSize(Column.ID_NUMBER) == DEFAULT_WIDTHS[Column.ID_NUMBER]
    assert all(header.isSectionHidden(c) == (c in DEFAULT_HIDDEN) for c in Column)


def test_typing_in_the_results_refines_the_search(qtbot: Any, open_window: OpenWindow) -> None:
    view = view_of(open_window())
    type_query(qtbot, view, WANG_ID[:10])
    wait_rows(qtbot, view, WANG_ID[:10])
    view.table.setFocus()
    qtbot.keyClicks(view.table, WANG_ID[10:])
    assert view.search_box.hasFocus() and view.search_box.text() == WANG_ID
    wait_rows(qtbot, view, WANG_ID)
    assert hit_at(view, 0).id_number == WANG_ID
