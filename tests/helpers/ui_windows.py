"""Opening and closing the real main window in GUI tests, the same way in every test module."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, QThreadPool
from PySide6.QtWidgets import QApplication

from desktop_app.services.context import Actor, WorkspaceContext
from desktop_app.ui.accounts.sign_in_dialog import SignInDialog
from desktop_app.ui.common.operations import write_pool
from desktop_app.ui.main_window import MainWindow

WAIT_MS = 15000


def dispose_on_gui_thread(opened: list[Any]) -> None:
    """Delete closed windows here, on the GUI thread: Python's cycle collector may otherwise run
    on a search worker and free a window's wrapper (and so the widget) from there."""
    opened.clear()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


def open_context(data_dir: Path, today: dt.date | None = None, operator: str | None = None) -> WorkspaceContext:
    """The workspace context the app opens (no OS-user fallback: the GUI asks); `operator` overrides
    the configured name for this session ("" = nobody named yet)."""
    ctx = WorkspaceContext.open(data_dir, os_user_fallback=False, today=today)
    if operator is not None:
        ctx.settings.operator = operator
        ctx.actor = Actor(operator)
    return ctx


@contextmanager
def window_opener(qtbot: Any, data_dir: Path, today: dt.date,
                  operator: str | None = None) -> Iterator[Callable[..., MainWindow]]:
    """A function that opens MainWindow on `data_dir` (again after a close); every window is closed,
    its background work awaited and its workspace closed at the end."""
    opened: list[tuple[MainWindow, WorkspaceContext]] = []

    def _open(operator: str | None = operator, *, offer_accounts: bool = False) -> MainWindow:
        workspace = open_context(data_dir, today, operator)
        window = MainWindow(workspace)
        window.show()
        window.activateWindow()
        qtbot.waitExposed(window)
        window.start(offer_accounts=offer_accounts)
        opened.append((window, workspace))
        return window

    try:
        yield _open
    finally:
        for window, workspace in opened:
            if window.edit_dialog is not None:
                window.edit_dialog.saving = False
                window.edit_dialog.done(0)
            if window.isVisible():
                window.close()
            QThreadPool.globalInstance().waitForDone(WAIT_MS)
            write_pool().waitForDone(WAIT_MS)
            workspace.close()
            window.deleteLater()
        dispose_on_gui_thread(opened)


def sign_in_dialog(qtbot: Any, window: MainWindow) -> SignInDialog:
    """The sign-in dialog a workspace with accounts shows (at start, after 注销 or 切换账号)."""
    def shown() -> bool:
        dialog = window.accounts.sign_in_dialog
        return dialog is not None and dialog.isVisible()
    qtbot.waitUntil(shown, timeout=WAIT_MS)
    dialog = window.accounts.sign_in_dialog
    assert dialog is not None
    return dialog


def sign_in(qtbot: Any, window: MainWindow, user: str, password: str) -> None:
    """Type the user name and the password, press Enter, and wait until the account acts."""
    dialog = sign_in_dialog(qtbot, window)
    dialog.user_edit.setText(user)
    dialog.password_edit.setText(password)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
    assert window.ctx.actor.name == user, dialog.message_label.text()
