"""Every path the app uses comes from here (DESIGN §4.8)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "CertDesk"
DATA_DIR_ENV = "CERTDESK_DATA_DIR"
RESOURCES_ENV = "CERTDESK_RESOURCES"  # an administrator's edited copy of resources/


def resources_dir() -> Path:
    """The rules-as-data folder: inside the installed package, or beside it in a checkout."""
    override = os.environ.get(RESOURCES_ENV)
    if override:
        return Path(override)
    here = Path(__file__).resolve().parent
    for candidate in (here / "resources", here.parent / "resources"):
        if (candidate / "rules").is_dir():
            return candidate
    raise FileNotFoundError("CertDesk resources folder not found (expected resources/rules)")


def default_data_dir() -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def database_path(data_dir: Path) -> Path:
    return data_dir / "certdesk.sqlite3"


# --- owner-only files (the cache holds ID numbers, phones and photos) ---------------------------------

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
POSIX = os.name == "posix"  # on Windows the data folder lies under the user's profile, whose ACL protects it


def private_dir(path: Path) -> Path:
    """Create `path` (and parents) and make it owner-only (0700 on POSIX); an existing folder is tightened."""
    path.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    if POSIX and path.stat().st_mode & 0o077:
        os.chmod(path, PRIVATE_DIR_MODE)
    return path


def private_file(path: Path) -> Path:
    """Create `path` empty if missing, owner-only (0600 on POSIX); an existing file is tightened."""
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | getattr(os, "O_BINARY", 0), PRIVATE_FILE_MODE)
    os.close(fd)
    if POSIX and path.stat().st_mode & 0o077:
        os.chmod(path, PRIVATE_FILE_MODE)
    return path


def too_open(path: Path) -> bool:
    """A file others may read or write (POSIX): a secret in it must not be trusted."""
    return POSIX and bool(path.stat().st_mode & 0o077)
