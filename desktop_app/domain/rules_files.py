"""Reading the rules files: the error that names a file and line, and CSV rows checked against a header."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from desktop_app.domain.localized import check_english


class ResourceError(Exception):
    """A rules file is missing or malformed."""

    def __init__(self, path: Path, line: int | None, problem: str) -> None:
        self.path = path
        self.line = line
        self.problem = problem
        where = f"{path.name} line {line}" if line else path.name
        super().__init__(f"{where}: {problem}")


def csv_rows(path: Path, columns: tuple[str, ...],
              optional: tuple[str, ...] = ()) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) for each data row, checking the header and column count; `optional`
    columns may follow (a missing one reads as empty) and are checked as English names."""
    if not path.is_file():
        raise ResourceError(path, None, "file not found")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ResourceError(path, None, f"not UTF-8 text ({exc.reason})") from exc
    lines = text.splitlines()
    if not lines:
        raise ResourceError(path, 1, "file is empty; expected header " + ",".join(columns))
    header = next(csv.reader([lines[0]]))
    names = tuple(h.strip() for h in header)
    extra = names[len(columns):]
    if names[:len(columns)] != columns or extra != optional[:len(extra)]:
        raise ResourceError(path, 1, f"header is {','.join(header)!r}, expected {','.join(columns + optional)!r}")
    columns = names
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = next(csv.reader([line]))
        if len(cells) != len(columns):
            raise ResourceError(path, number, f"{len(cells)} columns, expected {len(columns)}")
        row = {c: v.strip() for c, v in zip(columns, cells, strict=True)}
        for name in optional:
            check_english(path, number, row.setdefault(name, ""))
        yield number, row


def require(ok: bool, path: Path, line: int, problem: str) -> None:
    if not ok:
        raise ResourceError(path, line, problem)


def unique(path: Path, line: int, seen: set[str], value: str, what: str) -> None:
    require(value not in seen, path, line, f"duplicate {what} {value!r}")
    seen.add(value)


def whole_number(path: Path, line: int, value: str, what: str) -> int:
    require(value.isdigit(), path, line, f"{what} {value!r} is not a whole number")
    return int(value)
