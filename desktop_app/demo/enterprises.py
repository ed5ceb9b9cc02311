"""Synthetic enterprises: plausible names in the city of their issuing unit, valid and unique USCCs.

The unified social credit code (GB 32100-2015) carries the county code and an organisation code
(GB 11714) with its own check character; the final check character comes from domain.identity.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from desktop_app.demo.names import unique_chars
from desktop_app.demo.places import County, unit_counties
from desktop_app.domain.identity import uscc_check_digit
from desktop_app.domain.rules import IssuingUnit, Rules

_TRADE_CHARS = unique_chars("华鑫泰隆盛恒宏远达通鲁齐瑞丰源信诚德昌建安顺兴金海天正中新宇嘉和润博晟康永立洪众"
                            "福利汇腾广鸿振富运业城元科力")
_TRADES = ("建设", "建筑", "建工", "建筑安装", "安装", "路桥", "市政", "建筑工程", "城建", "土木工程")
_SUFFIXES = ("集团有限公司", "有限公司", "工程有限公司", "股份有限公司")
_SUFFIX_WEIGHTS = (1, 5, 2, 1)
_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_ORG_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWY"


def _org_code_check(body: str) -> str:
    """GB 11714 organisation code check character over 8 characters."""
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    total = sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(body, weights, strict=True))
    value = 11 - total % 11
    return "X" if value == 10 else "0" if value == 11 else str(value)


@dataclass(frozen=True)
class Enterprise:
    name: str
    uscc: str


def _enterprise_name(rng: random.Random, place: str) -> str:
    trade = "".join(rng.sample(_TRADE_CHARS, 2))
    return place + trade + rng.choice(_TRADES) + rng.choices(_SUFFIXES, _SUFFIX_WEIGHTS)[0]


def _place_name(county: County, unit: IssuingUnit, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.05:
        return "山东"
    if roll < 0.30 and len(county.name) > 2:
        return county.name[:-1]
    return unit.city


def _uscc(rng: random.Random, admin_code: str, used: set[str]) -> str:
    while True:
        if rng.random() < 0.4:
            body = "MA" + "".join(rng.choices(_ORG_CHARS, k=6))
        else:
            body = "".join(rng.choices("0123456789", k=8))
        first17 = "91" + admin_code + body + _org_code_check(body)
        if first17 not in used:
            used.add(first17)
            return first17 + uscc_check_digit(first17)


def make_enterprises(rng: random.Random, rules: Rules, counties: Sequence[County],
                      count: int) -> dict[str, tuple[Enterprise, ...]]:
    total = sum(u.weight for u in rules.units) or 1
    names: set[str] = set()
    codes: set[str] = set()
    result: dict[str, tuple[Enterprise, ...]] = {}
    for unit in rules.units:
        firms: list[Enterprise] = []
        seats = unit_counties(unit, counties)[0]
        for _ in range(max(2, round(count * unit.weight / total))):
            county = counties[rng.choice(seats)]
            name = _enterprise_name(rng, _place_name(county, unit, rng))
            while name in names:
                name = _enterprise_name(rng, _place_name(county, unit, rng))
            names.add(name)
            firms.append(Enterprise(name, _uscc(rng, county.code, codes)))
        result[unit.name] = tuple(firms)
    return result
