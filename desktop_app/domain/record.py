"""The record interchange format (docs/record-format.md): one person with their certificates.

`parse_record` turns one decoded JSON object into a validated `PersonRecord` or raises
`RecordError` with the first reason it is unacceptable; `to_json_dict` writes it back with
the same field names, so import → export is a round trip.

It accepts only what every later stage can store and handle (the writer, search, QR signing,
printing): text without control characters, surrogates or non-characters, names by the edit
form's rule, dates strictly `YYYY-MM-DD` within person_fields' range. The rules are person_fields'
own, so the edit form, the supplement import and this import never disagree. A reason quotes a bad
value escaped and shortened (`quote`), so a hostile value cannot break the report. The photo is
decoded later, in the importer's parser (services/interchange/parsing.py): decoding is no domain rule.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any, Literal

from desktop_app.domain.certnumber import CertNumber, CertNumberError, Format, parse
from desktop_app.domain.ecert import EcertIdError, check_ecert_id
from desktop_app.domain.identity import check_mobile, check_resident_id, check_uscc
from desktop_app.domain.person_fields import DATE_MAX, DATE_MIN, date_reason, name_reason, text_reason
from desktop_app.domain.rules import Rules, default_rules
from desktop_app.messages import joined, msg

PHOTO_MAX_IMPORT_BYTES = 2 * 1024 * 1024
TEXT_MAX = 100
CATEGORIES = ("A", "B", "C", "C1", "C2", "C3", "SPECIAL")
STATES = ("valid", "suspended", "revoked", "cancelled", "expired")
QR_TEXT_MAX = 2000  # the QR payload of a generated certificate
QUOTE_MAX = 40  # characters of a bad value quoted in a reason
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # ASCII digits only: not 20230101, not 2023-W01-1


class RecordError(ValueError):
    """Why a record is rejected (a catalogue message, shown to the user and in `line N: reason`)."""


@dataclass(frozen=True)
class Employer:
    name: str
    uscc: str | None = None


@dataclass(frozen=True)
class CertificateRecord:
    number: CertNumber
    category: str
    work_type: str | None
    first_issued: dt.date | None
    issued: dt.date | None
    valid_until: dt.date | None
    issuer_unit: str
    state: str
    format: Format
    ecert_id: str | None = None  # set once a new-format certificate was generated (sync carries it)
    qr_text: str | None = None

    @property
    def number_text(self) -> str:
        return self.number.canonical

    @cached_property  # computed once: parse_record and the importer both need it
    def new_number(self) -> str:
        return self.number.new_number()


@dataclass(frozen=True)
class PersonRecord:
    id_number: str
    name: str
    gender: Literal["男", "女"]
    birth_date: dt.date
    phone: str | None = None
    education: str | None = None
    major: str | None = None
    employer: Employer | None = None
    position: str | None = None
    title: str | None = None
    photo: bytes | None = None
    certificates: tuple[CertificateRecord, ...] = field(default_factory=tuple)


def photo_kind(data: bytes) -> str | None:
    """'jpeg' or 'png' by the file's signature, else None."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    return None


def quote(value: object) -> str:
    """A value for a rejection reason: repr-like (controls and surrogates escaped), at most QUOTE_MAX characters.

    Containers are named, not printed: a deeply nested value would exhaust the recursion limit.
    """
    if isinstance(value, str):
        pieces: list[str] = []
        used = 0
        for char in value:
            piece = char if char.isprintable() and char not in "\\'" else _escape(char)
            used += len(piece)
            if used > QUOTE_MAX:
                pieces.append("…")
                break
            pieces.append(piece)
        return "'" + "".join(pieces) + "'"
    if value is None or isinstance(value, bool):
        return "null" if value is None else str(value).lower()
    if isinstance(value, int | float):
        text = repr(value)
        return text[:QUOTE_MAX] + ("…" if len(text) > QUOTE_MAX else "")
    return "array" if isinstance(value, list) else "object" if isinstance(value, dict) else type(value).__name__


def _escape(char: str) -> str:
    return "\\" + char if char in "\\'" else char.encode("unicode_escape").decode("ascii")


def _plain(value: str, key: str, label: str) -> str:
    """A stripped text that can be stored: not too long, no control character, surrogate or non-character."""
    value = value.strip()
    if len(value) > TEXT_MAX:
        raise RecordError(str(msg("record.too_long", label=label, key=key, length=len(value))))
    bad_character = text_reason(value, label)
    if bad_character:
        raise RecordError(bad_character)
    return value


