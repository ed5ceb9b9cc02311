"""The phone-inquiry answer at a glance: has this person's new-format certificate been generated?

An officer with a caller on the line reads one sentence: "新版证书已生成", or
"新版证书未生成，原因：…" with what blocks it, or that it can be generated now.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop_app.domain.status import Status

GENERATED = "新版证书已生成"
NOT_GENERATED = "新版证书未生成"
CAN_GENERATE = "可生成新版证书"
NO_CERTIFICATES = "无证书记录"

_IN_FORCE = (Status.VALID, Status.EXPIRING)


@dataclass(frozen=True)
class AnswerItem:
    """One certificate as the answer needs it."""

    number: str  # as issued
    status: Status  # on the day of the inquiry
    is_new: bool  # new format, or the new-format certificate has been generated
    blockers: Sequence[str] = ()  # new_cert_blockers for it (empty when it can be generated)


def needs_new(item: AnswerItem) -> bool:
    return not item.is_new


def inquiry_answer(items: Sequence[AnswerItem]) -> str:
    """One line: generated, or not and why, or not yet but nothing blocks it."""
    if not items:
        return NO_CERTIFICATES
    in_force = [i for i in items if i.status in _IN_FORCE]
    # Only certificates still in force count; with none, say why the lapsed ones cannot be converted.
    considered = in_force or list(items)
    pending = [i for i in considered if needs_new(i)]
    if not pending:
        return GENERATED
    reasons = _reasons(pending)
    if reasons:
        return f"{NOT_GENERATED}，原因：{reasons}"
    numbers = "、".join(i.number for i in pending)
    return f"{NOT_GENERATED}，{CAN_GENERATE}（{numbers}）"


def _reasons(pending: Sequence[AnswerItem]) -> str:
    """The blockers; with several certificates, each blocked one by number."""
    blocked = [i for i in pending if i.blockers]
    if not blocked:
        return ""
    if len(pending) == 1:
        return "；".join(blocked[0].blockers)
    text = "；".join(f"{i.number}（{'，'.join(i.blockers)}）" for i in blocked)
    return text + ("；其余证书可生成新版" if len(blocked) < len(pending) else "")
