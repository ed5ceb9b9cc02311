"""Printing without Qt: the print log, per-printer calibration offsets, and the offset PDF the printer gets.

Calibration (gLabels' users' open request, DESIGN §5): the clerk prints the calibration page
(certs.calibration.calibration_page_pdf) at 100 % and measures where its cross landed. The measured
deviation is stored per printer in `<data folder>/printers.json` as `{printer: {"x_mm", "y_mm"}}`:
positive x = the printer puts things too far right, positive y = too far down.

Decision: the offset is applied to the PDF, not in the Qt painter. `print_ready_pdf` moves every page's
content by the opposite of the stored deviation (pdfium prepends a `cm` transform to the content
stream; nothing is re-drawn), so the GUI prints that PDF at 100 %, full page, exactly like any other,
and what is printed is always derived from the one certificate PDF. The preview shows the
unshifted PDF: it is what the certificate looks like, not where a given printer would put it.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import io
import json
import math
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.certs.raster import PDFIUM_LOCK
from desktop_app.errors import KnownError
from desktop_app.messages import Message, msg
from desktop_app.services.changes import ChangeKind, OpChanges
from desktop_app.services.issuance import find_certificate, is_generated
from desktop_app.settings import atomic_write_bytes
from desktop_app.store.engine import Cache
from desktop_app.store.locking import write_session
from desktop_app.store.models import Certificate, PrintLogEntry

PRINTERS_FILE = "printers.json"
DEFAULT_PRINTER = "*"  # printers.json's entry for every printer not calibrated on its own (the admin's default)
MAX_OFFSET_MM = 30.0
MAX_COPIES = 99
PT_PER_MM = 72 / 25.4


class ReprintReasonRequired(KnownError):
    """The certificate has been printed before: a reprint needs a reason."""


# --- calibration --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PrinterOffset:
    """A printer's measured deviation in mm (positive: too far right / too far down)."""

    x_mm: float = 0.0
    y_mm: float = 0.0


def _printers_path(data_dir: Path) -> Path:
    return data_dir / PRINTERS_FILE


def load_offsets(data_dir: Path) -> dict[str, PrinterOffset]:
    """Every calibrated printer; a damaged file is reported, never silently reset."""
    path = _printers_path(data_dir)
    if not path.is_file():
        return {}
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return {str(name): PrinterOffset(float(v["x_mm"]), float(v["y_mm"])) for name, v in raw.items()}
    except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
        raise KnownError(msg("printing.calibration_damaged", path=path, detail=str(exc))) from exc


def printer_offset(data_dir: Path, printer: str) -> PrinterOffset:
    """The printer's calibration; the default entry's for a printer never calibrated, else (0, 0)."""
    offsets = load_offsets(data_dir)
    return offsets.get(printer) or offsets.get(DEFAULT_PRINTER) or PrinterOffset()


def _check_offset(value: float, axis: Message) -> float:
    if not math.isfinite(value) or abs(value) > MAX_OFFSET_MM:
        raise KnownError(msg("printing.bad_offset", axis=axis, value=value, max=f"{MAX_OFFSET_MM:g}"))
    return round(value, 2)


