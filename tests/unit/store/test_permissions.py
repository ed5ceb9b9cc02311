"""The cache and everything beside it is the owner's only (POSIX): folder 0700, files 0600; a signing key
others could read or replace is refused with the fix named."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from desktop_app.certs.signing import KeyStore
from desktop_app.demo import write_jsonl
from desktop_app.errors import KnownError
from desktop_app.logs import setup_logging
from desktop_app.store.engine import backup_database, open_cache
from tests.helpers.cli import run_cli

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_cache_is_owner_only_with_its_wal_shm_and_backups(tmp_path: Path) -> None:
    data_dir = tmp_path / "ws"
    cache = open_cache(data_dir)
    try:
        with cache.engine.begin() as conn:
            conn.exec_driver_sql("CREATE TABLE IF NOT EXISTS t (x)")
            conn.exec_driver_sql("INSERT INTO t VALUES (1)")
        assert mode(data_dir) == 0o700
        assert mode(cache.path) == 0o600
        for suffix in ("-wal", "-shm"):
            side = cache.path.with_name(cache.path.name + suffix)
            assert side.exists() and mode(side) == 0o600, suffix
        backup = backup_database(cache.path, "test")
        assert mode(backup) == 0o600 and mode(backup.parent) == 0o700
    finally:
        cache.close()


def test_an_old_world_readable_cache_is_tightened_on_open(tmp_path: Path) -> None:
    data_dir = tmp_path / "ws"
    open_cache(data_dir).close()
    os.chmod(data_dir, 0o755)
    os.chmod(data_dir / "certdesk.sqlite3", 0o644)
    cache = open_cache(data_dir)
    cache.close()
    assert mode(data_dir) == 0o700 and mode(data_dir / "certdesk.sqlite3") == 0o600


def test_the_log_is_owner_only(tmp_path: Path) -> None:
    path = setup_logging(tmp_path)
    assert path is not None and mode(path) == 0o600 and mode(path.parent) == 0o700


def test_a_key_file_others_can_read_is_refused_naming_the_fix(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys")
    key = store.create()
    key_file = tmp_path / "keys" / f"{key.key_id}.key"
    assert mode(key_file) == 0o600
    os.chmod(key_file, 0o644)
    with pytest.raises(KnownError) as caught:
        store.current()
    assert "chmod 600" in (caught.value.hint or "") and str(key_file) in str(caught.value)
    os.chmod(key_file, 0o600)
    assert store.current().key_id == key.key_id  # fixed as told: the same key, nothing re-made


def test_exports_written_by_the_program_are_owner_only(tmp_path: Path) -> None:
    source = tmp_path / "few.jsonl"
    write_jsonl(source, 5, seed=1)
    data_dir = tmp_path / "ws"
    assert run_cli("--data-dir", str(data_dir), "import", str(source)).returncode == 0
    out = tmp_path / "out.jsonl"
    assert run_cli("--data-dir", str(data_dir), "export-records", str(out)).returncode == 0
    assert mode(out) == 0o600
    with sqlite3.connect(data_dir / "certdesk.sqlite3") as conn:
        assert conn.execute("SELECT count(*) FROM persons").fetchone()[0] == 5
