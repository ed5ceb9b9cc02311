"""Editable person fields: labels, normalisation and the reason a value is refused.

Shared by the edit form (validation as you type), the supplement-template import and the
edit service (validation again on save), so the three can never disagree.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from desktop_app.domain.identity import check_mobile, check_resident_id, check_uscc
from desktop_app.domain.rules import Rules, default_rules
from desktop_app.messages import msg

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
CHOICE_FIELDS = {"position": "position", "title": "title", "education": "education"}
REQUIRED_FIELDS = ("name", "gender", "id_number")
TEXT_MAX = 100
_NAME = re.compile(r"[\u3400-\u9fff·•A-Za-z ]{1,30}")


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
    label = FIELD_LABELS[field]
    if text is None:
        return FieldCheck(None, str(msg("person.required", label=label)) if field in REQUIRED_FIELDS else "")
    if len(text) > TEXT_MAX:
        return FieldCheck(text, str(msg("person.too_long", label=label, length=len(text), max=TEXT_MAX)))
    checker = _CHECKERS.get(field)
    if checker is not None:
        return checker(text, rules)
    if field in CHOICE_FIELDS and text not in rules.choices[CHOICE_FIELDS[field]]:
        return FieldCheck(text, _not_a_choice(field, text))
    return FieldCheck(text)


def _not_a_choice(field: str, value: str) -> str:
    return str(msg("person.not_a_choice", label=FIELD_LABELS[field], value=value))


def _name(text: str, _rules: Rules) -> FieldCheck:
    if not _NAME.fullmatch(text):
        return FieldCheck(text, str(msg("person.bad_name")))
    return FieldCheck(text)


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
        for field, label in rules.a_required_fields.items():
            if field in values and not values.get(field) and field not in reasons:
                reasons[field] = str(msg("person.a_field_required", label=label))


CERTIFICATE_DATE_LABELS = {"first_issued": "初次领证日期", "issued": "发证日期", "valid_until": "有效期至"}


def certificate_date_reasons(values: Mapping[str, dt.date | None]) -> dict[str, str]:
    """A certificate's dates in order: first issue ≤ issue ≤ valid until (valid until required)."""
    first, issued, until = values.get("first_issued"), values.get("issued"), values.get("valid_until")
    reasons: dict[str, str] = {}
    if until is None:
        reasons["valid_until"] = str(msg("dates.valid_until_required"))
    if first and issued and first > issued:
        reasons["first_issued"] = str(msg("dates.first_after_issued", first_issued=first, issued=issued))
    if issued and until and issued > until:
        reasons["valid_until"] = str(msg("dates.valid_until_before_issued", valid_until=until, issued=issued))
    return reasons
