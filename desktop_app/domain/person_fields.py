"""Editable person fields: labels, normalisation and the reason a value is refused.

Shared by the edit form (validation as you type), the supplement-template import, the edit
service (validation again on save) and the JSONL import (domain/record.py: the name rule, the
character rule, the date range), so none of them accepts a value another refuses.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from desktop_app.domain.identity import check_mobile, check_resident_id, check_uscc
from desktop_app.domain.rules import Rules, default_rules
from desktop_app.messages import DEFAULT_LANGUAGE, catalogue, msg

FIELD_LABELS: dict[str, str] = {
    "name": "姓名",
    "gender": "性别",
    "id_number": "身份证号",
    "phone": "手机号码",
    "employer_name": "工作单位",
    "employer_uscc": "统一社会信用代码",
    "position": "职务",
    "title": "技术职称",
    "education": "文化程度",
    "major": "专业",
}
EDITABLE_FIELDS = tuple(FIELD_LABELS)


_GENDER_CODES = {"男": "gender.male", "女": "gender.female"}


def gender_label(value: str | None) -> str:
    """A stored gender (男 / 女) in the chosen language; anything else as it is."""
    code = _GENDER_CODES.get(value or "")
    return str(msg(code)) if code else value or ""


def field_label(name: str) -> str:
    """A record field's name in the UI's language (FIELD_LABELS is the data's); a field the catalogue
    does not name (an audit entry's odd one) is called by itself."""
    code = f"field.{name}"
    return str(msg(code)) if code in catalogue(DEFAULT_LANGUAGE) else name

CHOICE_FIELDS = {"position": "position", "title": "title", "education": "education"}
REQUIRED_FIELDS = ("name", "gender", "id_number")
TEXT_MAX = 100
# Han characters (the basic block, extension A, and extensions B–H beyond the BMP that real names use),
# the middle dots of minority names, Latin letters and spaces.
_NAME = re.compile(r"[\u3400-\u9fff\U00020000-\U000323af·•A-Za-z ]{1,30}")
# What no stored text may hold: C0 and C1 controls with DEL, the line and paragraph separators,
# lone surrogates (a "\ud800" JSON escape, CESU-8 bytes) and the Unicode non-characters. SQLite
# cannot encode a surrogate, and the others break one-line fields, reports and printing.
# A text that `isprintable()` has none of them (all are in Unicode's categories Cc, Cs, Cn, Zl, Zp);
# only the rest (an ideographic space, say) is searched. A class of BMP characters only is one table
# look-up per character; the other planes' non-characters are looked for only in a text that has a
# character beyond the BMP at all.
_FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_BEYOND_BMP = re.compile("[\U00010000-\U0010ffff]")
_FORBIDDEN_BEYOND_BMP = re.compile("[" + "".join(f"{chr(plane << 16 | 0xFFFE)}-{chr(plane << 16 | 0xFFFF)}"
                                                 for plane in range(1, 17)) + "]")
# Dates every later stage handles (QR signing, Excel, printing): the edit form and the import agree.
DATE_MIN, DATE_MAX = dt.date(1900, 1, 1), dt.date(2100, 12, 31)


@dataclass(frozen=True)
class FieldCheck:
    value: str | None  # normalised; None for empty
    reason: str = ""  # empty when acceptable

    @property
    def ok(self) -> bool:
        return not self.reason


def _clean(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def check_field(field: str, value: object, rules: Rules | None = None) -> FieldCheck:
    """Normalise one field's value, or say why it is refused."""
    rules = rules or default_rules()
    if field not in FIELD_LABELS:
        raise KeyError(field)
    text = _clean(value)
    label = field_label(field)
    if text is None:
        return FieldCheck(None, str(msg("person.required", label=label)) if field in REQUIRED_FIELDS else "")
    if len(text) > TEXT_MAX:
        return FieldCheck(text, str(msg("person.too_long", label=label, length=len(text), max=TEXT_MAX)))
    bad_character = text_reason(text, label)
    if bad_character:
        return FieldCheck(text, bad_character)
    checker = _CHECKERS.get(field)
    if checker is not None:
        return checker(text, rules)
    if field in CHOICE_FIELDS and text not in rules.choices[CHOICE_FIELDS[field]]:
        return FieldCheck(text, _not_a_choice(field, text))
    return FieldCheck(text)


def _not_a_choice(field: str, value: str) -> str:
    return str(msg("person.not_a_choice", label=field_label(field), value=value))


def text_reason(text: str, label: str) -> str:
    """Why a text cannot be stored ('' when it can): a control character, surrogate or non-character."""
    if text.isprintable():  # the common case, and a fast one: every forbidden character is non-printable
        return ""
    bad = _FORBIDDEN.search(text) or (_BEYOND_BMP.search(text) and _FORBIDDEN_BEYOND_BMP.search(text))
    return str(msg("person.bad_character", label=label, char=f"U+{ord(bad.group()):04X}")) if bad else ""


def name_reason(text: str) -> str:
    """Why a (stripped) name is refused, '' when it is acceptable: the one name rule of every path."""
    return "" if _NAME.fullmatch(text) else str(msg("person.bad_name"))


def date_reason(value: dt.date, label: str) -> str:
    """Why a date is out of the range every later stage handles ('' when it is inside)."""
    if DATE_MIN <= value <= DATE_MAX:
        return ""
    return str(msg("dates.out_of_range", label=label, value=value.isoformat(), min=DATE_MIN.isoformat(),
                   max=DATE_MAX.isoformat()))


def _name(text: str, _rules: Rules) -> FieldCheck:
    return FieldCheck(text, name_reason(text))


def _gender(text: str, _rules: Rules) -> FieldCheck:
    return FieldCheck(text) if text in ("男", "女") else FieldCheck(text, str(msg("person.bad_gender")))


def _id_number(text: str, _rules: Rules) -> FieldCheck:
    rid = check_resident_id(text)
    return FieldCheck(rid.value, rid.reason)


def _phone(text: str, _rules: Rules) -> FieldCheck:
    check = check_mobile(text)
    return FieldCheck(check.value, check.reason)


def _uscc(text: str, _rules: Rules) -> FieldCheck:
    check = check_uscc(text)
    return FieldCheck(check.value, check.reason)


_CHECKERS = {"name": _name, "gender": _gender, "id_number": _id_number, "phone": _phone,
             "employer_uscc": _uscc}


def check_person(values: Mapping[str, object], categories: Iterable[str] = (), changed: Iterable[str] | None = None,
                 rules: Rules | None = None) -> tuple[dict[str, str | None], dict[str, str]]:
    """Check a whole person: (normalised values, reasons by field).

    Choice lists are enforced only on `changed` fields, so a legacy value that is not in today's
    list does not block an unrelated correction. A holders must have the required A fields.
    """
    rules = rules or default_rules()
    changed_set = set(EDITABLE_FIELDS if changed is None else changed)
    normalised: dict[str, str | None] = {}
    reasons: dict[str, str] = {}
    for field in EDITABLE_FIELDS:
        if field not in values:
            continue
        result = check_field(field, values[field], rules)
        normalised[field] = result.value
        legacy_choice = (field in CHOICE_FIELDS and field not in changed_set and result.value is not None
                         and result.reason == _not_a_choice(field, result.value))
        if result.reason and not legacy_choice:
            reasons[field] = result.reason
    _cross_checks(normalised, reasons, set(categories), rules)
    return normalised, reasons


def _cross_checks(values: Mapping[str, str | None], reasons: dict[str, str], categories: set[str],
                  rules: Rules) -> None:
    id_number, gender = values.get("id_number"), values.get("gender")
    if id_number and gender and "id_number" not in reasons and "gender" not in reasons:
        derived = check_resident_id(id_number).gender
        if derived != gender:
            reasons["gender"] = str(msg("person.gender_mismatch", gender=gender, derived=derived))
    if values.get("employer_uscc") and not values.get("employer_name") and "employer_name" in values:
        reasons["employer_name"] = str(msg("person.employer_name_needed"))
    if "A" in categories:
        for field in rules.a_required_fields:
            if field in values and not values.get(field) and field not in reasons:
                reasons[field] = str(msg("person.a_field_required", label=rules.required_label(field)))


CERTIFICATE_DATE_LABELS = {"first_issued": "初次领证日期", "issued": "发证日期", "valid_until": "有效期至"}


def certificate_date_reasons(values: Mapping[str, dt.date | None]) -> dict[str, str]:
    """A certificate's dates in order: first issue ≤ issue ≤ valid until (valid until required)."""
    first, issued, until = values.get("first_issued"), values.get("issued"), values.get("valid_until")
    reasons: dict[str, str] = {}
    for key in CERTIFICATE_DATE_LABELS:
        value = values.get(key)
        out_of_range = date_reason(value, field_label(key)) if value is not None else ""
        if out_of_range:
            reasons[key] = out_of_range
    if reasons:
        return reasons
    if until is None:
        reasons["valid_until"] = str(msg("dates.valid_until_required"))
    if first and issued and first > issued:
        reasons["first_issued"] = str(msg("dates.first_after_issued", first_issued=first, issued=issued))
    if issued and until and issued > until:
        reasons["valid_until"] = str(msg("dates.valid_until_before_issued", valid_until=until, issued=issued))
    return reasons
