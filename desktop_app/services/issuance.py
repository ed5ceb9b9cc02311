"""New-format certificates: eligibility, generation, the printed face and its PDF.

Generating a certificate (one transaction, audited, queued in the outbox for sync like any change):
- the new-format number: the row's `number`, `format`, `category` and `work_type` become the new
  spelling (C → C3, old work-type code → new code). The as-issued number stays recoverable: it is the
  old value of the audited `number` change and of the outbox entry, and `new_number` never changes;
- the GB/T 36904 e-certificate identifier (`ecert_id`), with the issuing unit's USCC from
  `issuer_codes.csv` (see `issuer_codes`);
- the issue date: `new_generated_at` (its date is 发证日期 on the face; the validity is unchanged);
- the QR content (`qr_text`): a string from upstream is kept, otherwise a verification URL with a token
  signed by the workspace key (certs/signing.py), whose public key is recorded in `trusted_keys`.

Regenerating changes nothing and writes nothing: same number, identifier, QR and PDF bytes.

Hostile values (issue 9): the cache may hold what no importer should accept (an old cache, a sync).
Eligibility turns each into a reason (unknown state or category, an unreadable number, a validity
past what the QR token can carry), a row the ORM cannot load is a KnownError, and the face's photo
is what certs/photo.py makes of the stored one (decoded within a pixel limit, 300 dpi, ≤ 50 KB), so
every later stage refuses one certificate with a reason instead of crashing.

Seal images: an administrator puts the unit's seal as `seals/<issuing unit name>.png` (a square PNG
with a transparent background, the circle filling it) in the workspace's data folder. Without one,
in a demo workspace, or while the unit's USCC is a specimen value, certificates are specimens: a
drawn seal marked 样章 and a diagonal 样本 watermark.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop_app.certs.render import CertificateFace
from desktop_app.certs.signing import SigningKey, make_qr_text
from desktop_app.domain.certnumber import CertNumber, CertNumberError, interpretations, parse
from desktop_app.domain.changes import FieldChange
from desktop_app.domain.ecert import EcertIdError, make_ecert_id
from desktop_app.domain.rules import IssuingUnit, Rules, default_rules
from desktop_app.errors import KnownError
from desktop_app.messages import joined, msg
from desktop_app.services.changes import ChangeKind, OpChanges
from desktop_app.services.eligibility import blockers
from desktop_app.services.workshop import Workshop
from desktop_app.store import outbox
from desktop_app.store.engine import Cache
from desktop_app.store.locking import write_session
from desktop_app.store.models import AuditLog, Certificate, Person, TrustedKey

GENERATE_ACTION = outbox.ChangeAction.GENERATE.value  # the outbox payload's "action": sync and undo tell it apart
GENERATE_REASON = "生成新版证书"
GENERATED_FIELDS = ("number", "format", "category", "work_type", "ecert_id", "qr_text", "new_generated_at")


class NotEligible(KnownError):
    """A new-format certificate cannot be generated; `reasons` says exactly why (Chinese)."""

    def __init__(self, number: str, reasons: Sequence[str]) -> None:
        self.number = number
        self.reasons = tuple(reasons)
        super().__init__(msg("issuance.not_eligible", number=number, reasons="；".join(self.reasons)))


class UnknownCertificate(KnownError):
    """No certificate in the cache has this number (or id)."""


class MalformedNumber(KnownError):
    """The text is not a certificate number; the message says why."""


# --- looking certificates up ------------------------------------------------------------------------


def load_options() -> list[Any]:
    person = selectinload(Certificate.person)
    return [person.selectinload(Person.photo), person.selectinload(Person.enterprise)]


def find_certificate(session: Session, ref: int | str, rules: Rules | None = None) -> Certificate:
    """A certificate by row id or by its number in any spelling, old or new."""
    if isinstance(ref, int):
        cert = session.get(Certificate, ref, options=load_options())
        if cert is None:
            raise UnknownCertificate(msg("issuance.no_certificate_id", id=ref))
        return cert
    rules = rules or default_rules()
    try:
        readings = interpretations(ref, rules=rules)
    except CertNumberError as exc:
        raise MalformedNumber(str(exc)) from exc
    keys = {r.new_number(rules) for r in readings} | {r.canonical for r in readings}
    found = session.scalars(select(Certificate).where(Certificate.new_number.in_(keys) | Certificate.number.in_(keys))
                            .options(*load_options())).unique().all()
    if not found:
        raise UnknownCertificate(msg("issuance.no_certificate", number=ref.strip()))
    if len(found) > 1:
        names = joined(f"{c.number}（{c.person.name}）" for c in found)
        raise KnownError(msg("issuance.ambiguous_number", text=ref.strip(), candidates=names))
    return found[0]


def load_certificate(session: Session, ref: int | str, rules: Rules | None = None) -> Certificate:
    """`find_certificate`, with a row the ORM cannot read (a date such as "2024-02-30") as a KnownError."""
    try:
        return find_certificate(session, ref, rules)
    except KnownError:
        raise
    except ValueError as exc:  # the importer writes dates as text; the ORM parses them on load
        raise KnownError(msg("issuance.record_damaged", ref=ref, detail=str(exc)[:200])) from exc


def parsed_number(cert: Certificate, rules: Rules) -> CertNumber:
    """The row's number read in its own format (a bare work-type code is unambiguous then)."""
    return parse(cert.number, cert.format, rules)  # type: ignore[arg-type]


