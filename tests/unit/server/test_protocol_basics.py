"""The provincial server over real HTTP (uvicorn on 127.0.0.1), on SQLite and on PostgreSQL: handshake,
feed, snapshot, verify and the error answers, each read back as the protocol's models."""

from __future__ import annotations

import datetime as dt
import gzip
import json

from desktop_app.sync.protocol import (
    PROTOCOL_HEADER,
    ErrorBody,
    FeedPage,
    Handshake,
    SnapshotHeader,
    SnapshotTrailer,
    VerifyReport,
)
from tests.helpers.provincial import JINAN, SEED_PERSONS, Province


def test_handshake_names_the_bureau_the_epoch_and_the_high_water(provincial: Province) -> None:
    with provincial.client() as client:
        answer = client.get("/v1/handshake")
    assert answer.status_code == 200
    hello = Handshake.model_validate(answer.json())
    assert (hello.protocol_min, hello.protocol_max) == (1, 1)
    assert hello.units == [JINAN] and hello.high_water == SEED_PERSONS
    assert abs((hello.server_time - dt.datetime.now(dt.UTC)).total_seconds()) < 60
    assert len(hello.epoch) == 32


def test_the_feed_pages_by_sequence_and_holds_whole_persons(provincial: Province) -> None:
    seen: list[int] = []
    since = 0
    with provincial.client() as client:
        while True:
            page = FeedPage.model_validate(client.get("/v1/changes", params={"since": since, "limit": 70}).json())
            seen += [item.seq for item in page.items]
            for item in page.items:
                assert item.record is not None and item.record["id_number"] == item.id_number
                assert item.record["certificates"]
            since = page.next_since
            if not page.has_more:
                break
    assert seen == sorted(seen) and len(seen) == SEED_PERSONS == len(set(seen))


def test_the_snapshot_is_gzipped_ndjson_with_header_and_trailer(provincial: Province) -> None:
    with provincial.client() as client:
        answer = client.get("/v1/snapshot")
    assert answer.status_code == 200
    lines = gzip.decompress(answer.content).decode("utf-8").splitlines()
    header, trailer = SnapshotHeader.model_validate_json(lines[0]), SnapshotTrailer.model_validate_json(lines[-1])
    assert header.seq == SEED_PERSONS == header.count == trailer.count == len(lines) - 2
    assert answer.headers["CertDesk-Snapshot-Seq"] == str(header.seq)
    ids = [json.loads(line)["id_number"] for line in lines[1:-1]]
    assert len(set(ids)) == SEED_PERSONS


def test_verify_counts_every_certificate_once(provincial: Province) -> None:
    with provincial.client() as client:
        report = VerifyReport.model_validate(client.get("/v1/verify").json())
        snapshot = gzip.decompress(client.get("/v1/snapshot").content).decode("utf-8").splitlines()[1:-1]
    certificates = sum(len(json.loads(line)["record"]["certificates"]) for line in snapshot)
    assert sum(g.count for g in report.groups) == certificates
    assert {g.kind for g in report.groups} <= {"A", "B", "C1", "C2", "C3"} | {f"SPECIAL:{n:02d}" for n in range(100)}


def test_errors_have_a_code_and_a_chinese_message(provincial: Province) -> None:
    with provincial.client() as client:
        no_token = client.get("/v1/handshake", headers={"Authorization": ""})
        bad_token = client.get("/v1/handshake", headers={"Authorization": "Bearer cdt_nope"})
        too_new = client.get("/v1/handshake", headers={PROTOCOL_HEADER: "9"})
        ahead = client.get("/v1/changes", params={"since": 10**9})
        old_epoch = client.get("/v1/changes", params={"epoch": "0" * 32})
        malformed = client.post("/v1/push", content=b"{not json", headers={"Content-Type": "application/json"})
        nowhere = client.get("/v1/nothing")
    for answer, status, code in ((no_token, 401, "unauthorized"), (bad_token, 401, "unauthorized"),
                                 (too_new, 426, "protocol_unsupported"), (ahead, 410, "cursor_stale"),
                                 (old_epoch, 410, "epoch_changed"), (malformed, 422, "bad_request"),
                                 (nowhere, 404, "not_found")):
        body = ErrorBody.model_validate(answer.json())
        assert (answer.status_code, body.code) == (status, code)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in body.message)
