"""How a failure is shown: the environment's faults as a clear message with a hint; a bug logged with
its traceback and shown with a "复制错误信息" button (DESIGN §4.4)."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from desktop_app.errors import as_known_error
from desktop_app.logs import bug_report, log_path
from desktop_app.messages import msg


@dataclass(frozen=True)
class Failure:
    known: bool
    text: str
    hint: str | None
    details: str | None  # a bug's traceback, for the report


def understand(exc: BaseException) -> Failure:
    """What to tell the user about `exc` (a bug is logged here, once)."""
    known = as_known_error(exc)
    if known is not None:
        return Failure(True, str(known), known.hint, None)
    if getattr(exc, "__certdesk_failure__", None) is not None:
        return exc.__certdesk_failure__  # type: ignore[attr-defined]
    details = bug_report(exc, getattr(exc, "__traceback_text__", None))
    where = log_path()
    happened = msg("bug.happened", log=str(where) if where else "certdesk.log")
    failure = Failure(False, f"{happened.text()}\n{type(exc).__name__}: {exc}", happened.hint(), details)
    with contextlib.suppress(AttributeError):  # understood once: a second caller shows the same report
        exc.__certdesk_failure__ = failure  # type: ignore[attr-defined]
    return failure


def inline_text(exc: BaseException) -> str:
    """One message for a label or the status bar: the reason, and the hint when there is one."""
    failure = understand(exc)
    if failure.known and failure.hint:
        return QCoreApplication.translate("errors", "{0}（{1}）").format(failure.text, failure.hint)
    return failure.text


def show_error(parent: QWidget | None, exc: BaseException, title: str | None = None) -> Failure:
    """A message box: a warning for the environment's faults, a report with copyable details for a bug."""
    failure = understand(exc)
    box = QMessageBox(parent)
    box.setWindowTitle(title or (QCoreApplication.translate("errors", "CertDesk") if failure.known
                                 else msg("bug.dialog_title").text()))
    box.setIcon(QMessageBox.Icon.Warning if failure.known else QMessageBox.Icon.Critical)
    box.setText(failure.text)
    if failure.hint:
        box.setInformativeText(failure.hint)
    if failure.details:
        box.setDetailedText(failure.details)
        copy = QPushButton(QCoreApplication.translate("errors", "复制错误信息"))
        copy.setObjectName("copyErrorButton")
        box.addButton(copy, QMessageBox.ButtonRole.ActionRole)
        copy.clicked.disconnect()  # an action button would close the box; copying should not
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(f"{failure.text}\n\n{failure.details}"))
    box.addButton(QMessageBox.StandardButton.Ok)
    box.exec()
    return failure
