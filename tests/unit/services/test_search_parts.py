"""A certificate number given by its parts (as a caller dictates it), and the hints of an empty search.

Real cache, real importer: "鲁建安c(2023)6", "c2022 21", "lu B4T 2026 000009" find their certificate by
indexed equality on certificates.number / new_number; exact matches rank first; "37" and "鲁建安" say
what to try.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop_app.domain.rules import default_rules
from desktop_app.services.search import SearchService
from desktop_app.services.search_filters import FilterBuilder
from desktop_app.services.search_plan import Arm, QueryPlanner, part_readings
from desktop_app.services.search_types import MatchKind, SearchFilters, SearchPage
from desktop_app.store.engine import Cache
from tests.helpers.search_fixtures import (
    C_HOLDER,
    PERSONS,
    QINGDAO,
    TODAY,
    WANG_JIANGUO,
    cert,
    person,
    resident_id,
    write_and_import,
)

C_2023 = resident_id("370102", "19790101", "213")  # 鲁建安C（2023）0000006
C_2023_PREFIX = resident_id("370102", "19790202", "223")  # 鲁建安C（2023）6000001: "…（2023）6" is its prefix
C_2022 = resident_id("370102", "19790303", "233")  # 鲁建安C（2022）0000021
C3_2022 = resident_id("370102", "19790404", "243")  # 鲁建安C3（2022）0000022 (new format)
B4T = resident_id("370203", "19790505", "253")  # 鲁B4T2026000009

EXTRA = [
    person(C_2023, "韩六", [cert("鲁建安C（2023）0000006", "C", "old")]),
    person(C_2023_PREFIX, "韩七", [cert("鲁建安C（2023）6000001", "C", "old")]),
    person(C_2022, "韩八", [cert("鲁建安C（2022）0000021", "C", "old")]),
    person(C3_2022, "韩九", [cert("鲁建安C3（2022）0000022", "C3", "new")]),
    person(B4T, "韩十", [cert("鲁B4T2026000009", "SPECIAL", "old", work_type="4T", unit=QINGDAO)]),
]


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cache]:
    built = write_and_import(tmp_path_factory.mktemp("parts"), [*PERSONS, *EXTRA])
    yield built
    built.close()


@pytest.fixture(scope="module")
def service(cache: Cache) -> SearchService:
    return SearchService(cache)


def search(service: SearchService, query: str) -> SearchPage:
    return service.search(query, today=TODAY)


def ids(page: SearchPage) -> list[str]:
    return [hit.id_number for hit in page.hits]


@pytest.mark.parametrize(("query", "expected"), [
    ("鲁建安c(2023)6", C_2023),
    ("c2022 21", C_2022),
    ("lu B4T 2026 000009", B4T),
    ("C 2023 0000006", C_2023),  # padding given
    ("ｃ （２０２３） ６", C_2023),  # full-width, as an IME types it
    ("建安C(2023)6", C_2023),
    ("鲁 B 4T 2026 9", B4T),
    ("b4t2026000009", B4T),
    ("C3 2022 22", C3_2022),
    ("A 4T 2019 123", WANG_JIANGUO),  # 鲁A4T2019000123 (old code)
])
def test_a_number_given_by_its_parts_finds_the_certificate(service: SearchService, query: str,
                                                           expected: str) -> None:
    page = search(service, query)
    assert ids(page)[:1] == [expected], (query, ids(page))
    assert page.hits[0].match == MatchKind.EXACT_NUMBER
    assert page.understood == "证书编号（类别、年份、流水号）"
    assert page.hint == ""


def test_the_same_certificate_respelled_is_found(service: SearchService) -> None:
    assert ids(search(service, "C3 2016 1234")) == [C_HOLDER]  # printed 鲁建安C（2016）0001234
    assert ids(search(service, "A 05 2019 123")) == [WANG_JIANGUO]  # new code 05 for old 4T
    assert ids(search(service, "C 2022 22")) == [C3_2022]  # printed C3; C means C3 in the new format


def test_the_exact_match_ranks_before_a_number_prefix(service: SearchService) -> None:
    page = search(service, "鲁建安c(2023)6")
    assert ids(page) == [C_2023, C_2023_PREFIX]
    assert [hit.match for hit in page.hits] == [MatchKind.EXACT_NUMBER, MatchKind.PREFIX]


def test_parts_that_are_no_certificate_are_not_read_as_one() -> None:
    rules = default_rules()
    assert part_readings("C1990", rules) == []  # no serial
    assert part_readings("C10232", rules) == []  # year 1023 / 0232 is no year
    assert part_readings("A99202600000001", rules) == []  # serial too long, 99 would need a 4-digit year
    assert [r.canonical for r in part_readings("C120236", rules)] == ["鲁建安C1（2023）0000006"]


def test_parts_use_indexed_equality_never_a_scan(service: SearchService) -> None:
    planner = QueryPlanner(default_rules())
    where = FilterBuilder(default_rules(), TODAY).build(SearchFilters())
    with service._read() as conn:
        for query in ("鲁建安c(2023)6", "c2022 21", "lu B4T 2026 000009"):
            for arm in planner.plan(query).arms:
                assert isinstance(arm, Arm)
                sql, params = arm.sql(where)
                assert "LIKE" not in sql.upper()
                detail = " ".join(str(row[-1]) for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}", params))
                assert "SCAN certificates" not in detail, (query, detail)
                assert "USING INDEX" in detail or "USING COVERING INDEX" in detail, (query, detail)


@pytest.mark.parametrize(("query", "says"), [
    ("37", "身份证号至少输入 4 位"),
    ("鲁建安", "证书编号：可只输入类别、年份和流水号"),
    ("C2023", "证书编号：可只输入类别、年份和流水号"),
    ("鲁建安C(1999)", "证书编号：可只输入类别、年份和流水号"),  # a prefix of nothing
])
def test_a_query_that_finds_nothing_says_what_to_try(service: SearchService, query: str, says: str) -> None:
    page = search(service, query)
    assert page.hits == ()
    assert says in page.hint


def test_a_readable_query_has_no_hint(service: SearchService) -> None:
    for query in ("王建", "1234", "鲁建安C（2016）0001234", "wangjian"):
        page = search(service, query)
        assert page.hint == "", query
        assert page.interpretation == page.understood
    assert search(service, "鲁建安C（2016）0001234").interpretation == "证书编号"
