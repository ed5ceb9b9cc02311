"""Search walks read covering indexes (issue 16): three indexes made wider, one added.

- `ix_certificates_person_id (person_id)` becomes `ix_certificates_person_filters (person_id, issuer_unit,
  state, valid_until, category, format, new_generated_at, work_type_new_code)`. A filter list walks
  persons in name order and asks, per person, whether one of their certificates matches
  (services/search_filters.py): the answer now comes from the index alone, without reading the wide
  certificate row (its QR text). Every use of the old index (a person's certificates, the cascade on
  delete) keeps working: person_id still leads.
- `ix_certificates_unit_until (issuer_unit, valid_until, state, person_id)` is new: a unit + status list
  whose certificates are few (expiring within 90 days in one unit) collects its holders from this index
  alone, then walks the names testing membership (search_plan.CandidateArm), instead of testing every
  person. It is partial on a condition true for every row that only that query writes
  (`UNIT_UNTIL_WHERE`, services/search_filters.py): as a plain index SQLite chose it for the worklist's
  unit query too, over the small partial index made for it (0004), as 0009 found for the progress index.
- `ix_persons_name (name)` becomes `(name, id, enterprise_id)`: still in (name, id) order, so every
  walk in name order reads it as before, and an enterprise-part query that tests each person's employer
  (search_plan.EnterpriseArm) no longer reads the person row for it.
- `ix_persons_enterprise_id (enterprise_id)` becomes `(enterprise_id, name)`: the staff of a few
  enterprises are sorted by name without reading their rows.
  Both keep their names (the planner names them in INDEXED BY) and their leading column.

Replacing rather than adding keeps the number of indexes an import maintains nearly the same; the
entries are wider. The first load into an empty cache builds both once, after the data (store/bulk_load.py).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PERSON_FILTERS = ("person_id", "issuer_unit", "state", "valid_until", "category", "format", "new_generated_at",
                  "work_type_new_code")
UNIT_UNTIL = ("issuer_unit", "valid_until", "state", "person_id")
UNIT_UNTIL_WHERE = "length(state) >= 0"  # services/search_filters.py HOLDERS_INDEX_WHERE
PERSONS_NAME = ("name", "id", "enterprise_id")
PERSONS_ENTERPRISE = ("enterprise_id", "name")


def upgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_certificates_person_id")
    op.execute(f"CREATE INDEX ix_certificates_person_filters ON certificates ({', '.join(PERSON_FILTERS)})")
    op.execute(f"CREATE INDEX ix_certificates_unit_until ON certificates ({', '.join(UNIT_UNTIL)}) "
               f"WHERE {UNIT_UNTIL_WHERE}")
    op.execute("DROP INDEX IF EXISTS ix_persons_name")
    op.execute(f"CREATE INDEX ix_persons_name ON persons ({', '.join(PERSONS_NAME)})")
    op.execute("DROP INDEX IF EXISTS ix_persons_enterprise_id")
    op.execute(f"CREATE INDEX ix_persons_enterprise_id ON persons ({', '.join(PERSONS_ENTERPRISE)})")


def downgrade() -> None:
    op.execute("DROP INDEX ix_persons_enterprise_id")
    op.execute("CREATE INDEX ix_persons_enterprise_id ON persons (enterprise_id)")
    op.execute("DROP INDEX ix_persons_name")
    op.execute("CREATE INDEX ix_persons_name ON persons (name)")
    op.execute("DROP INDEX ix_certificates_unit_until")
    op.execute("DROP INDEX ix_certificates_person_filters")
    op.execute("CREATE INDEX ix_certificates_person_id ON certificates (person_id)")
