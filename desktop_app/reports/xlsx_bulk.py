"""Many plain rows written straight into a sheet openpyxl has saved: the call list at province scale.

openpyxl serialises each cell through its XML writer, about 15 µs a cell without lxml: 50,000
enterprises × 6 cells took 3–4 s, most of the workbook's time budget. A `BulkRows` asks for rows of
plain values (strings, ints and floats, None for a blank) to follow a sheet's last written row. openpyxl writes the
sheet as usual (title, header, widths, frozen panes, filter, page set-up, all sized for the rows to
come); `splice` then puts the rows, as SpreadsheetML text, before that sheet's `</sheetData>` and
widens its `<dimension>`. Strings go in as inline strings (`t="inlineStr"`), which are never formulas
and need no change to the shared-strings part; a column may name a cell style openpyxl registered
(`style_id` of a cell styled like it), so counts keep their number format.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from desktop_app.reports.progress_cells import NOT_IN_XML, Style, cell

Value = str | int | float | None
_DIMENSION = re.compile(rb'<dimension ref="[^"]*"\s*/>')
_END = b"</sheetData>"


@dataclass(frozen=True)
class BulkRows:
    """Rows to add below what `ws` holds; `first_row` is the sheet row of the first of them."""

    ws: WriteOnlyWorksheet
    first_row: int
    rows: Sequence[Sequence[Value]]
    style_ids: tuple[str, ...]  # per column: ` s="n"` for numbers, or ""

    @classmethod
    def of(cls, ws: WriteOnlyWorksheet, first_row: int, rows: Sequence[Sequence[Value]],
           styles: Sequence[Style | None]) -> BulkRows:
        """Registers each column's number style with the workbook now, before it is saved."""
        return cls(ws, first_row, rows, tuple(_style_id(ws, s) for s in styles))


def _style_id(ws: WriteOnlyWorksheet, style: Style | None) -> str:
    probe = cell(ws, 0, style) if style is not None else None
    return f' s="{probe.style_id}"' if probe is not None and probe.has_style else ""


def _escape(value: str) -> str:
    value = NOT_IN_XML.sub("", value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    space = ' xml:space="preserve"' if value != value.strip() else ""
    return f"<is><t{space}>{value}</t></is>"


def rows_xml(rows: Iterable[Sequence[Value]], first_row: int, style_ids: Sequence[str]) -> str:
    """`<row>` elements for `rows`, numbered from `first_row`; None leaves the cell out."""
    letters = [get_column_letter(i) for i in range(1, len(style_ids) + 1)]
    parts: list[str] = []
    for number, row in enumerate(rows, start=first_row):
        cells = []
        for letter, style, value in zip(letters, style_ids, row, strict=True):
            if value is None:
                continue
            if isinstance(value, str):
                cells.append(f'<c r="{letter}{number}" t="inlineStr">{_escape(value)}</c>')
            else:
                cells.append(f'<c r="{letter}{number}"{style}><v>{value}</v></c>')
        parts.append(f'<row r="{number}">{"".join(cells)}</row>')
    return "".join(parts)


def _sheet_with_rows(xml: bytes, bulk: BulkRows) -> bytes:
    end = xml.rindex(_END)  # there is one: the rows before the bulk (a header at least) open sheetData
    xml = xml[:end] + rows_xml(bulk.rows, bulk.first_row, bulk.style_ids).encode("utf-8") + xml[end:]
    last = bulk.first_row + len(bulk.rows) - 1  # write-only mode writes no dimension; if one is there, widen it
    ref = f'<dimension ref="A1:{get_column_letter(len(bulk.style_ids))}{last}"/>'.encode()
    return _DIMENSION.sub(ref, xml, count=1)


def splice(workbook: bytes, bulks: Sequence[BulkRows]) -> bytes:
    """The saved workbook with each request's rows in its sheet (the other parts copied unchanged)."""
    by_path = {bulk.ws.path.lstrip("/"): bulk for bulk in bulks if bulk.rows}
    if not by_path:
        return workbook
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename in by_path:
                data = _sheet_with_rows(data, by_path[info.filename])
            # level 1: a third of level 6's time on the long sheet, for a file about 15 % larger
            target.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=1)
    return out.getvalue()
