"""Layouts as data: the shipped ones are valid, and a broken one names the file, the line and the problem."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop_app.certs.layout import FAMILY_FIELDS, QR_MM, SEAL_MM, default_layout, layout_path, load_layout
from desktop_app.domain.rules import ResourceError


@pytest.mark.parametrize("family", ["special", "safety"])
def test_shipped_layouts_are_valid_and_exact(family: str) -> None:
    layout = default_layout(family)
    assert (layout.page_w, layout.page_h) == (210.0, 297.0)
    assert (layout.photo.w, layout.photo.h) == (25.0, 35.0)
    assert layout.qr.box.w == layout.qr.box.h == QR_MM and layout.qr.error_correction == "M"
    assert layout.seal.diameter == SEAL_MM
    assert tuple(f.name for f in layout.fields) == FAMILY_FIELDS[family]
    assert layout.footer.text == "中华人民共和国住房和城乡建设部 监制"
    # The certificate area is centred on the page.
    area = layout.certificate
    assert abs(area.x - (layout.page_w - area.right)) < 1e-6 and abs(area.y - (layout.page_h - area.bottom)) < 1e-6


def test_titles_and_labels_follow_the_notices() -> None:
    special, safety = default_layout("special"), default_layout("safety")
    assert special.title.text == "建筑施工特种作业操作资格证书"
    assert safety.title.text == "安全生产考核合格证书"
    assert [f.label for f in special.fields] == ["编号", "姓名", "性别", "操作类别", "初次领证日期", "有效期",
                                                 "发证机关", "发证日期"]
    assert [f.label for f in safety.fields] == ["姓名", "性别", "身份证号", "企业名称", "职务", "技术职称", "类别",
                                                "证书编号", "初次领证日期", "有效期", "发证机关", "发证日期"]


@pytest.mark.parametrize("family", ["special", "safety"])
def test_value_boxes_do_not_overlap_each_other_or_the_photo_and_qr(family: str) -> None:
    layout = default_layout(family)
    boxes = [(f.name, f.value_box) for f in layout.fields] + [("photo", layout.photo), ("qr", layout.qr.box)]
    for i, (name_a, a) in enumerate(boxes):
        for name_b, b in boxes[i + 1:]:
            overlap = a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom
            assert not overlap, (name_a, name_b)


def _broken(tmp_path: Path, family: str, old: str, new: str) -> Path:
    text = layout_path(family).read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / f"{family}.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


@pytest.mark.parametrize(("old", "new", "needle", "problem"), [
    ("box = [160.0, 104.0, 25.0, 35.0]", "box = [160.0, 104.0, 26.0, 35.0]", "26.0, 35.0",
     "photo width must be exactly 25"),
    ("box = [160.0, 148.0, 25.0, 25.0]", "box = [160.0, 148.0, 25.0, 24.0]", "25.0, 24.0", "QR box height"),
    ("diameter = 50.0", "diameter = 42.0", "diameter = 42.0", "seal diameter must be exactly 50"),
    ("[fields.gender]", "[fields.sex]", "[fields.sex]", "unknown field 'sex'"),
    ('value_box = [56.0, 104.0, 92.0, 7.0]', 'value_box = [56.0, 104.0, 192.0, 7.0]', "192.0", "outside the 210×297"),
    ("box = [20.0, 215.0, 170.0, 6.0]", "box = [20.0, 225.0, 170.0, 6.0]", "225.0", "outside the certificate area"),
    ('style = "hei"', 'style = "gothic"', '"gothic"', "must be one of"),
    ('size = "A4"', 'size = "Letter"', '"Letter"', "page.size 'Letter'"),
    ("opacity = 0.18", "opacity = 0.18\nblur = 3", "blur = 3", "unknown key watermark.blur"),
    ('label = "姓名"', 'label = ""', 'label = ""', "must not be empty"),
    ("label_box = [24.0, 113.5, 29.0, 7.0]", "label_box = [24.0, 113.5, 29.0]", "29.0]", "[x, y, w, h]"),
    ('font = "title"', 'font = "headline"', '"headline"', "names no font"),
])
def test_a_broken_layout_names_file_line_and_problem(tmp_path: Path, old: str, new: str, needle: str,
                                                     problem: str) -> None:
    path = _broken(tmp_path, "special", old, new)
    with pytest.raises(ResourceError) as caught:
        load_layout(path)
    error = caught.value
    assert error.path == path and problem in error.problem, error.problem
    assert error.line == _line_of(path, needle), (str(error), needle)
    assert str(error).startswith(f"special.toml line {error.line}: ")


def test_a_missing_field_and_a_syntax_error_are_reported(tmp_path: Path) -> None:
    text = layout_path("safety").read_text(encoding="utf-8")
    start = text.index("[fields.position]")
    path = tmp_path / "safety.toml"
    path.write_text(text[:start] + text[text.index("[fields.tech_title]"):], encoding="utf-8")
    with pytest.raises(ResourceError, match="field 'position' is missing"):
        load_layout(path)
    path.write_text(text.replace('family = "safety"', 'family = "safety'), encoding="utf-8")
    with pytest.raises(ResourceError) as caught:
        load_layout(path)
    assert caught.value.line == _line_of(path, 'family = "safety')
    with pytest.raises(ResourceError, match="file not found"):
        load_layout(tmp_path / "absent.toml")


def test_landscape_swaps_the_page(tmp_path: Path) -> None:
    path = _broken(tmp_path, "special", 'orientation = "portrait"', 'orientation = "landscape"')
    with pytest.raises(ResourceError, match="does not fit on the page") as caught:
        load_layout(path)  # the portrait certificate area no longer fits: caught at load, not at print time
    assert re.match(r"special\.toml line \d+: ", str(caught.value))
