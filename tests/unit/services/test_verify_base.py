"""The QR code never points to a made-up host: without a configured verification address it holds the
signed token in CertDesk's own form; an administrator's https address is used and verified; a broken
one refuses generation with the fix named."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop_app.errors import KnownError
from desktop_app.services import issuance, verification
from desktop_app.settings import load_settings, save_settings
from tests.unit.services.test_issuance import TODAY, build

NUMBER = "鲁建安A（2018）0000042"


def _configure(data_dir: Path, base: str) -> None:
    settings = load_settings(data_dir)
    settings.verify_base = base
    save_settings(data_dir, settings)


def test_without_an_address_the_qr_holds_the_token_in_certdesks_form(tmp_path: Path) -> None:
    cache = build(tmp_path)
    issued = issuance.generate(cache, NUMBER, "张三", TODAY)
    assert issued.qr_text.startswith("CERTDESK-VERIFY:") and "http" not in issued.qr_text
    assert verification.verify_text(cache, issued.qr_text, TODAY)["genuine"]


def test_a_configured_address_is_printed_and_verified(tmp_path: Path) -> None:
    cache = build(tmp_path)
    _configure(cache.path.parent, "https://zjt.shandong.gov.cn/verify?t=")
    issued = issuance.generate(cache, NUMBER, "张三", TODAY)
    assert issued.qr_text.startswith("https://zjt.shandong.gov.cn/verify?t=")
    assert verification.verify_text(cache, issued.qr_text, TODAY)["genuine"]
    token = issued.qr_text.split("t=", 1)[1]
    elsewhere = verification.verify_text(cache, f"https://elsewhere.example/verify?t={token}", TODAY)
    assert not elsewhere["genuine"] and elsewhere["reason"] == "foreign_address"


@pytest.mark.parametrize("base", ["http://insecure.example/c?t=", "verify here", "https:///c?t="])
def test_a_broken_address_refuses_generation_and_names_the_fix(tmp_path: Path, base: str) -> None:
    cache = build(tmp_path)
    _configure(cache.path.parent, base)
    with pytest.raises(KnownError) as caught:
        issuance.generate(cache, NUMBER, "张三", TODAY)
    assert "https://" in str(caught.value) and caught.value.hint
    with sqlite3.connect(cache.path) as conn:  # nothing was written
        assert conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0
