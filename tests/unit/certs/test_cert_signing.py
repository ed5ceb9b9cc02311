"""The signed QR token: size, keys on disk, and a verifier that tells each kind of forgery apart."""

from __future__ import annotations

import datetime as dt
import hashlib
import stat
import sys
from pathlib import Path

import pytest

from desktop_app.certs.qr import qr_modules
from desktop_app.certs.signing import (
    DEFAULT_VERIFY_BASE,
    KeyStore,
    Reason,
    decode,
    extract_token,
    make_qr_text,
    make_token,
    qr_findings,
    verify,
)
from desktop_app.domain.rules import default_rules
from desktop_app.errors import KnownError

TODAY = dt.date(2024, 6, 1)
UNTIL = dt.date(2026, 5, 19)
ID = "37021119850715392X"


@pytest.fixture
def store(tmp_path: Path) -> KeyStore:
    return KeyStore.for_workspace(tmp_path)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_keys_are_owner_only_and_stable(store: KeyStore) -> None:
    key = store.current()
    assert stat.S_IMODE(store.folder.stat().st_mode) == 0o700
    for path in store.folder.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
    assert store.current().public_bytes == key.public_bytes  # loaded, not recreated
    assert key.key_id == hashlib.sha256(key.public_bytes).digest()[:4].hex()
    assert store.public_keys() == {key.key_id: key.public_bytes}
    rotated = store.create()
    assert store.current().key_id == rotated.key_id and set(store.public_keys()) == {key.key_id, rotated.key_id}
    (store.folder / f"{rotated.key_id}.key").unlink()
    with pytest.raises(KnownError, match="备份"):
        store.current()  # a lost key is reported, never silently replaced


@pytest.mark.parametrize(("number", "expected"), [
    ("鲁A4T2019000123", "鲁A052019000123"),  # old work-type code: signed as the new number
    ("鲁建安C(2015)0000001", "鲁建安C3（2015）0000001"),  # C → C3
    ("鲁建安A（2019）0001234", "鲁建安A（2019）0001234"),
    ("鲁R992023999999", "鲁R992023999999"),
])
def test_token_is_short_and_round_trips(store: KeyStore, number: str, expected: str) -> None:
    text = make_qr_text(number, ID, UNTIL, "3717", store.current())
    assert text.startswith(DEFAULT_VERIFY_BASE) and len(text) <= 150
    assert len(qr_modules(text, "M")) <= 49  # version 8 or lower: 0.44 mm modules in the 25 mm box
    verdict = verify(text, store.public_keys(), TODAY)
    assert verdict.genuine and verdict.claims is not None
    assert verdict.claims.as_json() | {"id_hash": ""} == {
        "number": expected, "id_hash": "", "valid_until": "2026-05-19", "issuer_code": "3717",
        "key_id": store.current().key_id}
    assert verdict.claims.matches_id(ID.lower()) and not verdict.claims.matches_id("370211198507153911")


def test_each_verdict_has_its_own_reason(store: KeyStore, tmp_path: Path) -> None:
    text = make_qr_text("鲁A052019000123", ID, UNTIL, "3701", store.current())
    trusted = store.public_keys()
    stranger = KeyStore(tmp_path / "stranger")
    stranger_text = make_qr_text("鲁A052019000123", ID, UNTIL, "3701", stranger.current())
    states = {"鲁A052019000123": "cancelled"}
    cases = {
        Reason.GENUINE: verify(text, trusted, TODAY, lambda _n: "valid"),
        Reason.TAMPERED: verify(text[:-10] + ("x" if text[-10] != "x" else "y") + text[-9:], trusted, TODAY),
        Reason.UNKNOWN_KEY: verify(stranger_text, trusted, TODAY),
        Reason.EXPIRED: verify(text, trusted, UNTIL + dt.timedelta(days=1)),
        Reason.REVOKED: verify(text, trusted, TODAY, states.get),
        Reason.NOT_CERTDESK: verify("1.2.156.3005.2.11100000000013338W032.11370100004188068G.A05.001.X", trusted,
                                    TODAY),
    }
    for reason, verdict in cases.items():
        assert verdict.reason == reason and verdict.genuine == (reason == Reason.GENUINE), (reason, verdict)
    assert cases[Reason.REVOKED].state == "cancelled"
    assert verify(text, trusted, UNTIL).genuine  # valid through the last day
    assert len({v.message for v in cases.values()}) == len(cases)


def test_no_single_character_change_passes(store: KeyStore) -> None:
    text = make_qr_text("鲁建安B（2020）0000042", ID, UNTIL, "3702", store.current())
    trusted = store.public_keys()
    start = len(DEFAULT_VERIFY_BASE)
    for i in range(start, len(text)):
        replacement = "A" if text[i] != "A" else "B"
        verdict = verify(text[:i] + replacement + text[i + 1:], trusted, TODAY)
        assert not verdict.genuine, i
        assert verdict.reason in (Reason.TAMPERED, Reason.UNKNOWN_KEY, Reason.NOT_CERTDESK)


@pytest.mark.parametrize("text", ["", "鲁A052019000123", "https://zlaq.mohurd.gov.cn/?t=abc", "hello world",
                                  "https://verify.example/c?t=" + "A" * 116, "B" * 300])
def test_foreign_texts_are_not_certdesk_codes(store: KeyStore, text: str) -> None:
    verdict = verify(text, store.public_keys(), TODAY)
    assert verdict.reason == Reason.NOT_CERTDESK and not verdict.genuine and verdict.claims is None


def test_any_base_and_the_bare_token_verify(store: KeyStore) -> None:
    key = store.current()
    token = make_token("鲁A052019000123", ID, UNTIL, "3701", key)
    for text in (token, f"https://zjt.example.gov.cn/verify/{token}", f"HTTPS://x.example/#{token}",
                 make_qr_text("鲁A052019000123", ID, UNTIL, "3701", key, base="https://a.example/v?x=1&t=")):
        assert extract_token(text) == token
        assert verify(text, store.public_keys(), TODAY).genuine


def test_bad_inputs_are_refused_when_signing(store: KeyStore) -> None:
    key = store.current()
    with pytest.raises(ValueError, match="issuer code"):
        make_token("鲁A052019000123", ID, UNTIL, "济南", key)
    with pytest.raises(ValueError, match="valid_until"):
        make_token("鲁A052019000123", ID, dt.date(1999, 1, 1), "3701", key)


def test_search_finds_the_certificate_behind_a_code(store: KeyStore) -> None:
    text = make_qr_text("鲁A4T2019000123", ID, UNTIL, "3701", store.current())
    assert qr_findings(text, default_rules()).new_numbers == ("鲁A052019000123",)
    assert not qr_findings("not a code", default_rules())
    decoded = decode(text)
    assert decoded is not None and decoded[0].number == "鲁A052019000123"
