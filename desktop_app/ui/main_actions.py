"""The main window's actions (with their shortcuts) and its menu bar.

The actions only say what the user asked for; the main window connects them to what it does. A new
feature adds its action here and its menu entry in `build_menus`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from desktop_app.services.search_types import PersonDetail
from desktop_app.ui.workspace.view import WorkspaceView

PROGRESS_SHORTCUT = "Ctrl+Shift+J"  # 进度 (jìndù)
# The action each entry needs (resources/rules/roles.toml); the role greys the entries it may not use.
# edit, undo and preview need theirs too, and a person shown (show_detail, show_pending).
PERMISSIONS = {
    "worklist": "worklist.view", "progress": "progress.view", "batch": "batch.generate", "verify": "verify",
    "calibrate": "printer.calibrate", "import_records": "records.import", "export_records": "records.export",
    "admin": "accounts.manage",
}


class MainActions(QObject):
    """Every action of the main window; the shortcut ones are added to the window."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.edit = self._action(window, "editAction", self.tr("编辑人员信息…"), QKeySequence("Ctrl+E"))
        self.edit.setEnabled(False)
        # Ctrl+Z in the search box (or any text field) undoes typing there: the field takes the key first.
        self.undo = self._action(window, "undoAction", self.tr("撤销上一次修改"),
                                 QKeySequence(QKeySequence.StandardKey.Undo))
        self.undo.setEnabled(False)
        self.worklist = self._action(window, "worklistAction", self.tr("A 证待补充信息…"), QKeySequence("Ctrl+L"))
        # (Ctrl+Shift+P is the certificate preview's)
        self.progress = self._action(window, "progressAction", self.tr("换发进度…"), QKeySequence(PROGRESS_SHORTCUT))
        self.operator = QAction(self.tr("设置操作员姓名…"), window)
        self.preview = self._action(window, "previewAction", self.tr("预览/打印新版证书…"),
                                    QKeySequence("Ctrl+Shift+P"))
        self.preview.setEnabled(False)
        self.batch = self._action(window, "batchAction", self.tr("批量生成…"), QKeySequence("Ctrl+B"))
        self.verify = self._action(window, "verifyAction", self.tr("验证二维码…"), QKeySequence("Ctrl+Shift+V"))
        self.calibrate = QAction(self.tr("打印机校准…"), window)
        self.calibrate.setObjectName("calibrateAction")
        self.import_records = self._action(window, "importRecordsAction", self.tr("导入记录…"),
                                           QKeySequence(QKeySequence.StandardKey.Open))
        self.export_records = QAction(self.tr("导出记录…"), window)
        self.export_records.setObjectName("exportRecordsAction")
        self.settings = self._action(window, "settingsAction", self.tr("设置…"), QKeySequence("Ctrl+,"))
        self.settings.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.sign_out = QAction(self.tr("注销"), window)
        self.sign_out.setObjectName("signOutAction")
        self.sign_out.setVisible(False)  # (in a workspace with accounts)
        self.change_password = QAction(self.tr("修改密码…"), window)
        self.change_password.setObjectName("changePasswordAction")
        self.change_password.setVisible(False)
        self.admin = QAction(self.tr("系统管理…"), window)
        self.admin.setObjectName("adminAction")
        self.permitted: Callable[[str], bool] = lambda _action: True
        self.detail: PersonDetail | None = None
        for action in (self.edit, self.undo, self.worklist, self.progress, self.preview, self.batch, self.verify,
                       self.import_records, self.settings):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            window.addAction(action)

    @staticmethod
    def _action(window: QMainWindow, name: str, text: str, shortcut: QKeySequence) -> QAction:
        action = QAction(text, window)
        action.setObjectName(name)
        action.setShortcut(shortcut)
        return action

    def window_shortcuts(self) -> list[QKeySequence]:
        """The shortcuts that must work from the search box too (not Ctrl+Z: there it undoes typing)."""
        return [a.shortcut() for a in (self.edit, self.worklist, self.progress, self.preview, self.batch, self.verify,
                                       self.import_records, self.settings)]

    def apply_permissions(self, can: Callable[[str], bool], *, accounts: bool, signed_in: bool) -> None:
        """Grey what the actor may not do (`ctx.can`); the account entries only where there are accounts,
        the operator's name only where there are none."""
        self.permitted = can
        for name, action in PERMISSIONS.items():
            getattr(self, name).setEnabled(can(action))
        self.operator.setVisible(not accounts)
        for entry in (self.sign_out, self.change_password):
            entry.setVisible(accounts)
            entry.setEnabled(signed_in)
        self.show_detail(self.detail)

    def show_detail(self, detail: PersonDetail | None) -> None:
        """The person shown in the detail pane (None: nobody) enables editing, preview and undo."""
        self.detail = detail
        self.edit.setEnabled(detail is not None and self.permitted("records.edit"))
        self.preview.setEnabled(detail is not None and bool(detail.certificates) and self.permitted("certs.print"))
        self.show_pending(detail.unsynced_changes if detail is not None else 0)

    def show_pending(self, pending: int) -> None:
        """How many unsynced changes the shown person has (the undo action says so)."""
        self.undo.setEnabled(pending > 0 and self.permitted("records.undo"))
        self.undo.setText(self.tr("撤销上一次修改（{0} 项未同步）").format(pending) if pending
                          else self.tr("撤销上一次修改"))


