"""Certificate numbers: every spelling, every row of the seed-000 work-type table, C → C3."""

from __future__ import annotations

import pytest

from desktop_app.domain.certnumber import CertNumberError, interpretations, is_same_certificate, parse
from desktop_app.domain.rules import default_rules

# Seed 000, 附件 2: (序号, 工种类别, 新版代码, 旧版代码) — transcribed from the notice.
SEED_WORK_TYPES = [
    (1, "建筑电工", "01", "01"),
    (2, "建筑架子工（普通脚手架）", "02", "2P"),
    (3, "建筑架子工（附着升降脚手架）", "03", "2F"),
    (4, "建筑起重司索信号工", "04", "03"),
    (5, "建筑起重机械司机（塔式起重机）", "05", "4T"),
    (6, "建筑起重机械司机（施工升降机）", "06", "4S"),
    (7, "建筑起重机械司机（物料提升机）", "07", "4W"),
    (8, "建筑起重机械安装拆卸工（塔式起重机）", "08", "5T"),
    (9, "建筑起重机械安装拆卸工（施工升降机）", "09", "5S"),
    (10, "建筑起重机械安装拆卸工（物料提升机）", "10", "5W"),
    (11, "高处作业吊篮安装拆卸工", "11", "06"),
    (12, "建筑电气焊接（切割）工", "99", "07"),
]


def test_rules_hold_exactly_the_seed_work_types() -> None:
    rules = default_rules()
    assert [(w.seq, w.name, w.new_code, w.old_code) for w in rules.work_types] == SEED_WORK_TYPES


@pytest.mark.parametrize(("seq", "name", "new", "old"), SEED_WORK_TYPES)
def test_old_special_number_converts_to_new_code(seq: int, name: str, new: str, old: str) -> None:
    number = parse(f"鲁A{old}2019000123", "old")
    assert number.work_type is not None and number.work_type.name == name
    assert number.new_number() == f"鲁A{new}2019000123"
    assert number.canonical == f"鲁A{old}2019000123"


@pytest.mark.parametrize(("seq", "name", "new", "old"), SEED_WORK_TYPES)
def test_new_special_number_reads_new_code(seq: int, name: str, new: str, old: str) -> None:
    number = parse(f"鲁B{new}2023000001", "new")
    assert number.work_type is not None and number.work_type.name == name
    assert number.new_number() == f"鲁B{new}2023000001"


@pytest.mark.parametrize(("seq", "name", "new", "old"), SEED_WORK_TYPES)
def test_old_and_new_spellings_are_one_certificate(seq: int, name: str, new: str, old: str) -> None:
    assert parse(f"鲁F{old}2018000777", "old").key == parse(f"鲁F{new}2018000777", "new").key


@pytest.mark.parametrize("code", ["03", "06", "07"])
def test_bare_code_that_changed_meaning_is_ambiguous_without_format(code: str) -> None:
    readings = interpretations(f"鲁A{code}2019000123")
    assert {r.format for r in readings} == {"old", "new"}
    assert len({r.work_type for r in readings}) == 2
    with pytest.raises(CertNumberError, match="含义不同"):
        parse(f"鲁A{code}2019000123")


def test_bare_code_is_read_by_its_format() -> None:
    old = parse("鲁A032019000123", "old")
    new = parse("鲁A032019000123", "new")
    assert old.work_type is not None and old.work_type.name == "建筑起重司索信号工"
    assert new.work_type is not None and new.work_type.name == "建筑架子工（附着升降脚手架）"
    assert old.new_number() == "鲁A042019000123"
    assert new.new_number() == "鲁A032019000123"


def test_unchanged_code_01_is_one_reading() -> None:
    readings = interpretations("鲁A012019000123")
    assert len(readings) == 1 and readings[0].format is None


@pytest.mark.parametrize("spelling", [
    "鲁建安C（2016）0001234", "鲁建安C(2016)0001234", " 鲁建安 C ( 2016 ) 0001234 ", "鲁建安c（2016）0001234",
    "鲁建安Ｃ（２０１６）０００１２３４",
])
def test_safety_spellings_normalise(spelling: str) -> None:
    number = parse(spelling)
    assert number.canonical == "鲁建安C（2016）0001234"
    assert number.format == "old"
    assert number.new_number() == "鲁建安C3（2016）0001234"


@pytest.mark.parametrize("category", ["A", "B", "C1", "C2", "C3"])
def test_safety_numbers_other_than_c_are_unchanged(category: str) -> None:
    number = parse(f"鲁建安{category}(2019)0001234")
    assert number.canonical == number.new_number() == f"鲁建安{category}（2019）0001234"
    assert number.category == category and number.family == "safety"


def test_c_and_c3_spellings_are_the_same_certificate() -> None:
    assert is_same_certificate("鲁建安C(2016)0001234", "鲁建安C3（2016）0001234")
    assert not is_same_certificate("鲁建安C(2016)0001234", "鲁建安C3（2016）0001235")
    assert is_same_certificate("鲁A4T2019000123", "鲁A052019000123")
    assert not is_same_certificate("鲁A4T2019000123", "鲁A062019000123")


def test_c_in_a_new_format_record_is_refused() -> None:
    with pytest.raises(CertNumberError, match="C3"):
        parse("鲁建安C(2016)0001234", "new")


def test_old_code_in_a_new_format_record_is_refused() -> None:
    with pytest.raises(CertNumberError, match="不是新版证书的代码"):
        parse("鲁A4T2019000123", "new")


@pytest.mark.parametrize(("text", "reason"), [
    ("", "为空"),
    ("鲁建安D（2019）0001234", "安管证书编号"),
    ("鲁建安A（2019）001234", "安管证书编号"),
    ("鲁建安A（19）0001234", "安管证书编号"),
    ("京建安A（2019）0001234", "省份简称"),
    ("鲁建安A（1979）0001234", "年份"),
    ("鲁A4X2019000123", "工种类别代码"),
    ("鲁I052019000123", "城市代码"),
    ("鲁A05201900012", "不是有效的证书编号"),
    ("hello", "不是有效的证书编号"),
])
def test_malformed_numbers_say_why(text: str, reason: str) -> None:
    with pytest.raises(CertNumberError, match=reason):
        parse(text)


def test_the_new_number_is_the_new_copys_spelling() -> None:
    """new_number spells the number without building the new-format copy (issue 16): the same text, for
    every safety category and every work type in both formats."""
    rules = default_rules()
    spellings = [(f"鲁建安{category}（2019）0001234", "old") for category in ("A", "B", "C", "C1", "C2", "C3")]
    spellings += [(f"鲁A{w.old_code}2019000123", "old") for w in rules.work_types]
    spellings += [(f"鲁Q{w.new_code}2023000001", "new") for w in rules.work_types]
    for text, fmt in spellings:
        number = parse(text, fmt)
        assert number.new_number() == number.to_new().canonical, text
