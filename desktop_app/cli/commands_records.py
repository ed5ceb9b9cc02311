"""`import FILE.jsonl` and `export-records FILE.jsonl`: the record interchange format on the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.cli.session import CliSession
from desktop_app.cli.terminal import guarded, progress_printer, safe_text
from desktop_app.errors import KnownError
from desktop_app.messages import msg

if TYPE_CHECKING:
    from desktop_app.services.interchange import ImportReport


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    imp = sub.add_parser("import", help="validate and import a JSONL file of person records",
                         description="Import person records (docs/record-format.md). Each rejected line is "
                                     "reported as `line N: reason`; exit code 1 if any line was rejected.")
    imp.add_argument("file", type=Path, metavar="FILE.jsonl")
    imp.set_defaults(run=guarded(run_import))

    exp = sub.add_parser("export-records", help="write every cached person record to a JSONL file",
                         description="Export the cache in the record interchange format, sorted by ID number.")
    exp.add_argument("file", type=Path, metavar="FILE.jsonl")
    exp.set_defaults(run=guarded(run_export))


def summary(report: ImportReport) -> str:
    line = str(msg("cli.import.summary", lines=report.lines, persons_inserted=report.persons_inserted,
                   persons_updated=report.persons_updated, persons_unchanged=report.persons_unchanged,
                   certificates_inserted=report.certificates_inserted,
                   certificates_updated=report.certificates_updated,
                   certificates_unchanged=report.certificates_unchanged, rejected=len(report.rejected)))
    if report.kept_local:
        line += str(msg("cli.import.summary_kept_local", kept=len(report.kept_local)))
    return line


def run_import(args: argparse.Namespace, cli: CliSession) -> int:
    path: Path = args.file
    if not path.is_file():  # before opening (and perhaps creating) the cache
        code = "cli.import.is_a_folder" if path.is_dir() else "cli.import.file_missing"
        raise KnownError(msg(code, path=safe_text(path)))
    progress = progress_printer(str(msg("cli.import.progress")))
    try:
        report = cli.context().workspace.import_jsonl(path, progress=progress)
    finally:
        if progress:
            sys.stderr.write("\n")
    for line_no, reason in report.rejected:
        print(f"line {line_no}: {safe_text(reason, cell=True)}")
    for line_no, id_number in report.kept_local:
        print(f"line {line_no}: {msg('cli.import.kept_local', id_number=safe_text(id_number, cell=True))}")
    print(summary(report))
    return 1 if report.rejected else 0


def run_export(args: argparse.Namespace, cli: CliSession) -> int:
    count = cli.context().workspace.export_jsonl(args.file)
    print(msg("cli.export_records.done", count=count, path=safe_text(args.file)))
    return 0
