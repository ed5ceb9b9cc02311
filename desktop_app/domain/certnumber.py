"""Certificate numbers: parse any accepted spelling, format canonically, convert old → new.

Two families (DESIGN §2):
- 安管 (safety): 鲁建安A（2019）0001234. In the new format category C becomes C3.
- 特种作业 (special): 鲁A4T2019000123; the new format carries the new work-type code (鲁A052019000123).

Old "03" and new "03" name different work types, so a bare code is read by the format it comes
with; without one, `interpretations()` lists every reading and `parse()` refuses to guess.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Literal

from desktop_app.domain.rules import Rules, WorkType, default_rules
from desktop_app.messages import Message, msg

Format = Literal["old", "new"]
Family = Literal["safety", "special"]


class CertNumberError(ValueError):
    """The text is not a certificate number; the message (from the catalogue) says why, for the user."""


@dataclass(frozen=True)
class CertNumber:
    family: Family
    category: str  # as printed: A, B, C, C1, C2, C3 or SPECIAL
    province: str
    year: int
    serial: str
    format: Format | None  # None: the spelling is the same in both formats (A, B, C1, C2, 01…)
    city_letter: str = ""  # special only
    code: str = ""  # special only: the work-type code as printed
    work_type: WorkType | None = None  # special only

    def __post_init__(self) -> None:
        # int() reads "٠٠٠١٢٣٤" as 1234: a serial in another script's digits would be a second
        # certificate here and the same one in a signed QR code. Every CertNumber is ASCII.
        if not _SERIAL.fullmatch(self.serial) or not _CODE.fullmatch(self.city_letter + self.code):
            raise CertNumberError(str(foreign_digit_reason("certnumber.foreign_digit", self.serial + self.code)
                                      or msg("certnumber.bad_serial", serial=self.serial)))

    @property
    def canonical(self) -> str:
        """The number spelled exactly as issued, in canonical form."""
        return format_number(self)

    def to_new(self, rules: Rules | None = None) -> CertNumber:
        """The same certificate in the new format (C → C3; old work-type code → new code)."""
        rules = rules or default_rules()
        if self.family == "safety":
            return replace(self, category=rules.categories[self.category].new_code, format=None)
        assert self.work_type is not None
        new_code = self.work_type.new_code
        same = new_code == self.work_type.old_code
        return replace(self, code=new_code, format=None if same else "new")

    def new_number(self, rules: Rules | None = None) -> str:
        """The new-format number: the identity shared by every spelling of this certificate.

        `to_new(rules).canonical`, spelt without building the new CertNumber (an import computes it for
        every certificate): the rules' new codes are checked when the rules load, as the copy would check."""
        rules = rules or default_rules()
        if self.family == "safety":
            return _format(rules, "safety", self.province, rules.categories[self.category].new_code, self.year,
                           self.serial)
        assert self.work_type is not None
        return _format(rules, "special", self.province, "", self.year, self.serial, self.city_letter,
                       self.work_type.new_code)

    @property
    def key(self) -> str:
        return self.new_number()


_SERIAL = re.compile(r"[0-9]{1,7}", re.ASCII)
_CODE = re.compile(r"[0-9A-Z]*", re.ASCII)
# Full-width ASCII (U+FF01–U+FF5E) and the ideographic space: what a Chinese IME types at a counter.
# Full width folded and ASCII letters upper-cased in one pass (an import normalises millions of identifiers).
_IDENTIFIER_FOLD = str.maketrans(
    {chr(cp): chr(cp - 0xFEE0).upper() if "a" <= chr(cp - 0xFEE0) <= "z" else chr(cp - 0xFEE0)
     for cp in range(0xFF01, 0xFF5F)}
    | {chr(cp): chr(cp).upper() for cp in range(ord("a"), ord("z") + 1)} | {"\u3000": " "})


def normalise_text(text: str) -> str:
    """Free text for searching: full-width → half-width (NFKC), no white space, upper case.

    Not for identifiers: NFKC leaves Arabic-Indic digits alone, and `\\d` and `int()` accept them.
    """
    folded = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in folded if not ch.isspace()).upper()


def normalise_identifier(text: str) -> str:
    """An identifier as typed: full-width → ASCII, no white space, ASCII letters upper-cased.

    Only full-width forms are folded; any other character stays as it is, so that the validator
    rejects it (a digit of another script with `foreign_digit_reason`) instead of reading it.
    """
    return "".join(text.translate(_IDENTIFIER_FOLD).split())  # split(): every character str.isspace() names


def foreign_digit(text: str) -> str | None:
    """The first digit that is not 0–9 (Arabic-Indic ٣, Devanagari ३, 𝟑, ③, ³ …), else None."""
    if text.isascii():  # ASCII's only digits are 0–9
        return None
    return next((ch for ch in text if not "0" <= ch <= "9" and unicodedata.digit(ch, None) is not None), None)


def foreign_digit_reason(code: str, text: str) -> Message | None:
    """The catalogue message `code` naming the first foreign digit of `text`, or None when there is none."""
    found = foreign_digit(text)
    if found is None:
        return None
    return msg(code, char=found, codepoint=f"U+{ord(found):04X}", name=unicodedata.name(found, "?"))


