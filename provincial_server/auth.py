"""Bureau tokens: made once by `token --unit …`, kept on the server as their SHA-256 only.

A token is 256 random bits, so a plain SHA-256 is the right store (as GitHub's and Stripe's API keys):
a password hash's deliberate slowness would only slow every request.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from collections.abc import Sequence

from sqlalchemy import insert, select, update

from desktop_app.domain.rules import Rules
from provincial_server.db.engine import Database
from provincial_server.db.models import Token
from provincial_server.writes import Bureau

TOKEN_PREFIX = "cdt_"
tokens = Token.__table__


class TokenProblem(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code  # unauthorized | forbidden


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def unit_names(names: Sequence[str], rules: Rules) -> list[str]:
    """The listed names of these units (an alias is accepted); raises ValueError naming an unknown one."""
    found = []
    for name in names:
        unit = rules.unit(name.strip())
        if unit is None:
            raise ValueError(f"unknown issuing unit: {name}")
        found.append(unit.name)
    return sorted(set(found))


BUREAU_MAX = 200  # tokens.bureau


def bureau_name(units: Sequence[str], given: str | None = None) -> str:
    """The given name, or the units' names (shortened to fit: 济南市…等 18 个发证机关)."""
    if given:
        return given.strip()[:BUREAU_MAX]
    joined = "、".join(units)
    return joined if len(joined) <= BUREAU_MAX else f"{units[0]}等 {len(units)} 个发证机关"[:BUREAU_MAX]


def create_token(db: Database, units: Sequence[str], bureau: str | None = None) -> str:
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with db.write.begin() as conn:
        conn.execute(insert(tokens).values(
            token_sha256=digest(token), bureau=bureau_name(units, bureau), units=json.dumps(list(units),
                                                                                        ensure_ascii=False),
            created_at=dt.datetime.now(dt.UTC), revoked_at=None))
    return token


def bureau_of(db: Database, authorization: str | None) -> Bureau:
    """The bureau an `Authorization: Bearer …` header names; raises TokenProblem."""
    if not authorization or not authorization.lower().startswith("bearer "):
        raise TokenProblem("unauthorized")
    token = authorization[7:].strip()
    if not token:
        raise TokenProblem("unauthorized")
    with db.read.begin() as conn:
        row = conn.execute(select(tokens).where(tokens.c.token_sha256 == digest(token))).first()
    if row is None:
        raise TokenProblem("unauthorized")
    if row.revoked_at is not None:
        raise TokenProblem("forbidden")
    return Bureau(row.bureau, frozenset(json.loads(row.units)))


def revoke_token(db: Database, token: str) -> bool:
    """Stop a token (a lost laptop): its bureau gets 403 from now on. False when it is not known."""
    with db.write.begin() as conn:
        done = conn.execute(update(tokens).where(tokens.c.token_sha256 == digest(token.strip()),
                                                 tokens.c.revoked_at.is_(None))
                            .values(revoked_at=dt.datetime.now(dt.UTC)))
    return bool(done.rowcount)
