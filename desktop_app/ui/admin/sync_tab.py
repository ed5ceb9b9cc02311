"""系统管理 → 同步服务器: the provincial server's address, the bureau token (never shown: only its masked
start; replaced only when a new one is typed into 更换令牌, then kept in the OS keyring or an
owner-only file) and the province's CA file. Saved through `ctx.admin.configure_sync` (audited)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from desktop_app.services.api.admin import SyncSettings
from desktop_app.services.context import WorkspaceContext
from desktop_app.ui.admin.section import Section, note
from desktop_app.ui.common.labels import DATA_PROPERTY, data_field


class SyncSection(Section):
    title = QT_TRANSLATE_NOOP("AdminWindow", "同步服务器")
    action = "sync.configure"

    def __init__(self, ctx: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.server_edit = data_field(QLineEdit())  # the address set
        self.server_edit.setObjectName("adminSyncServer")
        self.server_edit.setPlaceholderText("https://…")
        self.token_label = QLabel()
        self.token_label.setObjectName("adminTokenMasked")
        self.token_edit = QLineEdit()
        self.token_edit.setObjectName("adminNewToken")
        self.token_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.token_edit.setPlaceholderText(self.tr("留空则保留现有令牌"))
        self.ca_edit = data_field(QLineEdit())  # a file's path
        self.ca_edit.setObjectName("adminSyncCa")
        self.ca_edit.setPlaceholderText(self.tr("仅当省级服务器使用自建证书颁发机构时需要"))
        browse = QPushButton(self.tr("选择…"))
        browse.clicked.connect(self._choose_ca)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_edit, 1)
        ca_row.addWidget(browse)
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.setObjectName("adminSaveSync")
        self.save_button.clicked.connect(self.save)
        form = QFormLayout()
        form.addRow(self.tr("服务器地址："), self.server_edit)
        form.addRow(self.tr("单位令牌："), self.token_label)
        form.addRow(self.tr("更换令牌："), self.token_edit)
        form.addRow(self.tr("CA 证书文件："), ca_row)
        self.layout_.addWidget(note(self.tr(
            "令牌由省级管理员发给本单位，保存在操作系统的密钥环中（没有密钥环时，保存在只有本机用户能读的文件中），"
            "这里只显示开头几位。")))
        self.layout_.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        self.layout_.addLayout(buttons)
        self.layout_.addStretch(1)
        self.finish_setup()

    def load(self) -> None:
        self.show_settings(self.ctx.admin.sync_settings())

    def show_settings(self, settings: SyncSettings) -> None:
        self.server_edit.setText(settings.server)
        self.ca_edit.setText(settings.ca_bundle)
        self.token_label.setText(settings.token_masked or self.tr("（尚未设置）"))
        self.token_label.setProperty(DATA_PROPERTY, bool(settings.token_masked))  # the token's start is data
        self.token_edit.clear()

    def _choose_ca(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择省级 CA 证书"), "",
                                              self.tr("证书 (*.pem *.crt *.cer);;所有文件 (*)"))
        if path:
            self.ca_edit.setText(path)

    def save(self) -> None:
        server, token, ca = self.server_edit.text(), self.token_edit.text(), self.ca_edit.text()
        self.run(lambda: self.ctx.admin.configure_sync(server, token or None, ca),
                 lambda _settings: self.done.emit(self.tr("同步服务器设置已保存")))
