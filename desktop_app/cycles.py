"""When Python's cycle collector runs in the app: from the GUI thread's timer, never on its own.

The GUI switches automatic collection off for its whole life (ui/common/collector.py: Qt objects must
die on their own thread) and collects each generation whose count passed its threshold, as the
automatic collector would, once a second. So a search on a worker thread never pays a collection
inside its own call; the search benchmark measures the service the same way (`AppCollection`).
"""

from __future__ import annotations

import gc
import time
from types import TracebackType


def collect_due(thresholds: tuple[int, int, int]) -> int:
    """Collect each generation whose count passed its threshold, youngest first (the app's timer does this).

    Returns how many collections ran.
    """
    counts = gc.get_count()
    ran = 0
    for generation, (count, threshold) in enumerate(zip(counts, thresholds, strict=True)):
        if count <= threshold:
            break
        gc.collect(generation)
        ran += 1
    return ran


class AppCollection:
    """While entered, collection is the app's: automatic collection off, `check()` between calls.

    It counts the collections it ran and the time they took, so that a benchmark can say what it moved
    out of the timed calls (in the app that time is spent on the GUI thread's timer).
    """

    def __enter__(self) -> AppCollection:
        self.thresholds = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        self.collections = 0
        self.seconds = 0.0
        gc.disable()
        return self

    def check(self) -> None:
        started = time.perf_counter()
        ran = collect_due(self.thresholds)
        if ran:
            self.collections += ran
            self.seconds += time.perf_counter() - started

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._was_enabled:
            gc.enable()
