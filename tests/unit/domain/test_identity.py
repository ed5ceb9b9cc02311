"""Resident ID, USCC and mobile validators return the reason, not just a bool."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.domain.identity import check_mobile, check_resident_id, check_uscc

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def gb11643(first17: str) -> str:
    """GB 11643-1999 check character, written out here independently of the code under test."""
    return "10X98765432"[sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11]


def make_id(prefix17: str) -> str:
    return prefix17 + gb11643(prefix17)


def test_valid_id_derives_gender_and_birth_date() -> None:
    rid = check_resident_id(make_id("37010219850712123"))
    assert rid.ok and rid.reason == ""
    assert rid.birth_date == dt.date(1985, 7, 12)
    assert rid.gender == "男"  # 17th digit 3 is odd
    female = check_resident_id(make_id("37020319900101002"))
    assert female.ok and female.gender == "女"


def test_issue_example_has_a_wrong_check_digit() -> None:
    # The sample line in the issue uses 370102198507121238; GB 11643 gives 0 as its check digit.
    rid = check_resident_id("370102198507121238")
    assert not rid.ok and "校验位" in rid.reason and "应为 0" in rid.reason


def test_lower_case_x_is_accepted_and_normalised() -> None:
    prefix = next(p for p in (f"3701021985071{n:03d}0" for n in range(1000)) if gb11643(p) == "X")
    rid = check_resident_id(prefix + "x")
    assert rid.ok and rid.value == prefix + "X"


def test_spaces_and_full_width_digits_are_normalised() -> None:
    good = make_id("37010219850712123")
    spaced = f" {good[:6]} {good[6:14]} {good[14:]} "
    assert check_resident_id(spaced).value == good
    full = good.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
    assert check_resident_id(full).ok


@pytest.mark.parametrize(("text", "reason"), [
    ("", "为空"),
    (None, "为空"),
    ("370102850712123", "15 位"),
    ("3701021985071212", "18 位"),
    ("37010219850712123A", "最后一位"),
    ("3701021985O712123X", "前 17 位"),
])
def test_malformed_ids_say_why(text: str | None, reason: str) -> None:
    rid = check_resident_id(text)
    assert not rid.ok and reason in rid.reason


def test_unreal_birth_date_is_refused_even_with_right_check_digit() -> None:
    rid = check_resident_id(make_id("37010219850230123"))
    assert not rid.ok and "不是真实日期" in rid.reason


def test_future_birth_date_is_refused() -> None:
    rid = check_resident_id(make_id("37010220300101123"), today=dt.date(2026, 11, 21))
    assert not rid.ok and "不合理" in rid.reason


def test_unknown_province_code_is_refused() -> None:
    rid = check_resident_id(make_id("99010219850712123"))
    assert not rid.ok and "地区码" in rid.reason


def test_new_county_code_older_birth_is_accepted() -> None:
    # 青岛西海岸新区 uses 370211; people born before the code existed still hold such IDs.
    assert check_resident_id(make_id("37021119600101123")).ok


def test_wrong_check_digit_names_the_expected_one() -> None:
    good = make_id("37010219850712123")
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    rid = check_resident_id(bad)
    assert not rid.ok and f"应为 {good[17]}" in rid.reason


USCC_GOOD = "91110000600037341L"  # a published USCC with a correct check character


def test_uscc_valid_and_normalised() -> None:
    assert check_uscc(USCC_GOOD).ok
    assert check_uscc(USCC_GOOD.lower()).value == USCC_GOOD


@pytest.mark.parametrize(("text", "reason"), [
    ("", "为空"),
    ("91110000600037341", "18 位"),
    ("91110000600037341M", "校验位"),
    ("9111000060003734IL", "I、O、Z、S、V"),
    ("9111000060003734中L", "数字和大写字母"),
    ("9111000060003734-L", "数字和大写字母"),
])
def test_bad_uscc_says_why(text: str, reason: str) -> None:
    check = check_uscc(text)
    assert not check.ok and reason in check.reason


@pytest.mark.parametrize(("text", "value"), [
    ("13805310000", "13805310000"),
    ("138 0531 0000", "13805310000"),
    ("+86 138-0531-0000", "13805310000"),
    ("１３８０５３１００００", "13805310000"),
])
def test_mobile_normalised(text: str, value: str) -> None:
    check = check_mobile(text)
    assert check.ok and check.value == value


@pytest.mark.parametrize(("text", "reason"), [
    ("", "为空"),
    ("1380531000", "11 位"),
    ("12805310000", "13–19"),
    ("0531-61378779", "11 位"),
    ("1380531000a", "只能包含数字"),
])
def test_bad_mobile_says_why(text: str, reason: str) -> None:
    check = check_mobile(text)
    assert not check.ok and reason in check.reason