def build_menus(window: QMainWindow, actions: MainActions, view: WorkspaceView, about: Callable[[], None]) -> None:
    """文件 / 编辑 / 工作清单 / 证书 / 视图 / 帮助."""
    menu_bar = window.menuBar()
    file_menu = menu_bar.addMenu(QCoreApplication.translate("MainMenus", "文件(&F)"))
    file_menu.addAction(actions.import_records)
    file_menu.addAction(actions.export_records)
    file_menu.addSeparator()
    file_menu.addAction(actions.settings)
    file_menu.addAction(actions.admin)
    file_menu.addSeparator()
    file_menu.addAction(actions.change_password)
    file_menu.addAction(actions.sign_out)
    file_menu.addSeparator()
    quit_action = QAction(QCoreApplication.translate("MainMenus", "退出(&X)"), window)
    quit_action.setShortcut(QKeySequence.StandardKey.Quit)
    quit_action.triggered.connect(window.close)
    file_menu.addAction(quit_action)
    edit_menu = menu_bar.addMenu(QCoreApplication.translate("MainMenus", "编辑(&E)"))
    edit_menu.addAction(view.find_action)  # the view's own action: one Ctrl+F
    edit_menu.addAction(view.clear_action)
    reset_filters = QAction(QCoreApplication.translate("MainMenus", "清除筛选"), window)
    reset_filters.triggered.connect(view.reset_filters)
    edit_menu.addAction(reset_filters)
    edit_menu.addSeparator()
    edit_menu.addAction(actions.edit)
    edit_menu.addAction(actions.undo)
    edit_menu.addSeparator()
    edit_menu.addAction(actions.operator)
    work_menu = menu_bar.addMenu(QCoreApplication.translate("MainMenus", "工作清单(&W)"))
    work_menu.addAction(actions.worklist)
    work_menu.addAction(actions.progress)
    cert_menu = menu_bar.addMenu(QCoreApplication.translate("MainMenus", "证书(&C)"))
    cert_menu.addAction(actions.preview)
    cert_menu.addAction(actions.batch)
    cert_menu.addSeparator()
    cert_menu.addAction(actions.verify)
    cert_menu.addSeparator()
    cert_menu.addAction(actions.calibrate)
    view_menu = menu_bar.addMenu(QCoreApplication.translate("MainMenus", "视图(&V)"))
    reset_columns = QAction(QCoreApplication.translate("MainMenus", "恢复默认列"), window)
    reset_columns.triggered.connect(view.reset_columns)
    view_menu.addAction(reset_columns)
    help_menu = menu_bar.addMenu(QCoreApplication.translate("MainMenus", "帮助(&H)"))
    about_action = QAction(QCoreApplication.translate("MainMenus", "关于 CertDesk(&A)"), window)
    about_action.triggered.connect(about)
    help_menu.addAction(about_action)
