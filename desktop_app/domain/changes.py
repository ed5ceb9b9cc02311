"""A field-level change, old → new: what audit entries, outbox payloads and undo speak of."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str | None
    new: str | None

    def reverted(self) -> FieldChange:
        return FieldChange(self.field, self.new, self.old)
