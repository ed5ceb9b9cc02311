"""The progress workbook's other sheets: 趋势 (daily snapshots, chart, pace), 待补充企业, 说明.

Every sheet follows write-only mode's order (progress_cells): page and widths, then rows, then the
chart or filter. Row numbers are constants so the tests and the print titles agree.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.chart import LineChart, Reference
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from desktop_app.domain.rules import Rules
from desktop_app.reports.progress_cells import (
    ALL_UNITS,
    CENTRED_COUNT,
    COUNT,
    COUNT_FORMAT,
    DATE,
    DATE_FORMAT,
    DATETIME_FORMAT,
    DEMO_NOTE,
    LABEL,
    NO_EMPLOYER,
    NO_OPERATOR,
    NOT_SYNCED,
    PLAIN,
    RATE_FORMAT,
    SECTION,
    SHARE,
    SUBTITLE,
    TITLE,
    WRAPPED,
    cell,
    figure_columns,
    fit_width,
    header_row,
    prepare_page,
    set_widths,
    value_style,
)
from desktop_app.reports.xlsx_bulk import BulkRows
from desktop_app.services.progress.figures import Contact, EnterpriseRow, Pace, ProgressReport, TrendPoint

# --- 趋势 -------------------------------------------------------------------------------------------

TREND_SHEET = "趋势"
TREND_HEADERS = ("日期", "有效", "已换新版", "待换发", "A证待补充", "换发率")
TREND_HEADER_ROW = 3
PACE_COLUMN = len(TREND_HEADERS) + 2  # one empty column between the days and the pace block
CHART_ROW = 12  # the chart sits under the pace block, beside the days
NO_TREND = "尚无每日快照（每天首次启动和每次同步后各记一次）"


def _pace_lines(pace: Pace) -> list[tuple[str, object, str | None]]:
    """(label, value, number format) of the pace block; a missing value is said in words."""
    def number(value: float | None, missing: str) -> tuple[object, str | None]:
        return (missing, None) if value is None else (value, RATE_FORMAT)

    target = (pace.target, DATE_FORMAT) if pace.target else ("未设定", None)
    days = (pace.days_left, COUNT_FORMAT) if pace.days_left is not None else ("—", None)
    finish: tuple[object, str | None] = (pace.projected_finish, DATE_FORMAT) if pace.projected_finish else (
        "按近期速度无法完成" if pace.recent_per_day == 0 else "快照不足，无法预计", None)
    rows = [("待换发证书", (pace.pending, COUNT_FORMAT)), ("目标日期", target), ("剩余天数", days),
            ("每日需换发", number(pace.needed_per_day, "—（未设定目标日期）")),
            ("近期每日换发", number(pace.recent_per_day, "快照不足两天")), ("预计完成日期", finish)]
    return [(label, value, fmt) for label, (value, fmt) in rows]


def _trend_cells(ws: WriteOnlyWorksheet, point: TrendPoint) -> list[object]:
    return [cell(ws, point.day, DATE), *(
        cell(ws, v, COUNT) for v in (point.in_force, point.new_format, point.pending, point.a_missing_info)),
        cell(ws, point.converted, SHARE)]


def _pace_cells(ws: WriteOnlyWorksheet, line: tuple[str, object, str | None] | None) -> list[object]:
    if line is None:
        return []
    label, value, fmt = line
    return [cell(ws, label, LABEL), cell(ws, value, value_style(fmt))]


def _trend_chart(ws: WriteOnlyWorksheet, points: Sequence[TrendPoint]) -> LineChart:
    chart = LineChart()
    chart.title = "换发率（每日快照）"
    chart.height, chart.width = 8.5, 17.0  # cm
    last = TREND_HEADER_ROW + len(points)
    chart.add_data(Reference(ws, min_col=len(TREND_HEADERS), min_row=TREND_HEADER_ROW, max_row=last),
                   titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=TREND_HEADER_ROW + 1, max_row=last))
    chart.series[0].smooth = False  # a smoothed line would show days that were never counted
    chart.y_axis.number_format = "0.0%"
    chart.y_axis.title = "换发率"
    chart.x_axis.number_format = "mm-dd"
    chart.legend = None
    chart.x_axis.delete = chart.y_axis.delete = False  # openpyxl 3.1 hides the axes unless told
    return chart


def write_trend(ws: WriteOnlyWorksheet, report: ProgressReport) -> None:
    points = report.trend
    prepare_page(ws, TREND_HEADER_ROW)
    set_widths(ws, (12, 11, 11, 11, 11, 10, 3, 14, 24))
    ws.freeze_panes = f"A{TREND_HEADER_ROW + 1}"
    ws.row_dimensions[TREND_HEADER_ROW].height = 22
    span = f"每日快照 {points[0].day} 至 {points[-1].day}，共 {len(points)} 天" if points else "尚无每日快照"
    ws.append([cell(ws, "换发进度趋势", TITLE)])
    ws.append([cell(ws, f"{span}；范围：{report.unit or ALL_UNITS}", SUBTITLE)])
    pace = _pace_lines(report.pace)
    heading = [cell(ws, f"按近期速度预计（截至 {report.pace.as_of}）", SECTION)]
    ws.append([*header_row(ws, TREND_HEADERS), None, *heading])
    rows: list[list[object]] = [_trend_cells(ws, p) for p in points] or [[cell(ws, NO_TREND, PLAIN)]]
    for index in range(max(len(rows), len(pace))):
        days = rows[index] if index < len(rows) else []
        ws.append([*days, *[None] * (PACE_COLUMN - 1 - len(days)),
                   *_pace_cells(ws, pace[index] if index < len(pace) else None)])
    if len(points) >= 2:  # one point draws no line
        ws.add_chart(_trend_chart(ws, points), f"{get_column_letter(PACE_COLUMN)}{CHART_ROW}")


# --- 待补充企业 ---------------------------------------------------------------------------------------

ENTERPRISE_SHEET = "待补充企业"
ENTERPRISE_HEADERS = ("发证单位", "企业名称", "统一社会信用代码", "A证待补充人数", "待换发证书数", "联系人及电话")
ENTERPRISE_HEADER_ROW = 2
NO_ENTERPRISES = "没有 A 证待补充信息或证书待换发的企业。"


def contacts_text(contacts: Sequence[Contact]) -> str:
    """张三 13800000000；李四 — whom to call, as one cell."""
    return "；".join(f"{c.name} {c.phone}" if c.phone else c.name for c in contacts)


def enterprise_values(row: EnterpriseRow) -> tuple[str, str, str | None, int, int, str | None]:
    """One call-list line as the sheet shows it (also what the tests compare with)."""
    return (row.unit, row.enterprise or NO_EMPLOYER, row.uscc, row.a_missing_persons, row.pending_certificates,
            contacts_text(row.contacts) or None)


def write_enterprises(ws: WriteOnlyWorksheet, report: ProgressReport) -> BulkRows:
    """The title and header; the lines themselves come back as bulk rows (xlsx_bulk: the long sheet)."""
    lines = [enterprise_values(r) for r in report.enterprises]
    prepare_page(ws, ENTERPRISE_HEADER_ROW)
    set_widths(ws, (fit_width({v[0] for v in lines} | {"发证单位"}, 10, 30),
                    fit_width((v[1] for v in lines), 16, 44), 20, 15, 14,
                    fit_width((v[5] or "" for v in lines), 16, 60)))
    ws.freeze_panes = f"C{ENTERPRISE_HEADER_ROW + 1}"
    ws.row_dimensions[ENTERPRISE_HEADER_ROW].height = 30
    ws.append([cell(ws, f"A 证待补充信息及待换发企业名单（截至 {report.table.as_of}）", TITLE)])
    ws.append(header_row(ws, ENTERPRISE_HEADERS))
    if lines:
        ws.auto_filter.ref = f"A{ENTERPRISE_HEADER_ROW}:F{ENTERPRISE_HEADER_ROW + len(lines)}"
    else:
        ws.append([NO_ENTERPRISES])
    return BulkRows.of(ws, ENTERPRISE_HEADER_ROW + 1, lines, (None, None, None, CENTRED_COUNT, CENTRED_COUNT, None))


# --- 说明 -------------------------------------------------------------------------------------------

NOTES_SHEET = "说明"
NOTES_HEADER_ROW = 2


def _about(report: ProgressReport) -> list[tuple[str, object, str | None]]:
    synced = (report.last_sync_at, DATETIME_FORMAT) if report.last_sync_at else (NOT_SYNCED, None)
    lines: list[tuple[str, object, str | None]] = [
        ("截至日期", report.table.as_of, DATE_FORMAT), ("最近同步", *synced),
        ("制表人", report.operator or NO_OPERATOR, None), ("制表时间", report.generated_at, DATETIME_FORMAT),
        ("统计范围", report.unit or ALL_UNITS, None)]
    if report.demo:
        lines.append(("数据", DEMO_NOTE, None))
    return lines


def _meanings(rules: Rules) -> list[tuple[str, list[tuple[str, str]]]]:
    summary = [("发证单位", "证书的发证单位（按规则中的顺序）"), ("证书类别", "A、B、C1、C2、C3 证及各特种作业工种"),
               *((c.header, c.meaning) for c in figure_columns(rules)),
               ("小计", "一个发证单位各类别之和"), ("合计", "表中全部发证单位、全部类别之和")]
    return [
        ("进度汇总：各列含义（按证书计数）", summary),
        ("趋势", [("每日快照", "程序每天首次启动和每次同步后记下当天的汇总数字，趋势由这些快照组成"),
                ("近期每日换发", "快照期间已换新版证书平均每天增加的数量"),
                ("预计完成日期", "按近期每日换发的速度换完待换发证书的日期")]),
        ("待补充企业", [("A证待补充人数", "该企业 A 证待换发且缺少职务或技术职称的持证人数"),
                    ("待换发证书数", "该企业持证人仍为旧版式的有效证书数"),
                    ("联系人及电话", "需补充信息的前几位持证人（多为企业负责人）及其手机号码")]),
    ]


def write_notes(ws: WriteOnlyWorksheet, report: ProgressReport, rules: Rules) -> None:
    prepare_page(ws, NOTES_HEADER_ROW)
    set_widths(ws, (18, 80))
    ws.append([cell(ws, "说明", TITLE)])
    ws.append(header_row(ws, ("项目", "内容")))
    for label, value, fmt in _about(report):
        ws.append([cell(ws, label, LABEL), cell(ws, value, value_style(fmt))])
    for heading, lines in _meanings(rules):
        ws.append([])
        ws.append([cell(ws, heading, SECTION)])
        for label, meaning in lines:
            ws.append([cell(ws, label, LABEL), cell(ws, meaning, WRAPPED)])

