"""The detail pane: everything about one person at a glance — the phone-inquiry answer line, the
unit's phone numbers, personal data, a card per certificate, and the record's history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QKeyEvent, QPixmap
from PySide6.QtWidgets import QFormLayout, QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from desktop_app.domain.answer import is_generated
from desktop_app.domain.rules import Rules
from desktop_app.messages import msg
from desktop_app.services.history import HistoryEntry
from desktop_app.services.search_types import PersonDetail
from desktop_app.ui.common.badges import BAD, GOOD, INFO, WARN
from desktop_app.ui.common.labels import data_field, selectable
from desktop_app.ui.records.history_view import HistorySection
from desktop_app.ui.workspace.certificate_card import CertificateCard
from desktop_app.ui.workspace.names import gender_name

PHOTO_SIZE = QSize(105, 147)  # 25 × 35 mm at 4.2 px/mm


def age(birth: dt.date, today: dt.date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


class DetailPane(QScrollArea):
    """Everything about one person: the phone-inquiry answer, contacts, personal data, certificates,
    the record's history; buttons to edit it and to undo its last unsynced change."""

    escapePressed = Signal()
    editRequested = Signal(int)  # person id (the 编辑 button, or Enter in the pane)
    undoRequested = Signal(int)  # person id
    certificateRequested = Signal(object)  # CertificateRef: preview / print it

    def __init__(self, rules: Rules, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rules = rules
        self.setObjectName("detailPane")
        self.setWidgetResizable(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMinimumWidth(360)
        self.detail: PersonDetail | None = None
        self.answer_label: QLabel | None = None
        self.contacts_label: QLabel | None = None
        self.edit_button: QPushButton | None = None
        self.undo_button: QPushButton | None = None
        self.history: HistorySection | None = None
        self.history_expanded = True  # kept from one person to the next
        # whether the signed-in role may do an action (ctx.can): greys the pane's buttons; set by sign-in
        self.permitted: Callable[[str], bool] = lambda _action: True
        self.show_placeholder(self.tr("输入姓名、拼音、身份证号、证书编号或企业名称，或直接扫描证书二维码"))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.escapePressed.emit()
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.detail is not None:
            self.editRequested.emit(self.detail.person_id)  # Enter → detail → Enter → edit
            event.accept()
            return
        super().keyPressEvent(event)

    def show_placeholder(self, text: str) -> None:
        self.detail = None
        self.answer_label = None
        self.contacts_label = None
        self.edit_button = None
        self.undo_button = None
        self.history = None
        body = QWidget()
        body.setObjectName("detailBody")
        layout = QVBoxLayout(body)
        label = QLabel(text)
        label.setObjectName("detailPlaceholder")
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setStyleSheet("color: #777; font-size: 11pt;")
        layout.addStretch(1)
        layout.addWidget(label)
        layout.addStretch(2)
        self.setWidget(body)

    def show_detail(self, detail: PersonDetail, photo: QImage | None, today: dt.date,
                    history: list[HistoryEntry] | None = None) -> None:
        """`history` None: it could not be read (the section says so)."""
        scroll = self.verticalScrollBar().value() if self.detail is not None and \
            self.detail.person_id == detail.person_id else 0
        self.detail = detail
        body = QWidget()
        body.setObjectName("detailBody")
        layout = QVBoxLayout(body)
        layout.setSpacing(10)
        layout.addLayout(self._header(detail, photo, today))
        layout.addLayout(self._actions(detail))
        layout.addWidget(self._answer(detail))
        if detail.contacts:
            layout.addWidget(self._contacts(detail))
        if detail.conflicts:
            conflict = QLabel(self.tr("同步冲突：{0} 个字段本地与省级不一致，请在“同步 → 冲突处理”中处理")
                              .format(detail.conflicts))
            conflict.setObjectName("conflictNote")
            conflict.setWordWrap(True)
            conflict.setStyleSheet(f"color: {BAD.foreground}; font-weight: bold;")
            layout.addWidget(conflict)
        if detail.unsynced_changes:
            note = QLabel(self.tr("本地有 {0} 项修改尚未同步到省系统").format(detail.unsynced_changes))
            note.setObjectName("unsyncedNote")
            note.setStyleSheet(f"color: {WARN.foreground};")
            layout.addWidget(note)
        layout.addWidget(self._section_title(self.tr("个人信息")))
        layout.addLayout(self._personal(detail))
        layout.addWidget(self._section_title(self.tr("证书（{0} 本）").format(len(detail.certificates))))
        for cert in detail.certificates:
            card = CertificateCard(detail.person_id, cert, self.rules, today)
            card.certificateRequested.connect(self.certificateRequested)
            for button in card.findChildren(QPushButton, "previewButton"):
                button.setEnabled(self.permitted("certs.print"))
            layout.addWidget(card)
        self.history = HistorySection(expanded=self.history_expanded)
        self.history.set_entries(history)
        self.history.toggled.connect(self._history_toggled)
        layout.addWidget(self.history)
        layout.addStretch(1)
        self.setWidget(body)
        if scroll:  # the same person refreshed (after a save): stay where the user was
            QTimer.singleShot(0, lambda: self.verticalScrollBar().setValue(scroll))

    def _history_toggled(self, expanded: bool) -> None:
        self.history_expanded = expanded

    def _actions(self, detail: PersonDetail) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(6)
        edit = QPushButton(self.tr("编辑… (Ctrl+E)"))
        edit.setObjectName("editButton")
        edit.setToolTip(self.tr("修改个人信息、A 证必填项、照片和证书日期（在详情中按回车也可）"))
        edit.setAutoDefault(False)
        edit.clicked.connect(lambda: self.editRequested.emit(detail.person_id))
        undo = QPushButton(self.tr("撤销上一次修改 (Ctrl+Z)"))
        undo.setObjectName("undoButton")
        undo.setAutoDefault(False)
        edit.setEnabled(self.permitted("records.edit"))
        undo.setEnabled(detail.unsynced_changes > 0 and self.permitted("records.undo"))
        undo.setToolTip(self.tr("只能撤销尚未同步到省系统的修改"))
        undo.clicked.connect(lambda: self.undoRequested.emit(detail.person_id))
        for button in (edit, undo):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.edit_button, self.undo_button = edit, undo
        pending = QLabel(self.tr("本地未同步修改：{0} 项").format(detail.unsynced_changes)
                         if detail.unsynced_changes else self.tr("无未同步修改"))
        pending.setObjectName("pendingCount")
        pending.setStyleSheet(f"color: {WARN.foreground};" if detail.unsynced_changes else "color: #888;")
        row.addWidget(edit)
        row.addWidget(undo)
        row.addWidget(pending)
        row.addStretch(1)
        return row

    # --- parts ------------------------------------------------------------------------------

    def _section_title(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setStyleSheet("font-weight: bold; font-size: 11pt; color: #333;"
                            " border-bottom: 1px solid #ccc; padding-top: 4px; padding-bottom: 2px;")
        return label

    def _header(self, detail: PersonDetail, photo: QImage | None, today: dt.date) -> QHBoxLayout:
        row = QHBoxLayout()
        picture = QLabel()
        picture.setObjectName("photoLabel")
        picture.setFixedSize(PHOTO_SIZE)
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        if photo is not None and not photo.isNull():
            pixmap = QPixmap.fromImage(photo)
            picture.setPixmap(pixmap)
            picture.setProperty("hasPhoto", True)
            picture.setStyleSheet("border: 1px solid #bbb; background: white;")
        else:
            picture.setText(self.tr("无照片"))
            picture.setProperty("hasPhoto", False)
            picture.setStyleSheet("border: 1px dashed #aaa; color: #888; background: #f6f6f6;")
        row.addWidget(picture, 0, Qt.AlignmentFlag.AlignTop)
        info = QVBoxLayout()
        name = data_field(selectable(QLabel(detail.name)))
        name.setObjectName("detailName")
        name.setStyleSheet("font-size: 18pt; font-weight: bold;")
        info.addWidget(name)
        facts = QLabel(self.tr("{gender} · {birth}（{age} 岁）").format(
            gender=gender_name(detail.gender), birth=detail.birth_date.isoformat(), age=age(detail.birth_date, today)))
        info.addWidget(facts)
        id_label = data_field(selectable(QLabel(detail.id_number)))
        id_label.setObjectName("detailIdNumber")
        id_label.setStyleSheet("font-family: monospace; font-size: 12pt;")
        info.addWidget(id_label)
        if detail.employer:
            info.addWidget(data_field(selectable(QLabel(detail.employer))))
        info.addStretch(1)
        row.addLayout(info, 1)
        return row

    def _answer(self, detail: PersonDetail) -> QLabel:
        if is_generated(detail.answer):
            tone = GOOD
        elif detail.answer.startswith(str(msg("answer.not_generated_because", reasons=""))):  # what blocks it
            tone = BAD
        else:
            tone = WARN
        text = detail.answer + (self.tr("（同步冲突待处理）") if detail.conflicts else "")
        label = selectable(QLabel(text))
        label.setObjectName("answerLabel")
        label.setWordWrap(True)
        label.setStyleSheet(
            f"QLabel#answerLabel {{ color: {tone.foreground}; background: {tone.background};"
            f" border: 1px solid {tone.border}; border-radius: 6px; padding: 8px;"
            " font-size: 13pt; font-weight: bold; }")
        self.answer_label = label
        return label

    def _contacts(self, detail: PersonDetail) -> QLabel:
        lines = []
        for contact in detail.contacts:
            phones = self.tr("；").join(contact.phones) or self.tr("（无电话）")
            lines.append(self.tr("☎ {unit}：{phones}").format(unit=contact.name, phones=phones))
        label = data_field(selectable(QLabel("\n".join(lines))))  # the units' names and phones
        label.setObjectName("contactsLabel")
        label.setWordWrap(True)
        label.setStyleSheet(f"color: {INFO.foreground}; font-size: 11pt;")
        label.setToolTip(self.tr("发证单位咨询电话"))
        self.contacts_label = label
        return label

    def _personal(self, detail: PersonDetail) -> QFormLayout:
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setHorizontalSpacing(12)
        required = set(self.rules.a_required_fields)
        has_a = any(c.category == "A" for c in detail.certificates)
        values: list[tuple[str, str, str | None]] = [
            ("phone", self.tr("手机号码"), detail.phone),
            ("education", self.tr("文化程度"), detail.education),
            ("major", self.tr("专业"), detail.major),
            ("employer", self.tr("工作单位"), detail.employer),
            ("employer_uscc", self.tr("统一社会信用代码"), detail.employer_uscc),
            ("position", self.tr("职务"), detail.position),
            ("title", self.tr("技术职称"), detail.title),
        ]
        for field_name, caption, value in values:
            if value:
                shown = data_field(selectable(QLabel(value)))
            elif has_a and field_name in required:
                shown = QLabel(self.tr("未填写（A 证必填）"))
                shown.setStyleSheet(f"color: {BAD.foreground}; font-weight: bold;")
            else:
                shown = QLabel(self.tr("未填写"))
                shown.setStyleSheet("color: #999;")
            shown.setWordWrap(True)
            form.addRow(caption + self.tr("："), shown)
        for caption, value in detail.extra.items():
            form.addRow(caption + self.tr("："), data_field(selectable(QLabel(value))))
        return form
