"""Pushing changes to the real server (uvicorn on 127.0.0.1; SQLite and PostgreSQL): one answer per item,
in order, each item all or nothing; idempotent by change id; per-field conflicts with who and when."""

from __future__ import annotations

import uuid

from sqlalchemy import text

from desktop_app.sync.protocol import FeedItem, ItemStatus
from tests.helpers.provincial import JINAN, QINGDAO, Province
from tests.helpers.sync_calls import change, feed_after, gzip_json, high_water, holders_of, push, record_of


def _someone(province: Province, unit: str = JINAN, nth: int = 0) -> FeedItem:
    with province.client(unit) as client:
        return holders_of(client, unit)[nth]


def _new_phone(item: FeedItem) -> str:
    return "13900000000" if item.record and item.record["phone"] != "13900000000" else "13900000001"


def test_a_change_is_applied_enters_the_feed_and_is_audited(provincial: Province) -> None:
    person = _someone(provincial)
    assert person.record is not None
    phone = _new_phone(person)
    with provincial.client() as client:
        since = high_water(client)
        answer = push(client, change(person.id_number, {"phone": (person.record["phone"], phone)}))
        result = answer.results[0]
        assert (result.status, result.version) == (ItemStatus.APPLIED, person.version + 1)
        after = feed_after(client, since)
    assert [i.id_number for i in after] == [person.id_number]
    assert after[0].record is not None and after[0].record["phone"] == phone and after[0].seq == result.seq
    with provincial.db.read.connect() as conn:
        audit = conn.execute(text("SELECT bureau, operator, field, old_value, new_value, source FROM audit "
                                  "WHERE change_id = :c"), {"c": str(result.change_id)}).all()
    assert [tuple(r) for r in audit] == [(JINAN, "王窗口", "phone", person.record["phone"], phone, "push")]


def test_the_same_change_id_gets_the_same_answer_and_a_reused_id_is_refused(provincial: Province) -> None:
    person = _someone(provincial)
    assert person.record is not None
    sent = change(person.id_number, {"phone": (person.record["phone"], _new_phone(person))})
    with provincial.client() as client:
        first = push(client, sent).results[0]
        again = push(client, sent).results[0]
        reused = push(client, {**sent, "fields": [{"field": "major", "old": None, "new": "土木"}]}).results[0]
        version = record_of(client, person.id_number).version
    assert first.status is ItemStatus.APPLIED and again.status is ItemStatus.DUPLICATE
    assert (again.version, again.seq) == (first.version, first.seq) and version == first.version
    assert (reused.status, reused.code) == (ItemStatus.REJECTED, "idempotency_mismatch")


def test_a_value_already_there_is_a_duplicate_not_a_new_version(provincial: Province) -> None:
    person = _someone(provincial)
    assert person.record is not None
    with provincial.client() as client:
        result = push(client, change(person.id_number, {"phone": ("13711111111", person.record["phone"])})).results[0]
    assert (result.status, result.version) == (ItemStatus.DUPLICATE, person.version)


def test_a_stale_base_is_a_conflict_naming_base_yours_and_theirs(provincial: Province) -> None:
    person = _someone(provincial)
    assert person.record is not None
    base = person.record["phone"]
    with provincial.client() as client:
        push(client, change(person.id_number, {"phone": (base, "13922222222")}, operator="甲"))
        late = push(client, change(person.id_number, {"phone": (base, "13933333333"), "major": (
            person.record["major"], "另一个专业")}, operator="乙")).results[0]
        now = record_of(client, person.id_number)
    assert late.status is ItemStatus.CONFLICT and len(late.conflicts) == 1
    conflict = late.conflicts[0]
    assert (conflict.field, conflict.base, conflict.yours, conflict.theirs) == ("phone", base, "13933333333",
                                                                                "13922222222")
    assert (conflict.changed_by, conflict.changed_by_operator) == (JINAN, "甲") and conflict.changed_at is not None
    assert now.record is not None and now.record["major"] == person.record["major"]  # all or nothing


def test_a_batch_answers_every_item_in_order_and_one_bad_item_blocks_nothing(provincial: Province) -> None:
    first, second = _someone(provincial, nth=1), _someone(provincial, nth=2)
    stranger = _someone(provincial, QINGDAO)
    assert first.record and second.record and stranger.record
    batch = [
        change(first.id_number, {"phone": (first.record["phone"], "13944444444")}),
        change(first.id_number, {"shoe_size": (None, "42")}),
        change(second.id_number, {"phone": (second.record["phone"], "123")}),
        change(stranger.id_number, {"phone": (stranger.record["phone"], "13955555555")}),
        change("110101199003077777", {"phone": (None, "13966666666")}),
        change(second.id_number, {"position": (second.record["position"], "项目负责人")}),
    ]
    with provincial.client() as client:
        results = push(client, *batch).results
    assert [r.index for r in results] == list(range(6))
    assert [str(r.change_id) for r in results] == [c["change_id"] for c in batch]
    assert [(r.status.value, r.code) for r in results] == [
        ("applied", None), ("rejected", "unknown_field"), ("rejected", "invalid_value"),
        ("rejected", "not_your_unit"), ("rejected", "unknown_record"), ("applied", None)]
    assert all(r.message and any("\u4e00" <= ch <= "\u9fff" for ch in r.message) for r in results[1:5])


