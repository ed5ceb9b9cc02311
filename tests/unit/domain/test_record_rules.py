"""The record rules shared with the edit form: text characters, names, dates, and how a bad value is quoted."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from desktop_app.domain import person_fields
from desktop_app.domain.identity import resident_id_check_digit
from desktop_app.domain.person_fields import DATE_MAX, DATE_MIN, certificate_date_reasons, check_field, text_reason
from desktop_app.domain.record import QUOTE_MAX, RecordError, parse_record, quote

ID = "37010219850712123" + resident_id_check_digit("37010219850712123")
UNIT = "济南市住房和城乡建设局"


def record(**fields: Any) -> dict[str, Any]:
    cert = {"number": "鲁建安A（2019）0001234", "category": "A", "work_type": None, "first_issued": "2019-05-01",
            "issued": "2022-05-01", "valid_until": "2025-04-30", "issuer_unit": UNIT, "state": "valid",
            "format": "old"}
    cert_fields = {k[5:]: v for k, v in fields.items() if k.startswith("cert_")}
    base = {"id_number": ID, "name": "王建国", "certificates": [{**cert, **cert_fields}]}
    base.update({k: v for k, v in fields.items() if not k.startswith("cert_")})
    return base


def reason(obj: Any) -> str:
    with pytest.raises(RecordError) as caught:
        parse_record(obj)
    return str(caught.value)


@pytest.mark.parametrize("value", ["王\x00建国", "王建\x1b[31m国", "王\x85建", "王\u2028建", "王\ud800建",
                                   "王\udfff建", "王\ufffe建", "王\ufdd0建", "王\U0010ffff建"])
@pytest.mark.parametrize("field", ["name", "education", "major", "position", "title"])
def test_text_with_a_control_character_surrogate_or_non_character_is_refused(field: str, value: str) -> None:
    text = reason(record(**{field: value}))
    assert "不允许的字符" in text
    text.encode("utf-8")  # the reason names the code point, never the raw character


@pytest.mark.parametrize("where", ["employer", "cert_number", "cert_issuer_unit", "id_number", "phone"])
def test_every_text_of_a_record_is_checked(where: str) -> None:
    bad = {"employer": {"employer": {"name": "济南\x00建设", "uscc": None}},
           "cert_number": {"cert_number": "鲁建安A（2019）\x000001234"},
           "cert_issuer_unit": {"cert_issuer_unit": "济南市\ud800住房和城乡建设局"},
           "id_number": {"id_number": ID[:5] + "\ud800" + ID[5:]},
           "phone": {"phone": "138\x0005310000"}}[where]
    assert "不允许的字符" in reason(record(**bad))


def test_normal_text_is_accepted() -> None:
    parsed = parse_record(record(name="买买提·艾力", education="大学 本科", major="土木工程（建筑施工）"))
    assert (parsed.name, parsed.education) == ("买买提·艾力", "大学 本科")


@pytest.mark.parametrize("name", ["王2", "王" * 31, "王建国!", "李\u200b四", "Zhang_San", "王建国", "李 四",
                                  "买买提·艾力", "𠮷野家", "欧阳娜娜", "Smith John"])
def test_the_import_and_the_edit_form_agree_on_names(name: str) -> None:
    """One name rule (person_fields): a name the form refuses cannot come in by import."""
    form = check_field("name", name)
    try:
        parse_record(record(name=name))
        imported = ""
    except RecordError as exc:
        imported = str(exc)
    assert imported == form.reason


@pytest.mark.parametrize("value", ["20230101", "2023-W01-1", "2023-001", "2023-13-01", "2023-02-30",
                                   "2023-01-01T00:00", "2023-1-1", "２０２３-01-01", "२०२३-01-01"])
def test_only_iso_calendar_dates_are_accepted(value: str) -> None:
    assert "不是有效日期" in reason(record(cert_valid_until=value))


@pytest.mark.parametrize("value", ["2180-01-01", "2101-01-01", "1899-12-31", "0001-01-01", "9999-12-31"])
def test_dates_outside_the_range_every_stage_handles_are_refused(value: str) -> None:
    assert "超出允许范围" in reason(record(cert_valid_until=value, cert_issued=None, cert_first_issued=None))


def test_the_range_ends_are_accepted() -> None:
    parsed = parse_record(record(cert_first_issued=DATE_MIN.isoformat(), cert_issued=None,
                                 cert_valid_until=DATE_MAX.isoformat()))
    assert parsed.certificates[0].valid_until == DATE_MAX


def test_the_edit_form_refuses_the_same_dates() -> None:
    reasons = certificate_date_reasons({"valid_until": dt.date(2180, 1, 1), "issued": dt.date(2022, 5, 1)})
    assert "超出允许范围" in reasons["valid_until"]
    assert certificate_date_reasons({"valid_until": DATE_MAX, "issued": DATE_MIN}) == {}


@pytest.mark.parametrize("value", ["\ud800" * 5000, "x" * 10**6, "\x00\x1b\u2028", ["a"] * 100, {"a": 1},
                                   10**4000, 1.5e300, True, None])
def test_a_quoted_value_is_short_escaped_and_printable(value: Any) -> None:
    text = quote(value)
    assert len(text) <= QUOTE_MAX + 3 and text.isprintable()
    text.encode("utf-8")


def test_a_deeply_nested_value_is_named_not_printed() -> None:
    nested: Any = 1
    for _ in range(100_000):
        nested = [nested]
    assert quote(nested) == "array"
    assert "array" in reason(record(cert_format=nested))


def test_every_forbidden_character_is_non_printable() -> None:
    """text_reason's fast path (a printable text passes unsearched) is sound: no forbidden code point is printable."""
    patterns = (person_fields._FORBIDDEN, person_fields._FORBIDDEN_BEYOND_BMP)
    forbidden = [cp for cp in range(0x110000) if any(p.match(chr(cp)) for p in patterns)]
    assert [cp for cp in forbidden if chr(cp).isprintable()] == []
    assert len(forbidden) == 32 + 33 + 2 + 2048 + 32 + 34
    assert all(text_reason("王" + chr(cp) + "建", "x") for cp in forbidden[::7])
