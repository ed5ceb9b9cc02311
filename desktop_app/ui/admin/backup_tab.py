"""系统管理 → 备份与恢复: 备份… takes a consistent copy of the cache with SQLite's backup API while the
program (and anyone else) goes on working, off the GUI thread with a busy indicator; 恢复到新文件夹…
checks a backup (integrity_check) and puts it into an empty folder, which can then be opened as a
workspace. The current workspace is never overwritten. Through `ctx.admin`, audited there."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QMessageBox, QProgressBar, QPushButton, QWidget

from desktop_app.paths import database_path
from desktop_app.services.context import WorkspaceContext
from desktop_app.ui.admin.section import Section, note


def _size(size: int) -> str:
    return f"{size / 2**20:.1f} MB" if size >= 2**20 else f"{max(size, 1) / 1024:.0f} KB"


class BackupSection(Section):
    title = QT_TRANSLATE_NOOP("AdminWindow", "备份与恢复")
    action = "backup.run"

    def __init__(self, ctx: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.backup_button = QPushButton(self.tr("备份…"))
        self.backup_button.setObjectName("adminBackup")
        self.backup_button.clicked.connect(self._choose_backup)
        self.restore_button = QPushButton(self.tr("恢复到新文件夹…"))
        self.restore_button.setObjectName("adminRestore")
        self.restore_button.clicked.connect(self._choose_restore)
        self.restore_button.setEnabled(ctx.can("backup.restore"))
        self.busy_bar = QProgressBar()
        self.busy_bar.setObjectName("adminBackupBusy")
        self.busy_bar.setRange(0, 0)  # busy: the copy's length is not known in advance
        self.busy_bar.setMaximumWidth(220)
        self.busy_bar.hide()
        self.result_label = QLabel()
        self.result_label.setObjectName("adminBackupResult")
        self.result_label.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.busy_bar)
        buttons.addStretch(1)
        cache_file = database_path(ctx.data_dir)
        self.suffix = cache_file.suffix  # a backup is a cache file like the workspace's own
        self.layout_.addWidget(note(self.tr(
            "备份是本地缓存（{0}）的一致副本，备份时可以照常工作。"
            "恢复只写入一个新的空文件夹，并先做完整性检查；当前工作区不会被覆盖。"
            "签名密钥（keys 文件夹）、印章（seals 文件夹）和设置文件不在本地缓存中，请一并复制保存。").format(
                cache_file.name)))
        self.layout_.addLayout(buttons)
        self.layout_.addWidget(self.result_label)
        self.layout_.addStretch(1)
        self.finish_setup()

    def _choose_backup(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        name = self.tr("CertDesk-备份-{0}{1}").format(f"{dt.datetime.now():%Y%m%d-%H%M}", self.suffix)
        path, _ = QFileDialog.getSaveFileName(self, self.tr("备份到"), str(Path(folder) / name),
                                              self._filter())
        if path:
            self.backup(Path(path))

    def _filter(self) -> str:
        return self.tr("CertDesk 备份 (*{0});;所有文件 (*)").format(self.suffix)

    def backup(self, target: Path) -> None:
        self._busy(True)
        # A read of the cache (its own connection, in steps): it does not hold up the write thread.
        self.run(lambda: self.ctx.admin.backup(target), lambda size: self._backed_up(target, size), writes=False,
                 progress=self.tr("正在备份本地缓存…"))

    def _backed_up(self, target: Path, size: int) -> None:
        self.result_label.setText(self.tr("已备份到 {0}（{1}）").format(target, _size(size)))
        self.done.emit(self.tr("备份完成"))

    def _choose_restore(self) -> None:
        source, _ = QFileDialog.getOpenFileName(self, self.tr("选择要恢复的备份"), "",
                                                self._filter())
        if not source:
            return
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择一个新的空文件夹"))
        if folder:
            self.restore(Path(source), Path(folder))

    def restore(self, source: Path, folder: Path) -> None:
        self._busy(True)
        self.run(lambda: self.ctx.admin.restore(source, folder), lambda path: self._restored(folder, path),
                 writes=False, progress=self.tr("正在检查并恢复备份…"))

    def _restored(self, folder: Path, path: Path) -> None:
        self.result_label.setText(self.tr("备份已通过完整性检查并恢复到 {0}。可用 --data-dir \"{1}\" 打开该工作区；"
                                          "当前工作区未改动。").format(path, folder))
        self.done.emit(self.tr("恢复完成"))
        QMessageBox.information(self, self.tr("恢复完成"), self.result_label.text())

    def _busy(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)

    def _idle(self) -> None:
        super()._idle()
        if not self.busy:
            self._busy(False)
