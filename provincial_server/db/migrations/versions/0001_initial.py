"""The provincial server's first schema: persons as documents, certificate index, feed counter, tokens, audit.

Revision ID: s0001
Revises:
Create Date: 2026-12-02
"""
import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "s0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table("meta", sa.Column("key", sa.String(40), primary_key=True), sa.Column("value", sa.Text()))
    op.create_table("counters", sa.Column("name", sa.String(20), primary_key=True),
                    sa.Column("value", sa.BigInteger(), nullable=False))
    op.create_table(
        "persons", sa.Column("id", _ID, primary_key=True),
        sa.Column("id_number", sa.String(18), nullable=False, unique=True), sa.Column("doc", sa.Text()),
        sa.Column("photo_sha256", sa.String(64)), sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False, unique=True),
        sa.Column("deleted", sa.Boolean(), nullable=False), sa.Column("updated_at", _WHEN, nullable=False))
    op.create_table(
        "photos", sa.Column("person_id", _ID, sa.ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("data", sa.LargeBinary(), nullable=False))
    op.create_table(
        "certificates", sa.Column("id", _ID, primary_key=True),
        sa.Column("person_id", _ID, sa.ForeignKey("persons.id", ondelete="CASCADE"), nullable=False),
        sa.Column("new_number", sa.String(40), nullable=False, unique=True),
        sa.Column("unit", sa.String(100), nullable=False), sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("digest", sa.BigInteger(), nullable=False))
    op.create_index("ix_certificates_person_id", "certificates", ["person_id"])
    op.create_index("ix_certificates_group", "certificates", ["unit", "kind", "person_id"])
    op.create_table(
        "field_stamps",
        sa.Column("person_id", _ID, sa.ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("field", sa.String(80), primary_key=True), sa.Column("bureau", sa.String(200), nullable=False),
        sa.Column("operator", sa.String(100)), sa.Column("at", _WHEN, nullable=False))
    op.create_table(
        "applied_changes", sa.Column("change_id", sa.String(36), primary_key=True),
        sa.Column("fingerprint", sa.String(64), nullable=False), sa.Column("person_id", sa.BigInteger()),
        sa.Column("bureau", sa.String(200), nullable=False), sa.Column("result", sa.Text(), nullable=False),
        sa.Column("at", _WHEN, nullable=False))
    op.create_table(
        "audit", sa.Column("id", _ID, primary_key=True), sa.Column("at", _WHEN, nullable=False),
        sa.Column("source", sa.String(10), nullable=False), sa.Column("bureau", sa.String(200), nullable=False),
        sa.Column("operator", sa.String(100)), sa.Column("change_id", sa.String(36)),
        sa.Column("id_number", sa.String(18)), sa.Column("entity", sa.String(20), nullable=False),
        sa.Column("key", sa.String(40)), sa.Column("field", sa.String(40)), sa.Column("old_value", sa.Text()),
        sa.Column("new_value", sa.Text()))
    op.create_index("ix_audit_at", "audit", ["at"])
    op.create_index("ix_audit_change_id", "audit", ["change_id"])
    op.create_index("ix_audit_id_number", "audit", ["id_number"])
    op.create_table(
        "tokens", sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("token_sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("bureau", sa.String(200), nullable=False), sa.Column("units", sa.Text(), nullable=False),
        sa.Column("created_at", _WHEN, nullable=False), sa.Column("revoked_at", _WHEN))
    meta = sa.table("meta", sa.column("key"), sa.column("value"))
    op.bulk_insert(meta, [{"key": "epoch", "value": uuid.uuid4().hex}])
    op.bulk_insert(sa.table("counters", sa.column("name"), sa.column("value")), [{"name": "seq", "value": 0}])


def downgrade() -> None:
    for table in ("tokens", "audit", "applied_changes", "field_stamps", "certificates", "photos", "persons",
                  "counters", "meta"):
        op.drop_table(table)
