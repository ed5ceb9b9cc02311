"""Search benchmark: a cache of N synthetic persons, then p50/p95 per query class at the service layer.

    python benchmarks/bench_search.py --persons 1000000 [--keep DIR] [--queries 200] [--record docs/benchmarks.md]

With --keep DIR the cache is built in DIR once and reused by later runs (same N). Queries are
sampled from the data itself (seeded), each class timed as the GUI calls it: first page, limit 50.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import platform
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

from desktop_app import demo  # noqa: E402
from desktop_app.services import interchange  # noqa: E402
from desktop_app.services.search import NO_FILTERS, SearchService  # noqa: E402
from desktop_app.services.search_types import SearchFilters  # noqa: E402
from desktop_app.store.engine import Cache, open_cache  # noqa: E402
from desktop_app.store.search_index import name_pinyin  # noqa: E402

LIMIT = 50
TODAY = demo.REFERENCE_DATE  # the demo data's statuses are relative to it


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
    started = time.perf_counter()
    page = service.search(query, filters, limit=LIMIT, today=TODAY)
    return (time.perf_counter() - started) * 1000, {h.person_id for h in page.hits}


def _result(label: str, times: Sequence[float], found: float) -> Result:
    cuts = statistics.quantiles(times, n=100, method="inclusive") if len(times) > 1 else [times[0]] * 99
    return Result(label, len(times), cuts[49], cuts[94], found)


def run_classes(service: SearchService, samples: Sequence[Sample], per_class: int, seed: int) -> list[Result]:
    results = []
    for label, (make, must_find) in CLASSES.items():
        rng = random.Random(f"{seed}:{label}")
        queries = [(s, q) for s in samples if (q := make(s, rng))][:per_class]
        for _sample, query in queries[:5]:  # warm the page cache a little, as a running app would be
            _time(service, query)
        times, hits = [], 0
        for s, query in queries:
            elapsed, found = _time(service, query)
            times.append(elapsed)
            hits += s.person_id in found
        results.append(_result(label, times, hits / len(queries) if must_find else float("nan")))
    return results


def run_broad(service: SearchService) -> list[Result]:
    """The widest queries and the filters, each run 20 times."""
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


def section(persons: int, results: Sequence[Result], broad: Sequence[Result], gui: Sequence[tuple[str, str]],
            command: str) -> str:
    parts = [
        "## Search", "",
        f"{dt.date.today().isoformat()}, {persons:,} persons, `{command}`  ",
        f"Machine: {machine()}", "",
        f"Service layer (`SearchService.search`, first page, limit {LIMIT}); target p95 < 30 ms per class.", "",
        table(results), "",
        "Widest queries and filters (20 runs each):", "",
        table(broad), "",
        "GUI (benchmarks/bench_gui.py):", "",
        *(f"- {label}: {value}" for label, value in gui), "",
    ]
    return "\n".join(parts)


def record(path: Path, text: str) -> None:
    """Replace the "## Search" section of `path` (or append it), leaving other sections alone."""
    header = f"# CertDesk benchmarks\n\nMachine: {machine()}\n\n"
    old = path.read_text(encoding="utf-8") if path.exists() else header
    match = re.search(r"^## Search\n.*?(?=^## |\Z)", old, flags=re.S | re.M)
    new = old[:match.start()] + text + "\n" + old[match.end():] if match else old.rstrip("\n") + "\n\n" + text
    path.write_text(new, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200, help="queries per class (default 200)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, default=None, help="build the cache here once and reuse it")
    parser.add_argument("--source", type=Path, default=None,
                        help="import this JSONL (demo-data --size N --seed S) instead of generating it")
    parser.add_argument("--record", type=Path, default=None, help="write the Search section into this file")
    args = parser.parse_args(argv)
    cache, temp = build_cache(args.persons, args.keep, args.seed, args.source)
    try:
        service = SearchService(cache)
        samples = sample(cache, args.queries, args.seed)
        results = run_classes(service, samples, args.queries, args.seed)
        broad = run_broad(service)
        gui_samples = {label: [q for s in samples[:20] if (q := make(s, random.Random(0)))]
                       for label, (make, _) in CLASSES.items()}
        gui = run_gui(cache.path.parent, gui_samples)
    finally:
        cache.close()
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)
    command = "python benchmarks/bench_search.py " + " ".join(sys.argv[1:] if argv is None else argv)
    text = section(args.persons, results, broad, gui, command.strip())
    print(text)
    if args.record:
        record(args.record, text)
    return 0


if __name__ == "__main__":  # the importer's worker processes re-import this module (spawn)
    sys.exit(main())
