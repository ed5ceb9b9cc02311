"""Run the real main window on a real X server and drive it with xdotool (real key events).

    python tests/helpers/x11_probe.py DATA_DIR SCENARIO QUERY  → one JSON line on stdout

The offscreen platform hides what X11 does with keys (a QLineEdit's own Ctrl+E, focus, input
methods); these scenarios are what a counter clerk types. Started by tests/gui/test_x11_keys.py
under `xvfb-run`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from desktop_app.services.context import Actor, WorkspaceContext
from desktop_app.ui.app import make_application
from desktop_app.ui.main_window import MainWindow

TIMEOUT_S = 60


def xdotool(*args: str) -> None:
    subprocess.run(["xdotool", *args], check=True, env=os.environ, timeout=30)


def type_then_edit(window: MainWindow, query: str) -> Callable[[], None]:
    """Type a name into the search box, Enter, then Ctrl+E with the focus still in the box."""

    def keys() -> None:
        time.sleep(1.0)
        xdotool("type", "--delay", "60", query)
        time.sleep(1.5)
        xdotool("key", "Return")
        time.sleep(1.5)
        xdotool("key", "ctrl+e")

    return keys


def main() -> int:
    data_dir, scenario, query = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    app = make_application()
    ctx = WorkspaceContext.open(data_dir, actor=Actor("探针"), os_user_fallback=False)
    window = MainWindow(ctx)
    window.show()
    window.activateWindow()
    window.start()
    result: dict[str, object] = {"scenario": scenario}
    if scenario != "ctrl_e_from_search_box":
        raise SystemExit(f"unknown scenario {scenario}")
    started = time.monotonic()
    worker = threading.Thread(target=type_then_edit(window, query), daemon=True)

    def check() -> None:
        dialog = window.edit_dialog
        result["box_text"] = window.workspace_view.search_box.text()
        result["box_focused"] = window.workspace_view.search_box.hasFocus()
        if isinstance(dialog, QDialog) and dialog.isVisible():
            result["edit_dialog"] = True
            result["editing"] = dialog.form.values.get("name")
            dialog.done(0)
            app.quit()
        elif time.monotonic() - started > TIMEOUT_S:
            result["edit_dialog"] = False
            app.quit()
        else:
            QTimer.singleShot(200, check)

    QTimer.singleShot(500, worker.start)
    QTimer.singleShot(1000, check)
    app.exec()
    window.close()
    QApplication.processEvents()
    ctx.close()
    print(json.dumps(result, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
