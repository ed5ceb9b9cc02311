"""The "A 证待补充信息" Excel template that enterprises fill in and send back.

Sheets: "填写说明" (what to fill, where to send it, the unit's phone numbers), "待补充人员" (one
row per person: key columns locked by sheet protection, the fillable columns unlocked, pre-filled
with what the cache holds, drop-down lists for the choice fields), a hidden "lists" sheet feeding
the drop-downs and a very hidden marker sheet (template id, version, unit, export time, rows) by
which `services.supplement_import` recognises the file. Written atomically (temp file + rename).

The workbook goes to enterprises, and its values come from records anyone may have typed: every
string is written as a string (`put`), never as a formula — openpyxl would otherwise store
`=HYPERLINK("http://…"&B2, …)` as a live formula that leaks the row's ID number — and the data
cells are formatted as text, so Excel does not re-read `+`, `-` or `@` either when edited.

The layout constants here are the contract between export and import.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from desktop_app.domain.rules import Rules, default_rules
from desktop_app.messages import msg
from desktop_app.settings import atomic_write_bytes

TEMPLATE_ID = "certdesk.supplement-a"
TEMPLATE_VERSION = 1
DATA_SHEET = "待补充人员"
HELP_SHEET = "填写说明"
LISTS_SHEET = "lists"
MARKER_SHEET = "_certdesk"
HEADER_ROW = 1
FIRST_DATA_ROW = 2


@dataclass(frozen=True)
class Column:
    header: str
    key: str  # a person field for fillable columns; a row attribute otherwise
    width: float
    fillable: bool = False
    choices: str | None = None  # a rules.choices list
    text: bool = False  # stored as text (number format "@"), so digits keep their zeros

    @property
    def letter(self) -> str:
        return get_column_letter(COLUMNS.index(self) + 1)


COLUMNS: tuple[Column, ...] = (
    Column("序号", "seq", 6),
    Column("身份证号", "id_number", 21, text=True),
    Column("姓名", "name", 10),
    Column("工作单位", "enterprise", 34),
    Column("证书编号", "certificates", 25),
    Column("缺少项目", "missing_text", 16),
    Column("职务", "position", 18, fillable=True, choices="position"),
    Column("技术职称", "title", 14, fillable=True, choices="title"),
    Column("文化程度", "education", 12, fillable=True, choices="education"),
    Column("专业", "major", 18, fillable=True),
    Column("手机号码", "phone", 15, fillable=True, text=True),
)
HEADERS = tuple(c.header for c in COLUMNS)
FILLABLE = tuple(c for c in COLUMNS if c.fillable)
COLUMN_BY_KEY = {c.key: c for c in COLUMNS}


class TemplateRow(Protocol):
    """What a worklist row must offer (services.worklists.WorklistRow does)."""

    id_number: str
    name: str
    enterprise: str | None
    certificates: tuple[str, ...]
    position: str | None
    title: str | None
    education: str | None
    major: str | None
    phone: str | None

    @property
    def missing_text(self) -> str: ...


# --- styles ---------------------------------------------------------------------------------------

_THIN = Side(style="thin", color="A6A6A6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_KEY_HEAD = PatternFill("solid", fgColor="D9E1F2")
_FILL_HEAD = PatternFill("solid", fgColor="FCE4D6")
_FILL_CELL = PatternFill("solid", fgColor="FFF9E5")
_HEAD_FONT = Font(bold=True, size=11)
_UNLOCKED = Protection(locked=False)
TEXT_FORMAT = "@"
# XML 1.0 cannot carry these C0 controls, lone surrogates or non-characters at all (openpyxl raises
# IllegalCharacterError): dropped.
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def put(ws: Worksheet, row: int, column: int, value: object) -> Cell:
    """Write `value` as data: a string stays a string whatever it starts with (=, +, -, @, tab, CR)."""
    cell = ws.cell(row, column)
    if isinstance(value, str):
        cell.value = _NOT_IN_XML.sub("", value)
        cell.data_type = "s"  # openpyxl made it "f" when it starts with "="
    else:
        cell.value = value
    return cell


def _cell_value(row: TemplateRow, column: Column, seq: int) -> object:
    if column.key == "seq":
        return seq
    if column.key == "certificates":
        return "、".join(row.certificates)
    return getattr(row, column.key) or None


def _write_header(ws: Worksheet) -> None:
    for index, column in enumerate(COLUMNS, start=1):
        cell = put(ws, HEADER_ROW, index, column.header)
        cell.font = _HEAD_FONT
        cell.fill = _FILL_HEAD if column.fillable else _KEY_HEAD
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[column.letter].width = column.width
    ws.row_dimensions[HEADER_ROW].height = 24
    ws.freeze_panes = ws.cell(FIRST_DATA_ROW, COLUMNS.index(COLUMN_BY_KEY["enterprise"]) + 1)


def _write_rows(ws: Worksheet, rows: Sequence[TemplateRow]) -> None:
    for seq, row in enumerate(rows, start=1):
        r = HEADER_ROW + seq
        for index, column in enumerate(COLUMNS, start=1):
            cell = put(ws, r, index, _cell_value(row, column, seq))
            cell.border = _BORDER
            if column.text or column.fillable or isinstance(cell.value, str):
                cell.number_format = TEXT_FORMAT  # what is typed or shown here is text, never a formula
            if column.fillable:
                cell.protection = _UNLOCKED
                cell.fill = _FILL_CELL


def _page_setup(ws: Worksheet) -> None:
    """Printed: landscape, one page wide, the header on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"


