"""系统管理 → 验证网址 (the https address QR codes point to) and 打印机校准默认值 (each printer's
offsets in printers.json, the values the print dialog applies). Through `ctx.admin`, audited there."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from desktop_app.services.context import WorkspaceContext
from desktop_app.services.printing import DEFAULT_PRINTER, MAX_OFFSET_MM, PrinterOffset
from desktop_app.ui.admin.section import Section, current_key, fill, note, table
from desktop_app.ui.certificates.printer_choice import system_printers
from desktop_app.ui.common.labels import data_field

EXAMPLE_BASE = "https://zjt.shandong.gov.cn/verify?t="


class VerifySection(Section):
    title = QT_TRANSLATE_NOOP("AdminWindow", "验证网址")
    action = "verify_base.manage"

    def __init__(self, ctx: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.base_edit = data_field(QLineEdit())  # the address set
        self.base_edit.setObjectName("adminVerifyBase")
        self.base_edit.setPlaceholderText(self.tr("例如 {0}").format(EXAMPLE_BASE))
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.setObjectName("adminSaveVerifyBase")
        self.save_button.clicked.connect(self.save)
        self.current_label = QLabel()
        self.current_label.setObjectName("adminVerifyCurrent")
        self.current_label.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.base_edit, 1)
        row.addWidget(self.save_button)
        form = QFormLayout()
        form.addRow(self.tr("验证网址："), row)
        self.layout_.addWidget(note(self.tr(
            "省厅公布的证书验证网址，必须以 https:// 开头。"
            "新生成证书的二维码内容为：此网址 + 签名令牌（手机扫码即打开该网址）。"
            "留空则二维码只含签名令牌（CERTDESK-VERIFY: 形式）。已生成的证书不受影响。")))
        self.layout_.addLayout(form)
        self.layout_.addWidget(self.current_label)
        self.layout_.addStretch(1)
        self.finish_setup()

    def load(self) -> None:
        base = self.ctx.admin.verify_base()
        self.base_edit.setText(base)
        self.current_label.setText(self.tr("新证书的二维码：{0}<签名令牌>").format(base) if base
                                   else self.tr("未设置：新证书的二维码只含签名令牌。"))

    def save(self) -> None:
        text = self.base_edit.text()
        self.run(lambda: self.ctx.admin.set_verify_base(text),
                 lambda base: self.done.emit(self.tr("验证网址已保存") if base else self.tr("验证网址已清空")))


class PrintersSection(Section):
    title = QT_TRANSLATE_NOOP("AdminWindow", "打印机校准默认值")
    action = "printer.calibrate"

    def __init__(self, ctx: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.offsets: dict[str, PrinterOffset] = {}
        self.table = table([self.tr("打印机"), self.tr("水平偏移（偏右为正）"), self.tr("垂直偏移（偏下为正）")],
                           "adminPrinters", stretch=0)
        self.table.itemSelectionChanged.connect(self._selected)
        self.printer_combo = data_field(QComboBox())  # the printers' names
        self.printer_combo.setObjectName("adminPrinter")
        self.printer_combo.setEditable(True)
        self.printer_combo.setMinimumContentsLength(28)
        self.printer_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.printer_combo.lineEdit().setPlaceholderText(self.tr("打印机名称"))
        self.x_spin, self.y_spin = self._spin("adminOffsetX"), self._spin("adminOffsetY")
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.setObjectName("adminSaveOffset")
        self.save_button.clicked.connect(self.save)
        form = QFormLayout()
        form.addRow(self.tr("打印机："), self.printer_combo)
        form.addRow(self.tr("水平偏移："), self.x_spin)
        form.addRow(self.tr("垂直偏移："), self.y_spin)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        self.layout_.addWidget(note(self.tr(
            "每台打印机实测的偏差（打印校准页后量得，精确到 0.1 mm）。"
            "打印证书时按相反方向移动版面；未列出的打印机不移动，值为 0 即不校正。")))
        self.layout_.addWidget(self.table, 1)
        self.layout_.addLayout(form)
        self.layout_.addLayout(buttons)
        self.finish_setup()

    def _spin(self, name: str) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setObjectName(name)
        spin.setRange(-MAX_OFFSET_MM, MAX_OFFSET_MM)
        spin.setDecimals(1)
        spin.setSingleStep(0.1)
        spin.setSuffix(" mm")
        spin.setMaximumWidth(140)
        return spin

    def load(self) -> None:
        self.offsets = self.ctx.admin.printer_offsets()
        names = sorted(self.offsets)
        fill(self.table, [[self._shown(n), f"{self.offsets[n].x_mm:+.1f} mm", f"{self.offsets[n].y_mm:+.1f} mm"]
                          for n in names], names)
        typed = self.printer_combo.currentText()
        self.printer_combo.clear()
        for name in dict.fromkeys([DEFAULT_PRINTER, *system_printers(), *names]):
            self.printer_combo.addItem(name)
        if typed:
            self.printer_combo.setCurrentText(typed)
        self._selected()

    def _shown(self, name: str) -> str:
        return self.tr("*（默认：未单独校准的打印机）") if name == DEFAULT_PRINTER else name

    def _selected(self) -> None:
        name = current_key(self.table)
        if name is None or name not in self.offsets:
            return
        self.printer_combo.setCurrentText(name)
        self.x_spin.setValue(self.offsets[name].x_mm)
        self.y_spin.setValue(self.offsets[name].y_mm)

    def save(self) -> None:
        printer, x, y = self.printer_combo.currentText(), self.x_spin.value(), self.y_spin.value()
        self.run(lambda: self.ctx.admin.set_printer_offset(printer, x, y),
                 lambda offset: self.done.emit(self.tr("已保存 {0} 的偏移：水平 {1:+.1f} mm，垂直 {2:+.1f} mm").format(
                     printer, offset.x_mm, offset.y_mm)))
