"""The idle lock: the window is covered and this dialog asks for the signed-in account's password.

Unlocking checks the password through the account service (a wrong one counts like a wrong sign-in,
so the lock cannot be guessed away); 切换账号 signs out and asks for another account. The dialog
cannot be closed any other way: Esc and the window's close button do nothing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.context import Actor, WorkspaceContext
from desktop_app.ui.accounts.sign_in_dialog import ERROR_STYLE
from desktop_app.ui.accounts.who import signed_in_text
from desktop_app.ui.common.errors import inline_text
from desktop_app.ui.common.labels import data_field
from desktop_app.ui.common.operations import Op


class LockDialog(QDialog):
    unlocked = Signal(object)  # the Actor, still the same account
    switchRequested = Signal()

    def __init__(self, ctx: WorkspaceContext, parent: QWidget | None = None, *, minutes: int = 0) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.busy = False
        self.setObjectName("lockDialog")
        self.setWindowTitle(self.tr("CertDesk 已锁定"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        self.setMinimumWidth(420)
        why = self.tr("空闲 {0} 分钟，窗口已锁定。").format(minutes) if minutes else self.tr("窗口已锁定。")
        why_label = QLabel(why)
        why_label.setWordWrap(True)
        self.who_label = data_field(QLabel(signed_in_text(ctx)))  # the account (its names, its role)
        self.who_label.setObjectName("lockWho")
        self.who_label.setStyleSheet("font-weight: bold;")
        self.who_label.setWordWrap(True)
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("lockPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("当前登录："), self.who_label)
        form.addRow(self.tr("密码："), self.password_edit)
        self.message_label = QLabel()
        self.message_label.setObjectName("lockMessage")
        self.message_label.setStyleSheet(ERROR_STYLE)
        self.message_label.setWordWrap(True)
        self.unlock_button = QPushButton(self.tr("解锁"))
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)
        self.switch_button = QPushButton(self.tr("切换账号"))
        self.switch_button.setObjectName("switchAccountButton")
        self.switch_button.setAutoDefault(False)
        buttons = QDialogButtonBox()
        buttons.addButton(self.unlock_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.switch_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.unlock_button.clicked.connect(self.unlock)
        self.switch_button.clicked.connect(self._switch)
        layout = QVBoxLayout(self)
        layout.addWidget(why_label)
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addWidget(buttons)
        self.password_edit.setFocus()

    def unlock(self) -> None:
        if self.busy:
            return
        password = self.password_edit.text()
        if not password:
            self.message_label.setText(self.tr("请输入密码"))
            self.password_edit.setFocus()
            return
        self._set_busy(True)
        accounts = self.ctx.accounts
        Op(self, lambda: accounts.unlock(password), writes=True).success(self._unlocked).failure(self._failed).run()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.unlock_button.setDefault(True)  # (a click, disabling and enabling, takes Enter away from it)
        for widget in (self.password_edit, self.unlock_button, self.switch_button):
            widget.setEnabled(not busy)

    def _unlocked(self, actor: Actor) -> None:
        self._set_busy(False)
        self.password_edit.clear()
        self.unlocked.emit(actor)
        self.done(QDialog.DialogCode.Accepted)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.message_label.setText(inline_text(exc))
        self.password_edit.clear()
        self.password_edit.setFocus()

    def _switch(self) -> None:
        if self.busy:
            return
        self.done(QDialog.DialogCode.Rejected)
        self.switchRequested.emit()

    def reject(self) -> None:
        """Esc does not unlock."""

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()
