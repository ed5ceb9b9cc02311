"""A first load into an empty cache builds its indexes once, after the data, instead of row by row.

Loading a province into indexed tables costs most of its time in index upkeep: every row lands at a
random place in each secondary index and in the search terms (search_index.py), and the B-trees
outgrow the page cache, so the cost per row grows with the cache (issue 16). Built afterwards from
the finished tables, each index is one sort.

`defer` runs inside the first batch's transaction of a load into a cache without persons. It drops
the secondary (non-unique) indexes of `persons` and `certificates`, the insert trigger of the search
terms and of the enterprises' short parts, and the trigram index's triggers, and records each one's
SQL in `search_meta` under `deferred:<name>`. Data and marks commit together. The unique indexes
stay, because the upserts need them. The other update and delete triggers stay too, so an edit made
during the load keeps the person's terms right.

`finish_now` recreates what was dropped and rebuilds the enterprises' trigram index and short parts
from their table in one transaction (`build`), then computes the terms of every person in one sorted
statement in a second (`fill_terms`), and the marks go with it. A big load's terms are computed
meanwhile by a helper process on the other core (staged_terms.py). The loader calls it when it
ends, whether it completed, was cancelled or failed. A killed load leaves the marks, and the next
`open_cache` calls `finish_pending`. Each batch of a deferred load refreshes a heartbeat, and an open while the
heartbeat is fresh leaves the build to the load still running in another process. A load into a
cache that still has marks does not defer again; it finishes at its end. While marks exist, the
search can miss people and lists are slower (`pending` tells).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine

from desktop_app.store import search_index, staged_terms
from desktop_app.store.locking import begin_immediate

MARK = "deferred:"
HEARTBEAT = "load_heartbeat"  # when a deferred load last committed a batch (time.time())
LIVE_S = 60.0  # a heartbeat this fresh: the load is still running in another process
DEFERRED_TABLES = ("persons", "certificates")
# The trigram index's update and delete triggers go too: an FTS5 'delete' of a row it never indexed
# would leave it inconsistent until the rebuild at the end.
DEFERRED_TRIGGERS = ("search_persons_ai", "search_enterprises_ai", "search_enterprises_au", "search_enterprises_ad",
                     "enterprise_terms_ai")
Result = TypeVar("Result")
CACHE_KIB = 65536  # page cache of a deferred load: the unique indexes' hot pages; more only costs memory



def _deferrable(cur: sqlite3.Cursor) -> list[tuple[str, str]]:
    """(name, SQL) of each index and trigger a first load builds afterwards."""
    marks = ", ".join("?" * len(DEFERRED_TABLES))
    indexes = cur.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ({marks}) "
        "AND sql IS NOT NULL AND upper(sql) NOT LIKE 'CREATE UNIQUE%' ORDER BY rowid", DEFERRED_TABLES).fetchall()
    marks = ", ".join("?" * len(DEFERRED_TRIGGERS))
    triggers = cur.execute(f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({marks})",
                           DEFERRED_TRIGGERS).fetchall()
    return [(str(name), str(sql)) for name, sql in (*indexes, *triggers)]


def pending(cur: sqlite3.Cursor) -> bool:
    """Whether a load's indexes are still to be built (a load under way, or one that was killed)."""
    return cur.execute("SELECT 1 FROM search_meta WHERE key LIKE ? LIMIT 1", (MARK + "%",)).fetchone() is not None


def should_defer(cur: sqlite3.Cursor) -> bool:
    """A cache without persons and without a load under way: a first load."""
    return not pending(cur) and cur.execute("SELECT 1 FROM persons LIMIT 1").fetchone() is None


def defer(cur: sqlite3.Cursor) -> None:
    """Drop the deferrable indexes and trigger and mark each one (inside the caller's transaction)."""
    for order, (name, sql) in enumerate(_deferrable(cur)):
        # In the schema's order: the query planner breaks ties between equal indexes by it.
        cur.execute("INSERT OR REPLACE INTO search_meta (key, value) VALUES (?, ?)", (f"{MARK}{order:03d}:{name}", sql))
        kind = "TRIGGER" if name in DEFERRED_TRIGGERS else "INDEX"
        cur.execute(f'DROP {kind} "{name}"')


