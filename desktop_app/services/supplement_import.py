"""Import a filled "A 证待补充信息" template (reports/supplement_template.py).

Three steps. Read (supplement_read.py): the file must be a real .xlsx carrying the template's
marker and headers, with no merged cells in the table; each cell is read as written (formulas are
detected and refused; an ID number stored as a number has lost digits). Validate: every row
against the cache with the one set of field rules (domain.person_fields), so each rejected row
gets its column and reason; a row whose values equal the current ones is "unchanged" and writes
nothing, which makes re-importing the same file a no-op. Apply: all valid rows in ONE transaction
through edits.save_person_in (new values + audit + outbox per person), so a killed import leaves
all of it or none of it.

A garbage file raises KnownError with one Chinese sentence; it never crashes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, joinedload, selectinload

from desktop_app.domain.identity import check_resident_id
from desktop_app.domain.person_fields import check_person
from desktop_app.domain.rules import Rules, default_rules
from desktop_app.errors import KnownError
from desktop_app.messages import msg
from desktop_app.reports.supplement_template import COLUMN_BY_KEY
from desktop_app.services.changes import ChangeKind, OpChanges
from desktop_app.services.edits import StaleRecord, ValidationFailed, save_person_in
from desktop_app.services.supplement_read import Rejection, SheetRow, read_template
from desktop_app.services.worklists import required_fields
from desktop_app.store.engine import Cache, as_engine
from desktop_app.store.locking import write_session
from desktop_app.store.models import Person

# Rejection and read_template are part of this module's interface (the worklist view imports from here).
__all__ = ["REASON", "Rejection", "Stage", "SupplementReport", "import_supplement", "read_template"]

REASON = "企业补充信息表导入"
CHUNK = 500  # persons per IN (…) query

# Fields a rule may complain about that the template has no column for → the column to point at.
_FIELD_COLUMN = {"gender": "id_number", "employer_name": "enterprise", "employer_uscc": "enterprise"}

Stage = Callable[[str, int], None]  # ("validate" | "write" | "written" | "done", rows)


@dataclass
class SupplementReport:
    file_unit: str = ""  # the unit the template was exported for
    rows: int = 0  # non-empty data rows read
    applied: int = 0  # persons changed (each with audit and outbox entries)
    unchanged: int = 0  # values equal to the cache: nothing written
    unfilled: int = 0  # nothing filled in, and the person still lacks required A fields
    rejected: list[Rejection] = field(default_factory=list)
    changed_person_ids: list[int] = field(default_factory=list)

    @property
    def op_changes(self) -> OpChanges:
        if not self.changed_person_ids:
            return OpChanges()
        return OpChanges.of((ChangeKind.RECORD, ChangeKind.OUTBOX), self.changed_person_ids)

    @property
    def rejected_rows(self) -> int:
        return len({r.row for r in self.rejected})


@dataclass(frozen=True)
class _Current:
    person_id: int
    version: int
    values: dict[str, str | None]  # as edits._person_values
    categories: tuple[str, ...]


@dataclass(frozen=True)
class _Plan:
    row: int
    person_id: int
    version: int
    values: dict[str, str]


# --- validating against the cache -----------------------------------------------------------------

_CURRENT_SQL = (
    "SELECT p.id, p.version, p.name, p.gender, p.id_number, p.phone, e.name, e.uscc, p.position, p.title, "
    "p.education, p.major, (SELECT group_concat(c.category) FROM certificates c WHERE c.person_id = p.id) "
    "FROM persons p LEFT JOIN enterprises e ON e.id = p.enterprise_id WHERE p.id_number IN ({marks})"
)
_VALUE_KEYS = ("name", "gender", "id_number", "phone", "employer_name", "employer_uscc", "position", "title",
               "education", "major")


def _current(engine: Engine, id_numbers: Sequence[str]) -> dict[str, _Current]:
    found: dict[str, _Current] = {}
    with engine.connect() as conn:
        for start in range(0, len(id_numbers), CHUNK):
            chunk = tuple(id_numbers[start:start + CHUNK])
            for row in conn.exec_driver_sql(_CURRENT_SQL.format(marks=", ".join("?" * len(chunk))), chunk):
                values = dict(zip(_VALUE_KEYS, row[2:12], strict=True))
                categories = tuple(str(row[12]).split(",")) if row[12] else ()
                found[str(row[4])] = _Current(int(row[0]), int(row[1]), values, categories)
    return found


def _reject(row: int, key: str, reason: str) -> Rejection:
    column = COLUMN_BY_KEY.get(_FIELD_COLUMN.get(key, key), COLUMN_BY_KEY["id_number"])
    return Rejection(row, column.letter, column.header, reason)


def _row_rejections(row: SheetRow, current: _Current | None, seen: dict[str, int]) -> list[Rejection]:
    """Why a row cannot be used at all (before its values are looked at)."""
    if row.problems:
        return row.problems
    if not row.id_number:
        return [_reject(row.row, "id_number", str(msg("resident_id.empty")))]
    if row.id_number in seen:
        return [_reject(row.row, "id_number", str(msg("supplement.duplicate_id", row=seen[row.id_number])))]
    if current is None:
        return [_reject(row.row, "id_number", str(msg("supplement.unknown_person", id_number=row.id_number)))]
    if row.name and row.name != current.values["name"]:
        return [_reject(row.row, "name", str(msg("supplement.name_mismatch", name=row.name,
                                                 current_name=current.values["name"])))]
    return []


class _Validator:
    def __init__(self, engine: Engine, rows: Sequence[SheetRow], rules: Rules, report: SupplementReport) -> None:
        ids = [rid.value for r in rows if r.id_number and (rid := check_resident_id(r.id_number))]
        self.current = _current(engine, ids)
        self.rules = rules
        self.required = required_fields(rules)
        self.report = report
        self.seen: dict[str, int] = {}

    def plan(self, row: SheetRow) -> _Plan | None:
        """The change this row asks for; None (and the report updated) when there is none to make."""
        if row.id_number and not row.problems:
            rid = check_resident_id(row.id_number)
            if not rid:
                self.report.rejected.append(_reject(row.row, "id_number", rid.reason))
                return None
            row.id_number = rid.value
        current = self.current.get(row.id_number or "")
        rejections = _row_rejections(row, current, self.seen)
        if row.id_number and row.id_number not in self.seen:
            self.seen[row.id_number] = row.row
        if rejections or current is None:
            self.report.rejected.extend(rejections)
            return None
        return self._changes(row, current)

    def _changes(self, row: SheetRow, current: _Current) -> _Plan | None:
        changed = [f for f, v in row.values.items() if v != current.values[f]]
        if not changed:  # as exported (pre-filled) or as already applied
            self._count_unchanged(current)
            return None
        normalised, reasons = check_person({**current.values, **row.values}, current.categories, changed,
                                           self.rules)
        if reasons:
            self.report.rejected.extend(_reject(row.row, f, r) for f, r in reasons.items())
            return None
        if not any(normalised[f] != current.values[f] for f in row.values):
            self._count_unchanged(current)
            return None
        if row.hidden:
            self.report.rejected.append(_reject(row.row, "seq", str(msg("supplement.hidden_row"))))
            return None
        return _Plan(row.row, current.person_id, current.version, row.values)

    def _count_unchanged(self, current: _Current) -> None:
        lacking = "A" in current.categories and any(not current.values.get(f) for f in self.required
                                                    if f in current.values)
        if lacking:
            self.report.unfilled += 1
        else:
            self.report.unchanged += 1


# --- applying -------------------------------------------------------------------------------------


def _persons(session: Session, ids: Sequence[int]) -> dict[int, Person]:
    query = (select(Person).where(Person.id.in_(ids))
             .options(selectinload(Person.certificates), joinedload(Person.enterprise), selectinload(Person.photo)))
    return {p.id: p for p in session.scalars(query).unique()}


def _apply_chunk(session: Session, plans: Sequence[_Plan], operator: str, report: SupplementReport) -> None:
    persons = _persons(session, [p.person_id for p in plans])
    for plan in plans:
        person = persons.get(plan.person_id)
        if person is None:
            report.rejected.append(_reject(plan.row, "id_number", str(msg("supplement.deleted_meanwhile"))))
            continue
        try:
            result = save_person_in(session, person, plan.version, plan.values, operator, REASON, outbox_id=False)
        except ValidationFailed as exc:  # the cache changed since validation
            report.rejected.extend(_reject(plan.row, f, r) for f, r in exc.reasons.items())
            continue
        except StaleRecord:
            report.rejected.append(_reject(plan.row, "id_number", str(msg("supplement.changed_meanwhile"))))
            continue
        if result.changes:
            report.applied += 1
            report.changed_person_ids.append(plan.person_id)
        else:
            report.unchanged += 1


def _apply(engine: Engine, plans: Sequence[_Plan], operator: str, report: SupplementReport,
           stage: Stage | None) -> None:
    """Every plan in one transaction: all of them are written, or (on any failure) none."""
    try:
        with write_session(engine) as session, session.begin():
            for start in range(0, len(plans), CHUNK):
                _apply_chunk(session, plans[start:start + CHUNK], operator, report)
                session.flush()
                _notify(stage, "written", min(start + CHUNK, len(plans)))  # flushed, not yet committed
    except OperationalError as exc:
        report.applied, report.changed_person_ids = 0, []
        raise KnownError(msg("supplement.write_failed", detail=str(exc.orig))) from exc


# --- the use case ---------------------------------------------------------------------------------


def import_supplement(target: Cache | Engine, path: Path, operator: str, stage: Stage | None = None,
                      rules: Rules | None = None) -> SupplementReport:
    """Validate every row of a filled template and apply the valid ones in one transaction."""
    rules = rules or default_rules()
    engine = as_engine(target)
    marker, rows = read_template(Path(path))
    report = SupplementReport(file_unit=str(marker.get("unit") or ""), rows=len(rows))
    _notify(stage, "validate", len(rows))
    validator = _Validator(engine, rows, rules, report)
    plans = [plan for row in rows if (plan := validator.plan(row)) is not None]
    _notify(stage, "write", len(plans))
    if plans:
        _apply(engine, plans, operator, report, stage)
    report.rejected.sort(key=lambda r: (r.row, r.column))
    _notify(stage, "done", report.applied)
    return report


def _notify(stage: Stage | None, name: str, count: int) -> None:
    if stage is not None:
        stage(name, count)