def save_offset(data_dir: Path, printer: str, x_mm: float, y_mm: float) -> PrinterOffset:
    """Remember a printer's measured deviation (atomically; other printers are kept)."""
    if not printer.strip():
        raise KnownError(msg("printing.no_printer"))
    offset = PrinterOffset(_check_offset(x_mm, msg("printing.axis_horizontal")),
                           _check_offset(y_mm, msg("printing.axis_vertical")))
    offsets = load_offsets(data_dir)
    offsets[printer] = offset
    data = {name: {"x_mm": o.x_mm, "y_mm": o.y_mm} for name, o in sorted(offsets.items())}
    atomic_write_bytes(_printers_path(data_dir), (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode())
    return offset


# --- the shifted PDF ----------------------------------------------------------------------------------


def offset_pdf(pdf_bytes: bytes, dx_mm: float, dy_mm: float) -> bytes:
    """The same PDF with every page's content moved dx mm right and dy mm down (page size unchanged).

    Safe from any thread: pdfium is used under certs.raster.PDFIUM_LOCK.
    """
    if dx_mm == 0 and dy_mm == 0:
        return pdf_bytes
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    with PDFIUM_LOCK:
        document = pdfium.PdfDocument(pdf_bytes)
        try:
            matrix = pdfium_c.FS_MATRIX(1, 0, 0, 1, dx_mm * PT_PER_MM, -dy_mm * PT_PER_MM)
            for index in range(len(document)):
                page = document[index]
                if not pdfium_c.FPDFPage_TransFormWithClip(page.raw, ctypes.byref(matrix), None):
                    raise KnownError(msg("printing.cannot_shift"))
                page.close()
            out = io.BytesIO()
            document.save(out)
            return out.getvalue()
        finally:
            document.close()


def print_ready_pdf(pdf_bytes: bytes, offset: PrinterOffset) -> bytes:
    """The PDF to send to a printer with this calibration: moved by the opposite of its deviation."""
    return offset_pdf(pdf_bytes, -offset.x_mm, -offset.y_mm)


# --- the print log -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PrintRecord:
    id: int
    at: dt.datetime
    operator: str
    new_number: str
    printer: str
    copies: int
    reprint: bool
    reprint_reason: str | None
    offset: PrinterOffset

    @property
    def op_changes(self) -> OpChanges:
        return OpChanges.of((ChangeKind.PRINT_LOG,))


def _record(row: PrintLogEntry) -> PrintRecord:
    return PrintRecord(row.id, row.at, row.operator, row.new_number, row.printer, row.copies, row.reprint,
                       row.reprint_reason, PrinterOffset(row.offset_x_mm, row.offset_y_mm))


def log_print(cache: Cache, number: int | str, printer: str, operator: str, copies: int = 1,
              reprint_reason: str | None = None, offset: PrinterOffset | None = None) -> PrintRecord:
    """Log one print of a generated certificate (row id or number in any spelling).

    The first print needs no reason; every later one is a reprint and is refused without a reason.
    `offset` is the calibration applied (default: the printer's stored one).
    """
    if not 1 <= copies <= MAX_COPIES:
        raise KnownError(msg("printing.bad_copies", max=MAX_COPIES))
    if not printer.strip():
        raise KnownError(msg("printing.no_printer"))
    offset = offset or printer_offset(cache.path.parent, printer)
    reason = (reprint_reason or "").strip() or None
    with write_session(cache) as session, session.begin():
        cert, before = _printable(session, number, reason)
        row = PrintLogEntry(at=dt.datetime.now().replace(microsecond=0), operator=operator,
                            new_number=cert.new_number, printer=printer, copies=copies, reprint=bool(before),
                            reprint_reason=reason if before else None, offset_x_mm=offset.x_mm,
                            offset_y_mm=offset.y_mm)
        session.add(row)
        session.flush()
        return _record(row)


def check_print(cache: Cache, number: int | str, reprint_reason: str | None = None) -> int:
    """Whether this certificate may be printed now, before anything is sent to a printer: raises as
    `log_print` would (not generated; a reprint without a reason); returns how often it was printed."""
    with Session(cache.engine) as session:
        return _printable(session, number, (reprint_reason or "").strip() or None)[1]


def _printable(session: Session, number: int | str, reason: str | None) -> tuple[Certificate, int]:
    """The reprint rule, in one place: a generated certificate; a reason from the second print on."""
    cert = find_certificate(session, number)
    if not is_generated(cert):
        raise KnownError(msg("printing.not_generated", number=cert.number))
    before = session.scalar(select(func.count()).select_from(PrintLogEntry)
                            .where(PrintLogEntry.new_number == cert.new_number)) or 0
    if before and reason is None:
        raise ReprintReasonRequired(msg("printing.reprint_reason_required", number=cert.number, times=before))
    return cert, before


def print_history(cache: Cache, number: int | str) -> list[PrintRecord]:
    """Every logged print of a certificate, oldest first."""
    with Session(cache.engine) as session:
        cert = find_certificate(session, number)
        rows = session.scalars(select(PrintLogEntry).where(PrintLogEntry.new_number == cert.new_number)
                               .order_by(PrintLogEntry.id)).all()
        return [_record(r) for r in rows]
