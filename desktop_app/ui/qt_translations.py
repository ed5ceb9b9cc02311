"""The UI's languages: Qt's own catalogue (qtbase_zh_CN.qm, shipped with PySide6) so that standard
dialogs and context menus (file dialogs, OK/Yes/No, the overwrite prompt, a line edit's 撤销/复制/粘贴)
speak the chosen language, and the application's catalogues for English.

The application's source texts are Simplified Chinese, so Chinese needs no catalogue of ours beyond
`zh_CN/qtbase_fixes.qm`: the few Qt texts whose Qt 6 source outgrew qtbase_zh_CN.qm. English
comes from `resources/translations/en/<feature>.qm`, one per folder of `desktop_app/ui`, made from the
`.ts` sources by `scripts/update-translations.py` (pyside6-lupdate, then pyside6-lrelease; both the
`.ts` and the `.qm` are committed, and a test fails when either is behind the code).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator

from desktop_app.paths import resources_dir

QT_CATALOGUES = ("qtbase",)  # qtbase holds every widget's and dialog's own texts
SOURCE_LANGUAGE = "zh_CN"  # the language the application's texts are written in
TRANSLATIONS_DIR = "translations"


def app_catalogue_dir(language: str) -> Path:
    return resources_dir() / TRANSLATIONS_DIR / language


class AppTranslator(QTranslator):
    """The application's .qm files behind one translator.

    PySide6's `self.tr` looks a text up under the class of the object at run time, while lupdate files
    it under the class whose method holds the call; a subclass (or a method inherited from a base)
    would then miss. On a miss this looks under each Python base class's name in turn."""

    def __init__(self, files: list[Path], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._inner: list[QTranslator] = []
        self._bases: dict[str, tuple[str, ...]] = {}
        for path in files:
            inner = QTranslator(self)
            if inner.load(str(path)):
                self._inner.append(inner)

    def loaded(self) -> int:
        return len(self._inner)

    def isEmpty(self) -> bool:  # Qt asks before it looks anything up
        return not self._inner

    def translate(self, context: str, source: str, disambiguation: str | None = None,  # type: ignore[override]
                  n: int = -1) -> str | None:
        for name in self._contexts(context):
            for inner in self._inner:
                found = inner.translate(name, source, disambiguation, n)
                if found:
                    return found
        return None  # a null string: "not here", so Qt asks the next translator or keeps the source

    def _contexts(self, context: str) -> tuple[str, ...]:
        if context not in self._bases:
            self._bases[context] = _class_bases().get(context, ())
        return (context, *self._bases[context], "")  # "" holds what a module-level tr() records


def _class_bases() -> dict[str, tuple[str, ...]]:
    """Each QObject subclass's name → the names of its Python base classes, nearest first (walked
    again for each context seen for the first time: a window's module may be imported late)."""
    found: dict[str, tuple[str, ...]] = {}
    pending = list(QObject.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        found.setdefault(cls.__name__, tuple(c.__name__ for c in cls.__mro__[1:] if issubclass(c, QObject)))
    return found


def install_qt_translations(app: QCoreApplication, language: str = SOURCE_LANGUAGE) -> list[QTranslator]:
    """Load Qt's catalogues and, for a language other than the source's, the application's, into `app`;
    returns the translators (keep them alive). A missing catalogue leaves that part untranslated."""
    installed: list[QTranslator] = []
    if not language.startswith("en"):  # Qt's own texts are English already
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name in QT_CATALOGUES:
            translator = QTranslator(app)
            if translator.load(QLocale(language), name, "_", folder):
                app.installTranslator(translator)
                installed.append(translator)
    ours_files = sorted(app_catalogue_dir(language).glob("*.qm"))  # zh_CN: corrections to Qt's own
    if ours_files:
        ours = AppTranslator(ours_files, app)
        if ours.loaded():
            app.installTranslator(ours)
            installed.append(ours)
    return installed
