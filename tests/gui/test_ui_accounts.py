"""pytest-qt: sign-in on the real main window (issue 14) — the sign-in dialog of a workspace with accounts,
wrong passwords and the lockout, what each role may use (greyed actions, refusals), the demo accounts,
the first admin of a real workspace, the idle lock, 注销, 切换账号 and 修改密码…"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from desktop_app.services.api.accounts import DEMO_ACCOUNTS
from desktop_app.services.context import WorkspaceContext
from desktop_app.settings import load_settings
from desktop_app.ui.accounts.first_admin_dialog import FirstAdminDialog
from desktop_app.ui.accounts.lock_dialog import LockDialog
from desktop_app.ui.accounts.password_dialog import ChangePasswordDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.settings.dialog import SettingsDialog
from tests.gui.test_ui_search_model import TODAY, WANG_ID, copy_of_template
from tests.helpers.ui_windows import sign_in, sign_in_dialog, window_opener

WAIT = 15000
ADMIN, COUNTER, OFFICER, SUPERVISOR = "guanli", "chuang", "zixun", "fuze"
PASSWORDS = {ADMIN: "admin-pass-1", COUNTER: "counter-pass", OFFICER: "officer-pass", SUPERVISOR: "super-pass-1"}
ACCOUNTS = ((COUNTER, "counter", "窗口甲"), (OFFICER, "officer", "咨询乙"), (SUPERVISOR, "supervisor", "科长丙"))

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                                       "This plugin does not support raise")

OpenWindow = Callable[..., MainWindow]


def add_accounts(data_dir: Path) -> None:
    """An admin (the first account needs nobody signed in), then one account per other role."""
    ctx = WorkspaceContext.open(data_dir, os_user_fallback=False)
    try:
        ctx.accounts.add(ADMIN, "admin", PASSWORDS[ADMIN], "管理员丁")
        ctx.accounts.sign_in(ADMIN, PASSWORDS[ADMIN])
        for user, role, display in ACCOUNTS:
            ctx.accounts.add(user, role, PASSWORDS[user], display)
    finally:
        ctx.close()


@pytest.fixture
def plain_dir(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Path:
    """A filled workspace without accounts (as before issue 14), not a demo."""
    return copy_of_template(tmp_path_factory, tmp_path)


@pytest.fixture
def account_dir(plain_dir: Path) -> Path:
    add_accounts(plain_dir)
    return plain_dir


@pytest.fixture
def open_window(qtbot: Any, account_dir: Path) -> Iterator[OpenWindow]:
    with window_opener(qtbot, account_dir, TODAY) as opener:
        yield opener


@pytest.fixture
def refusals(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What show_error's boxes said (recorded instead of waiting for a click)."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    return shown


def workstation_text(window: MainWindow) -> str:
    return window.findChild(type(window.summary_label), "workstationLabel").text()


def try_password(qtbot: Any, window: MainWindow, user: str, password: str) -> str:
    """One attempt that fails: the dialog stays and says why."""
    dialog = sign_in_dialog(qtbot, window)
    dialog.user_edit.setText(user)
    dialog.password_edit.setText(password)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT)
    assert dialog.isVisible()
    return dialog.message_label.text()


def show_person(qtbot: Any, window: MainWindow, id_number: str = WANG_ID) -> None:
    window.workspace_view.open_person(id_number)
    qtbot.waitUntil(lambda: window.main_actions.detail is not None, timeout=WAIT)


# --- signing in ----------------------------------------------------------------------------------


def test_a_workspace_with_accounts_asks_for_a_sign_in_and_counts_wrong_passwords(
        qtbot: Any, open_window: OpenWindow) -> None:
    window = open_window()
    dialog = sign_in_dialog(qtbot, window)
    assert window.accounts.cover.isVisible()  # the records are not shown before a sign-in
    assert dialog.demo_table is None  # (a real workspace shows no passwords)
    assert workstation_text(window).startswith("未登录")
    assert not window.main_actions.worklist.isEnabled() and not window.main_actions.verify.isEnabled()
    assert "再错 4 次" in try_password(qtbot, window, COUNTER, "wrong-password")
    assert "再错 3 次" in try_password(qtbot, window, COUNTER, "wrong-again")
    assert dialog.password_edit.text() == "" and dialog.password_edit.hasFocus()
    assert "不正确" in try_password(qtbot, window, "nobody", "whatever-1")  # no telling which names exist
    dialog.password_edit.clear()
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert dialog.message_label.text() == "请输入密码"


def test_too_many_wrong_passwords_lock_the_account(qtbot: Any, open_window: OpenWindow) -> None:
    window = open_window()
    attempts = window.ctx.roles.policy.max_failed_attempts
    for _ in range(attempts - 1):
        assert "再错" in try_password(qtbot, window, OFFICER, "not-it-at-all")
    assert "已锁定" in try_password(qtbot, window, OFFICER, "not-it-at-all")
    text = try_password(qtbot, window, OFFICER, PASSWORDS[OFFICER])  # even the right one, for now
    assert "账号已锁定，请于" in text and "系统管理员" in text
    sign_in(qtbot, window, COUNTER, PASSWORDS[COUNTER])  # another account is not affected


def test_an_officer_signs_in_and_may_search_but_not_edit_or_print(
        qtbot: Any, open_window: OpenWindow, refusals: list[str]) -> None:
    window = open_window()
    sign_in(qtbot, window, OFFICER, PASSWORDS[OFFICER])
    assert not window.accounts.cover.isVisible()
    assert "咨询乙（zixun，电话咨询）" in window.windowTitle()
    assert workstation_text(window).startswith("已登录：咨询乙（zixun，电话咨询）")
    actions = window.main_actions
    show_person(qtbot, window)  # an officer may search and view
    assert not actions.edit.isEnabled() and not actions.preview.isEnabled()
    assert not actions.batch.isEnabled() and not actions.worklist.isEnabled() and not actions.progress.isEnabled()
    assert not actions.import_records.isEnabled() and not actions.export_records.isEnabled()
    assert not actions.admin.isEnabled() and not window.sync.sync_action.isEnabled()
    assert actions.verify.isEnabled()
    assert not actions.operator.isVisible() and actions.sign_out.isVisible() and actions.change_password.isVisible()
    pane = window.workspace_view.detail
    assert pane.edit_button is not None and not pane.edit_button.isEnabled()  # the pane's own buttons too
    assert all(not b.isEnabled() for b in pane.findChildren(QPushButton, "previewButton"))
    # Asked for anyway (Enter in the pane, Ctrl+E): the refusal is the service's words, not a crash.
    window.edit_person(window.main_actions.detail.person_id)
    assert refusals and refusals[-1].startswith("权限不足：修改人员信息和照片 需要")
    assert window.edit_dialog is None
    window.show_progress()
    assert "查看换发进度" in refusals[-1] and window.progress_window is None


def test_a_counter_may_edit_and_print_but_not_see_the_progress(qtbot: Any, open_window: OpenWindow) -> None:
    window = open_window()
    sign_in(qtbot, window, COUNTER, PASSWORDS[COUNTER])
    show_person(qtbot, window)
    actions = window.main_actions
    assert actions.edit.isEnabled() and actions.preview.isEnabled() and window.sync.sync_action.isEnabled()
    pane = window.workspace_view.detail
    assert pane.edit_button is not None and pane.edit_button.isEnabled()
    assert not actions.progress.isEnabled() and not actions.batch.isEnabled() and not actions.admin.isEnabled()


def test_a_supervisor_opens_the_progress_window(qtbot: Any, open_window: OpenWindow) -> None:
    window = open_window()
    sign_in(qtbot, window, SUPERVISOR, PASSWORDS[SUPERVISOR])
    actions = window.main_actions
    assert actions.progress.isEnabled() and actions.worklist.isEnabled() and actions.batch.isEnabled()
    assert not actions.admin.isEnabled() and not actions.calibrate.isEnabled()
    actions.progress.trigger()
    qtbot.waitUntil(lambda: window.progress_window is not None and window.progress_window.isVisible(), timeout=WAIT)


def test_an_admin_may_open_the_system_administration(qtbot: Any, open_window: OpenWindow) -> None:
    window = open_window()
    sign_in(qtbot, window, ADMIN, PASSWORDS[ADMIN])
    assert window.main_actions.admin.isEnabled() and window.main_actions.calibrate.isEnabled()
    assert not window.main_actions.edit.isEnabled()


def test_quit_on_the_sign_in_closes_the_program(qtbot: Any, open_window: OpenWindow) -> None:
    window = open_window()
    dialog = sign_in_dialog(qtbot, window)
    qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=WAIT)


# --- the demo workspace --------------------------------------------------------------------------


@pytest.fixture
def demo_dir(plain_dir: Path) -> Path:
    """A demo workspace as the first-start fill leaves it: marked a demo, with its demo accounts."""
    ctx = WorkspaceContext.open(plain_dir, os_user_fallback=False)
    try:
        ctx.settings.demo = True
        ctx.save_settings()
        ctx.accounts.create_demo_accounts()
    finally:
        ctx.close()
    return plain_dir


def test_the_demo_sign_in_lists_the_demo_accounts_and_a_click_fills_them(qtbot: Any, demo_dir: Path) -> None:
    with window_opener(qtbot, demo_dir, TODAY) as opener:
        window = opener()
        dialog = sign_in_dialog(qtbot, window)
        table = dialog.demo_table
        assert table is not None and table.rowCount() == len(DEMO_ACCOUNTS)
        rows = [[table.item(r, c).text() for c in range(4)] for r in range(table.rowCount())]
        roles = {role.label for role in window.ctx.roles.roles.values()}
        assert {row[2] for row in rows} == roles  # one per role, with its password shown
        assert {(row[0], row[3]) for row in rows} == {(a[0], a[3]) for a in DEMO_ACCOUNTS}
        row = next(r for r, account in enumerate(DEMO_ACCOUNTS) if account[1] == "supervisor")
        rect = table.visualItemRect(table.item(row, 0))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert dialog.user_edit.text() == DEMO_ACCOUNTS[row][0]
        assert dialog.password_edit.text() == DEMO_ACCOUNTS[row][3]
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
        assert window.ctx.actor.role == "supervisor"
        assert "演示工作区" in window.windowTitle() and DEMO_ACCOUNTS[row][2] in window.windowTitle()
        assert window.main_actions.progress.isEnabled()


# --- the first admin of a real workspace -----------------------------------------------------------


def first_admin_dialog(qtbot: Any, window: MainWindow) -> FirstAdminDialog:
    qtbot.waitUntil(lambda: window.accounts.first_admin_dialog is not None
                    and window.accounts.first_admin_dialog.isVisible(), timeout=WAIT)
    dialog = window.accounts.first_admin_dialog
    assert dialog is not None
    return dialog


def test_a_real_workspace_without_accounts_offers_its_first_admin(qtbot: Any, plain_dir: Path) -> None:
    with window_opener(qtbot, plain_dir, TODAY, operator="张三") as opener:
        window = opener(offer_accounts=True)
        dialog = first_admin_dialog(qtbot, window)
        assert dialog.display_edit.text() == "张三"  # the operator so far, as a start
        dialog.user_edit.setText("zhangsan")
        dialog.password_edit.setText("short")
        dialog.again_edit.setText("short")
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
        assert dialog.message_label.text() == "密码至少需要 8 个字符"
        dialog.password_edit.setText("long-enough-1")
        dialog.again_edit.setText("long-enough-2")
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
        assert dialog.message_label.text() == "两次输入的密码不一致"
        dialog.again_edit.setText("long-enough-1")
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
        assert window.ctx.actor.name == "zhangsan" and window.ctx.actor.role == "admin"
        assert window.ctx.has_accounts and "张三（zhangsan，系统管理员）" in window.windowTitle()
        assert window.main_actions.admin.isEnabled() and not window.main_actions.operator.isVisible()
        window.close()
        window = opener()  # the next start asks for the sign-in
        sign_in(qtbot, window, "zhangsan", "long-enough-1")


def test_not_now_keeps_the_workspace_without_accounts_and_asks_again(qtbot: Any, plain_dir: Path) -> None:
    with window_opener(qtbot, plain_dir, TODAY, operator="张三") as opener:
        window = opener(offer_accounts=True)
        dialog = first_admin_dialog(qtbot, window)
        qtbot.mouseClick(dialog.later_button, Qt.MouseButton.LeftButton)
        assert not dialog.isVisible() and not window.ctx.has_accounts
        assert window.accounts.sign_in_dialog is None and not window.accounts.cover.isVisible()
        actions = window.main_actions
        assert actions.operator.isVisible() and not actions.sign_out.isVisible()
        assert actions.progress.isEnabled() and actions.batch.isEnabled()  # the operator may do everything
        assert window.windowTitle() == "CertDesk 建设从业人员证书工作台"
        assert workstation_text(window).startswith("操作员：张三")
        window.close()
        first_admin_dialog(qtbot, opener(offer_accounts=True)).reject()  # asked again at the next start


def test_a_demo_workspace_is_never_offered_a_first_admin(qtbot: Any, plain_dir: Path) -> None:
    ctx = WorkspaceContext.open(plain_dir, os_user_fallback=False)
    ctx.settings.demo = True
    ctx.save_settings()
    ctx.close()
    with window_opener(qtbot, plain_dir, TODAY, operator="演示") as opener:
        window = opener(offer_accounts=True)
        qtbot.waitUntil(lambda: window.accounts.known, timeout=WAIT)
        assert window.accounts.first_admin_dialog is None and window.accounts.sign_in_dialog is None


# --- the idle lock, signing out, switching, the password -----------------------------------------


def lock_dialog(qtbot: Any, window: MainWindow) -> LockDialog:
    qtbot.waitUntil(lambda: window.accounts.lock_dialog is not None and window.accounts.lock_dialog.isVisible(),
                    timeout=WAIT)
    dialog = window.accounts.lock_dialog
    assert dialog is not None
    return dialog


def test_the_idle_lock_covers_everything_until_the_password(qtbot: Any, open_window: OpenWindow) -> None:
    window = open_window()
    sign_in(qtbot, window, SUPERVISOR, PASSWORDS[SUPERVISOR])
    assert window.accounts.idle.watching and window.accounts.idle.minutes == window.ctx.roles.policy.idle_lock_minutes
    window.main_actions.progress.trigger()
    progress = window.progress_window
    qtbot.waitUntil(lambda: progress is not None and progress.isVisible(), timeout=WAIT)
    window.accounts.idle.interval_ms = 300  # (minutes in real life)
    dialog = lock_dialog(qtbot, window)
    assert window.accounts.cover.isVisible() and not progress.isVisible()
    assert "科长丙（fuze，科室负责人）" in dialog.who_label.text()
    dialog.reject()  # Esc does not unlock
    assert dialog.isVisible()
    dialog.password_edit.setText("not-the-password")
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT)
    assert "再错 4 次" in dialog.message_label.text() and dialog.isVisible()
    dialog.password_edit.setText(PASSWORDS[SUPERVISOR])
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    assert not window.accounts.cover.isVisible() and progress.isVisible()
    assert window.ctx.actor.name == SUPERVISOR and window.accounts.idle.watching
    window.accounts.idle.interval_ms = 60_000  # input keeps it from locking again
    assert not window.accounts.lock_dialog.isVisible()


def test_switching_the_account_from_the_lock(qtbot: Any, open_window: OpenWindow) -> None:
    window = open_window()
    sign_in(qtbot, window, COUNTER, PASSWORDS[COUNTER])
    window.accounts.idle.interval_ms = 200
    dialog = lock_dialog(qtbot, window)
    qtbot.mouseClick(dialog.switch_button, Qt.MouseButton.LeftButton)
    signing = sign_in_dialog(qtbot, window)
    assert window.ctx.actor.role is None and "chuang 已退出登录" in signing.note_label.text()
    assert window.accounts.cover.isVisible() and not window.accounts.idle.watching
    sign_in(qtbot, window, OFFICER, PASSWORDS[OFFICER])
    assert "咨询乙（zixun，电话咨询）" in window.windowTitle()


def test_signing_out_returns_to_the_sign_in(qtbot: Any, open_window: OpenWindow) -> None:
    window = open_window()
    sign_in(qtbot, window, SUPERVISOR, PASSWORDS[SUPERVISOR])
    show_person(qtbot, window)
    window.main_actions.progress.trigger()
    qtbot.waitUntil(lambda: window.progress_window is not None and window.progress_window.isVisible(), timeout=WAIT)
    window.main_actions.sign_out.trigger()
    dialog = sign_in_dialog(qtbot, window)
    assert "科长丙（fuze，科室负责人） 已注销" in dialog.note_label.text()
    assert window.ctx.actor.role is None and not window.progress_window.isVisible()
    assert window.workspace_view.search_box.text() == "" and window.accounts.cover.isVisible()
    assert workstation_text(window).startswith("未登录") and "fuze" not in window.windowTitle()
    assert not window.main_actions.edit.isEnabled() and not window.main_actions.sign_out.isEnabled()
    sign_in(qtbot, window, COUNTER, PASSWORDS[COUNTER])
    assert "窗口甲（chuang，窗口人员）" in window.windowTitle() and not window.main_actions.progress.isEnabled()


def test_changing_the_password(qtbot: Any, open_window: OpenWindow) -> None:
    window = open_window()
    sign_in(qtbot, window, COUNTER, PASSWORDS[COUNTER])
    window.main_actions.change_password.trigger()
    dialog = window.accounts.password_dialog
    assert isinstance(dialog, ChangePasswordDialog) and dialog.isVisible()
    dialog.old_edit.setText("not-the-old-one")
    dialog.new_edit.setText("brand-new-pass")
    dialog.again_edit.setText("brand-new-pass")
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT)
    assert "不正确" in dialog.message_label.text() and dialog.isVisible()
    dialog.old_edit.setText(PASSWORDS[COUNTER])
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    window.main_actions.sign_out.trigger()
    assert "不正确" in try_password(qtbot, window, COUNTER, PASSWORDS[COUNTER])  # the old one is refused
    sign_in(qtbot, window, COUNTER, "brand-new-pass")


def test_the_settings_of_a_workspace_with_accounts(qtbot: Any, open_window: OpenWindow, account_dir: Path) -> None:
    window = open_window()
    sign_in(qtbot, window, COUNTER, PASSWORDS[COUNTER])
    dialog = SettingsDialog(window.ctx, window)
    assert dialog.operator_edit.isHidden()  # the signed-in account acts, not a typed name
    assert not dialog.idle_spin.isHidden() and "15 分钟" in dialog.idle_spin.specialValueText()
    assert not dialog.sync_section.isEnabled()  # the server and the token: an admin's
    dialog.idle_spin.setValue(5)
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert load_settings(account_dir).idle_lock_minutes == 5
    assert window.accounts.idle.minutes == 5 and window.ctx.actor.name == COUNTER
