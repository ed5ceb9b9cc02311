"""What the workspace calls a person's gender and a certificate's category, in the UI's language.

The cache stores a gender as 男 / 女 and the search service names a special work type in Chinese
(`CertificateSummary.work_type_name`); the results table, the detail pane and the certificate cards
name them through these helpers, so that the English UI says "Male" and "Construction electrician".
The rules give each category and work type its English name (`Named.label`); an unknown code falls
back to the name it came with.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop_app.domain.rules import Rules
from desktop_app.services.search_types import CertificateSummary

CONTEXT = "WorkspaceNames"

GENDERS: dict[str, str] = {
    "男": QT_TRANSLATE_NOOP("WorkspaceNames", "男"),
    "女": QT_TRANSLATE_NOOP("WorkspaceNames", "女"),
}


def gender_name(gender: str | None) -> str:
    """男 / 女 in the UI's language (any other stored value as it is)."""
    source = GENDERS.get(gender or "")
    return QCoreApplication.translate(CONTEXT, source) if source else (gender or "")


def special_name(rules: Rules) -> str:
    """The special operations as one category (特种作业)."""
    special = rules.categories.get("SPECIAL")
    return special.label if special else QCoreApplication.translate(CONTEXT, "特种作业")


def work_type_name(cert: CertificateSummary, rules: Rules) -> str | None:
    """The certificate's special work type in the UI's language (None when it has none)."""
    if cert.work_type:
        work_type = rules.work_type_by_code(cert.work_type, cert.format)
        if work_type is not None:
            return work_type.label
    return cert.work_type_name


def category_name(code: str, rules: Rules) -> str | None:
    """A safety-management category's name (A → 主要负责人) in the UI's language; None when unknown."""
    category = rules.categories.get(code)
    return category.label if category else None
