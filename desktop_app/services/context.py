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

from desktop_app.domain.rules import Rules, default_rules
from desktop_app.errors import KnownError
from desktop_app.messages import msg
from desktop_app.settings import WorkspaceSettings, load_settings, save_settings
from desktop_app.store.engine import Cache, open_cache

if TYPE_CHECKING:
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
    """Who acts: the name every audit entry records (a role comes with sign-in)."""

    name: str
    role: str | None = None

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
        self.fixed_today = today

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

    def authorize(self, action: str) -> Actor:
        """The actor, allowed to do `action` (a write): refuses while nobody is named."""
        if self.actor.anonymous:
            raise KnownError(msg("context.no_operator", action=action))
        return self.actor

    def set_operator(self, name: str) -> Actor:
        """Name the operator (until sign-in exists) and remember it in the settings."""
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

        return SearchService(self.cache, self.rules, SEARCH_EXTRACTORS)

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
