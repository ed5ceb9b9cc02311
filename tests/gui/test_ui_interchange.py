"""pytest-qt: 文件 → 导入记录… / 导出记录… on the real main window and a real cache.

An import from the menu shows the rejected lines with their line numbers, saves them as a CSV read
back here, and the workspace view finds the imported persons; a cancelled import keeps whole
records and says 已取消; an export equals `ctx.workspace.export_jsonl`.
"""

from __future__ import annotations

import csv
import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from desktop_app import demo
from desktop_app.services.context import Actor, WorkspaceContext
from desktop_app.services.interchange import ImportReport, jsonl_export
from desktop_app.services.interchange import jsonl_import as importer
from desktop_app.ui.interchange.rejected_file import csv_bytes, safe_cell, text_bytes
from desktop_app.ui.interchange.rejected_model import (
    KeptLocalRole,
    LineRole,
    RejectedLinesModel,
    ReportLine,
    report_lines,
)
from desktop_app.ui.interchange.result_dialog import ImportResultDialog, import_summary
from desktop_app.ui.main_window import MainWindow
from tests.gui.test_ui_search_model import TODAY
from tests.helpers.ui_windows import window_opener

WAIT = 15000
OPERATOR = "测试员"
SIZE = 120  # persons in the imported file
BAD_LINES = {3: "{not json", 40: '{"id_number":"123","name":"短号"}'}  # line number → text (before the end)
BAD_LAST = "[1, 2]"  # appended after the records

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                                       "This plugin does not support raise")

