"""The world of `benchmarks/kill_trials.py`: a seeded province, its server, one desk; the changes made on
either side; and the invariants a phase ends with (the desk equals the server, every change on the
server exactly once, one version bump per change, an empty outbox).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import sqlite3
import time
from collections import Counter
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.kill_rig import SERVER_FILE, Desk, Server, provincial
from benchmarks.server_load import demo_file
from desktop_app.services.context import Actor, WorkspaceContext
from desktop_app.services.edits import ValidationFailed

OPERATOR = "王窗口"
SETTLED = ("applied", "duplicate")


@dataclass
class Phase:
    """What one phase did and found."""
    name: str
    title: str
    kills: int = 0
    landed: Counter[str] = field(default_factory=Counter)  # where the kills landed
    ended_first: int = 0  # runs that finished before the kill aimed at them (not counted as kills)
    seconds: float = 0.0
    checks: list[tuple[str, bool, str]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # runs that were not killed and still failed
    notes: list[str] = field(default_factory=list)

    def check(self, what: str, ok: bool, detail: str = "") -> bool:
        self.checks.append((what, ok, detail))
        return ok

    @property
    def ok(self) -> bool:
        return bool(self.checks) and all(ok for _what, ok, _detail in self.checks)


@dataclass(frozen=True)
class Edit:
    id_number: str
    phone: str


@dataclass
class Rig:
    folder: Path
    server: Server
    desk: Desk
    token: str
    units: list[str]
    rng: random.Random
    persons: int
    used: set[str] = field(default_factory=set)  # persons a desk edit has touched
    updates: int = 0  # province updates made (each a new phone for a share of the persons)

    @property
    def province(self) -> Path:
        return self.server.folder

    # --- the province's side ------------------------------------------------------------------

    def epoch(self) -> str:
        return str(self.server.query("SELECT value FROM meta WHERE key = 'epoch'")[0][0])

    def feed_after(self, cursor: int) -> int:
        return int(self.server.query("SELECT count(*) FROM persons WHERE seq > ?", cursor)[0][0])

    def export_server(self) -> list[str]:
        path = self.folder / "server-export.jsonl"
        provincial(self.province, "export-records", str(path))
        return path.read_text(encoding="utf-8").splitlines()

    def province_update(self, count: int, deletions: int = 0, merged: Sequence[str] = ()) -> int:
        """A new phone for `count` persons not edited at the desk (an `import` at the province), and `deletions`
        tombstones: work for the desk's feed. `merged`: persons with a desk change waiting, who get a new
        position at the province too (so the server merges both). Returns the persons changed."""
        lines = self.export_server()
        ids = [json.loads(line)["id_number"] for line in lines]
        free = [i for i, idn in enumerate(ids) if idn not in self.used]
        picked = self.rng.sample(free, min(count + deletions, len(free)))
        self.updates += 1
        path = self.folder / f"province-update-{self.updates}.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for i in [*picked[deletions:], *(i for i, idn in enumerate(ids) if idn in set(merged))]:
                record = json.loads(lines[i])
                if ids[i] in merged:
                    record["position"] = "总工程师" if record.get("position") != "总工程师" else "项目经理"
                else:
                    record["phone"] = f"15{self.updates % 10}{i:08d}"
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        provincial(self.province, "import", str(path))
        for i in picked[:deletions]:
            provincial(self.province, "delete", ids[i])
            self.used.add(ids[i])
        return len(picked) + len(merged)

    def snapshot_left(self) -> int:
        """Persons the desk's next snapshot brings: all, or those after where an interrupted one got to."""
        live = "SELECT count(*) FROM persons WHERE deleted = 0"
        if self.desk.cursor() is not None and self.desk.state("epoch") == self.epoch():
            return 0
        after = self.desk.state("snapshot_after") if self.desk.state("epoch") == self.epoch() else None
        return int(self.server.query(live + " AND id_number > ?", after or "")[0][0])

    def province_edit(self) -> None:
        """One person changed at the province (`provincial_server edit`), one not edited at the desk."""
        rows = self.server.query("SELECT id_number FROM persons WHERE deleted = 0 ORDER BY random() LIMIT 20")
        for (id_number,) in rows:
            if id_number in self.used:
                continue
            self.updates += 1
            try:
                provincial(self.province, "edit", id_number, f"phone=15{self.updates % 10}{self.updates:08d}")
                return
            except RuntimeError:
                continue  # a record the province's own edit refuses as it is: another one
        raise RuntimeError("no person the province could change")

    def versions(self, ids: list[str]) -> dict[str, int]:
        rows = self._in("SELECT id_number, version FROM persons WHERE id_number IN ({})", ids)
        return {str(idn): int(version) for idn, version in rows}

    def _in(self, sql: str, values: list[str]) -> list[tuple[Any, ...]]:
        found: list[tuple[Any, ...]] = []
        with closing(sqlite3.connect(self.province / SERVER_FILE, timeout=30)) as conn:
            for start in range(0, len(values), 500):
                chunk = values[start:start + 500]
                found += conn.execute(sql.format(", ".join("?" * len(chunk))), chunk).fetchall()
        return found

    def applied_twice(self) -> int:
        """Pushed changes the server wrote more than once (audit rows per change id and field)."""
        return int(self.server.query(
            "SELECT count(*) FROM (SELECT 1 FROM audit WHERE source = 'push' AND change_id IS NOT NULL "
            "GROUP BY change_id, field HAVING count(*) > 1)")[0][0])

    def pushed_rows(self) -> int:
        return int(self.server.query("SELECT count(*) FROM audit WHERE source = 'push'")[0][0])

    # --- the desk's side ----------------------------------------------------------------------

    def queue_edits(self, count: int, digit: int) -> dict[str, Edit]:
        """`count` phone corrections at the desk (the edit form's save, through the service layer), each to
        another person of the token's units: change id → the edit."""
        units = list(self.units)
        marks = ", ".join("?" * len(units))
        rows = self.desk.query(f"SELECT DISTINCT p.id, p.id_number FROM persons p JOIN certificates c ON "
                               f"c.person_id = p.id WHERE c.issuer_unit IN ({marks}) ORDER BY p.id_number", *units)
        self.rng.shuffle(rows)
        made: dict[int, Edit] = {}
        ctx = WorkspaceContext.open(self.desk.data_dir, actor=Actor(OPERATOR), os_user_fallback=False)
        try:
            for person_id, id_number in rows:
                if len(made) >= count:
                    break
                if id_number in self.used:
                    continue
                self.used.add(id_number)
                phone = f"13{digit}{len(self.used):08d}"
                try:
                    form = ctx.edits.load_form(person_id)
                    result = ctx.edits.save_person(person_id, form.version, {"phone": phone}, "断电试验")
                except ValidationFailed:
                    continue  # a record the form would not save as it is (an A holder without 职务, …)
                if result.changes and result.outbox_id is not None:
                    made[result.outbox_id] = Edit(id_number, phone)
        finally:
            ctx.close()
        if len(made) < count:
            raise RuntimeError(f"only {len(made)} persons of {', '.join(units)} could be edited")
        ids = list(made)
        found = dict(self.desk.query(f"SELECT id, change_id FROM outbox WHERE id IN ({', '.join('?' * len(ids))})",
                                     *ids)) if ids else {}
        return {str(found[i]): made[i] for i in ids}

    def settle(self, phase: Phase, *first_args: str, rounds: int = 6) -> tuple[int, dict[str, Any]]:
        """Unkilled syncs until nothing waits in the outbox (sleeping out a retry back-off between them)."""
        code: int = 0
        report: dict[str, Any] = {}
        error = ""
        waiting: list[dict[str, Any]] = []
        for round_no in range(rounds):
            code, report, error = self.desk.sync(*(first_args if round_no == 0 else ()))
            waiting = self.outbox()
            if not waiting or code != 0:
                break
            due = [dt.datetime.fromisoformat(r["next_retry"]) for r in waiting if r.get("next_retry")]
            pause = min(max(1.0, max([(d - dt.datetime.now()).total_seconds() for d in due], default=0) + 1), 300)
            phase.notes.append(f"{len(waiting)} changes waited; the next sync {pause:.0f} s later (their back-off)")
            time.sleep(pause)
        phase.check("the final sync exits 0", code == 0, error[-300:])
        phase.check("the final sync verifies", report.get("verified") is True, json.dumps(report))
        phase.check("the outbox is empty (`certdesk outbox --json` == [])", waiting == [], json.dumps(waiting)[:300])
        return code, report

    def outbox(self) -> list[dict[str, Any]]:
        done = self.desk.cli("outbox", "--json")
        return list(json.loads(done.stdout)) if done.returncode == 0 else [{"error": done.stderr}]

    # --- the invariants -----------------------------------------------------------------------

    def same_as_server(self, phase: Phase) -> None:
        """`certdesk export-records` of the desk, byte for byte the server's `export-records`."""
        path = self.folder / "desk-export.jsonl"
        done = self.desk.cli("export-records", str(path))
        if not phase.check("the desk exports its records", done.returncode == 0, done.stderr[-300:]):
            return
        desk = path.read_text(encoding="utf-8").splitlines()
        server = self.export_server()
        if desk == server:
            phase.check("the desk's persons equal the server's", True, f"{len(desk)} persons, byte for byte")
            return
        mine = {json.loads(line)["id_number"]: line for line in desk}
        theirs = {json.loads(line)["id_number"]: line for line in server}
        differing = sorted(k for k in set(mine) | set(theirs) if mine.get(k) != theirs.get(k))
        phase.check("the desk's persons equal the server's", False,
                    f"{len(differing)} differ (desk {len(mine)}, server {len(theirs)}): {differing[:5]}")

    def changes_once(self, phase: Phase, edits: dict[str, Edit], before: dict[str, int]) -> Counter[str]:
        """Each change settled at the desk, written once on the server, its person's version bumped once."""
        ids = list(edits)
        states = dict(self.desk.query(
            f"SELECT change_id, state FROM outbox WHERE settled_at IS NOT NULL AND change_id IN "
            f"({', '.join('?' * len(ids))})", *ids))
        ended = Counter(states.get(i, "unsettled") for i in ids)
        sends = Counter(int(n) for (n,) in self.desk.query(
            f"SELECT attempts FROM outbox WHERE change_id IN ({', '.join('?' * len(ids))})", *ids))
        phase.notes.append(f"times each change was marked sending: {dict(sorted(sends.items()))}")
        phase.notes.append(f"the changes ended {dict(ended)}")
        phase.check("every change ends applied or duplicate at the desk", set(ended) <= set(SETTLED), str(dict(ended)))
        audit: dict[str, list[tuple[str, str, str]]] = {}
        for change_id, source, name, value in self._in(
                "SELECT change_id, source, field, new_value FROM audit WHERE change_id IN ({})", ids):
            audit.setdefault(str(change_id), []).append((str(source), str(name), str(value)))
        wrong = [i for i in ids if audit.get(i) != [("push", "phone", edits[i].phone)]]
        phase.check("every change has exactly one audit row on the server (source push)", not wrong,
                    f"{len(wrong)} do not: {[(i, audit.get(i)) for i in wrong[:3]]}")
        remembered = Counter(str(r[0]) for r in self._in("SELECT change_id FROM applied_changes WHERE change_id "
                                                         "IN ({})", ids))
        phase.check("every change id is settled once on the server", all(remembered[i] == 1 for i in ids))
        after = self.versions([e.id_number for e in edits.values()])
        bumped = Counter(after.get(e.id_number, 0) - before.get(e.id_number, 0) for e in edits.values())
        phase.check("each changed person's server version rose by exactly 1", set(bumped) == {1}, str(dict(bumped)))
        phase.check("nothing pushed was written twice on the server", self.applied_twice() == 0)
        return ended


