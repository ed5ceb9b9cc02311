"""What the UI and the CLI hear of the write lock: a write waiting its turn behind another writer
calls the listener installed on its thread with the seconds waited (store/locking.py)."""

from __future__ import annotations

from desktop_app.store.locking import LOCK_WAIT_S, Waiting, on_lock_wait

__all__ = ["LOCK_WAIT_S", "Waiting", "on_lock_wait"]
