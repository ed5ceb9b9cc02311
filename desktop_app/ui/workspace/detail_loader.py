"""Reading one person's detail, photo and history off the GUI thread for the detail pane.

At most one request is wanted at a time: a newer one cancels an older one still waiting in the
pool, and an answer to an older one is dropped (`forget` drops the one in flight too).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QImage

from desktop_app.errors import KnownError
from desktop_app.services.history import HistoryEntry
from desktop_app.services.search_types import PersonDetail
from desktop_app.ui.common.errors import inline_text
from desktop_app.ui.common.operations import Op
from desktop_app.ui.workspace.detail_pane import PHOTO_SIZE

DetailResult = tuple[PersonDetail | None, QImage | None, list[HistoryEntry] | None]


class DetailLoader(QObject):
    """`load(person_id)` → `arrived(detail or None, photo, history)` or `failed(message)`."""

    arrived = Signal(object, object, object)  # PersonDetail | None, QImage | None, list[HistoryEntry] | None
    failed = Signal(str)

    def __init__(self, person_detail: Callable[..., PersonDetail | None],
                 history: Callable[[int], list[HistoryEntry]] | None, parent: QObject | None = None, *,
                 today: dt.date | None = None) -> None:
        """`person_detail(person_id, today=)` is the search service's; `history(person_id)` edits.history."""
        super().__init__(parent)
        self.person_detail = person_detail
        self.history_source = history
        self.today = today
        self.person: int | None = None  # the person asked for last
        self._generation = 0
        self._op: Op | None = None
        self._ops: dict[int, Op] = {}  # requests not yet answered, by generation

    def load(self, person_id: int, ratio: float, *, force: bool = False) -> None:
        """Read this person (at this device pixel ratio for the photo); again only when `force`."""
        if person_id == self.person and not force:
            return
        self.person = person_id
        self._generation += 1
        generation = self._generation
        person_detail, history_source, today = self.person_detail, self.history_source, self.today
        size = QSize(round(PHOTO_SIZE.width() * ratio), round(PHOTO_SIZE.height() * ratio))

        def work(cancelled: Callable[[], bool]) -> DetailResult | None:
            if cancelled():
                return None
            detail = person_detail(person_id, today=today)
            history: list[HistoryEntry] | None = []
            if detail is not None and history_source is not None:
                try:
                    history = history_source(person_id)
                except KnownError:
                    history = None  # the detail still shows; the section says the history is unreadable
            image = None
            if detail is not None and detail.photo:
                image = QImage.fromData(detail.photo)  # QImage (not QPixmap) is safe off the GUI thread
                if not image.isNull():
                    image = image.scaled(size, Qt.AspectRatioMode.KeepAspectRatio,
                                         Qt.TransformationMode.SmoothTransformation)
                    image.setDevicePixelRatio(ratio)
            return detail, image, history

        if self._op is not None:
            self._op.cancel_event.set()
        op = Op(self, work)
        op.success(lambda result: self._arrived(generation, result))
        op.failure(lambda exc: self._failed(generation, exc))
        self._op = op
        self._ops[generation] = op
        op.run()

    def forget(self) -> None:
        """Nobody is shown: an answer still on its way is dropped."""
        self._generation += 1
        self.person = None

    def shutdown(self) -> None:
        self._generation += 1
        if self._op is not None:
            self._op.cancel_event.set()

    def _done(self, generation: int) -> bool:
        """Forget the request (and its signal carrier); True when it is the latest one."""
        self._ops.pop(generation, None)  # Op frees its own signal carrier once answered
        if generation != self._generation:
            return False
        self._op = None
        return True

    def _arrived(self, generation: int, result: DetailResult | None) -> None:
        if self._done(generation) and result is not None:
            self.arrived.emit(*result)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if self._done(generation):
            self.failed.emit(inline_text(exc))
