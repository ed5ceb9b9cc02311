<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>ConflictModel</name>
    <message>
        <source>（空）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictWindow</name>
    <message>
        <source>同步冲突处理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>没有同步冲突</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>整条记录（此人所有冲突字段）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保留本地</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>采用省级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>填写其他值…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本地修改与省级修改不一致的字段。处理结果会记入修改记录，并在下次同步时上传。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>填写其他值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{0}”的新值：</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OutboxModel</name>
    <message>
        <source>（需处理）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OutboxWindow</name>
    <message>
        <source>待同步的修改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>没有待同步的修改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>立即重试</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修改后重发…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>放弃…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原因（记入修改记录）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>放弃被拒绝的修改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修改后重发：{0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <source>正在{0}：{1:,} / {2:,}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（每秒 {0:,.0f}，约剩 {1}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>同步(&amp;S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>与省级服务器同步：下载省级数据，上传本地修改（F9）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>待同步修改…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>冲突处理…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>同步(&amp;Y)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>冲突处理（{0}）…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>同步</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>还没有设置省级服务器。请在“文件 → 设置…”中填写服务器地址和单位令牌。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在与省级服务器同步…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>同步完成：下载 {0} 人，上传 {1} 项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>；{0} 项冲突、{1} 项被拒绝，请处理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>；核对不一致：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>省级通知</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>自动同步未完成：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>演示省级服务器未能启动：{0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncStatusLabel</name>
    <message>
        <source>同步：…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>同步：未设置省级服务器</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>在线</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>离线</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>同步</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上次 {0}（下载 {1}，上传 {2}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>尚未同步</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>待同步 {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>需处理 {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
