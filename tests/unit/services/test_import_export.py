"""Import and export of the record format against a real SQLite cache."""

from __future__ import annotations

import base64
import io
import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from PIL import Image

from desktop_app.demo import generate_records, write_jsonl
from desktop_app.domain.identity import resident_id_check_digit
from desktop_app.domain.record import parse_record, to_json_dict
from desktop_app.domain.rules import default_rules
from desktop_app.services.interchange import ImportReport, dumps_record, export_jsonl, import_jsonl
from desktop_app.services.interchange import jsonl_import as records
from desktop_app.store import search_index
from desktop_app.store.engine import Cache, open_cache
from tests.helpers.cli import ROOT

DOCS = ROOT / "docs"


def image(fmt: str, size: tuple[int, int] = (60, 84)) -> bytes:
    """A real small photo: the importer decodes every one (and keeps one within the rules byte for byte)."""
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 40)).save(out, fmt)
    return out.getvalue()


JPEG, PNG = image("JPEG"), image("PNG")
UNIT = "济南市住房和城乡建设局"


def make_id(birth: str = "19850712", seq: str = "123", area: str = "370102") -> str:
    first17 = area + birth + seq
    return first17 + resident_id_check_digit(first17)


def cert(number: str = "鲁建安A（2019）0001234", category: str = "A", work_type: str | None = None,
         fmt: str = "old", **extra: Any) -> dict[str, Any]:
    return {"number": number, "category": category, "work_type": work_type, "first_issued": "2019-05-01",
            "issued": "2022-05-01", "valid_until": "2025-04-30", "issuer_unit": UNIT, "state": "valid",
            "format": fmt, **extra}


def person(id_number: str | None = None, certificates: list[dict[str, Any]] | None = None,
           **extra: Any) -> dict[str, Any]:
    id_number = id_number or make_id()
    gender = "男" if int(id_number[16]) % 2 else "女"
    record = {"id_number": id_number, "name": "王建国", "gender": gender,
              "birth_date": f"{id_number[6:10]}-{id_number[10:12]}-{id_number[12:14]}", "phone": "13805310000",
              "education": "本科", "major": "土木工程",
              "employer": {"name": "济南某建设集团有限公司", "uscc": "91370100MA3C5EJX1H"},
              "position": "总经理", "title": "高级工程师", "photo": None,
              "certificates": [cert()] if certificates is None else certificates}
    record.update(extra)
    return record


def write(path: Path, lines: list[dict[str, Any] | str]) -> Path:
    path.write_text("".join((line if isinstance(line, str) else dumps_record(line)) + "\n" for line in lines),
                    encoding="utf-8")
    return path


@pytest.fixture
def cache(data_dir: Path) -> Iterator[Cache]:
    opened = open_cache(data_dir)
    yield opened
    opened.close()


