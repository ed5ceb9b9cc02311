"""Many clients at once against the real server (threads, real HTTP; SQLite and PostgreSQL): one winner per
field, the feed never skips a change committed while it is read, and back-pressure answers 429."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import text

from desktop_app.sync.protocol import ErrorBody, ItemStatus
from tests.helpers.provincial import JINAN, Province, in_thread
from tests.helpers.sync_calls import change, feed_after, high_water, holders_of, push


def test_racing_changes_of_one_field_have_exactly_one_winner(provincial: Province) -> None:
    with provincial.client() as client:
        person = holders_of(client, JINAN)[0]
    assert person.record is not None
    base = person.record["phone"]

    def send(n: int) -> ItemStatus:
        with provincial.client() as client:
            return push(client, change(person.id_number, {"phone": (base, f"1360000{n:04d}")})).results[0].status

    with ThreadPoolExecutor(12) as pool:
        statuses = list(pool.map(send, range(24)))
    assert statuses.count(ItemStatus.APPLIED) == 1
    assert statuses.count(ItemStatus.CONFLICT) == 23


def test_the_feed_never_skips_a_change_committed_while_it_is_read(provincial: Province) -> None:
    with provincial.client() as client:
        people = holders_of(client, JINAN)[:16]
        start = high_water(client)
    done = threading.Event()
    applied: list[int] = []
    lock = threading.Lock()

    def writer(offset: int) -> None:
        with provincial.client() as client:
            for round_ in range(6):
                person = people[(offset + round_ * 4) % len(people)]
                result = push(client, change(person.id_number, {"major": (None, f"专业{offset}-{round_}")}))
                for r in result.results:
                    if r.status is ItemStatus.APPLIED and r.seq is not None:
                        with lock:
                            applied.append(r.seq)

    seen: set[int] = set()

    def reader() -> None:
        since = start
        with provincial.client() as client:
            while not done.is_set() or since < high_water(client):
                page = client.get("/v1/changes", params={"since": since, "limit": 5}).json()
                seen.update(i["seq"] for i in page["items"])
                since = page["next_since"]

    reading = threading.Thread(target=reader)
    reading.start()
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(writer, range(4)))
    done.set()
    reading.join(60)
    with provincial.client() as client:
        final = {i.seq for i in feed_after(client, start)}
    # a person changed twice keeps only its latest seq in the feed; every seq the feed still holds
    # was seen by the reader as it went by
    assert applied and final <= seen | final and final <= seen


def test_too_many_requests_in_flight_are_answered_429_with_retry_after(provincial: Province) -> None:
    with provincial.client() as client:
        person = holders_of(client, JINAN)[0]
    assert person.record is not None
    with in_thread(provincial.db, max_in_flight=1) as url:
        busy = Province(provincial.db, url, provincial.database_url, provincial.tokens)
        blocker = provincial.db.write.connect()
        blocker.begin()  # SQLite: BEGIN IMMEDIATE; PostgreSQL: the counter row locked below
        blocker.execute(text("UPDATE counters SET value = value WHERE name = 'seq'"))
        results: list[ItemStatus] = []

        def slow_push() -> None:  # waits for the lock inside the server: one request in flight
            with busy.client() as client:
                results.append(push(client, change(person.id_number, {"major": (None, "排队专业")})).results[0].status)

        pusher = threading.Thread(target=slow_push)
        pusher.start()
        time.sleep(1.0)  # the push reaches the server and waits there for the lock (SQLite waits 5 s)
        try:
            deadline = time.monotonic() + 3
            answer = None
            while time.monotonic() < deadline:
                with busy.client() as other:
                    answer = other.get("/v1/handshake")
                if answer.status_code == 429:
                    break
                time.sleep(0.05)
        finally:
            blocker.rollback()
            blocker.close()
        pusher.join(30)
        assert answer is not None and answer.status_code == 429 and answer.headers["Retry-After"] == "1"
        assert ErrorBody.model_validate(answer.json()).code == "overloaded"
        assert results == [ItemStatus.APPLIED]
        with busy.client() as later:
            assert later.get("/v1/handshake").status_code == 200


def test_a_body_too_large_or_badly_gzipped_is_refused_with_a_code(provincial: Province) -> None:
    with provincial.client() as client:
        too_large = client.post("/v1/push", content=b"{" + b" " * (64 * 1024 * 1024 + 10) + b"}",
                                headers={"Content-Type": "application/json"})
        bad_gzip = client.post("/v1/push", content=b"\x1f\x8b not gzip",
                               headers={"Content-Encoding": "gzip", "Content-Type": "application/json"})
    assert (too_large.status_code, too_large.json()["code"]) == (413, "payload_too_large")
    assert (bad_gzip.status_code, bad_gzip.json()["code"]) == (422, "bad_request")
