"""The certificate photo of the edit dialog: from a file, drag and drop, or the clipboard; cropped to 25:35.

Untrusted bytes are decoded by the photo service (`services.photos`) on a worker thread: a corrupt,
huge, tiny or non-image file gives a clear message and changes nothing. A new picture opens a crop
box with the 25:35 aspect locked that the user moves (drag inside) and resizes (drag a corner,
the mouse wheel, or +/−; arrow keys move it) over a scaled preview. Each crop is encoded by
`make_certificate_photo` off the GUI thread: the JPEG that will be stored (≤ 50 KB, 200–300 dpi)
is what the preview shows.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QDragEnterEvent,
    QDropEvent,
    QImage,
    QImageReader,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import KnownError
from desktop_app.services import photos
from desktop_app.services.photos import ASPECT, CropBox, PhotoError, PhotoInfo
from desktop_app.ui.badges import BAD
from desktop_app.ui.operations import Op

PREVIEW_MAX_SIDE = 900  # the crop view works on a copy at most this large (the crop is in source pixels)
RESULT_SIZE = QSize(105, 147)  # 25 × 35 mm at 4.2 px/mm, as in the detail pane
CROP_VIEW_SIZE = QSize(240, 300)
HANDLE_PX = 10  # how close to a corner the mouse must be to resize
MIN_CROP_WIDTH = 50  # source pixels
ENCODE_DELAY_MS = 120  # after the last crop change, encode the result
IMAGE_FILTER_PATTERNS = "*.jpg *.jpeg *.png *.bmp *.gif *.tif *.tiff *.webp"


@dataclass(frozen=True)
class PhotoSource:
    """A decoded picture the user chose: the original bytes, their size, a preview copy."""

    data: bytes
    info: PhotoInfo
    preview: QImage  # EXIF-rotated like the service sees it, scaled down to PREVIEW_MAX_SIDE


@dataclass(frozen=True)
class PhotoResult:
    data: bytes
    image: QImage
    dpi: int


def read_photo_file(path: Path) -> bytes:
    """The file's bytes; too large or unreadable files are refused before they are read."""
    try:
        size = os.stat(path).st_size
    except OSError as exc:
        raise PhotoError(f"无法读取文件“{path.name}”（{exc.strerror or exc}）") from None
    if size > photos.MAX_FILE_BYTES:
        limit_mb = photos.MAX_FILE_BYTES // (1024 * 1024)
        raise PhotoError(f"照片文件过大（{size // (1024 * 1024)} MB，最大 {limit_mb} MB）")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise PhotoError(f"无法读取文件“{path.name}”（{exc.strerror or exc}）") from None


