"""Generating new-format certificates on a real cache: eligibility, number, identifier, QR, audit, outbox,
idempotence, the PDF read back; issuer codes, seals; the print log and calibration offsets."""

from __future__ import annotations

import base64
import io
import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from desktop_app.certs.layout import default_layout
from desktop_app.certs.render import face_values
from desktop_app.certs.signing import KeyStore
from desktop_app.domain.ecert import check_ecert_id
from desktop_app.domain.rules import ResourceError, default_rules
from desktop_app.errors import KnownError
from desktop_app.paths import resources_dir
from desktop_app.services import issuance, printing, workshop
from desktop_app.settings import WorkspaceSettings, save_settings
from desktop_app.store.engine import Cache
from tests.helpers.search_fixtures import HEZE, LUNENG, TODAY, cert, person, resident_id, uscc, write_and_import
from tests.unit.certs.test_cert_render import (
    PT_TO_MM,
    TOL,
    assert_box,
    black_text,
    make_photo,
    make_seal_png,
    mm_box,
    squash,
)

PHOTO = base64.b64encode(make_photo()).decode()
LONG_ENTERPRISE = {"name": "山东省青岛市黄岛区西海岸新区中铁建设集团第十四工程局有限责任公司第三分公司项目部",
                   "uscc": uscc("MA3C0777")}

READY_A = resident_id("370102", "19660606", "661")
SPECIAL_4T = resident_id("370102", "19850712", "102")
C_OLD = resident_id("370102", "19750101", "331")
A_MISSING = resident_id("370102", "19850712", "111")
EXPIRED = resident_id("371702", "19720202", "881")
REVOKED = resident_id("371702", "19730303", "991")
NO_PHOTO = resident_id("370203", "19900101", "123")
UPSTREAM_NEW = resident_id("370102", "19880808", "121")
OLD_03 = resident_id("371702", "19800808", "441")


def with_photo(record: dict[str, Any], photo: bool = True) -> dict[str, Any]:
    return {**record, "photo": PHOTO if photo else None}


def records() -> list[dict[str, Any]]:
    """Eligible and ineligible certificates of every kind (TODAY = 2026-11-21)."""
    return [with_photo(r) for r in (
        person(READY_A, "吴能", [cert("鲁建安A（2018）0000042", "A", "old")], employer=LUNENG),
        person(SPECIAL_4T, "王建国", [cert("鲁A4T2019000123", "SPECIAL", "old", work_type="4T")]),
        person(C_OLD, "欧阳晓梅", [cert("鲁建安C（2016）0001234", "C", "old")], employer=LONG_ENTERPRISE,
               position="项目安全总监"),
        person(A_MISSING, "王建", [cert("鲁建安A（2019）0001234", "A", "old")], employer=LUNENG, position=None),
        person(EXPIRED, "钱多", [cert("鲁R012021000001", "SPECIAL", "old", work_type="01", unit=HEZE, until=-10)]),
        person(REVOKED, "冯硕", [cert("鲁R012021000002", "SPECIAL", "old", work_type="01", unit=HEZE,
                                      state="revoked")]),
        person(UPSTREAM_NEW, "黄王", [cert("鲁建安B（2022）0000045", "B", "new")]),
        person(OLD_03, "孙强", [cert("鲁R032020000555", "SPECIAL", "old", work_type="03", unit=HEZE)]),
    )] + [with_photo(person(NO_PHOTO, "李娜", [cert("鲁建安B（2020）0000007", "B", "old")]), photo=False)]


def build(folder: Path, demo: bool = True) -> Cache:
    cache = write_and_import(folder, records())
    save_settings(cache.path.parent, WorkspaceSettings(operator="测试员", demo=demo))
    return cache


def rows(cache: Cache, sql: str, *params: object) -> list[tuple]:
    with sqlite3.connect(cache.path) as conn:
        return conn.execute(sql, params).fetchall()


@pytest.fixture
def cache(tmp_path: Path) -> Cache:
    return build(tmp_path)


# --- generation -------------------------------------------------------------------------------------


