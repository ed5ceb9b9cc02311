"""`main.py import` and `main.py export-records` in real subprocesses, including a killed import."""

from __future__ import annotations

import base64
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from desktop_app.demo import write_jsonl
from desktop_app.paths import database_path
from desktop_app.services.interchange import dumps_record
from tests.helpers.cli import ROOT, run_cli
from tests.unit.services.test_import_export import cert, make_id, person

GOOD_1, GOOD_2, GOOD_3, OWNER = (make_id(seq=s) for s in ("101", "103", "105", "107"))


def _with_cert(**fields: Any) -> dict[str, Any]:
    """A record of its own (fresh ID) whose one certificate has these fields changed."""
    _with_cert.serial += 2  # type: ignore[attr-defined]
    return person(make_id(seq=f"{_with_cert.serial:03d}"), [cert(**fields)])  # type: ignore[attr-defined]


_with_cert.serial = 200  # type: ignore[attr-defined]


def _bad_id(first17: str, wrong: bool = False) -> str:
    right = make_id(first17[6:14], first17[14:17], first17[:6])
    return right[:17] + ("0" if right[17] != "0" else "1") if wrong else right


def _lines() -> list[tuple[dict[str, Any] | str, str | None]]:
    """(line, expected fragment of the reason, or None for a good line)."""
    special_new = dict(number="鲁A052019000123", category="SPECIAL", work_type="05", fmt="new")
    return [
        (person(GOOD_1, [cert("鲁建安A（2019）0000001")]), None),
        ('{"id_number": "370102198507121230", "name": ', "JSON 格式错误：缺少值（第 "),
        ('["an", "array"]', "每行应为一个 JSON 对象"),
        (person(_bad_id("37010219850712111", wrong=True)), "身份证号校验位错误"),
        (person(_bad_id("37010219850231111")), "出生日期“19850231”不是真实日期"),
        (_with_cert(issuer_unit="北京市住房和城乡建设委员会"), "不在发证单位名单中"),
        (_with_cert(number="鲁建安A（2019）12345"), "不是有效的安管证书编号"),
        (_with_cert(number="鲁建安C（2015）0000002", category="C", fmt="new"), "应为 C3"),
        (_with_cert(number="鲁A4X2019000123", category="SPECIAL", work_type="4X"), "“4X”不是旧版证书的代码"),
        (_with_cert(number="鲁A2P2019000123", category="SPECIAL", work_type="2P", fmt="new"),
         "“2P”不是新版证书的代码"),
        (_with_cert(number="鲁建安B（2019）0000003", category="A"), "与证书编号中的类别 B 不符"),
        (_with_cert(number="鲁A032019000124", category="SPECIAL", work_type="04", fmt="new"), "与证书编号中的代码"),
        (_with_cert(valid_until="2025-02-30"), "不是有效日期"),
        (_with_cert(issued="2026-01-01", valid_until="2025-04-30"), "晚于有效期至"),
        (_with_cert(first_issued="2023-01-01", issued="2022-05-01"), "晚于发证日期"),
        (person(make_id(seq="301"), [], photo="***not base64***"), "不是有效的 base64 编码"),
        (person(make_id(seq="303"), [], photo=base64.b64encode(b"GIF89a-not-a-jpeg").decode()),
         "不是 JPEG 或 PNG 图片"),
        (person(make_id(seq="305"), [], employer={"name": "某公司", "uscc": "91370100MA3C5EJX1A"}),
         "统一社会信用代码校验位错误"),
        (person(make_id(seq="307"), [], phone="0531-1234"), "手机号码"),
        (person(make_id(seq="309"), [], gender="女"), "与身份证号（男）不符"),
        (person(OWNER, [cert("鲁建安A（2019）0000001")]), f"已属于身份证号为 {GOOD_1} 的人员"),
        (person(make_id(seq="311"), [cert("鲁建安C（2015）0000009", "C"),
                                     cert("鲁建安C3（2015）0000009", "C3", fmt="new")]), "在同一记录中出现两次"),
        (person(GOOD_2, [cert("鲁建安B（2020）0000002", "B"), cert(**special_new)]), None),
        (person(GOOD_3, []), None),
    ]


def _write(path: Path, lines: list[tuple[dict[str, Any] | str, str | None]]) -> Path:
    path.write_text("".join((x if isinstance(x, str) else dumps_record(x)) + "\n" for x, _ in lines), "utf-8")
    return path


