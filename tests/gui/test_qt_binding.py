"""The installed Qt binding must not leak or steal references on signal emission.

PySide6 6.12.0 returns Py_True from `SignalInstance.emit()` without a new reference: every emit from
Python takes one reference from True and the interpreter aborts after ~10,000 of them (every
background operation emits). pyproject.toml excludes that version; this test catches a regression.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Probe(QObject):
    fired = Signal(int)


def test_emit_keeps_references_to_true() -> None:
    probe = _Probe()
    received: list[int] = []
    probe.fired.connect(received.append)
    before = sys.getrefcount(True)
    for i in range(1000):
        probe.fired.emit(i)
    assert len(received) == 1000
    assert abs(sys.getrefcount(True) - before) < 10
