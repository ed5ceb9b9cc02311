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
