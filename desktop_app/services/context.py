"""The workspace context (Anki's `Collection`): one object per open workspace, built once at start
by the CLI or the GUI and passed down.

It holds the cache's engine, the rules, the clock (`today`), the settings and the acting operator
(an `Actor`), and it is where the services are reached: `ctx.edits.save_record(...)`,
`ctx.issuance.generate(...)`, `ctx.search.search(...)`. Every service call that writes takes its
actor from here, and that actor is what audit, outbox and print-log entries record. Permissions
(sign-in with roles) will be checked here too, in `authorize`.
"""

from __future__ import annotations

import datetime as dt
import getpass
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.domain.roles import Roles, default_roles
from desktop_app.domain.rules import Rules, default_rules
from desktop_app.errors import KnownError, PermissionDenied
from desktop_app.messages import joined, msg
from desktop_app.settings import WorkspaceSettings, load_settings, save_settings
from desktop_app.store.engine import Cache, open_cache

if TYPE_CHECKING:
    from desktop_app.services.api.accounts import AccountService
    from desktop_app.services.api.admin import AdminService
    from desktop_app.services.api.certificates import (
        BatchService,
        IssuanceService,
        PrintService,
        VerificationService,
    )
    from desktop_app.services.api.progress import ProgressService
    from desktop_app.services.api.records import EditService
    from desktop_app.services.api.sync import SyncService
    from desktop_app.services.api.worklist import WorklistService
    from desktop_app.services.api.workspace import WorkspaceService
    from desktop_app.services.search import SearchService

UNKNOWN_OPERATOR = "未知操作员"
MAX_NAME = 100


@dataclass(frozen=True)
class Actor:
    """Who acts: the name every audit entry records. Signed in: the account's user name, its role and
    display name; in a workspace without accounts: the configured operator, with no role."""

    name: str
    role: str | None = None
    display: str = ""

    @property
    def shown(self) -> str:
        return f"{self.display}（{self.name}）" if self.display and self.display != self.name else self.name

    @property
    def anonymous(self) -> bool:
        return not self.name.strip()


def os_user_actor() -> Actor:
    """The OS user, for a command line without a configured operator (the only reader of it)."""
    try:
        return Actor(getpass.getuser())
    except (OSError, KeyError):
        return Actor(UNKNOWN_OPERATOR)


def actor_from_settings(settings: WorkspaceSettings, *, os_user_fallback: bool) -> Actor:
    configured = settings.operator.strip()
    if configured:
        return Actor(configured[:MAX_NAME])
    return os_user_actor() if os_user_fallback else Actor("")


