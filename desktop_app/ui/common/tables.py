"""The look and behaviour every record table shares: whole rows, one at a time, read-only; columns that
fit the table's width (`FitHeader`); long texts elided on the right, their whole text in the tooltip."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QAbstractItemModel, QByteArray, QEvent, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QHelpEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
)

# Typical values the columns of several tables are measured by.
SAMPLE_NAME = "欧阳明月"
SAMPLE_ID = "37010219900307123X"
SAMPLE_A_NUMBER = "鲁建安A（2019）0001234"
SAMPLE_ENTERPRISE = "济南建工集团有限公司"  # comfortable; longer names are elided
SAMPLE_UNIT = "济南市住房和城乡建设局"
CELL_AIR = 6  # px beyond the style's text margins, so a typical value never touches the next column
STATE_PREFIX = b"certdesk-user-widths:"  # saveState: the columns the user sized, then Qt's own state


@dataclass(frozen=True)
class ColumnFit:
    """How wide a column wants to be: its widest sample, never narrower than its header.

    `shrink_to` (a text; "" = just the header) lets it give up width when space is short, the columns
    of round 1 first, then those of round 2; the `stretch` column takes what is left over."""

    samples: tuple[str, ...] = ()
    shrink_to: str | None = None
    shrink_round: int = 1
    bold: bool = False
    stretch: bool = False


def text_margin(view: QAbstractItemView) -> int:
    """The room a cell's text needs beside itself (the style's margins on both sides)."""
    return 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)


def shares(total: int, weights: Mapping[int, int]) -> dict[int, int]:
    """`total` split in proportion to `weights`, in whole pixels that add up to `total`."""
    whole, running, given, out = sum(weights.values()), 0, 0, {}
    for key, weight in weights.items():
        running += weight
        upto = total * running // whole if whole else 0
        out[key], given = upto - given, upto
    return out


class FitHeader(QHeaderView):
    """A horizontal header whose columns fill the view's width without scrolling.

    Each column gets its automatic width (`ColumnFit`); the stretch column (else the last one) takes
    the rest, and when space is short the shrinkable columns give up width, round by round and in
    proportion to what they can spare, before a horizontal scroll bar appears. A width set by anyone
    but the fit (the user dragging or double-clicking a divider, or code calling `resizeSection`) is
    the user's: it is kept, travels in `saveState`, and the fit works around it until `reset_widths`."""

    def __init__(self, fits: Mapping[int, ColumnFit], view: QTableView) -> None:
        super().__init__(Qt.Orientation.Horizontal, view)
        self.fits = dict(fits)
        self.view = view
        self.user_sized: set[int] = set()
        self._fitting = False
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(0)
        self._later.timeout.connect(self.fit)
        self.setSectionsClickable(True)
        self.sectionResized.connect(self._section_resized)

    def _section_resized(self, logical: int, old: int, new: int) -> None:
        if self._fitting:
            return
        if old > 0 and new > 0 and not self.isSectionHidden(logical):  # (hiding and showing pass through 0)
            self.user_sized.add(logical)
        self._later.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._later.start()  # the automatic widths are measured in the font

    def reset_widths(self) -> None:
        """Forget the user's widths: every column back to its automatic width."""
        self.user_sized.clear()
        self.fit()

    def automatic_widths(self) -> tuple[dict[int, int], dict[int, int]]:
        """Each column's automatic width, and the least it shrinks to (its header is never clipped)."""
        plain, bold = QFont(self.view.font()), QFont(self.view.font())
        bold.setBold(True)
        metrics = {False: QFontMetrics(plain), True: QFontMetrics(bold)}
        pad = text_margin(self.view) + CELL_AIR
        natural, least = {}, {}
        for column in range(self.count()):
            fit = self.fits.get(column, ColumnFit())
            measure = metrics[fit.bold]
            header = self.sectionSizeFromContents(column).width()
            natural[column] = max([header, *(measure.horizontalAdvance(s) + pad for s in fit.samples)])
            if fit.shrink_to is None:
                least[column] = natural[column]
            else:
                floor = measure.horizontalAdvance(fit.shrink_to) + pad if fit.shrink_to else 0
                least[column] = min(natural[column], max(header, floor))
        return natural, least

    def fit(self) -> None:
        """Give every visible column its width now: the user's, or the automatic one."""
        self._later.stop()
        room = self.width()
        if room <= 0 or self.count() == 0:
            return
        natural, least = self.automatic_widths()
        shown = [c for c in range(self.count()) if not self.isSectionHidden(c)]
        auto = [c for c in shown if c not in self.user_sized]
        widths = {c: self.sectionSize(c) if c in self.user_sized else natural[c] for c in shown}
        short = sum(widths.values()) - room
        fits = {c: self.fits.get(c, ColumnFit()) for c in auto}
        for round_ in sorted({f.shrink_round for f in fits.values()}):
            if short <= 0:
                break
            slack = {c: natural[c] - least[c] for c in auto if fits[c].shrink_round == round_ and natural[c] > least[c]}
            given = min(short, sum(slack.values()))
            for column, part in shares(given, slack).items():
                widths[column] -= part
            short -= given
        if short < 0 and auto:
            stretch = [c for c in auto if fits[c].stretch]
            widths[stretch[0] if stretch else max(auto, key=self.visualIndex)] -= short
        self._fitting = True
        try:
            for column in auto:
                if self.sectionSize(column) != widths[column]:
                    self.resizeSection(column, widths[column])
        finally:
            self._fitting = False

    def saveState(self) -> QByteArray:
        """Qt's header state, preceded by the columns whose width the user chose."""
        chosen = ",".join(str(c) for c in sorted(self.user_sized)).encode()
        return QByteArray(STATE_PREFIX + chosen + b";" + bytes(super().saveState().data()))

    def restoreState(self, state: QByteArray | bytes) -> bool:
        """What `saveState` saved (a plain Qt state too: then no width counts as the user's)."""
        raw = bytes(state.data()) if isinstance(state, QByteArray) else bytes(state)
        chosen: set[int] = set()
        if raw.startswith(STATE_PREFIX):
            listed, _, raw = raw[len(STATE_PREFIX):].partition(b";")
            chosen = {int(c) for c in listed.split(b",") if c.isdigit()}
        restored = super().restoreState(QByteArray(raw))
        self.user_sized = {c for c in chosen if c < self.count()} if restored else set()
        self.setStretchLastSection(False)  # (the fit fills the width)
        self._later.start()
        return restored


