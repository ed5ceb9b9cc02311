"""The status bar's note of who works at this workstation and for which issuing unit; it reads
the context again on every SETTINGS change (the settings dialog, the operator prompt, a sign-in or
sign-out). With accounts it names the signed-in account and its role (accounts/who.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.services.changes import ChangeKind, OpChanges
from desktop_app.services.context import WorkspaceContext
from desktop_app.ui.accounts.who import who_text
from desktop_app.ui.common.changes import change_bus


class WorkstationLabel(QLabel):
    """操作员：… · 发证机关：… (with accounts: 已登录：姓名（用户名）· 角色 · 发证机关：…, or 未登录)"""

    def __init__(self, ctx: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("workstationLabel")
        change_bus().changed.connect(self._changed)
        self.refresh()

    def _changed(self, changes: OpChanges) -> None:
        if ChangeKind.SETTINGS in changes.kinds:
            self.refresh()

    def refresh(self) -> None:
        unit = self.ctx.settings.issuing_unit.strip() or self.tr("未设置")
        self.setText(self.tr("{0} · 发证机关：{1}").format(who_text(self.ctx), unit))
        self.setToolTip(self.tr("在“文件 → 设置…”中更改"))
