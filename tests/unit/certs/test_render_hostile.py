"""Hostile photos and QR texts on a real rendered face (issue 9): decompression bombs, huge scans and
oversized files never crash or bloat rendering; what is embedded is read back from the PDF."""

from __future__ import annotations

import io
import json
import struct
import subprocess
import sys
import textwrap
import zlib
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image, ImageDraw

from desktop_app.certs.photo import MAX_DECODED_PIXELS, PhotoUnusable, pixels_for, printable_photo
from desktop_app.certs.render import render_pdf
from desktop_app.certs.signing import KeyStore
from desktop_app.domain.rules import default_rules
from desktop_app.errors import KnownError
from tests.helpers.cli import ROOT
from tests.unit.certs.test_cert_render import PT_TO_MM, make_photo, special_face

LIMIT = default_rules().photo_max_bytes  # 50 KB: the national platform's photo rule


def streamed_png(width: int, height: int, bit_depth: int = 8, grey: bool = False) -> bytes:
    """A valid PNG of any size, made row by row (a 50,000² bomb costs the test a few hundred KB)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" + b"\x80" * ((width * (1 if grey else 3) * bit_depth + 7) // 8)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, bit_depth, 0 if grey else 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def noisy_jpeg(size: tuple[int, int], quality: int = 95) -> bytes:
    """A photo-like JPEG that compresses badly (a camera file, not a flat test card)."""
    image = Image.effect_noise(size, 90).convert("RGB")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality)
    return out.getvalue()


def huge_jpeg(side: int) -> bytes:
    image = Image.new("L", (side, side), 120)
    ImageDraw.Draw(image).ellipse((side // 4, side // 6, side * 3 // 4, side * 2 // 3), fill=200)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


@pytest.fixture(scope="module")
def keystore(tmp_path_factory: pytest.TempPathFactory) -> KeyStore:
    return KeyStore(tmp_path_factory.mktemp("hostile") / "keys")


def embedded_photo(pdf: bytes) -> tuple[tuple[int, int], int]:
    """(pixel size, stream bytes) of the 25 mm wide image on the page, read back from the PDF."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        [photo] = [im for im in doc.pages[0].images if abs(im["width"] * PT_TO_MM - 25) < 1]
        return tuple(photo["srcsize"]), len(photo["stream"].get_rawdata())  # type: ignore[return-value]


def test_a_decompression_bomb_is_refused_before_decoding(keystore: KeyStore) -> None:
    bomb = streamed_png(50_000, 50_000, bit_depth=1, grey=True)
    assert len(bomb) < 500_000  # 2.5 billion pixels described in a few hundred KB
    with pytest.raises(PhotoUnusable, match="像素"):
        render_pdf(special_face(keystore, photo=bomb))
    with pytest.raises(PhotoUnusable, match="13000×13000"):
        render_pdf(special_face(keystore, photo=streamed_png(13_000, 13_000)))  # a PNG cannot be decoded small


@pytest.mark.parametrize("data", [b"", b"\x89PNG\r\n\x1a\n" + bytes(40), make_photo()[:2000], b"GIF89a" + bytes(64),
                                  b"BM" + bytes(64)])
def test_undecodable_photos_are_a_known_error(keystore: KeyStore, data: bytes) -> None:
    with pytest.raises(KnownError, match="照片"):
        render_pdf(special_face(keystore, photo=data))


def test_a_huge_jpeg_is_decoded_small_and_embedded_at_300_dpi(keystore: KeyStore, tmp_path: Path) -> None:
    """13,000 × 13,000: libjpeg decodes it at 1/8 scale; peak memory measured in a fresh process."""
    photo = tmp_path / "scan.jpg"
    photo.write_bytes(huge_jpeg(13_000))
    script = textwrap.dedent(f"""
        import dataclasses, json, resource, sys
        from pathlib import Path
        sys.path.insert(0, {str(ROOT)!r})
        from desktop_app.certs.render import render_pdf
        from desktop_app.certs.signing import KeyStore
        from tests.unit.certs.test_cert_render import special_face
        face = special_face(KeyStore(Path({str(tmp_path / "keys")!r})))
        render_pdf(face)  # fonts and layout loaded: the baseline
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        pdf = render_pdf(dataclasses.replace(face, photo=Path({str(photo)!r}).read_bytes()))
        Path({str(tmp_path / "out.pdf")!r}).write_bytes(pdf)
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(json.dumps({{"before_kb": before, "after_kb": after}}))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    rss = json.loads(done.stdout)
    assert (rss["after_kb"] - rss["before_kb"]) < 100 * 1024, rss  # was 1.1 GB above the baseline
    pdf = (tmp_path / "out.pdf").read_bytes()
    size, stream = embedded_photo(pdf)
    assert size == pixels_for(300) and stream <= LIMIT and len(pdf) < 150_000


def test_an_oversized_photo_file_is_reencoded_within_the_rule(keystore: KeyStore) -> None:
    """A 1 MB JPEG already at 25:35 used to be embedded as is: a PDF of more than 1 MB."""
    big = noisy_jpeg((1000, 1400))
    assert len(big) > 1_000_000
    pdf = render_pdf(special_face(keystore, photo=big))
    size, stream = embedded_photo(pdf)
    assert size[0] <= 295 and size[1] <= 413 and stream <= LIMIT
    assert len(pdf) < 150_000, len(pdf)
    assert render_pdf(special_face(keystore, photo=big)) == pdf  # still deterministic


def test_a_conforming_photo_is_embedded_byte_for_byte(keystore: KeyStore) -> None:
    photo = make_photo()  # 295×413 JPEG, a few KB: what services/photos.py stores
    assert printable_photo(photo, LIMIT) is photo
    size, stream = embedded_photo(render_pdf(special_face(keystore, photo=photo)))
    assert size == (295, 413) and stream == len(photo)


@pytest.mark.parametrize("mode", ["RGBA", "P", "LA", "I;16", "1", "CMYK"])
def test_any_decodable_mode_prints(keystore: KeyStore, mode: str) -> None:
    image = Image.new("RGB", (500, 700), "#3b6fb6").convert(mode)
    out = io.BytesIO()
    image.save(out, "JPEG" if mode == "CMYK" else "PNG")
    size, stream = embedded_photo(render_pdf(special_face(keystore, photo=out.getvalue())))
    assert size == (295, 413) and stream <= LIMIT


def test_the_pixel_limit_counts_what_is_decoded() -> None:
    side = int(MAX_DECODED_PIXELS**0.5) + 10
    with pytest.raises(PhotoUnusable):
        printable_photo(streamed_png(side, side, grey=True), LIMIT)
    assert Image.open(io.BytesIO(printable_photo(huge_jpeg(side), LIMIT))).size == (295, 413)


def test_a_qr_text_longer_than_a_symbol_holds_is_a_known_error(keystore: KeyStore) -> None:
    with pytest.raises(KnownError, match="二维码内容过长"):
        render_pdf(special_face(keystore, qr_text="https://zlaq.mohurd.gov.cn/cert?id=" + "x" * 3000))