def test_a_photo_travels_as_bytes_checked_against_its_digest(provincial: Province, tmp_path: object) -> None:
    import base64
    import hashlib
    import io

    from PIL import Image
    person = _someone(provincial, nth=3)
    buffer = io.BytesIO()
    Image.new("RGB", (250, 350), (200, 180, 160)).save(buffer, "JPEG")
    photo = buffer.getvalue()
    digest = hashlib.sha256(photo).hexdigest()
    encoded = base64.b64encode(photo).decode("ascii")
    with provincial.client() as client:
        old = None if person.record is None or person.record["photo"] is None else hashlib.sha256(
            base64.b64decode(person.record["photo"])).hexdigest()
        wrong = push(client, change(person.id_number, {"photo": (old, "0" * 64)}, photo=encoded)).results[0]
        missing = push(client, change(person.id_number, {"photo": (old, digest)})).results[0]
        applied = push(client, change(person.id_number, {"photo": (old, digest)}, photo=encoded)).results[0]
        now = record_of(client, person.id_number)
    assert (wrong.code, missing.code, applied.status) == ("bad_change", "bad_change", ItemStatus.APPLIED)
    assert now.record is not None and base64.b64decode(now.record["photo"]) == photo


def test_a_locally_generated_certificate_reaches_the_province(provincial: Province) -> None:
    from desktop_app.domain.certnumber import parse
    from desktop_app.domain.ecert import make_ecert_id
    with provincial.client() as client:
        candidates = [(p, c) for p in holders_of(client, JINAN) if p.record
                      for c in p.record["certificates"] if c["format"] == "old" and c["category"] != "SPECIAL"]
        person, cert = candidates[0]
        old = parse(cert["number"], "old")
        new = old.to_new()
        ecert = str(make_ecert_id(new, "11370100004186163U"))
        fields = {"number": (cert["number"], new.canonical), "format": ("old", "new"),
                  "category": (cert["category"], new.category), "ecert_id": (None, ecert),
                  "qr_text": (None, "CERTDESK-VERIFY:test")}
        fields = {k: v for k, v in fields.items() if v[0] != v[1]}
        before = client.get("/v1/verify").json()["groups"]
        result = push(client, change(new.new_number(), fields, entity="certificate",
                                     action="generate_new_certificate")).results[0]
        after = client.get("/v1/verify").json()["groups"]
        now = record_of(client, person.id_number)
    assert result.status is ItemStatus.APPLIED, result
    assert now.record is not None
    stored = next(c for c in now.record["certificates"] if c.get("ecert_id") == ecert)
    assert (stored["number"], stored["format"], stored["qr_text"]) == (new.canonical, "new", "CERTDESK-VERIFY:test")
    assert sum(g["count"] for g in before) == sum(g["count"] for g in after)
    assert before != after  # the checksum of that unit × kind moved


def test_an_id_number_correction_leaves_a_tombstone_for_the_old_number(provincial: Province) -> None:
    from desktop_app.domain.identity import resident_id_check_digit
    person = _someone(provincial, nth=4)
    body = "370102199001011" + ("23" if person.id_number[16] in "13579" else "24")  # keep the gender's parity
    corrected = body + resident_id_check_digit(body)
    with provincial.client() as client:
        since = high_water(client)
        result = push(client, change(person.id_number, {"id_number": (person.id_number, corrected)})).results[0]
        after = feed_after(client, since)
    assert result.status is ItemStatus.APPLIED, result
    by_number = {i.id_number: i for i in after}
    assert by_number[person.id_number].deleted and by_number[person.id_number].record is None
    record = by_number[corrected].record
    assert record is not None and record["birth_date"] == "1990-01-01"


def test_a_gzipped_request_body_is_accepted(provincial: Province) -> None:
    person = _someone(provincial, nth=5)
    assert person.record is not None
    body = {"changes": [change(person.id_number, {"phone": (person.record["phone"], "13977777777")})]}
    with provincial.client() as client:
        answer = client.post("/v1/push", content=gzip_json(body),
                             headers={"Content-Encoding": "gzip", "Content-Type": "application/json"})
    assert answer.status_code == 200 and answer.json()["results"][0]["status"] == "applied"


def test_an_unknown_certificate_and_a_foreign_one_are_rejected(provincial: Province) -> None:
    stranger = _someone(provincial, QINGDAO)
    assert stranger.record is not None
    cert = stranger.record["certificates"][0]
    from desktop_app.domain.certnumber import parse
    key = parse(cert["number"], cert["format"]).new_number()
    with provincial.client() as client:
        results = push(client, change(key, {"valid_until": (cert["valid_until"], "2031-01-01")}, entity="certificate"),
                       change("鲁建安A（2001）0999999", {"valid_until": (None, "2031-01-01")},
                              entity="certificate")).results
    assert [r.code for r in results] == ["not_your_unit", "unknown_record"]
    assert uuid.UUID(str(results[0].change_id))
