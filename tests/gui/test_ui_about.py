"""关于 CertDesk: the version from pyproject, the schema, Qt and PySide6, and every run-time requirement's licence."""

from __future__ import annotations

import tomllib
from importlib import metadata
from typing import Any

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QLabel

from desktop_app.store.engine import head_revision
from desktop_app.ui.about import AboutDialog
from tests.helpers.cli import ROOT


def test_the_about_box_names_versions_and_licences(qtbot: Any) -> None:
    dialog = AboutDialog(head_revision())
    qtbot.addWidget(dialog)
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert f"CertDesk {version}" in texts and head_revision() in texts
    assert qVersion() in texts and pyside_version in texts
    table = dialog.table
    rows = {table.item(r, 0).text().lower(): (table.item(r, 1).text(), table.item(r, 2).text())
            for r in range(table.rowCount())}
    for name in ("sqlalchemy", "alembic", "openpyxl", "reportlab", "httpx", "pydantic"):
        assert rows[name][0] == metadata.version(name) and rows[name][1], name
    assert "LGPL" in rows["pyside6_essentials"][1]
