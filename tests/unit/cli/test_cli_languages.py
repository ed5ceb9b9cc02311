"""The command line speaks the chosen language (issue 15): its lines come from the message catalogue
(`cli.*`), Chinese by default, English with CERTDESK_LANGUAGE=en or settings.json's "language";
data (names, units, numbers) is quoted as it is, and JSON is the same in every language."""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app import messages
from desktop_app.demo import write_jsonl
from desktop_app.domain.rules import default_rules
from tests.helpers.cli import ROOT, run_cli
from tests.helpers.search_fixtures import build_cache

# Chinese characters, CJK punctuation（，。、：；“”…）and full-width forms（（）：）
CJK = re.compile("[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
UNITS = sorted((u.name for u in default_rules().units), key=len, reverse=True)
SUMMARY_ZH = re.compile(r"^(\d+) 行：人员 新增 \1、更新 0、未变 0；证书 新增 \d+、更新 0、未变 0；拒绝 0 行$")
SUMMARY_EN = re.compile(r"^(\d+) lines: persons \1 new, 0 updated, 0 unchanged; "
                        r"certificates \d+ new, 0 updated, 0 unchanged; 0 lines rejected$")


def _without(text: str, *data: str) -> str:
    """`text` with the data it quotes taken out (longest first, so a unit's name goes as a whole)."""
    for item in sorted(data, key=len, reverse=True):
        text = text.replace(item, "")
    return text


def _english(text: str, *data: str) -> bool:
    return bool(text.strip()) and CJK.search(_without(text, *data)) is None


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(messages.LANGUAGE_VARIABLE, "en")


@pytest.fixture
def chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(messages.LANGUAGE_VARIABLE, raising=False)


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli-languages") / "few.jsonl"
    write_jsonl(path, 12, seed=5)
    return path


@pytest.fixture(scope="module")
def search_data(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("cli-languages-search")
    build_cache(folder).close()
    yield folder / "data"


# --- the catalogue ------------------------------------------------------------------------------


def test_both_catalogues_have_the_same_cli_codes_and_placeholders() -> None:
    zh = {c: e for c, e in messages.catalogue("zh_CN").items() if c.startswith("cli.")}
    en = {c: e for c, e in messages.catalogue("en").items() if c.startswith("cli.")}
    assert zh and set(zh) == set(en)  # check_catalogues looks one way only (English ⊆ Chinese)
    for code, entry in zh.items():
        assert messages.placeholders(entry.text) == messages.placeholders(en[code].text), code
        assert CJK.search(en[code].text) is None, code
        assert re.search(r"A证|\d[\u4e00-\u9fff]|[\u4e00-\u9fff]\d", entry.text) is None, code  # "A 证", "90 天"


def _user_visible_cjk_literals(path: Path) -> list[str]:
    """Chinese string literals of a module that are not a docstring or an argparse help/description."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    allowed: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg in ("help", "description"):
            allowed.update(id(n) for n in ast.walk(node.value))
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                allowed.add(id(first.value))
    return [f"{path.name}:{n.lineno}: {n.value!r}" for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in allowed
            and CJK.search(n.value)]


def test_the_cli_code_holds_no_chinese_text_outside_help() -> None:
    found = [line for path in sorted((ROOT / "desktop_app" / "cli").glob("*.py"))
             for line in _user_visible_cjk_literals(path)]
    assert found == []


# --- import: a summary and an error ---------------------------------------------------------------


def test_import_summary_and_missing_file_in_chinese(chinese: None, records: Path, tmp_path: Path) -> None:
    done = run_cli("--data-dir", str(tmp_path / "ws"), "import", str(records))
    assert done.returncode == 0, done.stderr
    assert SUMMARY_ZH.match(done.stdout.strip().splitlines()[-1]), done.stdout
    missing = run_cli("--data-dir", str(tmp_path / "ws"), "import", str(tmp_path / "missing.jsonl"))
    assert missing.returncode == 2
    assert missing.stderr.strip() == f"certdesk: 无法读取 {tmp_path / 'missing.jsonl'}：文件不存在"


def test_import_summary_and_missing_file_in_english(english: None, records: Path, tmp_path: Path) -> None:
    done = run_cli("--data-dir", str(tmp_path / "ws"), "import", str(records))
    assert done.returncode == 0, done.stderr
    assert SUMMARY_EN.match(done.stdout.strip().splitlines()[-1]), done.stdout
    assert _english(done.stdout)
    missing = run_cli("--data-dir", str(tmp_path / "ws"), "import", str(tmp_path / "missing.jsonl"))
    assert missing.returncode == 2
    assert missing.stderr.strip() == f"certdesk: Cannot read {tmp_path / 'missing.jsonl'}: the file does not exist"


def test_settings_json_chooses_english_too(chinese: None, tmp_path: Path) -> None:
    data_dir = tmp_path / "ws"
    data_dir.mkdir()
    (data_dir / "settings.json").write_text(json.dumps({"language": "en"}), encoding="utf-8")
    result = run_cli("--data-dir", str(data_dir), "import", str(tmp_path / "missing.jsonl"))
    assert result.returncode == 2 and "the file does not exist" in result.stderr and _english(result.stderr)


# --- worklist: an unknown unit; edit and history: a malformed ID number -----------------------------


def test_an_unknown_unit_in_both_languages(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(messages.LANGUAGE_VARIABLE, raising=False)
    zh = run_cli("--data-dir", str(tmp_path / "ws"), "worklist", "--unit", "火星局")
    assert zh.returncode == 2
    assert zh.stderr.startswith("certdesk: 未知的发证单位“火星局”（可用：济南市住房和城乡建设局、")
    monkeypatch.setenv(messages.LANGUAGE_VARIABLE, "en")
    en = run_cli("--data-dir", str(tmp_path / "ws"), "worklist", "--unit", "火星局")
    assert en.returncode == 2
    assert en.stderr.startswith('certdesk: Unknown issuing unit "火星局" (available: 济南市住房和城乡建设局, ')
    assert len(en.stderr.strip().splitlines()) == 1 and _english(en.stderr, "火星局", *UNITS)


@pytest.mark.parametrize("command", [("history", "12345"), ("edit", "12345", "phone=13900001111")])
def test_a_malformed_id_number_in_both_languages(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                 command: tuple[str, ...]) -> None:
    monkeypatch.delenv(messages.LANGUAGE_VARIABLE, raising=False)
    zh = run_cli("--data-dir", str(tmp_path / "ws"), *command)
    assert zh.returncode == 2 and zh.stderr.strip() == "certdesk: 身份证号应为 18 位，实际 5 位"
    monkeypatch.setenv(messages.LANGUAGE_VARIABLE, "en")
    en = run_cli("--data-dir", str(tmp_path / "ws"), *command)
    assert en.returncode == 2 and en.stderr.startswith("certdesk: The ID number") and _english(en.stderr)


def test_an_unknown_field_in_both_languages(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(messages.LANGUAGE_VARIABLE, raising=False)
    zh = run_cli("--data-dir", str(tmp_path / "ws"), "edit", "370102198001151002", "colour=red")
    assert zh.returncode == 1 and zh.stderr.startswith("colour: 不是可修改的字段（可用：name, gender,")
    monkeypatch.setenv(messages.LANGUAGE_VARIABLE, "en")
    en = run_cli("--data-dir", str(tmp_path / "ws"), "edit", "370102198001151002", "colour=red")
    assert en.returncode == 1 and en.stderr.startswith("colour: not a field that can be corrected (available: name,")
    assert _english(en.stderr)


# --- search and progress: tables in words, JSON the same --------------------------------------------


def test_search_json_is_the_same_in_both_languages(monkeypatch: pytest.MonkeyPatch, search_data: Path) -> None:
    monkeypatch.delenv(messages.LANGUAGE_VARIABLE, raising=False)
    zh = run_cli("--data-dir", str(search_data), "search", "王建", "--json")
    monkeypatch.setenv(messages.LANGUAGE_VARIABLE, "en")
    en = run_cli("--data-dir", str(search_data), "search", "王建", "--json")
    assert zh.returncode == en.returncode == 0, (zh.stderr, en.stderr)
    assert en.stdout == zh.stdout
    items = json.loads(en.stdout)
    assert items[0]["blocked"] == ["鲁建安A（2019）0001234：A 证缺少：职务、技术职称"]  # the contract's words


def test_search_table_and_no_match_in_both_languages(monkeypatch: pytest.MonkeyPatch, search_data: Path) -> None:
    monkeypatch.delenv(messages.LANGUAGE_VARIABLE, raising=False)
    zh = run_cli("--data-dir", str(search_data), "search", "王建")
    assert zh.returncode == 0 and zh.stdout.split()[:2] == ["姓名", "性别"] and "发证单位" in zh.stdout
    assert run_cli("--data-dir", str(search_data), "search", "ZZZZQQ").stdout.strip() == "没有找到匹配的人员"
    monkeypatch.setenv(messages.LANGUAGE_VARIABLE, "en")
    en = run_cli("--data-dir", str(search_data), "search", "王建")
    header = en.stdout.splitlines()[0]
    assert en.returncode == 0 and header.startswith("Name") and "Issuing unit" in header and _english(header)
    assert run_cli("--data-dir", str(search_data), "search", "ZZZZQQ").stdout.strip() == "No matching persons found"


def test_progress_table_in_both_languages(monkeypatch: pytest.MonkeyPatch, search_data: Path) -> None:
    monkeypatch.delenv(messages.LANGUAGE_VARIABLE, raising=False)
    zh = run_cli("--data-dir", str(search_data), "progress", "--as-of", "2026-11-21").stdout.splitlines()
    assert zh[0] == "截至 2026-11-21" and "A 证待补充" in zh[1] and "90 天内到期" in zh[1]
    assert zh[-1].startswith("合计")
    monkeypatch.setenv(messages.LANGUAGE_VARIABLE, "en")
    en = run_cli("--data-dir", str(search_data), "progress", "--as-of", "2026-11-21").stdout.splitlines()
    assert en[0] == "As of 2026-11-21" and en[1].startswith("Issuing unit") and _english(en[1])
    assert "Changeover rate" in en[1] and en[-1].startswith("Total")
    rows = en[3:]
    assert any("Special operation · " in row for row in rows) and any(" certificate " in row for row in rows)
    assert [row for row in rows if not _english(row, *UNITS)] == []


def _translated_cells(zh: str, en: str) -> list[list[str]]:
    """Per body row of two renderings of one table, the English cells that differ from the Chinese:
    cells that read the same in both languages are data, the others are words of the language."""
    zh_rows, en_rows = zh.splitlines()[2:], en.splitlines()[2:]
    assert zh_rows and len(zh_rows) == len(en_rows)
    cells = []
    for zh_row, en_row in zip(zh_rows, en_rows, strict=True):
        pairs = zip(re.split(r"\s{2,}", zh_row.strip()), re.split(r"\s{2,}", en_row.strip()), strict=True)
        cells.append([en_cell for zh_cell, en_cell in pairs if zh_cell != en_cell])
    return cells


def test_a_worklist_table_names_what_is_missing_in_each_language(monkeypatch: pytest.MonkeyPatch,
                                                                  search_data: Path) -> None:
    monkeypatch.delenv(messages.LANGUAGE_VARIABLE, raising=False)
    tables = {unit: run_cli("--data-dir", str(search_data), "worklist", "--unit", unit).stdout for unit in UNITS}
    unit, zh = next((unit, out) for unit, out in tables.items() if out.startswith("姓名"))
    monkeypatch.setenv(messages.LANGUAGE_VARIABLE, "en")
    en = run_cli("--data-dir", str(search_data), "worklist", "--unit", unit).stdout
    assert en.splitlines()[-1].startswith("Persons listed: ")
    rows = _translated_cells(zh.rsplit("\n", 2)[0], en.rsplit("\n", 2)[0])  # without the count line
    assert all(row and all(_english(cell) for cell in row) for row in rows), rows


def test_a_search_table_names_genders_and_statuses_in_each_language(monkeypatch: pytest.MonkeyPatch,
                                                                      search_data: Path) -> None:
    monkeypatch.delenv(messages.LANGUAGE_VARIABLE, raising=False)
    zh = run_cli("--data-dir", str(search_data), "search", "王").stdout
    monkeypatch.setenv(messages.LANGUAGE_VARIABLE, "en")
    en = run_cli("--data-dir", str(search_data), "search", "王").stdout
    rows = _translated_cells(zh, en)
    assert all(row and all(_english(cell) for cell in row) for row in rows), rows
    assert {"Male", "Female"} & {cell for row in rows for cell in row}


@pytest.fixture
def edited(monkeypatch: pytest.MonkeyPatch, records: Path, tmp_path: Path) -> tuple[str, str]:
    """A workspace (its path) with the records imported and one person's phone edited (their ID number)."""
    monkeypatch.delenv(messages.LANGUAGE_VARIABLE, raising=False)
    workspace = str(tmp_path / "ws")
    assert run_cli("--data-dir", workspace, "import", str(records)).returncode == 0
    id_number = json.loads(records.read_text(encoding="utf-8").splitlines()[0])["id_number"]
    assert run_cli("--data-dir", workspace, "edit", id_number, "phone=13900001111").returncode == 0
    return workspace, id_number


def test_a_history_table_names_fields_and_sources_in_each_language(monkeypatch: pytest.MonkeyPatch,
                                                                     edited: tuple[str, str]) -> None:
    workspace, id_number = edited
    zh = run_cli("--data-dir", workspace, "history", id_number).stdout
    monkeypatch.setenv(messages.LANGUAGE_VARIABLE, "en")
    en = run_cli("--data-dir", workspace, "history", id_number).stdout
    rows = _translated_cells(zh, en)
    assert all(all(_english(cell) for cell in row) for row in rows), rows
    assert ["Mobile number", "local"] in rows


def test_an_outbox_table_names_fields_and_states_in_each_language(monkeypatch: pytest.MonkeyPatch,
                                                                   edited: tuple[str, str]) -> None:
    workspace, _id_number = edited
    zh = run_cli("--data-dir", workspace, "outbox").stdout
    assert "手机号码：" in zh and "phone" not in zh
    monkeypatch.setenv(messages.LANGUAGE_VARIABLE, "en")
    en = run_cli("--data-dir", workspace, "outbox").stdout
    rows = _translated_cells(zh, en)
    assert rows and all(row and all(_english(cell) for cell in row) for row in rows), rows
    assert any(cell.startswith("Mobile number: ") for row in rows for cell in row)
