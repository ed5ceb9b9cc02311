"""The search line of the workspace: navigation keys go to the results, Esc asks for a clear, and the
window's shortcuts (Ctrl+E edit, Ctrl+L worklist, …) work while typing here.

A QLineEdit claims some Ctrl keys for itself (on X11 Ctrl+E is "end of line"): it accepts the
ShortcutOverride event, so the window's action never fires. The box lets the window's own shortcuts
through (`pass_shortcuts`); Ctrl+Z stays the box's own undo of typing."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
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
        self._passed: set[str] = set()

    def pass_shortcuts(self, sequences: Iterable[QKeySequence]) -> None:
        """These window shortcuts fire even while the box has the focus (the box does not claim them)."""
        self._passed = {s.toString(QKeySequence.SequenceFormat.PortableText) for s in sequences if not s.isEmpty()}

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            pressed = QKeySequence(event.keyCombination()).toString(QKeySequence.SequenceFormat.PortableText)
            if pressed in self._passed:
                event.ignore()  # not ours: the window's shortcut map takes it
                return True
        return super().event(event)

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
