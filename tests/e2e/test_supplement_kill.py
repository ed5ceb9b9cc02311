"""Kill `import-supplement` (a real subprocess, SIGKILL) at several points: the cache holds all of it or none.

10,000 old A holders missing 职务/技术职称; their template is exported and filled with openpyxl
(10,000 valid rows), then imported by `python main.py --data-dir D import-supplement FILE`. The
process is killed early (reading), as it starts writing, in the middle of writing (thousands of
changes flushed, not committed) and around the commit, each after a random delay. After each kill the
cache is reopened: integrity ok, and either every row is applied with its audit and outbox entries
or none is. A complete run then applies all; a re-run changes nothing.
"""

from __future__ import annotations

import datetime as dt
import os
import queue
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from desktop_app.reports import supplement_template as tpl
from desktop_app.services.supplement_import import REASON
from desktop_app.services.worklists import supplement_worklist
from desktop_app.store.engine import open_cache
from tests.helpers.cli import ROOT
from tests.helpers.search_fixtures import JINAN, LUNENG, TODAY, cert, person, resident_id, uscc, write_and_import

pytestmark = pytest.mark.slow

PERSONS = 10_000
SEED = int(os.environ.get("CERTDESK_KILL_SEED", "20261121"))
WRITING = "正在写入"


def _records() -> list[dict[str, Any]]:
    enterprises = [LUNENG, *({"name": f"济南第{n}建设工程有限公司", "uscc": uscc(f"MA3D{n:04d}")} for n in range(9))]
    start = dt.date(1960, 1, 1)
    records = []
    for n in range(PERSONS):
        birth = (start + dt.timedelta(days=n)).strftime("%Y%m%d")
        id_number = resident_id("370102", birth, f"{n % 900 + 100:03d}")
        records.append(person(id_number, "王测试", [cert(f"鲁建安A（2019）{n + 1:07d}", "A", "old")],
                              employer=enterprises[n % len(enterprises)], position=None, title=None, photo=False))
    return records


def _fill(template: Path, target: Path) -> None:
    wb = openpyxl.load_workbook(template)
    ws = wb[tpl.DATA_SHEET]
    position = tpl.HEADERS.index("职务") + 1
    for r in range(tpl.FIRST_DATA_ROW, ws.max_row + 1):
        ws.cell(r, position).value = "总经理"
        ws.cell(r, position + 1).value = "工程师"
    wb.save(target)


@pytest.fixture(scope="module")
def campaign(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("kill")
    cache = write_and_import(folder, _records())
    try:
        rows = supplement_worklist(cache, unit=JINAN, today=TODAY)
        assert len(rows) == PERSONS
        tpl.export_template(rows, folder / "template.xlsx", JINAN)
    finally:
        cache.close()
    _fill(folder / "template.xlsx", folder / "filled.xlsx")
    return folder / "data", folder / "filled.xlsx"


class Run:
    """`main.py import-supplement` in a subprocess, its stderr lines collected by a thread."""

    def __init__(self, data: Path, path: Path) -> None:
        self.started = time.monotonic()
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "main.py"), "--data-dir", str(data), "import-supplement", str(path)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"})
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        assert self.proc.stderr is not None
        try:
            for line in self.proc.stderr:
                self.lines.put(line)
        except ValueError:  # the test closed the pipe after killing the process: nothing more to read
            pass

    def wait_for(self, marker: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if marker in self.lines.get(timeout=0.05):
                    return
            except queue.Empty:
                assert self.proc.poll() is None, f"exited with {self.proc.returncode} before {marker!r}"
        raise AssertionError(f"no {marker!r} within {timeout} s")

    def kill_after(self, seconds: float) -> bool:
        """SIGKILL after `seconds`; True when the process was still running (the kill landed)."""
        time.sleep(seconds)
        alive = self.proc.poll() is None
        if alive:
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)
        self._close()
        return alive

    def finish(self) -> tuple[int, str]:
        stdout, _ = self.proc.communicate(timeout=120)
        return self.proc.returncode, stdout

    def _close(self) -> None:
        for stream in (self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()


def state(data: Path) -> tuple[int, int, int, int]:
    """Reopen the cache as the app does: (persons changed, their audit rows, outbox rows, persons with both)."""
    cache = open_cache(data)  # recovers the WAL like a restart would
    cache.close()
    with sqlite3.connect(data / "certdesk.sqlite3") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        changed = conn.execute("SELECT count(*) FROM persons WHERE position IS NOT NULL OR version > 1").fetchone()[0]
        audit = conn.execute("SELECT count(*) FROM audit_log WHERE reason = ?", (REASON,)).fetchone()[0]
        outbox = conn.execute("SELECT count(*) FROM outbox WHERE state = 'pending'").fetchone()[0]
        both = conn.execute("SELECT count(DISTINCT a.person_id) FROM audit_log a JOIN outbox o "
                            "ON o.person_id = a.person_id WHERE a.reason = ?", (REASON,)).fetchone()[0]
    return changed, audit, outbox, both


NONE = (0, 0, 0, 0)
ALL = (PERSONS, 2 * PERSONS, PERSONS, PERSONS)


def _wal_bytes(data: Path) -> int:
    wal = data / "certdesk.sqlite3-wal"
    return wal.stat().st_size if wal.exists() else 0


def test_a_killed_import_leaves_all_or_nothing(campaign: tuple[Path, Path]) -> None:
    data, filled = campaign
    rng = random.Random(SEED)
    assert state(data) == NONE
    outcomes: list[tuple[str, float, bool, tuple[int, int, int, int]]] = []

    def check(label: str, delay: float, landed: bool) -> tuple[int, int, int, int]:
        now = state(data)
        outcomes.append((label, delay, landed, now))
        assert now in (NONE, ALL), (SEED, outcomes)
        return now

    wal_after_kill: list[int] = []

    # 1. early, at a random moment: starting up, reading or checking the file
    delay = rng.uniform(0.3, 2.5)
    run = Run(data, filled)
    check("early", delay, run.kill_after(delay))

    # 2. and 3. inside the write transaction: as it begins, and with thousands of changes flushed but not
    # committed ("已写入 N 人（尚未提交）" is printed after N persons' rows went to SQLite)
    for label, marker, high in (("write start", WRITING, 0.3),
                                ("mid write", f"已写入 {rng.choice((2000, 4000, 6000))} 人", 0.2)):
        run = Run(data, filled)
        run.wait_for(marker)
        delay = rng.uniform(0.0, high)
        assert run.kill_after(delay), f"{label}: the import finished before the kill"
        wal_after_kill.append(_wal_bytes(data))
        assert check(label, delay, True) == NONE, (SEED, outcomes)  # killed before COMMIT: nothing

    # 4. around the commit: every row flushed, COMMIT imminent or under way
    run = Run(data, filled)
    run.wait_for(f"已写入 {PERSONS} 人")
    delay = rng.uniform(0.0, 0.05)
    check("at commit", delay, run.kill_after(delay))

    # a complete run applies everything; running it again changes nothing
    code, out = Run(data, filled).finish()
    assert code == 0, out
    assert state(data) == ALL
    assert (f"已更新 {PERSONS} 人" in out) or ("已更新 0 人" in out and outcomes[-1][3] == ALL), out
    code, out = Run(data, filled).finish()
    assert code == 0 and "已更新 0 人" in out and f"无变化 {PERSONS} 行" in out, out
    assert state(data) == ALL
    print(f"seed {SEED}:", [(label, round(d, 2), landed, s == ALL) for label, d, landed, s in outcomes],
          "WAL bytes after the write kills:", wal_after_kill)
