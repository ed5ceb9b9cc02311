"""What the progress workbook's sheets share: the figure columns, styles, cells, widths, print set-up.

The workbook is written in openpyxl's write-only mode (rows streamed to the file; the ordinary mode
keeps every cell as an object and took twice as long), and the long call list bypasses openpyxl's
cell writer altogether (xlsx_bulk). Write-only mode fixes an order, which every sheet here follows:
the page set-up, widths, row heights and frozen panes first (they are written before the first
row), then the rows top to bottom, then tables, conditional formats and charts.

Styles are module constants shared by every cell (`Style` bundles openpyxl's style objects; `cell`
only assigns them). Strings come from records anyone may have typed: `cell` keeps them strings,
never formulas, and drops what XML cannot carry, as the supplement template does.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable
from dataclasses import dataclass

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from desktop_app.domain.rules import Rules
from desktop_app.services.progress.figures import FIGURES

COUNT_FORMAT = "#,##0"
SHARE_FORMAT = "0.0%"
RATE_FORMAT = "#,##0.0"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
FOOTER = "第 &P 页，共 &N 页"
NOT_SYNCED = "从未同步"
ALL_UNITS = "全部发证单位"
NO_EMPLOYER = "（无工作单位）"
NO_OPERATOR = "（未设置）"
DEMO_NOTE = "样本数据：本工作簿由演示用的合成数据生成，不是真实的持证人信息。"


@dataclass(frozen=True)
class FigureColumn:
    figure: str  # a FIGURES name, or "converted" for the share
    header: str
    meaning: str


def figure_columns(rules: Rules) -> tuple[FigureColumn, ...]:
    """The table's number columns in FIGURES order, then 换发率, each with its one-line definition."""
    days = rules.expiring_within_days
    columns = (
        FigureColumn("total", "证书总数", "本机数据中该发证单位、该类别的全部证书，不论状态"),
        FigureColumn("in_force", "有效", "状态有效且有效期至不早于截至日期"),
        FigureColumn("new_format", "已换新版", "有效且为新版式（新发或本机已生成新版证书）"),
        FigureColumn("pending", "待换发", "有效且仍为旧版式"),
        FigureColumn("a_missing_info", "A证待补充", "A 证待换发且持证人缺少职务或技术职称"),
        FigureColumn("missing_position", "缺职务", "A 证待换发且持证人缺少职务"),
        FigureColumn("missing_title", "缺技术职称", "A 证待换发且持证人缺少技术职称"),
        FigureColumn("missing_photo", "缺照片", "待换发且持证人无照片"),
        FigureColumn("expiring_90d", f"{days}天内到期", f"有效且有效期在截至日期后 {days} 天内"),
        FigureColumn("expired", "已失效", "状态失效，或状态有效但有效期已过"),
        FigureColumn("suspended", "暂扣", "状态为暂扣"),
        FigureColumn("revoked", "撤销", "状态为撤销"),
        FigureColumn("cancelled", "注销", "状态为注销"),
        FigureColumn("unsynced", "本地未同步", "持证人在本机有尚未同步到省级平台的修改"),
        FigureColumn("converted", "换发率", "已换新版 ÷ 有效（无有效证书时留空）"),
    )
    assert tuple(c.figure for c in columns[:-1]) == FIGURES
    return columns


# --- styles ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Style:
    font: Font | None = None
    fill: PatternFill | None = None
    number_format: str | None = None
    alignment: Alignment | None = None
    border: Border | None = None


_THIN = Side(style="thin", color="A6A6A6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_TOTAL_BORDER = Border(left=_THIN, right=_THIN, top=Side(style="medium", color="404040"), bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")
_SUBTOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
_TOTAL_FILL = PatternFill("solid", fgColor="FFF2CC")
_BOLD = Font(bold=True)

PLAIN = Style()
TITLE = Style(font=Font(bold=True, size=14))
SUBTITLE = Style(font=Font(size=10, color="595959"))
SECTION = Style(font=Font(bold=True, color="1F4E78"))
HEADER = Style(_BOLD, _HEAD_FILL, None, Alignment(horizontal="center", vertical="center", wrap_text=True), _BORDER)
COUNT = Style(number_format=COUNT_FORMAT)
DATE = Style(number_format=DATE_FORMAT)
CENTRED_COUNT = Style(number_format=COUNT_FORMAT, alignment=Alignment(horizontal="center"))
SHARE = Style(number_format=SHARE_FORMAT)
SUBTOTAL = Style(fill=_SUBTOTAL_FILL, border=_BORDER)
TOTAL = Style(_BOLD, _TOTAL_FILL, None, None, _TOTAL_BORDER)
LABEL = Style(font=_BOLD, alignment=Alignment(vertical="top"))
WRAPPED = Style(alignment=Alignment(wrap_text=True, vertical="top"))
_LEFT = Alignment(horizontal="left")
_VALUES = {fmt: Style(number_format=fmt, alignment=_LEFT)
           for fmt in (None, COUNT_FORMAT, RATE_FORMAT, DATE_FORMAT, DATETIME_FORMAT)}


def value_style(number_format: str | None) -> Style:
    """A single value beside its label (说明, the pace block): left-aligned, whatever its type."""
    return _VALUES[number_format]


# XML 1.0 cannot carry these C0 controls, lone surrogates or non-characters at all: dropped.
NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def cell(ws: WriteOnlyWorksheet, value: object, style: Style) -> WriteOnlyCell:
    """A styled cell; the style objects are shared constants, only the cell is new."""
    if isinstance(value, str):
        value = NOT_IN_XML.sub("", value)
    made = WriteOnlyCell(ws, value)
    if isinstance(value, str):
        made.data_type = "s"  # text, also when it starts with "="
    if style.font is not None:
        made.font = style.font
    if style.fill is not None:
        made.fill = style.fill
    if style.number_format is not None:
        made.number_format = style.number_format
    if style.alignment is not None:
        made.alignment = style.alignment
    if style.border is not None:
        made.border = style.border
    return made


def header_row(ws: WriteOnlyWorksheet, headers: Iterable[str]) -> list[WriteOnlyCell]:
    return [cell(ws, h, HEADER) for h in headers]


# --- widths and the page --------------------------------------------------------------------------


def text_width(value: str) -> float:
    """Column-width units: a CJK or full-width character is about two digits wide."""
    return sum(2.0 if ord(ch) >= 0x2E80 else 1.0 for ch in value)


def fit_width(values: Iterable[str], minimum: float = 6, maximum: float = 60) -> float:
    """A width for the widest of `values` (only the longest few are measured: the column may be long)."""
    longest = heapq.nlargest(40, values, key=len)
    return max(minimum, min(maximum, max((text_width(v) for v in longest), default=0) + 2))


def set_widths(ws: WriteOnlyWorksheet, widths: Iterable[float]) -> None:
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = round(width, 1)


def prepare_page(ws: WriteOnlyWorksheet, header_row: int) -> None:
    """Landscape A4, one page wide, the title and header rows on every page, page numbers in the footer.

    The title rows repeat with the header: LibreOffice prints a repeated header alone above the
    title on the first page. Called before the first row: write-only mode writes the sheet
    properties (fit to page) first."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4  # inches: more of the wide table on the page
    ws.page_margins.top, ws.page_margins.bottom = 0.6, 0.7
    ws.print_title_rows = f"1:{header_row}"
    ws.oddFooter.center.text = FOOTER
