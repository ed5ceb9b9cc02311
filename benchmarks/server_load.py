"""The pieces of `benchmarks/bench_server.py`: demo data, the server as its own process, and the HTTP clients.

Every client speaks the protocol as a desktop does (`CertDesk-Protocol: 1`, a bearer token, httpx) and
checks what it gets: the snapshot's header and trailer counts, the feed's item count, one result per
pushed change. A status other than 200, a change not `applied`, or a wrong count is an error.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
import zlib
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from desktop_app.sync.protocol import PROTOCOL_HEADER, PROTOCOL_MAX

ROOT = Path(__file__).resolve().parent.parent
ANNOUNCEMENT = "CertDesk provincial server on "
START_TIMEOUT_S = 120
TIMEOUT = httpx.Timeout(300.0, connect=30.0)


@dataclass
class Target:
    """A person a client changes: the phone it has now on the server (kept current as changes apply)."""
    id_number: str
    phone: str | None
    changes: int = 0


def demo_file(folder: Path, persons: int, seed: int) -> tuple[Path, float | None]:
    """The demo records (`main.py demo-data`), made once per size and seed: (file, seconds, None if reused)."""
    path = folder / f"persons-{persons}-seed{seed}.jsonl"
    if path.exists():
        return path, None
    started = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "main.py"), "demo-data", "--size", str(persons), "--seed", str(seed),
                    "-o", str(path)], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return path, time.perf_counter() - started


def pick_targets(path: Path, push_count: int, units: list[str], per_client: int
                 ) -> tuple[list[Target], list[list[Target]]]:
    """Distinct persons from the records file: `push_count` for the bulk push (any unit), then `per_client`
    for each concurrent client holding a certificate of that client's unit (`units[i]`)."""
    bulk: list[Target] = []
    pools: list[list[Target]] = [[] for _ in units]
    open_clients = set(range(len(units)))
    with path.open("rb") as handle:
        for raw in handle:
            doc = json.loads(raw)
            target = Target(doc["id_number"], doc.get("phone"))
            if len(bulk) < push_count:
                bulk.append(target)
                continue
            held = {c["issuer_unit"] for c in doc["certificates"]}
            client = next((i for i in sorted(open_clients) if units[i] in held), None)
            if client is not None:
                pools[client].append(target)
                if len(pools[client]) == per_client:
                    open_clients.discard(client)
            if not open_clients:
                return bulk, pools
    short = sorted({units[i] for i in open_clients})
    raise SystemExit(f"{path.name} has too few persons: {len(bulk)} for the push, none left for {short}")


def provincial(where: list[str], *args: str) -> str:
    """`python -m provincial_server <where> ARGS…`; its stdout (exit status checked)."""
    done = subprocess.run([sys.executable, "-m", "provincial_server", *where, *args], cwd=ROOT, text=True,
                          capture_output=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"provincial_server {' '.join(args[:1])} failed ({done.returncode}): {done.stderr.strip()}")
    return done.stdout


def import_records(where: list[str], path: Path, log: Path) -> tuple[float, str, float]:
    """The `import` command: (seconds, its summary line, peak RSS in MB of the importer and its parsers)."""
    started = time.perf_counter()
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "provincial_server", *where, "import", str(path)],
                                   cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    _pid, status, usage = os.wait4(process.pid, 0)  # its rusage covers the parser processes it waited for
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    text = log.read_text(encoding="utf-8", errors="replace").strip()
    if process.returncode != 0:
        raise SystemExit(f"import failed ({process.returncode}): {text[-500:]}")
    return seconds, text.splitlines()[-1], usage.ru_maxrss / 1024


# --- the server process -------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            found += [int(p) for p in (task / "children").read_text().split()]
    except OSError:
        pass
    return found + [grandchild for child in found for grandchild in _children(child)]


