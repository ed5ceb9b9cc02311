"""A deterministic synthetic province for demos, tests and benchmarks (`demo-data`).

`generate_records(size, seed)` yields person records in the interchange format of
`desktop_app.domain.record` (same field names and order as `to_json_dict`); every record passes
`parse_record`. The same arguments always give the same records, byte for byte:

- all randomness comes from `random.Random` instances seeded from `seed` (never the global one);
  photos draw from a stream of their own, so `photo_fraction` changes only the photos;
- nothing reads the wall clock: dates are placed relative to `today`, which defaults to the fixed
  `REFERENCE_DATE`, so the output does not change with the calendar. (The number parser accepts
  certificate years up to the current year + 1, so a `today` far in the future can yield numbers it
  refuses.)

Realism: surnames by frequency, gender-appropriate given names, resident IDs with real Shandong
county codes from `resources/demo/` (about 5% from other provinces), enterprises with valid USCCs
in the city of their issuing unit, units weighted by the `weight` column of the issuing-unit table,
about 40% special-operation certificates across all work types, A/B/C1/C2/C(3), old and new
formats, every state, certificates expiring soon and expired, A holders missing 职务/技术职称.

Resident IDs are unique without remembering them: each (county, birth date, gender) cell keeps a
one-byte counter, and the sequence digits step through a permutation of the cell's 500 values.
"""

from __future__ import annotations

import base64
import bisect
import csv
import datetime as dt
import json
import os
import random
import re
import struct
import tempfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, TextIO

from desktop_app.domain.certnumber import CertNumber, format_number
from desktop_app.domain.identity import resident_id_check_digit, uscc_check_digit
from desktop_app.domain.rules import IssuingUnit, Rules, WorkType, default_rules
from desktop_app.domain.status import valid_until_for
from desktop_app.paths import resources_dir

REFERENCE_DATE = dt.date(2026, 11, 1)
"""The default `today`: fixed so that a seed always gives the same bytes, whatever the date."""

SPECIAL_PERSON_SHARE = 0.40
OTHER_PROVINCE_SHARE = 0.05
LOCAL_COUNTY_SHARE = 0.80  # Shandong-born persons registered in their issuing unit's city
MIN_AGE, MAX_AGE, ADULT_AGE = 20, 62, 18
PHONE_MISSING_SHARE = 0.07
A_MISSING_SHARE = 0.30
SPECIAL_FORMAT_START = dt.date(2023, 1, 1)  # seed 000: new special-operation e-certificate
SAFETY_FORMAT_START = dt.date(2023, 7, 1)  # seed 001: new 安管 e-certificate

# --- name pools ---------------------------------------------------------------------------------

_SURNAMES = (
    "王7.1 李7.0 张6.7 刘5.4 陈4.6 杨3.1 黄2.2 赵2.0 吴2.0 周1.9 徐1.4 孙1.3 马1.2 朱1.2 胡1.1 郭1.1 "
    "何1.0 林0.9 高0.9 罗0.9 郑0.8 梁0.8 谢0.7 宋0.7 唐0.7 许0.6 韩0.6 邓0.6 冯0.6 曹0.5 彭0.5 曾0.5 "
    "肖0.5 田0.5 董0.5 潘0.4 袁0.4 蔡0.4 蒋0.4 余0.4 于0.5 杜0.4 叶0.4 程0.4 魏0.4 苏0.3 吕0.3 丁0.3 "
    "任0.3 卢0.3 姚0.3 沈0.3 钟0.3 姜0.4 崔0.3 谭0.3 陆0.3 范0.3 汪0.3 廖0.3 石0.3 金0.3 韦0.2 贾0.3 "
    "夏0.2 付0.2 方0.2 邹0.2 熊0.2 白0.2 孟0.2 秦0.2 邱0.2 侯0.2 江0.2 尹0.2 薛0.2 闫0.2 段0.2 雷0.2 "
    "龙0.1 黎0.1 史0.2 陶0.2 贺0.2 毛0.2 郝0.2 顾0.2 龚0.1 邵0.2 万0.1 武0.1 钱0.1 戴0.1 严0.1 孔0.2 "
    "常0.1 汤0.1 康0.1 乔0.1 葛0.1 庞0.1 牛0.1 房0.1 曲0.1 隋0.1 宫0.1 邢0.1 欧阳0.02 诸葛0.01"
)
_MALE_CHARS = (
    "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林阳建国志峰东亮兵晨成海洪振庆文武彬博昌德"
    "栋锋广贵宏虎家江金坤雷力良民铭启锐瑞山胜盛松腾玮祥翔新兴学毅永元云泽正忠州卫立春光全世长跃进福荣锦岩"
    "源晖哲琦嘉轩豪然睿航"
)
_FEMALE_CHARS = (
    "芳娜敏静丽艳娟霞秀玲燕红梅琳婷雪慧倩颖洁莉萍琴蕾璐晶欣月媛佳妍薇岚瑶琪悦楠华英凤兰芬菊淑珍荣爱春晓"
    "丹露云莹青美彤萌梦茜婧冰雯娇怡嘉雅婉蓉秋虹珊文蕊莎翠桂宁"
)
_MALE_FIRST = "建国志永海宏文德明俊子家振晓春金立学新长成光玉庆兆瑞浩宇天锦红延传继广"
_FEMALE_FIRST = "秀丽玉晓春海美雪丹小佳思雨梦欣静红婷慧淑金彩桂凤"