class WorkspaceContext:
    """One open workspace and who works in it; the services hang off it."""

    def __init__(self, data_dir: Path, cache: Cache, settings: WorkspaceSettings, actor: Actor,
                 rules: Rules | None = None, today: dt.date | None = None) -> None:
        """`today` fixes the day statuses and issue dates are computed for (tests, demos, `--today`);
        None: the real date, read at each use."""
        self.data_dir = data_dir
        self.cache = cache
        self.settings = settings
        self.actor = actor
        self.rules = rules or default_rules()
        self.roles: Roles = default_roles()
        self.fixed_today = today
        self._accounts: bool | None = None  # whether the workspace has accounts (read once, then kept)

    @classmethod
    def open(cls, data_dir: Path, *, actor: Actor | None = None, os_user_fallback: bool = True,
             today: dt.date | None = None, rules: Rules | None = None) -> WorkspaceContext:
        """Open (creating and migrating) the workspace in `data_dir`."""
        settings = load_settings(data_dir)
        cache = open_cache(data_dir)
        actor = actor or actor_from_settings(settings, os_user_fallback=os_user_fallback)
        return cls(data_dir, cache, settings, actor, rules, today)

    def close(self) -> None:
        self.cache.close()

    @property
    def today(self) -> dt.date:
        return self.fixed_today or dt.date.today()

    @property
    def engine(self):
        return self.cache.engine

    @property
    def has_accounts(self) -> bool:
        """Accounts exist: every action needs a signed-in account whose role allows it. Without any
        (workspaces from before accounts, or made by `import`), the named operator may do anything."""
        if self._accounts is None:
            from desktop_app.services import accounts

            self._accounts = accounts.count(self.cache) > 0
        return self._accounts

    def accounts_changed(self) -> None:
        self._accounts = None

    def can(self, action: str) -> bool:
        """Whether the actor may do `action` (the UI greys what it may not)."""
        try:
            self.permit(action)
        except PermissionDenied:
            return False
        return True

    def permit(self, action: str) -> None:
        """Refuse `action` (a read: search, view, reports) unless the signed-in role allows it."""
        if action not in self.roles.actions:
            raise ValueError(f"undeclared action {action!r} (resources/rules/roles.toml)")
        if not self.has_accounts:
            return
        allowed = joined(r.label for r in self.roles.roles_for(action)) or "—"
        label = self.roles.label(action)
        if self.actor.role is None:
            raise PermissionDenied(msg("accounts.not_signed_in", action=label, roles=allowed))
        if not self.roles.allowed(self.actor.role, action):
            raise PermissionDenied(msg("accounts.denied", action=label, roles=allowed))

    def authorize(self, action: str) -> Actor:
        """The actor, allowed to do `action` (a write): its role must allow it; without accounts,
        somebody must be named."""
        self.permit(action)
        if self.actor.anonymous:
            raise KnownError(msg("context.no_operator", action=self.roles.label(action)))
        return self.actor

    def set_operator(self, name: str) -> Actor:
        """Name the operator of a workspace without accounts and remember it in the settings."""
        if self.has_accounts:
            raise PermissionDenied(msg("accounts.user_required"))
        name = name.strip()[:MAX_NAME]
        if not name:
            raise KnownError(msg("context.empty_operator"))
        self.settings.operator = name
        self.actor = Actor(name, self.actor.role)  # acts from now on, even if remembering it fails below
        save_settings(self.data_dir, self.settings)
        return self.actor

    def save_settings(self) -> None:
        save_settings(self.data_dir, self.settings)

    # --- the services --------------------------------------------------------------------------

    @cached_property
    def search(self) -> SearchService:
        from desktop_app.services.search import SearchService
        from desktop_app.services.verification import SEARCH_EXTRACTORS

        return SearchService(self.cache, self.rules, SEARCH_EXTRACTORS, self.permit)

    @cached_property
    def edits(self) -> EditService:
        from desktop_app.services.api.records import EditService

        return EditService(self)

    @cached_property
    def issuance(self) -> IssuanceService:
        from desktop_app.services.api.certificates import IssuanceService

        return IssuanceService(self)

    @cached_property
    def printing(self) -> PrintService:
        from desktop_app.services.api.certificates import PrintService

        return PrintService(self)

    @cached_property
    def batch(self) -> BatchService:
        from desktop_app.services.api.certificates import BatchService

        return BatchService(self)

    @cached_property
    def verification(self) -> VerificationService:
        from desktop_app.services.api.certificates import VerificationService

        return VerificationService(self)

    @cached_property
    def worklist(self) -> WorklistService:
        from desktop_app.services.api.worklist import WorklistService

        return WorklistService(self)

    @cached_property
    def workspace(self) -> WorkspaceService:
        from desktop_app.services.api.workspace import WorkspaceService

        return WorkspaceService(self)

    @cached_property
    def sync(self) -> SyncService:
        from desktop_app.services.api.sync import SyncService

        return SyncService(self)

    @cached_property
    def progress(self) -> ProgressService:
        from desktop_app.services.api.progress import ProgressService

        return ProgressService(self)

    @cached_property
    def accounts(self) -> AccountService:
        from desktop_app.services.api.accounts import AccountService

        return AccountService(self)

    @cached_property
    def admin(self) -> AdminService:
        from desktop_app.services.api.admin import AdminService

        return AdminService(self)
