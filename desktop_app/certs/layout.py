"""Certificate layouts as data (`resources/layouts/<family>.toml`), validated when loaded.

Every position is in millimetres from the page's top-left corner; boxes are [x, y, w, h] (the
types are in layout_spec.py). The sizes the notices fix (photo 25×35, QR 25×25, seal 50 mm) must
be exact, every box must lie on the page, and only the fields the face knows may appear. A broken
file raises `ResourceError` with the file, the line and the problem, like the rules loader, so an
administrator who moves a box sees what to fix before a certificate is printed wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from desktop_app.certs.fonts import STYLES
from desktop_app.certs.layout_spec import (
    EXACT_MM,
    FAMILY_FIELDS,
    PAGE_SIZES_MM,
    PHOTO_MM,
    QR_MM,
    SEAL_MM,
    Box,
    FieldSpec,
    FontSpec,
    FrameSpec,
    Layout,
    QrSpec,
    SealSpec,
    TextBlock,
    WatermarkSpec,
)
from desktop_app.domain.rules import FAMILIES, ResourceError, read_toml

# The layout types are re-exported: `from desktop_app.certs.layout import Layout, default_layout`.
__all__ = [
    "FAMILY_FIELDS", "PAGE_SIZES_MM", "PHOTO_MM", "QR_MM", "SEAL_MM", "Box", "FieldSpec", "FontSpec", "FrameSpec",
    "Layout", "QrSpec", "SealSpec", "TextBlock", "WatermarkSpec", "default_layout", "layout_path", "load_layout",
]


class _Reader:
    """Typed access to the parsed TOML that reports the file and line of a bad value."""

    def __init__(self, path: Path, text: str, data: dict[str, Any]) -> None:
        self.path, self.text, self.data = path, text, data

    def line(self, key: str) -> int | None:
        """The line that sets a dotted key, or the line of its table header."""
        table, _, name = key.rpartition(".")
        current = ""
        for number, line in enumerate(self.text.splitlines(), start=1):
            header = re.match(r"\s*\[([^\]]+)\]", line)
            if header:
                current = header.group(1).strip()
                if current == key:
                    return number
            elif current == table and re.match(rf"\s*{re.escape(name)}\s*=", line):
                return number
        return None

    def fail(self, key: str, problem: str) -> ResourceError:
        return ResourceError(self.path, self.line(key), problem)

    def node(self, key: str, default: Any = ...) -> Any:
        node: Any = self.data
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                if default is not ...:
                    return default
                raise ResourceError(self.path, self.line(key.rpartition(".")[0]), f"{key!r} is missing")
            node = node[part]
        return node

    def get(self, key: str, kind: type | tuple[type, ...], default: Any = ...,
            check: Callable[[Any], bool] = lambda _v: True, hint: str = "is invalid") -> Any:
        value = self.node(key, default)
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool) or not check(value):
            raise self.fail(key, f"{key} = {value!r} {hint}")
        return value

    def table(self, key: str, allowed: tuple[str, ...]) -> dict[str, Any]:
        node = self.node(key)
        if not isinstance(node, dict):
            raise self.fail(key, f"{key!r} must be a table")
        for name in node:
            if name not in allowed:
                raise self.fail(f"{key}.{name}", f"unknown key {key}.{name} (allowed: {', '.join(allowed)})")
        return node

    def box(self, key: str) -> Box:
        value = self.node(key)
        if (not isinstance(value, list) or len(value) != 4
                or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)):
            raise self.fail(key, f"{key} must be [x, y, w, h] in mm, got {value!r}")
        box = Box(*(float(v) for v in value))
        if box.w <= 0 or box.h <= 0:
            raise self.fail(key, f"{key} has a zero or negative size")
        return box

    def color(self, key: str, default: str = "#000000") -> str:
        return str(self.get(key, str, default, lambda v: re.fullmatch(r"#[0-9a-fA-F]{6}", v) is not None,
                            "must be a colour like #c00000"))


def _positive(v: float) -> bool:
    return v > 0


def _page(r: _Reader) -> tuple[float, float]:
    r.table("page", ("size", "orientation", "width", "height"))
    size = r.get("page.size", str, "A4")
    if size == "custom":
        w, h = r.get("page.width", float, check=_positive), r.get("page.height", float, check=_positive)
    elif size in PAGE_SIZES_MM:
        w, h = PAGE_SIZES_MM[size]
    else:
        raise r.fail("page.size", f"page.size {size!r} must be one of {', '.join(PAGE_SIZES_MM)} or custom")
    orientation = r.get("page.orientation", str, "portrait", lambda v: v in ("portrait", "landscape"),
                        "must be portrait or landscape")
    return (max(w, h), min(w, h)) if orientation == "landscape" else (min(w, h), max(w, h))


def _fonts(r: _Reader) -> dict[str, FontSpec]:
    fonts: dict[str, FontSpec] = {}
    node = r.node("fonts")
    if not isinstance(node, dict):
        raise r.fail("fonts", "fonts must be a table of [fonts.NAME] tables")
    for name in node:
        key = f"fonts.{name}"
        r.table(key, ("style", "size", "min_size", "bold", "char_space", "color"))
        size = r.get(f"{key}.size", float, check=lambda v: 4 <= v <= 300, hint="must be 4..300 pt")
        fonts[name] = FontSpec(
            name=name,
            style=r.get(f"{key}.style", str, check=lambda v: v in STYLES, hint=f"must be one of {STYLES}"),
            size=size,
            min_size=r.get(f"{key}.min_size", float, size, lambda v, top=size: 4 <= v <= top, "must be 4 pt..size"),
            bold=r.get(f"{key}.bold", bool, False),
            char_space=r.get(f"{key}.char_space", float, 0.0, lambda v: 0 <= v <= 20, hint="must be 0..20 pt"),
            color=r.color(f"{key}.color"),
        )
    for required in ("label", "value"):
        if required not in fonts:
            raise r.fail("fonts", f"font {required!r} is missing")
    return fonts


def _font_ref(r: _Reader, key: str, fonts: dict[str, FontSpec], default: str) -> str:
    return str(r.get(key, str, default, lambda v: v in fonts, f"names no font in [fonts] ({', '.join(fonts)})"))


def _fields(r: _Reader, family: str, fonts: dict[str, FontSpec]) -> tuple[FieldSpec, ...]:
    known = FAMILY_FIELDS[family]
    node = r.node("fields")
    for name in node:
        if name not in known:
            raise r.fail(f"fields.{name}", f"unknown field {name!r} for {family} (known: {', '.join(known)})")
    specs: list[FieldSpec] = []
    for name in known:
        if name not in node:
            raise r.fail("fields", f"field {name!r} is missing from the {family} layout")
        key = f"fields.{name}"
        r.table(key, ("label", "label_box", "value_box", "font", "label_font", "max_lines"))
        specs.append(FieldSpec(
            name=name, label=r.get(f"{key}.label", str, check=bool, hint="must not be empty"),
            label_box=r.box(f"{key}.label_box"), value_box=r.box(f"{key}.value_box"),
            font=_font_ref(r, f"{key}.font", fonts, "value"),
            label_font=_font_ref(r, f"{key}.label_font", fonts, "label"),
            max_lines=r.get(f"{key}.max_lines", int, 1, lambda v: 1 <= v <= 4, "must be 1..4"),
        ))
    return tuple(specs)


def _exact(r: _Reader, key: str, actual: float, wanted: float, what: str) -> None:
    if abs(actual - wanted) > EXACT_MM:
        raise r.fail(key, f"{what} must be exactly {wanted:g} mm (the notice fixes it), got {actual:g}")


def _qr(r: _Reader) -> QrSpec:
    r.table("qr", ("box", "quiet_zone", "error_correction"))
    box = r.box("qr.box")
    _exact(r, "qr.box", box.w, QR_MM, "QR box width")
    _exact(r, "qr.box", box.h, QR_MM, "QR box height")
    return QrSpec(box, r.get("qr.quiet_zone", int, 4, lambda v: 2 <= v <= 8, "must be 2..8 modules"),
                  r.get("qr.error_correction", str, "M", lambda v: v in ("L", "M", "Q", "H"), "must be L, M, Q or H"))


def _seal(r: _Reader) -> SealSpec:
    r.table("seal", ("center", "diameter", "color", "opacity"))
    center = r.node("seal.center")
    if not isinstance(center, list) or len(center) != 2 or not all(isinstance(v, int | float) for v in center):
        raise r.fail("seal.center", f"seal.center must be [x, y] in mm, got {center!r}")
    diameter = r.get("seal.diameter", float)
    _exact(r, "seal.diameter", diameter, SEAL_MM, "seal diameter")
    return SealSpec(float(center[0]), float(center[1]), diameter, r.color("seal.color", "#d7000f"),
                    r.get("seal.opacity", float, 1.0, lambda v: 0.3 <= v <= 1, "must be 0.3..1"))


def _frame(r: _Reader) -> FrameSpec:
    r.table("frame", ("color", "outer_width", "inner_inset", "inner_width"))
    return FrameSpec(r.color("frame.color"), r.get("frame.outer_width", float, 0.8, _positive),
                     r.get("frame.inner_inset", float, 2.0, _positive),
                     r.get("frame.inner_width", float, 0.3, _positive))


def _watermark(r: _Reader, fonts: dict[str, FontSpec]) -> WatermarkSpec:
    r.table("watermark", ("text", "font", "angle", "color", "opacity"))
    return WatermarkSpec(
        text=r.get("watermark.text", str, "样本", bool, "must not be empty"),
        font=_font_ref(r, "watermark.font", fonts, "label"),
        angle=r.get("watermark.angle", float, 30.0, lambda v: -90 <= v <= 90, "must be -90..90"),
        color=r.color("watermark.color", "#d7000f"),
        opacity=r.get("watermark.opacity", float, 0.2, lambda v: 0.05 <= v <= 1, "must be 0.05..1"),
    )


def _text_block(r: _Reader, key: str, fonts: dict[str, FontSpec]) -> TextBlock:
    r.table(key, ("text", "box", "font"))
    return TextBlock(r.get(f"{key}.text", str, check=bool, hint="must not be empty"), r.box(f"{key}.box"),
                     _font_ref(r, f"{key}.font", fonts, "label"))


def _check_placement(r: _Reader, layout: Layout) -> None:
    page = layout.page
    if not page.contains(layout.certificate):
        raise r.fail("certificate.box", "the certificate area does not fit on the page")
    boxes: list[tuple[str, Box]] = [("title.box", layout.title.box), ("footer.box", layout.footer.box),
                                    ("photo.box", layout.photo), ("qr.box", layout.qr.box),
                                    ("seal.center", layout.seal.box)]
    for f in layout.fields:
        boxes += [(f"fields.{f.name}.label_box", f.label_box), (f"fields.{f.name}.value_box", f.value_box)]
    for key, box in boxes:
        if not page.contains(box):
            raise r.fail(key, f"{key} {box} lies (partly) outside the {layout.page_w:g}×{layout.page_h:g} mm page")
        if not layout.certificate.contains(box):
            raise r.fail(key, f"{key} {box} lies (partly) outside the certificate area")


def load_layout(path: Path) -> Layout:
    """Read and validate one layout file."""
    text, data = read_toml(path)
    r = _Reader(path, text, data)
    for name in data:
        if name not in ("layout", "page", "certificate", "frame", "fonts", "title", "footer", "fields", "photo",
                        "qr", "seal", "watermark"):
            raise r.fail(name, f"unknown table or key {name!r}")
    r.table("layout", ("family", "date_format", "issue_date_format", "validity_joiner", "label_colon",
                       "label_align"))
    family = r.get("layout.family", str, check=lambda v: v in FAMILIES, hint=f"must be one of {FAMILIES}")
    page_w, page_h = _page(r)
    fonts = _fonts(r)
    r.table("certificate", ("box",))
    r.table("photo", ("box",))
    photo = r.box("photo.box")
    _exact(r, "photo.box", photo.w, PHOTO_MM[0], "photo width")
    _exact(r, "photo.box", photo.h, PHOTO_MM[1], "photo height")
    layout = Layout(
        path=path, family=family, page_w=page_w, page_h=page_h, certificate=r.box("certificate.box"),
        frame=_frame(r), fonts=fonts, title=_text_block(r, "title", fonts), footer=_text_block(r, "footer", fonts),
        fields=_fields(r, family, fonts), photo=photo, qr=_qr(r), seal=_seal(r), watermark=_watermark(r, fonts),
        date_format=_date_format(r, "layout.date_format", "{year}年{month:02d}月{day:02d}日"),
        issue_date_format=_date_format(r, "layout.issue_date_format", "{year}年{month:02d}月{day:02d}日"),
        validity_joiner=r.get("layout.validity_joiner", str, " 至 "),
        label_colon=r.get("layout.label_colon", str, "："),
        label_align=r.get("layout.label_align", str, "distribute", lambda v: v in ("distribute", "left"),
                          "must be distribute or left"),
    )
    _check_placement(r, layout)
    return layout


def _date_format(r: _Reader, key: str, default: str) -> str:
    fmt = str(r.get(key, str, default))
    try:
        fmt.format(year=2023, month=1, day=1)
    except (KeyError, IndexError, ValueError) as exc:
        raise r.fail(key, f"{key} {fmt!r} is not a date template with {{year}} {{month}} {{day}} ({exc})") from exc
    return fmt


def layout_path(family: str, resources: Path | None = None) -> Path:
    from desktop_app.paths import resources_dir

    return (resources or resources_dir()) / "layouts" / f"{family}.toml"


@lru_cache(maxsize=8)
def default_layout(family: str) -> Layout:
    """The shipped (or administrator's $CERTDESK_RESOURCES) layout for a family, loaded once."""
    if family not in FAMILIES:
        raise ValueError(f"unknown certificate family {family!r}")
    return load_layout(layout_path(family))
