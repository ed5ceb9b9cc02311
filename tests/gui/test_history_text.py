"""History and undo read in the UI's language: the value before and after a change as 旧版 / 新版
(English: Before / After), coded values (版式 old/new) and sources (local/import/sync) as words, the
fields by their names, and the reasons the system writes translated; data stays as it is."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_app.domain.person_fields import CERTIFICATE_DATE_LABELS, FIELD_LABELS
from desktop_app.services import issuance
from desktop_app.services.history import GENERATED_FIELD_LABELS, PHOTO_FIELD, HistoryEntry, history
from desktop_app.services.undo import UNDO_REASON
from desktop_app.ui.qt_translations import install_qt_translations
from desktop_app.ui.records.change_reason import REASON_PRESETS, ChangeReasonRow
from desktop_app.ui.records.field_names import FIELD_NAMES
from desktop_app.ui.records.history_view import (
    HistoryColumn,
    HistoryModel,
    change_line,
    change_text,
    field_text,
    reason_text,
    source_text,
)
from tests.unit.services.test_issuance import TODAY, build

HAN = re.compile(r"[\u3400-\u9fff]")
NUMBER = "鲁建安A（2018）0000042"
OPERATOR = "张三"


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    installed = install_qt_translations(qapp, "en")
    assert installed, "the English catalogues are built"
    try:
        yield
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)


def generated(tmp_path: Path) -> list[HistoryEntry]:
    cache = build(tmp_path)
    issued = issuance.generate(cache, NUMBER, OPERATOR, TODAY)
    return history(cache, issued.person_id)


def entry(field: str | None, old: str | None, new: str | None, *, reason: str | None = "电话核实后更正",
          source: str = "local", entity: str = "person") -> HistoryEntry:
    import datetime as dt

    label = FIELD_LABELS.get(field or "", field or "")
    return HistoryEntry(dt.datetime(2026, 5, 1, 9, 30), OPERATOR, entity, "370102198507121118", field, label, old,
                        new, reason, source)


def without_data(text: str) -> str:
    return text.replace(OPERATOR, "").replace(NUMBER, "").replace("总经理", "")


def test_a_generation_reads_before_and_after_in_chinese(tmp_path: Path) -> None:
    entries = generated(tmp_path)
    fmt = next(e for e in entries if e.field == "format")
    assert change_text(fmt) == "旧版：旧版证书；新版：新版证书"
    assert "old" not in change_text(fmt) and "new" not in change_text(fmt) and "→" not in change_text(fmt)
    assert field_text(fmt) == "版式（证书）"
    assert change_line(fmt) == "版式（证书）：旧版：旧版证书；新版：新版证书"
    assert source_text(fmt.source) == "本地" and source_text("import") == "导入" and source_text("sync") == "同步"
    assert reason_text(fmt.reason) == issuance.GENERATE_REASON == "生成新版证书"


def test_the_table_and_its_tooltips_in_chinese(qapp: QApplication) -> None:
    model = HistoryModel()
    model.set_entries([entry("position", None, "总经理")])
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in HistoryColumn]
    assert headers == ["时间", "操作员", "项目", "旧版", "新版", "原因"]
    row = [model.data(model.index(0, c)) for c in HistoryColumn]
    assert row[HistoryColumn.FIELD:] == ["职务", "（空）", "总经理", "电话核实后更正"]
    tip = model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert "旧版：（空）" in tip and "新版：总经理" in tip and "来源：本地" in tip and "→" not in tip
    assert "local" not in tip


def test_a_generation_reads_before_and_after_in_english(tmp_path: Path, english: None) -> None:
    entries = generated(tmp_path)
    fmt = next(e for e in entries if e.field == "format")
    assert change_text(fmt) == "before: Old-format certificate; after: New-format certificate"
    assert field_text(fmt) == "Format (certificate)"
    assert change_line(fmt) == "Format (certificate): before: Old-format certificate; after: New-format certificate"
    assert [source_text(s) for s in ("local", "import", "sync")] == ["Local", "Import", "Sync"]
    assert reason_text(fmt.reason) == "New-format certificate generated"
    assert reason_text(UNDO_REASON) == "Undo of the last change"
    for e in entries:  # every field a generation changes has its English name; no Chinese but the data
        assert not HAN.search(without_data(field_text(e) + change_text(e))), (field_text(e), change_text(e))


def test_the_table_and_its_tooltips_in_english(qapp: QApplication, english: None) -> None:
    model = HistoryModel()
    model.set_entries([entry("position", None, "总经理"), entry(PHOTO_FIELD, "digest-1", "digest-2"),
                       entry("valid_until", "2027-01-01", "2028-05-10", entity="certificate", source="sync",
                             reason=UNDO_REASON)])
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in HistoryColumn]
    assert headers == ["Time", "Operator", "Field", "Before", "After", "Reason"]
    rows = sorted([model.data(model.index(r, c)) for c in HistoryColumn][HistoryColumn.FIELD:]
                  for r in range(model.rowCount()))
    assert rows == [["Photo", "Photo", "New photo", "Corrected after checking by phone"],
                    ["Position", "(empty)", "总经理", "Corrected after checking by phone"],
                    ["Valid until (certificate)", "2027-01-01", "2028-05-10", "Undo of the last change"]]
    for r in range(model.rowCount()):
        tip = model.data(model.index(r, 0), Qt.ItemDataRole.ToolTipRole)
        assert "Before: " in tip and "After: " in tip and "Source: " in tip
        assert not HAN.search(without_data(tip)), tip
    tips = [model.data(model.index(r, 0), Qt.ItemDataRole.ToolTipRole) for r in range(model.rowCount())]
    assert any("Source: Sync" in t for t in tips) and any("Source: Local" in t for t in tips)
    assert change_text(entry(PHOTO_FIELD, None, "digest")) == "photo added"
    assert change_line(entry("position", None, "总经理")) == "Position: before: (empty); after: 总经理"


def test_a_usual_reason_is_audited_in_chinese_and_shown_translated(qapp: QApplication, english: None) -> None:
    row = ChangeReasonRow()
    row.reason_box.setCurrentIndex(REASON_PRESETS.index("电话核实后更正"))
    assert row.reason_box.currentText() == "Corrected after checking by phone"
    assert row.text() == "电话核实后更正"  # the audit log keeps the source text
    assert reason_text("电话核实后更正") == "Corrected after checking by phone"
    row.reason_box.setEditText("typed by the clerk")
    assert row.text() == "typed by the clerk" and reason_text("typed by the clerk") == "typed by the clerk"
    row.deleteLater()


def test_every_audited_field_has_a_name_in_the_ui() -> None:
    fields = set(FIELD_LABELS) | set(CERTIFICATE_DATE_LABELS) | set(GENERATED_FIELD_LABELS) | {PHOTO_FIELD}
    assert fields <= set(FIELD_NAMES), fields - set(FIELD_NAMES)
    for field, label in {**FIELD_LABELS, **CERTIFICATE_DATE_LABELS, **GENERATED_FIELD_LABELS}.items():
        assert FIELD_NAMES[field] == label  # the same Chinese name as the domain's
