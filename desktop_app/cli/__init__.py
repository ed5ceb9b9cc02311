"""Command line: `certdesk [--data-dir DIR] [COMMAND ...]` (desktop_app.launcher starts the GUI
when no command is given; this package never imports the UI).

Each command module exposes `register(subparsers)`; a command's `run(args, cli)` returns its exit
code and reaches the workspace through `cli.context()`, the one workspace context of this run.
Errors from the environment (bad input, missing file, full disk, locked database, broken rules) end
with a one-line reason and exit 2, never a traceback; a bug is logged with its traceback to the data
folder's log and reported in one line (exit 70).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from desktop_app.cli import (
    commands_accounts,
    commands_certs,
    commands_correct,
    commands_demo,
    commands_edits,
    commands_progress,
    commands_records,
    commands_rules,
    commands_search,
    commands_sync,
    commands_worklist,
)
from desktop_app.cli.session import CliSession
from desktop_app.cli.terminal import safe_text, with_hint
from desktop_app.domain.roles import default_roles
from desktop_app.domain.rules import ResourceError, default_rules
from desktop_app.errors import PermissionDenied, as_known_error
from desktop_app.logs import bug_report, log_path, setup_logging
from desktop_app.messages import CatalogueError, check_catalogues, choose_language, msg, set_language
from desktop_app.paths import default_data_dir
from desktop_app.services.locks import on_lock_wait
from desktop_app.settings import load_settings

COMMAND_MODULES = (commands_rules, commands_records, commands_demo, commands_search, commands_edits, commands_correct,
                   commands_certs, commands_worklist, commands_progress, commands_sync, commands_accounts)
EXIT_BUG = 70  # EX_SOFTWARE
WAIT_NOTE_EVERY_S = 5.0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="certdesk", description="CertDesk 建设从业人员证书工作台")
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="workspace folder (default: the per-user data folder)")
    parser.add_argument("--version", action=_PrintVersions, default=argparse.SUPPRESS,
                        help="print the version, the cache's schema version and the versions of Qt and its binding")
    parser.add_argument("--user", default=None, metavar="NAME",
                        help="sign in as this account (workspaces with accounts; password from CERTDESK_PASSWORD "
                             "or asked)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


class _PrintVersions(argparse.Action):
    """--version: the versions are looked up only when asked for (Qt is not imported otherwise)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, **kwargs)  # type: ignore[arg-type]

    def __call__(self, parser: argparse.ArgumentParser, *_args: object, **_kwargs: object) -> None:
        from desktop_app.versions import versions_line

        print(versions_line())
        parser.exit()


def _waiting_line() -> Callable[[float], None]:
    """While a write waits for another writer: one line on stderr every few seconds."""
    said = [-WAIT_NOTE_EVERY_S]

    def note(seconds: float) -> None:
        if seconds - said[0] >= WAIT_NOTE_EVERY_S:
            said[0] = seconds
            print(f"certdesk: {msg('cli.waiting_for_writer', seconds=int(seconds))}", file=sys.stderr, flush=True)

    return note


def main(argv: Sequence[str] | None = None, gui: Callable[[Path], int] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    data_dir: Path = args.data_dir or default_data_dir()
    set_language(choose_language(load_settings(data_dir).language))  # the GUI's and the commands' messages
    session = CliSession(data_dir, getattr(args, "operator", None), getattr(args, "today", None), args.user)
    try:
        default_rules()  # validated at start-up: a broken rules file stops here with file and line
        default_roles()  # … and the roles and their permissions
        check_catalogues()
        if args.command is None:
            if gui is None:
                parser.print_help()
                return 2
            return gui(data_dir)
        with on_lock_wait(_waiting_line()):
            return int(args.run(args, session))
    except (ResourceError, CatalogueError) as exc:
        print(f"certdesk: {safe_text(str(exc))}", file=sys.stderr)
        return 2
    except PermissionDenied as exc:  # refused for this account (or nobody signed in): exit 1, one line
        print(f"certdesk: {safe_text(str(exc))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("certdesk: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the environment's faults in one line; anything else is a bug
        known = as_known_error(exc)
        if known is not None:
            print(f"certdesk: {safe_text(with_hint(str(known), known.hint))}", file=sys.stderr)  # may quote data
            return 2
        setup_logging(data_dir)
        bug_report(exc)
        where = log_path()
        kind = type(exc).__name__
        try:
            said = str(msg("cli.internal_error_logged", kind=kind, detail=exc, log=where) if where else
                       msg("cli.internal_error", kind=kind, detail=exc))
        except CatalogueError:  # the bug came before the catalogues were checked, and they are broken too
            said = f"internal error {kind}: {exc}"
        print(safe_text(f"certdesk: {said}"), file=sys.stderr)
        return EXIT_BUG
    finally:
        session.close()
