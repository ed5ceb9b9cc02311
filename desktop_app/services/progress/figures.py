"""The progress figures as plain values: one unit × kind row, the table with its totals, the call list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, fields

from desktop_app.domain.localized import localized
from desktop_app.domain.rules import Rules
from desktop_app.messages import DEFAULT_LANGUAGE, msg

# The JSON contract's order (cli `progress --json`): every figure of a unit × kind row.
FIGURES: tuple[str, ...] = (
    "total", "in_force", "new_format", "pending", "a_missing_info", "missing_position", "missing_title",
    "missing_photo", "expiring_90d", "expired", "suspended", "revoked", "cancelled", "unsynced",
)
SAFETY_KINDS = ("A", "B", "C1", "C2", "C3")
SPECIAL_PREFIX = "SPECIAL:"


@dataclass(frozen=True)
class Figures:
    total: int = 0
    in_force: int = 0
    new_format: int = 0
    pending: int = 0
    a_missing_info: int = 0
    missing_position: int = 0
    missing_title: int = 0
    missing_photo: int = 0
    expiring_90d: int = 0
    expired: int = 0
    suspended: int = 0
    revoked: int = 0
    cancelled: int = 0
    unsynced: int = 0

    @property
    def converted(self) -> float | None:
        """new_format / in_force as a fraction; None when nothing is in force."""
        return self.new_format / self.in_force if self.in_force else None

    @property
    def converted_pct(self) -> float | None:
        """The same in per cent, one decimal (the JSON's `converted_pct`)."""
        share = self.converted
        return None if share is None else round(share * 100, 1)

    def __add__(self, other: Figures) -> Figures:
        return Figures(*(getattr(self, f) + getattr(other, f) for f in FIGURES))

    def as_dict(self) -> dict[str, int | float | None]:
        values: dict[str, int | float | None] = {f: getattr(self, f) for f in FIGURES}
        values["converted_pct"] = self.converted_pct
        return values


assert tuple(f.name for f in fields(Figures)) == FIGURES


def summed(figures: Iterable[Figures]) -> Figures:
    total = Figures()
    for item in figures:
        total = total + item
    return total


@dataclass(frozen=True)
class ProgressRow:
    """One issuing unit × kind, or a total: `unit` None for a kind's total, `kind` None for a unit's."""

    unit: str | None
    kind: str | None
    figures: Figures

    def as_json(self) -> dict[str, object]:
        return {"unit": self.unit, "kind": self.kind, **self.figures.as_dict()}


@dataclass(frozen=True)
class ProgressTable:
    as_of: dt.date
    rows: tuple[ProgressRow, ...]  # unit × kind, units in the rules' order, kinds A B C1 C2 C3 SPECIAL:nn
    unit_totals: tuple[ProgressRow, ...]
    kind_totals: tuple[ProgressRow, ...]
    overall: Figures

    @property
    def units(self) -> tuple[str, ...]:
        return tuple(r.unit for r in self.unit_totals if r.unit is not None)

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(r.kind for r in self.kind_totals if r.kind is not None)

    def cell(self, unit: str | None, kind: str | None) -> Figures:
        """The figures of one unit × kind, a unit's or a kind's total (both None: overall)."""
        if unit is None and kind is None:
            return self.overall
        pool = self.rows if unit is not None and kind is not None else (
            self.unit_totals if kind is None else self.kind_totals)
        return next((r.figures for r in pool if r.unit == unit and r.kind == kind), Figures())

    def as_json(self) -> dict[str, object]:
        return {"as_of": self.as_of.isoformat(), "rows": [r.as_json() for r in self.rows],
                "totals": self.overall.as_dict(),
                "unit_totals": [r.as_json() for r in self.unit_totals],
                "kind_totals": [r.as_json() for r in self.kind_totals]}


@dataclass(frozen=True)
class Contact:
    name: str
    phone: str | None


@dataclass(frozen=True)
class EnterpriseRow:
    """One enterprise within one unit: the supervisor's call list."""

    unit: str
    enterprise_id: int | None  # None: holders with no employer on record
    enterprise: str | None
    uscc: str | None
    a_missing_persons: int  # A holders still missing 职务 / 技术职称 (persons)
    pending_certificates: int  # in force, still in the old format
    contacts: tuple[Contact, ...]  # the first few of those A holders (an enterprise's principals), with phones


@dataclass(frozen=True)
class TrendPoint:
    day: dt.date
    in_force: int
    new_format: int
    pending: int
    a_missing_info: int

    @property
    def converted(self) -> float | None:
        return self.new_format / self.in_force if self.in_force else None


@dataclass(frozen=True)
class Pace:
    """What it takes to finish the pending certificates by the target day."""

    as_of: dt.date
    target: dt.date | None
    pending: int
    days_left: int | None  # calendar days from as_of to target (None without a target)
    needed_per_day: float | None  # pending / days_left
    recent_per_day: float | None  # new-format certificates gained per day over the trend's window
    projected_finish: dt.date | None  # at the recent pace


@dataclass(frozen=True)
class ProgressReport:
    """Everything the view and the workbook show for one as-of day."""

    table: ProgressTable
    enterprises: tuple[EnterpriseRow, ...]
    trend: tuple[TrendPoint, ...]
    pace: Pace
    last_sync_at: dt.datetime | None
    operator: str
    generated_at: dt.datetime
    unit: str | None  # the unit the report is limited to, or None for every unit
    demo: bool = False


def kind_order(kind: str) -> tuple[int, str]:
    if kind in SAFETY_KINDS:
        return SAFETY_KINDS.index(kind), ""
    return len(SAFETY_KINDS), kind


def kind_text(kind: str, rules: Rules, language: str | None = None) -> str:
    """A kind in `language` (default: the chosen one): A 证 / A certificate, 特种·建筑电工（01） / Special …"""
    if not kind.startswith(SPECIAL_PREFIX):
        return msg("progress.kind.certificate", kind=kind).text(language)
    code = kind.removeprefix(SPECIAL_PREFIX)
    work_type = rules.work_type_by_new_code(code)
    if work_type is None:
        return msg("progress.kind.special_code", work_code=code).text(language)
    name = localized(work_type.name, work_type.name_en, language)
    return msg("progress.kind.special", work_type=name, work_code=code).text(language)


def kind_label(kind: str | None, rules: Rules) -> str:
    """A 证, C3 证, 特种·建筑电工 (01) — the workbook's (Chinese) name of a kind."""
    return "合计" if kind is None else kind_text(kind, rules, DEFAULT_LANGUAGE)


def unit_order(unit: str, rules: Rules) -> tuple[int, str]:
    known = rules.unit(unit)
    return (known.seq if known else len(rules.units) + 1), unit
