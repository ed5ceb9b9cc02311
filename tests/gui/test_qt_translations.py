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


def test_english_loads_only_ours(qapp: QApplication) -> None:
    """English: Qt's texts are English already; only the application's catalogue is installed."""
    installed = install_qt_translations(qapp, "en")
    try:
        assert [type(t).__name__ for t in installed] == ["AppTranslator"]
        assert QCoreApplication.translate("SettingsDialog", "设置") == "Settings"
        assert QCoreApplication.translate("SettingsDialog", "没有这句") == "没有这句"  # a miss keeps the source
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
    assert QCoreApplication.translate("SettingsDialog", "设置") == "设置"


def test_a_subclass_finds_its_base_class_texts(qapp: QApplication) -> None:
    """PySide6's self.tr looks under the run-time class; the translator also tries the bases."""
    from desktop_app.ui.settings.dialog import SettingsDialog

    class LocalSettings(SettingsDialog):
        pass

    installed = install_qt_translations(qapp, "en")
    try:
        assert QCoreApplication.translate("LocalSettings", "设置") == "Settings"
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
