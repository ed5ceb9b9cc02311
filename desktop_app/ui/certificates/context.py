"""What the certificate windows share: the context they get from the main window, and which
certificate a window is about (by its stable row id, not by a number that can collide)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

from desktop_app.services.search_types import CertificateSummary

if TYPE_CHECKING:  # for annotations only
    from desktop_app.domain.rules import Rules
    from desktop_app.services.context import WorkspaceContext
    from desktop_app.services.search import SearchService


@dataclass
class CertContext:
    """What the certificate dialogs need from the main window (no god window passed around)."""

    workspace: WorkspaceContext  # the services, the rules, the clock and the acting operator
    ensure_operator: Callable[[], bool]  # asks for the operator's name when none is set; False: the user declined
    settings: QSettings  # the workspace's ui.ini: last printer, folders, zoom

    @property
    def data_dir(self) -> Path:
        return self.workspace.data_dir

    @property
    def search(self) -> SearchService:
        return self.workspace.search

    @property
    def today(self) -> dt.date:
        return self.workspace.today

    @property
    def rules(self) -> Rules:
        return self.workspace.rules


def summary_id(cert: CertificateSummary) -> int | None:
    """The certificate's row id as the search service reports it (None for a summary built without it)."""
    return cert.id


@dataclass(frozen=True)
class CertificateRef:
    """One certificate: its holder, its new-format number (shown), and its row id when known.

    Old and new numbers can be equal strings for different certificates (old work-type code "03" is
    not new "03"), so the services are asked by the row id whenever it is known (`ref`)."""

    person_id: int
    number: str  # the new-format number
    certificate_id: int | None = None

    @classmethod
    def of(cls, person_id: int, cert: CertificateSummary) -> CertificateRef:
        return cls(person_id, cert.new_number, summary_id(cert))

    @property
    def ref(self) -> int | str:
        """What `issuance` / `printing` functions take as `ref`: the row id, else the number."""
        return self.certificate_id if self.certificate_id is not None else self.number

    def matches(self, cert: CertificateSummary) -> bool:
        """Is this summary the certificate meant (by row id when both know it, else by number)?"""
        cert_id = summary_id(cert)
        if self.certificate_id is not None and cert_id is not None:
            return cert_id == self.certificate_id
        return self.number in (cert.new_number, cert.number)

    def same(self, other: CertificateRef) -> bool:
        """The same certificate (by row id when both know it, else the same holder and number)?"""
        if self.certificate_id is not None and other.certificate_id is not None:
            return self.certificate_id == other.certificate_id
        return self.person_id == other.person_id and self.number == other.number
