"""Property-based fuzzing of the JSONL importer (hypothesis), small enough for every CI run.

Files mix valid demo records with lines from the hostile catalogue (hostile_lines.py: random bytes,
surrogates, CESU-8, huge integers, deep nesting, wrong types, control characters, bad dates and
photos, broken JSON). Whatever the mix: nothing escapes `import_jsonl`, every valid line is stored
as it is, every hostile line is reported once under its number, the cache passes its integrity
check, the search index equals a rebuild and finds the stored persons, and the run is audited.
`benchmarks/fuzz_import.py` runs the same catalogue as a larger campaign.
"""

from __future__ import annotations

import json
import random
import sqlite3
import tempfile
from pathlib import Path
from typing import Any
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.demo import generate_records
from desktop_app.domain.record import parse_record, to_json_dict
from desktop_app.services.interchange import ImportReport, export_jsonl, import_jsonl
from desktop_app.services.interchange import jsonl_import as records
from desktop_app.services.search import SearchService
from desktop_app.store import search_index
from desktop_app.store.engine import Cache, open_cache
from tests.unit.services import hostile_lines as hostile

POOL = list(generate_records(120, seed=51, photo_fraction=0.3))
TERMS = "SELECT term, sort_key, person_id FROM search_terms ORDER BY 1, 2, 3"
BUG_MARK = "内部错误"  # interchange.unexpected: a check failed in a way nobody foresaw

plans = st.lists(st.one_of(st.none(), st.sampled_from(sorted(hostile.MUTATIONS))), min_size=1, max_size=25)


def build(plan: list[str | None], rng: random.Random, start: int) -> tuple[bytes, dict[int, dict[str, Any]], list[int]]:
    """The file's bytes, the valid records by line number, the line numbers that must be rejected."""
    lines: list[bytes] = []
    valid: dict[int, dict[str, Any]] = {}
    bad: list[int] = []
    for number, kind in enumerate(plan, start=1):
        if kind is None:
            record = POOL[(start + len(valid)) % len(POOL)]
            valid[number] = record
            lines.append(hostile.dumps(record))
            continue
        line = hostile.MUTATIONS[kind](rng, rng.choice(POOL))
        lines.append(line)
        if not hostile.is_blank(line):
            bad.append(number)
    return b"\n".join(lines) + b"\n", valid, bad


def check_cache(cache: Cache, folder: Path, valid: dict[int, dict[str, Any]]) -> None:
    with sqlite3.connect(cache.path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        terms = conn.execute(TERMS).fetchall()
    conn.close()
    export_jsonl(cache, folder / "out.jsonl")
    exported = {r["id_number"]: r for r in map(json.loads, (folder / "out.jsonl").read_text("utf-8").splitlines())}
    assert exported == {r["id_number"]: to_json_dict(parse_record(r)) for r in valid.values()}
    service = SearchService(cache)
    for record in list(valid.values())[:3]:
        assert record["id_number"] in [hit.id_number for hit in service.search(record["name"], limit=200).hits]
        assert [hit.id_number for hit in service.search(record["id_number"]).hits] == [record["id_number"]]
    search_index.rebuild_search_index(cache.engine)
    with sqlite3.connect(cache.path) as conn:
        assert conn.execute(TERMS).fetchall() == terms
    conn.close()


def check_report(report: ImportReport, cache: Cache, valid: dict[int, dict[str, Any]], bad: list[int]) -> None:
    assert [line for line, _reason in report.rejected] == bad  # each once, in order
    for _line, reason in report.rejected:
        assert BUG_MARK not in reason, reason
        assert reason.isprintable() and reason.encode("utf-8")
    assert report.persons_inserted == len(valid) and report.kept_local == []
    with sqlite3.connect(cache.path) as conn:
        entries = [json.loads(v) for (v,) in conn.execute("SELECT new_value FROM audit_log WHERE entity = 'import'")]
    conn.close()
    assert len(entries) == 1 and entries[0]["complete"] == 1
    assert (entries[0]["persons_inserted"], entries[0]["rejected"]) == (len(valid), len(bad))


@settings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=plans, rng=st.randoms(use_true_random=False), start=st.integers(0, len(POOL) - 1),
       batch_lines=st.sampled_from([3, 10, 10_000]))
def test_hostile_lines_never_cost_the_good_ones(plan: list[str | None], rng: random.Random, start: int,
                                                batch_lines: int) -> None:
    content, valid, bad = build(plan, rng, start)
    with tempfile.TemporaryDirectory(prefix="certdesk-fuzz-") as name, \
            mock.patch.object(records, "BATCH_LINES", batch_lines), mock.patch.object(records, "BLOCK_BYTES", 4096):
        folder = Path(name)
        source = folder / "in.jsonl"
        source.write_bytes(content)
        cache = open_cache(folder / "data")
        try:
            report = import_jsonl(cache, source, workers=0)
            check_report(report, cache, valid, bad)
            check_cache(cache, folder, valid)
        finally:
            cache.close()
