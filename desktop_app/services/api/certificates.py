"""New-format certificates: generation, PDFs, the print log and calibration, batches, QR checks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from desktop_app.services import batch, issuance, printing, verification
from desktop_app.services.batch import BatchOptions, BatchResult, Cancelled, Progress
from desktop_app.services.issuance import IssuedCertificate
from desktop_app.services.printing import PrinterOffset, PrintRecord

if TYPE_CHECKING:
    from desktop_app.services.context import WorkspaceContext


class IssuanceService:
    def __init__(self, ctx: WorkspaceContext) -> None:
        self.ctx = ctx

    def generate(self, ref: int | str) -> IssuedCertificate:
        """Generate a certificate's new format (row id or number); idempotent."""
        actor = self.ctx.authorize("certs.generate")
        return issuance.generate(self.ctx.cache, ref, actor.name, self.ctx.today)

    def generate_pdf(self, ref: int | str, specimen: bool | None = None) -> tuple[IssuedCertificate, bytes]:
        actor = self.ctx.authorize("certs.generate")
        return issuance.generate_pdf(self.ctx.cache, ref, actor.name, self.ctx.today, specimen)

    def certificate_pdf(self, ref: int | str, specimen: bool | None = None) -> bytes:
        self.ctx.permit("certs.print")  # the preview of what would print
        return issuance.certificate_pdf(self.ctx.cache, ref, specimen)


class PrintService:
    def __init__(self, ctx: WorkspaceContext) -> None:
        self.ctx = ctx

    def log_print(self, ref: int | str, printer: str, copies: int = 1, reprint_reason: str | None = None,
                  offset: PrinterOffset | None = None) -> PrintRecord:
        """Log a print; a reprint without a reason raises `ReprintReasonRequired` (the rule lives here)."""
        actor = self.ctx.authorize("certs.print")
        return printing.log_print(self.ctx.cache, ref, printer, actor.name, copies, reprint_reason, offset)

    def check_print(self, ref: int | str, reprint_reason: str | None = None) -> int:
        """Before sending to a printer: raises `ReprintReasonRequired` as `log_print` would; times printed."""
        self.ctx.authorize("certs.print")
        return printing.check_print(self.ctx.cache, ref, reprint_reason)

    def print_ready_pdf(self, pdf_bytes: bytes, offset: PrinterOffset) -> bytes:
        return printing.print_ready_pdf(pdf_bytes, offset)

    def print_history(self, ref: int | str) -> list[PrintRecord]:
        self.ctx.permit("view")
        return printing.print_history(self.ctx.cache, ref)

    def printer_offset(self, printer: str) -> PrinterOffset:
        return printing.printer_offset(self.ctx.data_dir, printer)

    def save_offset(self, printer: str, x_mm: float, y_mm: float) -> PrinterOffset:
        self.ctx.authorize("printer.calibrate")
        return printing.save_offset(self.ctx.data_dir, printer, x_mm, y_mm)


class BatchService:
    def __init__(self, ctx: WorkspaceContext) -> None:
        self.ctx = ctx

    def run(self, options: BatchOptions, progress: Progress | None = None,
            cancelled: Cancelled | None = None) -> BatchResult:
        actor = self.ctx.authorize("batch.generate")
        return batch.run_batch(self.ctx.cache, options, actor.name, self.ctx.today, progress, cancelled)


class VerificationService:
    def __init__(self, ctx: WorkspaceContext) -> None:
        self.ctx = ctx

    def verify_text(self, text: str) -> dict[str, Any]:
        self.ctx.permit("verify")
        return verification.verify_text(self.ctx.cache, text, self.ctx.today)
