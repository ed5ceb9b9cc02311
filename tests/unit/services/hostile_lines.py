"""Hostile JSONL lines for the importer's tests, its fuzz test and `benchmarks/fuzz_import.py`.

Every mutation turns a valid record into a line the importer must reject (or a blank line, which
it skips): each one breaks a rule for certain, so a test knows the expected outcome of every line.
The choices come from a `random.Random`, so hypothesis (`st.randoms()`) and a seeded campaign
share one catalogue.
"""

from __future__ import annotations

import base64
import copy
import functools
import io
import json
import random
import struct
import zlib
from collections.abc import Callable
from typing import Any

from PIL import Image

Record = dict[str, Any]
Mutation = Callable[[random.Random, Record], bytes]

TEXT_FIELDS = ("name", "education", "major", "position", "title")
BAD_CHARACTERS = ("\x00", "\x01", "\x07", "\x1b", "\x7f", "\x85", "\x9f", "\u2028", "\u2029", "\ufdd0", "\ufffe",
                  "\uffff", "\U0001fffe", "\U0010ffff")
BAD_DATES = ("20230101", "2023-W01-1", "2023-001", "2023-13-01", "2023-02-30", "2180-01-01", "2179-12-31",
             "1899-12-31", "0001-01-01", "９９９９-01-01", "2023-01-01T00:00", "2023-1-1", "२०२३-01-01")
BAD_NAMES = ("王2", "王" * 31, "王建国!", "李\u200b四", "Zhang_San", "王建国\u3000\u3000x1")
WRONG_TYPES: tuple[Any, ...] = (123, 1.5, True, [1], {"a": 1}, ["王建国"])


def dumps(record: Record) -> bytes:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png(width: int, height: int, idat: bytes, bit_depth: int = 1, colour: int = 0) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, bit_depth, colour, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")


