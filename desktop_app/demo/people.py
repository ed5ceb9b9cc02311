"""Synthetic persons: names, unique resident IDs, phones, employers, positions and their certificates.

`Generator.person()` draws one person record (the interchange format) at a time from one random
stream seeded from the seed; photos draw from a stream of their own, so `photo_fraction` changes
only the photos.

Resident IDs are unique without remembering them: each (county, birth date, gender) cell keeps a
one-byte counter, and the sequence digits step through a permutation of the cell's 500 values.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from desktop_app.demo.certificates import CertificateMaker, Person, years_before
from desktop_app.demo.enterprises import Enterprise
from desktop_app.demo.names import FEMALE_CHARS, FEMALE_FIRST, MALE_CHARS, MALE_FIRST, unique_chars
from desktop_app.demo.photos import placeholder_photos
from desktop_app.demo.pools import Pools, Table
from desktop_app.domain.identity import resident_id_check_digit
from desktop_app.domain.rules import IssuingUnit, WorkType

SPECIAL_PERSON_SHARE = 0.40
OTHER_PROVINCE_SHARE = 0.05
LOCAL_COUNTY_SHARE = 0.80  # Shandong-born persons registered in their issuing unit's city
MIN_AGE, MAX_AGE = 20, 62
PHONE_MISSING_SHARE = 0.07
A_MISSING_SHARE = 0.30

_MAJORS_SAFETY = ("土木工程", "建筑工程技术", "工程管理", "工程造价", "建筑学", "给排水科学与工程",
                  "建筑电气与智能化", "道路桥梁与渡河工程", "安全工程", "机械设计制造及其自动化",
                  "市政工程技术", "建设工程管理", "工业与民用建筑")
_MAJORS_SPECIAL = ("电气自动化技术", "机电一体化技术", "建筑工程技术", "焊接技术及自动化", "工程机械运用技术")
_CERT_COUNTS = {1: 78, 2: 17, 3: 5}
_MOBILE_PREFIXES = tuple(f"1{n}" for n in (30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 50, 51, 52, 53, 55, 56, 57,
                                            58, 59, 66, 73, 75, 76, 77, 78, 80, 81, 82, 83, 84, 85, 86, 87,
                                            88, 89, 91, 98, 99))


class IdAllocator:
    """Unique resident IDs: a one-byte counter per (county, birth day, gender) cell."""

    CAP = 250

    def __init__(self, n_counties: int, today: dt.date) -> None:
        self.first_birth = years_before(today, MAX_AGE).toordinal() + 1
        self.last_birth = years_before(today, MIN_AGE).toordinal()
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


class Generator:
    def __init__(self, pools: Pools, seed: int, photo_fraction: float, today: dt.date) -> None:
        self.pools = pools
        self.rules = pools.rules
        self.rng = random.Random(f"certdesk-demo:{seed}")
        self.photo_rng = random.Random(f"certdesk-demo-photos:{seed}")
        self.photo_fraction = photo_fraction
        self.today = today
        self.ids = IdAllocator(len(pools.counties), today)
        self.certificates = CertificateMaker(self.rules, self.rng, today)
        self.legal_reps: set[str] = set()
        self.cert_counts = Table.of(_CERT_COUNTS)
        self.male_given = unique_chars(MALE_CHARS)
        self.female_given = unique_chars(FEMALE_CHARS)
        self.photos = placeholder_photos()

    # person fields

    def _given_name(self, male: bool) -> str:
        rng = self.rng
        pool = self.male_given if male else self.female_given
        if rng.random() < 0.2:
            return rng.choice(pool)
        if rng.random() < 0.35:
            return rng.choice(MALE_FIRST if male else FEMALE_FIRST) + rng.choice(pool)
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
        record["certificates"] = [self.certificates.special_certificate(person, w) for w in kinds]
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
        record["certificates"] = [self.certificates.safety_certificate(person, c, complete) for c in categories]
        return record

    def person(self) -> dict[str, Any]:
        unit = self.pools.units.pick(self.rng)
        if self.rng.random() < SPECIAL_PERSON_SHARE:
            return self.special_person(unit)
        return self.safety_person(unit)


def _employer_json(enterprise: Enterprise | None) -> dict[str, str] | None:
    return None if enterprise is None else {"name": enterprise.name, "uscc": enterprise.uscc}
