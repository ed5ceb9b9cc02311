"""The certificate layout as typed data: boxes, fonts, fields, QR, seal, watermark, in millimetres.

Plain frozen dataclasses with no reading or validation (layout.py loads and checks them from
`resources/layouts/<family>.toml`), plus the sizes the notices fix. Every position is in
millimetres from the page's top-left corner.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# The fields each face prints, in reading order (CertificateFace supplies their values).
FAMILY_FIELDS: dict[str, tuple[str, ...]] = {
    "special": ("number", "name", "gender", "operation_category", "first_issued", "validity", "issuer",
                "issue_date"),
    "safety": ("name", "gender", "id_number", "enterprise", "position", "tech_title", "category", "number",
               "first_issued", "validity", "issuer", "issue_date"),
}

PHOTO_MM = (25.0, 35.0)
QR_MM = 25.0
SEAL_MM = 50.0
PAGE_SIZES_MM = {"A4": (210.0, 297.0), "A5": (148.0, 210.0), "B5": (176.0, 250.0), "A3": (297.0, 420.0)}
EXACT_MM = 1e-6  # tolerance of "exactly" for sizes and placement


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def contains(self, other: Box) -> bool:
        return (self.x - EXACT_MM <= other.x and other.right <= self.right + EXACT_MM
                and self.y - EXACT_MM <= other.y and other.bottom <= self.bottom + EXACT_MM)


@dataclass(frozen=True)
class FontSpec:
    name: str
    style: str  # song / hei / kai (fonts.STYLES)
    size: float  # pt
    min_size: float  # pt: long values shrink down to this, then wrap
    bold: bool = False  # drawn as fill + thin stroke: CJK system fonts rarely ship a bold face
    char_space: float = 0.0  # pt between characters
    color: str = "#000000"


@dataclass(frozen=True)
class TextBlock:
    text: str
    box: Box
    font: str


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    label_box: Box
    value_box: Box
    font: str = "value"
    label_font: str = "label"
    max_lines: int = 1


@dataclass(frozen=True)
class FrameSpec:
    color: str
    outer_width: float  # mm
    inner_inset: float  # mm
    inner_width: float  # mm


@dataclass(frozen=True)
class QrSpec:
    box: Box
    quiet_zone: int  # modules, inside the box
    error_correction: str  # L M Q H


@dataclass(frozen=True)
class SealSpec:
    cx: float
    cy: float
    diameter: float
    color: str
    opacity: float

    @property
    def box(self) -> Box:
        r = self.diameter / 2
        return Box(self.cx - r, self.cy - r, self.diameter, self.diameter)


@dataclass(frozen=True)
class WatermarkSpec:
    text: str
    font: str
    angle: float
    color: str
    opacity: float


@dataclass(frozen=True)
class Layout:
    path: Path
    family: str
    page_w: float
    page_h: float
    certificate: Box
    frame: FrameSpec
    fonts: dict[str, FontSpec]
    title: TextBlock
    footer: TextBlock
    fields: tuple[FieldSpec, ...]
    photo: Box
    qr: QrSpec
    seal: SealSpec
    watermark: WatermarkSpec
    date_format: str
    issue_date_format: str
    validity_joiner: str
    label_colon: str
    label_align: str  # "distribute" (分散对齐) or "left"

    @property
    def page(self) -> Box:
        return Box(0.0, 0.0, self.page_w, self.page_h)

    def field(self, name: str) -> FieldSpec:
        return next(f for f in self.fields if f.name == name)
