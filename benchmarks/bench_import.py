"""Import benchmark: generate N synthetic persons as JSONL, import them into a fresh cache, print the rates.

    python benchmarks/bench_import.py --persons 1000000 [--seed S] [--keep DIR] [--workers W]

The records come from the demo generator (`certdesk demo-data`). Only the import is timed; generation
is reported separately. With --keep the JSONL file and the cache stay in DIR (an existing JSONL file of
the same size and seed there is reused).
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from desktop_app.demo import write_jsonl  # noqa: E402
from desktop_app.services.interchange import ImportReport, default_workers, import_jsonl  # noqa: E402
from desktop_app.store.engine import open_cache  # noqa: E402


def _cpu_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _megabytes(*paths: Path) -> float:
    return sum(p.stat().st_size for p in paths if p.exists()) / 1e6


def run(persons: int, seed: int, folder: Path, workers: int) -> ImportReport:
    source = folder / f"persons-{persons}-seed{seed}.jsonl"
    if not source.exists():
        started = time.perf_counter()
        write_jsonl(source, persons, seed=seed)
        print(f"generated    {persons} persons in {time.perf_counter() - started:.1f} s "
              f"({_megabytes(source):.0f} MB JSONL)")
    data_dir = folder / f"cache-{persons}-seed{seed}"
    if data_dir.exists():
        sys.exit(f"{data_dir} exists; the benchmark needs a fresh cache")
    cache = open_cache(data_dir)
    try:
        cpu_main, cpu_children = _cpu_seconds(resource.RUSAGE_SELF), _cpu_seconds(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        report = import_jsonl(cache, source, workers=workers)
        wall = time.perf_counter() - started
        cpu_main = _cpu_seconds(resource.RUSAGE_SELF) - cpu_main
        cpu_children = _cpu_seconds(resource.RUSAGE_CHILDREN) - cpu_children
    finally:
        cache.close()  # the last connection closing checkpoints the WAL into the file
    db = cache.path
    print(f"imported     {report.persons} persons, {report.certificates} certificates, "
          f"{len(report.rejected)} rejected lines ({workers} parser processes)")
    print(f"wall time    {wall:.1f} s   (CPU: writer {cpu_main:.1f} s, parsers {cpu_children:.1f} s)")
    print(f"persons/s    {report.persons / wall:,.0f}")
    print(f"certs/s      {report.certificates / wall:,.0f}")
    print(f"cache size   {_megabytes(db, db.with_name(db.name + '-wal')):.0f} MB ({db.name})")
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--persons", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="keep the JSONL file and the cache in this folder")
    parser.add_argument("--workers", type=int, default=default_workers(), help="parser processes (0: in-process)")
    args = parser.parse_args()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        report = run(args.persons, args.seed, args.keep, args.workers)
    else:
        with tempfile.TemporaryDirectory(prefix="certdesk-bench-") as folder:
            report = run(args.persons, args.seed, Path(folder), args.workers)
    return 1 if report.rejected else 0


if __name__ == "__main__":
    sys.exit(main())
