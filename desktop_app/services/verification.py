"""Offline verification of a scanned certificate code against the cache.

`verify_text` reads, in this order:
1. a CertDesk signed token (certs/signing.py): its Ed25519 signature is checked against the trusted
   public keys in the cache (`trusted_keys`, revoked keys excluded), then the cache's state of the
   certificate (revoked, cancelled or suspended → revoked; expired in the cache or by the token →
   expired);
2. a GB/T 36904 e-certificate identifier: its check character, then the certificate that carries it
   in the cache;
3. an upstream QR string stored with a certificate in the cache;
anything else is "not a CertDesk code". The seven verdicts (signing.Reason) are told apart:
genuine, tampered, unknown key, foreign address, expired, revoked, not a CertDesk code.

The address around a token is part of what is verified: a genuine token inside another host's URL
(`https://evil.example/c?t=<token>`) is "foreign address", never genuine. Ours are the workspace's
verification base (Workshop.verify_base) and the exact QR text the cache holds for the certificate.

The cache may hold values no importer should have let in (an old cache, a sync): an unrecognised
state is never read as valid, and a record that cannot be loaded gives a verdict, not a crash.

The result is plain JSON-able data: {"genuine", "reason", "message", "method", "certificate",
"status", "status_label", "claims"}. `certificate` (from the cache) is given only when the code
is authentic (signature valid, or found in the cache): a forged code never lends a real record
its credibility. `claims` are what a token asserts, untrusted unless genuine.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from desktop_app.certs import signing
from desktop_app.certs.signing import Reason
from desktop_app.domain import qrtext
from desktop_app.domain.ecert import EcertIdError, check_ecert_id
from desktop_app.domain.rules import Rules, default_rules
from desktop_app.domain.status import Status, certificate_status
from desktop_app.errors import KnownError
from desktop_app.messages import msg
from desktop_app.services.workshop import Workshop
from desktop_app.store.engine import Cache
from desktop_app.store.locking import write_session
from desktop_app.store.models import Certificate, Person, TrustedKey

REVOKED_STATUSES = (Status.REVOKED, Status.CANCELLED, Status.SUSPENDED)
MESSAGES = {  # str() renders one in the current language
    "ecert_unknown": msg("verify.ecert_unknown"),
    "ecert_check": msg("verify.ecert_check"),
    "found": msg("verify.found"),
}


# --- trusted keys -----------------------------------------------------------------------------------


def trusted_key_map(cache: Cache) -> dict[str, bytes]:
    """Key id → raw public key, for every trusted key not revoked."""
    with Session(cache.engine) as session:
        rows = session.execute(select(TrustedKey.key_id, TrustedKey.public_key)
                               .where(TrustedKey.revoked_at.is_(None))).all()
    return {key_id: public for key_id, public in rows}


def add_trusted_key(cache: Cache, public_key: bytes, unit: str, source: str = "upstream") -> str:
    """Trust another workstation's (or the province's) public key; returns its key id."""
    if len(public_key) != 32:
        raise KnownError(msg("verify.bad_public_key"))
    key_id = signing.key_id_for(public_key)
    with write_session(cache) as session, session.begin():
        if session.get(TrustedKey, key_id) is None:
            session.add(TrustedKey(key_id=key_id, public_key=public_key, unit=unit, source=source,
                                   created_at=dt.datetime.now().replace(microsecond=0), revoked_at=None))
    return key_id


def revoke_trusted_key(cache: Cache, key_id: str) -> bool:
    """Stop trusting a key (its codes then read "unknown key"); False when it was not trusted."""
    now = dt.datetime.now().replace(microsecond=0)
    with write_session(cache) as session, session.begin():
        result = session.execute(update(TrustedKey).where(TrustedKey.key_id == key_id,
                                                          TrustedKey.revoked_at.is_(None)).values(revoked_at=now))
    return bool(result.rowcount)  # type: ignore[attr-defined]


# --- verifying --------------------------------------------------------------------------------------


def _mask(id_number: str) -> str:
    return id_number[:6] + "*" * (len(id_number) - 10) + id_number[-4:] if len(id_number) > 10 else id_number


def certificate_json(cert: Certificate, rules: Rules) -> dict[str, Any]:
    person = cert.person
    work_type = rules.work_type_by_new_code(cert.work_type_new_code) if cert.work_type_new_code else None
    return {
        "number": cert.number, "new_number": cert.new_number, "name": person.name,
        "id_number_masked": _mask(person.id_number), "category": cert.category,
        "work_type": work_type.name if work_type else None, "issuer_unit": cert.issuer_unit,
        "valid_until": cert.valid_until.isoformat() if cert.valid_until else None, "state": cert.state,
        "ecert_id": cert.ecert_id,
    }


class _UnknownState(Exception):
    """The cache's state of the certificate is not one of cert_states.csv."""


def _status(cert: Certificate | None, today: dt.date, rules: Rules) -> Status | None:
    if cert is None:
        return None
    if cert.state not in rules.states:
        raise _UnknownState(cert.state)
    return certificate_status(cert.state, cert.valid_until, today, rules)


