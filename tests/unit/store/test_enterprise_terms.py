"""Enterprise parts of 1–2 characters come from `enterprise_terms`, kept in step by triggers."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop_app.services.search import SearchService
from desktop_app.store import search_index
from desktop_app.store.engine import Cache
from tests.helpers.search_fixtures import HUAXIA, LUNENG, cert, person, resident_id, write_and_import

A = resident_id("370102", "19850712", "111")
B = resident_id("370203", "19900101", "122")


def build(tmp_path: Path) -> Cache:
    return write_and_import(tmp_path, [
        person(A, "张三", [cert("鲁建安B（2022）0000001", "B", "new")], employer=LUNENG),
        person(B, "李四", [cert("鲁建安B（2022）0000002", "B", "new")], employer=HUAXIA),
    ])


def test_short_parts_of_a_name() -> None:
    assert search_index.enterprise_short_terms("鲁能 建设") == ["鲁", "能", "建", "设", "鲁能", "能建", "建设"]


def test_two_character_enterprise_part_finds_its_people(tmp_path: Path) -> None:
    service = SearchService(build(tmp_path))
    assert [h.id_number for h in service.search("幕墙").hits] == [B]
    assert [h.id_number for h in service.search("能建").hits] == [A]


def test_renamed_enterprise_is_found_by_its_new_name_only(tmp_path: Path) -> None:
    cache = build(tmp_path)
    with sqlite3.connect(cache.path) as conn:
        search_index.register_functions(conn)
        conn.execute("UPDATE enterprises SET name = '青岛海湾安装有限公司' WHERE uscc = ?", (HUAXIA["uscc"],))
    service = SearchService(cache)
    assert [h.id_number for h in service.search("海湾").hits] == [B]
    assert service.search("幕墙").hits == ()


def test_rebuild_reproduces_the_trigger_terms(tmp_path: Path) -> None:
    cache = build(tmp_path)
    query = "SELECT term, enterprise_id FROM enterprise_terms ORDER BY 1, 2"
    with sqlite3.connect(cache.path) as conn:
        before = conn.execute(query).fetchall()
    search_index.rebuild_search_index(cache.engine)
    with sqlite3.connect(cache.path) as conn:
        assert conn.execute(query).fetchall() == before
    assert any(term == "幕墙" for term, _ in before)