def is_generated(cert: Certificate) -> bool:
    """The row carries everything its new-format certificate prints."""
    return cert.format == "new" and bool(cert.ecert_id) and bool(cert.qr_text)


# --- eligibility ------------------------------------------------------------------------------------


def person_fields(person: Person) -> dict[str, object]:
    return {"name": person.name, "gender": person.gender, "birth_date": person.birth_date, "phone": person.phone,
            "education": person.education, "major": person.major,
            "employer": person.enterprise.name if person.enterprise else None,
            "position": person.position, "title": person.title}


def certificate_blockers(cert: Certificate, today: dt.date, rules: Rules) -> list[str]:
    person = cert.person
    reasons = blockers(cert.category, cert.state, cert.valid_until, person_fields(person), person.photo is not None,
                       cert.issuer_unit, today, rules, needs_token=not cert.qr_text)
    try:
        parsed_number(cert, rules).to_new(rules)
    except (CertNumberError, KeyError) as exc:  # KeyError: a category rules.categories does not know
        reasons.append(str(msg("issuance.bad_number", number=cert.number, detail=str(exc))))
    return reasons


# --- generating -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IssuedCertificate:
    certificate_id: int
    person_id: int
    number: str  # the new-format number, as printed
    old_number: str | None  # the number as issued before, when this generation converted it
    ecert_id: str
    qr_text: str
    issue_date: dt.date
    newly_generated: bool  # False: it had been generated before, nothing was written
    outbox_id: int | None

    @property
    def op_changes(self) -> OpChanges:
        if not self.newly_generated:
            return OpChanges()
        return OpChanges.of((ChangeKind.GENERATED, ChangeKind.OUTBOX), {self.person_id}, {self.certificate_id})


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _text(value: object) -> str | None:
    if value is None:
        return None
    return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else str(value)


def _new_values(cert: Certificate, shop: Workshop, at: dt.datetime) -> dict[str, object]:
    """The columns generation sets, for the ones not set yet (a kept value is never recomputed)."""
    rules = shop.rules
    new = parsed_number(cert, rules).to_new(rules)
    unit = shop.unit(cert.issuer_unit)
    values: dict[str, object] = {}
    if cert.format == "old":
        values.update(number=new.canonical, format="new", category=rules.categories[cert.category].new_code,
                      work_type=new.code or None)
        if cert.new_generated_at is None:
            values["new_generated_at"] = at
    if not cert.ecert_id:
        try:
            values["ecert_id"] = str(make_ecert_id(new, shop.issuer_code(unit).uscc, rules=rules))
        except EcertIdError as exc:
            raise KnownError(msg("issuance.bad_issuer_uscc", unit=unit.name, detail=str(exc))) from exc
    if not cert.qr_text:
        assert cert.valid_until is not None  # eligibility: a certificate without an end date is expired
        try:
            values["qr_text"] = make_qr_text(new, cert.person.id_number, cert.valid_until, unit.admin_code,
                                             shop.key, shop.verify_base, rules)
        except ValueError as exc:  # eligibility checks the date; the unit's code comes from resources
            raise KnownError(msg("issuance.cannot_sign", number=cert.number, detail=str(exc))) from exc
    return values


def generate_in(session: Session, cert: Certificate, shop: Workshop, operator: str, today: dt.date,
                at: dt.datetime) -> IssuedCertificate:
    """Generate inside the caller's transaction (a batch generates many in one); raises `NotEligible`."""
    reasons = certificate_blockers(cert, today, shop.rules)
    if reasons:
        raise NotEligible(cert.number, reasons)
    old_number = cert.number if cert.format == "old" else None
    values = {k: v for k, v in _new_values(cert, shop, at).items() if v != getattr(cert, k)}
    outbox_id = None
    if values:
        changes = {k: (_text(getattr(cert, k)), _text(v)) for k, v in values.items()}
        base_version = cert.version
        for name, value in values.items():
            setattr(cert, name, value)
        cert.version += 1
        if "qr_text" in values:
            ensure_trusted_key(session, shop.key, shop.settings.issuing_unit, at)
        outbox_id = _record(session, cert, base_version, changes, operator, at)
    return IssuedCertificate(cert.id, cert.person_id, cert.number, old_number, cert.ecert_id or "",
                             cert.qr_text or "", issue_date(cert) or today, bool(values), outbox_id)


