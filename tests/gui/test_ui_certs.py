"""pytest-qt: new-format certificates in the GUI on the real main window and a real cache.

From a search result to the preview at true scale, generate (badge, audit), print to a PDF-file
printer at 100 % full page (A4, the print log), a reprint that needs a reason, per-printer
calibration saved and applied, the batch dialog (progress, cancel, resume, PDFs) and the verify
dialog (genuine vs tampered). QtPrintSupport is available; QtPdf is not (pdfium rasterises).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QPushButton

from desktop_app.services import batch, issuance, printing
from desktop_app.settings import WorkspaceSettings, save_settings
from desktop_app.ui.certificates.cert_preview import CertificatePreview
from desktop_app.ui.certificates.print_job import PDF_PRINTER
from desktop_app.ui.certificates.printing_dialog import PrintDialog
from desktop_app.ui.certificates.true_scale import ACTUAL, FIT
from desktop_app.ui.common.operations import Op
from desktop_app.ui.main_window import MainWindow
from tests.helpers.search_fixtures import LUNENG, TODAY, cert, person, resident_id, write_and_import
from tests.helpers.ui_windows import window_opener
from tests.unit.services.test_issuance import A_MISSING, READY_A, SPECIAL_4T, records, with_photo

WAIT = 15000
OPERATOR = "测试员"
ZIBO = "淄博市住房和城乡建设局"
A_READY_NUMBER = "鲁建安A（2018）0000042"
SPECIAL_NEW = "鲁A052019000123"
MM_PER_PT = 25.4 / 72

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

OpenWindow = Callable[[], MainWindow]


def zibo_records(count: int = 6) -> list[dict[str, Any]]:
    """A small unit for the batch: `count` eligible certificates and one without a photo."""
    people = [with_photo(person(resident_id("370302", f"1981{1 + i:02d}10", f"{200 + i:03d}"), "淄博" + chr(0x4E00 + i),
                                [cert(f"鲁建安B（2017）{880 + i:07d}", "B", "old", unit=ZIBO)], employer=LUNENG))
              for i in range(count)]
    people.append(with_photo(person(resident_id("370302", "19700101", "299"), "淄博无照片",
                                    [cert("鲁建安B（2017）0000999", "B", "old", unit=ZIBO)]), photo=False))
    return people


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    cache = write_and_import(tmp_path, records() + zibo_records())
    folder = cache.path.parent
    cache.close()
    # a demo workspace: every certificate is a specimen (样本, 样章)
    save_settings(folder, WorkspaceSettings(operator=OPERATOR, demo=True))
    return folder


@pytest.fixture
def open_window(qtbot: Any, data_dir: Path) -> Iterator[OpenWindow]:
    with window_opener(qtbot, data_dir, TODAY) as opener:
        yield opener


@pytest.fixture(autouse=True)
def no_message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def box(_parent: Any, _title: str, text: str, *args: Any, **kwargs: Any) -> Any:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    for kind in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, kind, box)
    # show_error builds its own box: record its text instead of waiting for a click
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()) or QMessageBox.StandardButton.Ok)
    return shown


def rows(data_dir: Path, sql: str, *params: object) -> list[tuple[Any, ...]]:
    with sqlite3.connect(data_dir / "certdesk.sqlite3") as conn:
        return conn.execute(sql, params).fetchall()


def open_person(qtbot: Any, window: MainWindow, id_number: str) -> None:
    view = window.workspace_view
    view.open_person(id_number)
    qtbot.waitUntil(lambda: view.detail.detail is not None and view.detail.detail.id_number == id_number,
                    timeout=WAIT)


def press(qtbot: Any, window: MainWindow, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
    """A shortcut as the user types it, in the active main window (where the focus is: the search box)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT)
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifiers)


def card_texts(window: MainWindow) -> list[str]:
    body = window.workspace_view.detail.widget()
    return [label.text() for label in body.findChildren(QLabel)]


def loaded_preview(qtbot: Any, window: MainWindow) -> CertificatePreview:
    qtbot.waitUntil(lambda: window.certificates.preview_dialog is not None
                    and window.certificates.preview_dialog.isVisible(), timeout=WAIT)
    dialog = window.certificates.preview_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.loaded is not None and not dialog.busy, timeout=WAIT)
    return dialog


