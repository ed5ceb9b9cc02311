"""Local corrections: values, audit and outbox in one transaction; validation; stale edits; undo; history."""

from __future__ import annotations

import datetime as dt
import io
import json
import sqlite3
from pathlib import Path

import pytest
from PIL import Image

from desktop_app.services import edits
from desktop_app.services.history import history as read_history
from desktop_app.services.search import SearchService
from desktop_app.services.search_types import SearchFilters
from desktop_app.services.undo import peek_last, undo_last
from desktop_app.store.engine import Cache
from tests.helpers.search_fixtures import LUNENG, cert, person, resident_id, uscc, write_and_import

A_HOLDER = resident_id("370102", "19850712", "123")
OTHER = resident_id("370203", "19900101", "002")


@pytest.fixture
def cache(tmp_path: Path) -> Cache:
    records = [
        person(A_HOLDER, "王建国", [cert("鲁建安A（2019）0001234", "A", "old")], employer=LUNENG, position=None,
               title=None),
        person(OTHER, "李娜", [cert("鲁建安C（2016）0001234", "C", "old")]),
    ]
    return write_and_import(tmp_path, records)


def pid(cache: Cache, id_number: str) -> int:
    found = edits.person_id_for(cache, id_number)
    assert found is not None
    return found


def rows(cache: Cache, sql: str) -> list[tuple]:
    with sqlite3.connect(cache.path) as conn:
        return conn.execute(sql).fetchall()


def test_fixing_missing_a_fields_writes_values_audit_and_outbox(cache: Cache) -> None:
    person_id = pid(cache, A_HOLDER)
    form = edits.load_person_form(cache, person_id)
    assert form.values["position"] is None and form.categories == ("A",)
    result = edits.save_person(cache, person_id, form.version, {"position": "总经理", "title": "高级工程师"},
                               operator="张三", reason="本人到窗口补充")
    assert {c.field for c in result.changes} == {"position", "title"}
    assert result.version == form.version + 1
    after = edits.load_person_form(cache, person_id)
    assert after.values["position"] == "总经理" and after.version == result.version
    audit = rows(cache, "SELECT operator, field, old_value, new_value, reason, person_id FROM audit_log "
                        "WHERE source = 'local' ORDER BY field")
    assert audit == [("张三", "position", None, "总经理", "本人到窗口补充", person_id),
                     ("张三", "title", None, "高级工程师", "本人到窗口补充", person_id)]
    outbox = rows(cache, "SELECT entity, entity_key, base_version, changes, state FROM outbox")
    assert len(outbox) == 1
    entity, key, base, changes, state = outbox[0]
    assert (entity, key, base, state) == ("person", A_HOLDER, form.version, "pending")
    assert json.loads(changes)["fields"]["position"] == {"old": None, "new": "总经理"}


def test_blocker_disappears_and_unsynced_filter_finds_the_person(cache: Cache) -> None:
    person_id = pid(cache, A_HOLDER)
    service = SearchService(cache)
    before = service.person_detail(person_id)
    assert before is not None and any("A 证缺少" in b for c in before.certificates for b in c.blockers)
    version = edits.load_person_form(cache, person_id).version
    edits.save_person(cache, person_id, version, {"position": "总经理", "title": "工程师"}, operator="张三")
    after = service.person_detail(person_id)
    assert after is not None and not any("A 证缺少" in b for c in after.certificates for b in c.blockers)
    hits = service.search("", SearchFilters(unsynced=True)).hits
    assert [h.id_number for h in hits] == [A_HOLDER]


def test_invalid_values_are_refused_with_reasons_and_nothing_is_written(cache: Cache) -> None:
    person_id = pid(cache, A_HOLDER)
    version = edits.load_person_form(cache, person_id).version
    with pytest.raises(edits.ValidationFailed) as info:
        edits.save_person(cache, person_id, version, {"id_number": A_HOLDER[:17] + "5", "phone": "12345",
                                                      "employer_uscc": "91110000600037341M"}, operator="张三")
    assert set(info.value.reasons) >= {"id_number", "phone", "employer_uscc"}
    assert "校验位" in info.value.reasons["id_number"]
    assert rows(cache, "SELECT count(*) FROM outbox") == [(0,)]
    assert rows(cache, "SELECT count(*) FROM audit_log WHERE source = 'local'") == [(0,)]


def test_a_holder_cannot_clear_required_fields(cache: Cache) -> None:
    person_id = pid(cache, OTHER)  # a C holder may leave them empty
    version = edits.load_person_form(cache, person_id).version
    edits.save_person(cache, person_id, version, {"position": ""}, operator="张三")
    a_id = pid(cache, A_HOLDER)
    with pytest.raises(edits.ValidationFailed) as info:
        edits.save_person(cache, a_id, edits.load_person_form(cache, a_id).version, {"phone": "13805310000"},
                          operator="张三")
    assert info.value.reasons == {"position": "A 证持有人必须填写职务", "title": "A 证持有人必须填写技术职称"}


