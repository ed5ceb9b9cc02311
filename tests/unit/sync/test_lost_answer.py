"""A push whose answer is lost after the server merged it with a province change (found by the kill trials,
benchmarks/kill_trials.py): the resend is answered `duplicate`, and the desk must end with the server's
record, the province's field included, not with its own copy and the server's held unused beside it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop_app.domain.rules import default_rules
from desktop_app.services import edits
from desktop_app.store.engine import Cache, open_cache
from desktop_app.sync.client import ServerUnreachable, SyncClient
from desktop_app.sync.engine import SyncEngine, SyncReport
from desktop_app.sync.protocol import PushChange, PushResponse
from provincial_server import admin
from provincial_server.db.engine import database_url
from tests.helpers.provincial import JINAN, Province, demo_file, in_thread, open_seeded
from tests.helpers.sync_calls import record_of


class LosingClient(SyncClient):
    """The server applies each push; its answer never arrives (a proxy, a kill, a dropped connection)."""

    def push(self, changes: Sequence[PushChange]) -> PushResponse:
        super().push(changes)
        raise ServerUnreachable("the answer was lost")


@dataclass
class Pair:
    province: Province
    cache: Cache

    def sync(self, client_type: type[SyncClient] = SyncClient) -> SyncReport:
        with client_type(self.province.url, self.province.tokens[JINAN]) as client:
            return SyncEngine(self.cache, client, "测试员").run()

    def local(self, sql: str, *params: object) -> list[tuple[object, ...]]:
        with sqlite3.connect(self.cache.path) as conn:
            return conn.execute(sql, params).fetchall()


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[Pair]:
    url = database_url(tmp_path / "province", None)
    db = open_seeded(url, demo_file(tmp_path, size=120, seed=43))
    cache = open_cache(tmp_path / "desk")
    try:
        with in_thread(db) as server:
            province = Province(db, server, url)
            province.tokens = {JINAN: province.token(JINAN)}
            pair = Pair(province, cache)
            assert pair.sync().verified
            yield pair
    finally:
        cache.close()
        db.dispose()


def test_a_duplicate_answer_leaves_the_desk_with_the_servers_merged_record(pair: Pair) -> None:
    id_number = str(pair.local("SELECT p.id_number FROM persons p JOIN certificates c ON c.person_id = p.id "
                               "WHERE c.issuer_unit = ? AND p.position IS NOT NULL AND p.title IS NOT NULL "
                               "AND p.position != '总工程师' LIMIT 1", JINAN)[0][0])
    person_id = edits.person_id_for(pair.cache, id_number)
    assert person_id is not None
    form = edits.load_person_form(pair.cache, person_id)
    edits.save_person(pair.cache, person_id, form.version, {"phone": "13912340000"}, "测试员")
    admin.edit(pair.province.db, default_rules(), id_number, {"position": "总工程师"})  # another field, at the province

    lost = pair.sync(LosingClient)  # applied and merged there; here it waits for a retry
    assert lost.waiting == 1 and pair.local("SELECT state FROM outbox WHERE person_id = ?", person_id) == [
        ("retry_wait",)]
    pair.local("UPDATE outbox SET next_retry_at = NULL WHERE person_id = ?", person_id)  # its back-off is over
    report = pair.sync()
    assert (report.duplicates, report.verified) == (1, True), report

    with pair.province.client() as client:
        server = record_of(client, id_number).record
    assert server is not None and (server["phone"], server["position"]) == ("13912340000", "总工程师")
    assert pair.local("SELECT phone, position FROM persons WHERE id_number = ?", id_number) == [
        ("13912340000", "总工程师")]
    assert pair.local("SELECT count(*) FROM sync_upstream WHERE person_id = ?", person_id) == [(0,)]
