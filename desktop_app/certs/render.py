"""The one certificate renderer: a `CertificateFace` and a `Layout` in, PDF bytes out.

Preview, print and batch all use these bytes (the preview rasterises them with `render_png`), so
what the clerk sees is what the printer gets (DESIGN §4 anti-patterns, §5 OpenCRVS). Positions come
from the layout in millimetres and are converted once, here; fonts are TrueType CJK fonts embedded as
subsets (fonts.py). Output is deterministic for equal input (reportlab `invariant`), so regenerating
a certificate yields the same file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import io
import itertools
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PIL import Image, UnidentifiedImageError
from reportlab import rl_config
from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import FILL_EVEN_ODD, Canvas

from desktop_app.certs.fonts import FontChoice, default_fonts
from desktop_app.certs.layout import Box, FieldSpec, FontSpec, Layout, default_layout
from desktop_app.errors import KnownError

# Binary streams: ASCII85 would make every photo and font 25 % larger and slower to write.
rl_config.useA85 = 0

LINE_SPACING = 1.18  # leading of wrapped values, × font size
HARD_MIN_PT = 5.0  # below this a value is unreadable: refuse instead of printing it
PHOTO_ASPECT = 25 / 35
SPECIMEN_SEAL_TEXT = "样章"


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


# --- text fitting -------------------------------------------------------------------------------

_NO_LINE_START = set("）)」』】〕，,。.、：:；;！!？?%·")
_NO_LINE_END = set("（(「『【〔")
_TOKEN = re.compile(r"[A-Za-z0-9\-./]+|\s+|.", re.S)


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Break between any two CJK characters (Latin words stay whole), with simple 禁则 rules."""
    lines: list[str] = []
    line = ""
    for token in _TOKEN.findall(text):
        if not line and token.isspace():
            continue
        if line and pdfmetrics.stringWidth(line + token, font, size) > width:
            if len(line) > 1 and (token[0] in _NO_LINE_START or line[-1] in _NO_LINE_END):
                line, carried = line[:-1], line[-1]  # carry one character over with it
                token = carried + token
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    if line.strip():
        lines.append(line.rstrip())
    return lines


def fit_text(text: str, font: str, spec: FontSpec, width: float, height: float,
             max_lines: int) -> tuple[float, list[str]]:
    """(size, lines) that fit width × height (pt): one line shrunk to min_size, else wrapped, else smaller.

    Raises `KnownError` rather than print a value outside its box.
    """
    size = spec.size
    while size >= spec.min_size - 1e-9:
        if _line_width(text, font, size, spec) <= width:
            return size, [text]
        size -= 0.25
    size = spec.size
    while size >= HARD_MIN_PT - 1e-9:
        lines = wrap(text, font, size, width)
        fits = all(_line_width(line, font, size, spec) <= width for line in lines)
        if fits and len(lines) <= max_lines and _block_height(len(lines), size) <= height:
            return size, lines
        size -= 0.25
    raise KnownError(f"“{text}”太长，无法放入证书的栏位（{width / mm:.0f} mm 宽），请核对该内容")


def _line_width(text: str, font: str, size: float, spec: FontSpec) -> float:
    return pdfmetrics.stringWidth(text, font, size) + spec.char_space * max(len(text) - 1, 0)


def _block_height(lines: int, size: float) -> float:
    return size * (1 + LINE_SPACING * (lines - 1))


# --- drawing ------------------------------------------------------------------------------------


class _Painter:
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
        width = _line_width(text, font, size, spec)
        self.text(x + (w - width) / 2, self.baseline(y + h / 2, font, size), text, spec, font, size)


def _draw_frame(p: _Painter) -> None:
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


def _draw_corners(p: _Painter, inner: Box, arm: float) -> None:
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


def _draw_label(p: _Painter, field: FieldSpec) -> None:
    """The label, spread to the box width (分散对齐) with the colon at its right edge."""
    spec, font = p.font(field.label_font)
    x, y, w, h = p.rect(field.label_box)
    size = spec.size
    colon = p.layout.label_colon
    colon_w = pdfmetrics.stringWidth(colon, font, size)
    free = w - colon_w - pdfmetrics.stringWidth(field.label, font, size)
    if free < 0:
        raise KnownError(f"布局中的标签“{field.label}”比它的框（{field.label_box.w:g} mm）还宽")
    n = len(field.label)
    # One run with character spacing: the gaps are equal because CJK characters share one advance width.
    gap = free / (n - 1) if p.layout.label_align == "distribute" and n > 1 else 0.0
    baseline = p.baseline(y + h / 2, font, size)
    p.text(x, baseline, field.label, dataclasses.replace(spec, char_space=gap), font, size)
    p.text(x + w - colon_w, baseline, colon, dataclasses.replace(spec, char_space=0.0), font, size)


