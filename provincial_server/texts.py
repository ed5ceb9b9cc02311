"""The server's messages to the user, in Chinese (the protocol carries a stable code beside each)."""

from __future__ import annotations

REJECTED = {
    "unknown_record": "省级库中没有此记录（{key}）",
    "deleted_record": "此人员记录已在省级库中删除（{key}）",
    "not_your_unit": "此人员没有本单位（{units}）发的证书，不能由本单位修改",
    "unknown_field": "字段“{field}”不能修改",
    "bad_change": "修改内容有误：{detail}",
    "invalid_value": "修改后的记录不符合规则：{detail}",
    "id_number_taken": "身份证号 {id_number} 已属于省级库中的另一人员",
    "number_taken": "证书 {number} 已属于身份证号为 {owner} 的人员",
    "idempotency_mismatch": "同一修改编号（{change_id}）已用于另一内容的修改，请重新生成该修改",
}

ERRORS = {
    "unauthorized": "未提供有效的单位令牌，请在设置中检查省级服务器令牌",
    "forbidden": "此单位令牌已停用，请联系省级管理员",
    "protocol_unsupported": "客户端的同步协议版本 {version} 不受支持（服务器支持 {low}–{high}），请升级 CertDesk",
    "cursor_stale": "同步位置 {since} 超出服务器当前序号 {high_water}，需要重新完整下载",
    "epoch_changed": "省级数据集已更换，需要重新完整下载",
    "overloaded": "服务器繁忙，请稍后重试",
    "database_busy": "省级数据库繁忙，请稍后重试",
    "database_full": "省级数据库存储空间已满，请联系省级管理员",
    "database_unavailable": "省级数据库暂时不可用，请稍后重试",
    "bad_request": "请求格式不正确：{problem}",
    "not_found": "没有这个地址：{path}",
    "payload_too_large": "请求过大（{size} 字节，上限 {limit} 字节），请分批发送",
    "internal_error": "省级服务器内部错误，已记录，请稍后重试或联系省级管理员",
}


def rejected(code: str, **params: object) -> str:
    return REJECTED[code].format(**params)


def error(code: str, **params: object) -> str:
    return ERRORS[code].format(**params)
