"""Fuzz campaign for the JSONL importer: many hostile lines among valid ones, imported file by file.

    python benchmarks/fuzz_import.py [--mutated 10000] [--valid 10000] [--files 40] [--seed 1] [--workers 0]

The hostile lines come from the catalogue the CI fuzz test uses (tests/unit/services/hostile_lines.py),
the valid ones from the demo generator. Every file goes through `import_jsonl` into one cache; a
"crash" is an exception escaping it, a valid line not stored, a hostile line not reported exactly
once under its number, or a reason that marks an unforeseen failure. At the end the cache must pass
its integrity check, its search index must equal a rebuild, its export must equal the valid lines,
and each file must have its complete audit entry. Exit code 1 if anything crashed.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import sqlite3
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from desktop_app.demo import generate_records  # noqa: E402
from desktop_app.domain.record import parse_record, to_json_dict  # noqa: E402
from desktop_app.services.interchange import export_jsonl, import_jsonl  # noqa: E402
from desktop_app.services.interchange import jsonl_import as records  # noqa: E402
from desktop_app.store import search_index  # noqa: E402
from desktop_app.store.engine import Cache, open_cache  # noqa: E402
from tests.unit.services import hostile_lines as hostile  # noqa: E402

BUG_MARK = "内部错误"  # interchange.unexpected
TERMS = "SELECT term, sort_key, person_id FROM search_terms ORDER BY 1, 2, 3"


class Campaign:
    def __init__(self, cache: Cache, folder: Path, workers: int) -> None:
        self.cache, self.folder, self.workers = cache, folder, workers
        self.tried = self.rejected = self.stored = self.blank = 0
        self.crashes: list[str] = []
        self.kinds: collections.Counter[str] = collections.Counter()
        self.expected: dict[str, dict[str, Any]] = {}

    def run_file(self, index: int, lines: list[tuple[bytes, str | None]]) -> None:
        """One file: (line bytes, mutation name or None for a valid line)."""
        source = self.folder / f"fuzz-{index:03d}.jsonl"
        source.write_bytes(b"".join(line + b"\n" for line, _kind in lines))
        bad = [n for n, (line, kind) in enumerate(lines, start=1) if kind and not hostile.is_blank(line)]
        valid = [json.loads(line) for line, kind in lines if kind is None]
        self.tried += len(lines)
        self.blank += sum(1 for line, kind in lines if kind and hostile.is_blank(line))
        try:
            report = import_jsonl(self.cache, source, workers=self.workers)
        except Exception:  # a crash: exactly what must never happen
            self.crashes.append(f"file {index}: {traceback.format_exc(limit=3)}")
            return
        got = [n for n, _reason in report.rejected]
        if got != bad:
            self.crashes.append(f"file {index}: rejected {sorted(set(got) ^ set(bad))[:10]} differ from expected")
        for line_no, reason in report.rejected:
            if BUG_MARK in reason or not reason.isprintable():
                self.crashes.append(f"file {index} line {line_no}: {reason[:200]!r}")
        if report.persons_inserted != len(valid):
            self.crashes.append(f"file {index}: {report.persons_inserted} persons stored, {len(valid)} valid lines")
        self.rejected += len(report.rejected)
        self.stored += report.persons_inserted
        self.expected.update((r["id_number"], to_json_dict(parse_record(r))) for r in valid)

    def check_cache(self, files: int) -> None:
        with sqlite3.connect(self.cache.path) as conn:
            if conn.execute("PRAGMA integrity_check").fetchone() != ("ok",):
                self.crashes.append("integrity_check failed")
            terms = conn.execute(TERMS).fetchall()
            audits = [json.loads(v) for (v,) in conn.execute("SELECT new_value FROM audit_log "
                                                             "WHERE entity = 'import'")]
        conn.close()
        if len(audits) != files or not all(a["complete"] for a in audits):
            self.crashes.append(f"{len(audits)} audit entries for {files} files, or one incomplete")
        search_index.rebuild_search_index(self.cache.engine)
        with sqlite3.connect(self.cache.path) as conn:
            if conn.execute(TERMS).fetchall() != terms:
                self.crashes.append("the search index differs from a rebuild")
        conn.close()
        out = self.folder / "export.jsonl"
        export_jsonl(self.cache, out)
        exported = {r["id_number"]: r for r in map(json.loads, out.read_text("utf-8").splitlines())}
        if exported != self.expected:
            self.crashes.append(f"export differs from the valid lines ({len(exported)} vs {len(self.expected)})")


def plan(mutated: int, valid: int, files: int, seed: int) -> list[list[tuple[bytes, str | None]]]:
    rng = random.Random(seed)
    pool = list(generate_records(max(valid, 1), seed=seed, photo_fraction=0.3))
    kinds = sorted(hostile.MUTATIONS)
    lines: list[tuple[bytes, str | None]] = [(hostile.dumps(r), None) for r in pool[:valid]]
    for _ in range(mutated):
        kind = rng.choice(kinds)
        lines.append((hostile.MUTATIONS[kind](rng, rng.choice(pool)), kind))
    rng.shuffle(lines)
    per_file = -(-len(lines) // files)
    return [lines[start:start + per_file] for start in range(0, len(lines), per_file)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mutated", type=int, default=10_000, help="hostile lines in all")
    parser.add_argument("--valid", type=int, default=10_000, help="valid lines in all (distinct demo persons)")
    parser.add_argument("--files", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=0, help="parser processes (0: in-process)")
    parser.add_argument("--batch-lines", type=int, default=250, help="lines per write transaction")
    args = parser.parse_args()
    started = time.perf_counter()
    files = plan(args.mutated, args.valid, args.files, args.seed)
    records.BATCH_LINES = args.batch_lines  # several transactions per file
    records.PARALLEL_MIN_BYTES = 0  # with --workers, even small files go through the process pool
    with tempfile.TemporaryDirectory(prefix="certdesk-fuzz-") as name:
        folder = Path(name)
        cache = open_cache(folder / "data")
        try:
            campaign = Campaign(cache, folder, args.workers)
            for index, lines in enumerate(files):
                for _line, kind in lines:
                    campaign.kinds[kind or "valid"] += 1
                campaign.run_file(index, lines)
            campaign.check_cache(len(files))
        finally:
            cache.close()
    print(f"files        {len(files)}")
    print(f"lines tried  {campaign.tried} ({args.mutated} hostile, {args.valid} valid)")
    print(f"rejected     {campaign.rejected}  (+ {campaign.blank} blank lines skipped)")
    print(f"stored       {campaign.stored}")
    print(f"crashes      {len(campaign.crashes)}")
    print("by kind      " + ", ".join(f"{kind} {count}" for kind, count in sorted(campaign.kinds.items())))
    print(f"time         {time.perf_counter() - started:.1f} s")
    for crash in campaign.crashes[:20]:
        print("CRASH", crash)
    return 1 if campaign.crashes else 0


if __name__ == "__main__":
    sys.exit(main())
