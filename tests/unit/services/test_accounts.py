"""Accounts: argon2id hashes, lockout after N wrong passwords, disabled accounts, the last admin kept,
the signed-in account named in audit, outbox and print-log entries, the hash never logged or exported,
and a backup taken while a batch generation writes that is a consistent snapshot."""

from __future__ import annotations

import datetime as dt
import json
import logging
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app import demo
from desktop_app.domain.roles import default_roles
from desktop_app.errors import KnownError
from desktop_app.logs import setup_logging
from desktop_app.services import accounts
from desktop_app.services.batch_types import BatchOptions
from desktop_app.services.context import Actor, WorkspaceContext

TODAY = dt.date(2026, 12, 2)
ROLES = default_roles()
POLICY = ROLES.policy
JINAN = "济南市住房和城乡建设局"


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[WorkspaceContext]:
    source = tmp_path / "demo.jsonl"
    demo.write_jsonl(source, 400, seed=17, photo_fraction=1.0, today=TODAY)
    context = WorkspaceContext.open(tmp_path / "ws", actor=Actor(""), today=TODAY)
    context.workspace.import_jsonl(source)
    context.accounts.add("admin", "admin", "admin-password", "管理员")
    context.accounts.sign_in("admin", "admin-password")
    context.accounts.add("counter1", "counter", "counter-password", "窗口一")
    yield context
    context.close()


def _sql(ctx: WorkspaceContext, query: str, *params: object) -> list[tuple[object, ...]]:
    with sqlite3.connect(ctx.cache.path) as conn:
        return conn.execute(query, params).fetchall()


def test_the_password_is_stored_only_as_an_argon2id_hash(ctx: WorkspaceContext) -> None:
    [(stored,)] = _sql(ctx, "SELECT password_hash FROM accounts WHERE user_name = 'counter1'")
    assert str(stored).startswith("$argon2id$") and "counter-password" not in str(stored)


def test_wrong_passwords_lock_the_account_for_a_while(ctx: WorkspaceContext) -> None:
    now = dt.datetime(2026, 12, 2, 9, 0)
    for left in range(POLICY.max_failed_attempts - 1, 0, -1):
        with pytest.raises(KnownError, match=f"再错 {left} 次"):
            accounts.sign_in(ctx.cache, ROLES, "counter1", "wrong", now)
    with pytest.raises(KnownError, match="已锁定"):
        accounts.sign_in(ctx.cache, ROLES, "counter1", "wrong", now)
    with pytest.raises(KnownError, match="账号已锁定"):  # even the right password, while locked
        accounts.sign_in(ctx.cache, ROLES, "counter1", "counter-password", now + dt.timedelta(minutes=1))
    later = now + dt.timedelta(minutes=POLICY.lockout_minutes, seconds=1)
    assert accounts.sign_in(ctx.cache, ROLES, "counter1", "counter-password", later).role == "counter"
    assert _sql(ctx, "SELECT failed_attempts, locked_until FROM accounts WHERE user_name = 'counter1'") == [(0, None)]


def test_an_admin_reset_unlocks(ctx: WorkspaceContext) -> None:
    for _ in range(POLICY.max_failed_attempts):
        with pytest.raises(KnownError):
            accounts.sign_in(ctx.cache, ROLES, "counter1", "wrong")
    new = ctx.accounts.reset_password("counter1")
    assert len(new) >= POLICY.min_password_length
    assert ctx.accounts.sign_in("counter1", new).name == "counter1"


def test_unknown_user_and_wrong_password_read_the_same(ctx: WorkspaceContext) -> None:
    with pytest.raises(KnownError) as unknown:
        ctx.accounts.sign_in("nobody", "whatever-1")
    assert str(unknown.value) == "用户名或密码不正确"


def test_disabled_accounts_cannot_sign_in(ctx: WorkspaceContext) -> None:
    ctx.accounts.set_enabled("counter1", False)
    with pytest.raises(KnownError, match="已停用"):
        ctx.accounts.sign_in("counter1", "counter-password")


def test_the_last_admin_stays(ctx: WorkspaceContext) -> None:
    with pytest.raises(KnownError, match="最后一个"):
        ctx.accounts.set_enabled("admin", False)
    with pytest.raises(KnownError, match="最后一个"):
        ctx.accounts.set_role("admin", "counter")
    ctx.accounts.add("admin2", "admin", "second-admin", "")
    ctx.accounts.set_role("admin", "supervisor")  # another admin remains
    assert {r.user_name: r.role for r in accounts.accounts(ctx.cache)}["admin"] == "supervisor"


@pytest.mark.parametrize(("user", "role", "password", "reason"), [
    ("x", "counter", "long-enough", "用户名"), ("bad name", "counter", "long-enough", "用户名"),
    ("newbie", "clerk", "long-enough", "未知的角色"), ("newbie", "counter", "short", "至少"),
    ("newbie", "counter", " spaced-password ", "空格"), ("counter1", "counter", "long-enough", "已存在"),
])
def test_bad_accounts_are_refused(ctx: WorkspaceContext, user: str, role: str, password: str, reason: str) -> None:
    with pytest.raises(KnownError, match=reason):
        ctx.accounts.add(user, role, password)


def test_the_first_account_must_manage_accounts(tmp_path: Path) -> None:
    fresh = WorkspaceContext.open(tmp_path / "fresh", actor=Actor(""))
    try:
        with pytest.raises(KnownError, match="第一个账号"):
            fresh.accounts.add("clerk", "counter", "long-enough")
        assert not fresh.has_accounts
    finally:
        fresh.close()


