"""The line above the results: how the search box was understood, and how many persons are shown."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget


class ResultsStatus(QWidget):
    """"按“身份证号后 4 位”查找 … 共 12 人"."""

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

    def show_interpretation(self, interpretation: str) -> None:
        if interpretation and not interpretation.startswith(self.tr("按")):
            interpretation = self.tr("按“{0}”查找").format(interpretation)
        self.interpretation_label.setText(interpretation)

    def show_counts(self, count: int, has_more: bool) -> None:
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
        self.interpretation_label.clear()
        self.count_label.clear()
