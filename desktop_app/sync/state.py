"""Sync's own state in the cache (table sync_state): the server's epoch, the feed cursor, the last sync.

The cursor is written only inside the transaction of the page it follows (pull.py), so it is never
ahead of the data (PouchDB lost rows saving it first).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

EPOCH = "epoch"
CURSOR = "cursor"  # the feed sequence the cache holds everything up to
SNAPSHOT_SEQ = "snapshot_seq"  # a first pull under way: the snapshot's sequence
SNAPSHOT_AFTER = "snapshot_after"  # … and the last ID number it committed
LAST_SYNC = "last_sync"  # JSON: when, what came and went
VERIFIED_AT = "verified_at"  # JSON: the cursor and local change mark of the last verify that passed


@dataclass(frozen=True)
class SyncStatus:
    epoch: str | None
    cursor: int | None
    snapshot_seq: int | None
    snapshot_after: str | None
    last_sync: dict[str, Any] | None


def read_all(conn: sqlite3.Connection) -> dict[str, str | None]:
    return dict(conn.execute("SELECT key, value FROM sync_state").fetchall())


def status(conn: sqlite3.Connection) -> SyncStatus:
    values = read_all(conn)
    cursor, seq = values.get(CURSOR), values.get(SNAPSHOT_SEQ)
    last = values.get(LAST_SYNC)
    return SyncStatus(values.get(EPOCH), int(cursor) if cursor is not None else None,
                      int(seq) if seq is not None else None, values.get(SNAPSHOT_AFTER),
                      json.loads(last) if last else None)


def write(cur: sqlite3.Cursor, **values: object) -> None:
    """Set (or, for None, remove) keys, in the caller's transaction."""
    for key, value in values.items():
        if value is None:
            cur.execute("DELETE FROM sync_state WHERE key = ?", (key,))
        else:
            text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
            cur.execute("INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET "
                        "value = excluded.value", (key, text))
