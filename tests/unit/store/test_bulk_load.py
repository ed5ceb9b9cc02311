"""A first load builds its indexes after the data (store/bulk_load.py): the cache it leaves is the one the
row-by-row path leaves, a load killed with SIGKILL is finished at the next open (or by the next load while
the killed one's heartbeat is fresh), a cancelled load finishes at once, an edit during a load keeps its
terms, and a first sync from the real provincial server ends with every index built."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desktop_app.services import edits
from desktop_app.services.interchange import import_jsonl
from desktop_app.store import bulk_load
from desktop_app.store.engine import open_cache
from desktop_app.store.search_index import enterprise_short_terms
from desktop_app.sync.client import SyncClient
from desktop_app.sync.engine import SyncEngine
from provincial_server.db.engine import database_url
from tests.helpers.cli import ROOT
from tests.helpers.provincial import JINAN, demo_file, in_thread, open_seeded
from tests.helpers.search_terms import expected_terms, stored_terms

SMALL_BATCH = 40  # lines per write transaction in these tests, so a 300-person file is several batches
SMALL_BLOCK = 8192  # bytes a parser reads at a time (a batch is whole blocks)


def _db(folder: Path) -> Path:
    return folder / "certdesk.sqlite3"


def _schema(path: Path) -> tuple[list[tuple[str, str, str]], list[tuple[str, str]]]:
    """Every object of the schema, and the indexes of the loaded tables in their order (the query planner
    breaks ties between equal indexes by it)."""
    with sqlite3.connect(path) as conn:
        objects = sorted(conn.execute("SELECT type, name, coalesce(sql, '') FROM sqlite_master"))
        indexes = conn.execute("SELECT tbl_name, name FROM sqlite_master WHERE type = 'index' "
                               "AND tbl_name IN ('persons', 'certificates') ORDER BY rowid").fetchall()
    return objects, sorted(indexes, key=lambda row: row[0])  # a stable sort keeps each table's order


def _marks(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [key for (key,) in conn.execute("SELECT key FROM search_meta WHERE key <> 'version'")]


def _enterprises_indexed(path: Path) -> bool:
    """The enterprises' short parts are those of their names, and the trigram index agrees with the table."""
    with sqlite3.connect(path) as conn:
        parts = set(conn.execute("SELECT term, enterprise_id FROM enterprise_terms"))
        expected = {(part, ent_id) for ent_id, name in conn.execute("SELECT id, name FROM enterprises")
                    for part in enterprise_short_terms(name)}
        conn.execute("INSERT INTO enterprise_fts(enterprise_fts, rank) VALUES ('integrity-check', 1)")
        found = conn.execute("SELECT count(*) FROM enterprise_fts WHERE enterprise_fts MATCH '有限公司'").fetchone()[0]
    return bool(parts) and parts == expected and found > 0


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_file(tmp_path_factory.mktemp("records"), size=300, seed=23)


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_app.services.interchange import jsonl_import
    monkeypatch.setattr(jsonl_import, "BATCH_LINES", SMALL_BATCH)
    monkeypatch.setattr(jsonl_import, "BLOCK_BYTES", SMALL_BLOCK)


