"""Reading a search query: every way it can be meant, as a `Plan` of SQL `Arm`s in ranking order.

E.g. "1234" is an ID tail; 鲁A03… is an old or a new certificate number; 张 is a name, a name part or
an enterprise. Each arm selects person ids in a stable order from an index (store/search_index.py);
SearchService (search.py) runs them in order and reads them lazily until a page is full.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from desktop_app.domain import qrtext
from desktop_app.domain.certnumber import CertNumber, CertNumberError, interpretations, normalise_text
from desktop_app.domain.identity import check_uscc
from desktop_app.domain.rules import Rules
from desktop_app.messages import msg
from desktop_app.services.search_filters import FilterSql, Params
from desktop_app.services.search_types import HINT_SEPARATOR, MatchKind
from desktop_app.store import search_index as ix


@dataclass(frozen=True)
class Arm:
    """One reading of the query: SQL selecting person ids (column 1) in a stable order."""

    kind: MatchKind
    source: str  # FROM … (the person row is `p`; a terms row is `t`)
    where: str
    params: Params
    order: str
    via_terms: bool = False  # driven by search_terms: join persons only when filters need it

    def resolve(self, _conn: sqlite3.Connection) -> Arm:
        return self

    def sql(self, filters: FilterSql) -> tuple[str, Params]:
        if self.via_terms:
            join = " CROSS JOIN persons p ON p.id = t.person_id" if filters else ""
            head = f"SELECT t.person_id FROM search_terms t{join}"
        else:
            head = f"SELECT p.id FROM {self.source}"
        return (f"{head} WHERE {self.where}{filters.where()} ORDER BY {self.order}",
                (*self.params, *filters.params))


def person_arm(kind: MatchKind, where: str, params: Params, order: str = "p.name, p.id",
               source: str = "persons p") -> Arm:
    """An arm over the person rows (`source`), in name order unless told otherwise."""
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
    return person_arm(kind, f"p.id IN ({' UNION '.join(parts)})", (*keys, *printed))


@dataclass(frozen=True)
class EnterpriseArm:
    """Persons of the enterprises whose name contains the query, by name."""

    text: str
    kind: MatchKind = MatchKind.OTHER
    # Above this many matching enterprises, walk persons in name order and test membership
    # (dense: a page fills fast); below it, fetch their persons by enterprise and sort (few).
    dense_from: int = 200
    # From this many on (a part of most names: 有限公司), collecting them all costs more than the
    # page: the walk tests each person's employer by name instead (`per_person`).
    every_from: int = 2000

    def matching(self) -> tuple[str, Params]:
        if self._trigram():
            phrase = '"' + self.text.replace('"', '""') + '"'
            return "SELECT rowid FROM enterprise_fts WHERE enterprise_fts MATCH ?", (phrase,)
        return "SELECT enterprise_id FROM enterprise_terms WHERE term = ?", (self.text,)

    def _trigram(self) -> bool:
        return len(self.text) > ix.SHORT_PART_MAX  # the trigram index needs 3 characters

    def per_person(self) -> tuple[str, Params] | None:
        """The employer test of one person, when it says exactly what the trigram index says: a
        phrase of 3+ characters is a substring, compared case-insensitively, so a text without
        upper or lower case is plainly a substring of the stored name (instr)."""
        if not self._trigram() or self.text.lower() != self.text or self.text.upper() != self.text:
            return None
        return ("EXISTS (SELECT 1 FROM enterprises e WHERE e.id = p.enterprise_id AND instr(e.name, ?) > 0)",
                (self.text,))

    def resolve(self, conn: sqlite3.Connection) -> Arm:
        sql, params = self.matching()
        cap = max(self.dense_from, self.every_from)
        many = conn.execute(f"SELECT count(*) FROM ({sql} LIMIT ?)", (*params, cap)).fetchone()[0]
        test = self.per_person() if many >= self.every_from else None
        if test is not None:
            return person_arm(self.kind, *test)
        if many >= self.dense_from:
            # unary + keeps SQLite from using the enterprise index, so it walks the name index
            return person_arm(self.kind, f"+p.enterprise_id IN ({sql})", params)
        return person_arm(self.kind, f"p.enterprise_id IN ({sql})", params,
                          source="persons p INDEXED BY ix_persons_enterprise_id")


@dataclass(frozen=True)
class CandidateArm:
    """A filter-only list whose certificates one index can collect (`FilterBuilder.holders`), by name.

    The plain list walks persons in name order and tests each one's certificates: cheap when a page
    fills within a few hundred persons, slow for a rare combination (expiring in one unit: ~1 person
    in 120, so ~6,000 tests). Counting the holders up to `walk_from` tells which case this is. Below
    it, their ids are collected once and the name walk tests membership in that set instead; below
    `sort_below`, the holders are so few that reading them by id and sorting beats any walk. Each
    reading gives the same persons in the same order: the filters are still ANDed to it.
    """

    holders: str
    params: Params
    kind: MatchKind = MatchKind.OTHER
    walk_from: int = 15_000
    sort_below: int = 4_000

    def resolve(self, conn: sqlite3.Connection) -> Arm:
        many = conn.execute(f"SELECT count(*) FROM ({self.holders} LIMIT ?)",
                            (*self.params, self.walk_from)).fetchone()[0]
        if many >= self.walk_from:
            return person_arm(self.kind, "1", ())
        # unary + keeps SQLite from looking the holders up by id: it walks the name index instead
        member = "p.id" if many < self.sort_below else "+p.id"
        return person_arm(self.kind, f"{member} IN ({self.holders})", self.params)


@dataclass(frozen=True)
class Plan:
    arms: tuple[Arm | EnterpriseArm | CandidateArm, ...]
    labels: tuple[str, ...] = ()
    hint: str = ""  # what to try when this finds nothing, e.g. "身份证号至少输入 4 位"

    @property
    def interpretation(self) -> str:
        """What was understood, then (after HINT_SEPARATOR) the hint: SearchPage.understood / .hint."""
        understood = "／".join(dict.fromkeys(self.labels))
        return f"{understood}{HINT_SEPARATOR}{self.hint}" if self.hint else understood


# --- reading a query ------------------------------------------------------------------------------

_CJK = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff]")
_NAME = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff·•]+")
_ID_FULL = re.compile(r"[0-9]{17}[0-9X]")
_ID_HEAD = re.compile(r"[0-9]{6,17}")
_ID_TAIL = re.compile(r"[0-9]{3,7}[0-9X]")
_LETTERS = re.compile(r"[A-Z]+")
_USCC = re.compile(r"[0-9A-HJ-NP-RTUW-Y]{18}")
_NUMBER_START = re.compile(r"[\u4e00-\u9fff](建安|[A-Z])")
# A number dictated by its distinctive parts: "鲁建安c(2023)6", "C2022 21", "lu B4T 2026 000009".
_PARTS_PREFIX = re.compile(r"(LU|鲁)?(建安)?")
_SAFETY_CATEGORIES = ("A", "B", "C1", "C2", "C3", "C")
_SAFETY_REST = re.compile(r"\(?([0-9]{4})\)?([0-9]{1,7})", re.ASCII)
_SPECIAL_PARTS = re.compile(r"([A-Z])([0-9A-Z]{2})([0-9]{4})([0-9]{1,6})", re.ASCII)
_NUMBER_BEGUN = re.compile(r"(鲁|LU)?建安|鲁[A-Z0-9(]|LU[A-Z]?[0-9]")  # 鲁建安, 鲁B…, lu 2023
_LETTERS_AND_DIGITS = re.compile(r"(?=.*[A-Z])(?=.*[0-9])[0-9A-Z()]+", re.ASCII)  # C2023, B4T…
_DIGITS = re.compile(r"[0-9]+X?", re.ASCII)


def _serial_width(pattern: re.Pattern[str], default: int) -> int:
    found = re.search(r"\(\?P<serial>\\d\{(\d+)\}\)", pattern.pattern)
    return int(found.group(1)) if found else default


def part_readings(text: str, rules: Rules) -> list[CertNumber]:
    """The certificates a number given by its parts can be (category [+ city, work-type code] + year +
    serial, the serial zero-padded), for normalised `text`; empty when it is no such number."""
    prefix = _PARTS_PREFIX.match(text)
    assert prefix is not None  # everything optional: always matches
    bodies = [text[prefix.end():]]
    if prefix.group(1) == "LU" and not prefix.group(2):
        bodies.append(text)  # "LU…" could also begin with city letter L
    candidates: list[str] = []
    abbr = rules.province_abbr
    for body in bodies:
        for category in _SAFETY_CATEGORIES:
            rest = _SAFETY_REST.fullmatch(body[len(category):]) if body.startswith(category) else None
            if rest:
                serial = rest.group(2).zfill(_serial_width(rules.safety_number.pattern, 7))
                candidates.append(f"{abbr}建安{category}({rest.group(1)}){serial}")
        special = None if prefix.group(2) else _SPECIAL_PARTS.fullmatch(body)
        if special:
            city, code, year, serial = special.groups()
            candidates.append(f"{abbr}{city}{code}{year}{serial.zfill(_serial_width(rules.special_number.pattern, 6))}")
    readings: dict[tuple[str, str], CertNumber] = {}
    for candidate in candidates:
        try:
            found = interpretations(candidate, rules=rules)
        except CertNumberError:
            continue
        for reading in found:
            readings.setdefault((reading.canonical, reading.new_number(rules)), reading)
    return list(readings.values())


class QueryPlanner:
    def __init__(self, rules: Rules, extractors: Sequence[qrtext.Extractor] = ()) -> None:
        self.rules = rules
        self.extractors = tuple(extractors)  # QR formats beyond the built-in ones (the signed token)

    def plan(self, query: str) -> Plan:
        text = normalise_text(query)
        arms: list[Arm | EnterpriseArm] = []
        labels: list[str] = []
        if qrtext.looks_like_qr(query):
            self._qr(query, arms, labels)
        read_number = self._certificate(text, arms, labels) or self._parts(text, arms, labels)
        self._identity(text, arms, labels)
        if _NAME.fullmatch(text):
            self._name(ix.clean_name(query), arms, labels)
        elif _LETTERS.fullmatch(text):
            self._pinyin(text.lower(), arms, labels)
        arms.sort(key=lambda a: a.kind)  # stable: within a tier, the order above
        return Plan(tuple(arms), tuple(labels), self._hint(text, read_number, bool(arms)))

    @staticmethod
    def _hint(text: str, read_number: bool, any_arm: bool) -> str:
        """What to try instead, for a query that cannot be read (or is read only loosely)."""
        if _DIGITS.fullmatch(text) and len(text) < 4:
            return str(msg("search.hint.id_digits"))
        if not read_number and (_NUMBER_BEGUN.match(text)
                                or (not any_arm and _LETTERS_AND_DIGITS.fullmatch(text))):
            return str(msg("search.hint.number_parts"))
        if not any_arm:
            return str(msg("search.hint.general"))
        return ""

    def _parts(self, text: str, arms: list[Arm | EnterpriseArm], labels: list[str]) -> bool:
        """A number by its parts; as spelled (printed number) first, then the same certificate respelled."""
        readings = part_readings(text, self.rules)
        if not readings:
            return False
        labels.append(str(msg("search.understood.number_parts")))
        printed = tuple(dict.fromkeys(r.canonical for r in readings))
        arms.append(person_arm(MatchKind.EXACT_NUMBER, f"p.id IN (SELECT person_id FROM certificates "
                               f"WHERE number IN ({', '.join('?' * len(printed))}))", printed))
        arms.append(_certificates(MatchKind.EXACT_NUMBER, [r.new_number(self.rules) for r in readings]))
        return True

    def _qr(self, query: str, arms: list[Arm | EnterpriseArm], labels: list[str]) -> None:
        labels.append(str(msg("search.understood.qr")))
        raw = query.strip()
        found = qrtext.extract(raw, self.rules, self.extractors)
        arms.append(person_arm(MatchKind.EXACT_NUMBER, "p.id IN (SELECT person_id FROM certificates "
                               "WHERE qr_text = ?)", (raw,)))
        if found.ecert_ids:
            marks = ", ".join("?" * len(found.ecert_ids))
            arms.append(person_arm(MatchKind.EXACT_NUMBER, f"p.id IN (SELECT person_id FROM certificates "
                                   f"WHERE ecert_id IN ({marks}))", found.ecert_ids))
        if found.new_numbers:
            arms.append(_certificates(MatchKind.EXACT_NUMBER, found.new_numbers))
        for id_number in found.id_numbers:
            arms.append(person_arm(MatchKind.EXACT_NUMBER, "p.id_number = ?", (id_number,)))

    def _certificate(self, text: str, arms: list[Arm | EnterpriseArm], labels: list[str]) -> bool:
        if not _NUMBER_START.match(text):
            return False
        try:
            readings = interpretations(text, rules=self.rules)
        except CertNumberError:
            self._certificate_prefix(text, arms)
            return False
        labels.append(str(msg("search.understood.number") if len(readings) == 1
                          else msg("search.understood.number_two_readings")))
        arms.append(_certificates(MatchKind.EXACT_NUMBER, [r.new_number(self.rules) for r in readings],
                                  [r.canonical for r in readings]))
        return True

    @staticmethod
    def _certificate_prefix(text: str, arms: list[Arm | EnterpriseArm]) -> None:
        """A number being typed: its beginning, as printed (canonical brackets are full-width)."""
        if len(text) < 4:
            return
        low, high = ix.prefix_range(text.replace("(", "（").replace(")", "）"))
        arms.append(person_arm(MatchKind.PREFIX, "p.id IN (SELECT person_id FROM certificates "
                               "WHERE number >= ? AND number < ?)", (low, high)))

    def _identity(self, text: str, arms: list[Arm | EnterpriseArm], labels: list[str]) -> None:
        if _ID_FULL.fullmatch(text):
            labels.append(str(msg("search.understood.id_number")))
            arms.append(person_arm(MatchKind.EXACT_NUMBER, "p.id_number = ?", (text,)))
        elif _ID_HEAD.fullmatch(text):
            labels.append(str(msg("search.understood.id_head", digits=len(text))))
            low, high = ix.prefix_range(text)
            arms.append(person_arm(MatchKind.PREFIX, "p.id_number >= ? AND p.id_number < ?", (low, high),
                                   order="p.id_number"))
        if 4 <= len(text) <= 8 and _ID_TAIL.fullmatch(text):
            labels.append(str(msg("search.understood.id_tail", digits=len(text))))
            low, high = ix.id_tail_range(text)
            arms.append(Arm(MatchKind.OTHER, "", "t.term >= ? AND t.term < ?", (low, high),
                            "t.term, t.sort_key, t.person_id", via_terms=True))
        # (check_uscc raises on characters outside the USCC alphabet, so screen first)
        if _USCC.fullmatch(text) and check_uscc(text):
            labels.append(str(msg("search.understood.uscc")))
            arms.append(person_arm(MatchKind.OTHER, "p.enterprise_id IN (SELECT id FROM enterprises WHERE uscc = ?)",
                                   (text,), source="persons p INDEXED BY ix_persons_enterprise_id"))

    @staticmethod
    def _name(name: str, arms: list[Arm | EnterpriseArm], labels: list[str]) -> None:
        labels.append(str(msg("search.understood.name")))
        low, high = ix.prefix_range(name)
        arms.append(person_arm(MatchKind.EXACT_NAME, "p.name = ?", (name,)))
        arms.append(person_arm(MatchKind.PREFIX, "p.name > ? AND p.name < ?", (low, high)))
        arms.append(_term(MatchKind.OTHER, ix.NAME_PART + name))
        arms.append(EnterpriseArm(name))

    @staticmethod
    def _pinyin(letters: str, arms: list[Arm | EnterpriseArm], labels: list[str]) -> None:
        labels.append(str(msg("search.understood.pinyin")))
        arms.append(_term(MatchKind.PREFIX, ix.PINYIN + letters))
        arms.append(_term(MatchKind.PREFIX, ix.INITIALS + letters))
        arms.append(_term_prefix(MatchKind.PREFIX, ix.PINYIN + letters))
        arms.append(_term_prefix(MatchKind.PREFIX, ix.INITIALS + letters))
