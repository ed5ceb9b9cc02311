"""The pieces of `benchmarks/kill_trials.py`: the server as its own process (killable), a desk's `certdesk`
runs whose progress is read through a pseudo-terminal, and the checks on a desk's cache (the proxy of
phase D is `benchmarks/kill_proxy.py`).

A `certdesk sync` run prints `phase done/total` to stderr only when it is a terminal, so each run gets a
pty as stderr: its lines tell which step the run is in (snapshot, feed, push) and when each page or
batch was committed, which is where the kills are aimed.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import select
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ANNOUNCEMENT = "CertDesk provincial server on "
START_TIMEOUT_S = 120
CACHE_FILE = "certdesk.sqlite3"
SERVER_FILE = "provincial.sqlite3"
_PROGRESS = re.compile(rb"^(snapshot|feed|push) (\d+)/(\d+)")


def desk_env() -> dict[str, str]:
    return {**os.environ, "CERTDESK_NO_KEYRING": "1", "PYTHONIOENCODING": "utf-8"}


def provincial(folder: Path, *args: str, timeout: float = 600) -> str:
    """`python -m provincial_server --data FOLDER ARGS…`; its stdout (a failure raises)."""
    done = subprocess.run([sys.executable, "-m", "provincial_server", "--data", str(folder), *args], cwd=ROOT,
                          text=True, capture_output=True, timeout=timeout, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"provincial_server {args[0]} failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    return done.stdout


# --- the server ---------------------------------------------------------------------------------


@dataclass
class Server:
    """`python -m provincial_server --data FOLDER serve --port 0`: started, killed (SIGKILL), restarted."""
    folder: Path
    log: Path
    process: subprocess.Popen[bytes] | None = None
    url: str = ""
    starts: int = 0

    def start(self) -> str:
        self.starts += 1
        log = self.log.with_name(f"{self.log.stem}-{self.starts}{self.log.suffix}")
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "provincial_server", "--data", str(self.folder), "serve", "--port", "0"],
                cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            text = log.read_text(encoding="utf-8", errors="replace")
            found = [ln[len(ANNOUNCEMENT):].strip() for ln in text.splitlines() if ln.startswith(ANNOUNCEMENT)]
            if found:
                self.url = found[0]
                return self.url
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.kill()
                raise RuntimeError(f"the server did not start:\n{text[-2000:]}")
            time.sleep(0.05)

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        if self.process is not None:
            self.process.wait(30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.kill()

    def damage(self) -> list[str]:
        with closing(sqlite3.connect(self.folder / SERVER_FILE, timeout=30)) as conn:
            return [row[0] for row in conn.execute("PRAGMA integrity_check") if row[0] != "ok"]

    def query(self, sql: str, *params: object) -> list[tuple[Any, ...]]:
        with closing(sqlite3.connect(self.folder / SERVER_FILE, timeout=30)) as conn:
            return conn.execute(sql, params).fetchall()


def descendants(pid: int) -> list[int]:
    found: list[int] = []
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            found += [int(p) for p in (task / "children").read_text().split()]
    return found + [grandchild for child in found for grandchild in descendants(child)]


def running(pid: int) -> bool:
    """Alive and not a zombie."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")[:160]
    except OSError:
        return f"pid {pid}"


# --- a desk's runs ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Event:
    """One progress line: when (seconds after the run started), the step, and which pull it belongs to
    (1: the pull before the push, 2: the pull after it)."""
    at: float
    phase: str
    done: int
    total: int
    pull: int


