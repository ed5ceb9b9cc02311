"""Shared test set-up: Qt offscreen, every path in a temp dir, markers by folder.

Layout: `unit/<package>/` (no Qt widgets), `gui/` (pytest-qt; marked `gui`), `e2e/` (the real program
in a subprocess; marked `e2e`), `helpers/` (builders of caches and windows, not tests).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("CERTDESK_DATA_DIR", None)

# The PostgreSQL fixtures (postgres_cluster, postgres_url) for the sync server's tests, usable anywhere.
pytest_plugins = ["tests.helpers.postgres", "tests.helpers.provincial"]

TESTS = Path(__file__).resolve().parent
MARK_BY_FOLDER = {"gui": "gui", "e2e": "e2e"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        folder = Path(str(item.fspath)).resolve().relative_to(TESTS).parts[0]
        mark = MARK_BY_FOLDER.get(folder)
        if mark is not None:
            item.add_marker(getattr(pytest.mark, mark))


@pytest.fixture(autouse=True)
def collect_on_gui_thread(request: pytest.FixtureRequest) -> Iterator[None]:
    """A GUI test collects cycles on the GUI thread only, as the app does (see ui/common/collector.py):
    a window left over from an earlier test must never be freed by an operations-pool thread."""
    if request.node.get_closest_marker("gui") is None:
        yield
        return
    request.getfixturevalue("qapp")
    from desktop_app.ui.common.collector import MainThreadCollector

    collector = MainThreadCollector()
    try:
        yield
    finally:
        collector.stop()
        collector.deleteLater()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "workspace"
    path.mkdir()
    return path
