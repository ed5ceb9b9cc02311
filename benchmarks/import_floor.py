"""The import's floor: what loading a JSONL file costs with nothing but parsing and bulk inserts.

Issue 16 measures the real import (and the first sync) as a ratio to this, in the same run on the same
machine: the same file parsed line by line with `json.loads` in one process, persons and certificates
inserted with `executemany` into two bare tables (no validation, no index, no search terms, no audit),
one transaction per `BATCH_LINES` lines, with the cache's own journal mode and synchronous setting.
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from desktop_app.services.interchange.jsonl_import import BATCH_LINES

PERSON_FIELDS = ("id_number", "name", "gender", "birth_date", "phone", "education", "major",
                 "position", "title", "photo")
CERT_FIELDS = ("number", "category", "work_type", "first_issued", "issued", "valid_until",
               "issuer_unit", "state", "format")
SCHEMA = f"""
CREATE TABLE persons ({", ".join(PERSON_FIELDS)}, employer_name, employer_uscc);
CREATE TABLE certificates (person_id_number, {", ".join(CERT_FIELDS)});
"""


@dataclass(frozen=True)
class FloorResult:
    persons: int
    certificates: int
    seconds: float


def _person_row(record: dict) -> tuple:
    employer = record.get("employer") or {}
    return (*(record.get(field) for field in PERSON_FIELDS), employer.get("name"), employer.get("uscc"))


def _cert_rows(record: dict) -> list[tuple]:
    owner = record.get("id_number")
    return [(owner, *(cert.get(field) for field in CERT_FIELDS)) for cert in record.get("certificates") or ()]


def _flush(db: sqlite3.Connection, persons: list[tuple], certs: list[tuple]) -> None:
    with db:  # one transaction per batch, as the import writes
        db.executemany(f"INSERT INTO persons VALUES ({', '.join('?' * (len(PERSON_FIELDS) + 2))})", persons)
        db.executemany(f"INSERT INTO certificates VALUES ({', '.join('?' * (len(CERT_FIELDS) + 1))})", certs)


def floor_import(source: Path, db_path: Path) -> FloorResult:
    """Load `source` into a new bare database at `db_path`; the time includes the final checkpoint."""
    started = time.perf_counter()
    db = sqlite3.connect(db_path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.executescript(SCHEMA)
    db.isolation_level = ""  # back to implicit transactions, ended by `with db`
    persons: list[tuple] = []
    certs: list[tuple] = []
    total_persons = total_certs = 0
    with source.open("rb") as lines:
        for line in lines:
            record = json.loads(line)
            persons.append(_person_row(record))
            certs.extend(_cert_rows(record))
            if len(persons) >= BATCH_LINES:
                _flush(db, persons, certs)
                total_persons, total_certs = total_persons + len(persons), total_certs + len(certs)
                persons, certs = [], []
    _flush(db, persons, certs)
    total_persons, total_certs = total_persons + len(persons), total_certs + len(certs)
    db.close()
    return FloorResult(total_persons, total_certs, time.perf_counter() - started)


def floor_times(source: Path, folder: Path, runs: int = 3) -> list[float]:
    """The floor `runs` times on `source`, each into a new bare database in `folder` (deleted afterwards).

    Benchmarks report the best: the floor is short, so one run is at the mercy of the disk."""
    bare = folder / "floor.sqlite"
    times = []
    for _run in range(runs):
        for leftover in (bare, bare.with_name(bare.name + "-wal"), bare.with_name(bare.name + "-shm")):
            leftover.unlink(missing_ok=True)
        times.append(floor_import(source, bare).seconds)
    bare.unlink(missing_ok=True)
    return times
