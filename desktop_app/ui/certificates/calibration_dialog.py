"""Per-printer calibration (DESIGN §5, gLabels): print the calibration page, measure, save the offset.

The calibration page (certs.calibration.calibration_page_pdf) has mm rulers along the top and left edges and a
cross meant to sit 20 mm from the left and 20 mm from the top of the sheet. Printed at 100 % without any
offset, the clerk measures where the cross landed and enters the deviation (right / down positive); it is
saved per printer (`PrintService.save_offset`, `printers.json`) and every later print of that printer is
moved by the opposite amount (`PrintService.print_ready_pdf`). Printing the page again with the offset applied
checks the result: the cross then sits at 20 mm / 20 mm.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import KnownError
from desktop_app.services.printing import MAX_OFFSET_MM, PrinterOffset
from desktop_app.ui.certificates.context import CertContext
from desktop_app.ui.certificates.print_job import print_calibration_page, printer_label
from desktop_app.ui.certificates.printer_choice import PrinterChooser, default_output_dir, offset_text
from desktop_app.ui.common.badges import BAD, GOOD, INFO
from desktop_app.ui.common.errors import inline_text
from desktop_app.ui.common.operations import Op

CROSS_MM = 20  # where the calibration page's cross belongs, from the left and the top edge


class CalibrationDialog(QDialog):
    saved = Signal(str)  # the printer whose offset was saved

    def __init__(self, ctx: CertContext, parent: QWidget | None = None, *, printer: str | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.busy = 0
        self.setObjectName("calibrationDialog")
        self.setWindowTitle(self.tr("打印机校准"))
        self.setMinimumWidth(600)
        self.chooser = PrinterChooser(ctx.settings, default_output_dir(ctx.settings) / self.tr("CertDesk-校准页.pdf"))
        if printer:
            self.chooser.set_printer(printer)

        steps = QLabel(self.tr(
            "<ol style='margin-left: -20px'>"
            "<li>选择打印机，点“打印校准页”。校准页按 100% 实际尺寸打印，不加任何偏移。</li>"
            "<li>用直尺测量校准页左上方十字的中心：它应距纸张<b>左边 {mm} mm</b>、<b>上边 {mm} mm</b>。</li>"
            "<li>填入实际偏差：<b>偏右、偏下为正</b>，偏左、偏上为负（精确到 0.1 mm），点“保存”。</li>"
            "<li>可勾选“应用已保存的偏移”再打印一次检验：十字应正好落在 {mm} mm / {mm} mm。</li>"
            "</ol>").format(mm=CROSS_MM))
        steps.setObjectName("calibrationSteps")
        steps.setWordWrap(True)
        steps.setTextFormat(Qt.TextFormat.RichText)

        self.x_spin = self._spin("offsetXSpin")
        self.y_spin = self._spin("offsetYSpin")
        self.current_label = QLabel()
        self.current_label.setObjectName("currentOffset")
        self.apply_check = QCheckBox(self.tr("应用已保存的偏移（检验校准结果）"))
        self.apply_check.setObjectName("applyOffsetCheck")
        self.print_button = QPushButton(self.tr("打印校准页"))
        self.print_button.setObjectName("printCalibrationButton")
        self.print_button.setAutoDefault(False)
        self.print_button.clicked.connect(self.print_page)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(self.tr("打印机："), self.chooser)
        print_row = QHBoxLayout()
        print_row.addWidget(self.print_button)
        print_row.addStretch(1)
        form.addRow("", print_row)
        form.addRow("", self.apply_check)
        form.addRow(self.tr("当前校准："), self.current_label)
        form.addRow(self.tr("水平偏差（偏右为正）："), self.x_spin)
        form.addRow(self.tr("垂直偏差（偏下为正）："), self.y_spin)

        self.message = QLabel()
        self.message.setObjectName("calibrationMessage")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(self.tr("保存"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("saveOffsetButton")
        self.save_button.setDefault(True)
        close = buttons.addButton(self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.save)
        close.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(steps)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.chooser.changed.connect(self._printer_changed)
        self._printer_changed(self.chooser.printer())

    def _spin(self, name: str) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setObjectName(name)
        spin.setRange(-MAX_OFFSET_MM, MAX_OFFSET_MM)
        spin.setDecimals(1)
        spin.setSingleStep(0.1)
        spin.setSuffix(" mm")
        spin.setAlignment(Qt.AlignmentFlag.AlignRight)
        spin.setFixedWidth(140)
        return spin

    def _stored(self, printer: str) -> PrinterOffset | None:
        try:
            return self.ctx.workspace.printing.printer_offset(printer)
        except KnownError as exc:
            self._say(inline_text(exc), bad=True)
            return None

    def _printer_changed(self, printer: str) -> None:
        offset = self._stored(printer) or PrinterOffset()
        self.current_label.setText(offset_text(offset))
        self.x_spin.setValue(offset.x_mm)
        self.y_spin.setValue(offset.y_mm)

    def _say(self, text: str, *, bad: bool = False, good: bool = False) -> None:
        tone = BAD if bad else GOOD if good else INFO
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {tone.foreground}; font-weight: bold;")

    def print_page(self) -> None:
        target = self.chooser.target()
        if target.is_file and target.output_file is None:
            self._say(self.tr("请选择 PDF 文件的保存位置"), bad=True)
            return
        offset = self._stored(target.printer) if self.apply_check.isChecked() else None
        self.print_button.setEnabled(False)
        self._say(self.tr("正在打印校准页…"))
        self.busy += 1
        printing = self.ctx.workspace.printing
        Op(self, lambda: print_calibration_page(printing, target, offset)).success(self._printed).failure(
            self._failed).run()

    def _printed(self, _result: object) -> None:
        self.busy -= 1
        self.print_button.setEnabled(True)
        self.chooser.remember()
        self._say(self.tr("校准页已发送到打印机。请测量十字中心到纸张左边、上边的距离，填入与 {mm} mm 的偏差。")
                  .format(mm=CROSS_MM), good=True)

    def _failed(self, exc: BaseException) -> None:
        self.busy -= 1
        self.print_button.setEnabled(True)
        self._say(self.tr("打印失败：{0}").format(inline_text(exc)), bad=True)

    def save(self) -> None:
        if not self.save_button.isEnabled():
            return
        if not self.ctx.ensure_operator():
            self._say(self.tr("未设置操作员姓名，不能保存校准"), bad=True)
            return
        printing, printer = self.ctx.workspace.printing, self.chooser.printer()
        x_mm, y_mm = self.x_spin.value(), self.y_spin.value()
        self.save_button.setEnabled(False)
        self.busy += 1
        Op(self, lambda: printing.save_offset(printer, x_mm, y_mm), writes=True).success(
            lambda offset: self._saved(printer, offset)).failure(self._save_failed).run()

    def _saved(self, printer: str, offset: PrinterOffset) -> None:
        self.busy -= 1
        self.save_button.setEnabled(True)
        self.current_label.setText(offset_text(offset))
        self._say(self.tr("已保存“{printer}”的校准：以后在这台打印机上打印证书时自动补偿。").format(
            printer=printer_label(printer)),
                  good=True)
        self.saved.emit(printer)

    def _save_failed(self, exc: BaseException) -> None:
        self.busy -= 1
        self.save_button.setEnabled(True)
        self._say(self.tr("无法保存校准：{0}").format(inline_text(exc)), bad=True)