def test_generating_c_assigns_c3_identifier_qr_and_issue_date(cache: Cache) -> None:
    issued = issuance.generate(cache, "鲁建安C(2016)0001234", "张三", TODAY)
    assert issued.number == "鲁建安C3（2016）0001234" and issued.old_number == "鲁建安C（2016）0001234"
    assert issued.newly_generated and issued.issue_date == TODAY
    ecert = check_ecert_id(issued.ecert_id)
    assert ecert.serial == "C320160001234" and ecert.type_code == default_rules().ecert["type_code_safety"]
    assert issued.qr_text.startswith("CERTDESK-VERIFY:")  # no address configured: no made-up host
    [row] = rows(cache, "SELECT number, new_number, format, category, ecert_id, qr_text, new_generated_at, version "
                        "FROM certificates WHERE id = ?", issued.certificate_id)
    assert row[:6] == ("鲁建安C3（2016）0001234", "鲁建安C3（2016）0001234", "new", "C3", issued.ecert_id,
                       issued.qr_text)
    assert row[6].startswith(TODAY.isoformat()) and row[7] == 2


def test_generation_is_audited_and_queued_for_sync(cache: Cache) -> None:
    issued = issuance.generate(cache, "鲁A4T2019000123", "张三", TODAY)
    assert issued.number == "鲁A052019000123"
    audit = {r[0]: r[1:] for r in rows(cache, "SELECT field, old_value, new_value, operator, entity, entity_key, "
                                               "reason FROM audit_log WHERE source = 'local'")}
    assert audit["number"][:2] == ("鲁A4T2019000123", "鲁A052019000123")  # the as-issued number stays recoverable
    assert audit["work_type"][:2] == ("4T", "05") and audit["format"][:2] == ("old", "new")
    assert audit["ecert_id"][1] == issued.ecert_id and audit["qr_text"][1] == issued.qr_text
    assert {a[2:] for a in audit.values()} == {("张三", "certificate", "鲁A052019000123", issuance.GENERATE_REASON)}
    [(entity, key, base, changes, state)] = rows(cache, "SELECT entity, entity_key, base_version, changes, state "
                                                         "FROM outbox")
    assert (entity, key, base, state) == ("certificate", "鲁A052019000123", 1, "pending")
    payload = json.loads(changes)
    assert payload["fields"]["number"] == {"old": "鲁A4T2019000123", "new": "鲁A052019000123"}
    assert payload["operator"] == "张三" and payload["action"] == issuance.GENERATE_ACTION
    [(key_id, public, source)] = rows(cache, "SELECT key_id, public_key, source FROM trusted_keys")
    key = KeyStore.for_workspace(cache.path.parent).current()
    assert (key_id, public, source) == (key.key_id, key.public_bytes, "local")  # the workspace key is trusted


def test_regenerating_is_idempotent_down_to_the_pdf_bytes(cache: Cache) -> None:
    first, pdf = issuance.generate_pdf(cache, "鲁建安A（2018）0000042", "张三", TODAY)
    audits = rows(cache, "SELECT count(*) FROM audit_log")
    again, pdf_again = issuance.generate_pdf(cache, "鲁建安A(2018)0000042", "李四", TODAY)
    assert not again.newly_generated and again.outbox_id is None
    assert (again.number, again.ecert_id, again.qr_text, again.issue_date) == (
        first.number, first.ecert_id, first.qr_text, first.issue_date)
    assert pdf_again == pdf == issuance.certificate_pdf(cache, first.certificate_id)
    assert rows(cache, "SELECT count(*) FROM audit_log") == audits
    assert rows(cache, "SELECT count(*) FROM outbox") == [(1,)]


@pytest.mark.parametrize(("number", "reasons"), [
    ("鲁R012021000001", ["证书状态为“已过期”"]),
    ("鲁R012021000002", ["证书状态为“撤销”"]),
    ("鲁建安A（2019）0001234", ["A 证缺少：职务"]),
    ("鲁建安B（2020）0000007", ["缺少照片"]),
])
def test_ineligible_certificates_say_exactly_why(cache: Cache, number: str, reasons: list[str]) -> None:
    with pytest.raises(issuance.NotEligible) as caught:
        issuance.generate(cache, number, "张三", TODAY)
    assert list(caught.value.reasons) == reasons
    assert all(r in str(caught.value) for r in reasons)
    assert rows(cache, "SELECT count(*) FROM outbox") == [(0,)]


def test_unknown_malformed_and_ambiguous_numbers(cache: Cache) -> None:
    with pytest.raises(issuance.UnknownCertificate):
        issuance.generate(cache, "鲁建安A（2019）0009999", "张三", TODAY)
    with pytest.raises(issuance.MalformedNumber):
        issuance.generate(cache, "鲁X12", "张三", TODAY)
    issued = issuance.generate(cache, "鲁R032020000555", "张三", TODAY)  # old 03 (司索信号工) → new 04, one in cache
    assert issued.number == "鲁R042020000555"


