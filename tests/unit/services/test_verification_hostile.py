"""The address around a genuine token is verified (issue 9), and hostile texts or cache values never
crash or stall the verifier: the real verifier, the `verify` command and the search box."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import time
from pathlib import Path

import pytest

from desktop_app.certs.signing import DEFAULT_VERIFY_BASE, extract_token
from desktop_app.services import issuance, verification
from desktop_app.services.search import SearchService
from desktop_app.settings import load_settings, save_settings
from desktop_app.store.engine import Cache
from tests.helpers.cli import run_cli
from tests.helpers.search_fixtures import TODAY
from tests.unit.services.test_issuance import build

NUMBER = "鲁A4T2019000123"
NEW = "鲁A052019000123"

OUR_BASE = "https://verify.example/c?t="


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> tuple[Cache, str]:
    cache = build(tmp_path_factory.mktemp("verify-hostile"))
    settings = load_settings(cache.path.parent)
    settings.verify_base = OUR_BASE  # the administrator's address: what the variants below imitate
    save_settings(cache.path.parent, settings)
    issued = issuance.generate(cache, NUMBER, "张三", TODAY)
    assert issued.qr_text.startswith(OUR_BASE)
    return cache, issued.qr_text


def token_of(text: str) -> str:
    token = extract_token(text)
    assert token is not None
    return token


def test_a_genuine_token_in_a_foreign_address_is_reported_as_such(workspace: tuple[Cache, str]) -> None:
    cache, text = workspace
    token = token_of(text)
    foreign = [f"https://evil.example/c?t={token}", f"https://verify.example.evil.com/c?t={token}",
               f"https://verify.example@evil.com/c?t={token}", f"http://verify.example/c?t={token}",
               f"https://verify.example/d?t={token}", f"{text}&next=https://evil.example",
               f"https://evil.example/#{token}"]
    for variant in foreign:
        verdict = verification.verify_text(cache, variant, TODAY)
        assert not verdict["genuine"] and verdict["reason"] == "foreign_address", variant
        assert verdict["certificate"] is None and verdict["claims"]["number"] == NEW  # no credibility lent
        assert "不是本系统的验证地址" in verdict["message"]
    for ours in (text, token, f"  {text}\n", "HTTPS://VERIFY.EXAMPLE/c?t=" + token):
        verdict = verification.verify_text(cache, ours, TODAY)
        assert verdict["genuine"] and verdict["reason"] == "genuine", ours


def test_the_verify_command_exits_1_for_a_foreign_address(workspace: tuple[Cache, str]) -> None:
    cache, text = workspace
    done = run_cli("--data-dir", str(cache.path.parent), "verify", f"https://evil.example/c?t={token_of(text)}",
                   "--today", TODAY.isoformat())
    verdict = json.loads(done.stdout)
    assert done.returncode == 1 and not done.stderr and verdict["reason"] == "foreign_address"
    assert not verdict["genuine"] and verdict["certificate"] is None


def test_the_address_the_cache_printed_stays_ours(tmp_path: Path) -> None:
    """A code printed here under an earlier verification base: its exact text is in the cache."""
    cache = build(tmp_path)
    token = token_of(issuance.generate(cache, NUMBER, "张三", TODAY).qr_text)
    earlier = f"https://zjt.shandong.example/verify/{token}"
    with sqlite3.connect(cache.path) as conn:
        conn.execute("UPDATE certificates SET qr_text = ? WHERE new_number = ?", (earlier, NEW))
    assert verification.verify_text(cache, earlier, TODAY)["genuine"]
    assert verification.verify_text(cache, DEFAULT_VERIFY_BASE + token, TODAY)["genuine"]
    assert verification.verify_text(cache, f"https://evil.example/verify/{token}", TODAY)["reason"] == \
        "foreign_address"


def test_forgeries_are_still_judged_before_the_address(workspace: tuple[Cache, str]) -> None:
    cache, text = workspace
    token = token_of(text)
    flipped = token[:50] + ("A" if token[50] != "A" else "B") + token[51:]
    assert verification.verify_text(cache, f"https://evil.example/c?t={flipped}", TODAY)["reason"] == "tampered"
    assert verification.verify_text(cache, text, dt.date(2035, 1, 1))["reason"] == "expired"


def test_unknown_state_and_unreadable_rows_are_verdicts(tmp_path: Path) -> None:
    cache = build(tmp_path)
    text = issuance.generate(cache, NUMBER, "张三", TODAY).qr_text
    with sqlite3.connect(cache.path) as conn:
        conn.execute("UPDATE certificates SET state = 'zombie' WHERE new_number = ?", (NEW,))
    verdict = verification.verify_text(cache, text, TODAY)
    assert not verdict["genuine"] and "zombie" in verdict["message"] and verdict["certificate"] is None
    with sqlite3.connect(cache.path) as conn:
        conn.execute("UPDATE certificates SET state = 'valid', valid_until = '2024-02-30' WHERE new_number = ?",
                     (NEW,))
    verdict = verification.verify_text(cache, text, TODAY)
    assert not verdict["genuine"] and "记录有误" in verdict["message"]
    done = run_cli("--data-dir", str(cache.path.parent), "verify", text, "--today", TODAY.isoformat())
    assert done.returncode == 1 and not done.stderr and not json.loads(done.stdout)["genuine"]


@pytest.mark.parametrize("text", ["A" * 100_000 + "!", "https://verify.example/c?t=" + "A" * 200_000,
                                  "1.2.156.3005.2." + "9" * 50_000, "?" * 50_000, "\x00" * 10_000])
def test_huge_pasted_texts_are_answered_at_once(workspace: tuple[Cache, str], text: str) -> None:
    cache, _text = workspace
    started = time.perf_counter()
    verdict = verification.verify_text(cache, text, TODAY)
    SearchService(cache, extractors=verification.SEARCH_EXTRACTORS).search(text[:20_000])
    assert not verdict["genuine"] and time.perf_counter() - started < 2.0  # the old regex took 30 s for 100 KB
