"""Each sync leaves the day's progress snapshot as the sync left the cache (issue 13's trend), through
the real provincial server on 127.0.0.1; a snapshot that cannot be written does not fail the sync."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.services.context import Actor, WorkspaceContext
from provincial_server import admin
from provincial_server.db.engine import database_url
from tests.helpers.provincial import JINAN, Province, demo_file, in_thread, open_seeded


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[tuple[WorkspaceContext, Province]]:
    url = database_url(tmp_path / "province", None)
    db = open_seeded(url, demo_file(tmp_path, size=150, seed=21))
    ctx = WorkspaceContext.open(tmp_path / "desk", actor=Actor("测试员"))
    try:
        with in_thread(db) as server:
            province = Province(db, server, url)
            province.tokens = {JINAN: province.token(JINAN)}
            ctx.sync.configure(server=province.url, token=province.tokens[JINAN])
            yield ctx, province
    finally:
        ctx.close()
        db.dispose()


def _snapshot(ctx: WorkspaceContext) -> dict[tuple[str, str], tuple[int, int]]:
    with sqlite3.connect(ctx.cache.path) as conn:
        rows = conn.execute("SELECT unit, kind, total, in_force FROM progress_snapshots WHERE day = ?",
                            (ctx.today.isoformat(),)).fetchall()
    return {(u, k): (t, f) for u, k, t, f in rows}


def _table(ctx: WorkspaceContext) -> dict[tuple[str, str], tuple[int, int]]:
    return {(r.unit, r.kind): (r.figures.total, r.figures.in_force)  # type: ignore[misc]
            for r in ctx.progress.table().rows}


def test_a_sync_takes_the_days_snapshot(desk: tuple[WorkspaceContext, Province]) -> None:
    ctx, province = desk
    assert _snapshot(ctx) == {}
    ctx.sync.run()
    first = _snapshot(ctx)
    assert first and first == _table(ctx)  # the whole province pulled, counted the same day
    with sqlite3.connect(ctx.cache.path) as conn:
        id_number, unit = conn.execute("SELECT p.id_number, c.issuer_unit FROM persons p JOIN certificates c "
                                       "ON c.person_id = p.id WHERE c.state = 'valid' AND c.valid_until >= ? "
                                       "LIMIT 1", (ctx.today.isoformat(),)).fetchone()
    admin.delete(province.db, id_number)  # the province removes a person: the next sync counts fewer
    ctx.sync.run()
    second = _snapshot(ctx)
    assert second == _table(ctx) and sum(t for t, _ in second.values()) < sum(t for t, _ in first.values())
    assert unit in {u for u, _ in first}


def test_a_snapshot_that_fails_leaves_the_sync_done(desk: tuple[WorkspaceContext, Province],
                                                    caplog: pytest.LogCaptureFixture) -> None:
    ctx, _ = desk
    with sqlite3.connect(ctx.cache.path) as conn:  # the snapshot's insert fails, as on a full disk
        conn.execute("CREATE TRIGGER refuse BEFORE INSERT ON progress_snapshots "
                     "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")
    outcome = ctx.sync.run()
    assert outcome.report.verified and _snapshot(ctx) == {}
    assert ctx.progress.table().overall.total > 0  # the pull itself stands
    assert "progress snapshot after sync failed" in caplog.text
