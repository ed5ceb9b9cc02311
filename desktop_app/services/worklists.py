"""Campaign worklists: "A 证待补充信息" — old A-certificate holders who must supplement their information.

Seed 001: holders of an old-format A certificate must add their personal information (the fields of
`rules.a_required_fields`, i.e. 职务 and 技术职称) before the province can generate their new-format
certificate. A person is on the worklist while they hold an in-force old A certificate that has no
new-format counterpart yet and any of those fields is empty. A missing photo (also needed to generate)
is reported beside, but does not by itself put a person on the list.

The query repeats the WHERE clause of the partial index `ix_certificates_a_old_pending`
(migration 0004) literally, so one unit's list reads only its candidates. Every call reads in its
own connection and returns plain dataclasses; the list is live, so it shrinks as records are fixed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import Engine

from desktop_app.domain.certnumber import normalise_text
from desktop_app.domain.identity import check_uscc
from desktop_app.domain.person_fields import field_label
from desktop_app.domain.rules import Rules, default_rules
from desktop_app.errors import KnownError
from desktop_app.messages import joined, msg
from desktop_app.services.search_filters import FilterBuilder
from desktop_app.store.engine import Cache, as_engine

PHOTO = "photo"
PHOTO_LABEL = "照片"
# Must imply the partial index's WHERE clause word for word (SQLite matches it literally).
CANDIDATE_SQL = "c.category = 'A' AND c.format = 'old' AND c.new_generated_at IS NULL"
_PERSON_COLUMNS = {"name", "gender", "birth_date", "phone", "education", "major", "position", "title"}
SORTS: dict[str, str] = {
    "enterprise": "e.name IS NULL, e.name, p.name, p.id",
    "name": "p.name, p.id",
    "id_number": "p.id_number",
    "unit": "c.issuer_unit, e.name IS NULL, e.name, p.name, p.id",
}
_SELECT = (
    "SELECT p.id, p.id_number, p.name, e.name, e.uscc, c.number, c.issuer_unit, p.phone, p.position, p.title, "
    "p.education, p.major, p.version, EXISTS (SELECT 1 FROM photos ph WHERE ph.person_id = p.id) "
    "FROM certificates c JOIN persons p ON p.id = c.person_id LEFT JOIN enterprises e ON e.id = p.enterprise_id"
)


@dataclass(frozen=True)
class WorklistRow:
    """One person still missing A-certificate information."""

    person_id: int
    id_number: str
    name: str
    enterprise: str | None
    enterprise_uscc: str | None
    certificates: tuple[str, ...]  # the old A numbers, as issued
    issuer_units: tuple[str, ...]
    missing: tuple[str, ...]  # labels of the empty required fields (职务, 技术职称)
    missing_photo: bool
    phone: str | None
    position: str | None
    title: str | None
    education: str | None
    major: str | None
    version: int

    @property
    def issuer_unit(self) -> str:
        return "、".join(self.issuer_units)

    @property
    def missing_text(self) -> str:
        """What to fill, for the (Chinese) template's cell: "职务、技术职称" (and 照片 when it is missing too)."""
        return "、".join((*self.missing, *((PHOTO_LABEL,) if self.missing_photo else ())))

    def missing_names(self, rules: Rules) -> list[str]:
        """What to fill, named in the chosen language: 职务、照片 / Position, Photo."""
        field_of = {label: field for field, label in required_fields(rules).items()}
        names = [field_label(field_of[label]) if label in field_of else label for label in self.missing]
        return [*names, str(msg("field.photo"))] if self.missing_photo else names


@dataclass(frozen=True)
class GroupCount:
    name: str
    uscc: str | None
    persons: int


@dataclass(frozen=True)
class WorklistSummary:
    total: int
    missing_photo: int
    by_unit: tuple[GroupCount, ...]  # in the order of the notice's unit table
    by_enterprise: tuple[GroupCount, ...]  # most persons first


# --- SQL ------------------------------------------------------------------------------------------


def _missing_sql(field: str) -> str:
    if field == "employer":
        return "p.enterprise_id IS NULL"
    if field == PHOTO:
        return "NOT EXISTS (SELECT 1 FROM photos ph WHERE ph.person_id = p.id)"
    if field not in _PERSON_COLUMNS:
        raise KnownError(msg("worklist.unknown_required_field", field=field))
    return f"coalesce(trim(p.{field}), '') = ''"


def required_fields(rules: Rules) -> dict[str, str]:
    """The fields that put a person on the list (photo is reported beside, not required here)."""
    return {f: label for f, label in rules.a_required_fields.items() if f != PHOTO}


def _missing_filter(missing: str, rules: Rules) -> str:
    wanted = missing.strip()
    options = {**required_fields(rules), PHOTO: PHOTO_LABEL}
    for field, label in options.items():
        if wanted in (field, label):
            return _missing_sql(field)
    raise KnownError(msg("worklist.unknown_missing", missing=missing, choices=joined(options.values())))


def _enterprise_filter(enterprise: str) -> tuple[str, tuple[object, ...]]:
    text = normalise_text(enterprise)
    if len(text) == 18 and check_uscc(text):
        return "e.uscc = ?", (text,)
    name = enterprise.strip()
    if not name:
        raise KnownError(msg("worklist.empty_enterprise"))
    return "instr(e.name, ?) > 0", (name,)


