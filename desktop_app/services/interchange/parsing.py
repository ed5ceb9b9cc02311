"""Reading and validating interchange lines (docs/record-format.md): JSON bytes in, plain row tuples out.

Runs in the import's worker processes, so it returns only tuples that are cheap to send between
processes: each line is decoded, validated with domain.record.parse_record and cut into the rows
the importer upserts (in the column order of `PERSON_COLUMNS` and `CERT_COLUMNS`), or rejected
with its reason.

Everything that could make the writer fail is refused here, per line, so one bad line never
costs the good ones: bytes that are not strict UTF-8 (CESU-8 surrogates, UTF-16), integers over
Python's digit limit, nesting past the recursion limit, values the record rules refuse (text with
control characters or surrogates among them), photos that do not decode (photo_import.py). A
reason is made safe to print and store whatever it quotes (`_safe`). A check that fails in a way
nobody foresaw still rejects only its own line, with a reason that asks for a bug report.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import marshal
import sys
from typing import Any, NamedTuple

from desktop_app.domain.record import PersonRecord, RecordError, parse_record
from desktop_app.messages import msg
from desktop_app.services.interchange.photo_import import PhotoRow, photo_row

# A validated line, as plain tuples that are cheap to send between processes.
PersonRow = tuple[str, str, str, str, str | None, str | None, str | None, str | None, str | None]
EmployerRow = tuple[str, str | None]  # name, uscc
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
    photo = photo_row(rec.photo) if rec.photo else None
    certs = tuple(
        (c.number_text, c.new_number, c.category, c.number.family, c.work_type,
         c.number.work_type.new_code if c.number.work_type else None, c.format, c.number.city_letter or None,
         c.number.year, c.number.serial, _iso(c.first_issued), _iso(c.issued), _iso(c.valid_until),
         c.issuer_unit, c.state)
        for c in rec.certificates)
    return ParsedLine(line_no, person, employer, photo, certs)


MAX_LINE_BYTES = 8 * 1024 * 1024  # a 2 MB photo in base64 and the rest of the record fit easily
REASON_MAX = 300  # characters of a rejection reason
BOM = "\ufeff"
_log = logging.getLogger(__name__)


def parse_line(line_no: int, raw: bytes) -> ParsedLine | str:
    """One line of the file: its rows, or the (printable, storable) reason it is rejected."""
    try:
        return _parse(line_no, raw)
    except RecordError as exc:
        return _safe(str(exc))
    except Exception as exc:  # a bug in a check costs its own line, never the others
        _log.exception("line %d could not be checked", line_no)  # a bug: its traceback goes to the log
        return _safe(str(msg("interchange.unexpected", detail=type(exc).__name__)))


# Python's json messages (their stable start) → the catalogue's words for them, in the UI's language.
JSON_PROBLEMS = (("Expecting value", "expecting_value"), ("Expecting ',' delimiter", "expecting_comma"),
                 ("Expecting ':' delimiter", "expecting_colon"), ("Expecting property name", "expecting_name"),
                 ("Unterminated string", "unterminated_string"), ("Invalid control character", "control_character"),
                 ("Invalid \\uXXXX", "bad_unicode_escape"), ("Invalid \\escape", "bad_escape"),
                 ("Extra data", "extra_data"))


def json_problem(parser_message: str) -> str:
    """What the JSON parser found wrong, in words of the catalogue (not Python's English)."""
    for start, code in JSON_PROBLEMS:
        if parser_message.startswith(start):
            return str(msg(f"interchange.json.{code}"))
    return str(msg("interchange.json.other"))


def _parse(line_no: int, raw: bytes) -> ParsedLine:
    if len(raw) > MAX_LINE_BYTES:
        raise RecordError(str(msg("interchange.line_too_long", mb=MAX_LINE_BYTES // (1024 * 1024))))
    try:
        text = raw.decode("utf-8")  # strict: json.loads(bytes) would let CESU-8 surrogates and UTF-16 in
    except UnicodeDecodeError as exc:
        raise RecordError(str(msg("interchange.not_utf8", position=exc.start + 1))) from None
    try:
        obj = json.loads(text[1:] if text.startswith(BOM) else text)
    except json.JSONDecodeError as exc:
        raise RecordError(str(msg("interchange.bad_json", detail=json_problem(exc.msg), column=exc.colno))) from None
    except ValueError:  # an integer literal over the digit limit
        raise RecordError(str(msg("interchange.number_too_long", limit=sys.get_int_max_str_digits()))) from None
    except RecursionError:
        raise RecordError(str(msg("interchange.too_deep"))) from None
    try:
        return _to_rows(line_no, parse_record(obj))
    except RecursionError:
        raise RecordError(str(msg("interchange.too_deep"))) from None


def parse_record_object(line_no: int, obj: object) -> ParsedLine | str:
    """A record already decoded from JSON (a sync feed item's): its rows, or why it is rejected."""
    try:
        return _to_rows(line_no, parse_record(obj))
    except RecordError as exc:
        return _safe(str(exc))
    except RecursionError:
        return _safe(str(msg("interchange.too_deep")))
    except Exception as exc:  # a bug in a check costs its own record, never the others
        _log.exception("record %d could not be checked", line_no)
        return _safe(str(msg("interchange.unexpected", detail=type(exc).__name__)))


def _safe(reason: str) -> str:
    """A reason that prints on one line and stores whatever it quotes: shortened, non-printables escaped.

    The checks quote values with record.quote already; this holds for any text a check passes on.
    """
    if len(reason) > REASON_MAX:
        reason = reason[:REASON_MAX] + "…"
    if not reason.isprintable():  # a control character or a lone surrogate: as its escape
        reason = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in reason)
    return reason


Rejects = list[tuple[int, str]]
ParsedBlock = tuple[int, int, list[ParsedLine], Rejects]  # (bytes, lines, parsed lines, rejected lines)


def parse_block(first_line: int, block: bytes, too_long: tuple[int, ...] = (), skipped: int = 0) -> ParsedBlock:
    """Parse the lines of a block (first_line is the number of its first line); blank lines are skipped.

    `too_long` are lines the reader cut off unread (an empty line stands in for each; `skipped`
    bytes of them were dropped): each is rejected.
    """
    parsed: list[ParsedLine] = []
    rejected: Rejects = [(line_no, _safe(str(msg("interchange.line_too_long", mb=MAX_LINE_BYTES // (1024 * 1024)))))
                         for line_no in too_long]
    raws = block.split(b"\n")
    for offset, raw in enumerate(raws):
        if not raw.strip():
            continue
        result = parse_line(first_line + offset, raw)
        if isinstance(result, str):
            rejected.append((first_line + offset, result))
        else:
            parsed.append(result)
    return len(block) + 1 + skipped, len(raws), parsed, rejected


def parse_block_packed(first_line: int, block: bytes, too_long: tuple[int, ...] = (), skipped: int = 0) -> bytes:
    """`parse_block` in a parser process, its result as marshal bytes for the importing process.

    The rows are plain tuples of str, int, bytes and None, which marshal writes and reads about 3× as
    fast as pickle (20,000 lines: 0.13 s against 0.37 s, most of it in the parser process)."""
    size, count, lines, rejects = parse_block(first_line, block, too_long, skipped)
    return marshal.dumps((size, count, [tuple(line) for line in lines], rejects))


def unpack_block(data: bytes) -> ParsedBlock:
    """What `parse_block_packed` sent (made by our own parser process, never by a file's author)."""
    size, count, lines, rejects = marshal.loads(data)
    return size, count, [ParsedLine(*line) for line in lines], rejects
