"""Printing a certificate through Qt at exact size (DESIGN §4, §5: gLabels-style).

What goes to the printer is always the one certificate PDF (certs.render), never a second drawing:
- the service moves the page content by the printer's calibration (`printing.print_ready_pdf`);
- that PDF is rasterised with `render_png` at the printer's resolution (at most `MAX_PRINT_DPI`);
- the image is painted at exactly 100 %: full page (`QPrinter.setFullPage(True)`, zero margins),
  the page size taken from the PDF, the image filling the page's millimetres (no fit-to-page).

QtPdf is not part of this PySide6 installation (PySide6-Essentials), so pdfium rasterises.
Painting onto a QPrinter is allowed on a worker thread (Qt: QPainter on QImage/QPrinter/QPicture),
so the whole job runs off the GUI thread. Every print is logged (`printing.log_print`); a reprint
needs a reason.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSettings, QSizeF, QStandardPaths, Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import KnownError
from desktop_app.services import printing
from desktop_app.services import workspace as ws
from desktop_app.services.printing import PrinterOffset, PrintRecord, ReprintReasonRequired
from desktop_app.services.search_types import PersonDetail
from desktop_app.store.engine import Cache
from desktop_app.ui.badges import BAD, GOOD, INFO, WARN
from desktop_app.ui.operations import Op

MAX_PRINT_DPI = 600  # a certificate needs no more; an A4 page at 600 dpi is already 35 Mpx
PDF_FILE_DPI = 300  # the PDF-file "printer": what a 25 mm QR needs to decode reliably
PDF_PRINTER = "PDF 文件"  # the key of the print-to-file target (also in printers.json and the print log)
MM_PER_INCH = 25.4
SETTINGS_LAST_PRINTER = "printing/last_printer"
SETTINGS_LAST_PDF_DIR = "printing/last_pdf_dir"

# pdfium is not thread-safe (certs.render.render_png): every rasterisation and offset in the GUI takes this.
PDFIUM_LOCK = threading.Lock()


class SearchLike(Protocol):
    def person_detail(self, person_id: int, today: dt.date | None = None) -> PersonDetail | None: ...

    def units(self) -> list[str]: ...


@dataclass
class CertContext:
    """What the certificate dialogs need from the main window (no god window passed around)."""

    workspace: ws.Workspace
    search: SearchLike
    operator: Callable[[], str | None]  # the configured operator, asked once when empty
    settings: QSettings  # the workspace's ui.ini: last printer, folders, zoom
    today: dt.date | None = None

    @property
    def data_dir(self) -> Path:
        return self.workspace.data_dir


# --- the print engine (worker thread) --------------------------------------------------------------


@dataclass(frozen=True)
class PrintTarget:
    printer: str  # a system printer's name, or PDF_PRINTER
    output_file: Path | None = None  # where the PDF_PRINTER writes

    @property
    def is_file(self) -> bool:
        return self.printer == PDF_PRINTER


def pdf_pages_mm(pdf_bytes: bytes) -> list[tuple[float, float]]:
    """Each page's (width, height) in mm."""
    import pypdfium2 as pdfium

    with PDFIUM_LOCK:
        document = pdfium.PdfDocument(pdf_bytes)
        try:
            sizes = [document.get_page_size(i) for i in range(len(document))]
        finally:
            document.close()
    return [(w / 72 * MM_PER_INCH, h / 72 * MM_PER_INCH) for w, h in sizes]


def rasterise(pdf_bytes: bytes, dpi: float, page: int = 0) -> QImage:
    """A page of the PDF as a QImage at `dpi` (the one renderer's `render_png`; safe off the GUI thread)."""
    from desktop_app.certs.render import render_png

    with PDFIUM_LOCK:
        png = render_png(pdf_bytes, dpi, page)
    image = QImage.fromData(png, "PNG")
    if image.isNull():
        raise KnownError("无法显示证书页面（PDF 无法栅格化）")
    return image


def shifted(pdf_bytes: bytes, offset: PrinterOffset) -> bytes:
    """The PDF moved by the opposite of a printer's deviation (the service's `print_ready_pdf`)."""
    with PDFIUM_LOCK:
        return printing.print_ready_pdf(pdf_bytes, offset)


