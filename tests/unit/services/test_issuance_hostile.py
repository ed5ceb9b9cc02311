"""Hostile values planted directly in a real cache (issue 9: old caches and syncs bypass the importer):
generation, the batch and `cert-pdf` refuse one certificate with a reason and never crash."""

from __future__ import annotations

import csv
import datetime as dt
import io
import sqlite3
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from desktop_app.certs import render
from desktop_app.services import batch, issuance
from desktop_app.store.engine import Cache
from tests.helpers.cli import run_cli
from tests.helpers.search_fixtures import TODAY, cert, person, resident_id, write_and_import
from tests.unit.certs.test_cert_render import PT_TO_MM
from tests.unit.certs.test_render_hostile import noisy_jpeg, streamed_png
from tests.unit.services.test_issuance import with_photo

JINAN = "济南市住房和城乡建设局"
NAMES = ("赵甲", "钱乙", "孙丙", "李丁", "周戊", "吴己", "郑庚", "王辛")
UNSIGNABLE = "有效期至超出可签发范围"


def number(i: int) -> str:
    return f"鲁建安B（2020）{i:07d}"


def new_number(i: int) -> str:
    return number(i)  # B numbers are the same in both formats


@pytest.fixture
def cache(tmp_path: Path) -> Cache:
    """Eight eligible B certificates of 济南 (old format, photo, in force)."""
    people = [with_photo(person(resident_id("370102", f"1980{i + 1:02d}15", f"{300 + i:03d}"), name,
                                [cert(number(i), "B", "old")])) for i, name in enumerate(NAMES)]
    return write_and_import(tmp_path, people)


def plant(cache: Cache, sql: str, *params: Any) -> None:
    """Write a value straight into the cache, as an old cache or a future sync may hold it."""
    with sqlite3.connect(cache.path) as conn:
        conn.execute(sql, params)


def plant_photo(cache: Cache, i: int, data: bytes) -> None:
    plant(cache, "UPDATE photos SET bytes = ? WHERE person_id = (SELECT person_id FROM certificates "
                 "WHERE number = ?)", data, number(i))


def one(cache: Cache, sql: str, *params: Any) -> Any:
    with sqlite3.connect(cache.path) as conn:
        return conn.execute(sql, params).fetchone()[0]


def run(cache: Cache, out: Path, **options: Any) -> tuple[batch.BatchResult, dict[str, str]]:
    result = batch.run_batch(cache, batch.BatchOptions(JINAN, out, workers=1, **options), "张三", TODAY)
    assert result.report_path is not None
    with result.report_path.open(encoding="utf-8-sig", newline="") as handle:
        report = {row[0]: row[3] for row in list(csv.reader(handle))[1:]}
    return result, report


def test_a_validity_past_2179_is_a_reason_not_a_crash(cache: Cache, tmp_path: Path) -> None:
    plant(cache, "UPDATE certificates SET valid_until = '2200-01-01' WHERE number = ?", number(2))
    with pytest.raises(issuance.NotEligible) as caught:
        issuance.generate(cache, number(2), "张三", TODAY)
    assert any(UNSIGNABLE in r and "2200-01-01" in r for r in caught.value.reasons)
    for attempt in range(2):  # the unit's generate goes through on every re-run
        result, report = run(cache, tmp_path / "out")
        assert UNSIGNABLE in report[number(2)] and len(report) == 1
        assert (result.generated, result.written) == ((7, 7) if attempt == 0 else (0, 0))
        assert len(list((tmp_path / "out").glob("*.pdf"))) == 7
    assert one(cache, "SELECT format FROM certificates WHERE number = ?", number(2)) == "old"
    assert one(cache, "SELECT count(*) FROM outbox") == 7
    done = run_cli("--data-dir", str(cache.path.parent), "cert-pdf", number(2), "-o", str(tmp_path / "x.pdf"),
                   "--today", TODAY.isoformat())
    assert done.returncode == 1 and UNSIGNABLE in done.stderr and done.stderr.count("\n") == 1
    assert not (tmp_path / "x.pdf").exists()


def test_values_no_importer_accepts_are_each_one_skip(cache: Cache, tmp_path: Path) -> None:
    plant(cache, "UPDATE certificates SET state = 'zombie' WHERE number = ?", number(0))
    plant(cache, "UPDATE certificates SET category = 'Z' WHERE number = ?", number(1))
    plant(cache, "UPDATE certificates SET valid_until = '2024-02-30' WHERE number = ?", number(3))
    plant(cache, "UPDATE certificates SET issued = 'garbage' WHERE number = ?", number(4))  # the ORM cannot load it
    plant(cache, "UPDATE certificates SET number = '鲁建安B（2020）000000' WHERE number = ?", number(5))
    result, report = run(cache, tmp_path / "out")
    assert "证书状态“zombie”无法识别" in report[number(0)]
    assert "证书类别“Z”无法识别" in report[number(1)]
    assert "有效期至“2024-02-30”不是有效日期" in report[number(3)]
    assert "本地缓存中有误" in report[number(4)] and "garbage" in report[number(4)]
    assert "证书编号“鲁建安B（2020）000000”无法识别" in report["鲁建安B（2020）000000"]
    assert (result.generated, result.written, len(report)) == (3, 3, 5)  # the chunk's others still commit
    assert sorted(p.name for p in (tmp_path / "out").glob("*.pdf")) == [f"{number(i)}.pdf" for i in (2, 6, 7)]
    with pytest.raises(issuance.KnownError, match="本地缓存中有误"):
        issuance.generate(cache, number(4), "张三", TODAY)


