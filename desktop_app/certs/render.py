"""The one certificate renderer: a `CertificateFace` and a `Layout` in, PDF bytes out.

Preview, print and batch all use these bytes (the preview rasterises them with
`raster.render_png`), so what the clerk sees is what the printer gets (DESIGN §4 anti-patterns, §5
OpenCRVS). Positions come from the layout in millimetres and are converted once, in the `Painter`
(painter.py); fonts are TrueType CJK fonts embedded as subsets (fonts.py). Output is deterministic
for equal input (reportlab `invariant`), so regenerating a certificate yields the same file.

This module draws the face: frame, labels and values (fitted by textfit.py), photo (decoded safely
and fitted to 25×35 mm, 300 dpi, 50 KB by photo.py) and QR (the matrix from qr.py); the seal and the
specimen watermark are in seal.py. Whatever the face holds, a failure is a KnownError naming it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from collections.abc import Mapping
from dataclasses import dataclass

from reportlab.lib.colors import HexColor, white
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics

from desktop_app.certs.fonts import FontChoice, default_fonts
from desktop_app.certs.layout import default_layout
from desktop_app.certs.layout_spec import Box, FieldSpec, Layout
from desktop_app.certs.painter import Painter, new_canvas
from desktop_app.certs.photo import printable_photo
from desktop_app.certs.qr import qr_modules
from desktop_app.certs.seal import draw_seal, draw_watermark
from desktop_app.certs.textfit import LINE_SPACING, block_height, fit_text
from desktop_app.domain.rules import default_rules
from desktop_app.errors import KnownError
from desktop_app.messages import msg


@dataclass(frozen=True)
class CertificateFace:
    """Every value printed on a certificate, as plain data (no database, no Qt).

    `qr_text` is printed as is: a record that already carries the national platform's QR string
    keeps it, otherwise the issuance service puts a signed CertDesk token there (signing.py).
    `seal_png` is the issuing unit's seal (a square PNG with transparency, the circle filling
    it); without one a specimen seal marked 样章 is drawn. `specimen` adds a diagonal 样本.
    """

    family: str  # "special" or "safety"
    number: str  # the new-format certificate number, as printed
    name: str
    gender: str
    first_issued: dt.date | None
    valid_from: dt.date | None
    valid_until: dt.date | None
    issuer: str  # 发证机关: the issuing unit's name
    issue_date: dt.date | None
    qr_text: str
    operation_category: str = ""  # special: the new work-type name
    id_number: str = ""  # safety
    enterprise: str = ""  # safety: 企业名称
    position: str = ""  # safety: 职务
    tech_title: str = ""  # safety: 技术职称
    category: str = ""  # safety: 类别 as printed, e.g. "C3 专职安全生产管理人员（综合类）"
    photo: bytes | None = None  # JPEG or PNG
    seal_png: bytes | None = None
    specimen: bool = False


def face_values(face: CertificateFace, layout: Layout) -> dict[str, str]:
    """Field name → the text printed in its value box."""
    def date(value: dt.date | None, fmt: str) -> str:
        return fmt.format(year=value.year, month=value.month, day=value.day) if value else ""

    validity = ""
    if face.valid_from or face.valid_until:
        validity = (date(face.valid_from, layout.date_format) + layout.validity_joiner
                    + date(face.valid_until, layout.date_format))
    values = {
        "number": face.number, "name": face.name, "gender": face.gender,
        "operation_category": face.operation_category, "id_number": face.id_number, "enterprise": face.enterprise,
        "position": face.position, "tech_title": face.tech_title, "category": face.category,
        "first_issued": date(face.first_issued, layout.date_format), "validity": validity.strip(),
        "issuer": face.issuer, "issue_date": date(face.issue_date, layout.issue_date_format),
    }
    return {spec.name: values[spec.name] for spec in layout.fields}


# --- drawing ------------------------------------------------------------------------------------


def _draw_frame(p: Painter) -> None:
    frame, area = p.layout.frame, p.layout.certificate
    p.c.setStrokeColor(HexColor(frame.color))
    p.c.setLineWidth(frame.outer_width * mm)
    half = frame.outer_width / 2  # the stroke's outer edge lies on the certificate area's edge
    p.c.rect(*p.rect(Box(area.x + half, area.y + half, area.w - 2 * half, area.h - 2 * half)), stroke=1, fill=0)
    inset = frame.outer_width + frame.inner_inset
    p.c.setLineWidth(frame.inner_width * mm)
    inner = Box(area.x + inset, area.y + inset, area.w - 2 * inset, area.h - 2 * inset)
    p.c.rect(*p.rect(inner), stroke=1, fill=0)
    _draw_corners(p, inner, frame.inner_inset * 2.2)


def _draw_corners(p: Painter, inner: Box, arm: float) -> None:
    """Small L-shaped ornaments inside the inner frame's corners, the usual certificate border."""
    gap = 1.5
    for cx, cy, dx, dy in ((inner.x, inner.y, 1, 1), (inner.right, inner.y, -1, 1),
                           (inner.x, inner.bottom, 1, -1), (inner.right, inner.bottom, -1, -1)):
        x0, y0 = cx + dx * gap, cy + dy * gap
        path = p.c.beginPath()
        path.moveTo(*p.point(x0 + dx * arm, y0))
        path.lineTo(*p.point(x0, y0))
        path.lineTo(*p.point(x0, y0 + dy * arm))
        p.c.drawPath(path, stroke=1, fill=0)


