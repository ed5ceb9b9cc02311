"""The A-certificate campaign from a shell.

`certdesk worklist [--unit NAME] [--enterprise X] [--missing FIELD] [--sort KEY] [-o FILE.xlsx]` —
the "A 证待补充信息" list of one issuing unit: a table on the terminal, or the Excel template that
enterprises fill in (`-o`). `certdesk import-supplement FILE.xlsx` — apply a filled template; one
`row N, column X: reason` line per rejected cell, exit 1 when any row was rejected.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop_app.cli.session import CliSession
from desktop_app.cli.terminal import guarded, joined, render_table, safe_text
from desktop_app.domain.rules import Rules, default_rules
from desktop_app.errors import KnownError
from desktop_app.messages import msg
from desktop_app.services.supplement_import import SupplementReport
from desktop_app.services.worklists import SORTS, WorklistRow
from desktop_app.settings import load_settings

HEADERS = tuple(msg(f"cli.worklist.column.{c}") for c in (  # rendered when printed
    "name", "id_number", "enterprise", "certificates", "missing", "phone"))
STAGES = {"validate": "cli.import_supplement.validating", "write": "cli.import_supplement.writing",
          "written": "cli.import_supplement.written"}
PROGRESS_EVERY = 2000


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("worklist", help="A-certificate holders still missing information (A 证待补充信息)")
    parser.add_argument("--unit", default=None, help="issuing unit (default: the workstation's unit in settings)")
    parser.add_argument("--enterprise", default=None, help="part of the enterprise name, or its USCC")
    parser.add_argument("--missing", default=None, help="only persons missing this field (职务, 技术职称, 照片)")
    parser.add_argument("--sort", choices=tuple(SORTS), default="enterprise", help="row order (default enterprise)")
    parser.add_argument("--summary", action="store_true",
                        help="print counts per enterprise (per unit without --unit) instead")
    parser.add_argument("-o", "--output", type=Path, default=None, metavar="FILE.xlsx",
                        help="write the Excel template for enterprises instead of printing the list")
    parser.set_defaults(run=guarded(run_worklist))
    imp = sub.add_parser("import-supplement", help="apply a filled A-certificate supplement template")
    imp.add_argument("file", type=Path, metavar="FILE.xlsx", help="the filled template")
    imp.set_defaults(run=guarded(run_import))


def _unit(args: argparse.Namespace, data_dir: Path, required: bool = True) -> str | None:
    name = args.unit or load_settings(data_dir).issuing_unit
    if not name:
        if not required:
            return None
        raise KnownError(msg("cli.worklist.no_unit"))
    unit = default_rules().unit(name)
    if unit is None:
        known = joined(u.name for u in default_rules().units)
        raise KnownError(msg("cli.worklist.unknown_unit", unit=safe_text(name), choices=known))
    return unit.name


def run_worklist(args: argparse.Namespace, cli: CliSession) -> int:
    if args.summary:
        return _print_summary(cli, _unit(args, cli.data_dir, required=False))
    unit = _unit(args, cli.data_dir) or ""
    if args.output is not None and args.output.suffix.lower() != ".xlsx":
        raise KnownError(msg("cli.worklist.not_xlsx", path=safe_text(args.output)))
    worklist = cli.context().worklist
    rows = worklist.rows(unit=unit, enterprise=args.enterprise, missing=args.missing, sort=args.sort)
    if not rows:
        print(safe_text(msg("cli.worklist.empty_no_file" if args.output else "cli.worklist.empty", unit=unit)))
        return 0
    if args.output is None:
        rules = cli.context().rules
        print(render_table(HEADERS, [_table_row(r, rules) for r in rows]))
        print(msg("cli.worklist.count", count=len(rows)))
        return 0
    count = worklist.export_template(rows, args.output, unit)
    print(safe_text(msg("cli.worklist.exported", count=count, path=args.output, unit=unit)))
    return 0


def _table_row(row: WorklistRow, rules: Rules) -> tuple[str, ...]:
    return (row.name, row.id_number, row.enterprise or "", joined(row.certificates), joined(row.missing_names(rules)),
            row.phone or "")


def _columns(*names: str) -> list[object]:
    return [msg(f"cli.worklist.column.{name}") for name in names]


def _print_summary(cli: CliSession, unit: str | None) -> int:
    summary = cli.context().worklist.summary(unit)
    print(safe_text(msg("cli.worklist.summary", unit=unit or msg("cli.worklist.province"), total=summary.total,
                        missing_photo=summary.missing_photo)))
    if unit is None:
        print(render_table(_columns("unit", "persons"), [(g.name, str(g.persons)) for g in summary.by_unit]))
    else:
        print(render_table(_columns("enterprise", "uscc", "persons"),
                           [(g.name, g.uscc or "", str(g.persons)) for g in summary.by_enterprise]))
    return 0


def _stage(name: str, count: int) -> None:
    if name == "written" and count % PROGRESS_EVERY:
        return  # progress every 2000 persons is plenty
    if name in STAGES:
        print(f"certdesk: {msg(STAGES[name], count=count)}", file=sys.stderr, flush=True)


def run_import(args: argparse.Namespace, cli: CliSession) -> int:
    report = cli.context().worklist.import_supplement(args.file, stage=_stage)
    for rejection in report.rejected:
        print(f"row {rejection.row}, column {rejection.column}: {safe_text(rejection.reason, cell=True)}")
    print(_report_line(report))
    return 1 if report.rejected else 0


def _report_line(report: SupplementReport) -> str:
    return str(msg("cli.import_supplement.summary", rows=report.rows, applied=report.applied,
                   unchanged=report.unchanged, unfilled=report.unfilled, rejected=report.rejected_rows))
