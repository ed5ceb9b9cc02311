"""修改密码: the signed-in account's own password (the old one, the new one twice)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.messages import msg
from desktop_app.services.context import WorkspaceContext
from desktop_app.ui.accounts.sign_in_dialog import ERROR_STYLE
from desktop_app.ui.accounts.who import signed_in_text
from desktop_app.ui.common.errors import inline_text
from desktop_app.ui.common.labels import data_field
from desktop_app.ui.common.operations import Op


class ChangePasswordDialog(QDialog):
    def __init__(self, ctx: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.busy = False
        self.setObjectName("changePasswordDialog")
        self.setWindowTitle(self.tr("修改密码"))
        self.setMinimumWidth(420)
        who = data_field(QLabel(signed_in_text(ctx)))  # the account (its names, its role)
        who.setObjectName("passwordWho")
        length = ctx.roles.policy.min_password_length
        self.old_edit, self.new_edit, self.again_edit = (self._password(n) for n in ("old", "new", "again"))
        self.new_edit.setPlaceholderText(self.tr("至少 {0} 个字符").format(length))
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(self.tr("账号："), who)
        form.addRow(self.tr("原密码："), self.old_edit)
        form.addRow(self.tr("新密码："), self.new_edit)
        form.addRow(self.tr("再次输入新密码："), self.again_edit)
        self.message_label = QLabel()
        self.message_label.setObjectName("passwordMessage")
        self.message_label.setStyleSheet(ERROR_STYLE)
        self.message_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("修改"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addWidget(self.buttons)
        self.old_edit.setFocus()

    def _password(self, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(f"password_{name}")
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        return edit

    def save(self) -> None:
        if self.busy:
            return
        old, new = self.old_edit.text(), self.new_edit.text()
        if not old:
            self.message_label.setText(self.tr("请输入原密码"))
            self.old_edit.setFocus()
            return
        if len(new) < self.ctx.roles.policy.min_password_length:
            self.message_label.setText(str(msg("accounts.password_too_short",
                                               length=self.ctx.roles.policy.min_password_length)))
            self.new_edit.setFocus()
            return
        if new != self.again_edit.text():
            self.message_label.setText(str(msg("accounts.passwords_differ")))
            self.again_edit.setFocus()
            return
        self._set_busy(True)
        accounts = self.ctx.accounts
        Op(self, lambda: accounts.change_password(old, new), writes=True) \
            .success(lambda _none: self._saved()).failure(self._failed).run()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.buttons.setEnabled(not busy)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setDefault(True)

    def _saved(self) -> None:
        self._set_busy(False)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.message_label.setText(inline_text(exc))
        self.old_edit.clear()
        self.old_edit.setFocus()

    def reject(self) -> None:
        if not self.busy:
            super().reject()
