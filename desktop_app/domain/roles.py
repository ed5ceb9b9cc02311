"""Roles and their permissions as data (resources/rules/roles.toml), loaded and checked at start-up.

A role's permissions are its own plus those of the roles it includes (supervisor includes counter).
An action a service checks must be declared, so a typo in code or data fails at start, not at the
counter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from desktop_app.domain.localized import Named, english_problem, localized
from desktop_app.domain.rules import ResourceError, read_toml

ROLES_FILE = "roles.toml"


@dataclass(frozen=True)
class Role(Named):
    code: str
    name: str  # Chinese (`label` is the UI's language)
    permissions: frozenset[str]
    name_en: str = ""


@dataclass(frozen=True)
class AccountPolicy:
    max_failed_attempts: int
    lockout_minutes: int
    min_password_length: int
    idle_lock_minutes: int


@dataclass(frozen=True)
class Roles:
    actions: dict[str, str]  # action → its Chinese label
    roles: dict[str, Role]  # in the file's order
    policy: AccountPolicy
    actions_en: dict[str, str] = field(default_factory=dict)  # action → its English label

    def allowed(self, role: str | None, action: str) -> bool:
        found = self.roles.get(role or "")
        return found is not None and action in found.permissions

    def roles_for(self, action: str) -> list[Role]:
        return [r for r in self.roles.values() if action in r.permissions]

    def label(self, action: str) -> str:
        """What a refusal calls the action, in the UI's language."""
        return localized(self.actions.get(action, action), self.actions_en.get(action, ""))


def _policy(path: Path, data: dict[str, Any]) -> AccountPolicy:
    section = data.get("accounts")
    if not isinstance(section, dict):
        raise ResourceError(path, None, "[accounts] is missing")
    values = {}
    for name in ("max_failed_attempts", "lockout_minutes", "min_password_length", "idle_lock_minutes"):
        value = section.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ResourceError(path, None, f"accounts.{name} must be a positive whole number")
        values[name] = value
    return AccountPolicy(**values)


def _role(path: Path, code: str, raw: object, actions: dict[str, str], done: dict[str, Role],
          pending: dict[str, Any], stack: tuple[str, ...]) -> Role:
    if code in done:
        return done[code]
    if code in stack:
        raise ResourceError(path, None, f"roles.{code} includes itself ({' → '.join((*stack, code))})")
    if not isinstance(raw, dict) or not isinstance(raw.get("label"), str) or not raw["label"].strip():
        raise ResourceError(path, None, f"roles.{code} needs a label")
    own = raw.get("permissions", [])
    includes = raw.get("includes", [])
    if not isinstance(own, list) or not all(isinstance(a, str) for a in own):
        raise ResourceError(path, None, f"roles.{code}.permissions must be a list of actions")
    unknown = sorted(set(own) - set(actions))
    if unknown:
        raise ResourceError(path, None, f"roles.{code}: unknown actions {unknown} (declare them in [actions])")
    permissions = set(own)
    for other in includes if isinstance(includes, list) else [includes]:
        if other not in pending:
            raise ResourceError(path, None, f"roles.{code} includes unknown role {other!r}")
        permissions |= _role(path, other, pending[other], actions, done, pending, (*stack, code)).permissions
    english = raw.get("label_en", "")
    if not isinstance(english, str) or english_problem(english):
        raise ResourceError(path, None, f"roles.{code}.label_en must be an English text")
    done[code] = Role(code, raw["label"].strip(), frozenset(permissions), english.strip())
    return done[code]


def load_roles(resources: Path) -> Roles:
    path = resources / "rules" / ROLES_FILE
    _text, data = read_toml(path)
    actions = data.get("actions")
    if not isinstance(actions, dict) or not actions or not all(isinstance(v, str) and v for v in actions.values()):
        raise ResourceError(path, None, "[actions] must name each action with a label")
    raw_roles = data.get("roles")
    if not isinstance(raw_roles, dict) or not raw_roles:
        raise ResourceError(path, None, "[roles] is missing")
    if "admin" not in raw_roles:
        raise ResourceError(path, None, "roles.admin is required (the first account is an admin)")
    done: dict[str, Role] = {}
    for code, raw in raw_roles.items():
        _role(path, code, raw, actions, done, raw_roles, ())
    if "accounts.manage" not in done["admin"].permissions:
        raise ResourceError(path, None, "roles.admin must have accounts.manage")
    return Roles(dict(actions), {code: done[code] for code in raw_roles}, _policy(path, data),
                 _actions_en(path, data, actions))


def _actions_en(path: Path, data: dict[str, Any], actions: dict[str, str]) -> dict[str, str]:
    """[actions_en]: optional, but when given it names each declared action in English, and only those."""
    english = data.get("actions_en", {})
    if not isinstance(english, dict) or not all(isinstance(v, str) and v and not english_problem(v)
                                                for v in english.values()):
        raise ResourceError(path, None, "[actions_en] must name actions with English texts")
    if english and set(english) != set(actions):
        differ = sorted(set(english) ^ set(actions))
        raise ResourceError(path, None, f"[actions_en] and [actions] name different actions: {differ}")
    return dict(english)


@lru_cache(maxsize=1)
def default_roles() -> Roles:
    from desktop_app.paths import resources_dir

    return load_roles(resources_dir())
