"""Validators that return a reason, not just a bool: resident ID, enterprise USCC, mobile phone.

Identifiers are ASCII. Full-width input is folded to ASCII (`normalise_identifier`); a digit of any
other script is refused with its name: `\\d`, `isdigit()` and `int()` accept "٣٧٠١…", which would
make a second person (or certificate) for the same number. Every pattern here says `[0-9]`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from stdnum.cn import ric, uscc
from stdnum.exceptions import ValidationError

from desktop_app.domain.certnumber import foreign_digit_reason, normalise_identifier
from desktop_app.messages import msg

# GB/T 2260 province-level codes: the first two digits of a resident ID.
PROVINCE_CODES = frozenset({
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
    "71", "81", "82",
})


_DIGITS_15 = re.compile(r"[0-9]{15}", re.ASCII)
_RESIDENT_ID = re.compile(r"[0-9]{17}[0-9X]", re.ASCII)
_USCC = re.compile(r"[0-9A-Z]{18}", re.ASCII)


@dataclass(frozen=True)
class Check:
    """The outcome of a validation: the normalised value when ok, else the reason."""

    ok: bool
    value: str
    reason: str = ""

    def __bool__(self) -> bool:
        return self.ok


@dataclass(frozen=True)
class ResidentId(Check):
    birth_date: dt.date | None = None
    gender: str = ""  # 男 / 女


def check_resident_id(text: str | None, today: dt.date | None = None) -> ResidentId:
    """GB 11643-1999: 17 digits + check character; real birth date; lower-case x accepted."""
    value = normalise_identifier(text or "")
    if not value:
        return ResidentId(False, value, str(msg("resident_id.empty")))
    if foreign := foreign_digit_reason("resident_id.foreign_digit", value):
        return ResidentId(False, value, str(foreign))
    if _DIGITS_15.fullmatch(value):
        return ResidentId(False, value, str(msg("resident_id.fifteen_digits")))
    if len(value) != 18:
        return ResidentId(False, value, str(msg("resident_id.bad_length", length=len(value))))
    if not _RESIDENT_ID.fullmatch(value):
        return ResidentId(False, value, str(msg("resident_id.bad_characters")))
    if value[:2] not in PROVINCE_CODES:
        return ResidentId(False, value, str(msg("resident_id.bad_region", region=value[:6])))
    try:
        birth = dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return ResidentId(False, value, str(msg("resident_id.bad_birth_date", digits=value[6:14])))
    today = today or dt.date.today()
    if birth > today or birth.year < 1900:
        return ResidentId(False, value, str(msg("resident_id.unlikely_birth_date", birth_date=birth.isoformat())))
    expected = resident_id_check_digit(value[:17])
    if value[17] != expected:
        return ResidentId(False, value, str(msg("resident_id.bad_check", expected=expected, actual=value[17])))
    gender = "男" if int(value[16]) % 2 else "女"
    return ResidentId(True, value, "", birth, gender)


def resident_id_check_digit(first17: str) -> str:
    # stdnum expects the whole 18-character number and ignores its last character.
    return ric.calc_check_digit(first17 + "0")


def check_uscc(text: str | None) -> Check:
    """GB 32100-2015 unified social credit code (18 characters, MOD 31 check character)."""
    value = normalise_identifier(text or "")
    if not value:
        return Check(False, value, str(msg("uscc.empty")))
    if foreign := foreign_digit_reason("uscc.foreign_digit", value):
        return Check(False, value, str(foreign))
    if len(value) != 18:
        return Check(False, value, str(msg("uscc.bad_length", length=len(value))))
    if re.search(r"[IOZSV]", value):
        return Check(False, value, str(msg("uscc.bad_letters")))
    if not _USCC.fullmatch(value):
        return Check(False, value, str(msg("uscc.bad_characters")))
    problem = _uscc_problem(value)
    if problem is not None:
        kind, detail = problem
        reason = {
            "InvalidChecksum": msg("uscc.bad_check", expected=uscc.calc_check_digit(value)),
            "InvalidComponent": msg("uscc.bad_component"),
            "InvalidFormat": msg("uscc.bad_format"),
        }.get(kind, msg("uscc.invalid", detail=detail))
        return Check(False, value, str(reason))
    return Check(True, value)


@functools.lru_cache(maxsize=65_536)
def _uscc_problem(value: str) -> tuple[str, str] | None:
    """stdnum's verdict on a USCC (its error's kind and text), remembered: an import reads each employer's
    code once per person, and the check was a quarter of the time spent parsing a line."""
    try:
        uscc.validate(value)
    except ValidationError as exc:
        return type(exc).__name__, str(exc)
    return None


def uscc_check_digit(first17: str) -> str:
    return uscc.calc_check_digit(first17)


_MOBILE = re.compile(r"1[3-9][0-9]{9}", re.ASCII)
_DIGITS = re.compile(r"[0-9]+", re.ASCII)


def check_mobile(text: str | None) -> Check:
    """A mainland mobile number; +86, spaces and dashes are accepted and removed."""
    value = normalise_identifier(text or "").replace("-", "")
    if value.startswith("+86"):
        value = value[3:]
    elif value.startswith("0086"):
        value = value[4:]
    if not value:
        return Check(False, value, str(msg("mobile.empty")))
    if foreign := foreign_digit_reason("mobile.foreign_digit", value):
        return Check(False, value, str(foreign))
    if not _DIGITS.fullmatch(value):
        return Check(False, value, str(msg("mobile.not_digits")))
    if len(value) != 11:
        return Check(False, value, str(msg("mobile.bad_length", length=len(value))))
    if not _MOBILE.fullmatch(value):
        return Check(False, value, str(msg("mobile.bad_prefix")))
    return Check(True, value)
