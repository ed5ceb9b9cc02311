"""How failures reach the user: the environment's faults as a message with a hint (a real locked
database), a bug logged with its traceback and shown with "复制错误信息" (fault injected)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from desktop_app.errors import EnvironmentFault
from desktop_app.logs import log, setup_logging
from desktop_app.services.context import WorkspaceContext
from desktop_app.services.edits import PersonForm
from desktop_app.store import engine as store_engine
from desktop_app.store import locking
from desktop_app.ui.common.errors import show_error
from desktop_app.ui.common.operations import Op, write_pool
from tests.helpers.search_fixtures import cert, person, resident_id, write_and_import
from tests.helpers.ui_windows import open_context

HOLDER = resident_id("370102", "19850712", "123")


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Every message box shown, with its texts and buttons, instead of a modal loop."""
    boxes: list[dict[str, Any]] = []

    def record(box: QMessageBox) -> int:
        copy = box.findChild(QPushButton, "copyErrorButton")
        if copy is not None:
            copy.click()  # what a user does to send the report
        boxes.append({"title": box.windowTitle(), "text": box.text(), "hint": box.informativeText(),
                      "details": box.detailedText(), "copy": copy is not None})
        return 0

    monkeypatch.setattr(QMessageBox, "exec", record)
    return boxes


def one_person(tmp_path: Path) -> tuple[WorkspaceContext, int, PersonForm]:
    """A workspace of one person with an operator named: (context, person id, the person's form)."""
    cache = write_and_import(tmp_path, [person(HOLDER, "王建国", [cert("鲁建安A（2019）0001234", "A", "old")])])
    data_dir = cache.path.parent
    cache.close()
    ctx = open_context(data_dir, operator="张三")
    person_id = ctx.edits.person_id_for(HOLDER)
    assert person_id is not None
    return ctx, person_id, ctx.edits.load_form(person_id)


def test_a_locked_database_is_a_clear_message_not_an_internal_error(qtbot: Any, tmp_path: Path,
                                                                     shown: list[dict[str, Any]],
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_engine, "BUSY_TIMEOUT_MS", 200)
    monkeypatch.setattr(locking, "LOCK_WAIT_S", 1.0)  # give up soon: the other program never lets go
    ctx, person_id, form = one_person(tmp_path)
    other = sqlite3.connect(ctx.cache.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    failures: list[BaseException] = []
    try:
        op = Op(None, lambda: ctx.edits.save_person(person_id, form.version, {"major": "土木工程"}, "核实"),
                writes=True)
        op.failure(lambda exc: (failures.append(exc), show_error(None, exc))).run()
        qtbot.waitUntil(lambda: bool(failures), timeout=10000)
    finally:
        other.execute("ROLLBACK")
        other.close()
        write_pool().waitForDone(5000)
    assert isinstance(failures[0], EnvironmentFault) and failures[0].code == "env.db_locked"
    [box] = shown
    assert "占用" in box["text"] and "内部错误" not in box["text"]
    assert "关闭" in box["hint"] and not box["copy"]
    assert ctx.edits.load_form(person_id).values["major"] != "土木工程"  # nothing half-written
    ctx.close()


def test_a_bug_is_logged_and_its_report_can_be_copied(qtbot: Any, tmp_path: Path,
                                                      shown: list[dict[str, Any]]) -> None:
    log_file = setup_logging(tmp_path)
    assert log_file is not None

    def broken() -> None:
        raise ZeroDivisionError("injected fault")

    failures: list[BaseException] = []
    Op(None, broken).failure(lambda exc: (failures.append(exc), show_error(None, exc))).run()
    qtbot.waitUntil(lambda: bool(failures), timeout=5000)
    [box] = shown
    assert box["copy"] and "ZeroDivisionError" in box["text"] and "certdesk.log" in box["hint"]
    assert "Traceback" in box["details"] and "broken" in box["details"]
    assert "injected fault" in QApplication.clipboard().text() and "Traceback" in QApplication.clipboard().text()
    for handler in log.handlers:
        handler.flush()
    logged = log_file.read_text(encoding="utf-8")
    assert logged.count("injected fault") >= 1 and "Traceback" in logged


def test_a_write_behind_another_writer_says_it_waits_then_completes(qtbot: Any, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_engine, "BUSY_TIMEOUT_MS", 100)
    ctx, person_id, form = one_person(tmp_path)
    other = sqlite3.connect(ctx.cache.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program writes for a moment
    done: list[object] = []
    labels: list[str] = []
    op = Op(None, lambda: ctx.edits.save_person(person_id, form.version, {"major": "土木工程"}, "核实"), writes=True)
    op.success(done.append).run()
    qtbot.waitUntil(lambda: op.dialog is not None and "正在等待" in op.dialog.labelText(), timeout=10000)
    labels.append(op.dialog.labelText())  # type: ignore[union-attr]
    other.execute("ROLLBACK")
    other.close()
    qtbot.waitUntil(lambda: bool(done), timeout=10000)
    write_pool().waitForDone(5000)
    assert "秒" in labels[0]
    assert ctx.edits.load_form(person_id).values["major"] == "土木工程"
    ctx.close()


def test_a_late_progress_signal_after_the_dialog_closed_is_ignored(qtbot: Any) -> None:
    """A progress report that arrives after the work finished (and its dialog was deleted) is harmless."""
    finished: list[object] = []
    op = Op(None, lambda progress: (progress(1, 2), "done")[1]).with_progress("导出中…")
    op.success(finished.append).run()
    qtbot.waitUntil(lambda: bool(finished), timeout=5000)
    assert op.finished and op.dialog is None
    op._progressed(2, 2)  # what a queued signal delivered late would call
    op._waited(3.0)
    assert op.dialog is None  # no dialog brought back, no call into a deleted one
