"""True scale on screen: 1 mm on paper is 1 mm on the screen at 100 % (DESIGN §5, OpenCRVS).

The preview rasterises the PDF at the screen's physical resolution (QScreen.physicalDotsPerInch,
in device-independent pixels per inch) times the zoom and the device pixel ratio; when the screen
reports an implausible physical size, its logical resolution stands in.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSize
from PySide6.QtWidgets import QWidget

from desktop_app.ui.certificates.pages import MM_PER_INCH

ACTUAL = "actual"
FIT = "fit"
# (the zoom's name, translated at use in the context "CertificatePreview"; its value)
ZOOMS: tuple[tuple[str, str | float], ...] = (
    (QT_TRANSLATE_NOOP("CertificatePreview", "实际大小"), ACTUAL),
    (QT_TRANSLATE_NOOP("CertificatePreview", "适合窗口"), FIT),
    ("50%", 0.5), ("75%", 0.75), ("125%", 1.25), ("150%", 1.5), ("200%", 2.0))
PLAUSIBLE_DPI = (50.0, 600.0)  # outside this, the screen's reported physical size is wrong
PAGE_MARGIN = 24  # px of grey around the page


def screen_dpi(widget: QWidget) -> tuple[float, bool]:
    """(device-independent pixels per physical inch, True when the screen reported its size)."""
    screen = widget.screen()
    physical = screen.physicalDotsPerInch()
    if PLAUSIBLE_DPI[0] <= physical <= PLAUSIBLE_DPI[1]:
        return physical, True
    return screen.logicalDotsPerInch(), False


def fit_zoom(page_mm: tuple[float, float], viewport: QSize, dpi: float) -> float:
    """The zoom at which the whole page fits the viewport (inside its grey margin)."""
    width_mm, height_mm = page_mm
    room_w = max(viewport.width() - 2 * PAGE_MARGIN, 50)
    room_h = max(viewport.height() - 2 * PAGE_MARGIN, 50)
    return max(0.1, min(room_w / (width_mm / MM_PER_INCH * dpi), room_h / (height_mm / MM_PER_INCH * dpi)))
