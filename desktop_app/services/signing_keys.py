"""The workspace's QR signing keys as an administrator manages them: list, create/rotate, export the
public key, revoke. Use-case functions with explicit arguments (services/api/admin.py binds them).

Where things live (certs/signing.py `KeyStore`, docs/certificates.md): the private keys in `keys/` of
the data folder (owner-only), the key in use named by `keys/current`; the verifier's list in the
cache (`trusted_keys`: local and upstream public keys, `revoked_at`). Rotating makes a new key the
signing key and keeps the old one trusted, so codes printed with it still verify; revoking sets
`revoked_at` (its codes then read "unknown key") and is refused for the key in use (rotate first).
A private key never leaves `keys/`, and neither it nor any part of it is written to the audit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization as ser
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.certs.signing import KeyStore, SigningKey
from desktop_app.errors import KnownError
from desktop_app.messages import msg
from desktop_app.services.administration import ENTITY, now
from desktop_app.settings import atomic_write_bytes
from desktop_app.store.engine import Cache
from desktop_app.store.locking import write_session
from desktop_app.store.models import AuditLog, TrustedKey

CURRENT_MARKER = "current"  # KeyStore's file naming the key in use


@dataclass(frozen=True)
class KeyRow:
    key_id: str
    created_at: dt.datetime | None
    revoked_at: dt.datetime | None
    current: bool  # new certificates are signed with it
    local: bool  # this workspace holds its private key
    unit: str
    source: str  # local | upstream


def current_key_id(store: KeyStore) -> str | None:
    """The id of the key in use, without creating one (KeyStore.current would)."""
    marker = store.folder / CURRENT_MARKER
    if not marker.is_file():
        return None
    try:
        return marker.read_text(encoding="ascii").strip() or None
    except (OSError, UnicodeDecodeError) as exc:
        raise KnownError(msg("admin.key_unreadable", folder=str(store.folder), detail=str(exc))) from exc


def key_rows(cache: Cache, data_dir: Path) -> list[KeyRow]:
    """Every key this workspace signs or verifies with: the key in use first, then the newest."""
    store = KeyStore.for_workspace(data_dir)
    current = current_key_id(store)
    local = store.public_keys()
    with Session(cache.engine) as session:
        trusted = {row.key_id: row for row in session.scalars(select(TrustedKey))}
    rows = [KeyRow(k, t.created_at, t.revoked_at, k == current, k in local, t.unit, t.source)
            for k, t in trusted.items()]
    for key_id in local.keys() - trusted.keys():  # made here, not yet used to sign anything
        made = dt.datetime.fromtimestamp((store.folder / f"{key_id}.pub").stat().st_mtime).replace(microsecond=0)
        rows.append(KeyRow(key_id, made, None, key_id == current, True, "", "local"))
    rows.sort(key=lambda r: (r.created_at or dt.datetime.min, r.key_id), reverse=True)  # the newest first
    rows.sort(key=lambda r: not r.current)  # stable: the key in use on top
    return rows


def _trust(session: Session, key_id: str, public: bytes, unit: str, at: dt.datetime) -> TrustedKey:
    row = session.get(TrustedKey, key_id)
    if row is None:
        row = TrustedKey(key_id=key_id, public_key=public, unit=unit, created_at=at, source="local", revoked_at=None)
        session.add(row)
    return row


def _audit(session: Session, operator: str, key_id: str, field: str, old: str | None, new: str | None,
           at: dt.datetime) -> None:
    session.add(AuditLog(at=at, operator=operator, entity=ENTITY, entity_key=key_id, person_id=None, field=field,
                         old_value=old, new_value=new, reason=None, source="local"))


def rotate(cache: Cache, data_dir: Path, unit: str, operator: str) -> SigningKey:
    """A new key pair becomes the signing key; the previous one (if any) stays trusted for verifying."""
    store = KeyStore.for_workspace(data_dir)
    old_id = current_key_id(store)
    old_public = store.public_keys().get(old_id) if old_id else None
    key = store.create()
    at = now()
    with write_session(cache) as session, session.begin():
        if old_id and old_public is not None:
            _trust(session, old_id, old_public, unit, at)
        _trust(session, key.key_id, key.public_bytes, unit, at)
        _audit(session, operator, key.key_id, "signing_key", old_id, key.key_id, at)
    return key


def _public(cache: Cache, data_dir: Path, key_id: str) -> bytes:
    local = KeyStore.for_workspace(data_dir).public_keys().get(key_id)
    if local is not None:
        return local
    with Session(cache.engine) as session:
        row = session.get(TrustedKey, key_id)
    if row is None:
        raise KnownError(msg("admin.key_unknown", key_id=key_id))
    return row.public_key


def public_pem(cache: Cache, data_dir: Path, key_id: str) -> bytes:
    """The public key as PEM (SubjectPublicKeyInfo: `openssl pkey -pubin` and every library read it)."""
    public = Ed25519PublicKey.from_public_bytes(_public(cache, data_dir, key_id))
    return public.public_bytes(ser.Encoding.PEM, ser.PublicFormat.SubjectPublicKeyInfo)


def export_public(cache: Cache, data_dir: Path, key_id: str, target: Path, operator: str) -> Path:
    """Write the public key to `target`: PEM, or the raw 32 bytes `keys/<id>.pub` holds for a `.pub` name."""
    data = _public(cache, data_dir, key_id) if target.suffix.lower() == ".pub" else public_pem(cache, data_dir, key_id)
    try:
        atomic_write_bytes(target, data)
    except OSError as exc:
        raise KnownError(msg("admin.key_export_failed", path=str(target), detail=exc.strerror or str(exc))) from exc
    with write_session(cache) as session, session.begin():
        _audit(session, operator, key_id, "public_key_export", None, str(target), now())
    return target


def revoke(cache: Cache, data_dir: Path, key_id: str, operator: str) -> dt.datetime:
    """Stop trusting a key (not the one in use); returns when."""
    store = KeyStore.for_workspace(data_dir)
    if key_id == current_key_id(store):
        raise KnownError(msg("admin.key_is_current", key_id=key_id))
    local = store.public_keys().get(key_id)
    at = now()
    with write_session(cache) as session, session.begin():
        row = session.get(TrustedKey, key_id)
        if row is None and local is None:
            raise KnownError(msg("admin.key_unknown", key_id=key_id))
        if row is None:
            row = _trust(session, key_id, local or b"", "", at)
        elif row.revoked_at is not None:
            raise KnownError(msg("admin.key_already_revoked", key_id=key_id, at=row.revoked_at.isoformat(sep=" ")))
        row.revoked_at = at
        _audit(session, operator, key_id, "revoked_at", None, at.isoformat(sep=" "), at)
    return at
