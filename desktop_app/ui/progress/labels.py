"""What the progress window calls things: each figure, each kind (in a header), each unit, a share.

Shared with the workspace's filter bar, whose drill-down marker names the figure it lists.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from desktop_app.domain.rules import Rules
from desktop_app.services.progress.figures import SPECIAL_PREFIX, Figures
from desktop_app.ui.common.badges import BAD, WARN
from desktop_app.ui.progress.loading import SPECIAL_GROUP

CONVERTED = "converted"  # the share new_format / in_force: not one of FIGURES, shown by default
LOW_SHARE = 0.5  # below: light red
FAIR_SHARE = 0.8  # below: light amber
HEADER_LINE = 6  # characters per line of a special work type's name in a column header
LATIN_PER_HAN = 2  # a line of a Latin header holds this many letters per Chinese character
BREAK_AFTER = ("机械", "作业", "吊篮", "司索", "焊接", "架子工")  # where a work type's name breaks well


translate = QCoreApplication.translate  # translate("progress", "…"): the form lupdate reads


def figure_labels() -> dict[str, str]:
    """Every figure the table can show, in the picker's order (换发率 first)."""
    return {
        CONVERTED: translate("progress", "换发率"),
        "pending": translate("progress", "待换发"),
        "a_missing_info": translate("progress", "A 证待补充"),
        "in_force": translate("progress", "有效"),
        "new_format": translate("progress", "已换新版"),
        "total": translate("progress", "证书总数"),
        "missing_position": translate("progress", "A 证缺职务"),
        "missing_title": translate("progress", "A 证缺技术职称"),
        "missing_photo": translate("progress", "待换发缺照片"),
        "expiring_90d": translate("progress", "90 天内到期"),
        "expired": translate("progress", "已失效"),
        "suspended": translate("progress", "暂扣"),
        "revoked": translate("progress", "撤销"),
        "cancelled": translate("progress", "注销"),
        "unsynced": translate("progress", "本地未同步"),
    }


def figure_label(figure: str) -> str:
    return figure_labels().get(figure, figure)


def drill_figure(figure: str) -> str:
    """The figure whose holders a cell lists: a share lists those still to convert."""
    return "pending" if figure == CONVERTED else figure


def percent(share: float | None) -> str:
    """62.5% — rounded as the figures' `converted_pct` (the CLI and the workbook say the same)."""
    return "—" if share is None else f"{round(share * 100, 1):.1f}%"


def figure_text(figures: Figures, figure: str) -> str:
    if figure == CONVERTED:
        return percent(figures.converted)
    return f"{getattr(figures, figure):,}"


def figure_value(figures: Figures, figure: str) -> float:
    """What a column sorts by (a share that cannot be computed sorts first)."""
    if figure == CONVERTED:
        share = figures.converted
        return -1.0 if share is None else share
    return float(getattr(figures, figure))


def share_colour(share: float | None) -> QColor | None:
    """A cell's background: light red under 50 %, light amber under 80 %, none otherwise."""
    if share is None:
        return None
    if share < LOW_SHARE:
        return QColor(BAD.background)
    if share < FAIR_SHARE:
        return QColor(WARN.background)
    return None


def legend_text() -> str:
    return translate("progress", "底色表示换发率（已换新版 ÷ 有效）：浅红 低于 50%，浅黄 低于 80%")


def cell_tooltip(place: str, f: Figures) -> str:
    """Every figure of one cell, for its tooltip."""
    lines = [
        place,
        translate("progress", "有效 {in_force}，已换新版 {new}，待换发 {pending}，换发率 {share}").format(
            in_force=f"{f.in_force:,}", new=f"{f.new_format:,}", pending=f"{f.pending:,}", share=percent(f.converted)),
        translate("progress", "A 证待补充 {a}（缺职务 {pos}，缺技术职称 {title}），待换发缺照片 {photo}").format(
            a=f"{f.a_missing_info:,}", pos=f"{f.missing_position:,}", title=f"{f.missing_title:,}",
            photo=f"{f.missing_photo:,}"),
        translate("progress", "证书总数 {total}，90 天内到期 {soon}，已失效 {expired}，"
            "暂扣 {s}，撤销 {r}，注销 {c}，本地未同步 {u}").format(
            total=f"{f.total:,}", soon=f"{f.expiring_90d:,}", expired=f"{f.expired:,}", s=f"{f.suspended:,}",
            r=f"{f.revoked:,}", c=f"{f.cancelled:,}", u=f"{f.unsynced:,}"),
        translate("progress", "双击或按回车：在工作台列出这些人员"),
    ]
    return "\n".join(lines)


