"""Reading a filled "A 证待补充信息" template (reports/supplement_template.py): the file's rows as text.

The file must be a real .xlsx (not .xls, not encrypted, not a zip bomb) carrying the template's
marker and headers, with no merged cells in the table; each cell is read as written (formulas are
detected and refused; an ID number stored as a number has lost digits), and a refused cell becomes
a `Rejection` with its row, column and reason. A garbage file raises KnownError with one catalogue
sentence; it never crashes. Nothing here looks at the cache (supplement_import.py validates).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula
from openpyxl.worksheet.worksheet import Worksheet

from desktop_app.errors import KnownError
from desktop_app.messages import msg
from desktop_app.reports.supplement_template import (
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

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 400 * 1024 * 1024  # a zip bomb stops here
MAX_ROWS = 100_000
_VERSION_TEXT = re.compile(r"[0-9]{1,6}", re.ASCII)  # ASCII: int() would also read "١"


class Rejection(NamedTuple):
    row: int  # the sheet's row number, as Excel shows it
    column: str  # column letter
    header: str
    reason: str


@dataclass
class SheetRow:
    row: int
    id_number: str | None
    name: str | None
    values: dict[str, str]  # fillable person field → stripped text (empty cells left out)
    hidden: bool
    problems: list[Rejection]


# --- opening the file -----------------------------------------------------------------------------


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise KnownError(msg("supplement.file_missing", path=path))
    if path.is_dir():
        raise KnownError(msg("supplement.is_a_folder", path=path))
    size = path.stat().st_size
    if size == 0:
        raise KnownError(msg("supplement.empty_file", file=path.name))
    if size > MAX_FILE_BYTES:
        raise KnownError(msg("supplement.file_too_large", file=path.name, mb=size // 1024 // 1024))
    return path.read_bytes()


def _check_zip(name: str, data: bytes) -> None:
    if data[:4] == b"\xd0\xcf\x11\xe0":
        raise KnownError(msg("supplement.xls_or_encrypted", file=name))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise KnownError(msg("supplement.not_xlsx", file=name)) from None
    if "xl/workbook.xml" not in names:
        raise KnownError(msg("supplement.not_a_workbook", file=name))
    if unpacked > MAX_UNPACKED_BYTES:
        raise KnownError(msg("supplement.unpacks_too_large", file=name, mb=MAX_UNPACKED_BYTES // 1024 // 1024))


def _open_workbook(path: Path) -> Workbook:
    data = _read_bytes(path)
    _check_zip(path.name, data)
    try:
        return load_workbook(io.BytesIO(data), data_only=False)  # formulas stay formulas, to be refused
    except Exception as exc:  # any parse failure of an untrusted file is the file's fault, not a bug
        raise KnownError(msg("supplement.unreadable", file=path.name, detail=type(exc).__name__)) from exc


# --- checking the template ------------------------------------------------------------------------


def _marker(wb: Workbook, name: str) -> dict[str, object]:
    if MARKER_SHEET not in wb.sheetnames:
        raise KnownError(msg("supplement.no_marker", file=name))
    ws = wb[MARKER_SHEET]
    if not isinstance(ws, Worksheet):
        raise KnownError(msg("supplement.bad_marker", file=name))
    marker = {str(k): v for k, v in ws.iter_rows(min_col=1, max_col=2, values_only=True) if k is not None}
    if marker.get("template") != TEMPLATE_ID:
        raise KnownError(msg("supplement.other_template", file=name))
    version = _version(marker.get("version"))
    if version is None:
        raise KnownError(msg("supplement.bad_marker", file=name))
    if version > TEMPLATE_VERSION:
        raise KnownError(msg("supplement.newer_template", file=name, version=version))
    return {**marker, "version": version}


def _version(value: object) -> int | None:
    """The marker's version as a whole number: a spreadsheet program may re-save 1 as "1" or 1.0."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, str) and _VERSION_TEXT.fullmatch(value.strip()):
        value = int(value.strip())
    return value if isinstance(value, int) and value >= 1 else None


def _data_sheet(wb: Workbook, name: str) -> Worksheet:
    if DATA_SHEET not in wb.sheetnames:
        raise KnownError(msg("supplement.no_data_sheet", file=name, sheet=DATA_SHEET))
    ws = wb[DATA_SHEET]
    if not isinstance(ws, Worksheet):
        raise KnownError(msg("supplement.data_sheet_not_a_sheet", file=name, sheet=DATA_SHEET))
    header = next(ws.iter_rows(min_row=HEADER_ROW, max_row=HEADER_ROW, max_col=len(COLUMNS), values_only=True),
                  ())
    for column, value in zip(COLUMNS, (*header, *([None] * len(COLUMNS)))[:len(COLUMNS)], strict=True):
        if (str(value).strip() if value is not None else "") != column.header:
            raise KnownError(msg("supplement.bad_header", sheet=DATA_SHEET, column=column.letter,
                                 header=column.header, actual=value or ""))
    _check_merged(ws)
    if ws.max_row - HEADER_ROW > MAX_ROWS:
        raise KnownError(msg("supplement.too_many_rows", sheet=DATA_SHEET, rows=ws.max_row - HEADER_ROW,
                                 max=MAX_ROWS))
    return ws


def _check_merged(ws: Worksheet) -> None:
    for merged in ws.merged_cells.ranges:
        if merged.min_col <= len(COLUMNS):
            raise KnownError(msg("supplement.merged_cells", sheet=DATA_SHEET, cells=merged.coord))


# --- reading rows ---------------------------------------------------------------------------------


def _cell_text(cell: Cell, column: Column) -> tuple[str | None, str | None]:
    """(text, reason the cell is refused)."""
    value = cell.value
    if cell.data_type == "f" or isinstance(value, ArrayFormula | DataTableFormula):
        return None, str(msg("supplement.cell_formula", header=column.header))
    if value is None:
        return None, None
    if isinstance(value, bool):
        return None, str(msg("supplement.cell_boolean", header=column.header, value=value))
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return None, str(msg("supplement.cell_date", header=column.header))
    if isinstance(value, int | float):
        return _number_text(value, column)
    text = str(value).strip()
    return text or None, None


def _number_text(value: float, column: Column) -> tuple[str | None, str | None]:
    if column.key == "id_number":
        return None, str(msg("supplement.id_as_number", value=f"{value:.15g}"))
    if column.key == "phone" and float(value).is_integer():
        return str(int(value)), None  # 11 digits survive as a number
    return None, str(msg("supplement.cell_number", header=column.header, value=f"{value:g}"))


def _read_row(cells: Sequence[Cell], hidden: bool) -> SheetRow | None:
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
    return SheetRow(row, texts.get("id_number"), texts.get("name"), values, hidden, problems)


def _read_rows(ws: Worksheet) -> Iterator[SheetRow]:
    dims = ws.row_dimensions
    for cells in ws.iter_rows(min_row=FIRST_DATA_ROW, max_col=len(COLUMNS)):
        if not cells:
            continue
        dim = dims.get(cells[0].row)
        row = _read_row(cells, bool(dim is not None and dim.hidden))
        if row is not None:
            yield row


def read_template(path: Path) -> tuple[Mapping[str, object], list[SheetRow]]:
    """The marker and the non-empty data rows of a filled template (KnownError for garbage)."""
    wb = _open_workbook(path)
    try:
        marker = _marker(wb, path.name)
        rows = list(_read_rows(_data_sheet(wb, path.name)))
    finally:
        wb.close()
    if not rows:
        raise KnownError(msg("supplement.no_rows", file=path.name, sheet=DATA_SHEET))
    return marker, rows
