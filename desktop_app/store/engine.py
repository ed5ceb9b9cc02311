"""Open the local cache: create the folder, migrate with Alembic, tune SQLite.

Every connection runs in WAL mode with synchronous=NORMAL and foreign keys on (DESIGN §4.3).
Before an existing database is migrated it is copied to `backups/`; a database written by a
newer CertDesk is refused rather than touched.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DatabaseError

from desktop_app.errors import KnownError
from desktop_app.messages import msg
from desktop_app.paths import database_path, private_dir, private_file
from desktop_app.store import bulk_load, locking, search_index

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 2000  # SQLite's own wait per attempt; a write keeps trying for locking.LOCK_WAIT_S
BACKUP_DIR_NAME = "backups"


@dataclass(frozen=True)
class Cache:
    """An open cache: the engine and where its file lives."""

    engine: Engine
    path: Path

    def close(self) -> None:
        self.engine.dispose()


def as_engine(target: Cache | Engine) -> Engine:
    return target.engine if isinstance(target, Cache) else target


@contextmanager
def raw_connection(target: Cache | Engine) -> Iterator[sqlite3.Connection]:
    """The pool's sqlite3 connection (autocommit: the caller issues BEGIN and COMMIT), returned after use."""
    raw = as_engine(target).raw_connection()
    try:
        yield raw.driver_connection  # type: ignore[misc]
    finally:
        raw.close()


def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN, so DDL is transactional too (pysqlite would not).
    dbapi_conn.isolation_level = None
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_MS)}")
    cursor.close()
    search_index.register_functions(dbapi_conn)  # the search-index triggers call it (any write path)


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", locking.on_begin)
    return engine


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def _known_revisions() -> set[str]:
    return {script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def _current_state(engine: Engine) -> tuple[str | None, bool]:
    """(revision stamped in the file, whether it holds any table)."""
    with engine.connect() as conn:
        revision = MigrationContext.configure(conn).get_current_revision()
        tables = conn.exec_driver_sql(
            "SELECT count(*) FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'").scalar_one()
    return revision, bool(tables)


def backup_database(path: Path, label: str) -> Path:
    """A consistent copy (SQLite backup API, so the WAL's content is included)."""
    folder = private_dir(path.parent / BACKUP_DIR_NAME)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = private_file(folder / f"{path.stem}-{label}-{stamp}{path.suffix}")  # owner-only before any byte
    source = sqlite3.connect(path)
    try:
        copy = sqlite3.connect(target)
        with copy:
            source.backup(copy)
        copy.close()
    finally:
        source.close()
    return target


def _migrate(engine: Engine, path: Path, existed: bool) -> None:
    revision, has_tables = _current_state(engine)
    head = head_revision()
    if revision is not None and revision not in _known_revisions():
        raise KnownError(msg("store.newer_database", path=path, revision=revision))
    if revision is None and has_tables:
        raise KnownError(msg("store.not_a_certdesk_database", path=path))
    if revision == head:
        return
    if existed and has_tables:
        backup_database(path, f"rev{revision}")
    config = alembic_config()
    with locking.write_engine(engine).begin() as conn:  # a migration is a write: IMMEDIATE
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def _make_private(path: Path) -> None:
    """The cache owner-only before SQLite opens it: its WAL and SHM files take the same mode."""
    private_file(path)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            private_file(side)


def open_cache(data_dir: Path) -> Cache:
    """Open (creating and migrating as needed) the cache in `data_dir`."""
    path = database_path(data_dir)
    try:
        private_dir(data_dir)
        existed = path.is_file() and path.stat().st_size > 0
        _make_private(path)
    except OSError as exc:
        raise KnownError(msg("store.cannot_create_data_dir", path=data_dir, detail=exc.strerror or str(exc))) from exc
    engine = make_engine(path)
    try:
        if existed:  # a first load killed before it built its indexes: build them, before migrating
            bulk_load.finish_pending(engine)
        _migrate(engine, path, existed)
    except DatabaseError as exc:
        engine.dispose()
        raise KnownError(msg("store.cannot_open", path=path, detail=str(exc.orig or exc))) from exc
    except BaseException:
        engine.dispose()
        raise
    return Cache(engine, path)
