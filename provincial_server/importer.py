"""`import FILE.jsonl`: load or update persons from the record format, by the desktop importer's rules.

Lines are parsed and validated in worker processes (the domain's `parse_record`, the photo check) and
written in batches, each batch one transaction: a person is inserted, or its fields replaced (certificates
not listed are kept, a null photo keeps the photo) — exactly docs/record-format.md's import semantics.
An unchanged line writes nothing; a changed person gets a new version and sequence, so clients pull it.
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.pool import AsyncResult
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, insert, select, update

from desktop_app.domain.certnumber import parse
from desktop_app.domain.record import RecordError
from desktop_app.domain.rules import default_rules
from provincial_server import records, writes
from provincial_server.db.engine import Database

BATCH = 1000
LINE_MAX = 8 * 1024 * 1024
PARSE_AHEAD = 4  # chunks of BATCH // 2 lines in flight per parser process
HELD_QUERY_NUMBERS = 5000  # certificate numbers per query: far below SQLite's limit of bound parameters
persons, photos = writes.persons, writes.photos


@dataclass(frozen=True)
class Parsed:
    line_no: int
    id_number: str
    doc: dict[str, Any]
    photo: bytes | None
    # What a new person's rows are, made in the parser process (the writer is the slower stage): the
    # stored document's text, its certificate numbers and index rows (digests with this line's photo).
    doc_text: str = ""
    numbers: tuple[str, ...] = ()
    index: tuple[records.IndexRow, ...] = ()


@dataclass
class ImportReport:
    lines: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)


def parse_line(line_no: int, raw: bytes) -> Parsed | tuple[int, str]:
    try:
        if len(raw) > LINE_MAX:
            return line_no, f"行过长（{len(raw)} 字节）"
        try:
            text = raw.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError as exc:
            return line_no, f"bad JSON: 不是 UTF-8 编码的文本（第 {exc.start + 1} 字节）"
        try:
            obj = json.loads(text)
        except RecursionError:
            return line_no, "bad JSON: 嵌套过深"
        except ValueError as exc:
            return line_no, f"bad JSON: {exc}"
        record = records.validate(obj, default_rules())
        photo = record.photo
        if photo is not None:
            reason = records.photo_reason(photo)
            if reason:
                return line_no, f"照片（photo）无法使用：{reason}"
        doc = records.doc_of(record)
        return Parsed(line_no, record.id_number, doc, photo, records.dump(doc),
                      tuple(c.new_number for c in record.certificates),
                      tuple(records.index_rows(record, records.sha256(photo), default_rules())))
    except RecordError as exc:
        return line_no, str(exc)[:300]


def _parse_chunk(chunk: list[tuple[int, bytes]]) -> list[Parsed | tuple[int, str]]:
    return [parse_line(n, raw) for n, raw in chunk]


def _chunks(path: Path) -> Iterator[list[tuple[int, bytes]]]:
    chunk: list[tuple[int, bytes]] = []
    with path.open("rb") as handle:
        for line_no, raw in enumerate(handle, start=1):
            raw = raw.rstrip(b"\r\n")
            if raw.strip():
                chunk.append((line_no, raw))
            if len(chunk) >= BATCH // 2:
                yield chunk
                chunk = []
    if chunk:
        yield chunk


def _parsed(path: Path, workers: int) -> Iterator[Parsed | tuple[int, str]]:
    if workers <= 1:
        for chunk in _chunks(path):
            yield from _parse_chunk(chunk)
        return
    with multiprocessing.get_context("spawn" if os.name == "nt" else "fork").Pool(workers) as pool:
        # A few chunks ahead per parser, in file order: when the writer is the slower stage, parsed lines
        # wait in the parsers' queue instead of piling up in this process (Pool.imap reads ahead without end).
        ahead: deque[AsyncResult[list[Parsed | tuple[int, str]]]] = deque()
        for chunk in _chunks(path):
            ahead.append(pool.apply_async(_parse_chunk, (chunk,)))
            if len(ahead) >= PARSE_AHEAD * workers:
                yield from ahead.popleft().get()
        while ahead:
            yield from ahead.popleft().get()


def import_file(db: Database, path: Path, workers: int | None = None,
                progress: Callable[[int], None] | None = None) -> ImportReport:
    report = ImportReport()
    batch: list[Parsed] = []
    for item in _parsed(path, workers if workers is not None else min(2, os.cpu_count() or 1)):
        report.lines += 1
        if isinstance(item, tuple):
            report.rejected.append(item)
            continue
        batch.append(item)
        if len(batch) >= BATCH:
            _write_batch(db, batch, report)
            batch = []
            if progress:
                progress(report.lines)
    if batch:
        _write_batch(db, batch, report)
    return report


def _merged(old_doc: dict[str, Any], new: Parsed) -> dict[str, Any]:
    """The line's values; the certificates it does not list are kept (an import never deletes one)."""
    listed = {_new_number(c) for c in new.doc["certificates"]}
    kept = [c for c in old_doc.get("certificates") or [] if _new_number(c) not in listed]
    return {**new.doc, "certificates": new.doc["certificates"] + kept}


def _new_number(cert: dict[str, Any]) -> str:
    return parse(cert["number"], cert["format"]).new_number()


Planned = tuple[Parsed, writes.StoredPerson | None, str, str | None, list[records.IndexRow]]
# (the line, the stored person or None, the document's text, the photo's SHA-256, the index rows)


