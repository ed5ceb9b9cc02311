"""Batch generation for one issuing unit, in the GUI (`BatchService.run` does the work).

The batch runs on the write pool (it is the cache's writer while it runs) with `progress` and
`cancelled` callbacks: the dialog shows done/total in its own progress bar and a Cancel button.
A cancelled batch keeps what it finished; running it again with the same folder resumes (generated
certificates and PDFs already written are skipped). The summary names the skipped report. What the
batch changed reaches the other views on the change bus (`Op` publishes it).
"""

from __future__ import annotations

import html
import time
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QUrl
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.batch import BatchOptions, BatchResult, Cancelled, Progress
from desktop_app.services.changes import ChangeKind, OpChanges
from desktop_app.ui.certificates.context import CertContext
from desktop_app.ui.common.badges import BAD, GOOD, INFO, WARN, Tone
from desktop_app.ui.common.changes import change_bus
from desktop_app.ui.common.errors import inline_text
from desktop_app.ui.common.labels import data_field
from desktop_app.ui.common.operations import Op

SETTINGS_FOLDER = "batch/folder"
SETTINGS_COMBINED = "batch/combined"
PROGRESS_INTERVAL_S = 0.1


class BatchDialog(QDialog):
    def __init__(self, ctx: CertContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rules = ctx.rules
        self.op: Op | None = None
        self.result: BatchResult | None = None
        self._folder_edited = False
        self._close_when_done = False
        self.setObjectName("batchDialog")
        self.setWindowTitle(self.tr("批量生成新版证书"))
        self.setMinimumWidth(680)
        self._build()

    # --- building -----------------------------------------------------------------------------

    def _preselect_unit(self) -> None:
        """The workstation's own unit (settings), as long as the user has not chosen another here."""
        configured = self.rules.unit(self.ctx.workspace.settings.issuing_unit or "")
        self.unit_combo.setCurrentIndex(max(self.unit_combo.findData(configured.name) if configured else 0, 0))
        self.unit_note.setText(self.tr("（本机设置的发证机关）") if configured else "")
        self._preselected = self.unit_combo.currentIndex()

    def _settings_changed(self, changes: OpChanges) -> None:
        if ChangeKind.SETTINGS in changes.kinds and self.unit_combo.currentIndex() == self._preselected \
                and self.op is None:
            self._preselect_unit()

    def _build(self) -> None:
        self.unit_combo = QComboBox()
        self.unit_combo.setObjectName("batchUnit")
        for unit in self.rules.units:
            self.unit_combo.addItem(unit.name, unit.name)
        self.unit_note = QLabel()
        self._preselect_unit()
        change_bus().changed.connect(self._settings_changed)
        self.unit_note.setStyleSheet("color: #777;")
        unit_row = QHBoxLayout()
        unit_row.addWidget(self.unit_combo, 1)
        unit_row.addWidget(self.unit_note)

        self.category_combo = QComboBox()
        self.category_combo.setObjectName("batchCategory")
        self.category_combo.addItem(self.tr("全部类别和工种"), (None, None))
        for code in ("A", "B", "C3", "C1", "C2"):
            category = self.rules.categories.get(code)
            if category is not None:
                label = f"{code} · {category.label}" + (self.tr("（含旧版 C）") if code == "C3" else "")
                self.category_combo.addItem(label, (code, None))
        self.category_combo.addItem(self.tr("特种作业（全部工种）"), ("SPECIAL", None))
        for work_type in self.rules.work_types:
            self.category_combo.addItem(f"　{work_type.new_code} · {work_type.label}", ("SPECIAL", work_type.new_code))

        self.folder_edit = data_field(QLineEdit())  # a path
        self.folder_edit.setObjectName("batchFolder")
        self.folder_edit.textEdited.connect(self._folder_typed)
        browse = QPushButton(self.tr("选择…"))
        browse.setAutoDefault(False)
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(browse)
        self.single_radio = QRadioButton(self.tr("每本证书一个 PDF（以新版编号命名）"))
        self.single_radio.setObjectName("singleRadio")
        self.combined_radio = QRadioButton(self.tr("合并为一个 PDF"))
        self.combined_radio.setObjectName("combinedRadio")
        group = QButtonGroup(self)
        group.addButton(self.single_radio)
        group.addButton(self.combined_radio)
        combined = str(self.ctx.settings.value(SETTINGS_COMBINED, "false")).lower() == "true"
        (self.combined_radio if combined else self.single_radio).setChecked(True)
        output_row = QHBoxLayout()
        output_row.addWidget(self.single_radio)
        output_row.addWidget(self.combined_radio)
        output_row.addStretch(1)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(self.tr("发证单位："), unit_row)
        form.addRow(self.tr("类别 / 工种："), self.category_combo)
        form.addRow(self.tr("输出文件夹："), folder_row)
        form.addRow(self.tr("输出方式："), output_row)

        note = QLabel(self.tr("只生成符合条件的证书；不符合条件的列入“未生成名单”（CSV，可用 Excel 打开）并写明原因。"
                              "中途取消后再次点“开始”会从中断处继续。"))
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")

        self.progress = QProgressBar()
        self.progress.setObjectName("batchProgress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("%v / %m"))
        self.progress.setTextVisible(True)
        self.status_label = QLabel(self.tr("尚未开始"))
        self.status_label.setObjectName("batchStatus")
        self.status_label.setWordWrap(True)
        self.summary_label = data_field(QLabel())  # names the unit and the files written
        self.summary_label.setObjectName("batchSummary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.summary_label.setOpenExternalLinks(False)
        self.summary_label.linkActivated.connect(lambda link: QDesktopServices.openUrl(QUrl(link)))
        self.summary_label.setVisible(False)

        self.start_button = QPushButton(self.tr("开始生成"))
        self.start_button.setObjectName("startButton")
        self.start_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("取消生成"))
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.setEnabled(False)
        self.open_button = QPushButton(self.tr("打开输出文件夹"))
        self.open_button.setObjectName("openFolderButton")
        self.open_button.setEnabled(False)
        self.close_button = QPushButton(self.tr("关闭"))
        self.close_button.setObjectName("closeButton")
        for button in (self.cancel_button, self.open_button, self.close_button):
            button.setAutoDefault(False)
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.open_button.clicked.connect(self.open_folder)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.progress)
        layout.addWidget(self.status_label)
        layout.addWidget(self.summary_label)
        layout.addLayout(buttons)
        self.inputs: list[QWidget] = [self.unit_combo, self.category_combo, self.folder_edit, browse,
                                      self.single_radio, self.combined_radio]
        self.unit_combo.currentIndexChanged.connect(self._suggest_folder)
        self.category_combo.currentIndexChanged.connect(self._suggest_folder)
        self._suggest_folder()

    # --- inputs -------------------------------------------------------------------------------

    def _base_folder(self) -> Path:
        saved = str(self.ctx.settings.value(SETTINGS_FOLDER, "") or "")
        if saved:
            return Path(saved)
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(documents or Path.home()) / self.tr("CertDesk 新版证书")

    def _suggest_folder(self, *_args: object) -> None:
        """One folder per unit (and filter): re-running the same batch finds its own files and resumes."""
        if self._folder_edited:
            return
        category, work_type = self.category_combo.currentData()
        parts = [self.unit_combo.currentData(), category if category != "SPECIAL" or not work_type else None,
                 work_type]
        name = "-".join(p for p in parts if p)
        self.folder_edit.setText(str(self._base_folder() / name))

    def _folder_typed(self, _text: str) -> None:
        self._folder_edited = True

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择输出文件夹"), self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)
            self._folder_edited = True

    def options(self) -> BatchOptions:
        category, work_type = self.category_combo.currentData()
        return BatchOptions(unit=str(self.unit_combo.currentData()), out_dir=Path(self.folder_edit.text().strip()),
                            category=category, work_type=work_type, combined=self.combined_radio.isChecked())

    # --- running ------------------------------------------------------------------------------

    def running(self) -> bool:
        return self.op is not None

    def start(self) -> None:
        if self.running():
            return
        if not self.folder_edit.text().strip():
            self._status(self.tr("请选择输出文件夹"), BAD)
            return
        if not self.ctx.ensure_operator():
            self._status(self.tr("未设置操作员姓名，不能生成（生成会记入修改记录）"), BAD)
            return
        options = self.options()
        service = self.ctx.workspace.batch

        def work(progress: Progress, cancelled: Cancelled) -> BatchResult:
            return service.run(options, throttled(progress), cancelled)

        for widget in self.inputs:
            widget.setEnabled(False)
        self.start_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.open_button.setEnabled(False)
        self.summary_label.setVisible(False)
        self.progress.setRange(0, 0)  # busy until the first count arrives
        self._status(self.tr("正在准备（读取候选证书）…"), INFO)
        op = Op(self, work, writes=True)
        op.signals.progressed.connect(self._progressed, Qt.ConnectionType.QueuedConnection)
        op.success(self._finished).failure(self._failed)
        self.op = op
        op.run()

    def _progressed(self, done: int, total: int) -> None:
        if self.op is None:
            return
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, total))
        if not self.op.cancel_event.is_set():
            self._status(self.tr("正在生成：{done} / {total}").format(done=done, total=total), INFO)

    def cancel(self) -> None:
        if self.op is None:
            return
        self.op.cancel_event.set()
        self.cancel_button.setEnabled(False)
        self._status(self.tr("正在取消：已生成的证书写完 PDF 后停止…"), WARN)

    def _ended(self) -> None:
        self.op = None
        for widget in self.inputs:
            widget.setEnabled(True)
        self.start_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        if self._close_when_done:
            super().reject()

    def _finished(self, result: BatchResult) -> None:
        self.result = result
        self.ctx.settings.setValue(SETTINGS_FOLDER, str(result_folder(self.options().out_dir, self._folder_edited)))
        self.ctx.settings.setValue(SETTINGS_COMBINED, "true" if self.combined_radio.isChecked() else "false")
        self.progress.setRange(0, max(result.candidates, 1))
        done = result.written + result.existing + len(result.skipped)
        self.progress.setValue(min(done, max(result.candidates, 1)) if result.candidates else 1)
        self.open_button.setEnabled(True)
        self.start_button.setText(self.tr("继续生成") if result.cancelled else self.tr("再次运行"))
        self._show_summary(result)
        self._ended()

    def _failed(self, exc: BaseException) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self._status(self.tr("批量生成失败：{0}").format(inline_text(exc)), BAD)
        self._ended()

    def _show_summary(self, result: BatchResult) -> None:
        if result.cancelled:
            self._status(self.tr("已取消。已完成的部分已保存；再点“继续生成”会从中断处继续。"), WARN)
        else:
            self._status(self.tr("完成，用时 {0:.1f} 秒").format(result.seconds), GOOD)
        lines = [self.tr("{unit}：候选证书 {candidates} 本，符合条件 {eligible} 本。").format(
            unit=result.unit, candidates=result.candidates, eligible=result.eligible),
            self.tr("本次新生成 {generated} 本，写出 PDF {written} 个；此前已完成 {existing} 个。").format(
                generated=result.generated, written=result.written, existing=result.existing)]
        if result.combined_path is not None:
            lines.append(self.tr("合并 PDF：{0}").format(_link(result.combined_path)))
        if result.skipped:
            lines.append(self.tr("<b>未生成 {count} 本</b>，原因见名单：{path}").format(
                count=len(result.skipped), path=_link(result.report_path) if result.report_path else ""))
        else:
            lines.append(self.tr("没有未生成的证书。"))
        self.summary_label.setText("<br>".join(lines))
        self.summary_label.setVisible(True)

    def _status(self, text: str, tone: Tone) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet(f"color: {tone.foreground}; font-weight: bold;")

    def open_folder(self) -> None:
        folder = self.options().out_dir
        if self.result is not None and self.result.report_path is not None:
            folder = self.result.report_path.parent
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # --- closing while running ----------------------------------------------------------------

    def reject(self) -> None:
        if self.running():
            self._close_when_done = True  # cancel, let the batch finish what it started, then close
            self.cancel()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.running():
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)


def throttled(progress: Progress, interval: float = PROGRESS_INTERVAL_S) -> Progress:
    """Forward at most one progress report per `interval` (and always the first and the last): a batch of
    10,000 certificates needs no 10,000 repaints, nor as many signals crossing threads."""
    last = [float("-inf")]

    def report(done: int, total: int) -> None:
        now = time.monotonic()
        if done >= total or done <= 1 or now - last[0] >= interval:
            last[0] = now
            progress(done, total)

    return report


def result_folder(out_dir: Path, edited: bool) -> Path:
    """The folder to suggest next time: the parent of a suggested per-unit folder, or the user's own."""
    return out_dir if edited else out_dir.parent


def _link(path: Path) -> str:
    url = QUrl.fromLocalFile(str(path)).toString()
    return f'<a href="{html.escape(url, quote=True)}">{html.escape(str(path))}</a>'