def test_entries_name_the_signed_in_account(ctx: WorkspaceContext) -> None:
    ctx.accounts.sign_in("counter1", "counter-password")
    [(id_number,)] = _sql(ctx, "SELECT id_number FROM persons ORDER BY id LIMIT 1")
    person_id = ctx.edits.person_id_for(str(id_number))
    assert person_id is not None
    ctx.edits.save_person(person_id, ctx.edits.load_form(person_id).version, {"phone": "13900000009"}, "测试")
    assert _sql(ctx, "SELECT DISTINCT operator FROM audit_log WHERE person_id = ? AND source = 'local'",
                person_id) == [("counter1",)]
    changes = [json.loads(str(c)) for (c,) in _sql(ctx, "SELECT changes FROM outbox WHERE person_id = ?", person_id)]
    assert changes and all("counter1" in json.dumps(c, ensure_ascii=False) for c in changes)
    assert [r[0] for r in _sql(ctx, "SELECT operator FROM audit_log WHERE entity = 'account'")] == ["admin", "admin"]


def test_the_hash_is_never_logged_or_exported(ctx: WorkspaceContext, tmp_path: Path,
                                              caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    log_file = setup_logging(ctx.data_dir)
    ctx.accounts.sign_in("counter1", "counter-password")
    with pytest.raises(KnownError):
        ctx.accounts.sign_in("counter1", "not-the-password")
    ctx.accounts.sign_in("admin", "admin-password")
    ctx.accounts.reset_password("counter1", "another-password")
    listed = json.dumps([r.as_json() for r in ctx.accounts.list()], ensure_ascii=False)
    ctx.accounts.add("boss", "supervisor", "boss-password")
    ctx.accounts.sign_in("boss", "boss-password")
    hashes = [str(h) for (h,) in _sql(ctx, "SELECT password_hash FROM accounts")]
    exported = tmp_path / "records.jsonl"
    ctx.workspace.export_jsonl(exported)
    audit = json.dumps(_sql(ctx, "SELECT * FROM audit_log"), ensure_ascii=False, default=str)
    logged = (log_file.read_text(encoding="utf-8") if log_file and log_file.exists() else "") + caplog.text
    for text in (exported.read_text(encoding="utf-8"), listed, audit, logged):
        for secret in (*hashes, "$argon2", "counter-password", "not-the-password", "another-password",
                       "boss-password"):
            assert secret not in text


def test_a_backup_during_a_batch_generation_is_consistent(ctx: WorkspaceContext, tmp_path: Path) -> None:
    ctx.accounts.add("boss", "supervisor", "boss-password")
    ctx.accounts.sign_in("boss", "boss-password")
    errors: list[BaseException] = []
    # The batch waits at its start (its first progress report, before any transaction) until two
    # backups are taken, so the backups always overlap the run however fast this machine generates.
    two_backups = threading.Event()

    def wait_at_start(done: int, _total: int) -> None:
        if done == 0:
            two_backups.wait(timeout=60)

    def generate() -> None:
        try:
            ctx.batch.run(BatchOptions(unit=JINAN, out_dir=tmp_path / "pdfs", workers=1), progress=wait_at_start)
        except BaseException as exc:  # reported below
            errors.append(exc)

    worker = threading.Thread(target=generate)
    worker.start()
    copies = []
    try:
        while worker.is_alive() or not copies:
            copy = tmp_path / f"backup-{len(copies)}.sqlite3"
            ctx.accounts.sign_in("admin", "admin-password")
            ctx.admin.backup(copy)
            copies.append(copy)
            if len(copies) >= 2:
                two_backups.set()
    finally:
        two_backups.set()
    worker.join()
    copies.append(tmp_path / "backup-after.sqlite3")  # and one after the run: the last copy holds its work
    ctx.accounts.sign_in("admin", "admin-password")
    ctx.admin.backup(copies[-1])
    assert not errors
    assert len(copies) >= 2  # at least one taken while the batch was writing
    for copy in copies:
        with sqlite3.connect(copy) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            generated = conn.execute("SELECT count(*) FROM certificates WHERE new_generated_at IS NOT NULL").fetchone()
            queued = conn.execute("SELECT count(*) FROM outbox WHERE action = 'generate_new_certificate'").fetchone()
            assert generated == queued  # each generation and its outbox entry together, or neither
    with sqlite3.connect(copies[-1]) as conn:
        assert conn.execute("SELECT count(*) FROM certificates WHERE new_generated_at IS NOT NULL").fetchone()[0] > 0


def test_a_change_to_the_signed_in_account_applies_at_once(ctx: WorkspaceContext) -> None:
    ctx.accounts.add("admin2", "admin", "second-admin", "")
    ctx.accounts.set_role("admin", "supervisor")  # the admin demotes itself
    assert ctx.actor.role == "supervisor" and not ctx.can("accounts.manage")


def test_a_wrong_old_password_counts_towards_the_lockout(ctx: WorkspaceContext) -> None:
    ctx.accounts.sign_in("counter1", "counter-password")
    with pytest.raises(KnownError, match=f"再错 {POLICY.max_failed_attempts - 1} 次"):
        ctx.accounts.change_password("wrong-old-password", "brand-new-password")
    ctx.accounts.change_password("counter-password", "brand-new-password")
    assert ctx.accounts.sign_in("counter1", "brand-new-password").role == "counter"
