"""The daily snapshots (table progress_snapshots), the trend read from them, and the pace.

A snapshot is the unit × kind table of one day, replaced whole: taking it twice on a day leaves one
(the later figures), so "at the first start of the day and after each sync" needs no bookkeeping.
"""

from __future__ import annotations

import datetime as dt
import math

from desktop_app.domain.rules import Rules
from desktop_app.services.progress.figures import FIGURES, Figures, Pace, ProgressRow, ProgressTable, TrendPoint
from desktop_app.services.progress.tables import progress_table, table_from_rows
from desktop_app.store.engine import Cache, raw_connection
from desktop_app.store.locking import begin_immediate

_COLUMNS = ", ".join(FIGURES)
_INSERT = (f"INSERT INTO progress_snapshots (day, unit, kind, {_COLUMNS}, taken_at) "
           f"VALUES (?, ?, ?, {', '.join('?' * len(FIGURES))}, ?)")


def take_snapshot(cache: Cache, rules: Rules, day: dt.date) -> ProgressTable:
    """Count the table as of `day` and keep it as that day's snapshot (replacing an earlier one)."""
    table = progress_table(cache, rules, day)
    write_snapshot(cache, table)
    return table


def write_snapshot(cache: Cache, table: ProgressTable) -> None:
    taken = dt.datetime.now().isoformat(sep=" ")
    day = table.as_of.isoformat()
    with raw_connection(cache) as conn:
        begin_immediate(conn)
        try:
            conn.execute("DELETE FROM progress_snapshots WHERE day = ?", (day,))
            conn.executemany(_INSERT, [(day, r.unit, r.kind, *(getattr(r.figures, f) for f in FIGURES), taken)
                                       for r in table.rows])
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def has_snapshot(cache: Cache, day: dt.date) -> bool:
    with raw_connection(cache) as conn:
        return conn.execute("SELECT 1 FROM progress_snapshots WHERE day = ? LIMIT 1", (day.isoformat(),)).fetchone() \
            is not None


def snapshot_table(cache: Cache, day: dt.date) -> ProgressTable | None:
    """A day's snapshot read back as a table, or None when that day has none."""
    with raw_connection(cache) as conn:
        found = conn.execute(f"SELECT unit, kind, {_COLUMNS} FROM progress_snapshots WHERE day = ?",
                             (day.isoformat(),)).fetchall()
    if not found:
        return None
    return table_from_rows(day, [ProgressRow(u, k, Figures(*values)) for u, k, *values in found])


def trend(cache: Cache, until: dt.date, days: int, unit: str | None = None,
          kind: str | None = None) -> tuple[TrendPoint, ...]:
    """The snapshots of the `days` days up to `until`, summed over the chosen unit and kind."""
    since = until - dt.timedelta(days=days - 1)
    clauses, params = ["day >= ?", "day <= ?"], [since.isoformat(), until.isoformat()]
    if unit is not None:
        clauses.append("unit = ?")
        params.append(unit)
    if kind is not None:
        clauses.append("kind = ?")
        params.append(kind)
    with raw_connection(cache) as conn:
        found = conn.execute(
            "SELECT day, sum(in_force), sum(new_format), sum(pending), sum(a_missing_info) FROM progress_snapshots "
            f"WHERE {' AND '.join(clauses)} GROUP BY day ORDER BY day", params).fetchall()
    return tuple(TrendPoint(dt.date.fromisoformat(d), int(f), int(n), int(p), int(a)) for d, f, n, p, a in found)


def pace(as_of: dt.date, pending: int, points: tuple[TrendPoint, ...], target: dt.date | None) -> Pace:
    """Certificates a day needed to finish by `target`, the pace of the trend's window, and where it leads."""
    days_left = (target - as_of).days if target is not None else None
    needed = None
    if days_left is not None:
        needed = float(pending) if days_left <= 0 else pending / days_left
    recent = None
    if len(points) >= 2:
        span = (points[-1].day - points[0].day).days
        if span > 0:
            recent = max(0.0, (points[-1].new_format - points[0].new_format) / span)
    finish = None
    if pending == 0:
        finish = as_of
    elif recent:
        finish = as_of + dt.timedelta(days=math.ceil(pending / recent))
    return Pace(as_of, target, pending, days_left, needed, recent, finish)
