"""A plain sheet over the whole main window while nobody may see it: before sign-in, after 注销, while
the idle lock is on. The records behind it are not shown until an account signs in (again)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class Cover(QWidget):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("accountsCover")
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, palette.color(QPalette.ColorRole.Window).darker(108))
        self.setPalette(palette)
        self.label = QLabel()
        self.label.setObjectName("accountsCoverText")
        self.label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.label.setStyleSheet("color: #555; font-size: 20px;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 72, 24, 24)  # above the dialog that sits in the middle
        layout.addWidget(self.label)
        layout.addStretch(1)
        self.hide()
        window.installEventFilter(self)

    def cover(self, text: str) -> None:
        self.label.setText(text)
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()

    def uncover(self) -> None:
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.parentWidget() and self.isVisible():
            self.setGeometry(self.parentWidget().rect())
        return False
