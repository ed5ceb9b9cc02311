"""The entry point: `certdesk [--data-dir DIR] [COMMAND ...]`; no command starts the desktop app.

The command line (desktop_app.cli) never imports the UI; this module is the one place that
chooses between the two.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from desktop_app.cli import main as cli_main


def main(argv: Sequence[str] | None = None) -> int:
    if os.name == "posix":
        os.umask(0o077)  # every file the app writes (exports, PDFs, logs, settings) is the owner's only
    return cli_main(argv, gui=_run_gui)


def _run_gui(data_dir) -> int:
    from desktop_app.ui.app import run_gui

    return run_gui(data_dir)


if __name__ == "__main__":
    sys.exit(main())
