"""The counter / phone-inquiry workspace: one search box, a filter bar, the results and a detail pane.

Keyboard first:
- the search box has the focus at start; Ctrl+F returns to it from anywhere in the window;
- typing searches at once, with at most one search in flight: a key pressed while one runs is
  answered as soon as it returns (newest text wins). Keys that come faster than a person types
  (a handheld scanner) and QR-like text wait for a short pause (debounce) or for Enter;
  Enter searches at once and opens the best match;
- Up/Down/PageUp/PageDown in the box move through the results, the detail follows the current row;
- Enter on a row opens the person (detail pane gets the focus); Esc in the detail pane goes back to
  the results, Esc in the box or the results clears the search for the next walk-in.

Everything that reads the cache runs through `Op` on a worker thread; callbacks touch the widgets.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Collection, Mapping
from typing import Any, Protocol

from PySide6.QtCore import QModelIndex, QPoint, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QImage, QKeyEvent, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.answer import GENERATED
from desktop_app.domain.qrtext import looks_like_qr
from desktop_app.domain.rules import Rules, default_rules
from desktop_app.domain.status import STATUS_LABELS, Status
from desktop_app.errors import KnownError
from desktop_app.services.edits import HistoryEntry
from desktop_app.services.search_types import CertificateSummary, PersonDetail, PersonHit, SearchFilters, SearchPage
from desktop_app.ui.badges import (
    BAD,
    GOOD,
    INFO,
    WARN,
    Badge,
    Tone,
    format_label,
    format_tone,
    status_tone,
)
from desktop_app.ui.history_view import HistorySection
from desktop_app.ui.operations import Op
from desktop_app.ui.search_model import Column, PersonIdRole, SearchResultsModel
from desktop_app.ui.tables import setup_record_table

DEBOUNCE_MS = 150  # pause after machine-speed keys (a scanner) before searching without Enter
BURST_MS = 25  # keys closer than this come from a scanner, not from a person
DETAIL_FOLLOW_MS = 60  # the detail follows the current row after this pause (arrow keys held down)
PHOTO_SIZE = QSize(105, 147)  # 25 × 35 mm at 4.2 px/mm
SETTINGS_GROUP = "workspace"
LAYOUT_VERSION = 1  # raise when the columns change: a saved header state of other columns is ignored
DEFAULT_HIDDEN = (Column.ISSUER, Column.UNSYNCED)
DEFAULT_WIDTHS = {Column.NAME: 72, Column.GENDER: 40, Column.ID_NUMBER: 150, Column.EMPLOYER: 150,
                  Column.CERTIFICATES: 200, Column.STATUS: 90, Column.NEW_CERT: 100, Column.VALID_UNTIL: 90,
                  Column.CATEGORY: 120, Column.ISSUER: 170, Column.UNSYNCED: 70}


class WorkspaceService(Protocol):
    """What the workspace needs of `desktop_app.services.search.SearchService`."""

    def search(self, query: str, filters: SearchFilters = ..., offset: int = 0, limit: int = 50,
               today: dt.date | None = None) -> SearchPage: ...

    def person_detail(self, person_id: int, today: dt.date | None = None) -> PersonDetail | None: ...

    def units(self) -> list[str]: ...


def _selectable(label: QLabel) -> QLabel:
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                  | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    return label


class SearchBox(QLineEdit):
    """The search line: navigation keys go to the results, Esc asks for a clear."""

    navigate = Signal(int)  # a Qt.Key the results should act on
    escapePressed = Signal()

    NAV_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in self.NAV_KEYS and event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                                                   Qt.KeyboardModifier.KeypadModifier):
            self.navigate.emit(event.key())
            event.accept()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.escapePressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class ResultsTable(QTableView):
    """The results: Esc asks for a clear, printable keys go to the search box (Enter: `activated`)."""

    escapePressed = Signal()
    typed = Signal(str)  # text typed while the results had the focus

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.escapePressed.emit()
            event.accept()
            return
        text = event.text()
        plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier)
        if plain and text and text.isprintable() and not text.isspace():
            self.typed.emit(text)
            event.accept()
            return
        super().keyPressEvent(event)


class DetailPane(QScrollArea):
    """Everything about one person: the phone-inquiry answer, contacts, personal data, certificates,
    the record's history; buttons to edit it and to undo its last unsynced change."""

    escapePressed = Signal()
    editRequested = Signal(int)  # person id (the 编辑 button, or Enter in the pane)
    undoRequested = Signal(int)  # person id
    certificateRequested = Signal(int, str)  # person id, new-format number: preview / print it

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
        if detail.unsynced_changes:
            note = QLabel(self.tr("本地有 {0} 项修改尚未同步到省系统").format(detail.unsynced_changes))
            note.setObjectName("unsyncedNote")
            note.setStyleSheet(f"color: {WARN.foreground};")
            layout.addWidget(note)
        layout.addWidget(self._section_title(self.tr("个人信息")))
        layout.addLayout(self._personal(detail))
        layout.addWidget(self._section_title(self.tr("证书（{0} 本）").format(len(detail.certificates))))
        for cert in detail.certificates:
            layout.addWidget(self._certificate(cert, today))
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
        undo.setEnabled(detail.unsynced_changes > 0)
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
        name = _selectable(QLabel(detail.name))
        name.setObjectName("detailName")
        name.setStyleSheet("font-size: 18pt; font-weight: bold;")
        info.addWidget(name)
        age = _age(detail.birth_date, today)
        facts = QLabel(self.tr("{gender} · {birth}（{age} 岁）").format(
            gender=detail.gender, birth=detail.birth_date.isoformat(), age=age))
        info.addWidget(facts)
        id_label = _selectable(QLabel(detail.id_number))
        id_label.setObjectName("detailIdNumber")
        id_label.setStyleSheet("font-family: monospace; font-size: 12pt;")
        info.addWidget(id_label)
        if detail.employer:
            info.addWidget(_selectable(QLabel(detail.employer)))
        info.addStretch(1)
        row.addLayout(info, 1)
        return row

    def _answer(self, detail: PersonDetail) -> QLabel:
        if detail.answer.startswith(GENERATED):
            tone = GOOD
        elif "原因" in detail.answer:
            tone = BAD
        else:
            tone = WARN
        label = _selectable(QLabel(detail.answer))
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
            phones = "；".join(contact.phones) or self.tr("（无电话）")
            lines.append(self.tr("☎ {unit}：{phones}").format(unit=contact.name, phones=phones))
        label = _selectable(QLabel("\n".join(lines)))
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
                shown = _selectable(QLabel(value))
            elif has_a and field_name in required:
                shown = QLabel(self.tr("未填写（A 证必填）"))
                shown.setStyleSheet(f"color: {BAD.foreground}; font-weight: bold;")
            else:
                shown = QLabel(self.tr("未填写"))
                shown.setStyleSheet("color: #999;")
            shown.setWordWrap(True)
            form.addRow(caption + self.tr("："), shown)
        for caption, value in detail.extra.items():
            form.addRow(caption + self.tr("："), _selectable(QLabel(value)))
        return form

    def _category_text(self, cert: CertificateSummary) -> str:
        category = self.rules.categories.get(cert.category)
        if cert.category == "SPECIAL":
            name = category.name if category else self.tr("特种作业")
            if cert.work_type_name:
                return f"{name} · {cert.work_type_name}（{cert.work_type}）"
            return name
        return f"{cert.category} · {category.name}" if category else cert.category

    def _certificate(self, cert: CertificateSummary, today: dt.date) -> QFrame:
        card = QFrame()
        card.setObjectName("certificateCard")
        tone = status_tone(cert.status)
        card.setStyleSheet(f"QFrame#certificateCard {{ border: 1px solid #d0d0d0; border-left: 4px solid"
                           f" {tone.border}; border-radius: 4px; background: #fcfcfc; }}")
        layout = QVBoxLayout(card)
        layout.setSpacing(4)
        top = QHBoxLayout()
        number = _selectable(QLabel(cert.number))
        number.setObjectName("certNumber")
        number.setStyleSheet("font-weight: bold; font-size: 11pt;")
        top.addWidget(number)
        top.addStretch(1)
        badges: list[Badge] = [Badge(format_label(cert.format), format_tone(cert.format)),
                               Badge(cert.status_label, status_tone(cert.status))]
        if cert.new_generated:  # generated here: the row is in the new format now
            badges.append(Badge(self.tr("新版已生成"), GOOD))
        elif cert.format == "old":
            badges.append(Badge(self.tr("新版未生成"), WARN))
        if cert.blockers:
            badges.append(Badge(self.tr("受阻"), BAD, tooltip="\n".join(cert.blockers)))
        for badge in badges:
            top.addWidget(badge)
        layout.addLayout(top)
        form = QFormLayout()
        form.setHorizontalSpacing(10)
        form.setVerticalSpacing(2)
        new_number = _selectable(QLabel(cert.new_number))
        new_number.setObjectName("certNewNumber")
        if cert.new_number != cert.number:
            new_number.setStyleSheet(f"color: {INFO.foreground}; font-weight: bold;")
        form.addRow(self.tr("新版编号："), new_number)
        form.addRow(self.tr("类别："), QLabel(self._category_text(cert)))
        form.addRow(self.tr("有效期至："), self._valid_until(cert, today))
        form.addRow(self.tr("发证单位："), _selectable(QLabel(cert.issuer_unit)))
        layout.addLayout(form)
        if cert.blockers:
            reasons = QLabel(self.tr("不能生成新版证书：{0}").format("；".join(cert.blockers)))
            reasons.setObjectName("certBlockers")
            reasons.setWordWrap(True)
            reasons.setStyleSheet(f"color: {BAD.foreground};")
            layout.addWidget(reasons)
        layout.addLayout(self._certificate_actions(cert))
        return card

    def _certificate_actions(self, cert: CertificateSummary) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addStretch(1)
        button = QPushButton(self.tr("预览/打印新版证书…") if cert.new_generated or cert.format == "new"
                             else self.tr("生成/预览新版证书…"))
        button.setObjectName("previewButton")
        button.setProperty("certNumber", cert.new_number)
        button.setAutoDefault(False)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.setToolTip(self.tr("按实际尺寸预览新版证书，生成、打印或另存为 PDF（Ctrl+Shift+P：第一本可生成的证书）"))
        detail = self.detail
        if detail is not None:
            person_id = detail.person_id
            button.clicked.connect(lambda: self.certificateRequested.emit(person_id, cert.new_number))
        row.addWidget(button)
        return row

    def _valid_until(self, cert: CertificateSummary, today: dt.date) -> QLabel:
        if cert.valid_until is None:
            return QLabel(self.tr("无"))
        text = cert.valid_until.isoformat()
        days = (cert.valid_until - today).days
        tone: Tone | None = None
        if cert.status == Status.EXPIRING.value:
            text += self.tr("（还有 {0} 天到期）").format(days)
            tone = WARN
        elif days < 0:
            text += self.tr("（已过期 {0} 天）").format(-days)
            tone = BAD
        label = QLabel(text)
        if tone is not None:
            label.setStyleSheet(f"color: {tone.foreground}; font-weight: bold;")
        return label


