"""Pushing: outbox entries → protocol changes, and the server's answer → each entry's state.

Entries go in the order they were made, in batches. An entry is marked `sending` (and its attempt
counted) in its own commit before the request, so a crash leaves it `sending` and the next sync sends
it again: the server answers `duplicate` for one it had applied (the answer was lost), so it is
applied once. A transient failure puts the entries in `retry_wait` with an exponential back-off and
jitter; after MAX_ATTEMPTS they still wait, but count as needing attention. Entries of a person whose
earlier change conflicts or was rejected are held back (they were made on top of it); entries of
other persons are never blocked.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.store import outbox
from desktop_app.store.models import OutboxEntry, Person, Photo, SyncConflict
from desktop_app.store.outbox import OutboxState
from desktop_app.sync.protocol import (
    CERTIFICATE_FIELDS,
    PHOTO_FIELD,
    ChangeAction,
    Entity,
    FieldValue,
    ItemStatus,
    PushChange,
    PushResult,
)
from desktop_app.sync.pull import settle_upstream

MAX_ATTEMPTS = 8  # then the entry "needs attention" (it keeps waiting for the next sync)
RETRY_BASE_S = 30
RETRY_MAX_S = 3600
# the edit form's names → the record format's (protocol.PERSON_FIELDS)
PERSON_FIELD_NAMES = {"employer_name": "employer.name", "employer_uscc": "employer.uscc"}
_SENDABLE = (OutboxState.PENDING, OutboxState.SENDING, OutboxState.RETRY_WAIT)


@dataclass
class PushReport:
    pushed: int = 0
    applied: int = 0
    duplicates: int = 0
    conflicts: int = 0
    rejected: int = 0
    waiting: int = 0  # left in retry_wait by a transient failure
    held: int = 0  # behind a conflicting or rejected change of the same person
    applied_persons: set[int] = field(default_factory=set)


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def due_entries(session: Session, now: dt.datetime) -> tuple[list[OutboxEntry], int]:
    """The entries to send now, in order, and how many are held behind a blocked change."""
    rows = session.scalars(select(OutboxEntry).where(
        OutboxEntry.state.in_([s.value for s in (*_SENDABLE, OutboxState.CONFLICT, OutboxState.REJECTED)]),
        OutboxEntry.settled_at.is_(None)).order_by(OutboxEntry.id)).all()
    blocked: set[int | None] = set()
    due, held = [], 0
    for entry in rows:
        if entry.state in (OutboxState.CONFLICT.value, OutboxState.REJECTED.value):
            blocked.add(entry.person_id)
        elif entry.person_id in blocked:
            held += 1
        elif entry.state != OutboxState.RETRY_WAIT.value or entry.next_retry_at is None or entry.next_retry_at <= now:
            due.append(entry)
    return due, held


def _photo_bytes(session: Session, entry: OutboxEntry, digest: str) -> bytes | None:
    """The photo whose SHA-256 is `digest`: the person's current one, or the one a later change replaced."""
    current = session.get(Photo, entry.person_id) if entry.person_id else None
    if current is not None and current.sha256 == digest:
        return current.data
    later = session.scalars(select(OutboxEntry).where(OutboxEntry.person_id == entry.person_id,
                                                      OutboxEntry.id > entry.id).order_by(OutboxEntry.id))
    for other in later:
        photo = outbox.payload_of(other).undo_photo
        if photo is not None and hashlib.sha256(photo).hexdigest() == digest:
            return photo
    return None


