"""Draw CertDesk's icon: a red seal (a round stamp with a double ring) over a cream certificate sheet,
with 证 in the middle. Writes certdesk.png (256×256) and certdesk.svg beside this script.

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/icons/make_icon.py
"""

from __future__ import annotations

import math
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QImage, QPainter, QPainterPath, QPen

HERE = Path(__file__).resolve().parent
SIZE = 256
PAPER = "#fbf6e9"
PAPER_EDGE = "#c9b78f"
LINES = "#d8c9a3"
RED = "#c8102e"
CJK_FAMILIES = ("Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "AR PL UMing CN", "WenQuanYi Zen Hei",
                "Noto Sans CJK SC", "Microsoft YaHei", "SimHei")


def _cjk_family() -> str:
    families = set(QFontDatabase.families())
    for name in CJK_FAMILIES:
        if name in families:
            return name
    return QFont().family()


def draw(painter: QPainter) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    # the certificate sheet, slightly rounded, with a folded-down corner of ruled lines
    sheet = QRectF(40, 16, 176, 224)
    painter.setPen(QPen(QColor(PAPER_EDGE), 4))
    painter.setBrush(QColor(PAPER))
    painter.drawRoundedRect(sheet, 14, 14)
    painter.setPen(QPen(QColor(LINES), 8, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    for y in (52, 76):
        painter.drawLine(QPointF(68, y), QPointF(188, y))
    for y in (208,):
        painter.drawLine(QPointF(68, y), QPointF(140, y))
    # the seal: outer ring, thin inner ring, a star on top, 证 in the centre
    centre, outer, inner = QPointF(128, 140), 70.0, 60.0
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(QColor(RED), 9))
    painter.drawEllipse(centre, outer, outer)
    painter.setPen(QPen(QColor(RED), 3))
    painter.drawEllipse(centre, inner, inner)
    painter.setPen(QColor(RED))
    font = QFont(_cjk_family())
    font.setPixelSize(78)
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(QRectF(centre.x() - 50, centre.y() - 46, 100, 100), Qt.AlignmentFlag.AlignCenter, "证")
    star = QPainterPath()
    cx, cy, r_out, r_in = centre.x(), centre.y() - 44, 11.0, 4.6
    for i in range(10):
        r = r_out if i % 2 == 0 else r_in
        angle = -math.pi / 2 + i * math.pi / 5
        point = QPointF(cx + r * math.cos(angle), cy + r * math.sin(angle))
        if i == 0:
            star.moveTo(point)
        else:
            star.lineTo(point)
    star.closeSubpath()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(RED))
    painter.drawPath(star)


SVG = f"""<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <title>CertDesk</title>
  <rect x="40" y="16" width="176" height="224" rx="14" fill="{PAPER}" stroke="{PAPER_EDGE}" stroke-width="4"/>
  <g stroke="{LINES}" stroke-width="8" stroke-linecap="round">
    <line x1="68" y1="52" x2="188" y2="52"/>
    <line x1="68" y1="76" x2="188" y2="76"/>
    <line x1="68" y1="208" x2="140" y2="208"/>
  </g>
  <circle cx="128" cy="140" r="70" fill="none" stroke="{RED}" stroke-width="9"/>
  <circle cx="128" cy="140" r="60" fill="none" stroke="{RED}" stroke-width="3"/>
  <path fill="{RED}" d="{{star}}"/>
  <text x="128" y="167" text-anchor="middle" font-size="78" font-weight="bold" fill="{RED}"
        font-family="'Noto Serif CJK SC',SimSun,'AR PL UMing CN','WenQuanYi Zen Hei',serif">证</text>
</svg>
"""


def _star_path() -> str:
    cx, cy, r_out, r_in = 128.0, 96.0, 11.0, 4.6
    points = []
    for i in range(10):
        r = r_out if i % 2 == 0 else r_in
        angle = -math.pi / 2 + i * math.pi / 5
        points.append(f"{cx + r * math.cos(angle):.2f},{cy + r * math.sin(angle):.2f}")
    return "M" + " L".join(points) + " Z"


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (fonts need an application)
    image = QImage(SIZE, SIZE, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    draw(painter)
    painter.end()
    if not image.save(str(HERE / "certdesk.png")):
        print("could not write certdesk.png", file=sys.stderr)
        return 1
    (HERE / "certdesk.svg").write_text(SVG.replace("{star}", _star_path()), encoding="utf-8")
    print(f"wrote {HERE / 'certdesk.png'} and {HERE / 'certdesk.svg'} (font {_cjk_family()})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
