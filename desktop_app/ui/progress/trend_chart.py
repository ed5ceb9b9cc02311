"""A small line chart of the daily snapshots, painted with QPainter (PySide6-Essentials has no QtCharts).

Two series: 换发率 (one line, per cent) or 已换新版 and 待换发 (two lines, certificates). Dates run
along the bottom, values up the left; with no snapshot or only one, a sentence says so instead.
Hovering a day shows its figures.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desktop_app.services.progress.figures import TrendPoint
from desktop_app.ui.progress.labels import percent

NEW_COLOUR = QColor("#1565c0")
PENDING_COLOUR = QColor("#c62828")
GRID_COLOUR = QColor("#e0e0e0")
AXIS_COLOUR = QColor("#757575")
TEXT_COLOUR = QColor("#424242")
MARGIN = 10
DAY_STEPS = (1, 2, 3, 5, 7, 10, 14, 15, 30, 60, 90, 180, 365)  # days between two dates on the axis


class Series(Enum):
    CONVERTED = "converted"  # 换发率
    COUNTS = "counts"  # 已换新版 and 待换发


@dataclass(frozen=True)
class Line:
    label: str
    colour: QColor
    value: Callable[[TrendPoint], float | None]


def nice_step(span: float, ticks: int = 5) -> float:
    """A round step (1, 2, 2.5 or 5 × 10ⁿ) that cuts `span` into about `ticks` parts."""
    raw = span / max(ticks, 1) if span > 0 else 1.0
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def value_range(values: Sequence[float], *, share: bool) -> tuple[float, float, float]:
    """(low, high, step) of the value axis: a share within 0–1 with some room around the line; counts from 0."""
    if share:
        low = max(0.0, math.floor((min(values) - 0.05) * 10) / 10)
        high = min(1.0, math.ceil((max(values) + 0.05) * 10) / 10)
        high = max(high, low + 0.1)
        return low, high, nice_step(high - low)
    top = max(max(values), 1.0)
    step = nice_step(top)
    return 0.0, math.ceil(top / step) * step, step


class TrendChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trendChart")
        self.points: tuple[TrendPoint, ...] = ()
        self.series = Series.CONVERTED
        self.setMouseTracking(True)
        self.setMinimumSize(360, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def sizeHint(self) -> QSize:
        return QSize(640, 260)

    def set_points(self, points: Sequence[TrendPoint], series: Series | None = None) -> None:
        self.points = tuple(points)
        if series is not None:
            self.series = series
        self.setAccessibleDescription(self.message() or self.summary())
        self.update()

    def lines(self) -> list[Line]:
        if self.series is Series.CONVERTED:
            return [Line(self.tr("换发率"), NEW_COLOUR, lambda p: p.converted)]
        return [Line(self.tr("已换新版"), NEW_COLOUR, lambda p: float(p.new_format)),
                Line(self.tr("待换发"), PENDING_COLOUR, lambda p: float(p.pending))]

    def message(self) -> str:
        """The sentence shown instead of a chart ("" when there is a line to draw)."""
        if not self.points:
            return self.tr("还没有进度快照：程序每天首次启动时记下当天的数字，有两天以上的快照就能看到趋势。")
        if len(self.points) == 1:
            point = self.points[0]
            return self.tr("只有 {day} 一天的快照（换发率 {share}，待换发 {pending} 本）；"
                           "有两天以上的快照才能画出趋势。").format(
                day=point.day.isoformat(), share=percent(point.converted), pending=f"{point.pending:,}")
        return ""

    def summary(self) -> str:
        first, last = self.points[0], self.points[-1]
        return self.tr("{start} 至 {end}：换发率 {a} → {b}，待换发 {p} → {q} 本").format(
            start=first.day.isoformat(), end=last.day.isoformat(), a=percent(first.converted),
            b=percent(last.converted), p=f"{first.pending:,}", q=f"{last.pending:,}")

    # --- geometry -----------------------------------------------------------------------------

    def _value_text(self, value: float) -> str:
        return f"{value * 100:.0f}%" if self.series is Series.CONVERTED else f"{value:,.0f}"

    def _frame(self) -> tuple[QRectF, float, float, float]:
        """The plot area and the value axis (low, high, step)."""
        values = [v for line in self.lines() for p in self.points if (v := line.value(p)) is not None] or [0.0]
        low, high, step = value_range(values, share=self.series is Series.CONVERTED)
        metrics = QFontMetrics(self.font())
        left = max(metrics.horizontalAdvance(self._value_text(v)) for v in (low, high)) + 2 * MARGIN
        top = metrics.height() + MARGIN * 1.5  # the legend
        bottom = metrics.height() + MARGIN * 1.5  # the dates
        rect = QRectF(left, top, max(self.width() - left - MARGIN * 2, 10), max(self.height() - top - bottom, 10))
        return rect, low, high, step

    def _x(self, rect: QRectF, day: dt.date) -> float:
        first, last = self.points[0].day, self.points[-1].day
        span = max((last - first).days, 1)
        return rect.left() + rect.width() * (day - first).days / span

    @staticmethod
    def _y(rect: QRectF, value: float, low: float, high: float) -> float:
        return rect.bottom() - rect.height() * (value - low) / (high - low if high > low else 1)

    def _date_label(self, day: dt.date) -> str:
        one_year = self.points[0].day.year == self.points[-1].day.year
        return day.strftime("%m-%d") if one_year else day.strftime("%y-%m-%d")

    def _date_ticks(self, rect: QRectF) -> list[dt.date]:
        """Days a whole number of days apart, counted back from the last one, whose labels do not touch."""
        first, last = self.points[0].day, self.points[-1].day
        span = (last - first).days
        label = QFontMetrics(self.font()).horizontalAdvance(self._date_label(last)) + 3 * MARGIN
        fit = max(1, int(rect.width() // label))
        step = next((s for s in DAY_STEPS if span / s <= fit), max(span, 1))
        return sorted(last - dt.timedelta(days=step * k) for k in range(span // step + 1))

    # --- painting -----------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        text = self.message()
        if text:
            painter.setPen(TEXT_COLOUR)
            painter.drawText(QRectF(self.rect()).adjusted(MARGIN * 2, MARGIN, -MARGIN * 2, -MARGIN),
                             int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), text)
            return
        rect, low, high, step = self._frame()
        self._paint_axes(painter, rect, low, high, step)
        for line in self.lines():
            self._paint_line(painter, rect, line, low, high)
        self._paint_legend(painter, rect)

    def _paint_axes(self, painter: QPainter, rect: QRectF, low: float, high: float, step: float) -> None:
        metrics = QFontMetrics(self.font())
        value = low
        while value <= high + step / 1000:
            y = self._y(rect, value, low, high)
            painter.setPen(QPen(GRID_COLOUR, 1))
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
            painter.setPen(TEXT_COLOUR)
            label = self._value_text(value)
            painter.drawText(QRectF(0, y - metrics.height() / 2, rect.left() - MARGIN / 2, metrics.height()),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), label)
            value += step
        painter.setPen(QPen(AXIS_COLOUR, 1))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.drawLine(rect.bottomLeft(), rect.topLeft())
        for day in self._date_ticks(rect):
            x = self._x(rect, day)
            painter.setPen(QPen(AXIS_COLOUR, 1))
            painter.drawLine(QPointF(x, rect.bottom()), QPointF(x, rect.bottom() + 4))
            label = self._date_label(day)
            width = metrics.horizontalAdvance(label)
            left = min(max(x - width / 2, 0), self.width() - width - 1)
            painter.setPen(TEXT_COLOUR)
            painter.drawText(QRectF(left, rect.bottom() + 5, width + 1, metrics.height()),
                             int(Qt.AlignmentFlag.AlignCenter), label)

    def _paint_line(self, painter: QPainter, rect: QRectF, line: Line, low: float, high: float) -> None:
        path = QPainterPath()
        dots: list[QPointF] = []
        for point in self.points:
            value = line.value(point)
            if value is None:
                continue
            spot = QPointF(self._x(rect, point.day), self._y(rect, value, low, high))
            if dots:
                path.lineTo(spot)
            else:
                path.moveTo(spot)
            dots.append(spot)
        painter.setPen(QPen(line.colour, 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        if len(dots) <= 45:  # the days themselves, while they are few enough to tell apart
            painter.setBrush(line.colour)
            for spot in dots:
                painter.drawEllipse(spot, 2.5, 2.5)

    def _paint_legend(self, painter: QPainter, rect: QRectF) -> None:
        metrics = QFontMetrics(self.font())
        x = rect.right()
        for line in reversed(self.lines()):
            width = metrics.horizontalAdvance(line.label)
            x -= width
            painter.setPen(TEXT_COLOUR)
            painter.drawText(QRectF(x, MARGIN / 2, width + 1, metrics.height()),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), line.label)
            x -= 22
            y = MARGIN / 2 + metrics.height() / 2
            painter.setPen(QPen(line.colour, 3))
            painter.drawLine(QPointF(x, y), QPointF(x + 16, y))
            x -= MARGIN * 2

    # --- hovering -----------------------------------------------------------------------------

    def point_near(self, x: float) -> TrendPoint | None:
        if len(self.points) < 2:
            return None
        rect = self._frame()[0]
        return min(self.points, key=lambda p: abs(self._x(rect, p.day) - x))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        point = self.point_near(event.position().x())
        if point is None:
            QToolTip.hideText()
            return
        text = self.tr("{day}\n换发率 {share}\n有效 {in_force}，已换新版 {new}，"
                       "待换发 {pending}\nA 证待补充 {a}").format(
            day=point.day.isoformat(), share=percent(point.converted), in_force=f"{point.in_force:,}",
            new=f"{point.new_format:,}", pending=f"{point.pending:,}", a=f"{point.a_missing_info:,}")
        QToolTip.showText(event.globalPosition().toPoint(), text, self)
