"""启用账号: a workspace without accounts (not a demo) offers to create its first account, an admin.

The admin then signs in at once. 暂不启用账号 leaves the workspace as it was, worked by the named
operator without passwords, and the offer comes again at the next start.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
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

from desktop_app.messages import msg
from desktop_app.services.context import Actor, WorkspaceContext
from desktop_app.ui.accounts.sign_in_dialog import ERROR_STYLE, NOTE_STYLE
from desktop_app.ui.common.errors import inline_text
from desktop_app.ui.common.labels import data_field
from desktop_app.ui.common.operations import Op

ADMIN_ROLE = "admin"


class FirstAdminDialog(QDialog):
    created = Signal(object)  # the new admin's Actor, signed in

    def __init__(self, ctx: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.busy = False
        self.setObjectName("firstAdminDialog")
        self.setWindowTitle(self.tr("启用账号"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setMinimumWidth(480)
        role = ctx.roles.roles[ADMIN_ROLE].label
        intro = QLabel(self.tr(
            "<b>为此工作区启用账号？</b><br>启用后每位工作人员用自己的账号和密码登录，能做什么由角色决定"
            "（{1}），每一次修改和打印都记入登录的账号。<br><br>"
            "请先创建第一个账号：{0}，由其在“文件 → 系统管理…”中为其他人分配账号。").format(
            role, self.tr("、").join(r.label for r in ctx.roles.roles.values())))
        intro.setWordWrap(True)
        self.user_edit = QLineEdit()
        self.user_edit.setObjectName("firstAdminUser")
        self.user_edit.setMaxLength(50)
        self.user_edit.setPlaceholderText(self.tr("2–50 个字母、数字、汉字或 . _ -"))
        self.display_edit = data_field(QLineEdit(ctx.settings.operator.strip()))  # a person's name
        self.display_edit.setObjectName("firstAdminDisplay")
        self.display_edit.setMaxLength(100)
        self.display_edit.setPlaceholderText(self.tr("显示在修改记录和状态栏中"))
        length = ctx.roles.policy.min_password_length
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("firstAdminPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("至少 {0} 个字符").format(length))
        self.again_edit = QLineEdit()
        self.again_edit.setObjectName("firstAdminPasswordAgain")
        self.again_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(self.tr("用户名："), self.user_edit)
        form.addRow(self.tr("姓名："), self.display_edit)
        form.addRow(self.tr("密码："), self.password_edit)
        form.addRow(self.tr("再次输入密码："), self.again_edit)
        self.message_label = QLabel()
        self.message_label.setObjectName("firstAdminMessage")
        self.message_label.setStyleSheet(ERROR_STYLE)
        self.message_label.setWordWrap(True)
        later = QLabel(self.tr("暂不启用：照旧以操作员姓名记录修改，下次启动时再询问。"))
        later.setStyleSheet(NOTE_STYLE)
        later.setWordWrap(True)
        self.create_button = QPushButton(self.tr("创建并登录"))
        self.create_button.setObjectName("firstAdminCreate")
        self.create_button.setDefault(True)
        self.later_button = QPushButton(self.tr("暂不启用账号"))
        self.later_button.setObjectName("firstAdminLater")
        self.later_button.setAutoDefault(False)
        buttons = QDialogButtonBox()
        buttons.addButton(self.create_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.later_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.create_button.clicked.connect(self.create)
        self.later_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addWidget(later)
        layout.addWidget(buttons)
        self.user_edit.setFocus()

    def problem(self) -> str | None:
        """What is wrong before asking the service (which checks the name and the password again)."""
        if not self.user_edit.text().strip():
            self.user_edit.setFocus()
            return self.tr("请输入用户名")
        password = self.password_edit.text()
        if len(password) < self.ctx.roles.policy.min_password_length:
            self.password_edit.setFocus()
            return str(msg("accounts.password_too_short", length=self.ctx.roles.policy.min_password_length))
        if password != self.again_edit.text():
            self.again_edit.setFocus()
            return str(msg("accounts.passwords_differ"))
        return None

    def create(self) -> None:
        if self.busy:
            return
        problem = self.problem()
        if problem:
            self.message_label.setText(problem)
            return
        user, display, password = self.user_edit.text().strip(), self.display_edit.text().strip(), \
            self.password_edit.text()
        accounts = self.ctx.accounts

        def work() -> Actor:
            accounts.add(user, ADMIN_ROLE, password, display)
            return accounts.sign_in(user, password)

        self._set_busy(True)
        Op(self, work, writes=True).success(self._created).failure(self._failed).run()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.create_button.setDefault(True)  # (a click, disabling and enabling, takes Enter away from it)
        for widget in (self.user_edit, self.display_edit, self.password_edit, self.again_edit, self.create_button,
                       self.later_button):
            widget.setEnabled(not busy)

    def _created(self, actor: Actor) -> None:
        self._set_busy(False)
        self.created.emit(actor)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.message_label.setText(inline_text(exc))

    def reject(self) -> None:
        if not self.busy:
            super().reject()
