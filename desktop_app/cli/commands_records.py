"""`import FILE.jsonl` and `export-records FILE.jsonl`: the record interchange format on the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.cli.session import CliSession
from desktop_app.cli.terminal import guarded, progress_printer, safe_text
from desktop_app.errors import KnownError

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
    return (f"{report.lines} 行：人员 新增 {report.persons_inserted}、更新 {report.persons_updated}、"
            f"未变 {report.persons_unchanged}；证书 新增 {report.certificates_inserted}、"
            f"更新 {report.certificates_updated}、未变 {report.certificates_unchanged}；"
            f"拒绝 {len(report.rejected)} 行"
            + (f"；{len(report.kept_local)} 人有本地未同步的修改，保留本地记录" if report.kept_local else ""))


def run_import(args: argparse.Namespace, cli: CliSession) -> int:
    path: Path = args.file
    if not path.is_file():  # before opening (and perhaps creating) the cache
        reason = "是一个文件夹" if path.is_dir() else "文件不存在"
        raise KnownError(f"无法读取 {safe_text(path)}：{reason}")
    progress = progress_printer("导入中")
    try:
        report = cli.context().workspace.import_jsonl(path, progress=progress)
    finally:
        if progress:
            sys.stderr.write("\n")
    for line_no, reason in report.rejected:
        print(f"line {line_no}: {safe_text(reason, cell=True)}")
    for line_no, id_number in report.kept_local:
        print(f"line {line_no}: kept local — {safe_text(id_number, cell=True)} 有未同步的本地修改，未覆盖")
    print(summary(report))
    return 1 if report.rejected else 0


def run_export(args: argparse.Namespace, cli: CliSession) -> int:
    count = cli.context().workspace.export_jsonl(args.file)
    print(f"已导出 {count} 人到 {safe_text(args.file)}")
    return 0
