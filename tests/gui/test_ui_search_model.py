"""The results table model, tested without a view on a real cache and the real search service.

Also home of the cache builder the workspace GUI tests share: synthetic persons from the demo
generator plus a few handcrafted ones whose every detail the tests know.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt, QThreadPool

from desktop_app import demo
from desktop_app.domain.identity import resident_id_check_digit, uscc_check_digit
from desktop_app.services import interchange as records
from desktop_app.services.search import SearchService
from desktop_app.services.search_types import PersonHit, SearchFilters, SearchPage
from desktop_app.store.engine import open_cache
from desktop_app.ui.workspace.results_model import (
    Column,
    HitRole,
    MatchRole,
    PersonIdRole,
    SearchResultsModel,
    SortKeyRole,
    StatusRole,
)

DEMO_PERSONS = 400
DEMO_SEED = 11
TODAY = dt.date(2026, 11, 1)  # demo.REFERENCE_DATE: the demo's expiring/expired spread is around it


def resident_id(first17: str) -> str:
    return first17 + resident_id_check_digit(first17)


def uscc(first17: str) -> str:
    return first17 + uscc_check_digit(first17)


# Handcrafted persons (serials 99xxxxx stay clear of the demo generator's numbers).
WANG_ID = resident_id("37010219800101003")  # 男 (17th digit odd), 济南 历下区
LI_ID = resident_id("37020219850315002")  # 女, 青岛 市南区
A_NUMBER = "鲁建安A（2019）9901234"
SPECIAL_OLD = "鲁A4T2019990123"  # 建筑起重机械司机（塔式起重机）, old code 4T
SPECIAL_NEW = "鲁A052019990123"  # the same certificate, new code 05
C3_NUMBER = "鲁建安C3（2024）9900456"


def handcrafted_records() -> list[dict[str, Any]]:
    photo = base64.b64encode(demo.portrait_png((230, 236, 245), (90, 110, 140))).decode("ascii")
    wang = {
        "id_number": WANG_ID, "name": "王建国", "gender": "男", "birth_date": "1980-01-01",
        "phone": "13905310001", "education": "本科", "major": "土木工程",
        "employer": {"name": "济南泉城建设集团有限公司", "uscc": uscc("91370100MA3C00001")},
        "position": None, "title": None, "photo": photo,
        "certificates": [
            {"number": A_NUMBER, "category": "A", "work_type": None, "first_issued": "2019-05-10",
             "issued": "2025-05-10", "valid_until": "2028-05-09", "issuer_unit": "济南市住房和城乡建设局",
             "state": "valid", "format": "old"},
            {"number": SPECIAL_OLD, "category": "SPECIAL", "work_type": "4T", "first_issued": "2019-03-01",
             "issued": "2025-01-16", "valid_until": "2027-01-15", "issuer_unit": "济南市住房和城乡建设局",
             "state": "valid", "format": "old"},
        ],
    }
    li = {
        "id_number": LI_ID, "name": "李秀英", "gender": "女", "birth_date": "1985-03-15",
        "phone": "13805320002", "education": "大专", "major": "工程管理",
        "employer": {"name": "青岛海湾建筑工程有限公司", "uscc": uscc("91370200MA3C00002")},
        "position": "安全员", "title": "工程师", "photo": None,
        "certificates": [
            {"number": C3_NUMBER, "category": "C3", "work_type": None, "first_issued": "2024-04-01",
             "issued": "2024-04-01", "valid_until": "2027-03-31", "issuer_unit": "青岛市住房和城乡建设局",
             "state": "valid", "format": "new"},
        ],
    }
    return [wang, li]


def build_cache(data_dir: Path, persons: int = DEMO_PERSONS, seed: int = DEMO_SEED) -> Path:
    """A workspace folder with a real cache: demo persons plus the handcrafted ones."""
    data_dir.mkdir(parents=True, exist_ok=True)
    source = data_dir.parent / f"{data_dir.name}-records.jsonl"
    demo.write_jsonl(source, persons, seed=seed, photo_fraction=0.2)
    with source.open("a", encoding="utf-8") as handle:
        for record in handcrafted_records():
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    workspace = open_cache(data_dir)
    try:
        report = records.import_jsonl(workspace, source)
    finally:
        workspace.close()
    assert not report.rejected, report.rejected[:3]
    source.unlink()
    return data_dir


_TEMPLATE: list[Path] = []


def template_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The filled workspace, built once per test session and copied for each test."""
    if not _TEMPLATE:
        _TEMPLATE.append(build_cache(tmp_path_factory.mktemp("template") / "workspace"))
    return _TEMPLATE[0]


