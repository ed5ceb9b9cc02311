"""Issuance: the public keys the QR verifier trusts, and the print log.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-21
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "trusted_keys",
        sa.Column("key_id", sa.String(16), nullable=False),
        sa.Column("public_key", sa.LargeBinary(), nullable=False),
        sa.Column("unit", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("source", sa.String(10), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("key_id", name="pk_trusted_keys"),
    )
    op.create_table(
        "print_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("operator", sa.String(100), nullable=False),
        sa.Column("new_number", sa.String(40), nullable=False),
        sa.Column("printer", sa.String(200), nullable=False),
        sa.Column("copies", sa.Integer(), nullable=False),
        sa.Column("reprint", sa.Boolean(), nullable=False),
        sa.Column("reprint_reason", sa.Text(), nullable=True),
        sa.Column("offset_x_mm", sa.Float(), nullable=False),
        sa.Column("offset_y_mm", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_print_log"),
    )
    op.create_index("ix_print_log_at", "print_log", ["at"])
    op.create_index("ix_print_log_new_number", "print_log", ["new_number"])


def downgrade() -> None:
    op.drop_index("ix_print_log_new_number", table_name="print_log")
    op.drop_index("ix_print_log_at", table_name="print_log")
    op.drop_table("print_log")
    op.drop_table("trusted_keys")
