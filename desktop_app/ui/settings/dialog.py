"""设置: the workstation's own issuing unit (what the batch dialog and the worklist preselect), the
operator's name (who every change is recorded as; a workspace with accounts records the signed-in
account instead), with accounts after how many idle minutes the window locks, and the UI's language
(from the next start).

Saved atomically through the workspace context (`ctx.set_operator`, `ctx.save_settings`); on a
failure nothing changes. A save publishes a SETTINGS change on the change bus, so what shows the
unit or the operator refreshes by itself.
"""

from __future__ import annotations

from dataclasses import fields, replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.changes import ChangeKind, OpChanges
from desktop_app.services.context import MAX_NAME, WorkspaceContext
from desktop_app.settings import WorkspaceSettings
from desktop_app.ui.common.changes import change_bus
from desktop_app.ui.common.errors import inline_text, show_error
from desktop_app.ui.settings.language_section import LanguageSection
from desktop_app.ui.settings.sync_section import SyncSection

SETTINGS_CHANGED = OpChanges.of((ChangeKind.SETTINGS,))
MAX_IDLE_MINUTES = 8 * 60


class SettingsDialog(QDialog):
    """The issuing unit (one of the rules' units, or none) and the operator's name."""

    def __init__(self, ctx: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("设置"))
        self.setMinimumWidth(520)
        self.unit_combo = QComboBox()
        self.unit_combo.setObjectName("settingsUnit")
        self.unit_combo.addItem(self.tr("（未设置）"), "")
        for unit in ctx.rules.units:
            self.unit_combo.addItem(unit.name, unit.name)
        self._select_unit(ctx.settings.issuing_unit)
        self.unit_combo.currentIndexChanged.connect(self._show_phones)
        self.phones_label = QLabel()
        self.phones_label.setObjectName("settingsUnitPhones")
        self.phones_label.setStyleSheet("color: #555;")
        self.phones_label.setWordWrap(True)
        self.operator_edit = QLineEdit(ctx.settings.operator or ctx.actor.name)
        self.operator_edit.setObjectName("settingsOperator")
        self.operator_edit.setMaxLength(MAX_NAME)
        self.operator_edit.setPlaceholderText(self.tr("每一次修改都以此姓名记入修改记录"))
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(self.tr("本工作站所属发证机关："), self.unit_combo)
        form.addRow("", self.phones_label)
        form.addRow(self.tr("操作员姓名："), self.operator_edit)
        self.accounts = ctx.has_accounts  # then the signed-in account acts, not a typed name
        form.setRowVisible(self.operator_edit, not self.accounts)
        self.idle_spin = QSpinBox()
        self.idle_spin.setObjectName("settingsIdleLock")
        self.idle_spin.setRange(0, MAX_IDLE_MINUTES)
        self.idle_spin.setSuffix(self.tr(" 分钟"))
        self.idle_spin.setSpecialValueText(self.tr("默认（{0} 分钟）").format(ctx.roles.policy.idle_lock_minutes))
        self.idle_spin.setValue(min(max(ctx.settings.idle_lock_minutes, 0), MAX_IDLE_MINUTES))
        self.idle_spin.setToolTip(self.tr("无人操作这么久后窗口锁定，须输入密码解锁"))
        form.addRow(self.tr("空闲锁定："), self.idle_spin)
        form.setRowVisible(self.idle_spin, self.accounts)
        note = QLabel(self.tr("发证机关用于批量生成和 A 证待补充信息清单的默认选择。"))
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        folder = QLabel(self.tr("工作区文件夹：{0}").format(ctx.data_dir)
                        + (self.tr("（演示工作区 · 样本数据）") if ctx.settings.demo else ""))
        folder.setWordWrap(True)
        folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        folder.setStyleSheet("color: #777;")
        self.message_label = QLabel()
        self.message_label.setObjectName("settingsMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("color: #a11b1b;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        self.sync_section = SyncSection(ctx)
        self.sync_allowed = ctx.can("sync.configure")  # (the server and the token: an admin's)
        self.sync_section.setEnabled(self.sync_allowed)
        if not self.sync_allowed:
            self.sync_section.setToolTip(self.tr("省级同步的设置需要{0}").format(
                "、".join(r.label for r in ctx.roles.roles_for("sync.configure"))))
        self.language_section = LanguageSection(ctx.settings.language)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.language_section)
        layout.addWidget(self.sync_section)
        layout.addWidget(folder)
        layout.addWidget(self.message_label)
        layout.addWidget(buttons)
        self._show_phones()

    def _select_unit(self, name: str) -> None:
        """The saved unit (by its name or an alias); a name no longer in the rules is kept as it is."""
        if not name.strip():
            self.unit_combo.setCurrentIndex(0)
            return
        unit = self.ctx.rules.unit(name)
        if unit is None:
            self.unit_combo.addItem(self.tr("{0}（不在发证机关表中）").format(name), name)
            self.unit_combo.setCurrentIndex(self.unit_combo.count() - 1)
            return
        self.unit_combo.setCurrentIndex(max(self.unit_combo.findData(unit.name), 0))

    def _show_phones(self) -> None:
        unit = self.ctx.rules.unit(self.unit())
        phones = "、".join(str(phone) for phone in unit.phones) if unit is not None else ""
        self.phones_label.setText(self.tr("咨询电话：{0}").format(phones) if phones else "")
        self.phones_label.setVisible(bool(phones))

    def unit(self) -> str:
        return str(self.unit_combo.currentData() or "")

    def operator(self) -> str:
        return self.operator_edit.text().strip()

    def save(self) -> None:
        """Save both, or neither: on a failure the settings stay as they were and the dialog stays open."""
        ctx = self.ctx
        name = "" if self.accounts else self.operator()
        if not name and not self.accounts and ctx.settings.operator.strip():
            self.message_label.setText(self.tr("操作员姓名不能为空"))
            self.operator_edit.setFocus()
            return
        problem = self.sync_section.problem()
        if problem:
            self.message_label.setText(problem)
            return
        before, actor = replace(ctx.settings), ctx.actor
        try:
            ctx.settings.issuing_unit = self.unit()
            ctx.settings.language = self.language_section.language()
            if self.accounts:
                ctx.settings.idle_lock_minutes = self.idle_spin.value()
            if self.sync_allowed:
                self.sync_section.save()
            if name:
                ctx.set_operator(name)  # (saves the settings, the unit with them)
            else:
                ctx.save_settings()
        except Exception as exc:  # the disk, a refused name: nothing changed
            self._restore(before)
            ctx.actor = actor
            self.message_label.setText(inline_text(exc))
            show_error(self, exc, self.tr("设置"))
            return
        change_bus().publish(SETTINGS_CHANGED)
        self.accept()

    def saved_message(self) -> str:
        """What the status bar says after a save; a new language only shows from the next start."""
        if self.language_section.changed():
            return self.tr("设置已保存；重新启动 CertDesk 后使用新的界面语言")
        return self.tr("设置已保存")

    def _restore(self, before: WorkspaceSettings) -> None:
        for field in fields(WorkspaceSettings):
            setattr(self.ctx.settings, field.name, getattr(before, field.name))
