"""The crop box of the photo field: a scaled preview of the source with a 25:35 box the user moves
(drag inside, arrow keys) and resizes (drag a corner, the mouse wheel, or +/−)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen, QWheelEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop_app.services import photos
from desktop_app.services.photos import ASPECT, CropBox

CROP_VIEW_SIZE = QSize(240, 300)
HANDLE_PX = 10  # how close to a corner the mouse must be to resize
MIN_CROP_WIDTH = 50  # source pixels


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
