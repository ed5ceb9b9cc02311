"""The certificate preview at true scale: the one PDF, rasterised, 1 mm on paper = 1 mm on screen.

The preview never draws the certificate itself (DESIGN §4 anti-patterns, §5 OpenCRVS): it shows
`IssuanceService.certificate_pdf` rasterised by `certs.raster.render_png` at the screen's physical
resolution times the zoom and the device pixel ratio (true_scale). The same bytes go to the
printer (printing_dialog) and to 另存为 PDF. Before generation there is no PDF: the dialog shows
the new number, what blocks generation, and the 生成新版证书 button (`IssuanceService.generate`
on the write pool; NotEligible lists its reasons). What a generation changed reaches the other views
on the change bus (`Op` publishes it); the dialog itself reads again when a change elsewhere touches
the holder (an edit that removes a blocker, a photo, a batch).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.changes import OpChanges
from desktop_app.services.issuance import IssuedCertificate, NotEligible
from desktop_app.settings import atomic_write_bytes
from desktop_app.ui.certificates.context import CertContext, CertificateRef
from desktop_app.ui.certificates.pages import rasterise
from desktop_app.ui.certificates.preview_data import PREVIEW_KINDS, Loaded, read_preview
from desktop_app.ui.certificates.printer_choice import SETTINGS_LAST_PDF_DIR, default_output_dir
from desktop_app.ui.certificates.printing_dialog import PrintDialog
from desktop_app.ui.certificates.status_names import status_name
from desktop_app.ui.certificates.true_scale import ACTUAL, FIT, PAGE_MARGIN, ZOOMS, fit_zoom, screen_dpi
from desktop_app.ui.common.badges import BAD, GOOD, INFO, WARN, Badge, Tone
from desktop_app.ui.common.changes import change_bus
from desktop_app.ui.common.errors import inline_text
from desktop_app.ui.common.labels import data_field
from desktop_app.ui.common.operations import Op

SETTINGS_ZOOM = "preview/zoom"


class CertificatePreview(QDialog):
    """Preview, generate, print and save one certificate."""

    generated = Signal(int)  # person id: a new-format certificate was generated (for the status bar)
    printed = Signal(object)  # PrintRecord

    def __init__(self, ctx: CertContext, cert: CertificateRef, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.cert = cert  # by row id once known (generating tells it), else by new-format number
        self.person_id = cert.person_id
        self.number = cert.number  # the new-format number (never changes when generating)
        self.loaded: Loaded | None = None
        self.image: QImage | None = None
        self.render_dpi = 0.0  # device pixels per inch of `image`
        self.busy = 0
        self._render_generation = 0
        self._load_generation = 0
        self._generating = False  # its own generation reloads in `_generated`, not from the change bus
        self.print_dialog: PrintDialog | None = None
        self.setObjectName("certificatePreview")
        self.setWindowTitle(self.tr("新版证书预览 — {0}").format(cert.number))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self._build()
        self.resize(980, 900)
        change_bus().changed.connect(self._changed)
        self.load()

    # --- building -----------------------------------------------------------------------------

    def _build(self) -> None:
        self.title_label = data_field(QLabel(self.number))
        self.title_label.setObjectName("previewNumber")
        self.title_label.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.name_label = data_field(QLabel())  # the holder's name
        self.name_label.setObjectName("previewName")
        self.name_label.setStyleSheet("font-size: 12pt;")
        self.badges = QHBoxLayout()
        self.badges.setSpacing(4)
        head = QHBoxLayout()
        head.addWidget(self.title_label)
        head.addWidget(self.name_label)
        head.addLayout(self.badges)
        head.addStretch(1)

        self.state_label = QLabel(self.tr("正在读取证书…"))
        self.state_label.setObjectName("previewState")
        self.state_label.setWordWrap(True)
        self.state_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.zoom_combo = QComboBox()
        self.zoom_combo.setObjectName("zoomCombo")
        for text, value in ZOOMS:
            self.zoom_combo.addItem(QCoreApplication.translate("CertificatePreview", text), value)
        saved = self.ctx.settings.value(SETTINGS_ZOOM, ACTUAL)
        index = next((i for i, (_t, v) in enumerate(ZOOMS) if str(v) == str(saved)), 0)
        self.zoom_combo.setCurrentIndex(index)
        self.zoom_combo.currentIndexChanged.connect(self._zoom_changed)
        self.scale_label = QLabel()
        self.scale_label.setObjectName("scaleLabel")
        self.scale_label.setStyleSheet("color: #666;")
        tools = QHBoxLayout()
        tools.addWidget(QLabel(self.tr("显示比例：")))
        tools.addWidget(self.zoom_combo)
        tools.addWidget(self.scale_label, 1)

        self.page_label = QLabel()
        self.page_label.setObjectName("previewPage")
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_label.setStyleSheet("QLabel#previewPage { background: white; border: 1px solid #9a9a9a; }")
        self.placeholder = QLabel()
        self.placeholder.setObjectName("previewPlaceholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet("color: #f2f2f2; font-size: 14pt; padding: 40px;")
        canvas = QWidget()
        canvas.setObjectName("previewCanvas")
        canvas_layout = QVBoxLayout(canvas)
        canvas_layout.setContentsMargins(PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN)
        canvas_layout.addWidget(self.page_label, 0, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        canvas_layout.addWidget(self.placeholder)
        canvas_layout.addStretch(1)
        self.page_label.setVisible(False)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("previewScroll")
        self.scroll.setWidget(canvas)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setStyleSheet("QScrollArea#previewScroll, QWidget#previewCanvas { background: #6b6f75; }")

        self.generate_button = QPushButton(self.tr("生成新版证书"))
        self.generate_button.setObjectName("generateButton")
        self.generate_button.setStyleSheet("QPushButton#generateButton { font-weight: bold; padding: 4px 14px; }")
        self.generate_button.setToolTip(self.tr("分配新版编号、电子证照标识和二维码，并记入修改记录、等待同步"))
        self.print_button = QPushButton(self.tr("打印… (Ctrl+P)"))
        self.print_button.setObjectName("printButton")
        self.save_button = QPushButton(self.tr("另存为 PDF…"))
        self.save_button.setObjectName("savePdfButton")
        self.close_button = QPushButton(self.tr("关闭"))
        self.close_button.setObjectName("closeButton")
        for button in (self.generate_button, self.print_button, self.save_button, self.close_button):
            button.setAutoDefault(False)
        self.generate_button.clicked.connect(self.generate)
        self.print_button.clicked.connect(self.open_print)
        self.save_button.clicked.connect(self.save_pdf)
        self.close_button.clicked.connect(self.reject)
        self.print_shortcut = QShortcut(QKeySequence("Ctrl+P"), self)
        self.print_shortcut.activated.connect(self.open_print)
        buttons = QHBoxLayout()
        buttons.addWidget(self.generate_button)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.state_label)
        layout.addLayout(tools)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(buttons)
        self.resize_timer = QTimer(self)
        self.resize_timer.setSingleShot(True)
        self.resize_timer.setInterval(120)
        self.resize_timer.timeout.connect(self.render)
        self._set_buttons()

    def _set_buttons(self) -> None:
        has_pdf = self.loaded is not None and self.loaded.pdf is not None
        generated = has_pdf
        self.generate_button.setVisible(self.loaded is not None and not generated)
        self.generate_button.setEnabled(not self.busy)
        self.print_button.setEnabled(has_pdf)
        self.save_button.setEnabled(has_pdf)
        self.print_shortcut.setEnabled(has_pdf)
        self.zoom_combo.setEnabled(has_pdf)

    def is_busy(self) -> bool:
        """A worker still answers this dialog or its print dialog (it must not be deleted yet)."""
        return bool(self.busy) or (self.print_dialog is not None and bool(self.print_dialog.busy))

    # --- loading ------------------------------------------------------------------------------

    def load(self) -> None:
        search, issuance, today, cert = self.ctx.search, self.ctx.workspace.issuance, self.ctx.today, self.cert
        self._load_generation += 1
        generation = self._load_generation
        self.busy += 1
        self._set_buttons()
        Op(self, lambda: read_preview(search, issuance, today, cert)).success(
            lambda loaded: self._loaded(generation, loaded)).failure(lambda exc: self._failed(generation, exc)).run()

    def _changed(self, changes: OpChanges) -> None:
        """A write elsewhere touched the holder (an edit, a photo, a batch): read the certificate again."""
        if (not self._generating and self.isVisible() and changes.kinds & PREVIEW_KINDS
                and changes.touches_person(self.person_id)):
            self.load()

    def _loaded(self, generation: int, loaded: Loaded) -> None:
        self.busy -= 1
        if generation != self._load_generation:
            return  # a newer read is on its way
        self.loaded = loaded
        summary = loaded.summary
        self.name_label.setText(loaded.person_name)
        while self.badges.count():
            item = self.badges.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        if summary is not None:
            self.badges.addWidget(Badge(status_name(summary.status, summary.status_label),
                                        GOOD if summary.status == "valid" else WARN))
        if loaded.pdf is not None:
            self.badges.addWidget(Badge(self.tr("新版已生成"), GOOD))
            self._state(self.tr("新版证书已生成。下图即打印内容（同一份 PDF），按实际尺寸显示。"), GOOD)
            self.placeholder.setVisible(False)
            self.render()
        else:
            self.page_label.setVisible(False)
            self.placeholder.setVisible(True)
            if loaded.problem:
                self._state(loaded.problem, BAD)
                self.placeholder.setText(self.tr("无法显示证书"))
            elif summary is not None and summary.blockers:
                self.badges.addWidget(Badge(self.tr("受阻"), BAD))
                self._state(self.tr("不能生成新版证书，原因：\n{0}").format(
                    "\n".join(f"· {reason}" for reason in summary.blockers)), BAD)
                self.placeholder.setText(self.tr("补全信息后即可生成新版证书（编辑人员信息：Ctrl+E）"))
            else:
                self.badges.addWidget(Badge(self.tr("新版未生成"), WARN))
                self._state(self.tr("尚未生成新版证书：点“生成新版证书”分配新版编号和二维码，然后即可预览和打印。"),
                            INFO)
                self.placeholder.setText(self.tr("尚未生成新版证书"))
        self._set_buttons()

    def _failed(self, generation: int, exc: BaseException) -> None:
        self.busy -= 1
        if generation != self._load_generation:
            return
        self._state(self.tr("无法读取证书：{0}").format(inline_text(exc)), BAD)
        self._set_buttons()

    def _state(self, text: str, tone: Tone) -> None:
        self.state_label.setText(text)
        self.state_label.setStyleSheet(
            f"QLabel#previewState {{ color: {tone.foreground}; background: {tone.background};"
            f" border: 1px solid {tone.border}; border-radius: 4px; padding: 6px; font-weight: bold; }}")

    # --- rendering ----------------------------------------------------------------------------

    def zoom(self) -> float:
        """The scale over true size (1.0: 1 mm on paper is 1 mm on screen)."""
        value = self.zoom_combo.currentData()
        if value == ACTUAL:
            return 1.0
        if value == FIT and self.loaded is not None and self.loaded.page_mm is not None:
            return fit_zoom(self.loaded.page_mm, self.scroll.viewport().size(), screen_dpi(self)[0])
        return float(value) if isinstance(value, float) else 1.0

    def render(self) -> None:
        """Rasterise the PDF for the current zoom (off the GUI thread; the newest request wins)."""
        if self.loaded is None or self.loaded.pdf is None:
            return
        dpi, reported = screen_dpi(self)
        ratio = self.devicePixelRatioF()
        zoom = self.zoom()
        render_dpi = dpi * zoom * ratio
        pdf = self.loaded.pdf
        self._render_generation += 1
        generation = self._render_generation
        note = self.tr("屏幕 {dpi:.0f} dpi").format(dpi=dpi) if reported else self.tr(
            "屏幕未报告物理尺寸，按 {dpi:.0f} dpi 估算").format(dpi=dpi)
        self.scale_label.setText(self.tr("{zoom:.0f}%（100% 时屏幕上 1 mm 即纸上 1 mm；{note}）").format(
            zoom=zoom * 100, note=note))

        def work() -> QImage:
            image = rasterise(pdf, render_dpi)
            image.setDevicePixelRatio(ratio)
            return image

        self.busy += 1
        Op(self, work).success(lambda image: self._rendered(generation, render_dpi, image)).failure(
            self._render_failed).run()

    def _rendered(self, generation: int, render_dpi: float, image: QImage) -> None:
        self.busy -= 1
        if generation != self._render_generation:
            return
        self.image = image
        self.render_dpi = render_dpi
        pixmap = QPixmap.fromImage(image)
        self.page_label.setPixmap(pixmap)
        ratio = image.devicePixelRatio()
        self.page_label.setFixedSize(QSize(round(image.width() / ratio) + 2, round(image.height() / ratio) + 2))
        self.page_label.setVisible(True)

    def _render_failed(self, exc: BaseException) -> None:
        self.busy -= 1
        self._state(self.tr("无法显示证书：{0}").format(inline_text(exc)), BAD)

    def _zoom_changed(self, *_args: object) -> None:
        self.ctx.settings.setValue(SETTINGS_ZOOM, str(self.zoom_combo.currentData()))
        self.render()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.zoom_combo.currentData() == FIT:
            self.resize_timer.start()

    # --- actions ------------------------------------------------------------------------------

    def generate(self) -> None:
        if not self.ctx.ensure_operator():
            self._state(self.tr("未设置操作员姓名，不能生成新版证书（生成会记入修改记录）"), BAD)
            return
        issuance, ref = self.ctx.workspace.issuance, self.cert.ref
        self.busy += 1
        self._generating = True
        self._set_buttons()
        self._state(self.tr("正在生成新版证书…"), INFO)
        op = Op(self, lambda: issuance.generate(ref), writes=True)
        op.success(self._generated).failure(self._generate_failed).run()

    def _generated(self, issued: IssuedCertificate) -> None:
        self.busy -= 1
        self._generating = False
        self.cert = CertificateRef(issued.person_id, issued.number, issued.certificate_id)
        self.number = issued.number
        self.title_label.setText(issued.number)
        self.setWindowTitle(self.tr("新版证书预览 — {0}").format(issued.number))
        if issued.newly_generated:
            self.generated.emit(issued.person_id)
        self.load()

    def _generate_failed(self, exc: BaseException) -> None:
        self.busy -= 1
        self._generating = False
        self._set_buttons()
        if isinstance(exc, NotEligible):
            self._state(self.tr("不能生成新版证书，原因：\n{0}").format(
                "\n".join(f"· {reason}" for reason in exc.reasons)), BAD)
            return
        self._state(self.tr("生成失败：{0}").format(inline_text(exc)), BAD)

    def open_print(self) -> None:
        if self.loaded is None or self.loaded.pdf is None:
            return
        if self.print_dialog is not None and self.print_dialog.isVisible():
            self.print_dialog.raise_()
            return
        dialog = PrintDialog(self.ctx, self.cert, self.loaded.pdf, self)
        dialog.printed.connect(self.printed)
        self.print_dialog = dialog
        dialog.open()

    def save_pdf(self) -> None:
        if self.loaded is None or self.loaded.pdf is None:
            return
        suggested = default_output_dir(self.ctx.settings) / f"{self.number}.pdf"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("另存为 PDF"), str(suggested), self.tr("PDF 文件 (*.pdf)"))
        if not path:
            return
        target = Path(path if path.lower().endswith(".pdf") else path + ".pdf")
        pdf = self.loaded.pdf
        self.busy += 1
        Op(self, lambda: atomic_write_bytes(target, pdf)).success(lambda _r: self._saved(target)).failure(
            self._save_failed).run()

    def _saved(self, target: Path) -> None:
        self.busy -= 1
        self.ctx.settings.setValue(SETTINGS_LAST_PDF_DIR, str(target.parent))
        self._state(self.tr("已另存为 {0}").format(target), GOOD)

    def _save_failed(self, exc: BaseException) -> None:
        self.busy -= 1
        self._state(self.tr("无法保存 PDF：{0}").format(inline_text(exc)), BAD)
