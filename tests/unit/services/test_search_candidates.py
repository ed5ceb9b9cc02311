"""Arms that choose how to read by counting first: every reading lists the same persons in the same order.

CandidateArm (filter-only lists of a unit, and status) counts the unit's holders
(`FilterBuilder.holders`, from ix_certificates_unit_until) and then walks the name index testing each
person (many holders), walks it testing membership in the holders (fewer), or reads the holders by id
and sorts (few). EnterpriseArm counts the matching enterprises and tests each person's employer by
name (most), tests membership (many) or reads their staff by enterprise and sorts (few). The
thresholds are forced here so that every reading runs on the same demo province.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from desktop_app import demo
from desktop_app.domain.rules import default_rules
from desktop_app.services.search import SearchService
from desktop_app.services.search_filters import FilterBuilder
from desktop_app.services.search_plan import Arm, CandidateArm, EnterpriseArm, person_arm
from desktop_app.services.search_types import MatchKind, SearchFilters
from desktop_app.store.engine import Cache
from tests.helpers.search_fixtures import demo_province

TODAY = demo.REFERENCE_DATE
HEZE = "菏泽市住房和城乡建设局"
JINAN = "济南市住房和城乡建设局"
READINGS = {"test each person": (1, 0), "membership": (10**9, 0), "by id, sorted": (10**9, 10**9)}
FILTERS = [
    SearchFilters(unit=HEZE),
    SearchFilters(unit=HEZE, status="expiring"),
    SearchFilters(unit=JINAN, status="valid"),
    SearchFilters(unit=JINAN, status="expired"),
    SearchFilters(unit=JINAN, status="revoked"),
    SearchFilters(unit=JINAN, status="suspended", blocked=False),
    SearchFilters(unit=HEZE, status="expiring", unsynced=False),
]


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cache]:
    built = demo_province(tmp_path_factory.mktemp("candidates"), 3000, seed=7, photo_fraction=0.05)
    yield built
    built.close()


@pytest.fixture(scope="module")
def service(cache: Cache) -> SearchService:
    return SearchService(cache)


def _listed(service: SearchService, arm: Arm | CandidateArm | EnterpriseArm, filters: SearchFilters, offset: int = 0,
            wanted: int = 10_000) -> list[int]:
    where = FilterBuilder(default_rules(), TODAY).build(filters)
    with service._read() as conn:
        return [person_id for person_id, _ in service._collect(conn, [arm], where, offset, wanted)]


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: f"{f.unit[:2]}-{f.status}-{f.blocked}-{f.unsynced}")
def test_every_reading_lists_what_the_plain_walk_lists(service: SearchService, filters: SearchFilters) -> None:
    holders = FilterBuilder(default_rules(), TODAY).holders(filters)
    assert holders is not None
    plain = _listed(service, person_arm(MatchKind.OTHER, "1", ()), filters)
    assert plain, "the demo province has persons for every case"
    for label, (walk_from, sort_below) in READINGS.items():
        arm = CandidateArm(*holders, walk_from=walk_from, sort_below=sort_below)
        assert _listed(service, arm, filters) == plain, label
        for offset in (0, 7, 50):  # pages: the same slice of the same order
            assert _listed(service, arm, filters, offset, 13) == plain[offset:offset + 13], (label, offset)


def test_the_count_chooses_the_reading(service: SearchService) -> None:
    sql, params = FilterBuilder(default_rules(), TODAY).holders(SearchFilters(unit=JINAN))  # type: ignore[misc]
    with service._read() as conn:
        assert CandidateArm(sql, params, walk_from=1).resolve(conn).where == "1"
        assert CandidateArm(sql, params, walk_from=10**9, sort_below=0).resolve(conn).where.startswith("+p.id IN")
        assert CandidateArm(sql, params, walk_from=10**9, sort_below=10**9).resolve(conn).where.startswith("p.id IN")


def test_search_takes_the_candidate_arm_and_agrees_with_the_details(service: SearchService) -> None:
    page = service.search("", SearchFilters(unit=HEZE, status="expiring"), limit=200, today=TODAY)
    assert page.hits
    for hit in page.hits:
        assert any(c.issuer_unit == HEZE and c.status == "expiring" for c in hit.certificates), hit.id_number
    names = [(h.name, h.person_id) for h in page.hits]
    assert names == sorted(names)


@pytest.mark.parametrize("filters", [
    SearchFilters(),
    SearchFilters(status="expiring"),  # no unit: no index collects it
    SearchFilters(unit=HEZE, category="A"),
    SearchFilters(unit=HEZE, format="old"),
    SearchFilters(unit=HEZE, blocked=True),
    SearchFilters(unit=HEZE, figure="pending"),
])
def test_holders_only_for_unit_and_status(filters: SearchFilters) -> None:
    assert FilterBuilder(default_rules(), TODAY).holders(filters) is None


def test_filters_read_covering_indexes(service: SearchService) -> None:
    builder = FilterBuilder(default_rules(), dt.date(2026, 11, 21))
    filters = SearchFilters(unit=HEZE, status="expiring")
    holders, params = builder.holders(filters)  # type: ignore[misc]
    where = builder.build(filters)
    with service._read() as conn:
        plan = " ".join(str(r[-1]) for r in conn.execute(f"EXPLAIN QUERY PLAN {holders}", params))
        assert "COVERING INDEX ix_certificates_unit_until" in plan, plan
        sql, args = person_arm(MatchKind.OTHER, "1", ()).sql(where)
        plan = " ".join(str(r[-1]) for r in conn.execute(f"EXPLAIN QUERY PLAN {sql}", args))
        assert "COVERING INDEX ix_certificates_person_filters" in plan and "TEMP B-TREE" not in plan, plan


ENTERPRISE_READINGS = {"employer by name": (1, 1), "membership": (1, 10**9), "by enterprise, sorted": (10**9, 10**9)}


@pytest.mark.parametrize("part", ["有限公司", "建筑工程", "工程有限", "集团", "建", "安装股份"])
def test_every_enterprise_reading_lists_the_same(service: SearchService, part: str) -> None:
    lists = {}
    for label, (dense_from, every_from) in ENTERPRISE_READINGS.items():
        arm = EnterpriseArm(part, dense_from=dense_from, every_from=every_from)
        lists[label] = _listed(service, arm, SearchFilters())
        for offset in (0, 9):
            assert _listed(service, arm, SearchFilters(), offset, 11) == lists[label][offset:offset + 11]
        filtered = SearchFilters(unit=HEZE)  # filters are ANDed to every reading alike
        lists[label + " + unit"] = _listed(service, arm, filtered)
    assert lists["employer by name"], part
    assert lists["membership"] == lists["employer by name"] == lists["by enterprise, sorted"], part
    assert lists["membership + unit"] == lists["employer by name + unit"] == lists["by enterprise, sorted + unit"]


def test_the_employer_test_by_name_only_where_it_equals_the_trigram_index() -> None:
    assert EnterpriseArm("有限公司").per_person() is not None
    assert EnterpriseArm("建设").per_person() is None  # 1–2 characters: enterprise_terms, on the folded name
    assert EnterpriseArm("abc建设").per_person() is None  # the index folds case; instr would not
    assert EnterpriseArm("ABC").per_person() is None
