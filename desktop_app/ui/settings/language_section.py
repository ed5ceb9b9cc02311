"""The UI's language in the settings: Simplified Chinese (the default, saved as "") or English.

The choice is saved with the other settings and read once at start (`messages.choose_language`),
so it takes effect when CertDesk is started again; the note beside the list says so.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget

from desktop_app.messages import DEFAULT_LANGUAGE, LANGUAGE_VARIABLE, LANGUAGES, language_override

# Each language under its own name, as language lists do, so a reader can find theirs either way.
LANGUAGE_NAMES = {"zh_CN": "简体中文", "en": "English"}


class LanguageSection(QWidget):
    """A combo of the languages and the restart note; `save` writes the choice into the settings."""

    def __init__(self, saved: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox()
        self.combo.setObjectName("settingsLanguage")
        for language in LANGUAGES:
            self.combo.addItem(LANGUAGE_NAMES[language], "" if language == DEFAULT_LANGUAGE else language)
        self.combo.setCurrentIndex(max(self.combo.findData(saved if saved in LANGUAGES else ""), 0))
        self.saved = self.language()
        text = self.tr("更改语言后重新启动 CertDesk 生效。")
        override = language_override()
        if override:  # else the list would seem to disagree with the language on screen
            text += " " + self.tr("此计算机上的环境变量 {0}={1} 优先于此设置。").format(LANGUAGE_VARIABLE, override)
        note = QLabel(text)
        note.setObjectName("settingsLanguageNote")
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("界面语言："), self.combo)
        form.addRow("", note)

    def language(self) -> str:
        """The setting's value: "" for the default language, else its code."""
        return str(self.combo.currentData() or "")

    def changed(self) -> bool:
        return self.language() != self.saved
