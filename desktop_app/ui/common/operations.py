"""One helper for background work (DESIGN §4.5).

    Op(parent, fn).success(on_done).failure(on_error).with_progress("导入中…").run()

`fn` runs on a worker thread and never touches a widget; it may accept a `progress` keyword
(a callable `(done, total) -> None`) and a `cancelled` keyword (a callable returning True once
the user pressed Cancel). Callbacks run on the GUI thread. Writes to the cache are serialised
by running them on one dedicated single-thread pool.

After success, what the result reports as changed (`op_changes`, services/changes.py) is published
on the one change signal (common/changes.py) before the success callback runs. A failure reaches
the failure callback as a KnownError when it is the environment's (SQLite full/read-only/locked,
disk, …: errors.as_known_error); a bug is logged with its traceback first.
"""

from __future__ import annotations

import inspect
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop_app.errors import KnownError, as_known_error
from desktop_app.services.changes import op_changes_of
from desktop_app.services.locks import on_lock_wait
from desktop_app.ui.common.changes import change_bus
from desktop_app.ui.common.errors import understand

_WRITE_POOL: QThreadPool | None = None
_RUNNING: set[Op] = set()  # keeps each Op alive until its callbacks have run


def write_pool() -> QThreadPool:
    """One thread for every write to the cache, so writes never race each other."""
    global _WRITE_POOL
    if _WRITE_POOL is None:
        _WRITE_POOL = QThreadPool()
        _WRITE_POOL.setMaxThreadCount(1)
    return _WRITE_POOL


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)
    waiting = Signal(float)  # seconds this write has waited for another writer


class _Task(QRunnable):
    """The worker's side of an Op. It lets go of the work (a closure that may hold widgets) and of the
    signal carrier before it reports: the Op, on the GUI thread, holds both until its callbacks have
    run, so the last reference to anything a window owns is never dropped on this thread (the pool
    deletes the task here, and Qt objects freed outside their thread crash the process)."""

    def __init__(self, fn: Callable[..., Any], signals: _Signals, cancel: threading.Event) -> None:
        super().__init__()
        self._handed: tuple[Callable[..., Any], _Signals] | None = (fn, signals)
        self.cancel = cancel

    def run(self) -> None:
        assert self._handed is not None, "a task runs once"
        fn, signals = self._handed
        self._handed = None
        kwargs = self._keywords(fn, signals)
        try:
            with on_lock_wait(lambda seconds: self._waiting(signals, seconds)):
                result = fn(**kwargs)
        except BaseException as exc:  # reported on the GUI thread, never lost in a worker
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            del fn, kwargs
            signals.failed.emit(exc)
        else:
            del fn, kwargs
            signals.succeeded.emit(result)

    def _keywords(self, fn: Callable[..., Any], signals: _Signals) -> dict[str, Any]:
        kwargs: dict[str, Any] = {}
        params = inspect.signature(fn).parameters
        if "progress" in params:
            kwargs["progress"] = lambda done, total: signals.progressed.emit(int(done), int(total))
        if "cancelled" in params:
            kwargs["cancelled"] = self.cancel.is_set
        return kwargs

    def _waiting(self, signals: _Signals, seconds: float) -> None:
        if self.cancel.is_set():  # the user gave up waiting: nothing was written
            raise KnownError(QCoreApplication.translate("Op", "已取消：另一个程序一直在写入本地数据库"))
        signals.waiting.emit(seconds)

class Op:
    """A unit of background work with callbacks on the GUI thread."""

    def __init__(self, parent: QObject, fn: Callable[..., Any], *, writes: bool = False) -> None:
        self.parent = parent
        self.fn = fn
        self.writes = writes
        self._on_success: Callable[[Any], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._progress_label: str | None = None
        self._describe: Callable[[int, int], str] | None = None
        self.cancel_event = threading.Event()
        self.signals = _Signals(parent)
        self.dialog: QProgressDialog | None = None
        self.finished = False  # set before the callbacks run: later progress signals are ignored

    def success(self, callback: Callable[[Any], None]) -> Op:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Op:
        self._on_failure = callback
        return self

    def with_progress(self, label: str, describe: Callable[[int, int], str] | None = None) -> Op:
        """A progress dialog with 取消; `describe(done, total)` rewrites its text at each step (rate, time left)."""
        self._progress_label = label
        self._describe = describe
        return self

    def run(self) -> Op:
        self.signals.succeeded.connect(self._succeeded, Qt.ConnectionType.QueuedConnection)
        self.signals.waiting.connect(self._waited, Qt.ConnectionType.QueuedConnection)
        self.signals.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        if self._progress_label is not None:
            self._show_progress(self._progress_label)
        _RUNNING.add(self)
        pool = write_pool() if self.writes else QThreadPool.globalInstance()
        pool.start(_Task(self.fn, self.signals, self.cancel_event))
        return self

    def _show_progress(self, label: str) -> None:
        parent = self.parent if isinstance(self.parent, QWidget) else None
        dialog = QProgressDialog(label, QCoreApplication.translate("Op", "取消"), 0, 0, parent)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.canceled.connect(self.cancel_event.set)
        self.signals.progressed.connect(self._progressed, Qt.ConnectionType.QueuedConnection)
        self.dialog = dialog

    def _waited(self, seconds: float) -> None:
        """Another writer holds the cache: say so (a progress dialog appears if there was none)."""
        if self.finished:
            return  # a late signal: the work is over
        if self.dialog is None:
            self._show_progress("")
            assert self.dialog is not None
            self.dialog.setMinimumDuration(0)
        self.dialog.setLabelText(QCoreApplication.translate(
            "Op", "正在等待另一个程序完成写入（已等待 {0} 秒）…").format(int(seconds)))

    def _progressed(self, done: int, total: int) -> None:
        if self.finished or self.dialog is None:
            return  # a late signal after the dialog closed (it may already be deleted)
        if self._describe is not None:
            self.dialog.setLabelText(self._describe(done, total))
        elif self._progress_label is not None and self.dialog.labelText() != self._progress_label:
            self.dialog.setLabelText(self._progress_label)  # the wait for another writer is over
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total) if total else 0)

    def _close_progress(self) -> None:
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.deleteLater()
            self.dialog = None

    def _finish(self) -> None:
        self.finished = True
        _RUNNING.discard(self)
        self._close_progress()
        self.signals.deleteLater()  # the signal carrier is parented to the caller: free it now

    def _succeeded(self, result: Any) -> None:
        self._finish()
        change_bus().publish(op_changes_of(result))
        if self._on_success is not None:
            self._on_success(result)

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        known = as_known_error(exc)
        if known is not None and known is not exc:
            known.__cause__ = exc
            exc = known
        elif known is None:
            understand(exc)  # a bug: logged with its traceback now, whoever shows it
        if self._on_failure is not None:
            self._on_failure(exc)
        elif not isinstance(exc, KnownError):
            raise exc
