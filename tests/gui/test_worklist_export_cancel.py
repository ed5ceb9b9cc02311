"""The worklist export honours its 取消 button: a cancel before the file is written leaves no file."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.ui.worklist.files import ExportCancelled, export_list
from tests.gui.test_ui_search_model import TODAY, copy_of_template
from tests.helpers.ui_windows import open_context

QUESTION = {"unit": None, "enterprise": None, "missing": None, "sort": "enterprise"}


def test_a_cancelled_export_writes_nothing_and_an_uncancelled_one_writes(
        tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> None:
    ctx = open_context(copy_of_template(tmp_path_factory, tmp_path), TODAY, "张三")
    try:
        target = tmp_path / "模板.xlsx"
        steps: list[tuple[int, int]] = []
        with pytest.raises(ExportCancelled):
            export_list(ctx.worklist, target, QUESTION, "全省", lambda d, t: steps.append((d, t)), lambda: True)
        assert not target.exists() and steps == [(0, 2)]
        count = export_list(ctx.worklist, target, QUESTION, "全省", lambda d, t: None, lambda: False)
        assert count > 0 and target.is_file()
    finally:
        ctx.close()
