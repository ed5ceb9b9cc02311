"""Sync in the window (pytest-qt, offscreen) against the real provincial server on 127.0.0.1: the 同步
action and the status bar, cancel, the outbox view with a rejected change, the conflict inbox."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QInputDialog, QLabel, QMessageBox, QProgressDialog, QPushButton

from desktop_app.services.context import Actor, WorkspaceContext
from desktop_app.ui.common.changes import change_bus
from provincial_server import admin
from provincial_server.db.engine import database_url
from tests.helpers.provincial import JINAN, QINGDAO, Province, demo_file, in_thread, open_seeded
from tests.helpers.sync_calls import holders_of, record_of
from tests.helpers.ui_windows import sign_in, window_opener

TODAY = dt.date(2026, 12, 2)


@pytest.fixture
def province(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Province]:
    monkeypatch.setenv("CERTDESK_NO_KEYRING", "1")
    url = database_url(tmp_path / "province", None)
    db = open_seeded(url, demo_file(tmp_path, size=150, seed=31))
    try:
        with in_thread(db) as server:
            province = Province(db, server, url)
            province.tokens = {JINAN: province.token(JINAN)}
            yield province
    finally:
        db.dispose()


def _desk(province: Province, data_dir: Path, first_sync: bool = True) -> None:
    ctx = WorkspaceContext.open(data_dir, actor=Actor("窗口甲"), today=TODAY)
    try:
        ctx.sync.configure(server=province.url, token=province.tokens[JINAN])
        if first_sync:
            ctx.sync.run()
    finally:
        ctx.close()


def _person(province: Province, unit: str = JINAN, nth: int = 0) -> str:
    """A holder of `unit`'s certificates whose record is complete (the edit form saves it as it is)."""
    with province.client() as client:
        return [p for p in holders_of(client, unit) if p.record and p.record["position"]
                and p.record["title"]][nth].id_number


def _edit_phone(data_dir: Path, id_number: str, phone: str) -> None:
    ctx = WorkspaceContext.open(data_dir, actor=Actor("窗口甲"), today=TODAY)
    try:
        person_id = ctx.edits.person_id_for(id_number)
        assert person_id is not None
        form = ctx.edits.load_form(person_id)
        ctx.edits.save_person(person_id, form.version, {"phone": phone})
    finally:
        ctx.close()


@pytest.fixture
def no_boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def record(box: QMessageBox) -> int:
        shown.append(box.text())
        return 0
    monkeypatch.setattr(QMessageBox, "exec", record)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: shown.append(str(a[2])) or 0)
    return shown


def test_the_sync_action_sends_a_change_and_the_status_bar_counts_it(qtbot: Any, tmp_path: Path,
                                                                     province: Province, no_boxes: list[str]) -> None:
    data_dir = tmp_path / "desk"
    _desk(province, data_dir)
    person = _person(province)
    _edit_phone(data_dir, person, "13911112222")
    with window_opener(qtbot, data_dir, TODAY, operator="窗口甲") as open_window:
        window = open_window()
        qtbot.waitUntil(lambda: "待同步 1" in window.sync.label.text(), timeout=10000)
        window.sync.sync_action.trigger()
        qtbot.waitUntil(lambda: window.sync.running is None and "待同步 0" in window.sync.label.text(),
                        timeout=30000)
        assert window.sync.label.text().startswith("在线")
        with province.client() as client:
            record = record_of(client, person).record
        assert record is not None and record["phone"] == "13911112222"
        # a change made in the window reaches the status bar through the change signal
        ctx = window.ctx
        person_id = ctx.edits.person_id_for(person)
        assert person_id is not None
        result = ctx.edits.save_person(person_id, ctx.edits.load_form(person_id).version, {"phone": "13911113333"})
        change_bus().publish(result.op_changes)
        qtbot.waitUntil(lambda: "待同步 1" in window.sync.label.text(), timeout=10000)
    assert not no_boxes