def hit_from_detail(detail: PersonDetail, previous: PersonHit) -> PersonHit:
    """A results row refreshed from the person's detail (after a save), keeping its ranking."""
    blocked = tuple(f"{c.number}：{reason}" for c in detail.certificates for reason in c.blockers)
    return PersonHit(detail.person_id, detail.id_number, detail.name, detail.gender, detail.employer,
                     previous.match, detail.certificates, blocked, detail.unsynced_changes > 0)


class WorkspaceResultsModel(SearchResultsModel):
    """The results model, plus refreshing single rows in place after a change (DESIGN §4.6)."""

    def update_hits(self, hits: Mapping[int, PersonHit]) -> list[int]:
        """Replace the rows of these persons; returns the rows that changed (only those repaint)."""
        changed: list[int] = []
        for i, hit in enumerate(self._hits):
            if hit.person_id in hits:
                self._hits[i] = hits[hit.person_id]
        for row, hit in enumerate(self._rows):
            if hit.person_id in hits:
                self._rows[row] = hits[hit.person_id]
                changed.append(row)
        for row in changed:
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        return changed

    def person_ids(self) -> set[int]:
        return {hit.person_id for hit in self._rows}


def _age(birth: dt.date, today: dt.date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


class WorkspaceView(QWidget):
    """The central widget of the main window."""

    personOpened = Signal(int)  # person id, when the user opens a person (Enter)
    statusMessage = Signal(str)
    detailShown = Signal(object)  # the PersonDetail on display, or None
    editRequested = Signal(int)  # person id
    undoRequested = Signal(int)  # person id
    certificateRequested = Signal(int, str)  # person id, new-format number

    def __init__(self, service: WorkspaceService, parent: QWidget | None = None, *,
                 today: dt.date | None = None, rules: Rules | None = None,
                 history: Callable[[int], list[HistoryEntry]] | None = None) -> None:
        """`history(person_id)` reads a record's audited changes (edits.history); None: no history section."""
        super().__init__(parent)
        self.history_source = history
        self.setObjectName("workspaceView")
        self.service = service
        self.rules = rules or default_rules()
        self.today = today
        self._open_on_arrival = False
        self._search_pending = False
        self._last_key_at = 0.0
        self._last_generation = 0
        self._detail_generation = 0
        self._detail_person: int | None = None
        self._detail_op: Op | None = None
        self._detail_ops: dict[int, Op] = {}  # detail requests not yet answered, by generation

        self.model = WorkspaceResultsModel(service, self, today=today)
        self._build()
        self._connect()
        self.search_box.setFocus()

    # --- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.search_box = SearchBox()
        self.search_box.setObjectName("searchBox")
        self.search_box.setPlaceholderText(
            self.tr("姓名 / 拼音首字母 / 身份证号（或后几位）/ 证书编号 / 企业名称，或扫描证书二维码"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMinimumHeight(34)
        self.search_box.setStyleSheet("QLineEdit#searchBox { font-size: 13pt; padding: 2px 6px; }")
        self.search_box.setAccessibleName(self.tr("搜索"))

        self.interpretation_label = QLabel()
        self.interpretation_label.setObjectName("interpretationLabel")
        self.interpretation_label.setStyleSheet("color: #555;")
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")

        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(DEBOUNCE_MS)
        self.follow_timer = QTimer(self)
        self.follow_timer.setSingleShot(True)
        self.follow_timer.setInterval(DETAIL_FOLLOW_MS)

        filters = self._build_filters()

        self.table = ResultsTable()
        setup_record_table(self.table, self.model, "resultsTable")
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.setSortingEnabled(True)
        self._apply_default_columns()

        self.detail = DetailPane(self.rules)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        status_row = QHBoxLayout()
        status_row.addWidget(self.interpretation_label, 1)
        status_row.addWidget(self.count_label)
        left_layout.addLayout(status_row)
        left_layout.addWidget(self.table, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("workspaceSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([660, 440])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addWidget(self.search_box)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)
        self.setTabOrder(self.search_box, self.table)
        self.setTabOrder(self.table, self.detail)

        # One action for Ctrl+F: the main window also puts it in its menu (no second shortcut).
        self.find_action = QAction(self.tr("查找(&F)"), self)
        self.find_action.setObjectName("findAction")
        self.find_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        self.find_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.addAction(self.find_action)
        self.clear_action = QAction(self.tr("清空搜索"), self)
        self.clear_action.setObjectName("clearAction")

    def _build_filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(6)

        def combo(name: str, items: list[tuple[str, Any]]) -> QComboBox:
            box = QComboBox()
            box.setObjectName(name)
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(4)
            for text, data in items:
                box.addItem(text, data)
            return box

        self.unit_combo = combo("unitFilter", [(self.tr("全部发证单位"), None)])
        self.unit_combo.setToolTip(self.tr("发证单位"))
        self.unit_combo.setMinimumContentsLength(10)
        categories: list[tuple[str, Any]] = [(self.tr("全部类别/工种"), None)]
        for code in ("A", "B", "C", "C1", "C2"):
            cat = self.rules.categories.get(code)
            if cat is not None:
                label = f"{code} · {cat.name}"
                if code == "C":
                    label = self.tr("C/C3 · 专职安全生产管理人员（综合类）")
                categories.append((label, code))
        special = self.rules.categories.get("SPECIAL")
        special_name = special.name if special else self.tr("特种作业")
        categories.append((self.tr("特种作业（全部工种）"), "SPECIAL"))
        for wt in self.rules.work_types:  # data "SPECIAL:<new code>"
            categories.append((f"　{wt.new_code} · {wt.name}", f"SPECIAL:{wt.new_code}"))
        self.category_combo = combo("categoryFilter", categories)
        self.category_combo.setToolTip(self.tr("证书类别 / 特种作业工种（{0}）").format(special_name))
        self.category_combo.setMinimumContentsLength(10)
        self.format_combo = combo("formatFilter", [(self.tr("新旧版式"), None), (self.tr("旧版"), "old"),
                                                   (self.tr("新版"), "new")])
        self.status_combo = combo("statusFilter", [(self.tr("全部状态"), None)]
                                  + [(STATUS_LABELS[s], s.value) for s in Status])
        self.blocked_check = QCheckBox(self.tr("A证待补充/受阻"))
        self.blocked_check.setObjectName("blockedFilter")
        self.blocked_check.setToolTip(self.tr("只看不能生成新版证书的人员（如 A 证缺少职务、技术职称）"))
        self.unsynced_check = QCheckBox(self.tr("本地未同步"))
        self.unsynced_check.setObjectName("unsyncedFilter")
        self.unsynced_check.setToolTip(self.tr("只看本地有修改、尚未同步到省系统的人员"))
        self.reset_filters_button = QPushButton(self.tr("清除筛选"))
        self.reset_filters_button.setObjectName("resetFilters")
        self.reset_filters_button.setEnabled(False)
        self.reset_filters_button.setAutoDefault(False)
        for widget in (self.unit_combo, self.category_combo, self.format_combo, self.status_combo):
            widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            _fit_popup(widget)
            row.addWidget(widget)
        row.addWidget(self.blocked_check)
        row.addWidget(self.unsynced_check)
        row.addStretch(1)
        row.addWidget(self.reset_filters_button)
        return row

    def _apply_default_columns(self) -> None:
        header = self.table.horizontalHeader()
        for column, width in DEFAULT_WIDTHS.items():
            header.resizeSection(column, width)
        for column in Column:
            header.setSectionHidden(column, column in DEFAULT_HIDDEN)

    def _connect(self) -> None:
        self.search_box.textEdited.connect(self._text_edited)
        self.search_box.returnPressed.connect(self._enter_in_box)
        self.search_box.navigate.connect(self._navigate)
        self.search_box.escapePressed.connect(self.clear_search)
        self.table.escapePressed.connect(self.clear_search)
        self.table.typed.connect(self._typed_in_results)
        self.table.activated.connect(self._activated)
        self.detail.escapePressed.connect(self.table.setFocus)
        self.detail.editRequested.connect(self.editRequested)
        self.detail.undoRequested.connect(self.undoRequested)
        self.detail.certificateRequested.connect(self.certificateRequested)
        self.debounce.timeout.connect(self.run_search)
        self.follow_timer.timeout.connect(self._follow_current)
        self.find_action.triggered.connect(self.focus_search)
        self.clear_action.triggered.connect(self.clear_search)
        self.model.pageLoaded.connect(self._page_loaded)
        self.model.searchFailed.connect(self._search_failed)
        self.model.busyChanged.connect(self._busy_changed)
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.table.horizontalHeader().customContextMenuRequested.connect(self._header_menu)
        for box in (self.unit_combo, self.category_combo, self.format_combo, self.status_combo):
            box.currentIndexChanged.connect(self._filters_changed)
        for check in (self.blocked_check, self.unsynced_check):
            check.toggled.connect(self._filters_changed)
        self.reset_filters_button.clicked.connect(self.reset_filters)

    # --- start ------------------------------------------------------------------------------

    def start(self) -> None:
        """Load what the filter bar needs (issuing units) off the GUI thread."""
        Op(self, self.service.units).success(self._units_loaded).failure(self._units_failed).run()

    def _units_loaded(self, units: list[str]) -> None:
        current = self.unit_combo.currentData()
        self.unit_combo.blockSignals(True)
        self.unit_combo.clear()
        self.unit_combo.addItem(self.tr("全部发证单位"), None)
        for unit in units:
            self.unit_combo.addItem(unit, unit)
        index = self.unit_combo.findData(current) if current is not None else 0
        self.unit_combo.setCurrentIndex(max(index, 0))
        self.unit_combo.blockSignals(False)
        _fit_popup(self.unit_combo)

    def _units_failed(self, exc: BaseException) -> None:
        self.statusMessage.emit(self.tr("无法读取发证单位：{0}").format(exc))

    def refresh(self) -> None:
        """The cache changed (import, demo fill, sync): reload the units and run the search again."""
        self.start()
        if self.model.query or not self.current_filters().is_empty():
            self.run_search()

    # --- searching --------------------------------------------------------------------------

    def current_filters(self) -> SearchFilters:
        category = self.category_combo.currentData()
        cat, _, code = category.partition(":") if category else (None, "", "")
        work_type = code or None
        return SearchFilters(
            unit=self.unit_combo.currentData(),
            category=cat,
            work_type=work_type,
            format=self.format_combo.currentData(),
            status=self.status_combo.currentData(),
            blocked=True if self.blocked_check.isChecked() else None,
            unsynced=True if self.unsynced_check.isChecked() else None,
        )

    def _text_edited(self, text: str) -> None:
        self._open_on_arrival = False
        now = time.monotonic()
        burst = (now - self._last_key_at) * 1000 < BURST_MS
        self._last_key_at = now
        if burst or looks_like_qr(text):
            self._search_pending = False
            self.debounce.start()  # a scanner: wait for its Enter or a pause
        elif self.model.busy:
            self.debounce.stop()
            self._search_pending = True  # answered when the search in flight returns
        else:
            self.run_search()

    def _typed_in_results(self, text: str) -> None:
        """Typing while the results have the focus refines the search."""
        self.search_box.setFocus(Qt.FocusReason.OtherFocusReason)
        self.search_box.end(False)  # moving without marking also drops any selection
        self.search_box.insert(text)  # emits textEdited, as typing in the box does

    def _filters_changed(self, *_args: object) -> None:
        self.reset_filters_button.setEnabled(not self.current_filters().is_empty())
        self.debounce.stop()
        self.run_search()

    def reset_filters(self) -> None:
        widgets: list[QComboBox | QCheckBox] = [self.unit_combo, self.category_combo, self.format_combo,
                                               self.status_combo, self.blocked_check, self.unsynced_check]
        for widget in widgets:
            widget.blockSignals(True)
        for combo in (self.unit_combo, self.category_combo, self.format_combo, self.status_combo):
            combo.setCurrentIndex(0)
        self.blocked_check.setChecked(False)
        self.unsynced_check.setChecked(False)
        for widget in widgets:
            widget.blockSignals(False)
        self._filters_changed()

    def run_search(self) -> None:
        """Search now for the box's text and the filters (the debounce calls this too)."""
        self.debounce.stop()
        self._search_pending = False
        query = self.search_box.text().strip()
        filters = self.current_filters()
        if not query and filters.is_empty():
            self.model.clear()
            self._open_on_arrival = False
            self.interpretation_label.clear()
            self.count_label.clear()
            self._show_placeholder()
            return
        self.model.set_query(query, filters)

    def _is_current(self) -> bool:
        """The rows on display answer what the box and the filters say now."""
        return (not self.debounce.isActive() and not self._search_pending and self.model.current
                and not self.model.busy
                and self.model.query == self.search_box.text().strip()
                and self.model.filters == self.current_filters())

    def _enter_in_box(self) -> None:
        if not self.search_box.text().strip() and self.current_filters().is_empty():
            return
        if self._is_current():
            row = self.table.currentIndex().row()
            self.open_row(row if row >= 0 else 0, focus_detail=False)
            self.search_box.selectAll()  # the next scan or name replaces this one
            return
        self._open_on_arrival = True  # a scanner's Enter: no debounce wait
        self.run_search()

    def _run_pending(self) -> None:
        if self._search_pending:
            self._search_pending = False
            if (self.model.query != self.search_box.text().strip()
                    or self.model.filters != self.current_filters()):
                self.run_search()

    def _page_loaded(self, generation: int, _added: int) -> None:
        QTimer.singleShot(0, self._run_pending)  # after this page is on screen
        first_page = generation != self._last_generation
        self._last_generation = generation
        self._update_counts()
        if not first_page:
            return
        interpretation = self.model.interpretation
        if interpretation and not interpretation.startswith(self.tr("按")):
            interpretation = self.tr("按“{0}”查找").format(interpretation)
        self.interpretation_label.setText(interpretation)
        if self.model.rowCount() == 0:
            if self._open_on_arrival:
                self._open_on_arrival = False
                self.search_box.selectAll()  # the next scan replaces this one
            text = self.tr("没有找到符合条件的人员")
            if not self.model.filters.is_empty():
                text += "\n" + self.tr("（已启用筛选条件，按“清除筛选”可查看全部）")
            self._show_placeholder(text)
            return
        self.table.scrollToTop()
        self.table.setCurrentIndex(self.model.index(0, self._first_visible_column()))
        if self._open_on_arrival:
            self._open_on_arrival = False
            self.open_row(0, focus_detail=False)
            self.search_box.selectAll()

    def _first_visible_column(self) -> int:
        header = self.table.horizontalHeader()
        return header.logicalIndex(next((v for v in range(header.count())
                                         if not header.isSectionHidden(header.logicalIndex(v))), 0))

    def _update_counts(self) -> None:
        count = self.model.loaded_count()
        if self.model.has_more:
            self.count_label.setText(self.tr("已显示 {0} 人，向下滚动加载更多").format(count))
        else:
            self.count_label.setText(self.tr("共 {0} 人").format(count))

    def _search_failed(self, _generation: int, message: str) -> None:
        QTimer.singleShot(0, self._run_pending)
        self._open_on_arrival = False
        self.interpretation_label.setText(message)
        self.count_label.clear()
        self.statusMessage.emit(message)

    def _busy_changed(self, busy: bool) -> None:
        if busy and self.model.loaded_count() == 0:
            self.count_label.setText(self.tr("搜索中…"))

    # --- navigation -------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def clear_search(self) -> None:
        self.debounce.stop()
        self.search_box.clear()
        self.run_search()
        self.search_box.setFocus(Qt.FocusReason.OtherFocusReason)

    def _navigate(self, key: int) -> None:
        rows = self.model.rowCount()
        if rows == 0:
            return
        current = self.table.currentIndex().row()
        row_height = max(self.table.verticalHeader().defaultSectionSize(), 1)
        page = max(1, self.table.viewport().height() // row_height - 1)
        step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_PageUp: -page, Qt.Key.Key_PageDown: page}[
            Qt.Key(key)]
        target = 0 if current < 0 else min(max(current + step, 0), rows - 1)
        column = max(self.table.currentIndex().column(), self._first_visible_column())
        index = self.model.index(target, column)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        if target == rows - 1 and self.model.canFetchMore(QModelIndex()):
            self.model.fetchMore(QModelIndex())

    def _activated(self, index: QModelIndex) -> None:
        self.open_row(index.row(), focus_detail=True)

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.follow_timer.start()

    def _follow_current(self) -> None:
        row = self.table.currentIndex().row()
        if row >= 0:
            self._load_detail(self.model.data(self.model.index(row, 0), PersonIdRole))

    def open_row(self, row: int, *, focus_detail: bool) -> None:
        """Open the person on `row`: select it, show the detail now, optionally focus the pane."""
        person_id = self.model.data(self.model.index(row, 0), PersonIdRole)
        if person_id is None:
            return
        index = self.model.index(row, max(self.table.currentIndex().column(), self._first_visible_column()))
        if self.table.currentIndex().row() != row:
            self.table.setCurrentIndex(index)
        self.follow_timer.stop()
        self._load_detail(int(person_id), force=True)
        if focus_detail:
            self.detail.setFocus(Qt.FocusReason.OtherFocusReason)
        self.personOpened.emit(int(person_id))

    # --- the detail -------------------------------------------------------------------------

    def _load_detail(self, person_id: int | None, *, force: bool = False) -> None:
        if person_id is None:
            return
        if person_id == self._detail_person and not force:
            return
        self._detail_person = person_id
        self._detail_generation += 1
        generation = self._detail_generation
        service, today = self.service, self.today
        ratio = self.devicePixelRatioF()
        size = QSize(round(PHOTO_SIZE.width() * ratio), round(PHOTO_SIZE.height() * ratio))

        history_source = self.history_source

        def work(cancelled: Callable[[], bool]) -> DetailResult | None:
            if cancelled():
                return None
            detail = service.person_detail(person_id, today=today)
            history: list[HistoryEntry] | None = []
            if detail is not None and history_source is not None:
                try:
                    history = history_source(person_id)
                except KnownError:
                    history = None  # the detail still shows; the section says the history is unreadable
            image = None
            if detail is not None and detail.photo:
                image = QImage.fromData(detail.photo)  # QImage (not QPixmap) is safe off the GUI thread
                if not image.isNull():
                    image = image.scaled(size, Qt.AspectRatioMode.KeepAspectRatio,
                                         Qt.TransformationMode.SmoothTransformation)
                    image.setDevicePixelRatio(ratio)
            return detail, image, history

        if self._detail_op is not None:
            self._detail_op.cancel_event.set()
        op = Op(self, work)
        op.success(lambda result: self._detail_arrived(generation, person_id, result))
        op.failure(lambda exc: self._detail_failed(generation, exc))
        self._detail_op = op
        self._detail_ops[generation] = op
        op.run()

    def _detail_done(self, generation: int) -> bool:
        """Forget the request (and its signal carrier); True when it is the latest one."""
        self._detail_ops.pop(generation, None)  # Op frees its own signal carrier once answered
        if generation != self._detail_generation:
            return False
        self._detail_op = None
        return True

    def _detail_arrived(self, generation: int, person_id: int, result: DetailResult | None) -> None:
        if not self._detail_done(generation) or result is None:
            return
        detail, image, history = result
        if detail is None:
            self.detail.show_placeholder(self.tr("该人员已不在本地缓存中"))
            self.detailShown.emit(None)
            return
        self.detail.show_detail(detail, image, self.today or dt.date.today(), history)
        self.detailShown.emit(detail)

    def _detail_failed(self, generation: int, exc: BaseException) -> None:
        if not self._detail_done(generation):
            return
        message = str(exc) if isinstance(exc, KnownError) else self.tr("无法读取人员详情：{0}").format(exc)
        self.detail.show_placeholder(message)
        self.statusMessage.emit(message)
        self.detailShown.emit(None)

    def _show_placeholder(self, text: str | None = None) -> None:
        self._detail_generation += 1
        self._detail_person = None
        if text is None:
            self.detail.show_placeholder(self.tr("输入姓名、拼音、身份证号、证书编号或企业名称，或直接扫描证书二维码"))
        else:
            self.detail.show_placeholder(text)
        self.detailShown.emit(None)

    # --- after a change ---------------------------------------------------------------------

    def current_person(self) -> int | None:
        """The person on display in the detail pane."""
        return self.detail.detail.person_id if self.detail.detail is not None else None

    def records_changed(self, person_ids: Collection[int]) -> None:
        """These records changed (a save, an undo, an import): refresh their rows and, if shown, the detail.

        Only the affected rows are read again and repainted; the query is not run again, so the list
        does not jump (a row that no longer matches a filter stays until the next search)."""
        ids = set(person_ids)
        shown = self.current_person()
        if shown is not None and shown in ids:
            self._load_detail(shown, force=True)
        visible = ids & self.model.person_ids()
        if not visible:
            return
        service, today = self.service, self.today
        generation = self.model.generation

        def work() -> dict[int, PersonDetail]:
            found = {}
            for person_id in visible:
                detail = service.person_detail(person_id, today=today)
                if detail is not None:
                    found[person_id] = detail
            return found

        def arrived(details: dict[int, PersonDetail]) -> None:
            if generation != self.model.generation:
                return  # a new search replaced these rows meanwhile
            hits = {}
            for person_id, detail in details.items():
                row = self.model.row_of(person_id)
                previous = self.model.hit(row)
                if previous is not None:
                    hits[person_id] = hit_from_detail(detail, previous)
            self.model.update_hits(hits)

        Op(self, work).success(arrived).failure(lambda exc: self.statusMessage.emit(str(exc))).run()

    def open_person(self, id_number: str) -> None:
        """Find this person (by ID number) and open them, as a scan at the counter would."""
        self.debounce.stop()
        self.search_box.setText(id_number)
        self._open_on_arrival = True
        self.run_search()

    # --- columns and layout memory ----------------------------------------------------------

    def _header_menu(self, pos: QPoint) -> None:
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        for column in Column:
            action = QAction(str(self.model.headerData(column, Qt.Orientation.Horizontal)), menu)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.setEnabled(column != Column.NAME)
            action.toggled.connect(lambda on, c=column: header.setSectionHidden(c, not on))
            menu.addAction(action)
        menu.addSeparator()
        relevance = menu.addAction(self.tr("按匹配程度排序"))
        relevance.triggered.connect(lambda: self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder))
        defaults = menu.addAction(self.tr("恢复默认列"))
        defaults.triggered.connect(self.reset_columns)
        menu.popup(header.mapToGlobal(pos))

    def reset_columns(self) -> None:
        header = self.table.horizontalHeader()
        for visual, logical in enumerate(Column):
            header.moveSection(header.visualIndex(logical), visual)
        self._apply_default_columns()
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)

    def save_layout(self, settings: QSettings) -> None:
        header = self.table.horizontalHeader()
        settings.beginGroup(SETTINGS_GROUP)
        settings.setValue("layout_version", LAYOUT_VERSION)
        settings.setValue("header_state", header.saveState())
        settings.setValue("splitter_state", self.splitter.saveState())
        settings.setValue("sort_column", self.model.sort_column)
        settings.setValue("sort_order", 1 if self.model.sort_order == Qt.SortOrder.DescendingOrder else 0)
        settings.endGroup()

    def restore_layout(self, settings: QSettings) -> None:
        settings.beginGroup(SETTINGS_GROUP)
        same_columns = _to_int(settings.value("layout_version"), 0) == LAYOUT_VERSION
        header_state = settings.value("header_state") if same_columns else None
        splitter_state = settings.value("splitter_state")
        sort_column = _to_int(settings.value("sort_column"), -1) if same_columns else -1
        sort_order = _to_int(settings.value("sort_order"), 0)
        settings.endGroup()
        header = self.table.horizontalHeader()
        if header_state is not None and not header.restoreState(header_state):
            self._apply_default_columns()
        if splitter_state is not None:
            self.splitter.restoreState(splitter_state)
        order = Qt.SortOrder.DescendingOrder if sort_order == 1 else Qt.SortOrder.AscendingOrder
        self.table.sortByColumn(sort_column if 0 <= sort_column < len(Column) else -1, order)

    def shutdown(self) -> None:
        self.debounce.stop()
        self._search_pending = False
        self.follow_timer.stop()
        self.model.shutdown()
        self._detail_generation += 1
        if self._detail_op is not None:
            self._detail_op.cancel_event.set()


DetailResult = tuple[PersonDetail | None, QImage | None, list[HistoryEntry] | None]


def _fit_popup(combo: QComboBox) -> None:
    """A narrow combo box whose list still shows every item in full."""
    view = combo.view()
    view.setMinimumWidth(view.sizeHintForColumn(0) + view.verticalScrollBar().sizeHint().width() + 8)


def _to_int(value: object, default: int) -> int:
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return default
