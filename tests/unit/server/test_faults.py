"""Fault trials of the provincial server, each with a real process or a real lock: a SIGKILL mid-push, a client
dropping a snapshot, SQLite locked and full, PostgreSQL's connections terminated under a running server."""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import hashlib
import io
import os
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa
from PIL import Image
from sqlalchemy.pool import NullPool

from desktop_app.domain.record import PHOTO_MAX_IMPORT_BYTES
from desktop_app.sync.protocol import (
    PHOTO_FIELD,
    PROTOCOL_HEADER,
    PROTOCOL_MAX,
    ErrorBody,
    FeedItem,
    FeedPage,
    ItemStatus,
    PushResponse,
    SnapshotHeader,
    SnapshotTrailer,
)
from provincial_server import auth
from provincial_server.db.engine import BUSY_TIMEOUT_ENV, DATABASE_FILE, MAX_PAGES_ENV, database_url
from tests.helpers.provincial import SEED_PERSONS, in_thread, open_seeded, records_of, server_process

BUREAU = "试验局"  # named: the default name (every unit joined) overflows the column on PostgreSQL, see the end
KILL_AFTER = 40  # applied changes (of SEED_PERSONS) before the SIGKILL: well inside the batch


@dataclass
class Seeded:
    folder: Path
    token: str  # a bureau answering for every unit in the seed

    @property
    def file(self) -> Path:
        return self.folder / DATABASE_FILE


def all_units(demo_records: Path) -> list[str]:
    seeded: list[dict[str, Any]] = records_of(demo_records)
    return sorted({c["issuer_unit"] for r in seeded for c in r["certificates"]})


def seed(tmp_path: Path, demo_records: Path) -> Seeded:
    folder = tmp_path / "province"
    db = open_seeded(database_url(folder, None), demo_records)
    try:
        return Seeded(folder, auth.create_token(db, all_units(demo_records), BUREAU))
    finally:
        db.dispose()


