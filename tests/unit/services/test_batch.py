"""Batch generation for a unit: one PDF per certificate or one combined, the skipped report, progress,
cancel and resume (no half-written PDF), filters, and the process pool."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from desktop_app.errors import KnownError
from desktop_app.services import batch
from desktop_app.store.engine import Cache
from tests.helpers.search_fixtures import LUNENG, TODAY, cert, person, resident_id, write_and_import
from tests.unit.services.test_issuance import with_photo

JINAN = "济南市住房和城乡建设局"


def jinan_records(count: int = 7) -> list[dict[str, Any]]:
    """`count` eligible certificates of 济南 (A, C, special 4T), and three that are skipped."""
    people = []
    for i in range(count):
        rid = resident_id("370102", f"1980{1 + i % 12:02d}15", f"{100 + i:03d}")
        if i % 3 == 0:
            certificate = cert(f"鲁建安A（2018）{i:07d}", "A", "old")
        elif i % 3 == 1:
            certificate = cert(f"鲁建安C（2016）{i:07d}", "C", "old")
        else:
            certificate = cert(f"鲁A4T2019{i:06d}", "SPECIAL", "old", work_type="4T")
        people.append(with_photo(person(rid, "测试" + chr(0x4E00 + i), [certificate], employer=LUNENG)))
    people += [
        with_photo(person(resident_id("370102", "19700101", "901"), "过期",
                          [cert("鲁建安B（2015）0000901", "B", "old", until=-5)])),
        with_photo(person(resident_id("370102", "19700101", "902"), "缺职务",
                          [cert("鲁建安A（2015）0000902", "A", "old")], employer=LUNENG, position=None)),
        with_photo(person(resident_id("370102", "19700101", "903"), "无照片",
                          [cert("鲁建安B（2015）0000903", "B", "old")]), photo=False),
        with_photo(person(resident_id("370203", "19700101", "904"), "青岛人",
                          [cert("鲁建安B（2015）0000904", "B", "old", unit="青岛市住房和城乡建设局")])),
    ]
    return people


@pytest.fixture
def cache(tmp_path: Path) -> Cache:
    return write_and_import(tmp_path, jinan_records())


def count(cache: Cache, sql: str) -> int:
    with sqlite3.connect(cache.path) as conn:
        return int(conn.execute(sql).fetchone()[0])


def test_file_names_are_the_new_number_safe_on_windows() -> None:
    assert batch.file_name("鲁建安C3（2016）0001234") == "鲁建安C3（2016）0001234.pdf"
    assert batch.file_name('a/b:c*?"<>|.') == "a_b_c______.pdf"


def test_batch_writes_one_pdf_per_certificate_and_the_skipped_report(cache: Cache, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    result = batch.run_batch(cache, batch.BatchOptions(JINAN, tmp_path / "out", workers=1), "张三", TODAY,
                             progress=lambda done, total: seen.append((done, total)))
    assert (result.candidates, result.eligible, result.generated, result.written) == (10, 7, 7, 7)
    # the progress counts the work to do (7 to generate and write), from 0: the 3 skipped are known at once
    assert seen[0] == (0, 7) and seen[-1] == (7, 7) and [d for d, _ in seen] == sorted(d for d, _ in seen)
    names = sorted(p.name for p in (tmp_path / "out").glob("*.pdf"))
    assert "鲁建安C3（2016）0000001.pdf" in names and "鲁A052019000002.pdf" in names and len(names) == 7
    with pdfplumber.open(tmp_path / "out" / "鲁A052019000002.pdf") as pdf:
        assert "鲁A052019000002" in pdf.pages[0].extract_text()
    assert result.report_path is not None
    with result.report_path.open(encoding="utf-8-sig", newline="") as handle:
        report = list(csv.reader(handle))
    assert report[0] == list(batch.REPORT_HEADER)
    reasons = {row[1]: row[3] for row in report[1:]}
    assert reasons == {"过期": "证书状态为“已过期”", "缺职务": "A 证缺少：职务", "无照片": "缺少照片"}
    assert count(cache, "SELECT count(*) FROM outbox") == 7


def test_a_cancelled_batch_resumes_without_duplicates_or_half_files(cache: Cache, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "CHUNK", 2)
    out = tmp_path / "out"
    checks = iter([False, False, False, True])  # asked per chunk and per certificate: cancel after the first chunk
    first = batch.run_batch(cache, batch.BatchOptions(JINAN, out, workers=1), "张三", TODAY,
                            cancelled=lambda: next(checks, True))
    assert first.cancelled and first.generated == 2 and first.written == 2
    assert count(cache, "SELECT count(*) FROM certificates WHERE new_generated_at IS NOT NULL") == 2
    (out / ".鲁建安A（2018）0000003.pdf.tmp123").write_bytes(b"%PDF-1.4 half")  # what a killed run leaves
    second = batch.run_batch(cache, batch.BatchOptions(JINAN, out, workers=1), "张三", TODAY)
    assert not second.cancelled and (second.existing, second.generated, second.written) == (2, 5, 5)
    assert len(list(out.glob("*.pdf"))) == 7 and not list(out.glob(".*"))
    assert count(cache, "SELECT count(*) FROM outbox") == 7  # each certificate generated once
    third = batch.run_batch(cache, batch.BatchOptions(JINAN, out, workers=1), "张三", TODAY)
    assert (third.existing, third.generated, third.written) == (7, 0, 0)


def test_a_cancel_takes_effect_within_one_certificate(cache: Cache, tmp_path: Path) -> None:
    asked = iter([False, False, True])  # the chunk's check, the first certificate's, then the user cancels
    seen: list[tuple[int, int]] = []
    result = batch.run_batch(cache, batch.BatchOptions(JINAN, tmp_path / "out", workers=1), "张三", TODAY,
                             progress=lambda done, total: seen.append((done, total)),
                             cancelled=lambda: next(asked, True))
    assert result.cancelled and (result.generated, result.written) == (1, 1)  # not a whole chunk of 25
    assert seen[-1] == (1, 7)  # what was done, of the work there was
    assert count(cache, "SELECT count(*) FROM outbox") == 1


def test_combined_pdf_with_filters(cache: Cache, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = batch.run_batch(cache, batch.BatchOptions(JINAN, out, category="C3", combined=True, workers=1),
                             "张三", TODAY)
    assert result.eligible == 2 and result.combined_path == out / f"{JINAN}-C3.pdf"
    with pdfplumber.open(result.combined_path) as pdf:
        texts = [page.extract_text() for page in pdf.pages]
    assert len(texts) == 2 and "鲁建安C3（2016）0000001" in texts[0]
    assert {p.name for p in out.iterdir()} == {f"{JINAN}-C3.pdf", f"skipped_{JINAN}-C3.csv"}  # no parts left
    special = batch.run_batch(cache, batch.BatchOptions(JINAN, tmp_path / "s", work_type="4T", workers=1),
                              "张三", TODAY)
    assert special.eligible == 2 and special.candidates == 2
    with pytest.raises(KnownError, match="未知的发证机关"):
        batch.run_batch(cache, batch.BatchOptions("火星局", tmp_path / "x"), "张三", TODAY)
    with pytest.raises(KnownError, match="未知的证书类别"):
        batch.run_batch(cache, batch.BatchOptions(JINAN, tmp_path / "x", category="D"), "张三", TODAY)


def test_rendering_runs_in_a_process_pool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = write_and_import(tmp_path, jinan_records(24))
    monkeypatch.setattr(batch, "CHUNK", 5)
    result = batch.run_batch(cache, batch.BatchOptions(JINAN, tmp_path / "out", workers=2), "张三", TODAY)
    assert result.written == 24 and len(list((tmp_path / "out").glob("*.pdf"))) == 24
    data = (tmp_path / "out" / "鲁A052019000023.pdf").read_bytes()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert "鲁A052019000023" in pdf.pages[0].extract_text()
