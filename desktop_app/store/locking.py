"""One writer at a time, and writers wait their turn instead of failing.

Every write transaction takes SQLite's write lock at its start (`BEGIN IMMEDIATE`), so a write never
fails half-way on a lock another process took meanwhile; readers are not held up (WAL). While another
writer (a second CertDesk window, an import on the command line) holds the lock, `begin_immediate`
keeps trying for `LOCK_WAIT_S`, telling whoever listens on this thread (`on_lock_wait`: the CLI's
progress line, the GUI's progress dialog) how long it has waited; only then does "database is locked"
reach the user, as a clear message (errors.as_known_error).

A write session: `with write_session(cache) as session, session.begin(): ...`.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session

WRITE_OPTION = "certdesk_write"  # execution option of a write session's connections: BEGIN IMMEDIATE
LOCK_WAIT_S = 300.0  # how long a write waits for another writer before giving up
RETRY_PAUSE_S = 0.05  # between attempts, on top of SQLite's own busy timeout

Waiting = Callable[[float], None]  # seconds waited so far
_listeners = threading.local()


@contextmanager
def on_lock_wait(listener: Waiting) -> Iterator[None]:
    """While inside, writes on this thread that wait for another writer call `listener(seconds)`."""
    previous = getattr(_listeners, "listener", None)
    _listeners.listener = listener
    try:
        yield
    finally:
        _listeners.listener = previous


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def begin_immediate(dbapi_conn: sqlite3.Connection) -> None:
    """BEGIN IMMEDIATE on a raw connection (isolation_level None), waiting while another writer holds the lock."""
    started = time.monotonic()
    while True:
        try:
            dbapi_conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            waited = time.monotonic() - started
            if not _is_busy(exc) or waited >= LOCK_WAIT_S:
                raise
            listener = getattr(_listeners, "listener", None)
            if listener is not None:
                listener(waited)
            time.sleep(RETRY_PAUSE_S)


def on_begin(conn: Connection) -> None:
    """SQLAlchemy's "begin" event: IMMEDIATE for write sessions, a plain (deferred) BEGIN for reads."""
    raw = conn.connection.dbapi_connection
    assert raw is not None
    if conn.get_execution_options().get(WRITE_OPTION):
        begin_immediate(raw)  # type: ignore[arg-type]
    else:
        raw.execute("BEGIN")


def write_engine(engine: Engine) -> Engine:
    return engine.execution_options(**{WRITE_OPTION: True})


def write_session(target: object) -> Session:
    """A session whose transaction holds the write lock from its start (a Cache or an Engine)."""
    engine = getattr(target, "engine", target)
    assert isinstance(engine, Engine)
    return Session(write_engine(engine))
