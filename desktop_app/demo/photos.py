"""Placeholder portraits for synthetic persons: small solid-colour head-and-shoulders PNGs, 25:35.

Encoded by hand (zlib and struct): no imaging library is needed to make them.
"""

from __future__ import annotations

import base64
import struct
import zlib
from collections.abc import Sequence
from functools import lru_cache

_PHOTO_SIZE = (50, 70)  # 25:35, the 1-inch photo's proportions
_BACKGROUNDS = ((67, 142, 219), (255, 255, 255), (200, 30, 40))
_FIGURES = ((60, 60, 70), (40, 50, 90))


def _png(width: int, height: int, rows: Sequence[bytes]) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + row for row in rows)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b""))


def _inside_figure(x: int, y: int, width: int, height: int) -> bool:
    cx = width / 2
    head = ((x - cx) / (width * 0.22)) ** 2 + ((y - height * 0.40) / (height * 0.20)) ** 2 <= 1
    shoulders = ((x - cx) / (width * 0.48)) ** 2 + ((y - height * 1.08) / (height * 0.36)) ** 2 <= 1
    return head or shoulders


def portrait_png(background: tuple[int, int, int], figure: tuple[int, int, int]) -> bytes:
    """A small solid-colour head-and-shoulders placeholder, 50×70 px (25:35)."""
    width, height = _PHOTO_SIZE
    bg, fg = bytes(background), bytes(figure)
    rows = [b"".join(fg if _inside_figure(x, y, width, height) else bg for x in range(width))
            for y in range(height)]
    return _png(width, height, rows)


@lru_cache(maxsize=1)
def placeholder_photos() -> tuple[str, ...]:
    """The distinct placeholder portraits, base64-encoded."""
    return tuple(base64.b64encode(portrait_png(bg, fg)).decode("ascii")
                 for bg in _BACKGROUNDS for fg in _FIGURES)
