"""A cache's search terms as stored, and as the tokenizer computes them from its persons."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop_app.store.search_index import person_terms


def stored_terms(path: Path) -> set[tuple[str, str, str]]:
    """The search terms as (term, sort key, ID number): independent of the persons' row ids."""
    with sqlite3.connect(path) as conn:
        return set(conn.execute("SELECT t.term, t.sort_key, p.id_number FROM search_terms t "
                                "JOIN persons p ON p.id = t.person_id"))


def expected_terms(path: Path) -> set[tuple[str, str, str]]:
    """Each person's terms computed from the persons table by the tokenizer itself."""
    with sqlite3.connect(path) as conn:
        return {(term, name, id_number) for name, id_number in conn.execute("SELECT name, id_number FROM persons")
                for term in person_terms(name, id_number)}
