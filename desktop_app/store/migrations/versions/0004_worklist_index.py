"""Worklist index: old-format A certificates still waiting for their new format, by issuing unit.

A partial index (a few percent of all certificates), so the "A 证待补充信息" worklist of one unit
and the per-unit summary read only the candidates instead of every certificate of the unit.
Queries use it only when they repeat the WHERE clause literally (services/worklists.py does).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("CREATE INDEX ix_certificates_a_old_pending ON certificates (issuer_unit, person_id) "
               "WHERE category = 'A' AND format = 'old' AND new_generated_at IS NULL")


def downgrade() -> None:
    op.execute("DROP INDEX ix_certificates_a_old_pending")
