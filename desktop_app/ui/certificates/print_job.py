"""The print job, on a worker thread: a certificate PDF printed through Qt at exactly 100 %.

What goes to the printer is always the one certificate PDF (certs.render), never a second drawing
(DESIGN §4, §5, gLabels-style):
- the service moves the page content by the printer's calibration (`printing.print_ready_pdf`);
- that PDF is rasterised with `render_png` at the printer's resolution (at most `MAX_PRINT_DPI`);
- the image is painted at exactly 100 %: full page (`QPrinter.setFullPage(True)`, zero margins),
  the page size taken from the PDF, the image filling the page's millimetres (no fit-to-page).

QtPdf is not part of this PySide6 installation (PySide6-Essentials), so pdfium rasterises.
Painting onto a QPrinter is allowed on a worker thread (Qt: QPainter on QImage/QPrinter/QPicture),
so the whole job runs off the GUI thread. Every print is checked first and logged after
(`PrintService.check_print`, `PrintService.log_print`: the reprint rule lives in the service).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from desktop_app.errors import KnownError
from desktop_app.services.printing import PrinterOffset, PrintRecord
from desktop_app.ui.certificates.pages import MM_PER_INCH, pdf_pages_mm, rasterise

if TYPE_CHECKING:  # for annotations only
    from desktop_app.services.api.certificates import PrintService

MAX_PRINT_DPI = 600  # a certificate needs no more; an A4 page at 600 dpi is already 35 Mpx
PDF_FILE_DPI = 300  # the PDF-file "printer": what a 25 mm QR needs to decode reliably
PDF_PRINTER = "PDF 文件"  # the key of the print-to-file target (also in printers.json and the print log)


def printer_label(printer: str) -> str:
    """A printer as the user reads it: a system printer by its name, the print-to-file target in words."""
    return QCoreApplication.translate("PrintJob", "PDF 文件") if printer == PDF_PRINTER else printer


@dataclass(frozen=True)
class PrintTarget:
    printer: str  # a system printer's name, or PDF_PRINTER
    output_file: Path | None = None  # where the PDF_PRINTER writes

    @property
    def is_file(self) -> bool:
        return self.printer == PDF_PRINTER


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
            raise KnownError(QCoreApplication.translate("PrintJob", "请选择 PDF 文件的保存位置"))
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target.output_file))
        printer.setResolution(PDF_FILE_DPI)
    else:
        info = QPrinterInfo.printerInfo(target.printer)
        if info.isNull():
            raise KnownError(QCoreApplication.translate(
                "PrintJob", "找不到打印机“{0}”：请检查它是否已连接并在系统中安装").format(target.printer))
        printer.setPrinterName(target.printer)
    printer.setFullPage(True)
    if not printer.setPageLayout(page_layout(width_mm, height_mm)):
        raise KnownError(QCoreApplication.translate(
            "PrintJob", "打印机“{printer}”不支持 {width:.0f} × {height:.0f} mm 的纸张").format(
            printer=printer_label(target.printer), width=width_mm, height=height_mm))
    printer.setDocName("CertDesk")
    return printer


def print_pdf(pdf_bytes: bytes, target: PrintTarget, copies: int = 1) -> None:
    """Print every page of the PDF at exactly 100 %, full page (no fit-to-page). Runs on a worker."""
    pages = pdf_pages_mm(pdf_bytes)
    if not pages:
        raise KnownError(QCoreApplication.translate("PrintJob", "PDF 中没有页面"))
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
        where = target.output_file if target.is_file else printer_label(target.printer)
        raise KnownError(QCoreApplication.translate(
            "PrintJob", "无法开始打印（{0}）：打印机不可用，或文件无法写入").format(where))
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
    ref: int | str  # the certificate: its row id when known, else its new-format number
    number: str  # the certificate's new-format number (for messages)
    pdf: bytes  # the certificate PDF (unshifted)
    target: PrintTarget
    copies: int
    reprint_reason: str | None


def reprint_gate(printing: PrintService, job: PrintJob) -> None:
    """Refuse a reprint without a reason before anything reaches the printer: the service's own
    check (`ReprintReasonRequired` exactly when `log_print` would raise it), without a write."""
    printing.check_print(job.ref, job.reprint_reason)


def run_print_job(printing: PrintService, job: PrintJob) -> PrintRecord:
    """Check the reprint rule, print with the printer's calibration, log it (one write-pool task)."""
    reprint_gate(printing, job)
    offset = printing.printer_offset(job.target.printer)
    print_pdf(printing.print_ready_pdf(job.pdf, offset), job.target, job.copies)
    return printing.log_print(job.ref, job.target.printer, job.copies, job.reprint_reason, offset)


def print_calibration_page(printing: PrintService, target: PrintTarget, offset: PrinterOffset | None) -> None:
    """Print the calibration page at 100 % (moved by `offset` when checking a calibration). Worker thread."""
    from desktop_app.certs.calibration import calibration_page_pdf

    pdf = calibration_page_pdf()
    print_pdf(printing.print_ready_pdf(pdf, offset) if offset is not None else pdf, target)
