"""New-format certificates on the command line: `cert-pdf`, `generate` (batch) and `verify`.

    certdesk cert-pdf NUMBER -o FILE.pdf     generate (when not yet generated) and write the PDF;
                                             exit 1 with the reasons when ineligible or unknown
    certdesk generate --unit NAME [--category C] [--work-type CODE] [--combined] -o DIR
                                             batch for a unit; prints a summary and the skipped report
    certdesk verify TEXT                     JSON verdict; exit 0 when genuine, 1 otherwise
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from desktop_app.cli.session import CliSession
from desktop_app.cli.terminal import contract_language, guarded, json_text, progress_printer, safe_text
from desktop_app.errors import KnownError
from desktop_app.messages import msg


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    pdf = sub.add_parser("cert-pdf", help="write a certificate's new-format PDF (generating it first if needed)")
    pdf.add_argument("number", metavar="NUMBER", help="certificate number in any spelling, old or new")
    pdf.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    _common(pdf)
    pdf.set_defaults(run=guarded(run_pdf))

    gen = sub.add_parser("generate", help="batch-generate a unit's eligible certificates as PDFs")
    gen.add_argument("--unit", required=True, help="issuing unit name (as in issuing_units.csv)")
    gen.add_argument("--category", help="only this category: A, B, C (= C3), C1, C2, C3 or SPECIAL")
    gen.add_argument("--work-type", help="only this work type (new code, e.g. 05; 03 is read as the new 03)")
    gen.add_argument("--combined", action="store_true", help="one combined PDF instead of one per certificate")
    gen.add_argument("--workers", type=int, default=None, help="render processes (default: one per core)")
    gen.add_argument("-o", "--output", type=Path, required=True, metavar="DIR")
    _common(gen)
    gen.set_defaults(run=guarded(run_generate))

    ver = sub.add_parser("verify", help="check a scanned QR text offline; JSON out, exit 0 when genuine")
    ver.add_argument("text", metavar="TEXT", help="the QR content, a GB/T 36904 identifier or an upstream QR string")
    ver.add_argument("--today", type=_date, default=None, help=argparse.SUPPRESS)
    ver.set_defaults(run=guarded(run_verify))


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--operator", default=None, help="name for the audit log (default: the workspace's)")
    parser.add_argument("--today", type=_date, default=None, help=argparse.SUPPRESS)  # tests and support


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError("expected YYYY-MM-DD") from exc


def check_output_file(path: Path) -> None:
    """Refuse an output path that cannot be written, BEFORE generating: generating writes the cache
    (identifier, audit, outbox), and a certificate generated but never written out helps nobody."""
    folder = path.parent
    if path.is_dir():
        raise KnownError(msg("cli.output_is_a_folder", path=safe_text(path)))
    if not folder.is_dir():
        raise KnownError(msg("cli.output_folder_missing", path=safe_text(path), folder=safe_text(folder)))
    if not os.access(folder, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise KnownError(msg("cli.output_folder_not_writable", path=safe_text(path), folder=safe_text(folder)))


def run_pdf(args: argparse.Namespace, cli: CliSession) -> int:
    from desktop_app.services import issuance
    from desktop_app.settings import atomic_write_bytes

    check_output_file(args.output)
    try:
        issued, pdf = cli.context().issuance.generate_pdf(args.number)
    except (issuance.NotEligible, issuance.UnknownCertificate) as exc:
        print(f"certdesk: {safe_text(exc)}", file=sys.stderr)
        return 1
    try:
        atomic_write_bytes(args.output, pdf)
    except OSError as exc:
        raise KnownError(msg("cli.cert_pdf.cannot_write", path=safe_text(args.output),
                              detail=exc.strerror or exc)) from exc
    state = msg("cli.cert_pdf.generated" if issued.newly_generated else "cli.cert_pdf.generated_before")
    print(safe_text(msg("cli.cert_pdf.written", number=issued.number, state=state, ecert_id=issued.ecert_id,
                        path=args.output)))
    return 0


def run_generate(args: argparse.Namespace, cli: CliSession) -> int:
    from desktop_app.services.batch import BatchOptions

    options = BatchOptions(args.unit, args.output, args.category, args.work_type, args.combined, args.workers)
    progress = progress_printer(str(msg("cli.generate.progress")), counts=True)
    try:
        result = cli.context().batch.run(options, progress)
    finally:
        if progress:
            sys.stderr.write("\n")
    print(safe_text(msg("cli.generate.summary", unit=result.unit, candidates=result.candidates,
                        eligible=result.eligible, generated=result.generated, written=result.written,
                        existing=result.existing, skipped=len(result.skipped), seconds=f"{result.seconds:.1f}")))
    if result.combined_path:
        print(safe_text(msg("cli.generate.combined", path=result.combined_path)))
    print(safe_text(msg("cli.generate.skipped_report", path=result.report_path)))
    return 0


def run_verify(args: argparse.Namespace, cli: CliSession) -> int:
    verification = cli.context().verification
    with contract_language():  # the verdict's words are part of the JSON
        verdict = verification.verify_text(args.text)
    print(json_text(verdict))
    return 0 if verdict["genuine"] else 1
