"""Local corrections: every save is one transaction of new values, audit entries and an outbox entry.

The outbox entry holds the field-level change (old and new values) and the record version it was
based on, so a later sync can send it and detect a conflict per field. The last change that has
not been synced yet can be undone; undoing removes its outbox entry and is itself audited.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from desktop_app.domain.changes import FieldChange
from desktop_app.domain.identity import check_resident_id
from desktop_app.domain.person_fields import (
    CERTIFICATE_DATE_LABELS,
    EDITABLE_FIELDS,
    FIELD_LABELS,
    certificate_date_reasons,
    check_person,
    field_label,
)
from desktop_app.domain.record import photo_kind
from desktop_app.errors import KnownError
from desktop_app.messages import msg
from desktop_app.services.changes import ChangeKind, OpChanges
from desktop_app.store import outbox
from desktop_app.store.engine import Cache, as_engine
from desktop_app.store.locking import write_session
from desktop_app.store.models import AuditLog, Certificate, Enterprise, Person, Photo

PHOTO_FIELD = "photo"
CERT_DATE_FIELDS = CERTIFICATE_DATE_LABELS


class ValidationFailed(KnownError):
    """Save refused; `reasons` maps each field to why (Chinese)."""

    def __init__(self, reasons: Mapping[str, str], certificate_id: int | None = None) -> None:
        self.reasons = dict(reasons)
        self.certificate_id = certificate_id  # set when the reasons are about one certificate's fields
        lines = [str(msg("records.reason_line", field=field_label(f) if f in FIELD_LABELS or f in CERT_DATE_FIELDS
                         else f, reason=r)) for f, r in self.reasons.items()]
        super().__init__(msg("records.not_saved", reasons="\n".join(lines)))


class StaleRecord(KnownError):
    """The record changed since the form was opened."""


@dataclass(frozen=True)
class SaveResult:
    """A save's field changes, and `op_changes`: what views refresh (DESIGN §4.6)."""

    person_id: int
    version: int
    changes: tuple[FieldChange, ...]
    outbox_id: int | None
    op_changes: OpChanges = dataclasses.field(default_factory=OpChanges)


def op_changes_of(person_id: int, changes: Sequence[FieldChange], certificate_id: int | None = None) -> OpChanges:
    """What a save or an undo of these field changes changed, for the views."""
    if not changes:
        return OpChanges()
    kinds = {ChangeKind.OUTBOX}
    kinds.add(ChangeKind.CERTIFICATE if certificate_id is not None else ChangeKind.RECORD)
    if any(c.field == PHOTO_FIELD for c in changes):
        kinds.add(ChangeKind.PHOTO)
    return OpChanges(frozenset({person_id}), frozenset({certificate_id} if certificate_id is not None else ()),
                     frozenset(kinds))


@dataclass(frozen=True)
class PersonForm:
    person_id: int
    version: int
    values: dict[str, str | None]
    categories: tuple[str, ...]
    photo: bytes | None


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _person_values(person: Person) -> dict[str, str | None]:
    enterprise = person.enterprise
    return {
        "name": person.name, "gender": person.gender, "id_number": person.id_number, "phone": person.phone,
        "employer_name": enterprise.name if enterprise else None,
        "employer_uscc": enterprise.uscc if enterprise else None,
        "position": person.position, "title": person.title, "education": person.education, "major": person.major,
    }


