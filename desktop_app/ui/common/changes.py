"""The one application-wide change signal (Anki's `operation_did_execute`).

The background-work helper emits what a successful write changed (`OpChanges`, services/changes.py)
on `change_bus().changed`; every view connects once and refreshes only what concerns it. Nobody
emits refresh signals by hand.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Signal

from desktop_app.services.changes import OpChanges


class ChangeBus(QObject):
    changed = Signal(object)  # OpChanges

    def publish(self, changes: OpChanges) -> None:
        if changes:
            self.changed.emit(changes)


_BUS: ChangeBus | None = None


def change_bus() -> ChangeBus:
    """The application's bus (created with the first caller, parented to the QApplication)."""
    global _BUS
    app = QCoreApplication.instance()
    if _BUS is None or _BUS.parent() is not app:
        _BUS = ChangeBus(app)
    return _BUS
