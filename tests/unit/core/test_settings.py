"""Workspace settings: typed defaults, atomic writes, a damaged file never stops the app."""

from __future__ import annotations

from pathlib import Path

from desktop_app.messages import DEFAULT_LANGUAGE, LANGUAGE_VARIABLE, choose_language, language_override
from desktop_app.settings import SETTINGS_FILE, WorkspaceSettings, load_settings, save_settings


def test_defaults_when_absent(tmp_path: Path) -> None:
    assert load_settings(tmp_path) == WorkspaceSettings()


def test_round_trip(tmp_path: Path) -> None:
    save_settings(tmp_path, WorkspaceSettings(operator="张三", demo=True, issuing_unit="济南市住房和城乡建设局"))
    assert load_settings(tmp_path) == WorkspaceSettings("张三", True, "济南市住房和城乡建设局")
    assert [p.name for p in tmp_path.iterdir()] == [SETTINGS_FILE]  # no temp file left behind


def test_damaged_or_mistyped_file_falls_back_to_defaults(tmp_path: Path) -> None:
    (tmp_path / SETTINGS_FILE).write_text("{not json", encoding="utf-8")
    assert load_settings(tmp_path) == WorkspaceSettings()
    (tmp_path / SETTINGS_FILE).write_text('{"operator": 5, "demo": true, "extra": 1}', encoding="utf-8")
    assert load_settings(tmp_path) == WorkspaceSettings(operator="", demo=True)


def test_the_language_comes_from_the_variable_then_the_setting_then_the_default() -> None:
    assert choose_language("", {}) == DEFAULT_LANGUAGE == "zh_CN"
    assert choose_language("en", {}) == "en"
    assert choose_language("en", {LANGUAGE_VARIABLE: "zh_CN"}) == "zh_CN"
    assert choose_language("", {LANGUAGE_VARIABLE: "en"}) == "en"
    assert choose_language("klingon", {LANGUAGE_VARIABLE: "fr"}) == DEFAULT_LANGUAGE  # unknown: not a stop
    assert language_override({LANGUAGE_VARIABLE: "en"}) == "en"
    assert language_override({LANGUAGE_VARIABLE: "fr"}) == language_override({}) == ""
