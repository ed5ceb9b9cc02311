"""Terminal output: aligned tables that respect CJK double width, and a progress line for people."""

from __future__ import annotations

import sys
import time
import unicodedata
from collections.abc import Callable, Sequence


def display_width(text: str) -> int:
    """Columns on a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def render_table(headers: Sequence[str], body: Sequence[Sequence[str]]) -> str:
    rows = [tuple(headers), *(tuple(r) for r in body)]
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(headers))]
    lines = ["  ".join(_pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def progress_printer(verb: str, counts: bool = False) -> Callable[[int, int], None] | None:
    """A progress line on stderr, only for a person watching a terminal (quiet in scripts and tests)."""
    if not sys.stderr.isatty():
        return None
    started = time.monotonic()

    def show(done: int, total: int) -> None:
        percent = 100 * done // total if total else 100
        count = f" {done}/{total}" if counts else ""
        sys.stderr.write(f"\r{verb}{count} {percent:3d}%  {time.monotonic() - started:6.1f} s")
        sys.stderr.flush()

    return show
