"""A first load's search terms from a helper process (store/staged_terms.py): the terms are those the
tokenizer gives even when persons changed after the helper read them, a helper that fails or a side
file that cannot be read only costs speed, the side file is owner-only and goes away, and a load killed
between the index build and the terms is finished at the next open, its side file swept."""

from __future__ import annotations

import logging
import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desktop_app.services.interchange import ImportReport, import_jsonl
from desktop_app.store import bulk_load, search_index, staged_terms
from desktop_app.store.engine import open_cache
from desktop_app.store.search_index import person_terms
from tests.helpers.cli import ROOT
from tests.helpers.provincial import demo_file
from tests.helpers.search_terms import expected_terms, stored_terms


def _db(folder: Path) -> Path:
    return folder / "certdesk.sqlite3"


def _side_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.terms-*.tmp"))


def _import(records: Path, folder: Path) -> ImportReport:
    """A first import of `records` into a new cache in `folder`, one process."""
    cache = open_cache(folder)
    try:
        return import_jsonl(cache, records, workers=0)
    finally:
        cache.close()


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_file(tmp_path_factory.mktemp("records"), size=300, seed=29)


@pytest.fixture
def always_staged(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(staged_terms, "MIN_PERSONS", 0)


@pytest.fixture
def loaded(records: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache after a whole first import (no helper: 300 persons are below MIN_PERSONS)."""
    folder = tmp_path_factory.mktemp("loaded")
    _import(records, folder)
    return _db(folder)


def test_a_staged_first_import_gives_the_tokenizers_terms_and_leaves_no_side_file(
        records: Path, tmp_path: Path, always_staged: None, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger=staged_terms.__name__):
        report = _import(records, tmp_path)
    assert report.persons == 300 and not report.rejected
    assert not [r for r in caplog.records if r.name == staged_terms.__name__], "the helper ran and was used"
    terms = stored_terms(_db(tmp_path))
    assert len(terms) > 300 and terms == expected_terms(_db(tmp_path))
    assert _side_files(tmp_path) == []


def test_the_helper_writes_an_owner_only_side_file_of_every_persons_terms(loaded: Path) -> None:
    stager = staged_terms.Stager(loaded)
    try:
        assert stat.S_IMODE(stager.path.stat().st_mode) == 0o600
        side = stager.ready()
        assert side == stager.path
        with sqlite3.connect(side) as staged, sqlite3.connect(loaded) as conn:
            rows = staged.execute("SELECT id, name, id_number, terms FROM staged ORDER BY id").fetchall()
            persons = conn.execute("SELECT id, name, id_number FROM persons ORDER BY id").fetchall()
        assert [row[:3] for row in rows] == persons
        assert all(terms == search_index.terms_json(name, number) for _id, name, number, terms in rows)
    finally:
        stager.close()
    assert not stager.path.exists()


def test_persons_changed_after_the_helper_read_get_their_ownstored_terms(loaded: Path, tmp_path: Path) -> None:
    side = tmp_path / "side.sqlite3"
    staged_terms.stage(str(loaded), str(side))
    conn = sqlite3.connect(loaded, isolation_level=None)
    try:
        search_index.register_functions(conn)
        first, second, third = (row[0] for row in conn.execute("SELECT id FROM persons ORDER BY id LIMIT 3"))
        conn.execute("UPDATE persons SET name = '司马新名' WHERE id = ?", (first,))
        conn.execute("UPDATE persons SET id_number = '37010219900101777X' WHERE id = ?", (second,))
        with sqlite3.connect(side) as staged:  # as if the person came after the helper's read
            staged.execute("DELETE FROM staged WHERE id = ?", (third,))
        conn.execute("DELETE FROM search_terms")
        with staged_terms.attached(conn, side) as statement:
            assert statement == staged_terms.FILL_STAGED
            conn.execute(statement)
        assert conn.execute("PRAGMA database_list").fetchall()[-1][1] == "main", "detached afterwards"
    finally:
        conn.close()
    with sqlite3.connect(loaded) as conn:
        expected = {(term, key) for key, name, number in conn.execute("SELECT id, name, id_number FROM persons")
                    for term in person_terms(name, number)}
        found = set(conn.execute("SELECT term, person_id FROM search_terms"))
    assert ("p:simaxinming", first) in found and ("r:" + "37010219900101777X"[::-1], second) in found
    assert any(key == third for _term, key in found)
    assert found == expected


def test_an_unreadable_side_file_falls_back_to_the_writers_ownstored_terms(loaded: Path, tmp_path: Path) -> None:
    side = tmp_path / "garbage.tmp"
    side.write_bytes(b"not a database, a half-written scratch file" * 100)
    conn = sqlite3.connect(loaded, isolation_level=None)
    try:
        with staged_terms.attached(conn, side) as statement:
            assert statement == search_index.FILL_TERMS
        with staged_terms.attached(conn, None) as statement:
            assert statement == search_index.FILL_TERMS
    finally:
        conn.close()


def test_a_helper_that_fails_only_costs_speed(tmp_path: Path) -> None:
    missing = tmp_path / "gone.sqlite3"  # the helper cannot open it read-only and exits non-zero
    stager = staged_terms.Stager(missing)
    try:
        assert stager.ready() is None
    finally:
        stager.close()
    assert _side_files(tmp_path) == []


@pytest.fixture
def killed_between(records: Path, tmp_path: Path) -> Path:
    """A staged first load killed with SIGKILL after its indexes committed, before its terms."""
    folder = tmp_path / "killed"
    script = textwrap.dedent(f"""
        import os, signal
        from pathlib import Path
        from desktop_app.services.interchange import jsonl_import
        from desktop_app.store import staged_terms
        from desktop_app.store.engine import open_cache
        staged_terms.MIN_PERSONS = 0
        ready = staged_terms.Stager.ready
        def ready_then_die(self):
            ready(self)
            os.kill(os.getpid(), signal.SIGKILL)
        staged_terms.Stager.ready = ready_then_die
        jsonl_import.import_jsonl(open_cache(Path({str(folder)!r})), Path({str(records)!r}), workers=0)
    """)
    run = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == -9, run.stderr
    return folder


def test_a_load_killed_between_indexes_and_terms_is_finished_at_the_next_open(
        killed_between: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = killed_between
    assert len(_side_files(folder)) == 1, "the killed load's side file is left behind"
    with sqlite3.connect(_db(folder)) as conn:
        assert conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'ix_persons_name'").fetchone(), "built"
        assert conn.execute("SELECT count(*) FROM search_meta WHERE key LIKE 'deferred:%'").fetchone()[0] > 0
    monkeypatch.setattr(bulk_load, "LIVE_S", 0.0)  # the heartbeat has gone stale
    open_cache(folder).close()
    assert _side_files(folder) == []
    with sqlite3.connect(_db(folder)) as conn:
        assert conn.execute("SELECT count(*) FROM search_meta WHERE key LIKE 'deferred:%'").fetchone()[0] == 0
    terms = stored_terms(_db(folder))
    assert terms and terms == expected_terms(_db(folder))


def test_a_helper_that_cannot_start_leaves_the_terms_to_the_writer(
        records: Path, tmp_path: Path, always_staged: None, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    def full_disk(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(staged_terms.tempfile, "mkstemp", full_disk)  # fault injection: the side file
    with caplog.at_level(logging.WARNING, logger=staged_terms.__name__):
        report = _import(records, tmp_path)
    assert report.persons == 300 and not report.rejected
    assert any("not started" in r.getMessage() for r in caplog.records)
    assert stored_terms(_db(tmp_path)) == expected_terms(_db(tmp_path))
    assert _side_files(tmp_path) == []
