"""Verification after a sync: counts and checksums per issuing unit × kind, the cache against the server.

Both sides sum `protocol.certificate_digest` over their certificates. A person with local changes not
synced yet counts as the server holds it: its upstream copy if one was pulled, else its local record
with those changes taken back (their old values), so a pending edit is no mismatch. A group that
differs is pulled again whole (`/v1/groups`) and compared once more; what still differs is reported.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from desktop_app.domain.kinds import certificate_kind
from desktop_app.store import outbox
from desktop_app.sync.protocol import DIGEST_CERT_FIELDS, certificate_digest, digest_with, holder_prefix

Groups = dict[tuple[str, str], tuple[int, int]]  # (unit, kind) → (count, checksum)
_PERSONS = ("SELECT p.id, p.id_number, p.name, p.gender, p.birth_date, p.phone, p.education, p.major, e.name, "
            "e.uscc, p.position, p.title, ph.sha256 FROM persons p LEFT JOIN enterprises e ON e.id = p.enterprise_id "
            "LEFT JOIN photos ph ON ph.person_id = p.id")
_CERTS = ("SELECT person_id, number, category, work_type, first_issued, issued, valid_until, issuer_unit, state, "
          "format, ecert_id, qr_text FROM certificates")
_CERT_KEYS = DIGEST_CERT_FIELDS  # _CERTS selects them in this order, the digest's
_FIELD_NAMES = {"employer_name": "employer.name", "employer_uscc": "employer.uscc"}


def _text(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else (str(value) if value is not None else None)


def _person_dict(row: tuple[Any, ...]) -> tuple[int, dict[str, Any], str | None]:
    pid, idn, name, gender, birth, phone, edu, major, ename, euscc, position, title, sha = row
    employer = {"name": ename, "uscc": euscc} if ename or euscc else None
    return pid, {"id_number": idn, "name": name, "gender": gender, "birth_date": _text(birth), "phone": phone,
                 "education": edu, "major": major, "employer": employer, "position": position, "title": title}, sha


def _cert_dict(row: tuple[Any, ...]) -> dict[str, Any]:
    return dict(zip(_CERT_KEYS, (_text(v) for v in row[1:]), strict=True))


def _local_rows(conn: sqlite3.Connection) -> Iterator[tuple[tuple[Any, ...], list[tuple[Any, ...]]]]:
    """Each person's row (`_PERSONS`) with their certificates' rows (`_CERTS`): two cursors in person order,
    merged, so memory stays flat (holding every certificate of a province until the persons came cost
    ≈ 1 GB at 1,000,000)."""
    cert_rows = conn.execute(_CERTS + " ORDER BY person_id")
    waiting = cert_rows.fetchone()
    for row in conn.execute(_PERSONS + " ORDER BY p.id"):
        pid = row[0]
        while waiting is not None and waiting[0] < pid:  # a certificate without its person: not counted
            waiting = cert_rows.fetchone()
        certs = []
        while waiting is not None and waiting[0] == pid:
            certs.append(waiting)
            waiting = cert_rows.fetchone()
        yield row, certs


def _as_server_sees(conn: sqlite3.Connection, pid: int, person: dict[str, Any], certs: list[dict[str, Any]],
                    sha: str | None) -> tuple[dict[str, Any] | None, list[dict[str, Any]], str | None]:
    """A person with unsynced changes, as the server holds it: the upstream copy, or the changes undone."""
    upstream = conn.execute("SELECT record, deleted FROM sync_upstream WHERE person_id = ?", (pid,)).fetchone()
    if upstream is not None:
        if upstream[1] or upstream[0] is None:
            return None, [], None
        record = json.loads(upstream[0])
        photo = record.pop("photo", None)
        import base64
        import hashlib
        sha = hashlib.sha256(base64.b64decode(photo)).hexdigest() if photo else None
        return record, record.get("certificates") or [], sha
    by_number = {c["number"]: c for c in certs}
    rows = conn.execute(f"SELECT entity, entity_key, changes FROM outbox WHERE person_id = ? AND state IN "
                        f"({', '.join(repr(s.value) for s in outbox.UNSYNCED_STATES)}) AND settled_at IS NULL "
                        "ORDER BY id DESC", (pid,)).fetchall()
    for entity, key, changes in rows:
        for name, values in json.loads(changes).get("fields", {}).items():
            if entity == "person":
                name = _FIELD_NAMES.get(name, name)
                if name == "photo":
                    sha = values.get("old")
                elif name.startswith("employer."):
                    employer = dict(person.get("employer") or {"name": None, "uscc": None})
                    employer[name.split(".")[1]] = values.get("old")
                    person["employer"] = employer if employer["name"] or employer["uscc"] else None
                else:
                    person[name] = values.get("old")
            else:
                target = next((c for c in certs if _new_number(c) == key), None) or by_number.get(key)
                if target is not None and name in _CERT_KEYS:
                    target[name] = values.get("old")
    return person, certs, sha


def _new_number(cert: dict[str, Any]) -> str | None:
    from desktop_app.domain.certnumber import CertNumberError, parse
    try:
        return parse(cert["number"], cert["format"]).new_number()
    except (CertNumberError, KeyError, TypeError):
        return None


Kinds = dict[tuple[str, str | None, str], str | None]  # (category, work type, format) → kind, None if unknown


def _kind(kinds: Kinds, category: str, work_type: str | None, fmt: str) -> str | None:
    key = (category, work_type, fmt)
    if key not in kinds:  # a province has a few dozen combinations: each is worked out once per verify
        try:
            kinds[key] = certificate_kind(category, work_type, fmt)
        except ValueError:
            kinds[key] = None
    return kinds[key]


def _add(groups: dict[tuple[str, str], list[int]], kinds: Kinds, person: dict[str, Any],
         certs: Iterable[dict[str, Any]], sha: str | None) -> None:
    for cert in certs:
        kind = _kind(kinds, cert["category"], cert.get("work_type"), cert["format"])
        if kind is None:
            continue
        group = groups[(cert["issuer_unit"], kind)]
        group[0] += 1
        group[1] += certificate_digest(person, cert, sha)


def _add_rows(groups: dict[tuple[str, str], list[int]], kinds: Kinds, person: tuple[Any, ...],
              certs: list[tuple[Any, ...]]) -> None:
    """`_add` for a person as stored, straight from the rows: their columns are in the digest's order, so
    the holder's part is encoded once and no dict is built (verify reads every certificate of a province)."""
    prefix = holder_prefix(person[1:])
    for cert in certs:
        kind = _kind(kinds, cert[2], cert[3], cert[9])
        if kind is None:
            continue
        group = groups[(cert[7], kind)]
        group[0] += 1
        group[1] += digest_with(prefix, cert[1:])


