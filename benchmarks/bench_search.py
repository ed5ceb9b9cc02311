"""Search benchmark: a cache of N synthetic persons, then p50/p95 per query class at the service layer.

    python benchmarks/bench_search.py --persons 1000000 [--keep DIR] [--queries 200] [--naive 60]
                                      [--profile FILE] [--cold] [--auto-gc] [--record docs/benchmarks.md]

With --keep DIR the cache is built in DIR once and reused by later runs (same N). Queries are
sampled from the data itself (seeded), each class timed as the GUI calls it: first page, limit 50.

Issue 16 judges search as a ratio to a naive `LIKE '%q%'` scan over a flat table of the same records
(search_naive.py), measured in the same run: the first --naive queries of each class are run against
both, interleaved query by query, and the p50/p95 of each and their ratios are printed (target: p95
ratio ≥ 50× at 1,000,000). Filter-only lists are judged on their own p95 (target ≤ 10 ms).
Cycles are collected as in the app (desktop_app/cycles.py): never inside a call, by the thresholds between
calls (the GUI's timer); --auto-gc leaves Python's automatic collection on instead, which then runs inside
whichever search allocates past a threshold.
--profile FILE writes cProfile statistics of the service calls (not the naive scan) to FILE and prints
the top functions. Before each class the cache file is read once, so that it sits in the OS page cache
as the naive table (read whole by every naive query) always does; --cold skips that.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import datetime as dt
import os
import platform
import pstats
import random
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.search_naive import COLUMNS as NAIVE_COLUMNS  # noqa: E402
from benchmarks.search_naive import NaiveScan  # noqa: E402
from desktop_app import demo  # noqa: E402
from desktop_app.cycles import AppCollection  # noqa: E402
from desktop_app.services import interchange  # noqa: E402
from desktop_app.services.search import NO_FILTERS, SearchService  # noqa: E402
from desktop_app.services.search_types import SearchFilters  # noqa: E402
from desktop_app.store.engine import Cache, open_cache  # noqa: E402
from desktop_app.store.search_index import name_pinyin  # noqa: E402

LIMIT = 50
TODAY = demo.REFERENCE_DATE  # the demo data's statuses are relative to it
RATIO_TARGET = 50.0  # naive p95 / ours p95, per class, at 1,000,000 persons
FILTER_TARGET_MS = 10.0  # p95 of every filter-only list
PROFILE_TOP = 25
PROFILER: cProfile.Profile | None = None  # set by --profile: enabled around each service call only
COLLECTION: AppCollection | None = None  # the app's collection (the default), checked before each call


@dataclass(frozen=True)
class Sample:
    person_id: int
    name: str
    id_number: str
    enterprise: str | None
    old_number: str | None  # a certificate whose old spelling differs from its new one
    new_number: str | None


@dataclass(frozen=True)
class Result:
    label: str
    count: int
    p50: float
    p95: float
    found: float  # share of queries whose sampled person is on the first page (exact classes)


@dataclass(frozen=True)
class Paired:
    """One class timed against the naive scan on the same queries, interleaved."""

    label: str
    ours: Result
    naive: Result

    @property
    def ratio_p50(self) -> float:
        return self.naive.p50 / self.ours.p50

    @property
    def ratio_p95(self) -> float:
        return self.naive.p95 / self.ours.p95


# --- the cache ----------------------------------------------------------------------------------


def _persons(cache: Cache) -> int:
    with sqlite3.connect(cache.path) as conn:
        return int(conn.execute("SELECT count(*) FROM persons").fetchone()[0])


def build_cache(persons: int, keep: Path | None, seed: int, source: Path | None = None) -> tuple[Cache, Path | None]:
    """(the cache, a temp folder to delete afterwards)."""
    folder = keep or Path(tempfile.mkdtemp(prefix="certdesk-bench-search-"))
    cache = open_cache(folder)
    have = _persons(cache)
    if keep is not None and have == persons:
        print(f"reusing {folder} ({have:,} persons)")
        return cache, None
    if have:
        raise SystemExit(f"{folder} holds {have:,} persons, not {persons:,}; use an empty folder")
    started = time.perf_counter()
    if source is None:
        source = folder / "bench-persons.jsonl"
        demo.write_jsonl(source, persons, seed=seed, photo_fraction=0.05)
        made = source
    else:
        made = None
    generated = time.perf_counter()
    report = interchange.import_jsonl(cache, source)
    imported = time.perf_counter()
    if made is not None:
        made.unlink()
    print(f"generated {persons:,} persons in {generated - started:.0f} s, imported in {imported - generated:.0f} s "
          f"({report.persons / (imported - generated):,.0f} persons/s, search index maintained by triggers)")
    return cache, None if keep else folder


def sample(cache: Cache, count: int, seed: int) -> list[Sample]:
    """`count` random persons, with their employer and (when they have one) an old-spelled certificate."""
    rng = random.Random(seed)
    with sqlite3.connect(cache.path) as conn:
        top = int(conn.execute("SELECT max(id) FROM persons").fetchone()[0])
        ids = rng.sample(range(1, top + 1), min(count * 3, top))
        marks = ", ".join("?" * len(ids))
        rows = conn.execute(
            f"SELECT p.id, p.name, p.id_number, e.name, "
            f"(SELECT c.number || '|' || c.new_number FROM certificates c WHERE c.person_id = p.id "
            f" AND c.number <> c.new_number LIMIT 1) "
            f"FROM persons p LEFT JOIN enterprises e ON e.id = p.enterprise_id WHERE p.id IN ({marks})", ids)
        found = []
        for person_id, name, id_number, enterprise, numbers in rows:
            old, new = numbers.split("|") if numbers else (None, None)
            found.append(Sample(person_id, name, id_number, enterprise, old, new))
    rng.shuffle(found)
    return found


# --- query classes --------------------------------------------------------------------------------


def _old_spelling(number: str) -> str:
    """As a clerk types an old number: half-width brackets, lower case."""
    return number.replace("（", "(").replace("）", ")").lower()


def _part(name: str, rng: random.Random) -> str:
    """A part of the name that does not start it (the given name, or one of its characters)."""
    given = name[1:] or name
    return given if rng.random() < 0.5 or len(given) == 1 else rng.choice(given)


def _enterprise_part(name: str, rng: random.Random) -> str:
    length = min(4, len(name) - 2)
    start = rng.randrange(2, len(name) - length + 1)
    return name[start:start + length]


Maker = Callable[[Sample, random.Random], str | None]
CLASSES: dict[str, tuple[Maker, bool]] = {  # label → (query from a sample, whether the sample must be found)
    "name": (lambda s, _r: s.name, True),
    "name part": (lambda s, r: _part(s.name, r), False),
    "pinyin initials": (lambda s, _r: name_pinyin(s.name)[1], False),
    "pinyin full": (lambda s, _r: name_pinyin(s.name)[0], False),
    "full ID (lower-case x)": (lambda s, _r: s.id_number.lower(), True),
    "ID tail 4–8": (lambda s, r: s.id_number[-r.randint(4, 8):], False),
    "ID head 6+": (lambda s, r: s.id_number[:r.randint(6, 12)], False),
    "certificate old spelling": (lambda s, _r: _old_spelling(s.old_number) if s.old_number else None, True),
    "certificate new spelling": (lambda s, _r: s.new_number, True),
    "enterprise part": (lambda s, r: _enterprise_part(s.enterprise, r) if s.enterprise else None, False),
}
BROAD = ("王", "张", "w", "wang", "国", "建设", "3701")  # the widest matches: still one page


def _time(service: SearchService, query: str, filters: SearchFilters = NO_FILTERS) -> tuple[float, set[int]]:
    if COLLECTION is not None:
        COLLECTION.check()  # what the GUI's timer collects between searches, outside the call
    if PROFILER is not None:
        PROFILER.enable()
    started = time.perf_counter()
    page = service.search(query, filters, limit=LIMIT, today=TODAY)
    elapsed = (time.perf_counter() - started) * 1000
    if PROFILER is not None:
        PROFILER.disable()
    return elapsed, {h.person_id for h in page.hits}


def _result(label: str, times: Sequence[float], found: float) -> Result:
    cuts = statistics.quantiles(times, n=100, method="inclusive") if len(times) > 1 else [times[0]] * 99
    return Result(label, len(times), cuts[49], cuts[94], found)


def warm_file(path: Path | None) -> None:
    """Read the cache file once, so that its pages are in the OS page cache (as the naive table, which
    every naive query reads whole, always is). Some VMs page out what is untouched for a minute."""
    if path is None:
        return
    with path.open("rb") as handle:
        while handle.read(8 << 20):
            pass


def run_classes(service: SearchService, samples: Sequence[Sample], per_class: int, seed: int,
                naive: NaiveScan | None = None, paired: int = 60,
                warm: Path | None = None) -> tuple[list[Result], list[Paired]]:
    """Each class's queries; the first `paired` of a class with a naive peer also run on the naive scan,
    interleaved (ours then naive, naive then ours, alternately) so that load hits both alike."""
    results, pairs = [], []
    for label, (make, must_find) in CLASSES.items():
        rng = random.Random(f"{seed}:{label}")
        queries = [(s, q) for s in samples if (q := make(s, rng))][:per_class]
        column = NAIVE_COLUMNS.get(label) if naive is not None else None
        warm_file(warm)
        for _sample, query in queries[:5]:  # warm the page cache a little, as a running app would be
            _time(service, query)
        times, hits = [], 0
        ours_paired: list[float] = []
        naive_times: list[float] = []
        naive_hits = 0
        for index, (s, query) in enumerate(queries):
            pair = naive is not None and column is not None and index < paired
            if pair and index % 2:
                naive_ms, naive_found = naive.search(column, query, LIMIT)  # type: ignore[union-attr, arg-type]
            elapsed, found = _time(service, query)
            if pair and not index % 2:
                naive_ms, naive_found = naive.search(column, query, LIMIT)  # type: ignore[union-attr, arg-type]
            times.append(elapsed)
            hits += s.person_id in found
            if pair:
                ours_paired.append(elapsed)
                naive_times.append(naive_ms)
                naive_hits += s.id_number in naive_found
        share = hits / len(queries) if must_find else float("nan")
        results.append(_result(label, times, share))
        if naive_times:
            pairs.append(Paired(label, _result(label, ours_paired, share),
                                _result(label, naive_times, naive_hits / len(naive_times) if must_find
                                        else float("nan"))))
    return results, pairs


def run_broad(service: SearchService, warm: Path | None = None) -> list[Result]:
    """The widest queries and the filters, each run 20 times."""
    warm_file(warm)
    cases: list[tuple[str, str, SearchFilters]] = [(f"broad “{q}”", q, SearchFilters()) for q in BROAD]
    cases += [
        ("filter only: unit", "", SearchFilters(unit="济南市住房和城乡建设局")),
        ("filter only: blocked + category A", "", SearchFilters(category="A", blocked=True)),
        ("filter only: expiring + unit", "", SearchFilters(status="expiring", unit="菏泽市住房和城乡建设局")),
        ("“王” + status revoked", "王", SearchFilters(status="revoked")),
        ("filter only: unsynced", "", SearchFilters(unsynced=True)),
    ]
    results = []
    for label, query, filters in cases:
        times = [_time(service, query, filters)[0] for _ in range(20)]
        results.append(_result(label, times, float("nan")))
    return results


# --- GUI measurements (owned by the GUI engineer) -------------------------------------------------
# ---------------------------------------------------------------------------------------------------
# HOOK: keystroke-to-results, start-to-usable and resident memory are measured by
# `benchmarks/bench_gui.py`. When that module exists, it must define
#     run(data_dir: Path, samples: dict[str, list[str]]) -> list[tuple[str, str]]
# taking the cache folder and a few sample queries per class, and returning (label, value) rows,
# e.g. ("keystroke to results, p95", "42 ms"). They are printed and recorded below the service table.
# ---------------------------------------------------------------------------------------------------


def run_gui(data_dir: Path, samples: dict[str, list[str]]) -> list[tuple[str, str]]:
    try:
        from benchmarks import bench_gui  # type: ignore[attr-defined]
    except ImportError:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        try:
            import bench_gui  # type: ignore[import-not-found, no-redef]
        except ImportError:
            return [("GUI measurements", "benchmarks/bench_gui.py not present yet")]
    return list(bench_gui.run(data_dir, samples))


# --- reporting ------------------------------------------------------------------------------------


def _percent(value: float) -> str:
    return "—" if value != value else f"{value:.0%}"  # NaN: not an exact class


def table(results: Sequence[Result]) -> str:
    lines = ["| query class | queries | p50 ms | p95 ms | sampled person on page 1 |", "|---|---:|---:|---:|---:|"]
    lines += [f"| {r.label} | {r.count} | {r.p50:.1f} | {r.p95:.1f} | {_percent(r.found)} |" for r in results]
    return "\n".join(lines)


def _times(ratio: float) -> str:
    return f"{ratio:.0f}×" if ratio >= 10 else f"{ratio:.1f}×"


def _met(ok: bool) -> str:
    return "yes" if ok else "**no**"


def naive_table(pairs: Sequence[Paired]) -> str:
    lines = ["| query class | queries | ours p50 / p95 ms | naive p50 / p95 ms | ratio p50 | ratio p95 "
             f"| ≥ {RATIO_TARGET:.0f}× | naive finds the person |",
             "|---|---:|---:|---:|---:|---:|:-:|---:|"]
    lines += [f"| {p.label} | {p.ours.count} | {p.ours.p50:.2f} / {p.ours.p95:.2f} "
              f"| {p.naive.p50:.1f} / {p.naive.p95:.1f} | {_times(p.ratio_p50)} | {_times(p.ratio_p95)} "
              f"| {_met(p.ratio_p95 >= RATIO_TARGET)} | {_percent(p.naive.found)} |" for p in pairs]
    return "\n".join(lines)


def broad_table(results: Sequence[Result]) -> str:
    """The widest queries and filters; filter-only rows against their p95 target."""
    lines = ["| query | runs | p50 ms | p95 ms | p95 ≤ 10 ms |", "|---|---:|---:|---:|:-:|"]
    lines += [f"| {r.label} | {r.count} | {r.p50:.1f} | {r.p95:.1f} "
              f"| {_met(r.p95 <= FILTER_TARGET_MS) if r.label.startswith('filter only') else '—'} |"
              for r in results]
    return "\n".join(lines)


def machine() -> str:
    cpu = "unknown CPU"
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    ram = ""
    try:
        kb = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal")))
        ram = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    return (f"{os.cpu_count()} CPUs ({cpu}){ram}, Python {platform.python_version()}, "
            f"SQLite {sqlite3.sqlite_version}, {platform.system()} {platform.release()}")


def load() -> str:
    with contextlib.suppress(OSError):
        return "load average " + " ".join(Path("/proc/loadavg").read_text().split()[:3])
    return "load average unknown"


def section(persons: int, results: Sequence[Result], pairs: Sequence[Paired], broad: Sequence[Result],
            gui: Sequence[tuple[str, str]], command: str, loads: tuple[str, str], ordered: bool = True,
            warm: bool = True, collected: tuple[int, float] | None = (0, 0.0)) -> str:
    naive_order = ("the first 51 matches in name order, as the service's page" if ordered
                   else "no ORDER BY: it stops at its 51st match")
    parts = [
        "## Search", "",
        f"{dt.date.today().isoformat()}, {persons:,} persons, `{command}`  ",
        f"Machine: {machine()}  ",
        f"Load: {loads[0]} at the start, {loads[1]} at the end  ",
        ("Cache file read into the OS page cache before each class" if warm
         else "Cache file not warmed (--cold): pages this machine paged out are read from disk") + "  ",
        _collection_line(collected), "",
        f"Service layer (`SearchService.search`, first page, limit {LIMIT}); target p95 < 30 ms per class.", "",
        table(results), "",
        "Against a naive `LIKE '%q%'` scan of a flat table of the same records (benchmarks/search_naive.py; "
        f"the same queries, interleaved; {naive_order}); ratio = naive / ours:", "",
        naive_table(pairs) if pairs else "(not run: --naive 0)", "",
        "Widest queries and filters (20 runs each):", "",
        broad_table(broad), "",
    ]
    if gui:
        parts += ["GUI (benchmarks/bench_gui.py):", "", *(f"- {label}: {value}" for label, value in gui), ""]
    return "\n".join(parts)


def record(path: Path, text: str) -> None:
    """Replace the "## Search" section of `path` (or append it), leaving other sections alone."""
    header = f"# CertDesk benchmarks\n\nMachine: {machine()}\n\n"
    old = path.read_text(encoding="utf-8") if path.exists() else header
    match = re.search(r"^## Search\n.*?(?=^## |\Z)", old, flags=re.S | re.M)
    new = old[:match.start()] + text + "\n" + old[match.end():] if match else old.rstrip("\n") + "\n\n" + text
    path.write_text(new, encoding="utf-8")


def _profile_report(path: Path) -> None:
    assert PROFILER is not None
    PROFILER.dump_stats(path)
    print(f"profile written to {path} (the service calls only); top {PROFILE_TOP} by own time:")
    pstats.Stats(PROFILER).sort_stats("tottime").print_stats(PROFILE_TOP)


def _collection_line(collected: tuple[int, float] | None) -> str:
    if collected is None:
        return "Python's automatic cycle collection on (--auto-gc): it runs inside the calls"
    count, seconds = collected
    return (f"Cycles collected as in the app, between calls (desktop_app/cycles.py): {count} collections, "
            f"{seconds * 1000:.0f} ms in all, outside the timed calls (the GUI thread's timer in the app)")


def main(argv: Sequence[str] | None = None) -> int:
    global PROFILER, COLLECTION
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200, help="queries per class (default 200)")
    parser.add_argument("--naive", type=int, default=60,
                        help="of those, how many also run on the naive scan, interleaved (default 60; 0: none)")
    parser.add_argument("--naive-unordered", action="store_true",
                        help="the naive scan without ORDER BY name: it stops at its 51st match, in table order")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, default=None, help="build the cache here once and reuse it")
    parser.add_argument("--source", type=Path, default=None,
                        help="import this JSONL (demo-data --size N --seed S) instead of generating it")
    parser.add_argument("--profile", type=Path, default=None,
                        help="write cProfile statistics of the service calls to this file")
    parser.add_argument("--no-gui", action="store_true", help="skip the GUI measurements")
    parser.add_argument("--cold", action="store_true",
                        help="do not read the cache file into the OS page cache before each class")
    parser.add_argument("--auto-gc", action="store_true",
                        help="leave Python's automatic cycle collection on (the app collects between calls)")
    parser.add_argument("--record", type=Path, default=None, help="write the Search section into this file")
    args = parser.parse_args(argv)
    cache, temp = build_cache(args.persons, args.keep, args.seed, args.source)
    naive = None
    collected: tuple[int, float] | None = None
    collection = contextlib.ExitStack()
    try:
        if not args.auto_gc:
            COLLECTION = collection.enter_context(AppCollection())
        if args.naive:
            naive = NaiveScan(cache.path.parent, cache.path, _persons(cache), ordered=not args.naive_unordered)
            naive.warm()
        if args.profile:
            PROFILER = cProfile.Profile()
        loads = [load()]
        service = SearchService(cache)
        samples = sample(cache, args.queries, args.seed)
        warm = None if args.cold else cache.path
        results, pairs = run_classes(service, samples, args.queries, args.seed, naive, args.naive, warm)
        broad = run_broad(service, warm)
        loads.append(load())
        gui_samples = {label: [q for s in samples[:20] if (q := make(s, random.Random(0)))]
                       for label, (make, _) in CLASSES.items()}
        gui = [] if args.no_gui else run_gui(cache.path.parent, gui_samples)
    finally:
        if COLLECTION is not None:
            collected = (COLLECTION.collections, COLLECTION.seconds)
        collection.close()
        COLLECTION = None
        if naive is not None:
            naive.close()
        cache.close()
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)
    if args.profile:
        _profile_report(args.profile)
    command = "python benchmarks/bench_search.py " + " ".join(sys.argv[1:] if argv is None else argv)
    text = section(args.persons, results, pairs, broad, gui, command.strip(), (loads[0], loads[1]),
                   not args.naive_unordered, not args.cold, collected)
    print(text)
    if args.record:
        record(args.record, text)
    return 0


if __name__ == "__main__":  # the importer's worker processes re-import this module (spawn)
    sys.exit(main())