def holders(records: Path) -> dict[str, set[str]]:
    """The ID numbers of the persons holding a certificate of each issuing unit."""
    found: dict[str, set[str]] = {}
    with records.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            for unit in {c["issuer_unit"] for c in record["certificates"]}:
                found.setdefault(unit, set()).add(record["id_number"])
    return found


def build(folder: Path, persons: int, needed: int, seed: int) -> Rig:
    """A fresh province of `persons` demo records, its server running, a token for enough units that
    `needed` distinct persons can be edited at the desk, and an empty desk."""
    folder.mkdir(parents=True, exist_ok=True)
    records, _seconds = demo_file(folder, persons, seed)
    for old in ("province", "desk"):
        shutil.rmtree(folder / old, ignore_errors=True)
    provincial(folder / "province", "import", str(records))
    units: list[str] = []
    covered: set[str] = set()
    for unit, ids in sorted(holders(records).items(), key=lambda kv: -len(kv[1])):
        if len(covered) >= needed * 1.2 + 50:
            break
        units.append(unit)
        covered |= ids
    token = provincial(folder / "province", "token", *[a for u in units for a in ("--unit", u)]).strip()
    server = Server(folder / "province", folder / "server.log")
    server.start()
    return Rig(folder, server, Desk(folder / "desk"), token, units, random.Random(seed), persons)


def summary(phases: list[Phase]) -> str:
    lines: list[str] = []
    for phase in phases:
        lines.append(f"Phase {phase.name}: {phase.title} — {'PASS' if phase.ok else 'FAIL'}, {phase.seconds:.0f} s")
        if phase.kills:
            where = ", ".join(f"{stage} {count}" for stage, count in phase.landed.most_common())
            lines.append(f"  {phase.kills} kills, landed in: {where}; {phase.ended_first} runs ended before "
                         f"their kill")
        lines += [f"  [{'ok' if ok else 'FAIL'}] {what}" + (f": {detail}" if detail else "")
                  for what, ok, detail in phase.checks]
        lines += [f"  - {note}" for note in phase.notes]
    return "\n".join(lines)
