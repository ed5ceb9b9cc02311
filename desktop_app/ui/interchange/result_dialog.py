"""What an import did: the summary line (the command line's counts; 已取消 when it was stopped) and
every line not applied — rejected, or kept local — in a table that can be saved as CSV or text."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.interchange import ImportReport
from desktop_app.ui.common.badges import BAD, GOOD, WARN
from desktop_app.ui.common.errors import inline_text, show_error
from desktop_app.ui.common.operations import Op
from desktop_app.ui.common.tables import setup_record_table
from desktop_app.ui.interchange.folders import LastFolder
from desktop_app.ui.interchange.rejected_file import save_lines, text_bytes
from desktop_app.ui.interchange.rejected_model import RejectedLinesModel, report_lines


def import_summary(report: ImportReport) -> str:
    """The counts, as the command line's summary says them; a cancelled import says so first."""
    translate = QCoreApplication.translate
    text = translate("interchange", "{lines} 行：人员 新增 {pi}、更新 {pu}、未变 {pn}；"
                                    "证书 新增 {ci}、更新 {cu}、未变 {cn}；拒绝 {rejected} 行").format(
        lines=f"{report.lines:,}", pi=f"{report.persons_inserted:,}", pu=f"{report.persons_updated:,}",
        pn=f"{report.persons_unchanged:,}", ci=f"{report.certificates_inserted:,}",
        cu=f"{report.certificates_updated:,}", cn=f"{report.certificates_unchanged:,}",
        rejected=f"{len(report.rejected):,}")
    if report.kept_local:
        kept = f"{len(report.kept_local):,}"
        text += translate("interchange", "；{0} 人有本地未同步的修改，保留本地记录").format(kept)
    if report.cancelled:
        text = translate("interchange", "已取消，已处理 {0}（已写入的记录保留，其余行未读取）").format(text)
    return text


class ImportResultDialog(QDialog):
    """The summary and the table of lines not applied, with 保存为文件… and 复制."""

    statusMessage = Signal(str)

    def __init__(self, report: ImportReport, file_name: str, parent: QWidget | None = None,
                 folder: LastFolder | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importRecordsResult")
        self.setWindowTitle(self.tr("导入结果 — {0}").format(file_name))
        self.report = report
        self.file_name = file_name
        self.folder = folder or LastFolder(None)
        self.save_op: Op | None = None
        self.summary = import_summary(report)
        tone = WARN if report.cancelled else BAD if report.rejected else GOOD
        self.summary_label = QLabel(self.summary)
        self.summary_label.setObjectName("importRecordsSummary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setStyleSheet(
            f"color: {tone.foreground}; background: {tone.background}; border: 1px solid {tone.border};"
            " border-radius: 4px; padding: 8px; font-size: 11pt;")
        self.model = RejectedLinesModel(report_lines(report), self)
        self.table = QTableView()
        setup_record_table(self.table, self.model, "rejectedLinesTable")
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        self.message_label = QLabel()
        self.message_label.setObjectName("importRecordsMessage")
        self.message_label.setWordWrap(True)
        self.save_button = QPushButton(self.tr("保存为文件…"))
        self.save_button.setObjectName("saveRejectedButton")
        self.save_button.clicked.connect(self.choose_save)
        copy = QPushButton(self.tr("复制"))
        copy.setObjectName("copyRejectedButton")
        copy.clicked.connect(self.copy)
        close = QPushButton(self.tr("关闭"))
        close.setDefault(True)
        close.clicked.connect(self.accept)
        has_lines = self.model.rowCount() > 0
        self.save_button.setEnabled(has_lines)
        copy.setEnabled(has_lines)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(copy)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.note_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message_label)
        layout.addLayout(buttons)
        if has_lines and report.cancelled:
            self.note_label.setText(self.tr("已读取的行中，以下行未导入（其余有效行已写入）："))
        elif has_lines:
            self.note_label.setText(self.tr("以下行未导入（其余有效行已写入）。请更正后重新导入，已导入的行不会重复修改："))
        else:
            self.note_label.setText(self.tr("没有被拒绝的行。"))
            self.table.setVisible(False)
        self.resize(820, 520 if has_lines else 180)

    def headers(self) -> tuple[str, str]:
        return (self.tr("行号"), self.tr("原因"))

    def copy(self) -> None:
        """The lines as `line N: reason` text, and the summary, on the clipboard."""
        data = text_bytes(self.model.lines(), self.summary)
        QGuiApplication.clipboard().setText(data.decode("utf-8"))
        self.message_label.setText(self.tr("已复制 {0} 行").format(self.model.rowCount()))

    def choose_save(self) -> None:
        csv_filter, text_filter = self.tr("CSV 文件（UTF-8） (*.csv)"), self.tr("文本文件 (*.txt)")
        start = self.folder.start(self.tr("导入未通过的行_{0}.csv").format(Path(self.file_name).stem))
        path, chosen = QFileDialog.getSaveFileName(self, self.tr("保存未导入的行"), start,
                                                   f"{csv_filter};;{text_filter}")
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() not in (".csv", ".txt"):
            target = target.with_name(target.name + (".txt" if chosen == text_filter else ".csv"))
        self.folder.remember(target)
        self.save_to(target)

    def save_to(self, path: Path) -> None:
        """Write the lines to `path` off the GUI thread (CSV, or text for a .txt name)."""
        lines, headers, summary = self.model.lines(), self.headers(), self.summary
        self.save_button.setEnabled(False)
        op = Op(self, lambda: save_lines(path, lines, headers, summary))
        op.success(self._saved).failure(self._save_failed)
        self.save_op = op
        op.run()

    def _saved(self, path: Path) -> None:
        self.save_op = None
        self.save_button.setEnabled(True)
        text = self.tr("已保存到 {0}").format(path)
        self.message_label.setText(text)
        self.statusMessage.emit(text)

    def _save_failed(self, exc: BaseException) -> None:
        self.save_op = None
        self.save_button.setEnabled(True)
        self.message_label.setText(inline_text(exc))
        show_error(self, exc, self.tr("保存未导入的行"))
