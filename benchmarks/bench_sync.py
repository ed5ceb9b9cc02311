"""Sync benchmark: the desktop's first sync of N persons over loopback, then incremental work.

    python -m benchmarks.bench_sync --persons 1000000 [--folder DIR] [--changes 10000] [--first-only]
                                    [--no-floor] [--profile FILE]

A real provincial server (`python -m provincial_server … serve`, SQLite) holds N demo persons; a
fresh desk runs `certdesk sync` as its own process (wall time and peak RSS from wait4), then, in this
process through the engine: a pull of `--changes` persons changed at the province, a push of
`--changes` local corrections, and a sync with nothing to do. Targets (issue 12): first sync ≤ 180 s
and ≤ 500 MB RSS, incremental pull ≤ 10 s, push ≤ 30 s, nothing to do ≤ 1 s.

Issue 16 judges the first sync as a ratio to the import's floor on the same records (import_floor.py:
the province's JSONL parsed with json.loads and bulk-inserted into two bare tables, one process, best
of 3), measured in the same run: target ≤ 2.5×. --profile FILE runs the first sync's process under
cProfile (read with `python -m pstats FILE`) and prints its top functions by own time.
"""

from __future__ import annotations

import argparse
import json
import os
import pstats
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.import_floor import floor_times  # noqa: E402
from desktop_app.domain.rules import default_rules  # noqa: E402
from desktop_app.services import edits  # noqa: E402
from desktop_app.store.engine import open_cache  # noqa: E402
from desktop_app.store.locking import write_session  # noqa: E402
from desktop_app.store.models import Person  # noqa: E402
from desktop_app.sync.client import SyncClient  # noqa: E402
from desktop_app.sync.engine import SyncEngine  # noqa: E402
from provincial_server import admin, auth  # noqa: E402
from provincial_server.db.engine import database_url, open_database  # noqa: E402
from tests.helpers.provincial import server_process  # noqa: E402

TARGETS = {"first sync": 180.0, "incremental pull": 10.0, "push": 30.0, "nothing to do": 1.0}
FLOOR_TARGET = 2.5  # the first sync against the import's floor (issue 16)
FLOOR_RUNS = 3
PROFILE_TOP = 25


def _records(folder: Path, persons: int) -> Path:
    """The province's records as JSONL (demo data, seed 7): what the server imports and the floor loads."""
    source = folder / f"persons-{persons}.jsonl"
    if not source.exists():
        subprocess.run([sys.executable, str(ROOT / "main.py"), "demo-data", "--size", str(persons), "--seed", "7",
                        "-o", str(source)], check=True)
    return source


def _province(folder: Path, persons: int) -> Path:
    data = folder / f"province-{persons}"
    if (data / "provincial.sqlite3").exists():
        return data
    source = _records(folder, persons)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "provincial_server", "--data", str(data), "import", str(source)],
                   check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    print(f"province     {persons} persons imported in {time.perf_counter() - started:.0f} s (setup)")
    return data


def _floor(source: Path, folder: Path) -> float:
    """The import's floor on the province's records: the best of FLOOR_RUNS."""
    times = floor_times(source, folder, FLOOR_RUNS)
    print(f"floor        {min(times):.1f} s, best of {FLOOR_RUNS} ({', '.join(f'{t:.1f}' for t in times)}; "
          f"the same records, json.loads + executemany into two bare tables, one process)")
    return min(times)


def _first_sync(desk: Path, url: str, token: str, profile: Path | None) -> tuple[float, float, dict[str, object]]:
    env = {**os.environ, "CERTDESK_NO_KEYRING": "1"}
    profiler = ["-m", "cProfile", "-o", str(profile)] if profile else []
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, *profiler, str(ROOT / "main.py"), "--data-dir", str(desk), "sync",
                                "--server", url, "--token", token, "--json"], stdout=subprocess.PIPE, env=env)
    assert process.stdout is not None
    out = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in (0, 3):
        sys.exit(f"first sync failed: {out!r}")
    return seconds, usage.ru_maxrss / 1024, json.loads(out)


