"""The supervisors' progress workbook: 进度汇总, 趋势, 待补充企业, 说明 (issue 13).

进度汇总 is the unit × kind table as an Excel table (filter buttons, banded rows) under a title and
a scope line, then the per-unit 小计 block, the per-kind block (with more than one unit) and the bold
合计 row: those stay outside the table's range so filtering or sorting the table never mixes totals
into the rows. The title and header rows repeat on every printed page; 换发率 carries a data bar.

Written in openpyxl's write-only mode (see progress_cells) into memory, then atomically (temp file
beside the target + rename): a failed write leaves the old file, or none, never half a workbook.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.formatting.rule import DataBarRule
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

from desktop_app.domain.rules import Rules
from desktop_app.errors import KnownError
from desktop_app.messages import msg
from desktop_app.reports.progress_cells import (
    ALL_UNITS,
    COUNT_FORMAT,
    DEMO_NOTE,
    NO_OPERATOR,
    NOT_SYNCED,
    PLAIN,
    SECTION,
    SHARE_FORMAT,
    SUBTITLE,
    SUBTOTAL,
    TITLE,
    TOTAL,
    Style,
    cell,
    figure_columns,
    fit_width,
    header_row,
    prepare_page,
    set_widths,
    text_width,
)
from desktop_app.reports.progress_sheets import (
    ENTERPRISE_SHEET,
    NOTES_SHEET,
    TREND_SHEET,
    write_enterprises,
    write_notes,
    write_trend,
)
from desktop_app.reports.xlsx_bulk import splice
from desktop_app.services.progress.figures import FIGURES, Figures, ProgressReport, ProgressRow, kind_label
from desktop_app.settings import atomic_write_bytes

SUMMARY_SHEET = "进度汇总"
SHEETS = (SUMMARY_SHEET, TREND_SHEET, ENTERPRISE_SHEET, NOTES_SHEET)
HEADER_ROW = 3  # under the title and the scope line
FIRST_DATA_ROW = HEADER_ROW + 1
TABLE_NAME = "ProgressDetail"
SUBTOTAL_LABEL = "小计"
TOTAL_LABEL = "合计"
ALL_KINDS = "全部类别"
UNIT_BLOCK = "按发证单位小计"
KIND_BLOCK = "按证书类别合计（全部发证单位）"


def summary_headers(rules: Rules) -> tuple[str, ...]:
    return ("发证单位", "证书类别", *(c.header for c in figure_columns(rules)))


def figure_values(figures: Figures) -> list[int | float | None]:
    """A row's numbers as the sheet holds them: the counts in FIGURES order, then the share (or blank)."""
    return [*(getattr(figures, f) for f in FIGURES), figures.converted]


# --- 进度汇总 ---------------------------------------------------------------------------------------


class _Row:
    """The styles of one kind of row, made once per block rather than per cell."""

    def __init__(self, base: Style) -> None:
        self.base = base
        self.count = Style(base.font, base.fill, COUNT_FORMAT, base.alignment, base.border)
        self.share = Style(base.font, base.fill, SHARE_FORMAT, base.alignment, base.border)

    def cells(self, ws: WriteOnlyWorksheet, unit: str, kind: str, figures: Figures) -> list[object]:
        numbers = [cell(ws, getattr(figures, f), self.count) for f in FIGURES]
        return [cell(ws, unit, self.base), cell(ws, kind, self.base), *numbers,
                cell(ws, figures.converted, self.share)]


class _Rows:
    """Appends rows and counts them: a taller row's height must be set before write-only mode writes it."""

    def __init__(self, ws: WriteOnlyWorksheet) -> None:
        self.ws = ws
        self.last = 0

    def add(self, cells: list[object], height: float | None = None) -> None:
        self.last += 1
        if height is not None:
            self.ws.row_dimensions[self.last].height = height
        self.ws.append(cells)

    def figures(self, style: _Row, unit: str, kind: str, figures: Figures) -> None:
        self.add(style.cells(self.ws, unit, kind, figures))


_DATA = _Row(PLAIN)
_SUBTOTALS = _Row(SUBTOTAL)
_TOTAL = _Row(TOTAL)


def _scope_line(report: ProgressReport) -> str:
    synced = f"{report.last_sync_at:%Y-%m-%d %H:%M}" if report.last_sync_at else NOT_SYNCED
    line = (f"范围：{report.unit or ALL_UNITS}　最近同步：{synced}　"
            f"制表：{report.operator or NO_OPERATOR}　{report.generated_at:%Y-%m-%d %H:%M}")
    return f"{line}　{DEMO_NOTE}" if report.demo else line