def test_upstream_new_certificate_keeps_its_qr_and_issue_date(cache: Cache) -> None:
    upstream = "https://zlaq.mohurd.gov.cn/cert?id=B20220000045&sign=abc"
    with sqlite3.connect(cache.path) as conn:
        conn.execute("UPDATE certificates SET qr_text = ? WHERE number = '鲁建安B（2022）0000045'", (upstream,))
    issued = issuance.generate(cache, "鲁建安B（2022）0000045", "张三", TODAY)
    assert issued.qr_text == upstream and issued.old_number is None
    [(issued_on,)] = rows(cache, "SELECT issued FROM certificates WHERE id = ?", issued.certificate_id)
    assert issued.issue_date.isoformat() == issued_on
    audit = [r[0] for r in rows(cache, "SELECT field FROM audit_log WHERE source = 'local'")]
    assert audit == ["ecert_id"]  # only what was missing


# --- the PDF, read back ---------------------------------------------------------------------------


def _page(pdf: bytes) -> pdfplumber.page.Page:
    return pdfplumber.open(io.BytesIO(pdf)).pages[0]


@pytest.mark.parametrize("number", ["鲁建安C（2016）0001234", "鲁A4T2019000123"])
def test_pdf_prints_every_value_at_exact_size(cache: Cache, number: str) -> None:
    issued, pdf = issuance.generate_pdf(cache, number, "张三", TODAY)
    face = issuance.face_for(cache, issued.certificate_id)
    layout = default_layout(face.family)
    page = _page(pdf)
    assert abs(page.width * PT_TO_MM - 210) <= TOL and abs(page.height * PT_TO_MM - 297) <= TOL
    text = black_text(page)
    for name, value in face_values(face, layout).items():
        if name != "enterprise":  # wraps onto two lines
            assert squash(value) in text, (name, value)
    assert issued.number in text and layout.title.text in text
    [photo] = [mm_box(im) for im in page.images if abs(im["width"] * PT_TO_MM - 25) < 1]
    assert_box(photo, layout.photo)
    if face.family == "safety":
        assert face.category == "C3 专职安全生产管理人员（综合类）" and face.position == "项目安全总监"
        chars = "".join(c["text"] for c in page.chars)
        assert "".join(LONG_ENTERPRISE["name"]) in chars.replace("\n", "")
    else:
        assert face.operation_category == "建筑起重机械司机（塔式起重机）" and "编号：鲁A052019000123" in text
    assert face.issuer == "济南市住房和城乡建设局" and face.issue_date == TODAY
    marks = "".join(c["text"] for c in page.chars)
    assert "样本" in marks and "样章" in marks  # a demo workspace prints specimens
    assert all(re.match(r"^[A-Z]{6}\+", ch["fontname"]) for ch in page.chars)  # embedded subsets


def test_configured_seal_and_real_issuer_code_print_no_specimen_marks(tmp_path: Path) -> None:
    cache = build(tmp_path, demo=False)
    data_dir = cache.path.parent
    real = uscc("MB284499")  # a valid code, not a specimen
    (data_dir / workshop.ISSUER_CODES_FILE).write_text(
        f"unit,uscc,specimen\n济南市住房和城乡建设局,{real},no\n", encoding="utf-8")
    (data_dir / workshop.SEALS_DIR).mkdir()
    (data_dir / workshop.SEALS_DIR / "济南市住房和城乡建设局.png").write_bytes(make_seal_png())
    issued, pdf = issuance.generate_pdf(cache, "鲁建安A（2018）0000042", "张三", TODAY)
    assert f".{real}." in issued.ecert_id
    page = _page(pdf)
    marks = "".join(c["text"] for c in page.chars)
    assert "样本" not in marks and "样章" not in marks
    [seal] = [mm_box(im) for im in page.images if abs(im["width"] * PT_TO_MM - 50) < 1]
    assert_box(seal, default_layout("safety").seal.box)
    assert issuance.face_for(cache, issued.certificate_id, specimen=True).seal_png is None


def test_a_specimen_issuer_code_or_a_missing_seal_makes_a_specimen(tmp_path: Path) -> None:
    cache = build(tmp_path, demo=False)
    issued = issuance.generate(cache, "鲁建安A（2018）0000042", "张三", TODAY)
    assert issuance.face_for(cache, issued.certificate_id).specimen  # no seal configured
    seals = cache.path.parent / workshop.SEALS_DIR
    seals.mkdir()
    (seals / "济南市住房和城乡建设局.png").write_bytes(make_seal_png())
    assert issuance.face_for(cache, issued.certificate_id).specimen  # the shipped USCC is a specimen value


