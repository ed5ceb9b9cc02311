"""The log: a rotating file in the data folder's `logs/`, where every bug lands with its traceback.

Nothing secret is logged: messages name records by row id or certificate number, never a token,
password or key.
"""

from __future__ import annotations

import logging
import logging.handlers
import traceback
from pathlib import Path

from desktop_app.paths import private_dir, private_file

LOG_DIR = "logs"
LOG_FILE = "certdesk.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

log = logging.getLogger("certdesk")
_handler: logging.Handler | None = None


def setup_logging(data_dir: Path) -> Path | None:
    """Log to `data_dir/logs/certdesk.log` (rotated); None when the folder cannot be written."""
    global _handler
    path = data_dir / LOG_DIR / LOG_FILE
    if _handler is not None:
        if getattr(_handler, "baseFilename", None) == str(path.resolve()):
            return path
        log.removeHandler(_handler)
        _handler.close()
        _handler = None
    try:
        private_dir(path.parent)  # a traceback may name a person: owner-only, like the cache
        private_file(path)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS,
                                                       encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    _handler = handler
    return path


def log_path() -> Path | None:
    base = getattr(_handler, "baseFilename", None)
    return Path(base) if base else None


def bug_report(exc: BaseException, traceback_text: str | None = None) -> str:
    """Log a bug with its traceback; the text the user can copy into a report."""
    text = traceback_text or "".join(traceback.format_exception(exc))
    log.error("bug: %s: %s\n%s", type(exc).__name__, exc, text)
    return text
