"""The per-field merge of one change against the server's values (pure: no database).

For each field the change names: server value = old → apply new; = new → already so; anything else
→ a conflict. A change with any conflict applies nothing (all-or-nothing); one whose every field is
already at its new value was applied before (or by someone else): a duplicate.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from desktop_app.sync.protocol import FieldValue


class Outcome(StrEnum):
    APPLY = "apply"
    ALREADY = "already"
    CONFLICT = "conflict"


@dataclass(frozen=True)
class FieldMerge:
    field: str
    outcome: Outcome
    base: str | None
    yours: str | None
    theirs: str | None


@dataclass(frozen=True)
class Merge:
    fields: tuple[FieldMerge, ...]

    @property
    def conflicts(self) -> tuple[FieldMerge, ...]:
        return tuple(f for f in self.fields if f.outcome is Outcome.CONFLICT)

    @property
    def to_apply(self) -> dict[str, str | None]:
        return {f.field: f.yours for f in self.fields if f.outcome is Outcome.APPLY and f.base != f.yours}

    @property
    def already_applied(self) -> bool:
        return not self.conflicts and not self.to_apply


def _same(a: str | None, b: str | None) -> bool:
    return (a or None) == (b or None)  # "" and null are one value, as in the record format


def merge(current: Mapping[str, str | None], changes: Sequence[FieldValue]) -> Merge:
    results = []
    for change in changes:
        theirs = current.get(change.field)
        if _same(theirs, change.old):
            outcome = Outcome.ALREADY if _same(change.old, change.new) else Outcome.APPLY
        elif _same(theirs, change.new):
            outcome = Outcome.ALREADY
        else:
            outcome = Outcome.CONFLICT
        results.append(FieldMerge(change.field, outcome, change.old or None, change.new or None, theirs or None))
    return Merge(tuple(results))


def apply(current: Mapping[str, str | None], changes: Sequence[FieldValue]) -> tuple[Merge, dict[str, str | None]]:
    """The merge and the values after it (unchanged when it conflicts): what the property tests drive."""
    result = merge(current, changes)
    if result.conflicts:
        return result, dict(current)
    return result, {**current, **result.to_apply}
