"""系统管理 → 签名密钥: the keys QR codes are signed and verified with. 新建/轮换 makes a new signing key
(the previous one stays trusted, so codes already printed still verify), 导出公钥… writes a public
key (PEM; raw 32 bytes for a .pub name) for the province or another workstation, 吊销 stops trusting
an old key. Through `ctx.admin` (services/signing_keys.py), audited there."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QMessageBox, QPushButton, QWidget

from desktop_app.services.context import WorkspaceContext
from desktop_app.services.signing_keys import KeyRow
from desktop_app.ui.admin.section import Section, current_key, fill, note, table


def _when(value: object) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value is not None else "—"  # type: ignore[attr-defined]


class KeysSection(Section):
    title = QT_TRANSLATE_NOOP("AdminWindow", "签名密钥")
    action = "keys.manage"

    def __init__(self, ctx: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.rows: list[KeyRow] = []
        self.table = table([self.tr("密钥编号"), self.tr("状态"), self.tr("创建时间"), self.tr("吊销时间"),
                            self.tr("来源"), self.tr("发证机关")], "adminKeys")
        self.table.itemSelectionChanged.connect(self._selected)
        self.rotate_button = QPushButton(self.tr("新建/轮换"))
        self.rotate_button.setObjectName("adminRotateKey")
        self.rotate_button.clicked.connect(self._rotate)
        self.export_button = QPushButton(self.tr("导出公钥…"))
        self.export_button.setObjectName("adminExportKey")
        self.export_button.clicked.connect(self._export)
        self.revoke_button = QPushButton(self.tr("吊销"))
        self.revoke_button.setObjectName("adminRevokeKey")
        self.revoke_button.clicked.connect(self._revoke)
        buttons = QHBoxLayout()
        for widget in (self.rotate_button, self.export_button, self.revoke_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        self.layout_.addWidget(note(self.tr(
            "新证书的二维码用“当前签名”的密钥签名。轮换后，旧密钥仍用于验证已打印的证书；"
            "只有确认旧密钥泄露或停用时才吊销它，吊销后用它签名的二维码验证为“未知密钥”。"
            "私钥保存在工作区的 keys 文件夹中，请随工作区一并备份。")))
        self.layout_.addWidget(self.table, 1)
        self.layout_.addLayout(buttons)
        self.finish_setup()

    def load(self) -> None:
        self.rows = self.ctx.admin.key_list()
        fill(self.table, [[r.key_id, self._state(r), _when(r.created_at), _when(r.revoked_at),
                           self.tr("本工作区") if r.local else self.tr("外部"), r.unit or "—"] for r in self.rows],
             [r.key_id for r in self.rows])
        self._selected()

    def _state(self, row: KeyRow) -> str:
        if row.revoked_at is not None:
            return self.tr("已吊销")
        return self.tr("当前签名") if row.current else self.tr("仅用于验证")

    def selected(self) -> KeyRow | None:
        key = current_key(self.table)
        return next((r for r in self.rows if r.key_id == key), None)

    def select_key(self, key_id: str) -> None:
        for row, key in enumerate(self.rows):
            if key.key_id == key_id:
                self.table.selectRow(row)

    def _selected(self) -> None:
        row = self.selected()
        self.export_button.setEnabled(row is not None)
        self.revoke_button.setEnabled(row is not None and not row.current and row.revoked_at is None)
        self.rotate_button.setText(self.tr("新建/轮换") if self.rows else self.tr("新建签名密钥"))

    def _rotate(self) -> None:
        text = (self.tr("生成新的签名密钥？此后新证书用新密钥签名；原密钥仍可验证已打印的证书。") if self.rows
                else self.tr("生成本工作区的签名密钥？"))
        if QMessageBox.question(self, self.tr("签名密钥"), text) != QMessageBox.StandardButton.Yes:
            return
        self.run(self.ctx.admin.rotate_key,
                 lambda key: (self.select_key(key.key_id),
                              self.done.emit(self.tr("新的签名密钥 {0} 已启用").format(key.key_id))))

    def _export(self) -> None:
        row = self.selected()
        if row is None:
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        suggested = str(Path(folder) / f"certdesk-{row.key_id}.pem")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出公钥"), suggested,
                                              self.tr("PEM 公钥 (*.pem);;原始公钥 32 字节 (*.pub)"))
        if path:
            key_id = row.key_id
            self.run(lambda: self.ctx.admin.export_public_key(key_id, Path(path)),
                     lambda written: self.done.emit(self.tr("公钥 {0} 已导出到 {1}").format(key_id, written)))

    def _revoke(self) -> None:
        row = self.selected()
        if row is None:
            return
        answer = QMessageBox.question(self, self.tr("吊销密钥"), self.tr(
            "吊销密钥 {0}？用它签名的二维码此后验证为“未知密钥”。此操作不能撤销。").format(row.key_id))
        if answer == QMessageBox.StandardButton.Yes:
            key_id = row.key_id
            self.run(lambda: self.ctx.admin.revoke_key(key_id),
                     lambda _at: self.done.emit(self.tr("密钥 {0} 已吊销").format(key_id)))
