"""Provincial server benchmark: the sync service with N persons, on SQLite and/or PostgreSQL, against its targets.

    python -m benchmarks.bench_server --persons 1000000 --backend sqlite|postgresql|both
        [--folder /tmp/bench-server] [--seed 1] [--reuse] [--profile FILE]

Setup (timed, not a target): the demo records (`main.py demo-data`, made once per size and seed in
--folder) are loaded by `python -m provincial_server … import` into a fresh database (SQLite in --folder,
or a database of a throwaway PostgreSQL cluster from tests/helpers/postgres.py); the server runs as its
own process (`serve --port 0`, `--workers 1` on SQLite, 2 on PostgreSQL). Then, over HTTP as a desktop:

1. the full snapshot (`GET /v1/snapshot`), streamed, decompressed and its lines counted: ≤ 60 s;
2. 10,000 phone changes with correct old values pushed in batches of 500 (`POST /v1/push`), each
   to another person, by a bureau answering for every unit: all applied, ≤ 30 s;
3. the feed walk of those 10,000 changes (`GET /v1/changes?since=…&limit=1000`, paged): ≤ 5 s;
4. 50 clients at once (a thread each, one bureau token per client for a unit, round robin), each a
   handshake, the feed from 200 changes back, and a push of 20 phone changes to distinct persons of
   its unit: p95 request latency ≤ 200 ms, 0 errors (--spread S starts them evenly over S seconds;
   --then-spread S … runs them again so, each time with other persons);
5. the server's peak resident memory (VmHWM of each server process, /proc): ≤ 500 MB.

--reuse (SQLite) starts from a copy of the database a previous run imported instead of importing
again. --profile FILE runs the hot paths in this process under cProfile after the HTTP phases (the
whole snapshot through `feed.snapshot_lines` + `feed.gzipped`, and `push.apply_changes` of 500 changes)
and writes FILE-<backend>-snapshot.prof / -push.prof with a text summary beside each (.txt).
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import os
import platform
import pstats
import shutil
import sqlite3
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import server_load as load  # noqa: E402
from desktop_app.domain.rules import default_rules  # noqa: E402
from desktop_app.sync.protocol import PushChange  # noqa: E402
from provincial_server import auth, feed, push  # noqa: E402
from provincial_server.db.engine import DATABASE_FILE, open_database  # noqa: E402
from provincial_server.writes import Bureau  # noqa: E402

TARGETS = {"snapshot": 60.0, "push": 30.0, "feed": 5.0, "p95_ms": 200.0, "rss_mb": 500.0}


@dataclass
class Figures:
    backend: str
    setup: list[str] = field(default_factory=list)  # lines about the data and the import
    rows: list[tuple[str, float, float, str, str]] = field(default_factory=list)  # what, value, target, unit, notes
    errors: list[str] = field(default_factory=list)

    def add(self, what: str, value: float, target: float, unit: str, notes: str) -> None:
        self.rows.append((what, value, target, unit, notes))
        verdict = "ok" if value <= target else "MISSED"
        print(f"  {what:<28} {value:>9.1f} {unit:<3} target ≤ {target:g} {unit:<3} {verdict:<7} {notes}", flush=True)

    @property
    def met(self) -> bool:
        return not self.errors and all(value <= target for _w, value, target, _u, _n in self.rows)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))] if ordered else 0.0


def machine() -> str:
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor())
    ram = int(Path("/proc/meminfo").read_text().split()[1]) / 1024**2
    return (f"nproc {os.cpu_count()}, {cpu}, {ram:.0f} GiB RAM, Python {platform.python_version()}, "
            f"SQLite {sqlite3.sqlite_version}, Linux {platform.release()}")


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f}, {five:.2f}, {fifteen:.2f}"


# --- the database -------------------------------------------------------------------------------


@contextlib.contextmanager
def database(backend: str, args: argparse.Namespace, source: Path, figures: Figures) -> Iterator[tuple[list[str], str]]:
    """A database holding the records: (the CLI's `--data`/`--database-url` words, the SQLAlchemy URL)."""
    if backend == "sqlite":
        data = args.folder / f"sqlite-{args.persons}-seed{args.seed}"
        pristine = args.folder / f"sqlite-{args.persons}-seed{args.seed}.imported.sqlite3"
        shutil.rmtree(data, ignore_errors=True)
        data.mkdir(parents=True)
        where = ["--data", str(data)]
        if args.reuse and pristine.exists():
            shutil.copyfile(pristine, data / DATABASE_FILE)
            figures.setup.append(f"import: reused {pristine.name} (imported by an earlier run)")
        else:
            run_import(where, source, args.folder / "import-sqlite.log", figures)
            shutil.copyfile(data / DATABASE_FILE, pristine)
        yield where, f"sqlite:///{data / DATABASE_FILE}"
        return
    import psycopg

    from tests.helpers.postgres import start_cluster

    cluster = start_cluster()
    try:
        url = cluster.create_database("bench")
        with psycopg.connect(cluster.conninfo("bench")) as conn:
            version = str(conn.execute("SHOW server_version").fetchone()[0])  # type: ignore[index]
        figures.setup.append(f"PostgreSQL {version} (throwaway cluster: fsync, synchronous_commit, "
                             "full_page_writes off)")
        where = ["--database-url", url]
        run_import(where, source, args.folder / "import-postgresql.log", figures)
        yield where, url
    finally:
        cluster.stop()


def run_import(where: list[str], source: Path, log: Path, figures: Figures) -> None:
    print(f"  importing {source.name} …", flush=True)
    seconds, summary, rss = load.import_records(where, source, log)
    persons = int(summary.split()[1])
    figures.setup.append(f"import (setup, no target): {seconds:.1f} s, {persons / seconds:,.0f} persons/s, "
                         f"peak RSS {rss:.0f} MB — {summary}")
    print(f"  {figures.setup[-1]}", flush=True)


def make_tokens(url: str, units: list[str]) -> tuple[str, list[str]]:
    """A bureau token for every unit (the bulk push), and one token per unit."""
    db = open_database(url)
    try:
        return auth.create_token(db, units, "基准测试（全省）"), [auth.create_token(db, [u]) for u in units]
    finally:
        db.dispose()


# --- one backend --------------------------------------------------------------------------------


def run_backend(backend: str, args: argparse.Namespace, source: Path) -> Figures:
    workers = args.workers if args.workers else (2 if backend == "postgresql" else 1)
    figures = Figures(backend)
    print(f"\n== {backend}: {args.persons:,} persons, serve --workers {workers}, load average "
          f"{load_average()} ==", flush=True)
    units = [u.name for u in default_rules().units]
    client_units = [units[i % len(units)] for i in range(args.clients)]
    with database(backend, args, source, figures) as (where, url):
        rounds = [args.spread, *args.then_spread]  # one crowd per entry, each with persons of its own
        bulk, pools = load.pick_targets(source, args.changes, client_units * len(rounds), args.per_client)
        everyone, unit_tokens = make_tokens(url, units)
        tokens = [unit_tokens[units.index(u)] for u in client_units]
        figures.setup.append(f"server: serve --workers {workers}; load average before the HTTP phases "
                             f"{load_average()}")
        with load.server(where, args.folder / f"server-{backend}.log", workers) as srv:
            peaks = http_phases(srv, everyone, bulk, tokens, pools, args, figures)
        rss = max(peaks["at the end"].values())
        total = sum(peaks["at the end"].values())
        by_phase = ", ".join(f"after {phase} {max(p.values()):.0f}" for phase, p in peaks.items()
                             if phase != "at the end")
        figures.add("server peak RSS", rss, TARGETS["rss_mb"], "MB",
                    f"largest of {len(peaks['at the end'])} processes (sum {total:.0f} MB); {by_phase}")
        figures.setup.append(f"load average after the HTTP phases {load_average()}")
        if args.profile:
            profile(url, bulk, units, args.profile, backend)
    return figures


def http_phases(srv: load.Server, everyone: str, bulk: list[load.Target], tokens: list[str],
                pools: list[list[load.Target]], args: argparse.Namespace,
                figures: Figures) -> dict[str, dict[int, float]]:
    peaks: dict[str, dict[int, float]] = {"start": srv.peak_rss_mb()}
    shot = load.snapshot(srv.url, everyone)
    figures.errors += [f"snapshot: {p}" for p in shot.problems]
    figures.add("snapshot", shot.seconds, TARGETS["snapshot"], "s",
                f"{shot.lines:,} persons, {shot.gzip_bytes / 1e6:,.0f} MB gzip → {shot.ndjson_bytes / 1e6:,.0f} MB "
                f"NDJSON, {shot.lines / shot.seconds:,.0f} persons/s")
    peaks["snapshot"] = srv.peak_rss_mb()

    statuses: Counter[str] = Counter()
    with load.client(srv.url, everyone) as http:
        since = load.handshake(http)
        started = time.perf_counter()
        for first in range(0, len(bulk), args.batch):
            done, _high = load.push(http, bulk[first:first + args.batch], "基准测试")
            statuses.update(done)
        seconds = time.perf_counter() - started
        if statuses["applied"] != len(bulk):
            figures.errors.append(f"push: {dict(statuses)}")
        figures.add(f"push {len(bulk):,} changes", seconds, TARGETS["push"], "s",
                    f"batches of {args.batch}, {len(bulk) / seconds:,.0f} changes/s; {dict(statuses)}")
        peaks["push"] = srv.peak_rss_mb()

        started = time.perf_counter()
        items, pages = load.feed_walk(http, since, args.feed_limit)
        seconds = time.perf_counter() - started
        if items != statuses["applied"]:
            figures.errors.append(f"feed walk: {items} items after {statuses['applied']} applied changes")
        figures.add(f"feed walk {items:,}", seconds, TARGETS["feed"], "s",
                    f"{pages} pages of ≤ {args.feed_limit}, {items / seconds:,.0f} items/s")
        peaks["feed walk"] = srv.peak_rss_mb()

    for number, spread in enumerate([args.spread, *args.then_spread]):
        crowd = load.crowd(srv.url, tokens, pools[number * len(tokens):(number + 1) * len(tokens)],
                           args.pull_back, 500, spread)
        every = [t for values in crowd.latencies.values() for t in values]
        figures.errors += crowd.errors
        kinds = ", ".join(f"{kind} p95 {percentile(v, 0.95) * 1000:.0f}" for kind, v in crowd.latencies.items())
        over = f" over {spread:g} s" if spread else ""
        figures.add(f"{len(tokens)} clients{over} p95", percentile(every, 0.95) * 1000, TARGETS["p95_ms"], "ms",
                    f"{'started evenly' + over if spread else 'started together'}; p50 "
                    f"{statistics.median(every) * 1000:.0f}, max {max(every) * 1000:.0f} ms; {kinds} ms; "
                    f"{len(every)} requests in {crowd.seconds:.1f} s; {len(crowd.errors)} errors")
        for error in crowd.errors[:5]:
            print(f"    {error}")
        peaks[f"clients{over}"] = srv.peak_rss_mb()
    peaks["at the end"] = srv.peak_rss_mb()
    return peaks


# --- the profile --------------------------------------------------------------------------------


def profile(url: str, bulk: list[load.Target], units: list[str], stem: Path, backend: str) -> None:
    """The snapshot stream and a push of 500 changes in this process, each under cProfile."""
    db = open_database(url)
    try:
        profiler = cProfile.Profile()
        header = feed.snapshot_start(db)
        started = time.perf_counter()
        profiler.enable()
        size = sum(len(chunk) for chunk in feed.gzipped(feed.snapshot_lines(db, header)))
        profiler.disable()
        report(profiler, stem, backend, "snapshot", f"{header.count:,} persons, {size / 1e6:.0f} MB gzip, "
               f"{time.perf_counter() - started:.1f} s under cProfile")
        targets = bulk[:500]
        changes = [PushChange.model_validate(c) for c in load.phone_changes(targets, "基准测试")[0]]
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.enable()
        results = push.apply_changes(db, Bureau("基准测试（全省）", frozenset(units)), changes, default_rules())
        profiler.disable()
        statuses = Counter(r.status.value for r in results)
        report(profiler, stem, backend, "push", f"{len(changes)} changes {dict(statuses)}, "
               f"{time.perf_counter() - started:.1f} s under cProfile")
    finally:
        db.dispose()


def report(profiler: cProfile.Profile, stem: Path, backend: str, what: str, title: str) -> None:
    path = stem.with_name(f"{stem.name}-{backend}-{what}.prof")
    profiler.dump_stats(path)
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    text.write(f"{what} on {backend}: {title}\n")
    stats.sort_stats("tottime").print_stats(30)
    stats.sort_stats("cumulative").print_stats(40)
    path.with_suffix(".txt").write_text(text.getvalue(), encoding="utf-8")
    print(f"  profile of the {what} ({title}): {path} (+ .txt)")


# --- main ---------------------------------------------------------------------------------------


def summary(all_figures: list[Figures]) -> None:
    print("\n| figure | target | " + " | ".join(f.backend for f in all_figures) + " |")
    print("|---|---:|" + "---:|" * len(all_figures))
    for index, (what, _value, target, unit, _notes) in enumerate(all_figures[0].rows):
        cells = []
        for f in all_figures:
            value = f.rows[index][1] if index < len(f.rows) else float("nan")
            cells.append(f"{value:,.1f} {unit}" if value <= target else f"**{value:,.1f} {unit}** (missed)")
        print(f"| {what} | ≤ {target:g} {unit} | " + " | ".join(cells) + " |")
    for f in all_figures:
        print(f"\n{f.backend}:")
        for line in f.setup:
            print(f"- {line}")
        for what, _v, _t, _u, notes in f.rows:
            print(f"- {what}: {notes}")
        print(f"- errors: {len(f.errors)}" + "".join(f"\n  - {e}" for e in f.errors[:10]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--folder", type=Path, default=Path("/tmp/bench-server"),
                        help="the demo records, the SQLite database and the logs (kept between runs)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reuse", action="store_true", help="SQLite: start from the database an earlier run imported")
    parser.add_argument("--workers", type=int, default=0, help="server processes (default: SQLite 1, PostgreSQL 2)")
    parser.add_argument("--changes", type=int, default=10_000, help="changes pushed, then walked in the feed")
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--feed-limit", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--per-client", type=int, default=20, help="changes each concurrent client pushes")
    parser.add_argument("--pull-back", type=int, default=200, help="how far behind the high-water clients pull from")
    parser.add_argument("--spread", type=float, default=0.0,
                        help="start the concurrent clients evenly over this many seconds (default: all at once)")
    parser.add_argument("--then-spread", type=float, nargs="*", default=[], metavar="S",
                        help="run the concurrent clients again (other persons), started evenly over S seconds")
    parser.add_argument("--profile", type=Path, metavar="FILE", help="write cProfile files FILE-<backend>-….prof")
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    started = time.strftime("%Y-%m-%d %H:%M")
    print(f"{started}, {machine()}\nload average {load_average()}", flush=True)
    source, seconds = load.demo_file(args.folder, args.persons, args.seed)
    made = f"generated in {seconds:.1f} s" if seconds is not None else "reused"
    print(f"records: {source} ({source.stat().st_size / 1e6:,.0f} MB, {made})", flush=True)
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    all_figures = [run_backend(backend, args, source) for backend in backends]
    summary(all_figures)
    return 0 if all(f.met for f in all_figures) else 1


if __name__ == "__main__":
    sys.exit(main())