def test_cancel_stops_a_first_sync_and_leaves_a_cache_that_syncs_later(qtbot: Any, tmp_path: Path,
                                                                        no_boxes: list[str],
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CERTDESK_NO_KEYRING", "1")
    monkeypatch.setattr("desktop_app.sync.engine.SNAPSHOT_PAGE", 100)  # many pages: cancel lands between two
    monkeypatch.setattr("desktop_app.sync.parallel.BLOCK_BYTES", 20_000)
    url = database_url(tmp_path / "big", None)
    db = open_seeded(url, demo_file(tmp_path, size=3000, seed=32, photo_fraction=0.0))
    try:
        with in_thread(db) as server:
            province = Province(db, server, url)
            province.tokens = {JINAN: province.token(JINAN)}
            data_dir = tmp_path / "desk"
            _desk(province, data_dir, first_sync=False)
            with window_opener(qtbot, data_dir, TODAY, operator="窗口甲") as open_window:
                window = open_window()
                window.sync.sync_action.trigger()
                qtbot.waitUntil(lambda: window.findChild(QProgressDialog) is not None, timeout=10000)
                window.findChild(QProgressDialog).findChild(QPushButton).click()  # its 取消 button
                qtbot.waitUntil(lambda: window.sync.running is None, timeout=30000)
                assert "取消" in window.statusBar().currentMessage()
            with sqlite3.connect(data_dir / "certdesk.sqlite3") as conn:
                assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                persons = conn.execute("SELECT count(*) FROM persons").fetchone()[0]
            assert persons < 3000  # stopped part-way, every page whole
            ctx = WorkspaceContext.open(data_dir, actor=Actor("窗口甲"), today=TODAY)
            try:
                report = ctx.sync.run().report
            finally:
                ctx.close()
            assert report.verified
    finally:
        db.dispose()
    assert not no_boxes


def test_the_outbox_shows_a_rejected_change_with_its_reason_and_it_can_be_given_up(
        qtbot: Any, tmp_path: Path, province: Province, no_boxes: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    data_dir = tmp_path / "desk"
    _desk(province, data_dir)
    stranger = _person(province, QINGDAO)
    _edit_phone(data_dir, stranger, "13911114444")
    with window_opener(qtbot, data_dir, TODAY, operator="窗口甲") as open_window:
        window = open_window()
        window.sync.sync_action.trigger()
        qtbot.waitUntil(lambda: window.sync.running is None and "需处理 1" in window.sync.label.text(),
                        timeout=30000)
        window.sync.show_outbox()
        outbox = window.sync.outbox_window
        assert outbox is not None
        qtbot.waitUntil(lambda: outbox.model.rowCount() == 1, timeout=10000)
        model = outbox.model
        assert "被拒绝" in model.data(model.index(0, 5)) and "本单位" in model.data(model.index(0, 8))
        assert "{" not in model.data(model.index(0, 8))  # words, never raw JSON
        outbox.table.selectRow(0)
        assert outbox.discard_button.isEnabled() and not outbox.retry_button.isEnabled()
        monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("非本单位人员，转青岛处理", True))
        outbox.discard_button.click()
        qtbot.waitUntil(lambda: outbox.model.rowCount() == 0, timeout=10000)
        qtbot.waitUntil(lambda: "需处理" not in window.sync.label.text(), timeout=10000)
    assert not no_boxes


def test_the_conflict_inbox_takes_the_provinces_value_for_a_field(qtbot: Any, tmp_path: Path, province: Province,
                                                                  no_boxes: list[str]) -> None:
    data_dir = tmp_path / "desk"
    _desk(province, data_dir)
    person = _person(province, nth=1)
    admin.edit(province.db, province.db and __import__("desktop_app.domain.rules", fromlist=["x"]).default_rules(),
               person, {"phone": "13922220000"})
    _edit_phone(data_dir, person, "13933330000")
    with window_opener(qtbot, data_dir, TODAY, operator="窗口甲") as open_window:
        window = open_window()
        window.sync.sync_action.trigger()
        qtbot.waitUntil(lambda: window.sync.running is None and "需处理 1" in window.sync.label.text(),
                        timeout=30000)
        window.workspace_view.open_person(person)
        qtbot.waitUntil(lambda: window.findChild(QLabel, "conflictNote") is not None, timeout=10000)
        window.sync.show_conflicts()
        inbox = window.sync.conflict_window
        assert inbox is not None
        qtbot.waitUntil(lambda: inbox.model.rowCount() == 1, timeout=10000)
        model = inbox.model
        assert [model.data(model.index(0, c)) for c in (2, 4, 6)] == ["手机号码", "13933330000", "13922220000"]
        inbox.table.selectRow(0)
        inbox.theirs_button.click()
        qtbot.waitUntil(lambda: inbox.model.rowCount() == 0, timeout=10000)
        detail = window.ctx.search.person_detail(window.ctx.edits.person_id_for(person) or 0)
        assert detail is not None and detail.phone == "13922220000" and detail.conflicts == 0
    assert not no_boxes


def test_the_demo_workspace_syncs_with_its_own_province(qtbot: Any, tmp_path: Path, no_boxes: list[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A newcomer's first start: the demo fills, its province starts; 同步 brings the province's changes,
    sends the local one and finds the prepared conflict. The server stops with the window."""
    monkeypatch.setenv("CERTDESK_NO_KEYRING", "1")
    data_dir = tmp_path / "demo"
    with window_opener(qtbot, data_dir, TODAY, operator="演示操作员") as open_window:
        window = open_window()
        qtbot.waitUntil(lambda: window.sync.demo_server is not None, timeout=120000)
        server = window.sync.demo_server
        assert server is not None and window.ctx.settings.sync_server == server.url
        sign_in(qtbot, window, "chuangkou", "demo-counter")  # the demo has one account per role (issue 14)
        window.sync.sync_action.trigger()
        qtbot.waitUntil(lambda: window.sync.running is None and "需处理 1" in window.sync.label.text(),
                        timeout=60000)
        message = window.statusBar().currentMessage()
        assert "上传 2 项" in message and "1 项冲突" in message, message
        assert "演示省级服务器" in " ".join(no_boxes)  # the server's notice
        conflicts = window.ctx.sync.conflicts()
        assert [(c.field, c.yours, c.theirs) for c in conflicts] == [("phone", "13805318888", "13805319999")]
        thread = server.thread
        window.close()
        assert not thread.is_alive()
