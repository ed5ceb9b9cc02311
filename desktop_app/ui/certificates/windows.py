"""The main window's certificate windows: one preview, one batch, one verify and one calibration
dialog, each opened again (raised) rather than twice, and stopped when the main window closes.

What their writes change (a generation, a batch, a print) reaches every view on the change bus
(`Op` publishes it); these windows only tell the status bar what happened (`statusMessage`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from desktop_app.services.printing import PrintRecord
from desktop_app.services.search_types import CertificateSummary
from desktop_app.ui.certificates.batch_dialog import BatchDialog
from desktop_app.ui.certificates.calibration_dialog import CalibrationDialog
from desktop_app.ui.certificates.cert_preview import CertificatePreview
from desktop_app.ui.certificates.context import CertContext, CertificateRef
from desktop_app.ui.certificates.verify_dialog import VerifyDialog

IN_FORCE = ("valid", "expiring")  # statuses whose certificate can be printed


def first_eligible(certificates: Sequence[CertificateSummary]) -> CertificateSummary:
    """The first certificate in force without blockers; else the first one (its preview says why not)."""
    return next((c for c in certificates if not c.blockers and c.status in IN_FORCE), certificates[0])


class CertificateWindows(QObject):
    """Opens and keeps the certificate dialogs of one main window."""

    statusMessage = Signal(str)  # what happened, for the main window's status bar
    openNumber = Signal(str)  # a verified certificate's number, to open in the workspace

    def __init__(self, context: Callable[[], CertContext], window: QWidget) -> None:
        super().__init__(window)
        self.context = context
        self.window = window
        self.preview_dialog: CertificatePreview | None = None
        self.batch_dialog: BatchDialog | None = None
        self.verify_dialog: VerifyDialog | None = None
        self.calibration_dialog: CalibrationDialog | None = None

    def open_certificate(self, cert: CertificateRef) -> None:
        """The preview of one certificate: generate, print, save as PDF."""
        old = self.preview_dialog
        if old is not None:
            if old.isVisible() and old.cert.same(cert):
                old.raise_()
                old.activateWindow()
                return
            old.close()
            if not old.is_busy():
                old.deleteLater()  # (one still waiting for a worker is left to its parent)
        dialog = CertificatePreview(self.context(), cert, self.window)
        dialog.generated.connect(self._generated)
        dialog.printed.connect(self._printed)
        self.preview_dialog = dialog
        dialog.show()
        dialog.activateWindow()

    def _generated(self, _person_id: int) -> None:
        self.statusMessage.emit(self.tr("新版证书已生成，已记入修改记录并等待同步"))

    def _printed(self, record: PrintRecord) -> None:
        self.statusMessage.emit(self.tr("已打印 {0}，已记入打印记录").format(record.new_number))

    def show_batch(self) -> None:
        if self.batch_dialog is None:
            self.batch_dialog = BatchDialog(self.context(), self.window)
        self._show(self.batch_dialog)

    def show_verify(self) -> None:
        if self.verify_dialog is None:
            self.verify_dialog = VerifyDialog(self.context(), self.window)
            self.verify_dialog.openCertificate.connect(self.openNumber)
        self._show(self.verify_dialog)
        self.verify_dialog.input.setFocus()

    def show_calibration(self) -> None:
        if self.calibration_dialog is None:
            self.calibration_dialog = CalibrationDialog(self.context(), self.window)
        self._show(self.calibration_dialog)

    @staticmethod
    def _show(dialog: QDialog) -> None:
        if dialog.isVisible():
            dialog.raise_()
        dialog.show()
        dialog.activateWindow()

    def stop_batch(self) -> None:
        """Cancel a running batch: what it generated is kept, and a re-run resumes."""
        if self.batch_dialog is not None and self.batch_dialog.op is not None:
            self.batch_dialog.op.cancel_event.set()

    def hide_all(self) -> None:
        for dialog in (self.preview_dialog, self.verify_dialog, self.calibration_dialog, self.batch_dialog):
            if dialog is not None:
                dialog.hide()
