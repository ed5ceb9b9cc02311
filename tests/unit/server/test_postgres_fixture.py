"""The real-PostgreSQL fixture the sync server's tests stand on (tests/helpers/postgres.py)."""

from __future__ import annotations

import sqlalchemy as sa

from tests.helpers.postgres import PostgresCluster

PUBLIC_TABLES = sa.text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")


def test_database_takes_a_table_and_gives_rows_back(postgres_url: str) -> None:
    engine = sa.create_engine(postgres_url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text("CREATE TABLE person (id serial PRIMARY KEY, name text NOT NULL)"))
            conn.execute(sa.text("INSERT INTO person (name) VALUES (:name)"), [{"name": "张三"}, {"name": "李四"}])
        with engine.connect() as conn:
            names = conn.execute(sa.text("SELECT name FROM person ORDER BY id")).scalars().all()
            encoding = conn.execute(sa.text("SHOW server_encoding")).scalar_one()
    finally:
        engine.dispose()
    assert names == ["张三", "李四"]
    assert encoding == "UTF8"


def test_databases_are_distinct_and_empty(postgres_cluster: PostgresCluster, postgres_url: str) -> None:
    first = sa.create_engine(postgres_url)
    other_url = postgres_cluster.create_database()
    other = sa.create_engine(other_url)
    try:
        with first.begin() as conn:
            assert conn.execute(PUBLIC_TABLES).scalar_one() == 0
            conn.execute(sa.text("CREATE TABLE only_here (id int)"))
        with other.connect() as conn:
            assert other_url != postgres_url
            assert conn.execute(PUBLIC_TABLES).scalar_one() == 0  # the first database's table is not here
        # The pool keeps a connection open; the drop must end it rather than hang or fail.
        postgres_cluster.drop_database(other_url.rsplit("/", 1)[1])
    finally:
        first.dispose()
        other.dispose()
