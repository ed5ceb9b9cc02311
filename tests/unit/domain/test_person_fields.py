"""Editable person fields: one set of checks for the form, the template import and the save."""

from __future__ import annotations

import pytest

from desktop_app.domain.identity import resident_id_check_digit
from desktop_app.domain.person_fields import check_field, check_person

MALE_ID = "37010219850712123" + resident_id_check_digit("37010219850712123")


@pytest.mark.parametrize(("field", "value", "reason"), [
    ("name", "", "姓名不能为空"),
    ("name", "王2", "只能包含汉字"),
    ("id_number", "370102198507121238", "校验位"),
    ("id_number", "37010219850230123X", "不是真实日期"),
    ("phone", "1380531000", "11 位"),
    ("employer_uscc", "91110000600037341M", "校验位"),
    ("position", "扫地僧", "不在可选范围内"),
    ("education", "x" * 101, "过长"),
    ("gender", "M", "男"),
])
def test_bad_values_say_why(field: str, value: str, reason: str) -> None:
    result = check_field(field, value)
    assert not result.ok and reason in result.reason


@pytest.mark.parametrize(("field", "value", "normalised"), [
    ("id_number", MALE_ID.lower(), MALE_ID),
    ("phone", "+86 138 0531 0000", "13805310000"),
    ("employer_uscc", "91110000600037341l", "91110000600037341L"),
    ("name", " 买买提·艾力 ", "买买提·艾力"),
    ("major", "", None),
])
def test_good_values_are_normalised(field: str, value: str, normalised: str | None) -> None:
    result = check_field(field, value)
    assert result.ok and result.value == normalised


def test_a_holder_must_have_position_and_title() -> None:
    values = {"name": "王建国", "gender": "男", "id_number": MALE_ID, "position": "", "title": None}
    _, reasons = check_person(values, categories=["A", "SPECIAL"])
    assert reasons == {"position": "A 证持有人必须填写职务", "title": "A 证持有人必须填写技术职称"}
    _, reasons_b = check_person(values, categories=["B"])
    assert reasons_b == {}


def test_gender_must_match_id() -> None:
    _, reasons = check_person({"gender": "女", "id_number": MALE_ID})
    assert reasons == {"gender": "性别“女”与身份证号（男）不符"}


def test_legacy_choice_value_does_not_block_other_corrections() -> None:
    values = {"position": "老板", "phone": "13805310000"}
    normalised, reasons = check_person(values, changed=["phone"])
    assert reasons == {} and normalised["position"] == "老板"
    _, reasons_changed = check_person(values, changed=["position"])
    assert "position" in reasons_changed
