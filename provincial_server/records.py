"""A person as the server keeps it: a validated record-format document, and what is derived from it.

The document is the record format's JSON (docs/record-format.md) with `"photo":null`; the photo is
stored beside it and put back when the feed sends the record. Every document that is stored has
passed `domain.record.parse_record`, the desktop importer's own rules, and the photo check below.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PIL import Image, UnidentifiedImageError

from desktop_app.domain.kinds import certificate_kind
from desktop_app.domain.record import (
    PHOTO_MAX_IMPORT_BYTES,
    PersonRecord,
    RecordError,
    certificate_to_json,
    parse_record,
    photo_kind,
    to_json_dict,
)
from desktop_app.domain.rules import Rules
from desktop_app.sync.protocol import certificate_digest

PHOTO_PIXELS_MAX = 40_000_000  # as the desktop importer: a decompression bomb is refused
_PHOTO_NULL = '"photo":null'


@dataclass(frozen=True)
class IndexRow:
    new_number: str
    unit: str
    kind: str
    digest: int


def doc_of(record: PersonRecord) -> dict[str, Any]:
    doc = to_json_dict(record)
    doc["photo"] = None
    return doc


def dump(doc: Mapping[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))


def with_photo(doc_text: str, photo: bytes | None) -> str:
    """The stored document with its photo put back, without parsing it again (the snapshot's hot path).

    `"photo":null` can only be the top-level key here: inside a JSON string every quote is escaped.
    """
    if photo is None:
        return doc_text
    return doc_text.replace(_PHOTO_NULL, '"photo":"' + base64.b64encode(photo).decode("ascii") + '"', 1)


def sha256(data: bytes | None) -> str | None:
    return hashlib.sha256(data).hexdigest() if data is not None else None


def photo_reason(data: bytes) -> str | None:
    """Why a photo cannot be stored (it must decode within the pixel limit), or None."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > PHOTO_PIXELS_MAX:
                return "照片像素过多"
            image.load()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        return f"照片无法解码（{type(exc).__name__}）"
    return None


def photo_format_reason(data: bytes) -> str | None:
    """Why the record format refuses this photo (docs/record-format.md: JPEG or PNG, ≤ 2 MB), or None."""
    if len(data) > PHOTO_MAX_IMPORT_BYTES:
        return f"照片（photo）过大（{len(data) // 1024} KB）"
    if photo_kind(data) is None:
        return "照片（photo）不是 JPEG 或 PNG 图片"
    return photo_reason(data)


def validate(doc: Mapping[str, Any], rules: Rules, photo: bytes | None = None) -> PersonRecord:
    """The record the document describes, by the domain's rules; raises RecordError."""
    record = parse_record(dict(doc) if isinstance(doc, Mapping) else doc, rules)  # a non-object: its reason
    if photo is not None:
        reason = photo_reason(photo)
        if reason:
            raise RecordError(f"照片（photo）无法使用：{reason}")
    return record


def index_rows(record: PersonRecord, photo_sha256: str | None, rules: Rules) -> list[IndexRow]:
    person = to_json_dict(record)
    rows = []
    for cert in record.certificates:
        cert_doc = certificate_to_json(cert)
        work_type = cert.work_type
        kind = certificate_kind(cert.category, work_type, cert.format, rules)
        rows.append(IndexRow(cert.new_number, cert.issuer_unit, kind,
                             certificate_digest(person, cert_doc, photo_sha256)))
    return rows


def person_values(doc: Mapping[str, Any], photo_sha256: str | None) -> dict[str, str | None]:
    """The current value of every person field a change may name (protocol.PERSON_FIELDS)."""
    employer = doc.get("employer") or {}
    return {"id_number": doc.get("id_number"), "name": doc.get("name"), "gender": doc.get("gender"),
            "phone": doc.get("phone"), "education": doc.get("education"), "major": doc.get("major"),
            "employer.name": employer.get("name"), "employer.uscc": employer.get("uscc"),
            "position": doc.get("position"), "title": doc.get("title"), "photo": photo_sha256}


def set_person_field(doc: dict[str, Any], field: str, value: str | None) -> None:
    if field.startswith("employer."):
        employer = dict(doc.get("employer") or {"name": None, "uscc": None})
        employer[field.removeprefix("employer.")] = value
        doc["employer"] = None if employer.get("name") is None and employer.get("uscc") is None else employer
        return
    doc[field] = value
    if field == "id_number":  # the birth date follows the ID number (gender too, unless the change sets it)
        doc["birth_date"] = None


def certificate_values(cert: Mapping[str, Any]) -> dict[str, str | None]:
    keys = ("number", "category", "work_type", "format", "first_issued", "issued", "valid_until", "state",
            "ecert_id", "qr_text")
    return {k: cert.get(k) for k in keys}


def find_certificate(doc: Mapping[str, Any], record: PersonRecord, new_number: str) -> dict[str, Any] | None:
    """The document's certificate with this new-format number (the same for its old spelling)."""
    for cert_doc, cert in zip(doc.get("certificates") or [], record.certificates, strict=True):
        if cert.new_number == new_number:
            return cert_doc
    return None
