"""Rendering a batch's PDFs: in a `spawn` process pool, a bounded number of tasks ahead, or here for a few.

Each worker registers the fonts and loads the layouts once; each task renders and atomically writes
`TASK` certificates and reports, per file, the error that stopped it (or None). Any exception of one
file is its error (a bug named by its type): a raising task would end the whole batch at `get()`.
"""

from __future__ import annotations

import multiprocessing as mp
from collections import deque
from collections.abc import Sequence
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path

from desktop_app.certs.render import CertificateFace
from desktop_app.errors import KnownError, as_known_error
from desktop_app.messages import current_language, set_language
from desktop_app.settings import atomic_write_bytes

TASK = 10  # certificates per render task sent to a worker
IN_PROCESS_BELOW = 16  # fewer PDFs than this are rendered here: starting workers costs more


def _init_worker(language: str) -> None:
    from desktop_app.certs.fonts import default_fonts
    from desktop_app.certs.layout import default_layout

    set_language(language)  # errors are rendered here, in the language of the process that asked
    default_fonts()  # find and register the TrueType fonts once per process
    default_layout("special")
    default_layout("safety")


def render_files(folder: str, items: Sequence[tuple[str, CertificateFace]]) -> list[tuple[str, str | None]]:
    """Render and atomically write each (file name, face); (file name, error or None) for each."""
    from desktop_app.certs.render import render_pdf

    results: list[tuple[str, str | None]] = []
    for name, face in items:
        try:
            atomic_write_bytes(Path(folder) / name, render_pdf(face))
            results.append((name, None))
        except KnownError as exc:
            results.append((name, str(exc)))
        except Exception as exc:
            known = as_known_error(exc)
            results.append((name, str(known) if known else f"{type(exc).__name__}: {exc}"[:300]))
    return results


class Renderer:
    """Render tasks in a process pool (or here, for a few), at most `window` tasks in flight."""

    def __init__(self, workers: int, count: int) -> None:
        self.pool: Pool | None = None
        if workers > 1 and count >= IN_PROCESS_BELOW:
            self.pool = mp.get_context("spawn").Pool(workers, _init_worker, (current_language(),))
        self.window = 2 * workers
        self.pending: deque[AsyncResult[list[tuple[str, str | None]]] | list[tuple[str, str | None]]] = deque()

    def submit(self, folder: Path, items: list[tuple[str, CertificateFace]]) -> list[tuple[str, str | None]]:
        """Queue a task; returns the results of tasks that had to finish to keep the window."""
        for start in range(0, len(items), TASK):
            part = items[start:start + TASK]
            if self.pool is None:
                self.pending.append(render_files(str(folder), part))
            else:
                self.pending.append(self.pool.apply_async(render_files, (str(folder), part)))
        done: list[tuple[str, str | None]] = []
        while len(self.pending) > self.window:
            done += self._take()
        return done

    def _take(self) -> list[tuple[str, str | None]]:
        item = self.pending.popleft()
        return item if isinstance(item, list) else item.get()

    def drain(self) -> list[tuple[str, str | None]]:
        done: list[tuple[str, str | None]] = []
        while self.pending:
            done += self._take()
        return done

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool.join()

    def terminate(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
