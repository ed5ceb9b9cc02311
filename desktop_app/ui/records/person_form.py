"""The person part of the edit dialog: one editor per editable field, its caption (required fields
starred, the A-certificate fields marked) and the reason beside it when the value is refused."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QGroupBox, QLabel, QLineEdit, QSizePolicy, QWidget

from desktop_app.domain.person_fields import CHOICE_FIELDS, EDITABLE_FIELDS, FIELD_LABELS, REQUIRED_FIELDS
from desktop_app.domain.rules import Rules
from desktop_app.ui.common.badges import BAD, WARN
from desktop_app.ui.common.labels import data_field
from desktop_app.ui.records.field_names import field_name

MONOSPACE_FIELDS = ("id_number", "employer_uscc")


def _clean(text: str) -> str | None:
    text = text.strip()
    return text or None


class PersonFields(QGroupBox):
    """个人信息: the editors of `EDITABLE_FIELDS`; `fieldChanged(field)` as the user types."""

    fieldChanged = Signal(str)

    def __init__(self, rules: Rules, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("个人信息"), parent)
        self.rules = rules
        self.holds_a = False
        self.editors: dict[str, QLineEdit | QComboBox] = {}
        self.reason_labels: dict[str, QLabel] = {}
        self.captions: dict[str, QLabel] = {}
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 2)
        for row, field in enumerate(EDITABLE_FIELDS):
            caption = QLabel()
            caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            editor = self._make_editor(field)
            editor.setObjectName(f"edit_{field}")
            if field != "gender":
                data_field(editor)  # a name, a number, an enterprise, a position: the record's data
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

    def _make_editor(self, field: str) -> QLineEdit | QComboBox:
        if field == "gender":
            box = QComboBox()
            box.addItem("", "")
            box.addItem(self.tr("男"), "男")  # stored as 男 / 女, shown in the UI's language
            box.addItem(self.tr("女"), "女")
            box.currentTextChanged.connect(lambda _t, f=field: self.fieldChanged.emit(f))
            return box
        if field in CHOICE_FIELDS:
            box = QComboBox()
            box.setEditable(True)
            box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            box.addItem("")
            box.addItems(list(self.rules.choices.get(CHOICE_FIELDS[field], ())))
            box.setMaxVisibleItems(15)
            box.currentTextChanged.connect(lambda _t, f=field: self.fieldChanged.emit(f))
            return box
        edit = QLineEdit()
        edit.setClearButtonEnabled(True)
        placeholders = {"id_number": self.tr("18 位身份证号"), "phone": self.tr("11 位手机号码"),
                        "employer_uscc": self.tr("18 位统一社会信用代码")}
        if field in placeholders:
            edit.setPlaceholderText(placeholders[field])
        if field in MONOSPACE_FIELDS:
            edit.setStyleSheet("font-family: monospace;")
        edit.textChanged.connect(lambda _t, f=field: self.fieldChanged.emit(f))
        return edit

    # --- filling ----------------------------------------------------------------------------

    def set_values(self, values: Mapping[str, str | None], holds_a: bool) -> None:
        """Show stored values (no `fieldChanged`); `holds_a` marks the A-certificate fields required."""
        self.holds_a = holds_a
        for field, editor in self.editors.items():
            editor.blockSignals(True)
            value = values.get(field) or ""
            if field == "gender" and isinstance(editor, QComboBox):
                if value and editor.findData(value) < 0:
                    editor.addItem(value, value)  # a stored value other than 男 / 女 stays as it is
                editor.setCurrentIndex(max(editor.findData(value), 0))
            elif isinstance(editor, QComboBox):
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

    def _caption(self, field: str) -> None:
        text = self.tr("{0}：").format(field_name(field, FIELD_LABELS[field]))
        a_field = self.holds_a and field in self.rules.a_required_fields
        caption = self.captions[field]
        if field in REQUIRED_FIELDS or a_field:
            caption.setText(f"<span style='color:{BAD.foreground}'>*</span> {text}")
        else:
            caption.setText(text)
        if a_field:
            caption.setStyleSheet(f"font-weight: bold; color: {WARN.foreground};")
            caption.setToolTip(self.tr("A 证持有人必填"))
        else:
            caption.setStyleSheet("")

    # --- reading and showing reasons --------------------------------------------------------

    def values(self) -> dict[str, str | None]:
        result: dict[str, str | None] = {}
        for field, editor in self.editors.items():
            if field == "gender" and isinstance(editor, QComboBox):
                text = str(editor.currentData() or "")
            else:
                text = editor.currentText() if isinstance(editor, QComboBox) else editor.text()
            result[field] = _clean(text)
        return result

    def show_reasons(self, reasons: Mapping[str, str]) -> None:
        """The reason beside each refused field; an empty A-certificate field is tinted as a reminder."""
        values = self.values()
        for field, label in self.reason_labels.items():
            reason = reasons.get(field, "")
            label.setText(reason)
            editor = self.editors[field]
            empty_a = self.holds_a and field in self.rules.a_required_fields and not values[field]
            if reason:
                editor.setStyleSheet(f"background: {BAD.background};")
            elif empty_a:
                editor.setStyleSheet(f"background: {WARN.background};")
            else:
                editor.setStyleSheet("font-family: monospace;" if field in MONOSPACE_FIELDS else "")
            editor.setToolTip(reason)

    def set_editable(self, editable: bool) -> None:
        for editor in self.editors.values():
            editor.setEnabled(editable)
