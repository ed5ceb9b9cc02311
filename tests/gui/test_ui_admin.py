"""pytest-qt: 系统管理 (AdminWindow) on a real cache with accounts — every section end to end through the
real services (accounts, the sync server and token, seals and USCCs, the verification address, signing
keys, printer offsets, backup and restore), errors shown in a message box; for a counter every section
is disabled and reads nothing."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop_app import secrets
from desktop_app.certs.signing import KeyStore
from desktop_app.paths import database_path
from desktop_app.services import workshop
from desktop_app.services.context import Actor, WorkspaceContext
from desktop_app.ui.admin.accounts_tab import AccountsSection, NewAccountDialog
from desktop_app.ui.admin.backup_tab import BackupSection
from desktop_app.ui.admin.keys_tab import KeysSection
from desktop_app.ui.admin.seals_tab import SealsSection, seal_side_px
from desktop_app.ui.admin.settings_tabs import PrintersSection, VerifySection
from desktop_app.ui.admin.sync_tab import SyncSection
from desktop_app.ui.admin.window import SECTIONS, AdminWindow
from desktop_app.ui.common.operations import write_pool
from tests.gui.test_ui_search_model import TODAY, copy_of_template
from tests.helpers.search_fixtures import uscc
from tests.helpers.ui_windows import dispose_on_gui_thread
from tests.unit.certs.test_cert_render import make_seal_png

WAIT = 15000
JINAN = "济南市住房和城乡建设局"
PASSWORD = "password-1"

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                                       "This plugin does not support raise")


@pytest.fixture
def workspace(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The filled template workspace, with an admin and a counter account."""
    monkeypatch.setenv("CERTDESK_NO_KEYRING", "1")
    folder = copy_of_template(tmp_path_factory, tmp_path)
    ctx = WorkspaceContext.open(folder, actor=Actor(""), today=TODAY)
    try:
        ctx.accounts.add("admin1", "admin", PASSWORD, "管理员")
        ctx.accounts.sign_in("admin1", PASSWORD)
        ctx.accounts.add("counter1", "counter", PASSWORD, "窗口一")
    finally:
        ctx.close()
    return folder


@pytest.fixture
def open_admin(qtbot: Any, workspace: Path) -> Iterator[Callable[[str], AdminWindow]]:
    opened: list[AdminWindow] = []

    def _open(user: str) -> AdminWindow:
        ctx = WorkspaceContext.open(workspace, actor=Actor(""), today=TODAY)
        ctx.accounts.sign_in(user, PASSWORD)
        window = AdminWindow(ctx)
        window.show()
        qtbot.waitExposed(window)
        opened.append(window)
        return window

    yield _open
    for window in opened:
        qtbot.waitUntil(lambda w=window: w.busy == 0, timeout=WAIT)
        window.close()
        QThreadPool.globalInstance().waitForDone(WAIT)
        write_pool().waitForDone(WAIT)
        window.ctx.close()
        window.deleteLater()
    dispose_on_gui_thread(opened)  # type: ignore[arg-type]


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Every message box's text instead of waiting for a click; questions are answered Yes."""
    shown: dict[str, list[str]] = {"box": [], "question": [], "information": []}
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown["box"].append(box.text()) or 0)
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *a, **k: shown["question"].append(text)
                        or QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a, **k: shown["information"].append(text))
    return shown


def settle(qtbot: Any, window: AdminWindow) -> None:
    qtbot.waitUntil(lambda: window.busy == 0, timeout=WAIT)


def cells(table: Any, column: int = 0) -> list[str]:
    return [table.item(r, column).text() for r in range(table.rowCount())]


def audit_fields(window: AdminWindow) -> list[tuple[str, str]]:
    with sqlite3.connect(window.ctx.cache.path) as conn:
        return conn.execute("SELECT entity, field FROM audit_log WHERE operator = 'admin1' AND entity IN "
                            "('admin', 'account') ORDER BY id").fetchall()


def test_the_window_opens_for_an_admin_with_every_section_enabled(open_admin: Callable[[str], AdminWindow]) -> None:
    window = open_admin("admin1")
    assert window.windowTitle() == "系统管理" and window.tabs.count() == len(SECTIONS) == 7
    assert [window.tabs.tabText(i) for i in range(7)] == ["账号", "同步服务器", "印章与发证机关代码", "验证网址",
                                                          "签名密钥", "打印机校准默认值", "备份与恢复"]
    for section in window.sections.values():
        assert section.allowed and section.body.isEnabled() and section.denied_label.isHidden()
    assert cells(window.section(AccountsSection).table) == ["admin1", "counter1"]
    assert len(cells(window.section(SealsSection).table)) == len(window.ctx.rules.units)
    assert "admin1" in window.findChild(type(window.status_label), "adminWho").text()


