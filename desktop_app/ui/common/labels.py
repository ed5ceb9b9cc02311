"""Small label helpers shared by the panes and cards."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def selectable(label: QLabel) -> QLabel:
    """A label whose text can be selected and copied (with the mouse and the keyboard)."""
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                  | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    return label
