"""Verify's checksums read straight from the rows (issue 16) equal the digest of the record format, person by
person, with pending edits undone as before; and the digest is the SHA-256 of the documented JSON array."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import defaultdict
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from desktop_app.services import edits, interchange
from desktop_app.store import outbox
from desktop_app.store.engine import open_cache
from desktop_app.sync import verify
from desktop_app.sync.protocol import DIGEST_CERT_FIELDS, HOLDER_FIELDS, HOLDER_TAIL_FIELDS, certificate_digest
from tests.helpers.provincial import demo_file

_values = st.one_of(st.none(), st.just(""), st.text(max_size=12), st.integers(-10, 10**6))


def _documented_digest(person: dict[str, object], cert: dict[str, object], sha: str | None) -> int:
    """docs/sync-protocol.md's words, spelt out: one JSON array of the holder's values, then the certificate's."""
    employer = person.get("employer") or {}
    assert isinstance(employer, dict)
    values = [*(person.get(k) for k in HOLDER_FIELDS), employer.get("name"), employer.get("uscc"),
              *(person.get(k) for k in HOLDER_TAIL_FIELDS), sha, *(cert.get(k) for k in DIGEST_CERT_FIELDS)]
    text = json.dumps([None if v is None or v == "" else str(v) for v in values], ensure_ascii=False,
                      separators=(",", ":"))
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:4], "big")


@given(st.lists(_values, min_size=9, max_size=9), st.one_of(st.none(), st.tuples(_values, _values)),
       st.lists(_values, min_size=11, max_size=11), st.one_of(st.none(), st.text(max_size=8)))
def test_the_digest_is_the_documented_one(person_values: list[object], employer: tuple[object, object] | None,
                                          cert_values: list[object], sha: str | None) -> None:
    person = dict(zip((*HOLDER_FIELDS, *HOLDER_TAIL_FIELDS), person_values, strict=True))
    person["employer"] = None if employer is None else {"name": employer[0], "uscc": employer[1]}
    cert = dict(zip(DIGEST_CERT_FIELDS, cert_values, strict=True))
    assert certificate_digest(person, cert, sha) == _documented_digest(person, cert, sha)


def _groups_record_by_record(conn: sqlite3.Connection) -> verify.Groups:
    """What verify summed before it read rows directly: every person as a record, the digest per certificate."""
    pending = {r[0] for r in conn.execute(outbox.UNSYNCED_PERSONS_SQL)}
    groups: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for row, cert_rows in verify._local_rows(conn):
        pid, person, sha = verify._person_dict(row)
        certs = [verify._cert_dict(c) for c in cert_rows]
        if pid in pending:
            seen, certs, sha = verify._as_server_sees(conn, pid, person, certs, sha)
            if seen is None:
                continue
            person = seen
        for cert in certs:
            kind = verify._kind({}, cert["category"], cert.get("work_type"), cert["format"])
            if kind is not None:
                group = groups[(cert["issuer_unit"], kind)]
                group[0] += 1
                group[1] += _documented_digest(person, cert, sha)
    return {key: (n, s) for key, (n, s) in groups.items()}


def test_groups_from_rows_equal_groups_from_records(tmp_path: Path) -> None:
    cache = open_cache(tmp_path / "desk")
    try:
        interchange.import_jsonl(cache, demo_file(tmp_path, size=300, seed=43, photo_fraction=0.3))
        with sqlite3.connect(cache.path) as conn:
            edited = [str(r[0]) for r in conn.execute("SELECT id_number FROM persons ORDER BY id LIMIT 3")]
        for id_number, change in zip(edited, ({"phone": "13912340000"}, {"education": "本科"}, {"title": "工程师"}),
                                     strict=True):
            person_id = edits.person_id_for(cache, id_number)
            assert person_id is not None
            form = edits.load_person_form(cache, person_id)
            edits.save_person(cache, person_id, form.version, change, "测试员")
        with sqlite3.connect(cache.path) as conn:
            assert len({r[0] for r in conn.execute(outbox.UNSYNCED_PERSONS_SQL)}) == 3
            fast = verify.local_groups(conn)
            assert fast == _groups_record_by_record(conn)
            assert sum(n for n, _s in fast.values()) == conn.execute("SELECT count(*) FROM certificates").fetchone()[0]
    finally:
        cache.close()
