"""What a synthetic province draws once per output: weighted tables, enterprises, county choices.

`Table` is the weighted choice every part of the generator uses. `build_pools` draws the
enterprises from a random stream of its own (seeded from the seed), apart from the persons' stream.
"""

from __future__ import annotations

import bisect
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from desktop_app.demo.enterprises import Enterprise, make_enterprises
from desktop_app.demo.names import SURNAMES, parse_weighted
from desktop_app.demo.places import County, other_counties, shandong_counties, unit_counties
from desktop_app.domain.rules import Rules

_EDUCATION_SPECIAL = {"初中": 40, "高中": 25, "中专": 20, "大专": 9, "小学": 4, "其他": 2}
_EDUCATION_SAFETY = {"本科": 42, "大专": 36, "硕士研究生": 7, "中专": 8, "高中": 6, "博士研究生": 1}
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


@dataclass
class Pools:
    """Everything drawn once per output and shared by all its persons."""

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


def build_pools(rules: Rules, size: int, seed: int) -> Pools:
    rng = random.Random(f"certdesk-demo-pools:{seed}")
    shandong, others = shandong_counties(), other_counties()
    counties = shandong + others
    local = {}
    for unit in rules.units:
        own, city = unit_counties(unit, shandong)
        local[unit.name] = own * len(city) + city if own != city else city  # a district: half local
    choices = rules.choices
    return Pools(
        rules=rules, surnames=Table.of(parse_weighted(SURNAMES)),
        units=Table.of([(u, float(u.weight)) for u in rules.units if u.weight > 0]),
        enterprises=make_enterprises(rng, rules, shandong, max(50, size // 20)),
        counties=counties, local=local, n_shandong=len(shandong),
        education={"special": _choice_table(_EDUCATION_SPECIAL, choices["education"]),
                   "safety": _choice_table(_EDUCATION_SAFETY, choices["education"])},
        positions={k: _choice_table(v, choices["position"]) for k, v in _POSITIONS.items()},
        titles={k: _choice_table(v, choices["title"]) for k, v in _TITLES.items()},
        work_types=Table.of([(w, float(_WORK_TYPE_WEIGHTS.get(w.new_code, 5))) for w in rules.work_types]),
        safety_categories=Table.of({c: w for c, w in _SAFETY_CATEGORIES.items() if c in rules.categories}),
    )
