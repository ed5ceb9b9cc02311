"""Edit one person: personal data, employer, the A-certificate fields, photo and certificate dates.

Validation runs as the user types, with the same checks the service runs again on save
(`domain.person_fields.check_person`): the reason shows in red beside the field and Save stays
disabled while anything is invalid or no reason (修改原因) is given. Saving runs on the single write
thread (`Op(..., writes=True)`); a refusal of the service (ValidationFailed) shows its reasons beside
the fields and nothing is written; a StaleRecord (the record changed meanwhile) says so and reloads.

Keys: Ctrl+S saves, Esc cancels (asking first when something was changed).
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.person_fields import EDITABLE_FIELDS, FIELD_LABELS, check_person
from desktop_app.services.edits import (
    CERT_DATE_FIELDS,
    CertificateDateEdit,
    PersonForm,
    StaleRecord,
    ValidationFailed,
)
from desktop_app.ui.common.badges import BAD, WARN
from desktop_app.ui.common.errors import show_error
from desktop_app.ui.common.labels import data_field
from desktop_app.ui.common.operations import Op
from desktop_app.ui.records.cert_dates import CertificateDates, CertificateDatesBox, CertificateLoader
from desktop_app.ui.records.change_reason import ChangeReasonRow
from desktop_app.ui.records.edit_saving import SaveOutcome, SaveRequest, save_work
from desktop_app.ui.records.field_names import field_name
from desktop_app.ui.records.person_form import PersonFields
from desktop_app.ui.records.photo_widget import PhotoWidget

if TYPE_CHECKING:  # for annotations only
    from desktop_app.services.context import WorkspaceContext


class EditDialog(QDialog):
    """Edit one person (and the dates of their certificates)."""

    reloaded = Signal()

    def __init__(self, ctx: WorkspaceContext, form: PersonForm, certificates: Sequence[CertificateDates],
                 parent: QWidget | None = None, *, certificate_loader: CertificateLoader | None = None) -> None:
        """Saves go through `ctx.edits` as the context's actor; what they change reaches the views on
        the change signal (the background-work helper publishes it)."""
        super().__init__(parent)
        self.setObjectName("editDialog")
        self.records = ctx.edits
        self.rules = ctx.rules
        self.certificate_loader = certificate_loader
        self.form = form
        self.saving = False
        self.service_reasons: dict[str, str] = {}  # the service's refusal, shown until the field changes
        self._save_op: Op | None = None
        self.setWindowTitle(self.tr("编辑人员信息 — {0}").format(form.values.get("name") or ""))
        self.setSizeGripEnabled(True)
        self._build()
        self.dates.set_certificates(certificates)
        self._populate()
        self.resize(1080, 780)

    # --- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.title_label = data_field(QLabel())  # the person's name and ID number
        self.title_label.setObjectName("editTitle")
        self.title_label.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.a_note = QLabel(self.tr("持有 A 证（主要负责人）：“职务”和“技术职称”为必填项，补充后方可生成新版证书。"))
        self.a_note.setObjectName("aNote")
        self.a_note.setWordWrap(True)
        self.a_note.setStyleSheet(f"color: {WARN.foreground}; background: {WARN.background};"
                                  f" border: 1px solid {WARN.border}; border-radius: 4px; padding: 6px;")

        self.person_form = PersonFields(self.rules)
        self.person_form.fieldChanged.connect(self._field_changed)

        photo_box = QGroupBox(self.tr("照片（1 寸，25 × 35 mm）"))
        self.photo = PhotoWidget(self.form.photo)
        photo_layout = QVBoxLayout(photo_box)
        photo_layout.addWidget(self.photo)
        self.photo_reason = QLabel()
        self.photo_reason.setObjectName("reason_photo")
        self.photo_reason.setWordWrap(True)
        self.photo_reason.setStyleSheet(f"color: {BAD.foreground};")
        photo_layout.addWidget(self.photo_reason)
        photo_box.setMinimumWidth(360)

        top = QHBoxLayout()
        top.addWidget(self.person_form, 3)
        top.addWidget(photo_box, 2)

        self.dates = CertificateDatesBox(self.rules)
        self.dates.changed.connect(self._cert_changed)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(self.a_note)
        body_layout.addLayout(top)
        body_layout.addWidget(self.dates)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)

        self.reason_row = ChangeReasonRow()

        self.status_label = QLabel()
        self.status_label.setObjectName("editStatus")
        self.status_label.setWordWrap(True)
        self.save_button = QPushButton(self.tr("保存 (Ctrl+S)"))
        self.save_button.setObjectName("saveButton")
        self.save_button.setDefault(False)
        self.save_button.setAutoDefault(False)
        self.cancel_button = QPushButton(self.tr("取消 (Esc)"))
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.reason_row)
        layout.addLayout(buttons)

        self.save_action = QAction(self.tr("保存"), self)
        self.save_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Save))
        self.save_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.addAction(self.save_action)
        self.save_action.triggered.connect(self.save)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        self.reason_row.changed.connect(self._changed)
        self.photo.changed.connect(self._changed)

    # --- filling ----------------------------------------------------------------------------

    def _populate(self) -> None:
        """Show `self.form` (at open and after a reload)."""
        values = self.form.values
        self.title_label.setText(self.tr("{name}　{id}").format(name=values.get("name") or "",
                                                               id=values.get("id_number") or ""))
        self.a_note.setVisible(self.holds_a())
        self.person_form.set_values(values, self.holds_a())
        self.service_reasons.clear()
        self._changed()

    def holds_a(self) -> bool:
        return "A" in self.form.categories

    # --- reading the form -------------------------------------------------------------------

    def values(self) -> dict[str, str | None]:
        return self.person_form.values()

    def changed_fields(self) -> list[str]:
        current = self.values()
        return [f for f in EDITABLE_FIELDS if current[f] != self.form.values.get(f)]

    def changed_certificates(self) -> list[CertificateDates]:
        return self.dates.changed_certificates()

    def change_reason(self) -> str:
        return self.reason_row.text()

    def dirty(self) -> bool:
        return bool(self.changed_fields() or self.changed_certificates() or self.photo.dirty())

    # --- validation as you type -------------------------------------------------------------

    def _field_changed(self, field: str) -> None:
        self.service_reasons.pop(field, None)
        self._changed()

    def _cert_changed(self, cert_id: int) -> None:
        for field in CERT_DATE_FIELDS:
            self.service_reasons.pop(f"{cert_id}:{field}", None)
        self._changed()

    def field_reasons(self) -> dict[str, str]:
        """Why each person field is refused now (the service's checks, run here as the user types)."""
        _normalised, reasons = check_person(self.values(), self.form.categories, self.changed_fields(), self.rules)
        for field, reason in self.service_reasons.items():
            if ":" not in field:
                reasons.setdefault(field, reason)
        return reasons

    def cert_reasons(self, cert_id: int) -> dict[str, str]:
        """Why a certificate's dates are refused (as typed, and as the service said on the last save)."""
        refused = {}
        for key, reason in self.service_reasons.items():
            owner, _, field = key.partition(":")
            if field and owner == str(cert_id):
                refused[field] = reason
        return self.dates.reasons(cert_id, refused)

    def problems(self) -> dict[str, str]:
        """Every reason that blocks saving, keyed by field (certificate fields as "id:field")."""
        problems = dict(self.field_reasons())
        for cert_id in self.dates.editors:
            for field, reason in self.cert_reasons(cert_id).items():
                problems[f"{cert_id}:{field}"] = reason
        if "photo" in self.service_reasons:
            problems["photo"] = self.service_reasons["photo"]
        return problems

    def _changed(self, *_args: Any) -> None:
        self.person_form.show_reasons(self.field_reasons())
        for cert_id in self.dates.reason_labels:
            self.dates.show_reasons(cert_id, self.cert_reasons(cert_id))
        self.photo_reason.setText(self.service_reasons.get("photo", ""))
        self._update_save()

    def _update_save(self) -> None:
        problems = self.problems()
        dirty = self.dirty()
        reason_missing = dirty and not self.change_reason()
        self.reason_row.show_missing(reason_missing)
        if self.saving:
            status = self.tr("正在保存…")
        elif self.photo.busy():
            status = self.tr("正在处理照片…")
        elif problems:
            status = self.tr("有 {0} 处需要更正，更正后才能保存").format(len(problems))
        elif not dirty:
            status = self.tr("尚未修改")
        elif reason_missing:
            status = self.tr("请填写修改原因后保存")
        else:
            status = self.tr("可以保存：{0}").format(self.tr("、").join(self._changed_labels()))
        self.status_label.setText(status)
        self.status_label.setStyleSheet(f"color: {BAD.foreground};" if problems else "color: #555;")
        can_save = dirty and not problems and not reason_missing and not self.saving and not self.photo.busy()
        self.save_button.setEnabled(can_save)
        self.save_action.setEnabled(can_save)
        self.person_form.set_editable(not self.saving)

    def _changed_labels(self) -> list[str]:
        labels = [field_name(f, FIELD_LABELS[f]) for f in self.changed_fields()]
        if self.photo.dirty():
            labels.append(self.tr("照片"))
        labels.extend(self.tr("{0} 的日期").format(c.number) for c in self.changed_certificates())
        return labels

    def can_save(self) -> bool:
        return self.save_button.isEnabled()

    # --- saving -----------------------------------------------------------------------------

    def save(self) -> None:
        self._update_save()
        if not self.can_save():
            return
        records, person_id, version = self.records, self.form.person_id, self.form.version
        values = self.values()
        person_changed = bool(self.changed_fields()) or self.photo.dirty()
        photo, remove = self.photo.new_photo(), self.photo.remove_requested()
        cert_changes = [CertificateDateEdit(c.id, c.version, self.dates.values(c.id))
                        for c in self.changed_certificates()]
        reason = self.change_reason()

        work = save_work(records, SaveRequest(person_id, version, values if person_changed else {},
                                              cert_changes, reason, photo, remove))

        self.saving = True
        self._update_save()
        op = Op(self, work, writes=True)
        op.success(self._saved).failure(self._save_failed)
        self._save_op = op
        op.run()

    def _saved(self, outcome: SaveOutcome) -> None:
        self._save_op = None
        self.saving = False
        written = [r for r in outcome.results if r.changes]
        if outcome.error is None:
            self.accept_saved()
            return
        if written:  # part of it is written (the person); reload so the form shows what is stored
            self._show_error(outcome.error, outcome.certificate_id, reload=True)
        else:
            self._show_error(outcome.error, outcome.certificate_id)

    def _save_failed(self, exc: BaseException) -> None:
        self._save_op = None
        self.saving = False
        self._show_error(exc, None)

    def _show_error(self, exc: BaseException, certificate_id: int | None, *, reload: bool = False) -> None:
        if isinstance(exc, ValidationFailed):
            for field, reason in exc.reasons.items():
                key = f"{certificate_id}:{field}" if certificate_id is not None else field
                self.service_reasons[key] = reason
            self._changed()
            QMessageBox.warning(self, self.tr("未保存"), self.tr("保存被拒绝，没有写入任何修改：\n{0}").format(
                "\n".join(f"· {r}" for r in exc.reasons.values())))
            if reload:
                self.reload()
            return
        if isinstance(exc, StaleRecord):
            QMessageBox.information(self, self.tr("记录已被修改"), self.tr(
                "{0}\n\n在您编辑期间，这条记录已在别处被修改（另一个窗口、导入或同步）。"
                "将重新载入最新内容，请核对后重新修改。").format(exc))
            self.reload()
            return
        self._changed()
        show_error(self, exc, self.tr("未保存"))
        if reload:
            self.reload()

    def reload(self) -> None:
        """Read the record again (after a stale save) and show it; the user's edits are dropped."""
        records, person_id, loader = self.records, self.form.person_id, self.certificate_loader

        def work() -> tuple[PersonForm, Sequence[CertificateDates]]:
            return records.load_form(person_id), (loader(person_id) if loader is not None else ())

        self.saving = True
        self._update_save()
        Op(self, work).success(self._reloaded).failure(self._reload_failed).run()

    def _reloaded(self, loaded: tuple[PersonForm, Sequence[CertificateDates]]) -> None:
        self.saving = False
        self.form, certificates = loaded
        # the date editors show what is stored again (the user's edits are dropped, as for the person)
        self.dates.set_certificates(certificates if self.certificate_loader is not None else self.dates.certificates)
        self.photo.original = self.form.photo
        self.photo.revert()
        self._populate()
        self.reloaded.emit()

    def _reload_failed(self, exc: BaseException) -> None:
        self.saving = False
        self._update_save()
        show_error(self, exc, self.tr("无法重新载入"))

    def accept_saved(self) -> None:
        self.photo.shutdown()
        self.done(QDialog.DialogCode.Accepted)

    # --- cancel -----------------------------------------------------------------------------

    def reject(self) -> None:
        if self.saving:
            return  # the save finishes first
        if self.dirty():
            answer = QMessageBox.question(
                self, self.tr("放弃修改？"), self.tr("有尚未保存的修改。放弃这些修改并关闭吗？"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Discard:
                return
        self.photo.shutdown()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.saving:
            event.ignore()
            return
        super().closeEvent(event)  # QDialog calls reject(), which asks about unsaved changes
