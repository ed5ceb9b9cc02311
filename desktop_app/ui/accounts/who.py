"""Who acts at this window, in words: the title, the status bar and the lock dialog say it the same way."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop_app.services.context import Actor, WorkspaceContext


def role_label(ctx: WorkspaceContext, role: str | None) -> str:
    found = ctx.roles.roles.get(role or "")
    return found.label if found is not None else (role or "")


def signed_in_text(ctx: WorkspaceContext, actor: Actor | None = None) -> str:
    """窗口演示员（chuangkou，窗口）: the account's display name, user name and role."""
    actor = actor or ctx.actor
    role = role_label(ctx, actor.role)
    if actor.display and actor.display != actor.name:
        return f"{actor.display}（{actor.name}，{role}）"
    return f"{actor.name}（{role}）"


def who_text(ctx: WorkspaceContext) -> str:
    """For the status bar: 已登录：… / 未登录 in a workspace with accounts, else 操作员：… as before."""
    tr = QCoreApplication.translate
    if ctx.actor.role:
        return tr("accounts", "已登录：{0}").format(signed_in_text(ctx))
    if ctx.has_accounts:
        return tr("accounts", "未登录")
    return tr("accounts", "操作员：{0}").format(ctx.actor.name.strip() or tr("accounts", "未设置"))
