"""The certificate PDF as pages: their size in mm, and a page as an image for the screen or a
printer (a printer's calibration moves the PDF in the service: `PrintService.print_ready_pdf`).
The pixels always come from the one renderer (`certs.raster.render_png`); every pdfium call takes
`certs.raster.PDFIUM_LOCK`."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QImage

from desktop_app.certs.raster import PDFIUM_LOCK, render_png
from desktop_app.errors import KnownError

MM_PER_INCH = 25.4


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
    """A page of the PDF as a QImage at `dpi` (safe off the GUI thread)."""
    image = QImage.fromData(render_png(pdf_bytes, dpi, page), "PNG")
    if image.isNull():
        raise KnownError(QCoreApplication.translate("CertificatePages", "无法显示证书页面（PDF 无法栅格化）"))
    return image

