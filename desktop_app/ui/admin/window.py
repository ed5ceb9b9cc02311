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
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTabWidget, QVBoxLayout, QWidget

from desktop_app.services.context import WorkspaceContext
from desktop_app.ui.admin.accounts_tab import AccountsSection
from desktop_app.ui.admin.backup_tab import BackupSection
from desktop_app.ui.admin.keys_tab import KeysSection
from desktop_app.ui.admin.seals_tab import SealsSection
from desktop_app.ui.admin.section import Section
from desktop_app.ui.admin.settings_tabs import PrintersSection, VerifySection
from desktop_app.ui.admin.sync_tab import SyncSection

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
        who = QLabel(self._who())
        who.setObjectName("adminWho")
        who.setStyleSheet("color: #555;")
        self.tabs = QTabWidget()
        self.tabs.setObjectName("adminTabs")
        self.sections: dict[type[Section], Section] = {}
        for kind in SECTIONS:
            section = kind(ctx)
            section.done.connect(self._show_done)
            self.sections[kind] = section
            index = self.tabs.addTab(section, self.tr(kind.title))
            if not section.allowed:
                self.tabs.setTabToolTip(index, self.tr("当前账号无此权限"))
        self.status_label = QLabel()
        self.status_label.setObjectName("adminStatus")
        self.status_label.setStyleSheet("color: #1b5e20;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(who)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(buttons)
        first = next((i for i, s in enumerate(self.sections.values()) if s.allowed), 0)
        self.tabs.setCurrentIndex(first)

    def _who(self) -> str:
        actor = self.ctx.actor
        role = self.ctx.roles.roles.get(actor.role or "")
        return self.tr("当前账号：{0}（{1}）· 工作区：{2}").format(
            actor.shown or self.tr("未登录"), role.label if role else self.tr("无角色"), self.ctx.data_dir)

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
