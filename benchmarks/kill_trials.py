"""Kill trials of the sync client: `certdesk sync` SIGKILLed at random moments against the real provincial
server; the server killed mid-push; answers lost after the server committed.

    .venv/bin/python -m benchmarks.kill_trials --kills 50 --persons 20000 --changes 2000
        [--server-changes 300] [--drop-changes 300] [--drops 5] [--seed 1] [--folder /tmp/kill-trials]

A province of --persons demo records (SQLite) is served by `python -m provincial_server serve --port 0`;
the desk is `main.py --data-dir D` in subprocesses, talking to it (in A and B) through a relay that notes
each request. A kill is aimed at a random moment of one step of a run (start, snapshot, feed, push,
verify) by those requests and the run's progress lines (read through a pty); where it landed is the
step of the last request the run had made.

A, the pull: a fresh desk syncs (`sync --server URL --token T --json`) --kills times, each run killed.
   Snapshot kills once the snapshot is in come with `new-epoch` at the province (a full pull again), feed
   kills with a province `import` of new phones for a share of the persons, verify kills with one
   province `edit` (a sync with nothing new skips its verify).
B, the push: --changes phone corrections at the desk (through the service layer, each to another person
   of the token's units), then --kills runs, each killed, most in the push (feed kills as in A, the
   first with two tombstones).
C: --server-changes corrections; the server SIGKILLed once its audit holds a random share of them;
   the desk's sync fails; the server restarted on the same folder and a new port (`sync --server NEW`).
D: --drop-changes corrections through a relay that reads the server's answer to each of the first
   --drops pushes and closes the desk's connection instead of passing it on.

After every kill: `PRAGMA integrity_check` ok and no foreign key broken in the desk's cache, nothing
pushed written twice on the server, no process the run started alive 10 s later. Each phase ends with
unkilled syncs (sleeping out a retry back-off) until `certdesk outbox --json` == []: the last exits 0
with `verified: true`, and `export-records` of desk and server are equal byte for byte; for B–D each
change is settled (applied or duplicate) at the desk, has exactly one `push` audit row on the server with
its new value and one applied_changes row, and its person's server version rose by exactly 1; C: the
changes the server wrote before its kill, unheard of by the desk, end `duplicate`; D: every change of a
lost answer ends `duplicate`, every other `applied`. Exit 1 when any check fails.
"""

from __future__ import annotations

import argparse
import itertools
import math
import os
import random
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.kill_checks import Edit, Phase, Rig, build, summary
from benchmarks.kill_proxy import DropProxy
from benchmarks.kill_rig import DeskRun, Event, provincial
from desktop_app.sync.engine import FEED_PAGE, PUSH_BATCH, SNAPSHOT_PAGE

Log = Callable[[str], None]


def _mix(old: float, new: float) -> float:
    return 0.3 * old + 0.7 * max(0.05, new)


STAGE_OF = {"/v1/snapshot": "snapshot", "/v1/changes": "feed", "/v1/push": "push", "/v1/verify": "verify",
            "/v1/groups": "verify"}  # a handshake leaves the stage as it was


@dataclass
class Pace:
    """How long the steps of a run take on this machine, learnt from the runs so far: where to aim."""
    request: float = 2.0  # from the start to the first request: Python, the cache (made or migrated), settings
    first: dict[str, float] = field(default_factory=dict)  # a step's request → its first progress line
    page: dict[str, float] = field(default_factory=lambda: {"snapshot": 1.5, "feed": 1.0})
    batch: float = 1.5  # one push batch (short until learnt: the first push kill must not miss a small push)
    verify: float = 1.5  # the verify request → the exit

    def learn(self, run: DeskRun, tap: DropProxy) -> None:
        asked = [r for r in tap.requests if r.began >= run.started]
        if asked:
            self.request = _mix(self.request, asked[0].began - run.started)
        for phase, path in (("snapshot", "/v1/snapshot"), ("feed", "/v1/changes")):
            request = next((r for r in asked if r.path == path), None)
            line = next((e for e in run.events if e.phase == phase), None)
            if request is not None and line is not None and line.done > 0 and run.started + line.at > request.began:
                size = SNAPSHOT_PAGE if phase == "snapshot" else FEED_PAGE  # as if the page were whole
                whole = (run.started + line.at - request.began) * size / max(1, min(size, line.done))
                self.first[phase] = _mix(self.first.get(phase, self.page[phase]), whole)
        for a, b in itertools.pairwise(run.events):
            if a.phase == b.phase and a.pull == b.pull and a.phase in self.page:
                self.page[a.phase] = _mix(self.page[a.phase], b.at - a.at)
            elif b.phase == "push":
                self.batch = _mix(self.batch, b.at - a.at)
        verify = [r for r in asked if r.path == "/v1/verify"]
        if run.killed_at is None and run.ended is not None and verify:
            self.verify = _mix(self.verify, run.started + run.ended - verify[-1].began)


