"""Synthetic certificates: numbers with per-kind serials, validity dates, renewals, states, formats.

Safety (安管) and special-operation certificates of every category and work type, valid, expiring
soon and expired, in the old or the new format around the changeover dates of the seeds. Numbers
are formatted by domain.certnumber, validity comes from domain.status, so the importer accepts them.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from desktop_app.demo.pools import Table
from desktop_app.domain.certnumber import CertNumber, format_number
from desktop_app.domain.rules import IssuingUnit, Rules, WorkType
from desktop_app.domain.status import valid_until_for

ADULT_AGE = 18
SPECIAL_FORMAT_START = dt.date(2023, 1, 1)  # seed 000: new special-operation e-certificate
SAFETY_FORMAT_START = dt.date(2023, 7, 1)  # seed 001: new 安管 e-certificate

_STATES = {"valid": 84, "expired": 8, "suspended": 3, "revoked": 2, "cancelled": 3}
_VALID_TIMING = {"current": 83, "expiring": 10, "lapsed": 7}
_RENEWALS = {0: 45, 1: 30, 2: 15, 3: 10}


def years_before(day: dt.date, years: int) -> dt.date:
    """The same day `years` years earlier (a negative count: later); 29 February becomes the 28th."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@dataclass
class Person:
    """What the certificates of one person depend on."""

    unit: IssuingUnit
    birth: dt.date


class CertificateMaker:
    """The certificates of one output, drawn from the generator's random stream (`rng`)."""

    def __init__(self, rules: Rules, rng: random.Random, today: dt.date) -> None:
        self.rules = rules
        self.rng = rng
        self.today = today
        self.serials: dict[tuple[str, int], int] = {}
        self.states = Table.of(_STATES)
        self.timing = Table.of(_VALID_TIMING)
        self.renewals = Table.of(_RENEWALS)

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
        issued = min(years_before(until + dt.timedelta(days=1), years), self.today)
        adult = years_before(birth, -ADULT_AGE) + dt.timedelta(days=1)  # safe for 29 February
        if issued < adult:
            issued = min(adult + dt.timedelta(days=self.rng.randrange(0, 365)), self.today)
        until = valid_until_for(category, issued, self.rules)
        if state == "expired" and until >= self.today:
            state = "valid"
        first = issued
        for _ in range(self.renewals.pick(self.rng)):
            earlier = years_before(first, years)
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
