"""Enterprise names: an index of every 1- and 2-character part, below the trigram index's reach.

A query like 建国 or 鲁 used to scan every enterprise name; now it is one lookup.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-21
"""

from collections.abc import Sequence

from alembic import op

from desktop_app.store import search_index

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Trigger bodies written out (not imported) so this step stays what it was.
_TERMS = "certdesk_enterprise_terms"
_INSERT = ("INSERT OR IGNORE INTO enterprise_terms (term, enterprise_id) "
           f"SELECT value, NEW.id FROM json_each({_TERMS}(NEW.name));")
_DELETE = "DELETE FROM enterprise_terms WHERE enterprise_id = OLD.id;"

UPGRADE = [
    """CREATE TABLE enterprise_terms (
        term TEXT NOT NULL,
        enterprise_id INTEGER NOT NULL,
        PRIMARY KEY (term, enterprise_id)
    ) WITHOUT ROWID""",
    f"CREATE TRIGGER enterprise_terms_ai AFTER INSERT ON enterprises BEGIN {_INSERT} END",
    f"""CREATE TRIGGER enterprise_terms_au AFTER UPDATE OF id, name ON enterprises
        WHEN OLD.id IS NOT NEW.id OR OLD.name IS NOT NEW.name BEGIN {_DELETE} {_INSERT} END""",
    f"CREATE TRIGGER enterprise_terms_ad AFTER DELETE ON enterprises BEGIN {_DELETE} END",
]

DOWNGRADE = [
    "DROP TRIGGER enterprise_terms_ad",
    "DROP TRIGGER enterprise_terms_au",
    "DROP TRIGGER enterprise_terms_ai",
    "DROP TABLE enterprise_terms",
]


def upgrade() -> None:
    for statement in UPGRADE:
        op.execute(statement)
    search_index.fill_enterprise_terms(op.get_bind())


def downgrade() -> None:
    for statement in DOWNGRADE:
        op.execute(statement)
