"""How long nobody has touched the program: an event filter on the application restarts a timer on every
key press, click, wheel turn or mouse move; when it runs out, `idle` is emitted (the idle lock)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

from desktop_app.services.context import WorkspaceContext

INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove, QEvent.Type.Wheel, QEvent.Type.TouchBegin,
    QEvent.Type.TabletPress, QEvent.Type.InputMethod,
})


def idle_minutes(ctx: WorkspaceContext) -> int:
    """The workstation's setting, else the rules' default (roles.toml [accounts] idle_lock_minutes)."""
    return ctx.settings.idle_lock_minutes if ctx.settings.idle_lock_minutes > 0 else ctx.roles.policy.idle_lock_minutes


class IdleWatch(QObject):
    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._timed_out)
        self._interval_ms: int | None = None  # set by tests: milliseconds instead of the minutes
        self.minutes = 0
        self.watching = False

    @property
    def interval_ms(self) -> int:
        return self._interval_ms if self._interval_ms is not None else self.minutes * 60_000

    @interval_ms.setter
    def interval_ms(self, value: int | None) -> None:
        self._interval_ms = value
        if self.watching:
            self.timer.start(self.interval_ms)

    def start(self, minutes: int) -> None:
        """Watch from now on: `minutes` without input emit `idle` (once; `start` again after unlocking)."""
        self.minutes = minutes
        if not self.watching:
            app = QCoreApplication.instance()
            if app is not None:
                app.installEventFilter(self)
        self.watching = True
        self.timer.start(self.interval_ms)

    def stop(self) -> None:
        if self.watching:
            app = QCoreApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
        self.watching = False
        self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS:
            self.timer.start()  # (the same interval again)
        return False

    def _timed_out(self) -> None:
        self.stop()
        self.idle.emit()
