"""Impersonation through look-alike digits, end to end on the real program.

Before: a certificate number spelled in Arabic-Indic digits (鲁建安B（٢٠٢٢）٠٠٠٠٠٤٥) was imported as a
second certificate for another person; `cert-pdf` generated it, and since the signed QR code packs
the serial with int(), the code verified as "genuine" while showing 黄王's certificate 鲁建安B（2022）0000045.
An ID number spelled so was a second person. Now both are refused at import (line N: reason) and
at the command line, full-width spellings are the same person and certificate, and `verify` gives a
genuine verdict only for the holder's own code.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from desktop_app.store.engine import Cache
from tests.helpers.cli import run_cli
from tests.helpers.search_fixtures import TODAY, cert, person, resident_id
from tests.unit.services.test_issuance import UPSTREAM_NEW, build, records, with_photo

DAY = ("--today", TODAY.isoformat())
VICTIM_NUMBER = "鲁建安B（2022）0000045"  # 黄王's
ARABIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
FULL = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
ATTACKER = resident_id("370102", "19900101", "555")


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Cache:
    return build(tmp_path_factory.mktemp("impersonation"))


def cli(cache: Cache, *args: str) -> tuple[int, str, str]:
    result = run_cli("--data-dir", str(cache.path.parent), *args)
    return result.returncode, result.stdout, result.stderr


def counts(cache: Cache) -> tuple[int, ...]:
    with sqlite3.connect(cache.path) as conn:
        return tuple(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                     for table in ("persons", "certificates", "audit_log", "outbox"))


def victim_record() -> dict[str, Any]:
    return next(r for r in records() if r["id_number"] == UPSTREAM_NEW)


def test_import_refuses_other_digits_and_folds_full_width_to_the_same_person(cache: Cache, tmp_path: Path) -> None:
    victim = victim_record()
    full_width = {**victim, "id_number": victim["id_number"].translate(FULL),
                  "certificates": [{**victim["certificates"][0], "number": "鲁建安Ｂ（２０２２）０００００４５"}]}
    lines = [
        with_photo(person(ATTACKER, "冒名者", [cert(VICTIM_NUMBER[:5] + VICTIM_NUMBER[5:].translate(ARABIC), "B",
                                                    "new")])),
        {**victim, "name": "黄王", "id_number": UPSTREAM_NEW[:2] + UPSTREAM_NEW[2:].translate(ARABIC),
         "certificates": [cert("鲁建安B（2022）0000046", "B", "new")]},
        with_photo(person(ATTACKER, "冒名者", [cert("鲁A4T" + "2019000123".translate(ARABIC), "SPECIAL", "old",
                                                    work_type="4T")])),
        full_width,
    ]
    source = tmp_path / "hostile.jsonl"
    source.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    before = counts(cache)
    code, out, _err = cli(cache, "import", str(source))
    assert code == 1
    rejected = {line.split(":", 1)[0]: line for line in out.splitlines() if line.startswith("line ")}
    assert set(rejected) == {"line 1", "line 2", "line 3"}
    assert "证书编号含有非标准数字“٢”（U+0662 ARABIC-INDIC DIGIT TWO）" in rejected["line 1"]
    assert "身份证号含有非标准数字“٠”（U+0660 ARABIC-INDIC DIGIT ZERO）" in rejected["line 2"]
    assert "证书编号含有非标准数字" in rejected["line 3"]
    assert "人员 新增 0" in out and "证书 新增 0" in out  # line 4 is 黄王 and his certificate, again
    assert counts(cache)[:2] == before[:2]
    with sqlite3.connect(cache.path) as conn:
        ids = [i for (i,) in conn.execute("SELECT id_number FROM persons")]
        numbers = [n for row in conn.execute("SELECT number, new_number, serial FROM certificates") for n in row]
        holders = conn.execute("SELECT count(*) FROM persons WHERE name = '黄王'").fetchone()[0]
    assert holders == 1 and ATTACKER not in ids
    assert all(ch.isascii() for text in ids for ch in text)
    assert all(ch.isascii() or not ch.isdigit() for text in numbers for ch in text)


@pytest.mark.parametrize("number", [
    VICTIM_NUMBER[:5] + VICTIM_NUMBER[5:].translate(ARABIC),
    VICTIM_NUMBER[:-1] + "٥",  # one digit is enough
    VICTIM_NUMBER.translate(str.maketrans("0123456789", "०१२३४५६७८९")),  # Devanagari
])
def test_cert_pdf_refuses_a_look_alike_number_before_touching_the_cache(cache: Cache, tmp_path: Path,
                                                                         number: str) -> None:
    before = counts(cache)
    code, out, err = cli(cache, "cert-pdf", number, "-o", str(tmp_path / "x.pdf"), *DAY)
    assert code == 2 and not out and err.count("\n") == 1 and "非标准数字" in err
    assert not (tmp_path / "x.pdf").exists() and counts(cache) == before


def test_only_the_holders_own_code_verifies_and_shows_him(cache: Cache, tmp_path: Path) -> None:
    code, out, err = cli(cache, "cert-pdf", "鲁建安Ｂ（２０２２）０００００４５", "-o", str(tmp_path / "b.pdf"), *DAY)
    assert code == 0 and not err and VICTIM_NUMBER in out  # full width: his certificate, not a new one
    code, out, _err = cli(cache, "cert-pdf", VICTIM_NUMBER, "-o", str(tmp_path / "again.pdf"), *DAY)
    assert code == 0 and "此前已生成" in out
    with sqlite3.connect(cache.path) as conn:
        [(qr,)] = conn.execute("SELECT qr_text FROM certificates WHERE new_number = ?", (VICTIM_NUMBER,)).fetchall()
        generated = conn.execute("SELECT count(*) FROM certificates WHERE qr_text IS NOT NULL").fetchone()[0]
    code, out, _err = cli(cache, "verify", qr, *DAY)
    verdict = json.loads(out)
    assert code == 0 and verdict["reason"] == "genuine"
    assert verdict["certificate"]["name"] == "黄王" and verdict["certificate"]["number"] == VICTIM_NUMBER
    assert verdict["certificate"]["id_number_masked"].endswith(UPSTREAM_NEW[-4:])
    for text in (VICTIM_NUMBER[:5] + VICTIM_NUMBER[5:].translate(ARABIC), qr.translate(ARABIC),
                 f"https://verify.example/c?n={VICTIM_NUMBER[:5]}{VICTIM_NUMBER[5:].translate(ARABIC)}"):
        code, out, _err = cli(cache, "verify", text, *DAY)
        assert code == 1 and json.loads(out)["genuine"] is False, text
    assert generated == 1  # the look-alike never got a certificate (nor a code) of its own
