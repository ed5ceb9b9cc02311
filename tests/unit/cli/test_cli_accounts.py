"""The command line with accounts: `user add/list/disable`, `backup`, `--user` with CERTDESK_PASSWORD,
and the same refusals as the services (exit 1, `权限不足：<action> 需要 <roles>`)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app import demo
from desktop_app.domain.roles import default_roles
from tests.helpers.cli import ROOT

ROLES = default_roles()


def cli(*args: str, password: str | None = None, new_password: str | None = None,
        cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CERTDESK_PASSWORD", "CERTDESK_NEW_PASSWORD")}
    env["PYTHONIOENCODING"] = "utf-8"
    if password is not None:
        env["CERTDESK_PASSWORD"] = password
    if new_password is not None:
        env["CERTDESK_NEW_PASSWORD"] = new_password
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          timeout=120, env=env, stdin=subprocess.DEVNULL, cwd=cwd)


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli-accounts")
    demo.write_jsonl(folder / "demo.jsonl", 150, seed=2)
    assert cli("--data-dir", str(folder / "ws"), "import", str(folder / "demo.jsonl")).returncode == 0
    data = str(folder / "ws")
    first = cli("--data-dir", data, "user", "add", "boss", "--role", "admin", "--display", "王局",
                new_password="boss-password")
    assert first.returncode == 0 and "已添加账号 boss" in first.stdout, first.stderr
    for role in ("counter", "officer", "supervisor"):
        added = cli("--data-dir", data, "--user", "boss", "user", "add", role, "--role", role,
                    password="boss-password", new_password=f"{role}-password")
        assert added.returncode == 0, added.stderr
    return folder / "ws"


def _refusal(result: subprocess.CompletedProcess[str], action: str) -> None:
    allowed = "、".join(r.label for r in ROLES.roles_for(action))
    assert result.returncode == 1
    assert result.stderr.strip() == f"certdesk: 权限不足：{ROLES.label(action)} 需要 {allowed}"


def test_commands_check_the_same_permissions(ws: Path, tmp_path: Path) -> None:
    data = str(ws)
    assert cli("--data-dir", data, "--user", "officer", "search", "王", password="officer-password").returncode == 0
    _refusal(cli("--data-dir", data, "--user", "officer", "progress", password="officer-password"), "progress.view")
    _refusal(cli("--data-dir", data, "--user", "counter", "progress", "--json", password="counter-password"),
             "progress.view")
    assert cli("--data-dir", data, "--user", "supervisor", "progress", "--json",
               password="supervisor-password").returncode == 0
    _refusal(cli("--data-dir", data, "--user", "boss", "search", "王", password="boss-password"), "search")
    _refusal(cli("--data-dir", data, "--user", "counter", "user", "list", password="counter-password"),
             "accounts.manage")
    _refusal(cli("--data-dir", data, "--user", "counter", "backup", str(tmp_path / "b.sqlite3"),
                 password="counter-password"), "backup.run")
    assert not (tmp_path / "b.sqlite3").exists()


def test_nobody_signed_in_is_refused(ws: Path) -> None:
    result = cli("--data-dir", str(ws), "search", "王")
    assert result.returncode == 1 and "请先登录：查询人员" in result.stderr


def test_wrong_password_and_no_password(ws: Path) -> None:
    wrong = cli("--data-dir", str(ws), "--user", "officer", "search", "王", password="nope")
    assert wrong.returncode == 1 and "用户名或密码不正确" in wrong.stderr
    missing = cli("--data-dir", str(ws), "--user", "officer", "search", "王")  # no terminal to ask at
    assert missing.returncode == 1 and "CERTDESK_PASSWORD" in missing.stderr
    assert "Traceback" not in wrong.stderr + missing.stderr


def test_user_list_json_and_disable(ws: Path) -> None:
    listed = cli("--data-dir", str(ws), "--user", "boss", "user", "list", "--json", password="boss-password")
    assert listed.returncode == 0
    rows = json.loads(listed.stdout)
    assert {r["user_name"]: r["role"] for r in rows} == {"boss": "admin", "counter": "counter", "officer": "officer",
                                                         "supervisor": "supervisor"}
    assert all("hash" not in json.dumps(r) and "password" not in json.dumps(r) for r in rows)
    assert cli("--data-dir", str(ws), "--user", "boss", "user", "disable", "officer",
               password="boss-password").returncode == 0
    refused = cli("--data-dir", str(ws), "--user", "officer", "search", "王", password="officer-password")
    assert refused.returncode == 1 and "已停用" in refused.stderr


def test_backup_by_the_admin(ws: Path, tmp_path: Path) -> None:
    target = tmp_path / "backup.sqlite3"
    done = cli("--data-dir", str(ws), "--user", "boss", "backup", str(target), password="boss-password")
    assert done.returncode == 0 and "已备份" in done.stdout, done.stderr
    with sqlite3.connect(target) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM persons").fetchone() == (150,)
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    again = cli("--data-dir", str(ws), "--user", "boss", "backup", str(target), password="boss-password")
    assert again.returncode == 2 and "已存在" in again.stderr


def test_a_workspace_without_accounts_works_as_before(tmp_path: Path) -> None:
    demo.write_jsonl(tmp_path / "d.jsonl", 20, seed=4)
    data = str(tmp_path / "plain")
    assert cli("--data-dir", data, "import", str(tmp_path / "d.jsonl")).returncode == 0
    assert cli("--data-dir", data, "search", "王").returncode == 0
    lone = cli("--data-dir", data, "--user", "boss", "search", "王", password="x")
    assert lone.returncode == 1 and "还没有账号" in lone.stderr
    first = cli("--data-dir", data, "user", "add", "clerk", "--role", "counter", new_password="long-password")
    assert first.returncode == 2 and "第一个账号" in first.stderr
