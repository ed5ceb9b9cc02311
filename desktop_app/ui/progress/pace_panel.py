"""The pace beside the chart: the supervisor's target day (saved in the settings), the days left, what a
day needs, what a day brought lately, and when the pending certificates are done at that pace."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCheckBox, QDateEdit, QFormLayout, QHBoxLayout, QLabel, QWidget

from desktop_app.services.progress.figures import Pace
from desktop_app.ui.common.badges import BAD, GOOD, WARN

DEFAULT_TARGET_DAYS = 90  # a first target proposed when none is set


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class PacePanel(QWidget):
    """`targetChanged(day or None)` when the user sets or clears the target day."""

    targetChanged = Signal(object)

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pacePanel")
        self.pace: Pace | None = None
        self.target_check = QCheckBox(self.tr("目标完成日期"))
        self.target_check.setObjectName("targetCheck")
        self.target_check.setToolTip(self.tr("计划在哪一天前完成全部待换发证书（保存在本工作区的设置中）"))
        self.target_edit = QDateEdit()
        self.target_edit.setObjectName("targetDate")
        self.target_edit.setCalendarPopup(True)
        self.target_edit.setDisplayFormat("yyyy-MM-dd")
        self.target_edit.setEnabled(False)
        self.target_edit.setDate(qdate(today + dt.timedelta(days=DEFAULT_TARGET_DAYS)))
        target_row = QHBoxLayout()
        target_row.setContentsMargins(0, 0, 0, 0)
        target_row.addWidget(self.target_check)
        target_row.addWidget(self.target_edit, 1)

        self.pending_label = self._value("pacePending")
        self.days_left_label = self._value("paceDaysLeft")
        self.needed_label = self._value("paceNeeded")
        self.recent_label = self._value("paceRecent")
        self.finish_label = self._value("paceFinish")
        self.verdict_label = QLabel()
        self.verdict_label.setObjectName("paceVerdict")
        self.verdict_label.setWordWrap(True)

        form = QFormLayout(self)
        form.setContentsMargins(8, 0, 0, 0)
        form.addRow(target_row)
        form.addRow(self.tr("待换发："), self.pending_label)
        form.addRow(self.tr("剩余天数："), self.days_left_label)
        form.addRow(self.tr("每日需换发："), self.needed_label)
        form.addRow(self.tr("近期每日换发："), self.recent_label)
        form.addRow(self.tr("预计完成日期："), self.finish_label)
        form.addRow(self.verdict_label)

        self.target_check.toggled.connect(self._check_toggled)
        self.target_edit.dateChanged.connect(lambda _d: self._emit())

    @staticmethod
    def _value(name: str) -> QLabel:
        label = QLabel("—")
        label.setObjectName(name)
        label.setStyleSheet("font-weight: bold;")
        return label

    def set_target(self, target: dt.date | None, as_of: dt.date) -> None:
        """Show the saved target (no `targetChanged`)."""
        for widget in (self.target_check, self.target_edit):
            widget.blockSignals(True)
        self.target_check.setChecked(target is not None)
        self.target_edit.setEnabled(target is not None)
        self.target_edit.setDate(qdate(target or as_of + dt.timedelta(days=DEFAULT_TARGET_DAYS)))
        for widget in (self.target_check, self.target_edit):
            widget.blockSignals(False)

    def target(self) -> dt.date | None:
        return pydate(self.target_edit.date()) if self.target_check.isChecked() else None

    def _check_toggled(self, checked: bool) -> None:
        self.target_edit.setEnabled(checked)
        if checked:
            self.target_edit.setFocus()
        self._emit()

    def _emit(self) -> None:
        self.targetChanged.emit(self.target())

    def show_pace(self, pace: Pace | None, window_days: int) -> None:
        self.pace = pace
        if pace is None:
            for label in (self.pending_label, self.days_left_label, self.needed_label, self.recent_label,
                          self.finish_label):
                label.setText("—")
            self.verdict_label.clear()
            return
        self.pending_label.setText(self.tr("{0} 本").format(f"{pace.pending:,}"))
        if pace.days_left is None:
            self.days_left_label.setText(self.tr("未设定目标"))
        elif pace.days_left < 0:
            self.days_left_label.setText(self.tr("已过目标日 {0} 天").format(-pace.days_left))
        else:
            self.days_left_label.setText(self.tr("{0} 天").format(pace.days_left))
        self.needed_label.setText("—" if pace.needed_per_day is None
                                  else self.tr("{0} 本/天").format(f"{pace.needed_per_day:,.1f}"))
        recent = pace.recent_per_day
        self.recent_label.setText(self.tr("快照不足，无法计算") if recent is None
                                  else self.tr("{0} 本/天（近 {1} 天）").format(f"{recent:,.1f}", window_days))
        if pace.projected_finish is not None:
            self.finish_label.setText(pace.projected_finish.isoformat())
        else:
            self.finish_label.setText(self.tr("按近期速度无法估计") if pace.pending else "—")
        self._verdict(pace)

    def _verdict(self, pace: Pace) -> None:
        if pace.pending == 0:
            text, tone = self.tr("已全部换发"), GOOD
        elif pace.projected_finish is None:
            text, tone = self.tr("近期没有新换发的证书"), BAD
        elif pace.target is None:
            text, tone = self.tr("设定目标日期后可看出进度是否赶得上"), None
        elif pace.projected_finish <= pace.target:
            text, tone = self.tr("按近期速度可在目标日前完成"), GOOD
        else:
            late = (pace.projected_finish - pace.target).days
            text, tone = self.tr("按近期速度将比目标晚 {0} 天").format(late), BAD if late > 30 else WARN
        self.verdict_label.setText(text)
        self.verdict_label.setStyleSheet(f"color: {tone.foreground}; font-weight: bold;" if tone else "color: #555;")
