"""history: `certdesk history ID_NUMBER [--json]` — every audited change of a person, newest first."""

from __future__ import annotations

import argparse
import sys

from desktop_app.cli.session import CliSession
from desktop_app.cli.terminal import guarded, json_text, render_table
from desktop_app.domain.identity import check_resident_id
from desktop_app.domain.person_fields import field_label
from desktop_app.errors import KnownError
from desktop_app.messages import msg
from desktop_app.services.history import HistoryEntry, source_label, value_label

HEADERS = tuple(msg(f"cli.history.column.{c}") for c in (
    "at", "operator", "record", "field", "old", "new", "reason", "source"))  # rendered when printed


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("history", help="the audited changes of one person, newest first")
    parser.add_argument("id_number", help="the person's resident ID number")
    parser.add_argument("--json", action="store_true", help="print a JSON array")
    parser.set_defaults(run=guarded(run))


def run(args: argparse.Namespace, cli: CliSession) -> int:
    rid = check_resident_id(args.id_number)
    if not rid:
        raise KnownError(rid.reason)
    records = cli.context().edits
    person_id = records.person_id_for(rid.value)
    if person_id is None:
        print(f"certdesk: {msg('cli.person_not_found', id_number=rid.value)}", file=sys.stderr)
        return 1
    entries = records.history(person_id)
    if args.json:
        print(json_text([_entry_json(e) for e in entries]))
    elif entries:
        # the table is read by people: coded values and the source in words (--json keeps the stored ones)
        print(render_table(HEADERS, [(e.at.isoformat(sep=" "), e.operator, e.entity_key, field_label(e.field or ''),
                                      value_label(e.field, e.old_value) or "", value_label(e.field, e.new_value) or "",
                                      e.reason or "", source_label(e.source))
                                     for e in entries]))
    else:
        print(msg("cli.history.none"))
    return 0


def _entry_json(entry: HistoryEntry) -> dict[str, str | None]:
    return {"at": entry.at.isoformat(), "operator": entry.operator, "entity": entry.entity,
            "entity_key": entry.entity_key, "field": entry.field, "field_label": entry.field_label,
            "old_value": entry.old_value, "new_value": entry.new_value, "reason": entry.reason,
            "source": entry.source}
