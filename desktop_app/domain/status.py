"""Certificate status on a date, and what blocks a new-format certificate."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from desktop_app.domain.rules import Rules, default_rules
from desktop_app.messages import joined, msg


class Status(StrEnum):
    VALID = "valid"
    EXPIRING = "expiring"
    EXPIRED = "expired"
    SUSPENDED = "suspended"
    REVOKED = "revoked"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        """The status's name in the UI's language (STATUS_LABELS: the Chinese names)."""
        return str(msg(f"status.{self.value}"))


STATUS_LABELS = {
    Status.VALID: "有效",
    Status.EXPIRING: "即将到期",
    Status.EXPIRED: "已过期",
    Status.SUSPENDED: "暂扣",
    Status.REVOKED: "撤销",
    Status.CANCELLED: "注销",
}

# A state set by the authority outweighs the calendar.
_STATE_STATUS = {"suspended": Status.SUSPENDED, "revoked": Status.REVOKED, "cancelled": Status.CANCELLED,
                 "expired": Status.EXPIRED}


def certificate_status(state: str, valid_until: dt.date | None, on: dt.date,
                       rules: Rules | None = None) -> Status:
    rules = rules or default_rules()
    if state not in rules.states:
        raise ValueError(f"unknown certificate state {state!r}")
    if state in _STATE_STATUS:
        return _STATE_STATUS[state]
    if valid_until is None or valid_until < on:
        return Status.EXPIRED
    if (valid_until - on).days <= rules.expiring_within_days:
        return Status.EXPIRING
    return Status.VALID


def valid_until_for(category: str, issued: dt.date, rules: Rules | None = None) -> dt.date:
    """The default end of validity: N years after issue, less one day (2022-05-01 → 2025-04-30)."""
    rules = rules or default_rules()
    years = rules.categories[category].validity_years
    try:
        end = issued.replace(year=issued.year + years)
    except ValueError:  # 29 February
        end = issued.replace(year=issued.year + years, day=28)
    return end - dt.timedelta(days=1)


@dataclass(frozen=True)
class BlockerInput:
    """What the blocker rule needs to know of a certificate and its holder."""

    category: str
    state: str
    valid_until: dt.date | None
    person: Mapping[str, object]  # person field → value (None or "" when missing)
    has_photo: bool


def new_cert_blockers(item: BlockerInput, on: dt.date, rules: Rules | None = None) -> list[str]:
    """Reasons a new-format certificate cannot be generated now; empty when it can."""
    rules = rules or default_rules()
    reasons: list[str] = []
    status = certificate_status(item.state, item.valid_until, on, rules)
    if status not in (Status.VALID, Status.EXPIRING):
        reasons.append(str(msg("blocker.status", status=status.label)))
    if item.category == "A":
        missing = [rules.required_label(fld) for fld in rules.a_required_fields
                   if fld != "photo" and not _present(item.person.get(fld))]
        if missing:
            reasons.append(str(msg("blocker.a_missing", fields=joined(missing))))
    if not item.has_photo:
        reasons.append(str(msg("blocker.no_photo")))
    return reasons


def _present(value: object) -> bool:
    return value is not None and str(value).strip() != ""
