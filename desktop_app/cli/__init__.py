"""Command line: `certdesk [--data-dir DIR] [COMMAND ...]`; no command starts the GUI.

Each command module exposes `register(subparsers)`; a command returns its exit code. Errors from
the environment (bad input, missing file, broken rules) end with a one-line reason and exit 2,
never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop_app.cli import (
    commands_certs,
    commands_demo,
    commands_edits,
    commands_records,
    commands_rules,
    commands_search,
    commands_worklist,
)
from desktop_app.domain.rules import ResourceError, default_rules
from desktop_app.errors import KnownError
from desktop_app.paths import default_data_dir

COMMAND_MODULES = (commands_rules, commands_records, commands_demo, commands_search, commands_edits, commands_certs,
                   commands_worklist)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="certdesk", description="CertDesk 建设从业人员证书工作台")
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="workspace folder (default: the per-user data folder)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    data_dir: Path = args.data_dir or default_data_dir()
    try:
        default_rules()  # validated at start-up: a broken rules file stops here with file and line
        if args.command is None:
            from desktop_app.ui.app import run_gui

            return run_gui(data_dir)
        return int(args.run(args, data_dir))
    except (KnownError, ResourceError, OSError) as exc:
        print(f"certdesk: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("certdesk: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
