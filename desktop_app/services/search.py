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

from sqlalchemy import Engine

from desktop_app.domain import qrtext
from desktop_app.domain.answer import AnswerItem, inquiry_answer
from desktop_app.domain.certnumber import normalise_text
from desktop_app.domain.rules import Rules, default_rules
from desktop_app.domain.status import Status
from desktop_app.messages import msg
from desktop_app.services.search_filters import FilterBuilder, FilterSql
from desktop_app.services.search_hits import Summariser, build_hits, page_flags, read_persons
from desktop_app.services.search_plan import Arm, CandidateArm, EnterpriseArm, Plan, QueryPlanner, person_arm
from desktop_app.services.search_types import (
    HINT_SEPARATOR,
    CertificateSummary,
    MatchKind,
    PersonDetail,
    SearchFilters,
    SearchPage,
    UnitContact,
    split_interpretation,
)
from desktop_app.store import bulk_load
from desktop_app.store.engine import Cache, as_engine, raw_connection

MAX_LIMIT = 1000
NO_FILTERS = SearchFilters()  # frozen, so one shared default is safe
NO_FILTER_SQL = FilterSql()  # what FilterBuilder.build gives for NO_FILTERS
MMAP_BYTES = 1 << 30  # read the index pages mapped (address space only), not copied into a small page cache
FETCH_ROWS = 128  # rows pulled from SQLite per step at most while filling a page


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
        """A connection in one read transaction, so all queries of a call see the same data. The pool's
        sqlite3 connection itself: a SQLAlchemy Connection and its begin event cost ≈ 0.1 ms a search."""
        with raw_connection(self.engine) as raw:
            raw.execute(f"PRAGMA mmap_size={MMAP_BYTES}")  # before the transaction, so that it applies to it
            raw.execute("BEGIN")  # deferred: a read (store/locking.on_begin gives reads the same)
            try:
                yield raw
            finally:
                if raw.in_transaction:
                    raw.rollback()  # a read: nothing to keep

    # search

    def search(self, query: str, filters: SearchFilters = NO_FILTERS, offset: int = 0, limit: int = 50,
               today: dt.date | None = None) -> SearchPage:
        """One page of persons matching `query`, best first; `has_more` when another page exists."""
        self.permit("search")
        today = today or dt.date.today()
        limit = max(1, min(limit, MAX_LIMIT))
        offset = max(0, offset)
        builder, where = self._filters(filters, today)
        plan = self._plan(query, filters, builder)
        with self._read() as conn:
            found = self._collect(conn, plan.arms, where, offset, limit + 1)
            hits = build_hits(conn, found[:limit], self.rules, today)
            interpretation = _while_loading(conn, plan.interpretation)
        return SearchPage(query, tuple(hits), offset, len(found) > limit, interpretation)

    def count(self, query: str, filters: SearchFilters = NO_FILTERS, cap: int = 10_000,
              today: dt.date | None = None) -> int:
        """How many persons match, counted up to `cap` (then `cap`): cheap enough for "1,234 条 / 10000+"."""
        self.permit("search")
        builder, where = self._filters(filters, today or dt.date.today())
        with self._read() as conn:
            return len(self._collect(conn, self._plan(query, filters, builder).arms, where, 0, cap))

    def _filters(self, filters: SearchFilters, today: dt.date) -> tuple[FilterBuilder | None, FilterSql]:
        """The filters' builder and SQL; none for no filters (most searches: the builder's date logic is
        ~12 status computations, a few per cent of a search)."""
        if filters.is_empty():
            return None, NO_FILTER_SQL
        builder = FilterBuilder(self.rules, today)
        return builder, builder.build(filters)

    def _plan(self, query: str, filters: SearchFilters, builder: FilterBuilder | None) -> Plan:
        if normalise_text(query):
            return self.planner.plan(query)
        if builder is None:
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

    # detail

    def person_detail(self, person_id: int, today: dt.date | None = None) -> PersonDetail | None:
        """Everything the detail pane and a phone inquiry need about one person; None if gone."""
        self.permit("view")
        today = today or dt.date.today()
        with self._read() as conn:
            persons, certificates = read_persons(conn, [person_id])
            person = persons.get(person_id)
            if person is None:
                return None
            photo = conn.execute("SELECT bytes, mime FROM photos WHERE person_id = ?", (person_id,)).fetchone()
            flags = page_flags(conn, [person_id])
        pending = flags.pending.get(person_id, 0)
        conflicts = flags.conflicts.get(person_id, 0)
        summaries = Summariser(self.rules, today).summaries(person, certificates.get(person_id, ()))
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
