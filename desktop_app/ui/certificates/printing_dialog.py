"""The print dialog: choose a printer and copies, give a reprint reason when the print log needs
one, print at exactly 100 % (print_job) on the write thread, and log it; calibrate from here."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import KnownError
from desktop_app.services.printing import MAX_COPIES, PrinterOffset, PrintRecord, ReprintReasonRequired
from desktop_app.ui.certificates.calibration_dialog import CalibrationDialog
from desktop_app.ui.certificates.context import CertContext, CertificateRef
from desktop_app.ui.certificates.print_job import PrintJob, printer_label, run_print_job
from desktop_app.ui.certificates.printer_choice import PrinterChooser, default_output_dir, offset_text
from desktop_app.ui.certificates.reprint_prompt import ReprintPrompt
from desktop_app.ui.common.badges import BAD, GOOD, INFO
from desktop_app.ui.common.errors import inline_text
from desktop_app.ui.common.labels import data_field
from desktop_app.ui.common.operations import Op


class PrintDialog(QDialog):
    """Choose a printer and copies, give a reprint reason when needed, print at 100 % and log it."""

    printed = Signal(object)  # the PrintRecord

    def __init__(self, ctx: CertContext, cert: CertificateRef, pdf: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.cert = cert
        self.number = cert.number
        self.pdf = pdf
        self.history: list[PrintRecord] | None = None
        self.busy = 0
        self.record: PrintRecord | None = None
        self.setObjectName("printDialog")
        self.setWindowTitle(self.tr("打印新版证书"))
        self.setMinimumWidth(620)
        self._build()
        self._printer_changed(self.chooser.printer())
        self._load_history()

    def _build(self) -> None:
        caption = QLabel(self.tr("证书编号："))
        caption.setStyleSheet("font-size: 13pt; font-weight: bold;")
        number = data_field(QLabel(self.number))
        number.setObjectName("printTitle")
        number.setStyleSheet("font-size: 13pt; font-weight: bold;")
        number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        title = QHBoxLayout()
        title.setSpacing(4)
        title.addWidget(caption)
        title.addWidget(number)
        title.addStretch(1)
        default_file = default_output_dir(self.ctx.settings) / f"{self.number}.pdf"
        self.chooser = PrinterChooser(self.ctx.settings, default_file)
        self.chooser.changed.connect(self._printer_changed)
        self.copies = QSpinBox()
        self.copies.setObjectName("copiesSpin")
        self.copies.setRange(1, MAX_COPIES)
        self.copies.setValue(1)
        self.copies.setFixedWidth(90)
        self.offset_label = QLabel()
        self.offset_label.setObjectName("offsetLabel")
        self.calibrate_button = QPushButton(self.tr("校准…"))
        self.calibrate_button.setObjectName("calibrateButton")
        self.calibrate_button.setAutoDefault(False)
        self.calibrate_button.setToolTip(self.tr("打印带毫米刻度的校准页，测量并保存这台打印机的偏移"))
        self.calibrate_button.clicked.connect(self._calibrate)
        offset_row = QHBoxLayout()
        offset_row.addWidget(self.offset_label, 1)
        offset_row.addWidget(self.calibrate_button)
        scale = QLabel(self.tr("按 100% 实际尺寸打印：不缩放、无页边距，纸张大小与证书 PDF 相同"))
        scale.setObjectName("scaleNote")
        scale.setStyleSheet("color: #555;")
        self.scale_label = scale

        self.reprint = ReprintPrompt(self)
        self.reprint.edited.connect(self._clear_error)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(self.tr("打印机："), self.chooser)
        form.addRow(self.tr("份数："), self.copies)
        form.addRow(self.tr("校准偏移："), offset_row)
        form.addRow("", scale)
        form.addRow(self.tr("打印记录："), self.reprint.history_label)
        form.addRow(self.tr("重印原因："), self.reprint.reason_combo)
        form.addRow("", self.reprint.reason_edit)

        self.error_label = QLabel()
        self.error_label.setObjectName("printError")
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(False)
        self.error_label.setStyleSheet(f"QLabel#printError {{ color: {BAD.foreground}; background: {BAD.background};"
                                       f" border: 1px solid {BAD.border}; border-radius: 4px; padding: 6px;"
                                       " font-weight: bold; }")
        self.status_label = QLabel()
        self.status_label.setObjectName("printStatus")
        self.status_label.setWordWrap(True)

        buttons = QDialogButtonBox()
        self.print_button = buttons.addButton(self.tr("打印"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.print_button.setObjectName("printButton")
        self.print_button.setDefault(True)
        self.print_button.setShortcut(QKeySequence("Ctrl+P"))
        self.close_button = buttons.addButton(self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        self.print_button.clicked.connect(self.start_print)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(title)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.status_label)
        layout.addWidget(buttons)

    # --- state --------------------------------------------------------------------------------

    def _load_history(self) -> None:
        printing, ref = self.ctx.workspace.printing, self.cert.ref
        self.busy += 1
        Op(self, lambda: printing.print_history(ref)).success(self._history_loaded).failure(
            self._history_failed).run()

    def _history_loaded(self, history: list[PrintRecord]) -> None:
        self.busy -= 1
        self.history = history
        self.reprint.show_history(history)

    def _history_failed(self, exc: BaseException) -> None:
        self.busy -= 1
        self.reprint.show_unreadable(exc)

    def is_reprint(self) -> bool:
        return bool(self.history)

    def _printer_changed(self, printer: str) -> None:
        try:
            offset = self.ctx.workspace.printing.printer_offset(printer)
        except KnownError as exc:
            self.offset_label.setText(inline_text(exc))
            return
        self.offset_label.setText(offset_text(offset))
        self.offset_label.setStyleSheet(f"color: {INFO.foreground};" if offset != PrinterOffset() else "color: #777;")

    def _clear_error(self, *_args: object) -> None:
        self.error_label.setVisible(False)

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(True)

    # --- printing -----------------------------------------------------------------------------

    def start_print(self) -> None:
        if self.busy and self.history is None:
            return  # the print history is still being read: the reprint rule needs it
        if not self.print_button.isEnabled():
            return
        if not self.ctx.ensure_operator():
            self._show_error(self.tr("未设置操作员姓名，不能打印（每次打印都要记录操作员）"))
            return
        target = self.chooser.target()
        if target.is_file and target.output_file is None:
            self._show_error(self.tr("请选择 PDF 文件的保存位置"))
            return
        job = PrintJob(self.cert.ref, self.number, self.pdf, target, self.copies.value(), self.reprint.reason())
        printing = self.ctx.workspace.printing
        self._clear_error()
        self.print_button.setEnabled(False)
        self.status_label.setText(self.tr("正在打印…"))
        self.busy += 1
        Op(self, lambda: run_print_job(printing, job), writes=True).success(self._printed).failure(
            self._print_failed).run()

    def _printed(self, record: PrintRecord) -> None:
        self.busy -= 1
        self.record = record
        self.chooser.remember()
        self.print_button.setEnabled(True)
        kind = self.tr("重印") if record.reprint else self.tr("首次打印")
        self.status_label.setText(self.tr("已发送到“{printer}”（{kind}，{copies} 份），已记入打印记录").format(
            printer=printer_label(record.printer), kind=kind, copies=record.copies))
        self.status_label.setStyleSheet(f"color: {GOOD.foreground}; font-weight: bold;")
        self.printed.emit(record)
        self.accept()

    def _print_failed(self, exc: BaseException) -> None:
        self.busy -= 1
        self.print_button.setEnabled(True)
        self.status_label.clear()
        self._show_error(inline_text(exc))
        if isinstance(exc, ReprintReasonRequired):
            self.reprint.refused()

    def _calibrate(self) -> None:
        dialog = CalibrationDialog(self.ctx, self, printer=self.chooser.printer())
        dialog.saved.connect(lambda printer: self._calibrated(printer))
        dialog.open()
        self.calibration_dialog = dialog

    def _calibrated(self, printer: str) -> None:
        self.chooser.set_printer(printer)
        self._printer_changed(printer)

    def reject(self) -> None:
        if self.busy and not self.print_button.isEnabled():
            return  # a print job is running: it finishes and logs first
        super().reject()

