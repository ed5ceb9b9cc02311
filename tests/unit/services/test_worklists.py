"""The "A 证待补充信息" worklist: who is on it, what they miss, filters, sorting, summary, the index."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop_app import messages
from desktop_app.domain.rules import default_rules
from desktop_app.errors import KnownError
from desktop_app.services import edits
from desktop_app.services.worklists import supplement_worklist, worklist_summary
from desktop_app.store.engine import Cache, head_revision
from tests.helpers.search_fixtures import (
    HUAXIA,
    JINAN,
    LUNENG,
    QINGDAO,
    TODAY,
    cert,
    person,
    resident_id,
    write_and_import,
)

# On Jinan's list
BOTH = resident_id("370102", "19800101", "111")  # 职务 and 技术职称 missing, has a photo
TITLE_ONLY = resident_id("370102", "19800202", "121")  # 技术职称 missing, no photo
POSITION_ONLY = resident_id("370102", "19800303", "131")  # 职务 missing, enterprise 华夏
NO_EMPLOYER = resident_id("370102", "19800404", "141")  # no enterprise: sorted last by enterprise
TWO_UNITS = resident_id("370102", "19800505", "151")  # old A certificates from Jinan and Qingdao
# On Qingdao's list only
QINGDAO_ONLY = resident_id("370203", "19810101", "211")
# Not on any list
COMPLETE = resident_id("370102", "19820101", "311")  # both fields present (no photo: not enough)
NEW_FORMAT = resident_id("370102", "19820202", "321")
EXPIRED = resident_id("370102", "19820303", "331")
REVOKED = resident_id("370102", "19820404", "341")
B_HOLDER = resident_id("370102", "19820505", "351")
GENERATED = resident_id("370102", "19820606", "361")  # old A, its new certificate already generated

JINAN_LIST = {BOTH, TITLE_ONLY, POSITION_ONLY, NO_EMPLOYER, TWO_UNITS}


def _a(serial: int, **kwargs: object) -> dict[str, object]:
    return cert(f"鲁建安A（2019）{serial:07d}", "A", "old", **kwargs)  # type: ignore[arg-type]


CAMPAIGN = [
    person(BOTH, "王一", [_a(1)], employer=LUNENG, position=None, title=None),
    person(TITLE_ONLY, "李二", [_a(2)], employer=LUNENG, title=None, photo=False),
    person(POSITION_ONLY, "张三", [_a(3)], employer=HUAXIA, position=None),
    person(NO_EMPLOYER, "赵四", [_a(4)], position=None, title=None),
    person(TWO_UNITS, "钱五", [_a(5), _a(6, unit=QINGDAO)], employer=HUAXIA, position=None, title=None),
    person(QINGDAO_ONLY, "孙六", [_a(7, unit=QINGDAO)], employer=HUAXIA, position=None, title=None),
    person(COMPLETE, "周七", [_a(8)], employer=LUNENG, photo=False),
    person(NEW_FORMAT, "吴八", [cert("鲁建安A（2024）0000009", "A", "new")], employer=LUNENG, position=None,
           title=None),
    person(EXPIRED, "郑九", [_a(10, state="expired", until=-30)], employer=LUNENG, position=None, title=None),
    person(REVOKED, "冯十", [_a(11, state="revoked")], employer=LUNENG, position=None, title=None),
    person(B_HOLDER, "陈十一", [cert("鲁建安B（2019）0000012", "B", "old")], employer=LUNENG, position=None,
           title=None),
    person(GENERATED, "褚十二", [_a(13)], employer=LUNENG, position=None, title=None),
]


def build_campaign_cache(folder: Path) -> Cache:
    """A real cache (real importer) with every worklist case; GENERATED's new certificate is marked made."""
    cache = write_and_import(folder, CAMPAIGN)
    with sqlite3.connect(cache.path) as conn:
        conn.execute("UPDATE certificates SET new_generated_at = '2026-08-01 10:00:00' WHERE person_id = "
                     "(SELECT id FROM persons WHERE id_number = ?)", (GENERATED,))
    return cache


@pytest.fixture
def cache(tmp_path: Path) -> Cache:
    return build_campaign_cache(tmp_path)


def ids(rows: list) -> list[str]:
    return [r.id_number for r in rows]


def test_the_unit_list_holds_exactly_the_in_force_old_a_holders_missing_fields(cache: Cache) -> None:
    rows = supplement_worklist(cache, unit=JINAN, today=TODAY)
    assert set(ids(rows)) == JINAN_LIST
    assert set(ids(supplement_worklist(cache, unit=QINGDAO, today=TODAY))) == {TWO_UNITS, QINGDAO_ONLY}
    everyone = supplement_worklist(cache, today=TODAY)
    assert sorted(ids(everyone)) == sorted(JINAN_LIST | {QINGDAO_ONLY})  # a person appears once


def test_each_row_says_what_is_missing_and_carries_the_contact_data(cache: Cache) -> None:
    rows = {r.id_number: r for r in supplement_worklist(cache, today=TODAY)}
    both = rows[BOTH]
    assert both.missing == ("职务", "技术职称") and not both.missing_photo
    assert both.missing_text == "职务、技术职称"
    assert (both.name, both.enterprise, both.enterprise_uscc) == ("王一", LUNENG["name"], LUNENG["uscc"])
    assert both.certificates == ("鲁建安A（2019）0000001",) and both.issuer_unit == JINAN
    assert rows[TITLE_ONLY].missing == ("技术职称",) and rows[TITLE_ONLY].missing_photo
    assert rows[TITLE_ONLY].missing_text == "技术职称、照片"
    assert rows[TITLE_ONLY].position == "总经理" and rows[TITLE_ONLY].education == "本科"
    assert rows[POSITION_ONLY].missing == ("职务",)


