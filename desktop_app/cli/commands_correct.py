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
from desktop_app.cli.terminal import guarded, safe_text
from desktop_app.domain.identity import check_resident_id
from desktop_app.errors import KnownError

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
            return f"{name.strip() or pair}: 不是可修改的字段（可用：{', '.join(FIELDS)}）"
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
        print(f"certdesk: 找不到身份证号为 {rid.value} 的人员", file=sys.stderr)
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
        print("没有变化")
        return 0
    print("已保存：" + "；".join(f"{_BACK.get(c.field, c.field)} {c.old or '（空）'} → {c.new or '（空）'}"
                                for c in result.changes) + "（待同步）")
    return 0
