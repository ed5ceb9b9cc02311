"""A first load's search terms, computed in a second process while the writer builds the indexes.

The build at the end of a first load (bulk_load.py) runs on one core: its indexes are sorts, and its
largest step, the terms of every person, spends most of its time in the tokenizer (pinyin, name parts),
7 µs a person. A spawned helper reads the committed persons read-only (WAL lets it beside the writer)
and writes each one's terms as JSON into a side file, `<cache>.terms-<random>.tmp` in the cache's
folder, owner-only; meanwhile the writer builds the indexes in their own transaction. The writer then
attaches the side file and fills the terms from it (`FILL_STAGED`). A person whose name or ID number
differs from what the helper read (an edit in between) gets the tokenizer's terms there and then, so
the result is the one `search_index.FILL_TERMS` gives however old the helper's read. A helper that
fails costs only its speed: the fill computes every person itself.

A side file left by a killed load is removed by the next open that finishes that load (`sweep`).
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

from desktop_app.processes import exit_with_parent
from desktop_app.store import search_index

log = logging.getLogger(__name__)

MIN_PERSONS = 20_000  # below this, starting the helper (≈ 0.5 s) costs more than it saves
CHUNK = 10_000  # persons per read and write in the helper
ALIAS = "staged_terms"  # the side file's name as attached
SUFFIX = ".tmp"
WAIT_S = 600.0  # longest wait for the helper before filling without it

FILL_STAGED = (
    f"INSERT OR IGNORE INTO search_terms (term, sort_key, person_id) "
    f"SELECT j.value, p.name, p.id FROM persons p NOT INDEXED LEFT JOIN {ALIAS}.staged s ON s.id = p.id, "
    f"json_each(CASE WHEN s.name IS p.name AND s.id_number IS p.id_number THEN s.terms "
    f"ELSE {search_index.TERMS_FUNCTION}(p.name, p.id_number) END) j ORDER BY 1, 2, 3"
)


def _prefix(cache: Path) -> str:
    return f"{cache.name}.terms-"


def cache_file(conn: sqlite3.Connection) -> Path | None:
    """The file of the connection's main database; None in memory."""
    for _, name, file in conn.execute("PRAGMA database_list").fetchall():
        if name == "main":
            return Path(file) if file else None
    return None


def worth_staging(conn: sqlite3.Connection) -> bool:
    """A load big enough for the helper to pay for itself (the largest row id: no count scan)."""
    top = conn.execute("SELECT max(id) FROM persons").fetchone()[0]
    return top is not None and int(top) >= MIN_PERSONS


def stage(cache: str, out: str) -> None:
    """In the helper: each committed person's (id, name, ID number, terms JSON) into `out`."""
    source = sqlite3.connect(f"{Path(cache).as_uri()}?mode=ro", uri=True)
    target = sqlite3.connect(out, isolation_level=None)
    try:
        target.execute("PRAGMA journal_mode=OFF")  # a scratch file: it is whole or it is not used
        target.execute("PRAGMA synchronous=OFF")
        target.execute("CREATE TABLE staged (id INTEGER PRIMARY KEY, name TEXT, id_number TEXT, terms TEXT)")
        target.execute("BEGIN")
        rows = source.execute("SELECT id, name, id_number FROM persons ORDER BY id")
        terms = search_index.terms_json
        while chunk := rows.fetchmany(CHUNK):
            target.executemany("INSERT INTO staged VALUES (?, ?, ?, ?)",
                               [(key, name, number, terms(name, number)) for key, name, number in chunk])
        target.execute("COMMIT")
    finally:
        source.close()
        target.close()


def _helper(cache: str, out: str) -> None:
    exit_with_parent()
    stage(cache, out)


class Stager:
    """The helper computing a cache's terms into a side file; `ready` waits for it."""

    def __init__(self, cache: Path) -> None:
        handle, name = tempfile.mkstemp(prefix=_prefix(cache), suffix=SUFFIX, dir=cache.parent)  # mode 0600
        os.close(handle)
        self.path = Path(name)
        self._process = multiprocessing.get_context("spawn").Process(
            target=_helper, args=(str(cache), str(self.path)), name="certdesk-search-terms", daemon=True)
        try:
            self._process.start()
        except BaseException:
            self.path.unlink(missing_ok=True)
            raise

    def ready(self) -> Path | None:
        """The side file once the helper has filled it; None when it failed (the fill then computes)."""
        self._process.join(WAIT_S)
        if self._process.exitcode != 0:  # a helper that cannot finish (a full disk, killed) only costs speed
            log.warning("search terms helper ended with %s; computing them in the writer", self._process.exitcode)
            return None
        return self.path

    def close(self) -> None:
        """Stop the helper if it still runs (the build failed) and remove the side file."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._process.close()
        with contextlib.suppress(OSError):
            self.path.unlink(missing_ok=True)


def start(conn: sqlite3.Connection) -> Stager | None:
    """The helper for this connection's cache, when the load is big enough and the cache is a file."""
    cache = cache_file(conn)
    if cache is None or not worth_staging(conn):
        return None
    try:
        return Stager(cache)
    except Exception as error:  # a read-only folder, no process to spare: the writer computes the terms
        log.warning("search terms helper not started (%s)", type(error).__name__)
        return None


@contextlib.contextmanager
def attached(conn: sqlite3.Connection, side: Path | None) -> Iterator[str]:
    """Inside: the side file attached (outside any transaction: SQLite refuses ATTACH in one); the fill
    statement to run, FILL_TERMS when there is no side file or it cannot be attached."""
    if side is None:
        yield search_index.FILL_TERMS
        return
    try:
        conn.execute(f"ATTACH DATABASE ? AS {ALIAS}", (str(side),))
        conn.execute(f"SELECT 1 FROM {ALIAS}.staged LIMIT 1").fetchall()
    except sqlite3.Error as error:
        log.warning("search terms side file unusable (%s); computing them in the writer", error)
        with contextlib.suppress(sqlite3.Error):
            conn.execute(f"DETACH DATABASE {ALIAS}")
        yield search_index.FILL_TERMS
        return
    try:
        yield FILL_STAGED
    finally:
        with contextlib.suppress(sqlite3.Error):  # never hide the fill's own error
            conn.execute(f"DETACH DATABASE {ALIAS}")


def sweep(cache: Path) -> int:
    """Remove side files a killed load left beside `cache`; how many."""
    removed = 0
    for leftover in cache.parent.glob(f"{_prefix(cache)}*{SUFFIX}"):
        with contextlib.suppress(OSError):
            leftover.unlink()
            removed += 1
    return removed
