"""An independent count of the progress figures: plain Python over the JSONL records (no SQL).

It reads the record format the way the notices define the figures, so a wrong CASE in the service's
one-pass query shows as a difference here.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from desktop_app.domain.rules import Rules

Record = Mapping[str, Any]


def _blank(value: object) -> bool:
    return value is None or not str(value).strip()


@dataclass(frozen=True)
class Counted:
    """One certificate's contribution: its unit × kind, the figures it counts in, its holder."""

    unit: str
    kind: str
    figures: frozenset[str]
    id_number: str
    employer: tuple[str, str] | None  # (name, uscc)


def kind_of(cert: Record, rules: Rules) -> str:
    category = cert["category"]
    if rules.categories[category].family == "special":
        fmt = cert.get("format") or "old"
        work_type = rules.work_type_by_code(cert["work_type"], fmt)
        assert work_type is not None, cert
        return f"SPECIAL:{work_type.new_code}"
    return rules.categories[category].new_code  # C became C3


def certificate_figures(record: Record, cert: Record, rules: Rules, as_of: dt.date,
                        generated: Mapping[str, dt.date], unsynced: set[str]) -> Counted:
    state = cert["state"]
    until = dt.date.fromisoformat(cert["valid_until"]) if cert.get("valid_until") else None
    in_force = rules.states[state].in_force and until is not None and until >= as_of
    made_here = generated.get(cert["number"])
    new = cert.get("format") == "new" or (made_here is not None and made_here <= as_of)
    pending = in_force and not new
    kind = kind_of(cert, rules)
    missing_position, missing_title = _blank(record.get("position")), _blank(record.get("title"))
    found = {"total"}
    flags = {
        "in_force": in_force, "new_format": in_force and new, "pending": pending,
        "a_missing_info": pending and kind == "A" and (missing_position or missing_title),
        "missing_position": pending and kind == "A" and missing_position,
        "missing_title": pending and kind == "A" and missing_title,
        "missing_photo": pending and not record.get("photo"),
        "expiring_90d": in_force and until is not None and (until - as_of).days <= 90,
        "expired": state == "expired" or (rules.states[state].in_force and (until is None or until < as_of)),
        "suspended": state == "suspended", "revoked": state == "revoked", "cancelled": state == "cancelled",
        "unsynced": record["id_number"] in unsynced,
    }
    found.update(name for name, on in flags.items() if on)
    employer = record.get("employer")
    unit = rules.unit(cert["issuer_unit"])
    assert unit is not None
    return Counted(unit.name, kind, frozenset(found), record["id_number"],
                   (employer["name"], employer.get("uscc")) if employer else None)


def counted(records: Iterable[Record], rules: Rules, as_of: dt.date, generated: Mapping[str, dt.date],
            unsynced: set[str]) -> list[Counted]:
    return [certificate_figures(r, c, rules, as_of, generated, unsynced) for r in records for c in r["certificates"]]


def figures_by_cell(items: Iterable[Counted]) -> dict[tuple[str, str], Counter[str]]:
    cells: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for item in items:
        cells[(item.unit, item.kind)].update(item.figures)
    return cells


def persons_behind(items: Iterable[Counted], unit: str | None, kind: str | None, figure: str) -> set[str]:
    return {i.id_number for i in items if figure in i.figures and unit in (None, i.unit) and kind in (None, i.kind)}


def enterprise_counts(items: Iterable[Counted]) -> dict[tuple[str, str | None], tuple[int, int]]:
    """(unit, employer USCC or None) → (A holders missing information, pending certificates)."""
    missing: dict[tuple[str, str | None], set[str]] = defaultdict(set)
    pending: Counter[tuple[str, str | None]] = Counter()
    for item in items:
        key = (item.unit, item.employer[1] if item.employer else None)
        if "pending" in item.figures:
            pending[key] += 1
        if "a_missing_info" in item.figures:
            missing[key].add(item.id_number)
    return {key: (len(missing.get(key, ())), count) for key, count in pending.items()}