def page_layout(width_mm: float, height_mm: float) -> QPageLayout:
    """The PDF's page as a Qt page layout: a named size (A4) when it is one, zero margins, full page."""
    portrait = QSizeF(min(width_mm, height_mm), max(width_mm, height_mm))
    size = QPageSize(portrait, QPageSize.Unit.Millimeter, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    orientation = QPageLayout.Orientation.Landscape if width_mm > height_mm else QPageLayout.Orientation.Portrait
    layout = QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    layout.setMode(QPageLayout.Mode.FullPageMode)
    return layout


def make_printer(target: PrintTarget, width_mm: float, height_mm: float) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if target.is_file:
        if target.output_file is None:
            raise KnownError("请选择 PDF 文件的保存位置")
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target.output_file))
        printer.setResolution(PDF_FILE_DPI)
    else:
        info = QPrinterInfo.printerInfo(target.printer)
        if info.isNull():
            raise KnownError(f"找不到打印机“{target.printer}”：请检查它是否已连接并在系统中安装")
        printer.setPrinterName(target.printer)
    printer.setFullPage(True)
    if not printer.setPageLayout(page_layout(width_mm, height_mm)):
        raise KnownError(f"打印机“{target.printer}”不支持 {width_mm:.0f}×{height_mm:.0f} mm 的纸张")
    printer.setDocName("CertDesk")
    return printer


def print_pdf(pdf_bytes: bytes, target: PrintTarget, copies: int = 1) -> None:
    """Print every page of the PDF at exactly 100 %, full page (no fit-to-page). Runs on a worker."""
    pages = pdf_pages_mm(pdf_bytes)
    if not pages:
        raise KnownError("PDF 中没有页面")
    width_mm, height_mm = pages[0]
    printer = make_printer(target, width_mm, height_mm)
    if target.is_file and target.output_file is not None:
        target.output_file.parent.mkdir(parents=True, exist_ok=True)
    resolution = printer.resolution()
    dpi = min(resolution, MAX_PRINT_DPI)
    images = [rasterise(pdf_bytes, dpi, i) for i in range(len(pages))]
    rounds = 1
    if copies > 1:
        printer.setCopyCount(copies)
        if not printer.supportsMultipleCopies() or printer.copyCount() != copies:
            printer.setCopyCount(1)
            rounds = copies  # the driver does not make copies: send each page again
    painter = QPainter()
    if not painter.begin(printer):
        where = target.output_file if target.is_file else target.printer
        raise KnownError(f"无法开始打印（{where}）：打印机不可用，或文件无法写入")
    try:
        first = True
        for _ in range(rounds):
            for (w_mm, h_mm), image in zip(pages, images, strict=True):
                if not first:
                    printer.newPage()
                first = False
                # Full page: (0, 0) is the paper's corner; the page's millimetres at the device's resolution.
                painter.drawImage(_rect_mm(w_mm, h_mm, resolution), image)
    finally:
        painter.end()


def _rect_mm(width_mm: float, height_mm: float, resolution: int) -> QRectF:
    return QRectF(0, 0, width_mm / MM_PER_INCH * resolution, height_mm / MM_PER_INCH * resolution)


@dataclass(frozen=True)
class PrintJob:
    number: str  # the certificate's new-format number
    pdf: bytes  # the certificate PDF (unshifted)
    target: PrintTarget
    operator: str
    copies: int
    reprint_reason: str | None
    reason_required: str  # the message when a reprint comes without a reason (translated on the GUI thread)


def run_print_job(ctx_cache: Cache, data_dir: Path, job: PrintJob) -> PrintRecord:
    """Check the reprint rule, print with the printer's calibration, log it (one write-pool task)."""
    history = printing.print_history(ctx_cache, job.number)
    if history and not (job.reprint_reason or "").strip():
        raise ReprintReasonRequired(job.reason_required.format(number=job.number, count=len(history)))
    offset = printing.printer_offset(data_dir, job.target.printer)
    print_pdf(shifted(job.pdf, offset), job.target, job.copies)
    return printing.log_print(ctx_cache, job.number, job.target.printer, job.operator, job.copies,
                              job.reprint_reason, offset)


# --- choosing a printer ----------------------------------------------------------------------------


def system_printers() -> list[str]:
    return list(QPrinterInfo.availablePrinterNames())