def _province_edits(data: Path, count: int) -> None:
    db = open_database(database_url(data, None))
    rules = default_rules()
    try:
        with db.read.connect() as conn:
            ids = [r[0] for r in conn.exec_driver_sql(
                "SELECT id_number FROM persons WHERE deleted = 0 ORDER BY id DESC LIMIT ?", (count,))]
        for n, id_number in enumerate(ids):
            admin.edit(db, rules, id_number, {"major": f"省级修改{n}"})
    finally:
        db.dispose()


def _local_edits(desk: Path, count: int) -> int:
    cache = open_cache(desk)
    try:
        with write_session(cache) as session, session.begin():
            people = session.query(Person).filter(Person.position.is_not(None), Person.title.is_not(None)) \
                .order_by(Person.id).limit(count).all()
            for n, person in enumerate(people):
                edits.save_person_in(session, person, None, {"education": "本科" if n % 2 else "大专"}, "基准",
                                     outbox_id=False)
        return len(people)
    finally:
        cache.close()


def _timed_sync(desk: Path, url: str, token: str) -> tuple[float, object]:
    cache = open_cache(desk)
    try:
        started = time.perf_counter()
        with SyncClient(url, token) as client:
            report = SyncEngine(cache, client, "基准").run()
        return time.perf_counter() - started, report
    finally:
        cache.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=20000)
    parser.add_argument("--changes", type=int, default=10000)
    parser.add_argument("--folder", type=Path, default=Path("/tmp/bench-sync"))
    parser.add_argument("--first-only", action="store_true", help="only the first sync (and its floor)")
    parser.add_argument("--no-floor", action="store_true", help="skip the floor (no ratio is printed)")
    parser.add_argument("--profile", type=Path, help="write the first sync's cProfile statistics to this file")
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    data = _province(args.folder, args.persons)
    db = open_database(database_url(data, None))
    token = auth.create_token(db, [u.name for u in default_rules().units], "基准")
    db.dispose()
    desk = args.folder / f"desk-{time.time_ns()}"
    print(f"machine      {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    floor = None if args.no_floor else _floor(_records(args.folder, args.persons), args.folder)
    figures: dict[str, float] = {}
    with server_process(["--data", str(data)]) as server:
        seconds, rss, report = _first_sync(desk, server.url, token, args.profile)
        figures["first sync"] = seconds
        print(f"first sync   {report['pulled']} persons in {seconds:.1f} s ({int(report['pulled']) / seconds:,.0f}/s), "
              f"client peak RSS {rss:.0f} MB (target ≤ 500), verified {report['verified']}")
        if floor is not None:
            print(f"ratio        {seconds / floor:.1f}x the floor (target: at most {FLOOR_TARGET}x)")
        if args.profile:
            print(f"profile      written to {args.profile}; top {PROFILE_TOP} by own time:")
            pstats.Stats(str(args.profile)).sort_stats("tottime").print_stats(PROFILE_TOP)
        if args.first_only:
            return 0
        _province_edits(data, args.changes)
        seconds, pulled = _timed_sync(desk, server.url, token)
        figures["incremental pull"] = seconds
        print(f"incremental  {pulled.pulled} changed persons pulled in {seconds:.1f} s")  # type: ignore[attr-defined]
        queued = _local_edits(desk, args.changes)
        seconds, pushed = _timed_sync(desk, server.url, token)
        figures["push"] = seconds
        print(f"push         {queued} queued, {pushed.applied} applied in {seconds:.1f} s")  # type: ignore[attr-defined]
        seconds, _idle = _timed_sync(desk, server.url, token)
        figures["nothing to do"] = seconds
    for name, seconds in figures.items():
        verdict = "ok" if seconds <= TARGETS[name] else "MISSED"
        print(f"{name:<17} {seconds:7.2f} s   target ≤ {TARGETS[name]:.0f} s   {verdict}")
    return 0 if all(figures[n] <= TARGETS[n] for n in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
