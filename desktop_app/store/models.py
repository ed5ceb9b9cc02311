"""The local cache schema (SQLAlchemy 2 typed ORM). Changes go through an Alembic migration.

Dates are SQLAlchemy `Date`/`DateTime`, which SQLite stores as ISO text ("2025-04-30",
"2025-04-30 08:00:00.000000"); the bulk importer writes those strings directly.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Stable constraint names, so that later migrations (batch mode on SQLite) can refer to them.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Enterprise(Base):
    __tablename__ = "enterprises"

    id: Mapped[int] = mapped_column(primary_key=True)
    uscc: Mapped[str | None] = mapped_column(String(18), unique=True)
    name: Mapped[str] = mapped_column(String(200), index=True)


class Person(Base):
    __tablename__ = "persons"
    __table_args__ = (  # covering the search's walks in name order (migration 0011)
        Index("ix_persons_name", "name", "id", "enterprise_id"),
        Index("ix_persons_enterprise_id", "enterprise_id", "name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    id_number: Mapped[str] = mapped_column(String(18), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    gender: Mapped[str] = mapped_column(String(1))
    birth_date: Mapped[dt.date] = mapped_column(Date)
    phone: Mapped[str | None] = mapped_column(String(20))
    education: Mapped[str | None] = mapped_column(String(100))
    major: Mapped[str | None] = mapped_column(String(100))
    enterprise_id: Mapped[int | None] = mapped_column(ForeignKey("enterprises.id"))
    position: Mapped[str | None] = mapped_column(String(100))
    title: Mapped[str | None] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    server_version: Mapped[int | None] = mapped_column(Integer)  # the provincial server's, once synced

    enterprise: Mapped[Enterprise | None] = relationship()
    photo: Mapped[Photo | None] = relationship(back_populates="person", cascade="all, delete-orphan")
    certificates: Mapped[list[Certificate]] = relationship(
        back_populates="person", order_by="Certificate.id", cascade="all, delete-orphan")


class Photo(Base):
    __tablename__ = "photos"

    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True)
    mime: Mapped[str] = mapped_column(String(20))
    data: Mapped[bytes] = mapped_column("bytes", LargeBinary)  # the column is "bytes"
    sha256: Mapped[str] = mapped_column(String(64))

    person: Mapped[Person] = relationship(back_populates="photo")


class Certificate(Base):
    __tablename__ = "certificates"
    __table_args__ = (  # covering indexes of the search filters (migration 0011) and hits (0012)
        Index("ix_certificates_person_filters", "person_id", "issuer_unit", "state", "valid_until", "category",
              "format", "new_generated_at", "work_type_new_code", "number", "new_number", "work_type"),
        Index("ix_certificates_unit_until", "issuer_unit", "valid_until", "state", "person_id",
              sqlite_where=text("length(state) >= 0")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"))
    number: Mapped[str] = mapped_column(String(40), index=True)  # canonical, as issued
    new_number: Mapped[str] = mapped_column(String(40), unique=True)  # shared by old and new spellings
    category: Mapped[str] = mapped_column(String(8))  # as printed: A, B, C, C1, C2, C3, SPECIAL
    family: Mapped[str] = mapped_column(String(8))  # safety | special
    work_type: Mapped[str | None] = mapped_column(String(2))  # code as printed (special only)
    work_type_new_code: Mapped[str | None] = mapped_column(String(2))
    format: Mapped[str] = mapped_column(String(3))  # old | new
    city_letter: Mapped[str | None] = mapped_column(String(1))
    year: Mapped[int] = mapped_column(Integer)
    serial: Mapped[str] = mapped_column(String(7))
    first_issued: Mapped[dt.date | None] = mapped_column(Date)
    issued: Mapped[dt.date | None] = mapped_column(Date)
    valid_until: Mapped[dt.date | None] = mapped_column(Date)
    issuer_unit: Mapped[str] = mapped_column(String(100), index=True)
    state: Mapped[str] = mapped_column(String(10))
    version: Mapped[int] = mapped_column(Integer, default=1)
    qr_text: Mapped[str | None] = mapped_column(Text)
    ecert_id: Mapped[str | None] = mapped_column(String(80))
    new_generated_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    person: Mapped[Person] = relationship(back_populates="certificates")


class AuditLog(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    operator: Mapped[str] = mapped_column(String(100))
    entity: Mapped[str] = mapped_column(String(20))  # person | certificate | photo | import …
    entity_key: Mapped[str] = mapped_column(String(100), index=True)
    person_id: Mapped[int | None] = mapped_column(Integer, index=True)  # survives an ID-number correction
    field: Mapped[str | None] = mapped_column(String(50))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(20))  # local | import | sync


class OutboxEntry(Base):
    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    change_id: Mapped[str] = mapped_column(String(36), unique=True)  # a UUID: sync's idempotency key
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    entity: Mapped[str] = mapped_column(String(20))  # store/outbox.py Entity
    entity_key: Mapped[str] = mapped_column(String(100))
    person_id: Mapped[int | None] = mapped_column(Integer, index=True)
    base_version: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(40), default="update")  # store/outbox.py ChangeAction
    changes: Mapped[str] = mapped_column(Text)  # JSON: store/outbox.py OutboxPayload.to_json
    state: Mapped[str] = mapped_column(String(20), index=True, default="pending")  # OutboxState
    last_error: Mapped[str | None] = mapped_column(Text)  # the server's reason in words, or the network's
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    next_retry_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    settled_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    error_code: Mapped[str | None] = mapped_column(String(40))  # the server's reject code


class TrustedKey(Base):
    """A public key whose signed QR tokens the verifier accepts (issue 5, certs/signing.py)."""

    __tablename__ = "trusted_keys"

    key_id: Mapped[str] = mapped_column(String(16), primary_key=True)  # hex, signing.key_id_for
    public_key: Mapped[bytes] = mapped_column(LargeBinary)  # raw Ed25519, 32 bytes
    unit: Mapped[str] = mapped_column(String(100), default="")  # the issuing unit that signs with it
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    source: Mapped[str] = mapped_column(String(10))  # local | upstream
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class PrintLogEntry(Base):
    """One print of a certificate (issue 5: every print logged, a reprint needs a reason)."""

    __tablename__ = "print_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    operator: Mapped[str] = mapped_column(String(100))
    new_number: Mapped[str] = mapped_column(String(40), index=True)  # the certificate
    printer: Mapped[str] = mapped_column(String(200))
    copies: Mapped[int] = mapped_column(Integer)
    reprint: Mapped[bool] = mapped_column(Boolean)
    reprint_reason: Mapped[str | None] = mapped_column(Text)
    offset_x_mm: Mapped[float] = mapped_column(Float)  # the calibration applied (printing.py)
    offset_y_mm: Mapped[float] = mapped_column(Float)


class SyncState(Base):
    """Key/value state of sync: server, epoch, cursor, snapshot progress, last sync (services/sync)."""

    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str | None] = mapped_column(Text)


class SyncUpstream(Base):
    """The provincial record of a person with local changes not synced yet: kept beside it, settled by push."""

    __tablename__ = "sync_upstream"

    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True)
    id_number: Mapped[str] = mapped_column(String(18))
    record: Mapped[str | None] = mapped_column(Text)  # record-format JSON; None for a tombstone
    server_version: Mapped[int] = mapped_column(Integer)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)


class SyncConflict(Base):
    """One field of a pushed change the server found changed meanwhile: base, yours and theirs."""

    __tablename__ = "sync_conflicts"

    id: Mapped[int] = mapped_column(primary_key=True)
    outbox_id: Mapped[int] = mapped_column(ForeignKey("outbox.id", ondelete="CASCADE"))
    person_id: Mapped[int | None] = mapped_column(Integer, index=True)
    entity: Mapped[str] = mapped_column(String(20))
    entity_key: Mapped[str] = mapped_column(String(100))
    field: Mapped[str] = mapped_column(String(40))
    base: Mapped[str | None] = mapped_column(Text)
    yours: Mapped[str | None] = mapped_column(Text)
    theirs: Mapped[str | None] = mapped_column(Text)
    yours_by: Mapped[str | None] = mapped_column(String(100))
    yours_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    theirs_by: Mapped[str | None] = mapped_column(String(200))
    theirs_operator: Mapped[str | None] = mapped_column(String(100))
    theirs_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    found_at: Mapped[dt.datetime] = mapped_column(DateTime)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(DateTime, index=True)
    resolution: Mapped[str | None] = mapped_column(String(20))  # mine | theirs | value
    chosen: Mapped[str | None] = mapped_column(Text)  # the value the resolution settled on


class ProgressSnapshot(Base):
    """One day's progress figures of one issuing unit × kind (services/progress/trend.py)."""

    __tablename__ = "progress_snapshots"

    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    unit: Mapped[str] = mapped_column(String(100), primary_key=True)
    kind: Mapped[str] = mapped_column(String(12), primary_key=True)
    total: Mapped[int] = mapped_column(Integer, server_default="0")
    in_force: Mapped[int] = mapped_column(Integer, server_default="0")
    new_format: Mapped[int] = mapped_column(Integer, server_default="0")
    pending: Mapped[int] = mapped_column(Integer, server_default="0")
    a_missing_info: Mapped[int] = mapped_column(Integer, server_default="0")
    missing_position: Mapped[int] = mapped_column(Integer, server_default="0")
    missing_title: Mapped[int] = mapped_column(Integer, server_default="0")
    missing_photo: Mapped[int] = mapped_column(Integer, server_default="0")
    expiring_90d: Mapped[int] = mapped_column(Integer, server_default="0")
    expired: Mapped[int] = mapped_column(Integer, server_default="0")
    suspended: Mapped[int] = mapped_column(Integer, server_default="0")
    revoked: Mapped[int] = mapped_column(Integer, server_default="0")
    cancelled: Mapped[int] = mapped_column(Integer, server_default="0")
    unsynced: Mapped[int] = mapped_column(Integer, server_default="0")
    taken_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Account(Base):
    """An operator who signs in (services/accounts.py): the password only as an argon2id hash."""

    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_name: Mapped[str] = mapped_column(String(50), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))
    enabled: Mapped[bool] = mapped_column(Boolean, server_default="1")
    password_hash: Mapped[str] = mapped_column(String(200))
    failed_attempts: Mapped[int] = mapped_column(Integer, server_default="0")
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_sign_in: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    password_changed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
