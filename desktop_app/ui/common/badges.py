"""Small coloured status badges shared by the results table and the detail pane.

One place decides the colour of a status, so the table and the detail pane always agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QWidget


@dataclass(frozen=True)
class Tone:
    foreground: str
    background: str
    border: str


GOOD = Tone("#1b5e20", "#e3f4e4", "#8cc98f")
WARN = Tone("#8a4b00", "#fff1d6", "#f0b654")
BAD = Tone("#a11b1b", "#fde4e4", "#ec9a9a")
INFO = Tone("#0d47a1", "#e3eefc", "#90b4ea")
MUTED = Tone("#4a4a4a", "#eeeeee", "#c4c4c4")

# desktop_app.domain.status.Status values → tone
STATUS_TONES: dict[str, Tone] = {
    "valid": GOOD,
    "expiring": WARN,
    "expired": BAD,
    "suspended": BAD,
    "revoked": BAD,
    "cancelled": MUTED,
}

# Severity when one row summarises several certificates: the worst one shows.
STATUS_SEVERITY: dict[str, int] = {"valid": 0, "expiring": 1, "cancelled": 2, "expired": 3, "suspended": 4,
                                   "revoked": 5}


def status_tone(status: str) -> Tone:
    return STATUS_TONES.get(status, MUTED)


def status_color(status: str) -> QColor:
    """Foreground colour for a status in a table cell."""
    return QColor(status_tone(status).foreground)


def format_tone(fmt: str) -> Tone:
    return INFO if fmt == "new" else MUTED


def format_label(fmt: str) -> str:
    if fmt == "new":
        return QCoreApplication.translate("badges", "新版")
    return QCoreApplication.translate("badges", "旧版")


class Badge(QLabel):
    """A rounded label with a tone; the text is also exposed to screen readers and tests."""

    def __init__(self, text: str, tone: Tone, parent: QWidget | None = None, *, tooltip: str = "") -> None:
        super().__init__(text, parent)
        self.tone = tone
        self.setObjectName("badge")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setStyleSheet(
            f"QLabel#badge {{ color: {tone.foreground}; background: {tone.background};"
            f" border: 1px solid {tone.border}; border-radius: 4px; padding: 1px 6px; }}")
        if tooltip:
            self.setToolTip(tooltip)
        self.setAccessibleName(text)
