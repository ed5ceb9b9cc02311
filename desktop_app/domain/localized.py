"""Names the rules tables give in two languages: the Chinese one is the data (printed on certificates,
stored, exported), the English one only what the English UI shows (`name_en` / `label_en` columns).
"""

from __future__ import annotations

import re
from pathlib import Path

from desktop_app.messages import current_language

_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


def localized(chinese: str, english: str, language: str | None = None) -> str:
    """The name in `language` (default: the chosen one): English when it is English and the table gives one."""
    return english if english and (language or current_language()) == "en" else chinese


class Named:
    """A rules row with `name` (Chinese, the data) and `name_en`; `label` is what a window shows."""

    name: str
    name_en: str

    @property
    def label(self) -> str:
        return localized(self.name, self.name_en)


def english_problem(text: str) -> str:
    """Why `text` cannot be an English name ('' when it can): it must not hold Chinese characters."""
    return f"English name {text!r} holds Chinese characters" if _CJK.search(text) else ""


def check_english(path: Path, line: int | None, text: str) -> None:
    from desktop_app.domain.rules_files import ResourceError  # (it imports this module)

    problem = english_problem(text)
    if problem:
        raise ResourceError(path, line, problem)
