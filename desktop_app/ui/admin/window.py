"""文件 → 系统管理…: one window for what an administrator sets up (issue 14): 账号, 同步服务器,
印章与发证机关代码, 验证网址, 签名密钥, 打印机校准默认值, 备份与恢复.

Each section is a tab (ui/admin/*_tab.py) that reads and changes through the services only
(`ctx.accounts`, `ctx.admin`); every change runs off the GUI thread and is audited by the service.
A section whose action (resources/rules/roles.toml) the signed-in role lacks is shown disabled with
who may use it, and reads nothing. The main window opens this lazily:

    from desktop_app.ui.admin.window import AdminWindow
    AdminWindow(ctx, parent).show()
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from desktop_app.services.context import WorkspaceContext
from desktop_app.ui.accounts.who import signed_in_text
from desktop_app.ui.admin.accounts_tab import AccountsSection
from desktop_app.ui.admin.backup_tab import BackupSection
from desktop_app.ui.admin.keys_tab import KeysSection
from desktop_app.ui.admin.seals_tab import SealsSection
from desktop_app.ui.admin.section import Section
from desktop_app.ui.admin.settings_tabs import PrintersSection, VerifySection
from desktop_app.ui.admin.sync_tab import SyncSection
from desktop_app.ui.common.labels import data_field

SECTIONS: tuple[type[Section], ...] = (AccountsSection, SyncSection, SealsSection, VerifySection, KeysSection,
                                       PrintersSection, BackupSection)


class AdminWindow(QDialog):
    def __init__(self, ctx: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("adminWindow")
        self.setWindowTitle(self.tr("系统管理"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(1040, 720)
        who = self._who()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("adminTabs")
        self.sections: dict[type[Section], Section] = {}
        for kind in SECTIONS:
            section = kind(ctx)
            section.done.connect(self._show_done)
            self.sections[kind] = section
            index = self.tabs.addTab(section, kind.heading())
            if not section.allowed:
                self.tabs.setTabToolTip(index, self.tr("当前账号无此权限"))
        self.status_label = QLabel()
        self.status_label.setObjectName("adminStatus")
        self.status_label.setStyleSheet("color: #1b5e20;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(who)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(buttons)
        first = next((i for i, s in enumerate(self.sections.values()) if s.allowed), 0)
        self.tabs.setCurrentIndex(first)

    def _who(self) -> QHBoxLayout:
        """当前账号：<who>  · 工作区：<folder>, who and the folder as data (ui/accounts/who.py's words)."""
        actor = self.ctx.actor
        parts = [QLabel(self.tr("当前账号："))]
        if actor.role:
            parts.append(data_field(QLabel(signed_in_text(self.ctx))))
        elif actor.shown:
            parts += [data_field(QLabel(actor.shown)), QLabel(self.tr("（无角色）"))]
        else:
            parts.append(QLabel(self.tr("未登录")))
        parts += [QLabel(self.tr("· 工作区：")), data_field(QLabel(str(self.ctx.data_dir)))]
        row = QHBoxLayout()
        row.setSpacing(0)
        for part in parts:
            part.setStyleSheet("color: #555;")
            row.addWidget(part)
        row.addStretch(1)
        self.who_label = parts[1]  # the account
        self.who_label.setObjectName("adminWho")
        return row

    def section(self, kind: type[Section]) -> Section:
        return self.sections[kind]

    @property
    def busy(self) -> int:
        return sum(s.busy for s in self.sections.values())

    def _show_done(self, text: str) -> None:
        self.status_label.setText(text)

    def reject(self) -> None:
        if self.busy:  # a change or a backup is still running: its result must reach its section
            self.status_label.setText(self.tr("请等待当前操作完成后再关闭"))
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.busy:
            event.ignore()
            self.status_label.setText(self.tr("请等待当前操作完成后再关闭"))
            return
        super().closeEvent(event)
