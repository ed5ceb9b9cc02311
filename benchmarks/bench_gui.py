"""GUI benchmark (offscreen): keystroke-to-results, start-to-usable window and resident memory.

    python benchmarks/bench_gui.py --persons 100000 [--data-dir D] [--per-class 3] [--interval 100] [--json]

The real app runs in a child process (`QT_QPA_PLATFORM=offscreen`) on the cache in the data folder:

- start to usable: from just before the child process is spawned (interpreter start, imports, rules,
  cache, main window) to the window shown with the search box focused, and to the first query
  answered on screen;
- keystroke to results: a query typed as a person types it (a key every `--interval` ms; Chinese
  committed by the input method as one edit), timed from the last key to the first paint of the
  results table after the answer to the whole query arrived; also keys at scanner speed without
  Enter (they wait for the debounce; a paste is one edit and does not), Enter on the first row to
  its detail on screen, and a scanned QR text + Enter to the person's detail on screen;
- resident memory: VmRSS and VmHWM (peak) of the app process from /proc/self/status.

`measure_gui(data_dir) -> dict` is the API; `run(data_dir, samples)` is the hook that
`benchmarks/bench_search.py` calls with sample queries per class.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

RESULT_PREFIX = "BENCH_GUI_RESULT "
DEFAULT_INTERVAL_MS = 100  # a quick typist: ten keys a second
FIRST_QUERY = "王"
QR_URL = "https://zjt.shandong.gov.cn/zzcx/verify?certNum="


# --- the parent side --------------------------------------------------------------------------------


def measure_gui(data_dir: Path, queries: Sequence[str] | None = None, *, interval_ms: int = DEFAULT_INTERVAL_MS,
                timeout: float = 900) -> dict[str, Any]:
    """Run the app offscreen on `data_dir` in a child process and return its figures (ms, MB)."""
    payload = json.dumps({"data_dir": str(data_dir), "queries": list(queries or default_queries(data_dir)),
                          "interval_ms": interval_ms}, ensure_ascii=False)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    env.pop("CERTDESK_DATA_DIR", None)
    spawned = time.time()
    proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", payload], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=timeout)
    lines = [line for line in proc.stdout.splitlines() if line.startswith(RESULT_PREFIX)]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"GUI benchmark child failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(lines[-1][len(RESULT_PREFIX):])
    result["start_to_window_ms"] = (result.pop("shown_at") - spawned) * 1000
    result["start_to_usable_ms"] = (result.pop("usable_at") - spawned) * 1000
    return result


def run(data_dir: Path, samples: dict[str, list[str]]) -> list[tuple[str, str]]:
    """The hook of bench_search.py: (label, value) rows from sample queries per class."""
    queries = [q for values in samples.values() for q in values[:3]]
    figures = measure_gui(data_dir, queries or None)
    return rows(figures)


def rows(figures: dict[str, Any]) -> list[tuple[str, str]]:
    def ms(key: str) -> str:
        stats = figures.get(key) or {}
        if not stats:
            return "—"
        return (f"p50 {stats['p50']:.0f} ms, p95 {stats['p95']:.0f} ms, max {stats['max']:.0f} ms "
                f"({stats['count']} queries)")

    return [
        ("persons in the cache", f"{figures['persons']:,}"),
        ("start to window shown, search box focused", f"{figures['start_to_window_ms']:.0f} ms"),
        ("start to first query answered on screen", f"{figures['start_to_usable_ms']:.0f} ms"),
        (f"keystroke to results (typing, a key every {figures['interval_ms']} ms)", ms("keystroke_to_results")),
        ("keys at scanner speed, no Enter, to results (they wait for the debounce)", ms("burst_to_results")),
        ("Enter on a row to its detail on screen", ms("enter_to_detail")),
        ("scanned QR text + Enter to the detail on screen", ms("scan_to_detail")),
        ("resident memory after start (VmRSS)", f"{figures['rss_after_start_mb']:.0f} MB"),
        ("resident memory after the queries (VmRSS / peak VmHWM)",
         f"{figures['rss_end_mb']:.0f} MB / {figures['hwm_end_mb']:.0f} MB"),
    ]


def default_queries(data_dir: Path, per_class: int = 3) -> list[str]:
    """Sample queries of every class from the cache itself (through the search service)."""
    from desktop_app.services.search import SearchService
    from desktop_app.services.search_types import SearchFilters
    from desktop_app.store.engine import open_cache
    from desktop_app.store.search_index import name_pinyin

    cache = open_cache(data_dir)
    try:
        service = SearchService(cache)
        hits = []
        for unit in service.units()[:: max(1, len(service.units()) // 6)]:
            hits += service.search("", SearchFilters(unit=unit, format="old"), limit=per_class).hits
    finally:
        cache.close()
    queries: list[str] = []
    for hit in hits[: per_class * 2]:
        old = next((c for c in hit.certificates if c.number != c.new_number), None)
        queries += [hit.name, hit.name[1:] or hit.name, name_pinyin(hit.name)[1], hit.id_number.lower(),
                    hit.id_number[-6:]]
        if old is not None:
            queries += [old.number.replace("（", "(").replace("）", ")"), old.new_number]
        if hit.employer and len(hit.employer) > 6:
            queries.append(hit.employer[2:6])
    return queries


# --- the child side: the real app, offscreen --------------------------------------------------------


def _rss() -> tuple[float, float]:
    """(VmRSS, VmHWM) of this process in MB."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) / 1024
    return fields.get("VmRSS", float("nan")), fields.get("VmHWM", float("nan"))