@functools.cache
def bomb_png(side: int = 50_000) -> bytes:
    """A real decompression bomb: side × side 1-bit pixels (2.5 gigapixels), about 300 KB of file."""
    row = b"\x00" + bytes((side + 7) // 8)
    packer = zlib.compressobj(9)
    rows_per_step = 1000
    parts = [packer.compress(row * rows_per_step) for _ in range(side // rows_per_step)]
    parts.append(packer.compress(row * (side % rows_per_step)) + packer.flush())
    return _png(side, side, b"".join(parts))


def bomb_header_png() -> bytes:
    """A small file whose header claims 50,000 × 50,000 pixels (the cheap form of a bomb)."""
    return _png(50_000, 50_000, zlib.compress(b"\x00" * 1000))


def photo(fmt: str = "JPEG", size: tuple[int, int] = (60, 84), noise: bool = False, seed: int = 0) -> bytes:
    """A real photo; with `noise`, random pixels (a file far over 50 KB)."""
    if noise:
        image = Image.frombytes("RGB", size, random.Random(seed).randbytes(size[0] * size[1] * 3))
    else:
        image = Image.new("RGB", size, (67, 142, 219))
    out = io.BytesIO()
    image.save(out, fmt, **({"quality": 95} if fmt == "JPEG" else {}))
    return out.getvalue()


def _noise(rng: random.Random, most: int) -> bytes:
    """Up to `most` random bytes, drawn from a sub-generator (one draw from `rng`, however many bytes)."""
    sub = random.Random(rng.getrandbits(32))
    return sub.randbytes(sub.randint(0, most))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _set_text(rng: random.Random, record: Record, inserted: str) -> Record:
    """The record with `inserted` put inside one of its text values (never at an end: strip() would remove it)."""
    record = copy.deepcopy(record)
    where = rng.choice((*TEXT_FIELDS, "employer", "id_number", "certificate"))
    if where == "employer":
        record["employer"] = {"name": "济南" + inserted + "建设有限公司", "uscc": None}
    elif where == "certificate" and record.get("certificates"):
        cert = record["certificates"][0]
        key = rng.choice(("number", "issuer_unit"))
        cert[key] = cert[key][:2] + inserted + cert[key][2:]
    elif where == "id_number":
        record["id_number"] = record["id_number"][:9] + inserted + record["id_number"][9:]
    else:
        field = where if where in TEXT_FIELDS else "name"
        value = record.get(field) or "本科学历"
        record[field] = value[:1] + inserted + (value[1:] or "学")
    return record


def random_bytes(rng: random.Random, record: Record) -> bytes:
    return (bytes([rng.randrange(256)]) + _noise(rng, 300)).replace(b"\n", b" ")


def surrogate(rng: random.Random, record: Record) -> bytes:
    """A lone surrogate as a JSON escape (ensure_ascii writes it as \\udxxx)."""
    bad = _set_text(rng, record, chr(rng.randint(0xD800, 0xDFFF)))
    return json.dumps(bad, separators=(",", ":")).encode("ascii")


def cesu8(rng: random.Random, record: Record) -> bytes:
    """A surrogate as raw CESU-8 bytes inside a string: not UTF-8."""
    text = dumps(_set_text(rng, record, "\x00"))
    return text.replace(b"\\u0000", bytes([0xED, rng.randint(0xA0, 0xBF), rng.randint(0x80, 0xBF)]), 1)


def not_utf8(rng: random.Random, record: Record) -> bytes:
    data = dumps(record)
    if rng.random() < 0.5:
        return json.dumps(record, ensure_ascii=False).encode("utf-16").replace(b"\n", b" ")  # a BOM: 0xFF
    cut = rng.randint(1, len(data) - 1)
    return data[:cut] + rng.choice((b"\xff", b"\xc0\xaf", b"\xe2\x82", b"\xf8\x88\x80\x80\x80")) + data[cut:]


def huge_int(rng: random.Random, record: Record) -> bytes:
    bad = copy.deepcopy(record)
    bad[rng.choice(("id_number", "name", "phone", "extra"))] = "__BIG__"
    digits = str(rng.randint(1, 9)) + "7" * rng.randint(4300, 6000)
    return dumps(bad).replace(b'"__BIG__"', digits.encode("ascii"))


def deep_nesting(rng: random.Random, record: Record) -> bytes:
    depth = rng.choice((3, 40, 1500, 20_000, 200_000))
    bad = copy.deepcopy(record)
    bad[rng.choice(("name", "employer", "certificates", "gender"))] = "__DEEP__"
    nested = b"[" * depth + b"]" * depth if rng.random() < 0.5 else b'{"a":' * depth + b"1" + b"}" * depth
    return dumps(bad).replace(b'"__DEEP__"', nested)


def wrong_type(rng: random.Random, record: Record) -> bytes:
    bad = copy.deepcopy(record)
    value = rng.choice(WRONG_TYPES)
    field = rng.choice(("id_number", "name", "gender", "birth_date", "phone", "employer", "photo", "certificates",
                        "certificate", "cert_field"))
    if field in ("certificate", "cert_field") and bad.get("certificates"):
        if field == "certificate":
            bad["certificates"][0] = value
        else:
            key = rng.choice(("number", "category", "valid_until", "issuer_unit", "state", "format"))
            bad["certificates"][0][key] = value
    elif field == "employer" and isinstance(value, dict):
        bad["employer"] = [value]
    elif field == "certificates" and isinstance(value, list):
        bad["certificates"] = [[value]]
    elif field == "gender" and value == ["王建国"]:
        bad["gender"] = "男女"
    else:
        bad[field if field not in ("certificate", "cert_field") else "name"] = value
    return dumps(bad)


def control_character(rng: random.Random, record: Record) -> bytes:
    return dumps(_set_text(rng, record, rng.choice(BAD_CHARACTERS)))


def bad_date(rng: random.Random, record: Record) -> bytes:
    bad = copy.deepcopy(record)
    value = rng.choice(BAD_DATES)
    if bad.get("certificates"):
        bad["certificates"][rng.randrange(len(bad["certificates"]))]["valid_until"] = value
    else:
        bad["birth_date"] = value
    return dumps(bad)


def bad_photo(rng: random.Random, record: Record) -> bytes:
    real = photo(rng.choice(("JPEG", "PNG")), (rng.randint(20, 120), rng.randint(20, 160)))
    choices = (
        lambda: _b64(b"GIF8" + _noise(rng, 200)),  # not a JPEG or PNG
        lambda: _b64(real[: rng.randint(len(real) // 4, len(real) - 30)]),  # truncated
        lambda: _b64(b"\x89PNG\r\n\x1a\n" + _noise(rng, 300)),  # the signature, then noise
        lambda: _b64(b"\xff\xd8\xff" + _noise(rng, 300)),
        lambda: _b64(bomb_header_png()),
        lambda: "***not base64***",
        lambda: _b64(real)[:-2] + "!!",
    )
    bad = copy.deepcopy(record)
    bad["photo"] = rng.choice(choices)()
    return dumps(bad)


def bad_json(rng: random.Random, record: Record) -> bytes:
    data = dumps(record)
    choice = rng.random()
    if choice < 0.5:
        return data[: rng.randint(1, len(data) - 1)].rstrip(b" ") or b"{"
    if choice < 0.75:
        return data.replace(b",", b";", 1)
    return rng.choice((b"[1, 2]", b'"just a string"', b"12", b"null", b"true", b"{'a': 1}", b"NaN"))


def bad_name(rng: random.Random, record: Record) -> bytes:
    bad = copy.deepcopy(record)
    bad["name"] = rng.choice(BAD_NAMES)
    return dumps(bad)


def blank(rng: random.Random, record: Record) -> bytes:
    return rng.choice((b"", b"   ", b"\t", b"\r"))


MUTATIONS: dict[str, Mutation] = {
    "random_bytes": random_bytes, "surrogate": surrogate, "cesu8": cesu8, "not_utf8": not_utf8,
    "huge_int": huge_int, "deep_nesting": deep_nesting, "wrong_type": wrong_type,
    "control_character": control_character, "bad_date": bad_date, "bad_photo": bad_photo, "bad_json": bad_json,
    "bad_name": bad_name, "blank": blank,
}


def is_blank(line: bytes) -> bool:
    """A line the importer skips without a report (the same test as parsing.parse_block)."""
    return not line.strip()
