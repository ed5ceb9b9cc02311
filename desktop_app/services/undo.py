"""Undo the last change of a person that has not been sent yet: the outbox entry is withdrawn and the
old values come back, in one audited transaction. A generated certificate cannot be undone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from desktop_app.domain.changes import FieldChange
from desktop_app.domain.record import photo_kind
from desktop_app.errors import KnownError
from desktop_app.messages import msg
from desktop_app.services.edits import (
    PHOTO_FIELD,
    SaveResult,
    _apply,
    _audit,
    _get_person,
    _now,
    _photo_digest,
    op_changes_of,
)
from desktop_app.store import outbox
from desktop_app.store.engine import Cache, as_engine
from desktop_app.store.locking import write_session
from desktop_app.store.models import Certificate, Person, Photo

UNDO_REASON = "撤销上一次修改"


def peek_last(target: Cache | Engine, person_id: int) -> tuple[str, tuple[FieldChange, ...]] | None:
    """What `undo_last` would undo: (entity, the changes as saved), or None when nothing is pending."""
    with Session(as_engine(target)) as session:
        entry = outbox.last_pending(session, person_id)
        if entry is None:
            return None
        payload = outbox.payload_of(entry)
        return payload.entity.value, payload.fields


def undo_last(target: Cache | Engine, person_id: int, operator: str) -> SaveResult:
    """Undo the newest change of this person that has not been synced yet."""
    with write_session(target) as session, session.begin():
        person = _get_person(session, person_id)
        entry = outbox.last_pending(session, person_id)
        if entry is None:
            raise KnownError(msg("records.nothing_to_undo"))
        payload = outbox.payload_of(entry)
        if payload.action == outbox.ChangeAction.GENERATE:
            raise KnownError(msg("records.generation_not_undoable"))
        reverted = [change.reverted() for change in payload.fields]
        certificate_id = None
        if payload.entity == outbox.Entity.CERTIFICATE:
            certificate_id = _undo_certificate(session, payload.record_key, payload.fields)
        else:
            _undo_person(session, person, payload.fields, payload.undo_photo)
            person.version += 1
            person.updated_at = _now()
        at = _now()
        for change in reverted:
            _audit(session, person, operator, UNDO_REASON, change, entity=payload.entity.value,
                   entity_key=payload.record_key, at=at)
        outbox.withdraw(session, entry)
        return SaveResult(person.id, person.version, tuple(reverted), None,
                          op_changes_of(person.id, reverted, certificate_id))


def _set_photo(session: Session, person: Person, data: bytes | None) -> None:
    if data is None:
        if person.photo is not None:
            session.delete(person.photo)
        return
    kind = photo_kind(data) or "jpeg"
    if person.photo is None:
        person.photo = Photo(mime=f"image/{kind}", data=data, sha256=_photo_digest(data) or "")
    else:
        person.photo.mime, person.photo.data, person.photo.sha256 = f"image/{kind}", data, _photo_digest(data) or ""


def _undo_person(session: Session, person: Person, fields: tuple[FieldChange, ...], undo_photo: bytes | None) -> None:
    _apply(session, person, {c.field: c.old for c in fields if c.field != PHOTO_FIELD})
    if any(c.field == PHOTO_FIELD for c in fields):
        _set_photo(session, person, undo_photo)


def _undo_certificate(session: Session, new_number: str, fields: tuple[FieldChange, ...]) -> int:
    cert = session.scalar(select(Certificate).where(Certificate.new_number == new_number))
    if cert is None:
        raise KnownError(msg("records.undo_certificate_gone", number=new_number))
    old: Mapping[str, str | None] = {c.field: c.old for c in fields}
    for name, value in old.items():
        setattr(cert, name, dt.date.fromisoformat(value) if value else None)
    cert.version += 1
    return cert.id
