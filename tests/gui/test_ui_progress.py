"""pytest-qt: the "换发进度" window on a real cache — the table against the service, sorting, the pickers,
the trend of the snapshots, the drill-down into the workspace, the workbook, the day's snapshot at start."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from desktop_app.services.changes import ChangeKind, OpChanges
from desktop_app.services.progress.figures import Figures, ProgressTable, TrendPoint
from desktop_app.ui.common.changes import change_bus
from desktop_app.ui.common.operations import write_pool
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.progress.table_model import DrillRole, ProgressTableModel
from desktop_app.ui.progress.trend_chart import Series, TrendChart, value_range
from desktop_app.ui.progress.window import ProgressWindow
from desktop_app.ui.workspace.view import WorkspaceView
from tests.gui.test_ui_search_model import TODAY, copy_of_template
from tests.helpers.ui_windows import window_opener

WAIT = 15000
OPERATOR = "测试员"
JINAN = "济南市住房和城乡建设局"

# The offscreen platform can neither pass size hints on nor raise a window; a real one can.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                                       "This plugin does not support raise")


@pytest.fixture
def cache_dir(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Path:
    return copy_of_template(tmp_path_factory, tmp_path)


@pytest.fixture
def main_window(qtbot: Any, cache_dir: Path) -> Iterator[MainWindow]:
    with window_opener(qtbot, cache_dir, TODAY, OPERATOR) as opener:
        window = opener()
        write_pool().waitForDone(WAIT)  # the day's snapshot, taken at start
        yield window


def open_progress(qtbot: Any, window: MainWindow) -> ProgressWindow:
    """Ctrl+Shift+J from the search box, as a user would; then wait for the first read."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT)
    qtbot.keyClick(window.workspace_view.search_box, Qt.Key.Key_J,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.progress_window is not None and window.progress_window.isVisible(), timeout=WAIT)
    progress = window.progress_window
    assert progress is not None
    wait_read(qtbot, progress)
    return progress


def wait_read(qtbot: Any, progress: ProgressWindow) -> None:
    qtbot.waitUntil(lambda: progress.table is not None and not progress.busy(), timeout=WAIT)


def pick(combo: Any, data: object) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def expected_text(figures: Figures, figure: str) -> str:
    if figure == "converted":
        return "—" if figures.converted_pct is None else f"{figures.converted_pct:.1f}%"
    return f"{getattr(figures, figure):,}"


def shown(model: ProgressTableModel) -> dict[tuple[str | None, str | None], str]:
    """What every cell displays, by (unit, kind) as the drill-down names them (None: 合计)."""
    cells = {}
    for row in range(model.rowCount()):
        for column in range(1, model.columnCount()):
            unit, kind, _figure = model.data(model.index(row, column), DrillRole)
            cells[(unit, kind)] = model.data(model.index(row, column))
    return cells


def check_against(model: ProgressTableModel, table: ProgressTable, figure: str,
                  units: tuple[str | None, ...] | None = None, kinds: tuple[str, ...] | None = None) -> None:
    """Every cell shows the service's figure: the units' rows (and 合计), the kinds' columns (and 合计)."""
    cells = shown(model)
    units = units if units is not None else (*table.units, None)
    kinds = kinds if kinds is not None else table.kinds
    assert cells == {(u, k): expected_text(table.cell(u, k), figure) for u in units for k in (*kinds, None)}


def row_units(model: ProgressTableModel) -> list[str | None]:
    return [model.data(model.index(r, 1), DrillRole)[0] for r in range(model.rowCount())]


def test_opens_from_the_menu_and_shows_the_service_figures(qtbot: Any, main_window: MainWindow) -> None:
    actions = main_window.main_actions
    assert actions.progress.shortcut().toString() == "Ctrl+Shift+J"
    assert actions.progress in main_window.menuBar().actions()[2].menu().actions()  # 工作清单
    progress = open_progress(qtbot, main_window)
    ctx = main_window.ctx
    table = ctx.progress.table()
    assert table.as_of == TODAY and table.units and table.kinds
    model = progress.model
    assert model.columnCount() == 1 + len(table.kinds) + 1 and model.rowCount() == len(table.units) + 1
    assert model.data(model.index(model.rowCount() - 1, 0)) == "合计"
    assert progress.figure() == "converted"
    check_against(model, table, "converted")
    pick(progress.pickers.figure_combo, "pending")
    check_against(model, table, "pending")
    pick(progress.pickers.figure_combo, "a_missing_info")
    check_against(model, table, "a_missing_info")
    assert "截至 2026-11-01" in progress.heading.text()
    assert "从未同步" in progress.sync_label.text()
    # a low share is coloured, and the tooltip has every figure
    low = next((r, c) for r in range(model.rowCount()) for c in range(1, model.columnCount())
               if (f := model.data(model.index(r, c), Qt.ItemDataRole.UserRole + 1)).converted is not None
               and f.converted < 0.5)
    assert model.data(model.index(*low), Qt.ItemDataRole.BackgroundRole) is not None
    assert "待换发" in model.data(model.index(*low), Qt.ItemDataRole.ToolTipRole)

    main_window.main_actions.progress.trigger()  # a second time: the same window comes forward
    assert main_window.progress_window is progress
    progress.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is progress, timeout=WAIT)
    qtbot.keyClick(progress.table_view, Qt.Key.Key_Escape)
    assert not progress.isVisible()


