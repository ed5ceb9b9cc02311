"""Two imports at once into one cache: both complete, and the result is that of one after the other.

The writer once cached the enterprises it saw at its start, so a second import committing new ones in
between made it insert them again (`UNIQUE constraint failed: enterprises.uscc`). Now each batch
reads its enterprises inside its own transaction, under the write lock.
"""

from __future__ import annotations

import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from desktop_app.demo import generate_records
from desktop_app.services.interchange import ImportReport, export_jsonl, import_jsonl
from desktop_app.services.interchange import jsonl_import as records
from desktop_app.store.engine import open_cache
from tests.helpers.cli import run_cli
from tests.unit.services import hostile_lines as hostile


def overlapping_files(folder: Path, size: int, seed: int) -> tuple[Path, Path]:
    """Two files sharing a third of their persons (identical lines) and most of their enterprises."""
    people = list(generate_records(size * 3 // 2, seed=seed, photo_fraction=0.1))
    first, second = people[:size], people[size // 2:]
    without_uscc = {"name": "个体施工队", "uscc": None}  # enterprises matched by name
    for person in (*first[::7], *second[::7]):
        person["employer"] = without_uscc
    paths = folder / "a.jsonl", folder / "b.jsonl"
    for path, lines in zip(paths, (first, second), strict=True):
        path.write_bytes(b"".join(hostile.dumps(line) + b"\n" for line in lines))
    return paths


def snapshot(data_dir: Path, out: Path) -> tuple[bytes, list[tuple[Any, ...]], int]:
    """What the cache holds: its export, its enterprises (without ids), its import audit entries."""
    cache = open_cache(data_dir)
    try:
        export_jsonl(cache, out)
    finally:
        cache.close()
    with sqlite3.connect(data_dir / "certdesk.sqlite3") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        enterprises = conn.execute("SELECT uscc, name FROM enterprises ORDER BY uscc, name").fetchall()
        audits = conn.execute("SELECT count(*) FROM audit_log WHERE entity = 'import'").fetchone()[0]
    return out.read_bytes(), enterprises, audits


def sequential(folder: Path, files: tuple[Path, Path]) -> tuple[bytes, list[tuple[Any, ...]], int]:
    data_dir = folder / "sequential"
    cache = open_cache(data_dir)
    try:
        for path in files:
            assert import_jsonl(cache, path, workers=0).rejected == []
    finally:
        cache.close()
    return snapshot(data_dir, folder / "sequential.jsonl")


def test_an_import_sees_the_enterprises_another_committed_between_its_batches(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Deterministic: the second import runs (on its own connection) between two batches of the first."""
    monkeypatch.setattr(records, "BATCH_LINES", 50)
    monkeypatch.setattr(records, "BLOCK_BYTES", 4_000)
    files = overlapping_files(tmp_path, 300, seed=41)
    cache = open_cache(tmp_path / "together")
    inner: list[ImportReport] = []

    def between_batches(_done: int, _total: int) -> None:
        if not inner:
            inner.append(import_jsonl(cache, files[1], workers=0))

    try:
        outer = import_jsonl(cache, files[0], progress=between_batches, workers=0)
    finally:
        cache.close()
    assert outer.rejected == [] and inner[0].rejected == []
    together = snapshot(tmp_path / "together", tmp_path / "together.jsonl")
    assert together == sequential(tmp_path, (files[1], files[0]))


def test_two_threads_importing_at_once_give_the_sequential_result(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(records, "BATCH_LINES", 40)
    monkeypatch.setattr(records, "BLOCK_BYTES", 3_000)
    files = overlapping_files(tmp_path, 400, seed=42)
    cache = open_cache(tmp_path / "together")
    start = threading.Barrier(2)

    def run(path: Path) -> ImportReport:
        start.wait()
        return import_jsonl(cache, path, workers=0)  # each call takes a connection of its own

    try:
        with ThreadPoolExecutor(2) as pool:
            reports = list(pool.map(run, files))
    finally:
        cache.close()
    assert [report.rejected for report in reports] == [[], []]
    assert snapshot(tmp_path / "together", tmp_path / "together.jsonl") == sequential(tmp_path, files)


def test_two_command_line_imports_at_once_both_succeed(tmp_path: Path) -> None:
    """Two real processes (`main.py import`) on one workspace, started together."""
    files = overlapping_files(tmp_path, 1500, seed=43)
    data_dir = tmp_path / "together"
    assert run_cli("--data-dir", str(data_dir), "export-records", str(tmp_path / "init.jsonl")).returncode == 0
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda path: run_cli("--data-dir", str(data_dir), "import", str(path), timeout=300),
                                files))
    for result in results:
        assert result.returncode == 0, result.stdout + result.stderr
    assert snapshot(data_dir, tmp_path / "together.jsonl") == sequential(tmp_path, files)
