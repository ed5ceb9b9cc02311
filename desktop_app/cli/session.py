"""The command line's one workspace context, opened on first use and closed at the end of the run."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop_app.logs import setup_logging
from desktop_app.services.context import Actor, WorkspaceContext


class CliSession:
    def __init__(self, data_dir: Path, operator: str | None = None, today: dt.date | None = None) -> None:
        self.data_dir = data_dir
        self.today = today  # a fixed day for statuses and issue dates (`--today`, for tests and demos)
        self.operator = operator.strip() if operator else None  # `--operator NAME` names who acts
        self._context: WorkspaceContext | None = None

    def context(self) -> WorkspaceContext:
        """The workspace (created and migrated when needed); who acts: --operator, the configured
        operator, else the OS user."""
        if self._context is None:
            actor = Actor(self.operator) if self.operator else None
            self._context = WorkspaceContext.open(self.data_dir, actor=actor, os_user_fallback=True,
                                                  today=self.today)
            setup_logging(self.data_dir)
        return self._context

    def close(self) -> None:
        if self._context is not None:
            self._context.close()
            self._context = None
