"""Cycles are freed on the GUI thread only, however much a worker thread allocates."""

from __future__ import annotations

import gc
import threading
from typing import ClassVar

from pytestqt.qtbot import QtBot

from desktop_app.ui.common.collector import MainThreadCollector


class _Cycle:
    freed_on: ClassVar[list[str]] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        _Cycle.freed_on.append(threading.current_thread().name)


def _allocate_lots(kept: list[object]) -> None:
    kept.extend([index] for index in range(200_000))  # far past every generation's threshold


def test_a_worker_allocating_never_frees_a_cycle_and_the_gui_thread_does(qtbot: QtBot) -> None:
    enabled_before = gc.isenabled()  # False here: the suite's own collector already runs for GUI tests
    collector = MainThreadCollector(interval_ms=20)
    try:
        assert not gc.isenabled()
        _Cycle.freed_on.clear()
        _Cycle()  # unreachable at once, freed only by the cycle collector
        kept: list[object] = []  # alive until the end, so the counts stay past the thresholds
        worker = threading.Thread(target=_allocate_lots, args=(kept,), name="worker")
        worker.start()
        worker.join()
        assert _Cycle.freed_on == []
        qtbot.waitUntil(lambda: _Cycle.freed_on != [], timeout=3000)
        assert _Cycle.freed_on == [threading.current_thread().name]
    finally:
        collector.stop()
    assert gc.isenabled() == enabled_before
