"""Identifiers are ASCII: full-width input is folded to the same number, any other script's digits are refused.

`\\d`, `str.isdigit()` and `int()` all accept Arabic-Indic, Devanagari, mathematical … digits, so an ID
number or a certificate number spelled in them was a second person (or certificate) for the same
number, and a certificate number so spelled signed as another person's certificate.
"""

from __future__ import annotations

import re

import pytest

from desktop_app.domain import certnumber
from desktop_app.domain.certnumber import CertNumber, CertNumberError, interpretations, is_same_certificate, parse
from desktop_app.domain.identity import check_mobile, check_resident_id, check_uscc
from desktop_app.domain.rules import default_rules
from tests.helpers.search_fixtures import resident_id, uscc

ASCII = "0123456789"
SCRIPTS = {  # digits 0–9 of other scripts: every one is a Unicode decimal digit
    "arabic-indic": "٠١٢٣٤٥٦٧٨٩",
    "extended arabic-indic": "۰۱۲۳۴۵۶۷۸۹",
    "devanagari": "०१२३४५६७८९",
    "bengali": "০১২৩৪৫৬৭৮৯",
    "thai": "๐๑๒๓๔๕๖๗๘๙",
    "mathematical bold": "".join(chr(0x1D7CE + i) for i in range(10)),
    "circled": "⓪①②③④⑤⑥⑦⑧⑨",
    "superscript": "⁰¹²³⁴⁵⁶⁷⁸⁹",
}
FULL_WIDTH = "０１２３４５６７８９"
ID = resident_id("370102", "19880808", "121")  # ends in X
USCC = uscc("MA3C0001")


def spell(text: str, digits: str, keep: int = 0) -> str:
    """`text` with its ASCII digits (after the first `keep` characters) in another script."""
    return text[:keep] + text[keep:].translate(str.maketrans(ASCII, digits))


@pytest.mark.parametrize("script", SCRIPTS)
@pytest.mark.parametrize("keep", [0, 2, 17])  # 2: the province code passes; 17: only the check digit
def test_resident_id_in_other_digits_is_refused_with_the_digit_named(script: str, keep: int) -> None:
    text = spell(ID[:17], SCRIPTS[script], keep) + ID[17] if keep < 17 else ID[:17] + "٣"
    check = check_resident_id(text)
    assert not check.ok and "非标准数字" in check.reason and "U+" in check.reason
    assert check.birth_date is None and check.gender == ""


def test_resident_id_in_full_width_digits_is_the_same_person() -> None:
    full = spell(ID, FULL_WIDTH).replace("X", "ｘ")
    assert check_resident_id(full).value == ID
    assert check_resident_id("\u3000" + full + "\u3000").value == ID  # an ideographic space typed around it


@pytest.mark.parametrize("text", [ID[:17] + "\u200b" + ID[17], "\u202e" + ID, ID[:10] + "Ⅸ" + ID[12:]])
def test_invisible_and_lookalike_characters_are_not_dropped_but_refused(text: str) -> None:
    assert not check_resident_id(text).ok


@pytest.mark.parametrize("script", SCRIPTS)
def test_mobile_and_uscc_in_other_digits_are_refused(script: str) -> None:
    mobile = check_mobile(spell("13805310000", SCRIPTS[script]))
    assert not mobile.ok and "手机号码含有非标准数字" in mobile.reason
    code = check_uscc(spell(USCC, SCRIPTS[script]))
    assert not code.ok and "统一社会信用代码含有非标准数字" in code.reason


def test_mobile_and_uscc_in_full_width_are_normalised() -> None:
    assert check_mobile("＋８６ " + spell("13805310000", FULL_WIDTH)).value == "13805310000"
    letters = "ABCDEFGHJKLMNPQRTUWXY"
    full = USCC.translate(str.maketrans(ASCII + letters, FULL_WIDTH + "".join(chr(ord(c) + 0xFEE0) for c in letters)))
    assert full != USCC and check_uscc(full).value == USCC


@pytest.mark.parametrize("script", SCRIPTS)
@pytest.mark.parametrize("number", ["鲁建安B（2022）0000045", "鲁A4T2019000123", "鲁A052019000123"])
def test_certificate_numbers_in_other_digits_are_refused(script: str, number: str) -> None:
    for keep in (len(number) - 1, len(number) - 6, 5):  # the serial's last digit, the serial, the year on
        spelled = spell(number, SCRIPTS[script], keep)
        with pytest.raises(CertNumberError, match="证书编号含有非标准数字"):
            interpretations(spelled)
        with pytest.raises(CertNumberError):
            is_same_certificate(spelled, number)


def test_certificate_numbers_in_full_width_are_the_same_certificate() -> None:
    assert parse("鲁建安Ｂ（２０２２）０００００４５").canonical == "鲁建安B（2022）0000045"
    assert parse("鲁ａ４ｔ" + spell("2019000123", FULL_WIDTH)).new_number() == "鲁A052019000123"
    assert is_same_certificate("鲁建安Ｃ（２０１６）０００１２３４", "鲁建安C3(2016)0001234")


def test_the_reason_names_the_digit_in_both_languages() -> None:
    with pytest.raises(CertNumberError) as caught:
        parse("鲁建安B（２０２٢）0000045")
    assert "“٢”（U+0662 ARABIC-INDIC DIGIT TWO）" in str(caught.value)
    reason = certnumber.foreign_digit_reason("certnumber.foreign_digit", "٢")
    assert reason is not None and "non-standard digit" in reason.text("en")


def test_no_cert_number_can_hold_a_serial_outside_ascii() -> None:
    good = parse("鲁建安B（2022）0000045")
    with pytest.raises(CertNumberError, match="非标准数字"):
        CertNumber("safety", "B", "鲁", 2022, "٠٠٠٠٠٤٥", None)
    with pytest.raises(CertNumberError):
        CertNumber("special", "SPECIAL", "鲁", 2019, "000123", None, "A", "٠٥")
    assert CertNumber("safety", "B", "鲁", 2022, "0000045", None) == good


def test_the_rules_patterns_read_backslash_d_as_ascii_only() -> None:
    """Defence in depth: rules.toml is data an administrator may edit to say `\\d`; the parser never
    lets it match ٣."""
    rules = default_rules()
    safety = re.compile(rules.safety_number.pattern.pattern.replace("[0-9]", r"\d"))
    special = re.compile(rules.special_number.pattern.pattern.replace("[0-9]", r"\d"))
    assert safety.fullmatch("鲁建安B(٢٠٢٢)٠٠٠٠٠٤٥")  # what Python's \d does
    assert certnumber._ascii(safety).fullmatch("鲁建安B(٢٠٢٢)٠٠٠٠٠٤٥") is None
    assert certnumber._ascii(special).fullmatch("鲁A4T٢٠١٩000123") is None
    assert certnumber._ascii(safety).fullmatch("鲁建安B(2022)0000045")
