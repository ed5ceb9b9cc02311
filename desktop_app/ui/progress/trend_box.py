"""The trend's frame: 近 30 天 / 近 90 天, which series, and the chart itself."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QComboBox, QGroupBox, QHBoxLayout, QRadioButton, QVBoxLayout, QWidget

from desktop_app.ui.progress.trend_chart import Series, TrendChart

TREND_DAYS = (30, 90)  # services/api/progress.TREND_DAYS


class TrendBox(QGroupBox):
    """`daysChanged` when the window of days changes (the points must be read again)."""

    daysChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("趋势（每日快照）"))
        self.chart = TrendChart()
        self.days_group = QButtonGroup(self)
        self.days_buttons: dict[int, QRadioButton] = {}
        bar = QHBoxLayout()
        for days in TREND_DAYS:
            button = QRadioButton(self.tr("近 {0} 天").format(days))
            button.setObjectName(f"trendDays{days}")
            self.days_group.addButton(button, days)
            self.days_buttons[days] = button
            bar.addWidget(button)
        self.days_buttons[TREND_DAYS[0]].setChecked(True)
        self.series_combo = QComboBox()
        self.series_combo.setObjectName("trendSeries")
        self.series_combo.addItem(self.tr("换发率"), Series.CONVERTED.value)
        self.series_combo.addItem(self.tr("已换新版与待换发"), Series.COUNTS.value)
        self.series_combo.setToolTip(self.tr("画哪条线：换发率，或已换新版与待换发的证书数"))
        bar.addSpacing(12)
        bar.addWidget(self.series_combo)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.chart, 1)
        self.days_group.idClicked.connect(lambda _d: self.daysChanged.emit())
        self.series_combo.currentIndexChanged.connect(lambda _i: self.chart.set_points(self.chart.points,
                                                                                       self.series()))

    def focus_chain(self) -> list[QWidget]:
        return [*self.days_buttons.values(), self.series_combo]

    def days(self) -> int:
        return max(self.days_group.checkedId(), TREND_DAYS[0])

    def set_days(self, days: int) -> None:
        if days in self.days_buttons:
            self.days_buttons[days].setChecked(True)

    def series(self) -> Series:
        return Series(self.series_combo.currentData())

    def set_series(self, value: object) -> None:
        index = self.series_combo.findData(value)
        if index >= 0:
            self.series_combo.setCurrentIndex(index)
