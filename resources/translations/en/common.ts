<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>Op</name>
    <message>
        <source>已取消：另一个程序一直在写入本地数据库</source>
        <translation>Cancelled: another program kept writing to the local cache</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>正在等待另一个程序完成写入（已等待 {0} 秒）…</source>
        <translation>Waiting for another program to finish writing (waited {0} s so far)…</translation>
    </message>
</context>
<context>
    <name>PagedTableModel</name>
    <message>
        <source>读取出错：{0}</source>
        <translation>Could not read: {0}</translation>
    </message>
</context>
<context>
    <name>badges</name>
    <message>
        <source>新版</source>
        <translation>New format</translation>
    </message>
    <message>
        <source>旧版</source>
        <translation>Old format</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>CertDesk</source>
        <translation>CertDesk</translation>
    </message>
    <message>
        <source>复制错误信息</source>
        <translation>Copy error details</translation>
    </message>
</context>
</TS>
