"""`cert-pdf`, `generate` and `verify` in a real subprocess: output, files and exit codes."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pdfplumber
import pytest

from desktop_app.store.engine import Cache
from tests.helpers.cli import run_cli
from tests.helpers.search_fixtures import TODAY
from tests.unit.services.test_issuance import build

DAY = ("--today", TODAY.isoformat())


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Cache:
    return build(tmp_path_factory.mktemp("cli-certs"))


def cli(cache: Cache, *args: str) -> tuple[int, str, str]:
    result = run_cli("--data-dir", str(cache.path.parent), *args)
    return result.returncode, result.stdout, result.stderr


def test_cert_pdf_from_an_old_spelling_generates_then_writes_the_same_bytes(cache: Cache, tmp_path: Path) -> None:
    code, out, err = cli(cache, "cert-pdf", "鲁建安c(2016) 0001234", "-o", str(tmp_path / "c.pdf"), *DAY)
    assert code == 0 and not err and "鲁建安C3（2016）0001234（已生成" in out
    with pdfplumber.open(tmp_path / "c.pdf") as pdf:
        text = pdf.pages[0].extract_text().replace(" ", "")
    assert "鲁建安C3（2016）0001234" in text and "欧阳晓梅" in text
    code, out, _err = cli(cache, "cert-pdf", "鲁建安C3（2016）0001234", "-o", str(tmp_path / "again.pdf"), *DAY)
    assert code == 0 and "此前已生成" in out
    assert (tmp_path / "again.pdf").read_bytes() == (tmp_path / "c.pdf").read_bytes()
    with sqlite3.connect(cache.path) as conn:
        queued = conn.execute("SELECT count(*) FROM outbox WHERE entity_key = '鲁建安C3（2016）0001234'").fetchone()
    assert queued == (1,)


@pytest.mark.parametrize(("number", "reason"), [
    ("鲁R012021000001", "证书状态为“已过期”"),
    ("鲁R012021000002", "证书状态为“撤销”"),
    ("鲁建安A（2019）0001234", "A 证缺少：职务"),
    ("鲁建安B(2020)0000007", "缺少照片"),
    ("鲁建安B（2020）0009999", "本地缓存中没有证书"),
])
def test_cert_pdf_refuses_with_the_reason_and_exit_1(cache: Cache, tmp_path: Path, number: str, reason: str) -> None:
    code, out, err = cli(cache, "cert-pdf", number, "-o", str(tmp_path / "x.pdf"), *DAY)
    assert code == 1 and reason in err and not out and not (tmp_path / "x.pdf").exists()


def test_cert_pdf_malformed_number_is_one_line_exit_2(cache: Cache, tmp_path: Path) -> None:
    code, _out, err = cli(cache, "cert-pdf", "鲁建安X", "-o", str(tmp_path / "x.pdf"))
    assert code == 2 and err.count("\n") == 1 and "不是有效的安管证书编号" in err


def test_generate_prints_a_summary_and_the_report(cache: Cache, tmp_path: Path) -> None:
    code, out, err = cli(cache, "generate", "--unit", "菏泽市住房和城乡建设局", "-o", str(tmp_path / "out"), *DAY)
    assert code == 0 and not err
    assert "候选 3 张，可生成 1 张" in out and "未生成 2 张" in out
    report = tmp_path / "out" / "skipped_菏泽市住房和城乡建设局.csv"
    assert str(report) in out and "证书状态为“撤销”" in report.read_text(encoding="utf-8-sig")
    assert [p.name for p in (tmp_path / "out").glob("*.pdf")] == ["鲁R042020000555.pdf"]
    code, _out, err = cli(cache, "generate", "--unit", "火星局", "-o", str(tmp_path / "out"))
    assert code == 2 and "未知的发证机关" in err


def test_verify_prints_json_and_exits_by_verdict(cache: Cache, tmp_path: Path) -> None:
    cli(cache, "cert-pdf", "鲁A4T2019000123", "-o", str(tmp_path / "s.pdf"), *DAY)
    with sqlite3.connect(cache.path) as conn:
        (qr,) = conn.execute("SELECT qr_text FROM certificates WHERE new_number = '鲁A052019000123'").fetchone()
    code, out, _err = cli(cache, "verify", qr, *DAY)
    assert code == 0 and json.loads(out)["reason"] == "genuine"
    code, out, _err = cli(cache, "verify", "随便一段文字", *DAY)
    assert code == 1 and json.loads(out)["reason"] == "not_certdesk"