def _parse_weighted(text: str) -> list[tuple[str, float]]:
    """"王7.1 李7.0" → [("王", 7.1), ("李", 7.0)]."""
    return [(name, float(weight)) for name, weight in re.findall(r"(\D+?)([\d.]+)", text.replace(" ", ""))]


def _chars(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(text))


# --- enterprises --------------------------------------------------------------------------------

_TRADE_CHARS = _chars("华鑫泰隆盛恒宏远达通鲁齐瑞丰源信诚德昌建安顺兴金海天正中新宇嘉和润博晟康永立洪众"
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
class County:
    code: str
    name: str
    city: str  # Shandong: the city as in the issuing-unit table; elsewhere the province


@dataclass(frozen=True)
class Enterprise:
    name: str
    uscc: str


# --- resources ----------------------------------------------------------------------------------


def _read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.reader(handle) if row and not row[0].startswith("#")]
    return rows[1:]


@lru_cache(maxsize=1)
def shandong_counties() -> tuple[County, ...]:
    """Real Shandong county-level codes (resources/demo/shandong_counties.csv)."""
    path = resources_dir() / "demo" / "shandong_counties.csv"
    return tuple(County(code, name, city) for code, name, city in _read_csv(path))


@lru_cache(maxsize=1)
def other_counties() -> tuple[County, ...]:
    """Real county-level codes of other provinces (resources/demo/other_counties.csv)."""
    path = resources_dir() / "demo" / "other_counties.csv"
    return tuple(County(code, name, province) for code, province, name in _read_csv(path))


# --- photos -------------------------------------------------------------------------------------

_PHOTO_SIZE = (50, 70)  # 25:35, the 1-inch photo's proportions
_BACKGROUNDS = ((67, 142, 219), (255, 255, 255), (200, 30, 40))
_FIGURES = ((60, 60, 70), (40, 50, 90))


def _png(width: int, height: int, rows: Sequence[bytes]) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + row for row in rows)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b""))


def _inside_figure(x: int, y: int, width: int, height: int) -> bool:
    cx = width / 2
    head = ((x - cx) / (width * 0.22)) ** 2 + ((y - height * 0.40) / (height * 0.20)) ** 2 <= 1
    shoulders = ((x - cx) / (width * 0.48)) ** 2 + ((y - height * 1.08) / (height * 0.36)) ** 2 <= 1
    return head or shoulders


def portrait_png(background: tuple[int, int, int], figure: tuple[int, int, int]) -> bytes:
    """A small solid-colour head-and-shoulders placeholder, 50×70 px (25:35)."""
    width, height = _PHOTO_SIZE
    bg, fg = bytes(background), bytes(figure)
    rows = [b"".join(fg if _inside_figure(x, y, width, height) else bg for x in range(width))
            for y in range(height)]
    return _png(width, height, rows)


