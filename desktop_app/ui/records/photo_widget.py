"""The certificate photo of the edit dialog: from a file, drag and drop, or the clipboard; cropped to 25:35.

Untrusted bytes are decoded by the photo service (`services.photos`) on a worker thread: a corrupt,
huge, tiny or non-image file gives a clear message and changes nothing. A new picture opens a crop
box with the 25:35 aspect locked that the user moves (drag inside) and resizes (drag a corner,
the mouse wheel, or +/−; arrow keys move it) over a scaled preview. Each crop is encoded by
`make_certificate_photo` off the GUI thread: the JPEG that will be stored (≤ 50 KB, 200–300 dpi)
is what the preview shows.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QImage, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import KnownError
from desktop_app.services import photos
from desktop_app.services.photos import CropBox
from desktop_app.ui.common.badges import BAD
from desktop_app.ui.common.operations import Op
from desktop_app.ui.records.crop_view import CropView
from desktop_app.ui.records.photo_source import (
    PhotoResult,
    PhotoSource,
    decode_source,
    encode_result,
    image_to_png,
    read_photo_file,
)

RESULT_SIZE = QSize(105, 147)  # 25 × 35 mm at 4.2 px/mm, as in the detail pane
ENCODE_DELAY_MS = 120  # after the last crop change, encode the result
IMAGE_FILTER_PATTERNS = "*.jpg *.jpeg *.png *.bmp *.gif *.tif *.tiff *.webp"


class PhotoWidget(QWidget):
    """The photo part of the edit form. `new_photo()` is what save_person stores, `remove_requested()`
    whether the photo is to be deleted; `busy()` while a picture is decoded or encoded."""

    changed = Signal()  # the pending photo, the busy state or the message changed

    def __init__(self, original: bytes | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("photoWidget")
        self.setAcceptDrops(True)
        self.original = original
        self.source: PhotoSource | None = None
        self.result: PhotoResult | None = None
        self._remove = False
        self._decoding = 0  # generation of the decode in flight (0: none)
        self._encoding = 0  # generation of the encode in flight (0: none)
        self._generation = 0
        self._ops: dict[int, Op] = {}
        self._build()
        self._show_current()

    # --- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.crop_view = CropView()
        self.crop_view.setVisible(False)
        self.crop_hint = QLabel(self.tr("拖动裁剪框选取头像（25:35）"))
        self.crop_hint.setStyleSheet("color: #666;")
        self.crop_hint.setWordWrap(True)
        self.crop_hint.setVisible(False)

        self.preview = QLabel()
        self.preview.setObjectName("photoPreview")
        self.preview.setFixedSize(RESULT_SIZE + QSize(2, 2))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setWordWrap(True)
        self.info_label = QLabel()
        self.info_label.setObjectName("photoInfo")
        self.info_label.setWordWrap(True)
        self.info_label.setStyleSheet("color: #555;")
        self.info_label.setMinimumWidth(RESULT_SIZE.width() + 30)
        self.message_label = QLabel()
        self.message_label.setObjectName("photoMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet(f"color: {BAD.foreground};")
        self.message_label.setVisible(False)

        self.file_button = QPushButton(self.tr("选择文件…"))
        self.file_button.setObjectName("photoFileButton")
        self.paste_button = QPushButton(self.tr("粘贴"))
        self.paste_button.setObjectName("photoPasteButton")
        self.paste_button.setToolTip(self.tr("粘贴剪贴板中的图片或图片文件（Ctrl+V）"))
        self.remove_button = QPushButton(self.tr("删除照片"))
        self.remove_button.setObjectName("photoRemoveButton")
        self.revert_button = QPushButton(self.tr("还原"))
        self.revert_button.setObjectName("photoRevertButton")
        self.revert_button.setToolTip(self.tr("放弃对照片的修改"))
        for button in (self.file_button, self.paste_button, self.remove_button, self.revert_button):
            button.setAutoDefault(False)

        # Ctrl+V anywhere in the dialog pastes a picture, except in a text field (which pastes text).
        self.paste_action = QAction(self.tr("粘贴照片"), self)
        self.paste_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Paste))
        self.paste_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.addAction(self.paste_action)

        right = QVBoxLayout()
        right.setSpacing(4)
        right.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignHCenter)
        right.addWidget(self.info_label)
        right.addStretch(1)

        top = QHBoxLayout()
        crop_box = QVBoxLayout()
        crop_box.addWidget(self.crop_view, 1)
        crop_box.addWidget(self.crop_hint)
        top.addLayout(crop_box, 1)
        top.addLayout(right)

        buttons = QGridLayout()
        buttons.setHorizontalSpacing(4)
        buttons.addWidget(self.file_button, 0, 0)
        buttons.addWidget(self.paste_button, 0, 1)
        buttons.addWidget(self.remove_button, 1, 0)
        buttons.addWidget(self.revert_button, 1, 1)

        drop_hint = QLabel(self.tr("也可将照片文件拖放到此处"))
        drop_hint.setStyleSheet("color: #888; font-size: 9pt;")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top, 1)
        layout.addLayout(buttons)
        layout.addWidget(drop_hint)
        layout.addWidget(self.message_label)

        self.file_button.clicked.connect(self.choose_file)
        self.paste_button.clicked.connect(self.paste)
        self.paste_action.triggered.connect(self.paste)
        self.remove_button.clicked.connect(self.remove)
        self.revert_button.clicked.connect(self.revert)
        self.crop_view.cropFinished.connect(self._crop_finished)
        self.encode_timer = QTimer(self)
        self.encode_timer.setSingleShot(True)
        self.encode_timer.setInterval(ENCODE_DELAY_MS)
        self.encode_timer.timeout.connect(self._encode)

    # --- what the form saves ----------------------------------------------------------------

    def new_photo(self) -> bytes | None:
        return self.result.data if self.result is not None and not self._remove else None

    def remove_requested(self) -> bool:
        return self._remove and self.original is not None

    def dirty(self) -> bool:
        return self.new_photo() is not None or self.remove_requested()

    def busy(self) -> bool:
        return bool(self._decoding or self._encoding or self.encode_timer.isActive())

    def message(self) -> str:
        return self.message_label.text() if self.message_label.isVisible() else ""

    # --- sources ----------------------------------------------------------------------------

    def choose_file(self) -> None:
        filters = self.tr("图片文件 ({0});;所有文件 (*)").format(IMAGE_FILTER_PATTERNS)
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择照片"), "", filters)
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path) -> None:
        self._decode(lambda: read_photo_file(path), self.tr("文件“{0}”").format(path.name))

    def load_bytes(self, data: bytes, origin: str = "") -> None:
        self._decode(lambda: data, origin or self.tr("剪贴板"))

    def paste(self) -> None:
        mime = QApplication.clipboard().mimeData()
        if mime is not None and mime.hasImage():
            image = QImage(mime.imageData())
            if not image.isNull():
                self.load_bytes(image_to_png(image), self.tr("剪贴板图片"))
                return
        if mime is not None and mime.hasUrls():
            local = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
            if local:
                self.load_file(local[0])
                return
        self._show_message(self.tr("剪贴板中没有图片。请先复制一张照片（或照片文件），再粘贴"))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if mime.hasImage() or any(url.isLocalFile() for url in mime.urls()):
            event.acceptProposedAction()
            self.setStyleSheet("QWidget#photoWidget { background: #e3eefc; }")

    def dragLeaveEvent(self, event: object) -> None:
        self.setStyleSheet("")

    def dropEvent(self, event: QDropEvent) -> None:
        self.setStyleSheet("")
        mime = event.mimeData()
        local = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
        if local:
            self.load_file(local[0])
        elif mime.hasImage():
            self.load_bytes(image_to_png(QImage(mime.imageData())), self.tr("拖放的图片"))
        else:
            return
        event.acceptProposedAction()

    # --- decoding and encoding off the GUI thread -------------------------------------------

    def _decode(self, read: Callable[[], bytes], origin: str) -> None:
        self._generation += 1
        generation = self._generation
        self._decoding = generation
        self._encoding = 0
        self.encode_timer.stop()
        self.message_label.setVisible(False)
        self.info_label.setText(self.tr("正在读取{0}…").format(origin))
        self.changed.emit()

        def work() -> PhotoSource:
            return decode_source(read())

        op = Op(self, work)
        op.success(lambda source: self._decoded(generation, source, origin))
        op.failure(lambda exc: self._decode_failed(generation, exc))
        self._ops[generation] = op
        op.run()

    def _decoded(self, generation: int, source: PhotoSource, origin: str) -> None:
        self._ops.pop(generation, None)
        if generation != self._decoding:
            return
        self._decoding = 0
        self.source = source
        self._remove = False
        self.result = None
        crop = photos.default_crop(source.info.width, source.info.height)
        self.crop_view.set_source(source.preview, QSize(source.info.width, source.info.height), crop)
        self.crop_view.setVisible(True)
        self.crop_hint.setVisible(True)
        self.crop_hint.setText(self.tr("{0}：{1} × {2} 像素。拖动裁剪框选取头像（25:35）").format(
            origin, source.info.width, source.info.height))
        self._encode()

    def _decode_failed(self, generation: int, exc: BaseException) -> None:
        self._ops.pop(generation, None)
        if generation != self._decoding:
            return
        self._decoding = 0
        self._show_current()  # nothing changed: the photo stays as it was
        self._show_message(self._error_text(exc))

    def _crop_finished(self, _crop: CropBox) -> None:
        self.encode_timer.start()
        self.changed.emit()

    def _encode(self) -> None:
        crop = self.crop_view.crop()
        if self.source is None or crop is None:
            return
        self._generation += 1
        generation = self._generation
        self._encoding = generation
        data = self.source.data
        self.info_label.setText(self.tr("正在生成证件照…"))
        self.changed.emit()
        op = Op(self, lambda: encode_result(data, crop))
        op.success(lambda result: self._encoded(generation, result))
        op.failure(lambda exc: self._encode_failed(generation, exc))
        self._ops[generation] = op
        op.run()

    def _encoded(self, generation: int, result: PhotoResult) -> None:
        self._ops.pop(generation, None)
        if generation != self._encoding:
            return
        self._encoding = 0
        self.result = result
        self.message_label.setVisible(False)
        self._show_image(result.image)
        self.info_label.setText(self.tr("新照片：{kb:.1f} KB，{w} × {h} 像素，{dpi} dpi（保存后生效）").format(
            kb=len(result.data) / 1024, w=result.image.width(), h=result.image.height(), dpi=result.dpi))
        self.changed.emit()

    def _encode_failed(self, generation: int, exc: BaseException) -> None:
        self._ops.pop(generation, None)
        if generation != self._encoding:
            return
        self._encoding = 0
        self.result = None
        self._show_message(self._error_text(exc))
        self.info_label.setText(self.tr("未能生成证件照"))
        self.changed.emit()

    def _error_text(self, exc: BaseException) -> str:
        if isinstance(exc, KnownError):
            return str(exc)
        return self.tr("无法处理该图片：{0}").format(exc)

    # --- remove / revert --------------------------------------------------------------------

    def remove(self) -> None:
        self._cancel()
        self._remove = True
        self.result = None
        self._hide_crop()
        self.preview.setPixmap(QPixmap())
        self.preview.setText(self.tr("将删除照片"))
        self.preview.setStyleSheet(f"border: 1px dashed {BAD.border}; color: {BAD.foreground};")
        self.info_label.setText(self.tr("保存后删除照片") if self.original else self.tr("无照片"))
        self.message_label.setVisible(False)
        self.changed.emit()

    def revert(self) -> None:
        self._cancel()
        self._remove = False
        self.result = None
        self.message_label.setVisible(False)
        self._show_current()

    def _cancel(self) -> None:
        self._generation += 1
        self._decoding = self._encoding = 0
        self.encode_timer.stop()
        self.source = None

    def _hide_crop(self) -> None:
        self.crop_view.setVisible(False)
        self.crop_hint.setVisible(False)

    def _show_current(self) -> None:
        """What is stored now (nothing pending)."""
        if self.source is None:
            self._hide_crop()
        if self.result is not None:
            return
        image = QImage.fromData(self.original) if self.original else QImage()
        if not image.isNull():
            self._show_image(image)
            self.info_label.setText(self.tr("当前照片：{0:.1f} KB").format(len(self.original or b"") / 1024))
        else:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self.tr("无照片"))
            self.preview.setStyleSheet("border: 1px dashed #aaa; color: #888; background: #f6f6f6;")
            self.info_label.setText(self.tr("可选择文件、粘贴或拖放照片"))
        self.remove_button.setEnabled(self.original is not None)
        self.changed.emit()

    def _show_image(self, image: QImage) -> None:
        ratio = self.devicePixelRatioF()
        scaled = image.scaled(RESULT_SIZE * ratio, Qt.AspectRatioMode.KeepAspectRatio,
                              Qt.TransformationMode.SmoothTransformation)
        scaled.setDevicePixelRatio(ratio)
        self.preview.setText("")
        self.preview.setPixmap(QPixmap.fromImage(scaled))
        self.preview.setStyleSheet("border: 1px solid #bbb; background: white;")

    def _show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(True)
        self.changed.emit()

    def shutdown(self) -> None:
        """The dialog closes: answers still on their way are dropped."""
        self._cancel()
