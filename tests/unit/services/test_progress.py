"""Supervisors' progress: every figure against an independent count over the JSONL the cache was
filled from, the unit limit, the call list, and the drill-down's people behind each number."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop_app import demo
from desktop_app.errors import KnownError
from desktop_app.services.context import Actor, WorkspaceContext
from desktop_app.services.progress.figures import FIGURES, Figures
from tests.unit.services.progress_count import counted, enterprise_counts, figures_by_cell, persons_behind

TODAY = dt.date(2026, 12, 2)
SIZE = 2500
AS_OF_DAYS = (TODAY, TODAY - dt.timedelta(days=400), TODAY + dt.timedelta(days=200))


class Fixture:
    def __init__(self, ctx: WorkspaceContext, records: list[dict[str, Any]]) -> None:
        self.ctx = ctx
        self.records = records
        self.generated: dict[str, dt.date] = {}
        self.unsynced: set[str] = set()

    def count(self, as_of: dt.date) -> list[Any]:
        return counted(self.records, self.ctx.rules, as_of, self.generated, self.unsynced)


def _eligible(records: list[dict[str, Any]]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Old-format, in-force certificates whose holder has a photo and every A field: generatable."""
    found = []
    for record in records:
        if not record.get("photo") or not record.get("position") or not record.get("title"):
            continue
        for cert in record["certificates"]:
            until = dt.date.fromisoformat(cert["valid_until"])
            if cert["format"] == "old" and cert["state"] == "valid" and until > TODAY + dt.timedelta(days=120):
                found.append((record, cert))
    return found


@pytest.fixture(scope="module")
def fx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fixture]:
    folder = tmp_path_factory.mktemp("progress")
    source = folder / "demo.jsonl"
    demo.write_jsonl(source, SIZE, seed=13, photo_fraction=0.3, today=TODAY)
    records = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines()]
    ctx = WorkspaceContext.open(folder / "ws", actor=Actor("测试员"), today=TODAY)
    report = ctx.workspace.import_jsonl(source)
    assert not report.rejected
    fixture = Fixture(ctx, records)
    for record, cert in _eligible(records)[:4]:  # generated here: new format from today on
        ctx.issuance.generate(cert["number"])
        fixture.generated[cert["number"]] = TODAY
        fixture.unsynced.add(record["id_number"])  # a generation is queued for the province too
    # Local changes, not synced: one fills in a missing 职务, one only changes a phone.
    missing = next(r for r in records if not r.get("position") and any(c["category"] == "A" for c in r["certificates"]))
    other = next(r for r in records if r is not missing and r.get("phone"))
    for record, values in ((missing, {"position": "总经理"}), (other, {"phone": "13900000000"})):
        person_id = ctx.edits.person_id_for(record["id_number"])
        assert person_id is not None
        form = ctx.edits.load_form(person_id)
        ctx.edits.save_person(person_id, form.version, values, "测试")
        record.update(values)
        fixture.unsynced.add(record["id_number"])
    yield fixture
    ctx.close()


@pytest.mark.parametrize("as_of", AS_OF_DAYS, ids=lambda d: d.isoformat())
def test_every_figure_matches_an_independent_count(fx: Fixture, as_of: dt.date) -> None:
    table = fx.ctx.progress.table(as_of)
    expected = figures_by_cell(fx.count(as_of))
    assert {(r.unit, r.kind) for r in table.rows} == set(expected)
    for row in table.rows:
        want = expected[(row.unit, row.kind)]  # type: ignore[index]
        assert {f: getattr(row.figures, f) for f in FIGURES} == {f: want[f] for f in FIGURES}, (row.unit, row.kind)
    overall = sum((Figures(**{f: c[f] for f in FIGURES}) for c in expected.values()), Figures())
    assert table.overall == overall
    assert overall.total == sum(len(r["certificates"]) for r in fx.records)
    for unit_row in table.unit_totals:
        assert unit_row.figures.pending == sum(c["pending"] for (u, _), c in expected.items() if u == unit_row.unit)
    for kind_row in table.kind_totals:
        assert kind_row.figures.in_force == sum(c["in_force"] for (_, k), c in expected.items() if k == kind_row.kind)


def test_the_fixture_exercises_every_figure(fx: Fixture) -> None:
    """The comparison above means something only if each figure is non-zero somewhere."""
    overall = fx.ctx.progress.table(TODAY).overall
    assert all(getattr(overall, f) > 0 for f in FIGURES), overall
    assert 0 < overall.converted < 1  # type: ignore[operator]