def test_sorting_keeps_the_totals_last(qtbot: Any, main_window: MainWindow) -> None:
    progress = open_progress(qtbot, main_window)
    model, table = progress.model, main_window.ctx.progress.table()
    pick(progress.pickers.figure_combo, "pending")
    header = progress.table_view.horizontalHeader()
    column = 1  # A 证
    for order in (Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder):
        header.setSortIndicator(column, order)
        units = row_units(model)
        assert units[-1] is None and len(units) == len(table.units) + 1
        values = [table.cell(u, table.kinds[0]).pending for u in units[:-1]]
        assert values == sorted(values, reverse=order == Qt.SortOrder.DescendingOrder)
        check_against(model, table, "pending")
    header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
    assert row_units(model) == [*table.units, None]  # the rules' order


def test_the_unit_kind_and_date_pickers(qtbot: Any, main_window: MainWindow) -> None:
    progress = open_progress(qtbot, main_window)
    ctx, model = main_window.ctx, progress.model
    pick(progress.pickers.unit_combo, JINAN)
    wait_read(qtbot, progress)
    table = ctx.progress.table(unit=JINAN)
    assert row_units(model) == [JINAN]  # the province's kinds stay as columns (a kind the unit lacks: —)
    check_against(model, table, "converted", (JINAN,), ctx.progress.table().kinds)

    pick(progress.pickers.kind_combo, "A")
    wait_read(qtbot, progress)
    assert model.columnCount() == 2  # the unit and A 证 alone
    assert model.data(model.index(0, 1)) == expected_text(table.cell(JINAN, "A"), "converted")
    pick(progress.pickers.kind_combo, None)
    pick(progress.pickers.unit_combo, None)
    wait_read(qtbot, progress)

    past = TODAY - dt.timedelta(days=500)
    progress.pickers.date_edit.setDate(progress.pickers.date_edit.date().addDays(-500))
    qtbot.waitUntil(lambda: progress.table is not None and progress.table.as_of == past and not progress.busy(),
                    timeout=WAIT)
    then = ctx.progress.table(past)
    assert then.as_of == past and then != ctx.progress.table()  # a different day, different figures
    check_against(model, then, "converted")
    pick(progress.pickers.figure_combo, "in_force")
    check_against(model, then, "in_force")
    assert "截至 " + past.isoformat() in progress.heading.text()


def test_the_chart_draws_the_snapshots_and_the_pace(qtbot: Any, main_window: MainWindow) -> None:
    ctx = main_window.ctx
    today = ctx.progress.trend(30)
    assert [p.day for p in today] == [TODAY]  # the start took today's snapshot (the template had none)
    assert not ctx.progress.ensure_daily_snapshot()  # once a day
    days = [TODAY - dt.timedelta(days=n) for n in (20, 10, 5, 1)]
    for day in days:
        ctx.progress.take_snapshot(day)
    progress = open_progress(qtbot, main_window)
    points = progress.chart.points
    assert [p.day for p in points] == [*days, TODAY]
    assert points == ctx.progress.trend(30)
    assert not progress.chart.message()  # a line, not a sentence
    progress.trend.series_combo.setCurrentIndex(1)
    assert progress.chart.lines()[1].label == "待换发"
    progress.chart.grab()  # paints without error

    pick(progress.pickers.kind_combo, "A")
    qtbot.waitUntil(lambda: not progress.busy(), timeout=WAIT)
    assert progress.chart.points == ctx.progress.trend(30, kind="A")
    progress.pickers.date_edit.setDate(progress.pickers.date_edit.date().addDays(-15))
    qtbot.waitUntil(lambda: progress.table is not None and progress.table.as_of == days[0] + dt.timedelta(days=5)
                    and not progress.busy(), timeout=WAIT)
    assert [p.day for p in progress.chart.points] == [days[0]]
    assert "只有" in progress.chart.message()

    panel = progress.pace_panel
    panel.target_check.setChecked(True)
    target = panel.target()
    assert target is not None and ctx.progress.target() == target  # saved in the settings
    pace = progress.pace
    assert pace is not None and pace.target == target and pace.pending == progress.pending()
    assert panel.days_left_label.text() == f"{(target - progress.as_of()).days} 天"
    panel.target_check.setChecked(False)
    assert ctx.progress.target() is None