def to_change(session: Session, entry: OutboxEntry) -> PushChange | None:
    """The protocol change an entry stands for (None when nothing in it concerns the server)."""
    payload = outbox.payload_of(entry)
    entity = Entity.PERSON if payload.entity is outbox.Entity.PERSON else Entity.CERTIFICATE
    fields, photo = [], None
    for change in payload.fields:
        name = PERSON_FIELD_NAMES.get(change.field, change.field) if entity is Entity.PERSON else change.field
        if entity is Entity.CERTIFICATE and name not in CERTIFICATE_FIELDS:
            continue  # new_generated_at: when it was generated here, no record-format field
        fields.append(FieldValue(field=name, old=change.old, new=change.new))
        if name == PHOTO_FIELD and change.new:
            data = _photo_bytes(session, entry, change.new)
            photo = base64.b64encode(data).decode("ascii") if data is not None else None
    if not fields:
        return None
    person = session.get(Person, entry.person_id) if entry.person_id else None
    return PushChange(
        change_id=payload.change_id, entity=entity, key=payload.record_key,
        base_version=(person.server_version or 0) if person else 0,
        action=ChangeAction.GENERATE if payload.action is outbox.ChangeAction.GENERATE else ChangeAction.UPDATE,
        fields=fields, photo=photo, operator=payload.operator or "?",
        made_at=entry.created_at.astimezone(dt.UTC), reason=payload.reason)


def mark_sending(session: Session, entries: Sequence[OutboxEntry]) -> None:
    for entry in entries:
        entry.state = OutboxState.SENDING.value
        entry.attempts = (entry.attempts or 0) + 1


def settle_locally(entry: OutboxEntry, now: dt.datetime) -> None:
    """An entry with nothing for the server (only local bookkeeping fields): done without sending."""
    entry.state, entry.settled_at, entry.last_error = OutboxState.APPLIED.value, now, None


def apply_result(session: Session, entry: OutboxEntry, change: PushChange, result: PushResult,
                 report: PushReport, now: dt.datetime) -> None:
    report.pushed += 1
    if result.status in (ItemStatus.APPLIED, ItemStatus.DUPLICATE):
        entry.state = (OutboxState.APPLIED if result.status is ItemStatus.APPLIED else OutboxState.DUPLICATE).value
        entry.settled_at, entry.last_error, entry.error_code, entry.next_retry_at = now, None, None, None
        person = session.get(Person, entry.person_id) if entry.person_id else None
        if person is not None and result.version is not None:
            person.server_version = max(person.server_version or 0, result.version)
            report.applied_persons.add(person.id)
        if result.status is ItemStatus.APPLIED:
            report.applied += 1
        else:
            report.duplicates += 1
        if person is not None and result.version is not None:
            settle_upstream(session, person.id, result.version)  # a duplicate brings nothing back
        return
    if result.status is ItemStatus.CONFLICT:
        report.conflicts += 1
        entry.state, entry.error_code = OutboxState.CONFLICT.value, "conflict"
        entry.last_error = "；".join(f"{c.field}：本地改为“{c.yours or '（空）'}”，省级已是“{c.theirs or '（空）'}”"
                                    for c in result.conflicts)
        for c in result.conflicts:
            session.add(SyncConflict(
                outbox_id=entry.id, person_id=entry.person_id, entity=change.entity.value, entity_key=change.key,
                field=c.field, base=c.base, yours=c.yours, theirs=c.theirs, yours_by=change.operator,
                yours_at=entry.created_at, theirs_by=c.changed_by, theirs_operator=c.changed_by_operator,
                theirs_at=c.changed_at.astimezone().replace(tzinfo=None) if c.changed_at else None, found_at=now))
        return
    report.rejected += 1
    entry.state, entry.error_code = OutboxState.REJECTED.value, result.code
    entry.last_error = result.message or result.code


def retry_later(entries: Sequence[OutboxEntry], reason: str, report: PushReport, now: dt.datetime) -> None:
    for entry in entries:
        entry.state, entry.last_error = OutboxState.RETRY_WAIT.value, reason
        backoff = min(RETRY_MAX_S, RETRY_BASE_S * 2 ** max(0, (entry.attempts or 1) - 1))
        entry.next_retry_at = now + dt.timedelta(seconds=random.uniform(backoff / 2, backoff))
        report.waiting += 1


def back_to_pending(entries: Sequence[OutboxEntry], reason: str) -> None:
    """The server refused the request itself (token, protocol): the entries are not at fault."""
    for entry in entries:
        entry.state, entry.last_error = OutboxState.PENDING.value, reason