@lru_cache(maxsize=1)
def placeholder_photos() -> tuple[str, ...]:
    """The distinct placeholder portraits, base64-encoded."""
    return tuple(base64.b64encode(portrait_png(bg, fg)).decode("ascii")
                 for bg in _BACKGROUNDS for fg in _FIGURES)


# --- weighted tables ----------------------------------------------------------------------------

_EDUCATION_SPECIAL = {"初中": 40, "高中": 25, "中专": 20, "大专": 9, "小学": 4, "其他": 2}
_EDUCATION_SAFETY = {"本科": 42, "大专": 36, "硕士研究生": 7, "中专": 8, "高中": 6, "博士研究生": 1}
_MAJORS_SAFETY = ("土木工程", "建筑工程技术", "工程管理", "工程造价", "建筑学", "给排水科学与工程",
                  "建筑电气与智能化", "道路桥梁与渡河工程", "安全工程", "机械设计制造及其自动化",
                  "市政工程技术", "建设工程管理", "工业与民用建筑")
_MAJORS_SPECIAL = ("电气自动化技术", "机电一体化技术", "建筑工程技术", "焊接技术及自动化", "工程机械运用技术")
_POSITIONS = {
    "A": {"法定代表人": 20, "董事长": 10, "总经理": 25, "副总经理": 15, "总工程师": 8, "安全总监": 7,
          "分管安全生产副总经理": 15},
    "B": {"项目经理": 85, "技术负责人": 10, "其他": 5},
    "C": {"其他": 70, "技术负责人": 10, "安全总监": 10, "项目经理": 10},
}
_TITLES = {
    "A": {"正高级工程师": 5, "高级工程师": 40, "工程师": 35, "高级经济师": 8, "经济师": 12},
    "B": {"高级工程师": 20, "工程师": 50, "助理工程师": 20, "技术员": 5, "无": 5},
    "C": {"工程师": 30, "助理工程师": 35, "技术员": 20, "无": 15},
}
_SAFETY_CATEGORIES = {"A": 15, "B": 35, "C": 35, "C1": 7, "C2": 8}  # "C" is C3 in the new format
_WORK_TYPE_WEIGHTS = {"01": 22, "02": 20, "03": 3, "04": 15, "05": 12, "06": 8, "07": 2, "08": 5,
                      "09": 4, "10": 1, "11": 3, "99": 10}
_CERT_COUNTS = {1: 78, 2: 17, 3: 5}
_STATES = {"valid": 84, "expired": 8, "suspended": 3, "revoked": 2, "cancelled": 3}
_VALID_TIMING = {"current": 83, "expiring": 10, "lapsed": 7}
_RENEWALS = {0: 45, 1: 30, 2: 15, 3: 10}
_MOBILE_PREFIXES = tuple(f"1{n}" for n in (30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 50, 51, 52, 53, 55, 56, 57,
                                            58, 59, 66, 73, 75, 76, 77, 78, 80, 81, 82, 83, 84, 85, 86, 87,
                                            88, 89, 91, 98, 99))


@dataclass(frozen=True)
class Table:
    """A weighted choice table."""

    items: tuple[Any, ...]
    cum: tuple[float, ...]

    @classmethod
    def of(cls, weights: dict[Any, float] | Sequence[tuple[Any, float]]) -> Table:
        pairs = list(weights.items()) if isinstance(weights, dict) else list(weights)
        total, cum = 0.0, []
        for _, weight in pairs:
            total += weight
            cum.append(total)
        return cls(tuple(item for item, _ in pairs), tuple(cum))

    def pick(self, rng: random.Random) -> Any:
        """Same draw as `rng.choices(items, cum_weights=cum)[0]`, without its overhead."""
        return self.items[bisect.bisect(self.cum, rng.random() * self.cum[-1], 0, len(self.cum) - 1)]


def _choice_table(weights: dict[str, float], allowed: Sequence[str]) -> Table:
    """Keep only values of the rules' choice list (the data may change); fall back to all of it."""
    kept = {value: weight for value, weight in weights.items() if value in allowed}
    return Table.of(kept or dict.fromkeys(allowed, 1.0))


# --- pools: everything drawn once per output ----------------------------------------------------


