"""Exporting the cache as a JSONL file of person records (docs/record-format.md).

Every person, sorted by ID number, streamed from one query and written atomically; each line has
the fields in the documented order (domain.record.to_json_dict), so an export imports back unchanged.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from desktop_app.errors import KnownError
from desktop_app.messages import msg
from desktop_app.store.engine import Cache, as_engine

EXPORT_QUERY = (
    "SELECT p.id, p.id_number, p.name, p.gender, p.birth_date, p.phone, p.education, p.major, e.name, e.uscc, "
    "p.position, p.title, ph.bytes, c.number, c.category, c.work_type, c.first_issued, c.issued, c.valid_until, "
    "c.issuer_unit, c.state, c.format "
    "FROM persons p LEFT JOIN enterprises e ON e.id = p.enterprise_id "
    "LEFT JOIN photos ph ON ph.person_id = p.id LEFT JOIN certificates c ON c.person_id = p.id "
    "ORDER BY p.id_number, c.id"
)
CERT_FIELDS = ("number", "category", "work_type", "first_issued", "issued", "valid_until", "issuer_unit",
               "state", "format")


def dumps_record(record: dict[str, Any]) -> str:
    """One line of the file (without its newline): UTF-8 text, no spaces, fields in documented order."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def _person_dict(row: Sequence[Any]) -> dict[str, Any]:
    """The same fields, in the same order, as domain.record.to_json_dict."""
    employer = None if row[8] is None else {"name": row[8], "uscc": row[9]}
    return {
        "id_number": row[1], "name": row[2], "gender": row[3], "birth_date": row[4], "phone": row[5],
        "education": row[6], "major": row[7], "employer": employer, "position": row[10], "title": row[11],
        "photo": base64.b64encode(row[12]).decode("ascii") if row[12] else None, "certificates": [],
    }


def iter_records(target: Cache | Engine) -> Iterator[dict[str, Any]]:
    """Every person in the cache as a record dict, sorted by ID number, streamed from one query."""
    raw = as_engine(target).raw_connection()
    try:
        cursor = raw.driver_connection.cursor()  # type: ignore[union-attr]
        current: dict[str, Any] | None = None
        current_id = None
        for row in cursor.execute(EXPORT_QUERY):
            if row[0] != current_id:
                if current is not None:
                    yield current
                current, current_id = _person_dict(row), row[0]
            if row[13] is not None:
                assert current is not None
                current["certificates"].append(dict(zip(CERT_FIELDS, row[13:], strict=True)))
        if current is not None:
            yield current
    finally:
        raw.close()


PROGRESS_EVERY = 500  # persons between two progress reports (and cancel checks) of an export


def export_jsonl(target: Cache | Engine, path: Path) -> int:
    """Write the cache as JSONL (atomically: a temp file renamed over the target); returns persons written."""
    return write_jsonl(target, path)[0]


def write_jsonl(target: Cache | Engine, path: Path, progress: Callable[[int], None] | None = None,
                cancel: Callable[[], bool] | None = None) -> tuple[int, bool]:
    """`export_jsonl` with `progress(persons written)` and `cancel`, every PROGRESS_EVERY persons:
    (persons written, cancelled). The file is `<name>.part` until complete, then renamed over `path`,
    so a cancelled or failed export leaves the target untouched."""
    path = Path(path)
    temp = path.with_name(path.name + ".part")
    count = 0
    try:
        with temp.open("w", encoding="utf-8", newline="\n") as out, closing(iter_records(target)) as records:
            for record in records:
                out.write(dumps_record(record))
                out.write("\n")
                count += 1
                if count % PROGRESS_EVERY == 0:
                    if progress is not None:
                        progress(count)
                    if cancel is not None and cancel():
                        break
            else:
                os.replace(temp, path)
                return count, False
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise KnownError(msg("interchange.cannot_write", path=path, detail=exc.strerror or str(exc))) from exc
    except BaseException:  # a database failure (shown by the caller): no half-written file either
        temp.unlink(missing_ok=True)
        raise
    temp.unlink(missing_ok=True)  # cancelled
    return count, True
