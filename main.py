"""CertDesk entry point: `python main.py [--data-dir DIR] [COMMAND ...]`."""

import multiprocessing
import sys

from desktop_app.launcher import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the importer's parser process, in a frozen (PyInstaller) build
    sys.exit(main())
