"""Domain rules loaded from `resources/rules/` and validated at start-up.

Everything a notice may change (codes, units, phone numbers, validity periods, required fields,
number formats) is data. A broken file raises `ResourceError` naming the file, the line and the
problem, so an administrator who edits a table sees exactly what to fix.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from desktop_app.domain.localized import Named, localized
from desktop_app.domain.rules_files import ResourceError
from desktop_app.domain.rules_files import csv_rows as _csv_rows
from desktop_app.domain.rules_files import require as _require
from desktop_app.domain.rules_files import unique as _unique
from desktop_app.domain.rules_files import whole_number as _int

FAMILIES = ("safety", "special")


@dataclass(frozen=True)
class WorkType(Named):
    seq: int
    name: str
    new_code: str
    old_code: str
    name_en: str = ""


@dataclass(frozen=True)
class Phone:
    number: str
    label: str = ""

    def __str__(self) -> str:
        return f"{self.number}（{self.label}）" if self.label else self.number


@dataclass(frozen=True)
class IssuingUnit:
    seq: int
    name: str
    aliases: tuple[str, ...]
    city: str
    city_letter: str
    admin_code: str
    weight: int
    phones: tuple[Phone, ...]


@dataclass(frozen=True)
class Category(Named):
    code: str
    family: str
    name: str
    new_code: str
    validity_years: int
    name_en: str = ""


@dataclass(frozen=True)
class CertState(Named):
    code: str
    platform_code: str
    name: str
    in_force: bool
    name_en: str = ""


@dataclass(frozen=True)
class NumberFormat:
    pattern: re.Pattern[str]
    template: str


@dataclass(frozen=True)
class Rules:
    province_name: str
    province_abbr: str
    province_code: str
    expiring_within_days: int
    renewal_review_months: int
    earliest_certificate_year: int
    photo_max_bytes: int
    safety_number: NumberFormat
    special_number: NumberFormat
    ecert: dict[str, str]
    work_types: tuple[WorkType, ...]
    units: tuple[IssuingUnit, ...]
    categories: dict[str, Category]
    states: dict[str, CertState]
    a_required_fields: dict[str, str]  # field → its Chinese label
    choices: dict[str, tuple[str, ...]]
    a_required_labels_en: dict[str, str] = field(default_factory=dict)
    _unit_by_name: dict[str, IssuingUnit] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for unit in self.units:
            for name in (unit.name, *unit.aliases):
                self._unit_by_name[name] = unit

    def unit(self, name: str) -> IssuingUnit | None:
        """The issuing unit by its name or a known alias."""
        return self._unit_by_name.get(name.strip())

    def required_label(self, name: str) -> str:
        """An A-required field's label in the UI's language."""
        return localized(self.a_required_fields.get(name, name), self.a_required_labels_en.get(name, ""))

    def unit_for_city_letter(self, letter: str) -> IssuingUnit | None:
        return next((u for u in self.units if u.city_letter == letter), None)

    def work_type_by_code(self, code: str, fmt: str) -> WorkType | None:
        """The work type a code means in the given format ("old" or "new")."""
        attr = "new_code" if fmt == "new" else "old_code"
        return next((w for w in self.work_types if getattr(w, attr) == code), None)

    def work_type_by_new_code(self, code: str) -> WorkType | None:
        return self.work_type_by_code(code, "new")


# --- CSV loading -------------------------------------------------------------------------------


def _load_work_types(path: Path) -> tuple[WorkType, ...]:
    result: list[WorkType] = []
    seen_new: set[str] = set()
    seen_old: set[str] = set()
    for line, row in _csv_rows(path, ("seq", "name", "new_code", "old_code"), ("name_en",)):
        for key in ("new_code", "old_code"):
            _require(
                re.fullmatch(r"[0-9A-Z]{2}", row[key]) is not None,
                path, line, f"{key} {row[key]!r} must be two digits or capital letters",
            )
        _require(bool(row["name"]), path, line, "name is empty")
        _unique(path, line, seen_new, row["new_code"], "new_code")
        _unique(path, line, seen_old, row["old_code"], "old_code")
        seq = _int(path, line, row["seq"], "seq")
        result.append(WorkType(seq, row["name"], row["new_code"], row["old_code"], row["name_en"]))
    _require(bool(result), path, 2, "no work types")
    return tuple(result)


_PHONE = re.compile(r"0[0-9]{2,3}-[0-9]{7,8}")


def _parse_phones(path: Path, line: int, text: str) -> tuple[Phone, ...]:
    phones: list[Phone] = []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        number, _, label = part.partition(" ")
        _require(_PHONE.fullmatch(number) is not None, path, line, f"phone {number!r} is not like 0531-61378779")
        phones.append(Phone(number, label.strip()))
    _require(bool(phones), path, line, "at least one phone number is required")
    return tuple(phones)


def _load_units(path: Path) -> tuple[IssuingUnit, ...]:
    columns = ("seq", "name", "aliases", "city", "city_letter", "admin_code", "weight", "phones")
    result: list[IssuingUnit] = []
    seen: set[str] = set()
    for line, row in _csv_rows(path, columns):
        _require(row["name"].endswith("局"), path, line, f"unit name {row['name']!r} should end with 局")
        aliases = tuple(a.strip() for a in row["aliases"].split(";") if a.strip())
        for name in (row["name"], *aliases):
            _unique(path, line, seen, name, "unit name")
        _require(re.fullmatch(r"[A-Z]", row["city_letter"]) is not None, path, line,
                 f"city_letter {row['city_letter']!r} must be one capital letter")
        _require(re.fullmatch(r"[0-9]{4}([0-9]{2})?", row["admin_code"]) is not None, path, line,
                 f"admin_code {row['admin_code']!r} must be 4 or 6 digits")
        result.append(IssuingUnit(
            seq=_int(path, line, row["seq"], "seq"), name=row["name"], aliases=aliases, city=row["city"],
            city_letter=row["city_letter"], admin_code=row["admin_code"],
            weight=_int(path, line, row["weight"], "weight"), phones=_parse_phones(path, line, row["phones"]),
        ))
    _require(bool(result), path, 2, "no issuing units")
    return tuple(result)


def _load_categories(path: Path) -> dict[str, Category]:
    result: dict[str, Category] = {}
    for line, row in _csv_rows(path, ("code", "family", "name", "new_code", "validity_years"), ("name_en",)):
        _require(row["family"] in FAMILIES, path, line, f"family {row['family']!r} must be one of {FAMILIES}")
        _require(row["code"] not in result, path, line, f"duplicate category {row['code']!r}")
        years = _int(path, line, row["validity_years"], "validity_years")
        _require(1 <= years <= 10, path, line, f"validity_years {years} out of range 1..10")
        result[row["code"]] = Category(row["code"], row["family"], row["name"], row["new_code"], years, row["name_en"])
    for code, cat in result.items():
        if cat.new_code not in result:
            raise ResourceError(path, None, f"category {code} maps to unknown new_code {cat.new_code!r}")
    if not any(c.family == "special" for c in result.values()):
        raise ResourceError(path, None, "no special-operation category")
    return result


def _load_states(path: Path) -> dict[str, CertState]:
    result: dict[str, CertState] = {}
    for line, row in _csv_rows(path, ("code", "platform_code", "name", "in_force"), ("name_en",)):
        _require(row["in_force"] in ("yes", "no"), path, line, "in_force must be yes or no")
        _require(re.fullmatch(r"[0-9]{2}", row["platform_code"]) is not None, path, line,
                 f"platform_code {row['platform_code']!r} must be two digits")
        _require(row["code"] not in result, path, line, f"duplicate state {row['code']!r}")
        result[row["code"]] = CertState(row["code"], row["platform_code"], row["name"], row["in_force"] == "yes",
                                        row["name_en"])
    for required in ("valid", "suspended", "revoked", "cancelled", "expired"):
        if required not in result:
            raise ResourceError(path, None, f"state {required!r} is missing")
    return result


PERSON_FIELDS = ("name", "gender", "birth_date", "phone", "education", "major", "employer",
                 "position", "title", "photo")


def _load_required(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """field → Chinese label, and field → English label (where the file gives one)."""
    result: dict[str, str] = {}
    english: dict[str, str] = {}
    for line, row in _csv_rows(path, ("field", "label"), ("label_en",)):
        _require(row["field"] in PERSON_FIELDS, path, line,
                 f"field {row['field']!r} is not a person field ({', '.join(PERSON_FIELDS)})")
        _require(bool(row["label"]), path, line, "label is empty")
        result[row["field"]] = row["label"]
        if row["label_en"]:
            english[row["field"]] = row["label_en"]
    return result, english


CHOICE_LISTS = ("position", "title", "education")


def _load_choices(path: Path) -> dict[str, tuple[str, ...]]:
    lists: dict[str, list[str]] = {name: [] for name in CHOICE_LISTS}
    for line, row in _csv_rows(path, ("list", "value")):
        _require(row["list"] in lists, path, line, f"list {row['list']!r} must be one of {CHOICE_LISTS}")
        _require(bool(row["value"]), path, line, "value is empty")
        _require(row["value"] not in lists[row["list"]], path, line, f"duplicate value {row['value']!r}")
        lists[row["list"]].append(row["value"])
    for name, values in lists.items():
        if not values:
            raise ResourceError(path, None, f"choice list {name!r} is empty")
    return {name: tuple(values) for name, values in lists.items()}


# --- TOML loading ------------------------------------------------------------------------------


def _toml_line(text: str, key: str) -> int | None:
    """The line on which a (possibly dotted) key is set, so that a bad value can be pointed at."""
    table, _, name = key.rpartition(".")
    current = ""
    for number, line in enumerate(text.splitlines(), start=1):
        header = re.match(r"\s*\[([^\]]+)\]", line)
        if header:
            current = header.group(1).strip()
        elif current == table and re.match(rf"\s*{re.escape(name)}\s*=", line):
            return number
    return None


def read_toml(path: Path) -> tuple[str, dict[str, Any]]:
    """(text, data) of a TOML resource file; a syntax error names its line."""
    if not path.is_file():
        raise ResourceError(path, None, "file not found")
    text = path.read_text(encoding="utf-8")
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line ([0-9]+)", str(exc))
        raise ResourceError(path, int(match.group(1)) if match else None, str(exc)) from exc


def _load_settings(path: Path) -> dict[str, object]:
    text, data = read_toml(path)

    def get(key: str, kind: type, check: Callable[[object], bool] = lambda _v: True, hint: str = "") -> object:
        node: object = data
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                raise ResourceError(path, None, f"setting {key!r} is missing")
            node = node[part]
        if not isinstance(node, kind) or not check(node):
            raise ResourceError(path, _toml_line(text, key), f"setting {key!r} = {node!r} {hint or 'is invalid'}")
        return node

    def pattern(key: str) -> re.Pattern[str]:
        raw = str(get(key, str))
        try:
            return re.compile(raw)
        except re.error as exc:
            raise ResourceError(path, _toml_line(text, key), f"{key}: bad regular expression ({exc})") from exc

    settings: dict[str, object] = {
        "province_name": get("province_name", str),
        "province_abbr": get("province_abbr", str, lambda v: len(str(v)) == 1, "must be one character"),
        "province_code": get("province_code", str, lambda v: re.fullmatch(r"[0-9]{2}", str(v)) is not None,
                             "must be two digits"),
        "expiring_within_days": get("expiring_within_days", int, lambda v: 0 < int(v) <= 366, "must be 1..366"),
        "renewal_review_months": get("renewal_review_months", int, lambda v: 0 < int(v) <= 12, "must be 1..12"),
        "earliest_certificate_year": get("earliest_certificate_year", int,
                                         lambda v: 1950 <= int(v) <= 2100, "must be a year"),
        "photo_max_bytes": get("photo_max_bytes", int, lambda v: int(v) > 0, "must be positive"),
    }
    for family in FAMILIES:
        key = f"{family}_number"
        regex = pattern(f"{key}.pattern")
        template = str(get(f"{key}.template", str))
        groups = set(regex.groupindex)
        needed = {"province", "year", "serial"} | ({"category"} if family == "safety" else {"city", "code"})
        if not needed <= groups:
            raise ResourceError(path, _toml_line(text, f"{key}.pattern"),
                                f"{key}.pattern lacks groups {sorted(needed - groups)}")
        settings[key] = NumberFormat(regex, template)
    settings["ecert"] = {k: str(get(f"ecert.{k}", str)) for k in
                         ("prefix", "type_code_safety", "type_code_special", "version")}
    return settings


def load_rules(resources: Path) -> Rules:
    """Load and cross-check every rules file under `resources/rules`."""
    folder = resources / "rules"
    settings = _load_settings(folder / "rules.toml")
    work_types = _load_work_types(folder / "work_types.csv")
    units = _load_units(folder / "issuing_units.csv")
    letters = {u.city_letter for u in units}
    for unit in units:
        if not unit.admin_code.startswith(str(settings["province_code"])):
            raise ResourceError(folder / "issuing_units.csv", unit.seq + 1,
                                f"admin_code {unit.admin_code} is outside province {settings['province_code']}")
    if len(letters) < 2:
        raise ResourceError(folder / "issuing_units.csv", None, "city letters are not distinct")
    required, required_en = _load_required(folder / "a_required_fields.csv")
    return Rules(
        **settings,  # type: ignore[arg-type]
        work_types=work_types,
        units=units,
        categories=_load_categories(folder / "categories.csv"),
        states=_load_states(folder / "cert_states.csv"),
        a_required_fields=required,
        a_required_labels_en=required_en,
        choices=_load_choices(folder / "choices.csv"),
    )


@lru_cache(maxsize=1)
def default_rules() -> Rules:
    """The rules shipped with the app (loaded once per process)."""
    from desktop_app.paths import resources_dir

    return load_rules(resources_dir())
