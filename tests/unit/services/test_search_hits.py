"""A page's hits (search_hits.py) against the plain reading: one person at a time, every value from its
own query and the domain's functions, as the search built them before it read a page in two statements.

The demo province is given what the fast path treats specially: persons with several certificates
whose index order is not their id order, a certificate in a state no rule knows, one without a
validity, a person without certificates, photos, outbox entries (settled and not) and conflicts
(resolved and not). Every query and filter below must give the same hits, field by field.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from collections.abc import Iterator

import pytest

from desktop_app import demo
from desktop_app.domain.rules import default_rules
from desktop_app.domain.status import Status, certificate_status
from desktop_app.messages import msg, set_language
from desktop_app.services.eligibility import blockers as generation_blockers
from desktop_app.services.search import SearchService
from desktop_app.services.search_hits import filled
from desktop_app.services.search_types import CertificateSummary, MatchKind, PersonHit, SearchFilters
from desktop_app.store import outbox
from desktop_app.store.engine import Cache
from tests.helpers.search_fixtures import demo_province

TODAY = demo.REFERENCE_DATE
QUERIES = ["王", "张伟", "李", "建", "zhang", "w", "有限公司", "3701", "1234", "国"]
FILTERS = [SearchFilters(), SearchFilters(format="old"), SearchFilters(blocked=True), SearchFilters(status="expired"),
           SearchFilters(unsynced=True), SearchFilters(category="A")]


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cache]:
    built = demo_province(tmp_path_factory.mktemp("hits"), 2000, seed=11, photo_fraction=0.2)
    with sqlite3.connect(built.path) as conn:
        _oddities(conn)
    yield built
    built.close()


def _oddities(conn: sqlite3.Connection) -> None:
    several = [row[0] for row in conn.execute(
        "SELECT person_id FROM certificates GROUP BY person_id HAVING count(*) > 1 LIMIT 40")]
    # the index (person_id, issuer_unit, …) then lists a person's certificates against their id order
    conn.executemany("UPDATE certificates SET issuer_unit = '淄博市住房和城乡建设局' WHERE id = "
                     "(SELECT min(id) FROM certificates WHERE person_id = ?)", [(p,) for p in several[:20]])
    conn.execute("UPDATE certificates SET state = 'mislaid' WHERE id = (SELECT min(id) FROM certificates)")
    conn.execute("UPDATE certificates SET valid_until = NULL WHERE id = (SELECT max(id) FROM certificates)")
    conn.execute("DELETE FROM certificates WHERE person_id = (SELECT max(id) FROM persons)")
    persons = [row[0] for row in conn.execute("SELECT id FROM persons ORDER BY id LIMIT 400")]
    for index, person_id in enumerate(persons[::7]):
        state = outbox.OutboxState.APPLIED if index % 3 == 0 else outbox.OutboxState.PENDING
        cursor = conn.execute(
            "INSERT INTO outbox (created_at, entity, entity_key, base_version, changes, state, person_id, change_id, "
            "settled_at) VALUES ('2026-01-01', 'person', ?, 1, '{}', ?, ?, ?, ?)",
            (str(person_id), state.value, person_id, f"change-{person_id}", "2026-01-02" if index % 4 == 0 else None))
        conn.execute("INSERT INTO sync_conflicts (outbox_id, person_id, entity, entity_key, field, found_at, "
                     "resolved_at) VALUES (?, ?, 'person', ?, 'phone', '2026-01-03', ?)",
                     (cursor.lastrowid, person_id, str(person_id), "2026-01-04" if index % 2 else None))


@pytest.fixture(scope="module")
def service(cache: Cache) -> SearchService:
    return SearchService(cache)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value[:10]) if value else None


def plain_hit(conn: sqlite3.Connection, person_id: int, kind: MatchKind, today: dt.date) -> PersonHit | None:
    """One person read on its own, each value from the domain's functions."""
    rules = default_rules()
    person = conn.execute(
        "SELECT p.id, p.id_number, p.name, p.gender, p.birth_date, p.phone, p.education, p.major, p.position, "
        "p.title, e.name, EXISTS (SELECT 1 FROM photos ph WHERE ph.person_id = p.id) "
        "FROM persons p LEFT JOIN enterprises e ON e.id = p.enterprise_id WHERE p.id = ?", (person_id,)).fetchone()
    if person is None:
        return None
    fields = dict(zip(("name", "gender", "birth_date", "phone", "education", "major", "position", "title",
                       "employer"), person[2:11], strict=True))
    summaries = []
    for number, new_number, category, work_type, state, fmt, until, unit, generated, cert_id in conn.execute(
            "SELECT number, new_number, category, work_type, state, format, valid_until, issuer_unit, "
            "new_generated_at IS NOT NULL, id FROM certificates WHERE person_id = ? ORDER BY id", (person_id,)):
        valid_until = _date(until)
        status = certificate_status(state, valid_until, today, rules) if state in rules.states else Status.EXPIRED
        needs = fmt == "old" and not generated
        blockers = tuple(generation_blockers(category, state, valid_until, fields, bool(person[11]), unit, today,
                                             rules)) if needs else ()
        found = rules.work_type_by_code(work_type, fmt) if work_type else None
        summaries.append(CertificateSummary(
            number, new_number, category, work_type, found.name if found else None, state, status.value,
            status.label, fmt, valid_until, unit, bool(generated), blockers, cert_id))  # type: ignore[arg-type]
    blocked = tuple(str(msg("search.blocked_certificate", number=s.number, reason=r))
                    for s in summaries for r in s.blockers)
    states = ", ".join("?" * len(outbox.UNSYNCED_STATES))
    pending = conn.execute(f"SELECT count(*) FROM outbox WHERE person_id = ? AND state IN ({states}) "
                           "AND settled_at IS NULL", (person_id, *outbox.UNSYNCED_STATES)).fetchone()[0]
    conflicts = conn.execute("SELECT count(*) FROM sync_conflicts WHERE person_id = ? AND resolved_at IS NULL",
                             (person_id,)).fetchone()[0]
    return PersonHit(person[0], person[1], person[2], person[3], person[10], kind, tuple(summaries), blocked,
                     pending > 0, conflicts > 0)


