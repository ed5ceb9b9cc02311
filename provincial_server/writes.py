"""The server's write steps, shared by push, `edit`, `delete` and import: one person at a time, in the caller's
transaction. Every write takes the person's row first and the sequence counter last (`next_seq`)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Boolean, Connection, DateTime, bindparam, delete, insert, select, text, update

from desktop_app.domain.record import PersonRecord
from desktop_app.domain.rules import Rules
from provincial_server import records
from provincial_server.db.models import AuditEntry, CertificateIndex, Counter, FieldStamp, Person, Photo

PROVINCE = "省级"  # the bureau name of changes made at the province (`edit`, import)
persons = Person.__table__
photos = Photo.__table__
certificates = CertificateIndex.__table__
stamps = FieldStamp.__table__
audit_table = AuditEntry.__table__
counters = Counter.__table__


@dataclass(frozen=True)
class Bureau:
    name: str
    units: frozenset[str]
    province: bool = False  # the province's own tools may change any record

    def may_change(self, holder_units: Iterable[str]) -> bool:
        return self.province or not self.units.isdisjoint(holder_units)


@dataclass
class StoredPerson:
    id: int
    id_number: str
    doc: dict[str, Any] | None
    photo_sha256: str | None
    version: int
    seq: int
    deleted: bool

    @property
    def units(self) -> set[str]:
        return {c["issuer_unit"] for c in (self.doc or {}).get("certificates") or []}


_COLUMNS = (persons.c.id, persons.c.id_number, persons.c.doc, persons.c.photo_sha256, persons.c.version,
            persons.c.seq, persons.c.deleted)


def _load(conn: Connection, where: Any, lock: bool) -> StoredPerson | None:
    query = select(*_COLUMNS).where(where)
    if lock and conn.dialect.name == "postgresql":
        query = query.with_for_update()
    row = conn.execute(query).first()
    if row is None:
        return None
    return StoredPerson(row.id, row.id_number, json.loads(row.doc) if row.doc else None, row.photo_sha256,
                        row.version, row.seq, row.deleted)


_LOAD = "SELECT id, id_number, doc, photo_sha256, version, seq, deleted FROM persons WHERE id_number = :n"
_LOAD_TEXT, _LOAD_LOCKED = text(_LOAD), text(_LOAD + " FOR UPDATE")


def load_person(conn: Connection, id_number: str, lock: bool = True) -> StoredPerson | None:
    locked = lock and conn.dialect.name == "postgresql"
    row = conn.execute(_LOAD_LOCKED if locked else _LOAD_TEXT, {"n": id_number}).first()
    if row is None:
        return None
    return StoredPerson(row.id, row.id_number, json.loads(row.doc) if row.doc else None, row.photo_sha256,
                        row.version, row.seq, bool(row.deleted))


def load_person_of_certificate(conn: Connection, new_number: str, lock: bool = True) -> StoredPerson | None:
    person_id = conn.scalar(select(certificates.c.person_id).where(certificates.c.new_number == new_number))
    return None if person_id is None else _load(conn, persons.c.id == person_id, lock)


def photo_of(conn: Connection, person_id: int) -> bytes | None:
    return conn.scalar(select(photos.c.data).where(photos.c.person_id == person_id))


# The statements of every pushed change, built once: building SQLAlchemy expressions per change cost
# more than the database work (benchmarks/bench_server.py, profile of the push).
_NEXT_SEQ = text("UPDATE counters SET value = value + :n WHERE name = 'seq' RETURNING value")
_UPDATE_PERSON = text("UPDATE persons SET id_number = :id_number, doc = :doc, photo_sha256 = :photo_sha256, "
                      "seq = :seq, deleted = :deleted, updated_at = :updated_at, version = :version WHERE id = :id"
                      ).bindparams(bindparam("updated_at", type_=DateTime(timezone=True)),
                                   bindparam("deleted", type_=Boolean()))
_DELETE_INDEX = text("DELETE FROM certificates WHERE person_id = :person_id")
_INSERT_INDEX = text("INSERT INTO certificates (person_id, new_number, unit, kind, digest) "
                     "VALUES (:person_id, :new_number, :unit, :kind, :digest)")
_DELETE_STAMPS = text("DELETE FROM field_stamps WHERE person_id = :person_id AND field IN :fields").bindparams(
    bindparam("fields", expanding=True))
_INSERT_STAMP = text("INSERT INTO field_stamps (person_id, field, bureau, operator, at) "
                     "VALUES (:person_id, :field, :bureau, :operator, :at)").bindparams(
    bindparam("at", type_=DateTime(timezone=True)))


def next_seq(conn: Connection, count: int = 1) -> int:
    """The first of `count` new sequence numbers. Taken last: its row lock orders the commits."""
    last = conn.execute(_NEXT_SEQ, {"n": count}).scalar_one()
    return int(last) - count + 1


def high_water(conn: Connection) -> int:
    return int(conn.scalar(select(counters.c.value).where(counters.c.name == "seq")) or 0)


def taken_numbers(conn: Connection, numbers: Sequence[str], person_id: int | None) -> dict[str, str]:
    """Of these certificate numbers, those another person holds: number → that person's ID number."""
    if not numbers:
        return {}
    query = (select(certificates.c.new_number, persons.c.id_number)
             .join(persons, persons.c.id == certificates.c.person_id)
             .where(certificates.c.new_number.in_(list(numbers))))
    if person_id is not None:
        query = query.where(certificates.c.person_id != person_id)
    return {number: id_number for number, id_number in conn.execute(query)}


