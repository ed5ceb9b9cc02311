"""关于 CertDesk: the version, the cache's schema, Qt and PySide6, and the licences of the bundled parts."""

from __future__ import annotations

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app import __version__
from desktop_app.licences import bundled_parts


class AboutDialog(QDialog):
    def __init__(self, schema: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("关于 CertDesk"))
        heading = QLabel(self.tr("<b>CertDesk {0}</b> · 建设从业人员证书工作台").format(__version__))
        versions = QLabel(self.tr("缓存结构版本 {0}；Qt {1}，PySide6 {2}").format(schema, qVersion(), pyside_version))
        versions.setObjectName("aboutVersions")
        note = QLabel(self.tr("随程序提供的组件及其许可证："))
        parts = bundled_parts()
        self.table = QTableWidget(len(parts), 3)
        self.table.setObjectName("aboutLicences")
        self.table.setHorizontalHeaderLabels([self.tr("组件"), self.tr("版本"), self.tr("许可证")])
        for row, part in enumerate(parts):
            for column, text in enumerate((part.name, part.version, part.licence)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (heading, versions, note, self.table, buttons):
            layout.addWidget(widget)
        self.resize(640, 480)