def test_accounts_add_disable_reset_and_role(qtbot: Any, open_admin: Callable[[str], AdminWindow],
                                            boxes: dict[str, list[str]], monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_admin("admin1")
    section = window.section(AccountsSection)

    def fill_in(dialog: NewAccountDialog) -> int:
        dialog.user_edit.setText("zhangsan")
        dialog.display_edit.setText("张三")
        dialog.role_combo.setCurrentIndex(dialog.role_combo.findData("officer"))
        dialog.password_edit.setText("secret-pass-1")
        dialog.again_edit.setText("secret-pass-1")
        dialog._check()
        return dialog.result()

    monkeypatch.setattr(NewAccountDialog, "exec", fill_in)
    section.add_button.click()
    settle(qtbot, window)
    assert cells(section.table) == ["admin1", "counter1", "zhangsan"]
    assert section.selected() is not None
    section.table.selectRow(2)
    assert section.selected().user_name == "zhangsan" and section.selected().role == "officer"

    section.enable_button.click()
    settle(qtbot, window)
    assert cells(section.table, 3)[2] == "已停用" and section.enable_button.text() == "启用"
    section.enable_button.click()
    settle(qtbot, window)
    assert cells(section.table, 3)[2] == "正常"

    section.reset_button.click()
    settle(qtbot, window)
    assert "zhangsan" in boxes["question"][-1]
    [shown] = [t for t in boxes["box"] if t.startswith("zhangsan 的新密码：")]
    password = shown.split("：", 1)[1]
    other = WorkspaceContext.open(window.ctx.data_dir, actor=Actor(""), today=TODAY)
    try:
        assert other.accounts.sign_in("zhangsan", password).role == "officer"  # the handed-over password works
    finally:
        other.close()

    section.role_combo.setCurrentIndex(section.role_combo.findData("supervisor"))
    section.role_button.click()
    settle(qtbot, window)
    assert cells(section.table, 2)[2] == "科室负责人" and "科室负责人" in window.status_label.text()
    assert [f for e, f in audit_fields(window) if e == "account"][-5:] == ["account", "enabled", "enabled",
                                                                           "password", "role"]

    section.table.selectRow(0)  # the last admin cannot be disabled: a clear message
    section.enable_button.click()
    settle(qtbot, window)
    assert cells(section.table, 3)[0] == "正常" and "最后一个能管理账号" in boxes["box"][-1]


def test_sync_server_and_token(qtbot: Any, open_admin: Callable[[str], AdminWindow],
                               boxes: dict[str, list[str]]) -> None:
    window = open_admin("admin1")
    section = window.section(SyncSection)
    assert section.token_label.text() == "（尚未设置）"
    section.server_edit.setText("http://sync.example.cn")
    section.save_button.click()
    settle(qtbot, window)
    assert "https://" in boxes["box"][-1] and window.ctx.settings.sync_server == ""
    section.server_edit.setText("https://sync.example.cn/")
    section.token_edit.setText("bureau-secret-token-42")
    section.save_button.click()
    settle(qtbot, window)
    assert section.server_edit.text() == "https://sync.example.cn" and section.token_edit.text() == ""
    assert section.token_label.text().startswith("bureau-s") and "token-42" not in section.token_label.text()
    assert secrets.load_token(window.ctx.data_dir) == "bureau-secret-token-42"  # kept (here: the owner-only file)
    assert ("admin", "sync_token") in audit_fields(window)


def test_seal_and_issuer_code(qtbot: Any, open_admin: Callable[[str], AdminWindow], boxes: dict[str, list[str]],
                              monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    window = open_admin("admin1")
    section = window.section(SealsSection)
    window.tabs.setCurrentWidget(section)
    section.select_unit(JINAN)
    assert section.selected().unit == JINAN and section.preview.image is None
    side = seal_side_px(section.preview)
    assert section.preview.width() == section.preview.height() == side == round(50 / 25.4 * section.logicalDpiX())

    chosen = tmp_path / "jpeg-seal.png"
    chosen.write_bytes(b"\xff\xd8\xff\xe0 not a png")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(chosen), ""))
    section.choose_button.click()
    settle(qtbot, window)
    assert "不是 PNG" in boxes["box"][-1] and section.preview.image is None

    chosen.write_bytes(make_seal_png())
    section.choose_button.click()
    settle(qtbot, window)
    assert section.selected().unit == JINAN and section.preview.image is not None
    assert section.preview.image.width() == 600 and section.preview.image.hasAlphaChannel()
    assert section.table.item(section.table.currentRow(), 1).text() == "已设置"
    assert (window.ctx.data_dir / workshop.SEALS_DIR / f"{JINAN}.png").read_bytes() == make_seal_png()

    section.uscc_edit.setText("91370100MA3C09008X")
    section.uscc_button.click()
    settle(qtbot, window)
    assert "统一社会信用代码" in boxes["box"][-1]
    code = uscc("MA3C0900")
    section.uscc_edit.setText(code)
    section.uscc_button.click()
    settle(qtbot, window)
    assert section.table.item(section.table.currentRow(), 2).text() == code
    assert "不带样本标记" in section.state_label.text()
    assert workshop.load_issuer_codes(window.ctx.data_dir / workshop.ISSUER_CODES_FILE)[JINAN].uscc == code

    section.remove_button.click()
    settle(qtbot, window)
    assert section.preview.image is None and not (window.ctx.data_dir / workshop.SEALS_DIR / f"{JINAN}.png").exists()