def save_person(conn: Connection, stored: StoredPerson | None, record: PersonRecord, rules: Rules,
                photo: bytes | None, keep_photo: bool, now: dt.datetime) -> tuple[int, int, int]:
    """Write the person's new state (a new sequence, version + 1) and its certificate index: (id, version, seq)."""
    photo_sha = stored.photo_sha256 if keep_photo and stored else records.sha256(photo)
    doc_text = records.dump(records.doc_of(record))
    seq = next_seq(conn)
    values = {"id_number": record.id_number, "doc": doc_text, "photo_sha256": photo_sha, "seq": seq,
              "deleted": False, "updated_at": now}
    if stored is None:
        version = 1
        person_id = conn.execute(insert(persons).values(version=1, **values).returning(persons.c.id)).scalar_one()
    else:
        person_id, version = stored.id, stored.version + 1
        conn.execute(_UPDATE_PERSON, {**values, "version": version, "id": person_id})
        if stored.id_number != record.id_number:
            _leave_tombstone(conn, stored.id_number, now)
    if not keep_photo:
        conn.execute(delete(photos).where(photos.c.person_id == person_id))
        if photo is not None:
            conn.execute(insert(photos).values(person_id=person_id, data=photo))
    write_index(conn, person_id, records.index_rows(record, photo_sha, rules))
    return person_id, version, seq


def _leave_tombstone(conn: Connection, old_id_number: str, now: dt.datetime) -> None:
    """A corrected ID number: the old one goes out as a tombstone, so every client drops its copy."""
    conn.execute(insert(persons).values(id_number=old_id_number, doc=None, photo_sha256=None, version=1,
                                        seq=next_seq(conn), deleted=True, updated_at=now))


def write_index(conn: Connection, person_id: int, rows: Sequence[records.IndexRow]) -> None:
    conn.execute(_DELETE_INDEX, {"person_id": person_id})
    if rows:
        conn.execute(_INSERT_INDEX, [{"person_id": person_id, "new_number": r.new_number, "unit": r.unit,
                                      "kind": r.kind, "digest": r.digest} for r in rows])


def tombstone(conn: Connection, stored: StoredPerson, now: dt.datetime) -> tuple[int, int]:
    """Remove a person: the row stays as a tombstone the feed sends, without data."""
    conn.execute(delete(certificates).where(certificates.c.person_id == stored.id))
    conn.execute(delete(photos).where(photos.c.person_id == stored.id))
    version, seq = stored.version + 1, next_seq(conn)
    conn.execute(update(persons).where(persons.c.id == stored.id).values(
        doc=None, photo_sha256=None, deleted=True, version=version, seq=seq, updated_at=now))
    return version, seq


def stamp(conn: Connection, person_id: int, fields: Sequence[str], bureau: str, operator: str | None,
          now: dt.datetime) -> None:
    if not fields:
        return
    conn.execute(_DELETE_STAMPS, {"person_id": person_id, "fields": list(fields)})
    conn.execute(_INSERT_STAMP, [{"person_id": person_id, "field": f, "bureau": bureau, "operator": operator,
                                  "at": now} for f in fields])


def stamps_of(conn: Connection, person_id: int, fields: Sequence[str]) -> dict[str, Any]:
    rows = conn.execute(select(stamps).where(stamps.c.person_id == person_id, stamps.c.field.in_(list(fields))))
    return {r.field: r for r in rows}


def write_audit(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        conn.execute(insert(audit_table), list(rows))
