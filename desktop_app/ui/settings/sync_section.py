"""设置 → 省级同步: the server's address, the bureau token (shown masked, replaced only when typed), the
province's CA file and automatic sync. Saved through the sync service (the token to the keyring)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from desktop_app.services.context import WorkspaceContext


class SyncSection(QGroupBox):
    def __init__(self, ctx: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("省级同步"), parent)
        self.ctx = ctx
        self.server_edit = QLineEdit(ctx.settings.sync_server)
        self.server_edit.setObjectName("settingsSyncServer")
        self.server_edit.setPlaceholderText("https://…")
        self.token_edit = QLineEdit()
        self.token_edit.setObjectName("settingsSyncToken")
        self.token_edit.setEchoMode(QLineEdit.EchoMode.Password)
        masked = ctx.sync.token_masked()
        self.token_edit.setPlaceholderText(self.tr("已保存：{0}（输入新令牌以更换）").format(masked) if masked
                                           else self.tr("省级管理员发给本单位的令牌"))
        self.ca_edit = QLineEdit(ctx.settings.sync_ca_bundle)
        self.ca_edit.setObjectName("settingsSyncCa")
        self.ca_edit.setPlaceholderText(self.tr("仅当省级服务器使用自建证书颁发机构时需要"))
        browse = QPushButton(self.tr("选择…"))
        browse.clicked.connect(self._choose_ca)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_edit, 1)
        ca_row.addWidget(browse)
        self.auto_spin = QSpinBox()
        self.auto_spin.setObjectName("settingsAutoSync")
        self.auto_spin.setRange(0, 24 * 60)
        self.auto_spin.setSuffix(self.tr(" 分钟"))
        self.auto_spin.setSpecialValueText(self.tr("不自动同步"))
        self.auto_spin.setValue(ctx.settings.auto_sync_minutes)
        form = QFormLayout(self)
        form.addRow(self.tr("服务器地址："), self.server_edit)
        form.addRow(self.tr("单位令牌："), self.token_edit)
        form.addRow(self.tr("CA 证书文件："), ca_row)
        form.addRow(self.tr("自动同步间隔："), self.auto_spin)

    def _choose_ca(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择省级 CA 证书"), "",
                                              self.tr("证书 (*.pem *.crt *.cer);;所有文件 (*)"))
        if path:
            self.ca_edit.setText(path)

    def problem(self) -> str | None:
        server = self.server_edit.text().strip()
        if server and not server.startswith(("https://", "http://127.0.0.1", "http://localhost")):
            return self.tr("省级服务器地址必须以 https:// 开头")
        return None

    def save(self) -> None:
        """Called by the dialog's save, inside its all-or-nothing."""
        self.ctx.settings.auto_sync_minutes = self.auto_spin.value()
        # through the administration service: checked (https, the CA file) and audited like the admin window's
        self.ctx.admin.configure_sync(self.server_edit.text(), self.token_edit.text().strip() or None,
                                      self.ca_edit.text())
