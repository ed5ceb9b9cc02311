"""A certificate's status as the certificate windows show it, in the UI's language.

The domain names a status in Chinese (`domain.status.STATUS_LABELS`); the windows name it by its code
(`CertificateSummary.status`, the verification's "status") through this table. An unknown code falls
back to the label it came with.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "CertificateStatus"

STATUS_NAMES: dict[str, str] = {
    "valid": QT_TRANSLATE_NOOP("CertificateStatus", "有效"),
    "expiring": QT_TRANSLATE_NOOP("CertificateStatus", "即将到期"),
    "expired": QT_TRANSLATE_NOOP("CertificateStatus", "已过期"),
    "suspended": QT_TRANSLATE_NOOP("CertificateStatus", "暂扣"),
    "revoked": QT_TRANSLATE_NOOP("CertificateStatus", "撤销"),
    "cancelled": QT_TRANSLATE_NOOP("CertificateStatus", "注销"),
}


def status_name(status: str | None, fallback: str | None = None) -> str:
    """The status's name in the UI's language (`fallback`, else the code, when it is not known)."""
    source = STATUS_NAMES.get(status or "")
    if source is None:
        return fallback or status or ""
    return QCoreApplication.translate(CONTEXT, source)
