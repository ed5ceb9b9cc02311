"""The certificate-dates section of the edit dialog: first issued, issued and valid-until of each
certificate, checked as the user types (`domain.person_fields.certificate_date_reasons`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QDateEdit, QFrame, QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from desktop_app.domain.person_fields import certificate_date_reasons
from desktop_app.domain.rules import Rules
from desktop_app.services.edits import CERT_DATE_FIELDS
from desktop_app.ui.common.badges import BAD
from desktop_app.ui.common.labels import data_field
from desktop_app.ui.records.field_names import field_name

NO_DATE = QDate(1900, 1, 1)  # the minimum of a date editor stands for "not filled in"


class CertificateDates(Protocol):
    """What the dialog needs of one certificate to correct its dates."""

    @property
    def id(self) -> int: ...
    @property
    def version(self) -> int: ...
    @property
    def number(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def first_issued(self) -> dt.date | None: ...
    @property
    def issued(self) -> dt.date | None: ...
    @property
    def valid_until(self) -> dt.date | None: ...


# person id → the person's certificates (the context's edits.load_certificate_dates)
CertificateLoader = Callable[[int], Sequence[CertificateDates]]


def _to_qdate(value: dt.date | None) -> QDate:
    return QDate(value.year, value.month, value.day) if value else NO_DATE


def _from_qdate(value: QDate) -> dt.date | None:
    if not value.isValid() or value <= NO_DATE:
        return None
    return dt.date(value.year(), value.month(), value.day())


class DateField(QDateEdit):
    """A date editor that can be empty ("未填写" at its minimum date)."""

    def __init__(self, value: dt.date | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(NO_DATE)
        self.setMaximumDate(QDate(2100, 12, 31))
        self.setSpecialValueText(self.tr("未填写"))
        self.setDate(_to_qdate(value))
        self.setMinimumWidth(120)

    def value(self) -> dt.date | None:
        return _from_qdate(self.date())

    def set_value(self, value: dt.date | None) -> None:
        self.setDate(_to_qdate(value))


class CertificateDatesBox(QGroupBox):
    """One row of date editors per certificate, with the reasons a change is refused."""

    changed = Signal(int)  # the id of the certificate whose dates the user changed

    def __init__(self, rules: Rules, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("证书日期"), parent)
        self.rules = rules
        self.certificates: list[CertificateDates] = []
        self.editors: dict[int, dict[str, DateField]] = {}
        self.reason_labels: dict[int, QLabel] = {}
        self.rows = QVBoxLayout(self)

    def set_certificates(self, certificates: Sequence[CertificateDates]) -> None:
        """Show these certificates' stored dates (at open and after a reload)."""
        while self.rows.count():
            item = self.rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.certificates = list(certificates)
        self.editors.clear()
        self.reason_labels.clear()
        for cert in self.certificates:
            self.rows.addWidget(self._group(cert))
        self.setVisible(bool(self.certificates))

    def _group(self, cert: CertificateDates) -> QWidget:
        frame = QFrame()
        frame.setObjectName("certDates")
        row = QGridLayout(frame)
        row.setContentsMargins(0, 2, 0, 2)
        category = self.rules.categories.get(cert.category)
        name = category.label if category else cert.category
        # the certificate's number and category (data)
        label = data_field(QLabel(self.tr("{number}（{category}）").format(number=cert.number, category=name)))
        label.setStyleSheet("font-weight: bold;")
        row.addWidget(label, 0, 0, 1, 6)
        editors: dict[str, DateField] = {}
        for column, (field, caption) in enumerate(CERT_DATE_FIELDS.items()):
            editor = DateField(getattr(cert, field))
            editor.setObjectName(f"cert_{cert.id}_{field}")
            editor.dateChanged.connect(lambda _d, c=cert.id: self.changed.emit(c))
            title = QLabel(self.tr("{0}：").format(field_name(field, caption)))
            title.setBuddy(editor)
            row.addWidget(title, 1, column * 2)
            row.addWidget(editor, 1, column * 2 + 1)
            editors[field] = editor
        row.setColumnStretch(6, 1)
        reason = QLabel()
        reason.setObjectName(f"certReason_{cert.id}")
        reason.setStyleSheet(f"color: {BAD.foreground};")
        reason.setWordWrap(True)
        row.addWidget(reason, 2, 0, 1, 7)
        self.editors[cert.id] = editors
        self.reason_labels[cert.id] = reason
        return frame

    # --- reading and checking ---------------------------------------------------------------

    def values(self, cert_id: int) -> dict[str, dt.date | None]:
        return {f: editor.value() for f, editor in self.editors[cert_id].items()}

    def changed_certificates(self) -> list[CertificateDates]:
        return [c for c in self.certificates if any(self.values(c.id)[f] != getattr(c, f) for f in CERT_DATE_FIELDS)]

    def reasons(self, cert_id: int, service_reasons: Mapping[str, str]) -> dict[str, str]:
        """Why a certificate's dates are refused; only a certificate the user changed is checked (it is
        the only one saved), so a stored order problem elsewhere does not block other corrections.
        `service_reasons` are the service's refusals of this certificate, by field."""
        cert = next((c for c in self.certificates if c.id == cert_id), None)
        dates = self.values(cert_id)
        if cert is None or all(dates[f] == getattr(cert, f) for f in CERT_DATE_FIELDS):
            return {}
        reasons = certificate_date_reasons(dates)
        for field, reason in service_reasons.items():
            reasons.setdefault(field, reason)
        return reasons

    def show_reasons(self, cert_id: int, reasons: Mapping[str, str]) -> None:
        self.reason_labels[cert_id].setText("；".join(reasons.values()))
        for field, editor in self.editors[cert_id].items():
            editor.setStyleSheet(f"background: {BAD.background};" if field in reasons else "")
