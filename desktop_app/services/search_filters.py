"""Search filters as SQL: `SearchFilters` → conditions on the person row `p`, ANDed to every query arm.

The date logic is domain.status.certificate_status on one `today`, written as SQL over the
certificates table, so a filter by status or "blocked" selects exactly the persons whose detail
shows that status or those blockers. Also used by the campaign worklists.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop_app.domain.rules import Rules
from desktop_app.domain.status import Status, certificate_status
from desktop_app.errors import KnownError
from desktop_app.messages import joined, msg
from desktop_app.services.progress.conditions import ProgressSql
from desktop_app.services.search_types import SearchFilters
from desktop_app.store import outbox

Params = tuple[object, ...]


@dataclass(frozen=True)
class FilterSql:
    """Conditions on the person row `p`, ANDed to every arm."""

    clauses: tuple[str, ...] = ()
    params: Params = ()

    def __bool__(self) -> bool:
        return bool(self.clauses)

    def where(self) -> str:
        return "".join(f" AND {c}" for c in self.clauses)


# Every outbox row names the person it belongs to (by row id, which an ID-number correction keeps).
UNSYNCED_PERSONS = outbox.UNSYNCED_PERSONS_SQL
_PERSON_COLUMNS = {"name", "gender", "birth_date", "phone", "education", "major", "position", "title"}


class FilterBuilder:
    """SearchFilters → SQL, with the date logic of domain.status.certificate_status on `today`."""

    def __init__(self, rules: Rules, today: dt.date) -> None:
        self.rules = rules
        self.today = today.isoformat()
        self.expiring_until = (today + dt.timedelta(days=rules.expiring_within_days)).isoformat()
        far = dt.date.max
        # States the calendar decides (valid) and states that decide themselves (revoked …).
        self.calendar_states = tuple(s for s in rules.states if certificate_status(s, far, today, rules)
                                     is Status.VALID)
        self.fixed = {s: certificate_status(s, far, today, rules) for s in rules.states
                      if s not in self.calendar_states}

    def build(self, filters: SearchFilters) -> FilterSql:
        cert, params = self._certificate_conditions(filters)
        clauses: list[str] = []
        args: list[object] = []
        if cert:
            clauses.append("EXISTS (SELECT 1 FROM certificates c WHERE c.person_id = p.id AND "
                           + " AND ".join(cert) + ")")
            args.extend(params)
        if filters.blocked is False:
            blocked, blocked_params = self.blocked_sql()
            clauses.append(f"NOT EXISTS (SELECT 1 FROM certificates c WHERE c.person_id = p.id AND {blocked})")
            args.extend(blocked_params)
        if filters.unsynced is not None:
            clauses.append(f"p.id {'' if filters.unsynced else 'NOT '}IN ({UNSYNCED_PERSONS})")
        return FilterSql(tuple(clauses), tuple(args))

    def holders(self, filters: SearchFilters) -> tuple[str, Params] | None:
        """SQL of the person ids holding a certificate of `filters`' unit (and status), read from
        `ix_certificates_unit_until` alone (migration 0011): exactly the persons that `build`'s certificate
        clause selects. None when the filters have another certificate condition (the index lacks it)."""
        only_unit_status = SearchFilters(unit=filters.unit, status=filters.status, blocked=filters.blocked,
                                         unsynced=filters.unsynced)
        if filters.unit is None or filters.blocked or filters != only_unit_status:
            return None
        cond, params = [HOLDERS_INDEX_WHERE, "c.issuer_unit = ?"], [self.unit_name(filters.unit)]
        if filters.status is not None:
            sql, status_params = self.status_sql(filters.status)
            cond.append(sql)
            params.extend(status_params)
        return ("SELECT c.person_id FROM certificates c WHERE "
                + " AND ".join(cond)), tuple(params)

    def _certificate_conditions(self, filters: SearchFilters) -> tuple[list[str], list[object]]:
        cond: list[str] = []
        params: list[object] = []
        if filters.unit is not None:
            cond.append("c.issuer_unit = ?")
            params.append(self.unit_name(filters.unit))
        if filters.category is not None:
            printed = self.printed_categories(filters.category)
            cond.append(f"c.category IN ({', '.join('?' * len(printed))})")
            params.extend(printed)
        if filters.work_type is not None:
            cond.append("c.work_type_new_code = ?")
            params.append(filters.work_type)
        if filters.format is not None:
            cond.append("c.format = ?")
            params.append(filters.format)
        if filters.status is not None:
            sql, status_params = self.status_sql(filters.status)
            cond.append(sql)
            params.extend(status_params)
        if filters.blocked:
            sql, blocked_params = self.blocked_sql()
            cond.append(sql)
            params.extend(blocked_params)
        if filters.figure is not None:
            as_of = filters.as_of or dt.date.fromisoformat(self.today)
            cond.append(ProgressSql(self.rules, as_of).figure(filters.figure, "p"))
        return cond, params

    def unit_name(self, name: str) -> str:
        unit = self.rules.unit(name)
        if unit is None:
            raise KnownError(msg("search.unknown_unit", unit=name, choices=joined(u.name for u in self.rules.units)))
        return unit.name

    def printed_categories(self, category: str) -> list[str]:
        """Categories as printed that mean `category`: C and C3 are one (C became C3)."""
        wanted = self.rules.categories.get(category.upper())
        if wanted is None:
            raise KnownError(msg("search.unknown_category", category=category))
        return [c.code for c in self.rules.categories.values() if c.new_code == wanted.new_code]

    def in_force_sql(self) -> tuple[str, Params]:
        marks = ", ".join("?" * len(self.calendar_states))
        return f"(c.state IN ({marks}) AND c.valid_until >= ?)", (*self.calendar_states, self.today)

    def status_sql(self, status: str) -> tuple[str, Params]:
        try:
            wanted = Status(status)
        except ValueError:
            raise KnownError(msg("search.unknown_status", status=status,
                                 choices=joined(s.value for s in Status))) from None
        marks = ", ".join("?" * len(self.calendar_states))
        calendar = f"c.state IN ({marks})"
        fixed = [s for s, st in self.fixed.items() if st is wanted]
        fixed_sql = f"c.state IN ({', '.join('?' * len(fixed))})" if fixed else "0"
        if wanted is Status.VALID:
            return f"({calendar} AND c.valid_until > ?)", (*self.calendar_states, self.expiring_until)
        if wanted is Status.EXPIRING:
            return (f"({calendar} AND c.valid_until >= ? AND c.valid_until <= ?)",
                    (*self.calendar_states, self.today, self.expiring_until))
        if wanted is Status.EXPIRED:
            return (f"({fixed_sql} OR ({calendar} AND (c.valid_until IS NULL OR c.valid_until < ?)))",
                    (*fixed, *self.calendar_states, self.today))
        return fixed_sql, tuple(fixed)

    def blocked_sql(self) -> tuple[str, Params]:
        """A certificate still waiting for its new format, that new_cert_blockers would stop."""
        in_force, params = self.in_force_sql()
        missing = [self._missing(f) for f in self.rules.a_required_fields if f != "photo"]
        reasons = [f"NOT {in_force}", "NOT EXISTS (SELECT 1 FROM photos ph WHERE ph.person_id = p.id)"]
        if missing:
            reasons.append(f"(c.category = 'A' AND ({' OR '.join(missing)}))")
        return f"({NEEDS_NEW} AND ({' OR '.join(reasons)}))", params

    @staticmethod
    def _missing(field_name: str) -> str:
        if field_name == "employer":
            return "p.enterprise_id IS NULL"
        if field_name not in _PERSON_COLUMNS:
            raise KnownError(msg("worklist.unknown_required_field", field=field_name))
        return f"coalesce(trim(p.{field_name}), '') = ''"


NEEDS_NEW = "(c.format = 'old' AND c.new_generated_at IS NULL)"
# True of every certificate; ix_certificates_unit_until is partial on it (migration 0011), so that only
# `holders`, which repeats it word for word, reads that index.
HOLDERS_INDEX_WHERE = "length(c.state) >= 0"