def test_converted_pct_is_new_over_in_force(fx: Fixture) -> None:
    for row in fx.ctx.progress.table(TODAY).rows:
        f = row.figures
        assert f.converted_pct == (None if f.in_force == 0 else round(100 * f.new_format / f.in_force, 1))


def test_one_unit_and_its_alias(fx: Fixture) -> None:
    whole = fx.ctx.progress.table(TODAY)
    west_coast = "青岛市西海岸新区住房和城乡建设局"
    one = fx.ctx.progress.table(TODAY, "青岛西海岸新区住房和城乡建设局")  # the alias in issuing_units.csv
    assert one.rows == tuple(r for r in whole.rows if r.unit == west_coast)
    assert one.overall == whole.cell(west_coast, None)
    with pytest.raises(KnownError, match="未知的发证单位"):
        fx.ctx.progress.table(TODAY, "火星市住房和城乡建设局")


def test_enterprise_call_list(fx: Fixture) -> None:
    rows = fx.ctx.progress.enterprises(TODAY)
    expected = enterprise_counts(fx.count(TODAY))
    assert {(r.unit, r.uscc): (r.a_missing_persons, r.pending_certificates) for r in rows} == expected
    for row in rows:
        assert len(row.contacts) == min(3, row.a_missing_persons)
    first = rows[0]
    assert first.a_missing_persons == max(r.a_missing_persons for r in rows if r.unit == first.unit)


def _found(fx: Fixture, filters: Any) -> set[str]:
    ids: set[str] = set()
    offset = 0
    while True:
        page = fx.ctx.search.search("", filters, offset, 200, TODAY)
        ids.update(h.id_number for h in page.hits)
        if not page.has_more:
            return ids
        offset += len(page.hits)


@pytest.mark.parametrize("figure", FIGURES)
def test_drill_down_lists_the_people_behind_each_figure(fx: Fixture, figure: str) -> None:
    items = fx.count(TODAY)
    cells = [("济南市住房和城乡建设局", "A"), ("临沂市住房和城乡建设局", "C3"), (None, "SPECIAL:01"),
             ("菏泽市住房和城乡建设局", None)]
    for unit, kind in cells:
        filters = fx.ctx.progress.drill_filters(unit, kind, figure, TODAY)
        assert _found(fx, filters) == persons_behind(items, unit, kind, figure), (unit, kind, figure)


def test_drill_down_as_of_another_day(fx: Fixture) -> None:
    day = TODAY - dt.timedelta(days=400)
    filters = fx.ctx.progress.drill_filters("潍坊市住房和城乡建设局", "B", "in_force", day)
    assert _found(fx, filters) == persons_behind(fx.count(day), "潍坊市住房和城乡建设局", "B", "in_force")


def test_unknown_figure_is_refused(fx: Fixture) -> None:
    with pytest.raises(KnownError, match="未知的进度指标"):
        fx.ctx.progress.drill_filters(None, "A", "converted", TODAY)


def test_empty_cache(tmp_path: Path) -> None:
    ctx = WorkspaceContext.open(tmp_path / "empty", actor=Actor("测试员"), today=TODAY)
    try:
        table = ctx.progress.table()
        assert table.rows == () and table.overall == Figures() and table.overall.converted_pct is None
        assert ctx.progress.enterprises() == []
    finally:
        ctx.close()


def test_the_table_reads_its_index_and_the_search_does_not(fx: Fixture) -> None:
    """The covering index serves the table's scan; as a plain index it had taken over the search's
    filter lists (13 s for a unit's list at 1M), so it is partial on a condition only the table writes."""
    import sqlite3

    from desktop_app.services.progress import tables
    from desktop_app.services.progress.conditions import ProgressSql
    from desktop_app.services.search_filters import FilterBuilder
    from desktop_app.services.search_types import SearchFilters

    sql = ProgressSql(fx.ctx.rules, TODAY)
    with sqlite3.connect(fx.ctx.cache.path) as conn:
        for unit in (None, "济南市住房和城乡建设局"):
            plan = " | ".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + tables._table_sql(sql, unit)))
            assert "COVERING INDEX ix_certificates_progress" in plan and "TEMP B-TREE" not in plan, plan
        jinan = "济南市住房和城乡建设局"
        for filters in (SearchFilters(unit=jinan), SearchFilters(unit=jinan, category="A"),
                        SearchFilters(status="expiring", format="old")):
            where = FilterBuilder(fx.ctx.rules, TODAY).build(filters)
            query = f"SELECT p.id FROM persons p WHERE 1{where.where()} LIMIT 50"
            plan = " | ".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + query, where.params))
            assert "ix_certificates_progress" not in plan, plan
