"""search: `certdesk search QUERY [--unit NAME] [--limit N] [--json]` — the search box, from a shell."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Sequence
from typing import Any

from desktop_app.cli.session import CliSession
from desktop_app.cli.terminal import contract_language, guarded, json_text, render_table
from desktop_app.domain.person_fields import gender_label
from desktop_app.messages import msg
from desktop_app.services.search_types import PersonHit, SearchFilters

HEADERS = tuple(msg(f"cli.search.column.{c}") for c in (  # rendered when printed
    "name", "gender", "id_number", "employer", "number", "new_number", "status", "valid_until", "issuer_unit"))


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("search", help="search persons by name, pinyin, ID, certificate number or QR text")
    parser.add_argument("query", help="what you would type into the search box")
    parser.add_argument("--unit", default=None, help="only certificates issued by this unit")
    parser.add_argument("--limit", type=_positive, default=50, help="at most N persons (default 50)")
    parser.add_argument("--json", action="store_true", help="print a JSON array, best match first")
    parser.set_defaults(run=guarded(run))


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def run(args: argparse.Namespace, cli: CliSession) -> int:
    search = cli.context().search
    with contract_language() if args.json else contextlib.nullcontext():  # `blocked` is part of the JSON
        page = search.search(args.query, SearchFilters(unit=args.unit), limit=args.limit)
    if args.json:
        print(json_text([hit_json(h) for h in page.hits]))
    elif page.hits:
        print(render_hits(page.hits))
    else:
        print(msg("cli.search.none"))
    return 0


def hit_json(hit: PersonHit) -> dict[str, Any]:
    """One person in the documented shape of `search --json`."""
    return {
        "id_number": hit.id_number, "name": hit.name, "gender": hit.gender, "employer": hit.employer,
        "certificates": [{
            "number": c.number, "new_number": c.new_number, "category": c.category, "work_type": c.work_type,
            "state": c.state, "status": c.status, "format": c.format,
            "valid_until": c.valid_until.isoformat() if c.valid_until else None, "issuer_unit": c.issuer_unit,
        } for c in hit.certificates],
        "blocked": list(hit.blocked),
    }


def _rows(hit: PersonHit) -> list[tuple[str, ...]]:
    """One line per certificate; the person's columns only on the first."""
    person = (hit.name, gender_label(hit.gender), hit.id_number, hit.employer or "")
    blank = ("",) * len(person)
    rows = [(*(person if i == 0 else blank), c.number, c.new_number if c.new_number != c.number else "",
             c.status_label, c.valid_until.isoformat() if c.valid_until else "", c.issuer_unit)
            for i, c in enumerate(hit.certificates)]
    return rows or [(*person, "", "", "", "", "")]


def render_hits(hits: Sequence[PersonHit]) -> str:
    return render_table(HEADERS, [row for hit in hits for row in _rows(hit)])
