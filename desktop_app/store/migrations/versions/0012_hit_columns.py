"""A page of search hits reads its certificates from an index alone (issue 16).

`ix_certificates_person_filters` gains `number`, `new_number` and `work_type` at its end: with them it
holds every certificate column a page's hits read (services/search_hits.py), so a hit no longer visits the
certificate row (its QR text and the rest) after the index entry. person_id and the filter columns still
lead, so every use of 0011's index is unchanged. On the 1,000,000-person cache (bench_search.py, four runs
with it, two without, load ≈ 1): name part p50 2.31–2.32 → 1.85–2.20 ms, p95 ratio 43–47× → 43–54×. The
index is ≈ 6 % of the cache larger (200,000 persons: 206 → 218 MB), and a first load builds it once after
the data (store/bulk_load.py).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PERSON_FILTERS = ("person_id", "issuer_unit", "state", "valid_until", "category", "format", "new_generated_at",
                  "work_type_new_code")
HIT_COLUMNS = ("number", "new_number", "work_type")


def upgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_certificates_person_filters")
    op.execute(f"CREATE INDEX ix_certificates_person_filters ON certificates "
               f"({', '.join((*PERSON_FILTERS, *HIT_COLUMNS))})")


def downgrade() -> None:
    op.execute("DROP INDEX ix_certificates_person_filters")
    op.execute(f"CREATE INDEX ix_certificates_person_filters ON certificates ({', '.join(PERSON_FILTERS)})")
