"""What an administrator sets up in a workspace, as use-case functions with explicit arguments: each
issuing unit's seal (`seals/<unit>.png`) and USCC (`issuer_codes.csv` in the data folder), the
printers' calibration, and the audit entry every administrative change writes (entity "admin").

services/api/admin.py binds these to the workspace's actor and checks the role; the signing keys are
in services/signing_keys.py. See docs/certificates.md for where each of these lives.

Seals are checked before they are accepted: a real PNG (the signature, then Pillow reads it whole),
at most `MAX_SEAL_BYTES`, square, `MIN_SEAL_PX`…`MAX_SEAL_PX` pixels (the size is read from the
header before any pixel is decoded), with an alpha channel that makes some pixels transparent and
some visible. An image with transparency that is not RGBA (a palette with tRNS, grey + alpha) is
stored converted to RGBA, the form the certificate renderer multiplies over the face.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from desktop_app.domain.identity import check_uscc
from desktop_app.domain.rules import IssuingUnit, ResourceError, Rules
from desktop_app.errors import KnownError
from desktop_app.messages import msg
from desktop_app.services import printing
from desktop_app.services.printing import PrinterOffset
from desktop_app.services.workshop import (
    ISSUER_CODES_FILE,
    SEALS_DIR,
    IssuerCode,
    issuer_codes_path,
    load_issuer_codes,
    read_seal,
)
from desktop_app.settings import atomic_write_bytes
from desktop_app.store.engine import Cache
from desktop_app.store.locking import write_session
from desktop_app.store.models import AuditLog

ENTITY = "admin"
MAX_KEY = 100  # audit_log.entity_key
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_SEAL_BYTES = 5 * 1024 * 1024
MIN_SEAL_PX = 300  # 50 mm at ~150 dpi: anything smaller prints blurred
MAX_SEAL_PX = 4000
SQUARE_TOLERANCE = 0.02  # the seal box is square: more than 2 % off would print visibly distorted


def now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def audit(cache: Cache, operator: str, key: str, field: str, old: str | None, new: str | None,
          at: dt.datetime | None = None) -> None:
    """One audit entry of an administrative change (never a secret or a private key in `old`/`new`)."""
    with write_session(cache) as session, session.begin():
        session.add(AuditLog(at=at or now(), operator=operator, entity=ENTITY, entity_key=key[:MAX_KEY],
                             person_id=None, field=field, old_value=old, new_value=new, reason=None,
                             source="local"))


def unit_of(rules: Rules, name: str) -> IssuingUnit:
    unit = rules.unit(name)
    if unit is None:
        raise KnownError(msg("admin.unknown_unit", unit=name))
    return unit


# --- seals --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SealInfo:
    width: int
    height: int
    sha256: str

    def describe(self) -> str:
        """What the audit records about a seal: its size and fingerprint (the image is in the file)."""
        return f"PNG {self.width}×{self.height} px, sha256 {self.sha256[:16]}"


def check_seal(data: bytes, name: str) -> tuple[bytes, SealInfo]:
    """The PNG to store for a seal (`name` is shown in messages) and what it is; KnownError when unfit."""
    if len(data) > MAX_SEAL_BYTES:
        raise KnownError(msg("admin.seal_too_large", name=name, size_mb=f"{len(data) / 2**20:.1f}",
                             max_mb=MAX_SEAL_BYTES // 2**20))
    if not data.startswith(PNG_SIGNATURE):
        raise KnownError(msg("admin.seal_not_png", name=name, detail=_kind(data)))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                _check_size(name, width, height)  # from the header, before any pixel is decoded
                image.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                mode = image.mode
                has_alpha = mode in ("RGBA", "LA", "PA") or "transparency" in image.info
                if not has_alpha:
                    raise KnownError(msg("admin.seal_no_alpha", name=name, mode=mode))
                rgba = image.convert("RGBA")
    except KnownError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as exc:
        raise KnownError(msg("admin.seal_not_png", name=name, detail=str(exc)[:200])) from exc
    low, high = rgba.getchannel("A").getextrema()
    if low == 255:
        raise KnownError(msg("admin.seal_opaque", name=name))
    if high == 0:
        raise KnownError(msg("admin.seal_empty", name=name))
    if mode != "RGBA":
        out = io.BytesIO()
        rgba.save(out, "PNG")
        data = out.getvalue()
    return data, SealInfo(width, height, hashlib.sha256(data).hexdigest())


def _kind(data: bytes) -> str:
    for signature, kind in ((b"\xff\xd8\xff", "JPEG"), (b"GIF8", "GIF"), (b"BM", "BMP"), (b"%PDF", "PDF"),
                            (b"RIFF", "WebP"), (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF")):
        if data.startswith(signature):
            return kind
    return "?"


def _check_size(name: str, width: int, height: int) -> None:
    if not (MIN_SEAL_PX <= width <= MAX_SEAL_PX and MIN_SEAL_PX <= height <= MAX_SEAL_PX):
        raise KnownError(msg("admin.seal_bad_size", name=name, width=width, height=height, min=MIN_SEAL_PX,
                             max=MAX_SEAL_PX))
    if abs(width - height) > SQUARE_TOLERANCE * max(width, height):
        raise KnownError(msg("admin.seal_not_square", name=name, width=width, height=height))


def seal_path(data_dir: Path, unit: IssuingUnit) -> Path:
    return data_dir / SEALS_DIR / f"{unit.name}.png"


def read_seal_file(source: Path) -> bytes:
    """A chosen seal file's bytes, its size checked before it is read."""
    try:
        size = source.stat().st_size
        if size > MAX_SEAL_BYTES:
            raise KnownError(msg("admin.seal_too_large", name=source.name, size_mb=f"{size / 2**20:.1f}",
                                 max_mb=MAX_SEAL_BYTES // 2**20))
        return source.read_bytes()
    except OSError as exc:
        raise KnownError(msg("admin.seal_unreadable", path=str(source), detail=exc.strerror or str(exc))) from exc


def _described(path: Path) -> str | None:
    if not path.is_file():
        return None
    data = path.read_bytes()
    try:
        with Image.open(io.BytesIO(data)) as image:
            size = f"{image.size[0]}×{image.size[1]} px"
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        size = "?"
    return f"PNG {size}, sha256 {hashlib.sha256(data).hexdigest()[:16]}"


def set_seal(cache: Cache, data_dir: Path, rules: Rules, unit_name: str, data: bytes, name: str,
             operator: str) -> SealInfo:
    """Check the PNG and make it the unit's seal (written atomically; the old one is replaced)."""
    unit = unit_of(rules, unit_name)
    data, info = check_seal(data, name)
    path = seal_path(data_dir, unit)
    old = _described(path)
    atomic_write_bytes(path, data)
    audit(cache, operator, unit.name, "seal", old, info.describe())
    return info


def remove_seal(cache: Cache, data_dir: Path, rules: Rules, unit_name: str, operator: str) -> bool:
    """Remove a unit's seal (its certificates are specimens again); False when it had none."""
    unit = unit_of(rules, unit_name)
    path = seal_path(data_dir, unit)
    old = _described(path)
    if old is None:
        return False
    path.unlink()
    audit(cache, operator, unit.name, "seal", old, None)
    return True


# --- the units' set-up ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitSetup:
    """One issuing unit as the administration window lists it."""

    unit: str
    seal: bytes | None  # the configured PNG
    seal_problem: str | None  # the configured file cannot be used (it prints nothing until replaced)
    uscc: str | None
    specimen_code: bool  # the USCC is a placeholder: certificates are specimens

    @property
    def ready(self) -> bool:
        """A real seal and a real code: this unit's certificates print without the specimen marks."""
        return self.seal is not None and self.uscc is not None and not self.specimen_code


def _codes(data_dir: Path, rules: Rules) -> dict[str, IssuerCode]:
    path = issuer_codes_path(data_dir)
    try:
        return load_issuer_codes(path, rules)
    except ResourceError as exc:
        raise KnownError(msg("admin.issuer_codes_damaged", path=str(path), detail=str(exc))) from exc


def unit_setups(data_dir: Path, rules: Rules) -> list[UnitSetup]:
    codes = _codes(data_dir, rules)
    found = []
    for unit in rules.units:
        seal, problem = None, None
        try:
            seal = read_seal(seal_path(data_dir, unit))
        except KnownError as exc:
            problem = str(exc)
        code = codes.get(unit.name)
        found.append(UnitSetup(unit.name, seal, problem, code.uscc if code else None,
                               code.specimen if code else True))
    return found


def set_issuer_uscc(cache: Cache, data_dir: Path, rules: Rules, unit_name: str, text: str,
                    operator: str) -> IssuerCode:
    """Set a unit's real USCC in the workspace's own `issuer_codes.csv` (the other units' codes are
    copied from the one in use the first time); it is no longer a specimen code."""
    unit = unit_of(rules, unit_name)
    checked = check_uscc(text)
    if not checked:
        raise KnownError(msg("admin.bad_uscc", unit=unit.name, uscc=text.strip(), reason=checked.reason))
    codes = _codes(data_dir, rules)
    for other in codes.values():
        if other.uscc == checked.value and other.unit != unit.name and not other.specimen:
            raise KnownError(msg("admin.uscc_in_use", uscc=checked.value, other=other.unit, unit=unit.name))
    before = codes.get(unit.name)
    codes[unit.name] = code = IssuerCode(unit.name, checked.value, False)
    _write_codes(data_dir / ISSUER_CODES_FILE, codes, rules)
    old = f"{before.uscc}{'（样本）' if before.specimen else ''}" if before else None
    audit(cache, operator, unit.name, "issuer_uscc", old, code.uscc)
    return code


def _write_codes(path: Path, codes: dict[str, IssuerCode], rules: Rules) -> None:
    out = io.StringIO()
    out.write("unit,uscc,specimen\n")
    out.write("# 发证机关的统一社会信用代码：由系统管理（CertDesk）写入；specimen=yes 为样本代码。\n")
    writer = csv.writer(out, lineterminator="\n")
    for unit in rules.units:
        code = codes.get(unit.name)
        if code is not None:
            writer.writerow([code.unit, code.uscc, "yes" if code.specimen else "no"])
    atomic_write_bytes(path, out.getvalue().encode("utf-8"))


# --- printers ---------------------------------------------------------------------------------------------


def _offset_text(offset: PrinterOffset | None) -> str | None:
    return None if offset is None else f"x={offset.x_mm:g} mm, y={offset.y_mm:g} mm"


def set_printer_offset(cache: Cache, data_dir: Path, printer: str, x_mm: float, y_mm: float,
                       operator: str) -> PrinterOffset:
    """A printer's calibration, as an administrator sets it (the same file the calibration dialog writes)."""
    before = printing.load_offsets(data_dir).get(printer)
    offset = printing.save_offset(data_dir, printer, x_mm, y_mm)
    if offset != before:
        audit(cache, operator, printer, "printer_offset", _offset_text(before), _offset_text(offset))
    return offset
