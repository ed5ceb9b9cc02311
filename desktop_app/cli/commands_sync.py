"""sync, outbox, conflicts, resolve: the provincial server from the command line.

    certdesk sync [--server URL] [--token TOKEN] [--json]   exit 0 done; 3 done, something needs attention; 1 failed
    certdesk outbox [--json]        every queued change: id, record, fields, state, reason
    certdesk conflicts [--json]     id, id_number, field, base, yours, theirs
    certdesk resolve CONFLICT_ID --keep mine|theirs
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from desktop_app.cli.session import CliSession
from desktop_app.cli.terminal import guarded, joined, json_text, render_table, safe_text, with_hint
from desktop_app.domain.person_fields import field_label
from desktop_app.errors import KnownError, as_known_error
from desktop_app.messages import msg

if TYPE_CHECKING:  # the sync modules load when a sync command runs, not at every start of the CLI
    from desktop_app.services.sync_inbox import OutboxRow

EXIT_ATTENTION = 3
STATES = ("pending", "sending", "applied", "duplicate", "conflict", "rejected", "retry_wait")  # cli.outbox.state.*
OUTBOX_COLUMNS = ("id", "record", "name", "changes", "state", "attempts", "reason")
CONFLICT_COLUMNS = ("id", "id_number", "name", "field", "base", "yours", "theirs", "theirs_by")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("sync", help="pull the province, push local changes, verify")
    parser.add_argument("--server", help="the provincial server's address (remembered for this workspace)")
    parser.add_argument("--token", help="the bureau token (kept in the OS keyring or an owner-only file)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(run=guarded(run_sync))
    parser = sub.add_parser("outbox", help="every queued change and its state")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(run=guarded(run_outbox))
    parser = sub.add_parser("conflicts", help="fields changed both here and at the province")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(run=guarded(run_conflicts))
    parser = sub.add_parser("resolve", help="settle a conflict: keep mine or take theirs")
    parser.add_argument("conflict_id", type=int)
    parser.add_argument("--keep", choices=("mine", "theirs"), required=True)
    parser.set_defaults(run=guarded(run_resolve))


def _fail(reason: str, hint: str | None = None) -> int:
    print(f"certdesk: {safe_text(with_hint(reason, hint))}", file=sys.stderr)
    return 1


def _progress(phase: str, done: int, total: int) -> None:
    if sys.stderr.isatty():
        print(f"\r{phase} {done}/{total}", end="", file=sys.stderr, flush=True)


def run_sync(args: argparse.Namespace, cli: CliSession) -> int:
    ctx = cli.context()
    service = ctx.sync
    try:
        if args.server or args.token:
            service.configure(server=args.server, token=args.token)
        report = service.run(progress=_progress).report
    except Exception as exc:  # every failure of a sync is one line and exit 1 (the outbox is intact)
        known = exc if isinstance(exc, KnownError) else as_known_error(exc)
        if known is None:
            raise
        return _fail(str(known), known.hint)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    if args.json:
        print(json_text(report.as_json()))
    else:
        check = msg("cli.sync.counts_match" if report.verified else "cli.sync.counts_differ")
        print(msg("cli.sync.summary", pulled=report.pulled, pushed=report.pushed, applied=report.applied,
                  duplicates=report.duplicates, conflicts=report.conflicts, rejected=report.rejected, check=check))
        if report.message:
            print(safe_text(msg("cli.sync.notice", message=report.message)))
        for unit, kind in report.mismatched:
            print(safe_text(msg("cli.sync.mismatch", unit=unit, kind=kind)), file=sys.stderr)
    attention = service.overview().attention
    return EXIT_ATTENTION if attention or report.conflicts or report.rejected else 0


def _fields_text(row: OutboxRow) -> str:
    empty = str(msg("cli.empty_value"))
    changes = (msg("cli.outbox.change", field=field_label(c.field), old=c.old or empty, new=c.new or empty)
               for c in row.fields)
    return joined(changes, "cli.clause_separator")


def _state_words(state: str) -> str:
    return str(msg(f"cli.outbox.state.{state}")) if state in STATES else state


def _row_json(row: OutboxRow) -> dict[str, object]:
    return {"id": row.id, "change_id": row.change_id, "record": row.record_key, "entity": row.entity,
            "name": row.person_name, "fields": [{"field": c.field, "old": c.old, "new": c.new} for c in row.fields],
            "state": row.state, "attempts": row.attempts,
            "next_retry": row.next_retry_at.isoformat() if row.next_retry_at else None,
            "reason": row.reason, "code": row.error_code, "needs_attention": row.needs_attention}


def run_outbox(args: argparse.Namespace, cli: CliSession) -> int:
    rows = cli.context().sync.outbox()
    if args.json:
        print(json_text([_row_json(r) for r in rows]))
    elif rows:
        print(render_table([msg(f"cli.outbox.column.{c}") for c in OUTBOX_COLUMNS],
                           [(str(r.id), r.record_key, r.person_name or "", _fields_text(r),
                             _state_words(r.state), str(r.attempts), r.reason or "") for r in rows]))
    else:
        print(msg("cli.outbox.none"))
    return 0


def run_conflicts(args: argparse.Namespace, cli: CliSession) -> int:
    rows = cli.context().sync.conflicts()
    if args.json:
        print(json_text([{"id": c.id, "id_number": c.id_number, "field": c.field, "base": c.base, "yours": c.yours,
                          "theirs": c.theirs, "theirs_by": c.theirs_by,
                          "theirs_at": c.theirs_at.isoformat() if c.theirs_at else None} for c in rows]))
    elif rows:
        print(render_table([msg(f"cli.conflicts.column.{c}") for c in CONFLICT_COLUMNS],
                           [(str(c.id), c.id_number or "", c.person_name or "", field_label(c.field), c.base or "",
                             c.yours or "", c.theirs or "", c.theirs_by or "") for c in rows]))
    else:
        print(msg("cli.conflicts.none"))
    return 0


def run_resolve(args: argparse.Namespace, cli: CliSession) -> int:
    try:
        cli.context().sync.resolve(args.conflict_id, args.keep)
    except KnownError as exc:
        return _fail(str(exc), exc.hint)
    choice = msg("cli.resolve.kept_mine" if args.keep == "mine" else "cli.resolve.took_theirs")
    print(msg("cli.resolve.done", id=args.conflict_id, choice=choice))
    return 0
