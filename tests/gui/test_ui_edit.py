"""pytest-qt: correcting a record in the edit dialog on the real main window and a real cache.

Open a person holding an A certificate without 职务/技术职称, fix them, save: the blocker leaves the
detail pane and the audit entry appears in the history section. Invalid input shows its reason
beside the field and keeps Save disabled; the service refuses too. Undo, stale records, photos from
a file, the clipboard, and files that are not photos.
"""

from __future__ import annotations

import datetime as dt
import io
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QMouseEvent
from PySide6.QtWidgets import QApplication, QInputDialog, QLabel, QMessageBox

from desktop_app.services import edits
from desktop_app.services.history import history as read_history
from desktop_app.settings import load_settings
from desktop_app.ui.common.changes import change_bus
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.records import cert_dates as cert_dates_module
from desktop_app.ui.records.crop_view import CropView
from desktop_app.ui.records.edit_dialog import EditDialog
from desktop_app.ui.workspace.view import WorkspaceView
from tests.gui.test_ui_search_model import A_NUMBER, LI_ID, TODAY, WANG_ID, copy_of_template
from tests.helpers.ui_windows import window_opener

WAIT = 10000
OPERATOR = "测试员"

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

OpenWindow = Callable[..., MainWindow]


@pytest.fixture
def cache_dir(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Path:
    return copy_of_template(tmp_path_factory, tmp_path)


@pytest.fixture
def open_window(qtbot: Any, cache_dir: Path) -> Iterator[OpenWindow]:
    with window_opener(qtbot, cache_dir, TODAY, OPERATOR) as opener:
        yield opener


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Message boxes answer at once (and are recorded) instead of blocking the test."""
    shown: dict[str, list[str]] = {"warning": [], "information": [], "question": []}
    reply = {"question": QMessageBox.StandardButton.Yes}

    def record(kind: str) -> Callable[..., Any]:
        def box(_parent: Any, _title: str, text: str, *args: Any, **kwargs: Any) -> Any:
            shown[kind].append(text)
            return reply["question"] if kind == "question" else QMessageBox.StandardButton.Ok
        return box

    for kind in shown:
        monkeypatch.setattr(QMessageBox, kind, record(kind))
    shown["reply"] = reply  # type: ignore[assignment]
    return shown


def view_of(window: MainWindow) -> WorkspaceView:
    return window.workspace_view


def open_person(qtbot: Any, window: MainWindow, id_number: str) -> None:
    view = view_of(window)
    view.open_person(id_number)
    qtbot.waitUntil(lambda: view.detail.detail is not None and view.detail.detail.id_number == id_number,
                    timeout=WAIT)


def open_editor(qtbot: Any, window: MainWindow) -> EditDialog:
    view = view_of(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT)
    view.detail.setFocus()
    qtbot.keyClick(view.detail, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)  # Ctrl+E
    qtbot.waitUntil(lambda: window.edit_dialog is not None and window.edit_dialog.isVisible(), timeout=WAIT)
    assert window.edit_dialog is not None
    return window.edit_dialog


def detail_texts(view: WorkspaceView) -> str:
    return " ".join(label.text() for label in view.detail.widget().findChildren(QLabel))


def fill_a_fields(dialog: EditDialog, position: str = "总经理", title: str = "高级工程师") -> None:
    dialog.person_form.editors["position"].setCurrentText(position)  # type: ignore[union-attr]
    dialog.person_form.editors["title"].setCurrentText(title)  # type: ignore[union-attr]


def give_reason(dialog: EditDialog) -> None:
    dialog.reason_row.reason_box.setCurrentIndex(0)


def wait_closed(qtbot: Any, dialog: EditDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)


# --- the campaign's case --------------------------------------------------------------------------


def test_fixing_missing_a_fields_clears_the_blocker_and_shows_the_audit_entry(
        qtbot: Any, open_window: OpenWindow, answers: dict[str, list[str]], monkeypatch: pytest.MonkeyPatch) -> None:
    threads: list[threading.Thread] = []
    real_save = edits.save_record

    def recording_save(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread())
        return real_save(*args, **kwargs)

    monkeypatch.setattr(edits, "save_record", recording_save)
    window = open_window()
    view = view_of(window)
    open_person(qtbot, window, WANG_ID)
    assert "未填写（A 证必填）" in detail_texts(view)
    assert view.detail.answer_label is not None and "职务" in view.detail.answer_label.text()
    assert view.model.hit(0) is not None and view.model.hit(0).blocked  # type: ignore[union-attr]

    dialog = open_editor(qtbot, window)
    assert dialog.holds_a() and dialog.a_note.isVisible()
    assert "A 证持有人必须填写职务" in dialog.person_form.reason_labels["position"].text()
    assert not dialog.save_button.isEnabled()
    assert dialog.person_form.editors["position"].findText("法定代表人") >= 0  # the choice list from resources/

    fill_a_fields(dialog)
    assert dialog.person_form.reason_labels["position"].text() == ""
    assert dialog.person_form.reason_labels["title"].text() == ""
    assert not dialog.save_button.isEnabled()  # no reason yet
    assert dialog.reason_row.missing_label.text()
    give_reason(dialog)
    assert dialog.save_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Ctrl+S
    wait_closed(qtbot, dialog)
    assert dialog.result() == EditDialog.DialogCode.Accepted
    assert threads and all(t is not threading.main_thread() for t in threads)

    # the detail pane, its history section and the results row refresh
    qtbot.waitUntil(lambda: view.detail.detail is not None and view.detail.detail.position == "总经理",
                    timeout=WAIT)
    assert "未填写（A 证必填）" not in detail_texts(view)
    a_cert = next(c for c in view.detail.detail.certificates if c.number == A_NUMBER)
    assert a_cert.blockers == ()
    assert view.detail.history is not None
    rows = [view.detail.history.model.entry(r) for r in range(view.detail.history.model.rowCount())]
    assert {(e.field_label, e.new_value, e.operator, e.reason) for e in rows if e} >= {
        ("职务", "总经理", OPERATOR, dialog.change_reason()),
        ("技术职称", "高级工程师", OPERATOR, dialog.change_reason())}
    assert view.detail.history.table.isVisible()
    qtbot.waitUntil(lambda: not view.model.hit(0).blocked, timeout=WAIT)  # type: ignore[union-attr]
    assert view.model.hit(0).unsynced  # type: ignore[union-attr]
    assert window.main_actions.undo.isEnabled() and "1 项未同步" in window.main_actions.undo.text()
    assert not answers["warning"]


def test_enter_in_the_detail_opens_the_editor(qtbot: Any, open_window: OpenWindow) -> None:
    window = open_window()
    view = view_of(window)
    view.search_box.setFocus()
    qtbot.keyClicks(view.search_box, WANG_ID)
    qtbot.keyClick(view.search_box, Qt.Key.Key_Return)  # opens the best match
    qtbot.waitUntil(lambda: view.detail.detail is not None, timeout=WAIT)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)  # Enter on the row: the detail takes the focus
    qtbot.waitUntil(view.detail.hasFocus, timeout=WAIT)
    qtbot.keyClick(view.detail, Qt.Key.Key_Return)  # Enter in the detail: edit
    qtbot.waitUntil(lambda: window.edit_dialog is not None and window.edit_dialog.isVisible(), timeout=WAIT)
    assert window.edit_dialog is not None and window.edit_dialog.form.values["id_number"] == WANG_ID


# --- validation -----------------------------------------------------------------------------------


def test_a_bad_id_number_shows_its_reason_and_save_stays_disabled(qtbot: Any, open_window: OpenWindow,
                                                                   cache_dir: Path) -> None:
    window = open_window()
    open_person(qtbot, window, WANG_ID)
    dialog = open_editor(qtbot, window)
    fill_a_fields(dialog)
    give_reason(dialog)
    assert dialog.save_button.isEnabled()
    bad = WANG_ID[:-1] + ("0" if WANG_ID[-1] != "0" else "1")  # wrong check digit
    dialog.person_form.editors["id_number"].setText(bad)  # type: ignore[union-attr]
    assert "校验位" in dialog.person_form.reason_labels["id_number"].text()
    assert dialog.person_form.reason_labels["id_number"].isVisible()
    assert not dialog.save_button.isEnabled() and not dialog.save_action.isEnabled()
    assert "需要更正" in dialog.status_label.text()
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # refused: nothing happens
    assert dialog.isVisible() and not dialog.saving
    dialog.person_form.editors["phone"].setText("1390531")  # type: ignore[union-attr]
    assert "11 位" in dialog.person_form.reason_labels["phone"].text()
    dialog.person_form.editors["phone"].setText("13905310009")  # type: ignore[union-attr]
    assert dialog.person_form.reason_labels["phone"].text() == ""

    # The service refuses the same value: nothing invalid reaches the cache.
    form = edits.load_person_form(window.ctx.cache, dialog.form.person_id)
    with pytest.raises(edits.ValidationFailed) as refused:
        edits.save_person(window.ctx.cache, form.person_id, form.version, {"id_number": bad}, OPERATOR, "x")
    assert "校验位" in refused.value.reasons["id_number"]
    assert read_history(window.ctx.cache, form.person_id) == []


def test_a_refusal_on_save_shows_the_reasons_and_writes_nothing(qtbot: Any, open_window: OpenWindow,
                                                               answers: dict[str, list[str]]) -> None:
    window = open_window()
    open_person(qtbot, window, WANG_ID)
    dialog = open_editor(qtbot, window)
    fill_a_fields(dialog)
    give_reason(dialog)
    # Valid as typed, but the ID number belongs to somebody else: only the service can know.
    dialog.person_form.editors["id_number"].setText(LI_ID)  # type: ignore[union-attr]
    dialog.person_form.editors["gender"].setCurrentText("女")  # type: ignore[union-attr]
    assert dialog.save_button.isEnabled()
    version = dialog.form.version
    dialog.save_button.click()
    qtbot.waitUntil(lambda: bool(answers["warning"]), timeout=WAIT)
    assert "已属于另一人" in dialog.person_form.reason_labels["id_number"].text()
    assert not dialog.save_button.isEnabled() and dialog.isVisible()
    assert "没有写入" in answers["warning"][0]
    assert edits.load_person_form(window.ctx.cache, dialog.form.person_id).version == version
    assert read_history(window.ctx.cache, dialog.form.person_id) == []
    dialog.person_form.editors["id_number"].setText(WANG_ID)  # type: ignore[union-attr]
    dialog.person_form.editors["gender"].setCurrentText("男")  # type: ignore[union-attr]
    assert dialog.person_form.reason_labels["id_number"].text() == "" and dialog.save_button.isEnabled()


def test_escape_asks_before_dropping_changes(qtbot: Any, open_window: OpenWindow,
                                            answers: dict[str, Any]) -> None:
    window = open_window()
    open_person(qtbot, window, WANG_ID)
    dialog = open_editor(qtbot, window)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing changed: closes at once
    wait_closed(qtbot, dialog)
    assert answers["question"] == []
    dialog = open_editor(qtbot, window)
    dialog.person_form.editors["major"].setText("结构工程")  # type: ignore[union-attr]
    answers["reply"]["question"] = QMessageBox.StandardButton.Cancel
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert len(answers["question"]) == 1 and dialog.isVisible()
    answers["reply"]["question"] = QMessageBox.StandardButton.Discard
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    wait_closed(qtbot, dialog)
    assert read_history(window.ctx.cache, dialog.form.person_id) == []


# --- undo, stale records, the operator --------------------------------------------------------------


def test_undo_the_last_change_restores_the_value(qtbot: Any, open_window: OpenWindow,
                                                 answers: dict[str, list[str]]) -> None:
    window = open_window()
    view = view_of(window)
    open_person(qtbot, window, WANG_ID)
    person_id = view.current_person()
    assert person_id is not None
    assert view.detail.undo_button is not None and not view.detail.undo_button.isEnabled()
    form = edits.load_person_form(window.ctx.cache, person_id)
    saved = edits.save_person(window.ctx.cache, person_id, form.version, {"position": "总经理", "title": "工程师"},
                              OPERATOR, "电话核实后更正")
    change_bus().publish(saved.op_changes)  # what a save elsewhere announces
    qtbot.waitUntil(lambda: view.detail.detail is not None and view.detail.detail.position == "总经理",
                    timeout=WAIT)
    assert view.detail.undo_button is not None and view.detail.undo_button.isEnabled()
    assert "1 项" in detail_texts(view)  # the count of unsynced changes

    view.search_box.setFocus()
    qtbot.keyClick(view.search_box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the box's own undo
    qtbot.wait(100)
    assert answers["question"] == []
    view.detail.setFocus()
    qtbot.keyClick(view.detail, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view.detail.detail is not None and view.detail.detail.position is None, timeout=WAIT)
    shown = answers["question"][0]
    assert "职务" in shown and "总经理" in shown and "电话核实后更正" in shown  # what will be undone
    assert view.detail.detail.unsynced_changes == 0
    assert not window.main_actions.undo.isEnabled()
    history = read_history(window.ctx.cache, person_id)
    assert history[0].reason == "撤销上一次修改"
    assert "未填写（A 证必填）" in detail_texts(view)


def test_a_stale_edit_says_so_and_reloads(qtbot: Any, open_window: OpenWindow,
                                          answers: dict[str, list[str]]) -> None:
    window = open_window()
    open_person(qtbot, window, WANG_ID)
    dialog = open_editor(qtbot, window)
    cache, person_id = window.ctx.cache, dialog.form.person_id
    # Meanwhile the record changes elsewhere (another window, an import, a sync).
    edits.save_person(cache, person_id, dialog.form.version,
                      {"phone": "13905319999", "position": "总经理", "title": "工程师"}, "别人", "电话核实后更正")
    fill_a_fields(dialog)
    give_reason(dialog)
    with qtbot.waitSignal(dialog.reloaded, timeout=WAIT):
        dialog.save_button.click()
    assert answers["information"] and "已在别处被修改" in answers["information"][0]
    assert dialog.isVisible()
    assert dialog.person_form.editors["phone"].text() == "13905319999"  # type: ignore[union-attr]
    assert dialog.form.version == edits.load_person_form(cache, person_id).version
    assert {e.operator for e in read_history(cache, person_id)} == {"别人"}  # the stale save wrote nothing
    assert dialog.person_form.editors["position"].currentText() == "总经理"  # type: ignore[union-attr]


def test_the_operator_is_asked_once_and_saved(qtbot: Any, open_window: OpenWindow, cache_dir: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def ask(*_args: Any, **_kwargs: Any) -> tuple[str, bool]:
        asked.append("asked")
        return " 李四 ", True

    monkeypatch.setattr(QInputDialog, "getText", ask)
    window = open_window(operator="")
    open_person(qtbot, window, WANG_ID)
    dialog = open_editor(qtbot, window)
    assert window.ctx.actor.name == "李四"
    assert load_settings(cache_dir).operator == "李四"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    wait_closed(qtbot, dialog)
    open_editor(qtbot, window)
    assert asked == ["asked"]


# --- certificate dates ---------------------------------------------------------------------------


def test_certificate_dates_are_checked_and_saved(qtbot: Any, open_window: OpenWindow) -> None:
    window = open_window()
    open_person(qtbot, window, WANG_ID)
    dialog = open_editor(qtbot, window)
    fill_a_fields(dialog)
    give_reason(dialog)
    cert = next(c for c in dialog.dates.certificates if c.number == A_NUMBER)
    editors = dialog.dates.editors[cert.id]
    editors["valid_until"].set_value(dt.date(2020, 1, 1))  # before the issue date
    assert "早于发证日期" in dialog.dates.reason_labels[cert.id].text()
    assert not dialog.save_button.isEnabled()
    editors["valid_until"].set_value(dt.date(2028, 5, 10))
    assert dialog.dates.reason_labels[cert.id].text() == "" and dialog.save_button.isEnabled()
    dialog.save_button.click()
    wait_closed(qtbot, dialog)
    labels = {(e.field_label, e.new_value) for e in read_history(window.ctx.cache, dialog.form.person_id)}
    assert ("有效期至", "2028-05-10") in labels and ("职务", "总经理") in labels


# --- the photo ------------------------------------------------------------------------------------


def portrait(path: Path, size: tuple[int, int] = (800, 1000)) -> Path:
    image = Image.new("RGB", size, (200, 220, 240))
    pixels = image.load()
    for y in range(size[1]):  # some texture, so that the JPEG is not trivially small
        for x in range(0, size[0], 3):
            pixels[x, y] = ((x * 7 + y * 3) % 256, (y * 5) % 256, 180)  # type: ignore[index]
    image.save(path, "PNG")
    return path


def drag(widget: CropView, start: QPointF, end: QPointF) -> None:
    """A left-button drag, as real mouse events (QTest's mouseMove carries no button state)."""
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    events = [(QEvent.Type.MouseButtonPress, start, left, left)]
    steps = 5
    for i in range(1, steps + 1):
        point = QPointF(start.x() + (end.x() - start.x()) * i / steps, start.y() + (end.y() - start.y()) * i / steps)
        events.append((QEvent.Type.MouseMove, point, none, left))
    events.append((QEvent.Type.MouseButtonRelease, end, left, none))
    for kind, point, button, buttons in events:
        global_point = QPointF(widget.mapToGlobal(point.toPoint()))
        QApplication.sendEvent(widget, QMouseEvent(kind, point, global_point, button, buttons,
                                                   Qt.KeyboardModifier.NoModifier))


def test_photo_from_a_file_cropped_and_saved(qtbot: Any, open_window: OpenWindow, tmp_path: Path) -> None:
    window = open_window()
    view = view_of(window)
    open_person(qtbot, window, WANG_ID)
    dialog = open_editor(qtbot, window)
    photo = dialog.photo
    photo.load_file(portrait(tmp_path / "portrait.png"))
    qtbot.waitUntil(lambda: photo.result is not None and not photo.busy(), timeout=WAIT)
    crop_view = photo.crop_view
    assert crop_view.isVisible()
    first = crop_view.crop()
    assert first is not None and abs(first.width / first.height - 25 / 35) < 0.01

    box = crop_view.crop_rect()
    corner = box.bottomRight() - QPointF(2, 2)
    drag(crop_view, corner, corner - QPointF(box.width() * 0.4, box.height() * 0.4))  # resize from a corner
    qtbot.waitUntil(lambda: not photo.busy(), timeout=WAIT)
    resized = crop_view.crop()
    assert resized is not None and resized.width < first.width * 0.8
    assert abs(resized.width / resized.height - 25 / 35) < 0.01  # the aspect stays locked
    box = crop_view.crop_rect()
    drag(crop_view, box.center(), box.center() + QPointF(15, 20))  # move it
    qtbot.waitUntil(lambda: not photo.busy() and photo.result is not None, timeout=WAIT)
    moved = crop_view.crop()
    assert moved is not None and (moved.left, moved.top) != (resized.left, resized.top)
    assert moved.width == resized.width

    stored = photo.new_photo()
    assert stored is not None and stored.startswith(b"\xff\xd8") and len(stored) <= 50 * 1024
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG" and 200 <= round(image.info["dpi"][0]) <= 300
        assert abs(image.width / image.height - 25 / 35) < 0.01
    assert "KB" in photo.info_label.text() and photo.preview.pixmap() is not None
    assert not photo.preview.pixmap().isNull()

    fill_a_fields(dialog)
    give_reason(dialog)
    dialog.save_button.click()
    wait_closed(qtbot, dialog)
    assert edits.load_person_form(window.ctx.cache, dialog.form.person_id).photo == stored
    qtbot.waitUntil(lambda: view.detail.detail is not None and view.detail.detail.photo == stored, timeout=WAIT)
    labels = [e.field_label for e in read_history(window.ctx.cache, dialog.form.person_id)]
    assert "照片" in labels


def _truncated_png() -> bytes:
    out = io.BytesIO()
    Image.effect_noise((400, 560), 60).convert("RGB").save(out, "PNG")
    return out.getvalue()[:len(out.getvalue()) // 2]


def _too_many_pixels() -> bytes:
    out = io.BytesIO()
    Image.new("1", (8000, 6000)).save(out, "PNG")  # 48 megapixels in a few KB: a decompression bomb
    return out.getvalue()


@pytest.mark.parametrize(("content", "expected"), [
    (_truncated_png(), "损坏"),
    (_too_many_pixels(), "像素过多"),
    ("姓名,身份证号\n王建国,370102\n".encode(), "不是可识别的图片"),
    (None, "照片太小"),
])
def test_files_that_are_not_usable_photos_give_a_clear_message(qtbot: Any, open_window: OpenWindow,
                                                              tmp_path: Path, content: bytes | None,
                                                              expected: str) -> None:
    window = open_window()
    open_person(qtbot, window, WANG_ID)
    dialog = open_editor(qtbot, window)
    photo = dialog.photo
    path = tmp_path / "photo.png"
    if content is None:
        Image.new("RGB", (40, 56), (10, 20, 30)).save(path)
    else:
        path.write_bytes(content)
    photo.load_file(path)
    qtbot.waitUntil(lambda: not photo.busy(), timeout=WAIT)
    assert expected in photo.message()
    assert photo.new_photo() is None and not photo.dirty() and not photo.crop_view.isVisible()
    assert not dialog.dirty()


def test_a_huge_file_is_refused_before_it_is_read(qtbot: Any, open_window: OpenWindow, tmp_path: Path) -> None:
    window = open_window()
    open_person(qtbot, window, WANG_ID)
    dialog = open_editor(qtbot, window)
    path = tmp_path / "huge.jpg"
    with path.open("wb") as handle:
        handle.truncate(25 * 1024 * 1024)  # sparse: 25 MB without writing them
    dialog.photo.load_file(path)
    qtbot.waitUntil(lambda: not dialog.photo.busy(), timeout=WAIT)
    assert "过大" in dialog.photo.message() and dialog.photo.new_photo() is None


def test_a_clipboard_image_is_pasted_with_ctrl_v(qtbot: Any, open_window: OpenWindow) -> None:
    window = open_window()
    open_person(qtbot, window, WANG_ID)
    dialog = open_editor(qtbot, window)
    image = QImage(300, 420, QImage.Format.Format_RGB32)
    image.fill(QColor("#c8dcf0"))
    QApplication.clipboard().setImage(image)
    gender = dialog.person_form.editors["gender"]
    gender.setFocus()
    qtbot.waitUntil(gender.hasFocus, timeout=WAIT)
    qtbot.keyClick(gender, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.photo.result is not None and not dialog.photo.busy(), timeout=WAIT)
    assert dialog.photo.crop_view.crop() is not None
    assert dialog.photo.new_photo() is not None and dialog.dirty()
    QApplication.clipboard().setText("not a picture")
    dialog.photo.revert()
    dialog.photo.paste()
    assert "没有图片" in dialog.photo.message() and dialog.photo.new_photo() is None


def test_date_fields_keep_empty_dates_empty(qtbot: Any) -> None:
    field = cert_dates_module.DateField(None)
    qtbot.addWidget(field)
    assert field.value() is None and field.text() == "未填写"
    field.set_value(dt.date(2024, 2, 29))
    assert field.value() == dt.date(2024, 2, 29)
