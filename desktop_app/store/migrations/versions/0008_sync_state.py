"""Sync with the provincial server: its cursor and epoch, each person's server version, upstream copies held
beside locally changed persons, per-field conflicts, and the outbox's attempts, next retry and answer.

`persons.server_version` is added with ALTER TABLE ADD COLUMN (no table rebuild: the search index's
triggers on persons stay, and a province-size cache migrates in a moment).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("persons", sa.Column("server_version", sa.Integer(), nullable=True))
    op.add_column("outbox", sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"))
    op.add_column("outbox", sa.Column("next_retry_at", sa.DateTime(), nullable=True))
    op.add_column("outbox", sa.Column("settled_at", sa.DateTime(), nullable=True))
    op.add_column("outbox", sa.Column("error_code", sa.String(40), nullable=True))
    op.create_table("sync_state", sa.Column("key", sa.String(40), primary_key=True),
                    sa.Column("value", sa.Text(), nullable=True))
    op.create_table(
        "sync_upstream",
        sa.Column("person_id", sa.Integer(), sa.ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("id_number", sa.String(18), nullable=False), sa.Column("record", sa.Text(), nullable=True),
        sa.Column("server_version", sa.Integer(), nullable=False), sa.Column("deleted", sa.Boolean(), nullable=False))
    op.create_table(
        "sync_conflicts", sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("outbox_id", sa.Integer(), sa.ForeignKey("outbox.id", ondelete="CASCADE"), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True), sa.Column("entity", sa.String(20), nullable=False),
        sa.Column("entity_key", sa.String(100), nullable=False), sa.Column("field", sa.String(40), nullable=False),
        sa.Column("base", sa.Text()), sa.Column("yours", sa.Text()), sa.Column("theirs", sa.Text()),
        sa.Column("yours_by", sa.String(100)), sa.Column("yours_at", sa.DateTime()),
        sa.Column("theirs_by", sa.String(200)), sa.Column("theirs_operator", sa.String(100)),
        sa.Column("theirs_at", sa.DateTime()), sa.Column("found_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_at", sa.DateTime()), sa.Column("resolution", sa.String(20)), sa.Column("chosen", sa.Text()))
    op.create_index("ix_sync_conflicts_person_id", "sync_conflicts", ["person_id"])
    op.create_index("ix_sync_conflicts_open", "sync_conflicts", ["resolved_at"])


def downgrade() -> None:
    op.drop_table("sync_conflicts")
    op.drop_table("sync_upstream")
    op.drop_table("sync_state")
    for column in ("error_code", "settled_at", "next_retry_at", "attempts"):
        op.drop_column("outbox", column)
    op.drop_column("persons", "server_version")