def _status_kb(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    url: str
    log: Path

    def peak_rss_mb(self) -> dict[int, float]:
        """VmHWM (peak resident set) of the server and each of its worker processes, MB."""
        pids = [self.process.pid, *_children(self.process.pid)]
        return {pid: _status_kb(pid, "VmHWM") / 1024 for pid in pids}


@contextmanager
def server(where: list[str], log: Path, workers: int) -> Iterator[Server]:
    """`python -m provincial_server <where> serve --port 0 --workers N`, output to `log`; stopped with SIGTERM."""
    command = [sys.executable, "-m", "provincial_server", *where, "serve", "--port", "0", "--workers", str(workers)]
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + START_TIMEOUT_S
    url = None
    while url is None:
        text = log.read_text(encoding="utf-8", errors="replace")
        url = next((ln[len(ANNOUNCEMENT):].strip() for ln in text.splitlines() if ln.startswith(ANNOUNCEMENT)), None)
        if url is None and (process.poll() is not None or time.monotonic() > deadline):
            process.kill()
            raise SystemExit(f"the server did not start:\n{text[-2000:]}")
        time.sleep(0.05)
    running = Server(process, url, log)
    if workers > 1:  # the socket listens before the workers run: wait until they answer
        wait_ready(url)
    try:
        yield running
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(10)


def wait_ready(url: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        try:
            httpx.get(url + "/v1/handshake", timeout=5)  # 4xx without a token: it answers
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit("the server's workers did not answer")


def client(url: str, token: str) -> httpx.Client:
    headers = {PROTOCOL_HEADER: str(PROTOCOL_MAX), "Authorization": f"Bearer {token}"}
    return httpx.Client(base_url=url, headers=headers, timeout=TIMEOUT)


# --- the workloads ------------------------------------------------------------------------------


@dataclass
class Snapshot:
    seconds: float
    lines: int  # records, header and trailer left out
    gzip_bytes: int
    ndjson_bytes: int
    problems: list[str]


def snapshot(url: str, token: str) -> Snapshot:
    """`GET /v1/snapshot` streamed, decompressed and its lines counted as they arrive."""
    started = time.perf_counter()
    inflate = zlib.decompressobj(31)
    newlines = gzip_bytes = ndjson_bytes = 0
    first, tail = b"", b""
    with client(url, token) as http, http.stream("GET", "/v1/snapshot") as answer:
        if answer.status_code != 200:
            return Snapshot(time.perf_counter() - started, 0, 0, 0, [f"status {answer.status_code}"])
        for chunk in answer.iter_raw(1 << 20):
            gzip_bytes += len(chunk)
            data = inflate.decompress(chunk)
            ndjson_bytes += len(data)
            newlines += data.count(b"\n")
            if len(first) < 4096:
                first += data[:4096]
            tail = (tail + data)[-4096:]
        data = inflate.flush()
        newlines, ndjson_bytes, tail = newlines + data.count(b"\n"), ndjson_bytes + len(data), (tail + data)[-4096:]
    seconds = time.perf_counter() - started
    header = json.loads(first.split(b"\n", 1)[0])
    trailer = json.loads(tail.rstrip(b"\n").rsplit(b"\n", 1)[-1])
    lines = newlines - 2
    problems = [] if header["count"] == trailer.get("count") == lines and trailer.get("end") else [
        f"header count {header['count']}, trailer {trailer}, {lines} lines"]
    return Snapshot(seconds, lines, gzip_bytes, ndjson_bytes, problems)


def new_phone(target: Target) -> str:
    target.changes += 1
    digits = int(target.id_number[6:14]) * 7 + target.changes * 7_919  # any valid mobile, not the current one
    phone = f"13{digits % 10**9:09d}"
    return phone if phone != target.phone else f"15{digits % 10**9:09d}"


def phone_changes(targets: list[Target], operator: str) -> tuple[list[dict[str, Any]], list[str]]:
    """One phone change per target, from its current phone (so each applies); and the new phones."""
    now = dt.datetime.now(dt.UTC).isoformat()
    changes, phones = [], []
    for target in targets:
        phone = new_phone(target)
        changes.append({"change_id": str(uuid.uuid4()), "entity": "person", "key": target.id_number,
                        "base_version": 1, "fields": [{"field": "phone", "old": target.phone, "new": phone}],
                        "operator": operator, "made_at": now, "reason": "基准测试"})
        phones.append(phone)
    return changes, phones


def push(http: httpx.Client, targets: list[Target], operator: str) -> tuple[Counter[str], int]:
    """`POST /v1/push` of one phone change per target: (statuses, the high-water after). Applied ones move on."""
    changes, phones = phone_changes(targets, operator)
    answer = http.post("/v1/push", json={"changes": changes})
    if answer.status_code != 200:
        return Counter({f"HTTP {answer.status_code}": len(targets)}), 0
    body = answer.json()
    statuses: Counter[str] = Counter()
    for result in body["results"]:
        statuses[result["status"]] += 1
        if result["status"] == "applied":
            targets[result["index"]].phone = phones[result["index"]]
    return statuses, int(body["high_water"])


def handshake(http: httpx.Client) -> int:
    answer = http.get("/v1/handshake")
    answer.raise_for_status()
    return int(answer.json()["high_water"])


def feed_walk(http: httpx.Client, since: int, limit: int, timings: list[float] | None = None) -> tuple[int, int]:
    """`GET /v1/changes` from `since` until `has_more` is false: (items, pages)."""
    items = pages = 0
    while True:
        started = time.perf_counter()
        answer = http.get("/v1/changes", params={"since": since, "limit": limit})
        answer.raise_for_status()
        page = answer.json()
        if timings is not None:
            timings.append(time.perf_counter() - started)
        items, pages, since = items + len(page["items"]), pages + 1, page["next_since"]
        if not page["has_more"]:
            return items, pages


@dataclass
class Crowd:
    seconds: float
    latencies: dict[str, list[float]] = field(default_factory=dict)  # request kind → seconds each
    errors: list[str] = field(default_factory=list)


def crowd(url: str, tokens: list[str], pools: list[list[Target]], pull_back: int, limit: int,
          spread: float = 0.0) -> Crowd:
    """Each client at once (a thread each, released together; with `spread`, client n starts n·spread/N s
    later): handshake, the feed from `high - pull_back`, a push of one change to each person of its pool.
    Every request's latency is kept."""
    result = Crowd(0.0, {"handshake": [], "pull": [], "push": []})
    lock = threading.Lock()
    gate = threading.Barrier(len(tokens) + 1)

    def one(token: str, pool: list[Target], n: int) -> None:
        with client(url, token) as http:
            times: dict[str, list[float]] = {"handshake": [], "pull": [], "push": []}
            try:
                try:
                    handshake(http)  # connected before the gate: the figures are requests, not TCP set-up
                finally:
                    gate.wait()
                time.sleep(n * spread / len(tokens))
                started = time.perf_counter()
                high = handshake(http)
                times["handshake"].append(time.perf_counter() - started)
                feed_walk(http, max(0, high - pull_back), limit, times["pull"])
                started = time.perf_counter()
                statuses, _ = push(http, pool, f"窗口{n:02d}")
                times["push"].append(time.perf_counter() - started)
                if statuses["applied"] != len(pool):
                    raise RuntimeError(f"push: {dict(statuses)}")
            except (httpx.HTTPError, RuntimeError, KeyError, ValueError) as exc:
                with lock:
                    result.errors.append(f"client {n}: {type(exc).__name__}: {exc}"[:300])
            with lock:
                for kind, values in times.items():
                    result.latencies[kind] += values

    threads = [threading.Thread(target=one, args=(t, p, n), daemon=True)
               for n, (t, p) in enumerate(zip(tokens, pools, strict=True))]
    for thread in threads:
        thread.start()
    gate.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - started
    return result
