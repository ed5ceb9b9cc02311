"""Reading and validating interchange lines (docs/record-format.md): JSON bytes in, plain row tuples out.

Runs in the import's worker processes, so it returns only tuples that are cheap to send between
processes: each line is decoded, validated with domain.record.parse_record and cut into the rows
the importer upserts (in the column order of `PERSON_COLUMNS` and `CERT_COLUMNS`), or rejected
with its reason.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any, NamedTuple

from desktop_app.domain.record import PersonRecord, RecordError, parse_record, photo_kind
from desktop_app.messages import msg

# A validated line, as plain tuples that are cheap to send between processes.
PersonRow = tuple[str, str, str, str, str | None, str | None, str | None, str | None, str | None]
EmployerRow = tuple[str, str | None]  # name, uscc
PhotoRow = tuple[str, bytes, str]  # mime, bytes, sha256
CertRow = tuple[Any, ...]  # CERT_COLUMNS without person_id


class ParsedLine(NamedTuple):  # a tuple: cheaper than a dataclass to send back from the parser processes
    line_no: int
    person: PersonRow
    employer: EmployerRow | None
    photo: PhotoRow | None
    certs: tuple[CertRow, ...]

    @property
    def id_number(self) -> str:
        return self.person[0]


PERSON_COLUMNS = ("id_number", "name", "gender", "birth_date", "phone", "education", "major",
                  "position", "title")
CERT_COLUMNS = ("number", "new_number", "category", "family", "work_type", "work_type_new_code", "format",
                "city_letter", "year", "serial", "first_issued", "issued", "valid_until", "issuer_unit",
                "state")


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _to_rows(line_no: int, rec: PersonRecord) -> ParsedLine:
    person = (rec.id_number, rec.name, rec.gender, rec.birth_date.isoformat(), rec.phone, rec.education,
              rec.major, rec.position, rec.title)
    employer = (rec.employer.name, rec.employer.uscc) if rec.employer else None
    photo = None
    if rec.photo:
        photo = (f"image/{photo_kind(rec.photo)}", rec.photo, hashlib.sha256(rec.photo).hexdigest())
    certs = tuple(
        (c.number_text, c.new_number, c.category, c.number.family, c.work_type,
         c.number.work_type.new_code if c.number.work_type else None, c.format, c.number.city_letter or None,
         c.number.year, c.number.serial, _iso(c.first_issued), _iso(c.issued), _iso(c.valid_until),
         c.issuer_unit, c.state)
        for c in rec.certificates)
    return ParsedLine(line_no, person, employer, photo, certs)


def parse_line(line_no: int, raw: bytes) -> ParsedLine | str:
    """One line of the file: its rows, or the reason it is rejected."""
    try:
        obj = json.loads(raw)
    except UnicodeDecodeError:
        return str(msg("interchange.not_utf8"))
    except json.JSONDecodeError as exc:
        return str(msg("interchange.bad_json", detail=exc.msg, column=exc.colno))
    try:
        return _to_rows(line_no, parse_record(obj))
    except RecordError as exc:
        return str(exc)
    except RecursionError:
        return str(msg("interchange.too_deep"))


Rejects = list[tuple[int, str]]
ParsedBlock = tuple[int, int, list[ParsedLine], Rejects]  # (bytes, lines, parsed lines, rejected lines)


def parse_block(first_line: int, block: bytes) -> ParsedBlock:
    """Parse the lines of a block (first_line is the number of its first line); blank lines are skipped."""
    parsed: list[ParsedLine] = []
    rejected: Rejects = []
    raws = block.split(b"\n")
    for offset, raw in enumerate(raws):
        if not raw.strip():
            continue
        result = parse_line(first_line + offset, raw)
        if isinstance(result, str):
            rejected.append((first_line + offset, result))
        else:
            parsed.append(result)
    return len(block) + 1, len(raws), parsed, rejected