def _summary_widths(ws: WriteOnlyWorksheet, report: ProgressReport, rules: Rules, headers: Sequence[str]) -> None:
    """Labels as wide as the widest; a number column as wide as its header or its total, whichever is wider."""
    table = report.table
    units = fit_width([*table.units, TOTAL_LABEL, ALL_UNITS], 10, 40)
    kinds = fit_width([kind_label(r.kind, rules) for r in table.kind_totals] + [ALL_KINDS], 8, 50)
    counts = [text_width(f"{getattr(table.overall, f):,}") + 2.5 for f in FIGURES]  # the totals are widest
    numbers = [max(7.5, text_width(h) + 1.5, w) for h, w in zip(headers[2:], [*counts, 8.5], strict=True)]
    set_widths(ws, (units, kinds, *numbers))


def _block(rows: _Rows, heading: str, lines: Sequence[tuple[str, str, Figures]], style: _Row) -> None:
    rows.add([])
    rows.add([cell(rows.ws, heading, SECTION)])
    for unit, kind, figures in lines:
        rows.figures(style, unit, kind, figures)


def _detail_table(ws: WriteOnlyWorksheet, headers: Sequence[str], count: int) -> None:
    """The unit × kind rows as an Excel table; write-only mode needs its columns named by hand."""
    ref = f"A{HEADER_ROW}:{get_column_letter(len(headers))}{HEADER_ROW + count}"
    table = Table(displayName=TABLE_NAME, ref=ref, autoFilter=AutoFilter(ref=ref),
                  tableColumns=[TableColumn(id=i, name=h) for i, h in enumerate(headers, start=1)])
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    with warnings.catch_warnings():  # it warns in write-only mode even when the columns are given
        warnings.simplefilter("ignore", UserWarning)
        ws.add_table(table)


def _share_bar(ws: WriteOnlyWorksheet, column: int, last_row: int) -> None:
    """A data bar on 换发率 from 0 to 100 %, so bars compare across rows and workbooks."""
    letter = get_column_letter(column)
    ws.conditional_formatting.add(f"{letter}{FIRST_DATA_ROW}:{letter}{last_row}", DataBarRule(
        start_type="num", start_value=0, end_type="num", end_value=1, color="63BE7B", showValue=True))


def _rows(rows: Sequence[ProgressRow], rules: Rules, unit: str | None = None) -> list[tuple[str, str, Figures]]:
    return [(unit or r.unit or "", kind_label(r.kind, rules) if r.kind else SUBTOTAL_LABEL, r.figures) for r in rows]


def write_summary(ws: WriteOnlyWorksheet, report: ProgressReport, rules: Rules) -> None:
    table = report.table
    headers = summary_headers(rules)
    prepare_page(ws, HEADER_ROW)
    _summary_widths(ws, report, rules, headers)
    ws.freeze_panes = f"C{FIRST_DATA_ROW}"
    rows = _Rows(ws)
    rows.add([cell(ws, f"证书换发进度汇总（截至 {table.as_of}）", TITLE)], 24)
    rows.add([cell(ws, _scope_line(report), SUBTITLE)])
    rows.add(header_row(ws, headers), 32)
    for unit, kind, figures in _rows(table.rows, rules):
        rows.figures(_DATA, unit, kind, figures)
    _block(rows, UNIT_BLOCK, _rows(table.unit_totals, rules), _SUBTOTALS)
    if len(table.units) > 1:  # for one unit the kinds' totals would repeat its rows
        _block(rows, KIND_BLOCK, _rows(table.kind_totals, rules, ALL_UNITS), _SUBTOTALS)
    rows.figures(_TOTAL, TOTAL_LABEL, ALL_KINDS, table.overall)
    if table.rows:  # a table needs a data row
        _detail_table(ws, headers, len(table.rows))
    _share_bar(ws, len(headers), rows.last)


# --- the workbook -------------------------------------------------------------------------------


def build_workbook(report: ProgressReport, rules: Rules) -> bytes:
    """The workbook's bytes: openpyxl writes every sheet, then the call list's rows are spliced in."""
    wb = Workbook(write_only=True)
    write_summary(wb.create_sheet(SUMMARY_SHEET), report, rules)
    write_trend(wb.create_sheet(TREND_SHEET), report)
    call_list = write_enterprises(wb.create_sheet(ENTERPRISE_SHEET), report)
    write_notes(wb.create_sheet(NOTES_SHEET), report, rules)
    buffer = io.BytesIO()
    wb.save(buffer)  # write-only sheets spool through temp files: an OSError can come from here too
    return splice(buffer.getvalue(), [call_list])


def write_workbook(report: ProgressReport, path: Path, rules: Rules) -> None:
    """Write the workbook to `path` atomically; a failure to write is a KnownError and leaves no file."""
    try:
        atomic_write_bytes(path, build_workbook(report, rules))
    except OSError as exc:
        raise KnownError(msg("progress.write_failed", path=str(path), reason=exc.strerror or str(exc))) from exc
