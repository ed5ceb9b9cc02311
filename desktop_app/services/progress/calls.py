"""The supervisor's call list: per unit and enterprise, A holders still missing information and
pending certificates, with the first few of those holders (an enterprise's principals) and phones."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from desktop_app.domain.rules import Rules
from desktop_app.services.progress.conditions import ProgressSql, lit
from desktop_app.services.progress.figures import Contact, EnterpriseRow, unit_order
from desktop_app.services.progress.tables import INDEX_WHERE, resolve_unit
from desktop_app.store.engine import Cache, raw_connection

CONTACTS_PER_ENTERPRISE = 3
def enterprise_rows(cache: Cache, rules: Rules, as_of: dt.date, unit: str | None = None) -> list[EnterpriseRow]:
    """Per unit and enterprise: A holders still missing information, pending certificates, whom to call.

    Ordered by unit, then most A holders missing first, then most pending."""
    unit = resolve_unit(rules, unit)
    sql = ProgressSql(rules, as_of)
    # through the covering index (tables.INDEX_WHERE): the certificates' wide rows are never read
    where = f"{INDEX_WHERE} AND {sql.pending}" + (f" AND c.issuer_unit = {lit(unit)}" if unit is not None else "")
    missing = f"{sql.is_a} AND {sql.required_missing('p')}"
    with raw_connection(cache) as conn:
        counts = conn.execute(
            f"SELECT c.issuer_unit, p.enterprise_id, e.name, e.uscc, "
            f"count(DISTINCT CASE WHEN {missing} THEN p.id END), count(*) "
            f"FROM certificates c JOIN persons p ON p.id = c.person_id "
            f"LEFT JOIN enterprises e ON e.id = p.enterprise_id "
            f"WHERE {where} GROUP BY c.issuer_unit, p.enterprise_id").fetchall()
        contacts: dict[tuple[str, int | None], list[Contact]] = defaultdict(list)
        seen: set[tuple[str, int]] = set()
        for unit_name, enterprise_id, person_id, name, phone in conn.execute(
                f"SELECT c.issuer_unit, p.enterprise_id, p.id, p.name, p.phone FROM certificates c "
                f"JOIN persons p ON p.id = c.person_id WHERE {where} AND {missing} ORDER BY p.name, p.id"):
            key = (unit_name, enterprise_id)
            if len(contacts[key]) < CONTACTS_PER_ENTERPRISE and (unit_name, person_id) not in seen:
                seen.add((unit_name, person_id))
                contacts[key].append(Contact(name, phone))
    rows = [EnterpriseRow(u, e, name, uscc, int(m), int(n), tuple(contacts.get((u, e), ())))
            for u, e, name, uscc, m, n in counts]
    rows.sort(key=lambda r: (unit_order(r.unit, rules), -r.a_missing_persons, -r.pending_certificates,
                             r.enterprise is None, r.enterprise or ""))
    return rows

