"""The folder the file dialogs of records in and out start in, remembered in the workspace's ui.ini."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

FOLDER_KEY = "interchange/folder"


class LastFolder:
    """Where the last import, export or saved list was (the home folder at first)."""

    def __init__(self, settings: QSettings | None, key: str = FOLDER_KEY) -> None:
        self.settings = settings
        self.key = key

    def get(self) -> str:
        value = self.settings.value(self.key) if self.settings is not None else None
        return str(value) if value and Path(str(value)).is_dir() else str(Path.home())

    def remember(self, file: Path) -> None:
        """Remember the folder of `file`."""
        if self.settings is not None:
            self.settings.setValue(self.key, str(file.parent))

    def start(self, name: str) -> str:
        """The path a save dialog proposes: `name` in the last folder."""
        return str(Path(self.get()) / name)
