"""What the province does by hand: export every record, edit a person, remove one (a tombstone)."""

from __future__ import annotations

import datetime as dt
import getpass
import os
import uuid
from collections.abc import Mapping
from pathlib import Path

from sqlalchemy import text

from desktop_app.domain.rules import Rules
from desktop_app.sync.protocol import PERSON_FIELDS, PHOTO_FIELD, Entity, FieldValue, PushChange, PushResult
from provincial_server import push, records, writes
from provincial_server.db.engine import Database
from provincial_server.writes import PROVINCE, Bureau


class AdminError(Exception):
    """A one-line reason for the command line (exit 1)."""


def province_operator() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "province"


def export_records(db: Database, path: Path) -> int:
    """Every live person, sorted by ID number, in the record format; written to `.part`, then renamed."""
    part = path.with_name(path.name + ".part")
    count = 0
    with part.open("w", encoding="utf-8", newline="\n") as out, db.read.connect() as conn:
        rows = conn.execution_options(stream_results=True, yield_per=2000).execute(text(
            "SELECT p.doc, ph.data FROM persons p LEFT JOIN photos ph ON ph.person_id = p.id "
            "WHERE p.deleted = :no ORDER BY p.id_number"), {"no": False})
        for doc, photo in rows:
            out.write(records.with_photo(doc, photo) + "\n")
            count += 1
    os.replace(part, path)
    return count


def parse_assignments(pairs: list[str]) -> dict[str, str | None]:
    values: dict[str, str | None] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip()
        if not sep or not name:
            raise AdminError(f"not FIELD=VALUE: {pair}")
        if name not in PERSON_FIELDS or name == PHOTO_FIELD:
            allowed = ", ".join(f for f in PERSON_FIELDS if f != PHOTO_FIELD)
            raise AdminError(f"unknown field {name!r} (fields: {allowed})")
        values[name] = value.strip() or None
    return values


def edit(db: Database, rules: Rules, id_number: str, values: Mapping[str, str | None]) -> PushResult:
    """A change made at the province: the same merge, validation, audit and feed entry as a push."""
    key = id_number.strip().upper()
    with db.read.begin() as conn:
        stored = writes.load_person(conn, key, lock=False)
    if stored is None or stored.doc is None:
        raise AdminError(f"no person with ID number {key}")
    current = records.person_values(stored.doc, stored.photo_sha256)
    fields = [FieldValue(field=f, old=current.get(f), new=v) for f, v in values.items()]
    change = PushChange(change_id=uuid.uuid4(), entity=Entity.PERSON, key=key, base_version=stored.version,
                        fields=fields, operator=province_operator(), made_at=dt.datetime.now(dt.UTC),
                        reason="省级修改")
    return push.apply_change(db, Bureau(PROVINCE, frozenset(), province=True), change, 0, rules, source="edit")


def delete(db: Database, id_number: str) -> int:
    """Remove a person (a duplicate record, say): its tombstone goes out in the feed. Returns the seq."""
    key = id_number.strip().upper()
    now = dt.datetime.now(dt.UTC)
    with db.write.begin() as conn:
        stored = writes.load_person(conn, key)
        if stored is None or stored.deleted:
            raise AdminError(f"no person with ID number {key}")
        _version, seq = writes.tombstone(conn, stored, now)
        writes.write_audit(conn, [{"at": now, "source": "delete", "bureau": PROVINCE, "operator": province_operator(),
                                   "change_id": None, "id_number": key, "entity": "person", "key": key,
                                   "field": None, "old_value": None, "new_value": None}])
    return seq


def new_epoch(db: Database) -> str:
    """A new dataset identity (after restoring an older backup, say): every client pulls again from scratch."""
    epoch = uuid.uuid4().hex
    with db.write.begin() as conn:
        conn.execute(text("UPDATE meta SET value = :v WHERE key = 'epoch'"), {"v": epoch})
    return epoch
