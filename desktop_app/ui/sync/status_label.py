"""The status bar's sync indicator: online or not, the last sync and what came and went, what waits."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.services.api.sync import SyncOverview
from desktop_app.ui.common.badges import BAD, WARN


class SyncStatusLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatus")
        self.online: bool | None = None  # unknown until a sync was tried in this session
        self.overview: SyncOverview | None = None
        self.setText(self.tr("同步：…"))

    def show_overview(self, overview: SyncOverview) -> None:
        self.overview = overview
        self._render()

    def set_online(self, online: bool) -> None:
        self.online = online
        self._render()

    def _render(self) -> None:
        overview = self.overview
        if overview is None:
            return
        if not overview.configured:
            self.setText(self.tr("同步：未设置省级服务器"))
            self.setStyleSheet("color: #777;")
            return
        parts = [self.tr("在线") if self.online else self.tr("离线") if self.online is False else self.tr("同步")]
        last = overview.last_sync
        if last:
            at = dt.datetime.fromisoformat(str(last["at"]))
            parts.append(self.tr("上次 {0}（下载 {1}，上传 {2}）").format(
                at.strftime("%m-%d %H:%M"), last.get("pulled", 0), last.get("pushed", 0)))
        else:
            parts.append(self.tr("尚未同步"))
        parts.append(self.tr("待同步 {0}").format(overview.pending))
        if overview.attention:
            parts.append(self.tr("需处理 {0}").format(overview.attention))
        self.setText(" · ".join(parts))
        colour = BAD.foreground if overview.attention else WARN.foreground if self.online is False else ""
        self.setStyleSheet(f"color: {colour};" if colour else "")
        self.setToolTip(overview.server)
