"""The sync protocol, version 1: the messages the desktop and the provincial server exchange.

One module shared by both sides (it imports nothing but pydantic and `domain`); `docs/sync-protocol.md`
explains the rules and `docs/sync-openapi.json` is the OpenAPI document the server generates from it.
Requests are strict (an unknown field is an error); replies ignore fields they do not know, so a
newer server can add some without breaking an older client.

Lessons taken: Anki's sync (an update sequence, a protocol version range on every request, a 300 s
clock guard, a count check after sync), CouchDB's changes feed (`since` is a server sequence, never
a clock time), DHIS2's per-item import report (one result per item, a batch is never refused whole
for one bad item), Stripe's idempotency keys (the same change id gets the same answer).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

PROTOCOL_MIN = 1
PROTOCOL_MAX = 1
PROTOCOL_HEADER = "CertDesk-Protocol"  # every request names the protocol version it speaks
SNAPSHOT_SEQ_HEADER = "CertDesk-Snapshot-Seq"
MAX_CLOCK_SKEW_S = 300
FEED_LIMIT_DEFAULT = 500
FEED_LIMIT_MAX = 2000
PUSH_BATCH_MAX = 500
FIELDS_PER_CHANGE_MAX = 40
SNAPSHOT_MEDIA_TYPE = "application/x-ndjson+gzip"

# The fields a change may name, in the record format's spelling (docs/record-format.md); the
# employer's are dotted paths into its object. A person's birth date and gender follow its ID number.
PERSON_FIELDS = ("id_number", "name", "gender", "phone", "education", "major", "employer.name", "employer.uscc",
                 "position", "title", "photo")
CERTIFICATE_FIELDS = ("number", "category", "work_type", "format", "first_issued", "issued", "valid_until",
                      "state", "ecert_id", "qr_text")
PHOTO_FIELD = "photo"  # its old and new values are SHA-256 digests (hex); the new photo travels in `photo`


class Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Reply(BaseModel):
    model_config = ConfigDict(extra="ignore")


class ErrorCode(StrEnum):
    UNAUTHORIZED = "unauthorized"  # 401: no token, or one the server does not know
    FORBIDDEN = "forbidden"  # 403: a revoked token
    PROTOCOL_UNSUPPORTED = "protocol_unsupported"  # 426: the client speaks a version outside the range
    CURSOR_STALE = "cursor_stale"  # 410: `since` is ahead of the server: pull again from scratch
    EPOCH_CHANGED = "epoch_changed"  # 410: the dataset was replaced: pull again from scratch
    OVERLOADED = "overloaded"  # 429 with Retry-After
    DATABASE_BUSY = "database_busy"  # 503 with Retry-After: the database is locked by another writer
    DATABASE_FULL = "database_full"  # 503 with Retry-After: the database's storage is full
    DATABASE_UNAVAILABLE = "database_unavailable"  # 503 with Retry-After: the database cannot be reached
    BAD_REQUEST = "bad_request"  # 400/422: the request does not match this document
    NOT_FOUND = "not_found"  # 404
    PAYLOAD_TOO_LARGE = "payload_too_large"  # 413
    INTERNAL_ERROR = "internal_error"  # 500: a fault of the server (logged there)


class ErrorBody(Reply):
    code: str
    message: str  # Chinese, for the user
    detail: Any = None


class Handshake(Reply):
    protocol_min: int
    protocol_max: int
    server_time: dt.datetime  # UTC; the client refuses to sync when its clock is more than 300 s off
    epoch: str  # the dataset's identity: when it changes, the client pulls again from scratch
    high_water: int  # the highest sequence handed out so far
    bureau: str  # whom the token names
    units: list[str]  # the issuing units the bureau answers for (it may push for their holders only)
    message: str | None = None  # an optional notice from the province, shown to the user


class FeedItem(Reply):
    seq: int  # the server sequence of this person's latest change
    version: int  # the person's server version (1, 2, …): the base of the client's next change
    id_number: str
    deleted: bool = False  # a tombstone: the person was removed at the province
    record: dict[str, Any] | None = None  # the whole person in the public record format; None when deleted


class FeedPage(Reply):
    epoch: str
    since: int
    next_since: int  # pass as `since` for the next page (the last item's seq, or `since` when empty)
    has_more: bool
    high_water: int
    items: list[FeedItem]


class SnapshotHeader(Reply):
    """The first line of a snapshot stream: the sequence it is consistent at; continue the feed from there."""
    epoch: str
    seq: int
    count: int  # persons the stream holds


class SnapshotTrailer(Reply):
    """The last line: a stream without it was cut short."""
    end: bool = True
    count: int


class ChangeAction(StrEnum):
    UPDATE = "update"  # field corrections
    GENERATE = "generate_new_certificate"  # a new-format certificate generated at a bureau


class Entity(StrEnum):
    PERSON = "person"  # key: the ID number the change was made on
    CERTIFICATE = "certificate"  # key: the certificate's new-format number (the same for both spellings)


class FieldValue(Request):
    field: Annotated[str, Field(max_length=40)]
    old: Annotated[str | None, Field(max_length=4000)] = None
    new: Annotated[str | None, Field(max_length=4000)] = None


class PushChange(Request):
    change_id: uuid.UUID  # the outbox entry's UUID: the idempotency key
    entity: Entity
    key: Annotated[str, Field(min_length=1, max_length=40)]
    base_version: Annotated[int, Field(ge=0)] = 0  # the server version the client's copy had (0: never synced)
    action: ChangeAction = ChangeAction.UPDATE
    fields: Annotated[list[FieldValue], Field(min_length=1, max_length=FIELDS_PER_CHANGE_MAX)]
    photo: Annotated[str | None, Field(max_length=3_000_000)] = None  # base64 of the new photo, if `photo` changes
    operator: Annotated[str, Field(min_length=1, max_length=100)]
    made_at: dt.datetime
    reason: Annotated[str | None, Field(max_length=500)] = None


class PushRequest(Request):
    changes: Annotated[list[PushChange], Field(max_length=PUSH_BATCH_MAX)]


class ItemStatus(StrEnum):
    APPLIED = "applied"
    DUPLICATE = "duplicate"  # this change id was applied before (or the values already are the new ones)
    CONFLICT = "conflict"
    REJECTED = "rejected"


class RejectCode(StrEnum):
    INVALID_VALUE = "invalid_value"  # the record would break a domain rule
    UNKNOWN_RECORD = "unknown_record"
    UNKNOWN_FIELD = "unknown_field"
    NOT_YOUR_UNIT = "not_your_unit"
    DELETED_RECORD = "deleted_record"
    ID_NUMBER_TAKEN = "id_number_taken"
    NUMBER_TAKEN = "number_taken"
    IDEMPOTENCY_MISMATCH = "idempotency_mismatch"  # the same change id with a different body
    BAD_CHANGE = "bad_change"  # the same field twice, a photo without its bytes, …


class FieldConflict(Reply):
    field: str
    base: str | None  # the value the change was made on
    yours: str | None
    theirs: str | None  # the server's value now
    changed_by: str | None = None  # the bureau (or 省级) that set theirs
    changed_by_operator: str | None = None
    changed_at: dt.datetime | None = None


class PushResult(Reply):
    index: int  # the item's position in the request
    change_id: uuid.UUID
    status: ItemStatus
    version: int | None = None  # the person's server version after the change (applied, duplicate)
    seq: int | None = None
    conflicts: list[FieldConflict] = []
    code: str | None = None  # a RejectCode when rejected
    message: str | None = None  # Chinese, when rejected


class PushResponse(Reply):
    results: list[PushResult]
    high_water: int


class VerifyGroup(Reply):
    unit: str
    kind: str  # domain.kinds.certificate_kind: A, B, C1, C2, C3, SPECIAL:01 …
    count: int
    checksum: int  # the sum of certificate_digest over the group's certificates


class VerifyReport(Reply):
    epoch: str
    seq: int  # the figures describe the data up to this sequence
    groups: list[VerifyGroup]


class GroupPage(Reply):
    """The persons holding a certificate of one unit × kind, by ID number: a re-pull of one group."""
    items: list[FeedItem]
    next_after: str | None
    has_more: bool


def _text(value: object) -> str | None:
    return None if value is None or value == "" else str(value)


# json.dumps with these options makes a new encoder per call; verify digests every certificate of a province.
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
HOLDER_FIELDS = ("id_number", "name", "gender", "birth_date", "phone", "education", "major")
HOLDER_TAIL_FIELDS = ("position", "title")
DIGEST_CERT_FIELDS = ("number", "category", "work_type", "first_issued", "issued", "valid_until", "issuer_unit",
                      "state", "format", "ecert_id", "qr_text")


def holder_prefix(values: Sequence[object]) -> str:
    """The holder's part of every certificate digest of theirs: `values` in the order of `certificate_digest`
    (the person's fields, employer name and USCC, position, title, photo SHA-256), encoded once per person."""
    return _ENCODE([_text(v) for v in values])[:-1]


def digest_with(prefix: str, certificate_values: Sequence[object]) -> int:
    """`certificate_digest` from the holder's `holder_prefix` and the certificate's `DIGEST_CERT_FIELDS` values."""
    text = prefix + "," + _ENCODE([_text(v) for v in certificate_values])[1:]
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:4], "big")


