"""Alembic environment of the provincial server. provincial_server/db/engine.py runs it in code."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from provincial_server.db.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("the provincial server runs its migrations in code (provincial_server/db/engine.py)")
_run(connection)
