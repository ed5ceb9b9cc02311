"""The progress window's picker row: issuing unit, kind, the figure shown, the as-of day; refresh, export."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop_app.domain.rules import Rules
from desktop_app.services.progress.figures import SPECIAL_PREFIX, ProgressTable
from desktop_app.ui.progress.labels import figure_labels, kind_choice_label
from desktop_app.ui.progress.loading import SPECIAL_GROUP
from desktop_app.ui.progress.pace_panel import pydate, qdate


class PickerRow(QWidget):
    """`selectionChanged` when the unit or the kind changes, `figureChanged`, `dayChanged` (each keystroke)."""

    selectionChanged = Signal()
    figureChanged = Signal()
    dayChanged = Signal()

    def __init__(self, rules: Rules, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rules = rules
        self.unit_combo = QComboBox()
        self.unit_combo.setObjectName("progressUnit")
        self.unit_combo.addItem(self.tr("全部发证单位"), None)
        for unit in rules.units:
            self.unit_combo.addItem(unit.name, unit.name)
        self.unit_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.unit_combo.setMinimumContentsLength(12)
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("progressKind")
        self.kind_combo.addItem(kind_choice_label(None, rules), None)
        self.kind_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.kind_combo.setMinimumContentsLength(self._kind_width(kind_choice_label(SPECIAL_GROUP, rules)))
        self.figure_combo = QComboBox()
        self.figure_combo.setObjectName("progressFigure")
        for figure, label in figure_labels().items():
            self.figure_combo.addItem(label, figure)
        self.figure_combo.setToolTip(self.tr("表格中显示哪一项数字（悬停单元格可看到全部数字）"))
        self.date_edit = QDateEdit(qdate(today))
        self.date_edit.setObjectName("progressAsOf")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setMaximumDate(qdate(today))
        self.date_edit.setMinimumDate(QDate(2000, 1, 1))
        self.date_edit.setToolTip(self.tr("按哪一天统计（过去的日期：只算当天及以前生成的新版证书）"))
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.refresh_button.setObjectName("progressRefresh")
        self.refresh_button.setToolTip(self.tr("重新读取（F5）"))
        self.export_button = QPushButton(self.tr("导出 Excel…"))
        self.export_button.setObjectName("progressExport")
        self.export_button.setToolTip(self.tr("把进度汇总、趋势和待补充企业导出为 Excel 工作簿（.xlsx）"))
        for button in (self.refresh_button, self.export_button):
            button.setAutoDefault(False)

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for text, widget in ((self.tr("发证单位："), self.unit_combo), (self.tr("类别："), self.kind_combo),
                             (self.tr("显示："), self.figure_combo), (self.tr("截至："), self.date_edit)):
            label = QLabel(text)
            label.setBuddy(widget)
            row.addWidget(label)
            row.addWidget(widget)
            row.addSpacing(8)
        row.addWidget(self.refresh_button)
        row.addStretch(1)
        row.addWidget(self.export_button)

        self.unit_combo.currentIndexChanged.connect(lambda _i: self.selectionChanged.emit())
        self.kind_combo.currentIndexChanged.connect(lambda _i: self.selectionChanged.emit())
        self.figure_combo.currentIndexChanged.connect(lambda _i: self.figureChanged.emit())
        self.date_edit.dateChanged.connect(lambda _d: self.dayChanged.emit())

    def _kind_width(self, group_label: str) -> int:
        """The kind picker's width in characters: 12, or what "All special operations" needs in a Latin script
        (a combo box counts its contents in widths of an "X")."""
        if not group_label.isascii():
            return 12
        metrics = self.fontMetrics()
        return max(12, -(-metrics.horizontalAdvance(group_label) // max(metrics.horizontalAdvance("X"), 1)))

    def focus_chain(self) -> list[QWidget]:
        return [self.unit_combo, self.kind_combo, self.figure_combo, self.date_edit, self.refresh_button,
                self.export_button]

    def unit(self) -> str | None:
        return self.unit_combo.currentData()

    def kind_choice(self) -> str | None:
        return self.kind_combo.currentData()

    def figure(self) -> str:
        return str(self.figure_combo.currentData())

    def as_of(self) -> dt.date:
        return pydate(self.date_edit.date())

    def fill_kinds(self, table: ProgressTable) -> None:
        """Offer the kinds present on the day (the choice is kept, with zeros, when it no longer is; no signal)."""
        current = self.kind_choice()
        choices: list[str | None] = [None]
        for kind in table.kinds:
            if kind.startswith(SPECIAL_PREFIX) and SPECIAL_GROUP not in choices:
                choices.append(SPECIAL_GROUP)
            choices.append(kind)
        if current is not None and current not in choices:
            choices.append(current)
        self.kind_combo.blockSignals(True)
        self.kind_combo.clear()
        for choice in choices:
            self.kind_combo.addItem(kind_choice_label(choice, self.rules), choice)
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(current), 0))
        self.kind_combo.blockSignals(False)
        view = self.kind_combo.view()  # the list shows every kind in full
        view.setMinimumWidth(view.sizeHintForColumn(0) + view.verticalScrollBar().sizeHint().width() + 8)
