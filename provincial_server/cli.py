"""`python -m provincial_server [--data DIR | --database-url URL] COMMAND …` (docs/sync-protocol.md, README).

Exit codes: 0 done, 1 some input was refused (a bad line, a rejected edit), 2 the command could not run
(an unreadable file, a database it cannot use), each with a one-line reason on stderr.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from platformdirs import user_data_dir
from sqlalchemy.exc import SQLAlchemyError

from desktop_app.domain.rules import default_rules
from desktop_app.sync.protocol import ItemStatus
from provincial_server import admin, auth
from provincial_server.db.engine import DatabaseError, database_url, open_database
from provincial_server.importer import import_file


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m provincial_server",
                                     description="CertDesk provincial sync service")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--data", type=Path, help="folder of the SQLite database (default: the user data folder)")
    where.add_argument("--database-url", help="a SQLAlchemy URL, e.g. postgresql+psycopg://user@host/certdesk")
    commands = parser.add_subparsers(dest="command", required=True)
    cmd = commands.add_parser("import", help="load or update records from a JSONL file")
    cmd.add_argument("file", type=Path)
    cmd = commands.add_parser("token", help="make a bureau token (printed once, stored hashed)")
    cmd.add_argument("--unit", action="append", required=True, help="an issuing unit the bureau answers for")
    cmd.add_argument("--bureau", help="the bureau's name (default: its units)")
    cmd = commands.add_parser("revoke-token", help="stop a bureau token (its requests get 403)")
    cmd.add_argument("token")
    commands.add_parser("new-epoch", help="give the dataset a new identity: every client pulls again in full")
    cmd = commands.add_parser("serve", help="serve the sync protocol")
    cmd.add_argument("--host", default="127.0.0.1")
    cmd.add_argument("--port", type=int, default=8765, help="0 picks a free port")
    cmd.add_argument("--certfile", type=Path)
    cmd.add_argument("--keyfile", type=Path)
    cmd.add_argument("--workers", type=int, default=1)
    cmd.add_argument("--message", help="a notice every client shows after its handshake")
    cmd.add_argument("--max-in-flight", type=int, default=64, help="requests per worker before 429")
    cmd = commands.add_parser("export-records", help="write every record to a JSONL file")
    cmd.add_argument("file", type=Path)
    cmd = commands.add_parser("edit", help="change a person at the province (enters the changes feed)")
    cmd.add_argument("id_number")
    cmd.add_argument("assignments", nargs="+", metavar="FIELD=VALUE")
    cmd = commands.add_parser("delete", help="remove a person (a tombstone in the changes feed)")
    cmd.add_argument("id_number")
    return parser


def _fail(code: int, reason: str) -> int:
    print(f"provincial_server: {reason}", file=sys.stderr)
    return code


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    data = args.data or Path(user_data_dir("certdesk-provincial", appauthor=False))
    url = database_url(data if not args.database_url else None, args.database_url)
    try:
        if args.command == "serve":
            from provincial_server.serve import serve  # uvicorn only when serving
            if args.certfile and not args.keyfile:
                return _fail(2, "--certfile needs --keyfile")
            return serve(url, args.host, args.port, args.certfile, args.keyfile, args.workers, args.message,
                         args.max_in_flight)
        db = open_database(url)
        try:
            return _run(db, args)
        finally:
            db.dispose()
    except (DatabaseError, SQLAlchemyError) as exc:
        return _fail(2, f"database {url.split('@')[-1]}: {str(exc).splitlines()[0]}")
    except OSError as exc:
        return _fail(2, f"{exc.filename or ''}: {exc.strerror or exc}")
    except admin.AdminError as exc:
        return _fail(1, str(exc))
    except KeyboardInterrupt:
        return _fail(130, "interrupted")


def _run(db, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    rules = default_rules()
    if args.command == "import":
        if not args.file.is_file():
            return _fail(2, f"{args.file}: no such file")
        report = import_file(db, args.file)
        for line_no, reason in sorted(report.rejected):
            print(f"line {line_no}: {reason}")
        print(f"imported {report.lines - len(report.rejected)} of {report.lines} lines: {report.added} added, "
              f"{report.updated} updated, {report.unchanged} unchanged, {len(report.rejected)} rejected")
        return 1 if report.rejected else 0
    if args.command == "token":
        try:
            units = auth.unit_names(args.unit, rules)
        except ValueError as exc:
            return _fail(1, str(exc))
        print(auth.create_token(db, units, args.bureau))
        return 0
    if args.command == "revoke-token":
        if not auth.revoke_token(db, args.token):
            return _fail(1, "no such live token")
        print("revoked")
        return 0
    if args.command == "new-epoch":
        print(admin.new_epoch(db))
        return 0
    if args.command == "export-records":
        count = admin.export_records(db, args.file)
        print(f"exported {count} records to {args.file}", file=sys.stderr)
        return 0
    if args.command == "edit":
        result = admin.edit(db, rules, args.id_number, admin.parse_assignments(args.assignments))
        if result.status is ItemStatus.REJECTED:
            return _fail(1, f"{result.code}: {result.message}")
        if result.status is ItemStatus.CONFLICT:
            return _fail(1, "conflict: the record changed meanwhile; try again")
        print(f"{args.id_number.upper()}: {result.status.value}, version {result.version}, seq {result.seq}")
        return 0
    if args.command == "delete":
        seq = admin.delete(db, args.id_number)
        print(f"{args.id_number.upper()}: deleted, seq {seq}")
        return 0
    raise AssertionError(args.command)
