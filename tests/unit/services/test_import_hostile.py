"""Hostile input to the JSONL importer: one bad value never costs the good lines (issue 9).

Per class: a line the writer could not store is rejected by the parser first; a value a later stage
cannot handle (dates, photos, text, names) is refused at import; the audit entry shares the data's
transactions; a concurrent import is seen, not duplicated (see also test_import_concurrent.py).
"""

from __future__ import annotations

import base64
import io
import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from desktop_app import messages
from desktop_app.demo import generate_records
from desktop_app.domain.rules import default_rules
from desktop_app.services.interchange import import_jsonl, parsing
from desktop_app.services.interchange import jsonl_import as records
from desktop_app.store.engine import Cache, open_cache
from tests.unit.services import hostile_lines as hostile


@pytest.fixture
def cache(data_dir: Path) -> Iterator[Cache]:
    opened = open_cache(data_dir)
    yield opened
    opened.close()


def rows(cache: Cache, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(cache.path) as conn:
        return conn.execute(sql, params).fetchall()


def audit(cache: Cache) -> list[dict[str, int]]:
    return [json.loads(value) for (value,) in rows(cache, "SELECT new_value FROM audit_log WHERE entity = 'import' "
                                                          "ORDER BY id")]


def demo(count: int, seed: int = 1, photo_fraction: float = 0.0) -> list[dict[str, Any]]:
    return list(generate_records(count, seed=seed, photo_fraction=photo_fraction))


def write_lines(path: Path, lines: list[bytes | dict[str, Any]]) -> Path:
    path.write_bytes(b"".join((line if isinstance(line, bytes) else hostile.dumps(line)) + b"\n" for line in lines))
    return path


# --- 1. a line the writer cannot store is rejected before the writer sees it -------------------------


def _poison(good: dict[str, Any]) -> dict[str, bytes]:
    """The lines that once aborted a whole import, by kind."""
    text = hostile.dumps(good)
    return {
        "surrogate escape": text.replace(b'"name":"', b'"name":"\\ud800', 1),
        "CESU-8 bytes": text.replace(b'"name":"', b'"name":"\xed\xa0\x80', 1),
        "integer over 4300 digits": text.replace(b'"name":', b'"big":' + b"9" * 5000 + b',"name":', 1),
        "nesting past the recursion limit": b'{"id_number":' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        "UTF-16": json.dumps(good, ensure_ascii=False).encode("utf-16").replace(b"\n", b" "),
        "invalid UTF-8": text.replace(b'"name":"', b'"name":"\xff', 1),
    }


@pytest.mark.parametrize("workers", [0, 1])
def test_a_bad_line_costs_only_itself_in_a_big_file(cache: Cache, tmp_path: Path, workers: int,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Bad lines in the middle of a file of several batches: every good line before and after is stored."""
    monkeypatch.setattr(records, "BATCH_LINES", 300)
    monkeypatch.setattr(records, "BLOCK_BYTES", 64_000)
    monkeypatch.setattr(records, "PARALLEL_MIN_BYTES", 0)
    good = demo(1500, seed=31)
    poison = _poison(demo(1, seed=99)[0])
    lines: list[bytes | dict[str, Any]] = list(good)
    line_of: dict[str, int] = {}
    for offset, (kind, line) in enumerate(poison.items()):
        position = 400 + offset * 150  # in different batches
        lines.insert(position, line)
        line_of[kind] = position + 1
    report = import_jsonl(cache, write_lines(tmp_path / "in.jsonl", lines), workers=workers)
    assert [line for line, _ in report.rejected] == sorted(line_of.values()), report.rejected
    assert report.persons_inserted == len(good)
    assert rows(cache, "SELECT count(*) FROM persons") == [(len(good),)]
    reasons = dict(report.rejected)
    assert "不允许的字符" in reasons[line_of["surrogate escape"]]
    assert "UTF-8" in reasons[line_of["CESU-8 bytes"]] and "UTF-8" in reasons[line_of["UTF-16"]]
    assert "数字过长" in reasons[line_of["integer over 4300 digits"]]
    assert "嵌套过深" in reasons[line_of["nesting past the recursion limit"]]
    assert [entry["complete"] for entry in audit(cache)] == [1]


def test_a_reason_quoting_a_hostile_value_is_short_and_printable(cache: Cache, tmp_path: Path) -> None:
    base = next(record for record in demo(20, seed=5) if record["certificates"])
    hostile_values: list[Any] = ["\ud800" * 10_000, "x" * 1_000_000, "\x00\x1b[2J\u2028", 10**4000, [[[[]]]]]
    lines: list[bytes | dict[str, Any]] = []
    for value in hostile_values:
        line = json.loads(json.dumps(base))
        line["certificates"] = [{**line["certificates"][0], "format": value}]
        lines.append(json.dumps(line).encode("ascii"))
    report = import_jsonl(cache, write_lines(tmp_path / "in.jsonl", lines))
    assert [line for line, _ in report.rejected] == [1, 2, 3, 4, 5]
    for _line, reason in report.rejected:
        assert len(reason) <= parsing.REASON_MAX + 1
        reason.encode("utf-8")  # printable by the CLI, storable anywhere
        assert reason.isprintable()


@pytest.mark.parametrize("block_bytes", [256, 4096])  # skipped while read, or cut out of a block read whole
def test_a_line_over_the_length_limit_is_rejected(cache: Cache, tmp_path: Path, block_bytes: int,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(records, "MAX_LINE_BYTES", 1000)
    monkeypatch.setattr(parsing, "MAX_LINE_BYTES", 1000)
    monkeypatch.setattr(records, "BLOCK_BYTES", block_bytes)
    good = demo(3, seed=7)
    source = tmp_path / "in.jsonl"
    source.write_bytes(hostile.dumps(good[0]) + b"\n" + b"x" * 5000 + b"\n" + hostile.dumps(good[1]) + b"\n"
                       + b"y" * 1500 + b"\n" + hostile.dumps(good[2]) + b"\n" + b"z" * 4000)
    seen: list[tuple[int, int]] = []
    report = import_jsonl(cache, source, progress=lambda done, total: seen.append((done, total)))
    assert [line for line, _ in report.rejected] == [2, 4, 6]
    assert all("行过长" in reason for _, reason in report.rejected)
    assert report.persons_inserted == 3 and report.lines == 6
    assert source.stat().st_size in {done for done, _total in seen}, "every byte is counted, the cut-off ones too"
    assert seen[-1][0] == seen[-1][1]  # and the bar ends full (a first load's index build is its last share)
    assert audit(cache)[0]["complete"] == 1


def test_a_file_name_that_is_not_utf8_is_audited(cache: Cache, tmp_path: Path) -> None:
    name = os.fsdecode(b"\xff\xfe-records.jsonl")  # a surrogate escape in the str
    source = write_lines(tmp_path / name, [demo(1)[0]])
    report = import_jsonl(cache, source, operator="\udcff操作员")
    assert report.persons_inserted == 1
    assert rows(cache, "SELECT entity_key, operator FROM audit_log") == [("\\udcff\\udcfe-records.jsonl",
                                                                          "\\udcff操作员")]


# --- 2. values later stages cannot handle are refused at import ------------------------------------------


def _with_photo(record: dict[str, Any], data: bytes) -> dict[str, Any]:
    return {**record, "photo": base64.b64encode(data).decode("ascii")}


def test_a_decompression_bomb_is_rejected_per_line(cache: Cache, tmp_path: Path) -> None:
    bomb = hostile.bomb_png()
    assert len(bomb) < 400_000
    good = demo(3, seed=8)
    lines: list[bytes | dict[str, Any]] = [good[0], _with_photo(good[1], bomb), good[2],
                                           _with_photo(demo(1, seed=9)[0], hostile.bomb_header_png())]
    report = import_jsonl(cache, write_lines(tmp_path / "in.jsonl", lines))
    assert [line for line, _ in report.rejected] == [2, 4]
    assert all("像素过多" in reason for _, reason in report.rejected)
    assert report.persons_inserted == 2


def test_a_huge_photo_is_stored_within_the_photo_rules(cache: Cache, tmp_path: Path) -> None:
    huge = hostile.photo("JPEG", (900, 1260), noise=True)
    assert len(huge) > 1_000_000
    record = _with_photo(demo(1, seed=10)[0], huge)
    source = write_lines(tmp_path / "in.jsonl", [record])
    report = import_jsonl(cache, source)
    assert report.rejected == []
    [(mime, stored)] = rows(cache, "SELECT mime, bytes FROM photos")
    assert mime == "image/jpeg" and len(stored) <= default_rules().photo_max_bytes
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG" and abs(image.width / image.height - 25 / 35) < 0.01
    again = import_jsonl(cache, source)  # the same file re-encodes to the same bytes: nothing changes
    assert (again.persons_unchanged, again.persons_updated) == (1, 0)


@pytest.mark.parametrize(("data", "fragment"), [
    (hostile.photo("PNG")[:-30], "照片文件已损坏"),
    (b"\x89PNG\r\n\x1a\n" + bytes(200), "无法使用"),
    (b"\xff\xd8\xff" + bytes(range(256)), "无法使用"),
])
def test_a_photo_that_does_not_decode_is_rejected(cache: Cache, tmp_path: Path, data: bytes, fragment: str) -> None:
    report = import_jsonl(cache, write_lines(tmp_path / "in.jsonl", [_with_photo(demo(1)[0], data), demo(2)[1]]))
    assert [line for line, _ in report.rejected] == [1] and fragment in report.rejected[0][1]
    assert report.persons_inserted == 1


@pytest.mark.parametrize(("mode", "fmt", "kept"), [("RGB", "JPEG", True), ("L", "PNG", True), ("P", "PNG", True),
                                                   ("CMYK", "JPEG", False), ("I;16", "PNG", False)])
def test_a_photo_within_the_rules_is_kept_byte_for_byte(cache: Cache, tmp_path: Path, mode: str, fmt: str,
                                                        kept: bool) -> None:
    out = io.BytesIO()
    Image.new(mode, (150, 210)).save(out, fmt)
    report = import_jsonl(cache, write_lines(tmp_path / "in.jsonl", [_with_photo(demo(1)[0], out.getvalue())]))
    assert report.rejected == []
    [(mime, stored)] = rows(cache, "SELECT mime, bytes FROM photos")
    assert (stored == out.getvalue()) is kept
    assert mime == (f"image/{fmt.lower()}" if kept else "image/jpeg")


@pytest.mark.parametrize(("field", "value", "fragment"), [
    ("name", "王2", "姓名只能包含"), ("name", "王\ud800", "不允许的字符"), ("education", "本\x1b科", "不允许的字符"),
    ("valid_until", "20250430", "不是有效日期"), ("valid_until", "2025-W18-3", "不是有效日期"),
    ("valid_until", "2180-01-01", "超出允许范围"),
])
def test_values_later_stages_cannot_handle_are_refused(cache: Cache, tmp_path: Path, field: str, value: str,
                                                       fragment: str) -> None:
    record = demo(1, seed=12)[0]
    if field == "valid_until":
        record["certificates"][0]["valid_until"] = value
    else:
        record[field] = value
    line = json.dumps(record).encode("ascii")  # \u escapes: a lone surrogate survives as JSON text
    report = import_jsonl(cache, write_lines(tmp_path / "in.jsonl", [line, demo(2, seed=12)[1]]))
    assert [line for line, _ in report.rejected] == [1] and fragment in report.rejected[0][1]
    assert report.persons_inserted == 1


# --- 3. the audit entry is in the transactions of the data it counts ----------------------------------


def _fail_on(cache: Cache, sql: str) -> None:
    with sqlite3.connect(cache.path) as conn:
        conn.execute(f"CREATE TRIGGER simulated_disk_full {sql} BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    conn.close()


def test_no_data_is_committed_without_its_audit_entry(cache: Cache, tmp_path: Path) -> None:
    _fail_on(cache, "BEFORE INSERT ON audit_log")
    with pytest.raises(sqlite3.Error, match="disk full"):
        import_jsonl(cache, write_lines(tmp_path / "in.jsonl", demo(20)))
    assert rows(cache, "SELECT count(*) FROM persons") == [(0,)]


def test_an_interrupted_import_is_audited_with_exactly_what_it_committed(
        cache: Cache, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(records, "BATCH_LINES", 40)
    monkeypatch.setattr(records, "BLOCK_BYTES", 2_000)
    good = demo(200, seed=13)
    _fail_on(cache, f"BEFORE INSERT ON persons WHEN NEW.id_number = '{good[130]['id_number']}'")
    with pytest.raises(sqlite3.Error, match="disk full"):
        import_jsonl(cache, write_lines(tmp_path / "in.jsonl", good))
    [entry] = audit(cache)
    stored = rows(cache, "SELECT count(*) FROM persons")[0][0]
    assert 0 < stored <= 130 and entry["complete"] == 0
    assert (entry["persons_inserted"], entry["lines"]) == (stored, stored)
    assert entry["certificates_inserted"] == rows(cache, "SELECT count(*) FROM certificates")[0][0]


def test_a_cancelled_import_says_so_and_a_full_one_is_complete(cache: Cache, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(records, "BATCH_LINES", 40)
    monkeypatch.setattr(records, "BLOCK_BYTES", 2_000)
    source = write_lines(tmp_path / "in.jsonl", demo(200, seed=14))
    report = import_jsonl(cache, source, cancel=lambda: True)
    assert report.cancelled
    import_jsonl(cache, source)
    import_jsonl(cache, write_lines(tmp_path / "empty.jsonl", []))
    first, second, empty = audit(cache)
    assert (first["cancelled"], first["complete"], first["persons_inserted"]) == (1, 0, report.persons_inserted)
    assert (second["cancelled"], second["complete"]) == (0, 1)
    assert second["persons_inserted"] + first["persons_inserted"] == 200
    assert (empty["complete"], empty["lines"]) == (1, 0)


@pytest.mark.parametrize(("line", "zh", "en"), [
    ('{"name": ', "JSON 格式错误：缺少值（第 10 列）", "bad JSON: a value is missing (column 10)"),
    ('{"name" "x"}', "JSON 格式错误：缺少冒号 :（第 9 列）", "bad JSON: a ':' is missing (column 9)"),
    ("{'name': 1}", "JSON 格式错误：属性名应以双引号括起（第 2 列）",
     "bad JSON: a property name must be in double quotes (column 2)"),
    ('{"a": "\\q"}', "JSON 格式错误：无效的转义 \\（第 8 列）", "bad JSON: an invalid \\ escape (column 8)"),
    ('{} {}', "JSON 格式错误：对象之后还有多余内容（第 4 列）", "bad JSON: more text after the object (column 4)"),
])
def test_a_json_error_is_told_in_the_chosen_language(line: str, zh: str, en: str) -> None:
    """Python's parser speaks English; the reason a user reads is the catalogue's, in either language."""
    try:
        assert parsing.parse_line(1, line.encode()) == zh
        messages.set_language("en")
        assert parsing.parse_line(1, line.encode()) == en
    finally:
        messages.set_language(messages.DEFAULT_LANGUAGE)