def _get_person(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise KnownError(msg("records.person_missing", id=person_id))
    return person


def load_person_form(target: Cache | Engine, person_id: int) -> PersonForm:
    with Session(as_engine(target)) as session:
        person = _get_person(session, person_id)
        categories = tuple(c.category for c in person.certificates)
        photo = person.photo.data if person.photo else None
        return PersonForm(person.id, person.version, _person_values(person), categories, photo)


def _enterprise(session: Session, name: str | None, uscc: str | None) -> Enterprise | None:
    if not name and not uscc:
        return None
    if uscc:
        found = session.scalar(select(Enterprise).where(Enterprise.uscc == uscc))
        if found is not None:
            if name and found.name != name:
                found.name = name  # the registered name of that USCC was corrected
            return found
    else:
        found = session.scalar(select(Enterprise).where(Enterprise.name == name, Enterprise.uscc.is_(None)))
        if found is not None:
            return found
    enterprise = Enterprise(name=name or "", uscc=uscc)
    session.add(enterprise)
    session.flush()
    return enterprise


def _apply(session: Session, person: Person, values: Mapping[str, str | None]) -> None:
    for field in ("name", "gender", "id_number", "phone", "position", "title", "education", "major"):
        if field in values:
            setattr(person, field, values[field])
    if "employer_name" in values or "employer_uscc" in values:
        current = _person_values(person)
        name = values.get("employer_name", current["employer_name"])
        uscc = values.get("employer_uscc", current["employer_uscc"])
        enterprise = _enterprise(session, name, uscc)
        person.enterprise_id = enterprise.id if enterprise else None
    if values.get("id_number"):
        person.birth_date = check_resident_id(values["id_number"]).birth_date or person.birth_date


def _photo_digest(data: bytes | None) -> str | None:
    return hashlib.sha256(data).hexdigest() if data else None


def _audit(session: Session, person: Person, operator: str, reason: str, change: FieldChange,
           entity: str = "person", entity_key: str | None = None, at: dt.datetime | None = None) -> None:
    session.add(AuditLog(
        at=at or _now(), operator=operator, entity=entity, entity_key=entity_key or person.id_number,
        person_id=person.id, field=change.field, old_value=change.old, new_value=change.new, reason=reason or None,
        source="local"))


def save_person(target: Cache | Engine, person_id: int, base_version: int, values: Mapping[str, object],
                operator: str, reason: str = "", photo: bytes | None = None, remove_photo: bool = False) -> SaveResult:
    """Validate and save a person's changed fields (and photo) in one transaction."""
    with write_session(target) as session, session.begin():
        person = _get_person(session, person_id)
        return save_person_in(session, person, base_version, values, operator, reason, photo, remove_photo)


def save_person_in(session: Session, person: Person, base_version: int | None, values: Mapping[str, object],
                   operator: str, reason: str = "", photo: bytes | None = None,
                   remove_photo: bool = False, outbox_id: bool = True) -> SaveResult:
    """The save inside a caller's transaction (a template import applies many in one).

    `base_version` None means "the version as it is now" (the caller has just read the row).
    `outbox_id=False` skips the flush that assigns the outbox entry's id (SaveResult.outbox_id is then
    None): a bulk caller lets the session flush in batches, which halves its write time.
    """
    if base_version is not None and person.version != base_version:
        raise StaleRecord(msg("records.person_stale", name=person.name, version=person.version))
    base = person.version
    current = _person_values(person)
    proposed = {f: values[f] for f in EDITABLE_FIELDS if f in values}
    changed_raw = [f for f, v in proposed.items() if (str(v).strip() if v is not None else None) != current[f]]
    merged = {**current, **proposed}
    normalised, reasons = check_person(merged, [c.category for c in person.certificates], changed_raw)
    if reasons:
        raise ValidationFailed(reasons)
    _check_unique_id(session, person, normalised.get("id_number"))
    changes = [FieldChange(f, current[f], normalised[f]) for f in EDITABLE_FIELDS
               if f in proposed and normalised[f] != current[f]]
    photo_change, old_photo = _photo_change(session, person, photo, remove_photo)
    if photo_change:
        changes.append(photo_change)
    if not changes:
        return SaveResult(person.id, person.version, (), None)
    base_key = person.id_number
    _apply(session, person, {c.field: c.new for c in changes if c.field != PHOTO_FIELD})
    person.version += 1
    person.updated_at = _now()
    at = _now()
    for change in changes:
        _audit(session, person, operator, reason, change, entity_key=base_key, at=at)
    entry = outbox.enqueue(session, person_id=person.id, entity=outbox.Entity.PERSON, record_key=base_key,
                           base_version=base, fields=changes, operator=operator, reason=reason, undo_photo=old_photo,
                           at=at, flush=outbox_id)
    return SaveResult(person.id, person.version, tuple(changes), entry.id, op_changes_of(person.id, changes))


def _check_unique_id(session: Session, person: Person, id_number: str | None) -> None:
    if id_number and id_number != person.id_number:
        other = session.scalar(select(Person).where(Person.id_number == id_number))
        if other is not None:
            raise ValidationFailed({"id_number": str(msg("records.id_taken", id_number=id_number, other=other.name))})


def _photo_change(session: Session, person: Person, photo: bytes | None,
                  remove: bool) -> tuple[FieldChange | None, bytes | None]:
    old = person.photo.data if person.photo else None
    if remove and old is not None:
        session.delete(person.photo)
        return FieldChange(PHOTO_FIELD, _photo_digest(old), None), old
    if photo is None or _photo_digest(photo) == _photo_digest(old):
        return None, None
    kind = photo_kind(photo)
    if kind is None:
        raise ValidationFailed({PHOTO_FIELD: str(msg("records.photo_not_image"))})
    if person.photo is None:
        person.photo = Photo(mime=f"image/{kind}", data=photo, sha256=_photo_digest(photo) or "")
    else:
        person.photo.mime, person.photo.data, person.photo.sha256 = f"image/{kind}", photo, _photo_digest(photo) or ""
    return FieldChange(PHOTO_FIELD, _photo_digest(old), _photo_digest(photo)), old


@dataclass(frozen=True)
class CertificateDatesForm:
    id: int
    version: int
    number: str
    category: str
    first_issued: dt.date | None
    issued: dt.date | None
    valid_until: dt.date | None


def load_certificate_dates(target: Cache | Engine, person_id: int) -> list[CertificateDatesForm]:
    """A person's certificates with the dates the edit form may correct."""
    with Session(as_engine(target)) as session:
        person = _get_person(session, person_id)
        return [CertificateDatesForm(c.id, c.version, c.number, c.category, c.first_issued, c.issued, c.valid_until)
                for c in person.certificates]


def save_certificate_dates(target: Cache | Engine, certificate_id: int, base_version: int,
                           values: Mapping[str, dt.date | None], operator: str, reason: str = "") -> SaveResult:
    """Correct a certificate's dates (kept in order: first issue ≤ issue ≤ valid until)."""
    with write_session(target) as session, session.begin():
        return _save_certificate_dates_in(session, certificate_id, base_version, values, operator, reason)


def _save_certificate_dates_in(session: Session, certificate_id: int, base_version: int,
                               values: Mapping[str, dt.date | None], operator: str, reason: str) -> SaveResult:
    cert = session.get(Certificate, certificate_id)
    if cert is None:
        raise KnownError(msg("records.certificate_missing"))
    if cert.version != base_version:
        raise StaleRecord(msg("records.certificate_stale", number=cert.number))
    merged = {f: values.get(f, getattr(cert, f)) for f in CERT_DATE_FIELDS}
    try:
        _check_date_order(merged)
    except ValidationFailed as exc:
        raise ValidationFailed(exc.reasons, certificate_id) from None
    changes = [FieldChange(f, _iso(getattr(cert, f)), _iso(merged[f])) for f in CERT_DATE_FIELDS
               if merged[f] != getattr(cert, f)]
    person = cert.person
    if not changes:
        return SaveResult(person.id, person.version, (), None)
    for f in CERT_DATE_FIELDS:
        setattr(cert, f, merged[f])
    cert.version += 1
    at = _now()
    for change in changes:
        _audit(session, person, operator, reason, change, entity="certificate", entity_key=cert.new_number, at=at)
    entry = outbox.enqueue(session, person_id=person.id, entity=outbox.Entity.CERTIFICATE,
                           record_key=cert.new_number, base_version=base_version, fields=changes, operator=operator,
                           reason=reason, at=at)
    return SaveResult(person.id, person.version, tuple(changes), entry.id,
                      op_changes_of(person.id, changes, cert.id))


@dataclass(frozen=True)
class CertificateDateEdit:
    certificate_id: int
    base_version: int
    values: Mapping[str, dt.date | None]


def save_record(target: Cache | Engine, person_id: int, base_version: int, values: Mapping[str, object],
                certificates: Sequence[CertificateDateEdit], operator: str, reason: str = "",
                photo: bytes | None = None, remove_photo: bool = False) -> tuple[SaveResult, ...]:
    """The edit form's save: the person and their certificates' dates, all or nothing."""
    with write_session(target) as session, session.begin():
        person = _get_person(session, person_id)
        results = [save_person_in(session, person, base_version, values, operator, reason, photo, remove_photo)]
        for edit in certificates:
            cert = session.get(Certificate, edit.certificate_id)
            if cert is None or cert.person_id != person_id:
                raise KnownError(msg("records.certificate_not_theirs"))
            results.append(_save_certificate_dates_in(session, edit.certificate_id, edit.base_version, edit.values,
                                                      operator, reason))
        return tuple(results)


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _check_date_order(values: Mapping[str, dt.date | None]) -> None:
    reasons = certificate_date_reasons(values)
    if reasons:
        raise ValidationFailed(reasons)


def pending_changes(target: Cache | Engine, person_id: int) -> int:
    """How many changes of this person are queued and not sent yet."""
    with Session(as_engine(target)) as session:
        return outbox.pending_count(session, person_id)


def person_id_for(target: Cache | Engine, id_number: str) -> int | None:
    with Session(as_engine(target)) as session:
        return session.scalar(select(Person.id).where(Person.id_number == id_number))



# For sync's conflict resolution (services/sync_inbox.py): the same writes the edit form's save makes.
apply_person_values = _apply
person_values = _person_values
