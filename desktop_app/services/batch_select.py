"""Which certificates a batch considers, and why each one can or cannot be generated.

Candidates are the unit's certificates that need the new format or have had it generated here
(old format, or `new_generated_at` set), optionally of one category or work type; each carries
the reasons (services/eligibility.blockers) that stop it, none when it is eligible. Read-only.

The rows are read as raw SQL values, so a value the ORM could not load (a validity such as
"2024-02-30" from an old cache) is a reason for that one certificate, not the end of the batch.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

from desktop_app.domain.rules import IssuingUnit, Rules
from desktop_app.errors import KnownError
from desktop_app.messages import joined, msg
from desktop_app.services import issuance
from desktop_app.services.batch_types import BatchOptions

_CANDIDATES = (
    "SELECT c.id, c.number, c.new_number, c.category, c.state, c.valid_until, c.issuer_unit, "
    "c.format = 'new' AND c.ecert_id IS NOT NULL AND c.qr_text IS NOT NULL, "
    "p.name, p.id_number, p.gender, p.birth_date, p.phone, p.education, p.major, e.name, p.position, p.title, "
    "EXISTS (SELECT 1 FROM photos ph WHERE ph.person_id = p.id), COALESCE(c.qr_text, '') = '' "
    "FROM certificates c JOIN persons p ON p.id = c.person_id LEFT JOIN enterprises e ON e.id = p.enterprise_id "
    "WHERE c.issuer_unit IN :units AND (c.format = 'old' OR c.new_generated_at IS NOT NULL)"
)
_PERSON_KEYS = ("name", "id_number", "gender", "birth_date", "phone", "education", "major", "employer", "position",
                "title")


@dataclass(frozen=True)
class Candidate:
    id: int
    number: str
    new_number: str
    generated: bool
    name: str
    id_number: str
    reasons: tuple[str, ...]


def resolve_unit(name: str, rules: Rules) -> IssuingUnit:
    unit = rules.unit(name)
    if unit is None:
        raise KnownError(msg("batch.unknown_unit", unit=name))
    return unit


def _category_filter(category: str | None, rules: Rules) -> tuple[str, ...]:
    if category is None:
        return ()
    code = category.strip().upper()
    if code not in rules.categories:
        raise KnownError(msg("batch.unknown_category", category=category, choices=joined(rules.categories)))
    new_code = rules.categories[code].new_code
    return tuple(c for c, cat in rules.categories.items() if cat.new_code == new_code)


def _work_type_filter(work_type: str | None, rules: Rules) -> str | None:
    if work_type is None:
        return None
    code = work_type.strip().upper()
    found = rules.work_type_by_new_code(code) or rules.work_type_by_code(code, "old")
    if found is None:
        raise KnownError(msg("batch.unknown_work_type", work_type=work_type))
    return found.new_code


def select_candidates(session: Session, options: BatchOptions, unit: IssuingUnit, today: dt.date,
                      rules: Rules) -> list[Candidate]:
    sql = _CANDIDATES
    params: dict[str, Any] = {"units": (unit.name, *unit.aliases)}
    categories = _category_filter(options.category, rules)
    if categories:
        sql += " AND c.category IN :categories"
        params["categories"] = categories
    work_type = _work_type_filter(options.work_type, rules)
    if work_type:
        sql += " AND c.work_type_new_code = :work_type"
        params["work_type"] = work_type
    expanding = [bindparam(k, expanding=True) for k in ("units", "categories") if k in params]
    statement = text(sql + " ORDER BY c.id").bindparams(*expanding)
    return [_candidate(row, today, rules) for row in session.execute(statement, params)]


def _date(value: object) -> dt.date | None:
    """A stored date (ISO text); raises ValueError for text that is none."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _candidate(row: Sequence[Any], today: dt.date, rules: Rules) -> Candidate:
    (cid, number, new_number, category, state, valid_until, issuer_unit, generated), rest = row[:8], row[8:]
    person = dict(zip(_PERSON_KEYS, rest[:10], strict=True))
    try:
        until = _date(valid_until)
    except ValueError:
        reasons = [str(msg("batch.bad_valid_until", value=valid_until))]
    else:
        reasons = issuance.blockers(str(category), str(state), until, person, bool(rest[10]), str(issuer_unit),
                                    today, rules, needs_token=bool(rest[11]))
    return Candidate(cid, str(number), str(new_number), bool(generated), str(person["name"] or ""),
                     str(person["id_number"] or ""), tuple(reasons))
