"""Workspace settings, declared once with types and defaults, written atomically (DESIGN §4.8)."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, fields
from pathlib import Path

SETTINGS_FILE = "settings.json"


@dataclass
class WorkspaceSettings:
    operator: str = ""  # the configured operator name: the actor of services/context.py until sign-in exists
    demo: bool = False  # a demo workspace of synthetic records: every certificate carries 样本
    issuing_unit: str = ""  # the bureau this workstation belongs to (a name from issuing_units.csv)
    verify_base: str = ""  # the province's https verification address QR codes point to; "" = the token alone
    sync_server: str = ""  # the provincial server's address (https://…); the bureau token is in secrets.py
    sync_ca_bundle: str = ""  # a PEM file of the province's own CA, when its certificate is not publicly trusted
    auto_sync_minutes: int = 0  # sync every N minutes while the window is open; 0 = only on request
    idle_lock_minutes: int = 0  # lock the window after N idle minutes; 0 = roles.toml's accounts.idle_lock_minutes
    progress_target: str = ""  # the day (YYYY-MM-DD) the supervisor plans to finish the changeover by
    language: str = ""  # the UI's and the CLI's language (messages.LANGUAGES); "" = Simplified Chinese


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write to a temp file beside `path`, fsync, then rename: never a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load_settings(data_dir: Path) -> WorkspaceSettings:
    """The saved settings; unknown keys are ignored and a damaged file falls back to defaults."""
    path = data_dir / SETTINGS_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return WorkspaceSettings()
    if not isinstance(raw, dict):
        return WorkspaceSettings()
    defaults = WorkspaceSettings()
    values = {}
    for f in fields(WorkspaceSettings):
        value = raw.get(f.name, getattr(defaults, f.name))
        values[f.name] = value if isinstance(value, type(getattr(defaults, f.name))) else getattr(defaults, f.name)
    return WorkspaceSettings(**values)


def save_settings(data_dir: Path, settings: WorkspaceSettings) -> None:
    text = json.dumps(asdict(settings), ensure_ascii=False, indent=2) + "\n"
    atomic_write_bytes(data_dir / SETTINGS_FILE, text.encode("utf-8"))
