"""Applying pushed changes: each item on its own, all or nothing, with one answer per item.

The order of checks: a change id seen before gets its stored answer (`duplicate`) or, with another
body, `idempotency_mismatch`; then the record, the bureau's permission, the fields, the per-field
merge (merge.py), the domain's validation of the whole resulting record. Only then is anything written:
the document, its certificate index, the field stamps, one audit entry per field, and the change id.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Sequence

from sqlalchemy import Connection, DateTime, bindparam, delete, text
from sqlalchemy.exc import DBAPIError

from desktop_app.domain.record import RecordError
from desktop_app.domain.rules import Rules
from desktop_app.sync.protocol import (
    PHOTO_FIELD,
    Entity,
    FieldConflict,
    ItemStatus,
    PushChange,
    PushResult,
    RejectCode,
    change_fingerprint,
    field_names,
)
from provincial_server import records, texts, writes
from provincial_server.db.engine import Database
from provincial_server.db.models import AppliedChange
from provincial_server.merge import Merge, merge
from provincial_server.writes import Bureau, StoredPerson

applied_changes = AppliedChange.__table__
RETRIES = 3  # PostgreSQL may abort one of two crossing transactions (deadlock): it is tried again


class Rejected(Exception):
    def __init__(self, code: RejectCode, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


COMMIT_EVERY = 25  # changes per transaction of a batch: far fewer commits, each change still its own savepoint


def apply_changes(db: Database, bureau: Bureau, changes: Sequence[PushChange], rules: Rules) -> list[PushResult]:
    """A batch, COMMIT_EVERY changes per transaction, each change inside its own savepoint (all or nothing).

    A kill loses at most the chunk being applied, whose changes then are not applied at all; a resend
    answers `duplicate` for every change of the chunks that were committed. Should the database abort
    a chunk (a deadlock on PostgreSQL), its changes are applied again one by one.
    """
    results: list[PushResult] = []
    for start in range(0, len(changes), COMMIT_EVERY):
        chunk = changes[start:start + COMMIT_EVERY]
        try:
            with db.write.begin() as conn:
                done = []
                for offset, change in enumerate(chunk):
                    with conn.begin_nested():
                        done.append(_apply(conn, bureau, change, start + offset, rules, "push"))
            results += done
        except DBAPIError as exc:
            if not _retryable(exc):
                raise
            results += [apply_change(db, bureau, change, start + offset, rules) for offset, change in enumerate(chunk)]
    return results


def apply_change(db: Database, bureau: Bureau, change: PushChange, index: int, rules: Rules,
                 source: str = "push") -> PushResult:
    for attempt in range(RETRIES):
        try:
            with db.write.begin() as conn:
                return _apply(conn, bureau, change, index, rules, source)
        except DBAPIError as exc:
            if attempt + 1 < RETRIES and _retryable(exc):
                continue
            raise
    raise AssertionError("unreachable")


def _retryable(exc: DBAPIError) -> bool:
    sqlstate = getattr(exc.orig, "sqlstate", None)
    return sqlstate in ("40001", "40P01", "23505")  # serialization failure, deadlock, a racing insert


def _apply(conn: Connection, bureau: Bureau, change: PushChange, index: int, rules: Rules,
           source: str) -> PushResult:
    fingerprint = change_fingerprint(change)
    seen = conn.execute(_SEEN, {"change_id": str(change.change_id)}).first()
    if seen is not None:
        if seen.fingerprint != fingerprint:
            return _rejected(index, change, RejectCode.IDEMPOTENCY_MISMATCH, change_id=change.change_id)
        stored = PushResult.model_validate_json(seen.result)
        return stored.model_copy(update={"index": index, "status": ItemStatus.DUPLICATE})
    try:
        return _merge_and_write(conn, bureau, change, index, rules, fingerprint, source)
    except Rejected as exc:  # nothing was written yet: the transaction commits no change
        return PushResult(index=index, change_id=change.change_id, status=ItemStatus.REJECTED, code=exc.code.value,
                          message=exc.message)


def _rejected(index: int, change: PushChange, code: RejectCode, **params: object) -> PushResult:
    return PushResult(index=index, change_id=change.change_id, status=ItemStatus.REJECTED, code=code.value,
                      message=texts.rejected(code.value, **params))


def _reject(code: RejectCode, **params: object) -> Rejected:
    return Rejected(code, texts.rejected(code.value, **params))


def _locate(conn: Connection, change: PushChange) -> StoredPerson:
    if change.entity is Entity.PERSON:
        stored = writes.load_person(conn, change.key)
    else:
        stored = writes.load_person_of_certificate(conn, change.key)
    if stored is None:
        raise _reject(RejectCode.UNKNOWN_RECORD, key=change.key)
    if stored.deleted or stored.doc is None:
        raise _reject(RejectCode.DELETED_RECORD, key=change.key)
    return stored


def _check_fields(change: PushChange) -> None:
    allowed = field_names(change.entity)
    names = [f.field for f in change.fields]
    for name in names:
        if name not in allowed:
            raise _reject(RejectCode.UNKNOWN_FIELD, field=name)
    if len(set(names)) != len(names):
        raise _reject(RejectCode.BAD_CHANGE, detail="同一字段出现了两次")


def _new_photo(change: PushChange) -> bytes | None:
    """The photo a change sets (its bytes must match the digest it names), or None."""
    photo_change = next((f for f in change.fields if f.field == PHOTO_FIELD), None)
    if photo_change is None or photo_change.new is None:
        return None
    if not change.photo:
        raise _reject(RejectCode.BAD_CHANGE, detail="照片修改缺少照片内容")
    try:
        data = base64.b64decode(change.photo, validate=True)
    except (binascii.Error, ValueError):
        raise _reject(RejectCode.BAD_CHANGE, detail="照片内容不是有效的 base64") from None
    if records.sha256(data) != photo_change.new:
        raise _reject(RejectCode.BAD_CHANGE, detail="照片内容与其摘要不符")
    reason = records.photo_format_reason(data)  # the record format's own rules: JPEG or PNG, at most 2 MB
    if reason:
        raise _reject(RejectCode.INVALID_VALUE, detail=reason)
    return data


def _merge_and_write(conn: Connection, bureau: Bureau, change: PushChange, index: int, rules: Rules,
                     fingerprint: str, source: str) -> PushResult:
    stored = _locate(conn, change)
    assert stored.doc is not None
    if not bureau.may_change(stored.units):
        raise _reject(RejectCode.NOT_YOUR_UNIT, units="、".join(sorted(bureau.units)) or "无")
    _check_fields(change)
    doc = json.loads(json.dumps(stored.doc))  # a deep copy to change
    if change.entity is Entity.PERSON:
        target, current = doc, records.person_values(doc, stored.photo_sha256)
        stamp_prefix = ""
    else:
        cert_doc = records.find_certificate(doc, records.validate(doc, rules), change.key)
        if cert_doc is None:
            raise _reject(RejectCode.UNKNOWN_RECORD, key=change.key)
        target, current, stamp_prefix = cert_doc, records.certificate_values(cert_doc), f"{change.key}:"
    result = merge(current, change.fields)
    now = now_utc()
    if result.conflicts:
        return _conflict(conn, stored, change, index, result, stamp_prefix)
    if result.already_applied:
        answer = PushResult(index=index, change_id=change.change_id, status=ItemStatus.DUPLICATE,
                            version=stored.version, seq=stored.seq)
        _remember(conn, change, fingerprint, stored.id, bureau, answer, now)
        return answer
    photo = _new_photo(change)
    to_apply = result.to_apply
    for field, value in to_apply.items():
        if field == PHOTO_FIELD:
            continue
        if change.entity is Entity.PERSON:
            records.set_person_field(target, field, value)
        else:
            target[field] = value
    if "id_number" in to_apply and "gender" not in to_apply:
        doc["gender"] = None
    try:
        new_record = records.validate(doc, rules, photo)
    except RecordError as exc:
        raise _reject(RejectCode.INVALID_VALUE, detail=str(exc)) from None
    if change.entity is Entity.CERTIFICATE or "id_number" in to_apply:  # else no number can have moved
        _check_unique(conn, stored, new_record.id_number, [c.new_number for c in new_record.certificates])
    keep_photo = PHOTO_FIELD not in to_apply
    person_id, version, seq = writes.save_person(conn, stored, new_record, rules, photo, keep_photo, now)
    writes.stamp(conn, person_id, [stamp_prefix + f for f in to_apply], bureau.name, change.operator, now)
    writes.write_audit(conn, [
        {"at": now, "source": source, "bureau": bureau.name, "operator": change.operator,
         "change_id": str(change.change_id), "id_number": new_record.id_number, "entity": change.entity.value,
         "key": change.key, "field": field, "old_value": current.get(field), "new_value": value}
        for field, value in to_apply.items()])
    answer = PushResult(index=index, change_id=change.change_id, status=ItemStatus.APPLIED, version=version, seq=seq)
    _remember(conn, change, fingerprint, person_id, bureau, answer, now)
    return answer


def _check_unique(conn: Connection, stored: StoredPerson, id_number: str, numbers: list[str]) -> None:
    if id_number != stored.id_number:
        other = writes.load_person(conn, id_number)
        if other is not None and not other.deleted:
            raise _reject(RejectCode.ID_NUMBER_TAKEN, id_number=id_number)
        if other is not None:  # a tombstone of that number: the corrected person takes the number over
            conn.execute(delete(writes.persons).where(writes.persons.c.id == other.id))
    taken = writes.taken_numbers(conn, numbers, stored.id)
    if taken:
        number, owner = next(iter(taken.items()))
        raise _reject(RejectCode.NUMBER_TAKEN, number=number, owner=owner)


def _conflict(conn: Connection, stored: StoredPerson, change: PushChange, index: int, result: Merge,
              prefix: str) -> PushResult:
    found = writes.stamps_of(conn, stored.id, [prefix + f.field for f in result.conflicts])
    conflicts = []
    for field in result.conflicts:
        stamp = found.get(prefix + field.field)
        conflicts.append(FieldConflict(
            field=field.field, base=field.base, yours=field.yours, theirs=field.theirs,
            changed_by=stamp.bureau if stamp else writes.PROVINCE,
            changed_by_operator=stamp.operator if stamp else None,
            changed_at=_utc(stamp.at) if stamp else None))
    return PushResult(index=index, change_id=change.change_id, status=ItemStatus.CONFLICT, version=stored.version,
                      seq=stored.seq, conflicts=conflicts)


def _utc(at: dt.datetime) -> dt.datetime:
    return at if at.tzinfo else at.replace(tzinfo=dt.UTC)  # SQLite gives back naive UTC times


_REMEMBER = text("INSERT INTO applied_changes (change_id, fingerprint, person_id, bureau, result, at) "
                 "VALUES (:change_id, :fingerprint, :person_id, :bureau, :result, :at)").bindparams(
    bindparam("at", type_=DateTime(timezone=True)))
_SEEN = text("SELECT fingerprint, result FROM applied_changes WHERE change_id = :change_id")


def _remember(conn: Connection, change: PushChange, fingerprint: str, person_id: int, bureau: Bureau,
              answer: PushResult, now: dt.datetime) -> None:
    conn.execute(_REMEMBER, {"change_id": str(change.change_id), "fingerprint": fingerprint, "person_id": person_id,
                             "bureau": bureau.name, "result": answer.model_dump_json(), "at": now})
