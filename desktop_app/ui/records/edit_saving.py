"""The edit dialog's save as work for the write thread: what the form hands over (a `SaveRequest`),
and what comes back (a `SaveOutcome`, which carries a refusal instead of raising it, so the dialog can
tell a partly written save, to reload, from one that wrote nothing)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from desktop_app.services.api.records import EditService
from desktop_app.services.changes import OpChanges, op_changes_of
from desktop_app.services.edits import CertificateDateEdit, SaveResult


@dataclass(frozen=True)
class SaveRequest:
    """Everything one save writes: the person's changed values (none: only dates or the photo), the
    certificates' dates, the reason, and a new photo or its removal."""

    person_id: int
    base_version: int
    values: Mapping[str, object]
    certificates: Sequence[CertificateDateEdit]
    reason: str
    photo: bytes | None = None
    remove_photo: bool = False


@dataclass(frozen=True)
class SaveOutcome:
    """What the save worker did: the saves that were written, and the error that stopped it (if any)."""

    results: tuple[SaveResult, ...]
    error: BaseException | None = None
    certificate_id: int | None = None  # the certificate whose save raised `error`

    @property
    def op_changes(self) -> OpChanges:
        """What was written (published on the change signal by the background-work helper)."""
        return op_changes_of(self.results)


def save_work(records: EditService, request: SaveRequest) -> Callable[[], SaveOutcome]:
    """The save, to run on the write thread: one transaction, the person and the dates together."""
    def work() -> SaveOutcome:
        try:
            return SaveOutcome(records.save_record(request.person_id, request.base_version, request.values,
                                                   request.certificates, request.reason, photo=request.photo,
                                                   remove_photo=request.remove_photo))
        except Exception as exc:  # reported on the GUI thread; nothing was written
            return SaveOutcome((), exc, getattr(exc, "certificate_id", None))
    return work
