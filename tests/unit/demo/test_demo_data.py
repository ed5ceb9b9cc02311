"""demo-data: a deterministic, realistic synthetic province that the importer accepts."""

from __future__ import annotations

import base64
import collections
import datetime as dt
import json
import struct
from pathlib import Path
from typing import Any

import pytest

from desktop_app.demo import (
    REFERENCE_DATE,
    generate_records,
    other_counties,
    shandong_counties,
    write_jsonl,
)
from desktop_app.domain.identity import PROVINCE_CODES
from desktop_app.domain.record import parse_record, to_json_dict
from desktop_app.domain.rules import default_rules
from desktop_app.domain.status import Status, certificate_status, valid_until_for
from tests.helpers.cli import run_cli

SAMPLE = 3000


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    return list(generate_records(SAMPLE, seed=11, photo_fraction=0.1))


def _certs(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [c for r in records for c in r["certificates"]]


# --- determinism --------------------------------------------------------------------------------


def test_cli_same_seed_gives_same_bytes(tmp_path: Path) -> None:
    outputs = []
    for name in ("a.jsonl", "b.jsonl"):
        result = run_cli("demo-data", "--size", "500", "--seed", "7", "-o", str(tmp_path / name))
        assert result.returncode == 0, result.stderr
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1]
    lines = outputs[0].decode("utf-8").splitlines()
    assert len(lines) == 500
    assert lines[0].startswith('{"id_number":"') and "\\u" not in lines[0]  # compact, ensure_ascii=False
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.jsonl", "b.jsonl"]  # no temp file left


def test_different_seed_differs(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "1.jsonl", 200, seed=1)
    write_jsonl(tmp_path / "2.jsonl", 200, seed=2)
    assert (tmp_path / "1.jsonl").read_bytes() != (tmp_path / "2.jsonl").read_bytes()


def test_today_defaults_to_the_fixed_reference_date() -> None:
    assert list(generate_records(50, seed=3)) == list(generate_records(50, seed=3, today=REFERENCE_DATE))
    assert list(generate_records(50, seed=3)) != list(generate_records(50, seed=3, today=dt.date(2025, 6, 1)))


def test_photo_fraction_changes_only_photos() -> None:
    without = list(generate_records(300, seed=5, photo_fraction=0.0))
    with_photos = list(generate_records(300, seed=5, photo_fraction=0.5))
    assert all(r["photo"] is None for r in without)
    assert [{**r, "photo": None} for r in with_photos] == without


# --- validity -----------------------------------------------------------------------------------


def test_every_record_parses_and_round_trips(records: list[dict[str, Any]]) -> None:
    for record in records:
        parsed = parse_record(record)
        assert to_json_dict(parsed) == record  # same field names, order and canonical values
        assert list(record) == list(to_json_dict(parsed))


def test_ids_and_certificate_numbers_are_unique() -> None:
    persons = list(generate_records(20_000, seed=2, photo_fraction=0.0))
    ids = [r["id_number"] for r in persons]
    assert len(set(ids)) == len(ids)
    sample = persons[::10]
    numbers = [c.new_number for r in sample for c in parse_record(r).certificates]
    assert len(set(numbers)) == len(numbers)


def test_dates_are_coherent(records: list[dict[str, Any]]) -> None:
    for record in records:
        birth = dt.date.fromisoformat(record["birth_date"])
        age = (REFERENCE_DATE - birth).days / 365.25
        assert 20 <= age <= 62
        for cert in record["certificates"]:
            first, issued, until = (dt.date.fromisoformat(cert[key])
                                    for key in ("first_issued", "issued", "valid_until"))
            assert (first.year - 18, first.month, first.day) >= (birth.year, birth.month, birth.day)
            assert first <= issued <= REFERENCE_DATE
            assert until == valid_until_for(cert["category"], issued)
            if cert["state"] == "expired":
                assert until < REFERENCE_DATE


def test_photos_are_small_portrait_pngs(records: list[dict[str, Any]]) -> None:
    photos = {r["photo"] for r in records if r["photo"]}
    assert len(photos) >= 3
    for text in photos:
        data = base64.b64decode(text)
        assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) < default_rules().photo_max_bytes
        width, height = struct.unpack(">II", data[16:24])
        assert width * 35 == height * 25


# --- realism and distributions ------------------------------------------------------------------


def test_special_share_and_work_types(records: list[dict[str, Any]]) -> None:
    certs = _certs(records)
    special = [c for c in certs if c["category"] == "SPECIAL"]
    assert 0.35 <= len(special) / len(certs) <= 0.45
    rules = default_rules()
    names = {rules.work_type_by_code(c["work_type"], c["format"]).name for c in special}  # type: ignore[union-attr]
    assert names == {w.name for w in rules.work_types}
    old_codes = {c["work_type"] for c in special if c["format"] == "old"}
    assert {"2P", "4T", "07"} <= old_codes


def test_safety_categories_and_formats(records: list[dict[str, Any]]) -> None:
    safety = [c for c in _certs(records) if c["category"] != "SPECIAL"]
    counts = collections.Counter(c["category"] for c in safety)
    assert set(counts) == {"A", "B", "C", "C1", "C2", "C3"}
    assert 0.10 <= counts["A"] / len(safety) <= 0.20
    assert counts["B"] > counts["A"] and counts["C"] + counts["C3"] > counts["A"]
    assert {c["format"] for c in safety if c["category"] == "C"} == {"old"}
    assert {c["format"] for c in safety if c["category"] == "C3"} == {"new"}
    formats = collections.Counter((c["category"] == "SPECIAL", c["format"]) for c in _certs(records))
    assert all(formats[(special, fmt)] > 0 for special in (True, False) for fmt in ("old", "new"))


