"""pytest-qt: 文件 → 设置… on the real main window — the workstation's issuing unit and the operator,
saved through the context (read back from settings.json), announced on the change bus, shown in the
status bar and preselected by the batch dialog and the worklist."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QInputDialog, QLabel, QMessageBox

from desktop_app import demo
from desktop_app.services import context as context_module
from desktop_app.services.changes import ChangeKind, OpChanges
from desktop_app.services.context import Actor, WorkspaceContext
from desktop_app.settings import load_settings, save_settings
from desktop_app.ui.certificates.batch_dialog import BatchDialog
from desktop_app.ui.common.changes import change_bus
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.settings.dialog import SettingsDialog
from desktop_app.ui.settings.workstation_label import WorkstationLabel
from tests.gui.test_ui_search_model import TODAY
from tests.helpers.ui_windows import window_opener

WAIT = 15000
OPERATOR = "测试员"
JINAN = "济南市住房和城乡建设局"
RIZHAO = "日照市城市管理局"

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                                       "This plugin does not support raise")

OpenWindow = Callable[..., MainWindow]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A small workspace (so the window does not fill the demo on start), operator and unit saved."""
    folder = tmp_path / "workspace"
    folder.mkdir()
    source = tmp_path / "records.jsonl"
    demo.write_jsonl(source, 3, seed=5)
    ctx = WorkspaceContext.open(folder, actor=Actor(OPERATOR))
    try:
        ctx.workspace.import_jsonl(source)
        ctx.settings.issuing_unit = RIZHAO
        ctx.set_operator(OPERATOR)
    finally:
        ctx.close()
    return folder


@pytest.fixture
def open_window(qtbot: Any, data_dir: Path) -> Iterator[OpenWindow]:
    with window_opener(qtbot, data_dir, TODAY) as opener:
        yield opener


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    return shown


@pytest.fixture
def published() -> Iterator[list[OpChanges]]:
    seen: list[OpChanges] = []
    change_bus().changed.connect(seen.append)
    yield seen
    change_bus().changed.disconnect(seen.append)


def open_settings(qtbot: Any, window: MainWindow) -> SettingsDialog:
    window.main_actions.settings.trigger()
    qtbot.waitUntil(lambda: window.findChild(SettingsDialog) is not None, timeout=WAIT)
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def save_button(dialog: SettingsDialog) -> Any:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def workstation_text(window: MainWindow) -> str:
    label = window.findChild(WorkstationLabel)
    assert label is not None
    return label.text()


def test_the_dialog_shows_the_saved_unit_and_operator(qtbot: Any, open_window: OpenWindow) -> None:
    window = open_window()
    dialog = open_settings(qtbot, window)
    assert dialog.unit_combo.count() == 1 + len(window.ctx.rules.units) == 19  # （未设置） and the 18 units
    assert dialog.unit() == RIZHAO and dialog.operator() == OPERATOR
    assert dialog.phones_label.text().startswith("咨询电话：")
    assert workstation_text(window) == f"操作员：{OPERATOR} · 发证机关：{RIZHAO}"
    dialog.reject()


def test_saving_writes_the_unit_and_the_operator_and_tells_the_views(
        qtbot: Any, open_window: OpenWindow, data_dir: Path, published: list[OpChanges],
        boxes: list[str]) -> None:
    window = open_window()
    dialog = open_settings(qtbot, window)
    dialog.unit_combo.setCurrentIndex(dialog.unit_combo.findData(JINAN))
    dialog.operator_edit.setText("  李四  ")
    save_button(dialog).click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    saved = load_settings(data_dir)
    assert saved.issuing_unit == JINAN and saved.operator == "李四"
    assert window.ctx.actor.name == "李四" and window.ctx.settings.issuing_unit == JINAN
    assert any(ChangeKind.SETTINGS in changes.kinds for changes in published)
    assert workstation_text(window) == f"操作员：李四 · 发证机关：{JINAN}"
    assert window.statusBar().currentMessage() == "设置已保存"
    assert boxes == []

    # other windows read the unit from ctx.settings
    batch = BatchDialog(window.cert_context(), window)
    assert batch.unit_combo.currentData() == JINAN
    batch.deleteLater()
    window.show_worklist()
    assert window.worklist_window is not None
    assert window.worklist_window.filter_row.unit() == JINAN


def test_no_unit_can_be_chosen(qtbot: Any, open_window: OpenWindow, data_dir: Path) -> None:
    window = open_window()
    dialog = open_settings(qtbot, window)
    dialog.unit_combo.setCurrentIndex(0)
    assert not dialog.phones_label.isVisibleTo(dialog)
    save_button(dialog).click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    assert load_settings(data_dir).issuing_unit == ""
    assert workstation_text(window) == f"操作员：{OPERATOR} · 发证机关：未设置"