def test_verification_address(qtbot: Any, open_admin: Callable[[str], AdminWindow],
                              boxes: dict[str, list[str]]) -> None:
    window = open_admin("admin1")
    section = window.section(VerifySection)
    section.base_edit.setText("http://zjt.shandong.gov.cn/verify?t=")
    section.save_button.click()
    settle(qtbot, window)
    assert "https://" in boxes["box"][-1] and window.ctx.settings.verify_base == ""
    section.base_edit.setText("https://zjt.shandong.gov.cn/verify?t=")
    section.save_button.click()
    settle(qtbot, window)
    assert workshop.Workshop(window.ctx.data_dir).verify_base == "https://zjt.shandong.gov.cn/verify?t="
    assert "https://zjt.shandong.gov.cn/verify?t=" in section.current_label.text()


def test_signing_keys_rotate_export_revoke(qtbot: Any, open_admin: Callable[[str], AdminWindow],
                                           boxes: dict[str, list[str]], monkeypatch: pytest.MonkeyPatch,
                                           tmp_path: Path) -> None:
    window = open_admin("admin1")
    section = window.section(KeysSection)
    assert section.table.rowCount() == 0 and section.rotate_button.text() == "新建签名密钥"
    section.rotate_button.click()
    settle(qtbot, window)
    first = KeyStore.for_workspace(window.ctx.data_dir).current().key_id
    section.rotate_button.click()
    settle(qtbot, window)
    second = KeyStore.for_workspace(window.ctx.data_dir).current().key_id
    assert first != second and cells(section.table) == [second, first]
    assert cells(section.table, 1) == ["当前签名", "仅用于验证"]
    section.select_key(second)
    assert not section.revoke_button.isEnabled()  # the key in use: rotate first

    target = tmp_path / "exported.pem"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    section.select_key(first)
    section.export_button.click()
    settle(qtbot, window)
    assert target.read_bytes().startswith(b"-----BEGIN PUBLIC KEY-----") and first in window.status_label.text()

    section.select_key(first)
    assert section.revoke_button.isEnabled()
    section.revoke_button.click()
    settle(qtbot, window)
    assert cells(section.table, 1) == ["当前签名", "已吊销"] and first in boxes["question"][-1]
    assert not section.revoke_button.isEnabled()


def test_printer_offsets(qtbot: Any, open_admin: Callable[[str], AdminWindow], boxes: dict[str, list[str]]) -> None:
    window = open_admin("admin1")
    section = window.section(PrintersSection)
    section.printer_combo.setCurrentText("Office Printer")
    section.x_spin.setValue(1.3)
    section.y_spin.setValue(-0.4)
    section.save_button.click()
    settle(qtbot, window)
    assert cells(section.table) == ["Office Printer"] and cells(section.table, 1) == ["+1.3 mm"]
    assert window.ctx.printing.printer_offset("Office Printer").y_mm == -0.4
    section.printer_combo.setCurrentText("")
    section.save_button.click()
    settle(qtbot, window)
    assert boxes["box"] and "打印机" in boxes["box"][-1]


def test_backup_then_restore_into_a_new_folder(qtbot: Any, open_admin: Callable[[str], AdminWindow],
                                               boxes: dict[str, list[str]], monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path) -> None:
    window = open_admin("admin1")
    section = window.section(BackupSection)
    target = tmp_path / "backups" / "certdesk.sqlite3"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    section.backup_button.click()
    assert section.busy == 1 and not section.busy_bar.isHidden()  # off the GUI thread, a busy indicator
    settle(qtbot, window)
    assert target.is_file() and str(target) in section.result_label.text() and section.busy_bar.isHidden()

    restored = tmp_path / "restored"
    restored.mkdir()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(restored))
    section.restore_button.click()
    settle(qtbot, window)
    assert database_path(restored).is_file() and "完整性检查" in boxes["information"][-1]
    with sqlite3.connect(database_path(restored)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    section.restore_button.click()  # the folder is not empty any more: refused
    settle(qtbot, window)
    assert "不是空的" in boxes["box"][-1]
    assert [f for e, f in audit_fields(window) if e == "admin"] == ["backup", "restore"]


def test_for_a_counter_every_section_is_disabled(open_admin: Callable[[str], AdminWindow],
                                                 boxes: dict[str, list[str]]) -> None:
    window = open_admin("counter1")
    for section in window.sections.values():
        assert not section.allowed and not section.body.isEnabled()
        assert not section.denied_label.isHidden() and "系统管理员" in section.denied_label.text()
    assert window.section(AccountsSection).table.rowCount() == 0  # nothing was read
    assert window.section(SealsSection).table.rowCount() == 0
    assert window.section(SyncSection).server_edit.text() == ""
    assert boxes["box"] == []
    assert window.tabs.tabToolTip(0) == "当前账号无此权限"
