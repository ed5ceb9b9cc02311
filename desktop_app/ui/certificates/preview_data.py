"""What the certificate preview shows, read off the GUI thread: the certificate as the search service
summarises it (status, blockers), and its one PDF when it has been generated."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop_app.errors import KnownError
from desktop_app.services.changes import ChangeKind
from desktop_app.services.search_types import CertificateSummary, PersonDetail
from desktop_app.ui.certificates.context import CertificateRef
from desktop_app.ui.certificates.pages import pdf_pages_mm
from desktop_app.ui.common.errors import inline_text

if TYPE_CHECKING:  # for annotations only
    from desktop_app.services.api.certificates import IssuanceService
    from desktop_app.services.search import SearchService

# What a preview reads again when it touches the holder: fields and photo (blockers), dates, a generation.
PREVIEW_KINDS = frozenset({ChangeKind.RECORD, ChangeKind.PHOTO, ChangeKind.CERTIFICATE, ChangeKind.GENERATED,
                           ChangeKind.BULK})


@dataclass(frozen=True)
class Loaded:
    """What the dialog shows: the certificate as the search service summarises it, and its PDF."""

    person_name: str
    summary: CertificateSummary | None
    pdf: bytes | None  # None: not generated yet (or the PDF could not be made: `problem`)
    page_mm: tuple[float, float] | None
    problem: str | None


def find_summary(detail: PersonDetail | None, cert: CertificateRef) -> CertificateSummary | None:
    if detail is None:
        return None
    return next((c for c in detail.certificates if cert.matches(c)), None)


def read_preview(search: SearchService, issuance: IssuanceService, today: dt.date, cert: CertificateRef) -> Loaded:
    """The certificate's summary and PDF (a worker thread's job)."""
    detail = search.person_detail(cert.person_id, today=today)
    summary = find_summary(detail, cert)
    name = detail.name if detail is not None else ""
    try:
        pdf = issuance.certificate_pdf(cert.ref)
    except KnownError as exc:
        not_yet = summary is not None and not summary.new_generated and summary.format == "old"
        return Loaded(name, summary, None, None, None if not_yet else inline_text(exc))
    pages = pdf_pages_mm(pdf)
    return Loaded(name, summary, pdf, pages[0] if pages else None, None)