@pytest.fixture(scope="module")
def killed(records: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache whose first load was killed with SIGKILL after its second batch committed."""
    folder = tmp_path_factory.mktemp("killed")
    script = textwrap.dedent(f"""
        import os, signal
        from pathlib import Path
        from desktop_app.services.interchange import jsonl_import
        from desktop_app.store.engine import open_cache
        jsonl_import.BATCH_LINES, jsonl_import.BLOCK_BYTES = {SMALL_BATCH}, {SMALL_BLOCK}
        calls = []
        def progress(done, total):
            calls.append(done)
            if len(calls) == 2:
                os.kill(os.getpid(), signal.SIGKILL)
        jsonl_import.import_jsonl(open_cache(Path({str(folder)!r})), Path({str(records)!r}), progress, workers=0)
    """)
    run = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == -9, run.stderr
    return folder


def _copy(folder: Path, target: Path) -> Path:
    shutil.copytree(folder, target)
    return target


def test_a_first_import_leaves_the_cache_the_row_by_row_path_leaves(records: Path, tmp_path: Path,
                                                                     small_batches: None) -> None:
    first = open_cache(tmp_path / "first")
    try:
        report = import_jsonl(first, records, workers=0)
    finally:
        first.close()
    assert report.persons == 300 and not report.rejected
    # the same records into a cache that already holds a person: no deferral, the per-batch index path
    seed = tmp_path / "one.jsonl"
    seed.write_bytes(records.read_bytes().splitlines(keepends=True)[-1])
    later = open_cache(tmp_path / "later")
    try:
        import_jsonl(later, seed, workers=0)
        assert not _marks(_db(tmp_path / "later"))
        import_jsonl(later, records, workers=0)
    finally:
        later.close()
    fresh = open_cache(tmp_path / "fresh")
    fresh.close()
    assert _schema(_db(tmp_path / "first")) == _schema(_db(tmp_path / "fresh"))
    assert _marks(_db(tmp_path / "first")) == []
    terms = stored_terms(_db(tmp_path / "first"))
    assert terms == stored_terms(_db(tmp_path / "later")) == expected_terms(_db(tmp_path / "first"))
    assert _enterprises_indexed(_db(tmp_path / "first"))


def test_a_killed_first_load_leaves_its_marks_and_the_next_open_builds_the_indexes(
        killed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _copy(killed, tmp_path / "cache")
    marks = _marks(_db(folder))
    assert bulk_load.HEARTBEAT in marks and any(mark.endswith(":ix_persons_name") for mark in marks)
    assert "search_persons_ai" not in {name for _type, name, _sql in _schema(_db(folder))[0]}
    monkeypatch.setattr(bulk_load, "LIVE_S", 0.0)  # the heartbeat has gone stale
    open_cache(folder).close()
    fresh = open_cache(tmp_path / "fresh")
    fresh.close()
    assert _marks(_db(folder)) == []
    assert _schema(_db(folder)) == _schema(_db(tmp_path / "fresh"))
    terms = stored_terms(_db(folder))
    assert terms and terms == expected_terms(_db(folder))
    assert _enterprises_indexed(_db(folder))


def test_an_open_while_the_heartbeat_is_fresh_leaves_the_build_to_the_next_load(
        killed: Path, records: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _copy(killed, tmp_path / "cache")
    monkeypatch.setattr(bulk_load, "LIVE_S", 3600.0)  # as if the load were still running elsewhere
    cache = open_cache(folder)
    try:
        assert _marks(_db(folder)), "a live load's indexes are not built under it"
        report = import_jsonl(cache, records, workers=0)  # the killed load, run again
    finally:
        cache.close()
    assert report.persons == 300 and not report.rejected
    assert _marks(_db(folder)) == []
    assert stored_terms(_db(folder)) == expected_terms(_db(folder))
    fresh = open_cache(tmp_path / "fresh")
    fresh.close()
    assert _schema(_db(folder)) == _schema(_db(tmp_path / "fresh"))


def test_an_edit_during_a_load_keeps_the_person_findable(killed: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _copy(killed, tmp_path / "cache")
    monkeypatch.setattr(bulk_load, "LIVE_S", 3600.0)
    cache = open_cache(folder)
    try:
        with sqlite3.connect(_db(folder)) as conn:
            person_id, id_number = conn.execute("SELECT id, id_number FROM persons ORDER BY id LIMIT 1").fetchone()
        form = edits.load_person_form(cache, person_id)
        edits.save_person(cache, person_id, form.version, {"name": "欧阳改名"}, operator="测试员", reason="改名")
        monkeypatch.setattr(bulk_load, "LIVE_S", 0.0)
    finally:
        cache.close()
    open_cache(folder).close()
    assert _marks(_db(folder)) == []
    terms = stored_terms(_db(folder))
    assert ("p:ouyanggaiming", "欧阳改名", id_number) in terms
    assert terms == expected_terms(_db(folder))


def test_a_cancelled_first_import_builds_its_indexes_before_it_returns(records: Path, tmp_path: Path,
                                                                        small_batches: None) -> None:
    cache = open_cache(tmp_path / "cache")
    try:
        report = import_jsonl(cache, records, cancel=lambda: True, workers=0)
    finally:
        cache.close()
    assert report.cancelled and 0 < report.persons < 300
    assert _marks(_db(tmp_path / "cache")) == []
    assert stored_terms(_db(tmp_path / "cache")) == expected_terms(_db(tmp_path / "cache"))


def test_a_first_sync_from_the_province_ends_with_every_index_built(tmp_path: Path) -> None:
    url = database_url(tmp_path / "province", None)
    db = open_seeded(url, demo_file(tmp_path, size=250, seed=41))
    cache = open_cache(tmp_path / "desk")
    try:
        with in_thread(db) as server:
            from provincial_server import auth
            token = auth.create_token(db, [JINAN])
            with SyncClient(server, token) as client:
                report = SyncEngine(cache, client, "测试员").run()
        assert report.pulled == 250 and report.verified
    finally:
        cache.close()
        db.dispose()
    fresh = open_cache(tmp_path / "fresh")
    fresh.close()
    assert _marks(_db(tmp_path / "desk")) == []
    assert _schema(_db(tmp_path / "desk")) == _schema(_db(tmp_path / "fresh"))
    assert len(stored_terms(_db(tmp_path / "desk"))) > 250
    assert stored_terms(_db(tmp_path / "desk")) == expected_terms(_db(tmp_path / "desk"))
    assert _enterprises_indexed(_db(tmp_path / "desk"))


def test_the_killed_load_really_died_mid_way(killed: Path) -> None:
    with sqlite3.connect(_db(killed)) as conn:
        persons = conn.execute("SELECT count(*) FROM persons").fetchone()[0]
    assert 0 < persons < 300, "the kill came after some batches and before the end"
    assert os.path.getsize(_db(killed)) > 0


def test_a_first_load_keeps_a_share_of_its_progress_bar_for_the_index_build(records: Path, tmp_path: Path,
                                                                             small_batches: None) -> None:
    seen: list[tuple[int, int]] = []
    cache = open_cache(tmp_path / "cache")
    try:
        import_jsonl(cache, records, progress=lambda done, total: seen.append((done, total)), workers=0)
    finally:
        cache.close()
    size = records.stat().st_size
    *batches, last = seen
    assert len(batches) > 2 and all(total > size for _done, total in seen)
    assert batches[-1][0] == size < batches[-1][1], "the data is in; the bar waits for the indexes"
    assert last[0] == last[1] == batches[-1][1]
    assert [done for done, _total in seen] == sorted(done for done, _total in seen)


def test_an_empty_first_batch_leaves_the_decision_to_the_load_that_brings_persons(records: Path,
                                                                                   tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"\n")
    cache = open_cache(tmp_path / "cache")
    try:
        import_jsonl(cache, empty, workers=0)
        assert _marks(_db(tmp_path / "cache")) == []
        seen: list[tuple[int, int]] = []
        import_jsonl(cache, records, progress=lambda done, total: seen.append((done, total)), workers=0)
    finally:
        cache.close()
    assert seen[0][1] > records.stat().st_size, "the records' load was a first load"
    assert _marks(_db(tmp_path / "cache")) == []
    assert stored_terms(_db(tmp_path / "cache")) == expected_terms(_db(tmp_path / "cache"))


def test_a_search_while_the_indexes_are_pending_says_why_a_person_may_be_missing(
        killed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_app.messages import msg
    from desktop_app.services.search import SearchService

    folder = _copy(killed, tmp_path / "cache")
    monkeypatch.setattr(bulk_load, "LIVE_S", 3600.0)  # the load still running elsewhere: nothing is built
    pending = str(msg("search.hint.index_pending"))
    cache = open_cache(folder)
    try:
        page = SearchService(cache).search("zzzz")
        assert not page.hits and page.hint.startswith(pending)
    finally:
        cache.close()
    monkeypatch.setattr(bulk_load, "LIVE_S", 0.0)
    cache = open_cache(folder)  # the killed load's indexes are built now
    try:
        page = SearchService(cache).search("zzzz")
        assert pending not in page.hint
    finally:
        cache.close()