def wait_all_rows(qtbot: Any, view: WorkspaceView) -> None:
    model = view.model
    qtbot.waitUntil(lambda: model.current and not model.busy, timeout=WAIT)
    while model.has_more:
        model.fetchMore(QModelIndex())
        qtbot.waitUntil(lambda: not model.busy, timeout=WAIT)


def test_a_cell_lists_its_people_in_the_workspace(qtbot: Any, main_window: MainWindow) -> None:
    progress = open_progress(qtbot, main_window)
    ctx, model, view = main_window.ctx, progress.model, main_window.workspace_view
    pick(progress.pickers.figure_combo, "pending")
    row, column = 0, 1  # 济南 × A 证
    unit, kind, _figure = model.data(model.index(row, column), DrillRole)
    assert (unit, kind) == (JINAN, "A")
    table_view = progress.table_view
    rect = table_view.visualRect(model.index(row, column))
    # QTest's double click alone is no double click for an item view: the press before it is part of it.
    qtbot.mouseClick(table_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    filters = ctx.progress.drill_filters(JINAN, "A", "pending", TODAY)
    expected = ctx.search.count("", filters)
    assert expected == ctx.progress.table().cell(JINAN, "A").pending > 0 or expected > 0
    qtbot.waitUntil(lambda: view.model.filters == filters, timeout=WAIT)
    wait_all_rows(qtbot, view)
    assert view.model.loaded_count() == expected
    assert set(view.model.keys()) == {h.person_id for h in ctx.search.search("", filters, limit=10_000).hits}
    bar = view.filter_bar
    assert bar.unit_combo.currentData() == JINAN and bar.category_combo.currentData() == "A"
    assert bar.figure_marker.isVisible()
    assert bar.figure_marker.text() == "进度：待换发（截至 2026-11-01） ✕"

    qtbot.mouseClick(bar.figure_marker, Qt.MouseButton.LeftButton)  # ✕: the figure goes, the rest stays
    assert not bar.figure_marker.isVisible()
    assert bar.filters().figure is None and bar.filters().unit == JINAN
    without = ctx.progress.drill_filters(JINAN, "A", "pending", TODAY)
    qtbot.waitUntil(lambda: view.model.filters == bar.filters(), timeout=WAIT)
    wait_all_rows(qtbot, view)
    assert view.model.loaded_count() == ctx.search.count("", bar.filters()) >= expected
    assert without.figure == "pending"

    # Enter on a cell of the 合计 row and a special kind: the category combo's SPECIAL:nn entry
    special = next(c for c in range(1, model.columnCount())
                   if (model.data(model.index(0, c), DrillRole)[1] or "").startswith("SPECIAL:"))
    last = model.rowCount() - 1
    progress.show()
    progress.activateWindow()
    table_view.setFocus()
    table_view.setCurrentIndex(model.index(last, special))
    qtbot.keyClick(table_view, Qt.Key.Key_Return)
    kind = model.data(model.index(last, special), DrillRole)[1]
    filters = ctx.progress.drill_filters(None, kind, "pending", TODAY)
    qtbot.waitUntil(lambda: view.model.filters == filters, timeout=WAIT)
    assert bar.category_combo.currentData() == kind and bar.unit_combo.currentData() is None
    wait_all_rows(qtbot, view)
    assert view.model.loaded_count() == ctx.search.count("", filters)
    bar.reset()
    assert not bar.figure_marker.isVisible() and bar.filters().is_empty()


def test_the_c3_column_maps_to_the_c_filter(qtbot: Any, main_window: MainWindow) -> None:
    progress = open_progress(qtbot, main_window)
    model, bar = progress.model, main_window.workspace_view.filter_bar
    column = next(c for c in range(1, model.columnCount()) if model.data(model.index(0, c), DrillRole)[1] == "C3")
    progress.table_view.setCurrentIndex(model.index(model.rowCount() - 1, column))
    progress.table_view.activated.emit(model.index(model.rowCount() - 1, column))
    assert bar.category_combo.currentData() == "C"
    assert bar.filters() == main_window.ctx.progress.drill_filters(None, "C3", "pending", TODAY)


def test_export_writes_the_workbook(qtbot: Any, main_window: MainWindow, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("desktop_app.reports.progress_workbook", reason="the progress workbook is not written yet")
    import openpyxl

    target = tmp_path / "out" / "进度"
    target.parent.mkdir()
    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda _parent, _title, start, _filter: (asked.append(start), (str(target), ""))[1])
    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box.text()) or 0)
    progress = open_progress(qtbot, main_window)
    qtbot.mouseClick(progress.pickers.export_button, Qt.MouseButton.LeftButton)
    written = target.with_name("进度.xlsx")
    qtbot.waitUntil(lambda: bool(boxes) and not progress.exporter.busy(), timeout=WAIT)
    assert Path(asked[0]).name == "换发进度_全省_2026-11-01.xlsx"
    assert written.is_file() and str(written) in boxes[0]
    assert openpyxl.load_workbook(written).sheetnames
    assert progress.pickers.export_button.isEnabled()

    pick(progress.pickers.unit_combo, JINAN)
    wait_read(qtbot, progress)
    assert progress.exporter.default_name(JINAN, TODAY) == "换发进度_济南市_2026-11-01.xlsx"