def test_an_empty_operator_is_refused_and_nothing_is_saved(qtbot: Any, open_window: OpenWindow,
                                                         data_dir: Path) -> None:
    window = open_window()
    dialog = open_settings(qtbot, window)
    dialog.unit_combo.setCurrentIndex(dialog.unit_combo.findData(JINAN))
    dialog.operator_edit.setText("   ")
    save_button(dialog).click()
    assert dialog.isVisible() and dialog.message_label.text() == "操作员姓名不能为空"
    assert load_settings(data_dir).issuing_unit == RIZHAO
    assert window.ctx.settings.issuing_unit == RIZHAO
    dialog.reject()


def test_a_failed_save_changes_nothing(qtbot: Any, open_window: OpenWindow, data_dir: Path,
                                       monkeypatch: pytest.MonkeyPatch, published: list[OpChanges],
                                       boxes: list[str]) -> None:
    window = open_window()
    dialog = open_settings(qtbot, window)
    dialog.unit_combo.setCurrentIndex(dialog.unit_combo.findData(JINAN))
    dialog.operator_edit.setText("王五")

    def full_disk(_folder: Path, _settings: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(context_module, "save_settings", full_disk)
    save_button(dialog).click()
    assert dialog.isVisible() and boxes and dialog.message_label.text()
    ctx = window.ctx
    assert (ctx.settings.issuing_unit, ctx.settings.operator, ctx.actor.name) == (RIZHAO, OPERATOR, OPERATOR)
    assert load_settings(data_dir).issuing_unit == RIZHAO
    assert not any(ChangeKind.SETTINGS in changes.kinds for changes in published)
    dialog.reject()


def test_a_unit_no_longer_in_the_rules_is_kept(qtbot: Any, data_dir: Path) -> None:
    settings = load_settings(data_dir)
    settings.issuing_unit = "莱芜市住房和城乡建设局"
    save_settings(data_dir, settings)
    with window_opener(qtbot, data_dir, TODAY) as opener:
        window = opener()
        dialog = open_settings(qtbot, window)
        assert dialog.unit() == "莱芜市住房和城乡建设局"
        assert "不在发证机关表中" in dialog.unit_combo.currentText()
        dialog.reject()


def test_the_operator_prompt_updates_the_status_bar(qtbot: Any, open_window: OpenWindow,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("赵六", True))
    window.main_actions.operator.trigger()
    assert window.ctx.actor.name == "赵六"
    assert workstation_text(window).startswith("操作员：赵六")


def test_an_open_batch_dialog_follows_a_new_unit_unless_the_user_chose_one(
        qtbot: Any, open_window: OpenWindow, boxes: list[str]) -> None:
    window = open_window()
    batch = BatchDialog(window.cert_context(), window)
    chosen_by_hand = BatchDialog(window.cert_context(), window)
    other = next(i for i in range(chosen_by_hand.unit_combo.count())
                 if chosen_by_hand.unit_combo.itemData(i) not in (JINAN, batch.unit_combo.currentData()))
    chosen_by_hand.unit_combo.setCurrentIndex(other)
    dialog = open_settings(qtbot, window)
    dialog.unit_combo.setCurrentIndex(dialog.unit_combo.findData(JINAN))
    save_button(dialog).click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    assert batch.unit_combo.currentData() == JINAN and "本机设置" in batch.unit_note.text()
    assert chosen_by_hand.unit_combo.currentIndex() == other  # the user's choice is kept
    batch.deleteLater()
    chosen_by_hand.deleteLater()


def test_the_language_is_saved_for_the_next_start(qtbot: Any, open_window: OpenWindow, data_dir: Path,
                                                   boxes: list[str]) -> None:
    window = open_window()
    dialog = open_settings(qtbot, window)
    combo = dialog.language_section.combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["简体中文", "English"]
    assert dialog.language_section.language() == ""  # the default, Simplified Chinese
    note = dialog.findChild(QLabel, "settingsLanguageNote")
    assert note is not None and note.text() == "更改语言后重新启动 CertDesk 生效。"
    combo.setCurrentIndex(combo.findData("en"))
    save_button(dialog).click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    assert load_settings(data_dir).language == "en"
    assert window.statusBar().currentMessage() == "设置已保存；重新启动 CertDesk 后使用新的界面语言"
    assert window.main_actions.settings.text().startswith("设置")  # this session stays in Chinese
    assert boxes == []

    qtbot.waitUntil(lambda: window.findChild(SettingsDialog) is None, timeout=WAIT)  # (deleted on close)
    again = open_settings(qtbot, window)
    assert again.language_section.language() == "en"
    again.language_section.combo.setCurrentIndex(0)
    save_button(again).click()
    qtbot.waitUntil(lambda: not again.isVisible(), timeout=WAIT)
    assert load_settings(data_dir).language == ""


def test_the_language_variable_is_named_when_it_overrides_the_setting(
        qtbot: Any, open_window: OpenWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window()
    monkeypatch.setenv("CERTDESK_LANGUAGE", "en")
    dialog = open_settings(qtbot, window)
    note = dialog.findChild(QLabel, "settingsLanguageNote")
    assert note is not None
    assert note.text() == "更改语言后重新启动 CertDesk 生效。 此计算机上的环境变量 CERTDESK_LANGUAGE=en 优先于此设置。"
    dialog.reject()