def _draw_label(p: Painter, field: FieldSpec) -> None:
    """The label, spread to the box width (分散对齐) with the colon at its right edge."""
    spec, font = p.font(field.label_font)
    x, y, w, h = p.rect(field.label_box)
    size = spec.size
    colon = p.layout.label_colon
    colon_w = pdfmetrics.stringWidth(colon, font, size)
    free = w - colon_w - pdfmetrics.stringWidth(field.label, font, size)
    if free < 0:
        raise KnownError(msg("cert.label_too_wide", label=field.label, width=f"{field.label_box.w:g}"))
    n = len(field.label)
    # One run with character spacing: the gaps are equal because CJK characters share one advance width.
    gap = free / (n - 1) if p.layout.label_align == "distribute" and n > 1 else 0.0
    baseline = p.baseline(y + h / 2, font, size)
    p.text(x, baseline, field.label, dataclasses.replace(spec, char_space=gap), font, size)
    p.text(x + w - colon_w, baseline, colon, dataclasses.replace(spec, char_space=0.0), font, size)


def _draw_value(p: Painter, field: FieldSpec, value: str) -> None:
    if not value:
        return
    spec, font = p.font(field.font)
    x, y, w, h = p.rect(field.value_box)
    size, lines = fit_text(value, font, spec, w, h, field.max_lines)
    block = block_height(len(lines), size)
    # Centre the block: the first line's centre sits half a block above the box centre.
    first_center = y + h / 2 + block / 2 - size / 2
    for i, line in enumerate(lines):
        p.text(x, p.baseline(first_center - i * size * LINE_SPACING, font, size), line, spec, font, size)


# --- photo and QR --------------------------------------------------------------------------------


def _photo_reader(photo: bytes) -> ImageReader:
    """The photo as embedded: 25:35, at most 300 dpi and the platform's size rule (photo.py)."""
    return ImageReader(io.BytesIO(printable_photo(photo, default_rules().photo_max_bytes)))


def _draw_photo(p: Painter, photo: bytes | None) -> None:
    box = p.layout.photo
    if photo is None:  # only specimens and drafts: eligibility requires a photo
        p.c.saveState()
        p.c.setStrokeColor(HexColor("#999999"))
        p.c.setLineWidth(0.3)
        p.c.setDash(2, 2)
        p.c.rect(*p.rect(box), stroke=1, fill=0)
        p.c.restoreState()
        p.centred(Box(box.x, box.y + box.h / 2 - 3, box.w, 6), "照片", "label")
        return
    p.c.drawImage(_photo_reader(photo), *p.rect(box))


def _draw_qr(p: Painter, text: str) -> None:
    """Vector modules in one path (no seams between modules), quiet zone inside the 25 mm box."""
    spec = p.layout.qr
    if not text:
        raise KnownError(msg("cert.no_qr"))
    try:
        matrix = qr_modules(text, spec.error_correction)
    except ValueError as exc:  # more than a version-40 symbol holds (an upstream string from the cache)
        raise KnownError(msg("cert.qr_too_long", length=len(text))) from exc
    module = spec.box.w / (len(matrix) + 2 * spec.quiet_zone)
    p.c.setFillColor(white)
    p.c.rect(*p.rect(spec.box), stroke=0, fill=1)  # the quiet zone stays white on any background
    p.c.saveState()
    # Module units with y down from the symbol's top-left: each run of dark modules is "col row len 1 re"
    # in integers, written directly (hundreds of rects through reportlab's path object cost ~5 ms).
    left, top = p.point(spec.box.x + spec.quiet_zone * module, spec.box.y + spec.quiet_zone * module)
    p.c.translate(left, top)
    p.c.scale(module * mm, -module * mm)
    p.c.setFillColor(HexColor("#000000"))
    ops: list[str] = []
    for r, row in enumerate(matrix):
        c = 0
        while c < len(row):
            if row[c]:
                start = c
                while c < len(row) and row[c]:
                    c += 1
                ops.append(f"{start} {r} {c - start} 1 re")
            c += 1
    p.c.addLiteral("\n".join(ops) + "\nf")
    p.c.restoreState()


# --- documents ----------------------------------------------------------------------------------


def render_pdf(face: CertificateFace, layout: Layout | None = None,
               fonts: Mapping[str, FontChoice] | None = None) -> bytes:
    """The certificate as a one-page PDF at exact size (deterministic for equal input)."""
    layout = layout or default_layout(face.family)
    if layout.family != face.family:
        raise ValueError(f"layout {layout.path.name} is for {layout.family}, the face is {face.family}")
    fonts = fonts or default_fonts()
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, layout.page_w, layout.page_h, f"{layout.title.text} {face.number}",
                     fonts[layout.fonts["value"].style].reportlab_name)
    p = Painter(canvas, layout, fonts)
    _draw_frame(p)
    p.centred(layout.title.box, layout.title.text, layout.title.font)
    for field, value in zip(layout.fields, face_values(face, layout).values(), strict=True):
        _draw_label(p, field)
        _draw_value(p, field, value)
    _draw_photo(p, face.photo)
    _draw_qr(p, face.qr_text)
    p.centred(layout.footer.box, layout.footer.text, layout.footer.font)
    draw_seal(p, face.seal_png, face.issuer)
    if face.specimen:
        draw_watermark(p)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
