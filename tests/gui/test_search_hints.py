"""An empty search says what to try: the results status line shows the planner's hint (issue 10)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop_app.ui.main_window import MainWindow
from tests.gui.test_ui_search_model import TODAY, copy_of_template
from tests.helpers.ui_windows import window_opener

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

WAIT = 10000


@pytest.fixture
def open_window(qtbot: Any, tmp_path_factory: pytest.TempPathFactory,
                tmp_path: Path) -> Iterator[Callable[[], MainWindow]]:
    with window_opener(qtbot, copy_of_template(tmp_path_factory, tmp_path), TODAY) as opener:
        yield opener


def test_too_few_id_digits_say_so_in_the_status_line(qtbot: Any, open_window: Callable[[], MainWindow]) -> None:
    view = open_window().workspace_view
    view.search_box.setFocus()
    qtbot.keyClicks(view.search_box, "37")

    def answered() -> bool:
        model = view.model
        return model.current and not model.busy and model.query == "37" and not view.debounce.isActive()

    qtbot.waitUntil(answered, timeout=WAIT)
    assert view.model.rowCount() == 0
    qtbot.waitUntil(lambda: "身份证号至少输入 4 位" in view.status_row.interpretation_label.text(), timeout=WAIT)
    assert view.status_row.count_label.text() == "共 0 人"
    assert "身份证号至少输入 4 位" in view.status_row.nothing_found()
