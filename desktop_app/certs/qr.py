"""The QR encoder of the certificate renderer: text in, the symbol's module matrix out.

The qrcode library does the encoding; the mask is chosen here, much faster than its own search
(see `qr_modules`). Pure computation: no drawing, no reportlab (render.py draws the matrix).
"""

from __future__ import annotations

import functools
import itertools
import re
from typing import Any

_EC_LEVELS = {"L": 1, "M": 0, "Q": 3, "H": 2}  # qrcode.constants.ERROR_CORRECT_*
_RUN = re.compile(r"0{5,}|1{5,}")
_FINDER_LIKE = re.compile(r"(?=10111010000|00001011101)")


def qr_modules(text: str, error_correction: str = "M") -> list[list[bool]]:
    """The QR symbol's module matrix (no quiet zone), True = dark.

    The qrcode library encodes the data (version, error correction, module placement); the mask is
    chosen here because its own search re-places every module eight times in pure Python (≈ 20 ms,
    half of a certificate). Each of the eight masked symbols is derived from the first by XOR on the
    data modules, scored with the ISO/IEC 18004 penalty rules, and the lowest score wins, as the
    standard asks. tests/test_cert_render.py checks the result against qrcode's own matrix.
    Raises ValueError when the text does not fit a version-40 symbol.
    """
    import qrcode
    from qrcode.exceptions import DataOverflowError

    qr = qrcode.QRCode(error_correction=_EC_LEVELS[error_correction], border=0, box_size=1)
    qr.add_data(text.encode("utf-8"))
    try:
        try:
            return _fast_mask(qr)
        except (AttributeError, ImportError, KeyError):  # qrcode internals moved: its own (slower) search
            qr.make(fit=True)
            return [list(row) for row in qr.get_matrix()]
    except DataOverflowError as exc:
        raise ValueError(f"{len(text)} characters do not fit a QR symbol") from exc


def _fast_mask(qr: Any) -> list[list[bool]]:
    """Encode once with mask 0, derive the other seven masks by XOR, keep the lowest penalty."""
    qr.best_fit()
    qr.makeImpl(False, 0)
    n = qr.modules_count
    base = [_row_bits(row) for row in qr.modules]
    masks = _mask_rows(n)
    best: tuple[int, list[int]] | None = None
    for k in range(8):
        function, data = _function_rows(qr.version, qr.error_correction, k)
        rows = [(function[r] & ~data[r]) | ((base[r] ^ masks[0][r] ^ masks[k][r]) & data[r]) for r in range(n)]
        score = _penalty(rows, n)
        if best is None or score < best[0]:
            best = (score, rows)
    assert best is not None
    return [[bool(row >> c & 1) for c in range(n)] for row in best[1]]


def _row_bits(row: list[bool | None]) -> int:
    """A row as an int, bit c = column c (None, an unset module, counts as light)."""
    return sum(1 << c for c, dark in enumerate(row) if dark)


@functools.lru_cache(maxsize=8)
def _mask_rows(n: int) -> tuple[tuple[int, ...], ...]:
    from qrcode.util import mask_func

    return tuple(tuple(sum(1 << c for c in range(n) if mask_func(k)(r, c)) for r in range(n)) for k in range(8))


@functools.lru_cache(maxsize=64)
def _function_rows(version: int, error_level: int, mask: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(function-pattern rows with the mask's format information, data-module rows): fixed per version."""
    import qrcode
    from qrcode.main import copy_2d_array, precomputed_qr_blanks

    qr = qrcode.QRCode(version=version, error_correction=error_level, border=0)
    qr.makeImpl(False, mask)  # fills precomputed_qr_blanks[version] with the finder/timing/alignment patterns
    qr.modules = copy_2d_array(precomputed_qr_blanks[version])
    qr.setup_type_info(False, mask)
    if version >= 7:
        qr.setup_type_number(False)
    return (tuple(_row_bits(row) for row in qr.modules),
            tuple(sum(1 << c for c, m in enumerate(row) if m is None) for row in qr.modules))


def _penalty(rows: list[int], n: int) -> int:
    """ISO/IEC 18004 mask penalty: runs, 2×2 blocks, finder-like patterns, dark-module balance."""
    lines = [format(row, f"0{n}b")[::-1] for row in rows]
    lines += ["".join(col) for col in zip(*lines, strict=True)]
    joined = "2".join(lines)  # one regex pass over every row and column; "2" stops runs across lines
    runs = _RUN.findall(joined)
    score = sum(map(len, runs)) - 2 * len(runs) + 40 * len(_FINDER_LIKE.findall(joined))
    full = (1 << n) - 1
    for a, b in itertools.pairwise(rows):
        dark, light = a & b, ~(a | b) & full
        score += 3 * ((dark & dark >> 1).bit_count() + (light & light >> 1 & full >> 1).bit_count())
    dark_percent = sum(row.bit_count() for row in rows) * 100 // (n * n)
    return score + 10 * (abs(dark_percent - 50) // 5)
