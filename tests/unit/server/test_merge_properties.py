"""Properties of the per-field merge (hypothesis): pure, then through the server's own database.

Any interleaving of the same changes converges when they touch different fields; a change applied
twice is applied once; a stale base never overwrites silently (the value stays, the change conflicts).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import shutil
import uuid
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from desktop_app.domain.rules import default_rules
from desktop_app.sync.protocol import Entity, FieldValue, ItemStatus, PushChange
from provincial_server import push
from provincial_server.db.engine import database_url, open_database
from provincial_server.merge import apply
from provincial_server.writes import Bureau
from tests.helpers.provincial import JINAN, demo_file, open_seeded

FIELDS = ("phone", "education", "major", "position", "title")
values = st.one_of(st.none(), st.sampled_from(["a", "b", "c", "d"]))
a_change = st.builds(lambda f, o, n: FieldValue(field=f, old=o, new=n), st.sampled_from(FIELDS), values, values)
states = st.fixed_dictionaries({f: values for f in FIELDS})


@given(states, st.lists(a_change, min_size=1, max_size=3, unique_by=lambda c: c.field))
def test_a_change_applied_twice_is_applied_once(state: dict[str, str | None], change: list[FieldValue]) -> None:
    _, once = apply(state, change)
    second, twice = apply(once, change)
    assert twice == once
    if once != state:
        assert second.already_applied  # the resend finds its own values: a duplicate, no new version


@given(states, st.lists(a_change, min_size=1, max_size=4))
def test_a_stale_base_never_overwrites(state: dict[str, str | None], change: list[FieldValue]) -> None:
    result, after = apply(state, change)
    for field in change:
        stale = (state[field.field] or None) not in ((field.old or None), (field.new or None))
        if stale:
            assert result.conflicts and after == state


@given(states, st.lists(st.lists(a_change, min_size=1, max_size=2, unique_by=lambda c: c.field), min_size=2,
                        max_size=4))
def test_any_interleaving_converges_when_changes_touch_different_fields(
        state: dict[str, str | None], changes: list[list[FieldValue]]) -> None:
    used: set[str] = set()
    disjoint = []
    for change in changes:
        if used.isdisjoint(c.field for c in change):
            disjoint.append(change)
            used.update(c.field for c in change)
    results = set()
    for order in itertools.permutations(disjoint):
        current = dict(state)
        for change in order:
            _, current = apply(current, change)
        results.add(tuple(sorted(current.items(), key=lambda kv: kv[0])))
    assert len(results) == 1


@given(states, st.lists(st.lists(a_change, min_size=1, max_size=2, unique_by=lambda c: c.field), min_size=1,
                        max_size=4), st.randoms(use_true_random=False))
def test_every_value_ends_initial_or_a_proposed_new_one(state: dict[str, str | None],
                                                        changes: list[list[FieldValue]], rng: object) -> None:
    current = dict(state)
    for change in changes:
        _, current = apply(current, change)
    for field, value in current.items():
        proposed = {c.new or None for change in changes for c in change if c.field == field}
        assert (value or None) == (state[field] or None) or (value or None) in proposed


# The same through the real write path: a SQLite server database, every order of a few changes from
# several bureaus' operators, and the audit as the witness that each change id was applied once.
def _phone(n: int) -> str:
    return f"1390000{n:04d}"


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.permutations(list(range(4))), st.booleans())
def test_through_the_database_orders_converge_and_resends_apply_once(tmp_path: Path, order: list[int],
                                                                      resend: bool) -> None:
    template = tmp_path / "template"
    if not template.exists():  # seeded once; every example starts from a copy of it
        open_seeded(database_url(template, None), demo_file(tmp_path, size=40, seed=5)).dispose()
    folder = tmp_path / uuid.uuid4().hex
    shutil.copytree(template, folder)
    db = open_database(database_url(folder, None))
    rules = default_rules()
    bureau = Bureau(JINAN, frozenset([JINAN]))
    try:
        with db.read.connect() as conn:
            rows = conn.execute(text("SELECT id_number, doc FROM persons p WHERE EXISTS (SELECT 1 FROM certificates c "
                                     "WHERE c.person_id = p.id AND c.unit = :u) ORDER BY id_number LIMIT 2"),
                                {"u": JINAN}).all()
        people = [(idn, json.loads(doc)) for idn, doc in rows]
        (first, first_doc), (second, second_doc) = people
        now = dt.datetime.now(dt.UTC)

        def make(key: str, field: str, old: str | None, new: str) -> PushChange:
            return PushChange(change_id=uuid.uuid4(), entity=Entity.PERSON, key=key, fields=[
                FieldValue(field=field, old=old, new=new)], operator="op", made_at=now)
        changes = [make(first, "phone", first_doc["phone"], _phone(1)), make(first, "major", first_doc["major"], "甲"),
                   make(second, "phone", second_doc["phone"], _phone(2)), make(second, "title", second_doc["title"],
                                                                              "测试职称")]
        for i in order:
            assert push.apply_change(db, bureau, changes[i], 0, rules).status is ItemStatus.APPLIED
            if resend:
                assert push.apply_change(db, bureau, changes[i], 0, rules).status is ItemStatus.DUPLICATE
        with db.read.connect() as conn:
            docs = {idn: json.loads(doc) for idn, doc in conn.execute(text(
                "SELECT id_number, doc FROM persons WHERE id_number IN (:a, :b)"), {"a": first, "b": second})}
            versions = dict(conn.execute(text("SELECT id_number, version FROM persons WHERE id_number IN (:a, :b)"),
                                         {"a": first, "b": second}).all())
            audited = conn.execute(text("SELECT change_id, count(*) FROM audit WHERE source = 'push' "
                                        "GROUP BY change_id")).all()
        assert (docs[first]["phone"], docs[first]["major"]) == (_phone(1), "甲")
        assert (docs[second]["phone"], docs[second]["title"]) == (_phone(2), "测试职称")
        assert versions == {first: 3, second: 3}
        assert sorted(n for _, n in audited) == [1, 1, 1, 1]
    finally:
        db.dispose()
