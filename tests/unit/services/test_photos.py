"""Photos from untrusted files: clear refusals, a 25:35 JPEG ≤ 50 KB at 200–300 dpi."""

from __future__ import annotations

import io
import random
import zlib

import pytest
from PIL import Image

from desktop_app.services.photos import (
    CropBox,
    PhotoError,
    clamp_crop,
    default_crop,
    inspect_photo,
    make_certificate_photo,
)


def image_bytes(width: int, height: int, fmt: str = "PNG", mode: str = "RGB", noise: bool = False) -> bytes:
    image = Image.new(mode, (width, height), (30, 90, 200) if mode == "RGB" else (30, 90, 200, 128))
    if noise:  # worst case for JPEG: every pixel random
        rng = random.Random(5)
        image = Image.frombytes("RGB", (width, height), bytes(rng.getrandbits(8) for _ in range(width * height * 3)))
    out = io.BytesIO()
    image.save(out, fmt)
    return out.getvalue()


def check_stored(photo: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(photo))
    assert image.format == "JPEG"
    assert len(photo) <= 50 * 1024
    dpi = round(image.info["dpi"][0])
    assert 200 <= dpi <= 300
    assert abs(image.width / image.height - 25 / 35) < 0.01
    assert abs(image.width - 25 / 25.4 * dpi) <= 1  # 25 mm wide at its dpi
    return image


def test_landscape_png_becomes_cropped_jpeg() -> None:
    stored = check_stored(make_certificate_photo(image_bytes(1200, 800)))
    assert stored.size == (295, 413)


def test_transparent_png_gets_white_background() -> None:
    stored = check_stored(make_certificate_photo(image_bytes(400, 560, mode="RGBA")))
    assert stored.getpixel((5, 5))[0] > 100  # blended onto white, not black


def test_noisy_photo_still_fits_50_kb() -> None:
    check_stored(make_certificate_photo(image_bytes(600, 840, noise=True)))


def test_user_crop_box_is_honoured_and_clamped() -> None:
    crop = clamp_crop(CropBox(-50, 900, 5000, 10), 1000, 1000)
    assert crop.left == 0 and crop.top + crop.height <= 1000 and abs(crop.width / crop.height - 25 / 35) < 0.01
    check_stored(make_certificate_photo(image_bytes(1000, 1000), CropBox(100, 100, 250, 350)))


def test_default_crop_is_25_by_35() -> None:
    for size in ((1000, 600), (600, 1000), (250, 350)):
        box = default_crop(*size)
        assert abs(box.width / box.height - 25 / 35) < 0.01
        assert box.left + box.width <= size[0] and box.top + box.height <= size[1]


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "为空"),
    (b"hello, this is text", "不是可识别的图片"),
    (image_bytes(400, 560, "JPEG")[:300], "已损坏"),
    (image_bytes(60, 80), "太小"),
])
def test_bad_files_say_why(data: bytes, reason: str) -> None:
    with pytest.raises(PhotoError, match=reason):
        make_certificate_photo(data)


def test_huge_image_refused_before_decoding() -> None:
    # A PNG header claiming 20000×20000 pixels: refused from its size, never decoded.
    data = image_bytes(200, 200)
    header = bytearray(data)
    header[16:24] = (20000).to_bytes(4, "big") + (20000).to_bytes(4, "big")
    header[29:33] = zlib.crc32(bytes(header[12:29])).to_bytes(4, "big")  # keep the IHDR chunk's CRC valid
    with pytest.raises(PhotoError, match="像素过多"):
        inspect_photo(bytes(header))


def test_oversized_file_refused() -> None:
    with pytest.raises(PhotoError, match="过大"):
        inspect_photo(b"\x89PNG" + b"\0" * (21 * 1024 * 1024))
