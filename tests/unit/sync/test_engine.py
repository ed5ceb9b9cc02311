"""The sync engine against the real provincial server (uvicorn on 127.0.0.1, SQLite): a generated certificate
goes up, a tampered cache is caught by verify and repaired by pulling its group again, tombstones, a changed
epoch, and a stale cursor."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop_app.domain.certnumber import parse
from desktop_app.domain.rules import default_rules
from desktop_app.services import issuance
from desktop_app.services.issuance import NotEligible
from desktop_app.store.engine import Cache, open_cache
from desktop_app.sync.client import SyncClient
from desktop_app.sync.engine import SyncEngine, SyncReport
from provincial_server import admin
from provincial_server.db.engine import database_url
from tests.helpers.provincial import JINAN, Province, demo_file, in_thread, open_seeded
from tests.helpers.sync_calls import record_of

TODAY = dt.date(2026, 12, 2)


@dataclass
class Pair:
    province: Province
    cache: Cache

    def sync(self) -> SyncReport:
        with SyncClient(self.province.url, self.province.tokens[JINAN]) as client:
            return SyncEngine(self.cache, client, "测试员").run()

    def local(self, sql: str, *params: object) -> list[tuple[object, ...]]:
        with sqlite3.connect(self.cache.path) as conn:
            return conn.execute(sql, params).fetchall()

    def tamper(self, sql: str, *params: object) -> None:
        """A write behind the services' back (a bug, a restored file): no audit, no outbox."""
        raw = self.cache.engine.raw_connection()  # it has the search index's SQL functions
        try:
            raw.driver_connection.execute(sql, params)  # type: ignore[union-attr]
        finally:
            raw.close()


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[Pair]:
    url = database_url(tmp_path / "province", None)
    db = open_seeded(url, demo_file(tmp_path, size=250, seed=41, photo_fraction=1.0))
    cache = open_cache(tmp_path / "desk")
    try:
        with in_thread(db) as server:
            province = Province(db, server, url)
            province.tokens = {JINAN: province.token(JINAN)}
            pair = Pair(province, cache)
            first = pair.sync()
            assert first.pulled == 250 and first.verified
            yield pair
    finally:
        cache.close()
        db.dispose()


def test_a_certificate_generated_here_reaches_the_province(pair: Pair) -> None:
    candidates = pair.local("SELECT c.number FROM certificates c WHERE c.issuer_unit = ? AND c.format = 'old' "
                            "AND c.state = 'valid' AND c.valid_until >= ?", JINAN, TODAY.isoformat())
    issued = None
    for (number,) in candidates:
        try:
            issued = issuance.generate(pair.cache, str(number), "测试员", TODAY)
            break
        except NotEligible:
            continue
    assert issued is not None, "the demo province has an eligible Jinan certificate"
    report = pair.sync()
    assert (report.pushed, report.applied, report.verified) == (1, 1, True), report
    id_number = pair.local("SELECT p.id_number FROM persons p JOIN certificates c ON c.person_id = p.id "
                           "WHERE c.id = ?", issued.certificate_id)[0][0]
    with pair.province.client() as client:
        record = record_of(client, str(id_number)).record
    assert record is not None
    new_number = parse(issued.number).new_number()
    stored = next(c for c in record["certificates"] if parse(c["number"], c["format"]).new_number() == new_number)
    assert (stored["format"], stored["ecert_id"], stored["qr_text"]) == ("new", issued.ecert_id, issued.qr_text)