def test_every_state_and_status_present(records: list[dict[str, Any]]) -> None:
    certs = _certs(records)
    states = collections.Counter(c["state"] for c in certs)
    assert set(states) == {"valid", "suspended", "revoked", "cancelled", "expired"}
    assert states["valid"] / len(certs) > 0.7
    statuses = collections.Counter(certificate_status(c["state"], dt.date.fromisoformat(c["valid_until"]),
                                                      REFERENCE_DATE) for c in certs)
    assert set(statuses) == set(Status)
    assert 0.03 <= statuses[Status.EXPIRING] / len(certs) <= 0.15
    assert 0.05 <= statuses[Status.EXPIRED] / len(certs) <= 0.25


def test_a_holders_missing_fields(records: list[dict[str, Any]]) -> None:
    holders = [r for r in records if any(c["category"] == "A" for c in r["certificates"])]
    missing = [r for r in holders if not r["position"] or not r["title"]]
    assert 0.2 <= len(missing) / len(holders) <= 0.4
    assert any(r["position"] is None and r["title"] for r in missing)
    assert any(r["title"] is None and r["position"] for r in missing)
    # an incomplete A record cannot have been converted to the new format
    assert all(c["format"] == "old" for r in missing for c in r["certificates"] if c["category"] == "A")
    legal = [r["employer"]["uscc"] for r in holders if r["position"] == "法定代表人"]
    assert legal and len(legal) == len(set(legal))


def test_persons_choices_and_multiple_certificates(records: list[dict[str, Any]]) -> None:
    choices = default_rules().choices
    for record in records:
        assert record["education"] in choices["education"]
        assert record["position"] in (None, *choices["position"])
        assert record["title"] in (None, *choices["title"])
    sizes = collections.Counter(len(r["certificates"]) for r in records)
    assert sizes[1] > sizes[2] > sizes[3] > 0
    assert 0 < sum(r["phone"] is None for r in records) < SAMPLE * 0.15
    assert len({r["name"] for r in records}) > SAMPLE * 0.8


def test_photo_fraction_respected(records: list[dict[str, Any]]) -> None:
    share = sum(r["photo"] is not None for r in records) / SAMPLE
    assert 0.08 <= share <= 0.12


def test_resident_ids_use_real_county_codes(records: list[dict[str, Any]]) -> None:
    shandong = {c.code for c in shandong_counties()}
    others = {c.code for c in other_counties()}
    codes = [r["id_number"][:6] for r in records]
    assert all(code in shandong or code in others for code in codes)
    assert 0.03 <= sum(code in others for code in codes) / SAMPLE <= 0.08


def test_county_files() -> None:
    shandong = shandong_counties()
    assert len(shandong) >= 100 and len({c.code for c in shandong}) == len(shandong)
    assert all(c.code.startswith("37") and len(c.code) == 6 for c in shandong)
    assert {c.city for c in shandong} == {u.city for u in default_rules().units}
    assert {"370102", "370211", "371302", "371702"} <= {c.code for c in shandong}
    assert all(c.code[:2] in PROVINCE_CODES and not c.code.startswith("37") for c in other_counties())


def test_units_weighted_and_employers_in_the_units_city(records: list[dict[str, Any]]) -> None:
    rules = default_rules()
    total = sum(u.weight for u in rules.units)
    by_unit = collections.Counter(r["certificates"][0]["issuer_unit"] for r in records)
    for unit in rules.units:
        expected = SAMPLE * unit.weight / total
        if expected >= 100:
            assert abs(by_unit[unit.name] - expected) / expected < 0.25, unit.name
    city_of = {c.code: c.city for c in shandong_counties()}
    for record in records:
        unit = rules.unit(record["certificates"][0]["issuer_unit"])
        assert unit is not None
        assert {c["issuer_unit"] for c in record["certificates"]} == {unit.name}
        if record["employer"]:
            code = record["employer"]["uscc"][2:8]
            assert city_of[code] == unit.city
            if len(unit.admin_code) == 6:
                assert code == unit.admin_code


def test_enterprise_names_look_real(records: list[dict[str, Any]]) -> None:
    names = {r["employer"]["name"] for r in records if r["employer"]}
    assert all(name.endswith("公司") for name in names)
    assert any(name.endswith("集团有限公司") for name in names)


# --- command line -------------------------------------------------------------------------------


@pytest.mark.parametrize("args, reason", [
    (["--size", "-5"], "--size"),
    (["--size", "10", "--photo-fraction", "1.5"], "--photo-fraction"),
])
def test_cli_rejects_bad_arguments(tmp_path: Path, args: list[str], reason: str) -> None:
    result = run_cli("demo-data", *args, "-o", str(tmp_path / "out.jsonl"))
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1 and reason in result.stderr
    assert not (tmp_path / "out.jsonl").exists()


def test_cli_rejects_unwritable_output(tmp_path: Path) -> None:
    result = run_cli("demo-data", "--size", "5", "-o", str(tmp_path / "missing" / "out.jsonl"))
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1 and "cannot write" in result.stderr


def test_written_lines_are_the_generated_records(tmp_path: Path) -> None:
    path = tmp_path / "demo.jsonl"
    write_jsonl(path, 100, seed=4, photo_fraction=0.3)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == list(generate_records(100, seed=4, photo_fraction=0.3))
