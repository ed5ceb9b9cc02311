"""系统管理 → 印章与发证机关代码: per issuing unit, its seal (a transparent PNG, previewed 50 mm across at
the screen's logical resolution over a checkerboard, so transparency shows) and its unified social
credit code. Set through `ctx.admin` (checked and audited there); a unit with both a seal and a real
code prints certificates without the specimen marks (docs/certificates.md)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.administration import UnitSetup
from desktop_app.services.context import WorkspaceContext
from desktop_app.ui.admin.section import Section, current_key, fill, note, table
from desktop_app.ui.common.labels import data_field

SEAL_MM = 50.0
MM_PER_INCH = 25.4
CHECKER_PX = 8


def seal_side_px(widget: QWidget) -> int:
    """50 mm in device-independent pixels at the screen's logical resolution."""
    return round(SEAL_MM / MM_PER_INCH * widget.logicalDpiX())


class SealPreview(QWidget):
    """The seal at its printed size over a checkerboard; a dashed circle where none is set."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adminSealPreview")
        self.image: QImage | None = None
        self.text = ""
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setFixedSize(self.sizeHint())

    def sizeHint(self) -> QSize:
        side = seal_side_px(self)
        return QSize(side, side)

    def show_seal(self, png: bytes | None, text: str = "") -> None:
        self.setFixedSize(self.sizeHint())  # the screen (and its resolution) may have changed
        image = QImage.fromData(png) if png else None
        self.image = image if image is not None and not image.isNull() else None
        self.text = text
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawTiledPixmap(self.rect(), _checker())
        box = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        if self.image is not None:
            painter.drawImage(box, self.image)
        else:
            painter.setPen(QPen(QColor("#b0b0b0"), 1.5, Qt.PenStyle.DashLine))
            painter.drawEllipse(box.adjusted(2, 2, -2, -2))
        if self.text:
            painter.setPen(QColor("#555555"))
            painter.drawText(box.adjusted(12, 12, -12, -12), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             self.text)
        painter.setPen(QPen(QColor("#c8c8c8"), 1))
        painter.drawRect(box)
        painter.end()


def _checker() -> QPixmap:
    pixmap = QPixmap(2 * CHECKER_PX, 2 * CHECKER_PX)
    pixmap.fill(QColor("#ffffff"))
    painter = QPainter(pixmap)
    for x, y in ((0, 0), (CHECKER_PX, CHECKER_PX)):
        painter.fillRect(x, y, CHECKER_PX, CHECKER_PX, QColor("#e6e6e6"))
    painter.end()
    return pixmap


class SealsSection(Section):
    title = QT_TRANSLATE_NOOP("AdminWindow", "印章与发证机关代码")
    action = "workshop.manage"

    def __init__(self, ctx: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.units: list[UnitSetup] = []
        self.table = table([self.tr("发证机关"), self.tr("印章"), self.tr("统一社会信用代码")], "adminUnits")
        self.table.itemSelectionChanged.connect(self._selected)
        self.unit_label = data_field(QLabel())  # the unit's name
        self.unit_label.setObjectName("adminUnitName")
        self.unit_label.setStyleSheet("font-weight: bold;")
        self.preview = SealPreview()
        self.scale_label = note(self.tr("按打印尺寸显示：直径 50 mm（以屏幕的逻辑分辨率 {0:.0f} dpi 计算）").format(
            self.preview.logicalDpiX()))
        self.choose_button = QPushButton(self.tr("选择 PNG…"))
        self.choose_button.setObjectName("adminChooseSeal")
        self.choose_button.clicked.connect(self._choose_seal)
        self.remove_button = QPushButton(self.tr("移除印章"))
        self.remove_button.setObjectName("adminRemoveSeal")
        self.remove_button.clicked.connect(self._remove_seal)
        self.uscc_edit = data_field(QLineEdit())  # the unit's code
        self.uscc_edit.setObjectName("adminUscc")
        self.uscc_edit.setMaxLength(18)
        self.uscc_edit.setPlaceholderText(self.tr("18 位统一社会信用代码"))
        self.uscc_button = QPushButton(self.tr("保存代码"))
        self.uscc_button.setObjectName("adminSaveUscc")
        self.uscc_button.clicked.connect(self._save_uscc)
        self.state_label = QLabel()
        self.state_label.setObjectName("adminUnitState")
        self.state_label.setWordWrap(True)

        seal_buttons = QHBoxLayout()
        seal_buttons.addWidget(self.choose_button)
        seal_buttons.addWidget(self.remove_button)
        seal_buttons.addStretch(1)
        uscc_row = QHBoxLayout()
        uscc_row.addWidget(self.uscc_edit, 1)
        uscc_row.addWidget(self.uscc_button)
        form = QFormLayout()
        form.addRow(self.tr("发证机关代码："), uscc_row)
        detail = QVBoxLayout()
        detail.addWidget(self.unit_label)
        detail.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignLeft)
        detail.addWidget(self.scale_label)
        detail.addLayout(seal_buttons)
        detail.addSpacing(8)
        detail.addLayout(form)
        detail.addWidget(self.state_label)
        detail.addStretch(1)
        columns = QHBoxLayout()
        columns.addWidget(self.table, 3)
        columns.addLayout(detail, 2)
        self.layout_.addWidget(note(self.tr(
            "印章须为正方形、背景透明的 PNG，圆形印章充满画面（打印直径 50 mm，约 600 × 600 像素为宜）。"
            "统一社会信用代码不印在证书上，写入电子证照标识。印章和正式代码都设置后，该机关的证书才不再是样本。")))
        self.layout_.addLayout(columns, 1)
        self.finish_setup()

    def load(self) -> None:
        self.units = self.ctx.admin.units()
        fill(self.table, [[u.unit, self._seal_text(u), self._code_text(u)] for u in self.units],
             [u.unit for u in self.units])
        self._selected()

    def _seal_text(self, unit: UnitSetup) -> str:
        if unit.seal_problem:
            return self.tr("文件有误")
        return self.tr("已设置") if unit.seal is not None else self.tr("未设置（样章）")

    def _code_text(self, unit: UnitSetup) -> str:
        if unit.uscc is None:
            return self.tr("未设置")
        return unit.uscc + (self.tr("（样本）") if unit.specimen_code else "")

    def selected(self) -> UnitSetup | None:
        key = current_key(self.table)
        return next((u for u in self.units if u.unit == key), None)

    def select_unit(self, name: str) -> None:
        for row, unit in enumerate(self.units):
            if unit.unit == name:
                self.table.selectRow(row)

    def _selected(self) -> None:
        unit = self.selected()
        for widget in (self.choose_button, self.uscc_edit, self.uscc_button):
            widget.setEnabled(unit is not None)
        self.remove_button.setEnabled(unit is not None and (unit.seal is not None or bool(unit.seal_problem)))
        if unit is None:
            self.unit_label.clear()
            self.preview.show_seal(None, self.tr("未选择发证机关"))
            return
        self.unit_label.setText(unit.unit)
        if unit.seal_problem:
            self.preview.show_seal(None, self.tr("印章文件有误"))
        else:
            self.preview.show_seal(unit.seal, "" if unit.seal else self.tr("未设置印章\n打印为样章"))
        self.uscc_edit.setText("" if unit.uscc is None or unit.specimen_code else unit.uscc)
        self.uscc_edit.setPlaceholderText(self.tr("样本代码 {0}，请填写正式代码").format(unit.uscc)
                                          if unit.uscc and unit.specimen_code else self.tr("18 位统一社会信用代码"))
        if unit.seal_problem:
            state, color = unit.seal_problem, "#a11b1b"
        elif unit.ready:
            state, color = self.tr("印章和正式代码均已设置：本机关的证书打印时不带样本标记。"), "#1b5e20"
        else:
            state, color = self.tr("尚缺印章或正式代码：本机关的证书打印为样本。"), "#8a4b00"
        self.state_label.setText(state)
        self.state_label.setStyleSheet(f"color: {color};")

    def _choose_seal(self) -> None:
        unit = self.selected()
        if unit is None:
            return
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择 {0} 的印章").format(unit.unit), "",
                                              self.tr("PNG 图像 (*.png);;所有文件 (*)"))
        if path:
            self.set_seal(unit.unit, Path(path))

    def set_seal(self, unit: str, path: Path) -> None:
        self.run(lambda: self.ctx.admin.set_seal(unit, path),
                 lambda info: self.done.emit(self.tr("已设置 {0} 的印章（{1} × {2} 像素）").format(
                     unit, info.width, info.height)))

    def _remove_seal(self) -> None:
        unit = self.selected()
        if unit is None:
            return
        answer = QMessageBox.question(self, self.tr("移除印章"), self.tr(
            "移除 {0} 的印章？此后该机关的证书打印为样本。").format(unit.unit))
        if answer == QMessageBox.StandardButton.Yes:
            name = unit.unit
            self.run(lambda: self.ctx.admin.remove_seal(name),
                     lambda _removed: self.done.emit(self.tr("已移除 {0} 的印章").format(name)))

    def _save_uscc(self) -> None:
        unit = self.selected()
        if unit is None:
            return
        name, text = unit.unit, self.uscc_edit.text()
        self.run(lambda: self.ctx.admin.set_issuer_uscc(name, text),
                 lambda code: self.done.emit(self.tr("已保存 {0} 的统一社会信用代码 {1}").format(name, code.uscc)))
