"""Every window and dialog in each language (issue 15): the main window, then each menu entry's window
or dialog as a user opens it (Qt's own file dialogs and message boxes included), then the account
dialogs. English fails on a Chinese character outside data, Chinese on an English word outside the
allowed ones (tests/helpers/ui_texts.py)."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QWidget

from desktop_app import messages
from desktop_app.domain.rules import default_rules
from desktop_app.ui.accounts.first_admin_dialog import FirstAdminDialog
from desktop_app.ui.accounts.lock_dialog import LockDialog
from desktop_app.ui.accounts.password_dialog import ChangePasswordDialog
from desktop_app.ui.accounts.sign_in_dialog import SignInDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.qt_translations import install_qt_translations
from tests.gui.test_ui_search_model import TODAY, WANG_ID, copy_of_template
from tests.gui.test_ui_workspace import type_query, wait_detail, wait_rows
from tests.helpers.ui_texts import ScriptCheck, widget_texts
from tests.helpers.ui_windows import window_opener

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                                       "This plugin does not support raise")

SWEEP_MS = 100
APPEAR_WAITS = 15  # sweeps an entry's window may take to appear (an entry that opens none costs 1.5 s)
SETTLE_SWEEPS = 4  # a window is read after it has been on screen this many sweeps (its loading done)
# Entries that end the session or the program rather than open a window.
SKIPPED = ("quitAction", "signOutAction", "lockAction")
QUIT = re.compile(r"退出|E&?x&?it|Q&?uit")
# The windows the walk must reach, or it has walked nothing (more are reached; these are the core).
EXPECTED = {"SettingsDialog", "AboutDialog", "EditDialog", "CertificatePreview", "BatchDialog", "VerifyDialog",
            "CalibrationDialog", "WorklistWindow", "ProgressWindow", "QFileDialog", "FirstAdminDialog",
            "SignInDialog", "LockDialog", "ChangePasswordDialog"}


@pytest.fixture(params=["zh_CN", "en"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    chosen: str = request.param
    translators = install_qt_translations(qapp, chosen)
    messages.set_language(chosen)
    try:
        yield chosen
    finally:
        messages.set_language(messages.DEFAULT_LANGUAGE)
        for translator in translators:
            QCoreApplication.removeTranslator(translator)


def data_vocabulary(cache_dir: Path) -> set[str]:
    """Everything the workspace holds that a window may quote: names, enterprises, units, numbers, choices."""
    rules = default_rules()
    words = {u.name for u in rules.units} | {a for u in rules.units for a in u.aliases} | {u.city for u in rules.units}
    words |= {value for values in rules.choices.values() for value in values} | {"男", "女", "测试员"}
    found = list(cache_dir.glob("*.sqlite*")) or list(cache_dir.rglob("*.sqlite"))
    with sqlite3.connect(found[0]) as db:
        for sql in ("SELECT name FROM persons", "SELECT name FROM enterprises", "SELECT number FROM certificates",
                    "SELECT DISTINCT issuer_unit FROM certificates"):
            words |= {str(row[0]) for row in db.execute(sql) if row[0]}
    return words


class Walker:
    """Reads and closes every top-level window that appears while an entry runs (modal ones included)."""

    def __init__(self, check: ScriptCheck, known: set[QWidget]) -> None:
        self.check = check
        self.known = known
        self.seen: dict[int, int] = {}
        self.visited: set[str] = set()
        self.read: list[str] = []
        self.problems: list[str] = []
        self.timer = QTimer()
        self.timer.setInterval(SWEEP_MS)
        self.timer.timeout.connect(self.sweep)

    def sweep(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if widget in self.known or not widget.isVisible() or isinstance(widget, QMenu):
                continue
            sweeps = self.seen.get(id(widget), 0) + 1
            self.seen[id(widget)] = sweeps
            if sweeps >= SETTLE_SWEEPS:
                self.read_and_close(widget)

    def read_and_close(self, widget: QWidget) -> None:
        name = type(widget).__name__
        self.visited.add(name)
        self.read.append(name)
        self.problems += [f"{name}: {p}" for p in self.check.problems(widget_texts(widget))]
        if isinstance(widget, QDialog):
            widget.reject()
        else:
            widget.close()

    def run(self, action: QAction, qtbot: Any) -> None:
        """Trigger the entry; a window that loads first (off the GUI thread) gets time to appear."""
        self.timer.start()
        try:
            read_before = len(self.read)
            action.trigger()
            for _ in range(APPEAR_WAITS):
                if self._open() or len(self.read) > read_before:
                    break
                qtbot.wait(SWEEP_MS)
            qtbot.waitUntil(lambda: not self._open(), timeout=10000)
        finally:
            self.timer.stop()

    def _open(self) -> list[QWidget]:
        return [w for w in QApplication.topLevelWidgets()
                if w.isVisible() and w not in self.known and not isinstance(w, QMenu)]


def entries(window: MainWindow) -> list[QAction]:
    found: list[QAction] = []
    for menu in window.menuBar().findChildren(QMenu):
        found += [a for a in menu.actions() if not a.isSeparator() and a.menu() is None
                  and a.objectName() not in SKIPPED and not QUIT.search(a.text())]
    return list(dict.fromkeys(found))


def open_wang(qtbot: Any, window: MainWindow) -> None:
    """王…'s record open in the workspace, as the person-bound entries (edit, preview) need."""
    view = window.workspace_view
    view.search_box.clear()
    type_query(qtbot, view, WANG_ID)
    wait_rows(qtbot, view, WANG_ID)
    view.table.setFocus()
    view.table.selectRow(0)
    wait_detail(qtbot, view, WANG_ID)
    qtbot.waitUntil(window.main_actions.edit.isEnabled, timeout=10000)


def test_every_window_speaks_the_chosen_language(qtbot: Any, tmp_path_factory: pytest.TempPathFactory,
                                                 tmp_path: Path, language: str) -> None:
    cache_dir = copy_of_template(tmp_path_factory, tmp_path)
    check = ScriptCheck(language, data_vocabulary(cache_dir))
    with window_opener(qtbot, cache_dir, TODAY, operator="测试员") as open_window:
        window = open_window()
        open_wang(qtbot, window)
        problems = [f"MainWindow: {p}" for p in check.problems(widget_texts(window))]
        walker = Walker(check, set(QApplication.topLevelWidgets()))
        for action in entries(window):
            if not window.main_actions.edit.isEnabled():  # an entry before cleared the search
                open_wang(qtbot, window)
            if action.isEnabled():
                walker.run(action, qtbot)
        ctx = window.ctx
        for dialog in (FirstAdminDialog(ctx, window), SignInDialog(ctx, window), LockDialog(ctx, window),
                       ChangePasswordDialog(ctx, window)):
            dialog.show()
            qtbot.waitExposed(dialog)
            walker.read_and_close(dialog)
            dialog.deleteLater()
    problems += walker.problems
    assert not problems, f"{len(problems)} texts in the wrong script ({language}):\n" + "\n".join(problems)
    assert walker.visited >= EXPECTED, f"never reached: {sorted(EXPECTED - walker.visited)}"
