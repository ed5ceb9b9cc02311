"""The administration services on a real cache with accounts (ctx.admin): every call works for an admin
and is audited (entity "admin", never a secret), is refused for the other roles with PermissionDenied,
and refuses bad input with a clear message: seals that are not transparent square PNGs, a wrong USCC,
an http verification address or sync server; signing keys rotate (the old key still verifies) and are
revoked; backup and restore round-trip, restore refuses a damaged file and a folder in use."""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import load_pem_public_key
from PIL import Image, ImageDraw

from desktop_app.certs.signing import KeyStore
from desktop_app.errors import KnownError, PermissionDenied
from desktop_app.paths import database_path
from desktop_app.services import issuance, verification, workshop
from desktop_app.services.context import Actor, WorkspaceContext
from desktop_app.store.engine import open_cache
from tests.helpers.search_fixtures import uscc
from tests.unit.certs.test_cert_render import make_seal_png
from tests.unit.services.test_issuance import TODAY, build

JINAN = "济南市住房和城乡建设局"
HEZE = "菏泽市住房和城乡建设局"
NUMBER_A = "鲁建安A（2018）0000042"
NUMBER_C = "鲁建安C（2016）0001234"
JINAN_USCC = uscc("MA3C0900")
PASSWORDS = {"admin1": "password-1", "counter1": "password-2", "officer1": "password-3", "super1": "password-4"}
ROLES = {"admin1": "admin", "counter1": "counter", "officer1": "officer", "super1": "supervisor"}


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A filled workspace with one account per role (the admin first)."""
    monkeypatch.setenv("CERTDESK_NO_KEYRING", "1")
    cache = build(tmp_path)
    data_dir = cache.path.parent
    cache.close()
    ctx = WorkspaceContext.open(data_dir, actor=Actor(""), today=TODAY)
    try:
        for user in PASSWORDS:
            if user == "admin1":
                ctx.accounts.add(user, ROLES[user], PASSWORDS[user], "管理员")
                ctx.accounts.sign_in(user, PASSWORDS[user])
            else:
                ctx.accounts.add(user, ROLES[user], PASSWORDS[user])
    finally:
        ctx.close()
    return data_dir


def signed_in(folder: Path, user: str) -> WorkspaceContext:
    ctx = WorkspaceContext.open(folder, actor=Actor(""), today=TODAY)
    ctx.accounts.sign_in(user, PASSWORDS[user])
    return ctx


@pytest.fixture
def admin(folder: Path) -> Iterator[WorkspaceContext]:
    ctx = signed_in(folder, "admin1")
    yield ctx
    ctx.close()


def audit(ctx: WorkspaceContext) -> list[tuple[str, str, str, str | None, str | None]]:
    with sqlite3.connect(ctx.cache.path) as conn:
        return conn.execute("SELECT operator, entity_key, field, old_value, new_value FROM audit_log "
                            "WHERE entity = 'admin' ORDER BY id").fetchall()


def png(size: tuple[int, int] = (600, 600), mode: str = "RGBA", opaque: bool = False, fmt: str = "PNG") -> bytes:
    background = {"RGBA": (0, 0, 0, 255 if opaque else 0), "RGB": (255, 255, 255), "LA": (0, 0)}[mode]
    image = Image.new(mode, size, background)  # type: ignore[arg-type]
    ink = {"RGBA": (220, 0, 0, 255), "RGB": (220, 0, 0), "LA": (80, 255)}[mode]
    ImageDraw.Draw(image).ellipse((4, 4, size[0] - 4, size[1] - 4), outline=ink, width=18)  # type: ignore[arg-type]
    out = io.BytesIO()
    image.save(out, fmt)
    return out.getvalue()


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- every call, as an admin, audited ---------------------------------------------------------------------


def test_every_admin_call_works_and_is_audited(admin: WorkspaceContext, tmp_path: Path) -> None:
    info = admin.admin.set_seal(JINAN, write(tmp_path, "seal.png", make_seal_png()))
    assert (info.width, info.height) == (600, 600)
    assert (admin.data_dir / workshop.SEALS_DIR / f"{JINAN}.png").read_bytes() == make_seal_png()
    code = admin.admin.set_issuer_uscc(JINAN, JINAN_USCC.lower())
    assert (code.uscc, code.specimen) == (JINAN_USCC, False)
    assert admin.admin.set_verify_base(" https://zjt.shandong.gov.cn/verify?t= ") == "https://zjt.shandong.gov.cn/verify?t="
    first = admin.admin.rotate_key()
    second = admin.admin.rotate_key()
    pem = admin.admin.export_public_key(first.key_id, tmp_path / "first.pem")
    admin.admin.revoke_key(first.key_id)
    admin.admin.set_printer_offset("Office Printer", 1.25, -0.5)
    admin.admin.configure_sync("https://sync.example.cn/", "bureau-secret-token-123", "")
    size = admin.admin.backup(tmp_path / "backup.sqlite3")
    admin.admin.restore(tmp_path / "backup.sqlite3", tmp_path / "restored")

    assert pem.read_bytes().startswith(b"-----BEGIN PUBLIC KEY-----") and size > 0
    entries = audit(admin)
    assert {e[0] for e in entries} == {"admin1"}
    fields = [(key, field) for _, key, field, _, _ in entries]
    assert fields == [
        (JINAN, "seal"), (JINAN, "issuer_uscc"), ("verify_base", "verify_base"),
        (first.key_id, "signing_key"), (second.key_id, "signing_key"), (first.key_id, "public_key_export"),
        (first.key_id, "revoked_at"), ("Office Printer", "printer_offset"), ("sync", "sync_server"),
        ("sync", "sync_token"), ("backup", "backup"), ("restore", "restore")]
    values = {(key, field): (old, new) for _, key, field, old, new in entries}
    assert values[(JINAN, "seal")][0] is None and "600×600" in (values[(JINAN, "seal")][1] or "")
    assert values[(JINAN, "issuer_uscc")][1] == JINAN_USCC and "（样本）" in (values[(JINAN, "issuer_uscc")][0] or "")
    assert values[(second.key_id, "signing_key")] == (first.key_id, second.key_id)
    assert values[("Office Printer", "printer_offset")] == (None, "x=1.25 mm, y=-0.5 mm")
    assert values[("sync", "sync_server")] == (None, "https://sync.example.cn")
    text = repr(entries)
    assert "bureau-secret-token" not in text  # never the token, …
    for key_file in (admin.data_dir / "keys").glob("*.key"):  # … nor a private key
        assert key_file.read_bytes().hex() not in text
    assert admin.admin.sync_settings().token_masked.startswith("bureau-s")


@pytest.mark.parametrize("user", ["counter1", "officer1", "super1"])
def test_other_roles_are_refused_and_nothing_changes(folder: Path, tmp_path: Path, user: str) -> None:
    seal = write(tmp_path, "seal.png", make_seal_png())
    ctx = signed_in(folder, user)
    try:
        calls = [
            lambda: ctx.admin.units(), lambda: ctx.admin.set_seal(JINAN, seal), lambda: ctx.admin.remove_seal(JINAN),
            lambda: ctx.admin.set_issuer_uscc(JINAN, JINAN_USCC), lambda: ctx.admin.verify_base(),
            lambda: ctx.admin.set_verify_base("https://a.example/v?t="), lambda: ctx.admin.key_list(),
            lambda: ctx.admin.rotate_key(), lambda: ctx.admin.export_public_key("00", tmp_path / "k.pem"),
            lambda: ctx.admin.revoke_key("00"), lambda: ctx.admin.printer_offsets(),
            lambda: ctx.admin.set_printer_offset("P", 1, 1), lambda: ctx.admin.sync_settings(),
            lambda: ctx.admin.configure_sync("https://s.example", "tok-12345678", ""),
            lambda: ctx.admin.backup(tmp_path / "b.sqlite3"), lambda: ctx.admin.restore(tmp_path / "b", tmp_path / "r"),
            lambda: ctx.accounts.add("someone", "counter", "password-9"),
            lambda: ctx.accounts.reset_password("counter1"),
        ]
        for call in calls:
            with pytest.raises(PermissionDenied) as caught:
                call()
            assert "权限不足" in str(caught.value) and "系统管理员" in str(caught.value)
        assert audit(ctx) == []
        assert not (folder / workshop.SEALS_DIR).exists() and not (folder / "keys").exists()
        assert not (tmp_path / "b.sqlite3").exists() and not (folder / workshop.ISSUER_CODES_FILE).exists()
    finally:
        ctx.close()


# --- refusals with clear messages --------------------------------------------------------------------------


@pytest.mark.parametrize(("data", "words"), [
    (png(fmt="JPEG", mode="RGB"), ["不是 PNG", "JPEG"]),
    (b"hello, not an image at all", ["不是 PNG"]),
    (make_seal_png()[:300], ["不是 PNG"]),  # a damaged PNG
    (png(mode="RGB"), ["没有透明通道", "RGB"]),
    (png(opaque=True), ["没有任何透明的像素"]),
    (png(size=(120, 120)), ["120 × 120", "300"]),
    (png(size=(600, 400)), ["不是正方形"]),
])
def test_unfit_seals_are_refused_with_a_clear_message(admin: WorkspaceContext, tmp_path: Path, data: bytes,
                                                      words: list[str]) -> None:
    with pytest.raises(KnownError) as caught:
        admin.admin.set_seal(JINAN, write(tmp_path, "chosen.png", data))
    assert all(word in str(caught.value) for word in words), str(caught.value)
    assert "chosen.png" in str(caught.value)
    assert not (admin.data_dir / workshop.SEALS_DIR / f"{JINAN}.png").exists() and audit(admin) == []


def test_a_grey_alpha_seal_is_stored_as_rgba_and_a_seal_can_be_removed(admin: WorkspaceContext,
                                                                         tmp_path: Path) -> None:
    admin.admin.set_seal(HEZE, write(tmp_path, "grey.png", png(mode="LA")))
    stored = admin.data_dir / workshop.SEALS_DIR / f"{HEZE}.png"
    with Image.open(stored) as image:
        assert image.mode == "RGBA"
    [heze] = [u for u in admin.admin.units() if u.unit == HEZE]
    assert heze.seal == stored.read_bytes() and heze.seal_problem is None and not heze.ready
    assert admin.admin.remove_seal(HEZE) and not stored.exists() and not admin.admin.remove_seal(HEZE)
    assert [f for _, k, f, _, new in audit(admin) if k == HEZE] == ["seal", "seal"] and audit(admin)[-1][4] is None


def test_a_missing_seal_file_is_a_clear_message(admin: WorkspaceContext, tmp_path: Path) -> None:
    with pytest.raises(KnownError, match="无法读取印章文件"):
        admin.admin.set_seal(JINAN, tmp_path / "nowhere.png")
    with pytest.raises(KnownError, match="不在发证机关表"):
        admin.admin.set_seal("某某市住建局", write(tmp_path, "seal.png", make_seal_png()))


def test_a_wrong_uscc_is_refused_and_a_real_one_replaces_the_specimen(admin: WorkspaceContext) -> None:
    wrong = JINAN_USCC[:-1] + ("0" if JINAN_USCC[-1] != "0" else "1")
    with pytest.raises(KnownError) as caught:
        admin.admin.set_issuer_uscc(JINAN, wrong)
    assert JINAN in str(caught.value) and "统一社会信用代码" in str(caught.value) and "校验" in str(caught.value)
    with pytest.raises(KnownError, match="统一社会信用代码"):
        admin.admin.set_issuer_uscc(JINAN, "12345")
    assert not (admin.data_dir / workshop.ISSUER_CODES_FILE).exists()

    admin.admin.set_issuer_uscc(JINAN, JINAN_USCC)
    codes = workshop.load_issuer_codes(admin.data_dir / workshop.ISSUER_CODES_FILE)
    assert len(codes) == len(admin.rules.units)  # the other units keep their (specimen) codes
    assert (codes[JINAN].uscc, codes[JINAN].specimen) == (JINAN_USCC, False) and codes[HEZE].specimen
    with pytest.raises(KnownError, match="已是 济南市住房和城乡建设局 的代码"):
        admin.admin.set_issuer_uscc(HEZE, JINAN_USCC)
    [jinan] = [u for u in admin.admin.units() if u.unit == JINAN]
    assert (jinan.uscc, jinan.specimen_code) == (JINAN_USCC, False)
    issued = issuance.generate(admin.cache, NUMBER_A, "张三", TODAY)  # the identifier carries the real code
    assert f".{JINAN_USCC}." in issued.ecert_id


@pytest.mark.parametrize("base", ["http://zjt.shandong.gov.cn/verify?t=", "ftp://x/", "https://", "https://a b/"])
def test_an_address_that_is_not_https_is_refused(admin: WorkspaceContext, base: str) -> None:
    with pytest.raises(KnownError) as caught:
        admin.admin.set_verify_base(base)
    assert "https://" in str(caught.value) and caught.value.hint
    assert admin.admin.verify_base() == "" and audit(admin) == []


def test_the_verification_address_is_what_new_codes_carry_and_can_be_cleared(admin: WorkspaceContext) -> None:
    admin.admin.set_verify_base("https://zjt.shandong.gov.cn/verify?t=")
    assert workshop.Workshop(admin.data_dir).verify_base == "https://zjt.shandong.gov.cn/verify?t="
    issued = issuance.generate(admin.cache, NUMBER_A, "张三", TODAY)
    assert issued.qr_text.startswith("https://zjt.shandong.gov.cn/verify?t=")
    assert admin.admin.set_verify_base("") == ""
    assert issuance.generate(admin.cache, NUMBER_C, "张三", TODAY).qr_text.startswith("CERTDESK-VERIFY:")
    assert [e[3:] for e in audit(admin)] == [(None, "https://zjt.shandong.gov.cn/verify?t="),
                                             ("https://zjt.shandong.gov.cn/verify?t=", None)]


def test_the_sync_server_must_be_https_and_the_ca_file_must_exist(admin: WorkspaceContext, tmp_path: Path) -> None:
    with pytest.raises(KnownError, match="https://"):
        admin.admin.configure_sync("http://sync.example.cn", None, "")
    with pytest.raises(KnownError, match="CA 证书文件"):
        admin.admin.configure_sync("https://sync.example.cn", None, str(tmp_path / "missing.pem"))
    assert admin.settings.sync_server == "" and audit(admin) == []
    ca = write(tmp_path, "ca.pem", b"-----BEGIN CERTIFICATE-----\n")
    shown = admin.admin.configure_sync("http://127.0.0.1:8765", "", str(ca))  # a test server on this machine
    assert (shown.server, shown.ca_bundle, shown.token_masked) == ("http://127.0.0.1:8765", str(ca), "")
    assert [e[2] for e in audit(admin)] == ["sync_server", "sync_ca_bundle"]  # no token typed: none replaced


def test_bad_printer_offsets_are_refused(admin: WorkspaceContext) -> None:
    with pytest.raises(KnownError, match="30"):
        admin.admin.set_printer_offset("Office Printer", 31, 0)
    with pytest.raises(KnownError):
        admin.admin.set_printer_offset("  ", 1, 0)
    admin.admin.set_printer_offset("Office Printer", 0.4, 0.2)
    admin.admin.set_printer_offset("Office Printer", 0.4, 0.2)  # unchanged: no second entry
    assert admin.printing.printer_offset("Office Printer").x_mm == 0.4 and len(audit(admin)) == 1
    assert set(admin.admin.printer_offsets()) == {"Office Printer"}


def test_the_default_offset_serves_every_printer_not_calibrated_alone(admin: WorkspaceContext) -> None:
    from desktop_app.services.printing import DEFAULT_PRINTER

    assert admin.printing.printer_offset("New Printer").x_mm == 0
    admin.admin.set_printer_offset(DEFAULT_PRINTER, -0.6, 0.3)
    admin.admin.set_printer_offset("Office Printer", 0.4, 0.2)
    assert (admin.printing.printer_offset("New Printer").x_mm, admin.printing.printer_offset("New Printer").y_mm) \
        == (-0.6, 0.3)
    assert admin.printing.printer_offset("Office Printer").x_mm == 0.4  # its own calibration comes first


# --- signing keys ---------------------------------------------------------------------------------------------


def test_rotating_keeps_the_old_key_verifiable_and_revoking_stops_it(admin: WorkspaceContext, tmp_path: Path) -> None:
    old_code = issuance.generate(admin.cache, NUMBER_A, "张三", TODAY).qr_text  # signed with the first key
    first = KeyStore.for_workspace(admin.data_dir).current()
    rotated = admin.admin.rotate_key()
    assert rotated.key_id != first.key_id
    assert KeyStore.for_workspace(admin.data_dir).current().key_id == rotated.key_id
    new_code = issuance.generate(admin.cache, NUMBER_C, "张三", TODAY).qr_text
    assert verification.verify_text(admin.cache, old_code, TODAY)["genuine"]
    assert verification.verify_text(admin.cache, new_code, TODAY)["genuine"]
    assert verification.verify_text(admin.cache, new_code, TODAY)["claims"]["key_id"] == rotated.key_id

    rows = admin.admin.key_list()
    assert [(r.key_id, r.current, r.local, r.revoked_at) for r in rows] == [
        (rotated.key_id, True, True, None), (first.key_id, False, True, None)]
    with pytest.raises(KnownError, match="当前的签名密钥") as caught:
        admin.admin.revoke_key(rotated.key_id)
    assert "轮换" in (caught.value.hint or "")
    with pytest.raises(KnownError, match="没有编号"):
        admin.admin.revoke_key("deadbeef")

    at = admin.admin.revoke_key(first.key_id)
    assert verification.verify_text(admin.cache, old_code, TODAY)["reason"] == "unknown_key"
    assert verification.verify_text(admin.cache, new_code, TODAY)["genuine"]
    assert [r.revoked_at for r in admin.admin.key_list()] == [None, at]
    with pytest.raises(KnownError, match="已于"):
        admin.admin.revoke_key(first.key_id)


def test_the_first_key_and_the_public_key_export(admin: WorkspaceContext, tmp_path: Path) -> None:
    assert admin.admin.key_list() == []  # listing creates nothing
    key = admin.admin.rotate_key()
    [row] = admin.admin.key_list()
    assert (row.key_id, row.current, row.source) == (key.key_id, True, "local")
    pem = admin.admin.export_public_key(key.key_id, tmp_path / "out" / "certdesk.pem")
    loaded = load_pem_public_key(pem.read_bytes())
    assert loaded.public_bytes_raw() == key.public_bytes  # type: ignore[union-attr]
    raw = admin.admin.export_public_key(key.key_id, tmp_path / "certdesk.pub")
    assert raw.read_bytes() == key.public_bytes and b"PRIVATE" not in pem.read_bytes()
    assert verification.add_trusted_key(admin.cache, raw.read_bytes(), JINAN) == key.key_id  # what another desk imports
    with pytest.raises(KnownError, match="没有编号"):
        admin.admin.export_public_key("0badc0de", tmp_path / "x.pem")


# --- backup and restore ----------------------------------------------------------------------------------------


def persons(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT count(*) FROM persons").fetchone()[0]


def test_backup_and_restore_round_trip(admin: WorkspaceContext, tmp_path: Path) -> None:
    target = tmp_path / "backups" / "certdesk-backup.sqlite3"
    size = admin.admin.backup(target)
    assert size == target.stat().st_size and target.stat().st_mode & 0o077 == 0
    with pytest.raises(KnownError, match="已存在"):
        admin.admin.backup(target)
    restored = admin.admin.restore(target, tmp_path / "restored")
    assert restored == database_path(tmp_path / "restored")
    with sqlite3.connect(restored) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert persons(restored) == persons(admin.cache.path) > 0
    cache = open_cache(tmp_path / "restored")  # the restored workspace opens (and migrates) like any other
    cache.close()
    ctx = WorkspaceContext.open(tmp_path / "restored", actor=Actor(""), today=TODAY)
    try:
        assert ctx.accounts.sign_in("admin1", PASSWORDS["admin1"]).role == "admin"  # the accounts came along
    finally:
        ctx.close()


def test_restore_refuses_a_damaged_file_and_a_folder_in_use(admin: WorkspaceContext, tmp_path: Path) -> None:
    target = tmp_path / "backup.sqlite3"
    admin.admin.backup(target)
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(target.read_bytes()[: target.stat().st_size // 2])
    with pytest.raises(KnownError) as caught:
        admin.admin.restore(damaged, tmp_path / "new-1")
    assert "damaged.sqlite3" in str(caught.value) and ("损坏" in str(caught.value) or "不是" in str(caught.value))
    assert not database_path(tmp_path / "new-1").exists()
    with pytest.raises(KnownError, match="不是 CertDesk 的缓存备份"):
        admin.admin.restore(write(tmp_path, "notes.txt", b"just text"), tmp_path / "new-2")
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "something.txt").write_text("x")
    with pytest.raises(KnownError, match="不是空的"):
        admin.admin.restore(target, busy)
    assert [e[2] for e in audit(admin)] == ["backup"]  # refused restores wrote nothing
