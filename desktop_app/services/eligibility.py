"""Why a certificate cannot get its new format yet: the domain's rules plus what generation needs.

Shared by generation (services/issuance.py) and the search box (services/search.py), so what the
counter sees is what it gets; kept apart from issuance so the search does not load the renderer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from desktop_app.certs.signing import LAST_SIGNABLE, can_sign_until
from desktop_app.domain.rules import Rules
from desktop_app.domain.status import BlockerInput, new_cert_blockers
from desktop_app.messages import msg


def blockers(category: str, state: str, valid_until: dt.date | None, person: Mapping[str, object], has_photo: bool,
             issuer_unit: str, today: dt.date, rules: Rules, needs_token: bool = True) -> list[str]:
    """Why a new-format certificate cannot be generated (domain rules, plus what generation needs).

    The cache may hold values an importer should have refused (an old cache, a sync): an unknown
    state or category, a validity the QR token cannot carry. Each is a reason here, so no later
    stage meets it. `needs_token`: the row has no QR text yet, so one will be signed.
    """
    reasons: list[str] = []
    if state not in rules.states:
        reasons.append(str(msg("issuance.unknown_state", state=state)))
    else:
        reasons += new_cert_blockers(BlockerInput(category, state, valid_until, person, has_photo), today, rules)
    if category not in rules.categories:
        reasons.append(str(msg("issuance.unknown_category", category=category)))
    if needs_token and valid_until is not None and not can_sign_until(valid_until):
        reasons.append(str(msg("issuance.validity_unsignable", valid_until=valid_until.isoformat(),
                               last=LAST_SIGNABLE.isoformat())))
    if rules.unit(issuer_unit) is None:
        reasons.append(str(msg("issuance.unknown_issuer", unit=issuer_unit)))
    return reasons
