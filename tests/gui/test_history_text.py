"""History and undo read in Chinese: coded values (版式 old/new) and sources (local) as words."""

from __future__ import annotations

from pathlib import Path

from desktop_app.services import issuance
from desktop_app.services.history import history, source_label
from desktop_app.ui.records.history_view import change_text
from tests.unit.services.test_issuance import TODAY, build


def test_a_generation_reads_old_to_new_format_in_words(tmp_path: Path) -> None:
    cache = build(tmp_path)
    issued = issuance.generate(cache, "鲁建安A（2018）0000042", "张三", TODAY)
    entries = history(cache, issued.person_id)
    fmt = next(e for e in entries if e.field == "format")
    assert change_text(fmt) == "旧版 → 新版"
    assert "old" not in change_text(fmt) and "new" not in change_text(fmt)
    assert source_label(fmt.source) == "本地" and source_label("sync") == "同步"
