"""Nothing below desktop_app/ui imports Qt (DESIGN §4.1): import every core module with PySide6 blocked."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BLOCK_QT = """
import importlib, pkgutil, sys
class BlockQt:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6'):
            raise ImportError('Qt is blocked below desktop_app/ui: ' + name)
sys.meta_path.insert(0, BlockQt())
import desktop_app
names = [m.name for m in pkgutil.walk_packages(desktop_app.__path__, 'desktop_app.')
         if not m.name.startswith(('desktop_app.ui', 'desktop_app.store.migrations'))]
for name in names:
    importlib.import_module(name)
print(len(names))
"""


def test_core_imports_without_qt() -> None:
    result = subprocess.run([sys.executable, "-c", BLOCK_QT], cwd=ROOT, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) >= 10


def test_domain_imports_neither_qt_nor_sqlalchemy() -> None:
    for path in (ROOT / "desktop_app" / "domain").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        for banned in ("PySide6", "sqlalchemy"):
            assert f"import {banned}" not in text and f"from {banned}" not in text, (path.name, banned)
