"""A consistent copy of the cache while the app runs (SQLite's online backup API), and a restore
into a new folder that is checked with PRAGMA integrity_check before anything uses it."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

from desktop_app.errors import KnownError
from desktop_app.messages import msg
from desktop_app.paths import database_path
from desktop_app.store.engine import Cache

PAGES_PER_STEP = 4096  # copy in steps, so writers are not held up for the whole copy


def backup(cache: Cache, target: Path) -> int:
    """Copy the cache to `target` (a new file; written beside it, then renamed). Returns its size."""
    if target.exists():
        raise KnownError(msg("backup.exists", path=str(target)))
    partial = target.with_name(f".{target.name}.partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        source, copy = sqlite3.connect(cache.path), sqlite3.connect(partial)
        try:
            source.backup(copy, pages=PAGES_PER_STEP)
        finally:
            copy.close()
            source.close()
        _check(partial, target)
        os.chmod(partial, 0o600)  # personal data of a province: the owner only
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise KnownError(msg("backup.failed", reason=str(exc))) from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target.stat().st_size


def _check(path: Path, shown: Path) -> None:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
            conn.execute("SELECT count(*) FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise KnownError(msg("backup.not_a_cache", path=str(shown), reason=str(exc))) from exc
    if result != "ok":
        raise KnownError(msg("backup.damaged", path=str(shown), reason=str(result)))


def restore(source: Path, folder: Path) -> Path:
    """Put a backup into a new, empty workspace folder, after checking it; returns the cache's path."""
    if folder.exists() and any(folder.iterdir()):
        raise KnownError(msg("backup.target_not_empty", path=str(folder)))
    _check(source, source)
    folder.mkdir(parents=True, exist_ok=True)
    target = database_path(folder)
    partial = target.with_name(f".{target.name}.partial")
    try:
        shutil.copyfile(source, partial)
        _check(partial, source)
        os.chmod(partial, 0o600)
        os.replace(partial, target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise KnownError(msg("backup.failed", reason=str(exc))) from exc
    return target
