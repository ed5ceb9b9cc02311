"""The command line's one workspace context, opened on first use and closed at the end of the run.

In a workspace with accounts, `--user NAME` signs in (the password from CERTDESK_PASSWORD, else asked
at the terminal) and every command is checked against that account's role, as in the GUI; without
accounts, who acts is --operator, the configured operator, else the OS user.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
import sys
from pathlib import Path

from desktop_app.errors import KnownError, PermissionDenied
from desktop_app.logs import setup_logging
from desktop_app.messages import msg
from desktop_app.services.context import Actor, WorkspaceContext

PASSWORD_VARIABLE = "CERTDESK_PASSWORD"


def read_password(variable: str, prompt: str, confirm: bool = False) -> str:
    """A password from the environment, else typed at a terminal (never echoed, never logged)."""
    given = os.environ.get(variable)
    if given is not None:
        return given
    if not sys.stdin.isatty():
        raise PermissionDenied(msg("accounts.no_password", variable=variable))
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass(str(msg("cli.password.again"))) != first:
        raise KnownError(msg("accounts.passwords_differ"))
    return first


class CliSession:
    def __init__(self, data_dir: Path, operator: str | None = None, today: dt.date | None = None,
                 user: str | None = None) -> None:
        self.data_dir = data_dir
        self.today = today  # a fixed day for statuses and issue dates (`--today`, for tests and demos)
        self.operator = operator.strip() if operator else None  # `--operator NAME` names who acts
        self.user = user.strip() if user else None  # `--user NAME` signs in
        self._context: WorkspaceContext | None = None

    def context(self) -> WorkspaceContext:
        """The workspace (created and migrated when needed), signed in as --user when it has accounts."""
        if self._context is None:
            actor = Actor(self.operator) if self.operator else None
            context = WorkspaceContext.open(self.data_dir, actor=actor, os_user_fallback=True, today=self.today)
            self._context = context
            setup_logging(self.data_dir)
            if context.has_accounts:
                self._sign_in(context)
            elif self.user:
                raise PermissionDenied(msg("accounts.no_accounts_yet", user=self.user))
        return self._context

    def _sign_in(self, context: WorkspaceContext) -> None:
        context.actor = Actor("")  # nobody until the password is right: not the OS user, not --operator
        if not self.user:
            return  # each command's permission check then says who may do it
        password = read_password(PASSWORD_VARIABLE, str(msg("cli.password.prompt", user=self.user)))
        try:
            context.accounts.sign_in(self.user, password)
        except PermissionDenied:
            raise
        except KnownError as exc:  # wrong password, locked, disabled: refused like a permission
            raise PermissionDenied(exc.message, hint=exc.hint) from None

    def close(self) -> None:
        if self._context is not None:
            self._context.close()
            self._context = None