def copy_of_template(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Path:
    target = tmp_path / "workspace"
    shutil.copytree(template_cache(tmp_path_factory), target)
    return target


@pytest.fixture
def cache_dir(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Path:
    """A fresh copy of the filled workspace for one test."""
    return copy_of_template(tmp_path_factory, tmp_path)


@pytest.fixture
def service(cache_dir: Path) -> Iterator[SearchService]:
    workspace = open_cache(cache_dir)
    try:
        yield SearchService(workspace)
    finally:
        QThreadPool.globalInstance().waitForDone(5000)
        workspace.close()


def loaded(model: SearchResultsModel) -> bool:
    return model.current and not model.busy


def ids(model: SearchResultsModel) -> list[int]:
    return [model.data(model.index(row, 0), PersonIdRole) for row in range(model.rowCount())]


class RecordingService:
    """The real service, recording the thread of each call and able to hold one query back."""

    def __init__(self, real: SearchService, hold: str | None = None) -> None:
        self.real = real
        self.hold = hold
        self.release = threading.Event()
        self.started = threading.Event()
        self.calls: list[tuple[str, int, threading.Thread]] = []

    def search(self, query: str, filters: SearchFilters = SearchFilters(), offset: int = 0,  # noqa: B008
               limit: int = 50, today: dt.date | None = None) -> SearchPage:
        self.calls.append((query, offset, threading.current_thread()))
        if query == self.hold:
            self.started.set()
            self.release.wait(10)
        return self.real.search(query, filters, offset=offset, limit=limit, today=today)


# --- tests ------------------------------------------------------------------------------------


def test_columns_and_headers_in_chinese(qtbot: Any, service: SearchService) -> None:
    model = SearchResultsModel(service, today=TODAY)
    assert model.columnCount() == len(Column)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in Column]
    assert headers[:8] == ["姓名", "性别", "身份证号", "工作单位", "证书", "状态", "新版证书", "有效期至"]
    assert model.rowCount() == 0
    assert not model.canFetchMore(QModelIndex())


def test_first_page_arrives_off_the_gui_thread(qtbot: Any, service: SearchService) -> None:
    spy = RecordingService(service)
    model = SearchResultsModel(spy, today=TODAY)
    with qtbot.waitSignal(model.pageLoaded, timeout=10000):
        model.set_query(WANG_ID)
    assert spy.calls and all(thread is not threading.main_thread() for _q, _o, thread in spy.calls)
    assert model.rowCount() == 1
    index = model.index(0, Column.NAME)
    hit = model.data(index, HitRole)
    assert isinstance(hit, PersonHit)
    assert model.data(index, Qt.ItemDataRole.DisplayRole) == "王建国"
    assert model.data(model.index(0, Column.ID_NUMBER)) == WANG_ID
    assert model.data(index, PersonIdRole) == hit.person_id
    assert model.data(index, MatchRole) == 0  # exact ID number ranks first
    assert model.data(index, StatusRole) == "expiring"  # the worst of the two: 75 days left on TODAY
    assert model.data(model.index(0, Column.STATUS)) == "即将到期、有效"
    assert "等 2 本" in model.data(model.index(0, Column.CERTIFICATES))
    assert model.data(model.index(0, Column.NEW_CERT)).endswith("（受阻）")  # A 证缺少职务、技术职称
    assert model.data(model.index(0, Column.NEW_CERT)) == "已生成 0/2（受阻）"
    assert model.data(model.index(0, Column.NEW_CERT), Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index(0, Column.VALID_UNTIL)) == "2027-01-15"
    assert model.interpretation


def test_a_new_format_certificate_counts_as_generated(qtbot: Any, service: SearchService) -> None:
    model = SearchResultsModel(service, today=TODAY)
    with qtbot.waitSignal(model.pageLoaded, timeout=10000):
        model.set_query(LI_ID)  # one certificate, issued in the new format
    assert model.data(model.index(0, Column.NEW_CERT)) == "已生成"


def test_model_passes_qt_model_tester(qtbot: Any, qtmodeltester: Any, service: SearchService) -> None:
    model = SearchResultsModel(service, today=TODAY, page_size=20)
    with qtbot.waitSignal(model.pageLoaded, timeout=10000):
        model.set_query("王")
    assert model.rowCount() > 0
    qtmodeltester.check(model)  # Qt's QAbstractItemModelTester
    qtbot.waitUntil(lambda: not model.busy, timeout=10000)  # a fetchMore the tester may have started


def test_pages_load_lazily(qtbot: Any, service: SearchService) -> None:
    spy = RecordingService(service)
    model = SearchResultsModel(spy, today=TODAY, page_size=10)
    with qtbot.waitSignal(model.pageLoaded, timeout=10000):
        model.set_query("", SearchFilters(format="old"))
    assert model.rowCount() == 10
    assert model.has_more and model.canFetchMore(QModelIndex())
    with qtbot.waitSignal(model.rowsInserted, timeout=10000):
        model.fetchMore(QModelIndex())
        assert not model.canFetchMore(QModelIndex())  # one page at a time
    assert model.rowCount() == 20
    assert [offset for _q, offset, _t in spy.calls] == [0, 10]
    assert len(set(ids(model))) == 20  # no person twice across pages
    expected = [h.person_id for h in service.search("", SearchFilters(format="old"), limit=20, today=TODAY).hits]
    assert ids(model) == expected


def test_newer_query_discards_an_older_one_in_flight(qtbot: Any, service: SearchService) -> None:
    spy = RecordingService(service, hold="王")
    model = SearchResultsModel(spy, today=TODAY)
    first = model.set_query("王")
    assert spy.started.wait(10)  # the first query is running on a worker and held there
    second = model.set_query(LI_ID)
    assert second > first
    qtbot.waitUntil(lambda: model.rowCount() == 1 and model.current, timeout=10000)
    assert model.data(model.index(0, Column.NAME)) == "李秀英"
    spy.release.set()  # now the older answer arrives …
    QThreadPool.globalInstance().waitForDone(10000)
    qtbot.wait(50)
    assert model.query == LI_ID  # … and is thrown away
    assert model.rowCount() == 1
    assert model.data(model.index(0, Column.NAME)) == "李秀英"


def test_rows_of_the_previous_query_stay_until_the_new_page(qtbot: Any, service: SearchService) -> None:
    spy = RecordingService(service, hold="李秀英")
    model = SearchResultsModel(spy, today=TODAY)
    with qtbot.waitSignal(model.pageLoaded, timeout=10000):
        model.set_query(WANG_ID)
    model.set_query("李秀英")
    assert spy.started.wait(10)
    assert model.rowCount() == 1 and not model.current  # no flicker to an empty table while typing
    assert not model.canFetchMore(QModelIndex())
    spy.release.set()
    qtbot.waitUntil(lambda: loaded(model), timeout=10000)
    assert "李秀英" in [model.data(model.index(r, 0)) for r in range(model.rowCount())]


def test_sort_loaded_rows_and_back_to_ranking(qtbot: Any, service: SearchService) -> None:
    model = SearchResultsModel(service, today=TODAY, page_size=30)
    with qtbot.waitSignal(model.pageLoaded, timeout=10000):
        model.set_query("", SearchFilters(format="new"))
    ranking = ids(model)
    model.sort(Column.NAME, Qt.SortOrder.AscendingOrder)
    keys = [model.data(model.index(r, Column.NAME), SortKeyRole) for r in range(model.rowCount())]
    assert keys == sorted(keys)
    assert sorted(ids(model)) == sorted(ranking)
    model.sort(Column.VALID_UNTIL, Qt.SortOrder.DescendingOrder)
    dates = [model.data(model.index(r, Column.VALID_UNTIL)) for r in range(model.rowCount())]
    assert dates == sorted(dates, reverse=True)
    if model.canFetchMore(QModelIndex()):  # a later page joins the chosen order
        with qtbot.waitSignal(model.pageLoaded, timeout=10000):
            model.fetchMore(QModelIndex())
        dates = [model.data(model.index(r, Column.VALID_UNTIL)) for r in range(model.rowCount())]
        assert dates == sorted(dates, reverse=True)
    model.sort(-1)
    assert ids(model)[: len(ranking)] == ranking


def test_clear_drops_rows_and_answers_in_flight(qtbot: Any, service: SearchService) -> None:
    spy = RecordingService(service, hold="王")
    model = SearchResultsModel(spy, today=TODAY)
    model.set_query("王")
    assert spy.started.wait(10)
    model.clear()
    assert model.rowCount() == 0 and not model.busy
    spy.release.set()
    QThreadPool.globalInstance().waitForDone(10000)
    qtbot.wait(50)
    assert model.rowCount() == 0 and model.query == ""


def test_a_failure_is_reported_not_raised(qtbot: Any, service: SearchService) -> None:
    class Broken(RecordingService):
        def search(self, query: str, filters: SearchFilters = SearchFilters(), offset: int = 0,  # noqa: B008
                   limit: int = 50, today: dt.date | None = None) -> SearchPage:
            raise OSError("disk I/O error")

    model = SearchResultsModel(Broken(service), today=TODAY)
    with qtbot.waitSignal(model.searchFailed, timeout=10000) as blocker:
        model.set_query("王")
    assert "disk I/O error" in blocker.args[1]
    assert not model.busy and model.rowCount() == 0
