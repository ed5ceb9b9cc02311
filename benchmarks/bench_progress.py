"""Supervisors' progress at province scale: the table, one unit, the call list, a snapshot, the workbook.

    python benchmarks/bench_progress.py --persons 1000000 [--keep DIR] [--runs 5] [--profile FILE]
                                        [--record docs/benchmarks.md]

Targets (issue 13) at 1,000,000 persons: the unit × kind table ≤ 1 s, the workbook ≤ 5 s (its
queries included), a snapshot ≤ 1 s. The cache is built as bench_search.py builds it (with --keep,
once, then reused). Each figure is the median of --runs runs and the slowest, timed at the service
layer the CLI and the view call. --profile writes a cProfile of one workbook export (pstats file).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for entry in (ROOT, ROOT / "benchmarks"):
    if str(entry) not in sys.path:
        sys.path.insert(0, str(entry))

from bench_search import build_cache, machine  # noqa: E402

from desktop_app.services.context import Actor, WorkspaceContext  # noqa: E402
from desktop_app.services.progress import trend  # noqa: E402
from desktop_app.services.progress.demo_history import history  # noqa: E402

TODAY = dt.date.today()
TRENDS_DAYS = 90
TARGETS = {"table": 1.0, "workbook": 5.0, "snapshot": 1.0}


def timed(runs: int, work: Callable[[], object]) -> tuple[float, float, object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return statistics.median(times), max(times), result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, default=None, help="build the cache here once and reuse it")
    parser.add_argument("--profile", type=Path, default=None, help="write a cProfile of one workbook export here")
    parser.add_argument("--record", type=Path, default=None, help="write the Progress section into this file")
    args = parser.parse_args(argv)
    cache, temp = build_cache(args.persons, args.keep, args.seed)
    cache.close()
    folder = args.keep or temp
    assert folder is not None
    ctx = WorkspaceContext.open(folder, actor=Actor("基准测试"), today=TODAY)
    out = Path(tempfile.mkdtemp(prefix="certdesk-bench-progress-"))
    try:
        rows = measure(ctx, args.runs, out, args.profile)
    finally:
        ctx.close()
        shutil.rmtree(out, ignore_errors=True)
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)
    command = "python benchmarks/bench_progress.py " + " ".join(sys.argv[1:] if argv is None else argv)
    text = section(args.persons, rows, command.strip())
    print(text)
    if args.record:
        record(args.record, text)
    return 0


def measure(ctx: WorkspaceContext, runs: int, out: Path, profile: Path | None) -> list[tuple[str, float, float, str]]:
    progress = ctx.progress
    rows: list[tuple[str, float, float, str]] = []
    p50, worst, table = timed(runs, progress.table)
    overall = table.overall  # type: ignore[attr-defined]
    rows.append(("table", p50, worst, f"{len(table.rows)} unit × kind rows, {overall.total:,} certificates"))  # type: ignore[attr-defined]
    unit = table.units[0]  # type: ignore[attr-defined]
    p50, worst, _ = timed(runs, lambda: progress.table(unit=unit))
    rows.append(("table, one unit", p50, worst, unit))
    p50, worst, found = timed(runs, progress.enterprises)
    rows.append(("call list (enterprises)", p50, worst, f"{len(found):,} enterprise rows"))  # type: ignore[arg-type]
    p50, worst, _ = timed(runs, progress.take_snapshot)
    rows.append(("snapshot", p50, worst, "count and replace the day's rows"))
    for past in history(progress.table(), TRENDS_DAYS):  # a quarter of daily snapshots for the trend sheet
        trend.write_snapshot(ctx.cache, past)
    p50, worst, points = timed(runs, lambda: progress.trend(TRENDS_DAYS))
    rows.append(("trend, 90 days", p50, worst, f"{len(points)} days"))  # type: ignore[arg-type]
    path = out / "progress.xlsx"
    p50, worst, _ = timed(runs, lambda: progress.export_workbook(path))
    rows.append(("workbook", p50, worst, f"{path.stat().st_size / 1e6:.1f} MB, queries included"))
    if profile is not None:
        cProfile.runctx("progress.export_workbook(path)", globals(), {"progress": progress, "path": path},
                        filename=str(profile))
    return rows


def section(persons: int, rows: list[tuple[str, float, float, str]], command: str) -> str:
    load = os.getloadavg()
    lines = [
        "## Progress reports", "",
        f"{dt.date.today().isoformat()}, {persons:,} persons, `{command}`.",
        f"Machine: {machine()}; load average at the end {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f}.",
        "Targets (issue 13): table ≤ 1 s, workbook ≤ 5 s, snapshot ≤ 1 s.", "",
        "| step | median | slowest | target | |", "|---|---:|---:|---:|---|",
    ]
    for label, p50, worst, note in rows:
        target = TARGETS.get(label)
        mark = "" if target is None else ("met" if worst <= target else "**missed**")
        lines.append(f"| {label} | {p50:.2f} s | {worst:.2f} s | {f'{target:.0f} s' if target else '—'} | "
                     f"{note} {mark} |".replace("  ", " "))
    return "\n".join(lines)


def record(path: Path, text: str) -> None:
    """Replace the "## Progress reports" section of `path` (or append it), leaving the others alone."""
    old = path.read_text(encoding="utf-8")
    match = re.search(r"^## Progress reports\n.*?(?=^## |\Z)", old, flags=re.S | re.M)
    new = old[:match.start()] + text + "\n\n" + old[match.end():] if match else old.rstrip("\n") + "\n\n" + text + "\n"
    path.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