def generated_preview(qtbot: Any, window: MainWindow, id_number: str) -> CertificatePreview:
    """Open the person, the preview with Ctrl+Shift+P, and generate when needed."""
    open_person(qtbot, window, id_number)
    press(qtbot, window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = loaded_preview(qtbot, window)
    if dialog.generate_button.isVisible():
        qtbot.mouseClick(dialog.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.image is not None and not dialog.busy, timeout=WAIT)
    return dialog


def open_print_dialog(qtbot: Any, preview: CertificatePreview) -> PrintDialog:
    preview.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is preview, timeout=WAIT)
    qtbot.keyClick(preview, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)  # Ctrl+P
    qtbot.waitUntil(lambda: preview.print_dialog is not None and preview.print_dialog.isVisible(), timeout=WAIT)
    dialog = preview.print_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.history is not None, timeout=WAIT)
    return dialog


def print_to(qtbot: Any, dialog: PrintDialog, target: Path) -> None:
    dialog.chooser.set_printer(PDF_PRINTER)
    dialog.chooser.file_edit.setText(str(target))
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)


def first_dark(image: Image.Image, xs: range, ys: range, *, along_x: bool) -> int:
    """The first coordinate (pixels) along x (or y) where a dark pixel appears within the band."""
    grey = image.convert("L")
    outer, inner = (xs, ys) if along_x else (ys, xs)
    for a in outer:
        for b in inner:
            if grey.getpixel((a, b) if along_x else (b, a)) < 100:
                return a
    raise AssertionError("no dark pixel found")


def raster(path: Path, dpi: float = 100) -> Image.Image:
    document = pdfium.PdfDocument(path)
    try:
        return document[0].render(scale=dpi / 72).to_pil()
    finally:
        document.close()


# --- from a search result to a printed certificate ------------------------------------------------


def test_search_to_true_scale_preview_generate_and_print(qtbot: Any, open_window: OpenWindow, data_dir: Path,
                                                         tmp_path: Path) -> None:
    window = open_window()
    open_person(qtbot, window, READY_A)
    assert "新版未生成" in card_texts(window)
    button = window.workspace_view.detail.widget().findChild(QPushButton, "previewButton")
    assert button is not None and button.property("certNumber") == A_READY_NUMBER
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    preview = loaded_preview(qtbot, window)
    assert preview.generate_button.isVisible() and not preview.print_button.isEnabled()
    assert "尚未生成" in preview.state_label.text()

    qtbot.mouseClick(preview.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: preview.image is not None and not preview.busy, timeout=WAIT)
    assert not preview.generate_button.isVisible() and preview.print_button.isEnabled()
    # true scale: the one PDF rasterised at the screen's dpi; an A4 page is 210 × 297 mm at that dpi
    assert preview.zoom_combo.currentData() == ACTUAL
    image = preview.image
    assert image is not None
    assert abs(image.width() - 210 / 25.4 * preview.render_dpi) <= 1
    assert abs(image.height() - 297 / 25.4 * preview.render_dpi) <= 1
    screen = preview.screen()
    assert preview.render_dpi == pytest.approx(screen.physicalDotsPerInch() * preview.devicePixelRatioF()) or \
        preview.render_dpi == pytest.approx(screen.logicalDotsPerInch() * preview.devicePixelRatioF())
    actual_dpi = preview.render_dpi
    preview.zoom_combo.setCurrentIndex(preview.zoom_combo.findData(2.0))
    qtbot.waitUntil(lambda: preview.render_dpi == pytest.approx(2 * actual_dpi) and not preview.busy, timeout=WAIT)
    preview.zoom_combo.setCurrentIndex(preview.zoom_combo.findData(FIT))
    qtbot.waitUntil(lambda: preview.render_dpi < actual_dpi and not preview.busy, timeout=WAIT)

    # the detail and the row refresh: the new badge; the generation is audited
    qtbot.waitUntil(lambda: "新版已生成" in card_texts(window), timeout=WAIT)
    assert "新版未生成" not in card_texts(window)
    audit = rows(data_dir, "SELECT operator, reason FROM audit_log WHERE entity_key = ? AND field = 'qr_text'",
                 A_READY_NUMBER)
    assert audit == [(OPERATOR, issuance.GENERATE_REASON)]

    dialog = open_print_dialog(qtbot, preview)
    assert "首次打印" in dialog.reprint.history_label.text() and not dialog.reprint.reason_combo.isEnabled()
    output = tmp_path / "打印" / "certificate.pdf"
    print_to(qtbot, dialog, output)
    qtbot.waitUntil(lambda: dialog.record is not None and not dialog.isVisible(), timeout=WAIT)
    assert output.is_file()
    with pdfplumber.open(output) as pdf:
        [page] = pdf.pages
        assert page.width * MM_PER_PT == pytest.approx(210, abs=0.5)
        assert page.height * MM_PER_PT == pytest.approx(297, abs=0.5)
        # 100 %, full page: the rasterised certificate covers the sheet exactly, from its corner
        [picture] = page.images
        box = (picture["x0"], picture["top"], picture["x1"], picture["bottom"])
        assert [v * MM_PER_PT for v in box] == pytest.approx([0, 0, 210, 297], abs=0.5)
    [record] = printing.print_history(window.ctx.cache, A_READY_NUMBER)
    assert (record.operator, record.printer, record.copies, record.reprint) == (OPERATOR, PDF_PRINTER, 1, False)
    assert window.ui_settings.value("printing/last_printer") == PDF_PRINTER


