"""The progress table: every figure of every unit × kind in one pass over the certificates.

The scan reads the covering index ix_certificates_progress (migration 0009) in its own order and
groups by its first five columns (unit, printed category, work type, state, format), so SQLite
streams without sorting and never reads the wide certificate rows. Within such a group the state and
the format are fixed, so the SQL only counts what depends on each row's dates (valid until, generated
on), and `_figures` turns those counts into the figures with the rules of conditions.py. The holder's
row is read only for pending A certificates, inside CASE. Two small queries go the other way round:
the holders with a photo and those with unsynced changes are few, and their certificates are found
through the person index.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from desktop_app.domain.rules import Rules
from desktop_app.errors import KnownError
from desktop_app.messages import joined, msg
from desktop_app.services.progress.conditions import ProgressSql, kind_of, lit
from desktop_app.services.progress.figures import Figures, ProgressRow, ProgressTable, kind_order, summed, unit_order
from desktop_app.store.engine import Cache, raw_connection

# The partial index's WHERE (migration 0009), word for word, so SQLite may read it; no other query
# writes it, so no other query's plan changes.
INDEX_WHERE = "length(c.issuer_unit) >= 0"


def resolve_unit(rules: Rules, name: str | None) -> str | None:
    """The unit's canonical name (aliases accepted), or a clear refusal naming the known ones."""
    if name is None:
        return None
    unit = rules.unit(name)
    if unit is None:
        raise KnownError(msg("search.unknown_unit", unit=name, choices=joined(u.name for u in rules.units)))
    return unit.name


def _table_sql(sql: ProgressSql, unit: str | None) -> str:
    day, next_day, horizon = sql.day_lit, sql.next_day_lit, sql.horizon_lit
    a_pending = f"{sql.is_a} AND {sql.pending}"  # the category first: most rows stop there

    def holder_lacks(condition: str) -> str:
        return (f"sum(CASE WHEN {a_pending} THEN (SELECT {condition} FROM persons pp WHERE pp.id = c.person_id) "
                "END)")

    where = f" WHERE {INDEX_WHERE}" + (f" AND c.issuer_unit = {lit(unit)}" if unit is not None else "")
    return f"""
        SELECT c.issuer_unit, c.category, c.work_type_new_code, c.state, c.format, count(*),
               sum(c.valid_until >= {day}),
               sum(c.valid_until >= {day} AND c.valid_until <= {horizon}),
               sum(c.valid_until >= {day} AND c.new_generated_at >= {next_day}),
               sum(c.valid_until >= {day} AND c.new_generated_at < {next_day}),
               {holder_lacks(sql.required_missing('pp'))},
               {holder_lacks(sql.field_missing('position', 'pp'))},
               {holder_lacks(sql.field_missing('title', 'pp'))}
        FROM certificates c{where}
        GROUP BY c.issuer_unit, c.category, c.work_type_new_code, c.state, c.format"""


def _photo_sql(sql: ProgressSql, unit: str | None) -> str:
    """Pending certificates whose holder has a photo, per group: from the photos' side (few holders
    have one), each looked up through the person index, instead of a photo lookup per pending row."""
    # `+`: the unit must not pick the unit index for the inner loop (a unit's every certificate per photo)
    where = f" AND +c.issuer_unit = {lit(unit)}" if unit is not None else ""
    return (f"SELECT c.issuer_unit, c.category, c.work_type_new_code, c.state, c.format, count(*) "
            f"FROM photos ph CROSS JOIN certificates c ON c.person_id = ph.person_id "
            f"WHERE {sql.pending}{where} GROUP BY 1, 2, 3, 4, 5")


def _figures(sql: ProgressSql, state: str, fmt: str, counts: list[int], with_photo: int) -> Figures:
    """One (state, format) group's figures from its row counts (the definitions of conditions.py)."""
    total, from_day, expiring, generated_later, generated_by, a_missing, no_position, no_title = counts
    by_state = {name: total if state == name else 0 for name in ("suspended", "revoked", "cancelled")}
    if state not in sql.calendar_states:
        return Figures(total=total, expired=total if state in sql.expired_states else 0, **by_state)
    in_force = from_day  # valid_until >= as-of (NULL counts nowhere: expired)
    new = in_force - generated_later if fmt == "new" else generated_by
    pending = in_force - new
    return Figures(total=total, in_force=in_force, new_format=new, pending=pending, a_missing_info=a_missing,
                   missing_position=no_position, missing_title=no_title, missing_photo=pending - with_photo,
                   expiring_90d=expiring, expired=total - in_force, **by_state)


def _unsynced_sql(sql: ProgressSql, unit: str | None) -> str:
    """The certificates of holders with unsynced changes: few, found through the person index."""
    where = f" AND c.issuer_unit = {lit(unit)}" if unit is not None else ""
    return (f"SELECT c.issuer_unit, c.category, c.work_type_new_code, count(*) FROM certificates c "
            f"WHERE {sql.unsynced}{where} GROUP BY 1, 2, 3")


def progress_table(cache: Cache, rules: Rules, as_of: dt.date, unit: str | None = None) -> ProgressTable:
    """Every figure per unit × kind present in the cache (of one unit, when given), with the totals."""
    unit = resolve_unit(rules, unit)
    sql = ProgressSql(rules, as_of)
    cells: dict[tuple[str, str], Figures] = defaultdict(Figures)
    with raw_connection(cache) as conn:
        # No mmap: the scan would be ~15 % faster, but every page it maps counts in the process's resident
        # memory (371 MB after the first sync of 1,000,000 persons, whose snapshot runs this) and stays
        # mapped on the pooled connection.
        photos = {tuple(group): int(n) for *group, n in conn.execute(_photo_sql(sql, unit))}
        for group in conn.execute(_table_sql(sql, unit)).fetchall():
            unit_name, category, work_type, state, fmt, *counts = group
            key = (unit_name, kind_of(category, work_type, rules))
            figures = _figures(sql, state, fmt, [int(v or 0) for v in counts], photos.get(tuple(group[:5]), 0))
            cells[key] = cells[key] + figures
        for unit_name, category, work_type, count in conn.execute(_unsynced_sql(sql, unit)):
            key = (unit_name, kind_of(category, work_type, rules))
            cells[key] = cells[key] + Figures(unsynced=int(count))
    rows = sorted((ProgressRow(u, k, f) for (u, k), f in cells.items()),
                  key=lambda r: (unit_order(r.unit or "", rules), kind_order(r.kind or "")))
    return table_from_rows(as_of, rows)


def table_from_rows(as_of: dt.date, rows: list[ProgressRow]) -> ProgressTable:
    """The table with its unit, kind and overall totals (also for a snapshot read back)."""
    by_unit: dict[str, list[Figures]] = defaultdict(list)
    by_kind: dict[str, list[Figures]] = defaultdict(list)
    for row in rows:
        by_unit[row.unit or ""].append(row.figures)
        by_kind[row.kind or ""].append(row.figures)
    unit_totals = tuple(ProgressRow(u, None, summed(f)) for u, f in by_unit.items())
    kind_totals = tuple(ProgressRow(None, k, summed(by_kind[k])) for k in sorted(by_kind, key=kind_order))
    return ProgressTable(as_of, tuple(rows), unit_totals, kind_totals, summed(r.figures for r in rows))
