"""pytest-qt: the "A 证待补充信息" window on a real cache — filters, sorting, export, import, open a person."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.reports.supplement_template import DATA_SHEET
from desktop_app.services import worklists
from desktop_app.services.changes import ChangeKind, OpChanges
from desktop_app.services.history import history as read_history
from desktop_app.ui.common.changes import change_bus
from desktop_app.ui.common.operations import Op
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.worklist.model import WorklistColumn, WorklistModel
from desktop_app.ui.worklist.window import WorklistWindow
from tests.gui.test_ui_search_model import TODAY, WANG_ID, copy_of_template
from tests.helpers.ui_windows import dispose_on_gui_thread, open_context

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
    window = MainWindow(open_context(cache_dir, TODAY, OPERATOR))
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    window.start()
    yield window
    if window.worklist_window is not None and window.worklist_window.result_dialog is not None:
        window.worklist_window.result_dialog.done(0)
    window.close()
    QThreadPool.globalInstance().waitForDone(WAIT)
    window.ctx.close()
    window.deleteLater()
    dispose_on_gui_thread([window])


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    shown: dict[str, list[str]] = {"warning": [], "information": []}
    for kind in shown:
        monkeypatch.setattr(QMessageBox, kind, lambda _p, _t, text, *a, _k=kind, **kw: shown[_k].append(text))
    # show_error builds its own warning box: record its text instead of waiting for a click
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown["warning"].append(box.text()))
    return shown


def open_worklist(qtbot: Any, window: MainWindow) -> WorklistWindow:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT)
    qtbot.keyClick(window.workspace_view.search_box, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # Ctrl+L
    qtbot.waitUntil(lambda: window.worklist_window is not None and window.worklist_window.isVisible(), timeout=WAIT)
    worklist = window.worklist_window
    assert worklist is not None
    wait_loaded(qtbot, worklist)
    return worklist


def wait_loaded(qtbot: Any, worklist: WorklistWindow) -> None:
    qtbot.waitUntil(lambda: not worklist.model.busy and worklist.summary is not None
                    and worklist.model.loaded_count() > 0, timeout=WAIT)


def ids(model: WorklistModel) -> list[str]:
    return [row.id_number for r in range(model.rowCount()) if (row := model.row_at(r)) is not None]


def test_filters_counts_and_sorting(qtbot: Any, main_window: MainWindow) -> None:
    worklist = open_worklist(qtbot, main_window)
    assert main_window.main_actions.worklist.shortcut().toString() == "Ctrl+L"
    model = worklist.model
    assert WANG_ID in ids(model) or model.has_more
    summary = worklist.summary
    assert summary is not None and summary.total >= model.loaded_count() > 0
    assert sum(g.persons for g in summary.by_unit) >= summary.total
    assert worklist.unit_counts.rowCount() == len(summary.by_unit) > 0
    assert str(summary.total) in worklist.total_label.text().replace(",", "")

    worklist.filter_row.unit_combo.setCurrentIndex(worklist.filter_row.unit_combo.findData(JINAN))
    qtbot.waitUntil(lambda: model.unit == JINAN and not model.busy, timeout=WAIT)
    rows = [model.row_at(r) for r in range(model.rowCount())]
    assert rows and all(JINAN in r.issuer_units for r in rows if r)
    assert WANG_ID in ids(model)

    worklist.filter_row.enterprise_edit.setText("泉城建设")
    qtbot.waitUntil(lambda: model.enterprise == "泉城建设" and not model.busy, timeout=WAIT)
    assert ids(model) == [WANG_ID]
    assert "职务" in model.data(model.index(0, WorklistColumn.MISSING))
    worklist.filter_row.enterprise_edit.clear()
    qtbot.waitUntil(lambda: model.enterprise is None and not model.busy, timeout=WAIT)

    worklist.filter_row.missing_combo.setCurrentIndex(worklist.filter_row.missing_combo.findData(worklists.PHOTO))
    qtbot.waitUntil(lambda: model.missing == worklists.PHOTO and not model.busy, timeout=WAIT)
    assert all(r.missing_photo for r in (model.row_at(i) for i in range(model.rowCount())) if r)
    worklist.filter_row.missing_combo.setCurrentIndex(0)
    qtbot.waitUntil(lambda: model.missing is None and not model.busy, timeout=WAIT)

    generation = model.generation
    worklist.table.horizontalHeader().setSortIndicator(WorklistColumn.ID_NUMBER, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: model.generation > generation and not model.busy, timeout=WAIT)
    assert model.sort_key == "id_number"
    shown = ids(model)
    assert shown == sorted(shown)
    # a column the service cannot sort keeps the order (and the indicator)
    generation = model.generation
    worklist.table.horizontalHeader().setSortIndicator(WorklistColumn.MISSING, Qt.SortOrder.AscendingOrder)
    assert model.generation == generation and model.sort_key == "id_number"
    assert worklist.table.horizontalHeader().sortIndicatorSection() == WorklistColumn.ID_NUMBER


def test_the_model_pages_lazily(qtbot: Any, main_window: MainWindow) -> None:
    cache = main_window.ctx.cache
    calls: list[tuple[int, int | None]] = []

    def fetch(**kwargs: Any) -> list[worklists.WorklistRow]:
        calls.append((kwargs["offset"], kwargs["limit"]))
        return worklists.supplement_worklist(cache, today=TODAY, **kwargs)

    total = len(worklists.supplement_worklist(cache, today=TODAY))
    assert total > 3
    model = WorklistModel(fetch, page_size=2)
    model.reload()
    qtbot.waitUntil(lambda: model.loaded_count() == 2 and not model.busy, timeout=WAIT)
    assert model.canFetchMore()
    model.fetchMore()
    qtbot.waitUntil(lambda: model.loaded_count() == 4 and not model.busy, timeout=WAIT)
    assert calls == [(0, 3), (2, 3)]


def _fill(path: Path, values: dict[str, dict[str, str]]) -> None:
    """Fill the exported template as an enterprise would (by ID number, by header)."""
    wb = openpyxl.load_workbook(path)
    sheet = wb[DATA_SHEET]
    headers = {cell.value: cell.column for cell in sheet[1]}
    for row in sheet.iter_rows(min_row=2):
        id_number = row[headers["身份证号"] - 1].value
        for header, value in values.get(str(id_number), {}).items():
            sheet.cell(row=row[0].row, column=headers[header], value=value)
    wb.save(path)


def test_export_import_round_trip_refreshes_the_list(qtbot: Any, main_window: MainWindow, tmp_path: Path,
                                                     boxes: dict[str, list[str]]) -> None:
    worklist = open_worklist(qtbot, main_window)
    worklist.filter_row.unit_combo.setCurrentIndex(worklist.filter_row.unit_combo.findData(JINAN))
    qtbot.waitUntil(lambda: worklist.model.unit == JINAN and not worklist.model.busy, timeout=WAIT)
    listed = len(worklists.supplement_worklist(main_window.ctx.cache, unit=JINAN, today=TODAY))

    path = tmp_path / "模板.xlsx"
    with qtbot.waitSignal(worklist.exported, timeout=WAIT):
        worklist.export_to(path)
    assert boxes["information"] and str(path) in boxes["information"][0]
    wb = openpyxl.load_workbook(path)
    assert DATA_SHEET in wb.sheetnames
    sheet = wb[DATA_SHEET]
    headers = [cell.value for cell in sheet[1]]
    assert "身份证号" in headers and "职务" in headers and "技术职称" in headers
    exported_ids = [row[headers.index("身份证号")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert WANG_ID in exported_ids and len([i for i in exported_ids if i]) == listed
    wb.close()

    other = next(i for i in exported_ids if i and i != WANG_ID)
    _fill(path, {WANG_ID: {"职务": "总经理", "技术职称": "高级工程师"},
                 other: {"职务": "总经理", "技术职称": "高级工程师", "手机号码": "12345"}})
    main_window.workspace_view.open_person(WANG_ID)
    qtbot.waitUntil(lambda: main_window.workspace_view.current_person() is not None, timeout=WAIT)
    worklist.import_from(path)
    qtbot.waitUntil(lambda: worklist.result_dialog is not None and worklist.result_dialog.isVisible(), timeout=WAIT)
    dialog = worklist.result_dialog
    assert dialog is not None
    report = dialog.report
    assert report.applied == 1 and report.rejected_rows == 1
    rejected = dialog.rejections
    assert rejected.rowCount() >= 1
    texts = [rejected.data(rejected.index(r, c)) for r in range(rejected.rowCount()) for c in range(4)]
    assert "手机号码" in texts and any("11 位" in str(t) for t in texts)
    assert dialog.table.isVisible()

    # the list refreshes without the fixed person; the workspace's detail refreshes too
    qtbot.waitUntil(lambda: not worklist.model.busy and WANG_ID not in ids(worklist.model), timeout=WAIT)
    assert other in ids(worklist.model) or worklist.model.has_more
    view = main_window.workspace_view
    qtbot.waitUntil(lambda: view.detail.detail is not None and view.detail.detail.position == "总经理", timeout=WAIT)
    person_id = view.current_person()
    assert person_id is not None
    assert any(e.field_label == "职务" for e in read_history(main_window.ctx.cache, person_id))
    dialog.done(0)

    # importing the same file again changes nothing
    worklist.import_from(path)
    qtbot.waitUntil(lambda: worklist.result_dialog is not None and worklist.result_dialog is not dialog
                    and worklist.result_dialog.isVisible(), timeout=WAIT)
    assert worklist.result_dialog.report.applied == 0


def test_a_garbage_file_gets_its_message(qtbot: Any, main_window: MainWindow, tmp_path: Path,
                                         boxes: dict[str, list[str]]) -> None:
    worklist = open_worklist(qtbot, main_window)
    path = tmp_path / "补充表.xlsx"
    path.write_text("这不是 Excel 文件", encoding="utf-8")
    worklist.import_from(path)
    qtbot.waitUntil(lambda: bool(boxes["warning"]), timeout=WAIT)
    assert "补充表.xlsx" in boxes["warning"][0] or "xlsx" in boxes["warning"][0]
    assert worklist.message_label.text().startswith(boxes["warning"][0])  # (the label adds the hint, if any)
    assert worklist.result_dialog is None and worklist.filter_row.import_button.isEnabled()


def test_double_click_opens_the_person_in_the_workspace(qtbot: Any, main_window: MainWindow) -> None:
    worklist = open_worklist(qtbot, main_window)
    worklist.filter_row.enterprise_edit.setText("泉城建设")
    qtbot.waitUntil(lambda: ids(worklist.model) == [WANG_ID], timeout=WAIT)
    table = worklist.table
    rect = table.visualRect(worklist.model.index(0, WorklistColumn.NAME))
    # QTest's double click alone is no double click for an item view: the press before it is part of it.
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    view = main_window.workspace_view
    qtbot.waitUntil(lambda: view.detail.detail is not None and view.detail.detail.id_number == WANG_ID,
                    timeout=WAIT)



def test_the_list_follows_the_change_bus(qtbot: Any, main_window: MainWindow) -> None:
    """A save elsewhere (published on the change bus by Op) takes a now-complete person off the list;
    a print-log or settings change reads nothing; a hidden window reads again only when shown."""
    worklist = open_worklist(qtbot, main_window)
    model = worklist.model
    fetches: list[dict[str, Any]] = []
    real_fetch = model.fetch

    def counted(**question: Any) -> list[worklists.WorklistRow]:
        fetches.append(question)
        return real_fetch(**question)

    model.fetch = counted
    worklist.filter_row.enterprise_edit.setText("泉城建设")
    qtbot.waitUntil(lambda: ids(model) == [WANG_ID] and not model.busy, timeout=WAIT)
    read, summaries = len(fetches), worklist._summary_generation
    assert read > 0

    change_bus().publish(OpChanges.of((ChangeKind.PRINT_LOG,), certificate_ids={1}))
    change_bus().publish(OpChanges.of((ChangeKind.SETTINGS,)))
    qtbot.wait(100)
    assert len(fetches) == read and worklist._summary_generation == summaries and ids(model) == [WANG_ID]

    ctx = main_window.ctx
    person_id = ctx.edits.person_id_for(WANG_ID)
    assert person_id is not None
    form = ctx.edits.load_form(person_id)
    saved: list[Any] = []
    Op(worklist, lambda: ctx.edits.save_person(person_id, form.version, {"position": "总经理", "title": "高级工程师"}),
       writes=True).success(saved.append).run()
    qtbot.waitUntil(lambda: bool(saved) and len(fetches) > read and not model.busy, timeout=WAIT)
    assert ChangeKind.RECORD in saved[0].op_changes.kinds
    assert WANG_ID not in ids(model) and model.loaded_count() == 0
    qtbot.waitUntil(lambda: worklist._summary_generation > summaries, timeout=WAIT)

    # hidden: a change only marks the list stale; showing the window reads it again
    worklist.hide()
    read = len(fetches)
    change_bus().publish(OpChanges.of((ChangeKind.RECORD,), {person_id}))
    qtbot.wait(100)
    assert worklist.stale and len(fetches) == read
    worklist.show()
    qtbot.waitUntil(lambda: not worklist.stale and len(fetches) > read and not model.busy, timeout=WAIT)
