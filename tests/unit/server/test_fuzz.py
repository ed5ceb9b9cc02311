"""Fuzzing the provincial server over real HTTP (uvicorn on 127.0.0.1, SQLite seeded with the demo records).

schemathesis generates requests from the server's own OpenAPI document (GET /openapi.json); a hand-written
hypothesis test sends random well-formed pushes for real persons. Either way: no 5xx, every error a protocol
ErrorBody, and afterwards every stored record still passes the domain's `parse_record`.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
import io
import json
import os
import uuid
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from schemathesis import APIOperation, Case, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.parameters import ParameterLocation

from desktop_app.domain.record import PHOTO_MAX_IMPORT_BYTES, parse_record
from desktop_app.sync.protocol import (
    PERSON_FIELDS,
    PHOTO_FIELD,
    PROTOCOL_HEADER,
    PROTOCOL_MAX,
    ErrorBody,
    ItemStatus,
    PushRequest,
    PushResponse,
)
from provincial_server import admin, auth
from provincial_server.db.engine import Database, database_url, open_database
from tests.helpers.provincial import JINAN, SEED_PERSONS, in_thread, open_seeded, records_of, server_process

FUZZ_EXAMPLES = 30  # per operation and mode (60 per operation): finds a crash, keeps the file under a minute
PUSH_EXAMPLES = 50
INT64_MAX = 2**63 - 1
JSON = {"Content-Type": "application/json"}


@dataclass
class Target:
    db: Database
    url: str
    token: str  # a bureau answering for every unit in the seed: any seeded person may be pushed
    id_numbers: list[str]
    folder: Path


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory, demo_records: Path) -> Iterator[Target]:
    folder = tmp_path_factory.mktemp("fuzz")
    db = open_seeded(database_url(folder / "province", None), demo_records)
    seeded: list[dict[str, Any]] = records_of(demo_records)
    units = sorted({c["issuer_unit"] for r in seeded for c in r["certificates"]})
    try:
        with in_thread(db) as url:
            yield Target(db, url, auth.create_token(db, units), [r["id_number"] for r in seeded], folder)
    finally:
        db.dispose()


def good_headers(token: str) -> dict[str, str]:
    return {PROTOCOL_HEADER: str(PROTOCOL_MAX), "Authorization": f"Bearer {token}"}


def crc(value: object) -> int:
    return zlib.crc32(repr(value).encode())  # stable for the same generated data: hypothesis replays agree


def keeps_generated_headers(case: Case) -> bool:
    """Cases made to break a header, and one positive case in six, go as generated: the 401/422/426 paths."""
    meta = case.meta
    component = meta.components.get(ParameterLocation.HEADER) if meta else None
    if component is not None and component.mode is GenerationMode.NEGATIVE:
        return True
    return crc(dict(case.headers or {})) % 6 == 0


def aim_at_real_persons(case: Case, id_numbers: list[str]) -> None:
    """Point some generated keys at seeded persons, so the merge and validation run, not only the lookup."""
    if case.path == "/v1/records/{id_number}" and crc(case.path_parameters) % 2 == 0:
        case.path_parameters["id_number"] = id_numbers[crc(case.path_parameters) % len(id_numbers)]
    body = case.body
    if case.path == "/v1/push" and isinstance(body, dict) and isinstance(body.get("changes"), list):
        for change in body["changes"]:
            if isinstance(change, dict) and change.get("entity") == "person" and crc(change) % 2 == 0:
                change["key"] = id_numbers[crc(change) % len(id_numbers)]


def avoid_known_bugs(case: Case) -> None:
    """Repair the inputs of the bugs the xfail tests below pin, so the fuzz keeps looking for new ones."""
    for name, value in (case.query or {}).items():  # (`since` is bounded now; other integers stay in range)
        if isinstance(value, int) and value > INT64_MAX and name != "since":
            case.query[name] = INT64_MAX


def assert_error_body(response: Any) -> None:
    if response.status_code >= 400:
        body = ErrorBody.model_validate(json.loads(response.content))
        assert body.code and body.message, response.content[:300]


def assert_every_record_valid(target: Target) -> None:
    """Export what is stored and parse each line as the desktop importer would: nothing invalid got in."""
    path = target.folder / "export.jsonl"
    count = admin.export_records(target.db, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == count == SEED_PERSONS  # an ID-number correction moves a person, never adds or drops one
    bad = []
    for line in lines:
        try:
            parse_record(json.loads(line))
        except ValueError as exc:
            bad.append(f"{json.loads(line)['id_number']}: {exc}")
    assert not bad, bad[:5]


def fuzz_operation(target: Target, operation: APIOperation, mode: GenerationMode) -> None:
    @given(case=operation.as_strategy(mode))
    @settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
    def call(case: Case) -> None:
        extra = {} if keeps_generated_headers(case) else good_headers(target.token)
        aim_at_real_persons(case, target.id_numbers)
        avoid_known_bugs(case)
        response = case.call(headers=extra, timeout=30)
        case.validate_response(response, checks=[not_a_server_error])
        assert_error_body(response)

    try:
        call()
    except Exception as exc:
        exc.add_note(f"while fuzzing {operation.label} ({mode.value})")
        raise


def test_fuzzed_requests_get_no_server_error_and_protocol_error_bodies(target: Target) -> None:
    # Not `@schema.parametrize()` on `schemathesis.pytest.from_fixture`: 4.32 reads `Function._nodeid`, gone in
    # pytest 9.2. The strategies are schemathesis' own all the same, per operation, positive and negative.
    api = schemathesis.openapi.from_url(f"{target.url}/openapi.json", timeout=30)
    operations = [result.ok() for result in api.get_all_operations()]
    assert {op.label for op in operations} >= {"POST /v1/push", "GET /v1/changes", "GET /v1/snapshot"}
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            fuzz_operation(target, operation, mode)
    assert_every_record_valid(target)


# Values a bureau might send, and values it never should: control characters, the longest allowed, nothing.
CONTROL = st.text(st.characters(codec="utf-8", categories=["Cc", "Cf", "Zs", "Zl", "Zp"]), min_size=1, max_size=8)
VALUES = st.one_of(
    st.none(), st.just(""), st.text(max_size=30), CONTROL, st.text(min_size=3990, max_size=4000),
    st.builds(lambda a, b: a + b, st.text(max_size=5), CONTROL),
)
CJK = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=2, max_size=12)
PLAUSIBLE = {"phone": st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True), "name": CJK, "gender": st.sampled_from("男女"),
             "employer.uscc": st.from_regex(r"91370[0-9]{4}[0-9A-Z]{9}", fullmatch=True)}


def image(kind: str, side: int, noise: bool = False) -> bytes:
    pixels = os.urandom(side * side * 3) if noise else bytes([90, 140, 200]) * side * side
    out = io.BytesIO()
    Image.frombytes("RGB", (side, side), pixels).save(out, kind, **({"quality": 100} if kind == "JPEG" else {}))
    return out.getvalue()


@functools.cache
def photos() -> tuple[bytes, ...]:
    """Photos a bureau might send: JPEG, PNG, a truncated JPEG. (GIF, BMP, > 2 MiB: see the xfail test below.)"""
    fine = image("JPEG", 64)
    return fine, image("PNG", 64), fine[: len(fine) // 2]


def current_values(client: httpx.Client, id_number: str) -> dict[str, str | None]:
    answer = client.get(f"/v1/records/{id_number}")
    if answer.status_code != 200 or answer.json()["record"] is None:
        return {}  # moved away by an ID-number correction: now an unknown or deleted record
    record = answer.json()["record"]
    employer = record.get("employer") or {}
    values = {f: record.get(f) for f in PERSON_FIELDS if "." not in f}
    values.update({"employer.name": employer.get("name"), "employer.uscc": employer.get("uscc")})
    values[PHOTO_FIELD] = hashlib.sha256(base64.b64decode(record["photo"])).hexdigest() if record["photo"] else None
    return values


def mostly(draw: st.DrawFn, likely: st.SearchStrategy[Any], rarely: st.SearchStrategy[Any]) -> Any:
    return draw(rarely) if draw(st.integers(0, 9)) >= 8 else draw(likely)  # hypothesis favours the bounds


@st.composite
def push_change(draw: st.DrawFn, client: httpx.Client, id_numbers: list[str]) -> dict[str, Any]:
    key = mostly(draw, st.sampled_from(id_numbers), st.text(min_size=1, max_size=40))
    current = current_values(client, key) if key in id_numbers else {}
    change: dict[str, Any] = {"change_id": str(draw(st.uuids())), "entity": "person", "key": key,
                              "base_version": draw(st.integers(0, 5)), "fields": [],
                              "operator": draw(st.text(min_size=1, max_size=100)),
                              "made_at": draw(st.datetimes(timezones=st.just(dt.UTC))).isoformat(),
                              "reason": draw(st.one_of(st.none(), st.text(max_size=500)))}
    for name in draw(st.lists(st.sampled_from(PERSON_FIELDS), min_size=1, max_size=3, unique=True)):
        # old: mostly the server's value (so the change applies, or fails validation), else anything
        old = mostly(draw, st.just(current.get(name)), VALUES)
        if name == PHOTO_FIELD:
            photo = draw(st.one_of(st.none(), st.sampled_from(photos())))
            new = hashlib.sha256(photo).hexdigest() if photo is not None else None
            change["photo"] = base64.b64encode(photo).decode() if photo is not None else None
        else:
            new = mostly(draw, PLAUSIBLE.get(name, CJK), VALUES)
        change["fields"].append({"field": name, "old": old, "new": new})
    return change


def test_random_well_formed_pushes_for_real_persons(target: Target) -> None:
    with httpx.Client(base_url=target.url, headers=good_headers(target.token), timeout=30) as client:

        @given(data=st.data())
        @settings(max_examples=PUSH_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
        def push_once(data: st.DataObject) -> None:
            changes = data.draw(st.lists(push_change(client, target.id_numbers), min_size=1, max_size=5))
            body = PushRequest.model_validate({"changes": changes})  # well-formed by the protocol's own model
            answer = client.post("/v1/push", content=body.model_dump_json(), headers=JSON)
            assert answer.status_code == 200, answer.text[:500]
            results = PushResponse.model_validate(answer.json()).results
            assert [(r.index, r.change_id) for r in results] == [(n, c.change_id) for n, c in enumerate(body.changes)]
            for result in results:
                assert (result.code is not None) == (result.status is ItemStatus.REJECTED), result
                if result.status is ItemStatus.APPLIED:
                    assert result.version is not None and result.seq is not None, result

        push_once()
    assert_every_record_valid(target)


# Bugs the fuzzing found, pinned until fixed (strict: a fix makes these pass, and the xfail mark must go).

def photo_change(id_number: str, old: str | None, photo: bytes | str) -> dict[str, Any]:
    data = photo if isinstance(photo, str) else base64.b64encode(photo).decode()
    new = hashlib.sha256(photo).hexdigest() if isinstance(photo, bytes) else "0" * 64
    return {"change_id": str(uuid.uuid4()), "entity": "person", "key": id_number, "operator": "fuzz",
            "made_at": dt.datetime.now(dt.UTC).isoformat(), "fields": [{"field": PHOTO_FIELD, "old": old, "new": new}],
            "photo": data}


@pytest.fixture(scope="module")
def own_process(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    """A server process of its own for requests that crash one: it logs the traceback there. In a thread of this
    process, Python 3.11.7's shared AST state (cpython gh-106905) can break pytest's traceback rendering."""
    folder = tmp_path_factory.mktemp("crash")
    db = open_database(database_url(folder, None))
    try:
        token = auth.create_token(db, [JINAN])
    finally:
        db.dispose()
    with server_process(["--data", str(folder)]) as server, \
            httpx.Client(base_url=server.url, headers=good_headers(token), timeout=30) as client:
        yield client


def test_a_non_ascii_photo_is_not_a_server_error(own_process: httpx.Client) -> None:
    answer = own_process.post("/v1/push", json={"changes": [photo_change("370283197902013538", None, "照片")]})
    assert answer.status_code < 500, answer.text[:300]


def test_a_since_beyond_64_bits_is_not_a_server_error(own_process: httpx.Client) -> None:
    answer = own_process.get("/v1/changes", params={"since": 2**64})
    assert answer.status_code < 500, answer.text[:300]
    assert_error_body(answer)


def test_a_photo_the_record_format_refuses_is_not_stored(tmp_path: Path, demo_records: Path) -> None:
    db = open_seeded(database_url(tmp_path / "province", None), demo_records)  # its own: this test spoils a database
    seeded: list[dict[str, Any]] = records_of(demo_records)
    units = sorted({c["issuer_unit"] for r in seeded for c in r["certificates"]})
    large = image("JPEG", 1040, noise=True)
    assert len(large) > PHOTO_MAX_IMPORT_BYTES and len(base64.b64encode(large)) <= 3_000_000
    try:
        with in_thread(db) as url, httpx.Client(base_url=url, headers=good_headers(auth.create_token(db, units)),
                                                timeout=60) as client:
            changes = []
            for person, photo in zip(seeded, (image("GIF", 64), image("BMP", 32), large), strict=False):
                changes.append(photo_change(person["id_number"], current_values(client, person["id_number"])[
                    PHOTO_FIELD], photo))
            results = PushResponse.model_validate(client.post("/v1/push", json={"changes": changes}).json()).results
        assert [r.code for r in results] == ["invalid_value"] * 3, results
    finally:
        db.dispose()
