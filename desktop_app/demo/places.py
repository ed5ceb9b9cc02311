"""Real county-level administrative codes (GB/T 2260) for the synthetic resident IDs and enterprises.

Read from `resources/demo/`: Shandong's counties with their city, and a sample of other provinces'.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from desktop_app.domain.rules import IssuingUnit
from desktop_app.paths import resources_dir


@dataclass(frozen=True)
class County:
    code: str
    name: str
    city: str  # Shandong: the city as in the issuing-unit table; elsewhere the province


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


def unit_counties(unit: IssuingUnit, counties: Sequence[County]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(the unit's own district if it has one, else its city's counties; all its city's counties)."""
    city = tuple(i for i, c in enumerate(counties) if c.city == unit.city) or tuple(range(len(counties)))
    exact = tuple(i for i in city if counties[i].code == unit.admin_code)
    return exact or city, city
