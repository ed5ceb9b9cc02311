"""The search line of the workspace: navigation keys go to the results, Esc asks for a clear."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget


class SearchBox(QLineEdit):
    """The search line: Up/Down/PageUp/PageDown move through the results, Esc asks for a clear."""

    navigate = Signal(int)  # a Qt.Key the results should act on
    escapePressed = Signal()

    NAV_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchBox")
        self.setPlaceholderText(
            self.tr("姓名 / 拼音首字母 / 身份证号（或后几位）/ 证书编号 / 企业名称，或扫描证书二维码"))
        self.setClearButtonEnabled(True)
        self.setMinimumHeight(34)
        self.setStyleSheet("QLineEdit#searchBox { font-size: 13pt; padding: 2px 6px; }")
        self.setAccessibleName(self.tr("搜索"))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in self.NAV_KEYS and event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                                                   Qt.KeyboardModifier.KeypadModifier):
            self.navigate.emit(event.key())
            event.accept()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.escapePressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)
