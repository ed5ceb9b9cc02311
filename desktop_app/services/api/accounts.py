"""Accounts bound to the workspace: sign in and out, passwords, and (for admins) managing accounts."""

from __future__ import annotations

import secrets as random_secrets
from typing import TYPE_CHECKING

from desktop_app.errors import KnownError
from desktop_app.messages import msg
from desktop_app.services import accounts
from desktop_app.services.accounts import AccountRow

if TYPE_CHECKING:
    from desktop_app.services.context import Actor, WorkspaceContext

# The demo workspace's accounts, one per role; the sign-in screen shows these passwords (issue 14).
DEMO_ACCOUNTS = (
    ("chuangkou", "counter", "窗口演示员", "demo-counter"),
    ("zixun", "officer", "咨询演示员", "demo-officer"),
    ("fuzeren", "supervisor", "科室负责人（演示）", "demo-supervisor"),
    ("admin", "admin", "系统管理员（演示）", "demo-admin"),
)


class AccountService:
    def __init__(self, ctx: WorkspaceContext) -> None:
        self.ctx = ctx

    # --- signing in --------------------------------------------------------------------------

    def sign_in(self, user_name: str, password: str) -> Actor:
        """Check the password and act as that account from now on (audit, outbox, print log name it)."""
        from desktop_app.services.context import Actor

        found = accounts.sign_in(self.ctx.cache, self.ctx.roles, user_name, password)
        self.ctx.actor = Actor(found.user_name, found.role, found.display_name)
        return self.ctx.actor

    def sign_out(self) -> None:
        from desktop_app.services.context import Actor

        self.ctx.actor = Actor("")

    def unlock(self, password: str) -> Actor:
        """The idle lock's password check: the signed-in account's own password (counts like a sign-in)."""
        if not self.ctx.actor.role:
            raise KnownError(msg("accounts.sign_in_first"))
        return self.sign_in(self.ctx.actor.name, password)

    def change_password(self, old: str, new: str) -> None:
        if not self.ctx.actor.role:
            raise KnownError(msg("accounts.sign_in_first"))
        accounts.check_password(new, self.ctx.roles)
        self.sign_in(self.ctx.actor.name, old)  # a wrong old password counts towards the lockout
        accounts.change_password(self.ctx.cache, self.ctx.roles, self.ctx.actor.name, old, new)

    # --- managing (admin) ----------------------------------------------------------------------

    def list(self) -> list[AccountRow]:
        self.ctx.permit("accounts.manage")
        return accounts.accounts(self.ctx.cache)

    def add(self, user_name: str, role: str, password: str, display_name: str = "") -> AccountRow:
        """Add an account; the first one of a workspace (an admin) needs nobody signed in."""
        operator = self.ctx.actor.name if self.ctx.has_accounts else ""
        if self.ctx.has_accounts:
            operator = self.ctx.authorize("accounts.manage").name
        row = accounts.add(self.ctx.cache, self.ctx.roles, user_name, role, display_name, password, operator)
        self.ctx.accounts_changed()
        return row

    def set_enabled(self, user_name: str, enabled: bool) -> AccountRow:
        actor = self.ctx.authorize("accounts.manage")
        row = accounts.set_enabled(self.ctx.cache, self.ctx.roles, user_name, enabled, actor.name)
        self._follow(row)
        return row

    def set_role(self, user_name: str, role: str) -> AccountRow:
        actor = self.ctx.authorize("accounts.manage")
        row = accounts.set_role(self.ctx.cache, self.ctx.roles, user_name, role, actor.name)
        self._follow(row)
        return row

    def _follow(self, row: AccountRow) -> None:
        """A change to the signed-in account applies at once: a new role now, disabled signs out."""
        from desktop_app.services.context import Actor

        if row.user_name == self.ctx.actor.name and self.ctx.actor.role is not None:
            self.ctx.actor = Actor(row.user_name, row.role, row.display_name) if row.enabled else Actor("")

    def reset_password(self, user_name: str, password: str | None = None) -> str:
        """Set a new password (a random one when None, to hand over); returns it."""
        actor = self.ctx.authorize("accounts.manage")
        password = password or random_secrets.token_urlsafe(9)
        accounts.reset_password(self.ctx.cache, self.ctx.roles, user_name, password, actor.name)
        return password

    def create_demo_accounts(self) -> tuple[tuple[str, str, str, str], ...]:
        """A demo workspace's accounts (user, role, display, password), when it has none yet."""
        if not self.ctx.has_accounts:
            for user, role, display, password in sorted(DEMO_ACCOUNTS, key=lambda a: a[1] != "admin"):
                accounts.add(self.ctx.cache, self.ctx.roles, user, role, display, password, "演示")
            self.ctx.accounts_changed()
        return DEMO_ACCOUNTS
