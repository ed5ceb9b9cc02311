"""The real provincial server for tests: uvicorn on 127.0.0.1, on SQLite or a throwaway PostgreSQL.

`provincial` (a fixture, parametrised `sqlite` / `postgresql`) yields a `Province`: a migrated database
with the demo records of `SEED_PERSONS` persons, a running server and a bureau token per unit set.
`in_thread` runs uvicorn in a thread of the test process (quick to start); `server_process` runs
`python -m provincial_server … serve --port 0` as its own process, for kill and CLI trials.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
import uvicorn

from desktop_app.sync.protocol import PROTOCOL_HEADER, PROTOCOL_MAX
from provincial_server import auth
from provincial_server.app import create_app
from provincial_server.db.engine import Database, database_url, open_database
from provincial_server.importer import import_file
from tests.helpers.cli import ROOT

JINAN = "济南市住房和城乡建设局"
QINGDAO = "青岛市住房和城乡建设局"
SEED_PERSONS = 300
START_TIMEOUT_S = 60


@dataclass
class Province:
    db: Database
    url: str  # the server's base address, http://127.0.0.1:PORT
    database_url: str
    tokens: dict[str, str] = field(default_factory=dict)  # unit → token of a bureau answering for it

    def client(self, unit: str = JINAN, **kwargs: object) -> httpx.Client:
        headers = {PROTOCOL_HEADER: str(PROTOCOL_MAX), "Authorization": f"Bearer {self.tokens[unit]}"}
        return httpx.Client(base_url=self.url, headers=headers, timeout=30, **kwargs)  # type: ignore[arg-type]

    def token(self, *units: str) -> str:
        return auth.create_token(self.db, list(units))


def demo_file(folder: Path, size: int = SEED_PERSONS, seed: int = 11, photo_fraction: float = 0.05) -> Path:
    path = folder / f"demo-{size}-{seed}.jsonl"
    if not path.exists():
        subprocess.run([sys.executable, str(ROOT / "main.py"), "demo-data", "--size", str(size), "--seed", str(seed),
                        "--photo-fraction", str(photo_fraction), "-o", str(path)], check=True, capture_output=True)
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def in_thread(db: Database, **app_options: object) -> Iterator[str]:
    """uvicorn serving `db` on a free 127.0.0.1 port in a thread; yields the base URL."""
    app = create_app(db, **app_options)  # type: ignore[arg-type]
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    config = uvicorn.Config(app, log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT_S
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


@dataclass
class ServerProcess:
    process: subprocess.Popen[str]
    url: str

    def kill(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(10)


def server_command(where: list[str], *extra: str) -> list[str]:
    return [sys.executable, "-m", "provincial_server", *where, "serve", "--port", "0", *extra]


@contextmanager
def server_process(where: list[str], *extra: str, env: dict[str, str] | None = None) -> Iterator[ServerProcess]:
    """`python -m provincial_server <where> serve --port 0 …`; waits for its announcement line."""
    process = subprocess.Popen(server_command(where, *extra), cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, env={**os.environ, **(env or {})})
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line.startswith("CertDesk provincial server on "):
        process.kill()
        rest = process.stdout.read()
        raise RuntimeError(f"the server did not start: {line}{rest}")
    running = ServerProcess(process, line.strip().rsplit(" ", 1)[1])
    try:
        yield running
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                running.kill()


def open_seeded(url: str, seed_file: Path | None) -> Database:
    db = open_database(url)
    if seed_file is not None:
        report = import_file(db, seed_file, workers=1)
        assert not report.rejected, report.rejected[:3]
    return db


@pytest.fixture(scope="session")
def demo_records(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_file(tmp_path_factory.mktemp("province-demo"))


@pytest.fixture(params=["sqlite", "postgresql"])
def provincial_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database URL for the server: a SQLite file, or a fresh database of the throwaway PostgreSQL."""
    if request.param == "sqlite":
        return database_url(tmp_path / "province", None)
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def provincial(provincial_url: str, demo_records: Path) -> Iterator[Province]:
    db = open_seeded(provincial_url, demo_records)
    try:
        with in_thread(db) as url:
            province = Province(db, url, provincial_url)
            province.tokens = {JINAN: province.token(JINAN), QINGDAO: province.token(QINGDAO)}
            yield province
    finally:
        db.dispose()


def records_of(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