def short_unit(unit: str) -> str:
    """济南市住房和城乡建设局 → 济南市: what a narrow column shows (the tooltip has the whole name)."""
    for suffix in ("住房和城乡建设管理局", "住房和城乡建设局"):
        if unit.endswith(suffix) and len(unit) > len(suffix):
            return unit.removesuffix(suffix)
    return unit


def kind_label(kind: str, rules: Rules) -> str:
    """A kind as a tooltip or the picker names it: "A 证", "特种·建筑电工（01）" (the work type's name: the rules')."""
    if not kind.startswith(SPECIAL_PREFIX):
        return translate("progress", "{0} 证").format(kind)
    code = kind.removeprefix(SPECIAL_PREFIX)
    work_type = rules.work_type_by_new_code(code)
    if work_type is None:
        return translate("progress", "特种·{0}").format(code)
    return translate("progress", "特种·{0}（{1}）").format(work_type.label, code)


def kind_choice_label(kind: str | None, rules: Rules) -> str:
    """The kind picker's entries: 全部类别, A 证 …, 特种作业（全部工种）, 特种·建筑电工（01）."""
    if kind is None:
        return translate("progress", "全部类别")
    if kind == SPECIAL_GROUP:
        return translate("progress", "特种作业（全部工种）")
    return kind_label(kind, rules)


def _latin(text: str) -> bool:
    """A text written in Latin letters (a work type's English name): it breaks between words."""
    return text.isascii()


def _wrap_words(text: str, width: int) -> list[str]:
    """Lines of whole words, each at most `width` characters when a word allows it."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` characters, cut after a word of BREAK_AFTER or before a bracket when it can."""
    if _latin(text):
        return _wrap_words(text, width * LATIN_PER_HAN)
    if len(text) <= width:
        return [text] if text else []
    cuts = [i for i in range(1, len(text)) if text[i] == "（" or any(text[:i].endswith(w) for w in BREAK_AFTER)]
    fitting = [i for i in cuts if i <= width]
    cut = min(fitting, key=lambda i: max(i, len(text) - i)) if fitting else min(width, (len(text) + 1) // 2)
    return [text[:cut], *_wrap(text[cut:], width)]


def kind_header(kind: str | None, rules: Rules) -> str:
    """A column header, short enough for 17 kinds side by side: "A 证", "特种 05\\n起重机械司机\\n塔式起重机"."""
    if kind is None:
        return translate("ProgressTableModel", "合计")
    if not kind.startswith(SPECIAL_PREFIX):
        return translate("ProgressTableModel", "{0} 证").format(kind)  # (its own text: English breaks it)
    code = kind.removeprefix(SPECIAL_PREFIX)
    work_type = rules.work_type_by_new_code(code)
    first = translate("ProgressTableModel", "特种 {0}").format(code)
    if work_type is None:
        return first
    name = work_type.label
    if name.startswith("建筑") and len(name) > 4:
        name = name.removeprefix("建筑")  # every header says it: the tooltip keeps the whole name
    for opening, closing in (("（", "）"), (" (", ")")):
        base, bracket, rest = name.partition(opening)
        if bracket and rest.endswith(closing) and opening not in rest:  # the machine it works on: its own line
            machine = rest.removesuffix(closing)
            lines = [*_wrap(base, HEADER_LINE), *(_wrap(machine, HEADER_LINE) if _latin(machine) else [machine])]
            break
    else:
        lines = _wrap(name, HEADER_LINE)
    return "\n".join([first, *lines])
