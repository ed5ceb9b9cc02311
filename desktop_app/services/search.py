"""Instant search: one box that understands names, pinyin, ID numbers, certificate numbers, QR text.

A query is read every way it can be meant (a `Plan` of `Arm`s, search_plan.py: e.g. "1234" is an ID
tail; 鲁A03… is an old or a new number). Each arm is one SQL query returning person ids in a stable
order from an index (store/search_index.py), with the filters (search_filters.py) ANDed to it; arms
run in ranking order (MatchKind: exact number, exact name, prefixes, the rest) and are read lazily,
row by row, until the page is full. So a query matching 70,000 persons costs the same as one
matching 70. A person found by several arms appears once, at their best rank.

Every call opens its own connection and read transaction and returns plain objects (DESIGN §4.2).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache

from sqlalchemy import Engine

from desktop_app.domain import qrtext
from desktop_app.domain.answer import AnswerItem, inquiry_answer
from desktop_app.domain.certnumber import normalise_text
from desktop_app.domain.rules import Rules, default_rules
from desktop_app.domain.status import Status, certificate_status
from desktop_app.messages import current_language, msg
from desktop_app.services.eligibility import blockers as generation_blockers
from desktop_app.services.search_filters import FilterBuilder, FilterSql
from desktop_app.services.search_plan import Arm, CandidateArm, EnterpriseArm, Plan, QueryPlanner, person_arm
from desktop_app.services.search_types import (
    HINT_SEPARATOR,
    CertificateSummary,
    MatchKind,
    PersonDetail,
    PersonHit,
    SearchFilters,
    SearchPage,
    UnitContact,
    split_interpretation,
)
from desktop_app.store import bulk_load, outbox
from desktop_app.store.engine import Cache, as_engine

MAX_LIMIT = 1000
NO_FILTERS = SearchFilters()  # frozen, so one shared default is safe
MMAP_BYTES = 1 << 30  # read the index pages mapped (address space only), not copied into a small page cache
FETCH_ROWS = 128  # rows pulled from SQLite per step at most while filling a page


@dataclass
class _Row:
    """One certificate row as read for summaries."""

    person_id: int
    number: str
    new_number: str
    category: str
    work_type: str | None
    state: str
    format: str
    valid_until: dt.date | None
    issuer_unit: str
    new_generated: bool
    id: int


_CERT_COLUMNS = ("c.person_id, c.number, c.new_number, c.category, c.work_type, c.state, c.format, "
                 "c.valid_until, c.issuer_unit, c.new_generated_at IS NOT NULL, c.id")
_PERSON_SELECT = (
    "SELECT p.id, p.id_number, p.name, p.gender, p.birth_date, p.phone, p.education, p.major, p.position, "
    "p.title, e.name, e.uscc, p.version, EXISTS (SELECT 1 FROM photos ph WHERE ph.person_id = p.id) "
    "FROM persons p LEFT JOIN enterprises e ON e.id = p.enterprise_id"
)


@dataclass
class _Person:
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
    has_photo: bool
    certificates: list[_Row] = field(default_factory=list)

    def fields(self) -> dict[str, object]:
        """Person field → value, as domain.status.BlockerInput expects."""
        return {"name": self.name, "gender": self.gender, "birth_date": self.birth_date, "phone": self.phone,
                "education": self.education, "major": self.major, "employer": self.employer,
                "position": self.position, "title": self.title}


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value[:10]) if value else None


@lru_cache(maxsize=64)
def _status_label(status: Status, language: str) -> str:
    """Status.label, rendered once per language (a page of 50 shows it ~70 times)."""
    return status.label


def _marks(items: Sequence[object]) -> str:
    return ", ".join("?" * len(items))


def _while_loading(conn: sqlite3.Connection, interpretation: str) -> str:
    """A first load still building its indexes (store/bulk_load.py) is why a person may be missing: the hint says so."""
    if not bulk_load.pending(conn.cursor()):
        return interpretation
    understood, hint = split_interpretation(interpretation)
    pending = str(msg("search.hint.index_pending"))
    return f"{understood}{HINT_SEPARATOR}{pending}" + (f"\n{hint}" if hint else "")  # the hint: on lines of its own


class SearchService:
    """Search and person detail over a cache; safe to share between threads (no state but the engine)."""

    def __init__(self, target: Cache | Engine, rules: Rules | None = None,
                 extractors: Sequence[qrtext.Extractor] = (), permit: Callable[[str], None] | None = None) -> None:
        """`permit(action)` raises when the workspace's signed-in role may not search or view."""
        self.permit = permit or (lambda _action: None)
        self.engine = as_engine(target)
        self.rules = rules or default_rules()
        self.planner = QueryPlanner(self.rules, extractors)

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """A connection in one read transaction, so all queries of a call see the same data."""
        with self.engine.connect() as conn:
            raw: sqlite3.Connection = conn.connection.driver_connection  # type: ignore[assignment]
            raw.execute(f"PRAGMA mmap_size={MMAP_BYTES}")  # before the transaction, so that it applies to it
            conn.begin()
            yield raw

    # search

    def search(self, query: str, filters: SearchFilters = NO_FILTERS, offset: int = 0, limit: int = 50,
               today: dt.date | None = None) -> SearchPage:
        """One page of persons matching `query`, best first; `has_more` when another page exists."""
        self.permit("search")
        today = today or dt.date.today()
        limit = max(1, min(limit, MAX_LIMIT))
        offset = max(0, offset)
        builder = FilterBuilder(self.rules, today)
        where = builder.build(filters)
        plan = self._plan(query, filters, builder)
        with self._read() as conn:
            found = self._collect(conn, plan.arms, where, offset, limit + 1)
            hits = self._hits(conn, found[:limit], today)
            interpretation = _while_loading(conn, plan.interpretation)
        return SearchPage(query, tuple(hits), offset, len(found) > limit, interpretation)

    def count(self, query: str, filters: SearchFilters = NO_FILTERS, cap: int = 10_000,
              today: dt.date | None = None) -> int:
        """How many persons match, counted up to `cap` (then `cap`): cheap enough for "1,234 条 / 10000+"."""
        self.permit("search")
        builder = FilterBuilder(self.rules, today or dt.date.today())
        where = builder.build(filters)
        with self._read() as conn:
            return len(self._collect(conn, self._plan(query, filters, builder).arms, where, 0, cap))

    def _plan(self, query: str, filters: SearchFilters, builder: FilterBuilder) -> Plan:
        if normalise_text(query):
            return self.planner.plan(query)
        if filters.is_empty():
            return Plan(())
        holders = builder.holders(filters)
        arm = person_arm(MatchKind.OTHER, "1", ()) if holders is None else CandidateArm(*holders)
        return Plan((arm,), (str(msg("search.understood.filters_only")),))

    @staticmethod
    def _collect(conn: sqlite3.Connection, arms: Sequence[Arm | EnterpriseArm | CandidateArm], where: FilterSql,
                 offset: int, wanted: int) -> list[tuple[int, MatchKind]]:
        """Walk the arms in order, skipping persons already found, until `wanted` after `offset`."""
        seen: set[int] = set()
        found: list[tuple[int, MatchKind]] = []
        for arm in arms:
            resolved = arm.resolve(conn)
            sql, params = resolved.sql(where)
            cursor = conn.execute(sql, params)
            try:
                # never more rows than could still be needed: a walk that tests a filter on each
                # person stops at the page's last row instead of reading on to a full batch
                while rows := cursor.fetchmany(min(FETCH_ROWS, offset + wanted - len(seen))):
                    for (person_id,) in rows:
                        if person_id in seen:
                            continue
                        seen.add(person_id)
                        if len(seen) > offset:
                            found.append((person_id, resolved.kind))
                            if len(found) >= wanted:
                                return found
            finally:
                cursor.close()
        return found

    def _hits(self, conn: sqlite3.Connection, found: Sequence[tuple[int, MatchKind]],
              today: dt.date) -> list[PersonHit]:
        ids = [person_id for person_id, _ in found]
        persons = self._load_persons(conn, ids)
        pending = self._pending_counts(conn, ids)
        conflicts = self._conflict_counts(conn, ids)
        hits: list[PersonHit] = []
        for person_id, kind in found:
            person = persons.get(person_id)
            if person is None:
                continue
            summaries = tuple(self._summary(person, row, today) for row in person.certificates)
            blocked = tuple(str(msg("search.blocked_certificate", number=s.number, reason=reason))
                            for s in summaries for reason in s.blockers)
            hits.append(PersonHit(person.id, person.id_number, person.name, person.gender, person.employer,
                                  kind, summaries, blocked, pending.get(person_id, 0) > 0,
                                  conflicts.get(person_id, 0) > 0))
        return hits

    # reading rows

    @staticmethod
    def _load_persons(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, _Person]:
        if not ids:
            return {}
        persons = {row[0]: _Person(*row[:13], has_photo=bool(row[13])) for row in conn.execute(
            f"{_PERSON_SELECT} WHERE p.id IN ({_marks(ids)})", tuple(ids))}
        for row in conn.execute(f"SELECT {_CERT_COLUMNS} FROM certificates c WHERE c.person_id IN ({_marks(ids)}) "
                                "ORDER BY c.person_id, c.id", tuple(ids)):
            cert = _Row(*row[:7], _date(row[7]), row[8], bool(row[9]), row[10])
            persons[cert.person_id].certificates.append(cert)
        return persons

    @staticmethod
    def _pending_counts(conn: sqlite3.Connection, person_ids: Sequence[int]) -> dict[int, int]:
        """How many changes of each of these persons wait in the outbox."""
        if not person_ids:
            return {}
        return dict(conn.execute(outbox.unsynced_counts_sql(_marks(person_ids)), tuple(person_ids)).fetchall())

    @staticmethod
    def _conflict_counts(conn: sqlite3.Connection, person_ids: Sequence[int]) -> dict[int, int]:
        """How many fields of each of these persons conflict with the province (sync's inbox)."""
        if not person_ids:
            return {}
        return dict(conn.execute(f"SELECT person_id, count(*) FROM sync_conflicts WHERE resolved_at IS NULL "
                                 f"AND person_id IN ({_marks(person_ids)}) GROUP BY person_id",
                                 tuple(person_ids)).fetchall())

    def _summary(self, person: _Person, row: _Row, today: dt.date) -> CertificateSummary:
        # A state no rule knows (an old cache, a future sync) is shown as not in force, never a crash.
        known = row.state in self.rules.states
        status = certificate_status(row.state, row.valid_until, today, self.rules) if known else Status.EXPIRED
        blockers: tuple[str, ...] = ()
        if row.format == "old" and not row.new_generated:  # only what still needs the new format
            # the same reasons generation gives (services/issuance.py), so what the counter sees is what it gets
            blockers = tuple(generation_blockers(row.category, row.state, row.valid_until, person.fields(),
                                                 person.has_photo, row.issuer_unit, today, self.rules))
        work_type = self.rules.work_type_by_code(row.work_type, row.format) if row.work_type else None
        return CertificateSummary(
            number=row.number, new_number=row.new_number, category=row.category, work_type=row.work_type,
            work_type_name=work_type.name if work_type else None, state=row.state, status=status.value,
            status_label=_status_label(status, current_language()), format=row.format,  # type: ignore[arg-type]
            valid_until=row.valid_until, issuer_unit=row.issuer_unit, new_generated=row.new_generated,
            blockers=blockers, id=row.id)

    # detail

    def person_detail(self, person_id: int, today: dt.date | None = None) -> PersonDetail | None:
        """Everything the detail pane and a phone inquiry need about one person; None if gone."""
        self.permit("view")
        today = today or dt.date.today()
        with self._read() as conn:
            person = self._load_persons(conn, [person_id]).get(person_id)
            if person is None:
                return None
            photo = conn.execute("SELECT bytes, mime FROM photos WHERE person_id = ?", (person_id,)).fetchone()
            pending = self._pending_counts(conn, [person_id]).get(person_id, 0)
            conflicts = self._conflict_counts(conn, [person_id]).get(person_id, 0)
        summaries = tuple(self._summary(person, row, today) for row in person.certificates)
        return PersonDetail(
            person_id=person.id, id_number=person.id_number, name=person.name, gender=person.gender,
            birth_date=dt.date.fromisoformat(person.birth_date), phone=person.phone, education=person.education,
            major=person.major, employer=person.employer, employer_uscc=person.employer_uscc,
            position=person.position, title=person.title, photo=photo[0] if photo else None,
            photo_mime=photo[1] if photo else None, version=person.version, certificates=summaries,
            contacts=self._contacts(summaries), answer=answer_for(summaries), unsynced_changes=int(pending),
            conflicts=int(conflicts))

    def _contacts(self, summaries: Sequence[CertificateSummary]) -> tuple[UnitContact, ...]:
        contacts: dict[str, UnitContact] = {}
        for summary in summaries:
            unit = self.rules.unit(summary.issuer_unit)
            if unit is not None and unit.name not in contacts:
                contacts[unit.name] = UnitContact(unit.name, tuple(str(p) for p in unit.phones))
        return tuple(contacts.values())

    def units(self) -> list[str]:
        """The issuing units, in the order of the notice (for the unit filter)."""
        return [unit.name for unit in self.rules.units]


def answer_for(summaries: Sequence[CertificateSummary]) -> str:
    """The phone-inquiry line for these certificates (domain.answer)."""
    return inquiry_answer([AnswerItem(s.number, Status(s.status), s.format == "new" or s.new_generated,
                                      s.blockers) for s in summaries])
