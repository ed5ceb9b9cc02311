"""`pip install .` gives a `certdesk` command equal to `python main.py`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.cli import run_cli


def _installed_command() -> str | None:
    beside = Path(sys.executable).parent / "certdesk"
    return str(beside) if beside.exists() else shutil.which("certdesk")


@pytest.mark.skipif(_installed_command() is None, reason="package not installed (CI installs it with pip)")
def test_certdesk_command_equals_main_py(tmp_path: Path) -> None:
    command = _installed_command()
    assert command is not None
    installed = subprocess.run([command, "--data-dir", str(tmp_path), "check-rules"], capture_output=True,
                               text=True, timeout=60, cwd=tmp_path)
    source = run_cli("--data-dir", str(tmp_path), "check-rules")
    assert installed.returncode == source.returncode == 0, installed.stderr
    # Same rules, same counts; only the folder they were read from differs.
    assert installed.stdout.splitlines()[1:] == source.stdout.splitlines()[1:]
    help_installed = subprocess.run([command, "--help"], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert help_installed.stdout == run_cli("--help").stdout