def our_bases(cache: Cache, cert: Certificate | None, token: str | None) -> set[str]:
    """The verification addresses a genuine code of this workspace may carry."""
    bases = {signing.DEFAULT_VERIFY_BASE}  # the token's own CertDesk form is always ours
    with contextlib.suppress(KnownError):  # a broken configured address verifies nothing extra
        bases.add(Workshop.of(cache).verify_base)
    stored = cert.qr_text if cert is not None else None
    if stored and token and stored.endswith(token):
        bases.add(stored[:-len(token)])  # printed here earlier, under the base of that day
    return bases


def _result(genuine: bool, reason: Reason, method: str | None, message: str | None = None,
            cert: Certificate | None = None, status: Status | None = None,
            claims: signing.Claims | None = None, rules: Rules | None = None) -> dict[str, Any]:
    return {
        "genuine": genuine, "reason": reason.value, "message": message or str(signing.REASON_TEXT[reason]),
        "method": method, "certificate": certificate_json(cert, rules or default_rules()) if cert else None,
        "status": status.value if status else None, "status_label": status.label if status else None,
        "claims": claims.as_json() if claims else None,
    }


def _by(session: Session, column: Any, value: str) -> Certificate | None:
    return session.scalars(select(Certificate).where(column == value)
                           .options(selectinload(Certificate.person).selectinload(Person.enterprise))
                           .limit(1)).first()


def _signed(cache: Cache, session: Session, text: str, trusted: dict[str, bytes], today: dt.date,
            rules: Rules) -> dict[str, Any]:
    forged = (Reason.TAMPERED, Reason.UNKNOWN_KEY, Reason.NOT_CERTDESK, Reason.FOREIGN_ADDRESS)
    verdict = signing.verify(text, trusted, today, rules=rules)  # the signature first, before the cache
    if verdict.reason in forged or verdict.claims is None:
        return _result(False, verdict.reason, "signature", claims=verdict.claims)
    cert = _by(session, Certificate.new_number, verdict.claims.number)
    status = _status(cert, today, rules)
    bases = our_bases(cache, cert, signing.extract_token(text))
    verdict = signing.verify(text, trusted, today, lambda _number: status.value if status else None, rules, bases)
    if verdict.reason in forged:
        return _result(False, verdict.reason, "signature", claims=verdict.claims)
    reason = verdict.reason
    if reason is Reason.GENUINE and status is Status.EXPIRED:
        reason = Reason.EXPIRED  # the cache knows it lapsed (e.g. set expired by the authority)
    return _result(reason is Reason.GENUINE, reason, "signature", cert=cert, status=status, claims=verdict.claims,
                   rules=rules)


def _from_cache(cert: Certificate, method: str, today: dt.date, rules: Rules) -> dict[str, Any]:
    """A code that is not signed but names a certificate of the cache: its state decides."""
    status = _status(cert, today, rules)
    if status in REVOKED_STATUSES:
        return _result(False, Reason.REVOKED, method,
                       str(msg("verify.cache_revoked", status=status.label)),  # type: ignore[union-attr]
                       cert, status, rules=rules)
    if status is Status.EXPIRED:
        return _result(False, Reason.EXPIRED, method, str(msg("verify.cache_expired")), cert, status, rules=rules)
    return _result(True, Reason.GENUINE, method, str(MESSAGES["found"]), cert, status, rules=rules)


def _unsigned(session: Session, text: str, today: dt.date, rules: Rules) -> dict[str, Any]:
    if text.startswith("1.2.156.3005.2."):
        try:
            ecert = check_ecert_id(text)
        except EcertIdError:
            return _result(False, Reason.TAMPERED, "ecert_id", str(MESSAGES["ecert_check"]))
        cert = _by(session, Certificate.ecert_id, str(ecert))
        if cert is None:
            return _result(False, Reason.NOT_CERTDESK, "ecert_id", str(MESSAGES["ecert_unknown"]))
        return _from_cache(cert, "ecert_id", today, rules)
    cert = _by(session, Certificate.qr_text, text)
    if cert is not None:
        return _from_cache(cert, "upstream_qr", today, rules)
    return _result(False, Reason.NOT_CERTDESK, None)


def verify_text(cache: Cache, text: str, today: dt.date | None = None) -> dict[str, Any]:
    """The verdict on a scanned or pasted code, offline (see the module docstring)."""
    today = today or dt.date.today()
    rules = default_rules()
    stripped = text.strip()
    trusted = trusted_key_map(cache)
    signed = signing.decode(stripped, rules) is not None
    try:
        with Session(cache.engine) as session:
            if signed:
                return _signed(cache, session, stripped, trusted, today, rules)
            return _unsigned(session, stripped, today, rules)
    except _UnknownState as exc:
        return _result(False, Reason.REVOKED, "signature" if signed else None,
                       str(msg("verify.cache_state_unknown", state=exc.args[0])))
    except ValueError as exc:  # a date column the ORM cannot read (the importer writes ISO text directly)
        return _result(False, Reason.REVOKED, "signature" if signed else None,
                       str(msg("verify.cache_record_damaged", detail=str(exc)[:200])))


# --- search -----------------------------------------------------------------------------------------


def token_findings(text: str, rules: Rules) -> qrtext.QrFindings:
    if signing.extract_token(text) is None:
        return qrtext.QrFindings()
    return signing.qr_findings(text, rules)


# What the search box needs beyond the built-in QR readers: the certificate behind a CertDesk token.
SEARCH_EXTRACTORS: tuple[qrtext.Extractor, ...] = (token_findings,)