def beat(cur: sqlite3.Cursor) -> None:
    """The deferred load is alive (inside each batch's transaction)."""
    cur.execute("INSERT OR REPLACE INTO search_meta (key, value) VALUES (?, ?)", (HEARTBEAT, repr(time.time())))


def _alive(value: object) -> bool:
    try:
        return time.time() - float(str(value)) < LIVE_S
    except ValueError:
        return False


def _marks(cur: sqlite3.Cursor) -> list[tuple[str, str]]:
    rows = cur.execute("SELECT key, value FROM search_meta WHERE key LIKE ? ORDER BY key", (MARK + "%",)).fetchall()
    return [(str(key), str(sql)) for key, sql in rows]


def build(cur: sqlite3.Cursor) -> int:
    """Recreate what `defer` dropped and rebuild the enterprises' two indexes (inside the caller's
    transaction); the marks stay for `fill_terms`. Returns how many objects were marked."""
    rows = _marks(cur)
    for key, sql in rows:
        name = key.split(":", 2)[2]
        if cur.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone() is None:
            cur.execute(sql)
    if rows:  # the enterprises' two indexes, from their table (what search_index.rebuild does for them)
        cur.execute("INSERT INTO enterprise_fts(enterprise_fts) VALUES ('rebuild')")
        cur.execute("DELETE FROM enterprise_terms")
        cur.execute(search_index.FILL_ENTERPRISE_TERMS)
    return len(rows)


def fill_terms(cur: sqlite3.Cursor, statement: str = search_index.FILL_TERMS) -> None:
    """Every person's search terms by `statement`, and the marks removed (inside the caller's transaction)."""
    if _marks(cur):
        cur.execute(statement)
        cur.execute("DELETE FROM search_meta WHERE key LIKE ? OR key = ?", (MARK + "%", HEARTBEAT))


def set_cache(conn: sqlite3.Connection, kib: int) -> int:
    """Set the connection's page cache to `kib` KiB; the value it had (PRAGMA cache_size's own form)."""
    before = int(conn.execute("PRAGMA cache_size").fetchone()[0])
    conn.execute(f"PRAGMA cache_size=-{kib}")
    return before


def _in_transaction(conn: sqlite3.Connection, step: Callable[[sqlite3.Cursor], Result]) -> Result:
    begin_immediate(conn)
    try:
        result = step(conn.cursor())
        conn.execute("COMMIT")
    except BaseException:
        conn.rollback()
        raise
    return result


def finish_now(conn: sqlite3.Connection) -> int:
    """Finish a deferred load on a raw connection, with a deferred load's page cache: the indexes in one
    transaction while a helper process computes the terms (staged_terms.py), the terms in a second.
    The marks go with the second, so a kill between the two is finished at the next open."""
    search_index.register_functions(conn)
    before = set_cache(conn, CACHE_KIB)
    stager = staged_terms.start(conn) if pending(conn.cursor()) else None
    try:
        built = _in_transaction(conn, build)
        with staged_terms.attached(conn, stager.ready() if stager else None) as statement:
            _in_transaction(conn, lambda cur: fill_terms(cur, statement))
    finally:
        if stager is not None:
            stager.close()
        conn.execute(f"PRAGMA cache_size={before}")  # the pool's next user gets the connection as it was
    return built


def finish_pending(engine: Engine) -> int:
    """At open: finish a load that was killed before it built its indexes; how many were built."""
    with engine.connect() as conn:
        if not search_index.has_table(conn, "search_meta"):  # a new cache, or one before migration 0002
            return 0
        rows = dict(conn.exec_driver_sql("SELECT key, value FROM search_meta WHERE key LIKE ? OR key = ?",
                                         (MARK + "%", HEARTBEAT)).fetchall())
    heartbeat = rows.pop(HEARTBEAT, None)
    if not rows or (heartbeat is not None and _alive(heartbeat)):
        return 0
    cache = engine.url.database
    if cache:
        staged_terms.sweep(Path(cache))  # a killed load's side file
    raw = engine.raw_connection()
    try:
        return finish_now(raw.driver_connection)  # type: ignore[arg-type]
    finally:
        raw.close()
