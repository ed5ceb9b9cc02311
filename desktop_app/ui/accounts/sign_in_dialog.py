"""登录: the user name and password of a workspace with accounts (shown at start, after 注销 and 切换账号).

The password is checked by the account service on the write thread (a wrong one is counted there);
its refusal (wrong password with the tries left, locked, disabled) is shown in the dialog, which stays
open. A demo workspace lists its demo accounts, one per role, with their passwords: a click fills the
fields, a double click signs in. 退出 (or closing the dialog) closes the program.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.api.accounts import DEMO_ACCOUNTS
from desktop_app.services.context import Actor, WorkspaceContext
from desktop_app.ui.accounts.who import role_label
from desktop_app.ui.common.errors import inline_text
from desktop_app.ui.common.labels import data_field
from desktop_app.ui.common.operations import Op

ERROR_STYLE = "color: #a11b1b;"
NOTE_STYLE = "color: #555;"


class SignInDialog(QDialog):
    signedIn = Signal(object)  # the Actor now acting

    def __init__(self, ctx: WorkspaceContext, parent: QWidget | None = None, *, note: str = "",
                 user_name: str = "") -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.busy = False
        self.setObjectName("signInDialog")
        self.setWindowTitle(self.tr("登录 CertDesk"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setMinimumWidth(460)
        heading = QLabel(self.tr("<b>请登录</b>：此工作区已启用账号，每一次修改和打印都以登录的账号记录。"))
        if ctx.settings.demo:
            heading.setText(self.tr("<b>演示工作区（样本数据）</b>：请用下面任一演示账号登录，"
                                    "看看不同角色能做什么。"))
        heading.setWordWrap(True)
        self.note_label = data_field(QLabel(note))  # (says which account signed out: names it)
        self.note_label.setObjectName("signInNote")
        self.note_label.setStyleSheet(NOTE_STYLE)
        self.note_label.setWordWrap(True)
        self.note_label.setVisible(bool(note))
        self.user_edit = data_field(QLineEdit(user_name))  # an account's name
        self.user_edit.setObjectName("signInUser")
        self.user_edit.setMaxLength(50)
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("signInPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(self.tr("用户名："), self.user_edit)
        form.addRow(self.tr("密码："), self.password_edit)
        self.message_label = QLabel()
        self.message_label.setObjectName("signInMessage")
        self.message_label.setStyleSheet(ERROR_STYLE)
        self.message_label.setWordWrap(True)
        self.message_label.hide()  # (shown with a message)
        self.buttons = QDialogButtonBox()
        self.sign_in_button = QPushButton(self.tr("登录"))
        self.sign_in_button.setObjectName("signInButton")
        self.sign_in_button.setDefault(True)  # Enter in either field signs in
        self.quit_button = QPushButton(self.tr("退出"))
        self.quit_button.setObjectName("signInQuit")
        self.quit_button.setAutoDefault(False)
        self.buttons.addButton(self.sign_in_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.sign_in_button.clicked.connect(self.sign_in)
        self.quit_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.note_label)
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        self.demo_table: QTableWidget | None = None
        if ctx.settings.demo:
            layout.addWidget(self._demo_box())
        layout.addWidget(self.buttons)
        (self.password_edit if user_name else self.user_edit).setFocus()

    def _say(self, text: str, *, error: bool = True) -> None:
        self.message_label.setStyleSheet(ERROR_STYLE if error else NOTE_STYLE)
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    # --- the demo accounts -------------------------------------------------------------------

    def _demo_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("演示账号（点击一行填入，双击直接登录）"))
        table = QTableWidget(len(DEMO_ACCOUNTS), 4)
        table.setObjectName("signInDemoAccounts")
        table.setHorizontalHeaderLabels([self.tr("用户名"), self.tr("姓名"), self.tr("角色"), self.tr("密码")])
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for row, (user, role, display, password) in enumerate(DEMO_ACCOUNTS):
            found = self.ctx.roles.roles.get(role)
            may = self.tr("、").join(self.ctx.roles.label(a) for a in self.ctx.roles.actions
                           if found is not None and a in found.permissions)
            for column, text in enumerate((user, display, role_label(self.ctx, role), password)):
                item = QTableWidgetItem(text)
                item.setToolTip(self.tr("{0} 可以：{1}").format(role_label(self.ctx, role), may))
                table.setItem(row, column, item)
        table.resizeColumnsToContents()
        header = table.horizontalHeader()
        for column in range(table.columnCount()):
            table.setColumnWidth(column, table.columnWidth(column) + 16)  # air between the columns
        # wide enough for every column's text (the English headers are wider), the names taking what is left
        table.setMinimumWidth(sum(table.columnWidth(c) for c in range(table.columnCount())) + 2 * table.frameWidth())
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        height = table.horizontalHeader().sizeHint().height() + sum(table.rowHeight(r) for r in range(table.rowCount()))
        table.setFixedHeight(height + 2 * table.frameWidth())
        table.cellClicked.connect(lambda row, _column: self.fill_demo(row))
        table.cellDoubleClicked.connect(lambda row, _column: self._demo_sign_in(row))
        self.demo_table = table
        note = QLabel(self.tr("演示工作区的样本账号，每种角色一个；正式工作区由系统管理员分配账号。"))
        note.setStyleSheet(NOTE_STYLE)
        note.setWordWrap(True)
        layout = QVBoxLayout(box)
        layout.addWidget(table)
        layout.addWidget(note)
        return box

    def fill_demo(self, row: int) -> None:
        user, _role, _display, password = DEMO_ACCOUNTS[row]
        if self.demo_table is not None:
            self.demo_table.selectRow(row)
        self.user_edit.setText(user)
        self.password_edit.setText(password)
        self._say("")
        self.sign_in_button.setFocus()

    def _demo_sign_in(self, row: int) -> None:
        self.fill_demo(row)
        self.sign_in()

    # --- signing in --------------------------------------------------------------------------

    def sign_in(self) -> None:
        if self.busy:
            return
        user, password = self.user_edit.text().strip(), self.password_edit.text()
        if not user:
            self._say(self.tr("请输入用户名"))
            self.user_edit.setFocus()
            return
        if not password:
            self._say(self.tr("请输入密码"))
            self.password_edit.setFocus()
            return
        self._set_busy(True)
        self._say(self.tr("正在登录…"), error=False)
        accounts = self.ctx.accounts
        Op(self, lambda: accounts.sign_in(user, password), writes=True) \
            .success(self._signed_in).failure(self._failed).run()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.sign_in_button.setDefault(True)  # (a click, disabling and enabling, takes Enter away from it)
        for widget in (self.user_edit, self.password_edit, self.sign_in_button, self.quit_button):
            widget.setEnabled(not busy)
        if self.demo_table is not None:
            self.demo_table.setEnabled(not busy)

    def _signed_in(self, actor: Actor) -> None:
        self._set_busy(False)
        self._say("")
        self.password_edit.clear()
        self.signedIn.emit(actor)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        """A wrong password (with the tries left), a locked or disabled account: said here, try again."""
        self._set_busy(False)
        self._say(inline_text(exc))
        self.password_edit.clear()
        self.password_edit.setFocus()

    def reject(self) -> None:
        if not self.busy:  # (a check under way answers first)
            super().reject()