class PrinterChooser(QWidget):
    """A printer combo (the system's printers and the PDF file) plus, for the PDF file, where it goes."""

    changed = Signal(str)  # the printer key

    def __init__(self, settings: QSettings, default_file: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.combo = QComboBox()
        self.combo.setObjectName("printerCombo")
        self.combo.setMinimumContentsLength(24)
        names = system_printers()
        default = QPrinterInfo.defaultPrinterName()
        for name in names:
            self.combo.addItem(name + (self.tr("（默认）") if name == default else ""), name)
        self.combo.addItem(self.tr("PDF 文件（打印到文件）"), PDF_PRINTER)
        last = str(settings.value(SETTINGS_LAST_PRINTER, "") or "")
        index = self.combo.findData(last) if last else -1
        if index < 0 and default:
            index = self.combo.findData(default)
        self.combo.setCurrentIndex(max(index, 0))
        self.file_edit = QLineEdit(str(default_file))
        self.file_edit.setObjectName("outputFileEdit")
        self.browse_button = QPushButton(self.tr("浏览…"))
        self.browse_button.setAutoDefault(False)
        self.browse_button.clicked.connect(self._browse)
        self.file_row = QWidget()
        file_layout = QHBoxLayout(self.file_row)
        file_layout.setContentsMargins(0, 0, 0, 0)
        file_layout.addWidget(QLabel(self.tr("保存到：")))
        file_layout.addWidget(self.file_edit, 1)
        file_layout.addWidget(self.browse_button)
        self.none_label = QLabel(self.tr("系统中没有安装打印机：可先打印到 PDF 文件，或在系统设置中添加打印机"))
        self.none_label.setObjectName("noPrinterLabel")
        self.none_label.setWordWrap(True)
        self.none_label.setStyleSheet(f"color: {WARN.foreground};")
        self.none_label.setVisible(not names)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addWidget(self.file_row)
        layout.addWidget(self.none_label)
        self.combo.currentIndexChanged.connect(self._changed)
        self._changed()

    def printer(self) -> str:
        return str(self.combo.currentData())

    def set_printer(self, key: str) -> None:
        index = self.combo.findData(key)
        if index >= 0:
            self.combo.setCurrentIndex(index)

    def target(self) -> PrintTarget:
        if self.printer() == PDF_PRINTER:
            text = self.file_edit.text().strip()
            return PrintTarget(PDF_PRINTER, Path(text) if text else None)
        return PrintTarget(self.printer())

    def remember(self) -> None:
        self.settings.setValue(SETTINGS_LAST_PRINTER, self.printer())
        target = self.target()
        if target.output_file is not None:
            self.settings.setValue(SETTINGS_LAST_PDF_DIR, str(target.output_file.parent))

    def _changed(self, *_args: object) -> None:
        self.file_row.setVisible(self.printer() == PDF_PRINTER)
        self.changed.emit(self.printer())

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("打印到 PDF 文件"), self.file_edit.text(),
                                              self.tr("PDF 文件 (*.pdf)"))
        if path:
            self.file_edit.setText(path if path.lower().endswith(".pdf") else path + ".pdf")


def default_output_dir(settings: QSettings) -> Path:
    last = str(settings.value(SETTINGS_LAST_PDF_DIR, "") or "")
    if last:
        return Path(last)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or Path.home()) / "CertDesk"


def offset_text(offset: PrinterOffset) -> str:
    if offset.x_mm == 0 and offset.y_mm == 0:
        return QCoreApplication.translate("PrintDialog", "未校准（偏移 0）")
    return QCoreApplication.translate("PrintDialog", "已校准：水平 {x:+.1f} mm，垂直 {y:+.1f} mm").format(
        x=offset.x_mm, y=offset.y_mm)


# --- the dialog ------------------------------------------------------------------------------------

REPRINT_REASONS = ("证书污损", "证书遗失", "打印错位或质量不合格", "信息更正后重新打印", "其他")


