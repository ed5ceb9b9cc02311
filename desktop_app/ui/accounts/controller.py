"""The main window's accounts: who may use it, and when.

- At start (after the demo fill, when there is one): a workspace with accounts asks for a sign-in
  (sign_in_dialog.py); a real workspace without any offers to create its first admin
  (first_admin_dialog.py, when the launcher asks for that); a workspace without accounts otherwise
  works as before, by the named operator.
- 注销 closes what the account had open, covers the window and asks for the next sign-in; 修改密码…;
  系统管理… opens the admin window (ui/admin/, imported when first asked for).
- The idle lock (idle.py, lock_dialog.py): N minutes without input cover the window and hide the
  others until the password is given again, or 切换账号.
- After every sign-in, sign-out or settings change the window greys what the role may not do
  (`ctx.can`); a refusal that still happens is shown as the service's message (`allowed`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from desktop_app.errors import PermissionDenied
from desktop_app.services.changes import ChangeKind, OpChanges
from desktop_app.services.context import Actor, WorkspaceContext
from desktop_app.ui.accounts.cover import Cover
from desktop_app.ui.accounts.first_admin_dialog import FirstAdminDialog
from desktop_app.ui.accounts.idle import IdleWatch, idle_minutes
from desktop_app.ui.accounts.lock_dialog import LockDialog
from desktop_app.ui.accounts.password_dialog import ChangePasswordDialog
from desktop_app.ui.accounts.sign_in_dialog import SignInDialog
from desktop_app.ui.accounts.who import signed_in_text
from desktop_app.ui.accounts.windows import owned_windows
from desktop_app.ui.common.changes import change_bus
from desktop_app.ui.common.errors import show_error
from desktop_app.ui.common.operations import Op

if TYPE_CHECKING:
    from desktop_app.ui.main_window import MainWindow

SETTINGS_CHANGED = OpChanges.of((ChangeKind.SETTINGS,))  # (as ui/settings/dialog.py's: who acts is shown there)


class AccountsController(QObject):
    def __init__(self, ctx: WorkspaceContext, window: MainWindow) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.offer_first_admin = False  # the launcher's real start offers it; tests and probes do not
        self.cover = Cover(window)
        self.idle = IdleWatch(self)
        self.idle.idle.connect(self.lock)
        self.sign_in_dialog: SignInDialog | None = None
        self.first_admin_dialog: FirstAdminDialog | None = None
        self.lock_dialog: LockDialog | None = None
        self.password_dialog: ChangePasswordDialog | None = None
        self.admin_window: QWidget | None = None
        self.hidden: list[QWidget] = []  # the windows the lock hid, shown again when it is lifted
        self.known = False  # whether ctx.has_accounts has been read (off the GUI thread) yet
        actions = window.main_actions
        actions.sign_out.triggered.connect(self.sign_out)
        actions.change_password.triggered.connect(self.change_password)
        actions.admin.triggered.connect(self.show_admin)
        change_bus().changed.connect(self._changed)

    @property
    def has_accounts(self) -> bool:
        return self.known and self.ctx.has_accounts

    @property
    def signed_in(self) -> bool:
        return bool(self.ctx.actor.role)

    # --- at start ----------------------------------------------------------------------------

    def at_start(self) -> None:
        """After the first-start logic: sign in, offer the first admin, or carry on as before."""
        ctx = self.ctx
        Op(self.window, lambda: ctx.has_accounts).success(self._gate).failure(self._unknown).run()

    def _gate(self, has_accounts: bool) -> None:
        self.known = True
        if has_accounts and not self.signed_in:
            self.ask_sign_in()
        elif not has_accounts and self.offer_first_admin and not self.ctx.settings.demo:
            self.offer_admin()
        self.apply()

    def _unknown(self, exc: BaseException) -> None:
        """The accounts could not be read (a damaged cache): every service refuses without them anyway."""
        self.window.show_status(self.tr("无法读取账号：{0}").format(exc))

    def offer_admin(self) -> None:
        dialog = FirstAdminDialog(self.ctx, self.window)
        dialog.created.connect(self._admin_created)
        self.first_admin_dialog = dialog
        dialog.show()
        dialog.activateWindow()

    def _admin_created(self, actor: Actor) -> None:
        self.window.show_status(self.tr("已启用账号，{0} 已登录").format(signed_in_text(self.ctx, actor)))
        self._signed_in(actor)

    # --- signing in and out --------------------------------------------------------------------

    def ask_sign_in(self, note: str = "", user_name: str = "") -> None:
        self.idle.stop()
        self.cover.cover(self.tr("CertDesk · 请登录"))
        old = self.sign_in_dialog
        if old is not None and old.isVisible():
            old.activateWindow()
            return
        dialog = SignInDialog(self.ctx, self.window, note=note, user_name=user_name)
        dialog.signedIn.connect(self._signed_in)
        dialog.rejected.connect(self.window.close)  # 退出: without an account the program has nothing to do
        self.sign_in_dialog = dialog
        dialog.show()
        dialog.activateWindow()

    def _signed_in(self, actor: Actor) -> None:
        self.known = True
        self.cover.uncover()
        self.show_status(self.tr("已登录：{0}").format(signed_in_text(self.ctx, actor)))
        self._actor_changed()
        self.window.workspace_view.focus_search()
        self._watch()

    def show_status(self, text: str) -> None:
        self.window.show_status(text)

    def sign_out(self) -> None:
        """注销: what the account had open is closed first (an unsaved edit is asked about)."""
        if not self.signed_in or not self.leave():
            return
        who = signed_in_text(self.ctx)
        self.ctx.accounts.sign_out()
        self._actor_changed()
        self.ask_sign_in(note=self.tr("{0} 已注销。").format(who))

    def leave(self) -> bool:
        """Close the account's other windows and clear the workspace; False when an unsaved edit stays."""
        window = self.window
        editor = window.edit_dialog
        if editor is not None and (editor.isVisible() or any(editor is w for w in self.hidden)):
            closed: list[int] = []

            def note(code: int) -> None:
                closed.append(code)

            editor.finished.connect(note)
            editor.reject()  # (asks about unsaved changes; refuses while saving)
            editor.finished.disconnect(note)
            if not closed:
                return False
        if window.worklist_window is not None:
            window.worklist_window.save_layout()
        for other in [*owned_windows(window, self._own_dialogs()), *self.hidden]:
            other.close()
        self.hidden = []
        window.workspace_view.reset_filters()
        window.workspace_view.clear_search()
        return True

    def _own_dialogs(self) -> tuple[QWidget | None, ...]:
        return self.sign_in_dialog, self.lock_dialog, self.first_admin_dialog

    # --- the idle lock -----------------------------------------------------------------------

    def _watch(self) -> None:
        if self.has_accounts and self.signed_in:
            self.idle.start(idle_minutes(self.ctx))
        else:
            self.idle.stop()

    def lock(self) -> None:
        """Cover the window, hide the others, and ask for the password (or another account)."""
        if not self.signed_in or (self.lock_dialog is not None and self.lock_dialog.isVisible()):
            return
        self.idle.stop()
        self.hidden = owned_windows(self.window, self._own_dialogs())
        for other in self.hidden:
            other.hide()
        self.cover.cover(self.tr("CertDesk 已锁定"))
        dialog = LockDialog(self.ctx, self.window, minutes=idle_minutes(self.ctx))
        dialog.unlocked.connect(self._unlocked)
        dialog.switchRequested.connect(self._switch)
        self.lock_dialog = dialog
        dialog.show()
        dialog.activateWindow()

    def _unlocked(self, _actor: Actor) -> None:
        self.cover.uncover()
        for other in self.hidden:
            other.show()
        self.hidden = []
        self.window.activateWindow()
        self._watch()

    def _switch(self) -> None:
        """切换账号 from the lock: sign out (closing the hidden windows), then the sign-in dialog."""
        if not self.leave():
            self.lock()  # the unsaved edit is kept: still locked
            return
        user = self.ctx.actor.name
        self.ctx.accounts.sign_out()
        self._actor_changed()
        self.ask_sign_in(note=self.tr("{0} 已退出登录，请登录另一个账号。").format(user))

    # --- the File menu's entries -----------------------------------------------------------

    def change_password(self) -> None:
        if not self.signed_in:
            return
        dialog = ChangePasswordDialog(self.ctx, self.window)
        dialog.accepted.connect(lambda: self.show_status(self.tr("密码已修改，下次登录请使用新密码")))
        self.password_dialog = dialog
        dialog.open()

    def show_admin(self) -> None:
        """系统管理…: the admin window (desktop_app/ui/admin/window.py), imported when first asked for."""
        if not self.allowed("accounts.manage"):
            return
        if self.admin_window is None:
            try:
                from desktop_app.ui.admin.window import AdminWindow
            except ModuleNotFoundError as exc:
                if not (exc.name or "").startswith("desktop_app.ui.admin"):
                    raise
                QMessageBox.information(self.window, self.tr("系统管理"), self.tr("此版本还没有系统管理窗口。"))
                return
            self.admin_window = AdminWindow(self.ctx, self.window)
        self.admin_window.show()
        self.admin_window.raise_()
        self.admin_window.activateWindow()

    # --- what the role may do ------------------------------------------------------------------

    def allowed(self, action: str) -> bool:
        """Whether the actor may `action`; if not, the service's refusal is shown (权限不足：…)."""
        try:
            self.ctx.permit(action)
        except PermissionDenied as exc:
            show_error(self.window, exc, self.tr("权限不足"))
            return False
        return True

    def _actor_changed(self) -> None:
        self.apply()
        change_bus().publish(SETTINGS_CHANGED)  # the status bar says who is signed in

    def apply(self) -> None:
        """Grey what the actor may not do; the title says who acts."""
        window = self.window
        accounts = self.has_accounts
        can = self.ctx.can if self.known else (lambda _action: True)
        window.main_actions.apply_permissions(can, accounts=accounts, signed_in=self.signed_in)
        window.workspace_view.detail.permitted = can  # the pane's own 编辑 / 预览 buttons, from the next person on
        window.sync.sync_action.setEnabled(can("sync.run") and window.sync.running is None)
        for action in (window.sync.outbox_action, window.sync.conflicts_action):
            action.setEnabled(can("view"))
        window.set_title()

    def _changed(self, changes: OpChanges) -> None:
        """A settings change (idle minutes) or an admin's change of roles: grey again, re-arm the lock."""
        if ChangeKind.SETTINGS in changes.kinds and self.known:
            self.apply()
            if self.idle.watching:
                self._watch()

    def stop(self) -> None:
        """The window closes: no lock, no dialogs left behind."""
        self.idle.stop()
        for dialog in (self.sign_in_dialog, self.lock_dialog, self.first_admin_dialog, self.password_dialog):
            if dialog is not None and dialog.isVisible():
                dialog.blockSignals(True)  # (a sign-in dialog's rejected would close the window again)
                dialog.done(QDialog.DialogCode.Rejected)