@dataclass(frozen=True)
class Work:
    """What the run aimed at has to do: persons to snapshot, feed items, outbox entries; push kills left."""
    snapshot_items: int
    feed_items: int
    push_left: int
    push_kills_left: int


def _in_a_page(run: DeskRun, tap: DropProxy, phase: str, items: int, pace: Pace, rng: random.Random) -> float | None:
    """A random moment inside a random page of the first pull's `phase`: page 1 from its request to its
    first progress line (shorter when fewer items than a page are left), page j after line j - 1."""
    size = SNAPSHOT_PAGE if phase == "snapshot" else FEED_PAGE
    page_s = pace.page[phase]
    j = rng.randint(1, max(1, math.ceil(items / size)))
    if j == 1:
        path = "/v1/snapshot" if phase == "snapshot" else "/v1/changes"
        asked = tap.wait_request(lambda r: r.path == path, run.started, lambda: run.ended is not None)
        # page 1 of a whole pull also starts the parsers; a resumed remainder is quicker: the lesser of both
        first_s = min(pace.first.get(phase, page_s), 1.2 * page_s) * min(1.0, max(0.05, items / size)) + 0.2
        return None if asked is None else asked.began - run.started + rng.uniform(0, first_s)
    seen = 0

    def test(event: Event) -> bool:  # line j - 1 of the step, or the first line after the step
        nonlocal seen
        if event.phase == phase and event.pull == 1:
            seen += 1
            return seen >= j - 1
        return seen > 0

    before = run.wait_event(test)
    return None if before is None else before.at + rng.uniform(0, page_s)


def aim(run: DeskRun, target: str, tap: DropProxy, rng: random.Random, pace: Pace, work: Work) -> float | None:
    """When to kill `run` (seconds after its start) so the kill lands at a random moment of `target`;
    None when the run ended before reaching it."""
    if target == "start":  # Python and the program starting, the cache opened (made, migrated), settings, token
        return rng.uniform(0.05, pace.request * 1.1)
    if target == "snapshot":
        return _in_a_page(run, tap, "snapshot", work.snapshot_items, pace, rng)
    if target == "feed":
        return _in_a_page(run, tap, "feed", work.feed_items, pace, rng)
    if target == "push":  # within one of the first batches left: so that every push kill finds work
        batches = math.ceil(work.push_left / PUSH_BATCH)
        j = rng.randint(1, max(1, min(batches, math.ceil(2 * batches / max(1, work.push_kills_left)))))
        seen = 0

        def after(event: Event) -> bool:  # the end of the first pull, or push line j - 1, or what follows
            nonlocal seen
            seen += event.phase == "push"
            return (j == 1 and event.pull == 1 and event.phase == "feed" and event.done >= event.total) or \
                seen >= j - 1 > 0 or event.pull >= 2
        begun = run.wait_event(after)
        # mostly within the batch (its changes then come back `duplicate`), at times after its answer is in
        span = pace.batch * (2.5 if rng.random() < 0.25 else 1.0)
        return None if begun is None else begun.at + rng.uniform(0, span)
    asked = tap.wait_request(lambda r: r.path == "/v1/verify", run.started, lambda: run.ended is not None)
    return None if asked is None else asked.began - run.started + rng.uniform(0, pace.verify)


def landed(run: DeskRun, tap: DropProxy) -> str:
    """Where the kill landed: the step of the last request the run had made (start: none yet)."""
    killed = run.started + (run.killed_at or 0)
    stage = "start"
    for request in tap.requests:
        if run.started <= request.began <= killed:
            stage = STAGE_OF.get(request.path, stage)
    return stage


