"""The supplement template: a real .xlsx written, read back with openpyxl, filled, imported; garbage refused."""

from __future__ import annotations

import datetime as dt
import io
import re
import sqlite3
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from desktop_app.domain.identity import resident_id_check_digit
from desktop_app.domain.rules import default_rules
from desktop_app.errors import KnownError
from desktop_app.reports import supplement_template as tpl
from desktop_app.services import edits
from desktop_app.services.history import history as read_history
from desktop_app.services.search import SearchService
from desktop_app.services.supplement_import import REASON, import_supplement
from desktop_app.services.worklists import supplement_worklist
from desktop_app.settings import WorkspaceSettings, save_settings
from desktop_app.store.engine import Cache
from tests.helpers.cli import run_cli
from tests.helpers.search_fixtures import JINAN, TODAY
from tests.unit.services.test_worklists import (
    BOTH,
    JINAN_LIST,
    NO_EMPLOYER,
    POSITION_ONLY,
    TITLE_ONLY,
    TWO_UNITS,
    build_campaign_cache,
)

EXPORTED_AT = dt.datetime(2026, 11, 21, 9, 30)
VALID = {"职务": "总经理", "技术职称": "高级工程师"}
COL = {header: index for index, header in enumerate(tpl.HEADERS, start=1)}


@pytest.fixture
def cache(tmp_path: Path) -> Cache:
    return build_campaign_cache(tmp_path)


def export_jinan(cache: Cache, path: Path) -> Path:
    rows = supplement_worklist(cache, unit=JINAN, today=TODAY)
    assert tpl.export_template(rows, path, JINAN, exported_at=EXPORTED_AT) == len(JINAN_LIST)
    return path


def row_of(ws: Worksheet, id_number: str) -> int:
    for r in range(tpl.FIRST_DATA_ROW, ws.max_row + 1):
        if ws.cell(r, COL["身份证号"]).value == id_number:
            return r
    raise AssertionError(id_number)


def fill(source: Path, target: Path, values: dict[str, dict[str, object]],
         tweak: Callable[[openpyxl.Workbook, Worksheet], None] | None = None) -> Path:
    """What an enterprise does: open the template, type into cells, save."""
    wb = openpyxl.load_workbook(source)
    ws = wb[tpl.DATA_SHEET]
    for id_number, cells in values.items():
        r = row_of(ws, id_number)
        for header, value in cells.items():
            ws.cell(r, COL[header]).value = value
    if tweak is not None:
        tweak(wb, ws)
    wb.save(target)
    return target


def written(cache: Cache) -> tuple[int, int, int]:
    """(audit rows of template imports, outbox rows, persons above version 1)."""
    with sqlite3.connect(cache.path) as conn:
        audit = conn.execute("SELECT count(*) FROM audit_log WHERE reason = ?", (REASON,)).fetchone()[0]
        outbox = conn.execute("SELECT count(*) FROM outbox").fetchone()[0]
        bumped = conn.execute("SELECT count(*) FROM persons WHERE version > 1").fetchone()[0]
    return audit, outbox, bumped


# --- the exported workbook ------------------------------------------------------------------------