class DeskRun:
    """`main.py --data-dir D ARGS…` in a subprocess, its stderr a pty read by a thread."""

    def __init__(self, data_dir: Path, *args: str) -> None:
        master, slave = os.openpty()
        self.started = time.monotonic()
        self.proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--data-dir", str(data_dir), *args],
                                     cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=slave,
                                     env=desk_env())
        os.close(slave)
        self.events: list[Event] = []
        self.stderr = b""
        self.stdout = b""
        self.ended: float | None = None  # seconds after the start, when it exited
        self.killed_at: float | None = None
        self.orphans: list[str] = []  # processes it started that outlived its kill (their command lines)
        self._changed = threading.Condition()
        self._readers = [threading.Thread(target=self._pump, args=(master,), daemon=True),
                         threading.Thread(target=self._drain, daemon=True)]
        for thread in [*self._readers, threading.Thread(target=self._wait, daemon=True)]:
            thread.start()

    def now(self) -> float:
        return time.monotonic() - self.started

    def _drain(self) -> None:
        assert self.proc.stdout is not None
        self.stdout = self.proc.stdout.read()

    def _pump(self, master: int) -> None:
        rest = b""
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # EIO: the child and every holder of the terminal are gone
                chunk = b""
            if not chunk:
                break
            *pieces, rest = re.split(rb"[\r\n]", rest + chunk)
            if rest and not select.select([master], [], [], 0.02)[0]:
                pieces, rest = [*pieces, rest], b""  # a progress line starts with \r: it is whole once quiet
            for piece in pieces:
                self._line(piece)
        self._line(rest)
        os.close(master)

    def _wait(self) -> None:
        self.proc.wait()
        with self._changed:
            self.ended = self.now()
            self._changed.notify_all()

    def _line(self, piece: bytes) -> None:
        found = _PROGRESS.match(piece.strip())
        rest = piece.strip()[found.end():] if found else piece.strip()
        if rest:  # a message after a progress line is printed on the same line
            self.stderr += rest + b"\n"
        if not found:
            return
        phase, done, total = found.group(1).decode(), int(found.group(2)), int(found.group(3))
        last = self.events[-1] if self.events else None
        pull = last.pull if last else 1
        if last is not None and phase == "feed" and (last.phase == "push" or (
                last.phase == "feed" and last.done >= last.total)):
            pull += 1  # a feed line after the push, or after a finished feed: the next pull
        with self._changed:
            self.events.append(Event(self.now(), phase, done, total, pull))
            self._changed.notify_all()

    def wait_event(self, test: Callable[[Event], bool], nth: int = 1, timeout: float = 600) -> Event | None:
        """The `nth` event passing `test` (waiting for it); None if the run ends (or times out) first."""
        deadline = time.monotonic() + timeout
        seen = passed = 0
        with self._changed:
            while True:
                for event in self.events[seen:]:
                    passed += test(event)
                    if passed >= nth:
                        return event
                seen = len(self.events)
                if self.ended is not None or time.monotonic() > deadline:
                    return None
                self._changed.wait(0.2)

    def kill_at(self, at: float) -> bool:
        """SIGKILL at `at` seconds after the start; True when it was still running (the kill landed)."""
        with self._changed:
            while self.ended is None and self.now() < at:
                self._changed.wait(min(0.05, max(0.001, at - self.now())))
            alive = self.ended is None and self.proc.poll() is None
            if alive:
                children = descendants(self.proc.pid)
                os.kill(self.proc.pid, signal.SIGKILL)
                self.killed_at = self.now()
        self.proc.wait(60)
        if alive:
            self._bury(children)
        for reader in self._readers:
            reader.join(30)
        return alive

    def _bury(self, children: list[int], grace_s: float = 10) -> None:
        """The processes the killed run had started must end by themselves (within `grace_s`); those that
        do not are noted and killed, so the next run does not compete with them."""
        deadline = time.monotonic() + grace_s
        while (left := [pid for pid in children if running(pid)]) and time.monotonic() < deadline:
            time.sleep(0.1)
        for pid in left:
            self.orphans.append(command_line(pid))
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)

    def finish(self, timeout: float = 900) -> int:
        self.proc.wait(timeout)
        for reader in self._readers:
            reader.join(30)
        return int(self.proc.returncode)


@dataclass
class Desk:
    data_dir: Path
    runs: int = 0

    @property
    def cache(self) -> Path:
        return self.data_dir / CACHE_FILE

    def start(self, *args: str) -> DeskRun:
        self.runs += 1
        return DeskRun(self.data_dir, *args)

    def cli(self, *args: str, timeout: float = 900) -> subprocess.CompletedProcess[str]:
        self.runs += 1
        return subprocess.run([sys.executable, str(ROOT / "main.py"), "--data-dir", str(self.data_dir), *args],
                              cwd=ROOT, capture_output=True, text=True, timeout=timeout, env=desk_env())

    def sync(self, *args: str) -> tuple[int, dict[str, Any], str]:
        done = self.cli("sync", *args, "--json")
        report = json.loads(done.stdout) if done.stdout.strip().startswith("{") else {}
        return done.returncode, report, done.stderr.strip()

    def query(self, sql: str, *params: object) -> list[tuple[Any, ...]]:
        with closing(sqlite3.connect(self.cache, timeout=30)) as conn:
            return conn.execute(sql, params).fetchall()

    def damage(self) -> list[str]:
        """What is wrong with the cache after a kill: integrity_check and foreign_key_check findings."""
        if not self.cache.exists():
            return []  # killed before it made one
        with closing(sqlite3.connect(self.cache, timeout=30)) as conn:
            found = [row[0] for row in conn.execute("PRAGMA integrity_check") if row[0] != "ok"]
            found += [f"foreign key: {row}" for row in conn.execute("PRAGMA foreign_key_check")]
        return found

    def state(self, key: str) -> str | None:
        """A value of the cache's sync_state (epoch, cursor, …), None when unset or no cache yet."""
        if not self.cache.exists():
            return None
        try:
            rows = self.query("SELECT value FROM sync_state WHERE key = ?", key)
        except sqlite3.OperationalError:  # killed before its tables were made
            return None
        return str(rows[0][0]) if rows else None

    def cursor(self) -> int | None:
        value = self.state("cursor")
        return int(value) if value is not None else None

    def unsettled(self) -> int:
        """Outbox entries not settled yet (0 without a cache)."""
        if not self.cache.exists():
            return 0
        try:
            return int(self.query("SELECT count(*) FROM outbox WHERE settled_at IS NULL")[0][0])
        except sqlite3.OperationalError:  # killed before its tables were made
            return 0
