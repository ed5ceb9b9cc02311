"""The outbox, and its one owner: every local change waiting to reach the provincial server.

Every writer (corrections, undo, certificate generation, supplement imports) calls `enqueue`; undo,
the "unsynced" search filter and (later) sync read entries through this module only. An entry's
payload is typed (`OutboxPayload`): a change id (UUID, the idempotency key sync sends), the entity
and its record key, the version the change was based on, the field changes old → new, and the action.
Its state moves pending → sending → applied | duplicate | conflict | rejected | retry_wait.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.domain.changes import FieldChange
from desktop_app.store.models import OutboxEntry


class OutboxState(StrEnum):
    PENDING = "pending"  # queued, not sent yet: the only state that can still be undone
    SENDING = "sending"
    APPLIED = "applied"
    DUPLICATE = "duplicate"  # the server had applied it already (a lost answer): applied once
    CONFLICT = "conflict"
    REJECTED = "rejected"
    RETRY_WAIT = "retry_wait"


# States of a change that has not reached the server: its person has local, unsynced work.
UNSYNCED_STATES: tuple[OutboxState, ...] = (OutboxState.PENDING, OutboxState.SENDING, OutboxState.CONFLICT,
                                             OutboxState.REJECTED, OutboxState.RETRY_WAIT)
_UNSYNCED_SQL = ", ".join(f"'{state.value}'" for state in UNSYNCED_STATES)
# For raw-SQL readers (the search filter, the importer): the persons with unsynced local changes.
# A conflict resolved or a rejected change discarded is settled (settled_at set): no longer unsynced.
UNSYNCED_PERSONS_SQL = (f"SELECT person_id FROM outbox WHERE state IN ({_UNSYNCED_SQL}) AND settled_at IS NULL "
                        "AND person_id IS NOT NULL")


def unsynced_counts_sql(marks: str) -> str:
    """Per person, how many unsynced changes: `marks` is the `?, ?, …` list of person ids."""
    return (f"SELECT person_id, count(*) FROM outbox WHERE state IN ({_UNSYNCED_SQL}) AND settled_at IS NULL "
            f"AND person_id IN ({marks}) GROUP BY person_id")


class ChangeAction(StrEnum):
    UPDATE = "update"  # field corrections of a person or a certificate
    GENERATE = "generate_new_certificate"  # issuance: sync and undo can tell it apart


class Entity(StrEnum):
    PERSON = "person"
    CERTIFICATE = "certificate"


@dataclass(frozen=True)
class OutboxPayload:
    change_id: uuid.UUID
    entity: Entity
    record_key: str  # the person's ID number, or the certificate's stable new_number
    base_version: int
    fields: tuple[FieldChange, ...]
    action: ChangeAction
    operator: str
    reason: str | None = None
    undo_photo: bytes | None = None  # the photo before the change, so it can be undone before sync

    def to_json(self) -> str:
        data: dict[str, Any] = {
            "fields": {c.field: {"old": c.old, "new": c.new} for c in self.fields},
            "operator": self.operator, "reason": self.reason, "action": self.action.value,
        }
        if self.undo_photo is not None:
            data["undo_photo"] = base64.b64encode(self.undo_photo).decode("ascii")
        return json.dumps(data, ensure_ascii=False)


def payload_of(entry: OutboxEntry) -> OutboxPayload:
    data = json.loads(entry.changes)
    fields = tuple(FieldChange(f, v.get("old"), v.get("new")) for f, v in data.get("fields", {}).items())
    photo = data.get("undo_photo")
    return OutboxPayload(
        change_id=uuid.UUID(entry.change_id), entity=Entity(entry.entity), record_key=entry.entity_key,
        base_version=entry.base_version, fields=fields, action=ChangeAction(entry.action),
        operator=data.get("operator") or "", reason=data.get("reason"),
        undo_photo=base64.b64decode(photo) if photo else None)


def enqueue(session: Session, *, person_id: int, entity: Entity, record_key: str, base_version: int,
            fields: Sequence[FieldChange], operator: str, reason: str | None = None,
            action: ChangeAction = ChangeAction.UPDATE, undo_photo: bytes | None = None,
            at: dt.datetime | None = None, flush: bool = True) -> OutboxEntry:
    """Queue one change in the caller's transaction (with the audit entries the caller writes)."""
    payload = OutboxPayload(uuid.uuid4(), entity, record_key, base_version, tuple(fields), action, operator,
                            reason or None, undo_photo)
    entry = OutboxEntry(
        change_id=str(payload.change_id), created_at=at or dt.datetime.now().replace(microsecond=0),
        entity=entity.value, entity_key=record_key, person_id=person_id, base_version=base_version,
        action=action.value, changes=payload.to_json(), state=OutboxState.PENDING.value)
    session.add(entry)
    if flush:
        session.flush()
    return entry


def last_pending(session: Session, person_id: int) -> OutboxEntry | None:
    """The newest change of this person not sent yet: what undo would take back."""
    return session.scalar(select(OutboxEntry).where(OutboxEntry.person_id == person_id,
                                                    OutboxEntry.state == OutboxState.PENDING.value)
                          .order_by(OutboxEntry.id.desc()).limit(1))


def withdraw(session: Session, entry: OutboxEntry) -> None:
    """Take back a change that was never sent (undo): it must not reach the server."""
    if entry.state != OutboxState.PENDING.value:
        raise ValueError(f"outbox entry {entry.id} is {entry.state}, not pending: it cannot be withdrawn")
    session.delete(entry)


def unsynced_count(session: Session, person_id: int) -> int:
    return session.scalar(select(func.count()).select_from(OutboxEntry).where(
        OutboxEntry.person_id == person_id, OutboxEntry.state.in_([s.value for s in UNSYNCED_STATES]),
        OutboxEntry.settled_at.is_(None))) or 0


def pending_count(session: Session, person_id: int) -> int:
    return session.scalar(select(func.count()).select_from(OutboxEntry).where(
        OutboxEntry.person_id == person_id, OutboxEntry.state == OutboxState.PENDING.value)) or 0


def entries(session: Session, states: Iterable[OutboxState] = UNSYNCED_STATES) -> list[OutboxEntry]:
    """Queued entries in the order they were made (the order sync sends them)."""
    return list(session.scalars(select(OutboxEntry).where(OutboxEntry.state.in_([s.value for s in states]))
                                .order_by(OutboxEntry.id)))
