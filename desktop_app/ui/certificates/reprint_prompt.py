"""The reprint part of the print dialog: what the print log says about the certificate, and the
reason a reprint needs (the service refuses a reprint without one: `ReprintReasonRequired`)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit

from desktop_app.services.printing import PrintRecord
from desktop_app.ui.certificates.print_job import printer_label
from desktop_app.ui.common.badges import GOOD, WARN
from desktop_app.ui.common.errors import inline_text
from desktop_app.ui.common.labels import data_field

# The usual reasons. The print log keeps a chosen one in Chinese (the source text), whatever the UI's language.
REPRINT_REASONS = (QT_TRANSLATE_NOOP("ReprintPrompt", "证书污损"), QT_TRANSLATE_NOOP("ReprintPrompt", "证书遗失"),
                   QT_TRANSLATE_NOOP("ReprintPrompt", "打印错位或质量不合格"),
                   QT_TRANSLATE_NOOP("ReprintPrompt", "信息更正后重新打印"), QT_TRANSLATE_NOOP("ReprintPrompt", "其他"))
OTHER = "其他"


class ReprintPrompt(QObject):
    """The history line and the reason inputs (the dialog lays them out in its form)."""

    edited = Signal()  # the user changed the reason

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.history_label = data_field(QLabel(self.tr("正在读取打印记录…")))  # names the last print's operator
        self.history_label.setObjectName("historyLabel")
        self.history_label.setWordWrap(True)
        self.reason_combo = QComboBox()
        self.reason_combo.setObjectName("reprintReasonCombo")
        self.reason_combo.addItem(self.tr("请选择重印原因…"), "")
        for reason in REPRINT_REASONS:
            self.reason_combo.addItem(QCoreApplication.translate("ReprintPrompt", reason), reason)
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("reprintReasonEdit")
        self.reason_edit.setPlaceholderText(self.tr("补充说明（选“其他”时必填）"))
        self.reason_combo.currentIndexChanged.connect(lambda _i: self.edited.emit())
        self.reason_edit.textEdited.connect(lambda _t: self.edited.emit())
        self.ask(False)

    def show_history(self, history: list[PrintRecord]) -> None:
        """The service's print log of the certificate: a first print, or a reprint that needs a reason."""
        if not history:
            self.history_label.setText(self.tr("尚未打印过：本次为首次打印"))
            self.history_label.setStyleSheet(f"color: {GOOD.foreground};")
            self.ask(False)
            return
        last = history[-1]
        self.history_label.setText(self.tr("已打印 {count} 次（最近：{at}，{operator}，{printer}）。"
                                           "本次为重印，须填写原因").format(
            count=len(history), at=last.at.strftime("%Y-%m-%d %H:%M"), operator=last.operator,
            printer=printer_label(last.printer)))
        self.history_label.setStyleSheet(f"color: {WARN.foreground}; font-weight: bold;")
        self.ask(True)

    def show_unreadable(self, exc: BaseException) -> None:
        self.history_label.setText(self.tr("无法读取打印记录：{0}").format(inline_text(exc)))
        self.ask(True)  # the service decides when printing

    def ask(self, reprint: bool) -> None:
        """Offer the reason inputs (a reprint) or not (a first print)."""
        self.reason_combo.setEnabled(reprint)
        self.reason_edit.setEnabled(reprint)

    def refused(self) -> None:
        """The service refused a reprint without a reason: ask for one."""
        self.ask(True)
        self.reason_combo.setFocus()

    def reason(self) -> str | None:
        choice = str(self.reason_combo.currentData() or "")
        note = self.reason_edit.text().strip()
        if choice == OTHER:
            return note or None
        if choice and note:
            return f"{choice}：{note}"
        return choice or note or None
