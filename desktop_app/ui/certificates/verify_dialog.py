"""Verify a scanned or pasted certificate QR code, offline (`VerificationService.verify_text`).

A handheld scanner types the code and presses Enter: the dialog verifies at once, off the GUI
thread, and shows one big verdict — 真证, 伪造或篡改, 未知密钥, 已过期, 已撤销 or 不是本系统的二维码 —
with the certificate's data from the cache when the code is authentic (a forged code never lends a
real record its credibility: the service gives no certificate then).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.certificates.context import CertContext
from desktop_app.ui.certificates.status_names import status_name
from desktop_app.ui.common.badges import BAD, GOOD, MUTED, WARN, Tone
from desktop_app.ui.common.errors import inline_text
from desktop_app.ui.common.labels import data_field
from desktop_app.ui.common.operations import Op

CONTEXT = "VerifyDialog"
# signing.Reason value → (verdict, tone); the verdict is translated at use
VERDICTS: dict[str, tuple[str, Tone]] = {
    "genuine": (QT_TRANSLATE_NOOP("VerifyDialog", "✓ 真证"), GOOD),
    "tampered": (QT_TRANSLATE_NOOP("VerifyDialog", "✗ 伪造或篡改"), BAD),
    "unknown_key": (QT_TRANSLATE_NOOP("VerifyDialog", "？ 未知密钥"), WARN),
    "expired": (QT_TRANSLATE_NOOP("VerifyDialog", "已过期"), WARN),
    "revoked": (QT_TRANSLATE_NOOP("VerifyDialog", "✗ 已撤销"), BAD),
    "not_certdesk": (QT_TRANSLATE_NOOP("VerifyDialog", "不是本系统的二维码"), MUTED),
    # a genuine token wrapped in another host's link
    "foreign_address": (QT_TRANSLATE_NOOP("VerifyDialog", "✗ 网址不是本系统的验证地址"), BAD),
}
# the certificate's value → its caption (translated at use)
FIELDS = (("new_number", QT_TRANSLATE_NOOP("VerifyDialog", "证书编号：")),
          ("name", QT_TRANSLATE_NOOP("VerifyDialog", "姓名：")),
          ("id_number_masked", QT_TRANSLATE_NOOP("VerifyDialog", "身份证号：")),
          ("category", QT_TRANSLATE_NOOP("VerifyDialog", "类别：")),
          ("work_type", QT_TRANSLATE_NOOP("VerifyDialog", "工种：")),
          ("issuer_unit", QT_TRANSLATE_NOOP("VerifyDialog", "发证机关：")),
          ("valid_until", QT_TRANSLATE_NOOP("VerifyDialog", "有效期至：")),
          ("ecert_id", QT_TRANSLATE_NOOP("VerifyDialog", "电子证照标识：")))


class VerifyDialog(QDialog):
    openCertificate = Signal(str)  # a certificate number: show it in the workspace

    def __init__(self, ctx: CertContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rules = ctx.rules
        self.result: dict[str, Any] | None = None
        self._generation = 0
        self.busy = 0
        self.setObjectName("verifyDialog")
        self.setWindowTitle(self.tr("验证证书二维码"))
        self.setMinimumWidth(720)

        intro = QLabel(self.tr("用扫码枪扫描证书上的二维码，或粘贴二维码内容后按回车。"
                               "离线验证，使用本机受信任的公钥。"))
        intro.setWordWrap(True)
        self.input = QLineEdit()
        self.input.setObjectName("verifyInput")
        self.input.setPlaceholderText(self.tr("扫描或粘贴二维码内容"))
        self.input.setClearButtonEnabled(True)
        self.input.setMinimumHeight(32)
        self.input.returnPressed.connect(lambda: self.verify())
        self.verify_button = QPushButton(self.tr("验证"))
        self.verify_button.setObjectName("verifyButton")
        self.verify_button.setAutoDefault(False)
        self.verify_button.clicked.connect(lambda: self.verify())
        row = QHBoxLayout()
        row.addWidget(self.input, 1)
        row.addWidget(self.verify_button)

        self.verdict = QLabel(self.tr("等待扫描…"))
        self.verdict.setObjectName("verdictLabel")
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = QFont(self.verdict.font())
        font.setPointSizeF(max(font.pointSizeF(), 9) * 2.6)
        font.setBold(True)
        self.verdict.setFont(font)
        self.verdict.setMinimumHeight(86)
        self._paint(MUTED)
        self.message = QLabel()
        self.message.setObjectName("verdictMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setStyleSheet("font-size: 11pt;")

        self.details = QFrame()
        self.details.setObjectName("verifyDetails")
        self.details.setFrameShape(QFrame.Shape.StyledPanel)
        self.form = QFormLayout(self.details)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.values: dict[str, QLabel] = {}
        for key, caption in FIELDS:
            value = data_field(QLabel())  # the certificate's data from the cache
            value.setObjectName(f"verify_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            self.values[key] = value
            self.form.addRow(QCoreApplication.translate(CONTEXT, caption), value)
        self.status_value = QLabel()
        self.status_value.setObjectName("verify_status")
        self.form.addRow(self.tr("状态："), self.status_value)
        self.details.setVisible(False)

        self.open_button = QPushButton(self.tr("在工作台中查看此证书"))
        self.open_button.setObjectName("openCertificateButton")
        self.open_button.setAutoDefault(False)
        self.open_button.setVisible(False)
        self.open_button.clicked.connect(self._open)
        close = QPushButton(self.tr("关闭"))
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.verdict)
        layout.addWidget(self.message)
        layout.addWidget(self.details)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.input.setFocus()

    def _paint(self, tone: Tone) -> None:
        self.verdict.setStyleSheet(f"QLabel#verdictLabel {{ color: {tone.foreground}; background: {tone.background};"
                                   f" border: 2px solid {tone.border}; border-radius: 8px; padding: 10px; }}")

    def verify(self, text: str | None = None) -> None:
        """Verify `text` (default: the input's); the newest request wins."""
        code = (text if isinstance(text, str) else self.input.text()).strip()
        if text is not None and isinstance(text, str):
            self.input.setText(text)
        if not code:
            return
        self._generation += 1
        generation = self._generation
        verification = self.ctx.workspace.verification
        self.verdict.setText(self.tr("正在验证…"))
        self._paint(MUTED)
        self.message.clear()
        self.busy += 1
        Op(self, lambda: verification.verify_text(code)).success(
            lambda result: self._verified(generation, result)).failure(
            lambda exc: self._failed(generation, exc)).run()

    def _verified(self, generation: int, result: dict[str, Any]) -> None:
        self.busy -= 1
        if generation != self._generation:
            return
        self.result = result
        verdict, tone = VERDICTS.get(result["reason"], (result["reason"], MUTED))
        self.verdict.setText(QCoreApplication.translate(CONTEXT, verdict))
        self._paint(tone)
        self.message.setText(result.get("message") or "")
        cert = result.get("certificate")
        self.details.setVisible(bool(cert))
        self.open_button.setVisible(bool(cert))
        if cert:
            for key, label in self.values.items():
                label.setText(str(cert.get(key) or "—"))
            category = self.rules.categories.get(str(cert.get("category") or ""))
            if category is not None:
                self.values["category"].setText(f"{category.code} · {category.label}" if category.code != "SPECIAL"
                                                else category.label)
            self.status_value.setText(status_name(result.get("status"), result.get("status_label")) or "—")
        self.input.selectAll()  # the next scan replaces this code

    def _failed(self, generation: int, exc: BaseException) -> None:
        self.busy -= 1
        if generation != self._generation:
            return
        self.result = None
        self.verdict.setText(self.tr("无法验证"))
        self._paint(BAD)
        self.message.setText(inline_text(exc))
        self.details.setVisible(False)
        self.open_button.setVisible(False)

    def verdict_text(self) -> str:
        return self.verdict.text()

    def _open(self) -> None:
        cert = (self.result or {}).get("certificate")
        if cert:
            self.openCertificate.emit(cert.get("new_number") or cert.get("number"))
