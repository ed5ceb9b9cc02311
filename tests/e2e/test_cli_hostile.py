"""Hostile data and arguments on the real command line: escape sequences in names never reach the
terminal, `--json` stays valid JSON with every control escaped, undecodable argv bytes are refused in
one line (exit 2), and `cert-pdf` with an unwritable `-o` stops before it generates anything."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import text

from desktop_app.reports import supplement_template as tpl
from desktop_app.store.engine import Cache
from tests.helpers.cli import ROOT, run_cli
from tests.helpers.search_fixtures import TODAY
from tests.unit.services.test_issuance import A_MISSING, SPECIAL_4T, build

DAY = ("--today", TODAY.isoformat())
# Window title (OSC), clear screen, cursor up + erase line (a forged row), C1 CSI, carriage
# return, bidi override and isolate, DEL.
NAME = "王\x1b]0;pwned\x07\x1b[2J建国\u202e\x9b31m"
WORKLIST_NAME = "\x1b[1A\x1b[2K王建\r伪造\u2066行\x7f"
OPERATOR = "\x1b[31m坏人\x1b[0m"
# What a terminal obeys; json.dumps writes C0 as \u001b and so on, the CLI the rest.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Cache:
    """The certificate cache, with names and an audit entry such as a hostile record would leave."""
    cache = build(tmp_path_factory.mktemp("cli-hostile"))
    rename = text("UPDATE persons SET name = :name WHERE id_number = :id")
    with cache.engine.begin() as conn:  # the engine: its search-index triggers need its SQL function
        conn.execute(rename, {"name": NAME, "id": SPECIAL_4T})
        conn.execute(rename, {"name": WORKLIST_NAME, "id": A_MISSING})
        person_id = conn.execute(text("SELECT id FROM persons WHERE id_number = :id"), {"id": SPECIAL_4T}).scalar()
        conn.execute(text("INSERT INTO audit_log (at, operator, entity, entity_key, person_id, field, old_value, "
                          "new_value, reason, source) VALUES ('2026-11-20 09:00:00.000000', :op, 'person', :key, "
                          ":pid, 'major', '土木\x1b[8m', :new, :reason, 'local')"),
                     {"op": OPERATOR, "key": SPECIAL_4T, "pid": person_id, "new": "\x1bc", "reason": NAME})
    return cache


def cli(cache: Cache, *args: str) -> tuple[int, str, str]:
    result = run_cli("--data-dir", str(cache.path.parent), *args)
    return result.returncode, result.stdout, result.stderr


def run_bytes(cache: Cache, *args: bytes) -> subprocess.CompletedProcess[bytes]:
    """The program with argv bytes as the OS hands them over (POSIX: not necessarily UTF-8)."""
    return subprocess.run([os.fsencode(sys.executable), os.fsencode(ROOT / "main.py"), b"--data-dir",
                           os.fsencode(cache.path.parent), *args], cwd=ROOT, capture_output=True, timeout=120,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def test_search_table_shows_escapes_and_obeys_none(cache: Cache) -> None:
    code, out, err = cli(cache, "search", SPECIAL_4T)
    assert code == 0 and not err
    assert RAW.search(out) is None
    assert r"王\x1b]0;pwned\x07\x1b[2J建国\u202e\x9b31m" in out  # visible, so staff see it was tampered


def test_search_json_is_valid_and_escapes_every_control(cache: Cache) -> None:
    code, out, _err = cli(cache, "search", SPECIAL_4T, "--json")
    assert code == 0 and RAW.search(out) is None
    assert "\\u202e" in out and "\\u009b" in out and "\\u001b" in out
    assert json.loads(out)[0]["name"] == NAME  # the data itself is unchanged


def test_history_table_and_json(cache: Cache) -> None:
    code, out, err = cli(cache, "history", SPECIAL_4T)
    assert code == 0 and not err and RAW.search(out) is None
    assert r"\x1b[31m坏人\x1b[0m" in out and r"\x1bc" in out
    code, out, _err = cli(cache, "history", SPECIAL_4T, "--json")
    assert code == 0 and RAW.search(out) is None
    [entry] = [e for e in json.loads(out) if e["field"] == "major"]
    assert (entry["operator"], entry["new_value"], entry["reason"]) == (OPERATOR, "\x1bc", NAME)


def test_worklist_cannot_forge_or_erase_a_row(cache: Cache) -> None:
    code, out, err = cli(cache, "worklist", "--unit", "济南市住房和城乡建设局")
    assert code == 0 and not err and RAW.search(out) is None
    line = next(x for x in out.splitlines() if A_MISSING in x)
    assert line.startswith(r"\x1b[1A\x1b[2K王建\x0d伪造\u2066行\x7f")


def test_import_reasons_quoting_hostile_text_are_printed_safely(cache: Cache, tmp_path: Path) -> None:
    bad = {"id_number": SPECIAL_4T, "name": "王建国", "certificates": [
        {"number": "鲁建安\x1b[2J\u202eX", "category": "A", "format": "old", "issuer_unit": "济南市住房和城乡建设局",
         "state": "valid", "valid_until": "2030-01-01"}]}
    source = tmp_path / "bad.jsonl"
    source.write_text(json.dumps(bad, ensure_ascii=False) + "\n", encoding="utf-8")
    code, out, _err = cli(cache, "import", str(source))
    assert code == 1 and out.startswith("line 1: ") and RAW.search(out) is None  # the reason may quote it


def test_a_reason_quoting_a_hostile_file_cell_is_printed_safely(cache: Cache, tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    tpl.export_template([], path, "济南市住房和城乡建设局")
    wb = openpyxl.load_workbook(path)
    wb[tpl.DATA_SHEET].cell(1, 3).value = "\u202e\x9b2J姓名"  # XML holds C1 and bidi controls (not ESC)
    wb.save(path)
    code, out, err = cli(cache, "import-supplement", str(path))
    assert code == 2 and not out and err.count("\n") == 1 and RAW.search(err) is None
    assert r"\u202e\x9b2J姓名" in err


@pytest.mark.parametrize("args", [
    (b"search", b"\xff\xfe\xe7\x8e\x8b"),
    (b"verify", b"https://verify.example/c?t=\xc3\x28"),
    (b"history", b"3701021985071210\xa0"),
    (b"worklist", b"--unit", b"\xe6\xb5\x8e\xe5"),
    (b"cert-pdf", "鲁建安A（2018）0000042".encode() + b"\x80", b"-o", b"/tmp/never.pdf"),
    (b"search", "王".encode(), b"--unit", b"\xbd\xfa"),
])
def test_arguments_that_are_not_utf8_are_refused_in_one_line(cache: Cache, args: tuple[bytes, ...]) -> None:
    if os.name != "posix":
        pytest.skip("only POSIX passes undecodable bytes to a program")
    result = run_bytes(cache, *args)
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2 and result.stdout == b""
    assert err.count("\n") == 1 and "不是有效的 UTF-8" in err and "Traceback" not in err
    assert re.search(r"\\x[89a-f][0-9a-f]", err)  # the offending byte, shown


def test_cert_pdf_with_an_unwritable_output_generates_nothing(cache: Cache, tmp_path: Path) -> None:
    def state() -> tuple[object, ...]:
        with sqlite3.connect(cache.path) as conn:
            return (conn.execute("SELECT count(*) FROM audit_log").fetchone(),
                    conn.execute("SELECT count(*) FROM outbox").fetchone(),
                    conn.execute("SELECT ecert_id, qr_text, new_generated_at FROM certificates "
                                 "WHERE number = '鲁建安A（2018）0000042'").fetchone())

    before = state()
    assert before[2] == (None, None, None)
    for target, reason in ((tmp_path / "missing" / "c.pdf", "不存在"), (tmp_path, "文件夹")):
        code, out, err = cli(cache, "cert-pdf", "鲁建安A（2018）0000042", "-o", str(target), *DAY)
        assert code == 2 and not out and err.count("\n") == 1 and reason in err, err
        assert state() == before
    assert not (tmp_path / "missing").exists()
    code, out, _err = cli(cache, "cert-pdf", "鲁建安A（2018）0000042", "-o", str(tmp_path / "c.pdf"), *DAY)
    assert code == 0 and (tmp_path / "c.pdf").is_file() and state() != before
