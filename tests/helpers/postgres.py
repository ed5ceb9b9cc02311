"""A throwaway PostgreSQL cluster for tests and benchmarks: one per session, a fresh database per test.

    def test_x(postgres_url: str) -> None: engine = sqlalchemy.create_engine(postgres_url) ...

`start_cluster()` is the same outside pytest (benchmarks); call `.stop()` when done. Needs the
server binaries (`scripts/install-system-packages.sh` installs Debian's `postgresql`); without them
the fixtures skip with the reason.
"""

from __future__ import annotations

import os
import pwd
import re
import shlex
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from psycopg import sql

USER = "certdesk"
HOST = "127.0.0.1"
START_TIMEOUT_S = 30
BINARIES = ("initdb", "pg_ctl", "postgres")


class PostgresUnavailable(RuntimeError):
    """The cluster could not be started; the message says why (for the skip reason)."""


def find_bin_dir() -> Path:
    """The folder holding initdb, pg_ctl and postgres: PATH first, else Debian's highest version."""
    found = shutil.which("initdb")
    candidates = [Path(os.path.realpath(found)).parent] if found else []
    # Debian keeps the server binaries out of PATH, one folder per major version.
    versioned = Path("/usr/lib/postgresql").glob("*/bin")
    candidates += sorted(versioned, key=lambda p: [int(n) for n in re.findall(r"\d+", p.parent.name)], reverse=True)
    for folder in candidates:
        if all((folder / name).is_file() for name in BINARIES):
            return folder
    raise PostgresUnavailable("initdb/pg_ctl/postgres not found in PATH or /usr/lib/postgresql/*/bin")


def free_port() -> int:
    # The kernel picks a free port; released right away so the server can bind it (a small race).
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


class PostgresCluster:
    """A running cluster on 127.0.0.1:`port`; the superuser `certdesk` needs no password (trust)."""

    def __init__(self, bin_dir: Path, root: Path, port: int, run_as: str | None) -> None:
        self.bin_dir, self.root, self.port, self.run_as = bin_dir, root, port, run_as
        self.data_dir, self.log_file = root / "data", root / "server.log"
        self.running = False

    def url(self, dbname: str) -> str:
        return f"postgresql+psycopg://{USER}@{HOST}:{self.port}/{dbname}"

    def conninfo(self, dbname: str = "postgres") -> str:
        return f"host={HOST} port={self.port} user={USER} dbname={dbname} connect_timeout=5"

    def create_database(self, name: str | None = None) -> str:
        from psycopg import sql  # lazily: only sessions that use PostgreSQL need psycopg

        name = name or f"t_{uuid.uuid4().hex[:16]}"
        self._admin(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return self.url(name)

    def drop_database(self, name: str) -> None:
        from psycopg import sql

        # FORCE ends connections a test left open (a pooled engine), which would block the drop.
        self._admin(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    def stop(self) -> None:
        if self.running:
            # Immediate: the data is thrown away, so a clean checkpoint is wasted time.
            self.run(["pg_ctl", "stop", "-D", str(self.data_dir), "-m", "immediate", "-w"], check=False)
            self.running = False
        shutil.rmtree(self.root, ignore_errors=True)

    def log_tail(self, lines: int = 15) -> str:
        try:
            text = self.log_file.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no server log)"
        return "\n".join(text.splitlines()[-lines:]) or "(server log empty)"

    def run(self, argv: list[str], check: bool = True) -> subprocess.CompletedProcess[str]:
        """Run a PostgreSQL binary, as the `postgres` user when we are root (initdb refuses root)."""
        command = [str(self.bin_dir / argv[0]), *argv[1:]]
        if self.run_as is not None:
            if shutil.which("runuser"):
                command = ["runuser", "-u", self.run_as, "--", *command]
            else:
                command = ["su", self.run_as, "-s", "/bin/sh", "-c", shlex.join(command)]
        # cwd: the server user may not be able to enter ours (/root).
        done = subprocess.run(command, cwd=self.root, capture_output=True, text=True, timeout=120, check=False)
        if check and done.returncode != 0:
            output = (done.stderr or done.stdout).strip()
            raise PostgresUnavailable(f"{argv[0]} exited with {done.returncode}: {output}")
        return done

    def _admin(self, statement: sql.Composed) -> None:
        import psycopg

        # CREATE/DROP DATABASE cannot run inside a transaction block.
        with psycopg.connect(self.conninfo(), autocommit=True) as conn:
            conn.execute(statement)

    def start(self) -> None:
        initdb = ["initdb", "-D", str(self.data_dir), "-A", "trust", "-U", USER, "--encoding=UTF8"]
        try:
            self.run([*initdb, "--locale=C.UTF-8"])
        except PostgresUnavailable:
            # Systems without the C.UTF-8 locale; initdb has already removed the half-made data dir.
            shutil.rmtree(self.data_dir, ignore_errors=True)
            self.run([*initdb, "--locale=C"])
        options = (
            f"-p {self.port} -c listen_addresses={HOST} -c unix_socket_directories={self.root}"
            # Durability is pointless for throwaway data and costs most of the test time.
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        start = ["pg_ctl", "start", "-D", str(self.data_dir), "-l", str(self.log_file), "-o", options]
        self.run([*start, "-p", str(self.bin_dir / "postgres"), "-w", "-t", str(START_TIMEOUT_S)])
        self.running = True
        self._wait_ready()

    def _wait_ready(self) -> None:
        import psycopg

        # pg_ctl -w watches the socket file; the tests connect over TCP, so wait for that too.
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            try:
                psycopg.connect(self.conninfo()).close()
                return
            except psycopg.OperationalError as error:
                if time.monotonic() > deadline:
                    raise PostgresUnavailable(f"no connection on port {self.port}: {error}") from error
                time.sleep(0.1)


def start_cluster() -> PostgresCluster:
    """Start a cluster in a new temp dir; raises PostgresUnavailable (with the log's tail) on failure."""
    try:
        import psycopg  # noqa: F401
    except ImportError as error:
        raise PostgresUnavailable("psycopg is not installed (pip install 'psycopg[binary]')") from error
    bin_dir = find_bin_dir()
    run_as = "postgres" if os.geteuid() == 0 else None
    try:
        account = pwd.getpwnam(run_as) if run_as else None
    except KeyError as error:
        raise PostgresUnavailable("running as root and there is no 'postgres' user for initdb") from error
    root = Path(tempfile.mkdtemp(prefix="certdesk-pg-"))
    if account is not None:
        os.chown(root, account.pw_uid, account.pw_gid)  # initdb and the server run as that user
    cluster = PostgresCluster(bin_dir, root, free_port(), run_as)
    try:
        cluster.start()
    except (PostgresUnavailable, OSError, subprocess.SubprocessError) as error:
        tail = cluster.log_tail()
        cluster.stop()
        raise PostgresUnavailable(f"{error}\n--- server log (last lines) ---\n{tail}") from error
    return cluster


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[PostgresCluster]:
    try:
        cluster = start_cluster()
    except PostgresUnavailable as error:
        pytest.skip(f"PostgreSQL could not be started: {error}")
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def postgres_url(postgres_cluster: PostgresCluster) -> Iterator[str]:
    """A new empty database for this test, dropped afterwards."""
    url = postgres_cluster.create_database()
    yield url
    postgres_cluster.drop_database(url.rsplit("/", 1)[1])
