"""Small builders for protocol calls in tests: changes as JSON, the whole feed, persons of a unit."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import uuid
from typing import Any

import httpx

from desktop_app.sync.protocol import FeedItem, PushResponse


def change(key: str, fields: dict[str, tuple[str | None, str | None]], *, entity: str = "person",
           change_id: uuid.UUID | None = None, action: str = "update", photo: str | None = None,
           operator: str = "王窗口", base_version: int = 1) -> dict[str, Any]:
    body: dict[str, Any] = {
        "change_id": str(change_id or uuid.uuid4()), "entity": entity, "key": key, "base_version": base_version,
        "action": action, "fields": [{"field": f, "old": old, "new": new} for f, (old, new) in fields.items()],
        "operator": operator, "made_at": dt.datetime.now(dt.UTC).isoformat(), "reason": "测试"}
    if photo is not None:
        body["photo"] = photo
    return body


def push(client: httpx.Client, *changes: dict[str, Any]) -> PushResponse:
    answer = client.post("/v1/push", json={"changes": list(changes)})
    assert answer.status_code == 200, answer.text
    return PushResponse.model_validate(answer.json())


def everyone(client: httpx.Client) -> dict[str, FeedItem]:
    """Every live person, by ID number, from the snapshot."""
    answer = client.get("/v1/snapshot")
    assert answer.status_code == 200
    lines = gzip.decompress(answer.content).decode("utf-8").splitlines()[1:-1]
    items = [FeedItem.model_validate_json(line) for line in lines]
    return {item.id_number: item for item in items}


def holders_of(client: httpx.Client, unit: str) -> list[FeedItem]:
    """Persons all of whose certificates are of `unit` (so only that unit's bureau may change them)."""
    return [item for item in everyone(client).values() if item.record
            and {c["issuer_unit"] for c in item.record["certificates"]} == {unit}]


def record_of(client: httpx.Client, id_number: str) -> FeedItem:
    answer = client.get(f"/v1/records/{id_number}")
    assert answer.status_code == 200, answer.text
    return FeedItem.model_validate(answer.json())


def feed_after(client: httpx.Client, since: int) -> list[FeedItem]:
    items: list[FeedItem] = []
    while True:
        page = client.get("/v1/changes", params={"since": since, "limit": 1000}).json()
        items += [FeedItem.model_validate(i) for i in page["items"]]
        since = page["next_since"]
        if not page["has_more"]:
            return items


def gzip_json(value: object) -> bytes:
    return gzip.compress(json.dumps(value, ensure_ascii=False).encode("utf-8"))


def high_water(client: httpx.Client) -> int:
    return int(client.get("/v1/handshake").json()["high_water"])
