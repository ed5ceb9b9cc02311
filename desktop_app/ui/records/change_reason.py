"""The 修改原因 row of the edit dialog: every change is audited with the reason chosen or typed here."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from desktop_app.ui.common.badges import BAD

# The usual reasons. The audit log keeps a chosen one in Chinese (the source text), whatever the UI's
# language: the history shows it translated again (`reason_text`), and the province reads it as is.
REASON_PRESETS = (
    QT_TRANSLATE_NOOP("ChangeReasonRow", "企业申请补充 A 证人员信息"),
    QT_TRANSLATE_NOOP("ChangeReasonRow", "本人到窗口申请更正"),
    QT_TRANSLATE_NOOP("ChangeReasonRow", "核对原始档案后更正"),
    QT_TRANSLATE_NOOP("ChangeReasonRow", "电话核实后更正"),
    QT_TRANSLATE_NOOP("ChangeReasonRow", "按省厅通知补充新版证书信息"),
)


def reason_text(preset: str) -> str:
    """A usual reason in the UI's language."""
    return QCoreApplication.translate("ChangeReasonRow", preset)


class ChangeReasonRow(QWidget):
    """An editable reason combo with the usual reasons, and a note when a change has none."""

    changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        caption = QLabel(self.tr("修改原因（必填）："))
        caption.setStyleSheet("font-weight: bold;")
        self.reason_box = QComboBox()
        self.reason_box.setObjectName("changeReason")
        self.reason_box.setEditable(True)
        for preset in REASON_PRESETS:
            self.reason_box.addItem(reason_text(preset), preset)
        self.reason_box.setCurrentIndex(-1)
        self.reason_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        line = self.reason_box.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("选择或填写修改原因，将记入修改记录"))
        self.reason_box.setMinimumWidth(360)
        caption.setBuddy(self.reason_box)
        self.missing_label = QLabel()
        self.missing_label.setObjectName("reason_change")
        self.missing_label.setStyleSheet(f"color: {BAD.foreground};")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(caption)
        row.addWidget(self.reason_box, 1)
        row.addWidget(self.missing_label, 1)
        self.reason_box.currentTextChanged.connect(self.changed)

    def text(self) -> str:
        """The reason to audit: a usual reason as its (Chinese) source text, a typed one as typed."""
        typed = self.reason_box.currentText().strip()
        return next((p for p in REASON_PRESETS if typed in (p, reason_text(p))), typed)

    def show_missing(self, missing: bool) -> None:
        self.missing_label.setText(self.tr("请填写修改原因") if missing else "")