def test_every_kind_of_bad_line_is_reported_and_the_good_lines_kept(data_dir: Path, tmp_path: Path) -> None:
    lines = _lines()
    result = run_cli("--data-dir", str(data_dir), "import", str(_write(tmp_path / "mixed.jsonl", lines)))
    assert result.returncode == 1, result.stderr
    reported = [line for line in result.stdout.splitlines() if line.startswith("line ")]
    expected_bad = [(n, fragment) for n, (_x, fragment) in enumerate(lines, start=1) if fragment]
    assert len(reported) == len(expected_bad), result.stdout
    for text, (number, fragment) in zip(reported, expected_bad, strict=True):
        assert text.startswith(f"line {number}: "), text
        assert fragment in text, (text, fragment)

    with sqlite3.connect(database_path(data_dir)) as conn:
        stored = conn.execute("SELECT id_number FROM persons ORDER BY id_number").fetchall()
        assert stored == sorted([(GOOD_1,), (GOOD_2,), (GOOD_3,)])
        assert conn.execute("SELECT count(*) FROM certificates").fetchone() == (3,)


def test_a_clean_file_exits_0_and_a_reimport_changes_nothing(data_dir: Path, tmp_path: Path) -> None:
    source = _write(tmp_path / "good.jsonl", [(x, f) for x, f in _lines() if f is None])
    first = run_cli("--data-dir", str(data_dir), "import", str(source))
    assert first.returncode == 0, first.stdout + first.stderr
    assert "人员 新增 3" in first.stdout
    second = run_cli("--data-dir", str(data_dir), "import", str(source))
    assert second.returncode == 0
    assert "新增 0、更新 0、未变 3" in second.stdout
    assert second.stderr == ""  # no progress output when stderr is not a terminal


def test_missing_file_is_one_line_and_exit_2(data_dir: Path, tmp_path: Path) -> None:
    result = run_cli("--data-dir", str(data_dir), "import", str(tmp_path / "nope.jsonl"))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "文件不存在" in result.stderr
    assert "Traceback" not in result.stderr


def test_export_records_round_trip(data_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "demo.jsonl"
    write_jsonl(source, 120, seed=4)
    assert run_cli("--data-dir", str(data_dir), "import", str(source)).returncode == 0
    out = tmp_path / "out.jsonl"
    result = run_cli("--data-dir", str(data_dir), "export-records", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_text("utf-8").splitlines() == sorted(source.read_text("utf-8").splitlines())


def test_a_newer_cache_is_refused_by_the_command(data_dir: Path, tmp_path: Path) -> None:
    source = _write(tmp_path / "good.jsonl", [(person(GOOD_1), None)])
    assert run_cli("--data-dir", str(data_dir), "import", str(source)).returncode == 0
    with sqlite3.connect(database_path(data_dir)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    result = run_cli("--data-dir", str(data_dir), "import", str(source))
    assert result.returncode == 2 and "比本程序新" in result.stderr


def _wait_for_first_commit(db: Path, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if db.exists():
            try:
                with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
                    if conn.execute("SELECT count(*) FROM persons").fetchone()[0] > 0:
                        return
            except sqlite3.OperationalError:
                pass  # not created or still migrating
        time.sleep(0.05)
    raise AssertionError("the import never committed a batch")


def test_a_killed_import_leaves_a_consistent_cache(data_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "big.jsonl"
    write_jsonl(source, 20_000, seed=9)  # > PARALLEL_MIN_BYTES, 2 batches
    expected = {r["id_number"]: len(r["certificates"])
                for r in map(json.loads, source.read_text("utf-8").splitlines())}
    db = database_path(data_dir)
    process = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--data-dir", str(data_dir), "import",
                                str(source)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        _wait_for_first_commit(db, process)
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # the importer and its parser processes, like a power cut
        process.wait()

    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        stored = dict(conn.execute("SELECT p.id_number, count(c.id) FROM persons p "
                                   "LEFT JOIN certificates c ON c.person_id = p.id GROUP BY p.id"))
    assert 0 < len(stored) < len(expected)
    incomplete = {key: count for key, count in stored.items() if count != expected[key]}
    assert incomplete == {}

    # and the import can simply be run again
    result = run_cli("--data-dir", str(data_dir), "import", str(source), timeout=300)
    assert result.returncode == 0, result.stderr
    assert f"未变 {len(stored)}" in result.stdout
