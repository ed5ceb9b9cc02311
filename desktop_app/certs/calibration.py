"""The printer calibration page: mm rulers, a cross at (20 mm, 20 mm) and a 100 mm square.

The clerk prints it at 100 % and measures where the cross landed; services/printing.py stores the
deviation per printer and moves the certificate PDF by its opposite.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from desktop_app.certs.fonts import FontChoice, default_fonts
from desktop_app.certs.painter import new_canvas
from desktop_app.messages import msg


def calibration_page_pdf(page_w: float = 210.0, page_h: float = 297.0,
                         fonts: Mapping[str, FontChoice] | None = None) -> bytes:
    """A page with mm rulers along the edges and a cross at (20 mm, 20 mm) to measure a printer's offset."""
    font = (fonts or default_fonts())["song"].reportlab_name
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, page_w, page_h, str(msg("calibration.title")), font)
    _draw_calibration(canvas, page_w, page_h, font)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _draw_calibration(c: Canvas, page_w: float, page_h: float, font: str) -> None:
    """Rulers on the top and left edges (ticks every mm, numbers every 10), a cross and a 100 mm square.

    Printed at 100 %, the cross should sit 20 mm from the left and 20 mm from the top edge of the
    sheet; the measured difference is the printer's offset, the square checks the scale.
    """
    c.setStrokeColor(HexColor("#000000"))
    c.setFillColor(HexColor("#000000"))
    c.setLineWidth(0.15 * mm)
    top = page_h * mm
    for i in range(int(page_w) + 1):  # top ruler: mm from the left edge
        tick = 8 if i % 10 == 0 else 5 if i % 5 == 0 else 3
        c.line(i * mm, top, i * mm, top - tick * mm)
        if i % 10 == 0 and 15 < i < page_w - 5:  # none near the corner, where the rulers meet
            c.setFont(font, 6)
            c.drawCentredString(i * mm, top - 11 * mm, str(i))
    for i in range(int(page_h) + 1):  # left ruler: mm from the top edge
        tick = 8 if i % 10 == 0 else 5 if i % 5 == 0 else 3
        c.line(0, top - i * mm, tick * mm, top - i * mm)
        if i % 10 == 0 and 15 < i < page_h - 5:
            c.setFont(font, 6)
            c.drawString(9.5 * mm, top - i * mm - 2, str(i))
    c.setLineWidth(0.2 * mm)
    x, y = 20 * mm, top - 20 * mm
    c.line(x - 10 * mm, y, x + 10 * mm, y)
    c.line(x, y - 10 * mm, x, y + 10 * mm)
    c.circle(x, y, 2 * mm, stroke=1, fill=0)
    left = (page_w - 100) / 2 * mm
    c.rect(left, top - 190 * mm, 100 * mm, 100 * mm, stroke=1, fill=0)
    c.setFont(font, 12)
    c.drawCentredString(page_w / 2 * mm, top - 40 * mm, str(msg("calibration.title")))
    c.setFont(font, 9.5)
    lines = (msg("calibration.how_to"), msg("calibration.step_cross"), msg("calibration.step_offset"),
             msg("calibration.step_square"))
    for i, text in enumerate(lines):
        c.drawString(30 * mm, top - (52 + 7 * i) * mm, str(text))
    c.drawCentredString(page_w / 2 * mm, top - 140 * mm, "100 × 100 mm")
