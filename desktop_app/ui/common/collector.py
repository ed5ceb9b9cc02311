"""Python's cycle collector, run on the GUI thread only.

Left automatic, the collector runs in whichever thread happens to allocate: a worker thread of the
operations pool could then free a cycle holding a closed window or its signal carriers, and Qt objects
destroyed outside their thread crash the process (a segfault seen once in CI, the GUI thread inside
`tr()` and a worker entering its task). pyqtgraph's GarbageCollector solves this the same way:
switch automatic collection off and collect, by the same thresholds, from a timer on the GUI thread
(desktop_app/cycles.py: the policy, shared with the search benchmark).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

from desktop_app.cycles import collect_due

CHECK_INTERVAL_MS = 1000


class MainThreadCollector(QObject):
    """While it lives (and until `stop`), cycles are collected on the thread that made it."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = CHECK_INTERVAL_MS) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(interval_ms)

    def check(self) -> None:
        """Collect each generation whose count passed its threshold, as the automatic collector would."""
        collect_due(self._thresholds)

    def stop(self) -> None:
        """Collect everything now and give collection back to Python."""
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()
