"""The provincial server's tables (SQLAlchemy 2, typed). The same schema on SQLite and PostgreSQL.

A person is stored as one document (`doc`: the record format's JSON, photo left out and kept in
`photos`), so the feed and the snapshot send what is stored without rebuilding it. `certificates` is
an index of the documents' certificates: the unique new-format number, the issuing unit for the
push permission, and the digest that verification sums. `seq` orders the changes feed.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Boolean, DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Meta(Base):
    """Key/value facts of the dataset: its epoch (a new one forces every client to pull from scratch)."""
    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Counter(Base):
    """The feed's sequence. Taken last in every write transaction, so sequences commit in order."""
    __tablename__ = "counters"
    name: Mapped[str] = mapped_column(String(20), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger)


class Person(Base):
    __tablename__ = "persons"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    id_number: Mapped[str] = mapped_column(String(18), unique=True)
    doc: Mapped[str | None] = mapped_column(Text)  # None once deleted (a tombstone)
    photo_sha256: Mapped[str | None] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class Photo(Base):
    __tablename__ = "photos"
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class CertificateIndex(Base):
    __tablename__ = "certificates"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    new_number: Mapped[str] = mapped_column(String(40), unique=True)
    unit: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(12))
    digest: Mapped[int] = mapped_column(BigInteger)

    __table_args__ = (Index("ix_certificates_group", "unit", "kind", "person_id"),)


class FieldStamp(Base):
    """Who last set a field, and when: what a conflict shows as "theirs"."""
    __tablename__ = "field_stamps"
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True)
    field: Mapped[str] = mapped_column(String(80), primary_key=True)  # `phone`, or `<new number>:valid_until`
    bureau: Mapped[str] = mapped_column(String(200))
    operator: Mapped[str | None] = mapped_column(String(100))
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class AppliedChange(Base):
    """Each change id the server settled (applied, or found already applied), with its answer."""
    __tablename__ = "applied_changes"
    change_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    person_id: Mapped[int | None] = mapped_column(BigInteger)
    bureau: Mapped[str] = mapped_column(String(200))
    result: Mapped[str] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class AuditEntry(Base):
    __tablename__ = "audit"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    source: Mapped[str] = mapped_column(String(10))  # push | edit | import | delete
    bureau: Mapped[str] = mapped_column(String(200))
    operator: Mapped[str | None] = mapped_column(String(100))
    change_id: Mapped[str | None] = mapped_column(String(36), index=True)
    id_number: Mapped[str | None] = mapped_column(String(18), index=True)
    entity: Mapped[str] = mapped_column(String(20))
    key: Mapped[str | None] = mapped_column(String(40))
    field: Mapped[str | None] = mapped_column(String(40))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)


class Token(Base):
    """A bureau's bearer token, kept as its SHA-256 only (the token is shown once, when made)."""
    __tablename__ = "tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    bureau: Mapped[str] = mapped_column(String(200))
    units: Mapped[str] = mapped_column(Text)  # JSON list of issuing-unit names
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
