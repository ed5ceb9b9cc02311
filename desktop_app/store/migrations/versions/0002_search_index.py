"""Search index: person terms kept by triggers, enterprise-name trigram index, QR lookups.

See desktop_app/store/search_index.py for what the terms are. The triggers call
`certdesk_search_terms`, a Python function every connection registers in its connect hook.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

from collections.abc import Sequence

from alembic import op

from desktop_app.store import search_index

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The trigger bodies are written out here (not imported) so this step stays what it was.
_TERMS = "certdesk_search_terms"


def _insert_terms(row: str) -> str:
    return (f"INSERT OR IGNORE INTO search_terms (term, sort_key, person_id) "
            f"SELECT value, {row}.name, {row}.id FROM json_each({_TERMS}({row}.name, {row}.id_number));")


_DELETE_OLD_TERMS = (
    f"DELETE FROM search_terms WHERE term IN (SELECT value FROM json_each({_TERMS}(OLD.name, OLD.id_number))) "
    f"AND sort_key = OLD.name AND person_id = OLD.id;"
)

UPGRADE = [
    """CREATE TABLE search_terms (
        term TEXT NOT NULL,
        sort_key TEXT NOT NULL,
        person_id INTEGER NOT NULL,
        PRIMARY KEY (term, sort_key, person_id)
    ) WITHOUT ROWID""",
    "CREATE TABLE search_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    f"CREATE TRIGGER search_persons_ai AFTER INSERT ON persons BEGIN {_insert_terms('NEW')} END",
    f"""CREATE TRIGGER search_persons_au AFTER UPDATE OF id, name, id_number ON persons
        WHEN OLD.id IS NOT NEW.id OR OLD.name IS NOT NEW.name OR OLD.id_number IS NOT NEW.id_number
        BEGIN {_DELETE_OLD_TERMS} {_insert_terms('NEW')} END""",
    f"CREATE TRIGGER search_persons_ad AFTER DELETE ON persons BEGIN {_DELETE_OLD_TERMS} END",
    # Enterprise names: an external-content FTS5 table; trigram finds any part of 3+ characters.
    "CREATE VIRTUAL TABLE enterprise_fts USING fts5(name, content='enterprises', content_rowid='id', "
    "tokenize='trigram')",
    """CREATE TRIGGER search_enterprises_ai AFTER INSERT ON enterprises BEGIN
        INSERT INTO enterprise_fts (rowid, name) VALUES (NEW.id, NEW.name); END""",
    """CREATE TRIGGER search_enterprises_ad AFTER DELETE ON enterprises BEGIN
        INSERT INTO enterprise_fts (enterprise_fts, rowid, name) VALUES ('delete', OLD.id, OLD.name); END""",
    """CREATE TRIGGER search_enterprises_au AFTER UPDATE OF id, name ON enterprises BEGIN
        INSERT INTO enterprise_fts (enterprise_fts, rowid, name) VALUES ('delete', OLD.id, OLD.name);
        INSERT INTO enterprise_fts (rowid, name) VALUES (NEW.id, NEW.name); END""",
    # A scanned QR: the stored QR text or e-certificate identifier. Partial indexes cost nothing
    # for the (many) certificates without one.
    "CREATE INDEX ix_certificates_qr_text ON certificates (qr_text) WHERE qr_text IS NOT NULL",
    "CREATE INDEX ix_certificates_ecert_id ON certificates (ecert_id) WHERE ecert_id IS NOT NULL",
]

DOWNGRADE = [
    "DROP INDEX ix_certificates_ecert_id",
    "DROP INDEX ix_certificates_qr_text",
    "DROP TRIGGER search_enterprises_au",
    "DROP TRIGGER search_enterprises_ad",
    "DROP TRIGGER search_enterprises_ai",
    "DROP TABLE enterprise_fts",
    "DROP TRIGGER search_persons_ad",
    "DROP TRIGGER search_persons_au",
    "DROP TRIGGER search_persons_ai",
    "DROP TABLE search_meta",
    "DROP TABLE search_terms",
]


def upgrade() -> None:
    for statement in UPGRADE:
        op.execute(statement)
    # Existing persons (a cache from before this step) get their terms now.
    search_index.rebuild(op.get_bind())


def downgrade() -> None:
    for statement in DOWNGRADE:
        op.execute(statement)
