"""The names of a record's fields as the UI shows them, in the UI's language.

The domain and the services name fields in Chinese (`person_fields.FIELD_LABELS`,
`CERTIFICATE_DATE_LABELS`, `services.history.GENERATED_FIELD_LABELS`); the UI names them by their code
through this table, so that the English UI says "Position" and not 职务. A field missing here falls
back to the name it was given.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "RecordFields"

FIELD_NAMES: dict[str, str] = {
    # the person (person_fields.FIELD_LABELS)
    "name": QT_TRANSLATE_NOOP("RecordFields", "姓名"),
    "gender": QT_TRANSLATE_NOOP("RecordFields", "性别"),
    "id_number": QT_TRANSLATE_NOOP("RecordFields", "身份证号"),
    "phone": QT_TRANSLATE_NOOP("RecordFields", "手机号码"),
    "employer_name": QT_TRANSLATE_NOOP("RecordFields", "工作单位"),
    "employer_uscc": QT_TRANSLATE_NOOP("RecordFields", "统一社会信用代码"),
    "position": QT_TRANSLATE_NOOP("RecordFields", "职务"),
    "title": QT_TRANSLATE_NOOP("RecordFields", "技术职称"),
    "education": QT_TRANSLATE_NOOP("RecordFields", "文化程度"),
    "major": QT_TRANSLATE_NOOP("RecordFields", "专业"),
    "photo": QT_TRANSLATE_NOOP("RecordFields", "照片"),
    # a certificate's dates (person_fields.CERTIFICATE_DATE_LABELS)
    "first_issued": QT_TRANSLATE_NOOP("RecordFields", "初次领证日期"),
    "issued": QT_TRANSLATE_NOOP("RecordFields", "发证日期"),
    "valid_until": QT_TRANSLATE_NOOP("RecordFields", "有效期至"),
    # what generating a new-format certificate changes (services.history.GENERATED_FIELD_LABELS)
    "number": QT_TRANSLATE_NOOP("RecordFields", "证书编号"),
    "format": QT_TRANSLATE_NOOP("RecordFields", "版式"),
    "category": QT_TRANSLATE_NOOP("RecordFields", "类别"),
    "work_type": QT_TRANSLATE_NOOP("RecordFields", "工种代码"),
    "ecert_id": QT_TRANSLATE_NOOP("RecordFields", "电子证照标识"),
    "qr_text": QT_TRANSLATE_NOOP("RecordFields", "二维码内容"),
    "new_generated_at": QT_TRANSLATE_NOOP("RecordFields", "新版生成时间"),
}


def field_name(field: str | None, fallback: str = "") -> str:
    """The field's name in the UI's language; `fallback` (or the code) for a field not in the table."""
    source = FIELD_NAMES.get(field or "")
    if source is None:
        return fallback or (field or "")
    return QCoreApplication.translate(CONTEXT, source)
