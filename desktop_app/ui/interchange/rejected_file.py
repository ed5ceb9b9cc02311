"""The rejected lines of an import saved as a file: UTF-8 CSV (with a BOM, so Excel reads it as
UTF-8) or plain text, written atomically.

The reasons quote the file's data, so a CSV cell starting with =, +, -, @, tab or CR is prefixed
with ' (OWASP CSV injection): a spreadsheet shows it as text, never runs it."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from desktop_app.settings import atomic_write_bytes
from desktop_app.ui.interchange.rejected_model import ReportLine

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """A cell a spreadsheet shows as text: a formula-like start is prefixed with '."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _encoded(text: str) -> bytes:
    return text.encode("utf-8", "backslashreplace")  # an undecodable byte in a reason stays visible


def csv_bytes(lines: Sequence[ReportLine], headers: Sequence[str]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in headers])
    writer.writerows([safe_cell(item.line), safe_cell(item.reason)] for item in lines)
    return _encoded("\ufeff" + out.getvalue())


def text_bytes(lines: Sequence[ReportLine], summary: str = "") -> bytes:
    """`第 N 行：reason` (English: `line N: reason`, as the command line prints them), one a line, the summary
    last."""
    line = QCoreApplication.translate("interchange", "第 {0} 行：{1}")
    rows = [line.format(item.line, " ".join(item.reason.splitlines())) for item in lines]
    if summary:
        rows.append(summary)
    return _encoded("".join(row + "\n" for row in rows))


def save_lines(path: Path, lines: Sequence[ReportLine], headers: Sequence[str], summary: str = "") -> Path:
    """Write `lines` to `path`: plain text for a .txt name, CSV otherwise."""
    data = text_bytes(lines, summary) if path.suffix.lower() == ".txt" else csv_bytes(lines, headers)
    atomic_write_bytes(path, data)
    return path