def _write_batch(db: Database, batch: list[Parsed], report: ImportReport) -> None:
    rules = default_rules()
    now = dt.datetime.now(dt.UTC)
    with db.write.begin() as conn:
        latest = list(_last_per_person(batch))
        existing = _existing(conn, [p.id_number for p in latest])
        queried = {n for p in latest for n in p.numbers}
        held = _held(conn, list(queried))
        owners: dict[str, str] = {}
        plan: list[Planned] = []
        for item in latest:
            stored = existing.get(item.id_number)
            record = None
            if stored is None:  # a new person: the parser's record is the one to store
                numbers, text = list(item.numbers), item.doc_text
            else:
                doc = _merged(stored.doc, item) if stored.doc else item.doc
                record = records.validate(doc, rules)
                numbers, text = [c.new_number for c in record.certificates], records.dump(records.doc_of(record))
            if not queried.issuperset(numbers):  # an update keeps certificates the line does not list
                held.update(_held(conn, [n for n in numbers if n not in queried]))
                queried.update(numbers)
            clash = _clash(numbers, stored, item.id_number, owners, held)
            if clash:
                report.rejected.append((item.line_no, f"证书 {clash[0]} 已属于身份证号为 {clash[1]} 的人员"))
                continue
            keep_photo = item.photo is None and stored is not None
            photo_sha = stored.photo_sha256 if keep_photo and stored else records.sha256(item.photo)
            if stored and not stored.deleted and stored.doc and records.dump(stored.doc) == text \
                    and photo_sha == stored.photo_sha256:
                report.unchanged += 1
                continue
            owners.update(dict.fromkeys(numbers, item.id_number))
            index = list(item.index) if record is None else records.index_rows(record, photo_sha, rules)
            plan.append((item, stored, text, photo_sha, index))
        _write_plan(conn, plan, now, report)


def _last_per_person(batch: list[Parsed]) -> Iterable[Parsed]:
    """A person twice in one batch: the later line wins, as if imported one after the other."""
    return {p.id_number: p for p in batch}.values()


def _existing(conn: Connection, id_numbers: list[str]) -> dict[str, writes.StoredPerson]:
    query = select(persons.c.id, persons.c.id_number, persons.c.doc, persons.c.photo_sha256, persons.c.version,
                   persons.c.seq, persons.c.deleted).where(persons.c.id_number.in_(id_numbers))
    if conn.dialect.name == "postgresql":
        query = query.with_for_update()
    return {r.id_number: writes.StoredPerson(r.id, r.id_number, json.loads(r.doc) if r.doc else None,
                                             r.photo_sha256, r.version, r.seq, r.deleted) for r in conn.execute(query)}


def _held(conn: Connection, numbers: list[str]) -> dict[str, tuple[int, str]]:
    """Of these certificate numbers, those stored: number → (its person's row id, ID number). One query per
    batch instead of one per line: every line of a batch is checked before any of it is written."""
    found: dict[str, tuple[int, str]] = {}
    unique = list(dict.fromkeys(numbers))
    for start in range(0, len(unique), HELD_QUERY_NUMBERS):
        query = (select(writes.certificates.c.new_number, writes.certificates.c.person_id, persons.c.id_number)
                 .join(persons, persons.c.id == writes.certificates.c.person_id)
                 .where(writes.certificates.c.new_number.in_(unique[start:start + HELD_QUERY_NUMBERS])))
        found.update({number: (person_id, id_number) for number, person_id, id_number in conn.execute(query)})
    return found


def _clash(numbers: list[str], stored: writes.StoredPerson | None, id_number: str, owners: dict[str, str],
           held: dict[str, tuple[int, str]]) -> tuple[str, str] | None:
    for number in numbers:
        if owners.get(number, id_number) != id_number:
            return number, owners[number]
    own_id = stored.id if stored else -1
    for number in numbers:
        holder = held.get(number)
        if holder is not None and holder[0] != own_id:
            return number, holder[1]
    return None


def _write_plan(conn: Connection, plan: list[Planned], now: dt.datetime, report: ImportReport) -> None:
    if not plan:
        return
    first_seq = writes.next_seq(conn, len(plan))  # the counter last: after every person row is locked
    new_rows, ids = [], {}
    for offset, (item, stored, text, photo_sha, _index) in enumerate(plan):
        values = {"id_number": item.id_number, "doc": text, "photo_sha256": photo_sha, "seq": first_seq + offset,
                  "deleted": False, "updated_at": now}
        if stored is None:
            new_rows.append({**values, "version": 1})
        else:
            conn.execute(update(persons).where(persons.c.id == stored.id).values(version=stored.version + 1, **values))
            ids[item.id_number] = stored.id
            report.updated += 1
    if new_rows:
        returned = conn.execute(insert(persons).returning(persons.c.id, persons.c.id_number,
                                                          sort_by_parameter_order=True), new_rows)
        ids.update({idn: pid for pid, idn in returned})
        report.added += len(new_rows)
    photo_rows, index_rows = [], []
    for item, stored, _text, _photo_sha, index in plan:
        person_id = ids[item.id_number]
        if item.photo is not None:
            if stored is not None:
                conn.execute(photos.delete().where(photos.c.person_id == person_id))
            photo_rows.append({"person_id": person_id, "data": item.photo})
        if stored is not None:
            conn.execute(writes.certificates.delete().where(writes.certificates.c.person_id == person_id))
        index_rows += [{"person_id": person_id, "new_number": r.new_number, "unit": r.unit, "kind": r.kind,
                        "digest": r.digest} for r in index]
    if photo_rows:
        conn.execute(insert(photos), photo_rows)
    if index_rows:
        conn.execute(insert(writes.certificates), index_rows)
    writes.write_audit(conn, [{"at": now, "source": "import", "bureau": writes.PROVINCE, "operator": None,
                               "change_id": None, "id_number": None, "entity": "import", "key": None, "field": None,
                               "old_value": None, "new_value": json.dumps({"persons": len(plan)})}])
