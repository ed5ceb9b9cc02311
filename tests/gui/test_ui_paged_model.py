"""The one lazy paged table model (ui/common/paged_model.py), tested without a view on a fake source.

Lazy first page off the GUI thread, page boundaries, later pages read from where the last ended (no
row read twice), a newer load discarding an older answer, refreshing a few keys repainting only
their rows, sorting the loaded rows, failures reported, and the worklist's read-once pages.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt, QThreadPool

from desktop_app.errors import KnownError
from desktop_app.ui.common.paged_model import ColumnDef, KeyRole, Page, PagedTableModel, RowRole, SortKeyRole
from desktop_app.ui.worklist.model import ReadOnce

WAIT = 10000


@dataclass(frozen=True)
class Row:
    key: int
    name: str
    score: int


class Source:
    """`total` rows; records every (offset, limit) asked and the thread it ran on."""

    def __init__(self, total: int, *, prefix: str = "r", hold: threading.Event | None = None) -> None:
        self.rows = [Row(i, f"{prefix}{i:03d}", (i * 7) % 10) for i in range(total)]
        self.calls: list[tuple[int, int]] = []
        self.threads: list[threading.Thread] = []
        self.hold = hold

    def __call__(self, offset: int, limit: int) -> Page[Row]:
        self.calls.append((offset, limit))
        self.threads.append(threading.current_thread())
        if self.hold is not None:
            self.hold.wait(WAIT / 1000)
        rows = self.rows[offset:offset + limit]
        return Page(rows, offset + limit < len(self.rows), note=f"{len(self.rows)} in all")


def make_model(page_size: int = 10) -> PagedTableModel[int, Row]:
    columns = [ColumnDef("名称", lambda r: r.name),
               ColumnDef("分数", lambda r: str(r.score), sort_key=lambda r: r.score, header_tooltip="越高越好")]
    return PagedTableModel(lambda r: r.key, columns=columns, page_size=page_size,
                           roles={KeyRole + 100: lambda r: r.score * 2})


def keys(model: PagedTableModel[int, Row]) -> list[int]:
    return [model.data(model.index(row, 0), KeyRole) for row in range(model.rowCount())]


def load(qtbot: Any, model: PagedTableModel[int, Row], source: Source) -> None:
    with qtbot.waitSignal(model.pageLoaded, timeout=WAIT):
        model.load(source)


def fetch_more(qtbot: Any, model: PagedTableModel[int, Row]) -> None:
    assert model.canFetchMore(QModelIndex())
    with qtbot.waitSignal(model.pageLoaded, timeout=WAIT):
        model.fetchMore(QModelIndex())


@pytest.fixture(autouse=True)
def _drain() -> Iterator[None]:
    yield
    QThreadPool.globalInstance().waitForDone(WAIT)


def test_nothing_is_read_until_loaded_then_only_the_first_page(qtbot: Any) -> None:
    model = make_model()
    source = Source(35)
    assert model.rowCount() == 0 and not model.canFetchMore(QModelIndex()) and not source.calls
    load(qtbot, model, source)
    assert source.calls == [(0, 10)]
    assert all(t is not threading.main_thread() for t in source.threads)  # read off the GUI thread
    assert model.rowCount() == 10 and model.has_more and model.current and not model.busy
    assert model.note == "35 in all"
    index = model.index(3, 0)
    assert model.data(index) == "r003" and model.data(index, KeyRole) == 3
    assert model.data(index, RowRole) == source.rows[3]
    assert model.data(model.index(3, 1), SortKeyRole) == source.rows[3].score
    assert model.data(index, KeyRole + 100) == source.rows[3].score * 2  # an owner's custom role
    assert model.data(index, Qt.ItemDataRole.ToolTipRole) == "r003"  # default tooltip: the text
    assert model.headerData(0, Qt.Orientation.Horizontal) == "名称"
    assert model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == "越高越好"
    assert model.data(model.index(10, 0)) is None and model.row_at(10) is None


def test_pages_end_at_their_boundaries_and_never_read_a_row_twice(qtbot: Any) -> None:
    model = make_model()
    source = Source(25)
    load(qtbot, model, source)
    fetch_more(qtbot, model)
    assert model.rowCount() == 20 and model.has_more
    fetch_more(qtbot, model)
    assert model.rowCount() == 25 and not model.has_more
    assert not model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())  # nothing more to read: the source is not asked again
    QThreadPool.globalInstance().waitForDone(WAIT)
    assert source.calls == [(0, 10), (10, 10), (20, 10)]  # each page from where the last one ended
    assert keys(model) == list(range(25))


def test_one_page_at_a_time(qtbot: Any) -> None:
    model = make_model()
    source = Source(40)
    load(qtbot, model, source)
    with qtbot.waitSignal(model.rowsInserted, timeout=WAIT):
        model.fetchMore(QModelIndex())
        assert model.busy and not model.canFetchMore(QModelIndex())
        model.fetchMore(QModelIndex())  # ignored while a page is on its way
    QThreadPool.globalInstance().waitForDone(WAIT)
    assert source.calls == [(0, 10), (10, 10)] and model.rowCount() == 20


def test_a_newer_load_discards_an_older_answer(qtbot: Any) -> None:
    model = make_model()
    held = threading.Event()
    old, new = Source(30, prefix="old", hold=held), Source(3, prefix="new")
    first = model.load(old)
    qtbot.waitUntil(lambda: bool(old.calls), timeout=WAIT)  # the old read runs and is held there
    with qtbot.waitSignal(model.pageLoaded, timeout=WAIT) as blocker:
        second = model.load(new)
    assert second > first and blocker.args == [second, 3]
    held.set()
    QThreadPool.globalInstance().waitForDone(WAIT)
    qtbot.wait(50)
    assert [model.data(model.index(r, 0)) for r in range(model.rowCount())] == ["new000", "new001", "new002"]
    assert model.current and not model.has_more


def test_refreshing_changed_keys_repaints_only_their_rows(qtbot: Any) -> None:
    model = make_model()
    source = Source(30)
    load(qtbot, model, source)
    fetch_more(qtbot, model)
    calls_before = list(source.calls)
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda top, bottom, _roles=(): changed.append((top.row(), bottom.row())))
    asked: list[Mapping[int, Row]] = []

    def reread(current: Mapping[int, Row]) -> dict[int, Row]:
        asked.append(dict(current))
        return {key: replace(row, name=row.name + "*") for key, row in current.items()}

    with qtbot.waitSignal(model.rowsRefreshed, timeout=WAIT) as blocker:
        assert model.refresh_keys({4, 15, 999}, reread)  # 999 is not loaded: not read
    assert set(asked[0]) == {4, 15}
    assert blocker.args == [[4, 15]]
    assert sorted(changed) == [(4, 4), (15, 15)]  # dataChanged for those rows only
    assert model.data(model.index(4, 0)) == "r004*" and model.data(model.index(15, 0)) == "r015*"
    assert model.data(model.index(5, 0)) == "r005"
    assert source.calls == calls_before  # the list itself is not read again
    assert not model.refresh_keys({999}, reread)  # none loaded: nothing to read


def test_a_refresh_answered_after_a_new_load_is_dropped(qtbot: Any) -> None:
    model = make_model()
    load(qtbot, model, Source(5))
    gate = threading.Event()

    def slow(current: Mapping[int, Row]) -> dict[int, Row]:
        gate.wait(WAIT / 1000)
        return {key: replace(row, name="stale") for key, row in current.items()}

    model.refresh_keys({1}, slow)
    load(qtbot, model, Source(5, prefix="fresh"))
    gate.set()
    QThreadPool.globalInstance().waitForDone(WAIT)
    qtbot.wait(50)
    assert model.data(model.index(1, 0)) == "fresh001"


def test_update_rows_ignores_keys_not_loaded(qtbot: Any) -> None:
    model = make_model()
    load(qtbot, model, Source(3))
    assert model.update_rows({2: Row(2, "two", 0), 7: Row(7, "seven", 0)}) == [2]
    assert model.row_for(2) == Row(2, "two", 0) and model.row_of(7) == -1


def test_sorting_orders_loaded_rows_and_later_pages_join(qtbot: Any) -> None:
    model = make_model()
    source = Source(30)
    load(qtbot, model, source)
    model.sort(1, Qt.SortOrder.DescendingOrder)
    scores = [model.row_at(r).score for r in range(model.rowCount())]  # type: ignore[union-attr]
    assert scores == sorted(scores, reverse=True)
    tied = [k for k in keys(model) if source.rows[k].score == scores[0]]
    assert tied == sorted(tied)  # ties keep the source's order
    fetch_more(qtbot, model)
    scores = [model.row_at(r).score for r in range(model.rowCount())]  # type: ignore[union-attr]
    assert scores == sorted(scores, reverse=True) and model.rowCount() == 20
    model.sort(-1)
    assert keys(model) == list(range(20))
    assert source.calls == [(0, 10), (10, 10)]  # sorting never reads


def test_a_key_on_two_pages_shows_once(qtbot: Any) -> None:
    model = make_model(page_size=3)
    rows = [Row(k, f"r{k}", 0) for k in (1, 2, 3, 3, 4, 5)]

    def source(offset: int, limit: int) -> Page[Row]:
        return Page(rows[offset:offset + limit], offset + limit < len(rows))

    with qtbot.waitSignal(model.pageLoaded, timeout=WAIT):
        model.load(source)
    with qtbot.waitSignal(model.pageLoaded, timeout=WAIT) as blocker:
        model.fetchMore(QModelIndex())
    assert blocker.args[1] == 2 and keys(model) == [1, 2, 3, 4, 5]
    assert not model.has_more


def test_a_failure_is_reported_not_raised(qtbot: Any) -> None:
    model = make_model()

    def broken(offset: int, limit: int) -> Page[Row]:
        raise OSError("disk I/O error")

    with qtbot.waitSignal(model.loadFailed, timeout=WAIT) as blocker:
        model.load(broken)
    assert "disk I/O error" in blocker.args[1] and model.rowCount() == 0 and not model.busy

    def known(offset: int, limit: int) -> Page[Row]:
        raise KnownError("缓存已损坏")

    with qtbot.waitSignal(model.loadFailed, timeout=WAIT) as blocker:
        model.load(known)
    assert blocker.args[1] == "缓存已损坏"


def test_clear_drops_rows_and_what_is_in_flight(qtbot: Any) -> None:
    model = make_model()
    held = threading.Event()
    source = Source(20, hold=held)
    model.load(source)
    model.clear()
    assert model.rowCount() == 0 and not model.busy and model.current
    held.set()
    QThreadPool.globalInstance().waitForDone(WAIT)
    qtbot.wait(50)
    assert model.rowCount() == 0


def test_model_passes_qt_model_tester(qtbot: Any, qtmodeltester: Any) -> None:
    model = make_model(page_size=7)
    load(qtbot, model, Source(20))
    qtmodeltester.check(model)
    qtbot.waitUntil(lambda: not model.busy, timeout=WAIT)  # a fetchMore the tester may have started


def test_read_once_reads_the_whole_list_once_per_question() -> None:
    reads: list[dict[str, Any]] = []

    def read(**question: Any) -> list[Any]:
        reads.append(question)
        return list(range(10))

    pages = ReadOnce(read)
    assert pages(offset=0, limit=4, unit="A") == [0, 1, 2, 3]
    assert pages(offset=4, limit=4, unit="A") == [4, 5, 6, 7]
    assert pages(offset=8, limit=4, unit="A") == [8, 9]
    assert reads == [{"unit": "A"}]  # later pages are sliced from the one read
    pages(offset=4, limit=4, unit="B")  # another question: read again
    pages(offset=0, limit=4, unit="B")  # a reload (offset 0): read again
    assert reads == [{"unit": "A"}, {"unit": "B"}, {"unit": "B"}]