def test_what_is_missing_is_named_in_the_chosen_language(cache: Cache) -> None:
    rows = {r.id_number: r for r in supplement_worklist(cache, today=TODAY)}
    rules = default_rules()
    assert rows[BOTH].missing_names(rules) == ["职务", "技术职称"]
    assert rows[TITLE_ONLY].missing_names(rules) == ["技术职称", "照片"]
    messages.set_language("en")
    try:
        assert rows[BOTH].missing_names(rules) == ["Position", "Technical title"]
        assert rows[TITLE_ONLY].missing_names(rules) == ["Technical title", "Photo"]
        assert rows[TITLE_ONLY].missing_text == "技术职称、照片"  # the Chinese template's cell stays as it is
    finally:
        messages.set_language(messages.DEFAULT_LANGUAGE)
    two = rows[TWO_UNITS]
    assert two.certificates == ("鲁建安A（2019）0000005", "鲁建安A（2019）0000006")
    assert set(two.issuer_units) == {JINAN, QINGDAO}
    assert rows[NO_EMPLOYER].enterprise is None


def test_filters_by_enterprise_name_part_or_uscc_and_by_missing_field(cache: Cache) -> None:
    assert set(ids(supplement_worklist(cache, unit=JINAN, enterprise="鲁能", today=TODAY))) == {BOTH, TITLE_ONLY}
    assert set(ids(supplement_worklist(cache, enterprise=HUAXIA["uscc"], today=TODAY))) == {
        POSITION_ONLY, TWO_UNITS, QINGDAO_ONLY}
    assert set(ids(supplement_worklist(cache, unit=JINAN, enterprise=HUAXIA["uscc"].lower(), today=TODAY))) == {
        POSITION_ONLY, TWO_UNITS}
    assert set(ids(supplement_worklist(cache, unit=JINAN, missing="技术职称", today=TODAY))) == {
        BOTH, TITLE_ONLY, NO_EMPLOYER, TWO_UNITS}
    assert set(ids(supplement_worklist(cache, unit=JINAN, missing="position", today=TODAY))) == {
        BOTH, POSITION_ONLY, NO_EMPLOYER, TWO_UNITS}
    photo = supplement_worklist(cache, unit=JINAN, missing="照片", today=TODAY)
    assert ids(photo) == [TITLE_ONLY] and photo[0].missing_photo


def test_sorting_and_paging(cache: Cache) -> None:
    by_enterprise = supplement_worklist(cache, unit=JINAN, today=TODAY)
    names = [r.enterprise for r in by_enterprise]
    assert names[-1] is None  # no enterprise last
    assert names[:-1] == sorted(names[:-1])  # type: ignore[type-var]
    by_id = supplement_worklist(cache, unit=JINAN, sort="id_number", today=TODAY)
    assert ids(by_id) == sorted(JINAN_LIST)
    by_name = supplement_worklist(cache, unit=JINAN, sort="name", today=TODAY)
    assert [r.name for r in by_name] == sorted(r.name for r in by_name)
    assert ids(supplement_worklist(cache, unit=JINAN, sort="id_number", offset=1, limit=2, today=TODAY)) == \
        sorted(JINAN_LIST)[1:3]


def test_bad_arguments_get_a_clear_reason(cache: Cache) -> None:
    with pytest.raises(KnownError, match="未知的发证单位"):
        supplement_worklist(cache, unit="火星市住房和城乡建设局")
    with pytest.raises(KnownError, match="未知的缺少项目"):
        supplement_worklist(cache, missing="血型")
    with pytest.raises(KnownError, match="未知的排序方式"):
        supplement_worklist(cache, sort="age")


def test_summary_counts_per_unit_and_per_enterprise(cache: Cache) -> None:
    summary = worklist_summary(cache, today=TODAY)
    assert summary.total == 6
    assert [(g.name, g.persons) for g in summary.by_unit] == [(JINAN, 5), (QINGDAO, 2)]
    by_enterprise = {g.name: (g.uscc, g.persons) for g in summary.by_enterprise}
    assert by_enterprise == {HUAXIA["name"]: (HUAXIA["uscc"], 3), LUNENG["name"]: (LUNENG["uscc"], 2),
                             "（无工作单位）": (None, 1)}
    assert summary.by_enterprise[0].name == HUAXIA["name"]  # most persons first
    unit = worklist_summary(cache, unit=QINGDAO, today=TODAY)
    assert unit.total == 2 and [g.name for g in unit.by_unit] == [QINGDAO]


def test_the_list_shrinks_as_records_are_fixed(cache: Cache) -> None:
    person_id = edits.person_id_for(cache, BOTH)
    assert person_id is not None
    version = edits.load_person_form(cache, person_id).version
    edits.save_person(cache, person_id, version, {"position": "总经理", "title": "工程师"}, operator="张三")
    assert set(ids(supplement_worklist(cache, unit=JINAN, today=TODAY))) == JINAN_LIST - {BOTH}
    assert worklist_summary(cache, unit=JINAN, today=TODAY).total == len(JINAN_LIST) - 1


def test_the_unit_query_reads_the_partial_index(cache: Cache) -> None:
    from desktop_app.domain.rules import default_rules
    from desktop_app.services.worklists import _query

    assert head_revision() >= "0004"
    with sqlite3.connect(cache.path) as conn:
        indexes = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert "ix_certificates_a_old_pending" in indexes
        for unit in (JINAN, None):
            sql, params = _query(default_rules(), TODAY, unit, None, None, "enterprise")
            plan = " | ".join(row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params))
            assert "ix_certificates_a_old_pending" in plan, plan
