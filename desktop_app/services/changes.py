"""What a write changed (Anki's `OpChanges`): returned by every write, carried by one signal.

A service's write returns a result with an `op_changes` attribute (or an `OpChanges` itself); the
UI's background-work helper emits it on one application-wide signal after success, and each view
refreshes only what concerns it (a results row, the detail pane, the worklist rows, the summary).
Nobody emits refresh signals by hand.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class ChangeKind(StrEnum):
    RECORD = "record"  # person fields (name, ID, enterprise, position, title, …)
    PHOTO = "photo"
    CERTIFICATE = "certificate"  # a certificate's dates
    GENERATED = "generated"  # a new-format certificate was generated
    OUTBOX = "outbox"  # the queue of unsynced changes (undo, a save, a sync)
    PRINT_LOG = "print_log"
    SETTINGS = "settings"
    BULK = "bulk"  # an import, a demo fill or a sync: any record may have changed


@dataclass(frozen=True)
class OpChanges:
    person_ids: frozenset[int] = frozenset()
    certificate_ids: frozenset[int] = frozenset()
    kinds: frozenset[ChangeKind] = field(default_factory=frozenset)

    @classmethod
    def of(cls, kinds: Iterable[ChangeKind], person_ids: Iterable[int] = (),
           certificate_ids: Iterable[int] = ()) -> OpChanges:
        return cls(frozenset(person_ids), frozenset(certificate_ids), frozenset(kinds))

    @classmethod
    def bulk(cls) -> OpChanges:
        return cls(kinds=frozenset({ChangeKind.BULK}))

    def __bool__(self) -> bool:
        return bool(self.kinds)

    def __or__(self, other: OpChanges) -> OpChanges:
        return OpChanges(self.person_ids | other.person_ids, self.certificate_ids | other.certificate_ids,
                         self.kinds | other.kinds)

    @property
    def is_bulk(self) -> bool:
        return ChangeKind.BULK in self.kinds

    def touches_person(self, person_id: int) -> bool:
        return self.is_bulk or person_id in self.person_ids

    def touches_records(self) -> bool:
        """Whether any person or certificate data changed (what record views show)."""
        return bool(self.kinds - {ChangeKind.PRINT_LOG, ChangeKind.SETTINGS})


def merged(changes: Iterable[OpChanges]) -> OpChanges:
    result = OpChanges()
    for change in changes:
        result = result | change
    return result


def op_changes_of(result: object) -> OpChanges:
    """The changes a service result reports (none for a read); a tuple or list reports its items'."""
    if isinstance(result, OpChanges):
        return result
    if isinstance(result, tuple | list):
        return merged(op_changes_of(item) for item in result)
    found = getattr(result, "op_changes", None)
    return found if isinstance(found, OpChanges) else OpChanges()
