"""The command line's edge: the environment's faults end in one line with a hint and exit 2; a bug is
logged with its traceback and reported in one line with exit 70 (never a traceback on the terminal)."""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path

import pytest

from desktop_app import cli
from desktop_app.cli import commands_rules
from desktop_app.demo import write_jsonl
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


@pytest.mark.slow
def test_a_locked_database_is_one_line_with_a_hint(tmp_path: Path) -> None:
    data_dir = tmp_path / "ws"
    source = tmp_path / "few.jsonl"
    write_jsonl(source, 20, seed=3)
    assert run_cli("--data-dir", str(data_dir), "import", str(source)).returncode == 0
    holder = sqlite3.connect(data_dir / "certdesk.sqlite3", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another program holds the database
    try:
        result = run_cli("--data-dir", str(data_dir), "import", str(source), timeout=60)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "占用" in lines[0] and "Traceback" not in result.stderr
    with sqlite3.connect(data_dir / "certdesk.sqlite3") as conn:  # nothing lost, nothing half-written
        assert conn.execute("SELECT count(*) FROM persons").fetchone()[0] == 20
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