def test_duplicate_id_number_is_refused(cache: Cache) -> None:
    person_id = pid(cache, A_HOLDER)
    with pytest.raises(edits.ValidationFailed, match="已属于另一人"):
        edits.save_person(cache, person_id, edits.load_person_form(cache, person_id).version,
                          {"id_number": OTHER, "gender": "女", "position": "总经理", "title": "工程师"}, operator="x")


def test_stale_version_is_refused(cache: Cache) -> None:
    person_id = pid(cache, OTHER)
    version = edits.load_person_form(cache, person_id).version
    edits.save_person(cache, person_id, version, {"major": "土木工程"}, operator="甲")
    with pytest.raises(edits.StaleRecord):
        edits.save_person(cache, person_id, version, {"major": "机械"}, operator="乙")


def test_employer_change_finds_or_creates_enterprise(cache: Cache) -> None:
    person_id = pid(cache, OTHER)
    version = edits.load_person_form(cache, person_id).version
    edits.save_person(cache, person_id, version, {"employer_name": LUNENG["name"], "employer_uscc": LUNENG["uscc"]},
                      operator="甲")
    new_uscc = uscc("NEWC0001")
    edits.save_person(cache, person_id, version + 1, {"employer_name": "济南新公司有限公司", "employer_uscc": new_uscc},
                      operator="甲")
    form = edits.load_person_form(cache, person_id)
    assert form.values["employer_name"] == "济南新公司有限公司" and form.values["employer_uscc"] == new_uscc
    assert rows(cache, f"SELECT count(*) FROM enterprises WHERE uscc = '{LUNENG['uscc']}'") == [(1,)]


def test_undo_restores_values_and_removes_the_outbox_entry(cache: Cache) -> None:
    person_id = pid(cache, OTHER)
    version = edits.load_person_form(cache, person_id).version
    edits.save_person(cache, person_id, version, {"major": "土木工程"}, operator="甲")
    edits.save_person(cache, person_id, version + 1, {"phone": "13805310000"}, operator="甲")
    undone = undo_last(cache, person_id, operator="甲")
    assert [(c.field, c.old, c.new) for c in undone.changes] == [("phone", "13805310000", None)]
    form = edits.load_person_form(cache, person_id)
    assert form.values["phone"] is None and form.values["major"] == "土木工程"
    assert edits.pending_changes(cache, person_id) == 1
    undo_last(cache, person_id, operator="甲")
    assert edits.pending_changes(cache, person_id) == 0
    with pytest.raises(edits.KnownError, match="没有可撤销"):
        undo_last(cache, person_id, operator="甲")


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (295, 413), (200, 30, 30)).save(out, "JPEG")
    return out.getvalue()


def test_photo_change_is_audited_and_undoable(cache: Cache) -> None:
    person_id = pid(cache, OTHER)
    old = edits.load_person_form(cache, person_id).photo
    new = _jpeg()
    result = edits.save_person(cache, person_id, edits.load_person_form(cache, person_id).version, {}, operator="甲",
                               photo=new)
    assert [c.field for c in result.changes] == ["photo"]
    assert edits.load_person_form(cache, person_id).photo == new
    undo_last(cache, person_id, operator="甲")
    assert edits.load_person_form(cache, person_id).photo == old


def test_certificate_dates_in_order(cache: Cache) -> None:
    with sqlite3.connect(cache.path) as conn:
        cert_id, version = conn.execute("SELECT id, version FROM certificates WHERE category = 'C'").fetchone()
    with pytest.raises(edits.ValidationFailed, match="早于发证日期"):
        edits.save_certificate_dates(cache, cert_id, version, {"issued": dt.date(2030, 1, 1)}, operator="甲")
    result = edits.save_certificate_dates(cache, cert_id, version, {"valid_until": dt.date(2029, 12, 31)},
                                          operator="甲", reason="按原件更正")
    assert [c.field for c in result.changes] == ["valid_until"]
    entry = rows(cache, "SELECT entity, entity_key FROM outbox")
    assert entry == [("certificate", "鲁建安C3（2016）0001234")]


