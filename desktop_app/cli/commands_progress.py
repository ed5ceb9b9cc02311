"""Supervisors' progress from a shell (issue 13).

`certdesk progress [--unit NAME] [--as-of YYYY-MM-DD] [--json] [-o FILE.xlsx]` — the unit × kind
figures of the cache: a table on the terminal, the JSON below with `--json`, the workbook with `-o`
(both may be given). `converted_pct` is new_format / in_force in per cent with one decimal, null when
nothing is in force. An unknown unit or a bad date: exit 1 with the reason.

    {"as_of": "YYYY-MM-DD", "rows": [{"unit", "kind", "total", "in_force", …, "converted_pct"}, …],
     "totals": {…the same figures over every row…}, "unit_totals": […], "kind_totals": […]}
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from desktop_app.cli.session import CliSession
from desktop_app.cli.terminal import guarded, render_table, safe_text
from desktop_app.errors import KnownError
from desktop_app.messages import msg
from desktop_app.services.progress.figures import Figures, ProgressTable, kind_text
from desktop_app.services.progress.tables import resolve_unit

EXIT_REFUSED = 1
HEADERS = tuple(msg(f"cli.progress.column.{c}") for c in (  # rendered when printed
    "unit", "kind", "total", "in_force", "new_format", "pending", "a_missing_info", "missing_photo", "expiring_90d",
    "expired", "unsynced", "converted_pct"))


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("progress", help="the changeover's progress per issuing unit and kind (换发进度)")
    parser.add_argument("--unit", default=None, help="only this issuing unit (name or alias)")
    parser.add_argument("--as-of", dest="as_of", default=None, metavar="YYYY-MM-DD",
                        help="the day the figures are counted for (default: today)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("-o", "--output", type=Path, default=None, metavar="FILE.xlsx",
                        help="write the progress workbook (进度汇总, 趋势, 待补充企业, 说明)")
    parser.set_defaults(run=guarded(run_progress))


def _as_of(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise KnownError(msg("progress.bad_date", value=safe_text(text))) from None


def run_progress(args: argparse.Namespace, cli: CliSession) -> int:
    try:
        as_of = _as_of(args.as_of)
        if args.output is not None and args.output.suffix.lower() != ".xlsx":
            raise KnownError(msg("progress.not_xlsx", path=safe_text(str(args.output))))
        ctx = cli.context()
        unit = resolve_unit(ctx.rules, args.unit)
    except KnownError as exc:
        print(f"certdesk: {safe_text(str(exc))}", file=sys.stderr)
        return EXIT_REFUSED
    progress = ctx.progress
    ctx.permit("progress.view")  # refused before anything is written
    if as_of is None or as_of == ctx.today:
        progress.ensure_daily_snapshot()  # a start of the day, for the trend
    if args.output is not None:
        report = progress.export_workbook(args.output, as_of, unit)
        table = report.table
        if not args.json:
            print(safe_text(msg("cli.progress.exported", path=args.output, as_of=table.as_of.isoformat(),
                                rows=len(table.rows), enterprises=len(report.enterprises))))
    else:
        table = progress.table(as_of, unit)
    if args.json:
        print(json.dumps(table.as_json(), ensure_ascii=False))
    elif args.output is None:
        _print_table(table, ctx.rules)
    return 0


def _print_table(table: ProgressTable, rules: object) -> None:
    if not table.rows:
        print(msg("cli.progress.empty", as_of=table.as_of.isoformat()))
        return
    body = [_line(r.unit or "", kind_text(r.kind, rules) if r.kind else "", r.figures)  # type: ignore[arg-type]
            for r in table.rows]
    body.append(_line(str(msg("cli.progress.total")), "", table.overall))
    print(msg("cli.progress.as_of", as_of=table.as_of.isoformat()))
    print(render_table(HEADERS, body))


def _line(unit: str, kind: str, f: Figures) -> tuple[str, ...]:
    pct = "—" if f.converted_pct is None else f"{f.converted_pct:.1f}%"
    return (unit, kind, *(f"{v:,}" for v in (f.total, f.in_force, f.new_format, f.pending, f.a_missing_info,
                                             f.missing_photo, f.expiring_90d, f.expired, f.unsynced)), pct)
