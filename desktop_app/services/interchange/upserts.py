"""The SQL the importer writes with: bulk upserts that change a row only when a value differs.

So a re-import changes nothing and bumps no version; a certificate generated here in the new format
is not turned back by an older upstream record; and the search index is filled by one sorted
statement per batch instead of its per-row trigger.
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop_app.services.interchange.parsing import CERT_COLUMNS, PERSON_COLUMNS
from desktop_app.store import search_index


def _changed(table: str, columns: Sequence[str]) -> str:
    """A WHERE clause true when any column differs from the incoming row (NULL-safe)."""
    return f"({', '.join(f'{table}.{c}' for c in columns)}) IS NOT ({', '.join(f'excluded.{c}' for c in columns)})"


_PERSON_VALUES = (*PERSON_COLUMNS[1:], "enterprise_id")
UPSERT_PERSON = (
    f"INSERT INTO persons ({', '.join(PERSON_COLUMNS)}, enterprise_id, version, updated_at) "
    f"VALUES ({', '.join('?' * (len(PERSON_COLUMNS) + 1))}, 1, ?) "
    f"ON CONFLICT(id_number) DO UPDATE SET {', '.join(f'{c}=excluded.{c}' for c in _PERSON_VALUES)}, "
    f"version=persons.version+1, updated_at=excluded.updated_at WHERE {_changed('persons', _PERSON_VALUES)}"
)
UPSERT_CERT = (
    f"INSERT INTO certificates (person_id, {', '.join(CERT_COLUMNS)}, version) "
    f"VALUES ((SELECT id FROM persons WHERE id_number=?), {', '.join('?' * len(CERT_COLUMNS))}, 1) "
    f"ON CONFLICT(new_number) DO UPDATE SET {', '.join(f'{c}=excluded.{c}' for c in CERT_COLUMNS)}, "
    f"version=certificates.version+1 WHERE {_changed('certificates', CERT_COLUMNS)} "
    # A certificate generated here in the new format is not turned back by an older upstream record.
    f"AND NOT (certificates.new_generated_at IS NOT NULL AND excluded.format = 'old')"
)
UPSERT_PHOTO = (
    "INSERT INTO photos (person_id, mime, bytes, sha256) VALUES ((SELECT id FROM persons WHERE id_number=?), "
    "?, ?, ?) ON CONFLICT(person_id) DO UPDATE SET mime=excluded.mime, bytes=excluded.bytes, "
    "sha256=excluded.sha256 WHERE photos.sha256 IS NOT excluded.sha256"
)
# A new photo is a change of the person even when no other field changed.
BUMP_PERSON = "UPDATE persons SET version=version+1, updated_at=? WHERE id_number=? AND updated_at IS NOT ?"

# The search index's per-row insert trigger is most of the cost of a bulk insert. Within each batch
# transaction it is set aside and the batch's new persons are indexed by one sorted statement with the
# same function the trigger calls; the trigger is back before the commit, so no other writer ever
# sees it missing. Tests compare the result with a full rebuild of the index.
SEARCH_INSERT_TRIGGER = "search_persons_ai"
INDEX_NEW_PERSONS = (
    f"INSERT OR IGNORE INTO search_terms (term, sort_key, person_id) SELECT j.value, p.name, p.id "
    f"FROM persons p, json_each({search_index.TERMS_FUNCTION}(p.name, p.id_number)) j WHERE p.id > ? "
    f"ORDER BY 1, 2, 3"
)