@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize("today", [TODAY, dt.date(2031, 6, 1)], ids=["today", "later"])
def test_hits_are_the_plain_reading(cache: Cache, service: SearchService, language: str, today: dt.date) -> None:
    set_language(language)
    try:
        compared = blocked = unsynced = conflicts = 0
        with sqlite3.connect(cache.path) as conn:
            for query in QUERIES:
                for filters in FILTERS:
                    page = service.search(query, filters, limit=120, today=today)
                    for hit in page.hits:
                        assert hit == plain_hit(conn, hit.person_id, hit.match, today), (query, filters)
                        compared += 1
                        blocked += bool(hit.blocked)
                        unsynced += hit.unsynced
                        conflicts += hit.conflict
        assert compared > 2000 and blocked and unsynced and conflicts  # the cases above were met
    finally:
        set_language("zh_CN")


def test_every_person_as_a_hit_and_in_detail(cache: Cache, service: SearchService) -> None:
    """Each person of the province: the list's hits, and the detail's certificates, as read alone."""
    page = service.search("", SearchFilters(format="old"), limit=1000, today=TODAY)
    rest = service.search("", SearchFilters(format="new"), limit=1000, today=TODAY)
    with sqlite3.connect(cache.path) as conn:
        every = [row[0] for row in conn.execute("SELECT id FROM persons ORDER BY id")]
        for hit in (*page.hits, *rest.hits):
            assert hit == plain_hit(conn, hit.person_id, hit.match, TODAY)
        for person_id in every[::13] + every[-1:]:
            detail = service.person_detail(person_id, today=TODAY)
            plain = plain_hit(conn, person_id, MatchKind.OTHER, TODAY)
            assert detail is not None and plain is not None
            assert detail.certificates == plain.certificates
            assert (detail.unsynced_changes > 0, detail.conflicts > 0) == (plain.unsynced, plain.conflict)
    assert service.person_detail(every[-1], today=TODAY).certificates == ()  # type: ignore[union-attr]


def test_filled_objects_equal_the_constructors() -> None:
    summary = CertificateSummary("n", "m", "A", None, None, "valid", "valid", "有效", "old", TODAY, "u", False,
                                 ("r",), 7)
    hit = PersonHit(1, "x", "王", "男", None, MatchKind.OTHER, (summary,), ("b",), True, False)
    for value in (summary, hit):
        make = filled(type(value))
        names = {f.name for f in dataclasses.fields(value)}
        assert make.fields == names  # type: ignore[attr-defined]
        copy = make(**{name: getattr(value, name) for name in names})
        assert type(copy) is type(value) and copy == value and hash(copy) == hash(value) and repr(copy) == repr(value)
        with pytest.raises(dataclasses.FrozenInstanceError):
            copy.id = 8  # type: ignore[misc]


def test_filled_refuses_what_its_init_would_skip() -> None:
    @dataclasses.dataclass(frozen=True)
    class Checked:
        value: int

        def __post_init__(self) -> None:
            raise AssertionError

    @dataclasses.dataclass(frozen=True, slots=True)
    class Slotted:
        value: int

    for cls in (Checked, Slotted):
        with pytest.raises(TypeError):
            filled(cls)


def test_hits_carry_every_field(service: SearchService) -> None:
    """The fast constructor is given all fields (a forgotten one would be missing, not defaulted)."""
    page = service.search("王", limit=50, today=TODAY)
    assert page.hits
    for hit in page.hits:
        assert set(vars(hit)) == {f.name for f in dataclasses.fields(PersonHit)}
        for summary in hit.certificates:
            assert set(vars(summary)) == {f.name for f in dataclasses.fields(CertificateSummary)}
