"""The certificate PDF read back: exact mm sizes, every field, embedded fonts, a QR that decodes and verifies."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pdfplumber
import pytest
import zxingcpp
from pdfminer.pdftypes import resolve1
from PIL import Image, ImageDraw

from desktop_app.certs import fonts as fonts_module
from desktop_app.certs.calibration import calibration_page_pdf
from desktop_app.certs.layout import Box, default_layout
from desktop_app.certs.qr import qr_modules
from desktop_app.certs.raster import render_png
from desktop_app.certs.render import CertificateFace, face_values, render_pdf
from desktop_app.certs.signing import KeyStore, Reason, extract_token, make_qr_text, verify
from desktop_app.certs.textfit import fit_text
from desktop_app.errors import KnownError

PT_TO_MM = 25.4 / 72
TOL = 0.2  # mm
TODAY = dt.date(2024, 6, 1)
LONG_ENTERPRISE = "山东省青岛市黄岛区西海岸新区中铁建设集团第十四工程局有限责任公司第三分公司项目部"
ID_SAFETY = "37021119850715392X"
ID_SPECIAL = "370102198001011234"


def make_photo(size: tuple[int, int] = (295, 413), fmt: str = "JPEG") -> bytes:
    """A synthetic 1-inch portrait (blue background, head and shoulders)."""
    image = Image.new("RGB", size, "#3b6fb6")
    draw = ImageDraw.Draw(image)
    w, h = size
    draw.ellipse((w * 0.3, h * 0.17, w * 0.7, h * 0.48), fill="#f1c9a5")
    draw.rectangle((w * 0.2, h * 0.56, w * 0.8, h), fill="#222222")
    out = io.BytesIO()
    image.save(out, fmt, quality=85) if fmt == "JPEG" else image.save(out, fmt)
    return out.getvalue()


def make_seal_png() -> bytes:
    """A unit's seal as an administrator would configure it: red ring on a transparent square."""
    image = Image.new("RGBA", (600, 600), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((4, 4, 596, 596), outline=(220, 0, 0, 255), width=18)
    draw.regular_polygon((300, 300, 90), 5, fill=(220, 0, 0, 255))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


@pytest.fixture(scope="module")
def keystore(tmp_path_factory: pytest.TempPathFactory) -> KeyStore:
    return KeyStore(tmp_path_factory.mktemp("ws") / "keys")


def special_face(keystore: KeyStore, **changes: object) -> CertificateFace:
    qr = make_qr_text("鲁A4T2019000123", ID_SPECIAL, dt.date(2025, 5, 19), "3701", keystore.current())
    face = CertificateFace(
        family="special", number="鲁A052019000123", name="王建国", gender="男", first_issued=dt.date(2019, 5, 20),
        valid_from=dt.date(2023, 5, 20), valid_until=dt.date(2025, 5, 19), issuer="济南市住房和城乡建设局",
        issue_date=dt.date(2023, 5, 20), qr_text=qr, operation_category="建筑起重机械司机（塔式起重机）",
        photo=make_photo(), specimen=True)
    return dataclasses.replace(face, **changes)  # type: ignore[arg-type]


def safety_face(keystore: KeyStore, **changes: object) -> CertificateFace:
    qr = make_qr_text("鲁建安C（2015）0000001", ID_SAFETY, dt.date(2027, 3, 1), "370211", keystore.current())
    face = CertificateFace(
        family="safety", number="鲁建安C3（2015）0000001", name="欧阳晓梅", gender="女",
        first_issued=dt.date(2015, 3, 2), valid_from=dt.date(2024, 3, 2), valid_until=dt.date(2027, 3, 1),
        issuer="青岛市西海岸新区住房和城乡建设局", issue_date=dt.date(2024, 3, 2), qr_text=qr,
        id_number=ID_SAFETY, enterprise=LONG_ENTERPRISE, position="项目安全总监", tech_title="高级工程师",
        category="C3 专职安全生产管理人员（综合类）", photo=make_photo((400, 400), "PNG"), specimen=False)
    return dataclasses.replace(face, **changes)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def special_pdf(keystore: KeyStore) -> bytes:
    return render_pdf(special_face(keystore))


@pytest.fixture(scope="module")
def safety_pdf(keystore: KeyStore) -> bytes:
    return render_pdf(safety_face(keystore, seal_png=make_seal_png()))


@pytest.fixture
def page_of() -> Iterator:
    opened: list[pdfplumber.PDF] = []

    def open_page(data: bytes) -> pdfplumber.page.Page:
        pdf = pdfplumber.open(io.BytesIO(data))
        opened.append(pdf)
        return pdf.pages[0]

    yield open_page
    for pdf in opened:
        pdf.close()


def mm_box(obj: dict) -> Box:
    return Box(obj["x0"] * PT_TO_MM, obj["top"] * PT_TO_MM, (obj["x1"] - obj["x0"]) * PT_TO_MM,
               (obj["bottom"] - obj["top"]) * PT_TO_MM)


def assert_box(actual: Box, expected: Box) -> None:
    for name in ("x", "y", "w", "h"):
        assert abs(getattr(actual, name) - getattr(expected, name)) <= TOL, (name, actual, expected)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def black_text(page: pdfplumber.page.Page) -> str:
    """The page's text without the red seal and watermark characters (they interleave with the fields)."""
    def keep(obj: dict) -> bool:
        color = obj.get("non_stroking_color") or (0,)
        return obj.get("object_type") != "char" or len(color) < 3 or color[0] - color[1] < 0.3

    return squash(page.filter(keep).extract_text())


# --- sizes --------------------------------------------------------------------------------------


@pytest.mark.parametrize("family", ["special", "safety"])
def test_page_photo_qr_and_seal_are_exact(family: str, special_pdf: bytes, safety_pdf: bytes, page_of) -> None:
    page = page_of(special_pdf if family == "special" else safety_pdf)
    layout = default_layout(family)
    assert abs(page.width * PT_TO_MM - 210) <= TOL and abs(page.height * PT_TO_MM - 297) <= TOL
    photos = [mm_box(im) for im in page.images if abs(im["width"] * PT_TO_MM - 25) < 1]
    assert len(photos) == 1
    assert_box(photos[0], layout.photo)
    white = [mm_box(r) for r in page.rects if r["fill"] and r["non_stroking_color"] in ((1.0, 1.0, 1.0), (1, 1, 1))]
    qr_box = next(b for b in white if abs(b.w - 25) < 1)
    assert_box(qr_box, layout.qr.box)
    assert_box(_seal_box(page, family), layout.seal.box)


def _seal_box(page: pdfplumber.page.Page, family: str) -> Box:
    if family == "safety":  # the configured PNG seal
        return next(mm_box(im) for im in page.images if abs(im["width"] * PT_TO_MM - 50) < 1)
    return next(mm_box(c) for c in page.curves if abs(c["width"] * PT_TO_MM - 50) < 1)  # the drawn ring


def test_qr_modules_leave_a_quiet_zone_inside_the_box(special_pdf: bytes, page_of) -> None:
    page = page_of(special_pdf)
    qr = default_layout("special").qr
    dark = [mm_box(r) for r in page.rects if r["fill"] and r["non_stroking_color"] in ((0.0, 0.0, 0.0), (0, 0, 0))
            and qr.box.contains(mm_box(r))]
    module = min(b.h for b in dark)
    left, top = min(b.x for b in dark), min(b.y for b in dark)
    right, bottom = max(b.right for b in dark), max(b.bottom for b in dark)
    for margin in (left - qr.box.x, top - qr.box.y, qr.box.right - right, qr.box.bottom - bottom):
        assert margin >= qr.quiet_zone * module - 0.01
    assert module >= 0.4  # 25 mm box, version ≤ 8


# --- text and fonts -------------------------------------------------------------------------------


@pytest.mark.parametrize("family", ["special", "safety"])
def test_every_label_and_value_is_printed(family: str, keystore: KeyStore, special_pdf: bytes, safety_pdf: bytes,
                                          page_of) -> None:
    face = special_face(keystore) if family == "special" else safety_face(keystore)
    layout = default_layout(family)
    text = black_text(page_of(special_pdf if family == "special" else safety_pdf))
    assert layout.title.text in text and squash(layout.footer.text) in text
    for field in layout.fields:
        assert field.label in text, field.label
    values = face_values(face, layout)
    for name, value in values.items():
        if name != "enterprise":  # wrapped onto two lines; checked char by char below
            assert squash(value) in text, (name, value)
    assert "2023年05月20日至2025年05月19日" in text or "2024年03月02日至2027年03月01日" in text
    if family == "special":
        assert "编号：鲁A052019000123" in text and "操作类别：建筑起重机械司机（塔式起重机）" in text


def test_fonts_are_embedded_truetype_subsets(special_pdf: bytes, safety_pdf: bytes, page_of) -> None:
    for data in (special_pdf, safety_pdf):
        page = page_of(data)
        fonts = resolve1(page.page_obj.resources["Font"])
        assert fonts
        for font in fonts.values():
            font = resolve1(font)
            assert re.match(r"^[A-Z]{6}\+", font["BaseFont"].name), font["BaseFont"]
            descriptor = resolve1(font["FontDescriptor"])
            assert "FontFile2" in descriptor, font["BaseFont"]
        assert all(re.match(r"^[A-Z]{6}\+", ch["fontname"]) for ch in page.chars)


def test_long_enterprise_name_stays_in_its_box(safety_pdf: bytes, page_of) -> None:
    page = page_of(safety_pdf)
    box = default_layout("safety").field("enterprise").value_box
    chars = [c for c in page.chars if c["upright"] and mm_box(c).x >= box.x - TOL
             and box.y - 2 <= mm_box(c).y <= box.bottom + 2]
    assert "".join(c["text"] for c in chars) == LONG_ENTERPRISE
    for ch in chars:
        b = mm_box(ch)
        assert box.x - TOL <= b.x and b.right <= box.right + TOL and box.y - TOL <= b.y and b.bottom <= box.bottom + TOL


def test_a_value_that_cannot_fit_is_refused_not_overflowed(keystore: KeyStore) -> None:
    with pytest.raises(KnownError, match="太长"):
        render_pdf(safety_face(keystore, enterprise="很长的企业名称" * 40))
    layout = default_layout("safety")
    spec = layout.fonts["value"]
    font = fonts_module.default_fonts()["song"].reportlab_name
    size, lines = fit_text("中" * 20, font, spec, 96 / PT_TO_MM, 7 / PT_TO_MM, 1)
    assert size == spec.size and lines == ["中" * 20]
    size, lines = fit_text("中" * 30, font, spec, 96 / PT_TO_MM, 7 / PT_TO_MM, 1)
    assert spec.min_size <= size < spec.size and len(lines) == 1  # shrunk, not wrapped


# --- specimen, seal, determinism -------------------------------------------------------------------


def test_specimen_has_seal_and_watermark_marks(keystore: KeyStore, special_pdf: bytes, safety_pdf: bytes,
                                               page_of) -> None:
    chars = "".join(c["text"] for c in page_of(special_pdf).chars)
    assert "样章" in chars  # the drawn specimen seal
    assert "样本" in chars  # the diagonal watermark
    rotated = [c for c in page_of(special_pdf).chars if c["text"] in "样本" and abs(c["matrix"][1]) > 0.3]
    assert rotated, "the watermark should be diagonal"
    real = "".join(c["text"] for c in page_of(safety_pdf).chars)
    assert "样章" not in real and "样本" not in real  # the unit's own seal, not a specimen


def test_equal_input_gives_equal_bytes(keystore: KeyStore, special_pdf: bytes) -> None:
    assert render_pdf(special_face(keystore)) == special_pdf
    assert render_pdf(special_face(keystore, name="王建军")) != special_pdf


def test_photo_of_another_shape_is_cropped_not_stretched(keystore: KeyStore, page_of) -> None:
    page = page_of(render_pdf(special_face(keystore, photo=make_photo((600, 400)))))
    photo = next(im for im in page.images if abs(im["width"] * PT_TO_MM - 25) < 1)
    assert abs(photo["srcsize"][0] / photo["srcsize"][1] - 25 / 35) < 0.01
    with pytest.raises(KnownError, match="照片"):
        render_pdf(special_face(keystore, photo=b"not an image"))


# --- QR round trip: rasterise at 300 dpi, decode, verify ----------------------------------------------


@pytest.mark.parametrize("family", ["special", "safety"])
def test_printed_qr_decodes_and_verifies(family: str, keystore: KeyStore, special_pdf: bytes,
                                         safety_pdf: bytes) -> None:
    png = render_png(special_pdf if family == "special" else safety_pdf, dpi=300)
    image = Image.open(io.BytesIO(png))
    assert abs(image.size[0] - 2480) <= 1 and abs(image.size[1] - 3508) <= 1  # A4 at 300 dpi: true scale
    results = zxingcpp.read_barcodes(image)
    assert len(results) == 1 and results[0].format == zxingcpp.BarcodeFormat.QRCode
    text = results[0].text
    trusted = keystore.public_keys()
    genuine = verify(text, trusted, TODAY)
    assert genuine.genuine and genuine.reason == Reason.GENUINE
    number = "鲁A052019000123" if family == "special" else "鲁建安C3（2015）0000001"
    assert genuine.claims is not None and genuine.claims.number == number
    assert genuine.claims.matches_id(ID_SPECIAL if family == "special" else ID_SAFETY)

    token_start = len(text) - len(extract_token(text) or "")
    flipped = text[: token_start + 60] + ("A" if text[token_start + 60] != "A" else "B") + text[token_start + 61:]
    other_keys = KeyStore(Path(keystore.folder.parent / "other-keys"))
    other_keys.current()
    forged = {
        Reason.TAMPERED: verify(flipped, trusted, TODAY),
        Reason.UNKNOWN_KEY: verify(text, other_keys.public_keys(), TODAY),
        Reason.EXPIRED: verify(text, trusted, dt.date(2030, 1, 1)),
        Reason.REVOKED: verify(text, trusted, TODAY, lambda _number: "revoked"),
        Reason.NOT_CERTDESK: verify("https://zlaq.mohurd.gov.cn/cert?id=鲁A052019000123", trusted, TODAY),
    }
    for reason, verdict in forged.items():
        assert not verdict.genuine and verdict.reason == reason, (reason, verdict)
    assert len({v.message for v in forged.values()} | {genuine.message}) == 6


@pytest.mark.parametrize("suffix", range(6))
def test_qr_matrix_is_a_valid_qrcode_symbol(suffix: int) -> None:
    """Our mask choice yields exactly the symbol qrcode itself makes with that mask."""
    import qrcode

    text = f"https://verify.example/c?t={'Ab9_-x' * 19}{suffix:02d}"
    ours = qr_modules(text, "M")
    theirs = []
    for mask in range(8):
        qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0, mask_pattern=mask)
        qr.add_data(text.encode())
        qr.make(fit=True)
        theirs.append([list(row) for row in qr.get_matrix()])
    assert ours in theirs


