"""Two kinds of failure (DESIGN §4.4, qutebrowser's KnownError/BugError).

- A `KnownError` comes from the environment or the input (bad value, disk full, read-only or locked
  database, missing file or font, server down): the user gets a clear message and a hint, nothing is
  lost, and no bug report is made. Its message is a catalogue `Message` (messages.py) or, in older
  code, a ready sentence.
- Anything else is a bug: logged with its traceback (logs.py) and shown with a "复制错误信息" button.

`as_known_error` maps the environment's raw exceptions (sqlite3 and OSError, also when SQLAlchemy
wraps them) to KnownErrors at the edges: the background-work helper and the CLI.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from desktop_app.messages import Message, msg


class KnownError(Exception):
    """An expected failure with a message for the user."""

    def __init__(self, message: str | Message = "", *, hint: str | Message | None = None) -> None:
        self.message = message
        self._hint = hint
        super().__init__(str(message))

    def __str__(self) -> str:  # rendered when shown, so it follows the UI's language
        return str(self.message) if isinstance(self.message, Message) else super().__str__()

    @property
    def code(self) -> str | None:
        return self.message.code if isinstance(self.message, Message) else None

    @property
    def hint(self) -> str | None:
        if self._hint is not None:
            return str(self._hint)
        return self.message.hint() if isinstance(self.message, Message) else None


class PermissionDenied(KnownError):
    """The signed-in account's role may not do this (or nobody is signed in): the CLI exits 1."""


class EnvironmentFault(KnownError):
    """The machine, not the input: disk full, read-only or locked database, I/O error, no permission."""


# SQLite's own words (sqlite3 error text) → catalogue code.
_SQLITE_FAULTS = (
    ("database or disk is full", "env.db_full"),
    ("readonly database", "env.db_read_only"),
    ("database is locked", "env.db_locked"),
    ("database table is locked", "env.db_locked"),
    ("disk i/o error", "env.db_io"),
    ("unable to open database", "env.db_cannot_open"),
    ("malformed", "env.db_corrupt"),
    ("not a database", "env.db_corrupt"),
)

_OS_FAULTS = {
    errno.ENOSPC: "env.disk_full", errno.EDQUOT: "env.disk_full",
    errno.EROFS: "env.read_only_fs", errno.EACCES: "env.no_permission", errno.EPERM: "env.no_permission",
    errno.ENOENT: "env.file_missing", errno.EIO: "env.io_error", errno.EISDIR: "env.is_a_folder",
}


def as_known_error(exc: BaseException) -> KnownError | None:
    """The KnownError this exception stands for, or None when it is a bug."""
    if isinstance(exc, KnownError):
        return exc
    original = getattr(exc, "orig", None) or exc  # SQLAlchemy's DBAPIError wraps the sqlite3 error
    if isinstance(original, sqlite3.Error):
        text = str(original).lower()
        for words, code in _SQLITE_FAULTS:
            if words in text:
                return EnvironmentFault(msg(code, detail=str(original)))
        if isinstance(original, sqlite3.OperationalError):
            return EnvironmentFault(msg("env.db_other", detail=str(original)))
        return None
    if isinstance(original, OSError):
        name = original.filename if original.filename is not None else ""
        path = str(Path(name)) if name else ""
        code = _OS_FAULTS.get(original.errno or 0, "env.os_error")
        return EnvironmentFault(msg(code, path=path, detail=original.strerror or str(original)))
    if isinstance(original, MemoryError):
        return EnvironmentFault(msg("env.out_of_memory"))
    return None
