"""`certdesk progress`: the JSON contract, the text table, the workbook, and refusals with exit 1."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest

from desktop_app import demo
from desktop_app.services.context import Actor, WorkspaceContext
from desktop_app.services.progress.figures import FIGURES
from tests.helpers.cli import run_cli

TODAY = dt.date(2026, 12, 2)
ROW_KEYS = ["unit", "kind", *FIGURES, "converted_pct"]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli-progress")
    source = folder / "demo.jsonl"
    demo.write_jsonl(source, 800, seed=3, photo_fraction=0.2, today=TODAY)
    result = run_cli("--data-dir", str(folder / "ws"), "import", str(source))
    assert result.returncode == 0, result.stderr
    return folder / "ws"


def _service_table(workspace: Path, as_of: dt.date, unit: str | None = None) -> dict[str, object]:
    ctx = WorkspaceContext.open(workspace, actor=Actor("测试员"), today=TODAY)
    try:
        return ctx.progress.table(as_of, unit).as_json()
    finally:
        ctx.close()


def test_json_is_the_contract(workspace: Path) -> None:
    result = run_cli("--data-dir", str(workspace), "progress", "--as-of", TODAY.isoformat(), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["as_of"] == TODAY.isoformat()
    assert data["rows"] and all(list(row) == ROW_KEYS for row in data["rows"])
    assert len({(r["unit"], r["kind"]) for r in data["rows"]}) == len(data["rows"])  # one row per unit × kind
    assert set(data["totals"]) == set(ROW_KEYS) - {"unit", "kind"}
    for figure in FIGURES:
        assert data["totals"][figure] == sum(r[figure] for r in data["rows"])
    assert data == _service_table(workspace, TODAY)
    kinds = {r["kind"] for r in data["rows"]}
    assert {"A", "B", "C1", "C2", "C3"} <= kinds and "C" not in kinds
    assert all(k in {"A", "B", "C1", "C2", "C3"} or (k.startswith("SPECIAL:") and len(k) == 10) for k in kinds)


def test_one_unit_by_alias_and_another_day(workspace: Path) -> None:
    day = TODAY - dt.timedelta(days=365)
    result = run_cli("--data-dir", str(workspace), "progress", "--unit", "青岛西海岸新区住房和城乡建设局",
                     "--as-of", day.isoformat(), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {r["unit"] for r in data["rows"]} == {"青岛市西海岸新区住房和城乡建设局"}
    assert data == _service_table(workspace, day, "青岛市西海岸新区住房和城乡建设局")


def test_the_text_table(workspace: Path) -> None:
    result = run_cli("--data-dir", str(workspace), "progress", "--unit", "济南市住房和城乡建设局", "--as-of",
                     TODAY.isoformat())
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"截至 {TODAY.isoformat()}" and "换发率" in lines[1]
    assert lines[-1].startswith("合计")
    total = _service_table(workspace, TODAY, "济南市住房和城乡建设局")["totals"]
    assert f"{total['in_force']:,}" in lines[-1].split()  # type: ignore[index]


@pytest.mark.parametrize(("args", "reason"), [
    (["--as-of", "2026-13-01"], "日期“2026-13-01”无效"),
    (["--as-of", "昨天"], "日期“昨天”无效"),
    (["--unit", "火星市住房和城乡建设局"], "未知的发证单位“火星市住房和城乡建设局”"),
    (["-o", "progress.csv"], "应以 .xlsx 结尾"),
])
def test_refusals_exit_1_with_one_line(workspace: Path, tmp_path: Path, args: list[str], reason: str) -> None:
    result = run_cli("--data-dir", str(workspace), "progress", *args, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and reason in result.stderr
    assert not (tmp_path / "progress.csv").exists()


def test_workbook_from_the_command_line(workspace: Path, tmp_path: Path) -> None:
    target = tmp_path / "进度.xlsx"
    result = run_cli("--data-dir", str(workspace), "progress", "--as-of", TODAY.isoformat(), "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert "已导出换发进度" in result.stdout and target.exists()
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["进度汇总", "趋势", "待补充企业", "说明"]
    both = run_cli("--data-dir", str(workspace), "progress", "--as-of", TODAY.isoformat(), "--json", "-o",
                   str(target))
    assert both.returncode == 0 and json.loads(both.stdout)["as_of"] == TODAY.isoformat()


def test_a_workbook_that_cannot_be_written(workspace: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "taken.xlsx"
    blocked.mkdir()  # a folder where the file should go
    result = run_cli("--data-dir", str(workspace), "progress", "-o", str(blocked))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and blocked.is_dir()


def test_version_names_the_package_the_schema_and_qt() -> None:
    import tomllib

    from desktop_app.store.engine import head_revision
    from tests.helpers.cli import ROOT

    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    result = run_cli("--version")
    assert result.returncode == 0
    line = result.stdout.strip()
    assert line.startswith(f"CertDesk {version} (cache schema {head_revision()}; Qt ") and "PySide6 " in line
