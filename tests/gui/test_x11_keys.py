"""Keys as X11 delivers them (Xvfb + xdotool), where the offscreen platform hides what a QLineEdit
does with Ctrl keys: the README's flow "type, Enter, Ctrl+E" opens the editor from the search box."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.cli import ROOT
from tests.helpers.search_fixtures import WANG_JIANGUO, build_cache

pytestmark = pytest.mark.skipif(shutil.which("xvfb-run") is None or shutil.which("xdotool") is None,
                                reason="needs xvfb-run and xdotool (scripts/install-system-packages.sh)")


def run_probe(data_dir: Path, scenario: str, query: str) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    env["QT_QPA_PLATFORM"] = "xcb"
    result = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", sys.executable,
                             str(ROOT / "tests" / "helpers" / "x11_probe.py"), str(data_dir), scenario, query],
                            capture_output=True, text=True, timeout=180, env=env, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_ctrl_e_in_the_search_box_opens_the_editor(tmp_path: Path) -> None:
    cache = build_cache(tmp_path)
    data_dir = cache.path.parent
    cache.close()
    result = run_probe(data_dir, "ctrl_e_from_search_box", WANG_JIANGUO)  # typed as at the counter
    assert result["edit_dialog"] is True, result
    assert result["editing"] == "王建国" and result["box_text"] == WANG_JIANGUO
