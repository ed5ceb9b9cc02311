"""How the sync windows name a changed field and show its values, in the UI's language.

A queued change and a conflict name fields by their code, in the record format's spelling
(`employer.name`) or the cache's (`employer_name`); the UI shows the field's name
(`ui.records.field_names`), a coded value as it reads (版式 old → 旧版), and a photo, whose values are
digests, as 已添加 / 已更换 / 已删除.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from desktop_app.domain.changes import FieldChange
from desktop_app.services.history import value_label
from desktop_app.ui.records.field_names import field_name

PHOTO_FIELD = "photo"
_WIRE_NAMES = {"employer.name": "employer_name", "employer.uscc": "employer_uscc"}


def sync_field_name(field: str) -> str:
    """职务 for `position`, 工作单位 for `employer.name`; an unknown code as it is."""
    return field_name(_WIRE_NAMES.get(field, field), field)


def empty() -> str:
    return QCoreApplication.translate("sync", "（空）")


def value_text(field: str, value: str | None) -> str:
    """A value as the user reads it: （空） for none, 旧版 / 新版 for a format code, the value otherwise."""
    if not value:
        return empty()
    return value_label(_WIRE_NAMES.get(field, field), value) or value


def change_text(change: FieldChange) -> str:
    """职务：（空） → 项目经理; 照片：已更换."""
    name = sync_field_name(change.field)
    if change.field == PHOTO_FIELD:
        if change.old and change.new:
            what = QCoreApplication.translate("sync", "已更换")
        elif change.new:
            what = QCoreApplication.translate("sync", "已添加")
        else:
            what = QCoreApplication.translate("sync", "已删除")
        return QCoreApplication.translate("sync", "{field}：{what}").format(field=name, what=what)
    return QCoreApplication.translate("sync", "{field}：{old} → {new}").format(
        field=name, old=value_text(change.field, change.old), new=value_text(change.field, change.new))


def changes_text(changes: Sequence[FieldChange]) -> str:
    """Every field of one queued change, on one line."""
    return QCoreApplication.translate("sync", "；").join(change_text(c) for c in changes)