def _record(session: Session, cert: Certificate, base_version: int, changes: Mapping[str, tuple[str | None, ...]],
            operator: str, at: dt.datetime) -> int:
    """The audit entries (one per field) and the outbox entry, as services/edits.py writes them."""
    ordered = [FieldChange(f, *changes[f]) for f in GENERATED_FIELDS if f in changes]
    for change in ordered:
        session.add(AuditLog(at=at, operator=operator, entity="certificate", entity_key=cert.new_number,
                             person_id=cert.person_id, field=change.field, old_value=change.old,
                             new_value=change.new, reason=GENERATE_REASON, source="local"))
    entry = outbox.enqueue(session, person_id=cert.person_id, entity=outbox.Entity.CERTIFICATE,
                           record_key=cert.new_number, base_version=base_version, fields=ordered,
                           operator=operator, reason=GENERATE_REASON, action=outbox.ChangeAction.GENERATE, at=at)
    return entry.id


def ensure_trusted_key(session: Session, key: SigningKey, unit: str, at: dt.datetime) -> None:
    """Record the workspace's public key among the trusted keys (once)."""
    if session.get(TrustedKey, key.key_id) is None:
        session.add(TrustedKey(key_id=key.key_id, public_key=key.public_bytes, unit=unit, created_at=at,
                               source="local", revoked_at=None))


def generate(cache: Cache, ref: int | str, operator: str, today: dt.date | None = None) -> IssuedCertificate:
    """Generate the new-format certificate of a certificate (row id or number in any spelling).

    Idempotent: a generated certificate is returned as it is. Raises `NotEligible` with the reasons,
    `UnknownCertificate`, or `MalformedNumber`.
    """
    shop = Workshop.of(cache)
    now = _now()
    today = today or now.date()
    with write_session(cache) as session, session.begin():
        cert = load_certificate(session, ref, shop.rules)
        return generate_in(session, cert, shop, operator, today, dt.datetime.combine(today, now.time()))


# --- the face and its PDF ---------------------------------------------------------------------------


def issue_date(cert: Certificate) -> dt.date | None:
    """发证日期: the day CertDesk generated it, else (a new-format record from upstream) its issue date."""
    return cert.new_generated_at.date() if cert.new_generated_at else cert.issued


def category_text(cert: Certificate, rules: Rules) -> str:
    """类别 as printed: "C3 专职安全生产管理人员（综合类）"; an unknown category is refused, not guessed."""
    category = rules.categories.get(cert.category)
    new = rules.categories.get(category.new_code) if category else None
    if new is None:
        raise KnownError(msg("issuance.unknown_category", category=cert.category))
    return f"{new.code} {new.name}"


def is_specimen(shop: Workshop, unit: IssuingUnit) -> bool:
    return shop.settings.demo or shop.seal(unit) is None or shop.issuer_code(unit).specimen


def face_of(cert: Certificate, shop: Workshop, specimen: bool | None = None) -> CertificateFace:
    """Every printed value of a generated certificate (`specimen` None: decided by the workspace)."""
    if not is_generated(cert):
        raise KnownError(msg("issuance.not_generated", number=cert.number))
    rules, person = shop.rules, cert.person
    unit = shop.unit(cert.issuer_unit)
    specimen = is_specimen(shop, unit) if specimen is None else specimen
    common: dict[str, Any] = {
        "family": cert.family, "number": cert.number, "name": person.name, "gender": person.gender,
        "first_issued": cert.first_issued, "valid_from": cert.issued, "valid_until": cert.valid_until,
        "issuer": unit.name, "issue_date": issue_date(cert), "qr_text": cert.qr_text,
        "photo": person.photo.data if person.photo else None,
        "seal_png": None if specimen else shop.seal(unit), "specimen": specimen,
    }
    if cert.family == "special":
        work_type = rules.work_type_by_new_code(cert.work_type_new_code or "")
        return CertificateFace(operation_category=work_type.name if work_type else "", **common)
    return CertificateFace(
        id_number=person.id_number, enterprise=person.enterprise.name if person.enterprise else "",
        position=person.position or "", tech_title=person.title or "", category=category_text(cert, rules),
        **common)


def face_for(cache: Cache, certificate_id: int | str, specimen: bool | None = None) -> CertificateFace:
    """The face of a generated certificate (row id or number)."""
    shop = Workshop.of(cache)
    with Session(cache.engine) as session:
        return face_of(load_certificate(session, certificate_id, shop.rules), shop, specimen)


def certificate_pdf(cache: Cache, ref: int | str, specimen: bool | None = None) -> bytes:
    """The PDF of a generated certificate (row id or number): the bytes preview, print and files use."""
    from desktop_app.certs.render import render_pdf  # reportlab only when a PDF is made

    return render_pdf(face_for(cache, ref, specimen))


def generate_pdf(cache: Cache, ref: int | str, operator: str, today: dt.date | None = None,
                 specimen: bool | None = None) -> tuple[IssuedCertificate, bytes]:
    """Generate when not generated yet, then render: (what was issued, the PDF bytes)."""
    issued = generate(cache, ref, operator, today)
    return issued, certificate_pdf(cache, issued.certificate_id, specimen)
