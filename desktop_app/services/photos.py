"""Certificate photos: decode untrusted files safely, crop to 25:35, store as JPEG ≤ 50 KB at 200–300 dpi.

The national platform takes a JPEG/PNG photo of at most 50 KB; a 1-inch photo is 25×35 mm, so at
300 dpi it is 295×413 pixels. Quality is lowered step by step to meet the size limit, and only if
that is not enough is the resolution lowered, never below 200 dpi.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from desktop_app.domain.rules import default_rules
from desktop_app.errors import KnownError
from desktop_app.messages import msg

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000  # larger images are refused before decoding (decompression bombs)
MIN_WIDTH, MIN_HEIGHT = 100, 140
PHOTO_MM = (25.0, 35.0)
ASPECT = PHOTO_MM[0] / PHOTO_MM[1]
DPI_STEPS = (300, 250, 200)
QUALITY_STEPS = (90, 85, 80, 75, 70, 65, 60, 55, 50, 45, 40, 35)


class PhotoError(KnownError):
    """The file cannot be used as a certificate photo; the message (from the catalogue) says why."""


@dataclass(frozen=True)
class CropBox:
    """A 25:35 box in source pixels."""

    left: int
    top: int
    width: int
    height: int


@dataclass(frozen=True)
class PhotoInfo:
    width: int
    height: int
    format: str


def _open(data: bytes) -> Image.Image:
    if not data:
        raise PhotoError(msg("photo.empty"))
    if len(data) > MAX_FILE_BYTES:
        raise PhotoError(msg("photo.file_too_large", mb=len(data) // (1024 * 1024)))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.width * image.height > MAX_PIXELS:
                raise PhotoError(msg("photo.too_many_pixels_size", width=image.width, height=image.height))
            image.load()
    except PhotoError:
        raise
    except UnidentifiedImageError:
        raise PhotoError(msg("photo.not_an_image")) from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PhotoError(msg("photo.too_many_pixels")) from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise PhotoError(msg("photo.damaged", detail=str(exc))) from None
    return ImageOps.exif_transpose(image)


def inspect_photo(data: bytes) -> PhotoInfo:
    """Decode the photo once, checking it is usable; returns its size after EXIF rotation."""
    image = _open(data)
    _check_size(image)
    return PhotoInfo(image.width, image.height, image.format or "")


def _check_size(image: Image.Image) -> None:
    if image.width < MIN_WIDTH or image.height < MIN_HEIGHT:
        raise PhotoError(msg("photo.too_small", width=image.width, height=image.height, min_width=MIN_WIDTH,
                             min_height=MIN_HEIGHT))


def default_crop(width: int, height: int) -> CropBox:
    """The largest centred 25:35 box (a little above centre, where faces usually are)."""
    if width / height > ASPECT:
        box_h = height
        box_w = round(height * ASPECT)
        return CropBox((width - box_w) // 2, 0, box_w, box_h)
    box_w = width
    box_h = round(width / ASPECT)
    return CropBox(0, max(0, (height - box_h) // 3), box_w, box_h)


def clamp_crop(crop: CropBox, width: int, height: int) -> CropBox:
    """Keep a user's crop box inside the image and at 25:35."""
    box_w = max(10, min(crop.width, width, round(height * ASPECT)))
    box_h = round(box_w / ASPECT)
    left = min(max(0, crop.left), width - box_w)
    top = min(max(0, crop.top), height - box_h)
    return CropBox(left, top, box_w, box_h)


def _rgb(image: Image.Image) -> Image.Image:
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def _encode(image: Image.Image, dpi: int, max_bytes: int) -> bytes | None:
    size = (round(PHOTO_MM[0] / 25.4 * dpi), round(PHOTO_MM[1] / 25.4 * dpi))
    scaled = image.resize(size, Image.Resampling.LANCZOS)
    for quality in QUALITY_STEPS:
        out = io.BytesIO()
        scaled.save(out, "JPEG", quality=quality, dpi=(dpi, dpi), optimize=True)
        if out.tell() <= max_bytes:
            return out.getvalue()
    return None


def make_certificate_photo(data: bytes, crop: CropBox | None = None, max_bytes: int | None = None) -> bytes:
    """The stored photo: the 25:35 crop as a JPEG at 200–300 dpi, at most `max_bytes` (50 KB)."""
    limit = max_bytes or default_rules().photo_max_bytes
    image = _open(data)
    _check_size(image)
    box = clamp_crop(crop, image.width, image.height) if crop else default_crop(image.width, image.height)
    cropped = _rgb(image.crop((box.left, box.top, box.left + box.width, box.top + box.height)))
    for dpi in DPI_STEPS:
        encoded = _encode(cropped, dpi, limit)
        if encoded is not None:
            return encoded
    raise PhotoError(msg("photo.too_detailed"))
