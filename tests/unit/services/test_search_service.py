"""SearchService on a real cache filled by the real importer: every query class, ranking, filters, paging."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from desktop_app.domain.answer import AnswerItem, inquiry_answer
from desktop_app.domain.certnumber import parse
from desktop_app.domain.ecert import make_ecert_id
from desktop_app.domain.qrtext import extract, looks_like_qr
from desktop_app.domain.status import Status
from desktop_app.errors import KnownError
from desktop_app.services.search import SearchService
from desktop_app.services.search_types import MatchKind, SearchFilters, SearchPage
from desktop_app.store import outbox, search_index
from desktop_app.store.engine import Cache
from tests.helpers.search_fixtures import (
    C_HOLDER,
    DONE,
    EXPIRING,
    HUANG,
    LI_WANGJIAN,
    LUNENG,
    NEW_03,
    OLD_03,
    READY,
    REVOKED,
    TODAY,
    WANG_JIAN,
    WANG_JIANGUO,
    ZENG,
    build_cache,
    uscc,
)

ISSUER = uscc("00000001")  # a (synthetic) issuing authority's USCC


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cache]:
    built = build_cache(tmp_path_factory.mktemp("search"))
    yield built
    built.close()


@pytest.fixture(scope="module")
def service(cache: Cache) -> SearchService:
    return SearchService(cache)


def search(service: SearchService, query: str, **kwargs: object) -> SearchPage:
    return service.search(query, today=TODAY, **kwargs)  # type: ignore[arg-type]


def ids(page: SearchPage) -> list[str]:
    return [h.id_number for h in page.hits]


# --- query classes ------------------------------------------------------------------------------


def test_whole_name_finds_the_person_first(service: SearchService) -> None:
    page = search(service, "王建国")
    assert ids(page)[0] == WANG_JIANGUO
    assert page.hits[0].match is MatchKind.EXACT_NAME


def test_single_character_is_a_query(service: SearchService) -> None:
    assert {WANG_JIAN, WANG_JIANGUO, LI_WANGJIAN, HUANG} <= set(ids(search(service, "王")))


def test_name_part_finds_given_names(service: SearchService) -> None:
    page = search(service, "建国")
    assert ids(page) == [WANG_JIANGUO]
    assert page.hits[0].match is MatchKind.OTHER


@pytest.mark.parametrize("query", ["wangjianguo", "wjg", "wangj", "WJG", "wangjg"[:5]])
def test_pinyin_full_initials_and_prefixes(service: SearchService, query: str) -> None:
    page = search(service, query)
    assert WANG_JIANGUO in ids(page)
    assert all(h.match is MatchKind.PREFIX for h in page.hits)


def test_surname_reading_of_zeng(service: SearchService) -> None:
    assert ids(search(service, "zengxiaoming")) == [ZENG]
    assert ids(search(service, "zxm")) == [ZENG]


@pytest.mark.parametrize("query", [WANG_JIANGUO, WANG_JIANGUO.lower(), f" {WANG_JIANGUO[:6]} {WANG_JIANGUO[6:]} ",
                                   WANG_JIANGUO.translate(str.maketrans("0123456789X", "０１２３４５６７８９ｘ"))])
def test_whole_id_in_any_spelling(service: SearchService, query: str) -> None:
    assert WANG_JIANGUO.endswith("X")
    page = search(service, query)
    assert ids(page) == [WANG_JIANGUO]
    assert page.hits[0].match is MatchKind.EXACT_NUMBER
    assert page.interpretation == "身份证号"


@pytest.mark.parametrize("length", [4, 5, 6, 7, 8])
def test_id_tail(service: SearchService, length: int) -> None:
    page = search(service, WANG_JIANGUO[-length:].lower())
    assert WANG_JIANGUO in ids(page)
    assert f"身份证号后 {length} 位" in page.interpretation


def test_four_digits_are_an_id_tail(service: SearchService) -> None:
    page = search(service, ZENG[-4:])
    assert ids(page) == [ZENG]
    assert page.hits[0].match is MatchKind.OTHER


def test_id_head(service: SearchService) -> None:
    page = search(service, "37010219850712")
    assert set(ids(page)) == {WANG_JIAN, WANG_JIANGUO}
    assert all(h.match is MatchKind.PREFIX for h in page.hits)


def test_id_head_ranks_before_id_tail(service: SearchService) -> None:
    # "370102" starts several IDs; no ID ends with it
    page = search(service, "370102")
    assert page.interpretation == "身份证号前 6 位／身份证号后 6 位"
    assert [h.match for h in page.hits] == sorted(h.match for h in page.hits)


@pytest.mark.parametrize("query", ["鲁建安C(2016)0001234", "鲁建安C（2016）0001234", "鲁建安c (2016) 0001234",
                                   "鲁建安C3（2016）0001234", "鲁建安Ｃ３（２０１６）０００１２３４"])
def test_safety_number_old_and_new_spelling(service: SearchService, query: str) -> None:
    page = search(service, query)
    assert ids(page) == [C_HOLDER]
    assert page.hits[0].match is MatchKind.EXACT_NUMBER
    assert page.hits[0].certificates[0].new_number == "鲁建安C3（2016）0001234"


@pytest.mark.parametrize("query", ["鲁A4T2019000123", "鲁A052019000123", "鲁a4t2019000123"])
def test_special_number_old_and_new_code(service: SearchService, query: str) -> None:
    assert ids(search(service, query)) == [WANG_JIANGUO]


def test_ambiguous_bare_code_tries_both_readings(service: SearchService) -> None:
    page = search(service, "鲁A032020000555")
    assert set(ids(page)) == {OLD_03, NEW_03}
    assert "两种读法" in page.interpretation
    numbers = {h.certificates[0].new_number for h in page.hits}
    assert numbers == {"鲁A042020000555", "鲁A032020000555"}


def test_certificate_number_being_typed(service: SearchService) -> None:
    page = search(service, "鲁建安A(2019)")
    assert WANG_JIAN in ids(page)
    assert page.hits[0].match is MatchKind.PREFIX


def test_uscc_finds_the_staff(service: SearchService) -> None:
    page = search(service, LUNENG["uscc"].lower())
    assert set(ids(page)) == {WANG_JIAN, WANG_JIANGUO, READY}
    assert page.interpretation == "统一社会信用代码"


@pytest.mark.parametrize("query", ["鲁能", "鲁能建设", "建设集团"])
def test_enterprise_name_part(service: SearchService, query: str) -> None:
    assert set(ids(search(service, query))) == {WANG_JIAN, WANG_JIANGUO, READY}


def test_no_match_is_an_empty_page(service: SearchService) -> None:
    for query in ("欧阳修", "xyzxyz", "99999999", "鲁建安A（2019）9999999", "?!"):
        page = search(service, query)
        assert page.hits == () and not page.has_more


# --- QR text --------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "https://zwfw.example.gov.cn/verify?certNo=%E9%B2%81A052019000123&t=1",
    "https://example.cn/q?no=鲁A4T2019000123",
    f"证书编号:鲁A052019000123;身份证号:{WANG_JIANGUO}",
])
def test_qr_text_with_a_number(service: SearchService, text: str) -> None:
    assert looks_like_qr(text)
    page = search(service, text)
    assert ids(page) == [WANG_JIANGUO]
    assert "二维码" in page.interpretation
    assert page.hits[0].match is MatchKind.EXACT_NUMBER


def test_qr_text_with_an_ecert_identifier(service: SearchService) -> None:
    ecert = make_ecert_id(parse("鲁建安C3（2016）0001234"), ISSUER)
    assert ids(search(service, f"https://example.cn/v?id={ecert}")) == [C_HOLDER]
    assert extract(str(ecert)).new_numbers == ("鲁建安C3（2016）0001234",)


def test_qr_extraction_ignores_bad_check_characters() -> None:
    ecert = str(make_ecert_id(parse("鲁建安A（2019）0001234"), ISSUER))
    broken = ecert[:-1] + ("0" if ecert[-1] != "0" else "1")
    assert not extract(broken).ecert_ids


# --- ranking --------------------------------------------------------------------------------------


def test_exact_name_then_prefix_then_part(service: SearchService) -> None:
    page = search(service, "王建")
    assert ids(page)[:3] == [WANG_JIAN, WANG_JIANGUO, LI_WANGJIAN]
    assert [h.match for h in page.hits[:3]] == [MatchKind.EXACT_NAME, MatchKind.PREFIX, MatchKind.OTHER]


def test_exact_number_beats_everything(service: SearchService) -> None:
    # the QR carries a certificate number and another person's ID: both exact, nothing else
    page = search(service, f"https://x.cn/?no=鲁A052019000123&id={ZENG}")
    assert set(ids(page)) == {WANG_JIANGUO, ZENG}
    assert {h.match for h in page.hits} == {MatchKind.EXACT_NUMBER}


def test_ranking_is_monotonic_and_each_person_once(service: SearchService) -> None:
    page = search(service, "王", limit=100)
    assert [h.match for h in page.hits] == sorted(h.match for h in page.hits)
    assert len(set(ids(page))) == len(page.hits)


# --- paging ---------------------------------------------------------------------------------------


def test_paging_is_lazy_and_complete(service: SearchService) -> None:
    everyone = ids(search(service, "王", limit=100))
    assert len(everyone) == 4
    first = search(service, "王", limit=3)
    second = search(service, "王", offset=3, limit=3)
    assert first.has_more and not second.has_more
    assert ids(first) + ids(second) == everyone
    assert search(service, "王", offset=4).hits == ()


def test_count_is_capped(service: SearchService) -> None:
    assert service.count("王") == 4
    assert service.count("王", cap=2) == 2


# --- filters --------------------------------------------------------------------------------------


def test_empty_query_without_filters_lists_nothing(service: SearchService) -> None:
    assert search(service, "").hits == ()


def test_unit_filter(service: SearchService) -> None:
    page = search(service, "王", filters=SearchFilters(unit="青岛市住房和城乡建设局"))
    assert set(ids(page)) == {LI_WANGJIAN, HUANG}


def test_unit_filter_takes_an_alias(service: SearchService) -> None:
    page = search(service, "", filters=SearchFilters(unit="青岛西海岸新区住房和城乡建设局"))
    assert page.hits == ()


def test_unknown_unit_is_a_known_error(service: SearchService) -> None:
    with pytest.raises(KnownError, match="未知的发证单位"):
        search(service, "王", filters=SearchFilters(unit="火星局"))


@pytest.mark.parametrize(("filters", "expected"), [
    (SearchFilters(category="C"), {C_HOLDER}),
    (SearchFilters(category="C3"), {C_HOLDER}),
    (SearchFilters(category="A"), {WANG_JIAN, READY}),
    (SearchFilters(work_type="05"), {WANG_JIANGUO}),
    (SearchFilters(work_type="04"), {OLD_03}),
    (SearchFilters(work_type="03"), {NEW_03}),
    (SearchFilters(format="old", unit="菏泽市住房和城乡建设局"), {OLD_03, EXPIRING}),
    (SearchFilters(status="expiring"), {C_HOLDER, EXPIRING}),
    (SearchFilters(status="revoked"), {REVOKED}),
    (SearchFilters(status="expired"), {DONE}),
    (SearchFilters(status="valid", unit="菏泽市住房和城乡建设局"), {OLD_03, NEW_03}),
])
def test_certificate_filters_on_an_empty_query(service: SearchService, filters: SearchFilters,
                                               expected: set[str]) -> None:
    assert set(ids(search(service, "", filters=filters, limit=100))) == expected


def test_blocked_filter_matches_the_blockers_shown(service: SearchService) -> None:
    blocked = search(service, "", filters=SearchFilters(blocked=True), limit=100)
    assert WANG_JIAN in ids(blocked) and C_HOLDER in ids(blocked)
    assert DONE in ids(blocked)  # its old certificate has lapsed: "not in force" blocks it
    assert READY not in ids(blocked) and ZENG not in ids(blocked)
    assert all(h.blocked for h in blocked.hits)
    free = search(service, "", filters=SearchFilters(blocked=False), limit=100)
    assert all(not h.blocked for h in free.hits)
    assert len(blocked.hits) + len(free.hits) == 13


def test_blocked_reasons(service: SearchService) -> None:
    hit = search(service, WANG_JIAN).hits[0]
    assert hit.blocked == ("鲁建安A（2019）0001234：A 证缺少：职务、技术职称",)
    hit = search(service, C_HOLDER).hits[0]
    assert hit.blocked == ("鲁建安C（2016）0001234：缺少照片",)


def test_unsynced_filter(cache: Cache, service: SearchService) -> None:
    assert search(service, "", filters=SearchFilters(unsynced=True)).hits == ()
    _outbox(cache.engine, ZENG, "person")
    _outbox(cache.engine, "鲁建安B（2020）0000007", "certificate")
    _outbox(cache.engine, READY, "person", state=outbox.OutboxState.APPLIED)
    try:
        page = search(service, "", filters=SearchFilters(unsynced=True))
        assert set(ids(page)) == {ZENG, LI_WANGJIAN}
        assert all(h.unsynced for h in page.hits)
        assert not search(service, READY).hits[0].unsynced
        detail = service.person_detail(page.hits[0].person_id, today=TODAY)
        assert detail is not None and detail.unsynced_changes == 1
    finally:
        with cache.engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM outbox")


def _outbox(engine: Engine, key: str, entity: str,
            state: outbox.OutboxState = outbox.OutboxState.PENDING) -> None:
    """An outbox entry as the edit and issuance services write it (through the outbox's owner)."""
    owner = ("SELECT id FROM persons WHERE id_number = ?" if entity == "person"
             else "SELECT person_id FROM certificates WHERE new_number = ?")
    with Session(engine) as session, session.begin():
        person_id = session.execute(text(owner.replace("?", ":key")), {"key": key}).scalar_one()
        entry = outbox.enqueue(session, person_id=person_id, entity=outbox.Entity(entity), record_key=key,
                               base_version=1, fields=(), operator="测试")
        entry.state = state.value


# --- hits and detail ------------------------------------------------------------------------------


def test_hit_carries_certificate_summaries(service: SearchService) -> None:
    hit = search(service, WANG_JIANGUO).hits[0]
    assert hit.employer == LUNENG["name"]
    (summary,) = hit.certificates
    assert (summary.number, summary.new_number) == ("鲁A4T2019000123", "鲁A052019000123")
    assert summary.work_type == "4T" and summary.work_type_name == "建筑起重机械司机（塔式起重机）"
    assert summary.status == "valid" and summary.status_label == "有效"
    assert summary.blockers == ()


def test_detail_has_phones_and_the_answer(service: SearchService) -> None:
    person_id = search(service, READY).hits[0].person_id
    detail = service.person_detail(person_id, today=TODAY)
    assert detail is not None
    assert detail.contacts[0].name == "济南市住房和城乡建设局"
    assert detail.contacts[0].phones == ("0531-61378779",)
    assert detail.answer == "新版证书未生成，可生成新版证书（鲁建安A（2018）0000042）"
    assert detail.photo is not None and detail.photo_mime == "image/jpeg"


@pytest.mark.parametrize(("id_number", "answer"), [
    (DONE, "新版证书已生成"),
    (WANG_JIAN, "新版证书未生成，原因：A 证缺少：职务、技术职称"),
    (REVOKED, "新版证书已生成"),
])
def test_phone_inquiry_answers(service: SearchService, id_number: str, answer: str) -> None:
    detail = service.person_detail(search(service, id_number).hits[0].person_id, today=TODAY)
    assert detail is not None and detail.answer == answer


def test_detail_of_a_missing_person_is_none(service: SearchService) -> None:
    assert service.person_detail(10_000_000) is None


def test_units_are_the_notice_units(service: SearchService) -> None:
    assert len(service.units()) == 18 and service.units()[0] == "济南市住房和城乡建设局"


def test_answer_wording() -> None:
    old = AnswerItem("鲁建安A（2019）0001234", Status.VALID, False, ("A 证缺少：职务",))
    other = AnswerItem("鲁A012021000001", Status.EXPIRING, False, ("缺少照片",))
    assert inquiry_answer([]) == "无证书记录"
    assert inquiry_answer([old, other]) == ("新版证书未生成，原因：鲁建安A（2019）0001234（A 证缺少：职务）；"
                                            "鲁A012021000001（缺少照片）")
    lapsed = AnswerItem("鲁A012015000001", Status.EXPIRED, False, ("证书状态为“已过期”",))
    assert inquiry_answer([lapsed]) == "新版证书未生成，原因：证书状态为“已过期”"


# --- the index follows every write ----------------------------------------------------------------


def _terms(engine: Engine, person_id: int) -> set[str]:
    with engine.connect() as conn:
        return {r[0] for r in conn.exec_driver_sql("SELECT term FROM search_terms WHERE person_id = ?",
                                                   (person_id,))}


NEW_ID = "370102199001010000"


def test_index_follows_updates_and_deletes(tmp_path: Path) -> None:
    cache = build_cache(tmp_path)
    service = SearchService(cache)
    try:
        person_id = search(service, ZENG).hits[0].person_id
        before = _terms(cache.engine, person_id)
        with cache.engine.begin() as conn:
            conn.exec_driver_sql("UPDATE persons SET name = '单田芳', id_number = ? WHERE id = ?",
                                 (NEW_ID, person_id))
        assert search(service, "zxm").hits == () and search(service, "小明").hits == ()
        assert ids(search(service, "shantianfang")) == [NEW_ID]
        assert ids(search(service, "田芳")) == [NEW_ID]
        assert _terms(cache.engine, person_id).isdisjoint(before)
        with cache.engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM persons WHERE id = ?", (person_id,))
        assert _terms(cache.engine, person_id) == set()
        assert search(service, "田芳").hits == ()
    finally:
        cache.close()


def test_rebuild_gives_what_the_triggers_gave(tmp_path: Path) -> None:
    cache = build_cache(tmp_path)
    try:
        with cache.engine.connect() as conn:
            by_trigger = set(conn.exec_driver_sql("SELECT * FROM search_terms").all())
        search_index.rebuild_search_index(cache.engine)
        with cache.engine.connect() as conn:
            assert set(conn.exec_driver_sql("SELECT * FROM search_terms").all()) == by_trigger
            assert search_index.stamped_version(conn) == search_index.index_version()
        assert not search_index.ensure_current(cache.engine)
    finally:
        cache.close()


def test_reimport_changes_no_terms(tmp_path: Path) -> None:
    from desktop_app.services import interchange as records

    cache = build_cache(tmp_path)
    try:
        with cache.engine.connect() as conn:
            before = conn.exec_driver_sql("SELECT count(*) FROM search_terms").scalar_one()
        records.import_jsonl(cache, tmp_path / "persons.jsonl")
        with cache.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM search_terms").scalar_one() == before
    finally:
        cache.close()


def test_today_defaults_to_the_calendar(service: SearchService) -> None:
    page = service.search(C_HOLDER)
    assert page.hits[0].certificates[0].status in {s.value for s in Status}
