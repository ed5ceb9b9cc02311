"""The results table and the worklist fit the default 1280 × 800 window (issue 10, item 2).

No horizontal scrolling, no clipped header, the enterprise takes the room that is left, long texts
elided with the whole text in the tooltip; a width the user drags is kept, remembered after a close
and reopen, and 恢复默认列 returns to the automatic fit.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QHeaderView, QStyle, QTableView, QToolTip

from desktop_app.services.worklists import PHOTO_LABEL
from desktop_app.ui.common.tables import FitHeader, text_margin
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.worklist.model import WorklistColumn
from desktop_app.ui.workspace.results_model import Column
from desktop_app.ui.workspace.results_table import DEFAULT_HIDDEN
from desktop_app.ui.workspace.view import WorkspaceView
from tests.gui.test_ui_search_model import TODAY, copy_of_template
from tests.gui.test_ui_worklist import OPERATOR, open_worklist
from tests.gui.test_ui_workspace import OpenWindow, wait_rows
from tests.helpers.ui_windows import window_opener

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                                       "This plugin does not support raise")


@pytest.fixture
def cache_dir(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Path:
    return copy_of_template(tmp_path_factory, tmp_path)


@pytest.fixture
def open_window(qtbot: Any, cache_dir: Path) -> Iterator[OpenWindow]:
    with window_opener(qtbot, cache_dir, TODAY, OPERATOR) as opener:
        yield opener


def with_results(qtbot: Any, window: MainWindow, width: int = 1280) -> WorkspaceView:
    window.resize(width, 800)
    view = window.workspace_view
    view.search_box.setText("王")
    view.run_search()
    wait_rows(qtbot, view, "王")
    settle(qtbot, view.table)
    return view


def settle(qtbot: Any, table: QTableView) -> None:
    """Until the layout has run (the fit after a resize or a shown column comes on the next turn)."""
    qtbot.wait(50)
    qtbot.waitUntil(lambda: header_of(table).width() == table.viewport().width())


def header_of(table: QTableView) -> FitHeader:
    return cast(FitHeader, table.horizontalHeader())


def visible(header: QHeaderView) -> list[int]:
    return [c for c in range(header.count()) if not header.isSectionHidden(c)]


def clipped_headers(table: QTableView) -> list[str]:
    """The visible headers whose text (and room for the sort arrow) does not fit their section."""
    header = table.horizontalHeader()
    style = header.style()
    margin = 2 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin) + style.pixelMetric(
        QStyle.PixelMetric.PM_HeaderMarkSize)
    metrics = header.fontMetrics()
    texts = {c: str(table.model().headerData(c, Qt.Orientation.Horizontal)) for c in visible(header)}
    return [t for c, t in texts.items() if metrics.horizontalAdvance(t) + margin > header.sectionSize(c)]


def fits_without_scrolling(table: QTableView) -> bool:
    header = table.horizontalHeader()
    used = sum(header.sectionSize(c) for c in visible(header))
    return table.horizontalScrollBar().maximum() == 0 and used <= table.viewport().width()


def drag_divider(qtbot: Any, header: QHeaderView, column: int, by: int) -> None:
    """As the user does: press on the column's right divider, move, release."""
    edge = header.sectionViewportPosition(column) + header.sectionSize(column) - 1
    y = header.height() // 2
    QTest.mousePress(header.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(edge, y))
    for step in range(1, 5):
        QTest.mouseMove(header.viewport(), QPoint(edge + by * step // 4, y))
    QTest.mouseRelease(header.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       QPoint(edge + by, y))
    qtbot.wait(20)


def test_results_fit_the_default_window(qtbot: Any, open_window: OpenWindow) -> None:
    window = open_window()
    assert window.size().width() == 1280
    view = with_results(qtbot, window)
    table = view.table
    header = header_of(table)
    assert [c for c in Column if header.isSectionHidden(c)] == list(DEFAULT_HIDDEN)
    assert fits_without_scrolling(table)
    assert clipped_headers(table) == []
    natural, _least = header.automatic_widths()
    for column in (Column.NAME, Column.ID_NUMBER, Column.VALID_UNTIL, Column.STATUS, Column.NEW_CERT):
        assert header.sectionSize(column) == natural[column], column.name  # typical values in full
    metrics = table.fontMetrics()
    for row in range(view.model.rowCount()):  # an ID number and a date are never elided
        for column in (Column.ID_NUMBER, Column.VALID_UNTIL):
            text = str(view.model.index(row, column).data())
            assert metrics.horizontalAdvance(text) + text_margin(table) <= header.sectionSize(column)


def test_the_enterprise_takes_the_room_of_a_wider_window(qtbot: Any, open_window: OpenWindow) -> None:
    view = with_results(qtbot, open_window())
    header = header_of(view.table)
    natural, _least = header.automatic_widths()
    before = header.sectionSize(Column.EMPLOYER)
    view.window().resize(1600, 800)
    settle(qtbot, view.table)
    after = {c: header.sectionSize(c) for c in visible(header)}
    assert after[Column.EMPLOYER] > max(before, natural[Column.EMPLOYER])
    assert all(after[c] == natural[c] for c in after if c != Column.EMPLOYER)  # the others: their own width
    assert fits_without_scrolling(view.table)
    assert sum(after.values()) == view.table.viewport().width()  # no gap at the right either


def test_a_narrower_table_shrinks_enterprise_and_certificates_first(qtbot: Any, open_window: OpenWindow) -> None:
    view = with_results(qtbot, open_window())
    header = header_of(view.table)
    natural, least = header.automatic_widths()
    round_one = sum(natural[c] - least[c] for c in (Column.EMPLOYER, Column.CERTIFICATES))
    frame = view.splitter.sizes()[0] - view.table.viewport().width()
    left = frame + sum(natural[c] for c in visible(header)) - round_one // 2  # short by half of what they spare
    view.splitter.setSizes([left, sum(view.splitter.sizes()) - left])
    settle(qtbot, view.table)
    assert fits_without_scrolling(view.table)
    assert clipped_headers(view.table) == []
    assert header.sectionSize(Column.EMPLOYER) < natural[Column.EMPLOYER]
    for column in (Column.STATUS, Column.NEW_CERT, Column.CATEGORY, Column.ID_NUMBER):
        assert header.sectionSize(column) == natural[column], column.name
    header.setSectionHidden(Column.GENDER, False)  # one more column: the enterprise makes room
    settle(qtbot, view.table)
    assert fits_without_scrolling(view.table)
    assert header.sectionSize(Column.EMPLOYER) >= least[Column.EMPLOYER]
    view.splitter.setSizes([300, 960])  # far too narrow: a scroll bar, but no column below its least
    settle(qtbot, view.table)
    assert view.table.horizontalScrollBar().maximum() > 0
    assert all(header.sectionSize(c) >= least[c] for c in visible(header))
    assert clipped_headers(view.table) == []


def test_a_width_the_user_drags_is_kept_and_remembered(qtbot: Any, open_window: OpenWindow) -> None:
    view = with_results(qtbot, open_window())
    header = header_of(view.table)
    natural, _least = header.automatic_widths()
    drag_divider(qtbot, header, Column.STATUS, 40)
    settle(qtbot, view.table)
    chosen = header.sectionSize(Column.STATUS)
    assert chosen == natural[Column.STATUS] + 40
    assert header.user_sized == {Column.STATUS}
    assert fits_without_scrolling(view.table)  # the enterprise gave the room
    view.window().resize(1600, 800)
    settle(qtbot, view.table)
    assert header.sectionSize(Column.STATUS) == chosen  # the fit works around it
    view.window().resize(1280, 800)
    view.window().close()

    view = with_results(qtbot, open_window())
    header = header_of(view.table)
    assert header.sectionSize(Column.STATUS) == chosen
    assert header.user_sized == {Column.STATUS}
    assert fits_without_scrolling(view.table)

    view.reset_columns()  # 恢复默认列: the automatic fit again
    settle(qtbot, view.table)
    assert header.user_sized == set()
    assert header.sectionSize(Column.STATUS) == natural[Column.STATUS]
    assert fits_without_scrolling(view.table)


def test_an_elided_cell_shows_its_whole_text_in_the_tooltip(qtbot: Any, open_window: OpenWindow) -> None:
    view = with_results(qtbot, open_window())
    table, header = view.table, header_of(view.table)
    metrics = table.fontMetrics()
    elided = [view.model.index(r, Column.CATEGORY) for r in range(view.model.rowCount())
              if metrics.horizontalAdvance(str(view.model.index(r, Column.CATEGORY).data())) + text_margin(table)
              > header.sectionSize(Column.CATEGORY)]
    assert elided, "the demo has long category names (special-operation work types)"
    index = elided[0]
    table.scrollTo(index)
    pos = table.visualRect(index).center()
    QApplication.sendEvent(table.viewport(), QHelpEvent(QEvent.Type.ToolTip, pos, table.viewport().mapToGlobal(pos)))
    try:
        assert QToolTip.text().startswith(str(index.data()) + "\n")  # then the model's own tooltip
    finally:
        QToolTip.hideText()


def test_the_worklist_fits_and_shows_what_is_missing_in_full(qtbot: Any, open_window: OpenWindow) -> None:
    window = open_window()
    worklist = open_worklist(qtbot, window)
    worklist.resize(1280, 800)
    table = worklist.table
    settle(qtbot, table)
    assert fits_without_scrolling(table)
    assert clipped_headers(table) == []
    header = header_of(table)
    missing = header.fits[WorklistColumn.MISSING].samples[0]
    assert missing == "、".join((*worklist.ctx.worklist.required_fields().values(), PHOTO_LABEL))
    metrics, room = table.fontMetrics(), header.sectionSize(WorklistColumn.MISSING) - text_margin(table)
    assert metrics.horizontalAdvance(missing) <= room  # every combination of what is missing, in full
    assert all(metrics.horizontalAdvance(str(worklist.model.index(r, WorklistColumn.MISSING).data())) <= room
               for r in range(worklist.model.rowCount()))
    worklist.resize(1200, 720)  # its own default size fits too
    settle(qtbot, table)
    assert fits_without_scrolling(table)
    assert header.sectionSize(WorklistColumn.MISSING) - text_margin(table) >= metrics.horizontalAdvance(missing)


def test_the_worklist_remembers_a_width_the_user_drags(qtbot: Any, open_window: OpenWindow) -> None:
    window = open_window()
    worklist = open_worklist(qtbot, window)
    settle(qtbot, worklist.table)
    header = header_of(worklist.table)
    natural, _least = header.automatic_widths()
    drag_divider(qtbot, header, WorklistColumn.UNIT, 30)
    settle(qtbot, worklist.table)
    assert header.user_sized == {WorklistColumn.UNIT}
    assert header.sectionSize(WorklistColumn.UNIT) == natural[WorklistColumn.UNIT] + 30
    assert fits_without_scrolling(worklist.table)
    window.close()  # (saves the worklist's layout too)

    header = header_of(open_worklist(qtbot, open_window()).table)
    assert header.user_sized == {WorklistColumn.UNIT}
    assert header.sectionSize(WorklistColumn.UNIT) == natural[WorklistColumn.UNIT] + 30
