"""The windows a main window has open besides itself (worklist, progress, certificates, editor, …): hidden
while the idle lock is on, closed when the account signs out."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox, QProgressDialog, QWidget

# Small dialogs that may be running their own event loop (exec): hiding one would answer it.
ASKING = (QMessageBox, QInputDialog, QFileDialog, QProgressDialog)


def owned_windows(window: QWidget, keep: tuple[QWidget | None, ...] = ()) -> list[QWidget]:
    """The visible top-level windows whose parent chain leads to `window` (not `window`, not `keep`)."""
    found = []
    for widget in QApplication.topLevelWidgets():
        if widget is window or any(widget is k for k in keep) or not widget.isVisible() or isinstance(widget, ASKING):
            continue
        parent = widget.parentWidget()
        while parent is not None and parent is not window:
            parent = parent.parentWidget()
        if parent is window:
            found.append(widget)
    return found