def decode_source(data: bytes) -> PhotoSource:
    """Worker side: the service checks the bytes first; only then does Qt decode a preview."""
    info = photos.inspect_photo(data)
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)  # EXIF orientation, as the service applies it
    image = reader.read()
    buffer.close()
    if image.isNull():
        raise PhotoError(f"该图片格式（{info.format or '未知'}）无法预览，请先转换为 JPEG 或 PNG")
    if image.width() != info.width or image.height() != info.height:
        image = image.scaled(info.width, info.height)  # keep the crop's pixel grid identical to the service's
    if max(image.width(), image.height()) > PREVIEW_MAX_SIDE:
        image = image.scaled(PREVIEW_MAX_SIDE, PREVIEW_MAX_SIDE, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    return PhotoSource(data, info, image)


def encode_result(data: bytes, crop: CropBox) -> PhotoResult:
    """Worker side: the JPEG that will be stored, and an image of it for the preview."""
    encoded = photos.make_certificate_photo(data, crop)
    image = QImage.fromData(encoded)
    dpi = round(image.dotsPerMeterX() * 0.0254) if not image.isNull() else 0
    return PhotoResult(encoded, image, dpi)


def image_to_png(image: QImage) -> bytes:
    """A clipboard image as PNG bytes, so that it goes through the same safe decoding as a file."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    data = bytes(buffer.data().data())
    buffer.close()
    return data


class CropView(QWidget):
    """A scaled preview of the source with a 25:35 crop box: drag inside to move, a corner to resize."""

    cropChanged = Signal(object)  # CropBox, while dragging too
    cropFinished = Signal(object)  # CropBox, when the mouse is released (or a key/wheel step)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cropView")
        self.setMinimumSize(CROP_VIEW_SIZE)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAccessibleName(self.tr("照片裁剪框"))
        self.setToolTip(self.tr("拖动框内移动，拖动四角缩放（比例固定 25:35）；方向键移动，+/− 或滚轮缩放"))
        self._image = QImage()
        self._source_size = QSize()
        self._crop: CropBox | None = None
        self._drag: str | None = None  # "move" | "resize"
        self._grab = QPointF()  # move: the press point's offset from the box's top left (source px)
        self._anchor = QPointF()  # resize: the fixed corner (source px)
        self._corner_sign = (1, 1)  # resize: the direction from the anchor towards the dragged corner

    # --- state ------------------------------------------------------------------------------

    def set_source(self, preview: QImage, source_size: QSize, crop: CropBox) -> None:
        self._image = preview
        self._source_size = source_size
        self._crop = photos.clamp_crop(crop, source_size.width(), source_size.height())
        self.update()

    def crop(self) -> CropBox | None:
        return self._crop

    def set_crop(self, crop: CropBox, *, finished: bool = True) -> None:
        if self._source_size.isEmpty():
            return
        clamped = photos.clamp_crop(crop, self._source_size.width(), self._source_size.height())
        if clamped == self._crop:
            return
        self._crop = clamped
        self.update()
        self.cropChanged.emit(clamped)
        if finished:
            self.cropFinished.emit(clamped)

    # --- geometry ---------------------------------------------------------------------------

    def image_rect(self) -> QRectF:
        """Where the picture is drawn (fitted, centred)."""
        if self._source_size.isEmpty():
            return QRectF()
        sw, sh = self._source_size.width(), self._source_size.height()
        scale = min((self.width() - 2) / sw, (self.height() - 2) / sh)
        w, h = sw * scale, sh * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def _scale(self) -> float:
        rect = self.image_rect()
        return rect.width() / self._source_size.width() if not rect.isEmpty() else 1.0

    def crop_rect(self) -> QRectF:
        """The crop box in widget coordinates."""
        if self._crop is None:
            return QRectF()
        rect, scale = self.image_rect(), self._scale()
        c = self._crop
        return QRectF(rect.left() + c.left * scale, rect.top() + c.top * scale, c.width * scale, c.height * scale)

    def to_source(self, pos: QPointF) -> QPointF:
        rect, scale = self.image_rect(), self._scale()
        return QPointF((pos.x() - rect.left()) / scale, (pos.y() - rect.top()) / scale)

    def _corner_at(self, pos: QPointF) -> int | None:
        rect = self.crop_rect()
        corners = [rect.topLeft(), rect.topRight(), rect.bottomLeft(), rect.bottomRight()]
        for i, corner in enumerate(corners):
            if abs(pos.x() - corner.x()) <= HANDLE_PX and abs(pos.y() - corner.y()) <= HANDLE_PX:
                return i
        return None

    # --- painting ---------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#3a3a3a"))
        if self._image.isNull() or self._crop is None:
            painter.end()
            return
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        image_rect = self.image_rect()
        painter.drawImage(image_rect, self._image)
        box = self.crop_rect()
        shade = QColor(0, 0, 0, 140)
        painter.fillRect(QRectF(image_rect.left(), image_rect.top(), image_rect.width(),
                                box.top() - image_rect.top()), shade)
        painter.fillRect(QRectF(image_rect.left(), box.bottom(), image_rect.width(),
                                image_rect.bottom() - box.bottom()), shade)
        painter.fillRect(QRectF(image_rect.left(), box.top(), box.left() - image_rect.left(), box.height()), shade)
        painter.fillRect(QRectF(box.right(), box.top(), image_rect.right() - box.right(), box.height()), shade)
        # a faint head guide: where the face of a 1-inch photo sits
        guide = QPen(QColor(255, 255, 255, 90), 1, Qt.PenStyle.DashLine)
        painter.setPen(guide)
        painter.drawEllipse(QRectF(box.left() + box.width() * 0.22, box.top() + box.height() * 0.12,
                                   box.width() * 0.56, box.height() * 0.52))
        painter.setPen(QPen(QColor("#ffffff"), 2))
        painter.drawRect(box)
        painter.setBrush(QColor("#ffffff"))
        painter.setPen(QPen(QColor("#1565c0"), 1))
        half = HANDLE_PX / 2
        for corner in (box.topLeft(), box.topRight(), box.bottomLeft(), box.bottomRight()):
            painter.drawRect(QRectF(corner.x() - half, corner.y() - half, HANDLE_PX, HANDLE_PX))
        if self.hasFocus():
            painter.setPen(QPen(QColor("#90b4ea"), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.rect().adjusted(1, 1, -1, -1))
        painter.end()

    # --- mouse ------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._crop is None:
            super().mousePressEvent(event)
            return
        pos = event.position()
        corner = self._corner_at(pos)
        c = self._crop
        if corner is not None:
            # the anchor is the opposite corner; the box grows from it towards the mouse
            xs = (c.left + c.width, c.left) if corner in (0, 2) else (c.left, c.left + c.width)
            ys = (c.top + c.height, c.top) if corner in (0, 1) else (c.top, c.top + c.height)
            self._anchor = QPointF(xs[0], ys[0])
            self._corner_sign = (-1 if corner in (0, 2) else 1, -1 if corner in (0, 1) else 1)
            self._drag = "resize"
        elif self.crop_rect().contains(pos):
            source = self.to_source(pos)
            self._grab = QPointF(source.x() - c.left, source.y() - c.top)
            self._drag = "move"
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        if self._drag is None:
            corner = self._corner_at(pos)
            if corner in (0, 3):
                self.setCursor(Qt.CursorShape.SizeFDiagCursor)
            elif corner in (1, 2):
                self.setCursor(Qt.CursorShape.SizeBDiagCursor)
            elif self.crop_rect().contains(pos):
                self.setCursor(Qt.CursorShape.OpenHandCursor)
            else:
                self.unsetCursor()
            return
        if self._crop is None:
            return
        source = self.to_source(pos)
        if self._drag == "move":
            left = round(source.x() - self._grab.x())
            top = round(source.y() - self._grab.y())
            self.set_crop(CropBox(left, top, self._crop.width, self._crop.height), finished=False)
        else:
            self._resize_to(source)
        event.accept()

    def _resize_to(self, source: QPointF) -> None:
        sx, sy = self._corner_sign
        ax, ay = self._anchor.x(), self._anchor.y()
        sw, sh = self._source_size.width(), self._source_size.height()
        # the widest box from the anchor towards the mouse that stays inside the picture
        room_w = (sw - ax) if sx > 0 else ax
        room_h = (sh - ay) if sy > 0 else ay
        wanted = max(abs(source.x() - ax), abs(source.y() - ay) * ASPECT)
        width = max(MIN_CROP_WIDTH, min(wanted, room_w, room_h * ASPECT))
        height = width / ASPECT
        left = ax if sx > 0 else ax - width
        top = ay if sy > 0 else ay - height
        self.set_crop(CropBox(round(left), round(top), round(width), round(height)), finished=False)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None and event.button() == Qt.MouseButton.LeftButton:
            self._drag = None
            self.unsetCursor()
            if self._crop is not None:
                self.cropFinished.emit(self._crop)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self._crop is None:
            return
        steps = event.angleDelta().y() / 120
        if steps:
            self._zoom(1 - 0.05 * steps)
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._crop is None:
            super().keyPressEvent(event)
            return
        c = self._crop
        step = max(1, round(c.width * 0.02))
        moves = {Qt.Key.Key_Left: (-step, 0), Qt.Key.Key_Right: (step, 0), Qt.Key.Key_Up: (0, -step),
                 Qt.Key.Key_Down: (0, step)}
        key = Qt.Key(event.key())
        if key in moves:
            dx, dy = moves[key]
            self.set_crop(CropBox(c.left + dx, c.top + dy, c.width, c.height))
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self._zoom(1.05)
        elif key == Qt.Key.Key_Minus:
            self._zoom(0.95)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _zoom(self, factor: float) -> None:
        """Resize around the box's centre."""
        if self._crop is None:
            return
        c = self._crop
        width = max(MIN_CROP_WIDTH, round(c.width * factor))
        height = round(width / ASPECT)
        cx, cy = c.left + c.width / 2, c.top + c.height / 2
        self.set_crop(CropBox(round(cx - width / 2), round(cy - height / 2), width, height))


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
        self.crop_hint.setText(self.tr("{0}：{1}×{2} 像素。拖动裁剪框选取头像（25:35）").format(
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
        self.info_label.setText(self.tr("新照片：{kb:.1f} KB，{w}×{h} 像素，{dpi} dpi（保存后生效）").format(
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
