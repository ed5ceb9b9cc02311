"""The command line's edge: the environment's faults end in one line with a hint and exit 2; a bug is
logged with its traceback and reported in one line with exit 70 (never a traceback on the terminal)."""

from __future__ import annotations

import argparse
import sqlite3
import threading
from pathlib import Path

import pytest

from desktop_app import cli
from desktop_app.cli import commands_rules
from desktop_app.demo import write_jsonl
from desktop_app.store import engine as store_engine
from desktop_app.store import locking
from tests.helpers.cli import run_cli


def test_a_bug_is_logged_and_reported_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    def broken(_args: argparse.Namespace, _cli: object) -> int:
        raise ZeroDivisionError("injected fault")

    monkeypatch.setattr(commands_rules, "run", broken)
    code = cli.main(["--data-dir", str(tmp_path), "check-rules"])
    err = capsys.readouterr().err
    assert code == cli.EXIT_BUG
    assert len(err.strip().splitlines()) == 1 and "ZeroDivisionError" in err and "Traceback" not in err
    logged = (tmp_path / "logs" / "certdesk.log").read_text(encoding="utf-8")
    assert "Traceback" in logged and "injected fault" in logged


def test_an_unreadable_input_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = run_cli("--data-dir", str(tmp_path / "ws"), "import", str(tmp_path / "missing.jsonl"))
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1


def test_a_write_waits_for_another_writer_and_says_so(tmp_path: Path) -> None:
    data_dir = tmp_path / "ws"
    source = tmp_path / "few.jsonl"
    write_jsonl(source, 20, seed=3)
    assert run_cli("--data-dir", str(data_dir), "import", str(source)).returncode == 0
    holder = sqlite3.connect(data_dir / "certdesk.sqlite3", isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")  # another program is writing for a few seconds
    releaser = threading.Timer(6.0, lambda: holder.execute("ROLLBACK"))
    releaser.start()
    try:
        result = run_cli("--data-dir", str(data_dir), "import", str(source), timeout=120)
    finally:
        releaser.join()
        holder.close()
    assert result.returncode == 0, result.stderr
    assert "正在等待另一个程序完成写入" in result.stderr and "Traceback" not in result.stderr
    with sqlite3.connect(data_dir / "certdesk.sqlite3") as conn:
        assert conn.execute("SELECT count(*) FROM persons").fetchone()[0] == 20
        assert conn.execute("SELECT count(*) FROM audit_log WHERE entity = 'import'").fetchone()[0] == 2


def test_a_write_that_waits_too_long_is_one_line_with_a_hint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(store_engine, "BUSY_TIMEOUT_MS", 100)
    monkeypatch.setattr(locking, "LOCK_WAIT_S", 1.0)
    data_dir = tmp_path / "ws"
    source = tmp_path / "few.jsonl"
    write_jsonl(source, 5, seed=3)
    assert cli.main(["--data-dir", str(data_dir), "import", str(source)]) == 0
    holder = sqlite3.connect(data_dir / "certdesk.sqlite3", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another program never lets go
    try:
        capsys.readouterr()
        code = cli.main(["--data-dir", str(data_dir), "history", "370102198001151002"])
        assert code in (0, 1)  # reading is not held up by a writer (WAL)
        code = cli.main(["--data-dir", str(data_dir), "import", str(source)])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and "占用" in err[-1] and "关闭" in err[-1]
