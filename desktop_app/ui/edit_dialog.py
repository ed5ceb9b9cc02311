"""Edit one person: personal data, employer, the A-certificate fields, photo and certificate dates.

Validation runs as the user types, with the same checks the service runs again on save
(`domain.person_fields.check_person`): the reason shows in red beside the field and Save stays
disabled while anything is invalid or no reason (修改原因) is given. Saving runs on the single write
thread (`Op(..., writes=True)`); a refusal of the service (ValidationFailed) shows its reasons beside
the fields and nothing is written; a StaleRecord (the record changed meanwhile) says so and reloads.

Keys: Ctrl+S saves, Esc cancels (asking first when something was changed).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.person_fields import (
    CHOICE_FIELDS,
    EDITABLE_FIELDS,
    FIELD_LABELS,
    REQUIRED_FIELDS,
    certificate_date_reasons,
    check_person,
)
from desktop_app.domain.rules import Rules, default_rules
from desktop_app.errors import KnownError
from desktop_app.services import edits
from desktop_app.services.edits import CERT_DATE_FIELDS, PersonForm, SaveResult, StaleRecord, ValidationFailed
from desktop_app.store.engine import Cache
from desktop_app.ui.badges import BAD, WARN
from desktop_app.ui.operations import Op
from desktop_app.ui.photo_widget import PhotoWidget

NO_DATE = QDate(1900, 1, 1)  # the minimum of a date editor stands for "not filled in"
REASON_PRESETS = (
    "企业申请补充 A 证人员信息",
    "本人到窗口申请更正",
    "核对原始档案后更正",
    "电话核实后更正",
    "按省厅通知补充新版证书信息",
)


class CertificateDates(Protocol):
    """What the dialog needs of one certificate to correct its dates."""

    @property
    def id(self) -> int: ...
    @property
    def version(self) -> int: ...
    @property
    def number(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def first_issued(self) -> dt.date | None: ...
    @property
    def issued(self) -> dt.date | None: ...
    @property
    def valid_until(self) -> dt.date | None: ...


CertificateLoader = Callable[[Cache, int], Sequence[CertificateDates]]


@dataclass(frozen=True)
class SaveOutcome:
    """What the save worker did: the saves that were written, and the error that stopped it (if any)."""

    results: tuple[SaveResult, ...]
    error: BaseException | None = None
    certificate_id: int | None = None  # the certificate whose save raised `error`


def _clean(text: str) -> str | None:
    text = text.strip()
    return text or None


def _to_qdate(value: dt.date | None) -> QDate:
    return QDate(value.year, value.month, value.day) if value else NO_DATE


def _from_qdate(value: QDate) -> dt.date | None:
    if not value.isValid() or value <= NO_DATE:
        return None
    return dt.date(value.year(), value.month(), value.day())


class DateField(QDateEdit):
    """A date editor that can be empty ("未填写" at its minimum date)."""

    def __init__(self, value: dt.date | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(NO_DATE)
        self.setMaximumDate(QDate(2100, 12, 31))
        self.setSpecialValueText(self.tr("未填写"))
        self.setDate(_to_qdate(value))
        self.setMinimumWidth(120)

    def value(self) -> dt.date | None:
        return _from_qdate(self.date())

    def set_value(self, value: dt.date | None) -> None:
        self.setDate(_to_qdate(value))


class EditDialog(QDialog):
    """Edit one person (and the dates of their certificates)."""

    saved = Signal(object)  # set[int]: the person ids whose records changed
    reloaded = Signal()

    def __init__(self, cache: Cache, form: PersonForm, certificates: Sequence[CertificateDates], operator: str,
                 parent: QWidget | None = None, *, certificate_loader: CertificateLoader | None = None,
                 rules: Rules | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editDialog")
        self.cache = cache
        self.operator = operator
        self.rules = rules or default_rules()
        self.certificate_loader = certificate_loader
        self.form = form
        self.certificates: list[CertificateDates] = list(certificates)
        self.saving = False
        self.service_reasons: dict[str, str] = {}  # the service's refusal, shown until the field changes
        self.editors: dict[str, QLineEdit | QComboBox] = {}
        self.reason_labels: dict[str, QLabel] = {}
        self.captions: dict[str, QLabel] = {}
        self.cert_editors: dict[int, dict[str, DateField]] = {}
        self.cert_reason_labels: dict[int, QLabel] = {}
        self._save_op: Op | None = None
        self.setWindowTitle(self.tr("编辑人员信息 — {0}").format(form.values.get("name") or ""))
        self.setSizeGripEnabled(True)
        self._build()
        self._populate()
        self.resize(1080, 780)

    # --- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.title_label = QLabel()
        self.title_label.setObjectName("editTitle")
        self.title_label.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.a_note = QLabel(self.tr("持有 A 证（主要负责人）：“职务”和“技术职称”为必填项，补充后方可生成新版证书。"))
        self.a_note.setObjectName("aNote")
        self.a_note.setWordWrap(True)
        self.a_note.setStyleSheet(f"color: {WARN.foreground}; background: {WARN.background};"
                                  f" border: 1px solid {WARN.border}; border-radius: 4px; padding: 6px;")

        person_box = QGroupBox(self.tr("个人信息"))
        grid = QGridLayout(person_box)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 2)
        for row, field in enumerate(EDITABLE_FIELDS):
            caption = QLabel()
            caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            editor = self._make_editor(field)
            editor.setObjectName(f"edit_{field}")
            caption.setBuddy(editor)
            reason = QLabel()
            reason.setObjectName(f"reason_{field}")
            reason.setWordWrap(True)
            reason.setStyleSheet(f"color: {BAD.foreground};")
            reason.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            reason.setMinimumWidth(180)
            editor.setMinimumWidth(240)
            grid.addWidget(caption, row, 0)
            grid.addWidget(editor, row, 1)
            grid.addWidget(reason, row, 2)
            self.editors[field] = editor
            self.reason_labels[field] = reason
            self.captions[field] = caption
        grid.setRowStretch(len(EDITABLE_FIELDS), 1)

        photo_box = QGroupBox(self.tr("照片（1 寸，25×35 mm）"))
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
        top.addWidget(person_box, 3)
        top.addWidget(photo_box, 2)

        self.cert_box = QGroupBox(self.tr("证书日期"))
        self.cert_layout = QVBoxLayout(self.cert_box)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(self.a_note)
        body_layout.addLayout(top)
        body_layout.addWidget(self.cert_box)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)

        reason_row = QHBoxLayout()
        reason_caption = QLabel(self.tr("修改原因（必填）："))
        reason_caption.setStyleSheet("font-weight: bold;")
        self.reason_box = QComboBox()
        self.reason_box.setObjectName("changeReason")
        self.reason_box.setEditable(True)
        self.reason_box.addItems(list(REASON_PRESETS))
        self.reason_box.setCurrentIndex(-1)
        self.reason_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        line = self.reason_box.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("选择或填写修改原因，将记入修改记录"))
        self.reason_box.setMinimumWidth(360)
        reason_caption.setBuddy(self.reason_box)
        self.change_reason_label = QLabel()
        self.change_reason_label.setObjectName("reason_change")
        self.change_reason_label.setStyleSheet(f"color: {BAD.foreground};")
        reason_row.addWidget(reason_caption)
        reason_row.addWidget(self.reason_box, 1)
        reason_row.addWidget(self.change_reason_label, 1)

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
        layout.addLayout(reason_row)
        layout.addLayout(buttons)

        self.save_action = QAction(self.tr("保存"), self)
        self.save_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Save))
        self.save_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.addAction(self.save_action)
        self.save_action.triggered.connect(self.save)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        self.reason_box.currentTextChanged.connect(self._changed)
        self.photo.changed.connect(self._changed)

    def _make_editor(self, field: str) -> QLineEdit | QComboBox:
        if field == "gender":
            box = QComboBox()
            box.addItems(["", "男", "女"])
            box.currentTextChanged.connect(lambda _t, f=field: self._field_changed(f))
            return box
        if field in CHOICE_FIELDS:
            box = QComboBox()
            box.setEditable(True)
            box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            box.addItem("")
            box.addItems(list(self.rules.choices.get(CHOICE_FIELDS[field], ())))
            box.setMaxVisibleItems(15)
            box.currentTextChanged.connect(lambda _t, f=field: self._field_changed(f))
            return box
        edit = QLineEdit()
        edit.setClearButtonEnabled(True)
        placeholders = {"id_number": self.tr("18 位身份证号"), "phone": self.tr("11 位手机号码"),
                        "employer_uscc": self.tr("18 位统一社会信用代码")}
        if field in placeholders:
            edit.setPlaceholderText(placeholders[field])
        if field in ("id_number", "employer_uscc"):
            edit.setStyleSheet("font-family: monospace;")
        edit.textChanged.connect(lambda _t, f=field: self._field_changed(f))
        return edit

    def _cert_group(self, cert: CertificateDates) -> QWidget:
        frame = QFrame()
        frame.setObjectName("certDates")
        row = QGridLayout(frame)
        row.setContentsMargins(0, 2, 0, 2)
        category = self.rules.categories.get(cert.category)
        name = category.name if category else cert.category
        label = QLabel(f"{cert.number}（{name}）")
        label.setStyleSheet("font-weight: bold;")
        row.addWidget(label, 0, 0, 1, 6)
        editors: dict[str, DateField] = {}
        for column, (field, caption) in enumerate(CERT_DATE_FIELDS.items()):
            editor = DateField(getattr(cert, field))
            editor.setObjectName(f"cert_{cert.id}_{field}")
            editor.dateChanged.connect(lambda _d, c=cert.id: self._cert_changed(c))
            title = QLabel(self.tr(caption) + self.tr("："))
            title.setBuddy(editor)
            row.addWidget(title, 1, column * 2)
            row.addWidget(editor, 1, column * 2 + 1)
            editors[field] = editor
        row.setColumnStretch(6, 1)
        reason = QLabel()
        reason.setObjectName(f"certReason_{cert.id}")
        reason.setStyleSheet(f"color: {BAD.foreground};")
        reason.setWordWrap(True)
        row.addWidget(reason, 2, 0, 1, 7)
        self.cert_editors[cert.id] = editors
        self.cert_reason_labels[cert.id] = reason
        return frame

    # --- filling ----------------------------------------------------------------------------

    def _populate(self) -> None:
        """Show `self.form` and `self.certificates` (at open and after a reload)."""
        values = self.form.values
        self.title_label.setText(self.tr("{name}　{id}").format(name=values.get("name") or "",
                                                               id=values.get("id_number") or ""))
        self.a_note.setVisible(self.holds_a())
        for field, editor in self.editors.items():
            editor.blockSignals(True)
            value = values.get(field) or ""
            if isinstance(editor, QComboBox):
                if value and editor.findText(value) < 0:
                    editor.addItem(value)  # a legacy value not in today's list stays selectable
                if editor.isEditable():
                    editor.setCurrentText(value)
                else:
                    editor.setCurrentIndex(max(editor.findText(value), 0))
            else:
                editor.setText(value)
            editor.blockSignals(False)
            self._caption(field)
        while self.cert_layout.count():
            item = self.cert_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.cert_editors.clear()
        self.cert_reason_labels.clear()
        for cert in self.certificates:
            self.cert_layout.addWidget(self._cert_group(cert))
        self.cert_box.setVisible(bool(self.certificates))
        self.service_reasons.clear()
        self._changed()

    def _caption(self, field: str) -> None:
        text = self.tr(FIELD_LABELS[field])
        required = field in REQUIRED_FIELDS or (self.holds_a() and field in self.rules.a_required_fields)
        caption = self.captions[field]
        if required:
            caption.setText(f"<span style='color:{BAD.foreground}'>*</span> {text}：")
        else:
            caption.setText(text + self.tr("："))
        if self.holds_a() and field in self.rules.a_required_fields:
            caption.setStyleSheet(f"font-weight: bold; color: {WARN.foreground};")
            caption.setToolTip(self.tr("A 证持有人必填"))
        else:
            caption.setStyleSheet("")

    def holds_a(self) -> bool:
        return "A" in self.form.categories

    # --- reading the form -------------------------------------------------------------------

    def values(self) -> dict[str, str | None]:
        result: dict[str, str | None] = {}
        for field, editor in self.editors.items():
            text = editor.currentText() if isinstance(editor, QComboBox) else editor.text()
            result[field] = _clean(text)
        return result

    def changed_fields(self) -> list[str]:
        current = self.values()
        return [f for f in EDITABLE_FIELDS if current[f] != self.form.values.get(f)]

    def cert_values(self, cert_id: int) -> dict[str, dt.date | None]:
        return {f: editor.value() for f, editor in self.cert_editors[cert_id].items()}

    def changed_certificates(self) -> list[CertificateDates]:
        return [c for c in self.certificates
                if any(self.cert_values(c.id)[f] != getattr(c, f) for f in CERT_DATE_FIELDS)]

    def change_reason(self) -> str:
        return self.reason_box.currentText().strip()

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
        """Why a certificate's dates are refused; only a certificate the user changed is checked (it is
        the only one saved), so a stored order problem elsewhere does not block other corrections."""
        cert = next((c for c in self.certificates if c.id == cert_id), None)
        dates = self.cert_values(cert_id)
        if cert is None or all(dates[f] == getattr(cert, f) for f in CERT_DATE_FIELDS):
            return {}
        reasons = certificate_date_reasons(dates)
        for key, reason in self.service_reasons.items():
            owner, _, field = key.partition(":")
            if field and owner == str(cert_id):
                reasons.setdefault(field, reason)
        return reasons

    def problems(self) -> dict[str, str]:
        """Every reason that blocks saving, keyed by field (certificate fields as "id:field")."""
        problems = dict(self.field_reasons())
        for cert_id in self.cert_editors:
            for field, reason in self.cert_reasons(cert_id).items():
                problems[f"{cert_id}:{field}"] = reason
        if "photo" in self.service_reasons:
            problems["photo"] = self.service_reasons["photo"]
        return problems

    def _changed(self, *_args: Any) -> None:
        field_reasons = self.field_reasons()
        for field, label in self.reason_labels.items():
            reason = field_reasons.get(field, "")
            label.setText(reason)
            editor = self.editors[field]
            empty_a = self.holds_a() and field in self.rules.a_required_fields and not self.values()[field]
            if reason:
                editor.setStyleSheet(f"background: {BAD.background};")
            elif empty_a:
                editor.setStyleSheet(f"background: {WARN.background};")
            else:
                editor.setStyleSheet("font-family: monospace;" if field in ("id_number", "employer_uscc") else "")
            editor.setToolTip(reason)
        for cert_id, label in self.cert_reason_labels.items():
            reasons = self.cert_reasons(cert_id)
            label.setText("；".join(reasons.values()))
            for field, editor in self.cert_editors[cert_id].items():
                editor.setStyleSheet(f"background: {BAD.background};" if field in reasons else "")
        self.photo_reason.setText(self.service_reasons.get("photo", ""))
        self._update_save()

    def _update_save(self) -> None:
        problems = self.problems()
        dirty = self.dirty()
        reason_missing = dirty and not self.change_reason()
        self.change_reason_label.setText(self.tr("请填写修改原因") if reason_missing else "")
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
            status = self.tr("可以保存：{0}").format("、".join(self._changed_labels()))
        self.status_label.setText(status)
        self.status_label.setStyleSheet(f"color: {BAD.foreground};" if problems else "color: #555;")
        can_save = dirty and not problems and not reason_missing and not self.saving and not self.photo.busy()
        self.save_button.setEnabled(can_save)
        self.save_action.setEnabled(can_save)
        for editor in self.editors.values():
            editor.setEnabled(not self.saving)

    def _changed_labels(self) -> list[str]:
        labels = [FIELD_LABELS[f] for f in self.changed_fields()]
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
        cache, person_id, version = self.cache, self.form.person_id, self.form.version
        values = self.values()
        person_changed = bool(self.changed_fields()) or self.photo.dirty()
        photo, remove = self.photo.new_photo(), self.photo.remove_requested()
        cert_changes = [(c.id, c.version, self.cert_values(c.id)) for c in self.changed_certificates()]
        operator, reason = self.operator, self.change_reason()

        def work() -> SaveOutcome:
            edits_of_dates = [edits.CertificateDateEdit(cert_id, cert_version, dates)
                              for cert_id, cert_version, dates in cert_changes]
            try:  # one transaction: the person and the dates are saved together or not at all
                return SaveOutcome(edits.save_record(cache, person_id, version, values if person_changed else {},
                                                     edits_of_dates, operator, reason, photo=photo,
                                                     remove_photo=remove))
            except Exception as exc:  # reported on the GUI thread; nothing was written
                return SaveOutcome((), exc, getattr(exc, "certificate_id", None))

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
        if written:
            self.saved.emit({r.person_id for r in written})
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
        message = str(exc) if isinstance(exc, KnownError) else self.tr("保存时发生内部错误：{0}").format(exc)
        self._changed()
        QMessageBox.warning(self, self.tr("未保存"), message)
        if reload:
            self.reload()

    def reload(self) -> None:
        """Read the record again (after a stale save) and show it; the user's edits are dropped."""
        cache, person_id, loader = self.cache, self.form.person_id, self.certificate_loader

        def work() -> tuple[PersonForm, Sequence[CertificateDates]]:
            form = edits.load_person_form(cache, person_id)
            return form, (loader(cache, person_id) if loader is not None else ())

        self.saving = True
        self._update_save()
        Op(self, work).success(self._reloaded).failure(self._reload_failed).run()

    def _reloaded(self, loaded: tuple[PersonForm, Sequence[CertificateDates]]) -> None:
        self.saving = False
        self.form, certificates = loaded
        self.certificates = list(certificates) if self.certificate_loader is not None else self.certificates
        self.photo.original = self.form.photo
        self.photo.revert()
        self._populate()
        self.reloaded.emit()

    def _reload_failed(self, exc: BaseException) -> None:
        self.saving = False
        self._update_save()
        QMessageBox.warning(self, self.tr("无法重新载入"), str(exc))

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
