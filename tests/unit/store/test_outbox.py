"""The outbox's one owner: typed states and payloads, enqueue, undo's view of it, the change-id migration."""

from __future__ import annotations

import json
import re
import sqlite3
import uuid
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from desktop_app.domain.changes import FieldChange
from desktop_app.store import outbox
from desktop_app.store.engine import alembic_config, make_engine, open_cache
from desktop_app.store.models import OutboxEntry
from tests.helpers.cli import ROOT
from tests.helpers.search_fixtures import cert, person, resident_id, write_and_import

HOLDER = resident_id("370102", "19850712", "123")


@pytest.fixture
def cache(tmp_path: Path):
    return write_and_import(tmp_path, [person(HOLDER, "王建国", [cert("鲁建安A（2019）0001234", "A", "old")])])


def _person_id(cache) -> int:
    with cache.engine.connect() as conn:
        return conn.exec_driver_sql("SELECT id FROM persons").scalar_one()


def test_enqueue_writes_a_typed_payload_with_a_fresh_change_id(cache) -> None:
    pid = _person_id(cache)
    with Session(cache.engine) as session, session.begin():
        first = outbox.enqueue(session, person_id=pid, entity=outbox.Entity.PERSON, record_key=HOLDER, base_version=1,
                               fields=[FieldChange("phone", None, "13805310000")], operator="张三", reason="来电",
                               undo_photo=b"\xff\xd8old")
        second = outbox.enqueue(session, person_id=pid, entity=outbox.Entity.PERSON, record_key=HOLDER,
                                base_version=2, fields=[FieldChange("major", None, "土木")], operator="张三")
        assert first.id is not None and first.change_id != second.change_id
        payload = outbox.payload_of(first)
    assert isinstance(payload.change_id, uuid.UUID)
    assert payload.entity is outbox.Entity.PERSON and payload.action is outbox.ChangeAction.UPDATE
    assert payload.fields == (FieldChange("phone", None, "13805310000"),)
    assert (payload.operator, payload.reason, payload.undo_photo) == ("张三", "来电", b"\xff\xd8old")
    with sqlite3.connect(cache.path) as conn:
        states = conn.execute("SELECT state, action FROM outbox ORDER BY id").fetchall()
    assert states == [("pending", "update"), ("pending", "update")]


def test_last_pending_and_withdraw_see_only_pending_entries(cache) -> None:
    pid = _person_id(cache)
    with Session(cache.engine) as session, session.begin():
        for version, state in ((1, outbox.OutboxState.PENDING), (2, outbox.OutboxState.SENDING)):
            entry = outbox.enqueue(session, person_id=pid, entity=outbox.Entity.PERSON, record_key=HOLDER,
                                   base_version=version, fields=[FieldChange("phone", None, str(version))],
                                   operator="甲")
            entry.state = state.value
    with Session(cache.engine) as session, session.begin():
        last = outbox.last_pending(session, pid)
        assert last is not None and last.base_version == 1  # the one being sent cannot be undone
        assert outbox.pending_count(session, pid) == 1 and outbox.unsynced_count(session, pid) == 2
        sending = session.query(OutboxEntry).filter_by(state="sending").one()
        with pytest.raises(ValueError, match="not pending"):
            outbox.withdraw(session, sending)
        outbox.withdraw(session, last)
    with Session(cache.engine) as session:
        assert outbox.last_pending(session, pid) is None
        assert [e.state for e in outbox.entries(session)] == ["sending"]


def test_unsynced_sql_names_every_unsynced_state_and_no_synced_one() -> None:
    for state in outbox.UNSYNCED_STATES:
        assert f"'{state.value}'" in outbox.UNSYNCED_PERSONS_SQL
    for state in (outbox.OutboxState.APPLIED, outbox.OutboxState.DUPLICATE):
        assert f"'{state.value}'" not in outbox.UNSYNCED_PERSONS_SQL


def test_migration_gives_existing_entries_a_change_id_and_their_action(tmp_path: Path) -> None:
    from alembic import command

    data_dir = tmp_path / "old"
    data_dir.mkdir()
    path = data_dir / "certdesk.sqlite3"
    engine = make_engine(path)
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0006")
    engine.dispose()
    with sqlite3.connect(path) as conn:
        for action in (None, "generate_new_certificate"):
            payload = {"fields": {"phone": {"old": None, "new": "1"}}, "operator": "甲", "reason": None}
            if action:
                payload["action"] = action
            conn.execute("INSERT INTO outbox (created_at, entity, entity_key, person_id, base_version, changes, state)"
                         " VALUES ('2026-11-30 10:00:00', 'person', 'k', 1, 1, ?, 'pending')", (json.dumps(payload),))
    cache = open_cache(data_dir)  # migrates to head (with a backup first)
    try:
        with sqlite3.connect(path) as conn:
            rows = conn.execute("SELECT change_id, action FROM outbox ORDER BY id").fetchall()
        assert [action for _, action in rows] == ["update", "generate_new_certificate"]
        assert len({uuid.UUID(change_id) for change_id, _ in rows}) == 2
        assert list((data_dir / "backups").iterdir())
    finally:
        cache.close()


def test_only_the_outbox_module_inserts_outbox_entries() -> None:
    root = ROOT / "desktop_app"
    insert = re.compile(r"(?<!class )OutboxEntry\(|INSERT\s+INTO\s+outbox", re.I)
    writers = sorted(str(p.relative_to(root)) for p in root.rglob("*.py") if "migrations" not in p.parts
                     and insert.search(p.read_text(encoding="utf-8")))
    assert writers == ["store/outbox.py"]


def test_only_the_workspace_context_reads_the_os_user_name() -> None:
    root = ROOT / "desktop_app"
    readers = sorted(str(p.relative_to(root)) for p in root.rglob("*.py") if "getuser" in p.read_text(encoding="utf-8"))
    assert readers == ["services/context.py"]
