"""Audit and outbox entries name the person they belong to (by row id, which an ID-number correction keeps).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for table in ("audit_log", "outbox"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column("person_id", sa.Integer(), nullable=True))
            batch_op.create_index(f"ix_{table}_person_id", ["person_id"], unique=False)


def downgrade() -> None:
    for table in ("audit_log", "outbox"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_index(f"ix_{table}_person_id")
            batch_op.drop_column("person_id")