def test_an_export_that_fails_says_why(qtbot: Any, main_window: MainWindow, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box.text()) or 0)
    progress = open_progress(qtbot, main_window)
    progress.exporter.export_to(tmp_path / "报表.csv", TODAY, None, 30, None)  # not an .xlsx: a KnownError
    qtbot.waitUntil(lambda: bool(boxes) and not progress.exporter.busy(), timeout=WAIT)
    assert ".xlsx" in boxes[0] or "xlsx" in boxes[0].lower()


def test_refreshes_on_changes_and_remembers_its_layout(qtbot: Any, main_window: MainWindow) -> None:
    progress = open_progress(qtbot, main_window)
    progress.trend.days_buttons[90].click()
    wait_read(qtbot, progress)
    assert progress.days() == 90
    generation = progress._table_generation
    qtbot.keyClick(progress.table_view, Qt.Key.Key_F5)
    assert progress._table_generation == generation + 1
    wait_read(qtbot, progress)
    change_bus().publish(OpChanges.of([ChangeKind.PRINT_LOG]))  # changes no figure: nothing is read
    assert not progress.reload_timer.isActive()
    change_bus().publish(OpChanges.of([ChangeKind.GENERATED], [1]))  # a generation: read again
    assert progress.reload_timer.isActive()
    wait_read(qtbot, progress)
    assert progress._table_generation == generation + 2
    progress.resize(progress.width(), 560)  # (the offscreen screen is narrow: a restored width is clamped to it)
    progress.close()
    assert main_window.ui_settings.value("progress/days") in (90, "90")
    reopened = ProgressWindow(main_window.ctx, settings=main_window.ui_settings)
    assert reopened.days() == 90 and reopened.height() == 560
    reopened.deleteLater()


def test_the_chart_says_so_without_two_snapshots(qtbot: Any) -> None:
    chart = TrendChart()
    qtbot.addWidget(chart)
    chart.resize(500, 240)
    chart.set_points(())
    assert "还没有进度快照" in chart.message()
    chart.grab()
    point = TrendPoint(TODAY, in_force=200, new_format=150, pending=50, a_missing_info=5)
    chart.set_points((point,))
    assert "2026-11-01" in chart.message() and "75.0%" in chart.message()
    chart.set_points((TrendPoint(TODAY - dt.timedelta(days=89), 200, 20, 180, 9), point), Series.COUNTS)
    assert not chart.message() and chart.point_near(10_000) == point
    chart.grab()
    assert value_range([0.52, 0.87], share=True) == (0.4, 1.0, 0.2)
    assert value_range([20.0, 180.0], share=False) == (0.0, 200.0, 50.0)


def test_the_table_model_passes_the_model_tester(qtbot: Any, qtmodeltester: Any, main_window: MainWindow) -> None:
    model = ProgressTableModel(main_window.ctx.rules)
    model.set_table(main_window.ctx.progress.table())
    qtmodeltester.check(model)
    model.sort(2, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
