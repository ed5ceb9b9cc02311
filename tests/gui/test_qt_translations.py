"""Qt's own dialogs speak Chinese once qtbase_zh_CN is loaded (issue 15's first part), English without it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QMessageBox

from desktop_app.ui.qt_translations import install_qt_translations


def _button_texts() -> dict[str, str]:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    message = QMessageBox(QMessageBox.Icon.Question, "t", "t",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    texts = {"ok": box.button(QDialogButtonBox.StandardButton.Ok).text(),
             "cancel": box.button(QDialogButtonBox.StandardButton.Cancel).text(),
             "yes": message.button(QMessageBox.StandardButton.Yes).text()}
    box.deleteLater()
    message.deleteLater()
    return texts


def test_standard_buttons_and_context_menus_in_chinese(qapp: QApplication, qtbot: Any) -> None:
    translators = install_qt_translations(qapp, "zh_CN")
    try:
        assert translators, "qtbase_zh_CN.qm is shipped with PySide6"
        texts = _button_texts()
        assert "确定" in texts["ok"] and "取消" in texts["cancel"] and "是" in texts["yes"], texts
        edit = QLineEdit()
        qtbot.addWidget(edit)
        menu = edit.createStandardContextMenu()
        labels = " ".join(a.text() for a in menu.actions())
        assert "复制" in labels and "粘贴" in labels and "Copy" not in labels, labels
        menu.deleteLater()
    finally:
        for translator in translators:
            QCoreApplication.removeTranslator(translator)
    assert "Cancel" in _button_texts()["cancel"]  # removed again: the other tests see Qt's English


def test_english_loads_nothing(qapp: QApplication) -> None:
    assert install_qt_translations(qapp, "en") == []