def _stats(values: Sequence[float]) -> dict[str, float]:
    if not values:
        return {}
    cuts = statistics.quantiles(values, n=100, method="inclusive") if len(values) > 1 else [values[0]] * 99
    return {"count": len(values), "p50": cuts[49], "p95": cuts[94], "max": max(values)}


def _chunks(text: str) -> Iterator[str]:
    """Keys as they reach the box: one ASCII key at a time; a run of Chinese as one input-method commit."""
    run = ""
    for char in text:
        if char.isascii():
            if run:
                yield run
                run = ""
            yield char
        else:
            run += char
    if run:
        yield run


def _child(payload: str) -> int:
    config = json.loads(payload)
    from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from desktop_app.domain.rules import default_rules
    from desktop_app.services.context import WorkspaceContext
    from desktop_app.ui.app import make_application
    from desktop_app.ui.main_window import MainWindow

    app = make_application()
    default_rules()
    workspace = WorkspaceContext.open(Path(config["data_dir"]), os_user_fallback=False)
    if workspace.workspace.is_empty():
        print("the data folder holds no persons (the app would fill a demo workspace)", file=sys.stderr)
        return 2
    window = MainWindow(workspace)
    window.show()
    window.start()
    view = window.workspace_view
    model = view.model
    box = view.search_box

    def pause(ms: int) -> None:
        """Run the event loop for `ms` (QTest.qWait would hold the GIL and stall the search workers)."""
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def wait(condition: Callable[[], bool], timeout_ms: int = 30000) -> bool:
        deadline = time.perf_counter() + timeout_ms / 1000
        while not condition():
            if time.perf_counter() > deadline:
                return False
            pause(1)
        return True

    class Paints(QObject):
        """The time of the last paint of the results table."""

        last = 0.0

        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.last = time.perf_counter()
            return False

    paints = Paints()
    view.table.viewport().installEventFilter(paints)
    loaded = {"at": 0.0, "query": None}

    def on_page(_generation: int, _added: int) -> None:
        loaded["at"], loaded["query"] = time.perf_counter(), model.query

    model.pageLoaded.connect(on_page)

    def answered(text: str) -> bool:
        return (loaded["query"] == text and model.current and not model.busy and not view.debounce.isActive()
                and not view._search_pending)

    def shown_after(start: float) -> float:
        """ms from `start` to the first paint of the table after the answer arrived."""
        wait(lambda: paints.last >= loaded["at"], 2000)
        return (max(paints.last, loaded["at"]) - start) * 1000

    wait(lambda: window.isVisible() and box.hasFocus())
    shown_at = time.time()
    box.setText(FIRST_QUERY)
    view.run_search()
    first = time.perf_counter()
    wait(lambda: answered(FIRST_QUERY))
    first_shown_ms = shown_after(first)
    usable_at = time.time() - time.perf_counter() + first + first_shown_ms / 1000
    rss_start, _ = _rss()

    def clear() -> None:
        view.clear_search()
        wait(lambda: not model.busy)
        pause(config["interval_ms"])

    def commit(text: str) -> None:
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(box, event)

    typed: list[float] = []
    burst: list[float] = []
    detail: list[float] = []
    scanned: list[float] = []
    slowest: list[tuple[float, str]] = []
    queries: list[str] = config["queries"]
    for query in queries:  # as a person types
        clear()
        keys = list(_chunks(query))
        for index, key in enumerate(keys):
            if key.isascii():
                QTest.keyClick(box, key)
            else:
                commit(key)
            if index < len(keys) - 1:
                pause(config["interval_ms"])
        start = time.perf_counter()
        if wait(lambda q=query.strip(): answered(q)):  # noqa: B008
            typed.append(shown_after(start))
            slowest.append((round(typed[-1], 1), query))
        if model.rowCount():  # Enter on the first row: its detail on screen
            view.table.setFocus()
            wait(lambda: view.detail.detail is not None)
            view.detail.show_placeholder("")
            start = time.perf_counter()
            QTest.keyClick(view.table, Qt.Key.Key_Return)
            if wait(lambda: view.detail.detail is not None):
                detail.append((time.perf_counter() - start) * 1000)
            box.setFocus()
    for query in queries[:: max(1, len(queries) // 8)]:  # every key at once (a scanner), then the debounce
        clear()
        for key in _chunks(query):
            if key.isascii():
                QTest.keyClick(box, key)
            else:
                commit(key)
        start = time.perf_counter()
        if wait(lambda q=query.strip(): answered(q)):  # noqa: B008
            burst.append(shown_after(start))
    for query in [q for q in queries if q.startswith("鲁")]:  # a handheld scanner: QR text + Enter
        clear()
        QTest.keyClicks(box, QR_URL + urllib.parse.quote(query))
        start = time.perf_counter()
        QTest.keyClick(box, Qt.Key.Key_Return)
        if wait(lambda: view.detail.detail is not None):
            scanned.append((time.perf_counter() - start) * 1000)

    rss_end, hwm_end = _rss()
    summary = workspace.workspace.summary()
    window.close()
    workspace.close()
    result = {
        "persons": summary.persons, "interval_ms": config["interval_ms"],
        "shown_at": shown_at, "usable_at": usable_at,
        "keystroke_to_results": _stats(typed), "burst_to_results": _stats(burst),
        "enter_to_detail": _stats(detail), "scan_to_detail": _stats(scanned),
        "slowest_typed": sorted(slowest, reverse=True)[:5],
        "rss_after_start_mb": rss_start, "rss_end_mb": rss_end, "hwm_end_mb": hwm_end,
    }
    print(RESULT_PREFIX + json.dumps(result, ensure_ascii=False), flush=True)
    app.quit()
    return 0


# --- command line -----------------------------------------------------------------------------------


def build_cache(data_dir: Path, persons: int, seed: int = 1) -> None:
    """Fill an empty workspace folder with `persons` synthetic persons."""
    from desktop_app import demo
    from desktop_app.services import interchange
    from desktop_app.services.context import WorkspaceContext

    workspace = WorkspaceContext.open(data_dir, os_user_fallback=False)
    try:
        if not workspace.workspace.is_empty():
            return
        source = data_dir / "bench-gui-persons.jsonl"
        started = time.perf_counter()
        demo.write_jsonl(source, persons, seed=seed, photo_fraction=0.05)
        interchange.import_jsonl(workspace.cache, source)
        source.unlink()
        print(f"built a cache of {persons:,} persons in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    finally:
        workspace.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--persons", type=int, default=None, help="build a cache of N persons (if the folder is empty)")
    parser.add_argument("--data-dir", type=Path, default=None, help="the workspace folder (default: a temp folder)")
    parser.add_argument("--per-class", type=int, default=3, help="sample persons per query class")
    parser.add_argument("--interval", type=int, default=DEFAULT_INTERVAL_MS, help="ms between typed keys")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        return _child(args.child)
    if args.data_dir is None and args.persons is None:
        parser.error("give --persons N (a temp cache is built) or --data-dir D (an existing workspace)")
    with tempfile.TemporaryDirectory(prefix="certdesk-bench-gui-") as temp:
        data_dir = args.data_dir or Path(temp) / "workspace"
        if args.persons:
            build_cache(data_dir, args.persons)
        figures = measure_gui(data_dir, default_queries(data_dir, args.per_class), interval_ms=args.interval)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
    else:
        for label, value in rows(figures):
            print(f"{label}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
