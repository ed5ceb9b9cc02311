"""What every section of the administration window shares: the action of roles.toml that gates it
(a section the signed-in role may not use is shown disabled, with who may), loading what it shows
(only when allowed), and running a change through the services off the GUI thread (`Op`) with
failures shown by `show_error`. `busy` counts the changes still running (tests wait for 0)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from desktop_app.services.context import WorkspaceContext
from desktop_app.ui.common.errors import show_error
from desktop_app.ui.common.operations import Op


class Section(QWidget):
    """One tab of the administration window; subclasses build `body` and implement `load`."""

    done = Signal(str)  # a change went through: what the status line says

    title = ""  # the tab's name, marked with QT_TRANSLATE_NOOP under "AdminWindow"; see `heading`
    action = ""  # the roles.toml action the section's changes need

    def __init__(self, ctx: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.busy = 0
        self.allowed = ctx.can(self.action)
        outer = QVBoxLayout(self)
        self.denied_label = QLabel()
        self.denied_label.setObjectName("adminDenied")
        self.denied_label.setWordWrap(True)
        self.denied_label.setStyleSheet("color: #a11b1b;")
        outer.addWidget(self.denied_label)
        self.body = QFrame()
        self.layout_ = QVBoxLayout(self.body)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.body, 1)
        if self.allowed:
            self.denied_label.hide()
        else:
            roles = self.tr("、").join(r.label for r in ctx.roles.roles_for(self.action)) or "—"
            self.denied_label.setText(self.tr("此部分需要“{0}”权限（{1}），当前账号只能查看说明。").format(
                ctx.roles.label(self.action), roles))

    @classmethod
    def heading(cls) -> str:
        """The section's title in the current language (the tab's text, the title of its error boxes)."""
        return QCoreApplication.translate("AdminWindow", cls.title)

    def finish_setup(self) -> None:
        """Called by subclasses at the end of their constructor: disable or load."""
        if self.allowed:
            self.reload()
        else:
            self.body.setEnabled(False)

    def reload(self) -> None:
        if not self.allowed:
            return
        try:
            self.load()
        except Exception as exc:  # a damaged file in the data folder: say so, keep the window usable
            show_error(self, exc, self.heading())

    def load(self) -> None:
        """Read what the section shows through the services (only called when allowed)."""

    def run(self, fn: Callable[[], Any], success: Callable[[Any], None] | None = None, *,
            writes: bool = True, progress: str | None = None) -> Op:
        """A change through the services, on a worker thread; then reload and `success(result)`."""
        self.busy += 1
        self.body.setEnabled(False)
        op = Op(self, fn, writes=writes).success(lambda result: self._succeeded(result, success))
        op.failure(self._failed)
        if progress is not None:
            op.with_progress(progress)
        return op.run()

    def _idle(self) -> None:
        self.busy -= 1
        if not self.busy:
            self.body.setEnabled(True)

    def _succeeded(self, result: Any, success: Callable[[Any], None] | None) -> None:
        self._idle()
        self.reload()
        if success is not None:
            success(result)

    def _failed(self, exc: BaseException) -> None:
        self._idle()
        show_error(self, exc, self.heading())


def note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: #555;")
    return label


COLUMN_AIR = 24  # px beside a column's widest text


def table(headers: list[str], name: str, stretch: int = -1) -> QTableWidget:
    """A read-only table of whole rows, one selected at a time; column `stretch` (-1: the last) takes
    the width the others leave."""
    widget = QTableWidget(0, len(headers))
    widget.setObjectName(name)
    widget.setHorizontalHeaderLabels(headers)
    widget.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    widget.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    widget.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    widget.setAlternatingRowColors(True)
    widget.setWordWrap(False)
    widget.verticalHeader().hide()
    widget.verticalHeader().setDefaultSectionSize(widget.fontMetrics().height() + 10)
    header = widget.horizontalHeader()
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setSectionResizeMode(stretch % len(headers), QHeaderView.ResizeMode.Stretch)
    return widget


def fill(widget: QTableWidget, rows: list[list[str]], keys: list[str]) -> None:
    """Replace the rows, keeping the selection on the same key (UserRole of the first cell)."""
    selected = current_key(widget)
    widget.setRowCount(len(rows))
    for r, (cells, key) in enumerate(zip(rows, keys, strict=True)):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if c == 0:
                item.setData(Qt.ItemDataRole.UserRole, key)
            widget.setItem(r, c, item)
    header = widget.horizontalHeader()
    for column in range(widget.columnCount()):
        if header.sectionResizeMode(column) != QHeaderView.ResizeMode.Stretch:
            widget.resizeColumnToContents(column)
            widget.setColumnWidth(column, widget.columnWidth(column) + COLUMN_AIR)
    if selected in keys:
        widget.selectRow(keys.index(selected))
    elif keys:
        widget.selectRow(0)


def current_key(widget: QTableWidget) -> str | None:
    row = widget.currentRow()
    item = widget.item(row, 0) if row >= 0 else None
    return None if item is None else item.data(Qt.ItemDataRole.UserRole)