def test_verify_finds_a_tampered_cache_and_repairs_it_by_pulling_the_group(pair: Pair) -> None:
    victim, phone = pair.local("SELECT p.id_number, p.phone FROM persons p JOIN certificates c ON c.person_id = p.id "
                               "WHERE c.issuer_unit = ? AND p.phone IS NOT NULL LIMIT 1", JINAN)[0]
    pair.tamper("UPDATE persons SET phone = '13000000000' WHERE id_number = ?", victim)
    stray = pair.local("SELECT id_number FROM persons ORDER BY id_number DESC LIMIT 1")[0][0]
    pair.tamper("UPDATE persons SET name = '多余' WHERE id_number = ?", stray)
    # a sync with work to do verifies (one with nothing moved on either side trusts the last pass)
    other = pair.local("SELECT id_number FROM persons WHERE id_number NOT IN (?, ?) LIMIT 1", victim, stray)[0][0]
    admin.edit(pair.province.db, default_rules(), str(other), {"major": "省级修改"})
    report = pair.sync()
    assert report.verified and not report.mismatched, report
    assert pair.local("SELECT phone FROM persons WHERE id_number = ?", victim) == [(phone,)]
    assert pair.local("SELECT name FROM persons WHERE id_number = ?", stray) != [("多余",)]


def test_a_person_removed_at_the_province_goes_unless_it_has_local_work(pair: Pair) -> None:
    from desktop_app.services import edits
    gone, kept = (r[0] for r in pair.local("SELECT id_number FROM persons WHERE position IS NOT NULL AND title "
                                           "IS NOT NULL ORDER BY id LIMIT 2"))
    person_id = edits.person_id_for(pair.cache, str(kept))
    assert person_id is not None
    form = edits.load_person_form(pair.cache, person_id)
    edits.save_person(pair.cache, person_id, form.version, {"major": "本地修改的专业"}, "测试员")
    admin.delete(pair.province.db, str(gone))
    admin.delete(pair.province.db, str(kept))
    report = pair.sync()
    assert pair.local("SELECT count(*) FROM persons WHERE id_number = ?", gone) == [(0,)]
    assert pair.local("SELECT major FROM persons WHERE id_number = ?", kept) == [("本地修改的专业",)]
    assert pair.local("SELECT deleted FROM sync_upstream WHERE id_number = ?", kept) == [(1,)]
    assert report.rejected == 1  # its change cannot land on a removed record: the operator decides


def test_a_sync_with_nothing_to_do_trusts_the_last_verify(pair: Pair) -> None:
    report = pair.sync()
    assert report.verified and (report.pulled, report.pushed) == (0, 0)


def test_a_new_epoch_pulls_everything_again_and_keeps_local_work(pair: Pair) -> None:
    admin.new_epoch(pair.province.db)
    report = pair.sync()
    assert report.full_pull and report.verified and report.pulled >= 250


def test_a_cursor_ahead_of_the_server_pulls_again_from_scratch(pair: Pair) -> None:
    pair.tamper("UPDATE sync_state SET value = '999999' WHERE key = 'cursor'")
    report = pair.sync()
    assert report.full_pull and report.verified
    assert pair.local("SELECT value FROM sync_state WHERE key = 'cursor'") == [("250",)]


def test_an_interrupted_first_pull_resumes_where_it_stopped(pair: Pair, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_app.sync.engine import Cancelled
    monkeypatch.setattr("desktop_app.sync.engine.SNAPSHOT_PAGE", 40)
    monkeypatch.setattr("desktop_app.sync.parallel.BLOCK_BYTES", 8_000)
    cache = open_cache(tmp_path / "second-desk")
    try:
        calls: list[int] = []

        def stop_after_first(phase: str, done: int, total: int) -> None:
            calls.append(done)

        with SyncClient(pair.province.url, pair.province.tokens[JINAN]) as client, pytest.raises(Cancelled):
            SyncEngine(cache, client, "测试员", stop_after_first, cancel=lambda: bool(calls)).run()
        with sqlite3.connect(cache.path) as conn:
            kept = conn.execute("SELECT count(*) FROM persons").fetchone()[0]
            after = conn.execute("SELECT value FROM sync_state WHERE key = 'snapshot_after'").fetchone()[0]
        assert 0 < kept < 250 and after
        with SyncClient(pair.province.url, pair.province.tokens[JINAN]) as client:
            report = SyncEngine(cache, client, "测试员").run()
        assert report.verified and report.pulled == 250 - kept  # only what was not committed yet
    finally:
        cache.close()
