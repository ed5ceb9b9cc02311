"""The demo's provincial server: its own copy of the demo province, a few changes made "at the province"
since, one local change waiting to go up and one prepared conflict, so a newcomer pressing 同步 sees
records arrive, a change go up and a conflict to resolve. Served by the real provincial server
(provincial_server) on a free 127.0.0.1 port in a thread of the app; it stops with the app.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from desktop_app import secrets
from desktop_app.domain.rules import Rules

PROVINCE_DIR = "demo-province"
UPSTREAM_PHONES = ("13805310001", "13805310002", "13805310003", "13805310004", "13805310005")
CONFLICT_PROVINCE_PHONE = "13805319999"
CONFLICT_LOCAL_PHONE = "13805318888"
LOCAL_PHONE = "13805317777"


@dataclass(frozen=True)
class DemoPlan:
    """Who the prepared changes are about (ID numbers): shown in the tests and the README."""
    upstream: tuple[str, ...]
    local: str
    conflict: str


def province_dir(data_dir: Path) -> Path:
    return data_dir / PROVINCE_DIR


def has_province(data_dir: Path) -> bool:
    return (province_dir(data_dir) / "provincial.sqlite3").exists()


def _complete(records_path: Path, count: int) -> list[str]:
    """ID numbers of persons whose records the edit form saves as they are (position and title set)."""
    found = []
    with records_path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record.get("position") and record.get("title") and record.get("phone"):
                found.append(record["id_number"])
                if len(found) >= count:
                    break
    return found


def prepare(records_path: Path, data_dir: Path, rules: Rules) -> DemoPlan:
    """Build the demo province from the records the workspace was filled with, and change it a little."""
    from provincial_server import admin, auth
    from provincial_server.db.engine import database_url, open_database
    from provincial_server.importer import import_file

    db = open_database(database_url(province_dir(data_dir), None))
    try:
        import_file(db, records_path, workers=1)
        secrets.save_token(data_dir, auth.create_token(db, [u.name for u in rules.units], "演示省级服务器"))
        chosen = _complete(records_path, len(UPSTREAM_PHONES) + 2)
        upstream, local, conflict = chosen[:len(UPSTREAM_PHONES)], chosen[-2], chosen[-1]
        for id_number, phone in zip(upstream, UPSTREAM_PHONES, strict=True):
            admin.edit(db, rules, id_number, {"phone": phone})
        admin.edit(db, rules, conflict, {"phone": CONFLICT_PROVINCE_PHONE})
    finally:
        db.dispose()
    return DemoPlan(tuple(upstream), local, conflict)


class DemoServer:
    """uvicorn serving the demo province in a daemon thread; `url` once it accepts connections."""

    def __init__(self, data_dir: Path) -> None:
        import uvicorn

        from provincial_server.app import create_app
        from provincial_server.db.engine import database_url, open_database

        self.db = open_database(database_url(province_dir(data_dir), None))
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        config = uvicorn.Config(create_app(self.db, message="这是演示省级服务器：数据均为样本"), log_level="warning",
                                access_log=False)
        self.server = uvicorn.Server(config)
        self.server.install_signal_handlers = lambda: None  # type: ignore[method-assign]  # not the main thread
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True,
                                       name="demo-province")
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started and self.thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.02)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.sock.close()
        self.db.dispose()
