"""Each progress figure defined once, as SQL over a certificate row `c` (and its holder `p`).

The table (tables.py) counts these conditions in one pass over `certificates`; the workspace's
drill-down (search_filters.py, `SearchFilters.figure`) selects the persons holding a certificate
that meets one, so the people behind a number are exactly those counted. Dates and state codes are
written into the SQL as literals: they come from the as-of day and the validated rules, never from
a user's text.
"""

from __future__ import annotations

import datetime as dt

from desktop_app.domain.rules import Rules
from desktop_app.domain.status import Status, certificate_status
from desktop_app.errors import KnownError
from desktop_app.messages import joined, msg
from desktop_app.services.progress.figures import FIGURES, SPECIAL_PREFIX
from desktop_app.store import outbox

PERSON_FIGURES = ("a_missing_info", "missing_position", "missing_title")  # need the holder's fields
_PERSON_COLUMNS = {"name", "gender", "birth_date", "phone", "education", "major", "position", "title"}


def kind_of(category: str, work_type_new_code: str | None, rules: Rules) -> str:
    """A certificate row's kind: `A` … `C3` (an old C counts as C3), `SPECIAL:<new work-type code>`."""
    known = rules.categories.get(category)
    if known is not None and known.family == "special":
        return f"{SPECIAL_PREFIX}{work_type_new_code or ''}"
    return known.new_code if known is not None else category


def lit(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _in(values: tuple[str, ...] | list[str]) -> str:
    return f"({', '.join(lit(v) for v in values)})" if values else "(NULL)"


class ProgressSql:
    """The conditions for one as-of day under one set of rules."""

    def __init__(self, rules: Rules, as_of: dt.date) -> None:
        self.rules = rules
        self.as_of = as_of
        far = dt.date.max
        self.calendar_states = [s for s in rules.states if certificate_status(s, far, as_of, rules) is Status.VALID]
        self.expired_states = [s for s in rules.states if s not in self.calendar_states
                               and certificate_status(s, far, as_of, rules) is Status.EXPIRED]
        day = lit(as_of.isoformat())
        calendar = f"c.state IN {_in(self.calendar_states)}"
        self.in_force = f"({calendar} AND c.valid_until IS NOT NULL AND c.valid_until >= {day})"
        # Generated here (the row became format new, new_generated_at set) counts from its day on: an
        # as-of in the past does not see later work. Every condition is 0 or 1, never NULL, so NOT and
        # sum() mean what they say.
        next_day = lit((as_of + dt.timedelta(days=1)).isoformat())
        self.day_lit, self.next_day_lit = day, next_day
        self.new = (f"((c.format = 'new' OR c.new_generated_at IS NOT NULL) AND "
                    f"(c.new_generated_at IS NULL OR c.new_generated_at < {next_day}))")
        # In force and not new, with the NOT pushed inside (cheaper per row in the table's scan).
        self.pending = (f"({calendar} AND c.valid_until >= {day} AND (c.new_generated_at >= {next_day} OR "
                        f"(c.new_generated_at IS NULL AND c.format <> 'new')))")
        a_codes = [c.code for c in rules.categories.values() if c.new_code == "A"]
        self.is_a = f"c.category IN {_in(a_codes)}"
        horizon = self.horizon_lit = lit((as_of + dt.timedelta(days=rules.expiring_within_days)).isoformat())
        self.expiring = f"({self.in_force} AND c.valid_until <= {horizon})"
        self.expired = (f"(c.state IN {_in(self.expired_states)} OR "
                        f"({calendar} AND (c.valid_until IS NULL OR c.valid_until < {day})))")
        self.unsynced = f"c.person_id IN ({outbox.UNSYNCED_PERSONS_SQL})"
        self.no_photo = "NOT EXISTS (SELECT 1 FROM photos ph WHERE ph.person_id = c.person_id)"

    # --- the holder's fields ----------------------------------------------------------------

    def required_missing(self, person: str = "p") -> str:
        """The holder lacks any A-required field (职务, 技术职称 by the rules; the photo is counted apart)."""
        fields = [f for f in self.rules.a_required_fields if f != "photo"]
        if not fields:
            return "0"
        return "(" + " OR ".join(self.field_missing(f, person) for f in fields) + ")"

    @staticmethod
    def field_missing(field_name: str, person: str = "p") -> str:
        if field_name == "employer":
            return f"{person}.enterprise_id IS NULL"
        if field_name not in _PERSON_COLUMNS:
            raise KnownError(msg("worklist.unknown_required_field", field=field_name))
        return f"coalesce(trim({person}.{field_name}), '') = ''"

    # --- one figure, for the drill-down ------------------------------------------------------

    def figure(self, name: str, person: str = "p") -> str:
        """The condition a certificate meets to count in figure `name` (its holder is `person`)."""
        state = {"suspended": "suspended", "revoked": "revoked", "cancelled": "cancelled"}
        simple = {"total": "1", "in_force": self.in_force, "new_format": f"({self.in_force} AND {self.new})",
                  "pending": self.pending, "missing_photo": f"({self.pending} AND {self.no_photo})",
                  "expiring_90d": self.expiring, "expired": self.expired, "unsynced": self.unsynced}
        if name in simple:
            return simple[name]
        if name in state:
            return f"c.state = {lit(state[name])}"
        a_pending = f"{self.is_a} AND {self.pending}"
        if name == "a_missing_info":
            return f"({a_pending} AND {self.required_missing(person)})"
        if name == "missing_position":
            return f"({a_pending} AND {self.field_missing('position', person)})"
        if name == "missing_title":
            return f"({a_pending} AND {self.field_missing('title', person)})"
        raise KnownError(msg("progress.unknown_figure", figure=name, choices=joined(FIGURES)))
