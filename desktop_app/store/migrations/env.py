"""Alembic environment. The app runs migrations in code (store.engine) and passes the connection."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from desktop_app.store.models import Base

config = context.config
target_metadata = Base.metadata


def _include(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    # The search index (store/search_index.py) is plain SQL, not in the ORM metadata: autogenerate
    # must not propose dropping it.
    return not (type_ == "table" and reflected and compare_to is None and name is not None
                and (name.startswith(("search_", "enterprise_fts"))))


def _run(connection: Connection) -> None:
    # batch mode: SQLite cannot ALTER most things, Alembic rebuilds the table instead
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True,
                      include_object=_include)
    with context.begin_transaction():
        context.run_migrations()


def run_offline() -> None:
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata,
                      literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")
    with engine.begin() as conn:
        _run(conn)


if context.is_offline_mode():
    run_offline()
else:
    run_online()