def test_a_reprint_needs_a_reason_and_is_logged_as_one(qtbot: Any, open_window: OpenWindow, tmp_path: Path) -> None:
    window = open_window()
    preview = generated_preview(qtbot, window, SPECIAL_4T)
    assert preview.number == SPECIAL_NEW
    first = open_print_dialog(qtbot, preview)
    print_to(qtbot, first, tmp_path / "first.pdf")
    qtbot.waitUntil(lambda: first.record is not None, timeout=WAIT)

    again = open_print_dialog(qtbot, preview)
    assert again is not first and "已打印 1 次" in again.reprint.history_label.text()
    assert again.reprint.reason_combo.isEnabled()
    print_to(qtbot, again, tmp_path / "again.pdf")
    qtbot.waitUntil(lambda: again.error_label.isVisible(), timeout=WAIT)
    assert "重印须" in again.error_label.text() and again.isVisible()
    assert not (tmp_path / "again.pdf").exists()
    assert len(printing.print_history(window.ctx.cache, SPECIAL_NEW)) == 1

    again.reprint.reason_combo.setCurrentIndex(again.reprint.reason_combo.findData("证书污损"))
    assert not again.error_label.isVisible()
    qtbot.mouseClick(again.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: again.record is not None, timeout=WAIT)
    history = printing.print_history(window.ctx.cache, SPECIAL_NEW)
    assert [(r.reprint, r.reprint_reason) for r in history] == [(False, None), (True, "证书污损")]
    assert (tmp_path / "again.pdf").is_file()


def test_an_ineligible_certificate_lists_its_reasons(qtbot: Any, open_window: OpenWindow, data_dir: Path) -> None:
    window = open_window()
    open_person(qtbot, window, A_MISSING)
    window.preview_current()
    preview = loaded_preview(qtbot, window)
    assert "职务" in preview.state_label.text() and not preview.print_button.isEnabled()
    qtbot.mouseClick(preview.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not preview.busy, timeout=WAIT)
    assert "不能生成新版证书" in preview.state_label.text() and "A 证缺少：职务" in preview.state_label.text()
    assert rows(data_dir, "SELECT count(*) FROM audit_log WHERE source = 'local'") == [(0,)]

    # the missing field saved elsewhere (Op publishes the change): the open preview reads itself again
    ctx = window.ctx
    form = ctx.edits.load_form(preview.person_id)
    Op(window, lambda: ctx.edits.save_person(preview.person_id, form.version, {"position": "总经理"}),
       writes=True).run()
    qtbot.waitUntil(lambda: not preview.busy and "尚未生成" in preview.state_label.text(), timeout=WAIT)
    assert preview.generate_button.isVisible() and preview.generate_button.isEnabled()


# --- calibration -----------------------------------------------------------------------------------


