"""Validators that return a reason, not just a bool: resident ID, enterprise USCC, mobile phone."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from stdnum.cn import ric, uscc
from stdnum.exceptions import ValidationError

from desktop_app.domain.certnumber import normalise_text

# GB/T 2260 province-level codes: the first two digits of a resident ID.
PROVINCE_CODES = frozenset({
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
    "71", "81", "82",
})


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
    value = normalise_text(text or "")
    if not value:
        return ResidentId(False, value, "身份证号为空")
    if re.fullmatch(r"\d{15}", value):
        return ResidentId(False, value, "这是 15 位旧身份证号，请使用 18 位身份证号")
    if len(value) != 18:
        return ResidentId(False, value, f"身份证号应为 18 位，实际 {len(value)} 位")
    if not re.fullmatch(r"\d{17}[\dX]", value):
        return ResidentId(False, value, "身份证号前 17 位应为数字，最后一位为数字或 X")
    if value[:2] not in PROVINCE_CODES:
        return ResidentId(False, value, f"身份证号的地区码“{value[:6]}”不存在")
    try:
        birth = dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return ResidentId(False, value, f"身份证号中的出生日期“{value[6:14]}”不是真实日期")
    today = today or dt.date.today()
    if birth > today or birth.year < 1900:
        return ResidentId(False, value, f"身份证号中的出生日期 {birth.isoformat()} 不合理")
    expected = resident_id_check_digit(value[:17])
    if value[17] != expected:
        return ResidentId(False, value, f"身份证号校验位错误（应为 {expected}，实际 {value[17]}）")
    gender = "男" if int(value[16]) % 2 else "女"
    return ResidentId(True, value, "", birth, gender)


def resident_id_check_digit(first17: str) -> str:
    # stdnum expects the whole 18-character number and ignores its last character.
    return ric.calc_check_digit(first17 + "0")


def check_uscc(text: str | None) -> Check:
    """GB 32100-2015 unified social credit code (18 characters, MOD 31 check character)."""
    value = normalise_text(text or "")
    if not value:
        return Check(False, value, "统一社会信用代码为空")
    if len(value) != 18:
        return Check(False, value, f"统一社会信用代码应为 18 位，实际 {len(value)} 位")
    if re.search(r"[IOZSV]", value):
        return Check(False, value, "统一社会信用代码不能含字母 I、O、Z、S、V")
    if not re.fullmatch(r"[0-9A-Z]{18}", value):
        return Check(False, value, "统一社会信用代码只能包含数字和大写字母")
    try:
        uscc.validate(value)
    except ValidationError as exc:
        kind = type(exc).__name__
        reason = {
            "InvalidChecksum": f"统一社会信用代码校验位错误（应为 {uscc.calc_check_digit(value)}）",
            "InvalidComponent": "统一社会信用代码的登记管理部门、机构类别或地区码无效",
            "InvalidFormat": "统一社会信用代码格式错误",
        }.get(kind, f"统一社会信用代码无效（{exc}）")
        return Check(False, value, reason)
    return Check(True, value)


def uscc_check_digit(first17: str) -> str:
    return uscc.calc_check_digit(first17)


_MOBILE = re.compile(r"1[3-9]\d{9}")


def check_mobile(text: str | None) -> Check:
    """A mainland mobile number; +86, spaces and dashes are accepted and removed."""
    value = normalise_text(text or "").replace("-", "")
    if value.startswith("+86"):
        value = value[3:]
    elif value.startswith("0086"):
        value = value[4:]
    if not value:
        return Check(False, value, "手机号码为空")
    if not value.isdigit():
        return Check(False, value, "手机号码只能包含数字")
    if len(value) != 11:
        return Check(False, value, f"手机号码应为 11 位，实际 {len(value)} 位")
    if not _MOBILE.fullmatch(value):
        return Check(False, value, "手机号码应以 13–19 开头")
    return Check(True, value)
