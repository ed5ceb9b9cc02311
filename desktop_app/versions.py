"""`certdesk --version`: the program, the cache schema it migrates to, and the Qt it runs on (looked up
only when asked, so the command line does not load Qt otherwise)."""

from __future__ import annotations

import importlib


def versions_line() -> str:
    from desktop_app import __version__
    from desktop_app.store.engine import head_revision

    try:
        binding = importlib.import_module("PySide6")
        core = importlib.import_module("PySide6.QtCore")
        qt = f"Qt {core.qVersion()}, PySide6 {binding.__version__}"
    except ImportError:
        qt = "Qt not installed"
    return f"CertDesk {__version__} (cache schema {head_revision()}; {qt})"
