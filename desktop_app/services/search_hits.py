"""A search page's hits and a person's detail rows: two statements, then one pass in Python.

A full first page (50 persons, ~60 certificates) was about two thirds of a name query's time (issue 16).
It took five statements (the persons with a correlated photo subquery each, their certificates sorted
in a temp B-tree, the outbox, the conflicts), a throwaway object per row, the rules asked again for each
certificate's work type and status label, and a frozen dataclass __init__ per summary. Here the persons
with their employers, photos and certificates come in one statement (`read_persons`), the outbox and
conflict counts in another (`page_flags`), and each certificate becomes its summary directly, with what
a page repeats looked up once per call (`Summariser`). The values are those of the plain reading, one
person at a time (tests/unit/services/test_search_hits.py).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import fields as dataclass_fields
from functools import lru_cache
from operator import itemgetter
from typing import Any, NamedTuple, TypeVar

from desktop_app.domain.rules import Rules
from desktop_app.domain.status import Status, certificate_status
from desktop_app.messages import current_language, msg
from desktop_app.services.eligibility import blockers as generation_blockers
from desktop_app.services.search_types import CertificateSummary, MatchKind, PersonHit
from desktop_app.store import outbox

# One statement for the persons and their certificates: on a page of 50 it costs less than two (one
# pass over the ids), though a person with several certificates comes once per certificate.
# photos.person_id is its primary key: the LEFT JOIN finds one row or none, as EXISTS did, without a
# subquery run per person (≈ 3 µs each; asking only for the quarter of persons whose blockers need it,
# in a statement of its own, cost more than joining all). No ORDER BY: the certificates come in the
# (person_id, filter columns) index's order, and a temp B-tree to sort them by id cost more than
# sorting a person's few in Python.
_PERSON_COLUMNS = 14
_ROWS_SELECT = (
    "SELECT p.id, p.id_number, p.name, p.gender, p.birth_date, p.phone, p.education, p.major, p.position, "
    "p.title, e.name, e.uscc, p.version, ph.person_id IS NOT NULL, "
    "c.number, c.new_number, c.category, c.work_type, c.state, c.format, c.valid_until, c.issuer_unit, "
    "c.new_generated_at IS NOT NULL, c.id "
    "FROM persons p LEFT JOIN enterprises e ON e.id = p.enterprise_id LEFT JOIN photos ph ON ph.person_id = p.id "
    "LEFT JOIN certificates c ON c.person_id = p.id"
)
_CERT_ID = itemgetter(-1)

T = TypeVar("T")


def filled(cls: type[T]) -> Callable[..., T]:
    """A keyword constructor of the frozen dataclass `cls` that fills its fields directly. Its generated
    __init__ sets each field through object.__setattr__ (frozen): ≈ 2 µs for a CertificateSummary, and a
    page builds ~110 summaries and hits. The object is the same (fields, equality, still frozen); every
    field must be given, which tests/unit/services/test_search_hits.py checks against the plain
    constructor. Only for classes without __post_init__ or __slots__, which would be skipped or broken."""
    if hasattr(cls, "__post_init__") or "__slots__" in cls.__dict__:
        raise TypeError(f"{cls.__name__}: its __init__ does more than fill fields")
    names = frozenset(f.name for f in dataclass_fields(cls))  # type: ignore[arg-type]
    new = object.__new__

    def make(**values: Any) -> T:
        obj = new(cls)
        obj.__dict__.update(values)
        return obj

    make.fields = names  # type: ignore[attr-defined]  # for the test: what a call must give
    return make


_summary = filled(CertificateSummary)
_hit = filled(PersonHit)


class PersonRow(NamedTuple):
    """One person as read for hits and the detail pane (a tuple: 50 of them per page)."""

    id: int
    id_number: str
    name: str
    gender: str
    birth_date: str
    phone: str | None
    education: str | None
    major: str | None
    position: str | None
    title: str | None
    employer: str | None
    employer_uscc: str | None
    version: int
    has_photo: int  # 0 or 1, from SQL

    def fields(self) -> dict[str, object]:
        """Person field → value, as domain.status.BlockerInput expects."""
        return {"name": self.name, "gender": self.gender, "birth_date": self.birth_date, "phone": self.phone,
                "education": self.education, "major": self.major, "employer": self.employer,
                "position": self.position, "title": self.title}


class CertRow(NamedTuple):
    """One certificate row as read for summaries."""

    number: str
    new_number: str
    category: str
    work_type: str | None
    state: str
    format: str
    valid_until: str | None  # ISO text; parsed once, in Summariser.summary
    issuer_unit: str
    new_generated: int  # 0 or 1, from SQL
    id: int


@lru_cache(maxsize=64)
def _status_label(status: Status, language: str) -> str:
    """Status.label, rendered once per language (a page of 50 shows it ~70 times)."""
    return status.label


def _marks(items: Sequence[object]) -> str:
    return ", ".join("?" * len(items))


def read_persons(conn: sqlite3.Connection, ids: Sequence[int]) -> tuple[dict[int, PersonRow], dict[int, list[CertRow]]]:
    """These persons by id, and their certificates by person in id order."""
    if not ids:
        return {}, {}
    persons: dict[int, PersonRow] = {}
    certificates: dict[int, list[CertRow]] = {}
    for row in conn.execute(f"{_ROWS_SELECT} WHERE p.id IN ({_marks(ids)})", tuple(ids)):
        person_id = row[0]
        if person_id not in persons:
            persons[person_id] = PersonRow._make(row[:_PERSON_COLUMNS])
        if row[-1] is not None:  # NULL: a person without certificates (the LEFT JOIN's one row)
            certificates.setdefault(person_id, []).append(CertRow._make(row[_PERSON_COLUMNS:]))
    for rows in certificates.values():
        if len(rows) > 1:
            rows.sort(key=_CERT_ID)
    return persons, certificates


def needs_new(row: CertRow) -> bool:
    """An old-format certificate not converted yet: the only kind with blockers."""
    return row.format == "old" and not row.new_generated


class Flags(NamedTuple):
    pending: dict[int, int]  # person id → changes waiting in the outbox
    conflicts: dict[int, int]  # person id → fields in conflict with the province (sync's inbox)


def page_flags(conn: sqlite3.Connection, person_ids: Sequence[int]) -> Flags:
    """The outbox and conflict counts of `person_ids`: one statement for both (each is ~30 µs on a
    page, most of it fixed)."""
    flags = Flags({}, {})
    if not person_ids:
        return flags
    marks = _marks(person_ids)
    sql = (f"SELECT 0, * FROM ({outbox.unsynced_counts_sql(marks)}) UNION ALL "
           f"SELECT 1, person_id, count(*) FROM sync_conflicts WHERE resolved_at IS NULL "
           f"AND person_id IN ({marks}) GROUP BY person_id")
    for which, person_id, count in conn.execute(sql, (*person_ids, *person_ids)):
        flags[which][person_id] = count
    return flags


class Summariser:
    """The CertificateSummary of each row on one day, in the current language, for one call: what a page
    repeats (status labels, work-type names) is looked up once, not once per certificate."""

    def __init__(self, rules: Rules, today: dt.date) -> None:
        self.rules = rules
        self.today = today
        self._status_texts: dict[Status, tuple[str, str]] = {}
        self._work_types: dict[tuple[str, str], str | None] = {}

    def summaries(self, person: PersonRow, rows: Sequence[CertRow]) -> tuple[CertificateSummary, ...]:
        fields: dict[str, object] | None = None  # the person's fields, built once if a blocker test needs them
        summaries = []
        for row in rows:
            if fields is None and needs_new(row):
                fields = person.fields()
            summaries.append(self.summary(fields, bool(person.has_photo), row))
        return tuple(summaries)

    def summary(self, fields: dict[str, object] | None, has_photo: bool, row: CertRow) -> CertificateSummary:
        number, new_number, category, work_type, state, fmt, until, unit, generated, cert_id = row
        rules = self.rules
        valid_until = dt.date.fromisoformat(until[:10]) if until else None
        # A state no rule knows (an old cache, a future sync) is shown as not in force, never a crash.
        status = certificate_status(state, valid_until, self.today, rules) if state in rules.states else Status.EXPIRED
        value, label = self._status_texts.get(status) or self._status_text(status)
        blockers: tuple[str, ...] = ()
        if fields is not None and fmt == "old" and not generated:  # only what still needs the new format
            # the same reasons generation gives (services/issuance.py), so what the counter sees is what it gets
            blockers = tuple(generation_blockers(category, state, valid_until, fields, has_photo, unit,
                                                 self.today, rules))
        return _summary(
            number=number, new_number=new_number, category=category, work_type=work_type,
            work_type_name=self._work_type_name(work_type, fmt), state=state, status=value, status_label=label,
            format=fmt, valid_until=valid_until, issuer_unit=unit, new_generated=bool(generated),
            blockers=blockers, id=cert_id)

    def _status_text(self, status: Status) -> tuple[str, str]:
        """(value, label): an enum member's .value goes through a descriptor, each time."""
        texts = self._status_texts[status] = (status.value, _status_label(status, current_language()))
        return texts

    def _work_type_name(self, code: str | None, fmt: str) -> str | None:
        if not code:
            return None
        key = (code, fmt)
        if key not in self._work_types:
            work_type = self.rules.work_type_by_code(code, fmt)
            self._work_types[key] = work_type.name if work_type else None
        return self._work_types[key]


def build_hits(conn: sqlite3.Connection, found: Sequence[tuple[int, MatchKind]], rules: Rules,
               today: dt.date) -> list[PersonHit]:
    """The hits of `found` (person id, how it matched), in that order; a person gone meanwhile is left out."""
    ids = [person_id for person_id, _ in found]
    persons, certificates = read_persons(conn, ids)
    flags = page_flags(conn, ids)
    summariser = Summariser(rules, today)
    hits: list[PersonHit] = []
    for person_id, kind in found:
        person = persons.get(person_id)
        if person is None:
            continue
        summaries = summariser.summaries(person, certificates.get(person_id, ()))
        blocked = tuple(str(msg("search.blocked_certificate", number=s.number, reason=reason))
                        for s in summaries for reason in s.blockers) if any(s.blockers for s in summaries) else ()
        hits.append(_hit(person_id=person.id, id_number=person.id_number, name=person.name, gender=person.gender,
                         employer=person.employer, match=kind, certificates=summaries, blocked=blocked,
                         unsynced=flags.pending.get(person_id, 0) > 0,
                         conflict=flags.conflicts.get(person_id, 0) > 0))
    return hits
