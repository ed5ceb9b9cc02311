"""Start the desktop app: Qt application, rules check, workspace, main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app import __version__
from desktop_app.domain.rules import ResourceError, default_rules
from desktop_app.errors import KnownError


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    QCoreApplication.setOrganizationName("CertDesk")
    QCoreApplication.setApplicationName("CertDesk")
    QCoreApplication.setApplicationVersion(__version__)
    return QApplication(argv if argv is not None else sys.argv[:1])


def run_gui(data_dir: Path) -> int:
    from desktop_app.services.workspace import open_workspace
    from desktop_app.ui.main_window import MainWindow

    app = make_application()
    try:
        default_rules()
        workspace = open_workspace(data_dir)
    except (ResourceError, KnownError) as exc:
        QMessageBox.critical(None, QCoreApplication.translate("app", "CertDesk 无法启动"), str(exc))
        return 2
    window = MainWindow(workspace)
    window.show()
    window.start()
    code = app.exec()
    workspace.close()
    return int(code)
