"""What sync leaves for people: the queued changes (the outbox view), the conflicts and their resolution,
retrying and discarding. No Qt; the UI and the CLI reach it through the sync service.

Resolving a conflict is itself an audited change that syncs: the original entry is settled, and a
new one carries, for each field, the server's value (theirs) → the chosen one, with the entry's other
fields as they were. Choosing theirs writes it locally and sends nothing for that field. Once a person
has nothing unsynced left, the upstream copy held beside it (sync_upstream) is written over it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.domain.changes import FieldChange
from desktop_app.domain.person_fields import FIELD_LABELS, check_field
from desktop_app.errors import KnownError
from desktop_app.messages import msg
from desktop_app.services.changes import ChangeKind, OpChanges
from desktop_app.services.edits import apply_person_values
from desktop_app.store import outbox
from desktop_app.store.engine import Cache
from desktop_app.store.locking import write_session
from desktop_app.store.models import AuditLog, Certificate, OutboxEntry, Person, SyncConflict
from desktop_app.store.outbox import OutboxState
from desktop_app.sync.pull import settle_upstream
from desktop_app.sync.send import MAX_ATTEMPTS

KEEP_CHOICES = ("mine", "theirs", "value")
_LOCAL_NAMES = {"employer.name": "employer_name", "employer.uscc": "employer_uscc"}


@dataclass(frozen=True)
class OutboxRow:
    id: int
    change_id: str
    created_at: dt.datetime
    entity: str
    record_key: str
    person_id: int | None
    person_name: str | None
    fields: tuple[FieldChange, ...]
    state: str
    attempts: int
    next_retry_at: dt.datetime | None
    reason: str | None  # the server's reason in words, or the network's
    error_code: str | None
    settled: bool

    @property
    def needs_attention(self) -> bool:
        return not self.settled and (self.state in (OutboxState.CONFLICT.value, OutboxState.REJECTED.value)
                                     or (self.state == OutboxState.RETRY_WAIT.value and self.attempts >= MAX_ATTEMPTS))


@dataclass(frozen=True)
class ConflictRow:
    id: int
    outbox_id: int
    person_id: int | None
    id_number: str | None
    person_name: str | None
    entity: str
    entity_key: str
    field: str
    base: str | None
    yours: str | None
    yours_by: str | None
    yours_at: dt.datetime | None
    theirs: str | None
    theirs_by: str | None
    theirs_operator: str | None
    theirs_at: dt.datetime | None


def outbox_rows(cache: Cache, include_settled: bool = False) -> list[OutboxRow]:
    with Session(cache.engine) as session:
        query = select(OutboxEntry, Person.name).outerjoin(Person, Person.id == OutboxEntry.person_id)
        if not include_settled:
            query = query.where(OutboxEntry.settled_at.is_(None),
                                OutboxEntry.state.in_([s.value for s in outbox.UNSYNCED_STATES]))
        rows = session.execute(query.order_by(OutboxEntry.id)).all()
        return [OutboxRow(e.id, e.change_id, e.created_at, e.entity, e.entity_key, e.person_id, name,
                          outbox.payload_of(e).fields, e.state, e.attempts or 0, e.next_retry_at, e.last_error,
                          e.error_code, e.settled_at is not None) for e, name in rows]


def conflict_rows(cache: Cache, person_id: int | None = None) -> list[ConflictRow]:
    with Session(cache.engine) as session:
        query = (select(SyncConflict, Person.id_number, Person.name)
                 .outerjoin(Person, Person.id == SyncConflict.person_id).where(SyncConflict.resolved_at.is_(None)))
        if person_id is not None:
            query = query.where(SyncConflict.person_id == person_id)
        return [ConflictRow(c.id, c.outbox_id, c.person_id, idn, name, c.entity, c.entity_key, c.field, c.base,
                            c.yours, c.yours_by, c.yours_at, c.theirs, c.theirs_by, c.theirs_operator, c.theirs_at)
                for c, idn, name in session.execute(query.order_by(SyncConflict.id)).all()]


def persons_in_conflict(cache: Cache) -> set[int]:
    with Session(cache.engine) as session:
        return {pid for pid in session.scalars(select(SyncConflict.person_id).where(
            SyncConflict.resolved_at.is_(None))) if pid is not None}


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _set_locally(session: Session, conflict: SyncConflict, value: str | None, operator: str, at: dt.datetime) -> None:
    """Write the chosen value into the cache (audited), when it is not the local value already."""
    if conflict.field == "photo" or conflict.person_id is None:
        return  # a photo arrives with the upstream record once the person is settled
    person = session.get(Person, conflict.person_id)
    if person is None:
        return
    if conflict.entity == "person":
        name = _LOCAL_NAMES.get(conflict.field, conflict.field)
        if name in FIELD_LABELS:
            check = check_field(name, value)
            if not check.ok:
                raise KnownError(check.reason)
            value = check.value
        apply_person_values(session, person, {name: value})
        person.version += 1
    else:
        cert = session.scalar(select(Certificate).where(Certificate.new_number == conflict.entity_key))
        if cert is None or not hasattr(cert, conflict.field):
            return
        current = getattr(cert, conflict.field)
        setattr(cert, conflict.field, dt.date.fromisoformat(value) if value and isinstance(current, dt.date)
                else value)
        cert.version += 1
    session.add(AuditLog(at=at, operator=operator, entity=conflict.entity, entity_key=conflict.entity_key,
                         person_id=conflict.person_id, field=conflict.field, old_value=conflict.yours,
                         new_value=value, reason="解决同步冲突：采用省级", source="sync"))


def resolve(cache: Cache, conflict_id: int, keep: str, operator: str, value: str | None = None) -> OpChanges:
    """Settle one field's conflict: keep mine, take theirs, or a third value. Audited; what remains syncs."""
    if keep not in KEEP_CHOICES:
        raise KnownError(msg("sync.bad_choice", choice=keep))
    at = _now()
    with write_session(cache) as session, session.begin():
        conflict = session.get(SyncConflict, conflict_id)
        if conflict is None or conflict.resolved_at is not None:
            raise KnownError(msg("sync.no_conflict", id=conflict_id))
        chosen = conflict.yours if keep == "mine" else conflict.theirs if keep == "theirs" else (value or None)
        conflict.resolution, conflict.resolved_at, conflict.chosen = keep, at, chosen
        if chosen != conflict.yours:
            _set_locally(session, conflict, chosen, operator, at)
        entry = session.get(OutboxEntry, conflict.outbox_id)
        assert entry is not None
        open_ones = session.scalars(select(SyncConflict).where(SyncConflict.outbox_id == entry.id,
                                                               SyncConflict.resolved_at.is_(None))).all()
        if not open_ones:
            _requeue(session, entry, operator, at)
        person_id = conflict.person_id
        settle_upstream(session, person_id)
    return OpChanges(person_ids=frozenset({person_id}) if person_id else frozenset(),
                     kinds=frozenset({ChangeKind.RECORD, ChangeKind.OUTBOX}))