def test_an_unexpected_error_of_one_certificate_skips_it_and_writes_nothing_for_it(
        cache: Cache, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_face = issuance.face_of

    def face_of(cert: Any, shop: Any, specimen: bool | None = None) -> Any:
        if cert.number == number(3):
            raise RuntimeError("boom in the face")  # after generate_in changed the row: the savepoint undoes it
        return real_face(cert, shop, specimen)

    monkeypatch.setattr(issuance, "face_of", face_of)
    real_render = render.render_pdf

    def render_pdf(face: Any, *args: Any, **kwargs: Any) -> bytes:
        if face.number == number(5):
            raise ZeroDivisionError("boom in the renderer")
        return real_render(face, *args, **kwargs)

    monkeypatch.setattr(render, "render_pdf", render_pdf)
    monkeypatch.setattr(batch, "CHUNK", 3)
    result, report = run(cache, tmp_path / "out")
    assert report[number(3)] == "生成时出错：RuntimeError: boom in the face"
    assert report[number(5)] == "PDF 无法生成：ZeroDivisionError: boom in the renderer"
    assert (result.generated, result.written, len(report)) == (7, 6, 2)
    assert one(cache, "SELECT format || version FROM certificates WHERE number = ?", number(3)) == "old1"
    assert one(cache, "SELECT count(*) FROM outbox WHERE entity_key = ?", new_number(3)) == 0
    assert one(cache, "SELECT count(*) FROM audit_log WHERE entity_key = ? AND source = 'local'", new_number(3)) == 0
    assert one(cache, "SELECT count(*) FROM outbox") == 7
    log = (cache.path.parent / "logs" / "certdesk.log").read_text(encoding="utf-8")
    assert "RuntimeError: boom in the face" in log  # a bug is logged with its traceback


def test_a_bomb_or_undecodable_photo_skips_one_certificate(cache: Cache, tmp_path: Path) -> None:
    plant_photo(cache, 1, streamed_png(50_000, 50_000, bit_depth=1, grey=True))
    plant_photo(cache, 6, b"\xff\xd8\xff\xe0 not really a jpeg")
    result, report = run(cache, tmp_path / "out", combined=True)
    assert "照片声明的像素数异常巨大" in report[number(1)] and "照片已损坏，无法读取" in report[number(6)]
    assert result.written == 6 and result.combined_path is not None
    with pdfplumber.open(result.combined_path) as pdf:
        assert len(pdf.pages) == 6
    done = run_cli("--data-dir", str(cache.path.parent), "cert-pdf", number(1), "-o", str(tmp_path / "x.pdf"),
                   "--today", TODAY.isoformat())
    assert done.returncode != 0 and done.stderr.count("\n") == 1 and "照片" in done.stderr
    assert "Traceback" not in done.stderr and "内部错误" not in done.stderr


def test_an_oversized_stored_photo_keeps_the_pdf_small(cache: Cache, tmp_path: Path) -> None:
    big = noisy_jpeg((900, 1260))  # 25:35 and over 1 MB: it used to be embedded as is
    assert len(big) > 1_000_000
    plant_photo(cache, 0, big)
    _issued, pdf = issuance.generate_pdf(cache, number(0), "张三", TODAY)
    assert len(pdf) < 150_000, len(pdf)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        [photo] = [im for im in doc.pages[0].images if abs(im["width"] * PT_TO_MM - 25) < 1]
        assert len(photo["stream"].get_rawdata()) <= 50 * 1024 and photo["srcsize"] == (295, 413)
    assert issuance.certificate_pdf(cache, number(0)) == pdf  # regenerating: the same bytes


def test_the_signable_range_is_the_tokens(cache: Cache) -> None:
    reasons = issuance.blockers("B", "valid", dt.date(2179, 6, 7), {}, True, JINAN, TODAY,
                                issuance.default_rules())
    assert [r for r in reasons if UNSIGNABLE in r]
    assert not issuance.blockers("B", "valid", dt.date(2179, 6, 6), {}, True, JINAN, TODAY, issuance.default_rules())
    assert not issuance.blockers("B", "valid", dt.date(2200, 1, 1), {}, True, JINAN, TODAY, issuance.default_rules(),
                                 needs_token=False)  # an upstream QR is kept: nothing to sign