class ElidingDelegate(QStyledItemDelegate):
    """Draws as usual; the tooltip of a cell too narrow for its text starts with the whole text."""

    def helpEvent(self, event: QHelpEvent, view: QAbstractItemView, option: QStyleOptionViewItem,
                  index: QModelIndex | QPersistentModelIndex) -> bool:
        if event.type() == QEvent.Type.ToolTip and index.isValid():
            text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
            tip = str(index.data(Qt.ItemDataRole.ToolTipRole) or "")
            if text and text not in tip and self.elided(view, option, index, text):
                QToolTip.showText(event.globalPos(), f"{text}\n{tip}" if tip else text, view)
                return True
        return super().helpEvent(event, view, option, index)

    def elided(self, view: QAbstractItemView, option: QStyleOptionViewItem,
               index: QModelIndex | QPersistentModelIndex, text: str) -> bool:
        styled = QStyleOptionViewItem(option)
        self.initStyleOption(styled, index)
        return styled.fontMetrics.horizontalAdvance(text) + text_margin(view) > option.rect.width()


def setup_record_table(table: QTableView, model: QAbstractItemModel, object_name: str,
                       fits: Mapping[int, ColumnFit] | None = None) -> None:
    """Rows of people: select whole rows, one at a time, never edited in place, compact rows; with
    `fits`, columns that fit the table's width (`FitHeader`)."""
    table.setObjectName(object_name)
    if fits is not None:
        table.setHorizontalHeader(FitHeader(fits, table))
    table.setModel(model)
    table.setItemDelegate(ElidingDelegate(table))
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(fits is None)