OpenWindow = Callable[..., MainWindow]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A workspace with three persons of its own (so the window does not fill the demo on start)."""
    folder = tmp_path / "workspace"
    folder.mkdir()
    seed_file = tmp_path / "preload.jsonl"
    demo.write_jsonl(seed_file, 3, seed=12)
    ctx = WorkspaceContext.open(folder, actor=Actor(OPERATOR))
    try:
        assert not ctx.workspace.import_jsonl(seed_file).rejected
    finally:
        ctx.close()
    return folder


@pytest.fixture
def records_file(tmp_path: Path) -> Path:
    """SIZE demo records with bad lines at the line numbers of BAD_LINES and one at the end."""
    path = tmp_path / "records.jsonl"
    demo.write_jsonl(path, SIZE, seed=11)
    lines = path.read_text(encoding="utf-8").splitlines()
    for number in sorted(BAD_LINES):
        lines.insert(number - 1, BAD_LINES[number])
    lines.append(BAD_LAST)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def bad_line_numbers() -> list[int]:
    return [*sorted(BAD_LINES), SIZE + len(BAD_LINES) + 1]


def source_records(path: Path) -> dict[str, dict[str, Any]]:
    records = {}
    for text in path.read_text(encoding="utf-8").splitlines():
        try:
            record = json.loads(text)
        except ValueError:
            continue
        if isinstance(record, dict) and len(record.get("id_number", "")) == 18:
            records[record["id_number"]] = record
    return records


@pytest.fixture
def open_window(qtbot: Any, data_dir: Path) -> Iterator[OpenWindow]:
    with window_opener(qtbot, data_dir, TODAY, operator=OPERATOR) as opener:
        yield opener


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Message boxes never block: what they said is recorded."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a, **k: shown.append(text))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    return shown


def choose_open(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))


def choose_save(monkeypatch: pytest.MonkeyPatch, path: Path, chosen: str = "") -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), chosen))


def wait_result(qtbot: Any, window: MainWindow) -> ImportResultDialog:
    qtbot.waitUntil(lambda: window.records_io.result_dialog is not None and not window.records_io.busy(),
                    timeout=WAIT)
    dialog = window.records_io.result_dialog
    assert dialog is not None
    return dialog


def table_lines(dialog: ImportResultDialog) -> list[int]:
    model = dialog.model
    return [model.data(model.index(row, 0), LineRole) for row in range(model.rowCount())]


def test_the_file_menu_has_import_export_and_settings(open_window: OpenWindow) -> None:
    window = open_window()
    actions = window.main_actions
    file_menu = window.menuBar().actions()[0].menu()
    entries = [a for a in file_menu.actions() if not a.isSeparator()]
    assert entries[:3] == [actions.import_records, actions.export_records, actions.settings]
    assert actions.import_records.shortcut() == QKeySequence("Ctrl+O")
    assert actions.settings.shortcut() == QKeySequence("Ctrl+,")
    assert QKeySequence("Ctrl+O") in actions.window_shortcuts()


def test_import_from_the_menu_shows_the_rejected_lines_and_saves_them(
        qtbot: Any, open_window: OpenWindow, records_file: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, boxes: list[str]) -> None:
    window = open_window()
    choose_open(monkeypatch, records_file)
    window.main_actions.import_records.trigger()
    dialog = wait_result(qtbot, window)
    report = dialog.report
    assert not report.cancelled
    assert report.persons_inserted == SIZE and len(report.rejected) == 3
    assert table_lines(dialog) == bad_line_numbers()
    model = dialog.model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(2)] == ["行号", "原因"]
    assert "身份证号" in model.data(model.index(1, 1))  # the parser's reason for line 40
    summary = dialog.summary_label.text()
    assert f"人员 新增 {SIZE}" in summary and "拒绝 3 行" in summary and "已取消" not in summary
    assert dialog.table.isVisible() and dialog.save_button.isEnabled()
    assert boxes == []

    saved = tmp_path / "rejected"  # no suffix: the CSV filter's .csv is added
    choose_save(monkeypatch, saved)
    dialog.save_button.click()
    target = tmp_path / "rejected.csv"
    qtbot.waitUntil(lambda: dialog.save_op is None and target.exists(), timeout=WAIT)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM: Excel reads it as UTF-8
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["行号", "原因"]
    assert [int(row[0]) for row in rows[1:]] == bad_line_numbers()
    assert [row[1] for row in rows[1:]] == [reason for _line, reason in report.rejected]
    assert "已保存到" in dialog.message_label.text()
    assert window.ui_settings.value("interchange/folder") == str(tmp_path)

    text_target = tmp_path / "rejected.txt"
    choose_save(monkeypatch, text_target)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.save_op is None and text_target.exists(), timeout=WAIT)
    text_lines = text_target.read_text(encoding="utf-8").splitlines()
    assert text_lines[0].startswith(f"第 {bad_line_numbers()[0]} 行：")  # (English: "line N: ", as the CLI)
    assert text_lines[-1] == dialog.summary

    # the workspace view shows an imported person (the change bus refreshed it)
    imported = next(iter(source_records(records_file).values()))
    view = window.workspace_view
    view.search_box.setFocus()
    qtbot.keyClicks(view.search_box, imported["id_number"])
    qtbot.waitUntil(lambda: view.detail.detail is not None
                    and view.detail.detail.id_number == imported["id_number"], timeout=WAIT)
    assert view.detail.detail.name == imported["name"]
    qtbot.waitUntil(lambda: "123 人" in window.summary_label.text(), timeout=WAIT)  # 3 + SIZE persons



def gated_import(monkeypatch: pytest.MonkeyPatch, ctx: WorkspaceContext) -> tuple[threading.Event, threading.Event]:
    """The real import in small batches, held after its first batch until the test lets it go on."""
    monkeypatch.setattr(importer, "BLOCK_BYTES", 4096)
    monkeypatch.setattr(importer, "BATCH_LINES", 10)
    first_batch, go_on = threading.Event(), threading.Event()
    real = ctx.workspace.import_jsonl

    def import_jsonl(path: Path, progress: Any = None, cancelled: Any = None, workers: int | None = None) -> Any:
        def reported(done: int, total: int) -> None:
            progress(done, total)
            if not first_batch.is_set():
                first_batch.set()
                go_on.wait(WAIT / 1000)

        return real(path, progress=reported, cancelled=cancelled, workers=workers)

    monkeypatch.setattr(ctx.workspace, "import_jsonl", import_jsonl)
    return first_batch, go_on


def test_cancel_stops_the_import_and_keeps_whole_records(
        qtbot: Any, open_window: OpenWindow, records_file: Path, monkeypatch: pytest.MonkeyPatch,
        boxes: list[str]) -> None:
    window = open_window()
    ctx = window.ctx
    first_batch, go_on = gated_import(monkeypatch, ctx)
    choose_open(monkeypatch, records_file)
    window.main_actions.import_records.trigger()
    qtbot.waitUntil(first_batch.is_set, timeout=WAIT)
    op = window.records_io.op
    assert op is not None and op.dialog is not None
    cancel = op.dialog.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "取消"
    cancel.click()  # the progress dialog's own button
    go_on.set()
    dialog = wait_result(qtbot, window)
    report = dialog.report
    assert report.cancelled
    assert 0 < report.persons_inserted < SIZE
    assert dialog.summary_label.text().startswith("已取消")
    assert "人员 新增" in dialog.summary_label.text()

    # consistent: what was committed is whole persons with all their certificates, and nothing else
    assert ctx.workspace.summary().persons == 3 + report.persons_inserted
    with ctx.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    exported = ctx.data_dir.parent / "after-cancel.jsonl"
    ctx.workspace.export_jsonl(exported)
    source = source_records(records_file)
    kept = [json.loads(text) for text in exported.read_text(encoding="utf-8").splitlines()]
    from_file = [record for record in kept if record["id_number"] in source]
    assert len(from_file) == report.persons_inserted
    for record in from_file:
        assert len(record["certificates"]) == len(source[record["id_number"]]["certificates"])

    # importing again finishes the rest
    go_on.set()
    window.records_io.import_from(records_file)
    again = wait_result(qtbot, window)
    assert again is not dialog and not again.report.cancelled
    assert again.report.persons_inserted == SIZE - report.persons_inserted
    assert ctx.workspace.summary().persons == 3 + SIZE
    assert boxes == []


def test_export_writes_what_the_workspace_exports(
        qtbot: Any, open_window: OpenWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        boxes: list[str]) -> None:
    window = open_window()
    target = tmp_path / "out" / "records"  # no suffix: .jsonl is added
    target.parent.mkdir()
    choose_save(monkeypatch, target)
    window.main_actions.export_records.trigger()
    written = tmp_path / "out" / "records.jsonl"
    qtbot.waitUntil(lambda: not window.records_io.busy() and bool(boxes), timeout=WAIT)
    expected = tmp_path / "expected.jsonl"
    assert window.ctx.workspace.export_jsonl(expected) == 3
    assert written.read_bytes() == expected.read_bytes()
    assert not (tmp_path / "out" / "records.jsonl.part").exists()
    assert "已将 3 人导出到" in boxes[0]
    assert window.ui_settings.value("interchange/folder") == str(tmp_path / "out")


def test_a_cancelled_export_leaves_the_old_file(data_dir: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jsonl_export, "PROGRESS_EVERY", 1)
    target = tmp_path / "old.jsonl"
    target.write_text("old\n", encoding="utf-8")
    ctx = WorkspaceContext.open(data_dir, actor=Actor(OPERATOR))
    try:
        seen: list[tuple[int, int]] = []
        report = ctx.workspace.export_records(target, progress=lambda d, t: seen.append((d, t)),
                                              cancelled=lambda: True)
        assert report.cancelled and report.persons == 1 and seen == [(1, 3)]
        assert target.read_text(encoding="utf-8") == "old\n"
        assert not (tmp_path / "old.jsonl.part").exists()
        done = ctx.workspace.export_records(target, progress=lambda d, t: seen.append((d, t)))
        assert not done.cancelled and done.persons == 3 and seen[-1] == (3, 3)
        expected = tmp_path / "expected.jsonl"
        ctx.workspace.export_jsonl(expected)
        assert target.read_bytes() == expected.read_bytes()
    finally:
        ctx.close()


def test_the_model_lists_rejected_and_kept_local_lines_in_line_order(qtbot: Any) -> None:
    report = ImportReport(lines=9, persons_inserted=5, rejected=[(2, "bad JSON"), (9, "身份证号校验位错误")],
                          kept_local=[(4, "370102198001010011")])
    model = RejectedLinesModel(report_lines(report))
    assert model.rowCount() == 3 and model.columnCount() == 2
    assert [model.data(model.index(r, 0)) for r in range(3)] == ["2", "4", "9"]
    assert model.data(model.index(1, 0), KeptLocalRole) is True
    assert "370102198001010011" in model.data(model.index(1, 1)) and "保留本地" in model.data(model.index(1, 1))
    assert model.data(model.index(0, 0), KeptLocalRole) is False
    summary = import_summary(report)
    assert "9 行" in summary and "拒绝 2 行" in summary and "1 人有本地未同步的修改" in summary
    assert import_summary(ImportReport(lines=3, cancelled=True)).startswith("已取消")


def test_saved_cells_are_text_never_formulas() -> None:
    lines = [ReportLine(1, "=HYPERLINK(\"http://x\")"), ReportLine(2, "+1"), ReportLine(3, "-2"),
             ReportLine(4, "@SUM(A1)"), ReportLine(5, "普通原因")]
    assert safe_cell("=1+1") == "'=1+1" and safe_cell("\tx") == "'\tx" and safe_cell("a=b") == "a=b"
    data = csv_bytes(lines, ("行号", "原因"))
    rows = list(csv.reader(data.decode("utf-8-sig").splitlines()))
    assert [row[1] for row in rows[1:]] == ["'=HYPERLINK(\"http://x\")", "'+1", "'-2", "'@SUM(A1)", "普通原因"]
    assert text_bytes([ReportLine(7, "two\nlines")], "summary").decode("utf-8") == "第 7 行：two lines\nsummary\n"
