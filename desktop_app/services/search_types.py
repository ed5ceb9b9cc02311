"""Plain value types of the search service, shared by the GUI, the CLI and the service itself."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Literal


class MatchKind(IntEnum):
    """Ranking tiers, best first: exact ID or certificate number, exact name, prefixes, the rest."""

    EXACT_NUMBER = 0  # whole ID number, certificate number (any spelling), QR text
    EXACT_NAME = 1
    PREFIX = 2  # name prefix, pinyin prefix/initials, ID first 6+ digits
    OTHER = 3  # name part, ID tail, enterprise name part / USCC


@dataclass(frozen=True)
class SearchFilters:
    unit: str | None = None  # issuing unit name (or alias)
    category: str | None = None  # A, B, C (means C or C3), C1, C2, C3, SPECIAL
    work_type: str | None = None  # NEW work-type code (01…11, 99) for SPECIAL
    format: Literal["old", "new"] | None = None
    status: str | None = None  # a desktop_app.domain.status.Status value
    blocked: bool | None = None  # True: only persons with a certificate blocked from the new format
    unsynced: bool | None = None  # True: only persons with local changes waiting in the outbox
    # A progress figure (services/progress/figures.FIGURES): persons holding a certificate counted in it,
    # of the unit and kind above, on `as_of` (default: the search's day). The progress view's drill-down.
    figure: str | None = None
    as_of: dt.date | None = None

    def is_empty(self) -> bool:
        return all(v is None for v in (self.unit, self.category, self.work_type, self.format, self.status,
                                       self.blocked, self.unsynced, self.figure))


@dataclass(frozen=True)
class CertificateSummary:
    number: str  # as issued, canonical spelling
    new_number: str
    category: str
    work_type: str | None  # code as printed
    work_type_name: str | None
    state: str
    status: str  # Status value on the given day
    status_label: str
    format: Literal["old", "new"]
    valid_until: dt.date | None
    issuer_unit: str
    new_generated: bool
    blockers: tuple[str, ...] = ()
    id: int | None = None  # the certificate's row id: stable, unlike a number (old "03" ≠ new "03")


@dataclass(frozen=True)
class PersonHit:
    person_id: int
    id_number: str
    name: str
    gender: str
    employer: str | None
    match: MatchKind
    certificates: tuple[CertificateSummary, ...]
    blocked: tuple[str, ...]  # reasons over all certificates, e.g. "鲁建安A（2019）0001234：A 证缺少：职务"
    unsynced: bool = False
    conflict: bool = False  # a synced change of this person conflicts with the province's and waits


HINT_SEPARATOR = "\n"  # in `interpretation`: what was understood, then what to try if nothing is found


def split_interpretation(interpretation: str) -> tuple[str, str]:
    """(what was understood, the hint) from a page's `interpretation`."""
    understood, _, hint = interpretation.partition(HINT_SEPARATOR)
    return understood, hint


@dataclass(frozen=True)
class SearchPage:
    query: str
    hits: tuple[PersonHit, ...]
    offset: int
    has_more: bool
    # what the box understood, e.g. "证书编号" / "身份证号后 4 位" / "姓名或拼音", then (after
    # HINT_SEPARATOR) what to try when nothing is found, e.g. "身份证号至少输入 4 位"
    interpretation: str = ""

    @property
    def understood(self) -> str:
        return split_interpretation(self.interpretation)[0]

    @property
    def hint(self) -> str:
        return split_interpretation(self.interpretation)[1]


@dataclass(frozen=True)
class UnitContact:
    name: str
    phones: tuple[str, ...]


@dataclass(frozen=True)
class PersonDetail:
    person_id: int
    id_number: str
    name: str
    gender: str
    birth_date: dt.date
    phone: str | None
    education: str | None
    major: str | None
    employer: str | None
    employer_uscc: str | None
    position: str | None
    title: str | None
    photo: bytes | None
    photo_mime: str | None
    version: int
    certificates: tuple[CertificateSummary, ...]
    contacts: tuple[UnitContact, ...]  # the issuing units of this person's certificates, with phones
    answer: str  # the phone-inquiry answer at a glance, e.g. "新版证书已生成" / "新版证书未生成，原因：…"
    unsynced_changes: int = 0
    conflicts: int = 0  # fields in conflict with the province, not resolved yet
    extra: dict[str, str] = field(default_factory=dict)