class PrintDialog(QDialog):
    """Choose a printer and copies, give a reprint reason when needed, print at 100 % and log it."""

    printed = Signal(object)  # the PrintRecord

    def __init__(self, ctx: CertContext, number: str, pdf: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.number = number
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
        title = QLabel(self.tr("证书编号：{0}").format(self.number))
        title.setObjectName("printTitle")
        title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        default_file = default_output_dir(self.ctx.settings) / f"{self.number}.pdf"
        self.chooser = PrinterChooser(self.ctx.settings, default_file)
        self.chooser.changed.connect(self._printer_changed)
        self.copies = QSpinBox()
        self.copies.setObjectName("copiesSpin")
        self.copies.setRange(1, printing.MAX_COPIES)
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

        self.history_label = QLabel(self.tr("正在读取打印记录…"))
        self.history_label.setObjectName("historyLabel")
        self.history_label.setWordWrap(True)
        self.reason_combo = QComboBox()
        self.reason_combo.setObjectName("reprintReasonCombo")
        self.reason_combo.addItem(self.tr("请选择重印原因…"), "")
        for reason in REPRINT_REASONS:
            self.reason_combo.addItem(self.tr(reason), self.tr(reason))
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("reprintReasonEdit")
        self.reason_edit.setPlaceholderText(self.tr("补充说明（选“其他”时必填）"))
        self.reason_combo.currentIndexChanged.connect(self._clear_error)
        self.reason_edit.textEdited.connect(self._clear_error)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(self.tr("打印机："), self.chooser)
        form.addRow(self.tr("份数："), self.copies)
        form.addRow(self.tr("校准偏移："), offset_row)
        form.addRow("", scale)
        form.addRow(self.tr("打印记录："), self.history_label)
        form.addRow(self.tr("重印原因："), self.reason_combo)
        form.addRow("", self.reason_edit)

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
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.status_label)
        layout.addWidget(buttons)
        self._set_reprint(False)

    # --- state --------------------------------------------------------------------------------

    def _load_history(self) -> None:
        cache, number = self.ctx.workspace.cache, self.number
        self.busy += 1
        Op(self, lambda: printing.print_history(cache, number)).success(self._history_loaded).failure(
            self._history_failed).run()

    def _history_loaded(self, history: list[PrintRecord]) -> None:
        self.busy -= 1
        self.history = history
        if not history:
            self.history_label.setText(self.tr("尚未打印过：本次为首次打印"))
            self.history_label.setStyleSheet(f"color: {GOOD.foreground};")
            self._set_reprint(False)
            return
        last = history[-1]
        self.history_label.setText(self.tr("已打印 {count} 次（最近：{at}，{operator}，{printer}）。"
                                           "本次为重印，须填写原因").format(
            count=len(history), at=last.at.strftime("%Y-%m-%d %H:%M"), operator=last.operator, printer=last.printer))
        self.history_label.setStyleSheet(f"color: {WARN.foreground}; font-weight: bold;")
        self._set_reprint(True)

    def _history_failed(self, exc: BaseException) -> None:
        self.busy -= 1
        self.history_label.setText(self.tr("无法读取打印记录：{0}").format(exc))
        self._set_reprint(True)  # the service decides when printing

    def _set_reprint(self, reprint: bool) -> None:
        self.reason_combo.setEnabled(reprint)
        self.reason_edit.setEnabled(reprint)

    def is_reprint(self) -> bool:
        return bool(self.history)

    def reprint_reason(self) -> str | None:
        choice = str(self.reason_combo.currentData() or "")
        note = self.reason_edit.text().strip()
        if choice == self.tr("其他"):
            return note or None
        if choice and note:
            return f"{choice}：{note}"
        return choice or note or None

    def _printer_changed(self, printer: str) -> None:
        try:
            offset = printing.printer_offset(self.ctx.data_dir, printer)
        except KnownError as exc:
            self.offset_label.setText(str(exc))
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
        operator = self.ctx.operator()
        if not operator:
            self._show_error(self.tr("未设置操作员姓名，不能打印（每次打印都要记录操作员）"))
            return
        target = self.chooser.target()
        if target.is_file and target.output_file is None:
            self._show_error(self.tr("请选择 PDF 文件的保存位置"))
            return
        job = PrintJob(self.number, self.pdf, target, operator, self.copies.value(), self.reprint_reason(),
                       self.tr("证书 {number} 已打印过 {count} 次：重印须选择或填写原因（如：证书污损、遗失）"))
        cache, data_dir = self.ctx.workspace.cache, self.ctx.data_dir
        self._clear_error()
        self.print_button.setEnabled(False)
        self.status_label.setText(self.tr("正在打印…"))
        self.busy += 1
        Op(self, lambda: run_print_job(cache, data_dir, job), writes=True).success(self._printed).failure(
            self._print_failed).run()

    def _printed(self, record: PrintRecord) -> None:
        self.busy -= 1
        self.record = record
        self.chooser.remember()
        self.print_button.setEnabled(True)
        kind = self.tr("重印") if record.reprint else self.tr("首次打印")
        self.status_label.setText(self.tr("已发送到“{printer}”（{kind}，{copies} 份），已记入打印记录").format(
            printer=record.printer, kind=kind, copies=record.copies))
        self.status_label.setStyleSheet(f"color: {GOOD.foreground}; font-weight: bold;")
        self.printed.emit(record)
        self.accept()

    def _print_failed(self, exc: BaseException) -> None:
        self.busy -= 1
        self.print_button.setEnabled(True)
        self.status_label.clear()
        if isinstance(exc, ReprintReasonRequired):
            self._show_error(str(exc))
            self.reason_combo.setEnabled(True)
            self.reason_edit.setEnabled(True)
            self.reason_combo.setFocus()
            return
        self._show_error(str(exc) if isinstance(exc, KnownError) else self.tr("打印失败：{0}").format(exc))

    def _calibrate(self) -> None:
        from desktop_app.ui.calibration_dialog import CalibrationDialog

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

