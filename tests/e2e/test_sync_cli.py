"""Sync from the command line against the real provincial server (uvicorn on 127.0.0.1, SQLite): first pull,
a local edit reaching the server, a province edit reaching the cache, merges, one conflict resolved either
way, a rejected change, server down, clock skew. Each check reads back the real cache and the server."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from provincial_server.db.engine import database_url
from tests.helpers.cli import ROOT, run_cli
from tests.helpers.provincial import JINAN, QINGDAO, Province, demo_file, in_thread, open_seeded
from tests.helpers.sync_calls import holders_of, record_of


@dataclass
class Desk:
    province: Province
    data_dir: Path

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        return run_cli("--data-dir", str(self.data_dir), *args, timeout=300)

    def sync(self) -> tuple[int, dict[str, object]]:
        result = self.cli("sync", "--json")
        return result.returncode, json.loads(result.stdout) if result.stdout.strip() else {"stderr": result.stderr}

    def local(self, sql: str, *params: object) -> list[tuple[object, ...]]:
        with sqlite3.connect(self.data_dir / "certdesk.sqlite3") as conn:
            return conn.execute(sql, params).fetchall()

    def province_edit(self, id_number: str, *assignments: str) -> None:
        result = subprocess.run([sys.executable, "-m", "provincial_server", "--database-url",
                                 self.province.database_url, "edit", id_number, *assignments], cwd=ROOT,
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    """One province and one desk for the module (a CLI run costs seconds); each test takes its own persons."""
    tmp_path = tmp_path_factory.mktemp("sync-cli")
    url = database_url(tmp_path / "province", None)
    db = open_seeded(url, demo_file(tmp_path, size=200, seed=21))
    try:
        with pytest.MonkeyPatch.context() as patch, in_thread(db) as server:
            patch.setenv("CERTDESK_NO_KEYRING", "1")
            province = Province(db, server, url)
            province.tokens = {JINAN: province.token(JINAN)}
            desk = Desk(province, tmp_path / "desk")
            first = desk.cli("sync", "--server", server, "--token", province.tokens[JINAN], "--json")
            assert first.returncode == 0, first.stderr
            assert json.loads(first.stdout) == {"pulled": 200, "pushed": 0, "applied": 0, "duplicates": 0,
                                                "conflicts": 0, "rejected": 0, "verified": True}
            yield desk
    finally:
        db.dispose()


def _jinan_person(desk: Desk, nth: int = 0) -> str:
    """A Jinan holder whose record is complete (the edit form saves it as it is)."""
    with desk.province.client() as client:
        return [p for p in holders_of(client, JINAN) if p.record and p.record["position"]
                and p.record["title"]][nth].id_number


def _server_record(desk: Desk, id_number: str) -> dict[str, object]:
    with desk.province.client() as client:
        record = record_of(client, id_number).record
    assert record is not None
    return record


def test_the_token_is_kept_owner_only_and_never_in_the_settings(desk: Desk) -> None:
    token = desk.province.tokens[JINAN]
    assert token not in (desk.data_dir / "settings.json").read_text(encoding="utf-8")
    secret = desk.data_dir / "secrets" / "sync-token"
    assert secret.read_text(encoding="utf-8").strip() == token and secret.stat().st_mode & 0o077 == 0
    assert token not in "".join(p.read_text(errors="replace") for p in desk.data_dir.rglob("*.log"))


def test_a_local_edit_reaches_the_server_once(desk: Desk) -> None:
    person = _jinan_person(desk)
    assert desk.cli("edit", person, "phone=13912345678", "--reason", "电话更正").returncode == 0
    pending = json.loads(desk.cli("outbox", "--json").stdout)
    assert [(r["record"], r["state"]) for r in pending] == [(person, "pending")]
    code, report = desk.sync()
    assert code == 0 and (report["pushed"], report["applied"], report["verified"]) == (1, 1, True)
    assert _server_record(desk, person)["phone"] == "13912345678"
    assert json.loads(desk.cli("outbox", "--json").stdout) == []
    code, again = desk.sync()
    assert code == 0 and again["pushed"] == 0


def test_a_province_edit_is_pulled_and_edits_of_different_fields_merge(desk: Desk) -> None:
    person = _jinan_person(desk, 1)
    desk.province_edit(person, "position=总工程师")
    assert desk.cli("edit", person, "phone=13900001111").returncode == 0
    code, report = desk.sync()
    assert code == 0 and report["applied"] == 1 and report["verified"] is True
    assert desk.local("SELECT phone, position FROM persons WHERE id_number = ?", person) == [
        ("13900001111", "总工程师")]
    server = _server_record(desk, person)
    assert (server["phone"], server["position"]) == ("13900001111", "总工程师")


@pytest.mark.parametrize("keep", ["mine", "theirs"])
def test_one_field_changed_on_both_sides_is_one_conflict_resolved_either_way(desk: Desk, keep: str) -> None:
    person = _jinan_person(desk, 2 if keep == "mine" else 5)
    desk.province_edit(person, "phone=13900002222")
    assert desk.cli("edit", person, "phone=13900003333").returncode == 0
    code, report = desk.sync()
    assert code == 3 and report["conflicts"] == 1
    conflicts = json.loads(desk.cli("conflicts", "--json").stdout)
    assert [(c["id_number"], c["field"], c["yours"], c["theirs"]) for c in conflicts] == [
        (person, "phone", "13900003333", "13900002222")]
    assert desk.cli("resolve", str(conflicts[0]["id"]), "--keep", keep).returncode == 0
    code, report = desk.sync()
    assert code == 0, report
    expected = "13900003333" if keep == "mine" else "13900002222"
    assert _server_record(desk, person)["phone"] == expected
    assert desk.local("SELECT phone FROM persons WHERE id_number = ?", person) == [(expected,)]
    assert [c for c in json.loads(desk.cli("conflicts", "--json").stdout) if c["id_number"] == person] == []
    history = json.loads(desk.cli("history", person, "--json").stdout)
    assert any("冲突" in (h["reason"] or "") for h in history) or keep == "mine"


def test_a_change_for_another_units_person_is_rejected_with_its_reason(desk: Desk) -> None:
    with desk.province.client() as client:
        stranger = holders_of(client, QINGDAO)[0].id_number
    before = _server_record(desk, stranger)
    assert desk.cli("edit", stranger, "phone=13900004444").returncode == 0
    code, report = desk.sync()
    assert code == 3 and report["rejected"] == 1
    entry = next(r for r in json.loads(desk.cli("outbox", "--json").stdout) if r["record"] == stranger)
    assert (entry["state"], entry["code"]) == ("rejected", "not_your_unit") and "本单位" in entry["reason"]
    assert _server_record(desk, stranger) == before


def test_server_down_fails_in_one_line_and_keeps_the_outbox(desk: Desk) -> None:
    person = _jinan_person(desk, 3)
    assert desk.cli("edit", person, "phone=13900005555").returncode == 0
    down = desk.cli("sync", "--server", "http://127.0.0.1:9")
    assert down.returncode == 1 and len(down.stderr.strip().splitlines()) == 1 and "无法连接" in down.stderr
    rows = [r for r in json.loads(desk.cli("outbox", "--json").stdout) if r["record"] == person]
    assert len(rows) == 1 and rows[0]["state"] in ("pending", "retry_wait")
    assert desk.cli("sync", "--server", desk.province.url).returncode in (0, 3)  # back online: it goes up
    assert _server_record(desk, person)["phone"] == "13900005555"


def test_a_clock_too_far_off_refuses_to_sync_and_says_both_times(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CERTDESK_SERVER_CLOCK_OFFSET_S", "900")
    refused = desk.cli("sync")
    assert refused.returncode == 1 and "本机时间" in refused.stderr and "省级服务器时间" in refused.stderr
