"""edit: the edit form's save from the command line — the same checks, audit entries and outbox entry.

    certdesk edit ID_NUMBER FIELD=VALUE [FIELD=VALUE ...] [--reason TEXT]
FIELD names are the record format's (docs/record-format.md): name, gender, id_number, phone, education,
major, position, title, employer.name, employer.uscc. An empty VALUE clears the field. A refused save
exits 1 with one `FIELD: reason` line per field.
"""

from __future__ import annotations

import argparse
import sys

from desktop_app.cli.session import CliSession
from desktop_app.cli.terminal import guarded, joined, safe_text
from desktop_app.domain.identity import check_resident_id
from desktop_app.errors import KnownError
from desktop_app.messages import msg

# record format → the edit form's names
FIELDS = {"name": "name", "gender": "gender", "id_number": "id_number", "phone": "phone", "education": "education",
          "major": "major", "position": "position", "title": "title", "employer.name": "employer_name",
          "employer.uscc": "employer_uscc"}
_BACK = {local: record for record, local in FIELDS.items()}


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("edit", help="correct a person's record (audited, queued for sync)")
    parser.add_argument("id_number")
    parser.add_argument("assignments", nargs="+", metavar="FIELD=VALUE")
    parser.add_argument("--reason", default="", help="why (kept in the history)")
    parser.set_defaults(run=guarded(run))


def _values(pairs: list[str]) -> dict[str, str | None] | str:
    values: dict[str, str | None] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or name.strip() not in FIELDS:
            return str(msg("cli.edit.not_a_field", field=name.strip() or pair, choices=", ".join(FIELDS)))
        values[FIELDS[name.strip()]] = value.strip() or None
    return values


def run(args: argparse.Namespace, cli: CliSession) -> int:
    values = _values(args.assignments)
    if isinstance(values, str):
        print(safe_text(values), file=sys.stderr)
        return 1
    rid = check_resident_id(args.id_number)
    if not rid:
        raise KnownError(rid.reason)
    edits = cli.context().edits
    person_id = edits.person_id_for(rid.value)
    if person_id is None:
        print(f"certdesk: {msg('cli.person_not_found', id_number=rid.value)}", file=sys.stderr)
        return 1
    from desktop_app.services.edits import ValidationFailed  # loaded when the command runs

    form = edits.load_form(person_id)
    try:
        result = edits.save_person(person_id, form.version, values, args.reason)
    except ValidationFailed as exc:
        for field, reason in exc.reasons.items():
            print(safe_text(f"{_BACK.get(field, field)}: {reason}"), file=sys.stderr)
        return 1
    if not result.changes:
        print(msg("cli.edit.no_change"))
        return 0
    empty = str(msg("cli.empty_value"))
    changes = joined((f"{_BACK.get(c.field, c.field)} {c.old or empty} → {c.new or empty}" for c in result.changes),
                     "cli.clause_separator")
    print(safe_text(msg("cli.edit.saved", changes=changes)))
    return 0
