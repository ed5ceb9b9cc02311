"""Outbox entries get a change id (a UUID, sync's idempotency key) and their action as a column.

Existing entries get a fresh UUID each and the action their JSON payload named (else "update").

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

import json
import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch_op:
        batch_op.add_column(sa.Column("change_id", sa.String(36), nullable=True))
        batch_op.add_column(sa.Column("action", sa.String(40), nullable=False, server_default="update"))
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, changes FROM outbox")).all()
    for row_id, changes in rows:
        try:
            action = json.loads(changes).get("action") or "update"
        except (ValueError, AttributeError):
            action = "update"
        bind.execute(sa.text("UPDATE outbox SET change_id = :cid, action = :action WHERE id = :id"),
                     {"cid": str(uuid.uuid4()), "action": action, "id": row_id})
    with op.batch_alter_table("outbox") as batch_op:
        batch_op.alter_column("change_id", existing_type=sa.String(36), nullable=False)
        batch_op.create_index("ix_outbox_change_id", ["change_id"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch_op:
        batch_op.drop_index("ix_outbox_change_id")
        batch_op.drop_column("action")
        batch_op.drop_column("change_id")
