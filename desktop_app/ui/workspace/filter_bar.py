"""The workspace's filter bar: issuing unit, category / work type, format, status, blocked, unsynced; and,
after a drill-down from the progress window, a removable marker of the progress figure it lists."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QPushButton, QSizePolicy, QToolButton, QWidget

from desktop_app.domain.rules import Rules
from desktop_app.domain.status import Status
from desktop_app.services.search_types import SearchFilters
from desktop_app.ui.common.badges import INFO
from desktop_app.ui.progress.labels import figure_label
from desktop_app.ui.workspace.names import special_name


def fit_popup(combo: QComboBox) -> None:
    """A narrow combo box whose list still shows every item in full."""
    view = combo.view()
    view.setMinimumWidth(view.sizeHintForColumn(0) + view.verticalScrollBar().sizeHint().width() + 8)


COMBO_CHROME = 36  # the arrow and the frame beside a combo's text, in pixels
MAX_COMBO = 200


class FilterBar(QWidget):
    """The filters under the search box; `changed` when the user changes one, `filters()` says what they are."""

    changed = Signal()

    def __init__(self, rules: Rules, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterBar")
        self.rules = rules
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)

        self.unit_combo = self._combo("unitFilter", [(self.tr("全部发证单位"), None)])
        self.unit_combo.setToolTip(self.tr("发证单位"))
        self.unit_combo.setMinimumContentsLength(10)
        self.category_combo = self._combo("categoryFilter", self._categories())
        self.category_combo.setToolTip(self.tr("证书类别 / 特种作业工种（{0}）").format(special_name(rules)))
        self.category_combo.setMinimumContentsLength(10)
        self.format_combo = self._combo("formatFilter", [(self.tr("新旧版式"), None), (self.tr("旧版"), "old"),
                                                         (self.tr("新版"), "new")])
        self.status_combo = self._combo("statusFilter", [(self.tr("全部状态"), None)]
                                        + [(s.label, s.value) for s in Status])
        self.blocked_check = QCheckBox(self.tr("A 证待补充/受阻"))
        self.blocked_check.setObjectName("blockedFilter")
        self.blocked_check.setToolTip(self.tr("只看不能生成新版证书的人员（如 A 证缺少职务、技术职称）"))
        self.unsynced_check = QCheckBox(self.tr("本地未同步"))
        self.unsynced_check.setObjectName("unsyncedFilter")
        self.unsynced_check.setToolTip(self.tr("只看本地有修改、尚未同步到省系统的人员"))
        self.figure: tuple[str, dt.date | None] | None = None  # the progress figure listed (drill-down)
        self.figure_marker = QToolButton()
        self.figure_marker.setObjectName("figureMarker")
        self.figure_marker.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.figure_marker.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.figure_marker.setStyleSheet(
            f"QToolButton#figureMarker {{ color: {INFO.foreground}; background: {INFO.background};"
            f" border: 1px solid {INFO.border}; border-radius: 4px; padding: 1px 6px; }}")
        self.figure_marker.setVisible(False)
        self.reset_button = QPushButton(self.tr("清除筛选"))
        self.reset_button.setObjectName("resetFilters")
        self.reset_button.setEnabled(False)
        self.reset_button.setAutoDefault(False)
        for widget in self.combos():
            widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            fit_popup(widget)
            row.addWidget(widget)
        row.addWidget(self.blocked_check)
        row.addWidget(self.unsynced_check)
        row.addWidget(self.figure_marker)
        row.addStretch(1)
        row.addWidget(self.reset_button)

        for box in self.combos():
            box.currentIndexChanged.connect(self._changed)
        for check in (self.blocked_check, self.unsynced_check):
            check.toggled.connect(self._changed)
        self.reset_button.clicked.connect(self.reset)
        self.figure_marker.clicked.connect(self.clear_figure)

    def _combo(self, name: str, items: list[tuple[str, Any]]) -> QComboBox:
        box = QComboBox()
        box.setObjectName(name)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(4)
        for text, data in items:
            box.addItem(text, data)
        if items:  # the "all" entry readable whole in either language (English runs longer), within reason
            box.setMinimumWidth(min(box.fontMetrics().horizontalAdvance(items[0][0]) + COMBO_CHROME, MAX_COMBO))
        return box

    def _categories(self) -> list[tuple[str, Any]]:
        categories: list[tuple[str, Any]] = [(self.tr("全部类别/工种"), None)]
        for code in ("A", "B", "C", "C1", "C2"):
            cat = self.rules.categories.get(code)
            if cat is not None:
                label = f"{code} · {cat.label}"
                if code == "C":
                    label = self.tr("C/C3 · 专职安全生产管理人员（综合类）")
                categories.append((label, code))
        categories.append((self.tr("特种作业（全部工种）"), "SPECIAL"))
        for wt in self.rules.work_types:  # data "SPECIAL:<new code>"
            categories.append((f"　{wt.new_code} · {wt.label}", f"SPECIAL:{wt.new_code}"))
        return categories

    def combos(self) -> tuple[QComboBox, ...]:
        return self.unit_combo, self.category_combo, self.format_combo, self.status_combo

    def filters(self) -> SearchFilters:
        category = self.category_combo.currentData()
        cat, _, code = category.partition(":") if category else (None, "", "")
        return SearchFilters(
            unit=self.unit_combo.currentData(),
            category=cat,
            work_type=code or None,
            format=self.format_combo.currentData(),
            status=self.status_combo.currentData(),
            blocked=True if self.blocked_check.isChecked() else None,
            unsynced=True if self.unsynced_check.isChecked() else None,
            figure=self.figure[0] if self.figure else None,
            as_of=self.figure[1] if self.figure else None,
        )

    def set_filters(self, filters: SearchFilters) -> None:
        """Show these filters (a drill-down from the progress window): the unit, the category or work type,
        the format, status and checks, and the figure's marker; one `changed`."""
        category = filters.category
        if category == "SPECIAL" and filters.work_type:
            category = f"SPECIAL:{filters.work_type}"
        widgets: list[QComboBox | QCheckBox] = [*self.combos(), self.blocked_check, self.unsynced_check]
        for widget in widgets:
            widget.blockSignals(True)
        if filters.unit is not None and self.unit_combo.findData(filters.unit) < 0:
            self.unit_combo.addItem(filters.unit, filters.unit)  # (the cache's units may not be read yet)
        for combo, value in ((self.unit_combo, filters.unit), (self.category_combo, category),
                             (self.format_combo, filters.format), (self.status_combo, filters.status)):
            combo.setCurrentIndex(max(combo.findData(value), 0) if value is not None else 0)
        self.blocked_check.setChecked(bool(filters.blocked))
        self.unsynced_check.setChecked(bool(filters.unsynced))
        for widget in widgets:
            widget.blockSignals(False)
        self._show_figure((filters.figure, filters.as_of) if filters.figure else None)
        self._changed()

    def _show_figure(self, figure: tuple[str, dt.date | None] | None) -> None:
        self.figure = figure
        self.figure_marker.setVisible(figure is not None)
        if figure is None:
            return
        name, as_of = figure
        day = self.tr("（截至 {0}）").format(as_of.isoformat()) if as_of else ""
        self.figure_marker.setText(self.tr("进度：{0}{1} ✕").format(figure_label(name), day))
        self.figure_marker.setToolTip(self.tr("只列出换发进度中计入“{0}”的证书的持证人员；点击取消这一条件").format(
            figure_label(name)))

    def clear_figure(self) -> None:
        """The marker's ✕: list without the progress figure (the other filters stay; one `changed`)."""
        if self.figure is not None:
            self._show_figure(None)
            self._changed()

    def set_units(self, units: list[str]) -> None:
        """The issuing units found in the cache (the current choice is kept; no `changed`)."""
        current = self.unit_combo.currentData()
        self.unit_combo.blockSignals(True)
        self.unit_combo.clear()
        self.unit_combo.addItem(self.tr("全部发证单位"), None)
        for unit in units:
            self.unit_combo.addItem(unit, unit)
        index = self.unit_combo.findData(current) if current is not None else 0
        self.unit_combo.setCurrentIndex(max(index, 0))
        self.unit_combo.blockSignals(False)
        fit_popup(self.unit_combo)

    def reset(self) -> None:
        """Every filter back to "all" (one `changed`)."""
        widgets: list[QComboBox | QCheckBox] = [*self.combos(), self.blocked_check, self.unsynced_check]
        for widget in widgets:
            widget.blockSignals(True)
        for combo in self.combos():
            combo.setCurrentIndex(0)
        self.blocked_check.setChecked(False)
        self.unsynced_check.setChecked(False)
        for widget in widgets:
            widget.blockSignals(False)
        self._show_figure(None)
        self._changed()

    def _changed(self, *_args: object) -> None:
        self.reset_button.setEnabled(not self.filters().is_empty())
        self.changed.emit()