def test_calibration_is_saved_per_printer_and_applied_to_prints(qtbot: Any, open_window: OpenWindow,
                                                                data_dir: Path, tmp_path: Path) -> None:
    printing.save_offset(data_dir, "柜台激光打印机", 0.5, 0.5)  # another printer's calibration is kept
    window = open_window()
    window.main_actions.calibrate.trigger()
    calibration = window.certificates.calibration_dialog
    assert calibration is not None and calibration.isVisible()
    calibration.chooser.set_printer(PDF_PRINTER)
    calibration.chooser.file_edit.setText(str(tmp_path / "calibration.pdf"))
    qtbot.mouseClick(calibration.print_button, Qt.MouseButton.LeftButton)  # the page, unshifted
    qtbot.waitUntil(lambda: (tmp_path / "calibration.pdf").is_file() and calibration.print_button.isEnabled(),
                    timeout=WAIT)
    assert "已发送" in calibration.message.text()
    assert calibration.x_spin.singleStep() == pytest.approx(0.1) and calibration.x_spin.suffix() == " mm"
    calibration.x_spin.setValue(2.0)  # measured: 2 mm too far right, 1.5 mm too far up
    calibration.y_spin.setValue(-1.5)
    qtbot.mouseClick(calibration.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已保存" in calibration.message.text(), timeout=WAIT)  # saved on the write thread
    saved = json.loads((data_dir / printing.PRINTERS_FILE).read_text(encoding="utf-8"))
    assert saved == {PDF_PRINTER: {"x_mm": 2.0, "y_mm": -1.5}, "柜台激光打印机": {"x_mm": 0.5, "y_mm": 0.5}}
    assert "已校准" in calibration.current_label.text()

    calibration.apply_check.setChecked(True)  # check the result: the page moved by the opposite
    calibration.chooser.file_edit.setText(str(tmp_path / "checked.pdf"))
    qtbot.mouseClick(calibration.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: (tmp_path / "checked.pdf").is_file() and calibration.print_button.isEnabled(),
                    timeout=WAIT)
    dpi = 200
    px = dpi / 25.4
    plain, moved = raster(tmp_path / "calibration.pdf", dpi), raster(tmp_path / "checked.pdf", dpi)
    # the 100 × 100 mm square: left edge at 55 mm, top edge at 90 mm from the sheet's corner
    band_y = range(int(130 * px), int(150 * px), 3)
    left_plain = first_dark(plain, range(int(40 * px), int(70 * px)), band_y, along_x=True)
    left_moved = first_dark(moved, range(int(40 * px), int(70 * px)), band_y, along_x=True)
    band_x = range(int(60 * px), int(75 * px), 3)
    top_plain = first_dark(plain, band_x, range(int(80 * px), int(100 * px)), along_x=False)
    top_moved = first_dark(moved, band_x, range(int(80 * px), int(100 * px)), along_x=False)
    assert left_plain / px == pytest.approx(55, abs=0.5) and top_plain / px == pytest.approx(90, abs=0.5)
    assert (left_moved - left_plain) / px == pytest.approx(-2.0, abs=0.3)
    assert (top_moved - top_plain) / px == pytest.approx(1.5, abs=0.3)

    # a certificate printed on that printer is moved the same way, and the log records the offset
    calibration.close()
    preview = generated_preview(qtbot, window, READY_A)
    dialog = open_print_dialog(qtbot, preview)
    assert "+2.0 mm" in dialog.offset_label.text() and "-1.5 mm" in dialog.offset_label.text()
    print_to(qtbot, dialog, tmp_path / "calibrated.pdf")
    qtbot.waitUntil(lambda: dialog.record is not None, timeout=WAIT)
    assert dialog.record is not None and dialog.record.offset == printing.PrinterOffset(2.0, -1.5)
    assert printing.printer_offset(data_dir, "柜台激光打印机") == printing.PrinterOffset(0.5, 0.5)


# --- batch -----------------------------------------------------------------------------------------


def test_batch_dialog_shows_progress_cancels_and_resumes(qtbot: Any, open_window: OpenWindow, data_dir: Path,
                                                         tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "CHUNK", 2)  # three chunks for six certificates: a cancel lands between them
    gate = threading.Event()
    chunks: list[int] = []
    real_chunk = batch._generate_chunk

    def gated(run: Any, chunk: Any) -> Any:
        if chunks and not gate.is_set():
            gate.wait(WAIT / 1000)  # the second chunk waits until the test has pressed Cancel
        chunks.append(len(chunk))
        return real_chunk(run, chunk)

    monkeypatch.setattr(batch, "_generate_chunk", gated)
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    window = open_window()
    press(qtbot, window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)  # Ctrl+B
    dialog = window.certificates.batch_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.unit_combo.setCurrentIndex(dialog.unit_combo.findData(ZIBO))
    out = tmp_path / "批量"
    dialog.folder_edit.setText(str(out))
    dialog._folder_edited = True
    seen: list[tuple[int, int]] = []
    dialog.progress.valueChanged.connect(lambda value: seen.append((value, dialog.progress.maximum())))

    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    # the bar counts the 6 certificates to generate (the one skipped at once is not work): no jump ahead
    qtbot.waitUntil(lambda: len(chunks) == 1 and dialog.progress.maximum() == 6 and dialog.progress.value() >= 1,
                    timeout=WAIT)
    assert all(value <= 2 for value, _maximum in seen)  # only what the first chunk did
    assert dialog.running() and dialog.cancel_button.isEnabled() and not dialog.start_button.isEnabled()
    assert "正在生成" in dialog.status_label.text()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    gate.set()
    qtbot.waitUntil(lambda: not dialog.running(), timeout=WAIT)
    first = dialog.result
    assert first is not None and first.cancelled and first.candidates == 7 and first.eligible == 6
    assert 0 < first.written < 6 and len(first.skipped) == 1
    assert "继续" in dialog.start_button.text() and "已取消" in dialog.status_label.text()
    assert len(list(out.glob("*.pdf"))) == first.written
    assert any(0 < value < maximum for value, maximum in seen)  # progress moved while it ran

    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)  # resume
    qtbot.waitUntil(lambda: not dialog.running(), timeout=WAIT)
    second = dialog.result
    assert second is not None and not second.cancelled
    assert second.existing == first.written and second.written == 6 - first.written
    assert dialog.progress.value() == dialog.progress.maximum() == 7  # at the end: the whole unit accounted for
    pdfs = sorted(p.name for p in out.glob("*.pdf"))
    assert len(pdfs) == 6 and "鲁建安B（2017）0000880.pdf" in pdfs
    assert "未生成 1 本" in dialog.summary_label.text() and "skipped_" in dialog.summary_label.text()
    report = second.report_path
    assert report is not None and "淄博无照片" in report.read_text(encoding="utf-8-sig")
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert opened == [str(out)]
    assert rows(data_dir, "SELECT count(*) FROM certificates WHERE issuer_unit = ? AND format = 'new'", ZIBO) == [(6,)]


