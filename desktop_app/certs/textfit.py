"""Fitting a value into its box: line breaking with simple 禁则 rules and shrinking to a minimum size.

Pure font-metric computations in pt (reportlab's `stringWidth`); the renderer and the seal and
watermark drawing measure text with the same functions, so what fits here fits on the page.
"""

from __future__ import annotations

import re

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics

from desktop_app.certs.layout_spec import FontSpec
from desktop_app.errors import KnownError
from desktop_app.messages import msg

LINE_SPACING = 1.18  # leading of wrapped values, × font size
HARD_MIN_PT = 5.0  # below this a value is unreadable: refuse instead of printing it

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
        if line_width(text, font, size, spec) <= width:
            return size, [text]
        size -= 0.25
    size = spec.size
    while size >= HARD_MIN_PT - 1e-9:
        lines = wrap(text, font, size, width)
        fits = all(line_width(line, font, size, spec) <= width for line in lines)
        if fits and len(lines) <= max_lines and block_height(len(lines), size) <= height:
            return size, lines
        size -= 0.25
    raise KnownError(msg("cert.text_too_long", text=text, width=f"{width / mm:.0f}"))


def line_width(text: str, font: str, size: float, spec: FontSpec) -> float:
    """The width of one run in pt, character spacing included."""
    return pdfmetrics.stringWidth(text, font, size) + spec.char_space * max(len(text) - 1, 0)


def block_height(lines: int, size: float) -> float:
    """The height in pt of `lines` wrapped lines at `size` pt."""
    return size * (1 + LINE_SPACING * (lines - 1))
