"""The bureau's sync token: in the OS keyring (keyring), else in a file only the owner can read.

Never in settings.json, never in a log. The keyring entry is named after the workspace folder, so
two workspaces on one machine keep their own tokens.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from desktop_app.paths import private_dir, private_file

SERVICE = "CertDesk sync"
TOKEN_FILE = "sync-token"
_log = logging.getLogger(__name__)


def _account(data_dir: Path) -> str:
    return str(data_dir.resolve())


def _file(data_dir: Path) -> Path:
    return private_dir(data_dir / "secrets") / TOKEN_FILE


def _keyring_usable() -> bool:
    if os.environ.get("CERTDESK_NO_KEYRING"):
        return False
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return False
    return not isinstance(keyring.get_keyring(), fail.Keyring)


def save_token(data_dir: Path, token: str) -> str:
    """Keep the token; returns where ("keyring" or "file")."""
    token = token.strip()
    if _keyring_usable():
        import keyring
        try:
            keyring.set_password(SERVICE, _account(data_dir), token)
            _file(data_dir).unlink(missing_ok=True)
            return "keyring"
        except Exception as exc:  # a locked or broken keyring: the owner-only file instead
            _log.warning("keyring not usable (%s); the token goes to an owner-only file", type(exc).__name__)
    path = private_file(_file(data_dir))
    path.write_text(token + "\n", encoding="utf-8")
    os.chmod(path, 0o600)
    return "file"


def load_token(data_dir: Path) -> str | None:
    if _keyring_usable():
        import keyring
        try:
            value = keyring.get_password(SERVICE, _account(data_dir))
            if value:
                return value
        except Exception as exc:
            _log.warning("keyring not readable (%s)", type(exc).__name__)
    path = data_dir / "secrets" / TOKEN_FILE
    try:
        return path.read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def masked(token: str | None) -> str:
    """For display: the first characters only."""
    if not token:
        return ""
    return token[:8] + "…" + "•" * 6
