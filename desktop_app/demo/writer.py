"""The synthetic province's entry points: records as an iterator, or written as a JSONL file.

Nothing reads the wall clock: dates are placed relative to `today`, which defaults to the fixed
`REFERENCE_DATE`, so the same arguments always give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from desktop_app.demo.people import Generator
from desktop_app.demo.pools import build_pools
from desktop_app.domain.rules import default_rules

REFERENCE_DATE = dt.date(2026, 11, 1)
"""The default `today`: fixed so that a seed always gives the same bytes, whatever the date."""


def _check_arguments(size: int, photo_fraction: float) -> None:
    if size < 0:
        raise ValueError(f"size must be 0 or more, not {size}")
    if not 0.0 <= photo_fraction <= 1.0:
        raise ValueError(f"photo fraction must be between 0 and 1, not {photo_fraction}")


def generate_records(size: int, seed: int = 1, photo_fraction: float = 0.05,
                     today: dt.date | None = None) -> Iterator[dict[str, Any]]:
    """`size` synthetic person records, deterministic in all arguments (`today` defaults to
    `REFERENCE_DATE`, never the wall clock)."""
    _check_arguments(size, photo_fraction)
    rules = default_rules()
    generator = Generator(build_pools(rules, size, seed), seed, photo_fraction, today or REFERENCE_DATE)
    return (generator.person() for _ in range(size))


def write_jsonl(path: str | os.PathLike[str], size: int, seed: int = 1, photo_fraction: float = 0.05,
                today: dt.date | None = None) -> None:
    """Write the records as UTF-8 JSONL, atomically (temp file in the same folder + os.replace)."""
    _check_arguments(size, photo_fraction)
    target = Path(path)
    descriptor, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            _write_lines(handle, generate_records(size, seed, photo_fraction, today))
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, 0o644)
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def _write_lines(handle: TextIO, records: Iterator[dict[str, Any]]) -> None:
    encoder = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
    batch: list[str] = []
    for record in records:
        batch.append(encoder.encode(record))
        if len(batch) >= 10_000:
            handle.write("\n".join(batch) + "\n")
            batch.clear()
    if batch:
        handle.write("\n".join(batch) + "\n")