@contextmanager
def client(url: str, token: str, timeout: float = 60) -> Iterator[httpx.Client]:
    headers = {PROTOCOL_HEADER: str(PROTOCOL_MAX), "Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=url, headers=headers, timeout=timeout) as http:
        yield http


def persons(http: httpx.Client) -> dict[str, FeedItem]:
    page = FeedPage.model_validate(http.get("/v1/changes", params={"limit": 2000}).json())
    assert not page.has_more
    return {item.id_number: item for item in page.items if not item.deleted}


def change(key: str, field: str, old: str | None, new: str | None, photo: bytes | None = None) -> dict[str, Any]:
    body = {"change_id": str(uuid.uuid4()), "entity": "person", "key": key, "operator": "trial",
            "made_at": dt.datetime.now(dt.UTC).isoformat(), "fields": [{"field": field, "old": old, "new": new}]}
    if photo is not None:
        body["photo"] = base64.b64encode(photo).decode()
    return body


def new_phone(n: int, old: str | None) -> str:
    phone = f"139{n:08d}"
    return phone if phone != old else f"138{n:08d}"


def phone_changes(items: list[FeedItem]) -> list[dict[str, Any]]:
    assert all(item.record is not None for item in items)
    return [change(i.id_number, "phone", i.record["phone"], new_phone(n, i.record["phone"]))  # type: ignore[index]
            for n, i in enumerate(items)]


def photo_sha(item: FeedItem) -> str | None:
    data = (item.record or {}).get("photo")
    return hashlib.sha256(base64.b64decode(data)).hexdigest() if data else None


def noise_jpeg(side: int, quality: int) -> bytes:
    """A valid JPEG that does not compress (random pixels): its size is what the database must hold."""
    out = io.BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(out, "JPEG", quality=quality)
    return out.getvalue()


def audit_rows(file: Path) -> dict[str, int]:
    with closing(sqlite3.connect(file)) as conn:
        rows = conn.execute("SELECT change_id, count(*) FROM audit WHERE change_id IS NOT NULL GROUP BY change_id")
        return {change_id: n for change_id, n in rows}


def applied_ids(file: Path) -> set[str]:
    with closing(sqlite3.connect(file)) as conn:
        return {row[0] for row in conn.execute("SELECT change_id FROM applied_changes")}


def integrity(file: Path) -> str:
    with closing(sqlite3.connect(file)) as conn:
        return "\n".join(row[0] for row in conn.execute("PRAGMA integrity_check"))


def error_of(answer: httpx.Response) -> str:
    return ErrorBody.model_validate(answer.json()).code


def test_a_push_killed_mid_batch_is_whole_per_change_and_the_resend_completes(tmp_path: Path,
                                                                               demo_records: Path) -> None:
    seeded = seed(tmp_path, demo_records)
    with server_process(["--data", str(seeded.folder)]) as server, client(server.url, seeded.token) as http:
        before = persons(http)
        batch = phone_changes(list(before.values()))
        assert len(batch) == SEED_PERSONS and not applied_ids(seeded.file)
        failure: list[BaseException] = []

        def send() -> None:
            try:
                http.post("/v1/push", json={"changes": batch})
            except httpx.HTTPError as exc:  # the connection dies with the server: expected
                failure.append(exc)

        sender = threading.Thread(target=send, daemon=True)
        sender.start()
        deadline = time.monotonic() + 60
        with closing(sqlite3.connect(seeded.file)) as watch:  # each SELECT sees the latest commit
            while watch.execute("SELECT count(*) FROM applied_changes").fetchone()[0] < KILL_AFTER:
                assert sender.is_alive() and time.monotonic() < deadline, "the push ended before the kill"
                time.sleep(0.002)
        server.kill()
        sender.join(30)
    assert failure, "the push was answered although the server was killed"
    settled = applied_ids(seeded.file)
    assert KILL_AFTER <= len(settled) < SEED_PERSONS  # killed mid-way
    assert integrity(seeded.file) == "ok"

    with server_process(["--data", str(seeded.folder)]) as server, client(server.url, seeded.token) as http:
        after, audit = persons(http), audit_rows(seeded.file)
        for item in batch:
            was, now = before[item["key"]], after[item["key"]]
            assert now.record is not None and was.record is not None
            if item["change_id"] in settled:  # entirely applied
                assert (now.record["phone"], now.version) == (item["fields"][0]["new"], was.version + 1)
                assert audit.get(item["change_id"]) == 1
            else:  # not at all
                assert (now.record["phone"], now.version) == (was.record["phone"], was.version)
                assert item["change_id"] not in audit
        answer = http.post("/v1/push", json={"changes": batch})
        assert answer.status_code == 200
        results = PushResponse.model_validate(answer.json()).results
        assert [r.status for r in results] == [
            ItemStatus.DUPLICATE if c["change_id"] in settled else ItemStatus.APPLIED for c in batch]
        final, audit = persons(http), audit_rows(seeded.file)
    for item in batch:
        now = final[item["key"]]
        assert now.record is not None
        assert (now.record["phone"], now.version) == (item["fields"][0]["new"], before[item["key"]].version + 1)
    assert audit == {c["change_id"]: 1 for c in batch}  # each change applied exactly once
    assert applied_ids(seeded.file) == {c["change_id"] for c in batch}


def test_a_client_dropping_a_snapshot_holds_nothing(tmp_path: Path, demo_records: Path) -> None:
    seeded = seed(tmp_path, demo_records)
    # --max-in-flight 1: a dropped stream that kept its slot would turn every later request away with 429
    with server_process(["--data", str(seeded.folder)], "--max-in-flight", "1") as server, \
            client(server.url, seeded.token) as http:
        items = list(persons(http).values())
        for n, item in enumerate(items[:6]):  # ~11 MB of photos: a snapshot far larger than socket buffers
            photo = noise_jpeg(960, 100)
            assert len(photo) <= PHOTO_MAX_IMPORT_BYTES
            sent = http.post("/v1/push", json={"changes": [
                change(item.id_number, PHOTO_FIELD, photo_sha(item), hashlib.sha256(photo).hexdigest(), photo)]})
            assert PushResponse.model_validate(sent.json()).results[0].status is ItemStatus.APPLIED, n
        for _ in range(3):
            with client(server.url, seeded.token) as reader, reader.stream("GET", "/v1/snapshot") as stream:
                assert stream.status_code == 200
                first = next(stream.iter_raw(64 * 1024))
                assert first[:2] == b"\x1f\x8b"  # gzip: the stream had begun
            started = time.monotonic()
            while (hello := http.get("/v1/handshake")).status_code == 429 and time.monotonic() - started < 5:
                time.sleep(0.01)  # the server notices the drop at its next write
            assert hello.status_code == 200, "the dropped stream still holds its slot"
        started = time.monotonic()
        pushed = http.post("/v1/push", json={"changes": phone_changes(items[6:7])})
        took = time.monotonic() - started
        assert PushResponse.model_validate(pushed.json()).results[0].status is ItemStatus.APPLIED
        assert took < 2, f"the push waited {took:.1f} s: a lock outlived the dropped snapshot"
        full = http.get("/v1/snapshot")
    lines = gzip.decompress(full.content).decode("utf-8").splitlines()
    header, trailer = SnapshotHeader.model_validate_json(lines[0]), SnapshotTrailer.model_validate_json(lines[-1])
    assert header.count == trailer.count == len(lines) - 2 == SEED_PERSONS
    assert len(full.content) > 10 * 64 * 1024  # the dropped reads had taken a small part of it


def test_a_locked_database_answers_busy_and_the_retry_applies_once(tmp_path: Path, demo_records: Path) -> None:
    seeded = seed(tmp_path, demo_records)
    with server_process(["--data", str(seeded.folder)], env={BUSY_TIMEOUT_ENV: "200"}) as server, \
            client(server.url, seeded.token) as http:
        before = persons(http)
        batch = phone_changes(list(before.values())[:3])
        lock = sqlite3.connect(seeded.file, isolation_level=None)
        try:
            lock.execute("BEGIN EXCLUSIVE")
            started = time.monotonic()
            refused = http.post("/v1/push", json={"changes": batch})
            waited = time.monotonic() - started
        finally:
            lock.execute("ROLLBACK")
            lock.close()
        assert (refused.status_code, error_of(refused)) == (503, "database_busy"), refused.text
        assert refused.headers["Retry-After"] and waited >= 0.2
        assert persons(http) == before and not applied_ids(seeded.file) and not audit_rows(seeded.file)
        retried = http.post("/v1/push", json={"changes": batch})
        assert [r.status for r in PushResponse.model_validate(retried.json()).results] == [ItemStatus.APPLIED] * 3
        after = persons(http)
    for item in batch:
        assert after[item["key"]].record["phone"] == item["fields"][0]["new"]  # type: ignore[index]
        assert after[item["key"]].version == before[item["key"]].version + 1
    assert audit_rows(seeded.file) == {c["change_id"]: 1 for c in batch}


def test_a_full_database_answers_full_and_stays_intact(tmp_path: Path, demo_records: Path) -> None:
    seeded = seed(tmp_path, demo_records)
    photos = [noise_jpeg(700, 95) for _ in range(12)]  # ~0.6 MB each, incompressible
    with closing(sqlite3.connect(seeded.file)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        pages, page_size = (int(conn.execute(f"PRAGMA {name}").fetchone()[0]) for name in ("page_count", "page_size"))
    limit = pages + int(2.5 * len(photos[0]) / page_size)  # just above the size: room for about two photos
    with server_process(["--data", str(seeded.folder)], env={MAX_PAGES_ENV: str(limit)}) as server, \
            client(server.url, seeded.token) as http:
        items = list(persons(http).values())
        accepted: list[tuple[FeedItem, str]] = []
        refused: tuple[FeedItem, httpx.Response] | None = None
        for item, photo in zip(items, photos, strict=False):
            new = hashlib.sha256(photo).hexdigest()
            answer = http.post("/v1/push", json={"changes": [change(item.id_number, PHOTO_FIELD, photo_sha(item),
                                                                    new, photo)]})
            if answer.status_code == 503:
                refused = item, answer
                break
            assert PushResponse.model_validate(answer.json()).results[0].status is ItemStatus.APPLIED
            accepted.append((item, new))
        assert refused is not None, "the database never filled"
        person, answer = refused
        assert error_of(answer) == "database_full" and answer.headers["Retry-After"]
        assert accepted, "the first push already overran: the limit was not above the size"
        after = persons(http)  # the server still reads
        assert after[person.id_number] == person  # the refused person is unchanged: version, seq, record, photo
        for item, new in accepted:
            assert photo_sha(after[item.id_number]) == new
    assert integrity(seeded.file) == "ok"
    assert len(applied_ids(seeded.file)) == len(accepted)


def terminate_connections(url: str) -> int:
    engine = sa.create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            return len(conn.execute(sa.text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()")).all())
    finally:
        engine.dispose()


def test_postgres_connections_terminated_under_a_running_server(postgres_url: str, demo_records: Path) -> None:
    db = open_seeded(postgres_url, demo_records)
    try:
        token = auth.create_token(db, all_units(demo_records), BUREAU)
        with in_thread(db) as url, client(url, token) as http:
            item = next(iter(persons(http).values()))
            batch = {"changes": phone_changes([item])}
            for request in (lambda: http.get("/v1/handshake"), lambda: http.post("/v1/push", json=batch)):
                assert terminate_connections(postgres_url) >= 1  # the server's pooled connections
                first = request()
                assert first.status_code == 200 or (first.status_code, error_of(first)) == (
                    503, "database_unavailable"), first.text
                assert request().status_code == 200
            stored = persons(http)[item.id_number].record
            assert stored is not None and stored["phone"] == batch["changes"][0]["fields"][0]["new"]
    finally:
        db.dispose()


def test_a_token_for_many_units_can_be_made_on_postgres(postgres_url: str, demo_records: Path) -> None:
    db = open_seeded(postgres_url, None)
    try:
        units = all_units(demo_records)
        assert len("、".join(units)) > 200
        assert auth.create_token(db, units).startswith(auth.TOKEN_PREFIX)
    finally:
        db.dispose()