def certificate_digest(person: Mapping[str, Any], certificate: Mapping[str, Any], photo_sha256: str | None) -> int:
    """A 32-bit digest of one certificate with its holder, both in the record format.

    Verify sums them per unit × kind; both sides compute it from their own copy, so any difference in
    a field sync carries shows. The photo counts by its SHA-256 (hex), not its bytes. The digest is
    the SHA-256 of the compact JSON array (non-ASCII as is) of the holder's values then the certificate's.
    """
    employer = person.get("employer") or {}
    prefix = holder_prefix([*(person.get(k) for k in HOLDER_FIELDS), employer.get("name"), employer.get("uscc"),
                            *(person.get(k) for k in HOLDER_TAIL_FIELDS), photo_sha256])
    return digest_with(prefix, [certificate.get(k) for k in DIGEST_CERT_FIELDS])


def change_fingerprint(change: PushChange) -> str:
    """What the server keeps of a change to tell a resend (the same) from a reuse of its id (different)."""
    body = change.model_dump(mode="json", exclude={"photo"})
    body["photo_sha256"] = hashlib.sha256(change.photo.encode("utf-8")).hexdigest() if change.photo else None
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def field_names(entity: Entity) -> Sequence[str]:
    return PERSON_FIELDS if entity is Entity.PERSON else CERTIFICATE_FIELDS
