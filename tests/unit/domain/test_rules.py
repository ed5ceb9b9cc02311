"""Rules as data: the seed tables load exactly, and a broken file names the file, line and problem."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop_app import messages
from desktop_app.domain.rules import ResourceError, load_rules
from desktop_app.paths import resources_dir
from tests.helpers.cli import run_cli

# Seed 001, 附件 2 (the newer notice, 2023): (市主管部门, 办公电话). Seed 000 lists 16 of these
# units with older numbers for some; the newer notice wins.
SEED_001_UNITS = [
    ("济南市住房和城乡建设局", ["0531-61378779"]),
    ("青岛市住房和城乡建设局", ["0532-66209611", "0532-85068016", "0532-86669669"]),
    ("青岛市西海岸新区住房和城乡建设局", ["0532-86151370", "0532-86611027"]),
    ("淄博市住房和城乡建设局", ["0533-3115672", "0533-3116597"]),
    ("枣庄市住房和城乡建设局", ["0632-8688688"]),
    ("东营市住房和城乡建设管理局", ["0546-8951806"]),
    ("烟台市住房和城乡建设局", ["0535-6896203"]),
    ("潍坊市住房和城乡建设局", ["0536-8080716"]),
    ("济宁市住房和城乡建设局", ["0537-3239892"]),
    ("泰安市住房和城乡建设局", ["0538-8333468", "0538-6917178"]),
    ("威海市住房和城乡建设局", ["0631-5897069", "0631-5231780"]),
    ("日照市住房和城乡建设局", ["0633-7979322"]),
    ("日照市城市管理局", ["0633-7979580"]),
    ("临沂市住房和城乡建设局", ["0539-8610281"]),
    ("德州市住房和城乡建设局", ["0534-2239727"]),
    ("聊城市住房和城乡建设局", ["0635-8493101", "0635-8492661"]),
    ("滨州市住房和城乡建设局", ["0543-3222530"]),
    ("菏泽市住房和城乡建设局", ["0530-5168766"]),
]

# Seed 000, 附件 3: the 16 city bureaus (names only; several phone numbers changed in seed 001).
SEED_000_UNITS = [name for name, _ in SEED_001_UNITS if name not in (
    "青岛市西海岸新区住房和城乡建设局", "日照市城市管理局")]

# DESIGN §2: city letters follow vehicle plates.
CITY_LETTERS = {"济南": "A", "青岛": "B", "淄博": "C", "枣庄": "D", "东营": "E", "烟台": "F", "潍坊": "G",
                "济宁": "H", "泰安": "J", "威海": "K", "日照": "L", "滨州": "M", "德州": "N", "聊城": "P",
                "临沂": "Q", "菏泽": "R"}


def test_eighteen_units_with_seed_001_phones() -> None:
    rules = load_rules(resources_dir())
    assert [(u.name, [p.number for p in u.phones]) for u in rules.units] == SEED_001_UNITS


@pytest.mark.parametrize("name", SEED_000_UNITS)
def test_seed_000_units_are_known(name: str) -> None:
    assert load_rules(resources_dir()).unit(name) is not None


def test_unit_alias_from_the_notice_heading_resolves() -> None:
    rules = load_rules(resources_dir())
    unit = rules.unit("青岛西海岸新区住房和城乡建设局")
    assert unit is not None and unit.name == "青岛市西海岸新区住房和城乡建设局" and unit.admin_code == "370211"


def test_city_letters_follow_plates() -> None:
    rules = load_rules(resources_dir())
    for unit in rules.units:
        assert unit.city_letter == CITY_LETTERS[unit.city], unit.name


def test_phone_labels_kept() -> None:
    rules = load_rules(resources_dir())
    qingdao = rules.unit("青岛市住房和城乡建设局")
    assert qingdao is not None and str(qingdao.phones[0]) == "0532-66209611（证书管理）"


def test_categories_states_validity_and_choices() -> None:
    rules = load_rules(resources_dir())
    assert set(rules.categories) == {"A", "B", "C", "C1", "C2", "C3", "SPECIAL"}
    assert rules.categories["C"].new_code == "C3"
    assert rules.categories["A"].new_code == "A" and rules.categories["B"].new_code == "B"
    assert rules.categories["SPECIAL"].validity_years == 2 and rules.categories["A"].validity_years == 3
    assert {s: st.platform_code for s, st in rules.states.items()} == {
        "valid": "01", "suspended": "02", "revoked": "03", "cancelled": "04", "expired": "05"}
    assert rules.a_required_fields == {"position": "职务", "title": "技术职称"}
    assert "本科" in rules.choices["education"] and "高级工程师" in rules.choices["title"]
    assert "总经理" in rules.choices["position"]


@pytest.fixture
def broken(tmp_path: Path) -> Callable[[str, Callable[[str], str]], Path]:
    """Copy the shipped resources and apply an edit to one file."""

    def make(filename: str, edit: Callable[[str], str]) -> Path:
        target = tmp_path / "resources"
        shutil.copytree(resources_dir(), target)
        path = target / "rules" / filename
        path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
        return target

    return make


@pytest.mark.parametrize(("filename", "edit", "line", "problem"), [
    ("work_types.csv", lambda t: t.replace("5,建筑起重机械司机（塔式起重机）,05,4T", "5,x,5,4T"), 6, "new_code"),
    ("work_types.csv", lambda t: t.replace(",99,07", ",01,07"), 13, "duplicate new_code"),
    ("work_types.csv", lambda t: t.replace("seq,name", "no,name"), 1, "header"),
    ("work_types.csv", lambda t: t.replace("1,建筑电工,01,01", "1,建筑电工,01"), 2, "columns"),
    ("issuing_units.csv", lambda t: t.replace("0531-61378779", "61378779"), 2, "phone"),
    ("issuing_units.csv", lambda t: t.replace(",济南,A,", ",济南,a,"), 2, "city_letter"),
    ("issuing_units.csv", lambda t: t.replace(",A,3701,94,", ",A,3701,many,"), 2, "weight"),
    ("categories.csv", lambda t: t.replace("C,safety,专职安全生产管理人员,C3", "C,safety,专职安全生产管理人员,C9"),
     None, "C9"),
    ("categories.csv", lambda t: t.replace("B,safety", "B,unknown"), 3, "family"),
    ("cert_states.csv", lambda t: t.replace("revoked,03,撤销,no,Revoked\n", ""), None, "revoked"),
    ("cert_states.csv", lambda t: t.replace(",Suspended", ",暂扣"), 3, "Chinese characters"),
    ("work_types.csv", lambda t: t.replace(",name_en", ",english"), 1, "header"),
    ("a_required_fields.csv", lambda t: t + "salary,工资,Salary\n", 4, "salary"),
    ("choices.csv", lambda t: t + "colour,红\n", None, "colour"),
    ("rules.toml", lambda t: t.replace("expiring_within_days = 90", "expiring_within_days = -5"), 5,
     "expiring_within_days"),
    ("rules.toml", lambda t: t.replace('province_abbr = "鲁"', "province_abbr = 鲁"), 3, ""),
    ("rules.toml", lambda t: t.replace("(?P<serial>\\d{7})", "(?P<serial>\\d{7}"), 12, "regular expression"),
    ("rules.toml", lambda t: t.replace("(?P<serial>\\d{6})", "(?P<serial>\\d{6}"), 17, "regular expression"),
    ("rules.toml", lambda t: t.replace("(?P<city>[A-Z])", "[A-Z]"), 17, "lacks groups ['city']"),
])
def test_broken_file_names_file_line_and_problem(
    broken: Callable[[str, Callable[[str], str]], Path], filename: str, edit: Callable[[str], str],
    line: int | None, problem: str,
) -> None:
    with pytest.raises(ResourceError) as info:
        load_rules(broken(filename, edit))
    error = info.value
    assert error.path.name == filename
    if line is not None:
        assert error.line == line, str(error)
        assert f"{filename} line {line}:" in str(error)
    assert problem in str(error)


def test_english_names_are_optional_and_shown_only_in_english(
        broken: Callable[[str, Callable[[str], str]], Path]) -> None:
    """A rules table without the name_en column still loads (an older province's files): the Chinese
    name serves both languages; with it, the English UI shows the English name and the data keeps Chinese."""
    bare = load_rules(broken("work_types.csv", lambda t: "\n".join(line.rsplit(",", 1)[0]
                                                                     for line in t.splitlines())))
    full = load_rules(resources_dir())
    try:
        messages.set_language("en")
        assert bare.work_types[0].label == "建筑电工"
        assert full.work_types[0].label == "Construction electrician"
        assert full.states["valid"].label == "In force" and full.required_label("title") == "Technical title"
    finally:
        messages.set_language(messages.DEFAULT_LANGUAGE)
    assert full.work_types[0].label == full.work_types[0].name == "建筑电工"
    assert full.categories["A"].label == "主要负责人" and full.required_label("position") == "职务"


def test_missing_file_is_named(tmp_path: Path) -> None:
    target = tmp_path / "resources"
    shutil.copytree(resources_dir(), target)
    (target / "rules" / "issuing_units.csv").unlink()
    with pytest.raises(ResourceError, match=r"issuing_units\.csv: file not found"):
        load_rules(target)


def test_cli_reports_broken_rules_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "resources"
    shutil.copytree(resources_dir(), target)
    rules = target / "rules" / "work_types.csv"
    rules.write_text(rules.read_text(encoding="utf-8").replace(",99,07", ",99,7"), encoding="utf-8")
    monkeypatch.setenv("CERTDESK_RESOURCES", str(target))
    result = run_cli("--data-dir", str(tmp_path / "ws"), "check-rules")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "work_types.csv line 13: old_code '7'" in result.stderr
