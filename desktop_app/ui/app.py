"""Start the desktop app: Qt application, rules and messages check, the workspace context, main window."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app import __version__
from desktop_app.domain.rules import ResourceError, default_rules
from desktop_app.errors import KnownError, as_known_error
from desktop_app.logs import setup_logging
from desktop_app.messages import CatalogueError, check_catalogues, current_language
from desktop_app.ui.common.collector import MainThreadCollector
from desktop_app.ui.qt_translations import install_qt_translations


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    QCoreApplication.setOrganizationName("CertDesk")
    QCoreApplication.setApplicationName("CertDesk")
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setProperty("qtTranslators", install_qt_translations(app, current_language()))  # kept alive with app
    MainThreadCollector(app)  # cycles freed on this thread only: Qt objects die where they live
    return app


def _report_uncaught(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """A bug that escaped a slot: logged with its traceback and shown with "复制错误信息"."""
    from desktop_app.ui.common.errors import show_error

    exc.__traceback_text__ = "".join(traceback.format_exception(kind, exc, tb))  # type: ignore[attr-defined]
    show_error(QApplication.activeWindow(), exc)


def run_gui(data_dir: Path) -> int:
    from desktop_app.services.context import WorkspaceContext
    from desktop_app.ui.main_window import MainWindow

    app = make_application()
    setup_logging(data_dir)
    try:
        default_rules()
        check_catalogues()
        ctx = WorkspaceContext.open(data_dir, os_user_fallback=False)  # the operator is asked for, not guessed
    except (ResourceError, CatalogueError, KnownError, OSError) as exc:
        known = as_known_error(exc)
        text = f"{known}\n\n{known.hint or ''}".strip() if known is not None else str(exc)
        QMessageBox.critical(None, QCoreApplication.translate("app", "CertDesk 无法启动"), text)
        return 2
    sys.excepthook = _report_uncaught
    window = MainWindow(ctx)
    window.show()
    window.start(offer_accounts=True)  # a real workspace without accounts is offered its first admin
    code = app.exec()
    ctx.close()
    return int(code)
