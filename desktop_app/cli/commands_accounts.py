"""Accounts and backup from a shell (issue 14).

    certdesk [--user NAME] user add NAME --role ROLE [--display TEXT]   # password: CERTDESK_NEW_PASSWORD or asked
    certdesk [--user NAME] user list [--json]
    certdesk [--user NAME] user disable NAME
    certdesk [--user NAME] backup FILE

The first `user add` of a workspace (an admin) needs no --user; from then on every command needs a
signed-in account whose role allows it (refused: exit 1, `权限不足：<action> 需要 <roles>`).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from desktop_app.cli.session import CliSession, read_password
from desktop_app.cli.terminal import guarded, render_table, safe_text

NEW_PASSWORD_VARIABLE = "CERTDESK_NEW_PASSWORD"


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    user = sub.add_parser("user", help="operator accounts: add, list, disable (admins)")
    actions = user.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add an account (password from CERTDESK_NEW_PASSWORD or asked)")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", required=True, help="counter, officer, supervisor or admin (resources/rules/roles.toml)")
    add.add_argument("--display", default="", metavar="TEXT", help="the name shown in the window (default: NAME)")
    add.set_defaults(run=guarded(run_add))
    listing = actions.add_parser("list", help="every account, its role and state (never a password)")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(run=guarded(run_list))
    disable = actions.add_parser("disable", help="stop an account from signing in")
    disable.add_argument("name", metavar="NAME")
    disable.set_defaults(run=guarded(run_disable))
    backup = sub.add_parser("backup", help="a consistent copy of the cache, taken while others work (admins)")
    backup.add_argument("file", type=Path, metavar="FILE")
    backup.set_defaults(run=guarded(run_backup))


def run_add(args: argparse.Namespace, cli: CliSession) -> int:
    ctx = cli.context()
    ctx.permit("accounts.manage") if ctx.has_accounts else None  # refuse before asking for a password
    password = read_password(NEW_PASSWORD_VARIABLE, f"{args.name} 的新密码：", confirm=True)
    row = ctx.accounts.add(args.name, args.role, password, args.display)
    role = ctx.roles.roles[row.role].label
    print(safe_text(f"已添加账号 {row.user_name}（{row.display_name}，{role}）"))
    return 0


def run_list(args: argparse.Namespace, cli: CliSession) -> int:
    ctx = cli.context()
    rows = ctx.accounts.list()
    if args.json:
        print(json.dumps([r.as_json() for r in rows], ensure_ascii=False))
        return 0
    labels = {code: role.label for code, role in ctx.roles.roles.items()}
    body = [(r.user_name, r.display_name, labels.get(r.role, r.role), "启用" if r.enabled else "停用",
             r.last_sign_in.isoformat(sep=" ", timespec="minutes") if r.last_sign_in else "从未登录") for r in rows]
    print(render_table(("账号", "显示名", "角色", "状态", "最近登录"), body) if body else "还没有账号")
    return 0


def run_disable(args: argparse.Namespace, cli: CliSession) -> int:
    row = cli.context().accounts.set_enabled(args.name, False)
    print(safe_text(f"已停用账号 {row.user_name}"))
    return 0


def run_backup(args: argparse.Namespace, cli: CliSession) -> int:
    size = cli.context().admin.backup(args.file)
    print(safe_text(f"已备份到 {args.file}（{size / 1e6:.1f} MB，已通过完整性检查）"))
    return 0