def local_groups(conn: sqlite3.Connection, units_kinds: set[tuple[str, str]] | None = None) -> Groups:
    pending = {r[0] for r in conn.execute(outbox.UNSYNCED_PERSONS_SQL)}
    groups: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    kinds: Kinds = {}
    for row, cert_rows in _local_rows(conn):
        if row[0] not in pending:
            _add_rows(groups, kinds, row, cert_rows)
            continue
        pid, person, sha = _person_dict(row)
        seen, certs, sha = _as_server_sees(conn, pid, person, [_cert_dict(c) for c in cert_rows], sha)
        if seen is not None:
            _add(groups, kinds, seen, certs, sha)
    result = {key: (n, s) for key, (n, s) in groups.items()}
    return {k: v for k, v in result.items() if units_kinds is None or k in units_kinds}


def differences(server: Groups, local: Groups) -> set[tuple[str, str]]:
    return {key for key in set(server) | set(local) if server.get(key, (0, 0)) != local.get(key, (0, 0))}


def persons_of_group(conn: sqlite3.Connection, unit: str, kind: str) -> set[str]:
    found = set()
    for idn, category, work_type, fmt in conn.execute(
            "SELECT p.id_number, c.category, c.work_type, c.format FROM certificates c JOIN persons p "
            "ON p.id = c.person_id WHERE c.issuer_unit = ?", (unit,)):
        try:
            if certificate_kind(category, work_type, fmt) == kind:
                found.add(idn)
        except ValueError:
            continue
    return found