def test_exported_workbook_locks_keys_offers_lists_and_explains(cache: Cache, tmp_path: Path) -> None:
    path = export_jinan(cache, tmp_path / "济南.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [tpl.HELP_SHEET, tpl.DATA_SHEET, tpl.LISTS_SHEET, tpl.MARKER_SHEET]
    assert [wb[s].sheet_state for s in wb.sheetnames] == ["visible", "visible", "hidden", "veryHidden"]
    assert wb.security is not None and wb.security.lockStructure
    ws = wb[tpl.DATA_SHEET]
    assert [c.value for c in ws[1]] == list(tpl.HEADERS)
    assert all(c.font.b for c in ws[1]) and ws.freeze_panes == "D2"
    assert ws.column_dimensions["D"].width > 30 and ws.column_dimensions["B"].width >= 20
    assert ws.protection.sheet
    last = tpl.HEADER_ROW + len(JINAN_LIST)
    assert ws.max_row == last
    for r in range(tpl.FIRST_DATA_ROW, last + 1):
        for column in tpl.COLUMNS:
            assert ws.cell(r, COL[column.header]).protection.locked is not column.fillable, (r, column.header)
        assert ws.cell(r, COL["身份证号"]).number_format == "@"
    rules = default_rules()
    lists = wb[tpl.LISTS_SHEET]
    validations = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    for header, choice in (("职务", "position"), ("技术职称", "title"), ("文化程度", "education")):
        letter = tpl.COLUMNS[COL[header] - 1].letter
        dv = validations[f"{letter}2:{letter}{last}"]
        assert dv.type == "list" and dv.showErrorMessage
        sheet, _, area = dv.formula1.partition("!")  # stored as Excel stores it: no leading "="
        assert sheet.strip("'") == tpl.LISTS_SHEET
        assert tuple(c.value for row in lists[area.replace("$", "")] for c in row) == rules.choices[choice]
    assert validations[f"K2:K{last}"].type == "textLength"


def test_rows_are_prefilled_and_say_what_is_missing(cache: Cache, tmp_path: Path) -> None:
    ws = openpyxl.load_workbook(export_jinan(cache, tmp_path / "t.xlsx"))[tpl.DATA_SHEET]
    r = row_of(ws, TITLE_ONLY)
    values = {h: ws.cell(r, COL[h]).value for h in tpl.HEADERS}
    assert values["姓名"] == "李二" and values["工作单位"] == "济南鲁能建设集团有限公司"
    assert values["证书编号"] == "鲁建安A（2019）0000002" and values["缺少项目"] == "技术职称、照片"
    assert values["职务"] == "总经理" and values["技术职称"] is None and values["文化程度"] == "本科"
    assert ws.cell(row_of(ws, TWO_UNITS), COL["证书编号"]).value == "鲁建安A（2019）0000005"  # Jinan's only
    assert [ws.cell(r, 1).value for r in range(2, ws.max_row + 1)] == list(range(1, len(JINAN_LIST) + 1))


def test_instructions_sheet_names_the_unit_its_phones_and_what_to_fill(cache: Cache, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(export_jinan(cache, tmp_path / "t.xlsx"))
    text = "\n".join(str(c.value) for c in wb[tpl.HELP_SHEET]["A"] if c.value)
    unit = default_rules().unit(JINAN)
    assert unit is not None
    for phone in unit.phones:
        assert phone.number in text
    for needed in (JINAN, "职务", "技术职称", "下拉列表", ".xlsx", "照片", "2026-11-21 09:30"):
        assert needed in text, needed
    marker = dict(wb[tpl.MARKER_SHEET].iter_rows(values_only=True))
    assert marker == {"template": tpl.TEMPLATE_ID, "version": tpl.TEMPLATE_VERSION, "unit": JINAN,
                      "exported_at": "2026-11-21T09:30:00", "rows": len(JINAN_LIST)}


def test_export_replaces_the_file_atomically(cache: Cache, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "out" / "t.xlsx"
    path.parent.mkdir()
    path.write_bytes(b"old")
    export_jinan(cache, path)
    assert zipfile.is_zipfile(path) and [p.name for p in path.parent.iterdir()] == ["t.xlsx"]
    before = path.read_bytes()

    def broken(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("desktop_app.settings.os.fsync", broken)
    with pytest.raises(OSError):
        export_jinan(cache, path)
    assert path.read_bytes() == before and [p.name for p in path.parent.iterdir()] == ["t.xlsx"]


# --- round trip -----------------------------------------------------------------------------------


def test_round_trip_clears_the_blocker_and_shrinks_the_worklist(cache: Cache, tmp_path: Path) -> None:
    template = export_jinan(cache, tmp_path / "t.xlsx")
    filled = fill(template, tmp_path / "filled.xlsx", {i: VALID for i in JINAN_LIST} | {
        TITLE_ONLY: {"技术职称": "工程师", "手机号码": "138 0013 8000", "专业": "土木工程"}})
    report = import_supplement(cache, filled, operator="窗口甲")
    assert report.rejected == [] and report.applied == len(JINAN_LIST) and report.file_unit == JINAN
    # 职务+职称 for three, 职务 only for POSITION_ONLY, 职称+手机+专业 for TITLE_ONLY
    assert written(cache) == (2 * 3 + 1 + 3, len(JINAN_LIST), len(JINAN_LIST))
    assert supplement_worklist(cache, unit=JINAN, today=TODAY) == []
    service = SearchService(cache)
    person_id = edits.person_id_for(cache, BOTH)
    assert person_id is not None
    detail = service.person_detail(person_id, today=TODAY)
    assert detail is not None and detail.position == "总经理" and detail.title == "高级工程师"
    assert not any("A 证缺少" in b for c in detail.certificates for b in c.blockers)
    history = read_history(cache, person_id)
    assert {(h.field, h.new_value, h.operator, h.reason) for h in history} == {
        ("position", "总经理", "窗口甲", REASON), ("title", "高级工程师", "窗口甲", REASON)}
    title_only = service.person_detail(edits.person_id_for(cache, TITLE_ONLY) or 0, today=TODAY)
    assert title_only is not None and title_only.phone == "13800138000" and title_only.major == "土木工程"


def test_reimporting_the_same_file_changes_nothing(cache: Cache, tmp_path: Path) -> None:
    filled = fill(export_jinan(cache, tmp_path / "t.xlsx"), tmp_path / "f.xlsx", {i: VALID for i in JINAN_LIST})
    import_supplement(cache, filled, operator="甲")
    before = written(cache)
    again = import_supplement(cache, filled, operator="甲")
    assert (again.applied, again.unchanged, again.rejected) == (0, len(JINAN_LIST), [])
    assert written(cache) == before


def test_an_untouched_template_is_reported_unfilled_and_writes_nothing(cache: Cache, tmp_path: Path) -> None:
    report = import_supplement(cache, export_jinan(cache, tmp_path / "t.xlsx"), operator="甲")
    assert (report.rows, report.applied, report.unfilled, report.rejected) == (len(JINAN_LIST), 0, 5, [])
    assert written(cache) == (0, 0, 0)


# --- rejected rows --------------------------------------------------------------------------------


def _formula(_wb: openpyxl.Workbook, ws: Worksheet) -> None:
    ws.cell(row_of(ws, TWO_UNITS), COL["职务"]).value = "=lists!B2"


def test_rejected_rows_name_row_column_and_reason_and_the_rest_applies(cache: Cache, tmp_path: Path) -> None:
    filled = fill(export_jinan(cache, tmp_path / "t.xlsx"), tmp_path / "f.xlsx", {
        BOTH: {"职务": "老板", "技术职称": "工程师"},
        TITLE_ONLY: {"技术职称": "工程师", "手机号码": "12345"},
        POSITION_ONLY: {"职务": "总经理"},
        NO_EMPLOYER: {"职务": "总经理"},
        TWO_UNITS: {"技术职称": "工程师"},
    }, tweak=_formula)
    report = import_supplement(cache, filled, operator="甲")
    ws = openpyxl.load_workbook(filled)[tpl.DATA_SHEET]
    got = {(r.row, r.column): r.reason for r in report.rejected}
    assert set(got) == {(row_of(ws, BOTH), "G"), (row_of(ws, TITLE_ONLY), "K"), (row_of(ws, NO_EMPLOYER), "H"),
                        (row_of(ws, TWO_UNITS), "G")}
    assert "老板" in got[(row_of(ws, BOTH), "G")] and "不在可选范围" in got[(row_of(ws, BOTH), "G")]
    assert "11 位" in got[(row_of(ws, TITLE_ONLY), "K")]
    assert "必须填写技术职称" in got[(row_of(ws, NO_EMPLOYER), "H")]
    assert "公式" in got[(row_of(ws, TWO_UNITS), "G")]
    assert report.applied == 1 and report.changed_person_ids == [edits.person_id_for(cache, POSITION_ONLY)]
    assert written(cache) == (1, 1, 1)


def _key_cells(_wb: openpyxl.Workbook, ws: Worksheet) -> None:
    ws.cell(row_of(ws, BOTH), COL["身份证号"]).value = float(BOTH.replace("X", "0"))  # Excel's way with long numbers
    ws.cell(row_of(ws, TITLE_ONLY), COL["姓名"]).value = "李四"
    first17 = "37010219990909123"
    ws.cell(row_of(ws, POSITION_ONLY), COL["身份证号"]).value = first17 + resident_id_check_digit(first17)
    ws.cell(row_of(ws, NO_EMPLOYER), COL["专业"]).value = dt.datetime(2020, 1, 1)
    hidden = row_of(ws, TWO_UNITS)
    ws.row_dimensions[hidden].hidden = True
    copy = ws.max_row + 1  # a visible copy of the hidden row: a duplicate ID
    for column in range(1, len(tpl.COLUMNS) + 1):
        ws.cell(copy, column).value = ws.cell(hidden, column).value


def test_key_cells_dates_hidden_rows_and_duplicates_are_refused_per_row(cache: Cache, tmp_path: Path) -> None:
    filled = fill(export_jinan(cache, tmp_path / "t.xlsx"), tmp_path / "f.xlsx", {i: VALID for i in JINAN_LIST},
                  tweak=_key_cells)
    report = import_supplement(cache, filled, operator="甲")
    reasons = {r.column + ":" + r.reason for r in report.rejected}
    assert len(report.rejected) == 6 and report.applied == 0, report.rejected
    assert any(r.startswith("B:身份证号被存成了数字") and "丢失" in r for r in reasons)
    assert any(r.startswith("C:") and "李四" in r for r in reasons)
    assert any(r.startswith("B:找不到身份证号") for r in reasons)
    assert any(r.startswith("J:") and "日期" in r for r in reasons)
    assert any(r.startswith("A:") and "隐藏" in r for r in reasons)
    assert any(r.startswith("B:") and "重复" in r for r in reasons)
    assert written(cache) == (0, 0, 0)


def test_a_hidden_row_that_changes_nothing_is_fine(cache: Cache, tmp_path: Path) -> None:
    def hide(_wb: openpyxl.Workbook, ws: Worksheet) -> None:
        ws.row_dimensions[row_of(ws, TWO_UNITS)].hidden = True

    filled = fill(export_jinan(cache, tmp_path / "t.xlsx"), tmp_path / "f.xlsx",
                  {i: VALID for i in JINAN_LIST - {TWO_UNITS}}, tweak=hide)
    report = import_supplement(cache, filled, operator="甲")
    assert (report.applied, report.unfilled, report.rejected) == (4, 1, [])


def test_extra_sheets_are_ignored(cache: Cache, tmp_path: Path) -> None:
    def extra(wb: openpyxl.Workbook, _ws: Worksheet) -> None:
        wb.create_sheet("备注")["A1"] = "王一已离职"
        wb.create_sheet("Sheet1")["B2"] = "=1+1"

    filled = fill(export_jinan(cache, tmp_path / "t.xlsx"), tmp_path / "f.xlsx", {BOTH: VALID}, tweak=extra)
    report = import_supplement(cache, filled, operator="甲")
    assert report.applied == 1 and report.rejected == []


# --- garbage files --------------------------------------------------------------------------------


def _valid_bytes(cache: Cache, folder: Path) -> bytes:
    return export_jinan(cache, folder / "valid.xlsx").read_bytes()


def _rezip(data: bytes, replace: dict[str, bytes | None]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            if item.filename in replace:
                if replace[item.filename] is not None:
                    dst.writestr(item.filename, replace[item.filename])  # type: ignore[arg-type]
            else:
                dst.writestr(item, src.read(item.filename))
    return out.getvalue()


def _workbook_bytes(change: Callable[[openpyxl.Workbook], None]) -> Callable[[bytes], bytes]:
    def make(valid: bytes) -> bytes:
        wb = openpyxl.load_workbook(io.BytesIO(valid))
        change(wb)
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue()
    return make


def _plain_workbook(_valid: bytes) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = tpl.DATA_SHEET
    ws.append(list(tpl.HEADERS))
    ws.append([1, BOTH, "王一", "", "", "", "总经理", "工程师"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _set_marker(key: str, value: object) -> Callable[[openpyxl.Workbook], None]:
    def change(wb: openpyxl.Workbook) -> None:
        ws = wb[tpl.MARKER_SHEET]
        for row in ws.iter_rows():
            if row[0].value == key:
                row[1].value = value
    return change


GARBAGE: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "text file": (lambda _v: "身份证号,姓名\n370102198001011111,王一\n".encode(), "不是 .xlsx 文件或已损坏"),
    "empty file": (lambda _v: b"", "空文件"),
    "truncated zip": (lambda v: v[: len(v) // 2], "不是 .xlsx 文件或已损坏"),
    "old xls": (lambda _v: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "旧版 .xls"),
    "zip of something else": (lambda _v: _rezip(_plain_zip(), {}), "不是 Excel .xlsx 工作簿"),
    "broken xml inside": (lambda v: _rezip(v, {"xl/workbook.xml": b"<workbook"}), "无法读取"),
    "no marker": (_plain_workbook, "缺少模板标记"),
    "other template": (_workbook_bytes(_set_marker("template", "certdesk.other")), "不是 A 证补充信息模板"),
    "newer version": (_workbook_bytes(_set_marker("version", 99)), "版本（99）比本程序新"),
    "column inserted": (_workbook_bytes(lambda wb: wb[tpl.DATA_SHEET].insert_cols(3)), "表头与模板不符：C 列"),
    "sheet renamed": (_workbook_bytes(lambda wb: setattr(wb[tpl.DATA_SHEET], "title", "Sheet2")),
                      "找不到“待补充人员”工作表"),
    "merged cells": (_workbook_bytes(lambda wb: wb[tpl.DATA_SHEET].merge_cells("G2:G4")), "合并单元格 G2:G4"),
    "no data rows": (_workbook_bytes(lambda wb: wb[tpl.DATA_SHEET].delete_rows(2, 50)), "没有人员数据行"),
}


def _plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    return out.getvalue()


@pytest.mark.parametrize("case", list(GARBAGE))
def test_garbage_files_get_one_clear_sentence(cache: Cache, tmp_path: Path, case: str) -> None:
    make, expected = GARBAGE[case]
    path = tmp_path / "garbage.xlsx"
    path.write_bytes(make(_valid_bytes(cache, tmp_path)))
    with pytest.raises(KnownError) as caught:
        import_supplement(cache, path, operator="甲")
    message = str(caught.value)
    assert expected in message and "\n" not in message, message
    assert written(cache) == (0, 0, 0)


def test_a_missing_file_or_a_folder_is_a_clear_answer(cache: Cache, tmp_path: Path) -> None:
    with pytest.raises(KnownError, match="找不到文件"):
        import_supplement(cache, tmp_path / "nope.xlsx", operator="甲")
    with pytest.raises(KnownError, match="文件夹"):
        import_supplement(cache, tmp_path, operator="甲")


@dataclass(frozen=True)
class _Stranger:
    id_number: str
    name: str
    enterprise: str | None = "某建设有限公司"
    certificates: tuple[str, ...] = ("鲁建安A（2019）0000001",)
    position: str | None = "总经理"
    title: str | None = "工程师"
    education: str | None = None
    major: str | None = None
    phone: str | None = None
    missing_text: str = "职务、技术职称"


def test_ten_thousand_rows_are_read_and_checked_quickly(cache: Cache, tmp_path: Path) -> None:
    strangers = []
    for n in range(10_000):
        first17 = f"3701021990{1 + n % 12:02d}{1 + n // 400:02d}{n % 400:03d}"
        strangers.append(_Stranger(first17 + resident_id_check_digit(first17), "路人"))
    path = tmp_path / "big.xlsx"
    tpl.export_template(strangers, path, JINAN)
    started = time.perf_counter()
    report = import_supplement(cache, path, operator="甲")
    seconds = time.perf_counter() - started
    assert report.rows == 10_000 and report.rejected_rows == 10_000 and report.applied == 0
    assert all("找不到身份证号" in r.reason for r in report.rejected)
    assert seconds < 15, seconds
    assert written(cache) == (0, 0, 0)


# --- command line ---------------------------------------------------------------------------------

ROW_LINE = re.compile(r"^row (\d+), column ([A-Z]+): (.+)$")


def test_cli_exports_imports_and_exits_by_outcome(cache: Cache, tmp_path: Path) -> None:
    data = tmp_path / "data"
    save_settings(data, WorkspaceSettings(operator="窗口乙"))
    out = tmp_path / "济南.xlsx"
    exported = run_cli("--data-dir", str(data), "worklist", "--unit", JINAN, "-o", str(out))
    assert exported.returncode == 0, exported.stderr
    assert f"已导出 {len(JINAN_LIST)} 人" in exported.stdout and out.is_file()

    bad = fill(out, tmp_path / "bad.xlsx", {BOTH: {"职务": "老板", "技术职称": "工程师"}, POSITION_ONLY: VALID})
    rejected = run_cli("--data-dir", str(data), "import-supplement", str(bad))
    assert rejected.returncode == 1, rejected.stderr
    lines = [ROW_LINE.match(line) for line in rejected.stdout.splitlines() if line.startswith("row ")]
    assert len(lines) == 1 and lines[0] is not None and lines[0].group(2) == "G" and "老板" in lines[0].group(3)
    assert "已更新 1 人" in rejected.stdout and "拒绝 1 行" in rejected.stdout

    good = fill(out, tmp_path / "good.xlsx", {i: VALID for i in JINAN_LIST})
    applied = run_cli("--data-dir", str(data), "import-supplement", str(good))
    assert applied.returncode == 0, applied.stderr
    assert f"已更新 {len(JINAN_LIST) - 1} 人" in applied.stdout and "无变化 1 行" in applied.stdout
    with sqlite3.connect(data / "certdesk.sqlite3") as conn:
        operators = {row[0] for row in conn.execute("SELECT operator FROM audit_log WHERE reason = ?", (REASON,))}
    assert operators == {"窗口乙"}
    again = run_cli("--data-dir", str(data), "import-supplement", str(good))
    assert again.returncode == 0 and "已更新 0 人" in again.stdout


def test_cli_refuses_unknown_units_and_garbage_with_one_line(cache: Cache, tmp_path: Path) -> None:
    data = tmp_path / "data"
    unknown = run_cli("--data-dir", str(data), "worklist", "--unit", "火星市住房和城乡建设局", "-o",
                      str(tmp_path / "x.xlsx"))
    assert unknown.returncode == 2 and "未知的发证单位" in unknown.stderr
    assert len(unknown.stderr.strip().splitlines()) == 1 and not (tmp_path / "x.xlsx").exists()
    junk = tmp_path / "junk.xlsx"
    junk.write_text("hello", encoding="utf-8")
    garbage = run_cli("--data-dir", str(data), "import-supplement", str(junk))
    assert garbage.returncode == 2 and "不是 .xlsx 文件" in garbage.stderr
    assert len(garbage.stderr.strip().splitlines()) == 1 and "Traceback" not in garbage.stderr
    listed = run_cli("--data-dir", str(data), "worklist", "--unit", JINAN)
    assert listed.returncode == 0 and f"共 {len(JINAN_LIST)} 人" in listed.stdout and "王一" in listed.stdout
