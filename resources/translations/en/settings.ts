<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>SettingsDialog</name>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>（未设置）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>每一次修改都以此姓名记入修改记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本工作站所属发证机关：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>操作员姓名：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>默认（{0} 分钟）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无人操作这么久后窗口锁定，须输入密码解锁</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>空闲锁定：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发证机关用于批量生成和 A 证待补充信息清单的默认选择。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工作区文件夹：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（演示工作区 · 样本数据）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>省级同步的设置需要{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}（不在发证机关表中）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>咨询电话：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>操作员姓名不能为空</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncSection</name>
    <message>
        <source>省级同步</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已保存：{0}（输入新令牌以更换）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>省级管理员发给本单位的令牌</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>仅当省级服务器使用自建证书颁发机构时需要</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不自动同步</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>服务器地址：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>单位令牌：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA 证书文件：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>自动同步间隔：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择省级 CA 证书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证书 (*.pem *.crt *.cer);;所有文件 (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>省级服务器地址必须以 https:// 开头</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WorkstationLabel</name>
    <message>
        <source>未设置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} · 发证机关：{1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>在“文件 → 设置…”中更改</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
