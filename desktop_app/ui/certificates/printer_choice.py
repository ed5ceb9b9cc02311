"""Choosing where a certificate prints: the system's printers or a PDF file, remembered per
workspace; where PDF files go by default; how a printer's calibration reads."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths, Signal
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop_app.services.printing import PrinterOffset
from desktop_app.ui.certificates.print_job import PDF_PRINTER, PrintTarget
from desktop_app.ui.common.badges import WARN
from desktop_app.ui.common.labels import data_field

SETTINGS_LAST_PRINTER = "printing/last_printer"
SETTINGS_LAST_PDF_DIR = "printing/last_pdf_dir"


def system_printers() -> list[str]:
    return list(QPrinterInfo.availablePrinterNames())


class PrinterChooser(QWidget):
    """A printer combo (the system's printers and the PDF file) plus, for the PDF file, where it goes."""

    changed = Signal(str)  # the printer key

    def __init__(self, settings: QSettings, default_file: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.combo = QComboBox()
        self.combo.setObjectName("printerCombo")
        self.combo.setMinimumContentsLength(24)
        names = system_printers()
        default = QPrinterInfo.defaultPrinterName()
        for name in names:
            self.combo.addItem(name + (self.tr("（默认）") if name == default else ""), name)
        self.combo.addItem(self.tr("PDF 文件（打印到文件）"), PDF_PRINTER)
        last = str(settings.value(SETTINGS_LAST_PRINTER, "") or "")
        index = self.combo.findData(last) if last else -1
        if index < 0 and default:
            index = self.combo.findData(default)
        self.combo.setCurrentIndex(max(index, 0))
        self.file_edit = data_field(QLineEdit(str(default_file)))  # a path
        self.file_edit.setObjectName("outputFileEdit")
        self.browse_button = QPushButton(self.tr("浏览…"))
        self.browse_button.setAutoDefault(False)
        self.browse_button.clicked.connect(self._browse)
        self.file_row = QWidget()
        file_layout = QHBoxLayout(self.file_row)
        file_layout.setContentsMargins(0, 0, 0, 0)
        file_layout.addWidget(QLabel(self.tr("保存到：")))
        file_layout.addWidget(self.file_edit, 1)
        file_layout.addWidget(self.browse_button)
        self.none_label = QLabel(self.tr("系统中没有安装打印机：可先打印到 PDF 文件，或在系统设置中添加打印机"))
        self.none_label.setObjectName("noPrinterLabel")
        self.none_label.setWordWrap(True)
        self.none_label.setStyleSheet(f"color: {WARN.foreground};")
        self.none_label.setVisible(not names)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addWidget(self.file_row)
        layout.addWidget(self.none_label)
        self.combo.currentIndexChanged.connect(self._changed)
        self._changed()

    def printer(self) -> str:
        return str(self.combo.currentData())

    def set_printer(self, key: str) -> None:
        index = self.combo.findData(key)
        if index >= 0:
            self.combo.setCurrentIndex(index)

    def target(self) -> PrintTarget:
        if self.printer() == PDF_PRINTER:
            text = self.file_edit.text().strip()
            return PrintTarget(PDF_PRINTER, Path(text) if text else None)
        return PrintTarget(self.printer())

    def remember(self) -> None:
        self.settings.setValue(SETTINGS_LAST_PRINTER, self.printer())
        target = self.target()
        if target.output_file is not None:
            self.settings.setValue(SETTINGS_LAST_PDF_DIR, str(target.output_file.parent))

    def _changed(self, *_args: object) -> None:
        self.file_row.setVisible(self.printer() == PDF_PRINTER)
        self.changed.emit(self.printer())

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("打印到 PDF 文件"), self.file_edit.text(),
                                              self.tr("PDF 文件 (*.pdf)"))
        if path:
            self.file_edit.setText(path if path.lower().endswith(".pdf") else path + ".pdf")


def default_output_dir(settings: QSettings) -> Path:
    last = str(settings.value(SETTINGS_LAST_PDF_DIR, "") or "")
    if last:
        return Path(last)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or Path.home()) / "CertDesk"


def offset_text(offset: PrinterOffset) -> str:
    if offset.x_mm == 0 and offset.y_mm == 0:
        return QCoreApplication.translate("PrintDialog", "未校准（偏移 0）")
    return QCoreApplication.translate("PrintDialog", "已校准：水平 {x:+.1f} mm，垂直 {y:+.1f} mm").format(
        x=offset.x_mm, y=offset.y_mm)