def kill_runs(rig: Rig, tap: DropProxy, pace: Pace, phase: Phase, targets: list[str], sync_args: tuple[str, ...],
              prepare: Callable[[str], str], log: Log) -> None:
    """A `certdesk sync` per target, killed at a random moment of it; a run that ends first is not a kill
    (it must have exited 0) and the target is tried again."""
    queue = list(targets)
    damaged: list[str] = []
    twice: list[str] = []
    orphans: list[str] = []
    tries = 4 * len(targets) + 10
    while queue and tries > 0:
        tries -= 1
        target = prepare(queue[0])
        work = Work(rig.snapshot_left(), rig.feed_after(rig.desk.cursor() or 0), rig.desk.unsettled(),
                    queue.count("push"))
        run = rig.desk.start("sync", *sync_args, "--json")
        try:
            at = aim(run, target, tap, rig.rng, pace, work)
        except BaseException:  # stopped (SIGTERM, Ctrl-C): no desk left running
            run.kill_at(0)
            raise
        if at is None or not run.kill_at(at):
            code = run.finish()
            pace.learn(run, tap)
            phase.ended_first += 1
            log(f"{phase.name}: a run aimed at the {target} ended by itself first (exit {code}, "
                f"{run.ended or 0:.1f} s)")
            if code != 0:
                phase.failures.append(f"exit {code}: {run.stderr.decode(errors='replace').strip()[-300:]}")
            continue
        pace.learn(run, tap)
        queue.pop(0)
        stage = landed(run, tap)
        phase.kills += 1
        phase.landed[stage] += 1
        if found := rig.desk.damage():
            damaged.append(f"kill {phase.kills} ({stage}): {found[:3]}")
        if rig.applied_twice():
            twice.append(f"kill {phase.kills} ({stage})")
        orphans += [f"kill {phase.kills} ({stage}): {command}" for command in run.orphans]
        log(f"{phase.name} kill {phase.kills}/{len(targets)}: aimed at the {target}, landed in the {stage} "
            f"at {run.killed_at or 0:.1f} s")
    phase.check(f"{len(targets)} kills landed", phase.kills >= len(targets), f"{phase.kills}")
    phase.check("integrity_check ok, no foreign key broken, after every kill", not damaged, "; ".join(damaged[:5]))
    phase.check("no pushed change written twice on the server, after every kill", not twice, ", ".join(twice[:5]))
    phase.check("no process a killed run started outlived it by 10 s", not orphans,
                f"{len(orphans)}: " + "; ".join(orphans[:3]))
    phase.check("every run that was not killed exited 0", not phase.failures, "; ".join(phase.failures[:3]))


def _split(kills: int, shares: dict[str, float]) -> dict[str, int]:
    counts = {name: max(1, int(kills * share)) for name, share in shares.items()}
    first = next(iter(shares))
    counts[first] = max(1, kills - sum(n for name, n in counts.items() if name != first))
    return counts


