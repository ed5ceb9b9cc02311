"""Values no importer accepts (an old cache, a future sync) never crash the search box: an unknown
state reads as not in force, with the same reasons generation would give."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop_app.services.search import SearchService
from tests.helpers.search_fixtures import TODAY, cert, person, resident_id, write_and_import

HOLDER = resident_id("370102", "19850712", "123")


def test_an_unknown_state_and_an_unsignable_validity_are_reasons_not_a_crash(tmp_path: Path) -> None:
    cache = write_and_import(tmp_path, [person(HOLDER, "王建国", [cert("鲁建安B（2019）0001234", "B", "old")])])
    with sqlite3.connect(cache.path) as conn:
        conn.execute("UPDATE certificates SET state = 'zombie', valid_until = '2200-01-01'")
    page = SearchService(cache).search("王建国", today=TODAY)
    [hit] = page.hits
    [summary] = hit.certificates
    assert summary.status == "expired"  # not in force: never shown as valid
    assert any("zombie" in reason for reason in summary.blockers)
    assert any("2179" in reason for reason in summary.blockers)
    detail = SearchService(cache).person_detail(hit.person_id, today=TODAY)
    assert detail is not None and detail.certificates[0].blockers == summary.blockers
    cache.close()
