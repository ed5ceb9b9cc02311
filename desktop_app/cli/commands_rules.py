"""check-rules: load and validate resources/rules, print what was loaded."""

from __future__ import annotations

import argparse

from desktop_app.cli.terminal import safe_text
from desktop_app.domain.roles import default_roles
from desktop_app.domain.rules import default_rules
from desktop_app.paths import resources_dir


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("check-rules", help="validate the rules files in resources/")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, _cli: object) -> int:
    rules = default_rules()
    print(f"rules OK: {safe_text(resources_dir() / 'rules')}")
    print(f"  {len(rules.work_types)} work types, {len(rules.units)} issuing units, "
          f"{len(rules.categories)} categories, {len(rules.states)} states")
    roles = default_roles()
    print(f"  {len(roles.roles)} roles ({', '.join(roles.roles)}), {len(roles.actions)} actions")
    return 0
