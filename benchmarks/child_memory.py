"""The peak resident memory of each helper process a benchmark's own process starts (Linux /proc).

`getrusage(RUSAGE_CHILDREN).ru_maxrss` is no measure of a helper: Linux records a child's peak before
its exec too, when it is still the parent's forked copy, so a helper spawned late (the first load's
search-terms helper, started when the writer has grown to 300 MB) reports the writer's size. This
samples each child's own VmHWM instead, every `INTERVAL_S`, while the benchmark runs.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

INTERVAL_S = 0.2


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found.update(int(child) for child in (task / "children").read_text().split())
        except OSError:
            continue
    return found


def _hwm_mb(pid: int) -> tuple[float, str] | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024, command
    return None


class ChildMemory:
    """`with ChildMemory() as memory: ...`, then `memory.peaks`: pid → (peak MB, command line)."""

    def __init__(self) -> None:
        self.peaks: dict[int, tuple[float, str]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, name="child-memory", daemon=True)

    def __enter__(self) -> ChildMemory:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        me = os.getpid()
        while not self._stop.wait(INTERVAL_S):
            for child in _children(me):
                seen = _hwm_mb(child)
                if seen is not None and seen[0] > self.peaks.get(child, (0.0, ""))[0]:
                    self.peaks[child] = seen

    def largest(self, marker: str = "") -> float:
        """The largest peak among children whose command line contains `marker` (0 when none was seen)."""
        return max((mb for mb, command in self.peaks.values() if marker in command), default=0.0)