def test_qr_falls_back_to_qrcodes_own_mask_search(monkeypatch: pytest.MonkeyPatch) -> None:
    import desktop_app.certs.qr as render

    def moved(_qr: object) -> list[list[bool]]:
        raise AttributeError("precomputed_qr_blanks")

    import qrcode

    text = "https://verify.example/c?t=abc"
    fast = qr_modules(text, "M")
    monkeypatch.setattr(render, "_fast_mask", moved)
    slow = qr_modules(text, "M")
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    qr.add_data(text.encode())
    qr.make(fit=True)
    assert slow == [list(row) for row in qr.get_matrix()] and len(slow) == len(fast)


def test_calibration_page_has_rulers_and_a_100mm_square(page_of) -> None:
    page = page_of(calibration_page_pdf())
    assert abs(page.width * PT_TO_MM - 210) <= TOL
    squares = [mm_box(r) for r in page.rects if abs(r["width"] * PT_TO_MM - 100) <= TOL]
    assert squares and abs(squares[0].h - 100) <= TOL
    assert "打印校准页" in squash(page.extract_text())
    ticks = [ln for ln in page.lines if ln["top"] * PT_TO_MM < 0.1 and ln["x0"] == ln["x1"]]
    assert len(ticks) >= 200  # one per mm along the top edge


