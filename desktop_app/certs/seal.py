"""The issuing unit's seal and the specimen watermark, drawn over a rendered certificate face.

The seal is the unit's own PNG when configured, else a specimen seal (red ring, star, the unit's
name on the upper arc, 样章) so an unconfigured workstation can never print a seal that looks
real. The diagonal 样本 watermark marks specimens. Both draw through the `Painter` (painter.py).
"""

from __future__ import annotations

import io
import math

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import FILL_EVEN_ODD

from desktop_app.certs.painter import Painter
from desktop_app.certs.textfit import line_width
from desktop_app.errors import KnownError
from desktop_app.messages import msg

SPECIMEN_SEAL_TEXT = "样章"


def draw_seal(p: Painter, seal_png: bytes | None, unit_name: str) -> None:
    """The seal in layout.seal, multiplied over the text: the unit's PNG, or a specimen seal without one."""
    seal = p.layout.seal
    p.c.saveState()
    p.c.setBlendMode("Multiply")  # red ink over black text, as a stamp looks
    if seal_png is not None:
        try:
            reader = ImageReader(io.BytesIO(seal_png))
        except Exception as exc:  # reportlab raises bare OSError/ValueError/PIL errors
            raise KnownError(msg("cert.bad_seal")) from exc
        p.c.drawImage(reader, *p.rect(seal.box), mask="auto")
    else:
        _draw_specimen_seal(p, unit_name)
    p.c.restoreState()


def _draw_specimen_seal(p: Painter, unit_name: str) -> None:
    """A specimen seal: red ring, star, the unit's name on the upper arc, 样章 below the star."""
    seal = p.layout.seal
    color = HexColor(seal.color)
    p.c.setFillColor(Color(color.red, color.green, color.blue, alpha=seal.opacity))
    p.c.setStrokeColor(Color(color.red, color.green, color.blue, alpha=seal.opacity))
    cx, cy = p.point(seal.cx, seal.cy)
    radius = seal.diameter / 2 * mm
    ring = 1.4 * mm
    path = p.c.beginPath()
    path.circle(cx, cy, radius)  # the ring's outer edge is the 50 mm circle
    path.circle(cx, cy, radius - ring)
    p.c.drawPath(path, stroke=0, fill=1, fillMode=FILL_EVEN_ODD)
    _star(p, cx, cy + 0.6 * mm, 7.6 * mm)
    _, font = p.font("label")
    p.c.setLineWidth(0.35)
    _arc_text(p, unit_name, cx, cy, radius - ring - 1.2 * mm, font)
    size = 6.8 * mm
    width = pdfmetrics.stringWidth(SPECIMEN_SEAL_TEXT, font, size) + 2 * mm
    t = p.c.beginText(cx - width / 2, Painter.baseline(cy - 13.5 * mm, font, size))
    t.setFont(font, size)
    t.setCharSpace(2 * mm)
    t.setTextRenderMode(2)
    t.textOut(SPECIMEN_SEAL_TEXT)
    p.c.drawText(t)


def _star(p: Painter, cx: float, cy: float, outer: float) -> None:
    inner = outer * 0.382  # a regular five-pointed star
    path = p.c.beginPath()
    for i in range(10):
        r = outer if i % 2 == 0 else inner
        angle = math.radians(90 + i * 36)
        x, y = cx + r * math.cos(angle), cy + r * math.sin(angle)
        path.moveTo(x, y) if i == 0 else path.lineTo(x, y)
    path.close()
    p.c.drawPath(path, stroke=0, fill=1)


def _arc_text(p: Painter, text: str, cx: float, cy: float, outer: float, font: str) -> None:
    """Characters clockwise over the top, upright towards the rim, narrowed like seal script."""
    n = len(text)
    if n == 0:
        return
    span = min(250.0, max(120.0, n * 22.0))
    step = span / (n - 1) if n > 1 else 0.0
    size = min(6.0 * mm, outer * math.radians(step or span) * 0.95) if n > 1 else 6.0 * mm
    radius = outer - size / 2
    for i, ch in enumerate(text):
        angle = 90 + span / 2 - i * step if n > 1 else 90.0
        p.c.saveState()
        p.c.translate(cx + radius * math.cos(math.radians(angle)), cy + radius * math.sin(math.radians(angle)))
        p.c.rotate(angle - 90)
        t = p.c.beginText()
        t.setFont(font, size)
        t.setHorizScale(80)
        t.setTextRenderMode(2)  # fill + stroke: seal characters are heavier than body text
        width = pdfmetrics.stringWidth(ch, font, size) * 0.8
        t.setTextOrigin(-width / 2, Painter.baseline(0, font, size))
        t.textOut(ch)
        p.c.drawText(t)
        p.c.restoreState()


def draw_watermark(p: Painter) -> None:
    """The layout's watermark text (样本), rotated, across the centre of the certificate area."""
    mark = p.layout.watermark
    spec, font = p.font(mark.font)
    area = p.layout.certificate
    cx, cy = p.point(area.x + area.w / 2, area.y + area.h / 2)
    color = HexColor(mark.color)
    p.c.saveState()
    p.c.setFillColor(Color(color.red, color.green, color.blue, alpha=mark.opacity))
    p.c.translate(cx, cy)
    p.c.rotate(mark.angle)
    size = spec.size
    width = line_width(mark.text, font, size, spec) + spec.char_space
    t = p.c.beginText(-width / 2, Painter.baseline(0, font, size))
    t.setFont(font, size)
    t.setCharSpace(size * 0.25)
    t.textOut(mark.text)
    p.c.drawText(t)
    p.c.restoreState()