def _protect(ws: Worksheet) -> None:
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # widening a column is fine
    ws.protection.formatRows = False
    ws.protection.selectLockedCells = False
    ws.protection.selectUnlockedCells = False


# --- choice lists ---------------------------------------------------------------------------------


def _write_lists(wb: Workbook, rules: Rules) -> dict[str, str]:
    """The hidden sheet of choice lists; returns list name → absolute range for a validation."""
    ws = wb.create_sheet(LISTS_SHEET)
    ranges: dict[str, str] = {}
    for index, name in enumerate(sorted({c.choices for c in FILLABLE if c.choices}), start=1):
        letter = get_column_letter(index)
        put(ws, 1, index, name)
        values = rules.choices[name]
        for offset, value in enumerate(values, start=2):
            put(ws, offset, index, value)
        ranges[name] = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${len(values) + 1}"
    ws.sheet_state = "hidden"
    ws.protection.sheet = True
    return ranges


def _add_validations(ws: Worksheet, ranges: dict[str, str], count: int) -> None:
    last = HEADER_ROW + max(count, 1)
    for column in FILLABLE:
        area = f"{column.letter}{FIRST_DATA_ROW}:{column.letter}{last}"
        if column.choices:
            dv = DataValidation(type="list", formula1=ranges[column.choices], allow_blank=True)  # no "=" in OOXML
            choose = str(msg("supplement.template.choose", header=column.header))
            dv.error, dv.errorTitle = choose, str(msg("supplement.template.not_a_choice"))
            dv.prompt, dv.promptTitle = choose, column.header
        else:
            dv = DataValidation(type="textLength", operator="lessThanOrEqual", formula1="100", allow_blank=True)
            dv.error = str(msg("supplement.template.too_long", header=column.header))
            dv.errorTitle = str(msg("supplement.template.too_long_title"))
            if column.key == "phone":
                dv.prompt, dv.promptTitle = str(msg("supplement.template.phone_prompt")), column.header
        dv.showErrorMessage = True
        dv.showInputMessage = bool(dv.prompt)
        dv.add(area)
        ws.add_data_validation(dv)


# --- instructions and marker ----------------------------------------------------------------------


