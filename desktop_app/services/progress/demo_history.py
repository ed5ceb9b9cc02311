"""A demo workspace's past 30 days of progress snapshots, so its trend chart and pace have a line.

Synthetic, like every demo record (样本): the days before the fill are today's table with fewer
certificates converted, the same ones in force, shrinking evenly towards today's figures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from desktop_app.services.progress.figures import ProgressRow, ProgressTable
from desktop_app.services.progress.tables import table_from_rows

DAYS = 30
START_SHARE = 0.6  # the share of today's conversions already done 30 days ago


def history(today: ProgressTable, days: int = DAYS) -> list[ProgressTable]:
    """Tables for the `days - 1` days before `today.as_of`, oldest first."""
    tables = []
    for back in range(days - 1, 0, -1):
        share = START_SHARE + (1 - START_SHARE) * (days - 1 - back) / (days - 1)
        rows = [_earlier(row, share) for row in today.rows]
        tables.append(table_from_rows(today.as_of - dt.timedelta(days=back), rows))
    return tables


def _earlier(row: ProgressRow, share: float) -> ProgressRow:
    f = row.figures
    converted = round(f.new_format * share)
    not_yet = f.new_format - converted
    a_extra = round(not_yet * f.a_missing_info / f.pending) if f.pending else 0
    return ProgressRow(row.unit, row.kind, replace(f, new_format=converted, pending=f.pending + not_yet,
                                                   a_missing_info=f.a_missing_info + a_extra))