def _query(rules: Rules, today: dt.date, unit: str | None, enterprise: str | None, missing: str | None,
           sort: str) -> tuple[str, tuple[object, ...]]:
    if sort not in SORTS:
        raise KnownError(msg("worklist.unknown_sort", sort=sort, choices=joined(SORTS)))
    builder = FilterBuilder(rules, today)
    in_force, params = builder.in_force_sql()
    required = required_fields(rules)
    if not required:
        raise KnownError(msg("worklist.no_required_fields"))
    clauses = [CANDIDATE_SQL, in_force, "(" + " OR ".join(_missing_sql(f) for f in required) + ")"]
    args: list[object] = list(params)
    if unit is not None:
        clauses.append("c.issuer_unit = ?")
        args.append(builder.unit_name(unit))
    if enterprise is not None:
        sql, enterprise_args = _enterprise_filter(enterprise)
        clauses.append(sql)
        args.extend(enterprise_args)
    if missing is not None:
        clauses.append(_missing_filter(missing, rules))
    return f"{_SELECT} WHERE {' AND '.join(clauses)} ORDER BY {SORTS[sort]}", tuple(args)


# --- rows -----------------------------------------------------------------------------------------


def _present(value: object) -> bool:
    return value is not None and str(value).strip() != ""


class _Raw(NamedTuple):
    """One certificate row of the worklist query (columns of _SELECT)."""

    person_id: int
    id_number: str
    name: str
    enterprise: str | None
    enterprise_uscc: str | None
    number: str
    issuer_unit: str
    phone: str | None
    position: str | None
    title: str | None
    education: str | None
    major: str | None
    version: int
    has_photo: int


def _person_row(certs: Sequence[_Raw], required: dict[str, str]) -> WorklistRow:
    first = certs[0]
    values = {"position": first.position, "title": first.title, "education": first.education,
              "major": first.major, "phone": first.phone, "employer": first.enterprise, "name": first.name}
    return WorklistRow(
        person_id=first.person_id, id_number=first.id_number, name=first.name, enterprise=first.enterprise,
        enterprise_uscc=first.enterprise_uscc, certificates=tuple(dict.fromkeys(c.number for c in certs)),
        issuer_units=tuple(dict.fromkeys(c.issuer_unit for c in certs)),
        missing=tuple(label for f, label in required.items() if not _present(values.get(f))),
        missing_photo=not first.has_photo, phone=first.phone, position=first.position, title=first.title,
        education=first.education, major=first.major, version=first.version)


def _rows(raw: Sequence[_Raw], rules: Rules) -> list[WorklistRow]:
    """One WorklistRow per person (a person may hold several qualifying certificates)."""
    by_person: dict[int, list[_Raw]] = {}
    for row in raw:
        by_person.setdefault(row.person_id, []).append(row)
    required = required_fields(rules)
    return [_person_row(certs, required) for certs in by_person.values()]


def _fetch(target: Cache | Engine, sql: str, params: tuple[object, ...]) -> list[_Raw]:
    with as_engine(target).connect() as conn:
        return [_Raw(*row) for row in conn.exec_driver_sql(sql, params)]


def supplement_worklist(target: Cache | Engine, unit: str | None = None, enterprise: str | None = None,
                        missing: str | None = None, sort: str = "enterprise", offset: int = 0,
                        limit: int | None = None, today: dt.date | None = None,
                        rules: Rules | None = None) -> list[WorklistRow]:
    """The persons still missing A-certificate information, filtered and sorted.

    `unit` is an issuing unit's name or alias (unknown → KnownError); `enterprise` a part of the
    enterprise name or its USCC; `missing` a field (position, title, photo) or its label.
    """
    rules = rules or default_rules()
    sql, params = _query(rules, today or dt.date.today(), unit, enterprise, missing, sort)
    rows = _rows(_fetch(target, sql, params), rules)
    start = max(0, offset)
    return rows[start:] if limit is None else rows[start:start + max(0, limit)]


def worklist_summary(target: Cache | Engine, unit: str | None = None, today: dt.date | None = None,
                     rules: Rules | None = None) -> WorklistSummary:
    """How many persons are on the worklist, per issuing unit and per enterprise."""
    rules = rules or default_rules()
    rows = supplement_worklist(target, unit=unit, sort="unit", today=today, rules=rules)
    units: Counter[str] = Counter(u for row in rows for u in row.issuer_units)
    no_employer = str(msg("worklist.no_employer"))
    enterprises: Counter[tuple[str, str | None]] = Counter(
        (row.enterprise or no_employer, row.enterprise_uscc) for row in rows)
    order = {u.name: u.seq for u in rules.units}
    by_unit = tuple(GroupCount(name, None, n) for name, n in sorted(units.items(),
                                                                   key=lambda item: order.get(item[0], 999)))
    by_enterprise = tuple(GroupCount(name, uscc, n) for (name, uscc), n in
                          sorted(enterprises.items(), key=lambda item: (-item[1], item[0][0])))
    return WorklistSummary(len(rows), sum(r.missing_photo for r in rows), by_unit, by_enterprise)
