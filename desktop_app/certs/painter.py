"""Drawing on a certificate page in layout millimetres: the `Painter` and the document canvas.

The layout measures from the page's top-left corner in mm; reportlab draws in pt from the
bottom-left. `Painter` converts once, here, for the renderer (render.py) and the seal and
watermark (seal.py); `new_canvas` makes the deterministic, font-embedding canvas every
CertDesk PDF starts from (the certificate and the calibration page).
"""

from __future__ import annotations

import io
from collections.abc import Mapping

from reportlab import rl_config
from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from desktop_app.certs.fonts import FontChoice
from desktop_app.certs.layout_spec import Box, FontSpec, Layout
from desktop_app.certs.textfit import fit_text, line_width

# Binary streams: ASCII85 would make every photo and font 25 % larger and slower to write.
rl_config.useA85 = 0


class Painter:
    """Draws on one page in layout millimetres (top-left origin); reportlab works in pt from bottom-left."""

    def __init__(self, canvas: Canvas, layout: Layout, fonts: Mapping[str, FontChoice]) -> None:
        self.c, self.layout, self.fonts = canvas, layout, fonts

    def font(self, spec_name: str) -> tuple[FontSpec, str]:
        spec = self.layout.fonts[spec_name]
        return spec, self.fonts[spec.style].reportlab_name

    def rect(self, box: Box) -> tuple[float, float, float, float]:
        """(x, y, w, h) in pt, y measured up from the page bottom."""
        return box.x * mm, (self.layout.page_h - box.bottom) * mm, box.w * mm, box.h * mm

    def point(self, x: float, y: float) -> tuple[float, float]:
        return x * mm, (self.layout.page_h - y) * mm

    def text(self, x: float, baseline: float, text: str, spec: FontSpec, font: str, size: float) -> None:
        """One run of text at (x, baseline) in pt; bold is fill + a thin stroke of the same colour."""
        color = HexColor(spec.color)
        # Saved and restored: the render mode is graphics state in PDF and would leak into later text.
        self.c.saveState()
        t = self.c.beginText(x, baseline)
        t.setFont(font, size)
        t.setCharSpace(spec.char_space)
        t.setFillColor(color)
        if spec.bold:
            self.c.setStrokeColor(color)
            self.c.setLineWidth(size * 0.03)
            t.setTextRenderMode(2)
        t.textOut(text)
        self.c.drawText(t)
        self.c.restoreState()

    @staticmethod
    def baseline(center_y: float, font: str, size: float) -> float:
        """The baseline that centres the font's ascent–descent band on center_y (pt)."""
        return center_y - (pdfmetrics.getAscent(font, size) + pdfmetrics.getDescent(font, size)) / 2

    def centred(self, box: Box, text: str, spec_name: str) -> None:
        spec, font = self.font(spec_name)
        size, _lines = fit_text(text, font, spec, box.w * mm, box.h * mm, 1)
        x, y, w, h = self.rect(box)
        width = line_width(text, font, size, spec)
        self.text(x + (w - width) / 2, self.baseline(y + h / 2, font, size), text, spec, font, size)


def new_canvas(buffer: io.BytesIO, page_w: float, page_h: float, title: str, font: str) -> Canvas:
    """A canvas writing a page_w × page_h mm PDF into `buffer`, the same bytes for the same drawing."""
    # invariant=1: no creation date or random document id, so equal input gives equal bytes.
    # initialFontName: otherwise reportlab lists an unembedded Helvetica in every page's fonts.
    canvas = Canvas(buffer, pagesize=(page_w * mm, page_h * mm), invariant=1, pageCompression=1,
                    initialFontName=font)
    canvas.setTitle(title)
    canvas.setAuthor("CertDesk")
    canvas.setCreator("CertDesk")
    return canvas
