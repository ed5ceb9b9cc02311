"""The certificate photo as the renderer embeds it: decoded safely, 25:35, ≤ 300 dpi, ≤ 50 KB.

The bytes come from the cache, which may hold whatever an old import or a sync delivered (issue 9):
a decompression bomb (50,000 × 50,000 pixels described in a few hundred KB), a 13,000-pixel scan
(1.2 GB of pixels), a 1 MB file (a 1 MB PDF). So the size is checked from the header before any
pixel is decoded, only JPEG and PNG are opened (no other Pillow plugin sees the bytes), a large
JPEG is decoded at 1/2–1/8 scale by libjpeg itself (`draft`), and what is embedded is what
25×35 mm needs at 300 dpi, re-encoded within the national platform's size rule (`photo_max_bytes`,
50 KB). A photo that already is such a JPEG is embedded byte for byte (no generation loss).

An unusable photo raises `PhotoUnusable` (a KnownError naming why): one certificate is skipped
with that reason, the batch goes on.
"""

from __future__ import annotations

import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

from desktop_app.errors import KnownError
from desktop_app.messages import msg

PHOTO_MM = (25.0, 35.0)
ASPECT = PHOTO_MM[0] / PHOTO_MM[1]
ASPECT_TOLERANCE = 0.01
DPI_STEPS = (300, 250, 200)  # the embedded resolution; lowered only when the size rule needs it
QUALITY_STEPS = (92, 85, 75, 65, 55, 45, 35)
FORMATS = ("JPEG", "PNG")  # what the national platform accepts; other decoders never see cache bytes
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_DECODED_PIXELS = 40_000_000  # pixels actually decoded (after JPEG draft): ≤ 160 MB as RGBA


class PhotoUnusable(KnownError):
    """The stored photo cannot be printed; the message says why."""


def pixels_for(dpi: int) -> tuple[int, int]:
    """The 25×35 mm photo box in pixels at `dpi` (295×413 at 300 dpi)."""
    return round(PHOTO_MM[0] / 25.4 * dpi), round(PHOTO_MM[1] / 25.4 * dpi)


def _crop_box(width: int, height: int) -> tuple[int, int, int, int]:
    """The largest centred 25:35 box, so drawing it at 25×35 mm does not distort it."""
    if width / height > ASPECT:
        new_w = max(1, round(height * ASPECT))
        return (width - new_w) // 2, 0, (width - new_w) // 2 + new_w, height
    new_h = max(1, round(width / ASPECT))
    return 0, (height - new_h) // 2, width, (height - new_h) // 2 + new_h


def _draft_size(size: tuple[int, int], need: tuple[int, int]) -> tuple[int, int]:
    """The smallest full-image size whose 25:35 crop still covers `need` (JPEG decodes at ≥ this)."""
    left, top, right, bottom = _crop_box(*size)
    return (max(1, -(-need[0] * size[0] // (right - left))), max(1, -(-need[1] * size[1] // (bottom - top))))


def open_photo(data: bytes) -> Image.Image:
    """Decode the photo within the pixel limit, upright (EXIF orientation applied); raises PhotoUnusable."""
    if not data:
        raise PhotoUnusable(msg("cert.bad_photo"))
    if len(data) > MAX_FILE_BYTES:
        raise PhotoUnusable(msg("cert.photo_file_too_large", mb=len(data) // (1024 * 1024)))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # the limit below is ours
            image = Image.open(io.BytesIO(data), formats=FORMATS)
            if image.format == "JPEG":
                image.draft(image.mode, _draft_size(image.size, pixels_for(DPI_STEPS[0])))
            width, height = image.size  # what will be decoded
            if width * height > MAX_DECODED_PIXELS:
                raise PhotoUnusable(msg("cert.photo_too_many_pixels", width=width, height=height))
            image.load()
            ImageOps.exif_transpose(image, in_place=True)  # a copy would double the memory
            return image
    except PhotoUnusable:
        raise
    except UnidentifiedImageError:
        raise PhotoUnusable(msg("cert.bad_photo")) from None
    except Image.DecompressionBombError:
        raise PhotoUnusable(msg("cert.photo_bomb")) from None
    except (OSError, SyntaxError, ValueError, EOFError, MemoryError, KeyError, IndexError) as exc:
        raise PhotoUnusable(msg("cert.photo_damaged", detail=f"{type(exc).__name__}: {exc}"[:200])) from None


def _as_is(data: bytes, image: Image.Image, max_bytes: int) -> bool:
    """Already what would be embedded: a small upright RGB/grey JPEG at 25:35 and ≤ 300 dpi."""
    width, height = pixels_for(DPI_STEPS[0])
    if not (image.format == "JPEG" and image.mode in ("RGB", "L") and len(data) <= max_bytes
            and image.width <= width and image.height <= height
            and abs(image.width / image.height - ASPECT) < ASPECT_TOLERANCE):
        return False
    try:  # the stored bytes' own orientation (the decoded image was turned upright already)
        with Image.open(io.BytesIO(data), formats=FORMATS) as original:
            return original.getexif().get(0x0112, 1) == 1
    except Exception:
        return False


def _rgb(image: Image.Image) -> Image.Image:
    """RGB on white: transparency flattened as the photo paper would show it."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return image if image.mode == "RGB" else image.convert("RGB")


def _fit(image: Image.Image) -> Image.Image:
    """The 25:35 crop at most 300 dpi, resampled straight from the decoded image (no full-size copy)."""
    if image.mode not in ("RGB", "RGBA", "L", "LA"):  # palette, 1-bit, 16-bit: resampling needs these
        image = image.convert("RGBA" if "transparency" in image.info or "A" in image.mode else "RGB")
    box = _crop_box(image.width, image.height)
    width, height = pixels_for(DPI_STEPS[0])
    if box[2] - box[0] > width:
        return _rgb(image.resize((width, height), Image.Resampling.LANCZOS, box=box, reducing_gap=3.0))
    return _rgb(image.crop(box))


def _encode_within(image: Image.Image, max_bytes: int) -> bytes:
    for dpi in DPI_STEPS:
        width, height = pixels_for(dpi)
        scaled = image.resize((width, height), Image.Resampling.LANCZOS) if image.width > width else image
        for quality in QUALITY_STEPS:
            out = io.BytesIO()
            scaled.save(out, "JPEG", quality=quality, dpi=(dpi, dpi))
            if out.tell() <= max_bytes:
                return out.getvalue()
    raise PhotoUnusable(msg("cert.photo_too_detailed", kb=max_bytes // 1024))


def printable_photo(data: bytes, max_bytes: int) -> bytes:
    """JPEG bytes to embed at 25×35 mm: the stored photo when it conforms, else re-encoded to conform."""
    image = open_photo(data)
    try:
        if _as_is(data, image, max_bytes):
            return data
        return _encode_within(_fit(image), max_bytes)
    except (OSError, ValueError, MemoryError) as exc:  # a mode or a size Pillow cannot convert
        raise PhotoUnusable(msg("cert.photo_damaged", detail=f"{type(exc).__name__}: {exc}"[:200])) from None
    finally:
        image.close()
