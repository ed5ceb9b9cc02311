"""系统管理 → 账号: the workspace's accounts; add one, enable or disable it, reset its password (a random
one, shown once to hand over), change its role. Everything through `ctx.accounts`, which audits it."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.accounts import AccountRow
from desktop_app.services.context import WorkspaceContext
from desktop_app.ui.admin.section import Section, current_key, fill, note, table


def _when(value: object) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value is not None else "—"  # type: ignore[attr-defined]


class NewAccountDialog(QDialog):
    """User name, display name, role and the first password (typed twice)."""

    def __init__(self, ctx: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adminNewAccount")
        self.setWindowTitle(self.tr("新建账号"))
        self.setMinimumWidth(420)  # (the placeholders are read in full)
        self.user_edit = QLineEdit()
        self.user_edit.setObjectName("adminNewUser")
        self.user_edit.setPlaceholderText(self.tr("登录用的用户名，如 zhangsan"))
        self.display_edit = QLineEdit()
        self.display_edit.setObjectName("adminNewDisplay")
        self.display_edit.setPlaceholderText(self.tr("姓名，记入每一条修改记录"))
        self.role_combo = QComboBox()
        self.role_combo.setObjectName("adminNewRole")
        for role in ctx.roles.roles.values():
            self.role_combo.addItem(role.label, role.code)
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("adminNewPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("至少 {0} 位").format(ctx.roles.policy.min_password_length))
        self.again_edit = QLineEdit()
        self.again_edit.setObjectName("adminNewPasswordAgain")
        self.again_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.problem_label = QLabel()
        self.problem_label.setStyleSheet("color: #a11b1b;")
        form = QFormLayout()
        form.addRow(self.tr("用户名："), self.user_edit)
        form.addRow(self.tr("显示名称："), self.display_edit)
        form.addRow(self.tr("角色："), self.role_combo)
        form.addRow(self.tr("初始密码："), self.password_edit)
        form.addRow(self.tr("再输入一次："), self.again_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("新建"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(buttons)

    def _check(self) -> None:
        if not self.user_edit.text().strip():
            self.problem_label.setText(self.tr("请填写用户名"))
        elif self.password_edit.text() != self.again_edit.text():
            self.problem_label.setText(self.tr("两次输入的密码不一致"))
        else:
            self.accept()

    def values(self) -> tuple[str, str, str, str]:
        """(user name, role code, password, display name)."""
        return (self.user_edit.text().strip(), str(self.role_combo.currentData()), self.password_edit.text(),
                self.display_edit.text().strip())


class AccountsSection(Section):
    title = QT_TRANSLATE_NOOP("AdminWindow", "账号")
    action = "accounts.manage"

    def __init__(self, ctx: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.rows: list[AccountRow] = []
        self.table = table([self.tr("用户名"), self.tr("显示名称"), self.tr("角色"), self.tr("状态"),
                            self.tr("最近登录")], "adminAccounts", stretch=1)
        self.table.itemSelectionChanged.connect(self._selected)
        self.add_button = QPushButton(self.tr("新建账号…"))
        self.add_button.setObjectName("adminAddAccount")
        self.add_button.clicked.connect(self._ask_new)
        self.enable_button = QPushButton(self.tr("停用"))
        self.enable_button.setObjectName("adminToggleAccount")
        self.enable_button.clicked.connect(self._toggle)
        self.reset_button = QPushButton(self.tr("重置密码…"))
        self.reset_button.setObjectName("adminResetPassword")
        self.reset_button.clicked.connect(self._reset)
        self.role_combo = QComboBox()
        self.role_combo.setObjectName("adminRole")
        for role in ctx.roles.roles.values():
            self.role_combo.addItem(role.label, role.code)
        self.role_button = QPushButton(self.tr("更改角色"))
        self.role_button.setObjectName("adminSetRole")
        self.role_button.clicked.connect(self._set_role)
        buttons = QHBoxLayout()
        for widget in (self.add_button, self.enable_button, self.reset_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(QLabel(self.tr("角色：")))
        buttons.addWidget(self.role_combo)
        buttons.addWidget(self.role_button)
        self.layout_.addWidget(note(self.tr(
            "每个人用自己的账号登录；修改记录、同步和打印日志都记下登录的账号。停用的账号不能登录；"
            "重置密码会生成一个随机密码，请当面交给本人，本人登录后可自行修改。")))
        self.layout_.addWidget(self.table, 1)
        self.layout_.addLayout(buttons)
        self.finish_setup()

    def load(self) -> None:
        self.rows = self.ctx.accounts.list()
        labels = {code: role.label for code, role in self.ctx.roles.roles.items()}
        fill(self.table, [[r.user_name, r.display_name, labels.get(r.role, r.role),
                           self.tr("正常") if r.enabled else self.tr("已停用"), _when(r.last_sign_in)]
                          for r in self.rows], [r.user_name for r in self.rows])
        self._selected()

    def selected(self) -> AccountRow | None:
        key = current_key(self.table)
        return next((r for r in self.rows if r.user_name == key), None)

    def _selected(self) -> None:
        row = self.selected()
        for widget in (self.enable_button, self.reset_button, self.role_button, self.role_combo):
            widget.setEnabled(row is not None)
        if row is not None:
            self.enable_button.setText(self.tr("停用") if row.enabled else self.tr("启用"))
            self.role_combo.setCurrentIndex(max(self.role_combo.findData(row.role), 0))

    def _ask_new(self) -> None:
        dialog = NewAccountDialog(self.ctx, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.add_account(*dialog.values())
        dialog.deleteLater()

    def add_account(self, user: str, role: str, password: str, display: str) -> None:
        self.run(lambda: self.ctx.accounts.add(user, role, password, display),
                 lambda row: self.done.emit(self.tr("已新建账号 {0}").format(row.user_name)))

    def _toggle(self) -> None:
        row = self.selected()
        if row is None:
            return
        enabled = not row.enabled
        self.run(lambda: self.ctx.accounts.set_enabled(row.user_name, enabled),
                 lambda r: self.done.emit((self.tr("已启用 {0}") if r.enabled else self.tr("已停用 {0}"))
                                          .format(r.user_name)))

    def _reset(self) -> None:
        row = self.selected()
        if row is None:
            return
        answer = QMessageBox.question(self, self.tr("重置密码"), self.tr(
            "为 {0} 生成一个新的随机密码？原密码立即失效。").format(row.user_name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.run(lambda: self.ctx.accounts.reset_password(row.user_name), lambda password: self._show_password(
            row.user_name, password))

    def _show_password(self, user: str, password: str) -> None:
        self.done.emit(self.tr("已重置 {0} 的密码").format(user))
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("新密码"),
                          self.tr("{0} 的新密码：{1}").format(user, password), QMessageBox.StandardButton.Ok, self)
        box.setObjectName("adminNewPasswordBox")
        box.setInformativeText(self.tr("请当面交给本人；此密码只显示这一次。"))
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.exec()

    def _set_role(self) -> None:
        row = self.selected()
        role = str(self.role_combo.currentData() or "")
        if row is None or not role or role == row.role:
            return
        self.run(lambda: self.ctx.accounts.set_role(row.user_name, role),
                 lambda r: self.done.emit(self.tr("已将 {0} 的角色改为 {1}").format(
                     r.user_name, self.ctx.roles.roles[r.role].label)))