# --- verification ----------------------------------------------------------------------------------


def test_verify_dialog_tells_genuine_from_tampered(qtbot: Any, open_window: OpenWindow) -> None:
    window = open_window()
    issued = issuance.generate(window.ctx.cache, "鲁A4T2019000123", OPERATOR, TODAY)
    press(qtbot, window, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.certificates.verify_dialog
    assert dialog is not None and dialog.isVisible()

    def verify(text: str) -> str:
        dialog.input.setText(text)
        before = dialog.result
        qtbot.keyClick(dialog.input, Qt.Key.Key_Return)  # a scanner ends with Enter
        qtbot.waitUntil(lambda: dialog.result is not None and dialog.result is not before and not dialog.busy,
                        timeout=WAIT)
        return dialog.verdict_text()

    assert verify(issued.qr_text) == "✓ 真证"
    assert dialog.values["name"].text() == "王建国" and dialog.values["new_number"].text() == SPECIAL_NEW
    assert dialog.details.isVisible() and dialog.status_value.text() == "有效"
    text = issued.qr_text
    at = len(text) - 30
    tampered = text[:at] + ("B" if text[at] == "A" else "A") + text[at + 1:]
    assert verify(tampered) == "✗ 伪造或篡改"
    assert not dialog.details.isVisible()  # a forged code never shows a real record
    assert verify("https://zlaq.mohurd.gov.cn/cert?id=鲁A052019000123") == "不是本系统的二维码"

    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)  # hidden: nothing happens
    assert verify(issued.qr_text) == "✓ 真证"
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)  # show it in the workspace
    view = window.workspace_view
    qtbot.waitUntil(lambda: view.detail.detail is not None and view.detail.detail.id_number == SPECIAL_4T,
                    timeout=WAIT)
