"""Who acts at this window, in words: the title, the status bar and the lock dialog say it the same way."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop_app.services.context import Actor, WorkspaceContext


def role_label(ctx: WorkspaceContext, role: str | None) -> str:
    found = ctx.roles.roles.get(role or "")
    return found.label if found is not None else (role or "")


def signed_in_text(ctx: WorkspaceContext, actor: Actor | None = None) -> str:
    """窗口演示员（chuangkou，窗口人员）: the account's display name, user name and role."""
    actor = actor or ctx.actor
    role = role_label(ctx, actor.role)
    if actor.display and actor.display != actor.name:
        return QCoreApplication.translate("accounts", "{0}（{1}，{2}）").format(actor.display, actor.name, role)
    return QCoreApplication.translate("accounts", "{0}（{1}）").format(actor.name, role)


def who_text(ctx: WorkspaceContext) -> str:
    """For the status bar: 已登录：… / 未登录 in a workspace with accounts, else 操作员：… as before."""
    translate = QCoreApplication.translate  # (lupdate reads translate("context", "text") calls by this name)
    if ctx.actor.role:
        return translate("accounts", "已登录：{0}").format(signed_in_text(ctx))
    if ctx.has_accounts:
        return translate("accounts", "未登录")
    return translate("accounts", "操作员：{0}").format(ctx.actor.name.strip() or translate("accounts", "未设置"))
