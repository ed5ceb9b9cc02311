"""Writers at once all finish: while another program holds the write lock, two `generate` runs for
different units start, wait their turn (saying so) and complete once it lets go; so do two imports
started together (real processes, one real cache)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop_app.demo import write_jsonl
from tests.helpers.cli import ROOT, run_cli

UNITS = ("济南市住房和城乡建设局", "青岛市住房和城乡建设局")
DAY = ("--today", "2026-11-21")
HOLD_S = 8.0  # longer than two CLI starts on a busy 2-core machine, so both really wait
WAITING = "正在等待另一个程序完成写入"


def _start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def _finish(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=600)
    return process.returncode, out, err


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    data_dir = tmp_path / "ws"
    source = tmp_path / "province.jsonl"
    write_jsonl(source, 3000, seed=11, photo_fraction=1.0)  # photos: many certificates can be generated
    assert run_cli("--data-dir", str(data_dir), "import", str(source), timeout=300).returncode == 0
    return data_dir


def test_two_generates_wait_for_another_writer_and_both_complete(workspace: Path, tmp_path: Path) -> None:
    holder = sqlite3.connect(workspace / "certdesk.sqlite3", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program is writing
    try:
        runs = [_start("--data-dir", str(workspace), "generate", "--unit", unit, "--workers", "1",
                       "-o", str(tmp_path / f"out{i}"), *DAY) for i, unit in enumerate(UNITS)]
        time.sleep(HOLD_S)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    results = [_finish(run) for run in runs]
    for code, _out, err in results:
        assert code == 0, err
        assert "Traceback" not in err and WAITING in err
    with sqlite3.connect(workspace / "certdesk.sqlite3") as conn:
        generated = conn.execute("SELECT count(*) FROM outbox WHERE action = 'generate_new_certificate'").fetchone()[0]
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    pdfs = sum(len(list((tmp_path / f"out{i}").glob("*.pdf"))) for i in range(len(UNITS)))
    assert generated >= 10 and pdfs == generated
