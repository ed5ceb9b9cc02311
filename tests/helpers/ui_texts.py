"""The texts a window shows, and which of them are in the wrong script for the UI's language.

Used by tests/gui/test_ui_languages.py. A widget marked with `ui.common.labels.data_field` (and all
inside it) shows data and is left alone; so are table cells and combo-box entries (data, or choices
from the rules); every other label, button, title, tab, placeholder, tooltip, menu entry and column
header is read. Data that a sentence quotes (a name, a unit, a certificate number) is taken out
before the check, from a vocabulary the test builds from the workspace.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]+")
# Latin words a Chinese text uses as they are: the product, formats, units, keys, standard abbreviations.
_ALLOWED_WORDS = """
    CertDesk PDF Excel QR Ctrl Shift Alt Enter Return Esc Tab Del Delete Backspace Space Home End
    PgUp PgDown mm cm KB MB GB dpi JPEG JPG PNG CSV JSONL JSON xlsx jsonl pdf png jpg jpeg zip csv
    https http URL CA TLS USCC ID Qt PySide6 SQLite A4 OK UTC Windows Linux CPU PostgreSQL SHA256
    Ed25519 ECDSA PEM UUID API C1 C2 C3
"""
LATIN_ALLOWED = frozenset(_ALLOWED_WORDS.split())
IGNORED = (re.compile(r"https?://\S+"), re.compile(r"\*\.\w+"), re.compile(r"\b[\w.-]+@[\w.-]+\b"),
           re.compile(r"\b[FfPp]\d{1,2}\b"), re.compile(r"(?:[A-Z]:)?[/\\][\w./\\-]+"))


def _plain(text: str) -> str:
    """Rich text as the reader sees it."""
    if "<" in text and ">" in text:
        text = re.sub(r"<[^>]+>", " ", text)
    return html.unescape(text).replace("&&", "&")


def _is_data(widget: QWidget) -> bool:
    current: QWidget | None = widget
    while current is not None:
        if current.property("dataField"):
            return True
        current = current.parentWidget()
    return False


def widget_texts(top: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every text of `top` and its visible children that is not data."""
    title = top.windowTitle().split(" — ")[0]  # what follows the dash names data (a person, a unit)
    yield f"{type(top).__name__} title", title
    for widget in [top, *top.findChildren(QWidget)]:
        if _is_data(widget) or (widget is not top and not widget.isVisibleTo(top)):
            continue
        yield from _own_texts(widget)
    if isinstance(top, QMainWindow):
        for menu in top.menuBar().findChildren(QMenu):
            yield from menu_texts(menu)


def menu_texts(menu: QMenu) -> Iterator[tuple[str, str]]:
    yield "menu", menu.title()
    for action in menu.actions():
        yield f"menu {menu.title()}", action.text()
        yield f"tip {action.text()}", action.toolTip() if action.toolTip() != action.text().replace("&", "") else ""


def _own_texts(widget: QWidget) -> Iterator[tuple[str, str]]:
    name = f"{type(widget).__name__} {widget.objectName()}".strip()
    yield f"{name} tooltip", widget.toolTip()
    if isinstance(widget, QLabel | QAbstractButton):
        yield name, widget.text()
    elif isinstance(widget, QGroupBox):
        yield name, widget.title()
    elif isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit):
        yield f"{name} placeholder", widget.placeholderText()
    elif isinstance(widget, QTabWidget):
        for i in range(widget.count()):
            yield f"{name} tab", widget.tabText(i)
    elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model = widget.model()
        for column in range(model.columnCount()):
            header = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
            yield f"{name} header", str(header) if header is not None else ""


class ScriptCheck:
    """Finds the texts in the wrong script for `language`, with `data` (quoted values) taken out."""

    def __init__(self, language: str, data: Iterable[str]) -> None:
        self.english = language == "en"
        words = sorted({d for d in data if d and (CJK.search(d) if self.english else LATIN_WORD.search(d))},
                       key=len, reverse=True)
        self.data = re.compile("|".join(map(re.escape, words))) if words else None

    def wrong(self, text: str) -> str:
        """'' when `text` suits the language, else the offending part."""
        text = _plain(text)
        if self.data is not None:
            text = self.data.sub(" ", text)
        if self.english:
            found = CJK.findall(text)
            return "".join(found)
        for pattern in IGNORED:
            text = pattern.sub(" ", text)
        return " ".join(w for w in LATIN_WORD.findall(text) if w not in LATIN_ALLOWED)

    def problems(self, texts: Iterable[tuple[str, str]]) -> list[str]:
        found = []
        for where, text in texts:
            bad = self.wrong(text) if text else ""
            if bad:
                found.append(f"{where}: {text!r} ({bad})")
        return found