def test_history_lists_changes_newest_first_even_after_id_correction(cache: Cache) -> None:
    person_id = pid(cache, OTHER)
    version = edits.load_person_form(cache, person_id).version
    edits.save_person(cache, person_id, version, {"major": "土木工程"}, operator="甲", reason="一")
    corrected = resident_id("370203", "19900101", "004")
    edits.save_person(cache, person_id, version + 1, {"id_number": corrected}, operator="乙", reason="二")
    entries = read_history(cache, person_id)
    assert [(e.field_label, e.operator, e.reason) for e in entries] == [("身份证号", "乙", "二"), ("专业", "甲", "一")]
    assert entries[0].old_value == OTHER and entries[0].new_value == corrected


def test_history_cli(cache: Cache, tmp_path: Path) -> None:
    from tests.helpers.cli import run_cli

    person_id = pid(cache, OTHER)
    edits.save_person(cache, person_id, edits.load_person_form(cache, person_id).version, {"major": "土木工程"},
                      operator="甲")
    data_dir = cache.path.parent
    cache.close()
    result = run_cli("--data-dir", str(data_dir), "history", OTHER.lower(), "--json")
    assert result.returncode == 0, result.stderr
    entries = json.loads(result.stdout)
    assert entries[0]["field"] == "major" and entries[0]["new_value"] == "土木工程" and entries[0]["operator"] == "甲"
    assert entries[0]["source"] == "local"  # JSON keeps the stored word (a contract) …
    table = run_cli("--data-dir", str(data_dir), "history", OTHER)
    assert table.returncode == 0 and "本地" in table.stdout and "local" not in table.stdout  # … people read words
    missing = run_cli("--data-dir", str(data_dir), "history", resident_id("370102", "19700101", "001"), "--json")
    assert missing.returncode == 1 and "找不到" in missing.stderr
    bad = run_cli("--data-dir", str(data_dir), "history", "12345", "--json")
    assert bad.returncode == 2 and "身份证号" in bad.stderr


def test_save_record_is_all_or_nothing(cache: Cache) -> None:
    person_id = pid(cache, OTHER)
    form = edits.load_person_form(cache, person_id)
    [dates] = edits.load_certificate_dates(cache, person_id)
    bad = edits.CertificateDateEdit(dates.id, dates.version, {"issued": dt.date(2031, 1, 1)})
    with pytest.raises(edits.ValidationFailed) as info:
        edits.save_record(cache, person_id, form.version, {"major": "土木工程"}, [bad], operator="甲")
    assert info.value.certificate_id == dates.id and "valid_until" in info.value.reasons
    assert edits.load_person_form(cache, person_id).values["major"] is None  # the person part was rolled back
    good = edits.CertificateDateEdit(dates.id, dates.version, {"valid_until": dt.date(2029, 12, 31)})
    results = edits.save_record(cache, person_id, form.version, {"major": "土木工程"}, [good], operator="甲")
    assert [c.field for r in results for c in r.changes] == ["major", "valid_until"]
    peek = peek_last(cache, person_id)
    assert peek is not None and peek[0] == "certificate" and peek[1][0].field == "valid_until"


def test_import_keeps_local_unsynced_changes(cache: Cache, tmp_path: Path) -> None:
    from desktop_app.services import interchange as records

    person_id = pid(cache, OTHER)
    edits.save_person(cache, person_id, edits.load_person_form(cache, person_id).version, {"major": "土木工程"},
                      operator="甲")
    upstream = person(OTHER, "李娜上游", [cert("鲁建安C（2016）0001234", "C", "old")])
    source = tmp_path / "upstream.jsonl"
    source.write_text(json.dumps(upstream, ensure_ascii=False) + "\n", encoding="utf-8")
    report = records.import_jsonl(cache, source)
    assert report.kept_local == [(1, OTHER)] and not report.rejected
    form = edits.load_person_form(cache, person_id)
    assert form.values["name"] == "李娜" and form.values["major"] == "土木工程"


def test_generation_is_not_undone_as_a_field_edit(cache: Cache) -> None:
    from desktop_app.services import issuance

    person_id = pid(cache, OTHER)  # holds a valid C certificate with a photo: eligible
    issued = issuance.generate(cache, "鲁建安C（2016）0001234", operator="甲", today=dt.date(2026, 11, 21))
    assert issued is not None
    with pytest.raises(edits.KnownError, match="生成后不能撤销"):
        undo_last(cache, person_id, operator="甲")
    assert edits.pending_changes(cache, person_id) == 1


def test_history_names_generation_fields_in_chinese(cache: Cache) -> None:
    from desktop_app.services import issuance

    issuance.generate(cache, "鲁建安C（2016）0001234", operator="甲", today=dt.date(2026, 11, 21))
    labels = {e.field_label for e in read_history(cache, pid(cache, OTHER))}
    assert {"证书编号", "版式", "类别", "电子证照标识", "二维码内容", "新版生成时间"} <= labels