# --- fonts -----------------------------------------------------------------------------------------


def test_missing_fonts_name_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(fonts_module.FONT_ENV, raising=False)
    empty = tmp_path / "fonts"
    empty.mkdir()
    with pytest.raises(KnownError, match="fonts-wqy-zenhei"):
        fonts_module.find_fonts(configured=tmp_path / "nonexistent.ttf", search_dirs=[empty])
    with pytest.raises(KnownError, match="fonts-wqy-zenhei"):
        fonts_module.find_fonts(search_dirs=[empty])


def test_a_cff_font_is_refused_with_the_reason(tmp_path: Path) -> None:
    # A minimal OpenType/CFF file: the sfnt header and one 'CFF ' table record, like Noto Sans CJK.
    cff = tmp_path / "NotoSansCJK-Regular.otf"
    cff.write_bytes(b"OTTO" + (1).to_bytes(2, "big") + b"\0" * 6 + b"CFF " + b"\0" * 4
                    + (28).to_bytes(4, "big") + (4).to_bytes(4, "big") + b"\0" * 4)
    assert fonts_module.read_faces(cff)[0].truetype is False
    with pytest.raises(KnownError, match="CFF"):
        fonts_module.find_fonts(configured=cff)


def test_fonts_found_here_are_truetype_with_the_right_face() -> None:
    choices = fonts_module.default_fonts()
    for choice in choices.values():
        faces = fonts_module.read_faces(choice.source.path)
        assert faces[choice.source.index].truetype


@pytest.mark.parametrize("family", ["special", "safety"])
def test_every_date_on_the_face_has_one_style(family: str, special_pdf: bytes, safety_pdf: bytes, page_of) -> None:
    """初次领证日期, 有效期 and 发证日期 read alike ("2023年05月20日"), not "2023 年 05 月 20 日" beside them."""
    raw = page_of(special_pdf if family == "special" else safety_pdf).extract_text()
    issued = "2023年05月20日" if family == "special" else "2024年03月02日"
    assert issued in raw  # 发证日期 (and the start of the validity), unspaced like the others
    assert re.search(r"[0-9]{4} 年|年 [0-9]{2} 月", raw) is None
