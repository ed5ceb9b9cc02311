"""The line above the results: how the search box was understood, and how many persons are shown."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from desktop_app.messages import msg
from desktop_app.services.search_types import split_interpretation


class ResultsStatus(QWidget):
    """"按“身份证号后 4 位”查找 … 共 12 人"; on an empty page also what to try ("身份证号至少输入 4 位")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.interpretation_label = QLabel()
        self.interpretation_label.setObjectName("interpretationLabel")
        self.interpretation_label.setStyleSheet("color: #555;")
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.interpretation_label, 1)
        row.addWidget(self.count_label)
        self._understood = ""
        self._hint = ""
        self._empty = False

    @property
    def hint(self) -> str:
        """What to try instead, shown while the page is empty ("" when the planner has none)."""
        return self._hint

    def show_interpretation(self, interpretation: str) -> None:
        understood, self._hint = split_interpretation(interpretation)
        if understood == str(msg("search.understood.filters_only")):  # a sentence already: 按筛选条件列出
            understood = understood[:1].upper() + understood[1:]
        elif understood:
            understood = self.tr("按“{0}”查找").format(understood)
        self._understood = understood
        self._render()

    def nothing_found(self) -> str:
        """The empty table's placeholder: "没有找到符合条件的人员", and the hint on a line of its own."""
        text = self.tr("没有找到符合条件的人员")
        return f"{text}\n{self._hint}" if self._hint else text

    def _render(self) -> None:
        parts = [self._understood] if self._understood else []
        if self._empty and self._hint:
            parts.append(self._hint)
        self.interpretation_label.setText(self.tr("；").join(parts))

    def show_counts(self, count: int, has_more: bool) -> None:
        self._empty = count == 0 and not has_more
        self._render()
        if has_more:
            self.count_label.setText(self.tr("已显示 {0} 人，向下滚动加载更多").format(count))
        else:
            self.count_label.setText(self.tr("共 {0} 人").format(count))

    def show_searching(self) -> None:
        self.count_label.setText(self.tr("搜索中…"))

    def show_failure(self, message: str) -> None:
        self.interpretation_label.setText(message)
        self.count_label.clear()

    def clear(self) -> None:
        self._understood = self._hint = ""
        self._empty = False
        self.interpretation_label.clear()
        self.count_label.clear()
