"""What the progress window reads off the GUI thread: the table, the last sync, the trend of what is picked.

Plain functions over the progress service (no widget): `Op` runs them on a worker thread.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop_app.services.progress.figures import SPECIAL_PREFIX, ProgressTable, TrendPoint

if TYPE_CHECKING:
    from desktop_app.services.api.progress import ProgressService


SPECIAL_GROUP = "SPECIAL"  # the kind picker's "every special work type" (the filter's category SPECIAL)


def shown_kinds(table: ProgressTable, choice: str | None) -> tuple[str, ...]:
    """The kinds the picker's choice shows: every kind, the special ones, or one."""
    if choice is None:
        return table.kinds
    if choice == SPECIAL_GROUP:
        return tuple(k for k in table.kinds if k.startswith(SPECIAL_PREFIX))
    return (choice,)


def trend_kinds(table: ProgressTable, choice: str | None) -> tuple[str, ...] | None:
    """The kinds the trend sums (None: every kind, as the snapshots' totals have it)."""
    return None if choice is None else shown_kinds(table, choice)


@dataclass(frozen=True)
class Loaded:
    table: ProgressTable
    last_sync_at: dt.datetime | None
    points: tuple[TrendPoint, ...]
    trend_key: tuple[object, ...]  # what the points are of (days, unit, kinds, as-of)


def read_trend(progress: ProgressService, days: int, unit: str | None, kinds: Sequence[str] | None,
               until: dt.date) -> tuple[TrendPoint, ...]:
    """The daily points of one unit (None: every unit) over some kinds (None: every kind), summed per day."""
    if kinds is None:
        return progress.trend(days, unit, None, until)
    if len(kinds) == 1:
        return progress.trend(days, unit, kinds[0], until)
    by_day: dict[dt.date, list[int]] = {}
    for kind in kinds:
        for point in progress.trend(days, unit, kind, until):
            sums = by_day.setdefault(point.day, [0, 0, 0, 0])
            for i, value in enumerate((point.in_force, point.new_format, point.pending, point.a_missing_info)):
                sums[i] += value
    return tuple(TrendPoint(day, *sums) for day, sums in sorted(by_day.items()))


def read_all(progress: ProgressService, as_of: dt.date, days: int, unit: str | None, choice: str | None) -> Loaded:
    """Everything the window shows for one as-of day (the table of every unit: the unit picker filters it)."""
    table = progress.table(as_of)
    kinds = trend_kinds(table, choice)
    points = read_trend(progress, days, unit, kinds, as_of)
    return Loaded(table, progress.last_sync_at(), points, (days, unit, kinds, as_of))
