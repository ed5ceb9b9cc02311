"""The worker side of the photo field: reading a chosen file, decoding untrusted bytes through the
photo service (`services.photos`) into a preview, encoding a crop as the JPEG that will be stored,
and turning a clipboard or dropped image into bytes that take the same safe path as a file."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, Qt
from PySide6.QtGui import QImage, QImageReader

from desktop_app.services import photos
from desktop_app.services.photos import CropBox, PhotoError, PhotoInfo

PREVIEW_MAX_SIDE = 900  # the crop view works on a copy at most this large (the crop is in source pixels)


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
        raise PhotoError(QCoreApplication.translate("PhotoSource", "无法读取文件“{name}”（{error}）").format(
            name=path.name, error=exc.strerror or exc)) from None
    if size > photos.MAX_FILE_BYTES:
        limit_mb = photos.MAX_FILE_BYTES // (1024 * 1024)
        raise PhotoError(QCoreApplication.translate("PhotoSource", "照片文件过大（{size} MB，最大 {limit} MB）").format(
            size=size // (1024 * 1024), limit=limit_mb))
    try:
        return path.read_bytes()
    except OSError as exc:
        raise PhotoError(QCoreApplication.translate("PhotoSource", "无法读取文件“{name}”（{error}）").format(
            name=path.name, error=exc.strerror or exc)) from None


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
        raise PhotoError(QCoreApplication.translate(
            "PhotoSource", "该图片格式（{0}）无法预览，请先转换为 JPEG 或 PNG").format(
            info.format or QCoreApplication.translate("PhotoSource", "未知")))
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