def _text(obj: dict[str, Any], key: str, label: str, required: bool = False) -> str | None:
    value = obj.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise RecordError(str(msg("record.missing_field", label=label, key=key)))
        return None
    if not isinstance(value, str):
        raise RecordError(str(msg("record.not_text", label=label, key=key)))
    value = value.strip()
    if len(value) > TEXT_MAX or not value.isprintable():  # the fast path of _plain, on every text of every line
        return _plain(value, key, label)
    return value


def _date(obj: dict[str, Any], key: str, label: str) -> dt.date | None:
    value = obj.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise RecordError(str(msg("record.date_not_text", label=label, key=key)))
    text = value.strip()
    try:
        if not _ISO_DATE.fullmatch(text):
            raise ValueError(text)
        date = dt.date.fromisoformat(text)
    except ValueError:
        raise RecordError(str(msg("record.bad_date", label=label, key=key, value=quote(value)))) from None
    if not DATE_MIN <= date <= DATE_MAX:
        raise RecordError(date_reason(date, label))
    return date


def _photo(value: Any) -> bytes | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise RecordError(str(msg("record.photo_not_text")))
    try:
        data = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise RecordError(str(msg("record.photo_bad_base64"))) from None
    if len(data) > PHOTO_MAX_IMPORT_BYTES:
        raise RecordError(str(msg("record.photo_too_large", kb=len(data) // 1024)))
    if photo_kind(data) is None:
        raise RecordError(str(msg("record.photo_not_image")))
    return data


def _employer(value: Any) -> Employer | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise RecordError(str(msg("record.employer_not_object")))
    name, uscc = value.get("name"), value.get("uscc")
    if isinstance(name, str) and (uscc is None or isinstance(uscc, str)):
        return _text_employer(name, uscc)
    return _checked_employer(value)


@lru_cache(maxsize=1 << 16)
def _text_employer(name: str, uscc: str | None) -> Employer:
    """An employer given as texts, checked once: a province's persons name a few thousand employers, and their
    code's check was a tenth of a line's. A refusal is not remembered (its reason is in the UI's language)."""
    return _checked_employer({"name": name, "uscc": uscc})


def _checked_employer(value: dict[str, Any]) -> Employer:
    name = _text(value, "name", "工作单位名称", required=True)
    uscc_text = _text(value, "uscc", "统一社会信用代码")
    if uscc_text is not None:
        check = check_uscc(uscc_text)
        if not check:
            raise RecordError(check.reason)
        uscc_text = check.value
    assert name is not None
    return Employer(name, uscc_text)


def _certificate(obj: Any, index: int, rules: Rules) -> CertificateRecord:
    if not isinstance(obj, dict):
        raise RecordError(str(msg("record.certificate_not_object", index=index)))
    try:
        return _certificate_fields(obj, rules)
    except RecordError as exc:
        raise RecordError(str(msg("record.in_certificate", index=index, reason=str(exc)))) from None


def _certificate_fields(obj: dict[str, Any], rules: Rules) -> CertificateRecord:
    fmt = obj.get("format")
    if fmt not in ("old", "new"):
        raise RecordError(str(msg("record.bad_format", value=quote(fmt))))
    number_text = _text(obj, "number", "证书编号", required=True)
    assert number_text is not None
    try:
        number = parse(number_text, fmt, rules)
    except CertNumberError as exc:
        raise RecordError(str(exc)) from None
    category = obj.get("category")
    if category not in CATEGORIES:
        raise RecordError(str(msg("record.bad_category", choices=joined(CATEGORIES), value=quote(category))))
    if category != number.category:
        raise RecordError(str(msg("record.category_mismatch", category=category, number_category=number.category)))
    work_type = obj.get("work_type")
    if category == "SPECIAL":
        if work_type != number.code:
            raise RecordError(str(msg("record.work_type_mismatch", work_type=quote(work_type),
                                              work_code=number.code)))
    elif work_type is not None:
        raise RecordError(str(msg("record.work_type_not_null")))
    unit_name = _text(obj, "issuer_unit", "发证机关", required=True)
    assert unit_name is not None
    unit = rules.unit(unit_name)
    if unit is None:
        raise RecordError(str(msg("record.unknown_unit", unit=unit_name)))
    state = obj.get("state")
    if state not in STATES:
        raise RecordError(str(msg("record.bad_state", choices=" | ".join(STATES), value=quote(state))))
    first = _date(obj, "first_issued", "初次领证日期")
    issued = _date(obj, "issued", "发证日期")
    until = _date(obj, "valid_until", "有效期至")
    if until is None:
        raise RecordError(str(msg("record.missing_valid_until")))
    if first and issued and first > issued:
        raise RecordError(str(msg("dates.first_after_issued", first_issued=first, issued=issued)))
    if issued and issued > until:
        raise RecordError(str(msg("record.issued_after_valid_until", issued=issued, valid_until=until)))
    ecert_id, qr_text = _generated(obj)
    return CertificateRecord(number, category, work_type, first, issued, until, unit.name, state, fmt,
                             ecert_id, qr_text)


def _generated(obj: dict[str, Any]) -> tuple[str | None, str | None]:
    """The optional e-certificate identifier and QR text of a generated new-format certificate."""
    ecert = _text(obj, "ecert_id", "电子证照标识")
    if ecert is not None:
        try:
            ecert = str(check_ecert_id(ecert))
        except EcertIdError as exc:
            raise RecordError(str(exc)) from None
    qr = obj.get("qr_text")
    if qr is None or qr == "":
        return ecert, None
    if not isinstance(qr, str) or len(qr) > QR_TEXT_MAX:
        raise RecordError(str(msg("record.bad_qr_text", max=QR_TEXT_MAX)))
    bad = text_reason(qr, "二维码内容")
    if bad:
        raise RecordError(bad)
    return ecert, qr


def parse_record(obj: Any, rules: Rules | None = None, today: dt.date | None = None) -> PersonRecord:
    """Validate one decoded JSON value as a person record."""
    rules = rules or default_rules()
    if not isinstance(obj, dict):
        raise RecordError(str(msg("record.not_an_object")))
    id_text = obj.get("id_number")
    id_text = _plain(id_text, "id_number", "身份证号") if isinstance(id_text, str) else None
    rid = check_resident_id(id_text, today)
    if not rid:
        raise RecordError(rid.reason)
    name = _text(obj, "name", "姓名", required=True)
    assert name is not None
    bad_name = name_reason(name)
    if bad_name:
        raise RecordError(bad_name)
    gender = obj.get("gender") or rid.gender
    if gender not in ("男", "女"):
        raise RecordError(str(msg("record.bad_gender", value=quote(gender))))
    if gender != rid.gender:
        raise RecordError(str(msg("person.gender_mismatch", gender=gender, derived=rid.gender)))
    birth = _date(obj, "birth_date", "出生日期") or rid.birth_date
    if birth != rid.birth_date:
        raise RecordError(str(msg("record.birth_mismatch", birth_date=birth, id_birth_date=rid.birth_date)))
    phone = _text(obj, "phone", "手机号码")
    if phone is not None:
        check = check_mobile(phone)
        if not check:
            raise RecordError(check.reason)
        phone = check.value
    certs_raw = obj.get("certificates") or []
    if not isinstance(certs_raw, list):
        raise RecordError(str(msg("record.certificates_not_list")))
    certs = tuple(_certificate(c, i, rules) for i, c in enumerate(certs_raw, start=1))
    seen: set[str] = set()
    for cert in certs:
        if cert.new_number in seen:
            raise RecordError(str(msg("record.duplicate_certificate", number=cert.number_text)))
        seen.add(cert.new_number)
    assert rid.birth_date is not None
    return PersonRecord(
        id_number=rid.value, name=name, gender=gender, birth_date=rid.birth_date, phone=phone,
        education=_text(obj, "education", "文化程度"), major=_text(obj, "major", "专业"),
        employer=_employer(obj.get("employer")), position=_text(obj, "position", "职务"),
        title=_text(obj, "title", "技术职称"), photo=_photo(obj.get("photo")), certificates=certs,
    )


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def certificate_to_json(cert: CertificateRecord) -> dict[str, Any]:
    return {
        "number": cert.number_text, "category": cert.category, "work_type": cert.work_type,
        "first_issued": _iso(cert.first_issued), "issued": _iso(cert.issued),
        "valid_until": _iso(cert.valid_until), "issuer_unit": cert.issuer_unit, "state": cert.state,
        "format": cert.format,
    } | ({"ecert_id": cert.ecert_id} if cert.ecert_id else {}) | ({"qr_text": cert.qr_text} if cert.qr_text else {})


def to_json_dict(person: PersonRecord) -> dict[str, Any]:
    """The record as a JSON-ready dict, fields in the documented order."""
    return {
        "id_number": person.id_number, "name": person.name, "gender": person.gender,
        "birth_date": person.birth_date.isoformat(), "phone": person.phone, "education": person.education,
        "major": person.major,
        "employer": None if person.employer is None else {"name": person.employer.name,
                                                          "uscc": person.employer.uscc},
        "position": person.position, "title": person.title,
        "photo": base64.b64encode(person.photo).decode("ascii") if person.photo else None,
        "certificates": [certificate_to_json(c) for c in person.certificates],
    }
