"""Import a filled "A 证待补充信息" template (reports/supplement_template.py).

Three steps. Read: the file must be a real .xlsx carrying the template's marker and headers, with
no merged cells in the table; each cell is read as written (formulas are detected and refused; an
ID number stored as a number has lost digits). Validate: every row against the cache with the
one set of field rules (domain.person_fields), so each rejected row gets its column and reason; a
row whose values equal the current ones is "unchanged" and writes nothing, which makes
re-importing the same file a no-op. Apply: all valid rows in ONE transaction through
edits.save_person_in (new values + audit + outbox per person), so a killed import leaves all of
it or none of it.

A garbage file raises KnownError with one Chinese sentence; it never crashes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import Engine, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, joinedload, selectinload

from desktop_app.domain.identity import check_resident_id
from desktop_app.domain.person_fields import check_person
from desktop_app.domain.rules import Rules, default_rules
from desktop_app.errors import KnownError
from desktop_app.reports.supplement_template import (
    COLUMN_BY_KEY,
    COLUMNS,
    DATA_SHEET,
    FILLABLE,
    FIRST_DATA_ROW,
    HEADER_ROW,
    MARKER_SHEET,
    TEMPLATE_ID,
    TEMPLATE_VERSION,
    Column,
)
from desktop_app.services.edits import StaleRecord, ValidationFailed, save_person_in
from desktop_app.services.worklists import required_fields
from desktop_app.store.engine import Cache, as_engine
from desktop_app.store.models import Person

REASON = "企业补充信息表导入"
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 400 * 1024 * 1024  # a zip bomb stops here
MAX_ROWS = 100_000
CHUNK = 500  # persons per IN (…) query
# Fields a rule may complain about that the template has no column for → the column to point at.
_FIELD_COLUMN = {"gender": "id_number", "employer_name": "enterprise", "employer_uscc": "enterprise"}

Stage = Callable[[str, int], None]  # ("validate" | "write" | "written" | "done", rows)


class Rejection(NamedTuple):
    row: int  # the sheet's row number, as Excel shows it
    column: str  # column letter
    header: str
    reason: str


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
    def rejected_rows(self) -> int:
        return len({r.row for r in self.rejected})


@dataclass
class _SheetRow:
    row: int
    id_number: str | None
    name: str | None
    values: dict[str, str]  # fillable person field → stripped text (empty cells left out)
    hidden: bool
    problems: list[Rejection]


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


# --- opening the file -----------------------------------------------------------------------------


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise KnownError(f"找不到文件 {path}")
    if path.is_dir():
        raise KnownError(f"{path} 是文件夹，请选择填写好的 .xlsx 文件")
    size = path.stat().st_size
    if size == 0:
        raise KnownError(f"{path.name} 是空文件（0 字节），不是填写好的 .xlsx 表格")
    if size > MAX_FILE_BYTES:
        raise KnownError(f"{path.name} 有 {size // 1024 // 1024} MB，远大于补充信息表应有的大小，请确认文件是否正确")
    return path.read_bytes()


def _check_zip(name: str, data: bytes) -> None:
    if data[:4] == b"\xd0\xcf\x11\xe0":
        raise KnownError(f"{name} 是旧版 .xls 文件或加了打开密码的工作簿，请在 Excel 中另存为不加密的 .xlsx 后再导入")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise KnownError(f"{name} 不是 .xlsx 文件或已损坏，请导入 CertDesk 导出、填写后保存的 .xlsx 文件") from None
    if "xl/workbook.xml" not in names:
        raise KnownError(f"{name} 不是 Excel .xlsx 工作簿（可能是其他软件的压缩文件），请导入 CertDesk 导出的模板")
    if unpacked > MAX_UNPACKED_BYTES:
        raise KnownError(f"{name} 解压后超过 {MAX_UNPACKED_BYTES // 1024 // 1024} MB，不是正常的补充信息表")


def _open_workbook(path: Path) -> Workbook:
    data = _read_bytes(path)
    _check_zip(path.name, data)
    try:
        return load_workbook(io.BytesIO(data), data_only=False)  # formulas stay formulas, to be refused
    except Exception as exc:  # any parse failure of an untrusted file is the file's fault, not a bug
        raise KnownError(f"无法读取 {path.name}：文件已损坏或不是有效的 .xlsx 工作簿（{type(exc).__name__}）") from exc


# --- checking the template ------------------------------------------------------------------------


def _marker(wb: Workbook, name: str) -> dict[str, object]:
    if MARKER_SHEET not in wb.sheetnames:
        raise KnownError(f"{name} 不是 CertDesk 导出的补充信息模板（缺少模板标记），"
                         "请使用 CertDesk 导出的待补充名单文件填写")
    ws = wb[MARKER_SHEET]
    if not isinstance(ws, Worksheet):
        raise KnownError(f"{name} 的模板标记已损坏，请使用 CertDesk 导出的原文件填写")
    marker = {str(k): v for k, v in ws.iter_rows(min_col=1, max_col=2, values_only=True) if k is not None}
    if marker.get("template") != TEMPLATE_ID:
        raise KnownError(f"{name} 是其他用途的 CertDesk 文件，不是 A 证补充信息模板")
    version = marker.get("version")
    if not isinstance(version, int) or version > TEMPLATE_VERSION:
        raise KnownError(f"{name} 的模板版本（{version}）比本程序新，请升级 CertDesk 后再导入")
    return marker


def _data_sheet(wb: Workbook, name: str) -> Worksheet:
    if DATA_SHEET not in wb.sheetnames:
        raise KnownError(f"{name} 中找不到“{DATA_SHEET}”工作表（可能被改名或删除），请使用导出的原文件填写")
    ws = wb[DATA_SHEET]
    if not isinstance(ws, Worksheet):
        raise KnownError(f"{name} 中的“{DATA_SHEET}”不是普通工作表，请使用导出的原文件填写")
    header = next(ws.iter_rows(min_row=HEADER_ROW, max_row=HEADER_ROW, max_col=len(COLUMNS), values_only=True),
                  ())
    for column, value in zip(COLUMNS, (*header, *([None] * len(COLUMNS)))[:len(COLUMNS)], strict=True):
        if (str(value).strip() if value is not None else "") != column.header:
            raise KnownError(f"“{DATA_SHEET}”的表头与模板不符：{column.letter} 列应为“{column.header}”，"
                             f"实际为“{value or ''}”，请不要插入、删除或移动列")
    _check_merged(ws)
    if ws.max_row - HEADER_ROW > MAX_ROWS:
        raise KnownError(f"“{DATA_SHEET}”有 {ws.max_row - HEADER_ROW} 行，超过一次可导入的 {MAX_ROWS} 行")
    return ws


def _check_merged(ws: Worksheet) -> None:
    for merged in ws.merged_cells.ranges:
        if merged.min_col <= len(COLUMNS):
            raise KnownError(f"“{DATA_SHEET}”中有合并单元格 {merged.coord}，请取消合并、每行分别填写后再导入")


# --- reading rows ---------------------------------------------------------------------------------


def _cell_text(cell: Cell, column: Column) -> tuple[str | None, str | None]:
    """(text, reason the cell is refused)."""
    value = cell.value
    if cell.data_type == "f" or isinstance(value, ArrayFormula | DataTableFormula):
        return None, f"{column.header}是公式，请改为直接填写的内容（可复制后“选择性粘贴→数值”）"
    if value is None:
        return None, None
    if isinstance(value, bool):
        return None, f"{column.header}应填写文字，实际是逻辑值 {value}"
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return None, f"{column.header}应填写文字，实际是日期或时间"
    if isinstance(value, int | float):
        return _number_text(value, column)
    text = str(value).strip()
    return text or None, None


def _number_text(value: float, column: Column) -> tuple[str | None, str | None]:
    if column.key == "id_number":
        return None, (f"身份证号被存成了数字（{value:.15g}），超过 15 位的数字会丢失末尾几位，"
                      "请把该列设为“文本”格式后重新输入")
    if column.key == "phone" and float(value).is_integer():
        return str(int(value)), None  # 11 digits survive as a number
    return None, f"{column.header}应填写文字，实际是数字 {value:g}"


def _read_row(cells: Sequence[Cell], hidden: bool) -> _SheetRow | None:
    if all(c.value is None for c in cells):
        return None
    row = cells[0].row
    texts: dict[str, str | None] = {}
    problems: list[Rejection] = []
    for column, cell in zip(COLUMNS, cells, strict=False):
        if column.key not in ("id_number", "name") and not column.fillable:
            continue
        text, reason = _cell_text(cell, column)
        texts[column.key] = text
        if reason:
            problems.append(Rejection(row, column.letter, column.header, reason))
    values = {c.key: v for c in FILLABLE if (v := texts.get(c.key))}
    return _SheetRow(row, texts.get("id_number"), texts.get("name"), values, hidden, problems)


def _read_rows(ws: Worksheet) -> Iterator[_SheetRow]:
    dims = ws.row_dimensions
    for cells in ws.iter_rows(min_row=FIRST_DATA_ROW, max_col=len(COLUMNS)):
        if not cells:
            continue
        dim = dims.get(cells[0].row)
        row = _read_row(cells, bool(dim is not None and dim.hidden))
        if row is not None:
            yield row


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


def _row_rejections(row: _SheetRow, current: _Current | None, seen: dict[str, int]) -> list[Rejection]:
    """Why a row cannot be used at all (before its values are looked at)."""
    if row.problems:
        return row.problems
    if not row.id_number:
        return [_reject(row.row, "id_number", "身份证号为空")]
    if row.id_number in seen:
        return [_reject(row.row, "id_number", f"身份证号与第 {seen[row.id_number]} 行重复")]
    if current is None:
        return [_reject(row.row, "id_number", f"找不到身份证号为 {row.id_number} 的人员")]
    if row.name and row.name != current.values["name"]:
        return [_reject(row.row, "name", f"姓名“{row.name}”与该身份证号在系统中的姓名“{current.values['name']}”不符")]
    return []


class _Validator:
    def __init__(self, engine: Engine, rows: Sequence[_SheetRow], rules: Rules, report: SupplementReport) -> None:
        ids = [rid.value for r in rows if r.id_number and (rid := check_resident_id(r.id_number))]
        self.current = _current(engine, ids)
        self.rules = rules
        self.required = required_fields(rules)
        self.report = report
        self.seen: dict[str, int] = {}

    def plan(self, row: _SheetRow) -> _Plan | None:
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

    def _changes(self, row: _SheetRow, current: _Current) -> _Plan | None:
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
            self.report.rejected.append(_reject(row.row, "seq", "此行被隐藏（可能被筛选），请取消隐藏、核对后再导入"))
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
            report.rejected.append(_reject(plan.row, "id_number", "该人员在导入期间被删除"))
            continue
        try:
            result = save_person_in(session, person, plan.version, plan.values, operator, REASON, outbox_id=False)
        except ValidationFailed as exc:  # the cache changed since validation
            report.rejected.extend(_reject(plan.row, f, r) for f, r in exc.reasons.items())
            continue
        except StaleRecord:
            report.rejected.append(_reject(plan.row, "id_number", "该人员的记录在导入期间被修改，请重新导入本文件"))
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
        with Session(engine) as session, session.begin():
            for start in range(0, len(plans), CHUNK):
                _apply_chunk(session, plans[start:start + CHUNK], operator, report)
                session.flush()
                _notify(stage, "written", min(start + CHUNK, len(plans)))  # flushed, not yet committed
    except OperationalError as exc:
        report.applied, report.changed_person_ids = 0, []
        raise KnownError(f"写入数据库失败，本次导入没有保存任何修改，请稍后重试（{exc.orig}）") from exc


# --- the use case ---------------------------------------------------------------------------------


def read_template(path: Path) -> tuple[Mapping[str, object], list[_SheetRow]]:
    """The marker and the non-empty data rows of a filled template (KnownError for garbage)."""
    wb = _open_workbook(path)
    try:
        marker = _marker(wb, path.name)
        rows = list(_read_rows(_data_sheet(wb, path.name)))
    finally:
        wb.close()
    if not rows:
        raise KnownError(f"{path.name} 的“{DATA_SHEET}”中没有人员数据行")
    return marker, rows


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
