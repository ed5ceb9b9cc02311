<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>ConflictModel</name>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>原值</source>
        <translation>Base value</translation>
    </message>
    <message>
        <source>本地的值</source>
        <translation>Local value</translation>
    </message>
    <message>
        <source>本地修改人</source>
        <translation>Changed locally by</translation>
    </message>
    <message>
        <source>省级的值</source>
        <translation>Provincial value</translation>
    </message>
    <message>
        <source>省级修改单位</source>
        <translation>Changed at the province by</translation>
    </message>
</context>
<context>
    <name>ConflictWindow</name>
    <message>
        <source>同步冲突处理</source>
        <translation>Sync conflicts</translation>
    </message>
    <message>
        <source>没有同步冲突</source>
        <translation>No sync conflicts</translation>
    </message>
    <message>
        <source>整条记录（此人所有冲突字段）</source>
        <translation>Whole record (every conflicting field of this person)</translation>
    </message>
    <message>
        <source>保留本地</source>
        <translation>Keep local</translation>
    </message>
    <message>
        <source>采用省级</source>
        <translation>Take provincial</translation>
    </message>
    <message>
        <source>填写其他值…</source>
        <translation>Enter another value…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>本地修改与省级修改不一致的字段。处理结果会记入修改记录，并在下次同步时上传。</source>
        <translation>Fields changed both here and at the province, differently. Your choice is recorded in the history and uploaded at the next sync.</translation>
    </message>
    <message>
        <source>填写其他值</source>
        <translation>Enter another value</translation>
    </message>
    <message>
        <source>“{0}”的新值：</source>
        <translation>New value of &quot;{0}&quot;:</translation>
    </message>
</context>
<context>
    <name>OutboxModel</name>
    <message>
        <source>待发送</source>
        <translation>Waiting to send</translation>
    </message>
    <message>
        <source>发送中</source>
        <translation>Sending</translation>
    </message>
    <message>
        <source>已同步</source>
        <translation>Synced</translation>
    </message>
    <message>
        <source>冲突</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <source>被拒绝</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>等待重试</source>
        <translation>Waiting to retry</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>修改内容</source>
        <translation>Changes</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>次数</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <source>下次重试</source>
        <translation>Next retry</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>（需处理）</source>
        <translation> (needs attention)</translation>
    </message>
</context>
<context>
    <name>OutboxWindow</name>
    <message>
        <source>待同步的修改</source>
        <translation>Changes not yet synced</translation>
    </message>
    <message>
        <source>没有待同步的修改</source>
        <translation>No changes waiting to sync</translation>
    </message>
    <message>
        <source>立即重试</source>
        <translation>Retry now</translation>
    </message>
    <message>
        <source>修改后重发…</source>
        <translation>Correct and resend…</translation>
    </message>
    <message>
        <source>放弃…</source>
        <translation>Discard…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>原因（记入修改记录）：</source>
        <translation>Reason (recorded in the history):</translation>
    </message>
    <message>
        <source>放弃被拒绝的修改</source>
        <translation>Discard the rejected change</translation>
    </message>
    <message>
        <source>修改后重发：{0}</source>
        <translation>Corrected and resent: {0}</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <source>正在{0}：{1:,} / {2:,}</source>
        <translation>{0}: {1:,} / {2:,}</translation>
    </message>
    <message>
        <source>（每秒 {0:,.0f}，约剩 {1}）</source>
        <translation> ({0:,.0f} a second, about {1} left)</translation>
    </message>
    <message>
        <source>同步(&amp;S)</source>
        <translation>&amp;Sync</translation>
    </message>
    <message>
        <source>与省级服务器同步：下载省级数据，上传本地修改（F9）</source>
        <translation>Sync with the provincial server: download the province&apos;s data, upload local changes (F9)</translation>
    </message>
    <message>
        <source>待同步修改…</source>
        <translation>Changes not yet synced…</translation>
    </message>
    <message>
        <source>冲突处理…</source>
        <translation>Conflicts…</translation>
    </message>
    <message>
        <source>同步(&amp;Y)</source>
        <translation>S&amp;ync</translation>
    </message>
    <message>
        <source>冲突处理（{0}）…</source>
        <translation>Conflicts ({0})…</translation>
    </message>
    <message>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>下载省级数据</source>
        <translation>Downloading the province&apos;s data</translation>
    </message>
    <message>
        <source>下载省级更新</source>
        <translation>Downloading the province&apos;s updates</translation>
    </message>
    <message>
        <source>上传本地修改</source>
        <translation>Uploading local changes</translation>
    </message>
    <message>
        <source>{0} 分 {1} 秒</source>
        <translation>{0} min {1} s</translation>
    </message>
    <message>
        <source>{0} 秒</source>
        <translation>{0} s</translation>
    </message>
    <message>
        <source>还没有设置省级服务器。请在“文件 → 设置…”中填写服务器地址和单位令牌。</source>
        <translation>No provincial server is set up yet. Enter the server address and the unit token in &quot;File → Settings…&quot;.</translation>
    </message>
    <message>
        <source>正在与省级服务器同步…</source>
        <translation>Syncing with the provincial server…</translation>
    </message>
    <message>
        <source>同步完成：下载 {0} 人，上传 {1} 项</source>
        <translation>Sync complete: {0} people downloaded, {1} changes uploaded</translation>
    </message>
    <message>
        <source>；{0} 项冲突、{1} 项被拒绝，请处理</source>
        <translation>; conflicts: {0}, rejected: {1} (please deal with them)</translation>
    </message>
    <message>
        <source>；核对不一致：{0}</source>
        <translation>; check found differences: {0}</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>省级通知</source>
        <translation>Notice from the province</translation>
    </message>
    <message>
        <source>自动同步未完成：{0}</source>
        <translation>Automatic sync did not finish: {0}</translation>
    </message>
    <message>
        <source>演示省级服务器未能启动：{0}</source>
        <translation>The demo provincial server did not start: {0}</translation>
    </message>
</context>
<context>
    <name>SyncStatusLabel</name>
    <message>
        <source>同步：…</source>
        <translation>Sync: …</translation>
    </message>
    <message>
        <source>同步：未设置省级服务器</source>
        <translation>Sync: no provincial server set up</translation>
    </message>
    <message>
        <source>在线</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>离线</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>上次 {0}（下载 {1}，上传 {2}）</source>
        <translation>Last sync {0} ({1} down, {2} up)</translation>
    </message>
    <message>
        <source>尚未同步</source>
        <translation>Not synced yet</translation>
    </message>
    <message>
        <source>待同步 {0}</source>
        <translation>Not yet synced: {0}</translation>
    </message>
    <message>
        <source>需处理 {0}</source>
        <translation>Needs attention: {0}</translation>
    </message>
</context>
<context>
    <name>sync</name>
    <message>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>已更换</source>
        <translation>replaced</translation>
    </message>
    <message>
        <source>已添加</source>
        <translation>added</translation>
    </message>
    <message>
        <source>已删除</source>
        <translation>removed</translation>
    </message>
    <message>
        <source>{field}：{what}</source>
        <translation>{field}: {what}</translation>
    </message>
    <message>
        <source>{field}：{old} → {new}</source>
        <translation>{field}: {old} → {new}</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
</context>
</TS>
