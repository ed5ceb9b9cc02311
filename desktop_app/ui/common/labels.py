"""Small label helpers shared by the panes and cards."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

DATA_PROPERTY = "dataField"  # a widget that shows records' data (names, units, numbers), not the UI's words
W = TypeVar("W", bound=QWidget)


def selectable(label: QLabel) -> QLabel:
    """A label whose text can be selected and copied (with the mouse and the keyboard)."""
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                  | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    return label


def data_field(widget: W) -> W:
    """Mark `widget` as showing data: its text is a record's (a name, a unit, an enterprise), so the
    language check of tests/gui/test_ui_languages.py leaves it alone."""
    widget.setProperty(DATA_PROPERTY, True)
    return widget
