"""A person's history: every audited change of the person and their certificates, newest first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine, or_, select
from sqlalchemy.orm import Session

from desktop_app.domain.person_fields import CERTIFICATE_DATE_LABELS, FIELD_LABELS
from desktop_app.errors import KnownError
from desktop_app.messages import msg
from desktop_app.store.engine import Cache, as_engine
from desktop_app.store.models import AuditLog, Person

PHOTO_FIELD = "photo"
# The fields issuance changes when it generates a new-format certificate (services/issuance.py).
GENERATED_FIELD_LABELS = {"number": "证书编号", "format": "版式", "category": "类别", "work_type": "工种代码",
                          "ecert_id": "电子证照标识", "qr_text": "二维码内容", "new_generated_at": "新版生成时间"}


@dataclass(frozen=True)
class HistoryEntry:
    at: dt.datetime
    operator: str
    entity: str
    entity_key: str
    field: str | None
    field_label: str
    old_value: str | None
    new_value: str | None
    reason: str | None
    source: str


def history(target: Cache | Engine, person_id: int) -> list[HistoryEntry]:
    """Every audited change of this person and their certificates, newest first."""
    with Session(as_engine(target)) as session:
        person = session.get(Person, person_id)
        if person is None:
            raise KnownError(msg("records.person_missing", id=person_id))
        numbers = [c.new_number for c in person.certificates]
        rows = session.scalars(select(AuditLog).where(or_(
            AuditLog.person_id == person_id,
            (AuditLog.entity == "certificate") & AuditLog.entity_key.in_(numbers),
        )).order_by(AuditLog.id.desc())).all()
        return [HistoryEntry(r.at, r.operator, r.entity, r.entity_key, r.field, field_label(r.field),
                             r.old_value, r.new_value, r.reason, r.source) for r in rows]


# Coded values an audit entry holds as stored (the record format's words), and how they are read.
_VALUE_CODES = {"format": {"old": "history.format_old", "new": "history.format_new"}}
_SOURCE_CODES = {"local": "history.source_local", "import": "history.source_import", "sync": "history.source_sync"}


def value_label(field: str | None, value: str | None) -> str | None:
    """A stored value as the user reads it: 版式 old → 旧版; other values as they are."""
    code = _VALUE_CODES.get(field or "", {}).get(value or "")
    return str(msg(code)) if code else value


def source_label(source: str) -> str:
    """Where a change came from: 本地 / 导入 / 同步."""
    code = _SOURCE_CODES.get(source)
    return str(msg(code)) if code else source


def field_label(field: str | None) -> str:
    """The Chinese name of an audited field (import runs have none); `--json` gives this one."""
    if field is None:
        return ""
    return (FIELD_LABELS.get(field) or CERTIFICATE_DATE_LABELS.get(field) or GENERATED_FIELD_LABELS.get(field)
            or ("照片" if field == PHOTO_FIELD else field))
