"""The worklist's filter row: issuing unit, enterprise (name part or USCC), what is missing; refresh,
and the campaign's two file actions (export the template, import a filled one)."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from desktop_app.domain.rules import Rules
from desktop_app.services.worklists import PHOTO
from desktop_app.ui.common.labels import data_field
from desktop_app.ui.worklist.model import field_label

FILTER_DELAY_MS = 300


class FilterRow(QWidget):
    """`changed` when a filter changes (typing in the enterprise box: after a short pause)."""

    changed = Signal()

    def __init__(self, rules: Rules, required: dict[str, str], own_unit: str | None,
                 parent: QWidget | None = None) -> None:
        """`required`: field → label of what puts a person on the list (`WorklistService.required_fields`)."""
        super().__init__(parent)
        self.unit_combo = QComboBox()
        self.unit_combo.setObjectName("worklistUnit")
        self.unit_combo.addItem(self.tr("全部发证单位"), None)
        for unit in rules.units:
            self.unit_combo.addItem(unit.name, unit.name)
        if own_unit and self.unit_combo.findData(own_unit) >= 0:
            self.unit_combo.setCurrentIndex(self.unit_combo.findData(own_unit))  # this bureau's own list first
        self.enterprise_edit = data_field(QLineEdit())  # an enterprise's name or USCC
        self.enterprise_edit.setObjectName("worklistEnterprise")
        self.enterprise_edit.setPlaceholderText(self.tr("企业名称（部分）或统一社会信用代码"))
        self.enterprise_edit.setClearButtonEnabled(True)
        self.enterprise_edit.setMinimumWidth(240)
        self.missing_combo = QComboBox()
        self.missing_combo.setObjectName("worklistMissing")
        self.missing_combo.addItem(self.tr("全部缺少项"), None)
        for field, label in required.items():
            self.missing_combo.addItem(self.tr("缺{0}").format(field_label(label)), field)
        self.missing_combo.addItem(self.tr("缺照片"), PHOTO)
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.refresh_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.export_button = QPushButton(self.tr("导出补充模板…"))
        self.export_button.setObjectName("exportButton")
        self.export_button.setToolTip(self.tr("把当前清单导出为企业填写用的 Excel 模板（.xlsx）"))
        self.import_button = QPushButton(self.tr("导入补充表…"))
        self.import_button.setObjectName("importButton")
        self.import_button.setToolTip(self.tr("导入企业填好的补充模板：逐行校验，有效行一次写入"))

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("发证单位：")))
        row.addWidget(self.unit_combo)
        row.addWidget(QLabel(self.tr("企业：")))
        row.addWidget(self.enterprise_edit, 1)
        row.addWidget(QLabel(self.tr("缺少：")))
        row.addWidget(self.missing_combo)
        row.addWidget(self.refresh_button)
        row.addSpacing(16)
        row.addWidget(self.export_button)
        row.addWidget(self.import_button)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(FILTER_DELAY_MS)
        self.unit_combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.missing_combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.enterprise_edit.textChanged.connect(lambda _t: self.timer.start())
        self.enterprise_edit.returnPressed.connect(self.changed)
        self.timer.timeout.connect(self.changed)

    def filters(self) -> tuple[str | None, str | None, str | None]:
        """(issuing unit, enterprise, missing field) as chosen now; None: all."""
        enterprise = self.enterprise_edit.text().strip() or None
        return self.unit_combo.currentData(), enterprise, self.missing_combo.currentData()

    def unit(self) -> str | None:
        return self.unit_combo.currentData()

    def show_unit(self, name: str) -> None:
        self.unit_combo.setCurrentIndex(max(self.unit_combo.findData(name), 0))

    def set_file_actions_enabled(self, enabled: bool) -> None:
        self.export_button.setEnabled(enabled)
        self.import_button.setEnabled(enabled)
