"""The workspace: a data folder holding the cache and its settings; a demo one when nothing is configured."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.services import demo, records
from desktop_app.settings import WorkspaceSettings, load_settings, save_settings
from desktop_app.store.engine import Cache, open_cache
from desktop_app.store.models import Certificate, Person

DEMO_SIZE = 3000
DEMO_SEED = 2026
DEMO_PHOTO_FRACTION = 0.3


@dataclass
class Workspace:
    data_dir: Path
    cache: Cache
    settings: WorkspaceSettings

    def close(self) -> None:
        self.cache.close()


@dataclass(frozen=True)
class Summary:
    persons: int
    certificates: int
    old_format: int
    new_format: int


def open_workspace(data_dir: Path) -> Workspace:
    return Workspace(data_dir, open_cache(data_dir), load_settings(data_dir))


def is_empty(workspace: Workspace) -> bool:
    with Session(workspace.cache.engine) as session:
        return session.scalar(select(Person.id).limit(1)) is None


def summary(workspace: Workspace) -> Summary:
    with Session(workspace.cache.engine) as session:
        persons = session.scalar(select(func.count()).select_from(Person)) or 0
        rows = session.execute(select(Certificate.format, func.count()).group_by(Certificate.format)).all()
    by_format = {fmt: count for fmt, count in rows}
    return Summary(persons, sum(by_format.values()), by_format.get("old", 0), by_format.get("new", 0))


def fill_demo(workspace: Workspace, size: int = DEMO_SIZE, progress: Callable[[int, int], None] | None = None,
              cancelled: Callable[[], bool] | None = None) -> records.ImportReport:
    """Fill an empty workspace with synthetic records and mark it as a demo (样本) workspace."""
    with tempfile.TemporaryDirectory(dir=workspace.data_dir) as tmp:
        path = Path(tmp) / "demo.jsonl"
        demo.write_jsonl(path, size, seed=DEMO_SEED, photo_fraction=DEMO_PHOTO_FRACTION)
        report = records.import_jsonl(workspace.cache, path, progress=progress, cancel=cancelled)
    workspace.settings.demo = True
    if not workspace.settings.operator:
        workspace.settings.operator = "演示操作员"
    save_settings(workspace.data_dir, workspace.settings)
    return report
