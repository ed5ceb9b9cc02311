"""One certificate in the detail pane: number, badges, new number, category, validity, issuer,
what blocks its new format, and the button that opens its preview."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.domain.rules import Rules
from desktop_app.domain.status import Status
from desktop_app.services.search_types import CertificateSummary
from desktop_app.ui.certificates.context import CertificateRef
from desktop_app.ui.common.badges import BAD, GOOD, INFO, WARN, Badge, Tone, format_label, format_tone, status_tone
from desktop_app.ui.common.labels import data_field, selectable
from desktop_app.ui.workspace.names import category_name, special_name, work_type_name


class CertificateCard(QFrame):
    """A card for one certificate of the person on display."""

    certificateRequested = Signal(object)  # CertificateRef: preview / print it

    def __init__(self, person_id: int, cert: CertificateSummary, rules: Rules, today: dt.date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cert = cert
        self.rules = rules
        self.setObjectName("certificateCard")
        tone = status_tone(cert.status)
        self.setStyleSheet(f"QFrame#certificateCard {{ border: 1px solid #d0d0d0; border-left: 4px solid"
                           f" {tone.border}; border-radius: 4px; background: #fcfcfc; }}")
        layout = QVBoxLayout(self)
        layout.setSpacing(4)
        layout.addLayout(self._top(cert))
        form = QFormLayout()
        form.setHorizontalSpacing(10)
        form.setVerticalSpacing(2)
        new_number = data_field(selectable(QLabel(cert.new_number)))
        new_number.setObjectName("certNewNumber")
        if cert.new_number != cert.number:
            new_number.setStyleSheet(f"color: {INFO.foreground}; font-weight: bold;")
        form.addRow(self.tr("新版编号："), new_number)
        form.addRow(self.tr("类别："), QLabel(self.category_text()))
        form.addRow(self.tr("有效期至："), self._valid_until(today))
        form.addRow(self.tr("发证单位："), data_field(selectable(QLabel(cert.issuer_unit))))
        layout.addLayout(form)
        if cert.blockers:
            reasons = QLabel(self.tr("不能生成新版证书：{0}").format(self.tr("；").join(cert.blockers)))
            reasons.setObjectName("certBlockers")
            reasons.setWordWrap(True)
            reasons.setStyleSheet(f"color: {BAD.foreground};")
            layout.addWidget(reasons)
        layout.addLayout(self._actions(CertificateRef.of(person_id, cert)))

    def _top(self, cert: CertificateSummary) -> QHBoxLayout:
        top = QHBoxLayout()
        number = data_field(selectable(QLabel(cert.number)))
        number.setObjectName("certNumber")
        number.setStyleSheet("font-weight: bold; font-size: 11pt;")
        top.addWidget(number)
        top.addStretch(1)
        badges: list[Badge] = [Badge(format_label(cert.format), format_tone(cert.format)),
                               Badge(cert.status_label, status_tone(cert.status))]
        if cert.new_generated:  # generated here: the row is in the new format now
            badges.append(Badge(self.tr("新版已生成"), GOOD))
        elif cert.format == "old":
            badges.append(Badge(self.tr("新版未生成"), WARN))
        if cert.blockers:
            badges.append(Badge(self.tr("受阻"), BAD, tooltip="\n".join(cert.blockers)))
        for badge in badges:
            top.addWidget(badge)
        return top

    def category_text(self) -> str:
        cert = self.cert
        if cert.category == "SPECIAL":
            name = special_name(self.rules)
            work_type = work_type_name(cert, self.rules)
            if work_type:
                return self.tr("{0} · {1}（{2}）").format(name, work_type, cert.work_type)
            return name
        category = category_name(cert.category, self.rules)
        return f"{cert.category} · {category}" if category else cert.category

    def _actions(self, ref: CertificateRef) -> QHBoxLayout:
        cert = self.cert
        row = QHBoxLayout()
        row.addStretch(1)
        button = QPushButton(self.tr("预览/打印新版证书…") if cert.new_generated or cert.format == "new"
                             else self.tr("生成/预览新版证书…"))
        button.setObjectName("previewButton")
        button.setProperty("certNumber", cert.new_number)
        button.setAutoDefault(False)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.setToolTip(self.tr("按实际尺寸预览新版证书，生成、打印或另存为 PDF（Ctrl+Shift+P：第一本可生成的证书）"))
        button.clicked.connect(lambda: self.certificateRequested.emit(ref))
        row.addWidget(button)
        return row

    def _valid_until(self, today: dt.date) -> QLabel:
        cert = self.cert
        if cert.valid_until is None:
            return QLabel(self.tr("无"))
        text = cert.valid_until.isoformat()
        days = (cert.valid_until - today).days
        tone: Tone | None = None
        if cert.status == Status.EXPIRING.value:
            text += self.tr("（还有 {0} 天到期）").format(days)
            tone = WARN
        elif days < 0:
            text += self.tr("（已过期 {0} 天）").format(-days)
            tone = BAD
        label = QLabel(text)
        if tone is not None:
            label.setStyleSheet(f"color: {tone.foreground}; font-weight: bold;")
        return label
