"""Qt's own translations (qtbase_zh_CN.qm, shipped with PySide6), so that Qt's standard dialogs and
context menus (file dialogs, OK/Yes/No, the overwrite prompt, a line edit's 撤销/复制/粘贴) speak the
application's language instead of English."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

QT_CATALOGUES = ("qtbase",)  # qtbase holds every widget's and dialog's own texts


def install_qt_translations(app: QCoreApplication, language: str = "zh_CN") -> list[QTranslator]:
    """Load Qt's catalogues for `language` into `app`; returns the translators (keep them alive).
    English needs none: Qt's texts are English. A missing catalogue leaves Qt's English."""
    if language.startswith("en"):
        return []
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    installed: list[QTranslator] = []
    for name in QT_CATALOGUES:
        translator = QTranslator(app)
        if translator.load(QLocale(language), name, "_", folder):
            app.installTranslator(translator)
            installed.append(translator)
    return installed
