"""Certificate kinds for counting: what progress reports and sync verification group by.

A kind is `A`, `B`, `C1`, `C2`, `C3` (an old-format `C` counts as `C3`, its new name) or
`SPECIAL:<new work-type code>` (`SPECIAL:01` … `SPECIAL:99`), so an old and a new spelling of one
certificate fall in the same group.
"""

from __future__ import annotations

from desktop_app.domain.rules import Rules, default_rules

SAFETY_KINDS = ("A", "B", "C1", "C2", "C3")


def certificate_kind(category: str, work_type: str | None, fmt: str, rules: Rules | None = None) -> str:
    """The counting kind of a certificate given as printed (category, work-type code, format)."""
    if category == "SPECIAL":
        if not work_type:
            raise ValueError("a special-operation certificate needs its work-type code")
        if fmt == "new":
            return f"SPECIAL:{work_type}"
        found = (rules or default_rules()).work_type_by_code(work_type, fmt)
        if found is None:
            raise ValueError(f"unknown work-type code {work_type!r}")
        return f"SPECIAL:{found.new_code}"
    return "C3" if category == "C" else category