def test_a_corrupt_seal_png_is_a_clear_error(tmp_path: Path) -> None:
    cache = build(tmp_path, demo=False)
    issuance.generate(cache, "鲁建安A（2018）0000042", "张三", TODAY)
    seals = cache.path.parent / workshop.SEALS_DIR
    seals.mkdir()
    (seals / "济南市住房和城乡建设局.png").write_bytes(make_seal_png()[:200])
    with pytest.raises(KnownError, match=r"印章图像.*济南市住房和城乡建设局\.png"):
        issuance.face_for(cache, "鲁建安A（2018）0000042")


# --- issuer codes -----------------------------------------------------------------------------------


def test_shipped_issuer_codes_are_valid_specimens_for_every_unit() -> None:
    codes = workshop.load_issuer_codes(resources_dir() / "rules" / workshop.ISSUER_CODES_FILE)
    assert set(codes) == {u.name for u in default_rules().units}
    assert all(c.specimen for c in codes.values())


def test_a_bad_issuer_code_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "issuer_codes.csv"
    path.write_text("unit,uscc,specimen\n# comment\n济南市住房和城乡建设局,11370100999990010A,yes\n", encoding="utf-8")
    with pytest.raises(ResourceError) as caught:
        workshop.load_issuer_codes(path)
    assert caught.value.line == 3 and "校验位" in caught.value.problem
    path.write_text("unit,uscc,specimen\n火星局,11370100999990010G,yes\n", encoding="utf-8")
    with pytest.raises(ResourceError, match="not in issuing_units"):
        workshop.load_issuer_codes(path)


# --- printing ---------------------------------------------------------------------------------------


def test_print_log_and_reprint_reason(cache: Cache) -> None:
    with pytest.raises(KnownError, match="尚未生成"):
        printing.log_print(cache, "鲁建安A（2018）0000042", "柜台打印机", "张三")
    issuance.generate(cache, "鲁建安A（2018）0000042", "张三", TODAY)
    printing.save_offset(cache.path.parent, "柜台打印机", 1.5, -0.8)
    first = printing.log_print(cache, "鲁建安A(2018)0000042", "柜台打印机", "张三")
    assert not first.reprint and first.offset == printing.PrinterOffset(1.5, -0.8)
    with pytest.raises(printing.ReprintReasonRequired, match="重印须填写原因"):
        printing.log_print(cache, "鲁建安A（2018）0000042", "柜台打印机", "张三", reprint_reason="  ")
    again = printing.log_print(cache, "鲁建安A（2018）0000042", "柜台打印机", "李四", copies=2,
                               reprint_reason="污损")
    assert again.reprint and again.reprint_reason == "污损" and again.copies == 2
    history = printing.print_history(cache, "鲁建安A（2018）0000042")
    assert [(h.operator, h.reprint, h.printer) for h in history] == [("张三", False, "柜台打印机"),
                                                                      ("李四", True, "柜台打印机")]


def test_calibration_offsets_are_remembered_and_shift_the_pdf(cache: Cache) -> None:
    data_dir = cache.path.parent
    assert printing.printer_offset(data_dir, "新打印机") == printing.PrinterOffset()
    printing.save_offset(data_dir, "A", 2.0, 1.0)
    printing.save_offset(data_dir, "B", -1.0, 0.5)
    assert printing.load_offsets(data_dir) == {"A": printing.PrinterOffset(2.0, 1.0),
                                               "B": printing.PrinterOffset(-1.0, 0.5)}
    with pytest.raises(KnownError, match="不合理"):
        printing.save_offset(data_dir, "A", 80, 0)
    _issued, pdf = issuance.generate_pdf(cache, "鲁建安A（2018）0000042", "张三", TODAY)
    shifted = printing.print_ready_pdf(pdf, printing.printer_offset(data_dir, "A"))
    before, after = _page(pdf), _page(shifted)
    assert (after.width, after.height) == (before.width, before.height)
    photo = next(mm_box(im) for im in before.images)
    moved = next(mm_box(im) for im in after.images)
    assert abs(moved.x - (photo.x - 2.0)) <= 0.01 and abs(moved.y - (photo.y - 1.0)) <= 0.01
    assert squash(after.extract_text()) == squash(before.extract_text())
    (data_dir / printing.PRINTERS_FILE).write_text("{broken", encoding="utf-8")
    with pytest.raises(KnownError, match="打印校准文件"):
        printing.printer_offset(data_dir, "A")
