"""Corrections of a person's record: the edit form, its save, undo and history."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from desktop_app.domain.changes import FieldChange
from desktop_app.services import edits, history, undo
from desktop_app.services.edits import CertificateDateEdit, CertificateDatesForm, PersonForm, SaveResult
from desktop_app.services.history import HistoryEntry

if TYPE_CHECKING:
    from desktop_app.services.context import WorkspaceContext


class EditService:
    def __init__(self, ctx: WorkspaceContext) -> None:
        self.ctx = ctx

    def load_form(self, person_id: int) -> PersonForm:
        self.ctx.permit("view")
        return edits.load_person_form(self.ctx.cache, person_id)

    def load_certificate_dates(self, person_id: int) -> list[CertificateDatesForm]:
        self.ctx.permit("view")
        return edits.load_certificate_dates(self.ctx.cache, person_id)

    def save_record(self, person_id: int, base_version: int, values: Mapping[str, object],
                    certificates: Sequence[CertificateDateEdit] = (), reason: str = "",
                    photo: bytes | None = None, remove_photo: bool = False) -> tuple[SaveResult, ...]:
        """The edit form's save: the person and their certificates' dates, all or nothing."""
        actor = self.ctx.authorize("records.edit")
        return edits.save_record(self.ctx.cache, person_id, base_version, values, certificates, actor.name, reason,
                                 photo, remove_photo)

    def save_person(self, person_id: int, base_version: int, values: Mapping[str, object], reason: str = "",
                    photo: bytes | None = None, remove_photo: bool = False) -> SaveResult:
        actor = self.ctx.authorize("records.edit")
        return edits.save_person(self.ctx.cache, person_id, base_version, values, actor.name, reason, photo,
                                 remove_photo)

    def undo_last(self, person_id: int) -> SaveResult:
        actor = self.ctx.authorize("records.undo")
        return undo.undo_last(self.ctx.cache, person_id, actor.name)

    def peek_last(self, person_id: int) -> tuple[str, tuple[FieldChange, ...]] | None:
        return undo.peek_last(self.ctx.cache, person_id)

    def pending_changes(self, person_id: int) -> int:
        return edits.pending_changes(self.ctx.cache, person_id)

    def history(self, person_id: int) -> list[HistoryEntry]:
        self.ctx.permit("view")
        return history.history(self.ctx.cache, person_id)

    def person_id_for(self, id_number: str) -> int | None:
        return edits.person_id_for(self.ctx.cache, id_number)
