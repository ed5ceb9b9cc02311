"""Operator accounts: add, sign in (argon2id, lockout after N wrong passwords), change and reset
passwords, enable, disable, change roles. Every change is audited (entity "account"); the hash never
leaves this module: rows handed out are `AccountRow`s, which have no hash.

Use-case functions over the cache with explicit arguments; services/api/accounts.py binds them to
the workspace's actor and checks that the actor may manage accounts.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.domain.roles import Roles
from desktop_app.errors import KnownError
from desktop_app.messages import joined, msg
from desktop_app.store.engine import Cache, as_engine
from desktop_app.store.locking import write_session
from desktop_app.store.models import Account, AuditLog

_HASHER = PasswordHasher()  # argon2id with the library's current recommended parameters
USER_NAME = re.compile(r"^[A-Za-z0-9_.\-\u4e00-\u9fff]{2,50}$")
MAX_DISPLAY = 100


@dataclass(frozen=True)
class AccountRow:
    user_name: str
    display_name: str
    role: str
    enabled: bool
    locked_until: dt.datetime | None
    last_sign_in: dt.datetime | None
    created_at: dt.datetime

    def as_json(self) -> dict[str, object]:
        return {"user_name": self.user_name, "display_name": self.display_name, "role": self.role,
                "enabled": self.enabled,
                "locked_until": self.locked_until.isoformat(timespec="seconds") if self.locked_until else None,
                "last_sign_in": self.last_sign_in.isoformat(timespec="seconds") if self.last_sign_in else None,
                "created_at": self.created_at.isoformat(timespec="seconds")}


@dataclass(frozen=True)
class SignedIn:
    user_name: str
    display_name: str
    role: str


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _row(account: Account) -> AccountRow:
    return AccountRow(account.user_name, account.display_name, account.role, account.enabled,
                      account.locked_until, account.last_sign_in, account.created_at)


def _audit(session: Session, operator: str, user_name: str, field: str, old: str | None, new: str | None) -> None:
    session.add(AuditLog(at=_now(), operator=operator, entity="account", entity_key=user_name, person_id=None,
                         field=field, old_value=old, new_value=new, reason=None, source="local"))


def count(cache: Cache) -> int:
    with Session(as_engine(cache)) as session:
        return int(session.scalar(select(func.count()).select_from(Account)) or 0)


def accounts(cache: Cache) -> list[AccountRow]:
    with Session(as_engine(cache)) as session:
        return [_row(a) for a in session.scalars(select(Account).order_by(Account.user_name))]


def check_password(password: str, roles: Roles) -> None:
    if len(password) < roles.policy.min_password_length:
        raise KnownError(msg("accounts.password_too_short", length=roles.policy.min_password_length))
    if password.strip() != password or not password.isprintable():
        raise KnownError(msg("accounts.password_unprintable"))


def add(cache: Cache, roles: Roles, user_name: str, role: str, display_name: str, password: str,
        operator: str) -> AccountRow:
    user_name = user_name.strip()
    if not USER_NAME.match(user_name):
        raise KnownError(msg("accounts.bad_user_name", user=user_name))
    if role not in roles.roles:
        raise KnownError(msg("accounts.unknown_role", role=role, choices=joined(roles.roles)))
    check_password(password, roles)
    display = (display_name.strip() or user_name)[:MAX_DISPLAY]
    with write_session(cache) as session, session.begin():
        if session.scalar(select(Account).where(Account.user_name == user_name)) is not None:
            raise KnownError(msg("accounts.exists", user=user_name))
        first = not session.scalar(select(func.count()).select_from(Account))
        if first and "accounts.manage" not in roles.roles[role].permissions:
            raise KnownError(msg("accounts.first_must_be_admin", roles=_managers(roles)))
        account = Account(user_name=user_name, display_name=display, role=role, enabled=True,
                          password_hash=_HASHER.hash(password), failed_attempts=0, created_at=_now())
        session.add(account)
        _audit(session, operator or user_name, user_name, "account", None, f"{display}（{roles.roles[role].name}）")
        return _row(account)


def _managers(roles: Roles) -> str:
    return joined(r.label for r in roles.roles_for("accounts.manage"))


def _load(session: Session, user_name: str) -> Account:
    account = session.scalar(select(Account).where(Account.user_name == user_name.strip()))
    if account is None:
        raise KnownError(msg("accounts.unknown_user", user=user_name))
    return account


def sign_in(cache: Cache, roles: Roles, user_name: str, password: str, now: dt.datetime | None = None) -> SignedIn:
    """The account, when the password is right; each wrong one counts, and N in a row lock it."""
    now = now or _now()
    with write_session(cache) as session, session.begin():
        account = session.scalar(select(Account).where(Account.user_name == user_name.strip()))
        if account is None:
            _HASHER.hash(password)  # the same time as a wrong password: no telling which names exist
            raise KnownError(msg("accounts.wrong_password"))
        if not account.enabled:
            raise KnownError(msg("accounts.disabled", user=account.user_name))
        if account.locked_until is not None and account.locked_until > now:
            raise KnownError(msg("accounts.locked", until=account.locked_until.strftime("%H:%M")))
        if not _verify(account, password):
            account.failed_attempts += 1
            left = roles.policy.max_failed_attempts - account.failed_attempts
            if left <= 0:
                account.locked_until = now + dt.timedelta(minutes=roles.policy.lockout_minutes)
                account.failed_attempts = 0
                _audit(session, account.user_name, account.user_name, "locked_until", None,
                       account.locked_until.isoformat(sep=" "))
                session.commit()
                raise KnownError(msg("accounts.now_locked", minutes=roles.policy.lockout_minutes))
            session.commit()
            raise KnownError(msg("accounts.wrong_password_left", left=left))
        account.failed_attempts = 0
        account.locked_until = None
        account.last_sign_in = now
        if _HASHER.check_needs_rehash(account.password_hash):
            account.password_hash = _HASHER.hash(password)
        return SignedIn(account.user_name, account.display_name, account.role)


def _verify(account: Account, password: str) -> bool:
    try:
        return _HASHER.verify(account.password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def change_password(cache: Cache, roles: Roles, user_name: str, old: str, new: str) -> None:
    check_password(new, roles)
    with write_session(cache) as session, session.begin():
        account = _load(session, user_name)
        if not _verify(account, old):
            raise KnownError(msg("accounts.wrong_password"))
        account.password_hash = _HASHER.hash(new)
        account.password_changed_at = _now()
        _audit(session, user_name, user_name, "password", None, "（已修改）")


def reset_password(cache: Cache, roles: Roles, user_name: str, new: str, operator: str) -> None:
    check_password(new, roles)
    with write_session(cache) as session, session.begin():
        account = _load(session, user_name)
        account.password_hash = _HASHER.hash(new)
        account.password_changed_at = _now()
        account.failed_attempts = 0
        account.locked_until = None
        _audit(session, operator, account.user_name, "password", None, "（管理员重置）")


def set_enabled(cache: Cache, roles: Roles, user_name: str, enabled: bool, operator: str) -> AccountRow:
    with write_session(cache) as session, session.begin():
        account = _load(session, user_name)
        if not enabled:
            _keep_a_manager(session, roles, account)
        if account.enabled != enabled:
            _audit(session, operator, account.user_name, "enabled", str(account.enabled), str(enabled))
            account.enabled = enabled
        return _row(account)


def set_role(cache: Cache, roles: Roles, user_name: str, role: str, operator: str) -> AccountRow:
    if role not in roles.roles:
        raise KnownError(msg("accounts.unknown_role", role=role, choices=joined(roles.roles)))
    with write_session(cache) as session, session.begin():
        account = _load(session, user_name)
        if "accounts.manage" not in roles.roles[role].permissions:
            _keep_a_manager(session, roles, account)
        if account.role != role:
            _audit(session, operator, account.user_name, "role", account.role, role)
            account.role = role
        return _row(account)


def _keep_a_manager(session: Session, roles: Roles, leaving: Account) -> None:
    """Refuse to disable or demote the last enabled account that can manage accounts."""
    managers = [r.code for r in roles.roles_for("accounts.manage")]
    others = session.scalar(select(func.count()).select_from(Account).where(
        Account.enabled.is_(True), Account.role.in_(managers), Account.id != leaving.id))
    if leaving.enabled and leaving.role in managers and not others:
        raise KnownError(msg("accounts.last_manager", roles=_managers(roles)))