def rows(cache: Cache, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(cache.path) as conn:
        return conn.execute(sql, params).fetchall()


def versions(cache: Cache) -> list[tuple[Any, ...]]:
    return (rows(cache, "SELECT id_number, version, updated_at FROM persons ORDER BY id")
            + rows(cache, "SELECT new_number, version, number FROM certificates ORDER BY id"))


# --- basic import and re-import -------------------------------------------------------------------


def test_import_inserts_then_a_reimport_changes_nothing(cache: Cache, tmp_path: Path) -> None:
    special = person(make_id(seq="124"), [cert("鲁A4T2019000123", "SPECIAL", "4T")],
                     photo=base64.b64encode(JPEG).decode())
    source = write(tmp_path / "in.jsonl", [person(), special])
    first = import_jsonl(cache, source)
    assert (first.lines, first.persons_inserted, first.certificates_inserted, first.rejected) == (2, 2, 2, [])
    before = versions(cache)

    again = import_jsonl(cache, source)
    assert (again.persons_inserted, again.persons_updated, again.persons_unchanged) == (0, 0, 2)
    assert (again.certificates_inserted, again.certificates_updated, again.certificates_unchanged) == (0, 0, 2)
    assert versions(cache) == before  # no version bump, no updated_at change
    assert rows(cache, "SELECT count(*) FROM photos") == [(1,)]


def test_a_changed_field_updates_once_and_bumps_the_version(cache: Cache, tmp_path: Path) -> None:
    import_jsonl(cache, write(tmp_path / "a.jsonl", [person()]))
    report = import_jsonl(cache, write(tmp_path / "b.jsonl", [person(title="正高级工程师")]))
    assert (report.persons_updated, report.persons_unchanged, report.certificates_unchanged) == (1, 0, 1)
    assert rows(cache, "SELECT title, version FROM persons") == [("正高级工程师", 2)]
    assert rows(cache, "SELECT version FROM certificates") == [(1,)]


def test_photo_is_stored_replaced_and_kept_when_absent(cache: Cache, tmp_path: Path) -> None:
    jpeg, png = base64.b64encode(JPEG).decode(), base64.b64encode(PNG).decode()
    import_jsonl(cache, write(tmp_path / "a.jsonl", [person(photo=jpeg)]))
    assert rows(cache, "SELECT mime, bytes FROM photos") == [("image/jpeg", JPEG)]
    report = import_jsonl(cache, write(tmp_path / "b.jsonl", [person(photo=png)]))
    assert report.persons_updated == 1  # a new photo is a change of the person
    assert rows(cache, "SELECT mime, bytes FROM photos") == [("image/png", PNG)]
    assert rows(cache, "SELECT version FROM persons") == [(2,)]
    report = import_jsonl(cache, write(tmp_path / "c.jsonl", [person(photo=None)]))
    assert report.persons_unchanged == 1
    assert rows(cache, "SELECT mime FROM photos") == [("image/png",)]


def test_old_and_new_spellings_are_one_certificate(cache: Cache, tmp_path: Path) -> None:
    old = [cert("鲁建安C（2015）0000001", "C"), cert("鲁A4T2019000123", "SPECIAL", "4T")]
    new = [cert("鲁建安C3（2015）0000001", "C3", fmt="new"), cert("鲁A052019000123", "SPECIAL", "05", fmt="new")]
    import_jsonl(cache, write(tmp_path / "old.jsonl", [person(certificates=old)]))
    report = import_jsonl(cache, write(tmp_path / "new.jsonl", [person(certificates=new)]))
    assert (report.certificates_inserted, report.certificates_updated) == (0, 2)
    assert rows(cache, "SELECT number, new_number, format, work_type, work_type_new_code, version "
                       "FROM certificates ORDER BY id") == [
        ("鲁建安C3（2015）0000001", "鲁建安C3（2015）0000001", "new", None, None, 2),
        ("鲁A052019000123", "鲁A052019000123", "new", "05", "05", 2),
    ]


def test_half_width_spelling_is_stored_canonically(cache: Cache, tmp_path: Path) -> None:
    import_jsonl(cache, write(tmp_path / "a.jsonl", [person(certificates=[cert("鲁建安A (2019) 0001234")])]))
    assert rows(cache, "SELECT number FROM certificates") == [("鲁建安A（2019）0001234",)]
    report = import_jsonl(cache, write(tmp_path / "b.jsonl", [person()]))
    assert report.certificates_unchanged == 1


def test_certificate_of_another_person_rejects_the_whole_line(cache: Cache, tmp_path: Path) -> None:
    other = make_id(seq="125")
    import_jsonl(cache, write(tmp_path / "a.jsonl", [person()]))
    clash = person(other, [cert("鲁建安B（2020）0000009", "B"), cert("鲁建安A（2019）0001234")])
    report = import_jsonl(cache, write(tmp_path / "b.jsonl", [clash]))
    assert len(report.rejected) == 1 and report.rejected[0][0] == 1
    assert "已属于" in report.rejected[0][1] and make_id() in report.rejected[0][1]
    assert rows(cache, "SELECT count(*) FROM persons WHERE id_number = ?", other) == [(0,)]
    assert rows(cache, "SELECT count(*) FROM certificates") == [(1,)]  # nothing of the line went in


def test_the_same_certificate_on_two_persons_in_one_file(cache: Cache, tmp_path: Path) -> None:
    report = import_jsonl(cache, write(tmp_path / "a.jsonl", [person(), person(make_id(seq="125"))]))
    assert [line for line, _ in report.rejected] == [2]
    assert report.persons_inserted == 1


def test_the_same_person_twice_in_a_file_keeps_the_later_line(cache: Cache, tmp_path: Path) -> None:
    report = import_jsonl(cache, write(tmp_path / "a.jsonl", [person(), person(title="正高级工程师")]))
    assert (report.persons_inserted, report.persons_updated, report.rejected) == (1, 1, [])
    assert rows(cache, "SELECT title FROM persons") == [("正高级工程师",)]


def test_enterprises_are_shared_by_uscc_or_by_name(cache: Cache, tmp_path: Path) -> None:
    no_uscc = {"name": "个体施工队", "uscc": None}
    lines = [person(), person(make_id(seq="125"), [], employer=no_uscc),
             person(make_id(seq="127"), [], employer=no_uscc), person(make_id(seq="129"), [], employer=None)]
    import_jsonl(cache, write(tmp_path / "a.jsonl", lines))
    assert rows(cache, "SELECT uscc, name FROM enterprises ORDER BY id") == [
        ("91370100MA3C5EJX1H", "济南某建设集团有限公司"), (None, "个体施工队")]
    assert rows(cache, "SELECT count(*) FROM persons WHERE enterprise_id IS NULL") == [(1,)]


def test_one_audit_entry_per_run_and_no_outbox(cache: Cache, tmp_path: Path) -> None:
    source = write(tmp_path / "in.jsonl", [person(), "not json"])
    import_jsonl(cache, source)
    import_jsonl(cache, source)
    audit = rows(cache, "SELECT entity, entity_key, source, new_value FROM audit_log ORDER BY id")
    assert [(a[0], a[1], a[2]) for a in audit] == [("import", "in.jsonl", "import")] * 2
    assert json.loads(audit[0][3])["persons_inserted"] == 1 and json.loads(audit[1][3])["rejected"] == 1
    assert rows(cache, "SELECT count(*) FROM outbox") == [(0,)]


def test_blank_lines_crlf_and_bom_are_tolerated(cache: Cache, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    text = "\ufeff" + dumps_record(person()) + "\r\n\r\n" + dumps_record(person(make_id(seq="125"), []))
    source.write_bytes(text.encode("utf-8"))
    report = import_jsonl(cache, source)
    assert (report.lines, report.persons_inserted, report.rejected) == (3, 2, [])


def test_an_unreadable_file_is_a_known_error(cache: Cache, tmp_path: Path) -> None:
    from desktop_app.errors import KnownError

    with pytest.raises(KnownError, match="无法读取"):
        import_jsonl(cache, tmp_path / "missing.jsonl")


def test_the_search_index_matches_a_full_rebuild(cache: Cache, tmp_path: Path) -> None:
    """The importer indexes new persons itself (see records.INDEX_NEW_PERSONS): same terms as the trigger."""
    source = tmp_path / "demo.jsonl"
    write_jsonl(source, 200, seed=6)
    import_jsonl(cache, source)
    renamed = [person(), person(name="李 四"), person(make_id(seq="125"), [], name="欧阳娜娜")]
    import_jsonl(cache, write(tmp_path / "b.jsonl", renamed))
    import_jsonl(cache, write(tmp_path / "c.jsonl", [person(name="曾小贤")]))
    terms_sql = "SELECT term, sort_key, person_id FROM search_terms ORDER BY 1, 2, 3"
    imported = rows(cache, terms_sql)
    assert rows(cache, "SELECT count(*) FROM sqlite_master WHERE name = ?", records.SEARCH_INSERT_TRIGGER) == [(1,)]
    search_index.rebuild_search_index(cache.engine)
    assert imported == rows(cache, terms_sql)
    assert ("p:zengxiaoxian", "曾小贤") in {(t, n) for t, n, _ in imported}


# --- export and round trips -----------------------------------------------------------------------


def canonical(record: dict[str, Any]) -> dict[str, Any]:
    return to_json_dict(parse_record(record))


def test_export_reproduces_the_imported_records(cache: Cache, tmp_path: Path) -> None:
    source = tmp_path / "demo.jsonl"
    write_jsonl(source, 300, seed=5, photo_fraction=0.2)
    report = import_jsonl(cache, source)
    assert report.rejected == [] and report.persons_inserted == 300
    out = tmp_path / "out.jsonl"
    assert export_jsonl(cache, out) == 300

    expected = sorted((canonical(json.loads(line)) for line in source.read_text("utf-8").splitlines()),
                      key=lambda r: r["id_number"])
    exported = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert exported == expected
    # the demo generator writes the same canonical form, so sorting its lines gives the same bytes
    assert out.read_text("utf-8").splitlines() == sorted(source.read_text("utf-8").splitlines())


def test_import_export_import_export_is_byte_identical(tmp_path: Path) -> None:
    lines = [person(), person(make_id(seq="125"), [cert("鲁建安C (2015) 0000001", "C")], phone="+86 138-0531-0001",
                              employer={"name": "  个体施工队 ", "uscc": None}, major=None)]
    first_dir, second_dir = tmp_path / "one", tmp_path / "two"
    with_cache = [open_cache(first_dir), open_cache(second_dir)]
    try:
        import_jsonl(with_cache[0], write(tmp_path / "in.jsonl", lines))
        export_jsonl(with_cache[0], tmp_path / "out1.jsonl")
        import_jsonl(with_cache[1], tmp_path / "out1.jsonl")
        export_jsonl(with_cache[1], tmp_path / "out2.jsonl")
    finally:
        for opened in with_cache:
            opened.close()
    assert (tmp_path / "out1.jsonl").read_bytes() == (tmp_path / "out2.jsonl").read_bytes()
    assert '"phone":"13805310001"' in (tmp_path / "out1.jsonl").read_text("utf-8")


def test_export_of_an_empty_cache_is_an_empty_file(cache: Cache, tmp_path: Path) -> None:
    assert export_jsonl(cache, tmp_path / "out.jsonl") == 0
    assert (tmp_path / "out.jsonl").read_bytes() == b""


# --- the pipeline: worker processes, batches, progress, cancel --------------------------------------


def test_worker_processes_give_the_same_result_as_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "demo.jsonl"
    write_jsonl(source, 400, seed=8)
    with source.open("a", encoding="utf-8") as out:
        out.write("{broken\n")
    monkeypatch.setattr(records, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(records, "BLOCK_BYTES", 20_000)
    monkeypatch.setattr(records, "BATCH_LINES", 100)
    reports: list[ImportReport] = []
    for name, workers in (("serial", 0), ("parallel", 2)):
        opened = open_cache(tmp_path / name)
        try:
            reports.append(import_jsonl(opened, source, workers=workers))
            export_jsonl(opened, tmp_path / f"{name}.jsonl")
        finally:
            opened.close()
    assert reports[0] == reports[1]
    assert [line for line, _reason in reports[0].rejected] == [401]
    assert (tmp_path / "serial.jsonl").read_bytes() == (tmp_path / "parallel.jsonl").read_bytes()


def test_progress_reaches_the_end_and_cancel_stops_between_batches(
        cache: Cache, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "demo.jsonl"
    write_jsonl(source, 250, seed=3)
    monkeypatch.setattr(records, "BLOCK_BYTES", 10_000)
    monkeypatch.setattr(records, "BATCH_LINES", 50)
    seen: list[tuple[int, int]] = []
    report = import_jsonl(cache, source, progress=lambda done, total: seen.append((done, total)),
                          cancel=lambda: len(seen) >= 2)
    assert report.cancelled
    assert 0 < report.persons_inserted < 250
    assert rows(cache, "SELECT count(*) FROM persons") == [(report.persons_inserted,)]
    assert seen[-1][0] < seen[-1][1]

    seen.clear()
    report = import_jsonl(cache, source, progress=lambda done, total: seen.append((done, total)))
    assert not report.cancelled and report.persons == 250
    assert seen[-1][0] == seen[-1][1] == source.stat().st_size


# --- the public contract: docs/record.schema.json -------------------------------------------------


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((DOCS / "record.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_generated_and_exported_records_match_the_schema(validator: jsonschema.Draft202012Validator,
                                                         cache: Cache, tmp_path: Path) -> None:
    generated = list(generate_records(500, seed=2, photo_fraction=0.1))
    for record in generated:
        validator.validate(record)
    import_jsonl(cache, write(tmp_path / "in.jsonl", generated))  # type: ignore[arg-type]
    export_jsonl(cache, tmp_path / "out.jsonl")
    for line in (tmp_path / "out.jsonl").read_text("utf-8").splitlines():
        validator.validate(json.loads(line))


def test_schema_rejects_what_the_importer_rejects(validator: jsonschema.Draft202012Validator) -> None:
    bad = [person(gender="M"), person(certificates=[cert(category="D")]),
           person(certificates=[cert(fmt="new", number="鲁建安C（2015）0000001", category="C")]),
           person(certificates=[cert(issuer_unit="北京市住房和城乡建设委员会")]),
           person(certificates=[cert("鲁A4T2019000123", "SPECIAL", None)]), {"name": "无身份证号"},
           person(name="王2"), person(name="王" * 31), person(education="本\x1b科"),
           person(certificates=[cert(valid_until="20250430")]), person(certificates=[cert(valid_until="2180-01-01")])]
    for record in bad:
        assert not validator.is_valid(record), record


def test_schema_unit_list_matches_the_rules(validator: jsonschema.Draft202012Validator) -> None:
    rules = default_rules()
    units = validator.schema["$defs"]["certificate"]["properties"]["issuer_unit"]["enum"]
    assert set(units) == {name for u in rules.units for name in (u.name, *u.aliases)}


def test_the_documented_example_is_valid(validator: jsonschema.Draft202012Validator) -> None:
    text = (DOCS / "record-format.md").read_text("utf-8")
    example = re.search(r"```json\n(.*?)\n```", text, re.S)
    assert example is not None
    record = json.loads(example.group(1))
    validator.validate(record)
    assert dumps_record(canonical(record)) == example.group(1)
