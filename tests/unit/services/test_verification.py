"""Offline verification: the printed QR rasterised at 300 dpi, decoded, and judged by the CLI `verify`;
every forged variant has its own verdict; identifiers and upstream QR strings; the search box reads tokens."""

from __future__ import annotations

import datetime as dt
import io
import json
import sqlite3
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from desktop_app.certs.raster import render_png
from desktop_app.certs.signing import KeyStore, make_qr_text
from desktop_app.domain.certnumber import parse
from desktop_app.domain.ecert import make_ecert_id
from desktop_app.services import issuance, verification
from desktop_app.services.search import SearchService
from desktop_app.store.engine import Cache
from tests.helpers.cli import run_cli
from tests.helpers.search_fixtures import TODAY
from tests.unit.services.test_issuance import SPECIAL_4T, build

NUMBER = "鲁A4T2019000123"
NEW = "鲁A052019000123"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> tuple[Cache, str]:
    """A cache with one generated certificate, and the QR text decoded from its printed PDF."""
    cache = build(tmp_path_factory.mktemp("verify"))
    _issued, pdf = issuance.generate_pdf(cache, NUMBER, "张三", TODAY)
    image = Image.open(io.BytesIO(render_png(pdf, dpi=300)))
    [found] = zxingcpp.read_barcodes(image)
    assert found.format == zxingcpp.BarcodeFormat.QRCode
    return cache, found.text


def verify_cli(cache: Cache, text: str, today: dt.date = TODAY) -> tuple[int, dict]:
    result = run_cli("--data-dir", str(cache.path.parent), "verify", text, "--today", today.isoformat())
    assert not result.stderr, result.stderr
    return result.returncode, json.loads(result.stdout)


def flip(text: str, at: int) -> str:
    return text[:at] + ("B" if text[at] == "A" else "A") + text[at + 1:]


def test_printed_qr_verifies_genuine_through_the_cli(workspace: tuple[Cache, str]) -> None:
    cache, text = workspace
    code, verdict = verify_cli(cache, text)
    assert code == 0 and verdict["genuine"] and verdict["reason"] == "genuine"
    assert verdict["certificate"]["number"] == NEW and verdict["certificate"]["name"] == "王建国"
    assert verdict["status"] == "valid" and verdict["claims"]["number"] == NEW
    assert verdict["certificate"]["id_number_masked"].endswith(SPECIAL_4T[-4:])


def test_each_forgery_has_its_own_verdict_and_exit_1(workspace: tuple[Cache, str], tmp_path: Path) -> None:
    cache, text = workspace
    other = KeyStore(tmp_path / "other-keys").current()
    foreign = make_qr_text(parse(NEW, "new"), SPECIAL_4T, dt.date(2028, 4, 4), "3701", other)
    forged = {
        "tampered": (flip(text, len(text) - 30), TODAY),
        "unknown_key": (foreign, TODAY),
        "expired": (text, dt.date(2035, 1, 1)),
        "not_certdesk": ("https://zlaq.mohurd.gov.cn/cert?id=鲁A052019000123", TODAY),
    }
    messages = set()
    for reason, (variant, today) in forged.items():
        code, verdict = verify_cli(cache, variant, today)
        assert code == 1 and not verdict["genuine"] and verdict["reason"] == reason, (reason, verdict)
        assert verdict["certificate"] is None or reason == "expired"
        messages.add(verdict["message"])
    assert len(messages) == 4


def test_revoked_in_the_cache(tmp_path: Path) -> None:
    cache = build(tmp_path)
    issued = issuance.generate(cache, NUMBER, "张三", TODAY)
    with sqlite3.connect(cache.path) as conn:
        conn.execute("UPDATE certificates SET state = 'revoked' WHERE id = ?", (issued.certificate_id,))
    code, verdict = verify_cli(cache, issued.qr_text)
    assert code == 1 and verdict["reason"] == "revoked" and verdict["status"] == "revoked"
    assert verdict["certificate"]["number"] == NEW


def test_a_revoked_trusted_key_no_longer_verifies(tmp_path: Path) -> None:
    cache = build(tmp_path)
    issued = issuance.generate(cache, NUMBER, "张三", TODAY)
    assert verification.verify_text(cache, issued.qr_text, TODAY)["genuine"]
    [key_id] = verification.trusted_key_map(cache)
    assert verification.revoke_trusted_key(cache, key_id)
    assert verification.verify_text(cache, issued.qr_text, TODAY)["reason"] == "unknown_key"
    public = KeyStore.for_workspace(cache.path.parent).current().public_bytes
    other = KeyStore(tmp_path / "province").current()
    added = verification.add_trusted_key(cache, other.public_bytes, "省厅")
    token = make_qr_text(parse(NEW, "new"), SPECIAL_4T, dt.date(2028, 4, 4), "3701", other)
    assert added == other.key_id and verification.verify_text(cache, token, TODAY)["genuine"]
    assert public not in verification.trusted_key_map(cache).values()


def test_identifier_and_upstream_qr_are_looked_up_in_the_cache(workspace: tuple[Cache, str]) -> None:
    cache, _text = workspace
    face = issuance.face_for(cache, NEW)
    ecert = issuance.generate(cache, NEW, "张三", TODAY).ecert_id
    assert face.number == NEW
    found = verification.verify_text(cache, ecert, TODAY)
    assert found["genuine"] and found["method"] == "ecert_id" and found["certificate"]["number"] == NEW
    wrong_check = ecert[:-1] + ("A" if ecert[-1] != "A" else "B")
    assert verification.verify_text(cache, wrong_check, TODAY)["reason"] == "tampered"
    not_here = str(make_ecert_id(parse("鲁A052019999999", "new"), "11370100999990010G"))
    unknown = verification.verify_text(cache, not_here, TODAY)
    assert unknown["reason"] == "not_certdesk" and "没有这个电子证照标识" in unknown["message"]
    upstream = "https://zlaq.mohurd.gov.cn/cert?id=B20220000045&sign=abc"
    with sqlite3.connect(cache.path) as conn:
        conn.execute("UPDATE certificates SET qr_text = ? WHERE number = '鲁建安B（2022）0000045'", (upstream,))
    result = verification.verify_text(cache, upstream, TODAY)
    assert result["genuine"] and result["method"] == "upstream_qr" and result["certificate"]["name"] == "黄王"


def test_search_box_finds_the_certificate_behind_a_scanned_token(tmp_path: Path) -> None:
    cache = build(tmp_path)
    elsewhere = KeyStore(tmp_path / "elsewhere").current()  # generated at another workstation: not in this cache
    token = make_qr_text(parse(NEW, "new"), SPECIAL_4T, dt.date(2028, 4, 4), "3701", elsewhere)
    for scanned in (token, token.split(":", 1)[1], "https://zjt.example/v?t=" + token.split(":", 1)[1]):
        found = SearchService(cache, extractors=verification.SEARCH_EXTRACTORS).search(scanned)
        assert [h.name for h in found.hits] == ["王建国"]