@functools.cache
def _ascii(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The rules' pattern with `\\d` meaning 0–9 only (the rules file is data: do not trust its flags)."""
    return re.compile(pattern.pattern, (pattern.flags & ~re.UNICODE) | re.ASCII)


def format_number(number: CertNumber, rules: Rules | None = None) -> str:
    return _format(rules or default_rules(), number.family, number.province, number.category, number.year,
                   number.serial, number.city_letter, number.code)


def _format(rules: Rules, family: Family, province: str, category: str, year: int, serial: str, city: str = "",
            code: str = "") -> str:
    if family == "safety":
        return rules.safety_number.template.format(province=province, category=category, year=f"{year:04d}",
                                                   serial=serial)
    return rules.special_number.template.format(province=province, city=city, code=code, year=f"{year:04d}",
                                                serial=serial)


def _check_year(year: int, rules: Rules) -> None:
    latest = dt.date.today().year + 1
    if not rules.earliest_certificate_year <= year <= latest:
        raise CertNumberError(str(msg("certnumber.bad_year", year=year, earliest=rules.earliest_certificate_year,
                                      latest=latest)))


def _check_province(province: str, rules: Rules) -> None:
    if province != rules.province_abbr:
        raise CertNumberError(str(msg("certnumber.bad_province", province=province, expected=rules.province_abbr)))


def _safety(text: str, rules: Rules, fmt: Format | None) -> list[CertNumber]:
    match = _ascii(rules.safety_number.pattern).fullmatch(text)
    if not match:
        return []
    province, category = match["province"], match["category"]
    _check_province(province, rules)
    year = int(match["year"])
    _check_year(year, rules)
    if category == "C":
        number_format: Format | None = "old"
        if fmt == "new":
            raise CertNumberError(str(msg("certnumber.c_in_new_format")))
    else:
        number_format = None
    return [CertNumber("safety", category, province, year, match["serial"], number_format)]


def _special(text: str, rules: Rules, fmt: Format | None) -> list[CertNumber]:
    match = _ascii(rules.special_number.pattern).fullmatch(text)
    if not match:
        return []
    province, code = match["province"], match["code"]
    _check_province(province, rules)
    year = int(match["year"])
    _check_year(year, rules)
    if rules.unit_for_city_letter(match["city"]) is None:
        raise CertNumberError(str(msg("certnumber.bad_city", city=match["city"])))
    readings: list[CertNumber] = []
    for reading in ("old", "new") if fmt is None else (fmt,):
        work_type = rules.work_type_by_code(code, reading)
        if work_type is None:
            continue
        same = work_type.old_code == work_type.new_code
        readings.append(CertNumber("special", "SPECIAL", province, year, match["serial"],
                                   None if same else reading, match["city"], code, work_type))
    if not readings:
        reason = (msg("certnumber.unknown_code_old", work_code=code) if fmt == "old"
                  else msg("certnumber.unknown_code_new", work_code=code) if fmt == "new"
                  else msg("certnumber.unknown_code", work_code=code))
        raise CertNumberError(str(reason))
    # 01 reads the same work type either way: one certificate, not two.
    unique = {(r.work_type, r.format) for r in readings}
    return readings if len(unique) > 1 else readings[:1]


def interpretations(text: str, fmt: Format | None = None, rules: Rules | None = None) -> list[CertNumber]:
    """Every certificate this text can denote (usually one; two for an ambiguous bare code)."""
    rules = rules or default_rules()
    cleaned = normalise_identifier(text)
    if not cleaned:
        raise CertNumberError(str(msg("certnumber.empty")))
    foreign = foreign_digit_reason("certnumber.foreign_digit", cleaned)
    if foreign is not None:
        raise CertNumberError(str(foreign))
    found = _safety(cleaned, rules, fmt) or _special(cleaned, rules, fmt)
    if found:
        return found
    if "建安" in cleaned:
        raise CertNumberError(str(msg("certnumber.bad_safety", text=text.strip())))
    raise CertNumberError(str(msg("certnumber.bad_number", text=text.strip())))


def parse(text: str, fmt: Format | None = None, rules: Rules | None = None) -> CertNumber:
    """One certificate number; raises `CertNumberError` with the reason if invalid or ambiguous."""
    readings = interpretations(text, fmt, rules)
    if len(readings) > 1:
        names = "、".join(str(msg("certnumber.reading_old" if r.format == "old" else "certnumber.reading_new",
                                  work_type=r.work_type.name))  # type: ignore[union-attr]
                         for r in readings)
        raise CertNumberError(str(msg("certnumber.ambiguous", work_code=readings[0].code, readings=names)))
    return readings[0]


def is_same_certificate(a: str, b: str, rules: Rules | None = None) -> bool:
    """True when the two spellings can denote the same certificate."""
    keys_a = {n.new_number(rules) for n in interpretations(a, rules=rules)}
    keys_b = {n.new_number(rules) for n in interpretations(b, rules=rules)}
    return bool(keys_a & keys_b)
