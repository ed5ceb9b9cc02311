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
from desktop_app.messages import msg

NEW_PASSWORD_VARIABLE = "CERTDESK_NEW_PASSWORD"
COLUMNS = ("account", "display", "role", "state", "last_sign_in")


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
    password = read_password(NEW_PASSWORD_VARIABLE, str(msg("cli.password.new_prompt", user=args.name)), confirm=True)
    row = ctx.accounts.add(args.name, args.role, password, args.display)
    role = ctx.roles.roles[row.role].label
    print(safe_text(msg("cli.user.added", user=row.user_name, display=row.display_name, role=role)))
    return 0


def run_list(args: argparse.Namespace, cli: CliSession) -> int:
    ctx = cli.context()
    rows = ctx.accounts.list()
    if args.json:
        print(json.dumps([r.as_json() for r in rows], ensure_ascii=False))
        return 0
    labels = {code: role.label for code, role in ctx.roles.roles.items()}
    enabled, disabled, never = (str(msg(f"cli.user.{code}")) for code in ("state_enabled", "state_disabled",
                                                                          "never_signed_in"))
    body = [(r.user_name, r.display_name, labels.get(r.role, r.role), enabled if r.enabled else disabled,
             r.last_sign_in.isoformat(sep=" ", timespec="minutes") if r.last_sign_in else never) for r in rows]
    headers = [msg(f"cli.user.column.{c}") for c in COLUMNS]
    print(render_table(headers, body) if body else msg("cli.user.none"))
    return 0


def run_disable(args: argparse.Namespace, cli: CliSession) -> int:
    row = cli.context().accounts.set_enabled(args.name, False)
    print(safe_text(msg("cli.user.disabled", user=row.user_name)))
    return 0


def run_backup(args: argparse.Namespace, cli: CliSession) -> int:
    size = cli.context().admin.backup(args.file)
    print(safe_text(msg("cli.backup.done", path=args.file, size=f"{size / 1e6:.1f}")))
    return 0
