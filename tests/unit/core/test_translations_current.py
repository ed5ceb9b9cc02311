"""The English UI catalogues are complete and current: every text the code passes to tr() is in its
feature's .ts with a translation, and every committed .qm matches its .ts (the script's --check)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_every_ui_text_has_a_current_english_translation() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "update-translations.py"), "--check"],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
