"""Helper processes that follow their parent out (the parsers, the first load's search terms).

A spawned worker of a ProcessPoolExecutor holds both ends of its call queue's pipe, so when the parent
is killed (SIGKILL, a task manager's "end task") it would wait on that queue for ever (the sync's kill
trials, benchmarks/kill_trials.py, found them left running). Each helper starts `exit_with_parent`.
"""

from __future__ import annotations

import multiprocessing
import os
import threading


def _exit_when_parent_ends() -> None:
    parent = multiprocessing.parent_process()
    if parent is not None:
        parent.join()  # returns when the parent process has ended (its sentinel closes)
        os._exit(1)


def exit_with_parent() -> None:
    """In a helper process: end it as soon as the process that spawned it ends."""
    threading.Thread(target=_exit_when_parent_ends, name="exit-with-parent", daemon=True).start()