def _help_lines(unit_name: str, count: int, exported_at: dt.datetime, rules: Rules) -> list[tuple[str, str]]:
    unit = rules.unit(unit_name)
    required = "、".join(label for f, label in rules.a_required_fields.items() if f != "photo")
    optional = "、".join(c.header for c in FILLABLE if c.key not in rules.a_required_fields)
    unit_text = unit.name if unit else unit_name
    texts = [
        ("title", msg("supplement.template.title")),
        ("", msg("supplement.template.unit", unit=unit_text)),
        ("", msg("supplement.template.exported", exported_at=f"{exported_at:%Y-%m-%d %H:%M}", count=count)),
        ("head", msg("supplement.template.why_head")),
        ("", msg("supplement.template.why")),
        ("head", msg("supplement.template.how_head")),
        ("", msg("supplement.template.step_fill", sheet=DATA_SHEET, required=required, optional=optional)),
        ("", msg("supplement.template.step_choose")),
        ("", msg("supplement.template.step_prefilled")),
        ("", msg("supplement.template.step_locked")),
        ("", msg("supplement.template.step_structure")),
        ("", msg("supplement.template.step_left")),
        ("", msg("supplement.template.step_photo")),
        ("head", msg("supplement.template.after_head")),
        ("", msg("supplement.template.send_back", unit=unit_text)),
        ("head", msg("supplement.template.phones_head")),
    ]
    lines = [(kind, str(text)) for kind, text in texts]
    phones = unit.phones if unit else ()
    lines.extend(("", f"{unit.name if unit else ''}　{phone}") for phone in phones)
    if not phones:
        lines.append(("", str(msg("supplement.template.no_phones"))))
    return lines


def _write_help(wb: Workbook, lines: list[tuple[str, str]]) -> None:
    ws = wb.active
    assert ws is not None
    ws.title = HELP_SHEET
    ws.column_dimensions["A"].width = 110
    for index, (kind, text) in enumerate(lines, start=1):
        cell = put(ws, index, 1, text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if kind == "title":
            cell.font = Font(bold=True, size=14)
            ws.row_dimensions[index].height = 28
        elif kind == "head":
            cell.font = Font(bold=True, size=11, color="1F4E78")
    ws.protection.sheet = True


def _write_marker(wb: Workbook, unit_name: str, count: int, exported_at: dt.datetime) -> None:
    ws = wb.create_sheet(MARKER_SHEET)
    for index, (key, value) in enumerate((("template", TEMPLATE_ID), ("version", TEMPLATE_VERSION),
                                          ("unit", unit_name), ("exported_at", exported_at.isoformat()),
                                          ("rows", count)), start=1):
        put(ws, index, 1, key)
        put(ws, index, 2, value)
    ws.sheet_state = "veryHidden"
    ws.protection.sheet = True


# --- the workbook ---------------------------------------------------------------------------------


def build_workbook(rows: Sequence[TemplateRow], unit_name: str, exported_at: dt.datetime | None = None,
                   rules: Rules | None = None) -> Workbook:
    rules = rules or default_rules()
    exported_at = (exported_at or dt.datetime.now()).replace(microsecond=0)
    wb = Workbook()
    _write_help(wb, _help_lines(unit_name, len(rows), exported_at, rules))
    ws = wb.create_sheet(DATA_SHEET)
    _write_header(ws)
    _write_rows(ws, rows)
    _add_validations(ws, _write_lists(wb, rules), len(rows))
    _page_setup(ws)
    _protect(ws)
    _write_marker(wb, unit_name, len(rows), exported_at)
    wb.security = WorkbookProtection(lockStructure=True)  # sheets cannot be renamed, removed or unhidden
    wb.active = 0
    return wb


def export_template(rows: Sequence[TemplateRow], path: Path, unit_name: str,
                    exported_at: dt.datetime | None = None, rules: Rules | None = None) -> int:
    """Write the template to `path` atomically; returns the number of person rows."""
    buffer = io.BytesIO()
    build_workbook(rows, unit_name, exported_at, rules).save(buffer)
    atomic_write_bytes(path, buffer.getvalue())
    return len(rows)
