"""Opening the server's database: SQLite (one file, WAL) by default, PostgreSQL when given a URL.

SQLite: reads begin a deferred transaction (so one request sees one snapshot) and writes begin
IMMEDIATE (so two writers never deadlock on a lock upgrade); a writer waits `busy_timeout` for the
lock, then the request fails with 503 `database_busy`. PostgreSQL: one engine; writers lock the
person row, then the sequence counter last, so sequences commit in the order they were handed out.
Migrations (Alembic, `db/migrations/`) run in code; on PostgreSQL under an advisory lock, so several
workers starting at once migrate once.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, text

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
DATABASE_FILE = "provincial.sqlite3"
BUSY_TIMEOUT_ENV = "CERTDESK_SERVER_BUSY_MS"  # how long a writer waits for SQLite's lock (default 5000)
MAX_PAGES_ENV = "CERTDESK_SERVER_SQLITE_MAX_PAGES"  # a size limit for the SQLite file (fault trials)
_MIGRATION_LOCK = 7_316_011


class DatabaseError(Exception):
    """The database cannot be used (newer than this server, not ours): a one-line reason."""


@dataclass
class Database:
    url: str
    read: Engine
    write: Engine

    @property
    def is_sqlite(self) -> bool:
        return self.read.dialect.name == "sqlite"

    def dispose(self) -> None:
        self.read.dispose()
        if self.write is not self.read:
            self.write.dispose()


def database_url(data_dir: Path | None, url: str | None) -> str:
    if url:
        return url
    assert data_dir is not None
    data_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{data_dir / DATABASE_FILE}"


def _sqlite_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # SQLAlchemy's "begin" event below issues BEGIN itself
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={int(os.environ.get(BUSY_TIMEOUT_ENV, '5000'))}")
    max_pages = os.environ.get(MAX_PAGES_ENV)
    if max_pages:
        cursor.execute(f"PRAGMA max_page_count={int(max_pages)}")
    cursor.close()


def _sqlite_engine(url: str, begin: str) -> Engine:
    engine = create_engine(url, connect_args={"check_same_thread": False}, pool_size=8, max_overflow=32)
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", lambda conn: conn.exec_driver_sql(begin))
    return engine


def make_engines(url: str) -> tuple[Engine, Engine]:
    if url.startswith("sqlite"):
        return _sqlite_engine(url, "BEGIN"), _sqlite_engine(url, "BEGIN IMMEDIATE")
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    engine = create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True)
    return engine, engine


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def _migrate(write: Engine) -> None:
    config = _alembic_config()
    scripts = ScriptDirectory.from_config(config)
    known = {s.revision for s in scripts.walk_revisions()}
    with write.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        current = MigrationContext.configure(conn).get_current_revision()
        if current is not None and current not in known:
            raise DatabaseError(f"the database is at schema {current}, newer than this server: upgrade the server")
        if current == scripts.get_current_head():
            return
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def open_database(url: str, migrate: bool = True) -> Database:
    read, write = make_engines(url)
    try:
        if migrate:
            _migrate(write)
        else:
            check_schema(read)
    except Exception:
        read.dispose()
        write.dispose()
        raise
    return Database(url, read, write)


def check_schema(engine: Engine) -> None:
    """Workers do not migrate (the `serve` command did): they only refuse a schema they do not know."""
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    if current != head:
        raise DatabaseError(f"the database is at schema {current}, this server expects {head}")
