"""Rasterising certificate PDFs with pdfium, and the one lock every pdfium call in the process takes.

pdfium is not thread-safe: `PDFIUM_LOCK` serialises all use of pypdfium2 (this preview rasteriser,
the batch's combined PDF, the printer-offset PDF, the GUI's page sizes). It is re-entrant, so code
holding it may call `render_png`, which takes it too.
"""

from __future__ import annotations

import io
import threading

PDFIUM_LOCK = threading.RLock()


def render_png(pdf_bytes: bytes, dpi: float = 150, page: int = 0) -> bytes:
    """Rasterise a page of the PDF as PNG (the preview shows exactly the printed document).

    Safe from any thread: everything runs under `PDFIUM_LOCK`, PNG encoding included, because the
    image shares its memory with pdfium's bitmap.
    """
    import pypdfium2 as pdfium

    out = io.BytesIO()
    with PDFIUM_LOCK:
        document = pdfium.PdfDocument(pdf_bytes)
        try:
            bitmap = document[page].render(scale=dpi / 72)
            try:
                bitmap.to_pil().save(out, "PNG", dpi=(dpi, dpi))
            finally:
                bitmap.close()
        finally:
            document.close()
    return out.getvalue()
