"""Handcrafted persons for the search tests: every query class, ranking tier and filter has a case."""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

from PIL import Image

from desktop_app import demo
from desktop_app.domain.identity import resident_id_check_digit, uscc_check_digit
from desktop_app.services import interchange as records
from desktop_app.store.engine import Cache, open_cache

TODAY = dt.date(2026, 11, 21)
JINAN = "济南市住房和城乡建设局"
QINGDAO = "青岛市住房和城乡建设局"
HEZE = "菏泽市住房和城乡建设局"


def _jpeg() -> bytes:
    """A real (decodable) small JPEG: the importer decodes every photo."""
    out = io.BytesIO()
    Image.new("RGB", (60, 84), (67, 142, 219)).save(out, "JPEG", quality=80)
    return out.getvalue()


PHOTO = base64.b64encode(_jpeg()).decode()


def resident_id(region: str, birth: str, seq: str) -> str:
    first17 = region + birth + seq
    return first17 + resident_id_check_digit(first17)


def _org_check(body: str) -> str:
    """GB 11714 organisation-code check character (positions 9–17 of a USCC)."""
    total = sum(int(c, 36) * w for c, w in zip(body, (3, 7, 9, 10, 5, 8, 4, 2), strict=True))
    rest = 11 - total % 11
    return "X" if rest == 10 else "0" if rest == 11 else str(rest)


def uscc(body: str) -> str:
    first17 = "91370100" + body + _org_check(body)
    return first17 + uscc_check_digit(first17)


def _days(n: int) -> str:
    return (TODAY + dt.timedelta(days=n)).isoformat()


def cert(number: str, category: str, fmt: str, *, work_type: str | None = None, unit: str = JINAN,
         state: str = "valid", until: int = 500) -> dict[str, Any]:
    issued = (TODAY + dt.timedelta(days=until) - dt.timedelta(days=700)).isoformat()
    return {"number": number, "category": category, "work_type": work_type, "first_issued": issued,
            "issued": issued, "valid_until": _days(until), "issuer_unit": unit, "state": state, "format": fmt}


def person(id_number: str, name: str, certificates: list[dict[str, Any]], *, employer: dict[str, str] | None = None,
           position: str | None = "总经理", title: str | None = "高级工程师", photo: bool = True) -> dict[str, Any]:
    gender = "男" if int(id_number[16]) % 2 else "女"
    birth = f"{id_number[6:10]}-{id_number[10:12]}-{id_number[12:14]}"
    return {"id_number": id_number, "name": name, "gender": gender, "birth_date": birth, "phone": None,
            "education": "本科", "major": None, "employer": employer, "position": position, "title": title,
            "photo": PHOTO if photo else None, "certificates": certificates}


LUNENG = {"name": "济南鲁能建设集团有限公司", "uscc": uscc("MA3C0001")}
HUAXIA = {"name": "青岛华夏幕墙工程有限公司", "uscc": uscc("12345678")}

# ID numbers (valid check digits); WANG_JIANGUO ends in X
WANG_JIAN = resident_id("370102", "19850712", "111")
WANG_JIANGUO = resident_id("370102", "19850712", "102")
LI_WANGJIAN = resident_id("370203", "19900101", "123")
ZENG = resident_id("370102", "19700305", "551")
C_HOLDER = resident_id("370102", "19750101", "331")
OLD_03 = resident_id("371702", "19800808", "441")
NEW_03 = resident_id("371702", "19810808", "442")
READY = resident_id("370102", "19660606", "661")
DONE = resident_id("370102", "19670707", "771")
EXPIRING = resident_id("371702", "19720202", "881")
REVOKED = resident_id("371702", "19730303", "991")
HUANG = resident_id("370102", "19880808", "121")
TAIL_TWIN = resident_id("110101", "19910101", "111")  # another person; tail differs

PERSONS = [
    # exact name 王建; an A certificate missing 职务 and 技术职称, old format → blocked
    person(WANG_JIAN, "王建", [cert("鲁建安A（2019）0001234", "A", "old")], employer=LUNENG, position=None,
           title=None),
    # name prefix 王建国; special operation, old code 4T (new 05); ID ends in X
    person(WANG_JIANGUO, "王建国", [cert("鲁A4T2019000123", "SPECIAL", "old", work_type="4T")], employer=LUNENG),
    # name part 李王建
    person(LI_WANGJIAN, "李王建", [cert("鲁建安B（2020）0000007", "B", "new", unit=QINGDAO)], employer=HUAXIA),
    # surname reading: 曾 is zeng
    person(ZENG, "曾小明", [cert("鲁建安C1（2021）0000010", "C1", "new")]),
    # 安管 C, old spelling: its new number is C3
    person(C_HOLDER, "赵德", [cert("鲁建安C（2016）0001234", "C", "old", until=40)], photo=False),
    # the same spelling 鲁A03… read old (司索信号工, new 04) and new (附着升降脚手架)
    person(OLD_03, "孙强", [cert("鲁A032020000555", "SPECIAL", "old", work_type="03", unit=HEZE)]),
    person(NEW_03, "周丽", [cert("鲁A032020000555", "SPECIAL", "new", work_type="03", unit=HEZE)]),
    # complete A with a photo, still old: can be generated
    person(READY, "吴能", [cert("鲁建安A（2018）0000042", "A", "old")], employer=LUNENG),
    # everything in force is new: generated
    person(DONE, "郑成", [cert("鲁建安B（2024）0000043", "B", "new"),
                         cert("鲁建安B（2015）0000044", "B", "old", state="expired", until=-300)]),
    person(EXPIRING, "钱多", [cert("鲁R012021000001", "SPECIAL", "old", work_type="01", unit=HEZE, until=30)]),
    person(REVOKED, "冯硕", [cert("鲁R012021000002", "SPECIAL", "new", work_type="01", unit=HEZE,
                                  state="revoked")]),
    person(HUANG, "黄王", [cert("鲁建安B（2022）0000045", "B", "new", unit=QINGDAO)]),
    person(TAIL_TWIN, "陈一", []),
]


def write_and_import(folder: Path, persons: list[dict[str, Any]]) -> Cache:
    """A real cache in `folder/data`, filled with `persons` by the real importer."""
    source = folder / "persons.jsonl"
    source.write_text("\n".join(json.dumps(p, ensure_ascii=False) for p in persons) + "\n", encoding="utf-8")
    cache = open_cache(folder / "data")
    report = records.import_jsonl(cache, source)
    assert not report.rejected, report.rejected
    assert report.persons_inserted == len(persons)
    return cache


def build_cache(folder: Path) -> Cache:
    """The search tests' cache: every query class, ranking tier and filter has a case."""
    return write_and_import(folder, PERSONS)


def demo_province(folder: Path, persons: int, seed: int, photo_fraction: float) -> Cache:
    """A real cache in `folder/data` holding a synthetic province (desktop_app.demo) of `persons`."""
    source = folder / "persons.jsonl"
    demo.write_jsonl(source, persons, seed=seed, photo_fraction=photo_fraction)
    cache = open_cache(folder / "data")
    records.import_jsonl(cache, source)
    return cache
