"""The phone-inquiry answer at a glance: has this person's new-format certificate been generated?

An officer with a caller on the line reads one sentence: "新版证书已生成", or
"新版证书未生成，原因：…" with what blocks it, or that it can be generated now. The sentences
are the catalogue's `answer.*` messages, rendered in the UI's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop_app.domain.status import Status
from desktop_app.messages import joined, msg

# The old constants (GENERATED, NOT_GENERATED, CAN_GENERATE, NO_CERTIFICATES), now catalogue codes;
# reading one (module __getattr__ below) renders it in the current language.
_LEGACY_CODES = {"GENERATED": "answer.generated", "NOT_GENERATED": "answer.not_generated",
                 "CAN_GENERATE": "answer.can_generate", "NO_CERTIFICATES": "answer.no_certificates"}

_IN_FORCE = (Status.VALID, Status.EXPIRING)


def __getattr__(name: str) -> str:
    if name in _LEGACY_CODES:
        return str(msg(_LEGACY_CODES[name]))
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class AnswerItem:
    """One certificate as the answer needs it."""

    number: str  # as issued
    status: Status  # on the day of the inquiry
    is_new: bool  # new format, or the new-format certificate has been generated
    blockers: Sequence[str] = ()  # new_cert_blockers for it (empty when it can be generated)


def needs_new(item: AnswerItem) -> bool:
    return not item.is_new


def is_generated(answer: str) -> bool:
    """True when `answer` (an `inquiry_answer`) says the new-format certificate has been generated."""
    return answer == str(msg("answer.generated"))


def inquiry_answer(items: Sequence[AnswerItem]) -> str:
    """One line: generated, or not and why, or not yet but nothing blocks it."""
    if not items:
        return str(msg("answer.no_certificates"))
    in_force = [i for i in items if i.status in _IN_FORCE]
    # Only certificates still in force count; with none, say why the lapsed ones cannot be converted.
    considered = in_force or list(items)
    pending = [i for i in considered if needs_new(i)]
    if not pending:
        return str(msg("answer.generated"))
    reasons = _reasons(pending)
    if reasons:
        return str(msg("answer.not_generated_because", reasons=reasons))
    numbers = joined(i.number for i in pending)
    return str(msg("answer.not_generated_can_generate", numbers=numbers))


def _reasons(pending: Sequence[AnswerItem]) -> str:
    """The blockers; with several certificates, each blocked one by number."""
    blocked = [i for i in pending if i.blockers]
    if not blocked:
        return ""
    if len(pending) == 1:
        return "；".join(blocked[0].blockers)
    text = "；".join(str(msg("answer.blocked_certificate", number=i.number, blockers="，".join(i.blockers)))
                    for i in blocked)
    return str(msg("answer.others_can_generate", reasons=text)) if len(blocked) < len(pending) else text
