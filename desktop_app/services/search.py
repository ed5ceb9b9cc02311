"""Instant search: one box that understands names, pinyin, ID numbers, certificate numbers, QR text.

A query is read every way it can be meant (a `Plan` of `Arm`s, e.g. "1234" is an ID tail; 鲁A03…
is an old or a new number). Each arm is one SQL query returning person ids in a stable order
from an index (store/search_index.py); arms run in ranking order (MatchKind: exact number, exact
name, prefixes, the rest) and are read lazily, row by row, until the page is full. So a query
matching 70,000 persons costs the same as one matching 70. A person found by several arms
appears once, at their best rank.

Every call opens its own connection and read transaction and returns plain objects (DESIGN §4.2).
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import Engine

from desktop_app.domain import qrtext
from desktop_app.domain.answer import AnswerItem, inquiry_answer
from desktop_app.domain.certnumber import CertNumberError, interpretations, normalise_text
from desktop_app.domain.identity import check_uscc
from desktop_app.domain.rules import Rules, default_rules
from desktop_app.domain.status import BlockerInput, Status, certificate_status, new_cert_blockers
from desktop_app.errors import KnownError
from desktop_app.services.search_types import (
    CertificateSummary,
    MatchKind,
    PersonDetail,
    PersonHit,
    SearchFilters,
    SearchPage,
    UnitContact,
)
from desktop_app.store import search_index as ix
from desktop_app.store.engine import Cache, as_engine

MAX_LIMIT = 1000
NO_FILTERS = SearchFilters()  # frozen, so one shared default is safe
FETCH_ROWS = 128  # rows pulled from SQLite per step while filling a page

Params = tuple[object, ...]


# --- filters as SQL -------------------------------------------------------------------------------


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
UNSYNCED_PERSONS = "SELECT person_id FROM outbox WHERE state = 'pending' AND person_id IS NOT NULL"
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
        return cond, params

    def unit_name(self, name: str) -> str:
        unit = self.rules.unit(name)
        if unit is None:
            raise KnownError(f"未知的发证单位“{name}”（可用：{'、'.join(u.name for u in self.rules.units)}）")
        return unit.name

    def printed_categories(self, category: str) -> list[str]:
        """Categories as printed that mean `category`: C and C3 are one (C became C3)."""
        wanted = self.rules.categories.get(category.upper())
        if wanted is None:
            raise KnownError(f"未知的证书类别“{category}”")
        return [c.code for c in self.rules.categories.values() if c.new_code == wanted.new_code]

    def in_force_sql(self) -> tuple[str, Params]:
        marks = ", ".join("?" * len(self.calendar_states))
        return f"(c.state IN ({marks}) AND c.valid_until >= ?)", (*self.calendar_states, self.today)

    def status_sql(self, status: str) -> tuple[str, Params]:
        try:
            wanted = Status(status)
        except ValueError:
            raise KnownError(f"未知的证书状态“{status}”（可用：{'、'.join(s.value for s in Status)}）") from None
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
            raise KnownError(f"A 证必填字段“{field_name}”无法检查")
        return f"coalesce(trim(p.{field_name}), '') = ''"


NEEDS_NEW = "(c.format = 'old' AND c.new_generated_at IS NULL)"


# --- arms -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Arm:
    """One reading of the query: SQL selecting person ids (column 1) in a stable order."""

    kind: MatchKind
    source: str  # FROM … (the person row is `p`; a terms row is `t`)
    where: str
    params: Params
    order: str
    via_terms: bool = False  # driven by search_terms: join persons only when filters need it

    def sql(self, filters: FilterSql) -> tuple[str, Params]:
        if self.via_terms:
            join = " CROSS JOIN persons p ON p.id = t.person_id" if filters else ""
            head = f"SELECT t.person_id FROM search_terms t{join}"
        else:
            head = f"SELECT p.id FROM {self.source}"
        return (f"{head} WHERE {self.where}{filters.where()} ORDER BY {self.order}",
                (*self.params, *filters.params))


def _persons(kind: MatchKind, where: str, params: Params, order: str = "p.name, p.id",
             source: str = "persons p") -> Arm:
    return Arm(kind, source, where, params, order)


def _term(kind: MatchKind, term: str) -> Arm:
    return Arm(kind, "", "t.term = ?", (term,), "t.sort_key, t.person_id", via_terms=True)


def _term_prefix(kind: MatchKind, prefix: str, exclusive: bool = True) -> Arm:
    low, high = ix.prefix_range(prefix)
    return Arm(kind, "", f"t.term {'>' if exclusive else '>='} ? AND t.term < ?", (low, high),
               "t.term, t.sort_key, t.person_id", via_terms=True)


def _certificates(kind: MatchKind, new_numbers: Sequence[str], numbers: Sequence[str] = ()) -> Arm:
    keys = tuple(dict.fromkeys(new_numbers))
    printed = tuple(dict.fromkeys(numbers))
    parts = [f"SELECT person_id FROM certificates WHERE new_number IN ({', '.join('?' * len(keys))})"]
    if printed:
        parts.append(f"SELECT person_id FROM certificates WHERE number IN ({', '.join('?' * len(printed))})")
    return _persons(kind, f"p.id IN ({' UNION '.join(parts)})", (*keys, *printed))


@dataclass(frozen=True)
class EnterpriseArm:
    """Persons of the enterprises whose name contains the query, by name."""

    text: str
    kind: MatchKind = MatchKind.OTHER
    # Above this many matching enterprises, walk persons in name order and test membership
    # (dense: a page fills fast); below it, fetch their persons by enterprise and sort (few).
    dense_from: int = 200

    def matching(self) -> tuple[str, Params]:
        if len(self.text) > ix.SHORT_PART_MAX:  # the trigram index needs 3 characters
            phrase = '"' + self.text.replace('"', '""') + '"'
            return "SELECT rowid FROM enterprise_fts WHERE enterprise_fts MATCH ?", (phrase,)
        return "SELECT enterprise_id FROM enterprise_terms WHERE term = ?", (self.text,)

    def resolve(self, conn: sqlite3.Connection) -> Arm:
        sql, params = self.matching()
        many = conn.execute(f"SELECT count(*) FROM ({sql} LIMIT ?)", (*params, self.dense_from)).fetchone()[0]
        if many >= self.dense_from:
            # unary + keeps SQLite from using the enterprise index, so it walks the name index
            return _persons(self.kind, f"+p.enterprise_id IN ({sql})", params)
        return _persons(self.kind, f"p.enterprise_id IN ({sql})", params,
                        source="persons p INDEXED BY ix_persons_enterprise_id")


@dataclass(frozen=True)
class Plan:
    arms: tuple[Arm | EnterpriseArm, ...]
    labels: tuple[str, ...] = ()

    @property
    def interpretation(self) -> str:
        return "／".join(dict.fromkeys(self.labels))


# --- reading a query ------------------------------------------------------------------------------

_CJK = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff]")
_NAME = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff·•]+")
_ID_FULL = re.compile(r"\d{17}[\dX]")
_ID_HEAD = re.compile(r"\d{6,17}")
_ID_TAIL = re.compile(r"\d{3,7}[\dX]")
_LETTERS = re.compile(r"[A-Z]+")
_USCC = re.compile(r"[0-9A-HJ-NP-RTUW-Y]{18}")
_NUMBER_START = re.compile(r"[\u4e00-\u9fff](建安|[A-Z])")


class QueryPlanner:
    def __init__(self, rules: Rules) -> None:
        self.rules = rules

    def plan(self, query: str) -> Plan:
        text = normalise_text(query)
        arms: list[Arm | EnterpriseArm] = []
        labels: list[str] = []
        if qrtext.looks_like_qr(query):
            self._qr(query, arms, labels)
        self._certificate(text, arms, labels)
        self._identity(text, arms, labels)
        if _NAME.fullmatch(text):
            self._name(ix.clean_name(query), arms, labels)
        elif _LETTERS.fullmatch(text):
            self._pinyin(text.lower(), arms, labels)
        arms.sort(key=lambda a: a.kind)  # stable: within a tier, the order above
        return Plan(tuple(arms), tuple(labels))

    def _qr(self, query: str, arms: list[Arm | EnterpriseArm], labels: list[str]) -> None:
        labels.append("二维码")
        raw = query.strip()
        found = qrtext.extract(raw, self.rules)
        arms.append(_persons(MatchKind.EXACT_NUMBER, "p.id IN (SELECT person_id FROM certificates "
                             "WHERE qr_text = ?)", (raw,)))
        if found.ecert_ids:
            marks = ", ".join("?" * len(found.ecert_ids))
            arms.append(_persons(MatchKind.EXACT_NUMBER, f"p.id IN (SELECT person_id FROM certificates "
                                 f"WHERE ecert_id IN ({marks}))", found.ecert_ids))
        if found.new_numbers:
            arms.append(_certificates(MatchKind.EXACT_NUMBER, found.new_numbers))
        for id_number in found.id_numbers:
            arms.append(_persons(MatchKind.EXACT_NUMBER, "p.id_number = ?", (id_number,)))

    def _certificate(self, text: str, arms: list[Arm | EnterpriseArm], labels: list[str]) -> None:
        if not _NUMBER_START.match(text):
            return
        try:
            readings = interpretations(text, rules=self.rules)
        except CertNumberError:
            self._certificate_prefix(text, arms)
            return
        labels.append("证书编号" if len(readings) == 1 else "证书编号（新旧版两种读法）")
        arms.append(_certificates(MatchKind.EXACT_NUMBER, [r.new_number(self.rules) for r in readings],
                                  [r.canonical for r in readings]))

    @staticmethod
    def _certificate_prefix(text: str, arms: list[Arm | EnterpriseArm]) -> None:
        """A number being typed: its beginning, as printed (canonical brackets are full-width)."""
        if len(text) < 4:
            return
        low, high = ix.prefix_range(text.replace("(", "（").replace(")", "）"))
        arms.append(_persons(MatchKind.PREFIX, "p.id IN (SELECT person_id FROM certificates "
                             "WHERE number >= ? AND number < ?)", (low, high)))

    def _identity(self, text: str, arms: list[Arm | EnterpriseArm], labels: list[str]) -> None:
        if _ID_FULL.fullmatch(text):
            labels.append("身份证号")
            arms.append(_persons(MatchKind.EXACT_NUMBER, "p.id_number = ?", (text,)))
        elif _ID_HEAD.fullmatch(text):
            labels.append(f"身份证号前 {len(text)} 位")
            low, high = ix.prefix_range(text)
            arms.append(_persons(MatchKind.PREFIX, "p.id_number >= ? AND p.id_number < ?", (low, high),
                                 order="p.id_number"))
        if 4 <= len(text) <= 8 and _ID_TAIL.fullmatch(text):
            labels.append(f"身份证号后 {len(text)} 位")
            low, high = ix.id_tail_range(text)
            arms.append(Arm(MatchKind.OTHER, "", "t.term >= ? AND t.term < ?", (low, high),
                            "t.term, t.sort_key, t.person_id", via_terms=True))
        # (check_uscc raises on characters outside the USCC alphabet, so screen first)
        if _USCC.fullmatch(text) and check_uscc(text):
            labels.append("统一社会信用代码")
            arms.append(_persons(MatchKind.OTHER, "p.enterprise_id IN (SELECT id FROM enterprises WHERE uscc = ?)",
                                 (text,), source="persons p INDEXED BY ix_persons_enterprise_id"))

    @staticmethod
    def _name(name: str, arms: list[Arm | EnterpriseArm], labels: list[str]) -> None:
        labels.append("姓名或企业名称")
        low, high = ix.prefix_range(name)
        arms.append(_persons(MatchKind.EXACT_NAME, "p.name = ?", (name,)))
        arms.append(_persons(MatchKind.PREFIX, "p.name > ? AND p.name < ?", (low, high)))
        arms.append(_term(MatchKind.OTHER, ix.NAME_PART + name))
        arms.append(EnterpriseArm(name))

    @staticmethod
    def _pinyin(letters: str, arms: list[Arm | EnterpriseArm], labels: list[str]) -> None:
        labels.append("拼音")
        arms.append(_term(MatchKind.PREFIX, ix.PINYIN + letters))
        arms.append(_term(MatchKind.PREFIX, ix.INITIALS + letters))
        arms.append(_term_prefix(MatchKind.PREFIX, ix.PINYIN + letters))
        arms.append(_term_prefix(MatchKind.PREFIX, ix.INITIALS + letters))


# --- the service ----------------------------------------------------------------------------------


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


_CERT_COLUMNS = ("c.person_id, c.number, c.new_number, c.category, c.work_type, c.state, c.format, "
                 "c.valid_until, c.issuer_unit, c.new_generated_at IS NOT NULL")
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


def _marks(items: Sequence[object]) -> str:
    return ", ".join("?" * len(items))


class SearchService:
    """Search and person detail over a cache; safe to share between threads (no state but the engine)."""

    def __init__(self, target: Cache | Engine, rules: Rules | None = None) -> None:
        self.engine = as_engine(target)
        self.rules = rules or default_rules()
        self.planner = QueryPlanner(self.rules)

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """A connection in one read transaction, so all queries of a call see the same data."""
        with self.engine.connect() as conn:
            conn.begin()
            yield conn.connection.driver_connection  # type: ignore[misc]

    # search

    def search(self, query: str, filters: SearchFilters = NO_FILTERS, offset: int = 0, limit: int = 50,
               today: dt.date | None = None) -> SearchPage:
        """One page of persons matching `query`, best first; `has_more` when another page exists."""
        today = today or dt.date.today()
        limit = max(1, min(limit, MAX_LIMIT))
        offset = max(0, offset)
        where = FilterBuilder(self.rules, today).build(filters)
        plan = self._plan(query, filters)
        with self._read() as conn:
            found = self._collect(conn, plan.arms, where, offset, limit + 1)
            hits = self._hits(conn, found[:limit], today)
        return SearchPage(query, tuple(hits), offset, len(found) > limit, plan.interpretation)

    def count(self, query: str, filters: SearchFilters = NO_FILTERS, cap: int = 10_000,
              today: dt.date | None = None) -> int:
        """How many persons match, counted up to `cap` (then `cap`): cheap enough for "1,234 条 / 10000+"."""
        where = FilterBuilder(self.rules, today or dt.date.today()).build(filters)
        with self._read() as conn:
            return len(self._collect(conn, self._plan(query, filters).arms, where, 0, cap))

    def _plan(self, query: str, filters: SearchFilters) -> Plan:
        if normalise_text(query):
            return self.planner.plan(query)
        if filters.is_empty():
            return Plan(())
        return Plan((_persons(MatchKind.OTHER, "1", ()),), ("按筛选条件列出",))

    @staticmethod
    def _collect(conn: sqlite3.Connection, arms: Sequence[Arm | EnterpriseArm], where: FilterSql,
                 offset: int, wanted: int) -> list[tuple[int, MatchKind]]:
        """Walk the arms in order, skipping persons already found, until `wanted` after `offset`."""
        seen: set[int] = set()
        found: list[tuple[int, MatchKind]] = []
        for arm in arms:
            resolved = arm.resolve(conn) if isinstance(arm, EnterpriseArm) else arm
            sql, params = resolved.sql(where)
            cursor = conn.execute(sql, params)
            try:
                while rows := cursor.fetchmany(FETCH_ROWS):
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
        hits: list[PersonHit] = []
        for person_id, kind in found:
            person = persons.get(person_id)
            if person is None:
                continue
            summaries = tuple(self._summary(person, row, today) for row in person.certificates)
            blocked = tuple(f"{s.number}：{reason}" for s in summaries for reason in s.blockers)
            hits.append(PersonHit(person.id, person.id_number, person.name, person.gender, person.employer,
                                  kind, summaries, blocked, pending.get(person_id, 0) > 0))
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
            cert = _Row(*row[:7], _date(row[7]), row[8], bool(row[9]))
            persons[cert.person_id].certificates.append(cert)
        return persons

    @staticmethod
    def _pending_counts(conn: sqlite3.Connection, person_ids: Sequence[int]) -> dict[int, int]:
        """How many changes of each of these persons wait in the outbox."""
        if not person_ids:
            return {}
        return dict(conn.execute(
            f"SELECT person_id, count(*) FROM outbox WHERE state = 'pending' AND person_id IN ({_marks(person_ids)}) "
            "GROUP BY person_id", tuple(person_ids)).fetchall())

    def _summary(self, person: _Person, row: _Row, today: dt.date) -> CertificateSummary:
        status = certificate_status(row.state, row.valid_until, today, self.rules)
        blockers: tuple[str, ...] = ()
        if row.format == "old" and not row.new_generated:  # only what still needs the new format
            item = BlockerInput(row.category, row.state, row.valid_until, person.fields(), person.has_photo)
            blockers = tuple(new_cert_blockers(item, today, self.rules))
        work_type = self.rules.work_type_by_code(row.work_type, row.format) if row.work_type else None
        return CertificateSummary(
            number=row.number, new_number=row.new_number, category=row.category, work_type=row.work_type,
            work_type_name=work_type.name if work_type else None, state=row.state, status=status.value,
            status_label=status.label, format=row.format,  # type: ignore[arg-type]
            valid_until=row.valid_until, issuer_unit=row.issuer_unit, new_generated=row.new_generated,
            blockers=blockers)

    # detail

    def person_detail(self, person_id: int, today: dt.date | None = None) -> PersonDetail | None:
        """Everything the detail pane and a phone inquiry need about one person; None if gone."""
        today = today or dt.date.today()
        with self._read() as conn:
            person = self._load_persons(conn, [person_id]).get(person_id)
            if person is None:
                return None
            photo = conn.execute("SELECT bytes, mime FROM photos WHERE person_id = ?", (person_id,)).fetchone()
            pending = self._pending_counts(conn, [person_id]).get(person_id, 0)
        summaries = tuple(self._summary(person, row, today) for row in person.certificates)
        return PersonDetail(
            person_id=person.id, id_number=person.id_number, name=person.name, gender=person.gender,
            birth_date=dt.date.fromisoformat(person.birth_date), phone=person.phone, education=person.education,
            major=person.major, employer=person.employer, employer_uscc=person.employer_uscc,
            position=person.position, title=person.title, photo=photo[0] if photo else None,
            photo_mime=photo[1] if photo else None, version=person.version, certificates=summaries,
            contacts=self._contacts(summaries), answer=answer_for(summaries), unsynced_changes=int(pending))

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