def _draw_value(p: _Painter, field: FieldSpec, value: str) -> None:
    if not value:
        return
    spec, font = p.font(field.font)
    x, y, w, h = p.rect(field.value_box)
    size, lines = fit_text(value, font, spec, w, h, field.max_lines)
    block = _block_height(len(lines), size)
    # Centre the block: the first line's centre sits half a block above the box centre.
    first_center = y + h / 2 + block / 2 - size / 2
    for i, line in enumerate(lines):
        p.text(x, p.baseline(first_center - i * size * LINE_SPACING, font, size), line, spec, font, size)


# --- photo, QR, seal, watermark -------------------------------------------------------------------


def _photo_reader(photo: bytes) -> ImageReader:
    """The photo cropped (centred) to 25:35 so that drawing it at exactly 25×35 mm does not distort it."""
    try:
        image = Image.open(io.BytesIO(photo))
        image.load()
    except (UnidentifiedImageError, OSError) as exc:
        raise KnownError("照片无法读取（应为 JPEG 或 PNG 图像）") from exc
    w, h = image.size
    if image.format == "JPEG" and image.mode in ("RGB", "L") and abs(w / h - PHOTO_ASPECT) < 0.01:
        return ImageReader(io.BytesIO(photo))  # embedded as is (DCT), no re-encoding
    if w / h > PHOTO_ASPECT:
        new_w = round(h * PHOTO_ASPECT)
        image = image.crop(((w - new_w) // 2, 0, (w - new_w) // 2 + new_w, h))
    else:
        new_h = round(w / PHOTO_ASPECT)
        image = image.crop((0, (h - new_h) // 2, w, (h - new_h) // 2 + new_h))
    if image.mode in ("RGBA", "LA", "P"):
        rgba = image.convert("RGBA")
        image = Image.new("RGB", rgba.size, "white")
        image.paste(rgba, mask=rgba.getchannel("A"))
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=92)
    out.seek(0)
    return ImageReader(out)


def _draw_photo(p: _Painter, photo: bytes | None) -> None:
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


_EC_LEVELS = {"L": 1, "M": 0, "Q": 3, "H": 2}  # qrcode.constants.ERROR_CORRECT_*
_RUN = re.compile(r"0{5,}|1{5,}")
_FINDER_LIKE = re.compile(r"(?=10111010000|00001011101)")


def qr_modules(text: str, error_correction: str = "M") -> list[list[bool]]:
    """The QR symbol's module matrix (no quiet zone), True = dark.

    The qrcode library encodes the data (version, error correction, module placement); the mask is
    chosen here because its own search re-places every module eight times in pure Python (≈ 20 ms,
    half of a certificate). Each of the eight masked symbols is derived from the first by XOR on the
    data modules, scored with the ISO/IEC 18004 penalty rules, and the lowest score wins, as the
    standard asks. tests/test_cert_render.py checks the result against qrcode's own matrix.
    """
    import qrcode

    qr = qrcode.QRCode(error_correction=_EC_LEVELS[error_correction], border=0, box_size=1)
    qr.add_data(text.encode("utf-8"))
    try:
        return _fast_mask(qr)
    except (AttributeError, ImportError, KeyError):  # qrcode internals moved: its own (slower) search
        qr.make(fit=True)
        return [list(row) for row in qr.get_matrix()]


def _fast_mask(qr: Any) -> list[list[bool]]:
    """Encode once with mask 0, derive the other seven masks by XOR, keep the lowest penalty."""
    qr.best_fit()
    qr.makeImpl(False, 0)
    n = qr.modules_count
    base = [_row_bits(row) for row in qr.modules]
    masks = _mask_rows(n)
    best: tuple[int, list[int]] | None = None
    for k in range(8):
        function, data = _function_rows(qr.version, qr.error_correction, k)
        rows = [(function[r] & ~data[r]) | ((base[r] ^ masks[0][r] ^ masks[k][r]) & data[r]) for r in range(n)]
        score = _penalty(rows, n)
        if best is None or score < best[0]:
            best = (score, rows)
    assert best is not None
    return [[bool(row >> c & 1) for c in range(n)] for row in best[1]]


def _row_bits(row: list[bool | None]) -> int:
    """A row as an int, bit c = column c (None, an unset module, counts as light)."""
    return sum(1 << c for c, dark in enumerate(row) if dark)


@functools.lru_cache(maxsize=8)
def _mask_rows(n: int) -> tuple[tuple[int, ...], ...]:
    from qrcode.util import mask_func

    return tuple(tuple(sum(1 << c for c in range(n) if mask_func(k)(r, c)) for r in range(n)) for k in range(8))


@functools.lru_cache(maxsize=64)
def _function_rows(version: int, error_level: int, mask: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(function-pattern rows with the mask's format information, data-module rows): fixed per version."""
    import qrcode
    from qrcode.main import copy_2d_array, precomputed_qr_blanks

    qr = qrcode.QRCode(version=version, error_correction=error_level, border=0)
    qr.makeImpl(False, mask)  # fills precomputed_qr_blanks[version] with the finder/timing/alignment patterns
    qr.modules = copy_2d_array(precomputed_qr_blanks[version])
    qr.setup_type_info(False, mask)
    if version >= 7:
        qr.setup_type_number(False)
    return (tuple(_row_bits(row) for row in qr.modules),
            tuple(sum(1 << c for c, m in enumerate(row) if m is None) for row in qr.modules))


def _penalty(rows: list[int], n: int) -> int:
    """ISO/IEC 18004 mask penalty: runs, 2×2 blocks, finder-like patterns, dark-module balance."""
    lines = [format(row, f"0{n}b")[::-1] for row in rows]
    lines += ["".join(col) for col in zip(*lines, strict=True)]
    joined = "2".join(lines)  # one regex pass over every row and column; "2" stops runs across lines
    runs = _RUN.findall(joined)
    score = sum(map(len, runs)) - 2 * len(runs) + 40 * len(_FINDER_LIKE.findall(joined))
    full = (1 << n) - 1
    for a, b in itertools.pairwise(rows):
        dark, light = a & b, ~(a | b) & full
        score += 3 * ((dark & dark >> 1).bit_count() + (light & light >> 1 & full >> 1).bit_count())
    dark_percent = sum(row.bit_count() for row in rows) * 100 // (n * n)
    return score + 10 * (abs(dark_percent - 50) // 5)


def _draw_qr(p: _Painter, text: str) -> None:
    """Vector modules in one path (no seams between modules), quiet zone inside the 25 mm box."""
    spec = p.layout.qr
    if not text:
        raise KnownError("证书缺少二维码内容")
    matrix = qr_modules(text, spec.error_correction)
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


def _draw_seal(p: _Painter, seal_png: bytes | None, unit_name: str) -> None:
    seal = p.layout.seal
    p.c.saveState()
    p.c.setBlendMode("Multiply")  # red ink over black text, as a stamp looks
    if seal_png is not None:
        try:
            reader = ImageReader(io.BytesIO(seal_png))
        except Exception as exc:  # reportlab raises bare OSError/ValueError/PIL errors
            raise KnownError("发证机关印章图像无法读取（应为带透明背景的 PNG）") from exc
        p.c.drawImage(reader, *p.rect(seal.box), mask="auto")
    else:
        _draw_specimen_seal(p, unit_name)
    p.c.restoreState()


def _draw_specimen_seal(p: _Painter, unit_name: str) -> None:
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
    t = p.c.beginText(cx - width / 2, _Painter.baseline(cy - 13.5 * mm, font, size))
    t.setFont(font, size)
    t.setCharSpace(2 * mm)
    t.setTextRenderMode(2)
    t.textOut(SPECIMEN_SEAL_TEXT)
    p.c.drawText(t)


def _star(p: _Painter, cx: float, cy: float, outer: float) -> None:
    inner = outer * 0.382  # a regular five-pointed star
    path = p.c.beginPath()
    for i in range(10):
        r = outer if i % 2 == 0 else inner
        angle = math.radians(90 + i * 36)
        x, y = cx + r * math.cos(angle), cy + r * math.sin(angle)
        path.moveTo(x, y) if i == 0 else path.lineTo(x, y)
    path.close()
    p.c.drawPath(path, stroke=0, fill=1)


def _arc_text(p: _Painter, text: str, cx: float, cy: float, outer: float, font: str) -> None:
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
        t.setTextOrigin(-width / 2, _Painter.baseline(0, font, size))
        t.textOut(ch)
        p.c.drawText(t)
        p.c.restoreState()


def _draw_watermark(p: _Painter) -> None:
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
    width = _line_width(mark.text, font, size, spec) + spec.char_space
    t = p.c.beginText(-width / 2, _Painter.baseline(0, font, size))
    t.setFont(font, size)
    t.setCharSpace(size * 0.25)
    t.textOut(mark.text)
    p.c.drawText(t)
    p.c.restoreState()


# --- documents ----------------------------------------------------------------------------------


def _canvas(buffer: io.BytesIO, page_w: float, page_h: float, title: str, font: str) -> Canvas:
    # invariant=1: no creation date or random document id, so equal input gives equal bytes.
    # initialFontName: otherwise reportlab lists an unembedded Helvetica in every page's fonts.
    canvas = Canvas(buffer, pagesize=(page_w * mm, page_h * mm), invariant=1, pageCompression=1,
                    initialFontName=font)
    canvas.setTitle(title)
    canvas.setAuthor("CertDesk")
    canvas.setCreator("CertDesk")
    return canvas


def render_pdf(face: CertificateFace, layout: Layout | None = None,
               fonts: Mapping[str, FontChoice] | None = None) -> bytes:
    """The certificate as a one-page PDF at exact size (deterministic for equal input)."""
    layout = layout or default_layout(face.family)
    if layout.family != face.family:
        raise ValueError(f"layout {layout.path.name} is for {layout.family}, the face is {face.family}")
    fonts = fonts or default_fonts()
    buffer = io.BytesIO()
    canvas = _canvas(buffer, layout.page_w, layout.page_h, f"{layout.title.text} {face.number}",
                     fonts[layout.fonts["value"].style].reportlab_name)
    p = _Painter(canvas, layout, fonts)
    _draw_frame(p)
    p.centred(layout.title.box, layout.title.text, layout.title.font)
    for field, value in zip(layout.fields, face_values(face, layout).values(), strict=True):
        _draw_label(p, field)
        _draw_value(p, field, value)
    _draw_photo(p, face.photo)
    _draw_qr(p, face.qr_text)
    p.centred(layout.footer.box, layout.footer.text, layout.footer.font)
    _draw_seal(p, face.seal_png, face.issuer)
    if face.specimen:
        _draw_watermark(p)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def render_png(pdf_bytes: bytes, dpi: float = 150, page: int = 0) -> bytes:
    """Rasterise a page of the PDF as PNG (the preview shows exactly the printed document).

    pdfium is not thread-safe: call this from one thread at a time (the GUI's preview worker).
    """
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf_bytes)
    try:
        bitmap = document[page].render(scale=dpi / 72)
        image = bitmap.to_pil()
    finally:
        document.close()
    out = io.BytesIO()
    image.save(out, "PNG", dpi=(dpi, dpi))
    return out.getvalue()


def calibration_page_pdf(page_w: float = 210.0, page_h: float = 297.0,
                         fonts: Mapping[str, FontChoice] | None = None) -> bytes:
    """A page with mm rulers along the edges and a cross at (20 mm, 20 mm) to measure a printer's offset."""
    font = (fonts or default_fonts())["song"].reportlab_name
    buffer = io.BytesIO()
    canvas = _canvas(buffer, page_w, page_h, "CertDesk 打印校准页", font)
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
    c.drawCentredString(page_w / 2 * mm, top - 40 * mm, "CertDesk 打印校准页")
    c.setFont(font, 9.5)
    lines = (
        "请以 100% 比例（不要“适合页面”）打印本页，然后用直尺测量：",
        "1. 左上方十字中心应距纸张左边 20 mm、上边 20 mm；实际偏右/偏下为正，偏左/偏上为负。",
        "2. 把测得的偏差（mm）填入该打印机的“打印校准”，证书打印时会自动补偿。",
        "3. 中间方框应为 100 × 100 mm；若不是，说明打印时被缩放，请检查打印设置。",
    )
    for i, text in enumerate(lines):
        c.drawString(30 * mm, top - (52 + 7 * i) * mm, text)
    c.drawCentredString(page_w / 2 * mm, top - 140 * mm, "100 × 100 mm")
