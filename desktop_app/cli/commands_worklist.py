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
from desktop_app.cli.terminal import guarded, render_table, safe_text
from desktop_app.domain.rules import default_rules
from desktop_app.errors import KnownError
from desktop_app.services.supplement_import import SupplementReport
from desktop_app.services.worklists import SORTS, WorklistRow
from desktop_app.settings import load_settings

HEADERS = ("姓名", "身份证号", "工作单位", "证书编号", "缺少项目", "手机号码")
STAGES = {"validate": "正在校验 {n} 行…", "write": "正在写入 {n} 人的修改…", "written": "已写入 {n} 人（尚未提交）…"}
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
        raise KnownError("请用 --unit 指定发证单位（或在设置中填写本工作站所属的发证单位）")
    unit = default_rules().unit(name)
    if unit is None:
        known = "、".join(u.name for u in default_rules().units)
        raise KnownError(f"未知的发证单位“{safe_text(name)}”（可用：{known}）")
    return unit.name


def run_worklist(args: argparse.Namespace, cli: CliSession) -> int:
    if args.summary:
        return _print_summary(cli, _unit(args, cli.data_dir, required=False))
    unit = _unit(args, cli.data_dir) or ""
    if args.output is not None and args.output.suffix.lower() != ".xlsx":
        raise KnownError(f"输出文件 {safe_text(args.output)} 应以 .xlsx 结尾")
    worklist = cli.context().worklist
    rows = worklist.rows(unit=unit, enterprise=args.enterprise, missing=args.missing, sort=args.sort)
    if not rows:
        print(safe_text(f"{unit}：没有待补充信息的 A 证人员" + ("，未生成文件" if args.output else "")))
        return 0
    if args.output is None:
        print(render_table(HEADERS, [_table_row(r) for r in rows]))
        print(f"共 {len(rows)} 人")
        return 0
    count = worklist.export_template(rows, args.output, unit)
    print(safe_text(f"已导出 {count} 人到 {args.output}（{unit}）"))
    return 0


def _table_row(row: WorklistRow) -> tuple[str, ...]:
    return (row.name, row.id_number, row.enterprise or "", "、".join(row.certificates), row.missing_text,
            row.phone or "")


def _print_summary(cli: CliSession, unit: str | None) -> int:
    summary = cli.context().worklist.summary(unit)
    print(safe_text(f"{unit or '全省'}：待补充 {summary.total} 人（其中缺照片 {summary.missing_photo} 人）"))
    if unit is None:
        print(render_table(("发证单位", "人数"), [(g.name, str(g.persons)) for g in summary.by_unit]))
    else:
        print(render_table(("工作单位", "统一社会信用代码", "人数"),
                           [(g.name, g.uscc or "", str(g.persons)) for g in summary.by_enterprise]))
    return 0


def _stage(name: str, count: int) -> None:
    if name == "written" and count % PROGRESS_EVERY:
        return  # progress every 2000 persons is plenty
    if name in STAGES:
        print("certdesk: " + STAGES[name].format(n=count), file=sys.stderr, flush=True)


def run_import(args: argparse.Namespace, cli: CliSession) -> int:
    report = cli.context().worklist.import_supplement(args.file, stage=_stage)
    for rejection in report.rejected:
        print(f"row {rejection.row}, column {rejection.column}: {safe_text(rejection.reason, cell=True)}")
    print(_report_line(report))
    return 1 if report.rejected else 0


def _report_line(report: SupplementReport) -> str:
    return (f"共 {report.rows} 行：已更新 {report.applied} 人，无变化 {report.unchanged} 行，"
            f"未填写 {report.unfilled} 行，拒绝 {report.rejected_rows} 行")
