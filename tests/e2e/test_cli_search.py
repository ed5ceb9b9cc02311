"""`certdesk search` in a real subprocess on a real cache: the documented JSON shape, table, exit codes."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.cli.terminal import display_width
from tests.helpers.cli import run_cli
from tests.helpers.search_fixtures import C_HOLDER, LI_WANGJIAN, WANG_JIAN, WANG_JIANGUO, build_cache

CERT_KEYS = ["number", "new_number", "category", "work_type", "state", "status", "format", "valid_until",
             "issuer_unit"]


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("cli-search")
    build_cache(folder).close()
    yield folder / "data"


def test_json_best_match_first(data_dir: Path) -> None:
    result = run_cli("--data-dir", str(data_dir), "search", "王建", "--json")
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert [i["id_number"] for i in items[:3]] == [WANG_JIAN, WANG_JIANGUO, LI_WANGJIAN]
    first = items[0]
    assert list(first) == ["id_number", "name", "gender", "employer", "certificates", "blocked"]
    assert first["name"] == "王建" and first["gender"] == "男" and first["employer"] == "济南鲁能建设集团有限公司"
    assert first["blocked"] == ["鲁建安A（2019）0001234：A 证缺少：职务、技术职称"]
    assert [list(c) for c in first["certificates"]] == [CERT_KEYS]


def test_json_old_spelling_gives_the_new_number(data_dir: Path) -> None:
    result = run_cli("--data-dir", str(data_dir), "search", "鲁建安C(2016)0001234", "--json")
    (item,) = json.loads(result.stdout)
    assert item["id_number"] == C_HOLDER
    (cert,) = item["certificates"]
    assert cert["number"] == "鲁建安C（2016）0001234" and cert["new_number"] == "鲁建安C3（2016）0001234"
    assert cert["format"] == "old" and cert["category"] == "C" and cert["work_type"] is None
    assert cert["issuer_unit"] == "济南市住房和城乡建设局" and cert["state"] == "valid"
    assert cert["status"] in ("valid", "expiring", "expired")


def test_limit_and_unit(data_dir: Path) -> None:
    result = run_cli("--data-dir", str(data_dir), "search", "王", "--limit", "1", "--json")
    assert len(json.loads(result.stdout)) == 1
    result = run_cli("--data-dir", str(data_dir), "search", "王", "--unit", "青岛市住房和城乡建设局", "--json")
    assert LI_WANGJIAN in [i["id_number"] for i in json.loads(result.stdout)]
    assert WANG_JIAN not in result.stdout


def test_no_match_is_an_empty_array(data_dir: Path) -> None:
    result = run_cli("--data-dir", str(data_dir), "search", "欧阳修", "--json")
    assert result.returncode == 0
    assert json.loads(result.stdout) == []


def test_unknown_unit_is_one_line_and_exit_2(data_dir: Path) -> None:
    result = run_cli("--data-dir", str(data_dir), "search", "王", "--unit", "火星局")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "未知的发证单位“火星局”" in result.stderr
    assert "Traceback" not in result.stderr


def test_table_is_aligned_for_double_width_characters(data_dir: Path) -> None:
    result = run_cli("--data-dir", str(data_dir), "search", "王建")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("姓名")
    # the ID-number column starts at the same display column on every row (CJK counts double)
    column = display_width(lines[0][:lines[0].index("身份证号")])
    starts = [display_width(line[:m.start()]) for line in lines[2:] if (m := re.search(r"\d{17}[\dX]", line))]
    assert len(starts) >= 3 and set(starts) == {column}
    assert WANG_JIANGUO in result.stdout


def test_display_width() -> None:
    assert display_width("王建国") == 6 and display_width("ab") == 2 and display_width("（）") == 4