def _requeue(session: Session, entry: OutboxEntry, operator: str, at: dt.datetime) -> None:
    """Every conflict of the entry is settled: send what is left, on top of the server's values."""
    payload = outbox.payload_of(entry)
    settled = {c.field: c for c in session.scalars(select(SyncConflict).where(SyncConflict.outbox_id == entry.id))}
    fields = []
    for change in payload.fields:
        name = change.field if entry.entity != "person" else {v: k for k, v in _LOCAL_NAMES.items()}.get(
            change.field, change.field)
        conflict = settled.get(name)
        if conflict is None:
            fields.append(change)
            continue
        if conflict.chosen != conflict.theirs:
            fields.append(FieldChange(change.field, conflict.theirs, conflict.chosen))
    entry.settled_at = at
    if fields and entry.person_id is not None:
        outbox.enqueue(session, person_id=entry.person_id, entity=outbox.Entity(entry.entity),
                       record_key=entry.entity_key, base_version=entry.base_version, fields=fields,
                       operator=operator, reason="解决同步冲突", action=outbox.ChangeAction(entry.action), at=at)


def retry_now(cache: Cache, entry_id: int) -> OpChanges:
    """"立即重试": a waiting entry is due at the next sync, its back-off forgotten."""
    with write_session(cache) as session, session.begin():
        entry = session.get(OutboxEntry, entry_id)
        if entry is None or entry.state not in (OutboxState.RETRY_WAIT.value, OutboxState.SENDING.value):
            raise KnownError(msg("sync.not_waiting", id=entry_id))
        entry.state, entry.next_retry_at = OutboxState.PENDING.value, None
        return OpChanges(person_ids=frozenset({entry.person_id}) if entry.person_id else frozenset(),
                         kinds=frozenset({ChangeKind.OUTBOX}))


def discard(cache: Cache, entry_id: int, operator: str, reason: str) -> OpChanges:
    """"放弃" a rejected change (with the reason, audited): it is settled and the record goes back to the province's."""
    if not reason.strip():
        raise KnownError(msg("sync.discard_needs_reason"))
    at = _now()
    with write_session(cache) as session, session.begin():
        entry = session.get(OutboxEntry, entry_id)
        if entry is None or entry.state != OutboxState.REJECTED.value or entry.settled_at is not None:
            raise KnownError(msg("sync.not_rejected", id=entry_id))
        entry.settled_at = at
        session.add(AuditLog(at=at, operator=operator, entity=entry.entity, entity_key=entry.entity_key,
                             person_id=entry.person_id, field=None, old_value=entry.change_id,
                             new_value=None, reason=f"放弃被拒绝的修改：{reason.strip()}", source="sync"))
        settle_upstream(session, entry.person_id)
        return OpChanges(person_ids=frozenset({entry.person_id}) if entry.person_id else frozenset(),
                         kinds=frozenset({ChangeKind.RECORD, ChangeKind.OUTBOX}))
