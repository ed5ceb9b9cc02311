"""The local cache: Alembic migrations, backups, refusing newer databases, SQLite settings, the models."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop_app.errors import KnownError
from desktop_app.paths import database_path
from desktop_app.store.engine import BACKUP_DIR_NAME, alembic_config, head_revision, make_engine, open_cache
from desktop_app.store.models import Certificate, Enterprise, Person, Photo
from tests.helpers.cli import ROOT

STORE_DIR = ROOT / "desktop_app" / "store"


def _revision(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])


def _person(**overrides: object) -> Person:
    values: dict[str, object] = dict(id_number="370102198507121230", name="王建国", gender="男",
                                     birth_date=dt.date(1985, 7, 12), updated_at=dt.datetime(2024, 1, 1))
    values.update(overrides)
    return Person(**values)


def test_open_creates_folder_and_migrates_to_head(tmp_path: Path) -> None:
    data_dir = tmp_path / "new" / "workspace"
    cache = open_cache(data_dir)
    cache.close()
    assert cache.path == database_path(data_dir)
    assert _revision(cache.path) == head_revision()
    assert not (data_dir / BACKUP_DIR_NAME).exists()  # nothing to back up in a new cache


def test_every_connection_has_wal_normal_sync_and_foreign_keys(data_dir: Path) -> None:
    cache = open_cache(data_dir)
    try:
        connections = [cache.engine.connect() for _ in range(3)]  # distinct pooled connections
        for conn in connections:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        for conn in connections:
            conn.close()
    finally:
        cache.close()


def test_schema_has_the_indexes_search_needs(data_dir: Path) -> None:
    cache = open_cache(data_dir)
    try:
        inspector = inspect(cache.engine)
        indexed = {table: {tuple(ix["column_names"]) for ix in inspector.get_indexes(table)}
                   | {tuple(uq["column_names"]) for uq in inspector.get_unique_constraints(table)}
                   for table in ("persons", "certificates", "enterprises")}
    finally:
        cache.close()
    assert ("id_number",) in indexed["persons"]
    assert {("name", "id", "enterprise_id"), ("enterprise_id", "name")} <= indexed["persons"]  # migration 0011
    assert {("new_number",), ("number",)} <= indexed["certificates"]
    leading = {columns[0] for columns in indexed["certificates"]}
    assert {"person_id", "issuer_unit"} <= leading  # person_id leads a covering index (migration 0011)
    assert ("person_id", "issuer_unit", "state", "valid_until", "category", "format", "new_generated_at",
            "work_type_new_code", "number", "new_number", "work_type") in indexed["certificates"]  # 0011, 0012
    assert ("issuer_unit", "valid_until", "state", "person_id") in indexed["certificates"]
    assert ("uscc",) in indexed["enterprises"]


def test_reopening_a_current_cache_makes_no_backup(data_dir: Path) -> None:
    open_cache(data_dir).close()
    open_cache(data_dir).close()
    assert not (data_dir / BACKUP_DIR_NAME).exists()


def test_migrating_an_older_cache_backs_it_up_first(data_dir: Path) -> None:
    script = ScriptDirectory.from_config(alembic_config())
    first = script.get_base()
    if first == head_revision():
        pytest.skip("only one migration so far")
    path = database_path(data_dir)
    engine = make_engine(path)
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, first)
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO enterprises (uscc, name) VALUES (NULL, '旧库里的企业')")
    engine.dispose()

    open_cache(data_dir).close()

    assert _revision(path) == head_revision()
    backups = list((data_dir / BACKUP_DIR_NAME).iterdir())
    assert len(backups) == 1
    assert _revision(backups[0]) == first
    with sqlite3.connect(backups[0]) as conn:
        assert conn.execute("SELECT name FROM enterprises").fetchall() == [("旧库里的企业",)]


def test_a_newer_database_is_refused_and_left_untouched(data_dir: Path) -> None:
    open_cache(data_dir).close()
    path = database_path(data_dir)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(KnownError, match="比本程序新"):
        open_cache(data_dir)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert _revision(path) == "9999_from_the_future"


def test_a_foreign_sqlite_file_is_refused(data_dir: Path) -> None:
    with sqlite3.connect(database_path(data_dir)) as conn:
        conn.execute("CREATE TABLE something_else (x)")
    conn.close()
    with pytest.raises(KnownError, match="不是 CertDesk 的数据库"):
        open_cache(data_dir)


def test_a_file_that_is_not_a_database_is_a_known_error(data_dir: Path) -> None:
    database_path(data_dir).write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(KnownError, match="无法打开数据库"):
        open_cache(data_dir)


def test_models_round_trip_and_foreign_keys_are_enforced(data_dir: Path) -> None:
    cache = open_cache(data_dir)
    try:
        with Session(cache.engine) as session:
            enterprise = Enterprise(uscc="91370100MA3C5EJX1H", name="济南某建设集团有限公司")
            person = _person(enterprise=enterprise)
            person.photo = Photo(mime="image/png", data=b"\x89PNG\r\n\x1a\n", sha256="0" * 64)
            person.certificates.append(Certificate(
                number="鲁建安C（2015）0000001", new_number="鲁建安C3（2015）0000001", category="C",
                family="safety", format="old", year=2015, serial="0000001", valid_until=dt.date(2025, 4, 30),
                issuer_unit="济南市住房和城乡建设局", state="valid"))
            session.add(person)
            session.commit()
        with Session(cache.engine) as session:
            stored = session.scalars(select(Person)).one()
            assert stored.version == 1
            assert stored.enterprise is not None and stored.enterprise.name == "济南某建设集团有限公司"
            assert stored.photo is not None and stored.photo.data.startswith(b"\x89PNG")
            assert [c.new_number for c in stored.certificates] == ["鲁建安C3（2015）0000001"]
            assert stored.certificates[0].valid_until == dt.date(2025, 4, 30)
        with Session(cache.engine) as session, pytest.raises(IntegrityError):
            session.add(Certificate(
                person_id=999, number="鲁建安A（2019）0000002", new_number="鲁建安A（2019）0000002",
                category="A", family="safety", format="old", year=2019, serial="0000002",
                issuer_unit="济南市住房和城乡建设局", state="valid"))
            session.commit()
    finally:
        cache.close()


def test_migration_scripts_are_package_data(tmp_path: Path) -> None:
    """The wheel ships alembic.ini and the migrations (pyproject package-data lists these globs)."""
    assert (STORE_DIR / "alembic.ini").is_file()
    assert (STORE_DIR / "migrations" / "env.py").is_file()
    versions = sorted(p.name for p in (STORE_DIR / "migrations" / "versions").glob("*.py"))
    assert versions and versions[0].startswith("0001")