def phase_pull(rig: Rig, tap: DropProxy, pace: Pace, kills: int, log: Log) -> Phase:
    phase = Phase("A", f"the desk killed during its pull of {rig.persons} persons")
    started = time.monotonic()
    n = _split(kills, {"feed": 0.25, "start": 0.1, "snapshot": 0.3, "resnapshot": 0.1, "verify": 0.25})
    mix = ["feed"] * n["feed"] + ["verify"] * n["verify"]
    rig.rng.shuffle(mix)  # then snapshots again (a new epoch each), last: a feed kill would need the pull done
    targets = ["start"] * n["start"] + ["snapshot"] * n["snapshot"] + mix + ["snapshot"] * n["resnapshot"]
    args = ("--server", tap.url, "--token", rig.token)
    update = min(rig.persons // 2, 8000)

    def prepare(target: str) -> str:
        if target == "snapshot" and rig.desk.cursor() is not None:
            provincial(rig.province, "new-epoch")  # the desk must pull everything again
            phase.notes.append(f"new epoch at the province before kill {phase.kills + 1}")
        if target == "feed":
            if rig.desk.cursor() is None or rig.desk.state("epoch") != rig.epoch():
                code, _report, error = rig.desk.sync(*args)  # the snapshot first, so the feed has work
                if code != 0:
                    phase.failures.append(f"exit {code}: {error[-300:]}")
            if rig.feed_after(rig.desk.cursor() or 0) < min(2 * FEED_PAGE, update // 2):
                changed = rig.province_update(update)
                phase.notes.append(f"province import changed {changed} persons before kill {phase.kills + 1}")
        if target == "verify":
            rig.province_edit()  # something to verify (a sync with nothing new skips its verify)
        return target

    kill_runs(rig, tap, pace, phase, targets, args, prepare, log)
    rig.settle(phase, *args)
    rig.same_as_server(phase)
    phase.seconds = time.monotonic() - started
    return phase


def phase_push(rig: Rig, tap: DropProxy, pace: Pace, kills: int, changes: int, log: Log) -> Phase:
    phase = Phase("B", f"the desk killed during its push of {changes} changes")
    started = time.monotonic()
    edits = rig.queue_edits(changes, 9)
    phase.notes.append(f"{changes} corrections queued in {time.monotonic() - started:.0f} s")
    before = rig.versions([e.id_number for e in edits.values()])
    n = _split(kills, {"push": 0.65, "start": 0.05, "feed": 0.15, "verify": 0.15})
    middle = ["push"] * n["push"] + ["feed"] * n["feed"]
    rig.rng.shuffle(middle)
    targets = ["start"] * n["start"] + middle + ["verify"] * n["verify"]
    update = min(rig.persons // 2, 4000)
    deleted: list[bool] = []

    def prepare(target: str) -> str:
        if target == "push" and rig.desk.unsettled() == 0:
            target = "verify"  # the push is through: the kill goes to the verify instead
        if target == "feed" and rig.feed_after(rig.desk.cursor() or 0) < min(2 * FEED_PAGE, update // 2):
            changed = rig.province_update(update, deletions=2 if not deleted else 0)  # tombstones once
            deleted.append(True)
            phase.notes.append(f"province import changed {changed} persons before kill {phase.kills + 1}")
        if target == "verify" and rig.desk.unsettled() == 0:
            rig.province_edit()  # something to verify (a sync with nothing new skips its verify)
        return target

    kill_runs(rig, tap, pace, phase, targets, ("--server", tap.url), prepare, log)
    rig.settle(phase)
    rig.changes_once(phase, edits, before)
    rig.same_as_server(phase)
    phase.seconds = time.monotonic() - started
    return phase


def _merge(rig: Rig, phase: Phase, edits: dict[str, Edit]) -> None:
    """A third of the persons just corrected at the desk get another field changed at the province first: the
    server merges both, and a lost answer must not leave the desk without the province's part."""
    merged = [e.id_number for e in list(edits.values())[::3]]
    rig.province_update(0, merged=merged)
    phase.notes.append(f"{len(merged)} of those persons had their position changed at the province first")


def phase_server_kill(rig: Rig, changes: int, log: Log) -> Phase:
    phase = Phase("C", f"the server killed and restarted in the middle of a push of {changes} changes")
    started = time.monotonic()
    edits = rig.queue_edits(changes, 8)
    _merge(rig, phase, edits)
    before = rig.versions([e.id_number for e in edits.values()])
    goal = rig.rng.randint(1, changes - 1)
    goal -= 1 if goal % PUSH_BATCH == 0 else 0
    base = rig.pushed_rows()
    run = rig.desk.start("sync", "--server", rig.server.url, "--json")  # straight to the server
    while run.ended is None and rig.pushed_rows() - base < goal:
        time.sleep(0.02)
    rig.server.kill()
    written = rig.pushed_rows() - base
    code = run.finish()
    log(f"C: the server killed with {written} of {changes} changes written; the desk's sync exited {code}")
    phase.check("the server was killed in the middle of the push", 0 < written < changes,
                f"{written} of {changes} written")
    phase.check("the desk's sync fails in one line while the server is gone (exit 1)", code == 1,
                run.stderr.decode(errors="replace").strip()[-200:])
    phase.check("integrity_check ok in the desk's cache after the failed sync", not rig.desk.damage())
    phase.check("integrity_check ok in the server's database after its kill", not rig.server.damage())
    old, url = rig.server.url, rig.server.start()
    phase.notes.append(f"the server restarted on {url} (was {old})")
    rig.settle(phase, "--server", url)
    ended = rig.changes_once(phase, edits, before)
    if written % PUSH_BATCH:
        phase.check("the changes written before the kill, unheard of by the desk, end duplicate",
                    ended["duplicate"] == written % PUSH_BATCH, f"{ended['duplicate']} of {written % PUSH_BATCH}")
    rig.same_as_server(phase)
    phase.seconds = time.monotonic() - started
    return phase


def phase_dropped(rig: Rig, changes: int, drops: int, log: Log) -> Phase:
    phase = Phase("D", f"the answers to {drops} pushes lost after the server committed ({changes} changes)")
    started = time.monotonic()
    edits = rig.queue_edits(changes, 7)
    _merge(rig, phase, edits)
    before = rig.versions([e.id_number for e in edits.values()])
    with DropProxy(rig.server.url, drops) as proxy:
        rig.settle(phase, "--server", proxy.url)
    lost = {change_id for batch in proxy.dropped for change_id in batch}
    log(f"D: {len(proxy.dropped)} answers lost ({len(lost)} changes), {proxy.relayed} relayed")
    phase.check(f"{drops} answers were lost", len(proxy.dropped) == drops, f"{len(proxy.dropped)}")
    rig.changes_once(phase, edits, before)
    ids = list(edits)
    states = dict(rig.desk.query(f"SELECT change_id, state FROM outbox WHERE change_id IN "
                                 f"({', '.join('?' * len(ids))})", *ids))
    phase.check("every change whose answer was lost ends duplicate", all(states[c] == "duplicate" for c in lost),
                f"{sum(states[c] == 'duplicate' for c in lost)} of {len(lost)}")
    phase.check("every other change ends applied", all(states[c] == "applied" for c in ids if c not in lost))
    rig.same_as_server(phase)
    code, _report, error = rig.desk.sync("--server", rig.server.url)  # the desk back on the server itself
    phase.check("a sync straight to the server afterwards exits 0", code == 0, error[-200:])
    phase.seconds = time.monotonic() - started
    return phase


def run_trials(folder: Path, persons: int, kills: int, changes: int, server_changes: int, drop_changes: int,
               drops: int, seed: int, log: Log = print) -> list[Phase]:
    started = time.monotonic()
    rig = build(folder, persons, changes + server_changes + drop_changes, seed)
    log(f"province of {persons} persons ready in {time.monotonic() - started:.0f} s at {rig.server.url}; "
        f"token for {', '.join(rig.units)}")
    pace = Pace()
    try:
        with DropProxy(rig.server.url) as tap:  # notes the desk's requests: where each kill is aimed and lands
            phases = [phase_pull(rig, tap, pace, kills, log)]
            phases.append(phase_push(rig, tap, pace, kills, changes, log))
        phases.append(phase_server_kill(rig, server_changes, log))
        phases.append(phase_dropped(rig, drop_changes, drops, log))
    finally:
        rig.server.stop()
    return phases


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.kill_trials", description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=50, help="kills of the desk in the pull, and again in the push")
    parser.add_argument("--persons", type=int, default=20000)
    parser.add_argument("--changes", type=int, default=2000, help="desk corrections pushed under kills")
    parser.add_argument("--server-changes", type=int, default=300, help="pushed while the server is killed")
    parser.add_argument("--drop-changes", type=int, default=300, help="pushed while answers are lost")
    parser.add_argument("--drops", type=int, default=5, help="push answers lost (4 defeat a sync's own retries)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--folder", type=Path, default=Path("/tmp/kill-trials"))
    args = parser.parse_args(argv)
    started = time.monotonic()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stopped: the server is stopped too (finally)

    def log(line: str) -> None:
        print(f"[{time.monotonic() - started:7.1f} s] {line}", flush=True)

    log(f"{os.cpu_count()} CPUs, load average {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    phases = run_trials(args.folder, args.persons, args.kills, args.changes, args.server_changes,
                        args.drop_changes, args.drops, args.seed, log)
    print(summary(phases))
    print(f"total {time.monotonic() - started:.0f} s: {'PASS' if all(p.ok for p in phases) else 'FAIL'}")
    return 0 if all(p.ok for p in phases) else 1


if __name__ == "__main__":
    raise SystemExit(main())
