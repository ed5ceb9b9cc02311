"""Progress snapshots and the trend: one per day (idempotent), replaced by a later one, summed per
unit and kind; the pace; the demo's month of history."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app import demo
from desktop_app.services.context import Actor, WorkspaceContext
from desktop_app.services.progress.figures import TrendPoint
from desktop_app.services.progress.trend import pace

TODAY = dt.date(2026, 12, 2)
JINAN = "济南市住房和城乡建设局"


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[WorkspaceContext]:
    source = tmp_path / "demo.jsonl"
    demo.write_jsonl(source, 600, seed=5, photo_fraction=0.2, today=TODAY)
    context = WorkspaceContext.open(tmp_path / "ws", actor=Actor("测试员"), today=TODAY)
    context.workspace.import_jsonl(source)
    yield context
    context.close()


def _rows(ctx: WorkspaceContext, day: dt.date) -> list[tuple[object, ...]]:
    with sqlite3.connect(ctx.cache.path) as conn:
        return conn.execute("SELECT unit, kind, total, pending, unsynced FROM progress_snapshots WHERE day = ? "
                            "ORDER BY unit, kind", (day.isoformat(),)).fetchall()


def test_a_snapshot_a_day_replaced_by_the_later_one(ctx: WorkspaceContext) -> None:
    assert ctx.progress.ensure_daily_snapshot() is True
    first = _rows(ctx, TODAY)
    table = ctx.progress.table()
    assert len(first) == len(table.rows)
    assert ctx.progress.ensure_daily_snapshot() is False  # the day has one: a second start leaves it
    ctx.progress.take_snapshot()
    assert _rows(ctx, TODAY) == first  # taking it again changes nothing
    person_id = ctx.edits.person_id_for(_any_holder(ctx))
    assert person_id is not None
    ctx.edits.save_person(person_id, ctx.edits.load_form(person_id).version, {"phone": "13900000001"}, "测试")
    ctx.progress.take_snapshot()  # as after a sync: the day's figures replaced
    after = _rows(ctx, TODAY)
    assert len(after) == len(first) and sum(r[4] for r in after) > sum(r[4] for r in first)  # type: ignore[misc]


def _any_holder(ctx: WorkspaceContext) -> str:
    with sqlite3.connect(ctx.cache.path) as conn:
        return conn.execute("SELECT id_number FROM persons ORDER BY id LIMIT 1").fetchone()[0]


def test_trend_sums_the_chosen_unit_and_kind(ctx: WorkspaceContext) -> None:
    days = [TODAY - dt.timedelta(days=n) for n in (40, 20, 10, 0)]
    tables = {day: ctx.progress.take_snapshot(day) for day in days}
    points = ctx.progress.trend(30)
    assert [p.day for p in points] == days[1:]  # 40 days back is outside the 30-day window
    assert [p.in_force for p in points] == [tables[d].overall.in_force for d in days[1:]]
    assert len(ctx.progress.trend(90)) == 4
    jinan_a = ctx.progress.trend(90, JINAN, "A")
    assert [p.pending for p in jinan_a] == [tables[d].cell(JINAN, "A").pending for d in days]
    assert [p.new_format for p in ctx.progress.trend(90, kind="B")] == [tables[d].cell(None, "B").new_format
                                                                        for d in days]
    assert ctx.progress.trend(30, until=TODAY - dt.timedelta(days=100)) == ()


def test_pace() -> None:
    points = (TrendPoint(TODAY - dt.timedelta(days=10), 1000, 400, 600, 50), TrendPoint(TODAY, 1000, 500, 500, 40))
    p = pace(TODAY, 500, points, TODAY + dt.timedelta(days=50))
    assert p.days_left == 50 and p.needed_per_day == 10.0 and p.recent_per_day == 10.0
    assert p.projected_finish == TODAY + dt.timedelta(days=50)
    late = pace(TODAY, 500, points, TODAY - dt.timedelta(days=1))
    assert late.days_left == -1 and late.needed_per_day == 500.0  # past the target: all of it, now
    none = pace(TODAY, 500, points[:1], None)
    assert none.days_left is None and none.needed_per_day is None and none.recent_per_day is None
    assert none.projected_finish is None
    assert pace(TODAY, 0, (), None).projected_finish == TODAY


def test_the_target_day_is_remembered(ctx: WorkspaceContext) -> None:
    target = TODAY + dt.timedelta(days=120)
    ctx.progress.set_target(target)
    again = WorkspaceContext.open(ctx.data_dir, actor=Actor("测试员"), today=TODAY)
    try:
        assert again.progress.target() == target
        assert again.progress.report().pace.target == target
    finally:
        again.close()
    ctx.progress.set_target(None)
    assert ctx.progress.target() is None


def test_demo_fill_has_a_month_of_trend(tmp_path: Path) -> None:
    context = WorkspaceContext.open(tmp_path / "demo", actor=Actor(""), today=TODAY)
    try:
        context.workspace.fill_demo(size=300)
        assert context.has_accounts  # one per role (issue 14): the supervisor reads the progress
        from desktop_app.services.api.accounts import DEMO_ACCOUNTS

        user, _role, _display, password = next(a for a in DEMO_ACCOUNTS if a[1] == "supervisor")
        context.accounts.sign_in(user, password)
        points = context.progress.trend(30)
        assert len(points) == 30 and points[-1].day == TODAY
        assert points[-1].new_format == context.progress.table().overall.new_format
        assert points[0].new_format < points[-1].new_format  # a line that rises
        assert all(p.in_force == points[-1].in_force for p in points)
    finally:
        context.close()