@dataclass
class Pools:
    rules: Rules
    surnames: Table
    units: Table
    enterprises: dict[str, tuple[Enterprise, ...]]  # by unit name
    counties: tuple[County, ...]  # Shandong first, then other provinces
    local: dict[str, tuple[int, ...]]  # unit name → county indexes
    n_shandong: int
    education: dict[str, Table]
    positions: dict[str, Table]
    titles: dict[str, Table]
    work_types: Table
    safety_categories: Table


def _unit_counties(unit: IssuingUnit, counties: Sequence[County]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(the unit's own district if it has one, else its city's counties; all its city's counties)."""
    city = tuple(i for i, c in enumerate(counties) if c.city == unit.city) or tuple(range(len(counties)))
    exact = tuple(i for i in city if counties[i].code == unit.admin_code)
    return exact or city, city


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


def _make_enterprises(rng: random.Random, rules: Rules, counties: Sequence[County],
                      count: int) -> dict[str, tuple[Enterprise, ...]]:
    total = sum(u.weight for u in rules.units) or 1
    names: set[str] = set()
    codes: set[str] = set()
    result: dict[str, tuple[Enterprise, ...]] = {}
    for unit in rules.units:
        firms: list[Enterprise] = []
        seats = _unit_counties(unit, counties)[0]
        for _ in range(max(2, round(count * unit.weight / total))):
            county = counties[rng.choice(seats)]
            name = _enterprise_name(rng, _place_name(county, unit, rng))
            while name in names:
                name = _enterprise_name(rng, _place_name(county, unit, rng))
            names.add(name)
            firms.append(Enterprise(name, _uscc(rng, county.code, codes)))
        result[unit.name] = tuple(firms)
    return result


def build_pools(rules: Rules, size: int, seed: int) -> Pools:
    rng = random.Random(f"certdesk-demo-pools:{seed}")
    shandong, others = shandong_counties(), other_counties()
    counties = shandong + others
    local = {}
    for unit in rules.units:
        own, city = _unit_counties(unit, shandong)
        local[unit.name] = own * len(city) + city if own != city else city  # a district: half local
    choices = rules.choices
    return Pools(
        rules=rules, surnames=Table.of(_parse_weighted(_SURNAMES)),
        units=Table.of([(u, float(u.weight)) for u in rules.units if u.weight > 0]),
        enterprises=_make_enterprises(rng, rules, shandong, max(50, size // 20)),
        counties=counties, local=local, n_shandong=len(shandong),
        education={"special": _choice_table(_EDUCATION_SPECIAL, choices["education"]),
                   "safety": _choice_table(_EDUCATION_SAFETY, choices["education"])},
        positions={k: _choice_table(v, choices["position"]) for k, v in _POSITIONS.items()},
        titles={k: _choice_table(v, choices["title"]) for k, v in _TITLES.items()},
        work_types=Table.of([(w, float(_WORK_TYPE_WEIGHTS.get(w.new_code, 5))) for w in rules.work_types]),
        safety_categories=Table.of({c: w for c, w in _SAFETY_CATEGORIES.items() if c in rules.categories}),
    )


# --- resident IDs -------------------------------------------------------------------------------


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


class IdAllocator:
    """Unique resident IDs: a one-byte counter per (county, birth day, gender) cell."""

    CAP = 250

    def __init__(self, n_counties: int, today: dt.date) -> None:
        self.first_birth = _years_before(today, MAX_AGE).toordinal() + 1
        self.last_birth = _years_before(today, MIN_AGE).toordinal()
        self.n_days = self.last_birth - self.first_birth + 1
        self.counts = bytearray(n_counties * self.n_days * 2)

    def allocate(self, county: int, code: str, day: int, male: bool) -> str | None:
        """An ID for the county and birth day (ordinal), or None when that cell is full."""
        cell = county * self.n_days + (day - self.first_birth)
        slot = cell * 2 + male
        used = self.counts[slot]
        if used >= self.CAP:
            return None
        self.counts[slot] = used + 1
        position = (cell * 7919 + used * 37) % 500
        first17 = code + dt.date.fromordinal(day).strftime("%Y%m%d") + f"{position * 2 + male:03d}"
        return first17 + resident_id_check_digit(first17)


# --- the generator ------------------------------------------------------------------------------


@dataclass
class Person:
    """What the certificates of one person depend on."""

    unit: IssuingUnit
    birth: dt.date


class Generator:
    def __init__(self, pools: Pools, seed: int, photo_fraction: float, today: dt.date) -> None:
        self.pools = pools
        self.rules = pools.rules
        self.rng = random.Random(f"certdesk-demo:{seed}")
        self.photo_rng = random.Random(f"certdesk-demo-photos:{seed}")
        self.photo_fraction = photo_fraction
        self.today = today
        self.ids = IdAllocator(len(pools.counties), today)
        self.serials: dict[tuple[str, int], int] = {}
        self.legal_reps: set[str] = set()
        self.cert_counts = Table.of(_CERT_COUNTS)
        self.states = Table.of(_STATES)
        self.timing = Table.of(_VALID_TIMING)
        self.renewals = Table.of(_RENEWALS)
        self.male_given = _chars(_MALE_CHARS)
        self.female_given = _chars(_FEMALE_CHARS)
        self.photos = placeholder_photos()

    # person fields

    def _given_name(self, male: bool) -> str:
        rng = self.rng
        pool = self.male_given if male else self.female_given
        if rng.random() < 0.2:
            return rng.choice(pool)
        if rng.random() < 0.35:
            return rng.choice(_MALE_FIRST if male else _FEMALE_FIRST) + rng.choice(pool)
        return rng.choice(pool) + rng.choice(pool)

    def _county(self, unit: IssuingUnit) -> int:
        rng = self.rng
        roll = rng.random()
        if roll < OTHER_PROVINCE_SHARE:
            return rng.randrange(self.pools.n_shandong, len(self.pools.counties))
        if roll < OTHER_PROVINCE_SHARE + LOCAL_COUNTY_SHARE:
            return rng.choice(self.pools.local[unit.name])
        return rng.randrange(self.pools.n_shandong)

    def _resident_id(self, unit: IssuingUnit, male: bool, mode_age: float) -> str:
        ids, rng = self.ids, self.rng
        mode = (mode_age - MIN_AGE) / (MAX_AGE - MIN_AGE) * ids.n_days
        while True:
            county = self._county(unit)
            day = ids.last_birth - int(rng.triangular(0, ids.n_days - 1, mode))
            found = ids.allocate(county, self.pools.counties[county].code, day, male)
            if found:
                return found

    def _phone(self) -> str | None:
        rng = self.rng
        if rng.random() < PHONE_MISSING_SHARE:
            return None
        return rng.choice(_MOBILE_PREFIXES) + f"{rng.randrange(100_000_000):08d}"

    def _enterprise(self, unit: IssuingUnit) -> Enterprise:
        firms = self.pools.enterprises[unit.name]
        return firms[int(len(firms) * self.rng.random() ** 2)]  # bigger firms first, more staff

    def _photo(self) -> str | None:
        rng = self.photo_rng
        keep = rng.random() < self.photo_fraction
        variant = rng.randrange(len(self.photos))
        return self.photos[variant] if keep else None

    # certificate fields

    def _serial(self, key: str, year: int, digits: int) -> str:
        last = self.serials.get((key, year))
        step = 1 + (self.rng.randrange(1, 4) if self.rng.random() < 0.1 else 0)
        value = self.rng.randrange(1, 60) if last is None else last + step
        self.serials[(key, year)] = value
        if value >= 10**digits:
            raise OverflowError(f"serial space of {key} {year} exhausted")
        return f"{value:0{digits}d}"

    def _valid_until_target(self, state: str, years: int) -> dt.date:
        rng, today = self.rng, self.today
        timing = self.timing.pick(rng) if state == "valid" else "lapsed" if state == "expired" else \
            rng.choice(("current", "lapsed"))
        if timing == "current":
            offset = rng.randrange(self.rules.expiring_within_days + 1, years * 365 - 1)
        elif timing == "expiring":
            offset = rng.randrange(0, self.rules.expiring_within_days + 1)
        else:
            offset = -rng.randrange(1, 6 * 365)
        return today + dt.timedelta(days=offset)

    def _dates(self, category: str, state: str, birth: dt.date) -> tuple[dt.date, dt.date, dt.date, str]:
        years = self.rules.categories[category].validity_years
        until = self._valid_until_target(state, years)
        issued = min(_years_before(until + dt.timedelta(days=1), years), self.today)
        adult = _years_before(birth, -ADULT_AGE) + dt.timedelta(days=1)  # safe for 29 February
        if issued < adult:
            issued = min(adult + dt.timedelta(days=self.rng.randrange(0, 365)), self.today)
        until = valid_until_for(category, issued, self.rules)
        if state == "expired" and until >= self.today:
            state = "valid"
        first = issued
        for _ in range(self.renewals.pick(self.rng)):
            earlier = _years_before(first, years)
            if earlier < adult or earlier.year < self.rules.earliest_certificate_year:
                break
            first = earlier
        return first, issued, until, state

    def _format(self, issued: dt.date, until: dt.date, start: dt.date) -> str:
        roll = self.rng.random()
        if issued >= start:
            return "new" if roll < 0.9 else "old"
        return "new" if until >= start and roll < 0.5 else "old"

    def _cert_json(self, number: str, category: str, work_type: str | None, dates: tuple[dt.date, ...],
                   unit: IssuingUnit, state: str, fmt: str) -> dict[str, Any]:
        first, issued, until = dates
        return {"number": number, "category": category, "work_type": work_type,
                "first_issued": first.isoformat(), "issued": issued.isoformat(),
                "valid_until": until.isoformat(), "issuer_unit": unit.name, "state": state, "format": fmt}

    def special_certificate(self, person: Person, work_type: WorkType) -> dict[str, Any]:
        first, issued, until, state = self._dates("SPECIAL", self.states.pick(self.rng), person.birth)
        fmt = self._format(issued, until, SPECIAL_FORMAT_START)
        code = work_type.new_code if fmt == "new" else work_type.old_code
        serial = self._serial("special:" + work_type.new_code, first.year, 6)
        number = CertNumber("special", "SPECIAL", self.rules.province_abbr, first.year, serial, None,
                            person.unit.city_letter, code, work_type)
        return self._cert_json(format_number(number, self.rules), "SPECIAL", code, (first, issued, until),
                               person.unit, state, fmt)

    def safety_certificate(self, person: Person, category: str, complete: bool) -> dict[str, Any]:
        first, issued, until, state = self._dates(category, self.states.pick(self.rng), person.birth)
        fmt = self._format(issued, until, SAFETY_FORMAT_START) if complete or category != "A" else "old"
        new_category = self.rules.categories[category].new_code
        printed = new_category if fmt == "new" else category
        serial = self._serial("safety:" + new_category, first.year, 7)
        number = CertNumber("safety", printed, self.rules.province_abbr, first.year, serial, None)
        return self._cert_json(format_number(number, self.rules), printed, None, (first, issued, until),
                               person.unit, state, fmt)

    # persons

    def _base(self, male: bool, mode_age: float, unit: IssuingUnit) -> dict[str, Any]:
        id_number = self._resident_id(unit, male, mode_age)
        birth = f"{id_number[6:10]}-{id_number[10:12]}-{id_number[12:14]}"
        name = self.pools.surnames.pick(self.rng) + self._given_name(male)
        return {"id_number": id_number, "name": name, "gender": "男" if male else "女", "birth_date": birth,
                "phone": self._phone()}

    def special_person(self, unit: IssuingUnit) -> dict[str, Any]:
        rng = self.rng
        record = self._base(rng.random() < 0.95, 40.0, unit)
        enterprise = self._enterprise(unit) if rng.random() < 0.9 else None
        record["education"] = self.pools.education["special"].pick(rng)
        record["major"] = rng.choice(_MAJORS_SPECIAL) if rng.random() < 0.15 else None
        record |= {"employer": _employer_json(enterprise), "position": None, "title": None,
                   "photo": self._photo()}
        person = Person(unit, dt.date.fromisoformat(record["birth_date"]))
        kinds: list[WorkType] = []
        for _ in range(self.cert_counts.pick(rng)):
            work_type = self.pools.work_types.pick(rng)
            if work_type not in kinds:
                kinds.append(work_type)
        record["certificates"] = [self.special_certificate(person, w) for w in kinds]
        return record

    def _categories(self) -> list[str]:
        found: list[str] = []
        for _ in range(self.cert_counts.pick(self.rng)):
            category = self.pools.safety_categories.pick(self.rng)
            if category not in found:
                found.append(category)
        return sorted(found)

    def _position(self, level: str, enterprise: Enterprise) -> str:
        position = self.pools.positions[level].pick(self.rng)
        if level == "A" and position == "法定代表人":
            if enterprise.uscc in self.legal_reps:  # one legal representative per enterprise
                return "总经理"
            self.legal_reps.add(enterprise.uscc)
        return position

    def _position_and_title(self, level: str, enterprise: Enterprise) -> tuple[str | None, str | None, bool]:
        """(职务, 技术职称, complete); about 30% of A holders miss one or both."""
        rng = self.rng
        position = self._position(level, enterprise)
        title = self.pools.titles[level].pick(rng)
        if level != "A" or rng.random() >= A_MISSING_SHARE:
            return position, title, True
        missing = rng.randrange(3)
        if position == "法定代表人" and missing != 1:
            self.legal_reps.discard(enterprise.uscc)
        return (None if missing != 1 else position), (None if missing != 0 else title), False

    def safety_person(self, unit: IssuingUnit) -> dict[str, Any]:
        rng = self.rng
        categories = self._categories()
        level = "A" if "A" in categories else "B" if "B" in categories else "C"
        record = self._base(rng.random() < 0.8, 50.0 if level == "A" else 42.0, unit)
        enterprise = self._enterprise(unit)
        record["education"] = self.pools.education["safety"].pick(rng)
        record["major"] = rng.choice(_MAJORS_SAFETY) if rng.random() < 0.85 else None
        position, title, complete = self._position_and_title(level, enterprise)
        record |= {"employer": _employer_json(enterprise), "position": position, "title": title,
                   "photo": self._photo()}
        person = Person(unit, dt.date.fromisoformat(record["birth_date"]))
        record["certificates"] = [self.safety_certificate(person, c, complete) for c in categories]
        return record

    def person(self) -> dict[str, Any]:
        unit = self.pools.units.pick(self.rng)
        if self.rng.random() < SPECIAL_PERSON_SHARE:
            return self.special_person(unit)
        return self.safety_person(unit)


def _employer_json(enterprise: Enterprise | None) -> dict[str, str] | None:
    return None if enterprise is None else {"name": enterprise.name, "uscc": enterprise.uscc}


# --- public API ---------------------------------------------------------------------------------


def _check_arguments(size: int, photo_fraction: float) -> None:
    if size < 0:
        raise ValueError(f"size must be 0 or more, not {size}")
    if not 0.0 <= photo_fraction <= 1.0:
        raise ValueError(f"photo fraction must be between 0 and 1, not {photo_fraction}")


def generate_records(size: int, seed: int = 1, photo_fraction: float = 0.05,
                     today: dt.date | None = None) -> Iterator[dict[str, Any]]:
    """`size` synthetic person records, deterministic in all arguments (`today` defaults to
    `REFERENCE_DATE`, never the wall clock)."""
    _check_arguments(size, photo_fraction)
    rules = default_rules()
    generator = Generator(build_pools(rules, size, seed), seed, photo_fraction, today or REFERENCE_DATE)
    return (generator.person() for _ in range(size))


def write_jsonl(path: str | os.PathLike[str], size: int, seed: int = 1, photo_fraction: float = 0.05,
                today: dt.date | None = None) -> None:
    """Write the records as UTF-8 JSONL, atomically (temp file in the same folder + os.replace)."""
    _check_arguments(size, photo_fraction)
    target = Path(path)
    descriptor, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            _write_lines(handle, generate_records(size, seed, photo_fraction, today))
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, 0o644)
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def _write_lines(handle: TextIO, records: Iterator[dict[str, Any]]) -> None:
    encoder = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
    batch: list[str] = []
    for record in records:
        batch.append(encoder.encode(record))
        if len(batch) >= 10_000:
            handle.write("\n".join(batch) + "\n")
            batch.clear()
    if batch:
        handle.write("\n".join(batch) + "\n")
